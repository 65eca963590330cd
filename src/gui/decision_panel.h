#pragma once
// The authority's decisions, dossier by dossier in ranking order, beside the
// committee's opinion: the form records one (kind, places, date, motive, and
// why it departs from the opinion); the letters follow.
#include <wx/listctrl.h>
#include <wx/radiobox.h>
#include <wx/wx.h>

#include <optional>
#include <vector>

#include "workbench.h"

namespace cotation::gui {

class DecisionPanel : public wxPanel {
public:
    DecisionPanel(wxWindow* parent, Workbench& wb);
    void Reload();
    // Shows the form of this dossier (an index into the session's dossiers).
    void Select(std::size_t dossier_index);
    // For the GUI test: the controls a person uses.
    wxListCtrl* list() const;
    wxRadioBox* kind() const { return kind_; }
    wxTextCtrl* motive() const { return motive_; }
    wxTextCtrl* departure() const { return departure_; }
    wxButton* save() const { return save_; }
    wxTextCtrl* places() const { return places_; }
    wxTextCtrl* date() const { return date_; }
    // The dossier whose form is shown (an index into the session's
    // dossiers), for the action that saves it (form_actions.cpp).
    std::optional<std::size_t> selected() const;

private:
    void ShowSelected();
    Workbench& wb_;
    wxStaticText* summary_;
    class CallbackListView* list_;
    struct Row {
        std::size_t dossier;
        std::string cells[7];
        int colour = 0;   // 0 plain, 1 departs from the opinion, 2 not decided yet
    };
    std::vector<Row> table_;
    wxListItemAttr departs_, undecided_;
    wxStaticText* title_;
    wxStaticText* opinion_;
    wxRadioBox* kind_;
    wxTextCtrl* places_;
    wxTextCtrl* date_;
    wxTextCtrl* motive_;
    wxTextCtrl* departure_;
    wxButton* save_;
    long current_ = -1;
};

}  // namespace cotation::gui
