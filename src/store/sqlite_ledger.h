#pragma once
// The ledger beside the journal: every entry carries the digest of each row
// its change left (or "-" for a row removed), so that the campaign's data can
// be compared with its journal. A row changed, added or removed outside
// Cotation (raw SQL), or a journal cut short, shows as a row whose digest no
// entry gives. Tables are walked from sqlite_master: a table added by a later
// migration is covered without a line here.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "campaign_store.h"
#include "ledger.h"
#include "sqlite_db.h"

namespace cotation::sqlite::ledger {

// (table, key) -> digest of the row as it stands.
using Rows = cotation::row_ledger::Rows;   // shared with PostgreSQL (ledger.h)

// Every table of the campaign but the journal and SQLite's own.
std::vector<std::string> data_tables(Db& db);
// TEMP triggers of this connection noting each row its statements change
// (changes made by other programs are not noted: they are not journaled).
void track(Db& db);
// The rows noted since the last take(), as an entry's "rows" text; forgets
// them. Its statements are prepared once per change (one per rating at an import).
class Changes {
public:
    explicit Changes(Db& db);
    // `before`: each row as it was before its first change since the last
    // take ("-": it did not exist), for row_ledger::compare_before_write.
    std::string take(Rows* before = nullptr);

private:
    Stmt select_, clear_, select_before_, clear_before_;
};
// Digests of every row of every table now.
Rows current(Db& db);
// Digests of every row of these tables only.
Rows current(Db& db, const std::vector<std::string>& tables);
// What the journal says every row should be.
Rows expected(const std::vector<JournalEntry>& entries);
// The rows that differ, named with their table and key (problems appended).
void compare(Db& db, const Rows& expected, const Rows& current, std::vector<std::string>& problems);
// The same against the rows of `tables` as they stand, read one by one and
// not held: a campaign of 10 000 dossiers has 860 000 rows (1,1 Go held).
void compare_with_current(Db& db, const Rows& expected, const std::vector<std::string>& tables,
                          std::vector<std::string>& problems);
// The "rows" text of the given digests.
std::string rows_text(const Rows& rows);

}  // namespace cotation::sqlite::ledger
