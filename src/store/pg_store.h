#pragma once
// A campaign on a PostgreSQL server (docs/serveur.md), behind the same
// CampaignStore interface as the SQLite file: the same tables in one database
// schema per campaign, the same journal chain, the same lock of a closed
// campaign (as triggers). Named by a URI:
//   postgresql://[user[:password]@]host[:port]/base?campagne=REF
#include <memory>
#include <string>
#include <vector>

#include "campaign_store.h"

namespace cotation {

// What a campaign URI names, parsed in one place.
struct PgAddress {
    std::string uri_without_campaign;   // what libpq connects to (other parameters kept)
    std::string campaign;               // the campaign's reference, its schema's name; empty if not given
    std::string shown;                  // for messages: no password
};

// True for text that names a server campaign rather than a file.
bool is_pg_uri(const std::string& text);
// Refuses a malformed URI with a French message naming it (password hidden).
PgAddress parse_pg_uri(const std::string& uri);

// Creates the campaign on the server, all or nothing (refuses one that
// exists). Without `campagne=` in the URI, the campaign's reference names it.
std::unique_ptr<CampaignStore> create_pg_store(const std::string& uri, const Campaign& campaign,
                                               const PinnedGrid& grid, const std::string& actor,
                                               const CreationRest& rest = {});
// Opens a campaign of the server, migrating its schema forward if needed;
// refuses a schema that is not a campaign before writing anything.
std::unique_ptr<CampaignStore> open_pg_store(const std::string& uri);

// Removes a campaign of the server (tests, a service cleaning up); refuses a
// schema that is not a campaign.
void drop_pg_campaign(const std::string& uri);

// The three group roles of a campaign's team on the server (docs/serveur.md).
struct PgTeamRoles {
    std::string coordinator, instructor, committee;
};
PgTeamRoles pg_team_roles(const std::string& campaign);
// The SQL that gives a server campaign's team its rights: the group roles,
// grants per table, row-level security, and each person's login role (their
// account in the team) in its group. Reads the team; writes nothing.
std::string pg_roles_sql(const std::string& uri);
// Runs it, all or nothing (needs the right to create roles: the campaign's owner with CREATEROLE).
// The people's login roles are the service's to create (docs/serveur.md, step 3): those the
// server does not have yet are returned (« NOM (compte « LOGIN ») »), their rights given once created.
std::vector<std::string> apply_pg_roles(const std::string& uri);
// Whether the server has a login role of that name (a person's account on a
// server campaign is their PostgreSQL role, not an account of this workstation).
bool pg_login_role_exists(const std::string& uri, const std::string& role);

// Current PostgreSQL schema version (numbered as sqlite_schema_version).
int pg_schema_version();
// The server's schema whose migration gives dossiers and links their organisation's key (the file's schema 19).
int pg_organisation_keys_schema();

}  // namespace cotation
