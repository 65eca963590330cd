#pragma once
// The committee's documents, from templates/: the file sent to its members
// before the meeting (dossier-commission.txt: calendar, ranking with theme
// subtotals and its solidity, dossiers set apart, members' declarations of
// interest) and the minutes of the meeting (proces-verbal.txt). PDF through
// the letter writer.
#include <optional>
#include <string>
#include <vector>

#include "core/agreement.h"
#include "core/grid.h"
#include "core/procedure.h"
#include "core/scoring.h"
#include "core/team.h"
#include "template.h"

namespace cotation::report {

struct CommitteeContext {
    const Grid& grid;
    const Campaign& campaign;
    const std::vector<Dossier>& dossiers;
    const Ranking& ranking;
    const RankingSolidity* solidity = nullptr;
    const Team& team;
    const std::optional<Meeting>& meeting;
    std::optional<MeetingCheck> check;
    const OpinionIndex& opinions;
    const DecisionIndex& decisions;
    std::vector<CalendarStep> calendar;
    std::vector<std::string> changes_since_vote;   // today's ranking against the voted one
    Date date;                    // of the document
    std::string templates_dir;
};

Variables committee_variables(const CommitteeContext& ctx);

// Write the committee file and the minutes; throw naming the file or template.
void write_committee_file(const CommitteeContext& ctx, const std::string& path);
void write_minutes(const CommitteeContext& ctx, const std::string& path);

}  // namespace cotation::report
