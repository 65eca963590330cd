#pragma once
// The campaign's calendar read as one: the dates a coordinator types one by
// one (publication, deadline, committee, meeting, decisions, receipts) must
// follow each other — the avis is published, dossiers are received until the
// deadline, the committee sits after it, the authority decides after the
// committee. A committee dated 2019 on a 2023 call, or a dossier received
// before the call was opened, is a typing error: refused with a French
// message saying which dates disagree. A dossier received after the deadline
// is not an error: it is flagged late, and the procedure says what follows
// (Session::late_dossiers, refusal before evaluation).
#include <optional>
#include <string>
#include <vector>

#include "campaign_parameters.h"
#include "date.h"

namespace cotation {

struct CampaignCalendar {
    std::optional<Date> opening;     // campagne.date_publication
    std::optional<Date> deadline;    // campagne.date_limite
    std::optional<Date> committee;   // the meeting's date, else campagne.date_commission
    std::optional<Date> letters;     // campagne.date_courrier
};

// From the campaign's parameters; `meeting` (the recorded meeting's date)
// takes the place of campagne.date_commission when given.
CampaignCalendar campaign_calendar(const CampaignParameters& p, std::optional<Date> meeting = std::nullopt);

// Opening ≤ deadline ≤ committee ≤ letters, for the dates that are set: one
// French message per pair out of order; empty when coherent.
std::vector<std::string> calendar_problems(const CampaignCalendar& c);

// A meeting of the committee on `day`: a message when it comes before the
// deadline (or the opening), else empty.
std::string meeting_date_problem(const CampaignCalendar& c, const Date& day);

// A meeting on `day` while decisions are already recorded, the earliest on
// `first_decision`: a message when the meeting comes after it (an order
// would then be older than the committee's opinion it cites), else empty.
std::string meeting_after_decisions_problem(const Date& day, std::optional<Date> first_decision);

// The recorded meeting against campagne.date_commission (`planned`): the
// sentence saying that documents now take the meeting's date, or empty when
// they agree (or nothing was planned).
std::string meeting_planned_notice(std::optional<Date> planned, const Date& meeting);

// Orders written while the procedure's committee (`has_committee`) has no
// recorded meeting: they cannot cite its opinion, so their visa is left out;
// the sentence that says so, else empty.
std::string order_visa_warning(bool has_committee, bool meeting_recorded);

// A decision dated `day`: a message when it comes before the committee (or
// the deadline, without committee), else empty.
std::string decision_date_problem(const CampaignCalendar& c, const Date& day);
// What is recorded as done (a decision, a step of the procedure) is dated on
// or before `today` (trial 13c F11: a decision of 2099 printed its letter
// « le 31 décembre 2099 »). `what`: « Décision », « Étape « seance » ».
std::string done_after_today_problem(const std::string& what, const Date& day, const Date& today);

enum class ReceiptPosition { InWindow, BeforeOpening, Late };
// Where a receipt date falls in the call's window [opening, deadline].
ReceiptPosition receipt_position(const CampaignCalendar& c, const Date& received);
// Before the opening: the message (refused); in the window or late: empty.
std::string receipt_problem(const CampaignCalendar& c, const Date& received);

}  // namespace cotation
