#pragma once
// The entries of a journal that change its history wholesale: a copy of the
// campaign (« campagne.copie », app/share.cpp) and a schema migration
// (« schema.migration », store/sqlite_store.cpp, pg_store.cpp). Replayed by
// JournalReplay (journal_rules.h); kept apart so that each rule reads alone.
#include <string>

#include "journal_rules.h"
#include "team.h"

namespace cotation::journal_copies {

// Whether a copy entry says it copied a server's campaign (« copie de
// « postgresql://… » ») rather than a file's.
bool from_server(const JournalRecord& copy);

// Why a copy entry is not one share.cpp writes, "" when it is (issue 13 G1,
// trial 15 a forged empty copy signed « NOM (compte mallory) »):
// - it says what it copied and how many entries it took, and it took the
//   whole journal before it (« (N entrées », N its number less one);
// - it comes from the other kind of home than the one it is written in (a
//   file is made by `exporter` from a server, a server campaign by
//   `partager` from a file);
// - it is signed by an account, and once the team has accounts, a person of
//   the team it names is the one bound to that account (the name, typed with
//   --par, proves nothing). The account may be one outside the team (the IT
//   service copies, docs/serveur.md): a copy exempts no entry before it from
//   the rules of the home it was written in (JournalReplay::feed).
std::string copy_refusal(const JournalRecord& e, JournalHome written_in, const Team& team);

// Why a migration entry is not one of this program's migrations, "" when it
// is (issue 13 G1b: a forged « schéma 998 → 999 » carried rows):
// - it moves the schema forward, past the schema the last migration reached,
//   to a schema this program knows (`known.highest`);
// - it carries row digests only where a migration writes them: from a schema
//   older than the ledger (`known.ledger`: the digests of every row, before
//   any entry carried one), or the server's re-rendering of the instants of
//   schema `known.ledger` (pg_store.cpp); the migrations after the ledger add
//   columns empty by default, which change no digest.
std::string migration_refusal(const JournalRecord& e, int migrated_to, bool rows_seen, const KnownSchemas& known);

// « schéma 13 » (or « schéma 13 — … ») -> 13; 0 when the text is of another form.
int schema_number(const std::string& text);

}  // namespace cotation::journal_copies
