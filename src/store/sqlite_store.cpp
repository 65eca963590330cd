// Creating and opening campaign files: a new campaign is built under a
// temporary name and named once complete; an existing file is checked before
// anything is written into it, then migrated.
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <unistd.h>

#include "core/french.h"
#include "campaign_store.h"
#include "core/error.h"
#include "sqlite_ledger.h"
#include "sqlite_schema.h"
#include "sqlite_store.h"
#include "core/invisible.h"

namespace cotation {
using sqlite::Db;
using sqlite::JournalWriter;
using sqlite::ledger_schema;
using sqlite::Transaction;
namespace ledger = sqlite::ledger;
using sqlite::SqliteStore;
using sqlite::check_is_campaign;
using sqlite::configure;
using sqlite::migrate;
using sqlite::schema_version;
using sqlite::user_version;
using sqlite::kApplicationId;

int sqlite_schema_version() { return sqlite::schema_version(); }

namespace {
std::string temporary_name(const std::string& path) {
    std::filesystem::path p(path);
    std::string dir = p.parent_path().string();
    return (dir.empty() ? std::string() : dir + "/") + "." + p.filename().string() + "." + std::to_string(::getpid()) +
           ".en-creation";
}

// A killed process not yet reaped (a zombie, when no init reaps it) counts as gone.
bool process_alive(long pid) {
    if (pid <= 0 || pid > 1 << 22) return false;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) return false;
    std::FILE* f = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "r");
    if (!f) return true;   // no /proc: trust kill()
    char buf[512] = {};
    std::size_t n = std::fread(buf, 1, sizeof buf - 1, f);
    std::fclose(f);
    const char* close = std::strrchr(buf, ')');   // the state follows "pid (name) "
    return !(n && close && close[1] == ' ' && (close[2] == 'Z' || close[2] == 'X'));
}

// A creation killed before its end left a hidden temporary file; it never
// blocks a new creation and is removed once its process is gone.
void remove_stale_temporaries(const std::string& path) {
    std::filesystem::path p(path);
    std::filesystem::path dir = p.parent_path().empty() ? std::filesystem::path(".") : p.parent_path();
    std::string prefix = "." + p.filename().string() + ".", suffix = ".en-creation";
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
        std::string n = e.path().filename().string();
        auto base_end = n.find(suffix);
        if (n.rfind(prefix, 0) != 0 || base_end == std::string::npos) continue;
        std::string pid = n.substr(prefix.size(), base_end - prefix.size());
        if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) continue;
        if (process_alive(std::stol(pid))) continue;
        std::filesystem::remove(e.path(), ec);
    }
}

void remove_database(const std::string& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix, ec);
}

// A migration is a change too: its entry carries the digests of the rows it
// changed. A campaign made before the ledger gets the digests of all its rows
// (what the journal vouches for from then on). A row that already differed
// from the journal before the migration is not vouched for: it stays named.
void record_migration(Db& db, int from, const ledger::Rows& before) {
    Transaction t(db);
    JournalWriter j(db);
    auto entries = sqlite::read_journal(db, "");
    ledger::Rows after = ledger::current(db), record;
    if (from < ledger_schema()) {
        record = after;
    } else {
        ledger::Rows vouched = ledger::expected(entries);
        auto same = [](const ledger::Rows& m, const std::pair<std::string, std::string>& k, const std::string* d) {
            auto it = m.find(k);
            return it == m.end() ? d == nullptr : d && it->second == *d;
        };
        for (const auto& [k, d] : after) {
            auto b = before.find(k);
            const std::string* old = b == before.end() ? nullptr : &b->second;
            if (!same(before, k, &d) && same(vouched, k, old)) record[k] = d;
        }
        for (const auto& [k, d] : before)
            if (!after.count(k) && same(vouched, k, &d)) record[k] = "-";
    }
    if (record.empty()) return;
    j.add("cotation", "schema.migration", "campagne/schema", "schéma " + std::to_string(from),
          "schéma " + std::to_string(schema_version()) + " — empreintes de " +
              fr::plural(record.size(), "ligne"));
    j.attach(ledger::rows_text(record));
    j.finish();
    t.commit();
}

// Brings a writable file to this build's schema, then arms it: the lock of
// every table, the noting of the rows each change makes.
void prepare(Db& db) {
    int from = user_version(db);
    bool upgrading = from > 0 && from < schema_version();
    ledger::Rows before;
    if (upgrading && from >= ledger_schema()) before = ledger::current(db);
    migrate(db);
    // The lock triggers of the tables a migration (or the creation) made; a
    // campaign already at this schema has them all, and one missing was
    // removed outside Cotation: put back at each opening, it hid that (trial
    // 13H), so it is left for the writes to refuse and `journal verify` to say.
    if (from < schema_version()) sqlite::lock_tables(db);
    ledger::track(db);
    if (upgrading) record_migration(db, from, before);
}

std::unique_ptr<SqliteStore> open_checked(const std::string& path, bool read_only = false) {
    check_is_campaign(path);
    if (read_only) {
        // Reading commands never write; a campaign needing a migration is
        // opened for writing once, as before.
        auto db = std::make_unique<Db>(path, false, true);
        if (user_version(*db) == schema_version()) return std::make_unique<SqliteStore>(std::move(db));
    }
    auto db = std::make_unique<Db>(path, false);
    // Damaged pages: refused before configure() or a migration writes (trial 13 F25).
    sqlite::require_sound(*db);
    try {
        configure(*db);
    } catch (const Error&) {
        throw InputError(fr::quote_path(path) + " n'est pas un fichier de campagne Cotation (base SQLite illisible).");
    }
    prepare(*db);
    return std::make_unique<SqliteStore>(std::move(db));
}
}  // namespace

std::string begin_campaign_creation(const std::string& path) {
    if (std::filesystem::is_directory(path))
        throw InputError("« " + path +
                         " » est un dossier ; indiquez le nom du fichier de campagne à créer (rien n'a été modifié).");
    // A link to a missing file is no existing file (trial 13c F10): say what it is.
    if (std::error_code ec; std::filesystem::is_symlink(path, ec) && !std::filesystem::exists(path, ec))
        throw InputError(fr::quote_path(path) + " est un lien symbolique vers « " +
                         std::filesystem::read_symlink(path, ec).string() +
                         " », qui n'existe pas ; Cotation ne crée pas de campagne à travers un lien : supprimez le lien "
                         "ou choisissez un autre nom (rien n'a été écrit).");
    if (std::filesystem::exists(path))
        throw InputError("Le fichier " + fr::quote_path(path) + " existe déjà ; choisissez un autre nom (rien n'a été écrasé).");
    // A folder that refuses writes is said in French before anything is tried (trial 2 of issue 13).
    if (std::string why = sqlite::creation_refusal(path); !why.empty()) throw InputError(why);
    remove_stale_temporaries(path);
    std::string tmp = temporary_name(path);
    remove_database(tmp);
    return tmp;
}

void finish_campaign_creation(const std::string& temporary, const std::string& path) {
    // Closed by then: SQLite folds the WAL into the file at the last close.
    std::error_code ec;
    if (std::filesystem::exists(temporary + "-wal", ec))
        throw Error("Campagne " + fr::quote_path(path) + " : le journal d'écriture n'a pas été intégré ; création abandonnée.");
    // link() never replaces an existing file, unlike rename().
    if (::link(temporary.c_str(), path.c_str()) == 0) {
        std::filesystem::remove(temporary, ec);
        return;
    }
    if (errno == EEXIST) {
        remove_database(temporary);
        throw InputError("Le fichier " + fr::quote_path(path) + " existe déjà ; choisissez un autre nom (rien n'a été écrasé).");
    }
    if (std::filesystem::exists(path))
        throw InputError("Le fichier " + fr::quote_path(path) + " existe déjà (rien n'a été écrasé).");
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        remove_database(temporary);
        throw InputError("Impossible de nommer la campagne " + fr::quote_path(path) + " : " + ec.message() + ".");
    }
}

void abandon_campaign_creation(const std::string& temporary) { remove_database(temporary); }

std::unique_ptr<CampaignStore> open_sqlite_store_read_only(const std::string& path) {
    if (!std::filesystem::exists(path)) throw InputError("La campagne " + fr::quote_path(path) + " n'existe pas.");
    return open_checked(path, true);
}

std::unique_ptr<CampaignStore> create_sqlite_store(const std::string& path, const Campaign& campaign,
                                                   const PinnedGrid& grid, const std::string& actor,
                                                   const CreationRest& rest) {
    // Built under a temporary name and named when complete: a creation
    // killed half-way leaves no campaign under `path`.
    // A path that is itself a creation's temporary (the demo's) is built in place.
    std::string base = std::filesystem::path(path).filename().string();
    bool nested = base.size() > 12 && base[0] == '.' && base.compare(base.size() - 12, 12, ".en-creation") == 0;
    std::string tmp = nested ? path : begin_campaign_creation(path);
    if (nested && std::filesystem::exists(path))
        throw InputError("Le fichier " + fr::quote_path(path) + " existe déjà ; choisissez un autre nom (rien n'a été écrasé).");
    try {
        {
            auto db = std::make_unique<Db>(tmp, true);
            db->exec("PRAGMA application_id = " + std::to_string(kApplicationId));
            configure(*db);
            prepare(*db);
            auto store = std::make_unique<SqliteStore>(std::move(db));
            store->init(campaign, grid, actor);
            if (rest) rest(*store);
        }
        if (!nested) finish_campaign_creation(tmp, path);
    } catch (...) {
        abandon_campaign_creation(tmp);
        throw;
    }
    return open_checked(path);
}

std::unique_ptr<CampaignStore> open_sqlite_store(const std::string& path) {
    if (!std::filesystem::exists(path)) throw InputError("La campagne " + fr::quote_path(path) + " n'existe pas.");
    // A creation of this name killed earlier left its hidden files beside it.
    remove_stale_temporaries(path);
    return open_checked(path);
}

}  // namespace cotation
