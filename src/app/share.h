#pragma once
// Copying a campaign between a file and a server (docs/serveur.md):
// `cotation partager F.cot postgresql://…` and `cotation exporter postgresql://… F.cot`.
// Both go through CampaignStore only: the source's snapshot is read and
// replayed, mutation by mutation, into a new campaign at the destination.
#include <cstdint>
#include <memory>
#include <string>

#include "store/campaign_store.h"
#include "store/open_store.h"   // names_server_campaign, open_campaign_store

namespace cotation {

struct CopyReport {
    std::size_t dossiers = 0, ratings = 0;
    std::int64_t source_entries = 0, copy_entries = 0;   // journal entries, both verified
    bool closed = false;                                  // the copy is closed as the source was
};

// Copies `from` into a new campaign `to` (refuses an existing one; a copy that
// fails leaves nothing at `to`). The source's journal must verify; the copy's
// journal starts with the copy (the source's entries are not carried over:
// docs/serveur.md, « Ce qui reste »).
CopyReport copy_campaign(const std::string& from, const std::string& to, const std::string& actor);

}  // namespace cotation
