#pragma once
// Copying a campaign between a file and a server (docs/serveur.md):
// `cotation partager F.cot postgresql://…` and `cotation exporter postgresql://… F.cot`.
// Row by row (store/campaign_copy.h): the copy's journal is the source's,
// entry for entry, followed by one entry recording the copy.
#include <cstdint>
#include <memory>
#include <string>

#include "store/campaign_store.h"
#include "store/open_store.h"   // names_server_campaign, open_campaign_store

namespace cotation {

struct CopyReport {
    std::size_t dossiers = 0, ratings = 0;
    std::int64_t source_entries = 0, copy_entries = 0;   // journal entries, both verified
    JournalHead source_head, copy_head;                   // the copy extends the source's head
    bool closed = false;                                  // the copy is closed as the source was
    std::string reference;                                // the campaign's reference, as its documents print it
};

// Copies `from` into a new campaign `to` (refuses an existing one; a copy that
// fails leaves nothing at `to`). The source's journal must verify; the copy
// carries it as it is (same entries, same hashes) plus one entry naming who
// copied, when and from where, and its journal is verified before it exists.
CopyReport copy_campaign(const std::string& from, const std::string& to, const std::string& actor);

}  // namespace cotation
