#pragma once
// The authority's decision on a dossier, checked against the ranking, the
// committee's voted opinion and the call's capacity. Pure rules: the session
// gathers the facts, asks, then writes.
#include <optional>
#include <string>
#include <vector>

#include "rational.h"
#include "scoring.h"

namespace cotation {

// What a decision on one dossier is checked against.
struct DecisionFacts {
    std::string reference;                  // the dossier's, for the messages
    const RankEntry* entry = nullptr;       // its place in today's ranking
    std::optional<DecisionKind> committee_opinion;   // from the voted ranking, when adopted
    bool ranking_adopted = false;           // the committee voted the ranking
    const Rational* asked = nullptr;        // the dossier's "places", when given
    CapacityModel model;                    // how the call counts its capacity
    Rational others_used;                   // taken by the other retained dossiers (in the capacity's count)
    std::size_t criteria = 0;               // the grid's criteria: a dossier rated on none of them is not evaluated
    // The committee's proposal grants part of the request (attribution
    // partielle): the places proposed and the motive it suggests, which a
    // retained decision given no places takes once the committee's opinion is « retenu ».
    std::optional<Rational> proposed_places;
    std::string proposed_motive;
};

// Completes `d` (motive and reason trimmed, committee opinion, places granted)
// and returns an empty string, or the refusal in French with `d` untouched in
// substance: awaiting arbitration, set apart, under an eliminating minimum,
// refusal without motive, departure from the committee's opinion without
// reason, capacity exceeded.
std::string complete_decision(const DecisionFacts& facts, Decision& d);

// What the decision form offers for a dossier not decided yet: the
// committee's opinion, else the proposal (none where the reader may not read
// the ratings it comes from); for a retained dossier the places the proposal
// grants, part of the request with its motive where the allocation grants
// part (review 12D N2: the form offered the whole request where `decide`
// grants the part), else the request; for a refusal the first reason it was
// set apart, else the proposal's.
struct DecisionDraft {
    DecisionKind kind = DecisionKind::NotRetained;
    std::optional<Rational> places;
    std::string motive;
};
DecisionDraft decision_draft(const RankEntry& entry, std::optional<DecisionKind> committee_opinion, bool readable,
                             const Rational* asked);

// A retained decision granting other places than the committee's opinion
// proposed (its partial grant, DecisionFacts::proposed_places) without a
// departure reason: the refusal in French, naming both figures; empty when
// it holds. Part of complete_decision; exposed for a replay that has the facts.
std::string places_departure_refusal(const DecisionFacts& facts, const Decision& d);

// A decision as the journal recorded it (trial 13d F2: an entry with correct
// hashes granted 73 places to a dossier that asked 12, 78 in all for a call
// of 73, and letters were written from it).
struct RecordedDecision {
    std::string reference;                  // the dossier's
    const Decision* decision = nullptr;
    const Rational* asked = nullptr;        // the dossier's "places", when given
    // Why the dossier is irrecevable (its prior rejection, the first
    // eligibility rule it fails), or empty: it is neither retained nor put
    // on the complementary list (trial 13e F4: a forged « retenu » of an
    // irrecevable dossier verified, and its letter said « retenu »).
    std::string irrecevable;
};
struct BrokenDecision {
    std::size_t index = 0;                  // into the decisions given
    std::string why;                        // French, the rule complete_decision would have refused it by
};
// The first of `decisions` (in the order they were recorded) that breaks a
// rule complete_decision applies whatever the ranking became: a motive and a
// departure reason that are texts, a motive when not retained, a reason when
// departing from the committee's opinion it records (issue 15 G2), a recevable
// dossier when retained or on the complementary list, and for a
// retained dossier a capacity granted that is one, no more than it asked,
// in whole units, within the call's capacity beside the ones recorded before it.
std::optional<BrokenDecision> first_broken_decision(const CapacityModel& model, const std::vector<RecordedDecision>& decisions);

}  // namespace cotation
