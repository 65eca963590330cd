#pragma once
// « Tous les documents… »: every document of the campaign in one action
// (app/documents.h), with a progress bar and a cancel button.
#include <wx/window.h>

#include <optional>
#include <string>

namespace cotation::gui {

struct Workbench;

// Asks for a folder and a format (PDF, ODT, both), writes the documents on a
// worker thread while a progress dialog follows them (cancel stops the
// documents not yet started), then says what was written, what could not be
// and what to check. `folder`: the folder proposed (default: « documents »
// beside the campaign file).
void documents_dialog(wxWindow* parent, Workbench& wb, const std::string& folder = "");

// « Demander les pièces manquantes… » on the selected dossier: shows what is
// missing (core/pieces.h), records the request on the date typed (today by
// default, checked against the campaign's dates; a refusal says why and asks
// again) once the coordinator confirms, then writes its letter — PDF to sign
// and ODT to edit — into a folder. A request already recorded: its letter is
// written again, same date.
void pieces_request_dialog(wxWindow* parent, Workbench& wb);

// The confirmation of a request with its date field (a wxTextCtrl named
// « date_demande », holding `day`): the text typed, or nothing when cancelled.
std::optional<std::string> ask_request_date(wxWindow* parent, const std::string& what, const std::string& day);

// The answer to a request for missing pieces, from the dossier's list of
// pieces: ticking a piece while a request awaits asks its reception date
// (today by default) and, for an answer after the deadline, the motive that
// admits it (Session::receive_pieces, as `pieces --recues … --date`); a
// refused date says why and asks again.
struct Reception {
    std::string date, motive;
};
// The dialog alone: fields « date_reception » (holding `day`) and
// « motif_reception »; nothing when cancelled.
std::optional<Reception> ask_reception(wxWindow* parent, const std::string& what, const std::string& day);
void receive_pieces_dialog(wxWindow* parent, Workbench& wb, const std::string& piece);

}  // namespace cotation::gui
