#pragma once
// The row-digest ledger both back ends share: how a row is written out and
// digested, the "rows" text an entry carries, what the journal says every row
// should be, and how the rows that differ are named. SQLite renders its rows
// in SQL with quote() (sqlite_ledger.cpp); PostgreSQL hands its cells here.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "campaign_store.h"

namespace cotation::row_ledger {

// (table, key) -> digest of the row as it stands.
using Rows = std::map<std::pair<std::string, std::string>, std::string>;

// One value of a row, as SQLite's quote() writes it.
struct Cell {
    enum class Kind { Null, Integer, Real, Text } kind = Kind::Null;
    std::string value;   // decimal for Integer/Real, the text for Text
};
// 'it''s' for text, the digits for a number, NULL.
std::string quote(const Cell& c);
// An instant as the file stores it ("2025-05-02T08:15:00Z", fraction kept),
// from PostgreSQL's timestamptz text ("2025-05-02T08:15:00+00:00", or
// "2025-05-02 10:15:00+02"): the same row digests the same on both back ends,
// so a journal copied from one to the other still verifies. Text that is not
// such an instant is returned unchanged.
std::string instant(const std::string& text);
// "col=VALUE;" for each non-empty cell, in column order (NULL, '' and integer
// 0 left out: a column added with such a default changes no digest).
std::string row_text(const std::vector<std::string>& columns, const std::vector<Cell>& cells);
// "k1=VALUE, k2=VALUE": the key columns, in key order.
std::string key_text(const std::vector<std::string>& keys, const std::vector<Cell>& cells);
std::string digest(const std::string& row_text);   // SHA-256, first 128 bits, hex
std::string escape(const std::string& s);          // a key on one line of "rows"
// What the journal says every row should be.
Rows expected(const std::vector<JournalEntry>& entries);
// The same, carried on: `rows` as the journal left it, then `entries`.
void apply(Rows& rows, const std::vector<JournalEntry>& entries);
// One entry's "rows" text carried on `rows`.
void apply(Rows& rows, const std::string& entry_rows);
// The "rows" text of the given digests ("-" for a row removed).
std::string rows_text(const Rows& rows);
// The rows that differ, named with their table and key; a dossier's number
// followed by its reference (`references`: id -> reference).
void compare(const Rows& expected, const Rows& current, const std::map<std::string, std::string>& references,
             std::vector<std::string>& problems);

// Before a write is journaled (trial 15e F2): each row it touched, as it was
// before the write (`before`: its digest, "-" when it did not exist), against
// what the journal last gave it (`journal`, as expected() builds it). A row
// changed outside Cotation and then written through it would otherwise give
// the tampered value as its former one and vanish from `journal verify`.
// The rows that differ are named as compare() names them.
void compare_before_write(const Rows& journal, const Rows& before, const std::map<std::string, std::string>& references,
                          std::vector<std::string>& problems);

// A dossier or a declared link as its organisation's key is checked: its
// row named as compare() names it (« id=4 (« D4 ») »), its organisme and the
// key it holds.
struct KeyedRow {
    std::string table, row, organisme, key;
};
// Each row whose key is not the core's organisation_key of its organisme
// (read_rules.h; issue 15 N1): written outside Cotation, whatever entry
// vouches for it, it would make a server's rights miss a declared link.
void compare_organisation_keys(const std::vector<KeyedRow>& rows, std::vector<std::string>& problems);

// The journal's rows as last read, carried on entry by entry (a store's
// cache for compare_before_write: a whole read once, then the new entries).
struct Seen {
    std::int64_t seq = 0;
    std::string hash;
    Rows rows;
};

}  // namespace cotation::row_ledger
