#include "journal.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>

#include "core/journal_grammar.h"
#include "sqlite_schema.h"
#ifdef COTATION_POSTGRESQL
#include "pg_store.h"
#endif

namespace cotation {

std::string journal_hash(const JournalEntry& e) {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    // Length-prefixed fields: no two different entries hash the same text.
    auto put = [&](const std::string& s) {
        std::string len = std::to_string(s.size()) + ":";
        sha.update(len);
        sha.update(s);
    };
    put(e.prev_hash);
    put(std::to_string(e.seq));
    put(e.at);
    put(e.actor);
    put(e.action);
    put(e.entity);
    put(e.old_value);
    put(e.new_value);
    // Entries written before the ledger have no rows and keep their hash.
    if (!e.rows.empty()) put(e.rows);
    return Poco::DigestEngine::digestToHex(sha.digest());
}

void check_journal_extends(const std::vector<JournalEntry>& entries, const JournalHead& head,
                           std::vector<std::string>& problems) {
    auto matches = [&](const JournalEntry& e) { return e.hash.compare(0, head.hash.size(), head.hash) == 0; };
    std::string given =
        "la tête donnée (" + (head.entries ? std::to_string(head.entries) + ":" : std::string()) + head.hash + ")";
    if (head.entries == 0) {
        for (const auto& e : entries)
            if (matches(e)) return;
        problems.push_back("le journal ne prolonge pas " + given +
                           " : aucune entrée n'a cette empreinte (journal réécrit ou raccourci)");
        return;
    }
    auto it = std::find_if(entries.begin(), entries.end(), [&](const JournalEntry& e) { return e.seq == head.entries; });
    if (it == entries.end())
        problems.push_back(
            "le journal ne prolonge pas " + given + " : il n'a pas d'entrée " + std::to_string(head.entries) + " (" +
            std::to_string(entries.size()) +
            " entrées) : cette tête est celle d'une autre campagne ou d'une autre copie, ou des entrées ont été supprimées");
    else if (!matches(*it))
        problems.push_back("le journal ne prolonge pas " + given + " : l'entrée " + std::to_string(head.entries) +
                           " a l'empreinte " + it->hash.substr(0, 16) + "… (journal réécrit jusqu'à cette entrée)");
}

namespace {
// One entry against the one before it: its number, its link, its hash.
void check_link(const JournalEntry& e, std::int64_t expected, const std::string& prev, std::vector<std::string>& problems) {
    if (e.seq != expected)
        problems.push_back(e.seq == expected + 1 ? "entrée " + std::to_string(expected) + " : absente (supprimée)"
                                                 : "entrées " + std::to_string(expected) + " à " + std::to_string(e.seq - 1) +
                                                       " : absentes (supprimées)");
    if (e.prev_hash != prev)
        problems.push_back("entrée " + std::to_string(e.seq) +
                           " : ne suit pas l'entrée précédente (entrée insérée, supprimée ou déplacée)");
    if (journal_hash(e) != e.hash)
        problems.push_back("entrée " + std::to_string(e.seq) + " : contenu modifié (" + e.action + ", " + e.entity + ")");
}

JournalRecord record_of(const JournalEntry& e) {
    return {e.seq, e.at, e.actor, e.action, e.entity, e.old_value, e.new_value, row_tables(e.rows)};
}
}  // namespace

JournalCheck check_journal_chain(const std::vector<JournalEntry>& entries, const std::optional<JournalHead>& extends,
                                 JournalHome home) {
    JournalCheck c;
    std::string prev = kJournalGenesis;
    std::int64_t expected = 1;
    for (const auto& e : entries) {
        ++c.entries;
        check_link(e, expected, prev, c.problems);
        prev = e.hash;
        expected = e.seq + 1;
    }
    c.head = entries.empty() ? JournalHead{0, kJournalGenesis, {}} : JournalHead{entries.back().seq, entries.back().hash, {}};
    if (extends) check_journal_extends(entries, *extends, c.problems);
    std::vector<JournalRecord> records;
    records.reserve(entries.size());
    for (const auto& e : entries) records.push_back(record_of(e));
    if (auto u = first_unwritten_entry(records, home, utc_now_iso(), known_schemas()))
        c.problems.push_back(unwritten_text(*u));
    return c;
}

std::vector<std::string> check_journal_since(JournalSeen& seen, const std::vector<JournalEntry>& later) {
    std::vector<std::string> problems;
    std::string prev = seen.hash;
    std::int64_t expected = seen.seq + 1;
    std::vector<JournalRecord> records;
    records.reserve(later.size());
    for (const auto& e : later) {
        check_link(e, expected, prev, problems);
        prev = e.hash;
        expected = e.seq + 1;
        records.push_back(record_of(e));
    }
    if (!problems.empty()) return problems;
    JournalReplay replay = seen.replay;   // left as it was when an entry is found
    if (auto u = replay.feed(records, utc_now_iso())) return {unwritten_text(*u)};
    if (!later.empty()) {
        seen.seq = later.back().seq;
        seen.hash = later.back().hash;
    }
    seen.replay = std::move(replay);
    return {};
}

std::string JournalHead::text() const { return std::to_string(entries) + ":" + hash; }
std::string JournalHead::short_text() const { return std::to_string(entries) + ":" + hash.substr(0, 16); }

std::optional<JournalHead> parse_journal_head(const std::string& text) {
    // The count and at least the 16 hexadecimal digits the documents print
    // (64 bits): 12 digits (48 bits) could be matched by a forged journal in
    // hours of computation (trial finding 32).
    JournalHead h;
    auto colon = text.find(':');
    if (colon == std::string::npos) return std::nullopt;
    std::string n = text.substr(0, colon), hash = text.substr(colon + 1);
    if (n.empty() || n.size() > 15 || n.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    h.entries = std::stoll(n);
    for (char& c : hash) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (hash.size() < 16 || hash.size() > 64 || hash.find_first_not_of("0123456789abcdef") != std::string::npos)
        return std::nullopt;
    h.hash = hash;
    return h;
}

KnownSchemas known_schemas() {
    KnownSchemas k{sqlite::ledger_schema(), sqlite::schema_version()};
    k.organisation_keys_file = sqlite::organisation_keys_schema();
#ifdef COTATION_POSTGRESQL
    k.highest = std::max(k.highest, pg_schema_version());
    k.organisation_keys_server = pg_organisation_keys_schema();
#endif
    return k;
}

std::string utc_now_iso() {
    auto now = std::chrono::system_clock::now();
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::vector<AccountBinding> account_bindings(const std::vector<JournalEntry>& entries) {
    std::vector<AccountBinding> out;
    for (const auto& e : entries) {
        const auto person = journal_text::person_of(e.entity);
        if (e.action != "personne" || !person) continue;
        const auto line = journal_text::person_line_of(e.new_value);
        if (line.account.empty() || line.account == journal_text::person_line_of(e.old_value).account) continue;
        AccountBinding b;
        b.person = *person;
        b.role = line.role;
        b.account = line.account;
        // The journal's actor is « NAME (compte LOGIN) » (Session::journal_actor).
        b.by_account = journal_text::signature_of(e.actor).account;
        if (e.at.size() >= 10) b.on = e.at.substr(8, 2) + "/" + e.at.substr(5, 2) + "/" + e.at.substr(0, 4);
        out.erase(std::remove_if(out.begin(), out.end(), [&](const AccountBinding& x) { return x.person == b.person; }),
                  out.end());
        out.push_back(std::move(b));
    }
    return out;
}

std::string binding_text(const AccountBinding& b) {
    return b.role + " lié au compte " + b.account + " par le compte " + (b.by_account.empty() ? "inconnu" : b.by_account) +
           (b.on.empty() ? "" : " le " + b.on);
}

std::vector<std::string> coordinator_lines(const std::map<std::string, Person, fr::CollateLess>& people,
                                           const std::vector<JournalEntry>& entries) {
    const auto bindings = account_bindings(entries);
    std::vector<std::string> out;
    for (const auto& [name, p] : people) {
        if (p.role != Role::Coordinator) continue;
        const std::string who = "« " + name + " » : coordonnateur ";
        if (p.account.empty()) {
            out.push_back(who + "sans compte lié.");
            continue;
        }
        // A structured binding is not captured by clang 14's lambdas (C++20 allows it; Debian's clang does not).
        const std::string& person = name;
        auto b = std::find_if(bindings.begin(), bindings.end(), [&](const AccountBinding& x) { return x.person == person; });
        if (b == bindings.end() || b->account != p.account) {
            out.push_back(who + "lié au compte " + p.account +
                          ", sans entrée « personne » du journal qui l'y ait lié (changement fait hors de Cotation).");
            continue;
        }
        AccountBinding now = *b;
        now.role = role_label(Role::Coordinator);   // promoted since the binding, perhaps
        out.push_back("« " + name + " » : " + binding_text(now) + ".");
    }
    return out;
}

}  // namespace cotation
