#pragma once
// Shared state of the workbench: the open session, who is acting, which
// dossier is selected, and the typed notifications of what changed.
#include <wx/wx.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "app/session.h"
#include "changes.h"

namespace cotation::gui {

struct Workbench {
    std::unique_ptr<Session> session;
    std::string reviewer;                     // who rates and who is journaled
    std::optional<std::size_t> selected;      // index into session->dossiers()
    ChangeHub hub;                            // views subscribe to what they show
    std::function<void(std::size_t)> select;  // show this dossier

    // Called by the GUI after a Session call succeeded: refreshes the views
    // that show `what` (everything when not said).
    void changed(Changes what = Changes::all()) { hub.notify(what); }

    const Dossier* dossier() const {
        return session && selected && *selected < session->dossiers().size() ? &session->dossiers()[*selected] : nullptr;
    }
};

// Shows the message of a Cotation error in a box parented to `parent`.
void show_error(wxWindow* parent, const std::exception& e);

// The workbench's last resort, from wxApp::OnExceptionInMainLoop: an
// exception no handler caught (a Cotation error, a standard or Poco
// exception, or one of unknown type) is said in French in a box parented to
// the active window, and the workbench goes on (trial 15d F1: « Unhandled
// unknown exception » ended an instructor's window). Returns true: the event
// loop keeps running. Must be called while an exception is being handled.
bool report_unexpected_exception();
// Its text, for the current exception (inside a catch).
std::string unexpected_exception_text();

class DossierListView;
class DossierPanel;
class RatingPanel;
class RankingPanel;

// Asks for a folder, writes the documents there (`write` returns the batch)
// and says how many ("12 lettres écrites dans …"), with each document that
// could not be written and each warning, or shows the error.
void write_to_folder(wxWindow* parent, const std::string& title, const std::string& what,
                     const std::function<report::DocumentBatch(const std::string&)>& write);
// Every decision letter of the campaign.
void letters_dialog(wxWindow* parent, Workbench& wb);

// Opens the dossier form (new when `dossier` is null); returns true when saved.
bool edit_dossier_dialog(wxWindow* parent, Workbench& wb, const Dossier* dossier);

}  // namespace cotation::gui
