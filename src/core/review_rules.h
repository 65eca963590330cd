#pragma once
// A reviewer's work on a dossier: what must be rated before submitting.
// Pure rules.
#include <string>
#include <vector>

#include "grid.h"
#include "scoring.h"

namespace cotation {

// Empty when `reviewer` rated every criterion of the grid with a rating that
// counts (justified, on the scale) among `ratings` (the dossier's), else the
// refusal listing the criteria missing, in the grid's order.
std::string submission_refusal(const Grid& grid, const std::vector<const Rating*>& ratings, const std::string& reviewer);

}  // namespace cotation
