#pragma once
// The committee the campaign's procedure names: the meeting's attendance,
// quorum and vote, observations, members' opinions on the selected dossier,
// and the committee's documents.
#include <wx/listctrl.h>
#include <wx/wx.h>

#include "workbench.h"

namespace cotation::gui {

class CommitteePanel : public wxPanel {
public:
    CommitteePanel(wxWindow* parent, Workbench& wb);
    void Reload();
    // The members' opinions on the selected dossier only (on each selection).
    void ShowOpinions();
    // For the GUI test.
    wxStaticText* summary() const { return summary_; }
    wxListCtrl* members() const { return members_; }
    wxStaticText* opinions_title() const { return opinions_title_; }

private:
    Workbench& wb_;
    wxStaticText* summary_;
    wxStaticText* quorum_;
    wxListCtrl* members_;
    wxListCtrl* observations_;
    wxStaticText* opinions_title_;
    wxListCtrl* opinions_;
    wxButton* opinion_;
};

}  // namespace cotation::gui
