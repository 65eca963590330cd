#pragma once
// A call's territorial rules, declared as data beside its grid
// (scoring-grids/<grid>.territoire.txt, "clé = valeur" lines, # comments):
//   departements = 17                  the call's territory
//   distance_acces = 30                km, default of campagne.distance_acces
//   zone = epci | departement | groupes | aucune
//   max_par_zone = 1                   units where the call has units, else places
//   places_par_unite = 8               default of campagne.lits_unite
//   enveloppe = 132000                 € per year, all winners together
//   dotation_par_dossier = 400000      € per year paid to each winner, whatever it asked (a CRT)
//   distance_min_retenus = 20          km between two chosen sites
//   distance_min_existant = 10         km from a chosen site to the existing offer
//   score_min = 150                    points
//   groupe Nom du groupe = 17300 17299 …   communes (INSEE) or EPCI (SIREN)
//   attribution_partielle = oui        a places-based call may grant the remainder
// Each rule (every key above but zone, groupe and distance_acces) carries
// its status on a line of its own (trial 1011B F2):
//   statut max_par_zone = proposition de l'outil | why (the call gives no figure)
//   statut max_par_zone = proposition de l'autorité | why
//   statut enveloppe = appel | title of the call's text | section
// A rule without one, a status of no known kind or one for a rule not
// given is refused, naming the file and the line.
// And the zones a campaign enters (an existing DRAD zone for a CRT call):
// `zone;libelle;communes` (communes: INSEE codes or EPCI SIREN, spaces between).
#include <optional>
#include <string>
#include <vector>

#include "core/coverage.h"
#include "core/territorial_allocation.h"
#include "reference_data.h"

namespace cotation::io {

// Throws InputError naming the file, line and key. A text pinned in a
// campaign before statuses existed (schema 14/15 campaigns made before this
// change: not one « statut » line) is read with every rule a proposal of
// unknown author, said in its reason: never printed as the call's rule. A
// file (`cotation new`, `grid apply`) must declare every status.
enum class RulesSource { File, Pinned };
allocation::Rules read_territory_rules(const std::string& content, const std::string& file, const ReferenceData& ref,
                                       RulesSource source = RulesSource::File);

// The rules shipped with a call's grid: `<grid id>.territoire.txt` beside the
// grid file given (a custom grid brings its own), else in scoring-grids/;
// none when neither exists. `name` is the file's name, `path` where it was.
struct RulesFile {
    std::string path, name, text;
};
std::optional<RulesFile> territory_rules_beside_grid(const std::string& grid_file, const std::string& grid_id);

std::vector<coverage::Area> read_zones(const std::string& content, const std::string& file, const ReferenceData& ref);

// Communes of a list of INSEE codes and EPCI SIREN, EPCI expanded; throws
// InputError naming `where` and the unknown code.
std::vector<std::string> expand_communes(const std::vector<std::string>& codes, const ReferenceData& ref,
                                         const std::string& where);

}  // namespace cotation::io
