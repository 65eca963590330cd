#pragma once
// Shared by the committee's documents (committee.cpp) and the instruction
// reports (instruction_report.cpp): not part of the report interface.
#include <optional>
#include <string>
#include <vector>

#include "committee.h"
#include "core/eligibility.h"

namespace cotation::report::committee_detail {

// Lines of a multi-line value, one per line.
std::string join(const std::vector<std::string>& lines);

// Vigilance points of a dossier: the conditions that do not eliminate but
// failed, or could not be checked for want of a fact.
// `prose`: as an order's « Considérant » prints them (trial 1011B F5): a
// condition's own sentence, without its label nor the compared values the
// check adds (« (0 ETP, soit au plus 0) »).
std::vector<std::string> vigilance_points(const EligibilityReport& r, bool with_source, bool prose = false);

inline std::string context_of(const Grid& g) { return " pour la grille « " + g.id + " »"; }

// A sample context: the names each template may use do not depend on the
// campaign's dossiers, only on its grid.
struct Sample {
    std::vector<Dossier> dossiers = std::vector<Dossier>(1);
    Ranking ranking;
    Team team;
    std::optional<Meeting> meeting;
    OpinionIndex opinions;
    DecisionIndex decisions;
    RankEntry entry;
    CommitteeContext ctx;
    Sample(const Grid& g, const Campaign& c)
        : ctx{g, c, dossiers, ranking, nullptr, team, meeting, std::nullopt, opinions, decisions, {}, {}, Date{2000, 1, 1}, ""} {
        entry.score.themes.assign(g.themes.size(), Rational(0));
        entry.score.criteria.assign(g.criterion_count(), CriterionScore{});
    }
};

// What every committee document and instruction report starts from: the
// campaign, its authority (add_authority_variables), the date and the
// journal's head.
Variables document_variables(const CommitteeContext& ctx);
}  // namespace cotation::report::committee_detail
