// The ratings a person writes: their own, one form over what it showed, and
// the coordinator's consolidated value (split from session.cpp, which keeps
// opening, loading and dossiers).
#include "session.h"

#include "app/session_internal.h"
#include "core/journal_grammar.h"
#include "core/error.h"
#include "core/french.h"
#include "core/people.h"
#include "core/review_rules.h"
#include "store/write_check.h"

namespace cotation {
using session_detail::require;

void Session::put_rating(const Rating& r, const std::string& actor) {
    auto w = writing();   // checks and write in one transaction (issue 13.5)
    authenticate(actor);
    require(rating_refusal(grid_, r.criterion, r.value));   // the grid's own scale: a 0–10 grid takes an 8
    require(text_refusal(r.justification, "La justification"));   // the rule of every typed text (trial 13e F7)
    require(name_refusal(r.reviewer, "Le nom de l'évaluateur"));   // and of every name (trial 13g G2)
    require(not_refused(r.dossier_id));
    require(snap_.team.may_rate(actor, r.reviewer, r.dossier_id, organisation_of(r.dossier_id)));
    store_->put_ratings({r}, journal_actor(actor));
    // Found through the dossier's own ratings, not by a scan of all of them.
    auto listed = rating_index_.find(r.dossier_id);
    const Rating* old = nullptr;
    if (listed != rating_index_.end())
        for (const Rating* x : listed->second)
            if (x->reviewer == r.reviewer && x->criterion == r.criterion) old = x;
    if (old) {
        snap_.ratings[static_cast<std::size_t>(old - snap_.ratings.data())] = r;
    } else if (snap_.ratings.size() < snap_.ratings.capacity()) {
        snap_.ratings.push_back(r);
        rating_index_[r.dossier_id].push_back(&snap_.ratings.back());
    } else {
        snap_.ratings.push_back(r);
        index_ratings_counted();   // the vector moved
    }
    rescore(r.dossier_id);
}

void Session::put_rating_seen(const Rating& r, const std::optional<Rating>& seen, const std::string& actor) {
    auto w = writing();   // the comparison and the write in one transaction
    const Rating* now = nullptr;
    if (auto listed = rating_index_.find(r.dossier_id); listed != rating_index_.end())
        for (const Rating* x : listed->second)
            if (x->reviewer == r.reviewer && x->criterion == r.criterion) now = x;
    const bool unchanged = now ? seen && seen->value == now->value && seen->justification == now->justification : !seen;
    if (!unchanged)
        throw StaleCampaign(
            "La note de « " + r.reviewer + " » au critère " + r.criterion + " du dossier « " +
            known_dossier(r.dossier_id).reference + " » a changé depuis qu'elle est affichée" +
            last_change(*store_, journal_text::dossier_entity(known_dossier(r.dossier_id).reference, "note",
                                                              r.reviewer + "/" + r.criterion)) +
            " : elle est " +
            (now ? "maintenant " + std::to_string(now->value) + " — " + now->justification : "maintenant retirée") +
            ". Rien n'a été enregistré : relisez-la, puis recommencez si votre note tient toujours.");
    put_rating(r, actor);
}

void Session::consolidate(std::int64_t dossier_id, const std::string& criterion, const Rational& value,
                          const std::string& reason, const std::string& actor) {
    auto w = writing();   // checks and write in one transaction (issue 13.5)
    authenticate(actor);
    require(snap_.team.may_coordinate(actor));
    const Dossier& dossier = known_dossier(dossier_id);
    std::optional<Rational> mean;   // of the reviewers' justified ratings, before any consolidation
    if (auto i = grid_.criterion_index(criterion)) {
        std::map<std::string, ConsolidationDecision> none;
        mean = score_dossier(grid_, ratings_of(dossier_id), &none).criteria[*i].mean;
    }
    require(consolidation_refusal(grid_, criterion, value, mean, reason, dossier.reference));
    ConsolidationDecision d{criterion, value, fr::trim(reason), actor};
    store_->put_consolidation(dossier_id, d, journal_actor(actor));
    snap_.consolidation[dossier_id][criterion] = d;
    rescore(dossier_id);
}

}  // namespace cotation
