#pragma once
// The campaign's territory tables (schema 10): its existing offer, the zones
// it entered (DRAD zones of a CRT call…) and the allocation it follows.
// Kept apart from sqlite_store.cpp; the store calls these inside its own
// transaction, with its journal writer.

#include <functional>
#include <string>

#include "campaign_store.h"
#include "journal_texts.h"
#include "sqlite_db.h"

namespace cotation::store_territory {

// Schema 10: the migration's SQL (an entry of kMigrations).
extern const char kMigration[];

// An entry written to the journal by the caller.
using JournalFn = std::function<void(const entry::Text&)>;

TerritoryRecord load(sqlite::Db& db);
void put_offer(sqlite::Db& db, const Offer& offer, const std::string& why, const JournalFn& journal);
void put_zones(sqlite::Db& db, const std::vector<coverage::Area>& zones, const std::string& origin,
               const std::string& why, const JournalFn& journal);
void put_allocation(sqlite::Db& db, const std::optional<allocation::Recorded>& choice,
                    const JournalFn& journal);

}  // namespace cotation::store_territory
