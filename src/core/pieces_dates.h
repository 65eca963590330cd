#pragma once
// The date of a request for missing pieces against the campaign's calendar
// (core/campaign_dates.h); defined in campaign_dates.cpp.
#include <optional>
#include <string>

#include "campaign_dates.h"

namespace cotation {

// A request dated `day`: a message when it comes after the committee (the
// committee examines complete dossiers; a request then is a date typed wrong,
// or the clock's date on an old campaign) or before an earlier request of the
// same dossier (`previous`), else empty.
std::string pieces_request_date_problem(const CampaignCalendar& c, const Date& day, std::optional<Date> previous);

}  // namespace cotation
