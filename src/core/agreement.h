#pragma once
// How far reviewers agree, and how solid the ranking is. Both are advice for
// the coordinator and the committee: ratings are never rescaled from them
// (the published notation method binds the authority). Formulas and a worked
// example: docs/accord-et-marges.md.
#include <optional>
#include <string>
#include <vector>

#include "grid.h"
#include "scoring.h"

namespace cotation {

struct ReviewerOffset {
    std::string reviewer;
    int ratings = 0;
    Rational mean_offset;   // mean of (their rating − consolidated rating)
};

struct Agreement {
    // Krippendorff's alpha, interval metric, over every (dossier, criterion)
    // rated by at least two reviewers; none when nothing is pairable or all
    // ratings are equal.
    std::optional<Rational> alpha;
    std::size_t units = 0;          // (dossier, criterion) pairs with ≥ 2 ratings
    std::size_t values = 0;         // ratings in those units
    std::vector<ReviewerOffset> reviewers;
};

// Each reviewer's offset is measured against the consolidated rating: the
// coordinator's arbitrated value where `decided` holds one, else the mean
// of the ratings (trial of issue 12: the arbitration was left out).
Agreement measure_agreement(const Grid& grid, const RatingIndex& ratings, const ConsolidationIndex* decided = nullptr);

// Between two neighbours of the ranking, the smallest single change that
// would bring the lower one level with the upper one (any change beyond it
// swaps them).
struct SwapMargin {
    std::size_t upper = 0, lower = 0;            // positions in Ranking::ranked
    Rational gap;                                // upper total − lower total
    std::optional<Rational> coefficient_change;  // absolute change of one coefficient
    std::string coefficient_criterion;
    int coefficient_direction = 0;               // +1 raise, −1 lower
    std::optional<Rational> rating_change;       // change of one consolidated rating, in rating points
    std::string rating_criterion;
    bool rating_of_lower = true;                 // raise the lower dossier's rating, or lower the upper one's
};

struct RankingSolidity {
    std::vector<SwapMargin> margins;   // one per pair of neighbours
    std::vector<bool> fragile;         // per ranked position: one rating point can change its rank
};

RankingSolidity ranking_solidity(const Grid& grid, const Ranking& ranking);

}  // namespace cotation
