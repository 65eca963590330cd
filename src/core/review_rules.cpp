#include "review_rules.h"

#include <set>

#include "french.h"
#include "people.h"

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

std::string rating_refusal(const Grid& grid, const std::string& criterion, int value) {
    if (!grid.criterion(criterion)) return "Critère « " + criterion + " » inconnu de la grille.";
    if (value < grid.scale_min || value > grid.scale_max)
        return "Critère " + criterion + " : la note " + std::to_string(value) + " est hors de l'échelle " +
               std::to_string(grid.scale_min) + "–" + std::to_string(grid.scale_max) + ".";
    return "";
}

std::string consolidation_refusal(const Grid& grid, const std::string& criterion, const Rational& value,
                                  const std::optional<Rational>& mean, const std::string& reason,
                                  const std::string& reference) {
    if (!grid.criterion(criterion)) return "Critère « " + criterion + " » inconnu de la grille.";
    if (value < Rational(grid.scale_min) || value > Rational(grid.scale_max))
        return "Note consolidée " + fr::number(value) + " hors de l'échelle " + std::to_string(grid.scale_min) + "–" +
               std::to_string(grid.scale_max) + ".";
    if (!mean) return "Le critère " + criterion + " du dossier « " + reference + " » n'a encore aucune note justifiée.";
    if (auto why = text_refusal(reason, "Le motif de l'écart"); !why.empty()) return why;
    if (value != *mean && !fr::given(reason))
        return "La note consolidée " + fr::number(value) + " s'écarte de la moyenne des évaluateurs (" +
               fr::number(*mean) + ") : écrivez le motif de cet écart.";
    return "";
}

}  // namespace cotation
