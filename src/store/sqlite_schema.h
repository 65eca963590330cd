#pragma once
// The campaign file's schema and its migrations (append-only: each entry of
// kMigrations moves the file from version i to i+1).
#include <string>

#include "sqlite_db.h"

namespace cotation::sqlite {

// "COTA" in the file header (PRAGMA application_id): a campaign says what it is
// before any table is read. Files made before it have 0 there.
inline constexpr int kApplicationId = 0x434F5441;

int schema_version();
void configure(Db& db);   // foreign keys, WAL
int user_version(Db& db);
void migrate(Db& db);
// Refuses, before anything is written, a file that is not a campaign.
void check_is_campaign(const std::string& path);

}  // namespace cotation::sqlite
