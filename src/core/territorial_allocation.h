#pragma once
// Choosing the winners in ranking order under a call's territorial rules:
// capacity (in units where the call has units), financial envelope, at most
// k units per zone (EPCI, département, or groups of communes the authority
// defines), a minimum distance between chosen sites and to the existing
// offer, a minimum score. A dossier passed over says which rule did it. A
// variant composed by the coordinator is checked against the same rules and
// compared with the ranking order (places, cost, mean distance, population
// beyond the access distance, communes uncovered).
//
// Built beside the ranking (core/scoring.h): it takes the ranking's order and
// totals as they are, and changes nothing in them.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "coverage.h"
#include "procedure.h"

namespace cotation::allocation {

enum class ZoneKind { None, Epci, Departement, Groups };

enum class Constraint { None, MinScore, Capacity, Envelope, ZoneQuota, DistanceChosen, DistanceExisting, Unlocated };

// Where a territorial rule comes from (trial 1011B F2: the tool's own quotas
// were printed as the call's): the call's text, named by its title and
// section, or a proposal (of the authority or of the tool) with its reason.
// Not declared is a proposal, never the call's rule: a campaign whose rules
// were pinned before statuses existed reads them so (io/territory_rules).
struct RuleStatus {
    enum class Kind { Call, Proposal };
    Kind kind = Kind::Proposal;
    std::string author;           // a proposal's: « l'outil », « l'autorité » (empty: not said)
    std::string title, section;   // the call's: the text's title and section
    std::string reason;           // a proposal's: why
    bool call() const { return kind == Kind::Call; }
};
// « règle de l'appel (Cahier des charges …, 1) B)) », « proposition de l'outil ».
std::string status_label(const RuleStatus& s);

// Declared as data for each call (scoring-grids/<grid>.territoire.txt).
struct Rules {
    std::optional<double> capacity;              // places (campagne.places)
    std::optional<double> unit_places;           // places per unit (8 beds for a UPHV unit)
    std::optional<double> envelope;              // € per year, all winners together
    // € per year paid to each winner whatever it asked (a CRT's dotation):
    // the cost the envelope counts; unset, each dossier's own budget.
    std::optional<double> cost_per_dossier;
    // The most the call grants a year per unit where it has units, else per
    // place (UPHV: 44 000 € a unit, §4-1; ACT HLM: 12 600 € a place, Annexe 1,
    // 1) B)): from the grid parameter whose role is « plafond ». A dossier
    // asking more costs the cap, which is all it can be granted (trial
    // 1011C F4: 44 500 € asked broke the envelope that 44 000 € keeps).
    std::optional<double> cap_per_unit;
    ZoneKind zone = ZoneKind::None;
    std::optional<double> max_units_per_zone;    // in units where the call has units, else places
    std::map<std::string, std::vector<std::string>> groups;   // authority's groups: name -> communes
    std::optional<double> min_km_between;        // between two chosen sites
    std::optional<double> min_km_existing;       // from a chosen site to the existing offer
    std::optional<double> min_score;             // total, in points
    std::optional<double> access_km;             // campagne.distance_acces default
    std::vector<std::string> departements;       // the call's territory
    // The call's unit of capacity, French singular and plural (the unit of
    // campagne.places: « lit|lits » for UPHV, « mission|missions » for a CRT
    // call, where each retained dossier is one mission).
    std::string unit_one = "place", unit_many = "places";
    // Each retained dossier counts one (a CRT mission, registered with 0
    // places): rates of places per inhabitant mean nothing for such a call.
    bool per_dossier = false;
    // A call counted in places (no unit, not per dossier) may grant part of
    // a request, the remainder of the capacity, envelope or zone quota
    // (attribution_partielle = oui): marked partial, with the motive it
    // suggests for the decision (a partial grant needs one, core/decision_rules).
    bool partial_grant = false;
    // Each rule's status, by its key in the rules file (« max_par_zone »,
    // « enveloppe », « capacite »…); a key absent here is a proposal.
    std::map<std::string, RuleStatus> status;
    // Said after the envelope's line when it does not agree with what the
    // capacity costs (follow_envelope).
    std::string envelope_note;
    const RuleStatus& status_of(const std::string& key) const;
    const RuleStatus& status_of(Constraint c) const;
};

// The status of a rule a campaign parameter sets (the capacity,
// campagne.places): the call's when the grid's source for it cites one of
// its texts (`titles`, cited as « title, section ») and the campaign keeps the
// grid's value; the authority's when the campaign changed the grid's value;
// else the tool's (a grid default nobody set, whatever notice it names).
// `set_by`, when someone set the parameter for the campaign (« « Anne Roy
// (compte aroy) » le 01/12/2026 à 08:20 UTC »): the grid's value set so is
// the authority's choice, or the call's rule when the text gives it; a value
// changed says who set it and, where the text gives a figure (`grid_figure`,
// « 44 000 € »), that figure with the text's section.
RuleStatus parameter_status(const std::string& id, const std::string& cited_source, const std::vector<std::string>& titles,
                            bool grid_value, const std::string& set_by = "", const std::string& grid_figure = "");

// What the whole capacity costs a year at the call's unit figure: missions ×
// the dotation of each (CRT), units × the cap of a unit (UPHV: 24 beds ÷ 8 ×
// 44 000 €), places × the cap of a place (ACT HLM: 73 × 12 600 €); nothing
// when a figure is missing.
std::optional<double> capacity_cost(const Rules& r);

// The three calls' envelopes are their capacity's cost (919 800 € = 73 ×
// 12 600 €): a campaign that changes the capacity or the unit figure
// (cotation param) would keep an envelope that stops the allocation at the
// call's count (trial 1011G M3: 80 places set, 73 granted). An envelope equal
// to the cost at the grid's values (`at_grid_values`) follows the campaign's,
// its status saying so; one written apart from them stays, and
// Rules::envelope_note says that they no longer agree.
void follow_envelope(Rules& r, const Rules& at_grid_values);

// The rules file's key a constraint comes from (« max_par_zone » for the zone quota).
const char* rule_key(Constraint c);

// Each rule in force, one French line with its status: « Au plus 20 places
// par département — proposition de l'outil, non une règle de l'appel :
// … ». What rank, repartition, the committee file and the minutes print.
std::vector<std::string> rule_lines(const Rules& r);

struct Candidate {
    std::string reference;
    std::string label;
    double places = 0, cost = 0, score = 0;
    std::string commune;                          // INSEE code
    std::optional<geo::LonLat> position;          // own, else the commune's point
};

struct Choice {
    std::size_t candidate = 0;                   // index into the candidates given
    bool retained = false;
    Constraint constraint = Constraint::None;    // for a passed-over dossier (or a variant's breach)
    std::string reason;                          // French, with the figures
    std::string zone;                            // the candidate's zone code (empty without zone rule)
    // Retained: the places granted; fewer than asked when partial (the
    // remainder, Rules::partial_grant), with the motive suggested for the decision.
    double granted = 0;
    bool partial = false;
    std::string motive = {};
    // Retained: what the granted places cost a year, as the call allows them
    // (allowed_cost); what every figure of the allocation counts.
    double cost = 0;
};

struct Allocation {
    std::vector<Choice> choices;                 // one per candidate, in the order given
    double places = 0, cost = 0;
    std::vector<std::size_t> retained() const;
};

// What `places` of candidate `k` cost a year as the call allows them: the
// dotation paid to each dossier where the call fixes one (a CRT's 400 000 €),
// else its budget (in proportion for part of its places), at most the call's
// cap for those places (Rules::cap_per_unit). The one cost every figure counts.
double allowed_cost(const Rules& r, const Candidate& k, double places);
inline double allowed_cost(const Rules& r, const Candidate& k) { return allowed_cost(r, k, k.places); }

// The sites an allocation retains, each with the places granted to it: the
// one definition of « what a set retains » that places, cost, distances,
// population beyond and rates per inhabitant all read (trial 1011C F1: a
// variant's places left out a dossier its distances counted).
std::vector<coverage::Site> retained_sites(const Allocation& a, const std::vector<Candidate>& candidates);

// The zone of a commune under the rules (EPCI SIREN, département code, group
// name); empty when none applies.
std::string zone_of(const Rules& r, const coverage::Territory& t, const std::string& commune);

// In ranking order: each candidate retained unless a rule stops it.
Allocation allocate(const Rules& r, const std::vector<Candidate>& ranked, const coverage::Territory& t,
                    const std::vector<coverage::Site>& existing);

// The coordinator's variant: the chosen candidates are retained as chosen,
// each for its whole request, or for the share `places` gives it (by
// candidate index: a partial grant, see variant_share_refusal), at the cost
// the call allows, even one that breaks a rule; each such one says which
// (the departure is theirs to motivate).
Allocation check_variant(const Rules& r, const std::vector<Candidate>& candidates, const std::vector<std::size_t>& chosen,
                         const coverage::Territory& t, const std::vector<coverage::Site>& existing,
                         const std::map<std::size_t, double>& places = {});
// Why a variant may not grant `places` of candidate `k`'s request (empty: it
// may): only where the call grants part of a request (attribution_partielle,
// counted in places, not in units nor missions), whole places, at least one
// and fewer than asked (trial 1011D: a variant could not give ACT23-1 5 places).
// `typed`, when given, is the item as the user wrote it (« U-01=abc »), quoted as is.
std::string variant_share_refusal(const Rules& r, const Candidate& k, double places, const std::string& typed = "");
// Whether the call grants part of a request (counted in places, attribution_partielle).
bool partial_allowed(const Rules& r);
// A variant that breaks a rule of the call's text (its capacity, envelope,
// a quota the text sets) is refused whatever its motive, naming each dossier
// and rule; one departing from a proposal of répartition only needs its
// motive (trial 1011D: a variant breaking the call's rules was recorded with
// any reason). Empty, or the refusal in French.
std::string variant_call_rule_refusal(const Rules& r, const Allocation& variant, const std::vector<Candidate>& candidates);

struct Figures {
    double places = 0, cost = 0;
    double mean_km = 0;
    long population_beyond = 0;
    double share_beyond = 0;
    std::size_t communes_beyond = 0;
    int sites_located = 0;   // none: mean_km means nothing
};
Figures figures(const Allocation& a, const std::vector<Candidate>& candidates, const coverage::Territory& t,
                const std::vector<coverage::Site>& existing, double access_km);

// The allocation the campaign follows, recorded by the coordinator: the
// ranking order under the call's rules, or the coordinator's variant, which
// departs from the ranking and says why. The committee's opinion follows it.
enum class Followed { Ranking, Variant };
struct Recorded {
    Followed followed = Followed::Ranking;
    std::vector<std::string> retained;   // dossier references, in ranking order
    // Retained for part of its request (the ranking order's partial grant):
    // reference -> places granted. Absent: the whole request.
    std::map<std::string, double> granted;
    std::string reason;                  // why a variant departs from the ranking order
    std::string recorded_at, recorded_by;
};

// Rules that choose by place (a zone quota, a distance): under them, with no
// allocation recorded, the committee votes on the ranking order under the
// rules, not on capacity alone (Session::committee_proposal).
bool territorial(const Rules& r);

// The proposal the committee votes on, one notion for the ranking's marks,
// the vote, the « depuis le vote » comparison and every document: when an
// allocation applies (the recorded one, else the ranking order under the
// call's territorial rules), a ranked dossier is proposed when it retains it
// and not retained otherwise, with `reasons` (by reference) saying why; the
// capacity-only proposal otherwise. Dossiers set apart or awaiting an
// arbitration keep theirs. A dossier in `granted` is proposed for those
// places only (a partial grant: RankEntry::proposed_places).
void follow_allocation(Ranking& ranking, const std::vector<Dossier>& dossiers, const std::vector<std::string>& retained,
                       const std::map<std::string, std::string>& reasons, const std::map<std::string, double>& granted = {});

// "12,3 km" (one decimal, French notation, no-break space).
std::string km_text(double km);

}  // namespace cotation::allocation
