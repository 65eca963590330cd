#pragma once
// The campaign file's schema and its migrations (append-only: each entry of
// kMigrations moves the file from version i to i+1).
#include <map>
#include <set>
#include <string>
#include <vector>

#include "sqlite_db.h"

namespace cotation::sqlite {

// "COTA" in the file header (PRAGMA application_id): a campaign says what it is
// before any table is read. Files made before it have 0 there.
inline constexpr int kApplicationId = 0x434F5441;

int schema_version();
int ledger_schema();   // the first version whose journal carries row digests
int organisation_keys_schema();   // the first whose dossiers and links carry their organisation's key
void configure(Db& db);   // foreign keys, WAL
int user_version(Db& db);
void migrate(Db& db);
// The triggers the migrations make (the journal's protection, the locks of
// the first schemas), each with every text it has had from one schema
// version to the next: a campaign migrated from an older schema keeps the
// texts of its time (trial 13d F6: compared by their text, as the locks).
const std::map<std::string, std::set<std::string>>& migration_trigger_texts();
// Every table, index, view and trigger the migrations made, by « type name »
// (« index journal_entity »), with each text it had at some schema (trial
// 13e F5: a unique index added in raw SQL made a write delete a decision).
const std::map<std::string, std::set<std::string>>& migration_schema_texts();
// Once the campaign is closed, every table refuses INSERT, UPDATE and DELETE
// (the journal excepted: append-only, it records the reopening). Tables are
// walked from sqlite_master at each opening: one added by a later migration
// is locked without a line here. Returns the tables whose lock is missing
// when `create` is false (for the journal's verification).
std::vector<std::string> lock_tables(Db& db, bool create = true);
// The lock of a closed campaign on `table` for `op` (INSERT, UPDATE,
// DELETE): its name, and its statement as sqlite_master keeps it.
std::string lock_trigger_name(const std::string& table, const std::string& op);
std::string lock_trigger_sql(const std::string& table, const std::string& op);

// Refuses, before anything is written, a file that is not a campaign.
void check_is_campaign(const std::string& path);

}  // namespace cotation::sqlite
