#pragma once
// What a recorded meeting of the committee must hold before it is kept: a
// deliberative president who is present, attendance, proxies, votes and
// observations only from members of the committee; a member represented
// names the member who holds the mandate. The quorum, proxies
// counted and the outcome are check_meeting's (procedure.h).
#include <optional>
#include <string>

#include "procedure.h"
#include "team.h"

namespace cotation {

// Normalises `m` (the president marked present, observations trimmed) and
// returns an empty string, or the first refusal in French.
std::string complete_meeting(const Team& team, Meeting& m);

// Once a decision is recorded (`first_decision`), the séance it follows keeps
// its attendance, its vote, its date and its president: the decisions rest on
// that vote (trial 13H: a vote re-recorded after them, silently, changed the
// opinion they cite; 13I: another president). Its president's civility and
// observations may still be completed. Empty, or the refusal in French.
std::string vote_change_after_decisions_refusal(const std::optional<Meeting>& recorded, const Meeting& next,
                                                std::optional<Date> first_decision);

// Once the committee has voted (`recorded` holds votes), the allocation it
// voted on is its opinion: recording another one, or withdrawing it, is a
// change after the séance, allowed with a written reason that the minutes
// and the committee file then print under « Modifié après la séance »
// (trial 1011D: an allocation replaced after the séance read as the one
// voted). Empty, or the refusal in French.
std::string allocation_change_after_vote_refusal(const std::optional<Meeting>& recorded, const std::string& reason);
// The same for what the committee's coverage figures were computed on
// (`what`: « l'offre existante », « les zones de la campagne »): replaced
// after the vote only with a written reason, kept with the data's origin
// (trial 1011F F5: the figures changed with no note). Empty, or the refusal.
std::string territory_change_after_vote_refusal(const std::optional<Meeting>& recorded, const std::string& reason,
                                                const std::string& what);

// The civility as typed (« Mme », « Madame », « M. », « Monsieur », any
// case; the enum table's words); nullopt for anything else.
std::optional<Civility> civility_from_text(const std::string& text);
// The president's office as the minutes name it, from the declared civility,
// never from a first name: « présidente de séance » (« Mme »), « président de
// séance » (« M. »). Without a civility, the authority's signatory presiding
// takes the gender of the signatory's title (« La Présidente … »); anyone
// else gets the neutral « à la présidence de la séance » (trial 1011C F5:
// « Marie-Claude Olivier, président de séance », no civility given).
std::string president_quality(const Meeting& m, const Authority& authority);
// Whose casting vote: « de la présidente », « du président », or without a
// civility « de la présidence de séance ».
std::string of_president(const Meeting& m);
// Said when the meeting has no civility: the minutes' neutral wording and how
// to give it; empty when it has one.
std::string civility_missing_notice(const Meeting& m);

}  // namespace cotation
