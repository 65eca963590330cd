#pragma once
// The coordinator's consolidation: every flagged criterion of the campaign
// (reviewers 2 points apart or more, or a 0), the ratings side by side with
// their justifications, and the consolidated rating with its reason.
#include <wx/listctrl.h>
#include <wx/wx.h>

#include <vector>

#include "workbench.h"

namespace cotation::gui {

class WrappedText;

class ConsolidationPanel : public wxPanel {
public:
    ConsolidationPanel(wxWindow* parent, Workbench& wb);
    void Reload();

private:
    struct Item {
        std::size_t dossier;
        std::string criterion;
    };
    void ShowItem();
    void OnSave();
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
