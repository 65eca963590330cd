#pragma once
// The coverage side of a campaign, for the command line and the workbench:
// the campaign's territory, its existing offer, the zones it entered, the
// call's territorial rules, the candidates (ranked dossiers with their site
// and intervention territory), coverage figures for any chosen set, and the
// allocation in ranking order beside the coordinator's variant.
//
// Storage, until the campaign file has tables for them (schema changes belong
// to another change): the offer and the zones are files beside the campaign,
// `<campaign>.offre.csv` and `<campaign>.zones.csv`, written whole; without
// them the offer shipped beside the grid (scoring-grids/<grid>.offre.csv) is
// used. The rules come from scoring-grids/<grid>.territoire.txt.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/coverage.h"
#include "core/offer.h"
#include "core/territorial_allocation.h"
#include "io/offer.h"
#include "report/map.h"
#include "session.h"

namespace cotation {

class TerritoryStudy {
public:
    // Reads everything once; build a new one after the campaign changes.
    explicit TerritoryStudy(Session& session);

    const coverage::Territory& territory() const { return territory_; }
    const Offer& offer() const { return offer_; }
    const std::vector<coverage::Area>& zones() const { return zones_; }
    const allocation::Rules& rules() const { return rules_; }
    double access_km() const { return access_km_; }
    std::vector<std::string> departements() const { return departements_; }

    // Ranked dossiers in ranking order; intervention territories aligned.
    const std::vector<allocation::Candidate>& candidates() const { return candidates_; }
    const std::vector<coverage::Area>& intervention_territories() const { return interventions_; }
    std::optional<std::size_t> candidate(const std::string& reference) const;
    // The existing offer, located (sites without a point are left out and listed).
    const std::vector<coverage::Site>& existing_sites() const { return existing_; }
    const std::vector<std::string>& unlocated() const { return unlocated_; }

    // The existing offer plus the given dossiers (references; InputError for
    // one that is not ranked).
    std::vector<coverage::Site> sites_with(const std::vector<std::string>& references) const;
    coverage::Summary summary(const std::vector<std::string>& references) const;

    // Outputs fixed for scripts (dot decimals, `;`):
    //   summary_csv: `indicateur;valeur` rows; communes_csv:
    //   `code_insee;commune;population;distance_km;site` (two decimals).
    std::string summary_text(const std::vector<std::string>& references) const;
    std::string summary_csv(const std::vector<std::string>& references) const;
    std::string communes_csv(const std::vector<std::string>& references) const;

    // Allocation in ranking order, and the coordinator's variant when given.
    struct Comparison {
        allocation::Allocation ranking;
        std::optional<allocation::Allocation> variant;
        allocation::Figures ranking_figures;
        std::optional<allocation::Figures> variant_figures;
    };
    Comparison compare(const std::vector<std::string>& variant) const;
    std::string repartition_text(const std::vector<std::string>& variant) const;
    // `dossier;rang;score;places;cout;commune;zone;classement;contrainte;motif[;variante;contrainte_variante]`
    // then `indicateur;classement[;variante]` rows after an empty line.
    std::string repartition_csv(const std::vector<std::string>& variant) const;

    // The territory map with the given dossiers chosen (the other ranked
    // candidates drawn apart); PNG or PDF by the file's extension.
    report::MapData map_data(const std::vector<std::string>& references) const;
    void write_map(const std::string& path, const std::vector<std::string>& references) const;

    std::string offer_text() const;
    std::string offer_path() const { return session_.path() + ".offre.csv"; }
    std::string zones_path() const { return session_.path() + ".zones.csv"; }
    // Imports a FINESS extract (filtered by category and by the campaign's
    // départements) as the campaign's offer; written whole, replacing it.
    io::FinessExtract import_offer(const std::string& extract_path, const std::set<std::string>& categories);
    // Replaces the campaign's offer by an offer file (format of io/offer.h).
    void set_offer_file(const std::string& path);
    // Replaces the campaign's zones by a zones file (`zone;libelle;communes`).
    void set_zones_file(const std::string& path);

private:
    void load();
    void reload();
    Session& session_;
    coverage::Territory territory_;
    Offer offer_;
    std::vector<coverage::Area> zones_;
    allocation::Rules rules_;
    double access_km_ = 30;
    std::vector<std::string> departements_;
    std::vector<allocation::Candidate> candidates_;
    std::vector<coverage::Area> interventions_;
    std::vector<coverage::Site> existing_;
    std::vector<std::string> unlocated_;
};

}  // namespace cotation
