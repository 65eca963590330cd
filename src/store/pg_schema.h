#pragma once
// The PostgreSQL schema's migrations (pg_schema.cpp), internal to the store.
#include <vector>

namespace cotation {

struct PgMigration {
    int version;       // the schema version reached once `sql` has run
    const char* sql;
};
// The schema that gives dossiers and declared links their organisation's key
// (core organisation_key), computed by Cotation for the rows before it.
inline constexpr int kPgOrganisationKeys = 20;
// Ascending; the first creates a campaign's schema whole.
const std::vector<PgMigration>& pg_migrations();
// Schema 10's SQL, which runs again on a campaign made at 11 without it.
const char* pg_territory_sql();

}  // namespace cotation
