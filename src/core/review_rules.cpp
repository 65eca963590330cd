#include "review_rules.h"

#include <set>

#include "french.h"

namespace cotation {

std::string submission_refusal(const Grid& grid, const std::vector<const Rating*>& ratings, const std::string& reviewer) {
    std::set<std::string> rated;
    for (const Rating* r : ratings)
        if (r->reviewer == reviewer && rating_counts(grid, *r)) rated.insert(r->criterion);
    std::vector<std::string> missing;
    for (const auto& t : grid.themes)
        for (const auto& c : t.criteria)
            if (!rated.count(c.id)) missing.push_back(c.id);
    if (missing.empty()) return "";
    return "Notes incomplètes : il manque une note justifiée pour " + fr::join(missing, ", ") + ".";
}

}  // namespace cotation
