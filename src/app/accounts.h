#pragma once
// The team's accounts and what a reader may see of the ranking, over a
// Session (implemented in session_team.cpp).
#include <string>

#include "app/session.h"
#include "core/ranking_reading.h"

namespace cotation {

// Whether `login` is an account of this machine (a warning when not: the
// campaign may be worked on from another workstation).
bool account_exists(const std::string& login);
// The coordinator moves a declared person to another system account, in the
// write transaction, journaled with the old and the new account.
void change_account(Session& session, const std::string& name, const std::string& login, const std::string& actor);
// What the session's reader may see of its ranking (rank, rank --csv, the window's lists).
RankingReading ranking_reading(Session& session);

}  // namespace cotation
