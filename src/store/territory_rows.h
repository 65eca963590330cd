#pragma once
// The territory tables (schema 10: offer, zones, recorded allocation) read
// and journaled the same way by both back ends (sqlite_territory.cpp,
// pg_territory.cpp), as snapshot_rows.h does for the rest of the campaign.
#include <optional>
#include <string>
#include <vector>

#include "snapshot_rows.h"

namespace cotation::rows {

// Each back end's queries; columns, in order:
struct TerritoryQueries {
    const char* offer_origin;   // origin (the row 'offre' of territory_origin)
    const char* structures;     // finess, name, category, kind, commune, status, manager, permanent, temporary, day_care,
                                // latitude, longitude, source (in order)
    const char* zones_origin;   // origin (the row 'zones')
    const char* zones;          // zone, label, communes (in order)
    const char* allocation;     // followed, dossiers, reason, recorded_at, recorded_by
};
// Plain SQL both back ends run as is.
extern const TerritoryQueries kTerritoryQueries;
TerritoryRecord read_territory(const RunQuery& run, const TerritoryQueries& q = kTerritoryQueries);

// Coordinates kept exactly (17 significant digits).
std::string coordinate(double v);
// Space-separated lists (communes of a zone, retained dossiers).
std::string joined(const std::vector<std::string>& items);
std::vector<std::string> split_words(const std::string& text);
// What the journal keeps of a structure (one line, readable), an offer, a recorded allocation.
std::string structure_line(const Structure& s);
std::string offer_summary(const std::optional<Offer>& o);
std::string allocation_text(const std::optional<allocation::Recorded>& x);
// The `dossiers` column of allocation_choice: references separated by spaces,
// a partial grant written « REF=10 » (its places); read back the same way.
std::string allocation_dossiers(const allocation::Recorded& x);
void read_allocation_dossiers(const std::string& text, allocation::Recorded& x);

}  // namespace cotation::rows
