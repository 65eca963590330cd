// The campaign file's schema: its migrations, applied in order, and the check
// that a file is a campaign before anything is written into it.
#include "sqlite_schema.h"
#include "sqlite_territory.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>
#include <cstring>
#include <filesystem>

#include "core/error.h"
#include "core/read_rules.h"
#include "sqlite_ledger.h"
#include "core/invisible.h"

namespace cotation::sqlite {
namespace {

// 10 (schema 11 once merged): the journal's ledger, each entry carrying the
// digests of the rows its change left (sqlite_ledger.h). Touches the journal
// alone; the opening records a first entry with the digests of every row of a
// campaign made before (open_checked), and the lock triggers of every table
// are made from sqlite_master at each opening (lock_tables).
const char* const kLedgerSql = R"sql(
ALTER TABLE journal ADD COLUMN rows TEXT NOT NULL DEFAULT '';
)sql";

// 19: each dossier's and declared link's organisation as a reader compares it
// (core organisation_key: case, accents, spaces and punctuation aside), so
// that a server's rights match a link as the core does (issue 15 N1). Empty
// until fill_organisation_keys() gives the rows before their key, in the same
// step: the opening's migration entry vouches for them anew (record_migration).
const char* const kOrganisationKeysSql = R"sql(
ALTER TABLE dossier ADD COLUMN organisation_key TEXT NOT NULL DEFAULT '';
ALTER TABLE conflict ADD COLUMN organisation_key TEXT NOT NULL DEFAULT '';
)sql";

// Each entry moves the schema from version i to i+1; never edit one that
// has shipped, add the next.
const char* const kMigrations[] = {
    R"sql(
CREATE TABLE campaign (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  reference TEXT NOT NULL, title TEXT NOT NULL DEFAULT '', authority TEXT NOT NULL DEFAULT '',
  signatory TEXT NOT NULL DEFAULT '', city TEXT NOT NULL DEFAULT '',
  grid_id TEXT NOT NULL, grid_version TEXT NOT NULL, grid_name TEXT NOT NULL, grid_xml TEXT NOT NULL,
  created_at TEXT NOT NULL);
CREATE TABLE campaign_parameter (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE dossier (
  id INTEGER PRIMARY KEY, reference TEXT NOT NULL UNIQUE, organisme TEXT NOT NULL,
  siret TEXT NOT NULL DEFAULT '', finess TEXT NOT NULL DEFAULT '', commune TEXT NOT NULL DEFAULT '');
CREATE TABLE dossier_fact (
  dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
  fact TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (dossier_id, fact)) WITHOUT ROWID;
CREATE TABLE dossier_document (
  dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
  document TEXT NOT NULL, PRIMARY KEY (dossier_id, document)) WITHOUT ROWID;
CREATE TABLE reviewer (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE rating (
  dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
  reviewer_id INTEGER NOT NULL REFERENCES reviewer(id),
  criterion TEXT NOT NULL, value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 20),
  justification TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL,
  PRIMARY KEY (dossier_id, reviewer_id, criterion)) WITHOUT ROWID;
CREATE TABLE journal (
  seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  entity TEXT NOT NULL, old_value TEXT NOT NULL, new_value TEXT NOT NULL,
  prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX journal_entity ON journal(entity);
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
  BEGIN SELECT RAISE(ABORT, 'le journal ne peut être que complété'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
  BEGIN SELECT RAISE(ABORT, 'le journal ne peut être que complété'); END;
)sql",
    // 2: the dossier form is pinned beside the grid (forms/*.xml).
    R"sql(
ALTER TABLE campaign ADD COLUMN form_name TEXT NOT NULL DEFAULT '';
ALTER TABLE campaign ADD COLUMN form_xml TEXT NOT NULL DEFAULT '';
)sql",
    // 3: every grid a campaign has used, kept when it moves to a new version.
    R"sql(
CREATE TABLE grid_history (
  seq INTEGER PRIMARY KEY, grid_id TEXT NOT NULL, grid_version TEXT NOT NULL, grid_name TEXT NOT NULL,
  grid_xml TEXT NOT NULL, form_name TEXT NOT NULL, form_xml TEXT NOT NULL,
  replaced_at TEXT NOT NULL, replaced_by TEXT NOT NULL, reason TEXT NOT NULL);
)sql",
    // 4: the coordinator's consolidated ratings.
    R"sql(
CREATE TABLE consolidation (
  dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
  criterion TEXT NOT NULL, value TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL, decided_at TEXT NOT NULL,
  PRIMARY KEY (dossier_id, criterion)) WITHOUT ROWID;
)sql",
    // 5: a closed campaign is locked; the triggers back the application's check.
    R"sql(
ALTER TABLE campaign ADD COLUMN closed_at TEXT NOT NULL DEFAULT '';
CREATE TRIGGER rating_locked_insert BEFORE INSERT ON rating WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER rating_locked_update BEFORE UPDATE ON rating WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER rating_locked_delete BEFORE DELETE ON rating WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER consolidation_locked_insert BEFORE INSERT ON consolidation WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER consolidation_locked_update BEFORE UPDATE ON consolidation WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER dossier_locked_insert BEFORE INSERT ON dossier WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER dossier_fact_locked BEFORE INSERT ON dossier_fact WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
)sql",
    // 6: the authority's decisions, after the committee's opinion.
    R"sql(
CREATE TABLE decision (
  dossier_id INTEGER PRIMARY KEY REFERENCES dossier(id) ON DELETE CASCADE,
  kind TEXT NOT NULL, motive TEXT NOT NULL, decided_on TEXT NOT NULL, places TEXT NOT NULL DEFAULT '',
  committee_opinion TEXT NOT NULL DEFAULT '', departure_reason TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL, recorded_at TEXT NOT NULL);
CREATE TRIGGER decision_locked_insert BEFORE INSERT ON decision WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER decision_locked_update BEFORE UPDATE ON decision WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
)sql",
    // 7: people and roles, assignments, declared links, submitted ratings.
    R"sql(
CREATE TABLE person (name TEXT PRIMARY KEY, role TEXT NOT NULL, organisation TEXT NOT NULL DEFAULT '') WITHOUT ROWID;
CREATE TABLE assignment (
  dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE, reviewer TEXT NOT NULL REFERENCES person(name),
  PRIMARY KEY (dossier_id, reviewer)) WITHOUT ROWID;
CREATE TABLE conflict (
  reviewer TEXT NOT NULL REFERENCES person(name), organisme TEXT NOT NULL, declaration TEXT NOT NULL,
  declared_on TEXT NOT NULL, declared_by TEXT NOT NULL, PRIMARY KEY (reviewer, organisme)) WITHOUT ROWID;
CREATE TABLE submission (
  dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE, reviewer TEXT NOT NULL,
  submitted_at TEXT NOT NULL, PRIMARY KEY (dossier_id, reviewer)) WITHOUT ROWID;
)sql",
    // 8: the procedure around the scoring: prior rejections, steps recorded
    // done, the committee's meeting and each member's opinion; committee
    // members with a consultative voice.
    R"sql(
ALTER TABLE person ADD COLUMN deliberative INTEGER NOT NULL DEFAULT 1;
CREATE TABLE prior_rejection (
  dossier_id INTEGER PRIMARY KEY REFERENCES dossier(id) ON DELETE CASCADE,
  ground TEXT NOT NULL, motive TEXT NOT NULL, decided_on TEXT NOT NULL, author TEXT NOT NULL);
CREATE TABLE procedure_step (step TEXT PRIMARY KEY, done_on TEXT NOT NULL, author TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE meeting (id INTEGER PRIMARY KEY CHECK (id = 1), held_on TEXT NOT NULL, president TEXT NOT NULL);
CREATE TABLE meeting_attendance (member TEXT PRIMARY KEY, presence TEXT NOT NULL, proxy TEXT NOT NULL DEFAULT '') WITHOUT ROWID;
CREATE TABLE meeting_vote (member TEXT PRIMARY KEY, vote TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE meeting_observation (id INTEGER PRIMARY KEY, member TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE meeting_ranking (position INTEGER PRIMARY KEY, reference TEXT NOT NULL, rank INTEGER NOT NULL,
  total TEXT NOT NULL, opinion TEXT NOT NULL);
CREATE TABLE member_opinion (
  dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE, member TEXT NOT NULL,
  opinion TEXT NOT NULL, comment TEXT NOT NULL, PRIMARY KEY (dossier_id, member)) WITHOUT ROWID;
CREATE TRIGGER prior_rejection_locked BEFORE INSERT ON prior_rejection WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER meeting_vote_locked BEFORE INSERT ON meeting_vote WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER member_opinion_locked BEFORE INSERT ON member_opinion WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
)sql",
    // 9: the procedure the campaign follows (its file's text, pinned like the
    // grid) and the issuing authority as data. A campaign made before had
    // the CASF steps built in; it moves to the procedure its grid names (the
    // session pins that text at the first opening, procedure_xml empty until
    // then). The authority's kind is read from its name, and "signatory" held
    // the signatory's title (« Le Directeur général … »): it moves there.
    R"sql(
ALTER TABLE campaign ADD COLUMN procedure_name TEXT NOT NULL DEFAULT '';
ALTER TABLE campaign ADD COLUMN procedure_xml TEXT NOT NULL DEFAULT '';
ALTER TABLE campaign ADD COLUMN authority_kind TEXT NOT NULL DEFAULT 'autre';
ALTER TABLE campaign ADD COLUMN authority_address TEXT NOT NULL DEFAULT '';
ALTER TABLE campaign ADD COLUMN signatory_title TEXT NOT NULL DEFAULT '';
ALTER TABLE campaign ADD COLUMN tribunal TEXT NOT NULL DEFAULT '';
ALTER TABLE campaign ADD COLUMN tribunal_address TEXT NOT NULL DEFAULT '';
ALTER TABLE campaign ADD COLUMN logo TEXT NOT NULL DEFAULT '';
UPDATE campaign SET authority_kind = CASE
  WHEN authority LIKE '%agence régionale de santé%' OR authority LIKE 'ARS %' OR authority = 'ARS' THEN 'ars'
  WHEN authority LIKE '%département%' OR authority LIKE '%conseil départemental%' OR authority LIKE '%Département%' THEN 'departement'
  ELSE 'autre' END;
UPDATE campaign SET signatory_title = signatory, signatory = '';
UPDATE campaign SET tribunal = COALESCE((SELECT value FROM campaign_parameter WHERE name = 'campagne.tribunal'), '');
)sql",
    // 10: the existing offer, the campaign's zones and the allocation it follows (sqlite_territory.cpp).
    store_territory::kMigration,
    // 11: the operating-system account each person acts from (issue 13.4). Empty
    // for all: the campaign works as before, a name is given.
    R"sql(
ALTER TABLE person ADD COLUMN account TEXT NOT NULL DEFAULT '';
)sql",
    // 12: its first entry vouches for every row the migrations above left.
    kLedgerSql,
    // 13: a declared link keeps the organisation's SIREN and FINESS, so that it
    // covers its dossiers filed under another name (trial 13b F8). Empty for
    // older links: they match by name, as before.
    R"sql(
ALTER TABLE conflict ADD COLUMN identifiers TEXT NOT NULL DEFAULT '';
)sql",
    // 14: the call's territorial rules (<grid>.territoire.txt) pinned in the
    // campaign like its grid, so that editing the shipped file changes no
    // running campaign. NULL for a campaign made before: the session pins the
    // shipped file at its first opening, journaled and said (Session::load).
    R"sql(
ALTER TABLE campaign ADD COLUMN territory_rules_name TEXT NOT NULL DEFAULT '';
ALTER TABLE campaign ADD COLUMN territory_rules TEXT;
)sql",
    // 15: the president's civility declared with the meeting (« Mme », « M. »),
    // for the minutes' agreements (trial 1011B F8); empty for a meeting before.
    R"sql(
ALTER TABLE meeting ADD COLUMN president_civility TEXT NOT NULL DEFAULT '';
)sql",
    // 16: the allocation rules as put to the vote, one a line (trial 1011C
    // F2: the minutes showed a capacity changed after the séance); empty for
    // a vote recorded before, so no row digest of an older journal changes.
    R"sql(
ALTER TABLE meeting ADD COLUMN voted_rules TEXT NOT NULL DEFAULT '';
)sql",
    // 17: the co-signatories of a joint order, declared with the authority
    // (« 16=Mme Annie Dupont », trial 1011C F9); empty for a campaign before.
    R"sql(
ALTER TABLE campaign ADD COLUMN cosignatories TEXT NOT NULL DEFAULT '';
)sql",
    // 18: the allocation and the vigilance points as put to the vote, and a
    // voted partial grant's places (trial 1011D); empty for a vote recorded
    // before, so no row digest of an older journal changes.
    R"sql(
ALTER TABLE meeting ADD COLUMN voted_allocation TEXT NOT NULL DEFAULT '';
ALTER TABLE meeting ADD COLUMN voted_vigilance TEXT NOT NULL DEFAULT '';
ALTER TABLE meeting_ranking ADD COLUMN places TEXT NOT NULL DEFAULT '';
ALTER TABLE meeting_ranking ADD COLUMN reason TEXT NOT NULL DEFAULT '';
)sql",
    // 19: the organisation's key of each dossier and declared link (issue 15 N1).
    kOrganisationKeysSql,
};
constexpr int kSchemaVersion = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);

}  // namespace

int schema_version() { return kSchemaVersion; }

int ledger_schema() {
    for (int i = 0; i < kSchemaVersion; ++i)
        if (kMigrations[i] == kLedgerSql) return i + 1;
    return kSchemaVersion;
}

int organisation_keys_schema() {
    for (int i = 0; i < kSchemaVersion; ++i)
        if (kMigrations[i] == kOrganisationKeysSql) return i + 1;
    return kSchemaVersion;
}

void configure(Db& db) {
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
}

int user_version(Db& db) {
    Stmt s(db, "PRAGMA user_version");
    s.step();
    return static_cast<int>(s.integer(0));
}

namespace {
// The file's tables and their columns, « table(a,b,c) » in name order: what
// a version of the schema is made of (types and constraints aside).
std::vector<std::string> schema_shape(Db& db) {
    std::vector<std::string> out;
    Stmt tables(db, "SELECT name FROM main.sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                    "ORDER BY name");
    while (tables.step()) {
        const std::string table = tables.text(0);
        std::string shape = table + "(";
        Stmt columns(db, "SELECT name FROM pragma_table_info(?) ORDER BY name");
        columns.bind(1, table);
        bool first = true;
        while (columns.step()) {
            shape += (first ? "" : ",") + columns.text(0);
            first = false;
        }
        out.push_back(shape + ")");
    }
    return out;
}

// A version lowered outside Cotation (`PRAGMA user_version = 12` on a file
// of schema 13) would replay migrations on tables that already have them,
// and SQLite's English (« duplicate column name ») would be all the user
// reads (trial 13c F8): the tables are compared, before anything is
// written, with those this version of the schema has.
void require_schema_of_version(Db& db, int version) {
    Db expected(":memory:", true);
    {
        Unlock unlock(expected);
        for (int v = 0; v < version; ++v) expected.exec(kMigrations[v]);
    }
    const auto want = schema_shape(expected), have = schema_shape(db);
    if (want == have) return;
    // The first table that differs, named with what differs.
    auto name_of = [](const std::string& shape) { return shape.substr(0, shape.find('(')); };
    auto columns_of = [](const std::string& shape) {
        std::vector<std::string> out;
        std::string list = shape.substr(shape.find('(') + 1);
        list.pop_back();
        for (std::size_t at = 0; at <= list.size();) {
            auto comma = std::min(list.find(',', at), list.size());
            out.push_back(list.substr(at, comma - at));
            at = comma + 1;
        }
        return out;
    };
    std::string first;
    for (const auto& h : have) {
        if (std::find(want.begin(), want.end(), h) != want.end()) continue;
        auto same = std::find_if(want.begin(), want.end(), [&](const std::string& w) { return name_of(w) == name_of(h); });
        if (same == want.end()) {
            first = "table « " + name_of(h) + " », qui n'existe pas à ce schéma";
        } else {
            const auto hc = columns_of(h), wc = columns_of(*same);
            for (const auto& c : hc)
                if (std::find(wc.begin(), wc.end(), c) == wc.end()) {
                    first = "table « " + name_of(h) + " », colonne « " + c + " », qui n'existe pas à ce schéma";
                    break;
                }
            if (first.empty()) first = "table « " + name_of(h) + " », à laquelle manquent des colonnes de ce schéma";
        }
        break;
    }
    if (first.empty())
        for (const auto& w : want)
            if (std::find(have.begin(), have.end(), w) == have.end()) {
                first = "table « " + name_of(w) + " » de ce schéma absente du fichier";
                break;
            }
    throw InputError("La campagne " + fr::quote_path(db.path()) + " annonce la version de schéma " + std::to_string(version) +
                     ", qui ne correspond pas aux tables du fichier (" + first +
                     ") : le fichier a été modifié hors de Cotation. Rien n'a été écrit ; faites vérifier le fichier et "
                     "reprenez, s'il le faut, la dernière sauvegarde de la campagne.");
}
}  // namespace

namespace {
// Schema 19: the rows written before get their organisation's key, computed
// by the core (organisation_key: Unicode normalisation and look-alike letters,
// which SQL does not do). A closed campaign's lock of the two tables is lifted
// for this step only and put back with its very text (its text is compared,
// trial 13d F6), inside the step's transaction.
void fill_organisation_keys(Db& db) {
    std::vector<std::pair<std::string, std::string>> locks;   // name, text
    for (const char* table : {"dossier", "conflict"}) {
        Stmt lock(db, "SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND name = ?");
        lock.bind(1, lock_trigger_name(table, "UPDATE"));
        if (lock.step()) locks.emplace_back(lock.text(0), lock.text(1));
    }
    for (const auto& [name, text] : locks) db.exec("DROP TRIGGER \"" + name + "\"");
    std::vector<std::string> names;
    {
        Stmt s(db, "SELECT organisme FROM dossier UNION SELECT organisme FROM conflict");
        while (s.step()) names.push_back(s.text(0));
    }
    Stmt dossiers(db, "UPDATE dossier SET organisation_key = ? WHERE organisme = ?");
    Stmt links(db, "UPDATE conflict SET organisation_key = ? WHERE organisme = ?");
    for (const auto& name : names) {
        const std::string key = organisation_key(name);
        if (key.empty()) continue;
        dossiers.bind(1, key).bind(2, name).run();
        links.bind(1, key).bind(2, name).run();
    }
    for (const auto& [name, text] : locks) db.exec(text);
}
}  // namespace

void migrate(Db& db) {
    int v = user_version(db);
    if (v > kSchemaVersion)
        throw InputError("La campagne " + fr::quote_path(db.path()) + " a été enregistrée par une version plus récente de "
                         "Cotation (schéma " + std::to_string(v) + ", cette version lit jusqu'au schéma " +
                         std::to_string(kSchemaVersion) + ").");
    if (v > 0 && v < kSchemaVersion) require_schema_of_version(db, v);
    Unlock unlock(db);   // a migration may have to fill a closed campaign's new columns
    for (; v < kSchemaVersion; ++v) {
        Transaction t(db);
        db.exec(kMigrations[v]);
        if (kMigrations[v] == kOrganisationKeysSql) fill_organisation_keys(db);
        db.exec("PRAGMA user_version = " + std::to_string(v + 1));
        t.commit();
    }
}

const std::map<std::string, std::set<std::string>>& migration_trigger_texts() {
    static const std::map<std::string, std::set<std::string>> texts = [] {
        std::map<std::string, std::set<std::string>> out;
        for (const auto& [key, t] : migration_schema_texts())
            if (key.rfind("trigger ", 0) == 0) out[key.substr(8)] = t;
        return out;
    }();
    return texts;
}

const std::map<std::string, std::set<std::string>>& migration_schema_texts() {
    static const std::map<std::string, std::set<std::string>> texts = [] {
        Db mem(":memory:", true);
        std::map<std::string, std::set<std::string>> out;
        for (int v = 0; v < kSchemaVersion; ++v) {
            mem.exec(kMigrations[v]);
            Stmt t(mem, "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL");
            while (t.step()) out[t.text(0) + " " + t.text(1)].insert(t.text(2));
        }
        return out;
    }();
    return texts;
}

std::string lock_trigger_name(const std::string& table, const std::string& op) {
    std::string name = table + "_close_" + op;
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
}

std::string lock_trigger_sql(const std::string& table, const std::string& op) {
    const std::string closed = "(SELECT closed_at FROM main.campaign) <> ''";
    const std::string refuse = " BEGIN SELECT RAISE(ABORT, 'campagne close : aucune modification avant sa réouverture "
                               "par le coordonnateur (cotation reopen --motif)'); END";
    // The campaign row: closing is an UPDATE of an open campaign;
    // reopening (and pinning an old campaign's procedure) is let
    // through by the program alone.
    const std::string when = table != "campaign" ? closed
                             : op == "INSERT"    ? closed
                                                 : "OLD.closed_at <> '' AND cotation_deverrouille() = 0";
    return "CREATE TRIGGER \"" + lock_trigger_name(table, op) + "\" BEFORE " + op + " ON \"" + table + "\" WHEN " + when +
           refuse;
}

std::vector<std::string> lock_tables(Db& db, bool create) {
    std::set<std::string> triggers;
    {
        Stmt t(db, "SELECT name FROM main.sqlite_master WHERE type='trigger'");
        while (t.step()) triggers.insert(t.text(0));
    }
    std::vector<std::string> sql, missing;
    for (const auto& table : ledger::data_tables(db))
        for (const char* op : {"INSERT", "UPDATE", "DELETE"}) {
            if (triggers.count(lock_trigger_name(table, op))) continue;
            missing.push_back(table);
            sql.push_back(lock_trigger_sql(table, op));
        }
    if (create && !sql.empty()) {
        Transaction t(db);
        for (const auto& s : sql) db.exec(s);
        t.commit();
    }
    missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
    return missing;
}

// Refuses, before anything is written, a file that is not a campaign: an
// empty file, a text file, another program's SQLite base. Opens read-only.
void check_is_campaign(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw InputError(fr::quote_path(path) + " est un dossier, pas un fichier de campagne Cotation.");
    // A named pipe, a device or a socket is no campaign, and the system's
    // own words for it are English (« Operation not supported », trial 13 F19).
    if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec))
        throw InputError(fr::quote_path(path) +
                         " n'est pas un fichier ordinaire (tube nommé, périphérique ou prise) : ce n'est pas une "
                         "campagne Cotation ; il n'a été ni lu ni modifié.");
    auto size = std::filesystem::file_size(path, ec);
    if (ec)
        throw InputError("Impossible de lire " + fr::quote_path(path) + " : " +
                         (ec == std::errc::permission_denied ? "ce compte n'a pas le droit de le lire" : "erreur du système (" +
                                                                   std::to_string(ec.value()) + ")") + ".");
    if (size == 0)
        throw InputError(fr::quote_path(path) + " est un fichier vide, pas une campagne Cotation ; il n'a pas été modifié.");
    {
        std::FILE* f = std::fopen(path.c_str(), "rb");
        if (!f) throw InputError("Impossible de lire " + fr::quote_path(path) + ".");
        char head[16] = {};
        std::size_t n = std::fread(head, 1, sizeof head, f);
        std::fclose(f);
        if (n < 16 || std::memcmp(head, "SQLite format 3", 16) != 0)
            throw InputError(fr::quote_path(path) + " n'est pas un fichier de campagne Cotation (ce n'est pas une base SQLite) ; "
                             "il n'a pas été modifié.");
    }
    // Opening may leave « -wal » and « -shm » files beside a file it then
    // refuses (a copy cut short): those it made are removed (trial 13 F19).
    const bool had_wal = std::filesystem::exists(path + "-wal", ec), had_shm = std::filesystem::exists(path + "-shm", ec);
    sqlite3* db = nullptr;
    std::string refusal;
    if (open_for_reading(path, &db) != SQLITE_OK) {
        refusal = disk_full_refusal(path, db);
        if (refusal.empty())
            refusal = "" + fr::quote_path(path) + " n'est pas lisible comme campagne Cotation (" +
                      (db ? sqlite3_errmsg(db) : "mémoire") + ").";
    } else {
        sqlite3_busy_timeout(db, 5000);
        auto integer = [&](const char* sql, bool& ok) -> std::int64_t {
            sqlite3_stmt* st = nullptr;
            std::int64_t v = 0;
            ok = sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW;
            if (ok) v = sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
            return v;
        };
        bool ok1 = false, ok2 = false, ok3 = false;
        std::int64_t app = integer("PRAGMA application_id", ok1);
        std::int64_t version = integer("PRAGMA user_version", ok2);
        std::int64_t has_campaign =
            integer("SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN ('campaign','journal')", ok3);
        // A SQLite file that cannot be read is most often a campaign cut short (trial 13 F19).
        // Unless the disk is full: SQLite could not make its working files (trial 13c F5).
        if (!ok1 || !ok2 || !ok3) {
            refusal = disk_full_refusal(path, db);
            if (refusal.empty())
                refusal = "« " + path +
                          " » est une base SQLite illisible : une campagne endommagée (copie interrompue ?) ou un autre "
                          "fichier ; il n'a pas été modifié. Si c'est une campagne, reprenez sa dernière sauvegarde.";
        } else if (app != kApplicationId || version == 0 || has_campaign != 2)
            // Every campaign file carries the application id from its creation:
            // a base with the right tables and no id is a look-alike, refused
            // before any trigger is written into it (trial 13H).
            refusal =
                fr::quote_path(path) + " est une base SQLite qui n'est pas une campagne Cotation ; elle n'a pas été modifiée.";
    }
    sqlite3_close(db);
    if (!refusal.empty()) {
        if (!had_wal) std::filesystem::remove(path + "-wal", ec);
        if (!had_shm) std::filesystem::remove(path + "-shm", ec);
        throw InputError(refusal);
    }
}


}  // namespace cotation::sqlite
