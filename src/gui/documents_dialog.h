#pragma once
// « Tous les documents… »: every document of the campaign in one action
// (app/documents.h), with a progress bar and a cancel button.
#include <wx/window.h>

#include <string>

namespace cotation::gui {

struct Workbench;

// Asks for a folder and a format (PDF, ODT, both), writes the documents on a
// worker thread while a progress dialog follows them (cancel stops the
// documents not yet started), then says what was written, what could not be
// and what to check. `folder`: the folder proposed (default: « documents »
// beside the campaign file).
void documents_dialog(wxWindow* parent, Workbench& wb, const std::string& folder = "");

}  // namespace cotation::gui
