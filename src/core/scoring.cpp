#include "scoring.h"

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>

#include "enums.h"
#include "french.h"

namespace cotation {

bool rating_counts(const Grid& grid, const Rating& r) {
    return r.value >= grid.scale_min && r.value <= grid.scale_max && fr::given(r.justification);
}

DossierScore score_dossier(const Grid& grid, const std::vector<const Rating*>& ratings,
                           const std::map<std::string, ConsolidationDecision>* decisions) {
    DossierScore s;
    std::size_t n = grid.criterion_count();
    s.criteria.resize(n);
    std::vector<std::int64_t> sum(n, 0);
    std::vector<int> lo(n, 1000), hi(n, -1);
    std::unordered_map<std::string, std::size_t> index;
    std::size_t k = 0;
    for (const auto& t : grid.themes)
        for (const auto& c : t.criteria) index[c.id] = k++;
    for (const Rating* r : ratings) {
        if (!rating_counts(grid, *r)) continue;
        auto it = index.find(r->criterion);
        if (it == index.end()) continue;
        std::size_t i = it->second;
        sum[i] += r->value;
        s.criteria[i].reviewers++;
        lo[i] = std::min(lo[i], r->value);
        hi[i] = std::max(hi[i], r->value);
    }
    k = 0;
    for (const auto& t : grid.themes) {
        Rational theme;
        for (const auto& c : t.criteria) {
            auto& cs = s.criteria[k];
            if (cs.reviewers > 0) {
                cs.mean = Rational(sum[k], cs.reviewers);
                cs.rating = cs.mean;
                cs.spread = hi[k] - lo[k];
                // Disagreement between reviewers side by side: a spread of 2
                // points or more, or a 0 among several ratings.
                cs.flagged = cs.reviewers >= 2 && (cs.spread >= 2 || lo[k] == 0);
            }
            if (decisions) {
                auto it = decisions->find(c.id);
                if (it != decisions->end()) {
                    cs.rating = it->second.value;
                    cs.decided = true;
                }
            }
            if (cs.flagged && !cs.decided) s.pending.push_back(c.id);
            if (cs.rating) {
                theme += c.coefficient * *cs.rating;
                s.rated++;
            }
            ++k;
        }
        s.themes.push_back(theme);
        s.total += theme;
    }
    return s;
}

const char* proposal_label(Proposal p) { return enum_label(p); }

std::vector<Rational> theme_means(const Grid& grid, const Ranking& ranking) {
    std::vector<Rational> sums(grid.themes.size());
    for (const auto& e : ranking.ranked)
        for (std::size_t t = 0; t < sums.size() && t < e.score.themes.size(); ++t) sums[t] += e.score.themes[t];
    if (!ranking.ranked.empty())
        for (auto& s : sums) s = s / Rational(static_cast<std::int64_t>(ranking.ranked.size()));
    return sums;
}

const char* decision_label(DecisionKind k) { return enum_label(k); }

std::optional<DecisionKind> advised_decision(Proposal p) {
    switch (p) {
        case Proposal::Retained: return DecisionKind::Retained;
        case Proposal::NotRetained: return DecisionKind::NotRetained;
        case Proposal::Ineligible: return DecisionKind::Ineligible;
        case Proposal::Pending:
        case Proposal::Unrated: return std::nullopt;
    }
    return std::nullopt;
}


namespace {
std::string with_unit(const Rational& n, const std::string& unit) {
    FactDef d;
    d.type = FactType::Number;
    d.unit = unit;
    return display(d, Value{n});
}
}  // namespace

std::string CapacityModel::capacity_text(const Rational& n) const { return with_unit(n, capacity_unit); }
std::string CapacityModel::places_text(const Rational& n) const { return with_unit(n, places_unit); }

Rational CapacityModel::used_by(const Rational& places) const { return per_dossier ? Rational(1) : places; }

CapacityModel capacity_model(const Grid& grid, const Campaign& campaign) {
    CapacityModel m;
    auto value_of = [&](const ParameterDef* p) -> std::optional<Rational> {
        if (!p) return std::nullopt;
        auto it = campaign.parameters.find(p->def.id);
        if (it == campaign.parameters.end()) return std::nullopt;
        if (auto r = std::get_if<Rational>(&it->second)) return *r;
        return std::nullopt;
    };
    const ParameterDef* cap = grid.parameter_with(ParameterRole::CapacityDossiers);
    m.per_dossier = cap != nullptr;
    if (!cap) cap = grid.parameter_with(ParameterRole::Capacity);
    m.capacity = value_of(cap);
    if (cap) m.capacity_unit = cap->def.unit;
    if (auto u = value_of(grid.parameter_with(ParameterRole::Unit)); u && *u > Rational(0)) m.unit = u;
    if (const FactDef* p = grid.fact("places")) m.places_unit = p->unit;
    if (m.capacity_unit.empty()) m.capacity_unit = m.per_dossier ? "dossier|dossiers" : m.places_unit;
    return m;
}

std::optional<std::string> grant_refusal(const CapacityModel& m, const Rational& places, const Rational* asked,
                                         const Rational& others) {
    if (places < Rational(0)) return "Une capacité accordée n'est pas négative.";
    if (asked && places > *asked)
        return "La capacité accordée (" + m.places_text(places) + ") dépasse la capacité demandée (" + m.places_text(*asked) +
               ").";
    if (m.unit && !m.per_dossier && !(places / *m.unit).is_integer())
        return "La capacité accordée (" + m.places_text(places) + ") n'est pas un nombre entier d'unités de " +
               m.places_text(*m.unit) + " : une unité ne se partage pas.";
    if (!m.capacity) return std::nullopt;
    Rational total = others + m.used_by(places);
    if (total > *m.capacity) {
        if (m.per_dossier) return "Capacité de l'appel atteinte (" + m.capacity_text(*m.capacity) + " au plus).";
        return "Capacité restante insuffisante (reste : " + m.places_text(*m.capacity - others) + " ; demande : " +
               m.places_text(places) + ").";
    }
    return std::nullopt;
}

const char* Ranking::tie_rule() {
    return "À total égal, les dossiers partagent le même rang ; l'ordre d'affichage suit la note du thème de "
           "plus fort poids, puis des thèmes suivants par poids décroissant, puis la date de dépôt la plus "
           "ancienne, puis la référence du dossier.";
}

std::string incomplete_rating(const Grid& grid, const RankEntry& e) {
    if (e.score.fully_rated(grid)) return "";
    return "cotation incomplète : " +
           fr::plural(e.score.rated, "critère noté", "critères notés") + " sur " +
           std::to_string(grid.criterion_count());
}

std::vector<std::string> observations(const Grid& grid, const RankEntry& e) {
    std::vector<std::string> out;
    auto join = [](const std::vector<std::string>& v) { return fr::join(v); };
    if (e.ex_aequo) out.push_back("ex aequo");
    auto blocking = e.eligibility.blocking_missing_facts();
    if (!blocking.empty()) out.push_back("non décidable, manque : " + join(blocking));
    std::vector<std::string> other;
    for (const auto& m : e.eligibility.missing_facts())
        if (std::find(blocking.begin(), blocking.end(), m) == blocking.end()) other.push_back(m);
    if (!other.empty()) out.push_back("point à vérifier, manque : " + join(other));
    for (const auto& a : e.eligibility.attention_points()) out.push_back(a);
    if (auto incomplete = incomplete_rating(grid, e); !incomplete.empty()) out.push_back(incomplete);
    for (std::size_t k = 1; k < e.below_minimum.size(); ++k) out.push_back("Note éliminatoire — " + e.below_minimum[k]);
    if (!e.proposal_reason.empty()) out.push_back(e.proposal_reason);
    for (const auto& s : e.set_aside) out.push_back(s);
    return out;
}

RatingIndex index_ratings(const std::vector<Rating>& ratings) {
    RatingIndex idx;
    for (const auto& r : ratings) idx[r.dossier_id].push_back(&r);
    return idx;
}

std::vector<std::string> RankEntry::apart_reasons() const {
    std::vector<std::string> out;
    if (!prior_rejection.empty()) out.push_back(prior_rejection);
    for (auto& r : eligibility.elimination_reasons()) out.push_back(std::move(r));
    return out;
}

namespace {

// The stated order among the ranked (Ranking::tie_rule), shared by the full
// ranking and the update of one dossier's place so that both agree exactly.
struct RankOrder {
    const std::vector<Dossier>& dossiers;
    std::vector<std::size_t> theme_order;
    RankOrder(const Grid& grid, const std::vector<Dossier>& ds) : dossiers(ds), theme_order(grid.themes.size()) {
        // Theme order for tie-breaks: by decreasing maximum, grid order among equals.
        std::iota(theme_order.begin(), theme_order.end(), 0);
        std::stable_sort(theme_order.begin(), theme_order.end(), [&](std::size_t a, std::size_t b) {
            return grid.theme_max(grid.themes[a]) > grid.theme_max(grid.themes[b]);
        });
    }
    Date date_of(const RankEntry& e) const {
        auto v = dossiers[e.dossier].get("date_depot");
        auto d = std::get_if<Date>(&v);
        return d ? *d : Date{9999, 12, 31};
    }
    bool operator()(const RankEntry& a, const RankEntry& b) const {
        if (a.score.total != b.score.total) return a.score.total > b.score.total;
        for (std::size_t t : theme_order)
            if (a.score.themes[t] != b.score.themes[t]) return a.score.themes[t] > b.score.themes[t];
        Date da = date_of(a), db = date_of(b);
        if (da != db) return da < db;
        return dossiers[a.dossier].reference < dossiers[b.dossier].reference;
    }
};

// Notes éliminatoires: a dossier under a minimum keeps its rank but cannot be proposed.
void mark_minimums(const Grid& grid, RankEntry& e) {
    std::size_t k = 0;
    for (std::size_t t = 0; t < grid.themes.size(); ++t) {
        const Theme& th = grid.themes[t];
        if (th.minimum && e.score.themes[t] < *th.minimum)
            e.below_minimum.push_back("Thème " + th.id + " : " + fr::number(e.score.themes[t]) + " points, minimum " +
                                      fr::number(*th.minimum));
        for (const auto& c : th.criteria) {
            const CriterionScore& cs = e.score.criteria[k++];
            Rational r = cs.rating.value_or(Rational(0));
            if (c.minimum && r < *c.minimum)
                e.below_minimum.push_back("Critère " + c.id + " : note " + fr::number(r) + ", minimum " + fr::number(*c.minimum));
        }
    }
}

// One dossier's entry: eligibility and score, and where it belongs: apart
// (Ineligible), awaiting arbitration (Pending), or to be ranked (NotRetained
// until number_and_propose gives its proposal).
RankEntry rank_entry(const Grid& grid, const Campaign& campaign, const std::vector<Dossier>& dossiers, std::size_t i,
                     const RatingIndex& ratings, const ConsolidationIndex* decisions,
                     const std::unordered_map<std::int64_t, std::string>* refused) {
    static const std::vector<const Rating*> none;
    RankEntry e;
    e.dossier = i;
    e.eligibility = check_eligibility(grid, campaign, dossiers[i]);
    auto it = ratings.find(dossiers[i].id);
    const std::map<std::string, ConsolidationDecision>* decided = nullptr;
    if (decisions)
        if (auto d = decisions->find(dossiers[i].id); d != decisions->end()) decided = &d->second;
    e.score = score_dossier(grid, it == ratings.end() ? none : it->second, decided);
    if (refused)
        if (auto r = refused->find(dossiers[i].id); r != refused->end()) e.prior_rejection = r->second;
    if (!e.prior_rejection.empty() || e.eligibility.eliminated()) {
        e.proposal = Proposal::Ineligible;
        auto reasons = e.apart_reasons();
        e.proposal_reason = reasons.empty() ? "" : reasons.front();
    } else if (!e.score.pending.empty()) {
        // A flagged criterion without the coordinator's decision keeps
        // the dossier out of the final ranking.
        e.proposal = Proposal::Pending;
        e.proposal_reason = "arbitrage attendu sur ";
        for (std::size_t k = 0; k < e.score.pending.size(); ++k)
            e.proposal_reason += (k ? ", " : "") + e.score.pending[k];
    } else if (e.score.rated == 0 && grid.criterion_count() > 0) {
        // Nobody has judged it: its total of 0 is no score, and « non
        // retenu » would be a verdict nobody gave (trial 13c F4).
        e.proposal = Proposal::Unrated;
        e.proposal_reason = "aucune note justifiée sur les critères de la grille";
    } else {
        mark_minimums(grid, e);
    }
    return e;
}

// Ranks, ex aequo and the proposal, from the order of
// `out.ranked`; run again whole after one dossier moved (cheap beside scoring).
void number_and_propose([[maybe_unused]] const Grid& grid, const Campaign& campaign, const std::vector<Dossier>& dossiers,
                        Ranking& out) {
    std::vector<RankEntry>& eligible = out.ranked;
    for (std::size_t i = 0; i < eligible.size(); ++i) {
        bool same_prev = i > 0 && eligible[i - 1].score.total == eligible[i].score.total;
        bool same_next = i + 1 < eligible.size() && eligible[i + 1].score.total == eligible[i].score.total;
        eligible[i].rank = same_prev ? eligible[i - 1].rank : static_cast<int>(i) + 1;
        eligible[i].ex_aequo = same_prev || same_next;
    }
    // Proposal: in ranking order, while the call's capacity allows.
    out.model = capacity_model(grid, campaign);
    const CapacityModel& model = out.model;
    if (model.capacity) out.capacity = *model.capacity;
    Rational left = out.capacity;
    out.granted = Rational(0);
    for (auto& e : eligible) {
        auto pv = dossiers[e.dossier].get("places");
        auto places = std::get_if<Rational>(&pv);
        e.proposal_reason.clear();
        if (!e.below_minimum.empty()) {
            e.proposal = Proposal::NotRetained;
            e.proposal_reason = "Note éliminatoire — " + e.below_minimum.front();
        } else if (!model.capacity) {
            e.proposal = Proposal::Retained;
        } else if (!places && !model.per_dossier) {
            e.proposal = Proposal::NotRetained;
            e.proposal_reason = "Capacité demandée non renseignée";
        } else if (auto refusal = grant_refusal(model, model.per_dossier ? Rational(0) : *places,
                                                model.per_dossier ? nullptr : places, out.capacity - left)) {
            e.proposal = Proposal::NotRetained;
            e.proposal_reason = *refusal;
            if (!e.proposal_reason.empty() && e.proposal_reason.back() == '.') e.proposal_reason.pop_back();
        } else {
            Rational used = model.used_by(model.per_dossier ? Rational(0) : *places);
            e.proposal = Proposal::Retained;
            left = left - used;
            out.granted += used;
        }
    }
}

bool by_reference(const std::vector<Dossier>& dossiers, const RankEntry& a, const RankEntry& b) {
    return dossiers[a.dossier].reference < dossiers[b.dossier].reference;
}

}  // namespace

Ranking rank_dossiers(const Grid& grid, const Campaign& campaign, const std::vector<Dossier>& dossiers,
                      const RatingIndex& ratings, const ConsolidationIndex* decisions,
                      const std::unordered_map<std::int64_t, std::string>* refused) {
    Ranking out;
    for (std::size_t i = 0; i < dossiers.size(); ++i) {
        RankEntry e = rank_entry(grid, campaign, dossiers, i, ratings, decisions, refused);
        if (e.proposal == Proposal::Ineligible) out.ineligible.push_back(std::move(e));
        else if (e.proposal == Proposal::Pending || e.proposal == Proposal::Unrated) out.pending.push_back(std::move(e));
        else out.ranked.push_back(std::move(e));
    }
    RankOrder order(grid, dossiers);
    std::sort(out.ranked.begin(), out.ranked.end(), std::cref(order));
    auto reference_order = [&](const RankEntry& a, const RankEntry& b) { return by_reference(dossiers, a, b); };
    std::sort(out.ineligible.begin(), out.ineligible.end(), reference_order);
    std::sort(out.pending.begin(), out.pending.end(), reference_order);
    number_and_propose(grid, campaign, dossiers, out);
    return out;
}

void rerank_dossier(Ranking& ranking, std::size_t dossier, const Grid& grid, const Campaign& campaign,
                    const std::vector<Dossier>& dossiers, const RatingIndex& ratings, const ConsolidationIndex* decisions,
                    const std::unordered_map<std::int64_t, std::string>* refused) {
    RankEntry fresh = rank_entry(grid, campaign, dossiers, dossier, ratings, decisions, refused);
    std::vector<RankEntry>& to = fresh.proposal == Proposal::Ineligible ? ranking.ineligible
                                 : fresh.proposal == Proposal::Pending || fresh.proposal == Proposal::Unrated
                                     ? ranking.pending
                                                                        : ranking.ranked;
    RankOrder order(grid, dossiers);
    auto before = [&](const RankEntry& a, const RankEntry& b) {
        return &to == &ranking.ranked ? order(a, b) : by_reference(dossiers, a, b);
    };
    auto holds = [&](const RankEntry& e) { return e.dossier == dossier; };
    auto old = std::find_if(to.begin(), to.end(), holds);
    if (old != to.end()) {
        // Same list: the entry slides to its new place, moving only the
        // entries it passes (the others stay in order around it).
        *old = std::move(fresh);
        if (old != to.begin() && before(*old, *(old - 1)))
            std::rotate(std::upper_bound(to.begin(), old, *old, before), old, old + 1);
        else if (old + 1 != to.end() && before(*(old + 1), *old))
            std::rotate(old, old + 1, std::upper_bound(old + 1, to.end(), *old, before));
    } else {
        for (auto* list : {&ranking.ranked, &ranking.pending, &ranking.ineligible})
            if (auto it = std::find_if(list->begin(), list->end(), holds); it != list->end()) {
                list->erase(it);
                break;
            }
        to.insert(std::upper_bound(to.begin(), to.end(), fresh, before), std::move(fresh));
    }
    number_and_propose(grid, campaign, dossiers, ranking);
}

}  // namespace cotation

namespace cotation {

GridChange compare_grids(const Grid& before, const Grid& after, const Campaign& campaign,
                         const std::vector<Dossier>& dossiers, const RatingIndex& ratings,
                         const ConsolidationIndex* decisions) {
    GridChange out;
    out.max_before = before.max_total();
    out.max_after = after.max_total();
    // The new grid may declare parameters the campaign does not have yet.
    Campaign next = campaign;
    for (const auto& p : after.parameters)
        if (!next.parameters.count(p.def.id) && !is_missing(p.default_value)) next.parameters[p.def.id] = p.default_value;
    Ranking a = rank_dossiers(before, campaign, dossiers, ratings, decisions);
    Ranking b = rank_dossiers(after, next, dossiers, ratings, decisions);
    std::vector<const RankEntry*> old_of(dossiers.size(), nullptr), new_of(dossiers.size(), nullptr);
    for (const auto* list : {&a.ranked, &a.pending, &a.ineligible})
        for (const auto& e : *list) old_of[e.dossier] = &e;
    for (const auto* list : {&b.ranked, &b.pending, &b.ineligible})
        for (const auto& e : *list) new_of[e.dossier] = &e;
    auto row = [&](const RankEntry& e) {
        const RankEntry& o = *old_of[e.dossier];
        out.dossiers.push_back({e.dossier, o.score.total, e.score.total, o.rank, e.rank, verdict_label(o.eligibility),
                                verdict_label(e.eligibility)});
    };
    for (const auto& e : b.ranked) row(e);
    for (const auto& e : b.pending) row(e);
    for (const auto& e : b.ineligible) row(e);
    std::map<std::string, std::size_t> counts;
    for (const auto& [id, list] : ratings)
        for (const Rating* r : list)
            if (rating_counts(before, *r)) ++counts[r->criterion];
    for (const auto& t : before.themes)
        for (const auto& c : t.criteria) {
            const Criterion* n = after.criterion(c.id);
            if (!n) out.removed_criteria.push_back(c.id + " (" + std::to_string(counts[c.id]) + " notes ne compteront plus)");
            else if (n->coefficient != c.coefficient)
                out.changed_coefficients.push_back(c.id + " : " + fr::number(c.coefficient) + " → " + fr::number(n->coefficient));
        }
    for (const auto& t : after.themes)
        for (const auto& c : t.criteria)
            if (!before.criterion(c.id)) out.added_criteria.push_back(c.id + " (à noter)");
    return out;
}

std::string ranking_summary(const Ranking& r) {
    auto n = [](std::size_t v) { return static_cast<long long>(v); };
    const std::size_t arbitration = count_pending(r, Proposal::Pending), unrated = count_pending(r, Proposal::Unrated);
    return fr::plural(n(r.ranked.size()), "dossier classé", "dossiers classés") + ", " +
           (arbitration ? std::to_string(arbitration) + " en attente d'arbitrage, " : "") +
           (unrated ? fr::plural(n(unrated), "non noté", "non notés") + ", " : "") +
           fr::plural(n(r.ineligible.size()), "irrecevable");
}

std::size_t count_pending(const Ranking& r, Proposal p) {
    return static_cast<std::size_t>(
        std::count_if(r.pending.begin(), r.pending.end(), [p](const RankEntry& e) { return e.proposal == p; }));
}

std::string ranking_counts(std::size_t dossiers, const Ranking& r) {
    auto n = [](std::size_t v) { return static_cast<long long>(v); };
    return fr::plural(n(dossiers), "dossier") + " · " + fr::plural(n(r.ranked.size()), "classé") + " · " +
           fr::plural(n(r.ineligible.size()), "irrecevable");
}

}  // namespace cotation
