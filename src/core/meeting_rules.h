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

// The president's civility as typed (« Mme », « Madame », « M. », « Monsieur »,
// any case) in its stored form « Mme » or « M. »; nullopt for anything else.
std::optional<std::string> civility_from_text(const std::string& text);
// « présidente » for « Mme », « président » otherwise: the minutes name the
// president's office from the declared civility, never from a first name.
std::string president_noun(const Meeting& m);

}  // namespace cotation
