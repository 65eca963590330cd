#pragma once
// The campaign's own life and who acts for whom: closing, reopening, a
// submission, a request for missing pieces. Pure rules (issue 12.1): each
// returns "" when allowed, else the refusal in French.
#include <functional>
#include <optional>
#include <string>

#include "date.h"
#include "scoring.h"
#include "team.h"

namespace cotation {

// A campaign closes once no dossier awaits the coordinator's arbitration, and
// no dossier nobody rated is left without a decision (`decided`, by its
// position in the ranking's dossiers): it would get no letter at all (trial 13H).
// The dossiers are named by their reference (`dossiers`, the ranking's).
std::string closing_refusal(const Ranking& ranking, const std::vector<Dossier>& dossiers,
                            const std::function<bool(std::size_t dossier)>& decided);

// Reopening a closed campaign is motivated in writing: the motive goes to the journal.
std::string reopening_refusal(const std::string& reason);

// In a declared team each reviewer submits their own ratings; alone (open
// mode) one person works under any name.
std::string submission_for_refusal(const Team& team, const std::string& actor, const std::string& reviewer);

// A request for missing pieces of the dossier `reference` dated `on`: not for a
// dossier set apart before the evaluation, and only after the deposit deadline
// (before it the candidate completes the dossier alone).
std::string pieces_request_moment_refusal(const std::string& reference, const Date& on,
                                          const std::optional<Date>& deadline, bool set_apart);

// A dossier added (import, new dossier) once the authority's decisions are
// recorded (a new user's trial: one was imported after them, and ranked
// beside dossiers already decided): refused, naming `where` (the file or
// « Nouveau dossier ») and how many decisions there are.
std::string dossier_addition_refusal(std::size_t decisions, const std::string& where);

}  // namespace cotation
