#pragma once
// Parameters checked against each other (trial 13 R3): each parameter's own
// range is in its declaration (min, max); what relates two of them is
// declared by the grid too, so that a call's rules stay data:
//  - max-parameter="OTHER": at most OTHER (a start « au plus tôt » before
//    its « au plus tard », a reference tariff under the price ceiling);
//  - the unit (role « unite ») is at most the capacity (role « capacite »),
//    and the capacity is a whole number of units (24 lits in units of 8);
//  - reference="departements": each code is a département of the official
//    list (data/departements.tsv), the codes of a list separated by spaces.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "fact.h"
#include "grid.h"
#include "scoring.h"

namespace cotation {

// What `values` breaks among these relations, in French, each naming both
// parameters and their values; empty when coherent.
std::vector<std::string> parameter_problems(const Grid& grid, const FactValues& values,
                                            const std::function<bool(const std::string&)>& departement_exists);

// The call's capacity set to `capacity` (in `model`'s count: places, or
// dossiers) while `decisions` already grant more (trial 13b F2: 20 places
// accepted with 66 granted): the refusal giving both figures, the parameter
// named `parameter`; empty when it holds.
std::string capacity_refusal(const std::string& parameter, const CapacityModel& model, const Rational& capacity,
                             const DecisionIndex& decisions);

// The parameters `next` would make irrecevable a dossier already retained or
// put on the complementary list under `now`'s (trial 13c F2: a cost per
// place lowered after the decisions, letters still saying « retenu »): the
// refusal naming each such dossier and the rule it would fail; empty when none.
std::string decided_dossiers_refusal(const Grid& grid, const Campaign& now, const FactValues& next,
                                     const std::vector<Dossier>& dossiers, const DecisionIndex& decisions);

// Once the committee has voted or a decision is recorded (trial 1011B F1: the
// price supplement moved from 15 € to 20 € after the decisions, the orders
// then citing the cahier des charges for 20 €), every parameter is settled:
// the committee file and the minutes show what was voted on, the letters
// and orders rest on it. A change then needs a motive, journaled with it.
// `voted_on`: the date of the vote, or empty; `decisions`: how many are
// recorded; `names`: the parameters changed. The refusal names each
// parameter, its current value, the documents that rest on it and, for a
// figure the call's text fixes (its source cites one of the grid's
// <sources>), the text and its figure; empty when the change may go on.
struct SettledCampaign {
    std::string voted_on;            // « 15/11/2019 », empty when no vote
    std::size_t decisions = 0;
};
std::string settled_parameters_refusal(const Grid& grid, const FactValues& now, const std::vector<std::string>& names,
                                       const SettledCampaign& state, const std::string& motive);
// Whether `p`'s source is one of the call's texts (a file or title of the
// grid's <sources>): the grid's value is then the text's figure.
bool fixed_by_call_text(const Grid& grid, const ParameterDef& p);

// The last change of a parameter as the journal recorded it: its day (the
// entry's UTC instant, « 2019-12-03T10:00:00Z ») and the journal's « who »,
// which carries the motive (« Anne Roy (aroy) ; motif : … »).
struct ParameterChange {
    std::string at;
    std::string who;
};
// The motive a journal's « who » carries after « ; motif : », empty when none.
std::string journaled_motive(const std::string& who);
// A figure the call's text fixes but that is no longer the text's (trial
// 1011B F1: an order citing the cahier des charges for 20 € where it says
// 15 €): « fixé à 20 € par décision de la Présidente du Conseil départemental
// de la Charente-Maritime du 3 décembre 2019, motif : … » — who decided
// (`decided_by`, signatory_genitive of the authority; « de l'autorité » when
// empty), then the day and motive of `last` when known. Empty when the text
// does not fix `p`, when the figure in force is the text's, or when none is in
// force. A document citing it is dated no earlier than that day
// (dated_after_changes).
std::string changed_from_call_text(const Grid& grid, const ParameterDef& p, const FactValues& now,
                                   const std::optional<ParameterChange>& last, const std::string& decided_by = "");
// The same decision as a note on the figure where a sentence of the grid
// cites it with its section (trial 1011C F3: « dépasse ce que prévoit le 4-1
// (… au plus 43 800 € par an) » where §4-1 says 44 000 €): « montant fixé par
// décision de … du 1er décembre 2026 ; le texte de l'appel prévoit 44 000 € ».
// Empty when changed_from_call_text is.
std::string changed_figure_note(const Grid& grid, const ParameterDef& p, const FactValues& now,
                                const std::optional<ParameterChange>& last, const std::string& decided_by = "");
// The same change as the team's own documents say it (check, instruction
// reports, committee file, its vigilance points): who changed it in the
// journal, on which day and why, not a decision of the signatory (trial 1011F
// N4): « montant fixé le 1er décembre 2026 par « Isabelle Renaud (irenaud) »,
// motif : … ; le texte de l'appel prévoit 44 000 € »; « … fixé pour la
// campagne ; … » when the journal holds no change. Empty when
// changed_from_call_text is.
std::string changed_figure_record(const Grid& grid, const ParameterDef& p, const FactValues& now,
                                  const std::optional<ParameterChange>& last);
// The latest day among the changes a document cites: the parameters of
// `cited` that are no longer the text's (changed_from_call_text), their last
// change in `changes`; none when no such change is known. A letter or an
// order printing them is dated no earlier (trial 1011C F3: an order « du 29
// novembre 2019 » citing a decision of 1 December 2026); one that does not
// print them keeps its day.
std::optional<Date> last_cited_change(const Grid& grid, const FactValues& now,
                                      const std::map<std::string, ParameterChange>& changes,
                                      const std::set<std::string>& cited);
// `day`, or the last cited change's day when later: the day a document citing
// these changes may bear.
Date dated_after_changes(const Date& day, const Grid& grid, const FactValues& now,
                         const std::map<std::string, ParameterChange>& changes, const std::set<std::string>& cited);

}  // namespace cotation
