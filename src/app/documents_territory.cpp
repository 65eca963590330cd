// Each ranked dossier's place in the territory, for its instruction report:
// the figures `cotation couverture` computes, dossier by dossier, so that the
// members read why a criterion of territorial balance got its rating (UPHV,
// cahier des charges: « les critères de priorisation tiendront compte du lieu
// d'implantation ») and whether a CRT candidate duplicates an existing DRAD
// zone (CRT, Annexe 1 §1.4: « afin de ne pas créer de doublon »).
// Trial 1011 findings 36 and 31: the reports said none of it.
#include <algorithm>
#include <limits>

#include "core/french.h"
#include "core/geo.h"
#include "documents.h"
#include "territory.h"
#include "territory_format.h"

namespace cotation {
using namespace territory_format;

std::map<std::string, std::vector<std::string>> instruction_territory(Session& session) {
    std::map<std::string, std::vector<std::string>> out;
    TerritoryStudy t(session);
    const auto& land = t.territory();
    if (land.communes().empty()) return out;
    const auto& candidates = t.candidates();
    const double access = t.access_km();
    std::vector<coverage::Site> alone;
    for (const auto& k : candidates) alone.push_back({k.reference, k.label, k.commune, k.position, k.places, false});
    const auto gains = coverage::marginal_gains(land, t.existing_sites(), alone, access);
    const auto zone_overlaps = coverage::overlaps(land, t.intervention_territories(), t.zones());
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const auto& k = candidates[i];
        auto& lines = out[k.reference];
        if (const auto* c = land.find(k.commune)) {
            auto epci = land.epci_names.find(c->epci);
            lines.push_back("Implantation : " + c->name + " (" + c->code + ")" +
                            (epci == land.epci_names.end() ? "" : ", " + epci->second + " (EPCI)") + ".");
        }
        if (!k.position) {
            lines.push_back("Site sans position connue : aucune distance calculée.");
        } else if (!t.existing_sites().empty()) {
            const coverage::Site* nearest = nullptr;
            double best = std::numeric_limits<double>::max();
            for (const auto& s : t.existing_sites())
                if (s.position)
                    if (double km = geo::distance_km(*k.position, *s.position); km < best) best = km, nearest = &s;
            if (nearest) {
                const auto* where = land.find(nearest->commune);
                lines.push_back("Structure existante la plus proche : " + fr::in_quotes(nearest->label) +
                                (where ? " (" + where->name + ")" : "") + ", à " + allocation::km_text(best) + ".");
            }
        }
        // Without any existing structure located (a CRT call) there is no
        // gain to measure: the figure would only be the dossier's own coverage.
        for (const auto& g : gains)
            if (g.candidate == i && k.position && g.baseline)
                lines.push_back("Ajouté seul à l'offre existante : " + people(g.population_brought) + " ramené" +
                                (g.population_brought > 1 ? "s" : "") + " à moins de " + allocation::km_text(access) +
                                (g.fall_km() < 0.05 ? ", distance moyenne inchangée."
                                                    : ", distance moyenne \u2212" + allocation::km_text(g.fall_km()) + "."));
        for (const auto& o : zone_overlaps)
            if (o.a == i) {
                const auto& z = t.zones()[o.b];
                lines.push_back(
                    "Territoire d'intervention recouvrant la zone " + fr::in_quotes(z.label.empty() ? z.id : z.label) +
                    " (zone saisie pour la campagne) : " + count(static_cast<double>(o.communes.size()), "commune", "communes") +
                    ", " + people(o.population) + ".");
            }
    }
    return out;
}

}  // namespace cotation
