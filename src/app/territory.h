#pragma once
// The coverage side of a campaign, for the command line and the workbench:
// the campaign's territory, its existing offer, the zones it entered, the
// call's territorial rules, the candidates (ranked dossiers with their site
// and intervention territory), coverage figures for any chosen set, and the
// allocation in ranking order beside the coordinator's variant.
//
// Storage (schema 10): the campaign's own offer and zones are tables of the
// campaign file, each replacement journaled and refused on a closed campaign;
// the offer shipped with the grid (<grid>.offre.csv) is taken into the
// tables when the campaign is made (journaled), and, for a campaign made
// before that, at its first opening that may write. A campaign made before kept them
// in files beside it (`<campaign>.offre.csv`, `<campaign>.zones.csv`): they
// are imported into the tables at the first opening that may write, then
// never read again (a closed or read-only campaign reads them as they are).
// The rules are those pinned in the campaign at its creation (schema 14:
// <grid>.territoire.txt beside the grid, else in scoring-grids/).
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/coverage.h"
#include "core/offer.h"
#include "core/territorial_allocation.h"
#include "io/offer.h"
#include "report/committee.h"
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
    // When the campaign's territory parameter is not the grid's value: « territoire
    // fixé pour la campagne (campagne.departements) par « … » le … ; la grille
    // proposait : … » (said with the coverage, the map's title keeps the names).
    const std::string& territory_origin() const { return territory_origin_; }

    // The candidates read again from the session's ranking as it now stands
    // (after a rating moved a dossier), the rest kept: rules, territory,
    // offer, zones and recorded allocation do not follow the scores
    // (Session::committee_proposal; issue 12, review M4).
    void follow_ranking();

    // Ranked dossiers in ranking order; intervention territories aligned.
    const std::vector<allocation::Candidate>& candidates() const { return candidates_; }
    const std::vector<coverage::Area>& intervention_territories() const { return interventions_; }
    std::optional<std::size_t> candidate(const std::string& reference) const;
    // The existing offer, located (sites without a point are left out and listed).
    const std::vector<coverage::Site>& existing_sites() const { return existing_; }
    const std::vector<std::string>& unlocated() const { return unlocated_; }
    // Ranked dossiers with no rating yet: left out of the candidates.
    const std::vector<std::string>& unrated() const { return unrated_; }
    // Eligible dossiers kept out of the ranking until the coordinator
    // arbitrates a flagged criterion: reference and the criteria awaited.
    struct Awaiting {
        std::string reference, criteria;   // "I.1, II.2"
    };
    // What keeps dossiers out of the allocation (no rating yet, an
    // arbitration awaited) and the command that settles it, in French; empty
    // when nothing does. A campaign made from scratch needs it said: its
    // ranking holds only the dossiers whose ratings agree.
    std::string waiting_text() const;
    // With no allocation recorded, the committee's opinion follows the
    // ranking's proposal: when that proposal is not the allocation under the
    // call's territorial rules, a French warning naming the dossiers and the
    // rule, and how to record (empty otherwise).
    std::string proposal_warning() const;

    // A set's item « REF » or « REF=N » (a partial grant of N): the reference.
    static std::string reference_of(const std::string& item);
    // The existing offer plus the given dossiers (references, « REF=N » for a
    // partial grant, whose N places count; InputError for one that is not ranked).
    std::vector<coverage::Site> sites_with(const std::vector<std::string>& references) const;
    // The existing offer and the sites an allocation retains, with the places
    // it grants them (allocation::retained_sites): what its rates count.
    std::vector<coverage::Site> sites_of(const allocation::Allocation& a) const;
    coverage::Summary summary(const std::vector<std::string>& references) const;
    // The declared intervention territories of the given dossiers (CRT, ACT
    // « hors les murs »: teams go to people's homes, so a commune of the
    // territory is served whatever its distance to the seat): the communes
    // and population inside, and the population beyond the access distance
    // once those communes count as served. Both measures are shown side by side.
    struct Served {
        std::size_t communes = 0;
        long population = 0;
        long beyond_outside = 0;          // beyond the access distance and in no declared territory
        std::size_t communes_beyond_outside = 0;
        bool any = false;                 // some dossier declares a territory
    };
    Served served(const std::vector<std::string>& references, const coverage::Summary& s) const;

    // Outputs fixed for scripts (dot decimals, `;`):
    //   summary_csv: `indicateur;valeur` rows; communes_csv:
    //   `code_insee;commune;population;distance_km;site` (two decimals).
    std::string summary_text(const std::vector<std::string>& references) const;
    // `set`, when given, is the last row `ensemble;<set>` (which set the
    // figures are of: offre_existante, ordre_du_classement, repartition_enregistree
    // or avec).
    std::string summary_csv(const std::vector<std::string>& references, const std::string& set = "") const;
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
    // One table per CSV, so that a spreadsheet or a script reads it whole:
    // `dossier;rang;score;places;cout;commune;zone;classement;contrainte;motif[;variante;contrainte_variante]`
    // (places in the call's unit: missions of a CRT call count 1 each) …
    std::string repartition_csv(const std::vector<std::string>& variant) const;
    // … and `indicateur;classement[;variante]` (places, cout, distance_moyenne_km,
    // population_au_dela, communes_au_dela).
    std::string repartition_figures_csv(const std::vector<std::string>& variant) const;

    // The territory map with the given dossiers chosen (the other ranked
    // candidates drawn apart); PNG or PDF by the file's extension.
    // `which`, when given, says above the map which set it shows.
    report::MapData map_data(const std::vector<std::string>& references, const std::string& which = "") const;
    void write_map(const std::string& path, const std::vector<std::string>& references, const std::string& which = "") const;

    std::string offer_text() const;
    // « 9 structures, 179 places (origin) », or « aucune structure saisie »
    // (a CRT call has no offer of places: « 0 structure, 0 place » read wrong).
    std::string offer_phrase() const;
    // The offer's capacity in the call's unit: « 179 lits » (UPHV), « 0 place ».
    std::string offer_capacity() const;
    // The files an older campaign kept beside it (read once, see above).
    std::string legacy_offer_path() const { return session_.path() + ".offre.csv"; }
    std::string legacy_zones_path() const { return session_.path() + ".zones.csv"; }
    // What the opening did with those files, in French (empty: nothing).
    const std::vector<std::string>& notices() const { return notices_; }
    // The coordinator's changes, each checked whole before anything is
    // stored, then one journaled transaction; refused on a closed campaign.
    // Imports a FINESS extract (filtered by category and by the campaign's
    // départements) as the campaign's offer, replacing it.
    // After the committee's vote each replacement needs `reason`
    // (territory_change_after_vote_refusal), kept with the data's origin.
    io::FinessExtract import_offer(const std::string& extract_path, const std::set<std::string>& categories,
                                   const std::string& actor, const std::string& reason = "");
    // Replaces the campaign's offer by an offer file (format of io/offer.h,
    // UTF-8 or Windows-1252); returns what the reading says of its encoding
    // (empty for UTF-8), for the import report.
    std::string set_offer_file(const std::string& path, const std::string& actor, const std::string& reason = "");
    // Replaces the campaign's zones by a zones file (`zone;libelle;communes`);
    // returns the warnings of check_zones_file, to be said to the user.
    std::vector<std::string> set_zones_file(const std::string& path, const std::string& actor, const std::string& reason = "");
    // Reads and checks a zones file without storing it (InputError naming
    // file, line, field). A zone with no commune in the campaign's territory
    // is refused; one partly outside is kept whole (a DRAD zone may cross the
    // region's border) and `warnings`, when given, receives one French
    // sentence per such zone naming the communes outside.
    std::vector<coverage::Area> check_zones_file(const std::string& path, std::vector<std::string>* warnings = nullptr) const;

    // The allocation the campaign follows (the committee's opinion follows it
    // when it votes): none until recorded.
    const std::optional<allocation::Recorded>& recorded() const { return recorded_; }
    // The recorded allocation as a variant is typed, each partial grant as
    // « REF=N » (what compare() and reason_needed() read): empty when none.
    std::vector<std::string> recorded_variant() const;
    // Records the allocation in ranking order (empty variant) or the
    // coordinator's variant; a variant that departs from the ranking order,
    // or breaks a rule of the call, needs its written reason.
    allocation::Recorded record_allocation(const std::vector<std::string>& variant, const std::string& reason,
                                           const std::string& actor);
    // Why recording this allocation needs a written reason, in French (empty:
    // none needed): a departure from the ranking order, a rule of the call
    // broken, a retained dossier overlapping a zone entered for the campaign.
    std::string reason_needed(const std::vector<std::string>& variant) const;
    void withdraw_allocation(const std::string& actor);
    std::string recorded_text(bool with_rules = true) const;   // with the rules and their statuses

    // The set `couverture` and `carte` show when no set is asked for: the
    // recorded allocation when there is one, else the allocation in ranking
    // order under the call's rules (as the committee file's map).
    // `which` receives what that set is, in French (« Répartition enregistrée,
    // … : D1, D2 »), to be said with the figures and above the map.
    std::vector<std::string> default_set(std::string& which) const;
    // What a set the user asked for (--avec) is, said the same way.
    static std::string asked_set(const std::vector<std::string>& references);

    // The committee file's territory page: the map of the recorded allocation
    // (else the ranking order) and the coverage figures of the ranking
    // allocation and of the variant when one is recorded, one line each.
    report::TerritoryPage committee_page() const;

private:
    void load();
    void candidates_from_ranking();   // the ranking's part of load(): candidates, unrated, awaiting, proposed
    void adopt_legacy_files(TerritoryRecord& record);
    void reload();
    // Inside a write transaction: the study read again when the campaign was
    // (another program changed it), so the checks see what is written over.
    void catch_up();
    Session& session_;
    std::uint64_t loads_seen_ = 0;   // Session::loads() when read
    coverage::Territory territory_;
    Offer offer_;
    std::vector<coverage::Area> zones_;
    allocation::Rules rules_;
    double access_km_ = 30;
    std::vector<std::string> departements_;
    std::string territory_parameter_;   // the parameter the territory comes from, empty: the rules file
    std::string territory_origin_;
    std::vector<allocation::Candidate> candidates_;
    std::vector<coverage::Area> interventions_;
    std::vector<coverage::Site> existing_;
    std::vector<std::string> unlocated_;
    std::size_t unlocated_sites_ = 0;   // the first of unlocated_: the existing offer's, then candidates'
    std::vector<std::string> unrated_;
    std::vector<Awaiting> awaiting_;
    std::vector<std::string> proposed_;   // retained by the ranking's proposal, in ranking order
    std::optional<allocation::Recorded> recorded_;
    std::vector<std::string> notices_;
};

// The committee file's territory page, or none for a campaign whose
// territory has no commune (no declared département and no dossier).
std::optional<report::TerritoryPage> committee_territory(Session& session);

}  // namespace cotation
