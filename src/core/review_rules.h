#pragma once
// A reviewer's work on a dossier: a rating on the grid's scale, what must be
// be rated before submitting, the coordinator's consolidated value. Pure
// rules: each returns "" or the refusal in French.
#include <optional>
#include <string>
#include <vector>

#include "grid.h"
#include "rational.h"
#include "scoring.h"

namespace cotation {

// Empty when `reviewer` rated every criterion of the grid with a rating that
// counts (justified, on the scale) among `ratings` (the dossier's), else the
// refusal listing the criteria missing, in the grid's order.
std::string submission_refusal(const Grid& grid, const std::vector<const Rating*>& ratings, const std::string& reviewer);

// A rating of `value` on `criterion`: the criterion is the grid's, the value
// on the grid's own scale (scale-min…scale-max, not always 0–5).
std::string rating_refusal(const Grid& grid, const std::string& criterion, int value);

// The coordinator's consolidated value of `criterion` for the dossier
// `reference`, whose reviewers' mean is `mean` (none: no justified rating
// yet): on the scale, after at least one rating, and a value other than the
// mean says why (`reason`, not blank).
std::string consolidation_refusal(const Grid& grid, const std::string& criterion, const Rational& value,
                                  const std::optional<Rational>& mean, const std::string& reason,
                                  const std::string& reference);

}  // namespace cotation
