#pragma once
// The coordinator's consolidation: every flagged criterion of the campaign
// (reviewers 2 points apart or more, or a 0), the ratings side by side with
// their justifications, and the consolidated rating with its reason.
#include <wx/listctrl.h>
#include <wx/wx.h>

#include <optional>
#include <string>
#include <vector>

#include "workbench.h"

namespace cotation::gui {

class WrappedText;

class ConsolidationPanel : public wxPanel {
public:
    ConsolidationPanel(wxWindow* parent, Workbench& wb);
    void Reload();
    // What the form holds, for the action that saves it (form_actions.cpp);
    // nothing while no flagged criterion is shown.
    struct Form {
        std::size_t dossier;   // index into the session's dossiers
        std::string criterion, value, reason;
    };
    std::optional<Form> form() const;
    // For the GUI test: the dossiers listed (index into the session's dossiers).
    std::vector<std::size_t> listed_dossiers() const {
        std::vector<std::size_t> out;
        for (const auto& it : items_) out.push_back(it.dossier);
        return out;
    }

private:
    struct Item {
        std::size_t dossier;
        std::string criterion;
    };
    void ShowItem();
    Workbench& wb_;
    std::vector<Item> items_;
    long current_ = -1;
    wxStaticText* summary_;
    wxListCtrl* list_;
    WrappedText* title_;
    wxListCtrl* side_;
    wxTextCtrl* value_;
    wxTextCtrl* reason_;
    wxStaticText* mean_;
};

}  // namespace cotation::gui
