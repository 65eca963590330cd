#pragma once
// Ratings given before their author declared a link with the dossier's
// organisme (trial 13 F22). The declaration withdraws the assignment and
// forbids new ratings (Team::may_rate), but the ratings already given would
// still weigh in the score, the ranking, the consolidation and the committee
// documents: they are set aside there, and every output says whose and why.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "scoring.h"
#include "team.h"

namespace cotation {

struct SetAsideRatings {
    std::string reviewer;
    int count = 0;          // ratings of that reviewer on that dossier
    Date declared_on;       // of the declaration that sets them aside
};
// dossier id -> the reviewers whose ratings are set aside, in name order.
using SetAsideIndex = std::unordered_map<std::int64_t, std::vector<SetAsideRatings>>;

// Removes from `ratings` (every rating, by dossier) those of a reviewer in
// conflict with the dossier's organisme, and says which they were.
SetAsideIndex set_aside_conflicted(const Team& team, const std::vector<Dossier>& dossiers, RatingIndex& ratings);

// « notes de Claire Martin (ARS, DD 13) écartées : lien d'intérêts déclaré le 12 mars 2023 (17 notes) »
std::string set_aside_text(const SetAsideRatings& s);

// Dossiers of different organisations carrying the same SIRET or FINESS
// (trial 13 F26: three EHPAD with one FINESS). Both identify a single
// establishment, and a declared link is matched by them: one with the first
// would name the others. One warning per shared identifier among the groups
// holding a reference of `concerned` (the dossiers just imported), in French.
std::vector<std::string> shared_identifier_warnings(const std::vector<Dossier>& dossiers,
                                                    const std::vector<std::string>& concerned);

}  // namespace cotation
