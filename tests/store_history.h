#pragma once
// For tests that turn a campaign back into an older schema: the SQL that
// removes what schema 11 added and what came after it (13 to 19) (the lock triggers of every table, the rows of
// the journal's ledger, its entries hashed again without them); and the
// journal of a campaign before the organisations' keys (19).
#include <sqlite3.h>

#include <string>
#include <vector>

#include "store/campaign_store.h"
#include "store/journal.h"
#include "store/ledger.h"

namespace cotation::test {

inline std::string before_ledger_sql(const std::string& path) {
    std::string out;
    {
        sqlite3* db = nullptr;
        sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type='trigger' AND name LIKE '%\\_close\\_%' ESCAPE '\\'", -1,
                           &st, nullptr);
        while (sqlite3_step(st) == SQLITE_ROW)
            out += "DROP TRIGGER \"" + std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) + "\"; ";
        sqlite3_finalize(st);
        sqlite3_close(db);
    }
    auto store = open_sqlite_store_read_only(path);
    std::string prev = kJournalGenesis;
    out += "DROP TRIGGER journal_no_update; ";
    for (auto e : store->journal("")) {
        e.rows.clear();
        e.prev_hash = prev;
        e.hash = journal_hash(e);
        prev = e.hash;
        out += "UPDATE journal SET rows = '', prev_hash = '" + e.prev_hash + "', hash = '" + e.hash + "' WHERE seq = " +
               std::to_string(e.seq) + "; ";
    }
    // Its text as schema 1 wrote it: the triggers are compared by their text (trial 13d F6).
    out += "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal\n  "
           "BEGIN SELECT RAISE(ABORT, 'le journal ne peut être que complété'); END; "
           "ALTER TABLE journal DROP COLUMN rows; "
           // Schema 13, after the ledger: the links' identifiers (trial 13b F8).
           "ALTER TABLE conflict DROP COLUMN identifiers; "
           // Schema 14: the call's territorial rules pinned in the campaign.
           "ALTER TABLE campaign DROP COLUMN territory_rules_name; ALTER TABLE campaign DROP COLUMN territory_rules; "
           // Schema 15: the president's civility declared with the meeting.
           "ALTER TABLE meeting DROP COLUMN president_civility; "
           // Schema 16: the allocation rules as put to the vote.
           "ALTER TABLE meeting DROP COLUMN voted_rules; "
           // Schema 17: the co-signatories declared with the authority (trial 1011C F9).
           "ALTER TABLE campaign DROP COLUMN cosignatories; "
           // Schema 18: the allocation, vigilance points and partial grants as voted (trial 1011D).
           "ALTER TABLE meeting DROP COLUMN voted_allocation; ALTER TABLE meeting DROP COLUMN voted_vigilance; "
           "ALTER TABLE meeting_ranking DROP COLUMN places; ALTER TABLE meeting_ranking DROP COLUMN reason; "
           // Schema 19: the organisation's key of each dossier and link (issue 15 N1).
           "ALTER TABLE dossier DROP COLUMN organisation_key; ALTER TABLE conflict DROP COLUMN organisation_key; ";
    return out;
}

// A journal as a campaign of the schema before the organisations' keys
// (the file's 19, the server's 20: issue 15 N1) wrote it: each digest of a
// dossier or a link made again from the row as it stands once its key column
// is dropped (`now`, the ledger of the rows then), the chain hashed again. For
// a campaign whose dossiers and links were each written once (a digest of an
// earlier state of the row could not be made again).
inline std::vector<JournalEntry> without_organisation_keys(std::vector<JournalEntry> entries, const row_ledger::Rows& now) {
    std::string prev = kJournalGenesis;
    for (auto& e : entries) {
        std::string rows;
        for (std::size_t start = 0; start < e.rows.size();) {
            std::size_t end = e.rows.find('\n', start);
            if (end == std::string::npos) end = e.rows.size();
            const std::string line = e.rows.substr(start, end - start);
            start = end + 1;
            const auto t1 = line.find('\t'), t2 = line.rfind('\t');
            const std::string table = line.substr(0, t1), key = line.substr(t1 + 1, t2 - t1 - 1);
            std::string digest = line.substr(t2 + 1);
            if ((table == "dossier" || table == "conflict") && digest != "-")
                if (auto it = now.find({table, key}); it != now.end()) digest = it->second;
            rows += table + "\t" + key + "\t" + digest + "\n";
        }
        e.rows = rows;
        e.prev_hash = prev;
        e.hash = journal_hash(e);
        prev = e.hash;
    }
    return entries;
}

}  // namespace cotation::test
