// The journal: entries appended to the hash chain, read back and verified.
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "core/french.h"
#include "core/journal_rules.h"
#include "journal.h"
#include "sqlite_ledger.h"
#include "sqlite_schema.h"
#include "sqlite_store.h"
#include "core/journal_copies.h"

namespace cotation::sqlite {

JournalWriter::JournalWriter(Db& db)
    : db_(db),
      insert_(db, "INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash, rows) "
                  "VALUES (?,?,?,?,?,?,?,?,?,?)"),
      changes_(db),
      prev_(kJournalGenesis) {
    Stmt last(db, "SELECT seq, hash, at FROM journal ORDER BY seq DESC LIMIT 1");
    at_ = utc_now_iso();
    if (last.step()) {
        seq_ = last.integer(0);
        prev_ = last.text(1);
        // No entry after one dated past tomorrow (trial 13d F5: one dated 2099
        // gave its date to every entry after it).
        if (dated_in_future(last.text(2), at_))
            throw Error("La campagne « " + db.path() + " » a au journal une entrée (" + std::to_string(seq_) + ") datée du " +
                        journal_instant_text(last.text(2)) + ", après l'heure de ce poste (" + journal_instant_text(at_) +
                        ") : entrée ajoutée hors de Cotation, ou horloge d'un poste déréglée. Rien n'a été enregistré : "
                        "une entrée écrite après elle prendrait sa date. Le coordonnateur fait vérifier le journal (cotation "
                        "journal verify) et reprend la dernière sauvegarde de la campagne.");
        // Never dated before the entry before (a workstation of the share
        // whose clock is behind): `journal verify` names a date that goes
        // back as an entry Cotation did not write (trial 13c F1).
        if (last.text(2) > at_) at_ = last.text(2);
    }
    head_ = seq_;
    changes_.take();   // nothing is noted outside a change; start clean
}

void JournalWriter::add(const std::string& actor, const std::string& action, const std::string& entity,
                        const std::string& old_value, const std::string& new_value) {
    // Refused when another window changed the same thing since this one's reading.
    if (check)
        check->before_entry([this](std::int64_t from, std::int64_t to) {
            std::vector<JournalEntry> out;
            Stmt s(db_, "SELECT seq, at, actor, action, entity, old_value, new_value, prev_hash, hash, rows FROM journal "
                        "WHERE seq > ? AND seq <= ? ORDER BY seq");
            s.bind(1, from).bind(2, to);
            while (s.step())
                out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6),
                               s.text(7), s.text(8), s.text(9), ""});
            return out;
        }, campaign, head_, entity, actor);
    std::string rows = take_rows();
    if (pending_) write(*pending_);
    pending_ = JournalEntry{++seq_, at_, actor, action, entity, old_value, new_value, "", "", rows, ""};
}

std::string JournalWriter::take_rows() {
    if (!seen) return changes_.take();
    ledger::Rows before;
    std::string rows = changes_.take(&before);
    if (before.empty()) return rows;
    // The journal's rows carried on from the last reading (read again whole
    // after a rolled-back write), then the entry not yet written.
    if (seen->seq > 0) {
        Stmt h(db_, "SELECT hash FROM journal WHERE seq = ?");
        h.bind(1, seen->seq);
        if (!h.step() || h.text(0) != seen->hash) *seen = row_ledger::Seen{};
    }
    Stmt e(db_, "SELECT seq, hash, rows FROM journal WHERE seq > ? AND rows <> '' ORDER BY seq");
    e.bind(1, seen->seq);
    while (e.step()) {
        row_ledger::apply(seen->rows, e.text(2));
        seen->seq = e.integer(0);
        seen->hash = e.text(1);
    }
    ledger::Rows journal;   // what the journal gives the rows touched, the entry not yet written included
    for (const auto& b : before)
        if (auto it = seen->rows.find(b.first); it != seen->rows.end()) journal.insert(*it);
    if (pending_) row_ledger::apply(journal, pending_->rows);
    std::vector<std::string> problems;
    row_ledger::compare_before_write(journal, before, {}, problems);
    if (problems.empty()) return rows;
    problems.clear();   // said again with the dossiers' references
    std::map<std::string, std::string> references;
    Stmt d(db_, "SELECT id, reference FROM dossier");
    while (d.step()) references[std::to_string(d.integer(0))] = d.text(1);
    row_ledger::compare_before_write(journal, before, references, problems);
    throw Error(campaign + " : modifiée hors de Cotation là où cette modification écrit ; rien n'a été enregistré "
                "(l'écrire maintenant effacerait la trace de ce changement) :\n  " + fr::join(problems, "\n  ") +
                "\nLe coordonnateur fait vérifier le journal (cotation journal verify) et reprend la dernière sauvegarde de "
                "la campagne.");
}

void JournalWriter::finish() {
    std::string rows = take_rows();
    if (!pending_ && rows.empty()) return;
    if (!pending_) pending_ = JournalEntry{++seq_, at_, "cotation", "journal.empreintes", "journal", "", "", "", "", "", ""};
    pending_->rows += rows;
    write(*pending_);
    pending_.reset();
}

void JournalWriter::write(JournalEntry& e) {
    e.prev_hash = prev_;
    e.hash = journal_hash(e);
    insert_.bind(1, e.seq).bind(2, e.at).bind(3, e.actor).bind(4, e.action).bind(5, e.entity)
        .bind(6, e.old_value).bind(7, e.new_value).bind(8, e.prev_hash).bind(9, e.hash).bind(10, e.rows);
    insert_.run();
    prev_ = e.hash;
    if (check) check->wrote(e.seq, e.hash);
}

void JournalWriter::attach(const std::string& rows) {
    if (pending_) pending_->rows += rows;
}

std::vector<JournalEntry> SqliteStore::journal(const std::string& prefix) { return read_journal(*db_, prefix); }

std::vector<JournalEntry> read_journal(Db& db, const std::string& prefix) {
    std::vector<JournalEntry> out;
    Stmt s(db, "SELECT seq, at, actor, action, entity, old_value, new_value, prev_hash, hash, rows FROM journal "
                 "WHERE substr(entity, 1, length(?1)) = ?1 ORDER BY seq");
    s.bind(1, prefix);
    while (s.step())
        out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.text(8),
                       s.text(9), ""});
    return out;
}

JournalHead SqliteStore::journal_head() {
    Stmt s(*db_, "SELECT seq, hash, at FROM journal ORDER BY seq DESC LIMIT 1");
    return s.step() ? JournalHead{s.integer(0), s.text(1), s.text(2)} : JournalHead{0, kJournalGenesis, ""};
}

namespace {
// The triggers a campaign of this schema holds (those its migrations create:
// the journal's protection, the locks), found once on an empty campaign in memory.
const std::map<std::string, std::string>& schema_triggers() {
    static const std::map<std::string, std::string> texts = [] {
        Db mem(":memory:", true);
        migrate(mem);
        std::map<std::string, std::string> out;
        Stmt t(mem, "SELECT name, sql FROM sqlite_master WHERE type='trigger'");
        while (t.step()) out[t.text(0)] = t.text(1);
        return out;
    }();
    return texts;
}

// Triggers the campaign holds that no migration made (trial 13b F13: one
// added in raw SQL rewrote the places of each decision as it was written,
// row digests included, and the journal still verified): « name (table) ».
// Trial 13d F1: a trigger put in place of one of Cotation's own, under its
// name, did the same: each is compared by its text, not its name alone.
std::vector<std::string> judged_foreign(Db& db) {
    // The migrations' triggers, by name (a campaign migrated from an older
    // schema keeps the texts of its time), and the lock of a closed campaign
    // on each data table (lock_tables: « table_close_insert », …), by its
    // text: one text since the locks exist, and the ones a write fires.
    // Trial 13e F5: the tables, indexes and views too, by every text their
    // migrations gave them (a unique index added in raw SQL made
    // Cotation's own write delete a decision unjournaled).
    std::map<std::string, std::string> locks;
    for (const auto& table : ledger::data_tables(db))
        for (const char* op : {"INSERT", "UPDATE", "DELETE"}) locks[lock_trigger_name(table, op)] = lock_trigger_sql(table, op);
    static const std::map<std::string, const char*> words = {
        {"trigger", "déclencheur"}, {"index", "index"}, {"view", "vue"}, {"table", "table"}};
    const auto& made = migration_schema_texts();
    std::vector<std::string> out;
    // sqlite_stat1 and the like (ANALYZE) only guide SQLite's plans.
    Stmt t(db, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_stat%' "
               "ESCAPE '\\' ORDER BY type, name");
    while (t.step()) {
        const std::string type = t.text(0), name = t.text(1), sql = t.text(3);
        auto word = words.find(type);
        const std::string kind = word == words.end() ? type : std::string(word->second);
        const std::string where = (type == "trigger" ? "" : kind + " ") + "« " + name + " »" +
                                  (type == "table" ? "" : " (table " + t.text(2) + ")");
        if (type == "trigger") {
            if (auto lock = locks.find(name); lock != locks.end()) {
                if (lock->second != sql) out.push_back(where + " changé");
                continue;
            }
        }
        if (auto m = made.find(type + " " + name); m == made.end()) {
            out.push_back(where + (type == "view" || type == "table" ? " ajoutée" : " ajouté"));
        } else if (!m->second.count(sql)) {
            // The journal's protection too (trial 13d F6), by every text its migrations gave it.
            out.push_back(where + (type == "view" || type == "table" ? " changée" : " changé"));
        }
    }
    return out;
}

// The migrations' triggers absent from the campaign (trial 13 F24, 13d F6):
// without journal_no_update and journal_no_delete the journal can be rewritten.
std::vector<std::string> judged_missing(Db& db) {
    std::set<std::string> present;
    Stmt t(db, "SELECT name FROM sqlite_master WHERE type='trigger'");
    while (t.step()) present.insert(t.text(0));
    std::vector<std::string> out;
    for (const auto& [name, text] : schema_triggers())
        if (!present.count(name))
            out.push_back("déclencheur « " + name + " » absent : " +
                          (name.rfind("journal_", 0) == 0 ? std::string("la protection du journal (qui refuse de modifier ou "
                                                                        "d'effacer une entrée) a été effacée")
                                                          : std::string("un verrou de la campagne a été effacé")) +
                          " hors de Cotation");
    // The lock of a closed campaign on each table (lock_tables), which the
    // opening no longer puts back (trial 13H): one missing is said, open
    // campaign or closed, before the closing would leave that table unlocked.
    std::set<std::string> unlocked;
    for (const auto& table : ledger::data_tables(db))
        for (const char* op : {"INSERT", "UPDATE", "DELETE"})
            if (!present.count(lock_trigger_name(table, op))) unlocked.insert(table);
    if (!unlocked.empty())
        out.push_back("verrou de la campagne close absent sur " + fr::plural(unlocked.size(), "table") + " (" +
                      fr::join({unlocked.begin(), unlocked.end()}) + ") : effacé hors de Cotation");
    return out;
}

// The two above, read again only when the schema's version moved: a write
// of this connection after another, the version the same, finds the same
// schema, which SQLite itself does not read again (a demo's hundred writes
// read and judged it a hundred times, a fifth of its time).
const Db::SchemaLook& schema_look(Db& db) {
    std::int64_t version = 0;
    {
        Stmt v(db, "PRAGMA schema_version");
        if (v.step()) version = v.integer(0);
    }
    if (db.schema_look.version != version) db.schema_look = {version, judged_foreign(db), judged_missing(db)};
    return db.schema_look;
}
std::vector<std::string> foreign_triggers(Db& db) { return schema_look(db).foreign; }
std::vector<std::string> missing_triggers(Db& db) { return schema_look(db).missing; }

// What a trigger changed outside Cotation lets happen, in one list for the
// writes, the documents and `journal verify`.
std::vector<std::string> trigger_problems(Db& db) {
    std::vector<std::string> out = missing_triggers(db);
    for (const auto& name : foreign_triggers(db))
        out.push_back((name.rfind("« ", 0) == 0 ? "déclencheur " : "") + name + " hors de Cotation : " +
                      // « vue … ajoutée … : elle peut » (trial 13f F9), « index … ajouté … : il peut »
                      (name.rfind("vue ", 0) == 0 || name.rfind("table ", 0) == 0 ? "elle" : "il") +
                      " peut changer ce que les commandes enregistrent, empreintes comprises");
    return out;
}
}  // namespace

// Trial 13 F17: a role, an account or the closing date changed in raw SQL
// was believed by every writing command; only `journal verify` saw it. The
// rows a permission rests on (the team, the campaign's row and its closing)
// are compared with the journal before any change, in its transaction.
void SqliteStore::ensure_untampered() {
    if (auto foreign = foreign_triggers(*db_); !foreign.empty())
        throw Error("La campagne « " + db_->path() + " » porte un déclencheur ajouté ou changé hors de Cotation (ou un "
                    "index, une "
                    "vue, une table), qui pourrait changer ce qu'enregistrent les commandes : " + fr::join(foreign, ", "
                    "") + ". Rien n'a été enregistré ; reprenez la "
                    "dernière sauvegarde de la campagne et faites vérifier son journal (cotation journal verify).");
    // The journal's protection dropped (trial 13d F6): nothing is written on a journal anyone may rewrite.
    if (auto missing = missing_triggers(*db_); !missing.empty())
        throw Error("La campagne « " + db_->path() + " » a perdu sa protection hors de Cotation : " + fr::join(missing, " ; ") +
                    ". Rien n'a été enregistré : une entrée écrite maintenant pourrait être modifiée ou effacée sans "
                    "trace. Reprenez la dernière sauvegarde de la campagne et faites vérifier son journal (cotation journal "
                    "verify).");
    // The journal altered or added to outside Cotation (trial 13e F1): nothing
    // is appended to a chain `journal verify` calls ALTÉRÉ.
    if (auto altered = journal_problems(); !altered.empty()) {
        std::string text;
        for (std::size_t i = 0; i < altered.size() && i < 20; ++i) text += "\n  " + altered[i];
        throw Error("Le journal de la campagne « " + db_->path() + " » a été modifié ou complété hors de Cotation ; rien "
                    "n'a été enregistré :" + text + "\nLe coordonnateur fait vérifier le journal (cotation journal verify) "
                    "et reprend la dernière sauvegarde de la campagne.");
    }
    std::vector<std::string> problems = outside_changes({"campaign", "person"});
    if (problems.empty()) return;
    std::string text;
    for (const auto& p : problems) text += "\n  " + p;
    throw Error("La campagne « " + db_->path() + " » a été modifiée hors de Cotation là où se décident les droits "
                "(rôles, comptes, clôture) ; rien n'a été enregistré :" + text +
                "\nLe coordonnateur fait vérifier le journal (cotation journal verify) avant toute modification.");
}

std::vector<std::string> SqliteStore::outside_changes(const std::vector<std::string>& asked) {
    // The journal and the rows read in one snapshot (trial 13H: read apart
    // while another process wrote, a sound campaign was said changed outside
    // Cotation, 2 runs in 60); a read transaction, rolled back at the end.
    std::optional<Transaction> read;
    if (db_->depth == 0) read.emplace(*db_, Transaction::Kind::Read);
    LedgerSeen& seen = ledger_seen_[fr::join(asked, ",")];
    const std::int64_t version = data_version();
    auto hash_at = [&](std::int64_t seq) {
        Stmt h(*db_, "SELECT hash FROM journal WHERE seq=?");
        h.bind(1, seq);
        return h.step() ? h.text(0) : std::string();
    };
    if (seen.seq > 0 && hash_at(seen.seq) != seen.hash) seen = LedgerSeen{};
    // The whole campaign asked (rank, decisions, documents): a trigger
    // dropped or changed outside Cotation is said with the rows (trial 13d F6).
    std::vector<std::string> problems = asked.empty() ? trigger_problems(*db_) : std::vector<std::string>{};
    // And the journal itself, as `journal verify` reads it (trial 13e F1).
    if (asked.empty())
        for (auto& p : journal_problems()) problems.push_back("journal : " + std::move(p));
    if (seen.clean_version == version) return problems;
    const std::size_t trigger_count = problems.size();
    const std::vector<std::string> tables = asked.empty() ? ledger::data_tables(*db_) : asked;
    // The entries since the last look; of those, when some tables are asked,
    // only the ones that touched them: their "rows" lines begin with the
    // table's name and a tab (the rest would cost a whole read).
    const std::int64_t head = last_seq();
    std::string where;
    for (std::size_t i = 0; i < asked.size(); ++i) where += (i ? " OR " : "") + std::string("instr(rows, ?) > 0");
    Stmt e(*db_, ("SELECT rows FROM journal WHERE seq > ? AND seq <= ?" + (where.empty() ? "" : " AND (" + where + ")") +
                  " ORDER BY seq").c_str());
    e.bind(1, seen.seq);
    e.bind(2, head);
    for (std::size_t i = 0; i < asked.size(); ++i) e.bind(static_cast<int>(i + 3), asked[i] + "\t");
    while (e.step()) row_ledger::apply(seen.expected, e.text(0));
    seen.seq = head;
    seen.hash = hash_at(head);
    if (!asked.empty())
        std::erase_if(seen.expected, [&](const auto& row) {
            return std::find(tables.begin(), tables.end(), row.first.first) == tables.end();
        });
    ledger::compare_with_current(*db_, seen.expected, tables, problems);
    if (problems.size() == trigger_count) seen.clean_version = version;
    return problems;
}

std::vector<std::string> SqliteStore::journal_problems() {
    if (journal_seen_.seq > 0) {
        // A transaction rolled back gives its numbers again; an entry rewritten: read it all again.
        Stmt h(*db_, "SELECT hash FROM journal WHERE seq=?");
        h.bind(1, journal_seen_.seq);
        if (!h.step() || h.text(0) != journal_seen_.hash) journal_seen_ = JournalSeen{JournalHome::File};
    }
    // By batches: a campaign of 10 000 dossiers has 860 000 entries, never all in memory at once.
    constexpr int kBatch = 4096;
    if (journal_seen_.seq == 0) {   // a copy is made whole, at the campaign's making: looked for once
        Stmt copy(*db_, "SELECT seq, new_value FROM journal WHERE action = 'campagne.copie'");
        std::map<std::int64_t, bool> copies;
        while (copy.step()) {
            JournalRecord c;
            c.new_value = copy.text(1);
            copies[copy.integer(0)] = journal_copies::from_server(c);
        }
        journal_seen_.replay.copies(std::move(copies));
    }
    Stmt s(*db_, "SELECT seq, at, actor, action, entity, old_value, new_value, prev_hash, hash, rows FROM journal "
                 "WHERE seq > ? ORDER BY seq LIMIT ?");
    for (;;) {
        std::vector<JournalEntry> later;
        s.bind(1, journal_seen_.seq).bind(2, std::int64_t{kBatch});
        while (s.step())
            later.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7),
                             s.text(8), s.text(9), ""});
        s.reset();
        if (later.empty()) return {};
        auto problems = check_journal_since(journal_seen_, later);
        if (!problems.empty() || later.size() < static_cast<std::size_t>(kBatch)) return problems;
    }
}

JournalCheck SqliteStore::verify_journal(const std::optional<JournalHead>& extends) {
    std::optional<Transaction> read;   // the journal and the rows of one moment (see outside_changes)
    if (db_->depth == 0) read.emplace(*db_, Transaction::Kind::Read);
    auto entries = journal("");
    JournalCheck c = check_journal_chain(entries, extends);
    // The data against the journal: each row as the last entry that changed it left it.
    auto now = ledger::current(*db_);
    c.rows = static_cast<std::int64_t>(now.size());
    ledger::compare(*db_, ledger::expected(entries), now, c.problems);
    // Each dossier's and link's organisation key, the core's of its organisme (issue 15 N1).
    {
        using cotation::row_ledger::Cell;
        std::vector<cotation::row_ledger::KeyedRow> keyed;
        Stmt d(*db_, "SELECT id, reference, organisme, organisation_key FROM dossier ORDER BY id");
        while (d.step())
            keyed.push_back({"dossier", "id=" + std::to_string(d.integer(0)) + " (« " + d.text(1) + " »)", d.text(2), d.text(3)});
        Stmt l(*db_, "SELECT reviewer, organisme, organisation_key FROM conflict ORDER BY reviewer, organisme");
        while (l.step())
            keyed.push_back({"conflict",
                             "reviewer=" + cotation::row_ledger::quote({Cell::Kind::Text, l.text(0)}) +
                                 ", organisme=" + cotation::row_ledger::quote({Cell::Kind::Text, l.text(1)}),
                             l.text(1), l.text(2)});
        cotation::row_ledger::compare_organisation_keys(keyed, c.problems);
    }
    // A trigger dropped outside the program (trial 13 F24): the journal's
    // protection or a lock no longer holds, said even if nothing changed yet.
    for (auto& p : trigger_problems(*db_)) c.problems.push_back(std::move(p));
    // A closed campaign whose lock was taken off: said even if nothing changed yet.
    if (!closed_since().empty())
        for (const auto& table : lock_tables(*db_, false))
            c.problems.push_back("table " + table +
                                 " : verrou de la campagne close supprimé (déclencheur effacé hors de Cotation)");
    c.ok = c.problems.empty();
    return c;
}


}  // namespace cotation::sqlite
