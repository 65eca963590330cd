#pragma once
// The committee's documents, from templates/: the file sent to its members
// before the meeting (dossier-commission.txt: calendar, ranking with theme
// subtotals and its solidity, dossiers set apart, members' declarations of
// interest) and the minutes of the meeting (proces-verbal.txt). PDF through
// the letter writer, ODT beside it in a batch.
#include <optional>
#include <map>
#include <string>
#include <vector>

#include "core/agreement.h"
#include "core/grid.h"
#include "core/procedure.h"
#include "core/scoring.h"
#include "core/team.h"
#include "batch.h"
#include "documents.h"
#include "map.h"
#include "template.h"

namespace cotation::report {

// The campaign's territory for the committee: the map (existing offer, sites
// of the allocation followed) and the coverage figures, one line each.
struct TerritoryPage {
    MapData map;
    std::vector<std::string> figures;
};

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
    const RatingIndex* ratings = nullptr;               // for the instruction reports
    const ConsolidationIndex* consolidation = nullptr;
    std::string journal_head = {};  // N:hash of the journal when written (journal verify --tete)
    // Dossiers whose scores the reader may not read (declared link, ratings
    // not yet submitted), with why: their report gives neither rank, totals,
    // means nor the others' ratings (core/read_rules.h).
    const std::map<std::int64_t, std::string>* masked = nullptr;
    const TerritoryPage* territory = nullptr;           // the committee file's map page and figures
    // Each ranked dossier's place in the territory, for its instruction
    // report (commune and EPCI, nearest existing structure, what it adds to
    // the existing offer, zones it overlaps): reference -> lines, in French.
    std::map<std::string, std::vector<std::string>> territory_by_dossier = {};
    // Dossiers whose request for missing pieces awaits its answer on the
    // document's date, with « En attente de pièces (jusqu'au …) »: listed
    // apart, not among the irrecevables (core/pieces.h, trial finding 12).
    std::map<std::int64_t, std::string> awaiting_pieces = {};
    // The coordinator's variant when the committee voted on it (its opinions
    // follow it): what it retains, the rules it departs from and its motive,
    // in one French sentence for the minutes (trial 1011B F8); empty otherwise.
    std::string voted_variant = {};
    // Each allocation rule with its status (the call's or a proposal), for the minutes (trial 1011B F2);
    // after a vote, the rules as voted (Meeting::voted_rules, trial 1011C F2).
    std::vector<std::string> allocation_rules = {};
    // After a vote: the rules in force today that differ from those voted
    // (a parameter changed after the séance), said apart, never in their place.
    std::vector<std::string> rules_since_vote = {};
    // After a vote: the allocation recorded since, when it is not the one
    // voted, with who recorded it, when and why (« Modifié après la séance »,
    // trial 1011D); empty otherwise.
    std::string allocation_since_vote = {};
};

// The dossiers' vigilance points as the committee file lists them, in
// ranking order (« ACT-2023-04 — … »): what a vote keeps (Meeting::voted_vigilance).
std::vector<std::string> vigilance_lines(const Ranking& ranking, const std::vector<Dossier>& dossiers);

Variables committee_variables(const CommitteeContext& ctx);

// Write the committee file and the minutes; throw naming the file or template.
void write_committee_file(const CommitteeContext& ctx, const std::string& path);
void write_minutes(const CommitteeContext& ctx, const std::string& path);
// The same as one job of a batch: <campaign>-dossier-commission or
// <campaign>-proces-verbal in out_dir, PDF, ODT or both.
DocumentJob committee_job(const CommitteeContext& ctx, bool minutes, const std::string& out_dir, Format format);

// One instruction report per dossier (compte-rendu-instruction.txt): identity,
// documents and conformity rule by rule, score by theme and criterion with
// each reviewer's rating and justification, arbitrations and observations.
// Returns the files written (<dossier>-compte-rendu.pdf), in ranking order.
Variables instruction_variables(const CommitteeContext& ctx, const RankEntry& e);
std::vector<DocumentJob> instruction_report_jobs(const CommitteeContext& ctx, const std::string& out_dir,
                                                 const std::string& only_reference, std::size_t limit, Format format);
// A report that cannot be written is reported (dossier, template, reason); the others are written.
DocumentBatch write_instruction_reports(const CommitteeContext& ctx, const std::string& out_dir,
                                        const std::string& only_reference = "", std::size_t limit = 0,
                                        Format format = Format::Pdf, const BatchControl* control = nullptr);

// The declared key figures of a dossier (the grid's <key-facts>), "Libellé : valeur".
std::vector<std::string> key_figures(const Grid& grid, const Campaign& campaign, const Dossier& d);

// Every document template of the product (letters, committee file, minutes,
// instruction report), as this grid's campaign would use it, checked against
// the values it may use: one message per unknown value, naming the template
// file, the line and the grid. Empty when every document can be generated.
std::vector<std::string> check_templates(const Grid& grid, const Campaign& campaign, const std::string& templates_dir);

}  // namespace cotation::report
