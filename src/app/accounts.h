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
// Why `login` cannot be declared for `name` from this workstation: no such
// account here (getpwnam), so nobody could act as that person from it (trial
// 13 F18); names the account differing only by case when there is one. ""
// when the account exists. The command line lets the coordinator say the
// person works from another workstation of the share (--autre-poste).
std::string unknown_account_refusal(const std::string& login, const std::string& name);
// The coordinator moves a declared person to another system account, in the
// write transaction, journaled with the old and the new account.
void change_account(Session& session, const std::string& name, const std::string& login, const std::string& actor);
// What the session's reader may see of its ranking (rank, rank --csv, the window's lists).
RankingReading ranking_reading(Session& session);
// Documents and listings that give every dossier's total, place or decision
// basis (répartition, dossier de la commission, PV, lettres, documents):
// refused (InputError naming `what` and why) to a reader for whom the read
// rules hide a dossier (blind rating, declared link: trial 13 F5), as `rank`
// hides it; they belong to a reader who reads everything (the coordinator).
void require_reads_everything(Session& session, const std::string& what);

}  // namespace cotation
