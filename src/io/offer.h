#pragma once
// The existing offer as a file (`;`-separated, header line; UTF-8, or
// Windows-1252 as a spreadsheet saves it, detected as for the dossier import):
//   finess;nom;categorie;type;commune;statut;gestionnaire;hp;ht;aj;latitude;longitude;source
// and the import of a FINESS extract (ministry's Etalab format) into it.
#include <optional>
#include <set>
#include <string>

#include "core/offer.h"
#include "reference_data.h"

namespace cotation::io {

// Throws InputError naming the file, line and field (unknown commune, a
// capacity that is not a whole number, a latitude out of range…).
Offer read_offer(const std::string& content, const std::string& file, const ReferenceData& ref);
// `notice`, when given, receives what the reading says of the file's
// encoding (io/text_encoding.h: empty for UTF-8).
Offer read_offer_file(const std::string& path, const ReferenceData& ref, std::string* notice = nullptr);
std::string write_offer(const Offer& offer);
// The offer shipped with a call's grid: `<grid id>.offre.csv` beside the grid
// file, else among the shipped grids (scoring-grids/); none when neither exists.
// A campaign takes it into its own tables at creation.
std::optional<Offer> read_offer_beside_grid(const std::string& grid_file, const std::string& grid_id, const ReferenceData& ref);
// Written whole: a temporary file, then renamed.
void write_offer_file(const Offer& offer, const std::string& path);

struct FinessFilter {
    std::set<std::string> categories;     // categetab codes; empty: all
    std::set<std::string> departements;   // INSEE codes ("17", "2A", "971"); empty: all
};

struct FinessExtract {
    Offer offer;
    std::string extraction_date;   // AAAA-MM-JJ, from the first line
    std::string encoding;          // "UTF-8" or "Windows-1252"
    std::string notice;            // the import report's sentence on a Windows-1252 file, else empty
    int rows = 0, kept = 0, located = 0;
    // Structures whose converted point lies far from their commune (a
    // geolocation slip in the extract): left unlocated, each said.
    std::vector<std::string> misplaced;
    // « Source : FINESS, Ministère chargé de la santé — extraction du AAAA-MM-JJ, Licence Ouverte 2.0 »
    std::string attribution() const;
};

// The public extract « FINESS Extraction du Fichier des établissements »
// (etalab-cs1100507-stock-*.csv): first line `finess;etalab;…;AAAA-MM-JJ`,
// `structureet` rows of 32 fields, then `geolocalisation` rows of 6 fields
// whose coordinates are in the system their `sourcecoordet` names (Lambert 93
// in metropolitan France, UTM overseas), converted to WGS 84 with PROJ.
// UTF-8 or Windows-1252 (detected). A malformed line stops the import with its
// number; nothing is returned half-way.
FinessExtract read_finess(const std::string& content, const std::string& file, const FinessFilter& filter,
                          const ReferenceData& ref);
FinessExtract read_finess_file(const std::string& path, const FinessFilter& filter, const ReferenceData& ref);

// INSEE commune code of a FINESS address: département "17" + commune "300";
// overseas départements are coded 9A…9F with "97" + commune ("9A" "101" -> 97101).
std::string insee_of_finess(const std::string& departement, const std::string& commune);

// EPSG code of a FINESS coordinate system name (last field of sourcecoordet):
// LAMBERT_93 2154, UTM_N20 4559, UTM_N21 4467, UTM_N22 2972, UTM_S38 4471, UTM_S40 2975; 0 when unknown.
int finess_epsg(const std::string& system);

// Projected coordinates (metres, EPSG code) to WGS 84 with PROJ.
geo::LonLat to_wgs84(int epsg, double x, double y);

}  // namespace cotation::io
