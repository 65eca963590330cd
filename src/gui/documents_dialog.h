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

}  // namespace cotation::gui
