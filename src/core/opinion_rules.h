#pragma once
// A committee member's opinion on a dossier: given by that member only, never
// on a dossier whose organisme they declared a link with, and with its reason
// unless favourable. Pure rule.
#include <string>

#include "procedure.h"
#include "team.h"

namespace cotation {

// `interest_basis`: the article of the procedure on interests (" (art. R. 313-2-5)"),
// or empty. Trims the comment; returns an empty string or the refusal.
std::string complete_opinion(const Team& team, const std::string& actor, const Organisation& organisation,
                             const std::string& interest_basis, MemberOpinion& op);

}  // namespace cotation
