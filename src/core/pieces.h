#pragma once
// Request for missing pieces (demande de pièces complémentaires). A dossier
// whose completeness fails only on pieces the authority may ask for after
// the deadline (a grid's <document complement="oui">: an administrative
// piece, never the project itself) may be sent a request; the candidate has
// `campagne.delai_pieces` days (15 when the campaign does not set it) from
// the request. Until the pieces are ticked or the deadline passes the dossier
// is flagged « pièces demandées » and gets no letter of ineligibility; once
// the deadline has passed without them it stays incomplete, hence
// irrecevable, and that letter may go. Pure rules; docs/procedure.md.
#include <optional>
#include <string>
#include <vector>

#include "date.h"
#include "dossier.h"
#include "grid.h"
#include "procedure.h"

namespace cotation {

constexpr int default_pieces_delay_days = 15;

// The campaign's campagne.delai_pieces (whole days, at least 1), else 15.
int pieces_delay_days(const Campaign& campaign);

enum class PiecesState {
    Complete,     // every required piece received, no request made
    Askable,      // incomplete, every missing required piece may be asked for: a request is possible
    NotAskable,   // a missing required piece may not be asked for: incomplete, no request
    Requested,    // request made, deadline not passed: flagged
    Received,     // request made, every required piece now received
    Expired,      // request made, deadline passed, still incomplete
};
const char* pieces_state_label(PiecesState s);   // "complet", "pièces demandées", …

struct PiecesStatus {
    PiecesState state = PiecesState::Complete;
    std::vector<const DocumentDef*> to_ask;        // missing pieces the authority may ask for, grid order
    std::vector<const DocumentDef*> not_askable;   // missing required pieces it may not ask for
    std::optional<Date> requested, due;            // when a request was recorded
    std::optional<Date> received;                  // when its answer was recorded
    bool due_moved = false;                        // the deadline fell on a day off and was moved
    int delay_days = 0;                            // the campaign's period (campagne.delai_pieces) when requested
    long days_left = 0;                            // due - today (negative once passed)

    // The dossier list's flag: a request awaits its answer.
    bool awaiting() const { return state == PiecesState::Requested; }
    // One French sentence: what is missing, what was asked, what happens next.
    std::string summary() const;
};

// Whether the call's text requires the piece: its source cites one of the
// grid's texts (<sources>), where a piece the grid proposes (« Pièce
// administrative usuelle … (proposition …) ») is the authority's own
// request. Only the former is « exigée par le texte de l'appel », with the
// dossier's inadmissibility as the consequence of its absence (a new user's
// trial: the ACT HLM grid's proposed statutes were said required by the call).
bool piece_required_by_text(const Grid& grid, const DocumentDef& doc);
// The piece and where the text requires it, by title and section, without
// the quotation: « Budget prévisionnel (Appel à candidatures …, Annexe 1,
// 1) B) Cadrage financier) ». The label alone for a piece the text does not
// require.
std::string piece_with_citation(const Grid& grid, const DocumentDef& doc);

// A French public holiday (fixed days, Easter Monday, Ascension, Whit Monday).
bool french_public_holiday(const Date& d);
// The answer's deadline: `delay_days` after the request; when that day is a
// Saturday, Sunday or public holiday it moves to the next working day (the
// rule of article 642 of the code de procédure civile, which the
// administrative judge applies to time limits: the candidate cannot hand
// pieces to a closed office, and the letter promises « au plus tard le »).
Date pieces_due_date(const Date& requested, int delay_days);

// `requested`: the date the request was recorded, if any; `received`: the
// date the answer was recorded, if any (a late answer leaves the pieces
// unticked unless a motivated decision admits them, so the dossier stays
// incomplete, hence irrecevable).
PiecesStatus pieces_status(const Grid& grid, const Dossier& dossier, std::optional<Date> requested, int delay_days,
                           const Date& today, std::optional<Date> received = std::nullopt);

// The answer dated `received`: a message when it precedes the request or
// comes after `today` (a date typed wrong), else empty.
std::string pieces_receipt_problem(const PiecesStatus& status, const Date& received, const Date& today);
// Received after the deadline of the request.
bool pieces_late(const PiecesStatus& status, const Date& received);

// What the dossier is while a request awaits its answer, in place of
// « Irrecevable »: « En attente de pièces (jusqu'au 10/12/2026) »; empty
// when no request awaits.
std::string pieces_verdict(const PiecesStatus& status);

// Empty when a request may be made, else why not (French, naming the dossier).
std::string pieces_request_refusal(const PiecesStatus& status, const std::string& reference);

// What the request tells the candidate (trial 1011C F6: « 17 jours » where
// the campaign gives 15, the deadline having moved from a Saturday): the
// period is the campaign's, in words (« 15 jours »); the deadline is the
// day it ends, with its weekday, and when it fell on a day off the day it
// would have been and why it moved (« lundi 22 mai 2023 (le délai expirant
// le samedi 20 mai 2023, l'échéance est reportée au premier jour ouvré
// suivant) »). Empty without a request.
std::string pieces_period_words(const PiecesStatus& status);
std::string pieces_deadline_words(const PiecesStatus& status);

// The request as a step of the calendar: due on the deadline; « fait » once
// the pieces are ticked, « en retard » when the deadline passed without them.
CalendarStep pieces_step(const std::string& reference, const PiecesStatus& status);

}  // namespace cotation
