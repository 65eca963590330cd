#pragma once
// Consolidation of ratings, scores, ranking and the proposal of retention.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "dossier.h"
#include "eligibility.h"
#include "grid.h"

namespace cotation {

// The coordinator's consolidated rating of one criterion of one dossier.
struct ConsolidationDecision {
    std::string criterion;
    Rational value;
    std::string reason;   // required when the value departs from the mean
    std::string author;
};
// dossier id -> criterion id -> decision
using ConsolidationIndex = std::unordered_map<std::int64_t, std::map<std::string, ConsolidationDecision>>;

// One criterion of one dossier after consolidation.
struct CriterionScore {
    std::optional<Rational> rating;   // the decision if any, else the mean of the valid ratings (exact)
    std::optional<Rational> mean;     // mean of the valid ratings
    int reviewers = 0;                // valid ratings counted
    int spread = 0;                   // max - min of the valid ratings
    bool flagged = false;             // ≥ 2 reviewers and a spread ≥ 2 points, or one of them gave 0
    bool decided = false;             // the coordinator recorded the consolidated rating
};

struct DossierScore {
    std::vector<CriterionScore> criteria;   // in grid order
    std::vector<Rational> themes;           // Σ coefficient × rating, per theme
    Rational total;
    int rated = 0;                          // criteria with at least one valid rating
    std::vector<std::string> pending;       // flagged criteria awaiting the coordinator's decision

    bool fully_rated(const Grid& g) const { return rated == static_cast<int>(g.criterion_count()); }
};

// A rating counts only with a written justification (the rule: a
// rating without one counts as not given) and within the grid's scale.
bool rating_counts(const Grid& grid, const Rating& r);

DossierScore score_dossier(const Grid& grid, const std::vector<const Rating*>& ratings,
                           const std::map<std::string, ConsolidationDecision>* decisions = nullptr);

// Unrated: eligible, but no valid rating on any criterion. Its 0 is no
// score: it is not ranked, nor proposed « non retenu » (trial 13c F4).
enum class Proposal { Retained, NotRetained, Ineligible, Pending, Unrated };
const char* proposal_label(Proposal p);

struct RankEntry {
    std::size_t dossier = 0;          // index into the dossiers given to rank()
    int rank = 0;                     // 0 when ineligible
    bool ex_aequo = false;
    DossierScore score;
    EligibilityReport eligibility;
    Proposal proposal = Proposal::NotRetained;
    std::string proposal_reason;
    // Proposed for part of its request (a partial grant of the allocation):
    // the places proposed, which a decision following the proposal grants.
    std::optional<Rational> proposed_places;
    // Minimum thresholds of the grid not reached ("Thème II : 28 points, minimum 30").
    std::vector<std::string> below_minimum;
    // Refused before the committee (art. R. 313-6), with its ground and motive.
    std::string prior_rejection;
    // Ratings not counted, said in every output that shows the entry: « notes
    // de X écartées : lien d'intérêts déclaré le … » (core/conflict_ratings.h).
    std::vector<std::string> set_aside;

    // Why a dossier is listed apart: the prior rejection, then the failed rules.
    std::vector<std::string> apart_reasons() const;
    bool apart() const { return !prior_rejection.empty() || eligibility.eliminated(); }
};

// How a call counts its capacity, from the parameter roles its grid declares
// (data, not names in code): places measured by each dossier's "places"
// (ACT HLM: 73 places), whole units of places (UPHV: 24 beds in units of 8),
// or retained dossiers whatever their "places" (CRT: missions, Annexe 2 of
// the arrêté du 27 avril 2022 registers a CRT with a capacity of 0).
struct CapacityModel {
    std::optional<Rational> capacity;   // places, or dossiers when per_dossier
    bool per_dossier = false;
    std::optional<Rational> unit;       // places are granted in whole units of this size
    std::string capacity_unit;          // the capacity's declared unit ("mission|missions", "lit|lits")
    std::string places_unit;            // the dossiers' "places" unit

    std::string capacity_text(const Rational& n) const;   // "2 missions", "24 lits"
    std::string places_text(const Rational& n) const;     // "8 lits"
    // What a dossier retained with `places` takes from the capacity.
    Rational used_by(const Rational& places) const;
};
CapacityModel capacity_model(const Grid& grid, const Campaign& campaign);

// Why `places` cannot be granted to a dossier that asked `asked` (null when
// it did not say) while other retained dossiers already take `others` of the
// capacity (in the capacity's own count); nothing when it can. French, ready to show.
std::optional<std::string> grant_refusal(const CapacityModel& m, const Rational& places, const Rational* asked,
                                         const Rational& others);

struct Ranking {
    std::vector<RankEntry> ranked;        // in display order
    // Eligible but not rankable yet, out of the ranking: a flagged criterion
    // awaits the coordinator's decision (Proposal::Pending), or nobody has
    // rated the dossier (Proposal::Unrated).
    std::vector<RankEntry> pending;
    std::vector<RankEntry> ineligible;    // refused before the committee or failing a rule, in reference order
    Rational capacity;                    // the call's capacity when declared (places, or dossiers: see model)
    Rational granted;                     // proposed, in the same count
    CapacityModel model;
    static const char* tie_rule();        // the stated order among equal totals
};

// The ranking's counts as the workbench shows them, in French with their
// agreement (trial 15c F11: « 1 dossiers classés »): « 1 dossier classé,
// 2 irrecevables » under the ranking; « 4 dossiers · 1 classé · 1 irrecevable »
// in the status bar.
std::string ranking_summary(const Ranking& r);
// Entries of `pending` with that proposal (awaiting arbitration, or unrated).
std::size_t count_pending(const Ranking& r, Proposal p);
std::string ranking_counts(std::size_t dossiers, const Ranking& r);

// What the committee should know about a ranked entry, in French, as a list:
// ex aequo, missing facts (blocking or for a point of attention), points of
// attention, incomplete rating, reason for not being proposed.
std::vector<std::string> observations(const Grid& grid, const RankEntry& e);
// A dossier rated on part of the grid is ranked on what was rated, and said
// so wherever the ranking is read (trial 13d F7: rated on 1 criterion of 17,
// it was ranked without a mark): « cotation incomplète : 1 critère noté sur
// 17 » (rank, rank --csv, the committee file, the workbench's ranking);
// "" when every criterion is rated. Nobody rated it: Proposal::Unrated, out
// of the ranking. decide refuses to retain it until it is (decision_rules.h).
std::string incomplete_rating(const Grid& grid, const RankEntry& e);

// The authority's decision on a dossier, after the committee's opinion.
enum class DecisionKind { Retained, NotRetained, Complementary, Ineligible };
const char* decision_label(DecisionKind k);                        // "retenu", …
// The decision a proposal of the ranking advises (none while awaiting arbitration).
std::optional<DecisionKind> advised_decision(Proposal p);

struct Decision {
    DecisionKind kind = DecisionKind::NotRetained;
    std::string motive;
    Date date;
    std::optional<Rational> places;                 // granted, when retained
    std::optional<DecisionKind> committee_opinion;  // what the committee advised
    std::string departure_reason;                   // why the decision departs from it
    std::string author;
};
using DecisionIndex = std::unordered_map<std::int64_t, Decision>;

// Ratings grouped by dossier id, for speed at 10 000 dossiers.
using RatingIndex = std::unordered_map<std::int64_t, std::vector<const Rating*>>;
RatingIndex index_ratings(const std::vector<Rating>& ratings);

// `refused`: dossier id -> the prior rejection's text; those dossiers are listed apart.
Ranking rank_dossiers(const Grid& grid, const Campaign& campaign, const std::vector<Dossier>& dossiers,
                      const RatingIndex& ratings, const ConsolidationIndex* decisions = nullptr,
                      const std::unordered_map<std::int64_t, std::string>* refused = nullptr);

// After the ratings or consolidation of one dossier (index into `dossiers`)
// changed: its score is computed again and its entry moved to its place,
// ranks, ex aequo and the proposal follow. The result equals rank_dossiers
// on the same inputs, at the cost of one dossier instead of all of them.
void rerank_dossier(Ranking& ranking, std::size_t dossier, const Grid& grid, const Campaign& campaign,
                    const std::vector<Dossier>& dossiers, const RatingIndex& ratings,
                    const ConsolidationIndex* decisions = nullptr,
                    const std::unordered_map<std::int64_t, std::string>* refused = nullptr);

// Mean of each theme's points over the ranked dossiers (the committee's yardstick).
std::vector<Rational> theme_means(const Grid& grid, const Ranking& ranking);

// What moving a campaign from one grid version to another would change,
// shown before it is applied. Ratings stay attached to criterion ids: a
// criterion that disappears leaves its ratings unused, never moved.
struct ScoreChange {
    std::size_t dossier = 0;
    Rational before, after;          // totals
    int rank_before = 0, rank_after = 0;   // 0 when not ranked
    std::string verdict_before, verdict_after;
};
struct GridChange {
    std::vector<ScoreChange> dossiers;            // in the new ranking's order, then the others
    std::vector<std::string> removed_criteria;    // "II.9 (12 notes ne compteront plus)"
    std::vector<std::string> added_criteria;      // "II.10 (à noter)"
    std::vector<std::string> changed_coefficients;   // "I.1 : 8 → 6"
    Rational max_before, max_after;
};
GridChange compare_grids(const Grid& before, const Grid& after, const Campaign& campaign,
                         const std::vector<Dossier>& dossiers, const RatingIndex& ratings,
                         const ConsolidationIndex* decisions = nullptr);

}  // namespace cotation
