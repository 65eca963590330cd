#include "decision_rules.h"

#include "french.h"
#include "people.h"

namespace cotation {

namespace {

// The motive and the departure reason: trimmed, and texts a letter can print.
std::string decision_texts_refusal(Decision& d) {
    d.motive = fr::trim(d.motive);
    d.departure_reason = fr::trim(d.departure_reason);
    // Printed in the letters as typed (trial 13c F7: 14 000 words, U+202E).
    if (auto why = text_refusal(d.motive, "Le motif de la décision"); !why.empty()) return why;
    return text_refusal(d.departure_reason, "La raison de l'écart à l'avis de la commission");
}

std::string motive_refusal(const Decision& d) {
    if (d.kind != DecisionKind::Retained && !fr::given(d.motive))
        return "Une décision « " + std::string(decision_label(d.kind)) + " » doit être motivée.";
    return "";
}

// The places of a retained decision: one mission per dossier, or what it
// asked when none is given; then what may be granted beside `others_used`.
std::string grant_places(const CapacityModel& model, const std::string& reference, const Rational* asked,
                         const Rational& others_used, Decision& d) {
    if (model.per_dossier) {
        // A retained dossier receives one mission, whatever it entered as "places"
        // (CRT: 0, as Annexe 2 registers it; the workbench pre-fills what was asked).
        if (d.places && *d.places > Rational(1))
            return "Dossier « " + reference + " » : un dossier retenu reçoit " + model.capacity_text(Rational(1)) + ", pas " +
                   model.capacity_text(*d.places) + ".";
        d.places = Rational(1);
        asked = nullptr;
    }
    if (!d.places) {
        if (!asked) return "Indiquez la capacité accordée au dossier « " + reference + " ».";
        d.places = *asked;
    }
    // « retenu » for nothing would write an order granting 0 places (trial finding 25).
    if (!model.per_dossier && *d.places <= Rational(0))
        return "Dossier « " + reference + " » : un dossier retenu reçoit une capacité (" + model.places_text(*d.places) +
               " n'en est pas une) ; s'il ne reçoit rien, la décision est « non retenu », motivée.";
    if (auto refusal = grant_refusal(model, *d.places, asked, others_used)) return "Dossier « " + reference + " » : " + *refusal;
    return "";
}

// A decision departing from the committee's opinion says why (art. R. 313-6:
// the ranked list is its opinion). A complementary list is compatible with a
// "not retained" opinion: the ranked list does not say who waits on it.
// `strict` is the rule of a new decision: a complementary list against a « non
// retenu » opinion departs too. The journal's replay keeps the older rule, under
// which such decisions were recorded without a reason: an honest campaign of an
// earlier version must not read as altered.
std::string departure_refusal(const Decision& d, bool strict) {
    bool departs = d.committee_opinion && *d.committee_opinion != d.kind &&
                   (strict || !(*d.committee_opinion == DecisionKind::NotRetained && d.kind == DecisionKind::Complementary));
    if (departs && !fr::given(d.departure_reason))
        return "La décision s'écarte de l'avis de la commission (« " + std::string(decision_label(*d.committee_opinion)) +
               " ») : écrivez pourquoi.";
    return "";
}

// One sentence for decide's refusal and the replay of the journal.
std::string irrecevable_refusal(const std::string& reference, const std::string& why) {
    return "Le dossier « " + reference + " » est irrecevable (" + why +
           ") : il ne peut être ni retenu ni inscrit en liste complémentaire.";
}

}  // namespace

std::string places_departure_refusal(const DecisionFacts& f, const Decision& d) {
    if (d.kind != DecisionKind::Retained || f.model.per_dossier || !f.proposed_places || !d.places) return "";
    if (d.committee_opinion != DecisionKind::Retained || *d.places == *f.proposed_places) return "";
    if (fr::given(d.departure_reason)) return "";
    return "Dossier « " + f.reference + " » : la commission a émis un avis « retenu » pour " +
           f.model.places_text(*f.proposed_places) + " ; en accorder " + f.model.places_text(*d.places) +
           " s'écarte de son avis : écrivez pourquoi (--ecart), la raison figurera au journal, à l'arrêté et au "
           "procès-verbal.";
}

std::optional<BrokenDecision> first_broken_decision(const CapacityModel& model, const std::vector<RecordedDecision>& decisions) {
    Rational used(0);
    for (std::size_t i = 0; i < decisions.size(); ++i) {
        Decision d = *decisions[i].decision;
        std::string why = decision_texts_refusal(d);
        if (why.empty()) why = motive_refusal(d);
        if (why.empty() && !decisions[i].irrecevable.empty() &&
            (d.kind == DecisionKind::Retained || d.kind == DecisionKind::Complementary))
            why = irrecevable_refusal(decisions[i].reference, decisions[i].irrecevable);
        // The opinion it records and no reason (issue 15 G2: typed in SQL, with a truthful entry), in
        // complete_decision's order: after the dossier's admissibility, before the capacity.
        if (why.empty()) why = departure_refusal(d, false);
        if (why.empty() && d.kind == DecisionKind::Retained) {
            why = grant_places(model, decisions[i].reference, decisions[i].asked, used, d);
            if (why.empty()) used += model.used_by(*d.places);
        }
        if (!why.empty()) return BrokenDecision{i, why};
    }
    return std::nullopt;
}

std::string complete_decision(const DecisionFacts& f, Decision& d) {
    const std::string dossier = "Le dossier « " + f.reference + " »";
    // The adopted ranking is the committee's opinion (art. R. 313-6: the
    // ranked list is its opinion); a decision departing from it says why.
    if (!d.committee_opinion) d.committee_opinion = f.committee_opinion;
    if (auto why = decision_texts_refusal(d); !why.empty()) return why;
    const RankEntry& e = *f.entry;
    if (e.proposal == Proposal::Pending)
        return dossier + " attend un arbitrage (" + e.proposal_reason + ") : la décision vient après.";
    if (e.apart() && (d.kind == DecisionKind::Retained || d.kind == DecisionKind::Complementary))
        return irrecevable_refusal(f.reference, e.apart_reasons().front());
    // The calls select by a note on the published criteria (ACT HLM, Annexe 2
    // §2: « une évaluation quantitative par l'attribution d'une note
    // permettant un classement des candidatures »; the UPHV and CRT grids
    // carry their texts' priorities the same way). A dossier rated on no
    // criterion has no place in that ranking: no motive can stand for the
    // evaluation, and its order would cite a note of 0 (trial finding 20).
    if ((d.kind == DecisionKind::Retained || d.kind == DecisionKind::Complementary) && f.criteria > 0 && e.score.rated == 0)
        return dossier + " n'a été noté sur aucun critère de la grille : il ne peut être ni retenu ni inscrit en liste "
                         "complémentaire avant d'avoir été évalué (cotation rate).";
    // Nor on part of the grid: the themes nobody rated would be printed « 0 /
    // 150 points » in its letter (trial 13c F3).
    if ((d.kind == DecisionKind::Retained || d.kind == DecisionKind::Complementary) && f.criteria > 0 &&
        e.score.rated < static_cast<int>(f.criteria))
        return dossier + " n'est noté que sur " + std::to_string(e.score.rated) + " des " + std::to_string(f.criteria) +
               " critères de la grille : il ne peut être ni retenu ni inscrit en liste complémentaire avant d'avoir été "
               "évalué sur chacun (cotation rate).";
    // An eliminating condition nobody could check (a fact missing) is not
    // met by default (trial 13c F3): retaining says in writing how it was
    // checked, kept in the journal, or the fact is entered first and the
    // rule decides. The ranking still proposes by note: the committee sees
    // the dossier with its « non décidable ».
    if (d.kind == DecisionKind::Retained && !fr::given(d.motive))
        if (auto missing = e.eligibility.blocking_missing_facts(); !missing.empty())
            return dossier + " a une recevabilité non décidable (manque : " + fr::join(missing) +
                   ") : renseignez d'abord ce qui manque, ou écrivez dans le motif de la décision comment la condition a "
                   "été vérifiée (--motif).";
    if (d.kind == DecisionKind::Retained && !e.below_minimum.empty())
        return dossier + " n'atteint pas une note éliminatoire de la grille (" + e.below_minimum.front() +
               ") : il ne peut pas être retenu.";
    if (auto why = motive_refusal(d); !why.empty()) return why;
    // A recevable dossier is evaluated on the merits (ACT HLM, Annexe 2: « Si
    // les critères d'éligibilité sont remplis, la proposition sera évaluée sur
    // le fond »): refusing one nobody rated departs from that, and says why
    // it was not evaluated, apart from the refusal's motive (trial 1011B F7:
    // its letter said « il n'a pas été noté » and nothing else).
    if (d.kind == DecisionKind::NotRetained && f.criteria > 0 && e.score.rated == 0 && !e.apart() &&
        !fr::given(d.departure_reason))
        return dossier + " est recevable et n'a été noté sur aucun critère de la grille : un dossier recevable est évalué "
                         "avant d'être écarté. Notez-le d'abord (cotation rate), ou écrivez pourquoi il n'a pas été évalué "
                         "(--ecart) en plus du motif du refus.";
    // Any other decision than the committee's opinion departs from it, a
    // complementary list against a « non retenu » opinion too (docs10 item 13).
    if (auto why = departure_refusal(d, true); !why.empty()) return why;
    // A dossier outside the voted ranking (awaiting arbitration at the vote,
    // or added since) has no opinion of the committee: retaining it departs
    // from the opinion voted as much as overturning a rank does.
    if (!d.committee_opinion && d.kind == DecisionKind::Retained && !fr::given(d.departure_reason) && f.ranking_adopted)
        return dossier + " est hors du classement voté par la commission : le retenir s'écarte de son avis, écrivez pourquoi.";
    if (d.kind != DecisionKind::Retained) {
        d.places.reset();
        return "";
    }
    // No places given where the proposal grants part of the request: the
    // places proposed, with the motive the proposal gives for them (the
    // decision follows the proposal; a new user's `decide` granted the whole request).
    if (!d.places && f.proposed_places && !f.model.per_dossier && d.committee_opinion == DecisionKind::Retained) {
        d.places = *f.proposed_places;
        if (!fr::given(d.motive) && !fr::given(d.departure_reason)) d.motive = f.proposed_motive;
    }
    if (auto why = grant_places(f.model, f.reference, f.asked, f.others_used, d); !why.empty()) return why;
    // The committee's opinion is « retenu » for the places it was proposed
    // (a partial grant): granting other places departs from it as much as
    // another kind does (trial 14: 11 places decided against an opinion of 5,
    // nothing asked). One rule here, for `decide` and every replay that calls it.
    if (auto why = places_departure_refusal(f, d); !why.empty()) return why;
    // Less than asked is a partial refusal (trial 1011B F6: 8 of 12 places,
    // neither the order nor the letter said why): it is motivated, and its
    // letter carries the appeal ways. Checked when deciding, not when the
    // journal is replayed: a decision recorded before this rule stands.
    if (!f.model.per_dossier && f.asked && *d.places < *f.asked && !fr::given(d.motive) && !fr::given(d.departure_reason))
        return "Dossier « " + f.reference + " » : accorder " + f.model.places_text(*d.places) + " pour une demande de " +
               f.model.places_text(*f.asked) + " est un refus partiel ; écrivez-en le motif (--motif), que l'arrêté et "
               "le courrier donneront.";
    return "";
}

DecisionDraft decision_draft(const RankEntry& e, std::optional<DecisionKind> opinion, bool readable, const Rational* asked) {
    DecisionDraft draft;
    draft.kind = opinion ? *opinion : readable ? advised_decision(e.proposal).value_or(DecisionKind::NotRetained)
                                               : DecisionKind::NotRetained;
    if (draft.kind == DecisionKind::Retained) {
        if (readable && e.proposal == Proposal::Retained && e.proposed_places) {
            draft.places = *e.proposed_places;
            draft.motive = e.proposal_reason;
        } else if (asked) {
            draft.places = *asked;
        }
        return draft;
    }
    auto reasons = e.apart_reasons();
    draft.motive = !reasons.empty() ? reasons.front() : readable ? e.proposal_reason : std::string();
    return draft;
}

}  // namespace cotation
