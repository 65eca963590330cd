#pragma once
// The ledger on the server (ledger.h, as SQLite's sqlite_ledger.h): row
// triggers of the campaign's schema note, into a temporary table that only
// Cotation's connections have, each row their statements change; a change
// made by another client (the database owner in psql) is not noted, so it
// shows at `journal verify` as a row whose digest no entry gives.
#include <string>
#include <vector>

#include "ledger.h"
#include "pg_conn.h"

namespace cotation::pg::ledger {

// The schema migration: the journal's "rows" column, the noting function and
// a trigger on every table but the journal (run again, it covers new tables).
extern const char* const kSchema12;
// The server-side check of the rows a journal entry vouches for (pg_roles.cpp).
extern const char* const kRowsChecked;
// This connection's temporary table of noted rows.
void track(PgConn& c);
// The rows noted since the last take(), as an entry's "rows" text; forgets them.
std::string take(PgConn& c);
// The same, each row first compared, as it was before this connection first
// touched it, with what the journal last gave it (row_ledger::
// compare_before_write; the journal's rows kept in c.ledger_seen): a row
// changed outside Cotation refuses the write (Error naming it), nothing kept.
std::string take_checked(PgConn& c);
// Digests of every row of every table now (`schema12`: with the instants
// rendered as schema 12 did, "…+00:00", before they were rendered as a file's).
cotation::row_ledger::Rows current(PgConn& c, bool schema12 = false);
// Schema 13: the new digest of each row whose instants render differently
// now and whose schema-12 digest is the one the journal gave; a row already
// changed outside Cotation keeps its old digest, so it is still named.
std::string rerendered(PgConn& c, const std::vector<JournalEntry>& entries);
// The same for any migration that changes rows (schema 20: the organisations'
// keys): each row whose digest went from `before` to another in `now`, noted
// anew when `before` was the digest the journal gave it.
std::string revouched(const cotation::row_ledger::Rows& before, const cotation::row_ledger::Rows& now,
                      const std::vector<JournalEntry>& entries);
// The whole journal, oldest first (a migration's check, a copy, a test).
std::vector<JournalEntry> journal_entries(PgConn& c);
// dossier id -> reference, to name a row.
std::map<std::string, std::string> references(PgConn& c);

}  // namespace cotation::pg::ledger
