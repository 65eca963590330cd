#include "agreement.h"

#include <map>
#include <unordered_map>

namespace cotation {

Agreement measure_agreement(const Grid& grid, const RatingIndex& ratings, const ConsolidationIndex* decided) {
    Agreement out;
    // Pairable units: (dossier, criterion) with at least two valid ratings.
    std::map<int, std::int64_t> value_counts;   // rating value -> number of pairable values
    Rational observed;                          // Σ_u Σ_{i≠j} (v_i − v_j)² / (m_u − 1)
    std::map<std::string, std::pair<Rational, int>> offsets;
    for (const auto& [dossier, list] : ratings) {
        std::map<std::string, std::vector<const Rating*>> by_criterion;
        for (const Rating* r : list)
            if (rating_counts(grid, *r) && grid.criterion(r->criterion)) by_criterion[r->criterion].push_back(r);
        for (const auto& [criterion, rs] : by_criterion) {
            std::int64_t m = static_cast<std::int64_t>(rs.size()), sum = 0, squares = 0;
            for (const Rating* r : rs) {
                sum += r->value;
                squares += std::int64_t{r->value} * r->value;
            }
            Rational consolidated(sum, m);
            if (decided)
                if (auto d = decided->find(dossier); d != decided->end())
                    if (auto c = d->second.find(criterion); c != d->second.end()) consolidated = c->second.value;
            for (const Rating* r : rs) {
                auto& [total, count] = offsets[r->reviewer];
                total += Rational(r->value) - consolidated;
                ++count;
            }
            if (m < 2) continue;
            ++out.units;
            out.values += static_cast<std::size_t>(m);
            for (const Rating* r : rs) ++value_counts[r->value];
            // Σ over ordered pairs i ≠ j of (v_i − v_j)² = 2 (m Σv² − (Σv)²).
            observed += Rational(2 * (m * squares - sum * sum), m - 1);
        }
    }
    Rational expected;   // Σ over ordered pairs of values c ≠ k of n_c n_k (c − k)²
    for (const auto& [c, nc] : value_counts)
        for (const auto& [k, nk] : value_counts) expected += Rational(nc * nk * (c - k) * (c - k));
    if (out.values >= 2 && expected != Rational(0))
        out.alpha = Rational(1) - Rational(static_cast<std::int64_t>(out.values) - 1) * observed / expected;
    for (const auto& [who, acc] : offsets) out.reviewers.push_back({who, acc.second, acc.first / Rational(acc.second)});
    return out;
}

RankingSolidity ranking_solidity(const Grid& grid, const Ranking& ranking) {
    RankingSolidity out;
    out.fragile.assign(ranking.ranked.size(), false);
    std::vector<const Criterion*> criteria;
    for (const auto& t : grid.themes)
        for (const auto& c : t.criteria) criteria.push_back(&c);
    const Rational top(grid.scale_max), bottom(grid.scale_min);
    for (std::size_t i = 0; i + 1 < ranking.ranked.size(); ++i) {
        const DossierScore& a = ranking.ranked[i].score;
        const DossierScore& b = ranking.ranked[i + 1].score;
        SwapMargin m;
        m.upper = i;
        m.lower = i + 1;
        m.gap = a.total - b.total;
        for (std::size_t k = 0; k < criteria.size(); ++k) {
            Rational ra = a.criteria[k].rating.value_or(Rational(0));
            Rational rb = b.criteria[k].rating.value_or(Rational(0));
            const Rational& coef = criteria[k]->coefficient;
            // Coefficient: the gap moves by Δ × (ra − rb); a coefficient stays > 0.
            Rational d = ra - rb;
            if (d != Rational(0)) {
                Rational change = m.gap / (d > Rational(0) ? d : -d);
                int direction = d > Rational(0) ? -1 : +1;
                bool feasible = direction > 0 || change < coef;
                if (feasible && (!m.coefficient_change || change < *m.coefficient_change)) {
                    m.coefficient_change = change;
                    m.coefficient_criterion = criteria[k]->id;
                    m.coefficient_direction = direction;
                }
            }
            // One consolidated rating: the gap moves by coefficient × δ, within the scale.
            Rational needed = m.gap / coef;
            if (rb + needed <= top && (!m.rating_change || needed < *m.rating_change)) {
                m.rating_change = needed;
                m.rating_criterion = criteria[k]->id;
                m.rating_of_lower = true;
            }
            if (ra - needed >= bottom && (!m.rating_change || needed < *m.rating_change)) {
                m.rating_change = needed;
                m.rating_criterion = criteria[k]->id;
                m.rating_of_lower = false;
            }
        }
        if (m.rating_change && *m.rating_change <= Rational(1)) out.fragile[i] = out.fragile[i + 1] = true;
        out.margins.push_back(m);
    }
    return out;
}

}  // namespace cotation
