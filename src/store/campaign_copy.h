#pragma once
// A campaign copied row by row between a file and a server (docs/serveur.md:
// `cotation partager`, `cotation exporter`): every table as it is, the
// journal's entries as they are (same hashes, same head), then one entry that
// records the copy. A row digests the same on both back ends (ledger.h), so
// the copy's journal verifies against its data as the source's did; the copy
// is verified before it is named (file) or committed (server), all or nothing.
#include <string>
#include <vector>

#include "campaign_store.h"
#include "ledger.h"

namespace cotation {

struct CopiedTable {
    std::string name;
    std::vector<std::string> columns;
    // Cells as a file keeps them: booleans 0/1, instants "…Z" (row_ledger::instant).
    std::vector<std::vector<row_ledger::Cell>> rows;
};

struct CampaignRows {
    // Every table but the journal (and the server's schema_version, which
    // the file keeps in its header: not campaign data, not in the ledger).
    std::vector<CopiedTable> tables;
    std::vector<JournalEntry> journal;
    const CopiedTable* table(const std::string& name) const {
        for (const auto& t : tables)
            if (t.name == name) return &t;
        return nullptr;
    }
    // Referenced tables first (dossier, reviewer, person), the campaign's row
    // last: while it is absent, the lock of a closed campaign lets rows in.
    std::vector<const CopiedTable*> insertion_order() const {
        std::vector<const CopiedTable*> out;
        for (const char* first : {"dossier", "reviewer", "person"})
            if (const CopiedTable* t = table(first)) out.push_back(t);
        for (const auto& t : tables)
            if (t.name != "dossier" && t.name != "reviewer" && t.name != "person" && t.name != "campaign") out.push_back(&t);
        if (const CopiedTable* t = table("campaign")) out.push_back(t);
        return out;
    }
};

// The entry recording the copy, after the source's entries (no row: the copy changes none).
struct CopyNote {
    std::string actor, action, entity, old_value, new_value;
};

// The whole campaign in one snapshot (the source, already verified).
CampaignRows read_file_rows(const std::string& path);
CampaignRows read_server_rows(const std::string& uri);
// Creates the campaign from `rows` then `note`, and verifies its journal
// before it exists for anyone (refused, nothing left, if it does not verify).
// Refuses an existing file or server campaign. Returns the copy's check.
JournalCheck write_file_copy(const std::string& path, const CampaignRows& rows, const CopyNote& note);
JournalCheck write_server_copy(const std::string& uri, const CampaignRows& rows, const CopyNote& note);

}  // namespace cotation
