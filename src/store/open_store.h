#pragma once
// One factory for every place that names a campaign (Session::open/create,
// every CLI command, the window): a file path is a SQLite campaign, a
// `postgresql://hôte[:port]/base?campagne=RÉF` URI a campaign shared on a
// server (docs/serveur.md).
#include <memory>
#include <optional>
#include <string>

#include "campaign_store.h"

namespace cotation {

// True when `location` names a campaign on a server rather than a file.
bool names_server_campaign(const std::string& location);

std::unique_ptr<CampaignStore> open_campaign_store(const std::string& location);
// For reading commands: a file is opened read-only; a server campaign is read
// through the same connection (the server's grants decide what it may write).
std::unique_ptr<CampaignStore> open_campaign_store_read_only(const std::string& location);
// Refuses an existing file or an existing campaign of the server.
// `rest` is written in the creation, all or nothing with it.
std::unique_ptr<CampaignStore> create_campaign_store(const std::string& location, const Campaign& campaign,
                                                     const PinnedGrid& grid, const std::string& actor,
                                                     const CreationRest& rest = {});

// What « Ouvrir une campagne partagée… » asks. No password: libpq takes it
// from PGPASSWORD or ~/.pgpass (PGPASSFILE), or the server needs none (peer,
// GSSAPI); it is never stored in the campaign nor in the URI.
struct ServerCampaign {
    std::string host, port, base, campaign, user;   // port and user may be empty
};
// The campaign's URI, its parts %-encoded; a missing part or a port that is
// not a number is refused in French, naming the field.
std::string server_campaign_uri(const ServerCampaign& s);

// The reference a new campaign takes when none is given: a file's name
// without its extension, a server address's « campagne= » (empty without it).
std::string default_campaign_reference(const std::string& location);

// The campaign as a person types it in a command (messages saying what to
// run): the file's name, or the URI in quotes without its password.
std::string campaign_for_command(const std::string& location);

// How the window names the campaign in its title: the file's name, or
// « RÉF — partagée sur hôte:port/base » (never a password).
std::string campaign_location_label(const std::string& location);
// The window's title: « Cotation — RÉF — fichier.cot », or « Cotation — RÉF —
// partagée sur hôte:port/base », the server's name of the campaign added when
// it differs from its reference (trial 15 F9: the reference said twice).
std::string campaign_window_title(const std::string& reference, const std::string& location);
// The server, port, base and account of a server campaign's address (the
// campaign left empty), to offer them again; empty for a file.
std::optional<ServerCampaign> server_campaign_fields(const std::string& location);

}  // namespace cotation
