#pragma once
// The authority's decision on a dossier, checked against the ranking, the
// committee's voted opinion and the call's capacity. Pure rules: the session
// gathers the facts, asks, then writes.
#include <optional>
#include <string>

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
};

// Completes `d` (motive and reason trimmed, committee opinion, places granted)
// and returns an empty string, or the refusal in French with `d` untouched in
// substance: awaiting arbitration, set apart, under an eliminating minimum,
// refusal without motive, departure from the committee's opinion without
// reason, capacity exceeded.
std::string complete_decision(const DecisionFacts& facts, Decision& d);

}  // namespace cotation
