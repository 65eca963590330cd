#pragma once
// Decision letters of a campaign, one PDF per dossier, from templates/
// (templates/<grid id>/ first: each call's own vocabulary).
#include <set>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/dossier.h"
#include "core/grid.h"
#include "core/parameter_rules.h"
#include "core/scoring.h"
#include "batch.h"
#include "documents.h"
#include "pdf_letter.h"
#include "template.h"

namespace cotation::report {

struct LetterContext {
    const Grid& grid;
    const Campaign& campaign;
    const std::vector<Dossier>& dossiers;
    const Ranking& ranking;
    Date letter_date;
    std::string templates_dir;
    const DecisionIndex* decisions = nullptr;   // when recorded, letters follow them
    // Dossiers whose request for missing pieces awaits its answer: no letter
    // of ineligibility yet (core/pieces.h).
    const std::set<std::int64_t>* awaiting_pieces = nullptr;
    // The order's visa « avis de la commission du … »: when `committee_known`
    // (the procedure has a committee), the recorded meeting's date, and no
    // visa while it has not sat; else campagne.date_commission.
    bool committee_known = false;
    std::optional<Date> committee_sat = std::nullopt;
    // The journal's head (N:hash) when the letters and orders are written: the
    // decisions they notify are then covered by a head kept outside the file
    // (journal verify --tete, trial 13c F1).
    std::string journal_head = "";
    // The last journaled change of each parameter (core/parameter_rules.h):
    // a figure no longer the call text's is printed with its day and motive,
    // never cited to the text (trial 1011B F1).
    std::map<std::string, ParameterChange> parameter_changes = {};
};

// The letter templates, one per kind of decision (without their includes).
const std::vector<std::string>& letter_templates();

// The template chosen for an entry and the values it can use.
std::string template_for(const RankEntry& e, const Decision* decision = nullptr);   // "lettre-retenu.txt", ...
// `cited`: the changed figures the document prints (cited_changes), which its date follows.
Variables letter_variables(const LetterContext& ctx, const RankEntry& e, std::size_t ranked_count,
                           const std::set<std::string>& cited = {});
// The day a dossier's letter is dated: the letters' day (campagne.date_courrier),
// or the decision's when it is later — a letter never comes before the
// decision it notifies (trial findings 4 and 20).
// Also never before a change it cites (`cited`): dated_after_changes (trial 1011C F3).
Date letter_day(const LetterContext& ctx, const Dossier& d, const std::set<std::string>& cited = {});
// The parameters whose change from the call's text a document prints: its
// template cites « {{X.modifie}} », or `points` (the order's vigilance points)
// hold its note (changed_figure_note).
std::set<std::string> cited_changes(const LetterContext& ctx, const std::string& template_text, const std::string& points = "");
// Who decides a change of the call's figures, after « par décision »: the
// authority's signatory (« de la Présidente du Conseil départemental … »).
std::string decided_by(const LetterContext& ctx);
// The last journaled change of parameter `name`, if any.
std::optional<ParameterChange> last_change(const LetterContext& ctx, const std::string& name);
// For rule_sentence: each figure no longer the call text's, with its note
// (changed_figure_note), keyed by parameter.
std::map<std::string, std::string> changed_figure_notes(const LetterContext& ctx);
// What the user is told when `document` (« l'arrêté est daté », « la lettre
// est datée ») of dossier `reference`, due on `own_day`, is dated later
// because it cites (`cited`) a change made after that day; empty when not.
std::string dated_after_change_warning(const LetterContext& ctx, const std::string& reference, const std::string& document,
                                       const Date& own_day, const std::set<std::string>& cited);
// The names a letter template may use for this grid (values are samples).
Variables letter_variable_names(const Grid& grid, const Campaign& campaign);

// The address block of a dossier: organisme, addressee, street, postcode and
// town (facts adresse, code_postal, commune_postale, destinataire).
std::vector<std::string> recipient_block(const Grid& grid, const Dossier& d);
// Empty when the dossier has a postal address, else what is missing.
std::string missing_address(const Dossier& d);
// A postal code that is not five digits (« 17XXX »), printed as typed on the
// letter (trial 1011B F10): what to say, naming it; empty when well formed or absent.
std::string malformed_postcode(const Dossier& d);

// The letters to write, one job per dossier (or only `only_reference`), named
// <dossier>-lettre.pdf|.odt in out_dir (document_names.h).
std::vector<DocumentJob> letter_jobs(const LetterContext& ctx, const std::string& out_dir, const std::string& only_reference,
                                     std::size_t limit, Format format);

// Writes one letter per dossier (or only `only_reference`) into out_dir, as
// PDF, ODT or both. A letter that cannot be written (a template naming a
// value this grid lacks, a file that cannot be written) is reported with its
// dossier, template and reason; the others are written. `limit` caps the
// number (0: all).
DocumentBatch write_letters(const LetterContext& ctx, const std::string& out_dir, const std::string& only_reference = "",
                            std::size_t limit = 0, Format format = Format::Pdf, const BatchControl* control = nullptr);

}  // namespace cotation::report
