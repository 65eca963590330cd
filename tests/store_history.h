#pragma once
// For tests that turn a campaign back into an older schema: the SQL that
// removes what schema 11 added and what came after it (13, 14, 15, 16) (the lock triggers of every table, the rows of
// the journal's ledger, its entries hashed again without them).
#include <sqlite3.h>

#include <string>

#include "store/campaign_store.h"
#include "store/journal.h"

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
           "ALTER TABLE meeting_ranking DROP COLUMN places; ALTER TABLE meeting_ranking DROP COLUMN reason; ";
    return out;
}

}  // namespace cotation::test
