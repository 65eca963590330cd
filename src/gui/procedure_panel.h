#pragma once
// The procedure's calendar (what is due, what is late) and the dossiers set
// aside before the evaluation, in the words of the campaign's procedure
// (refus préalable of an appel à projets, rejet avant évaluation of an appel
// à candidatures). The committee is committee_panel.h.
#include <wx/listctrl.h>
#include <wx/wx.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "workbench.h"

namespace cotation::gui {

class ProcedurePanel : public wxPanel {
public:
    ProcedurePanel(wxWindow* parent, Workbench& wb);
    void Reload();
    // For the GUI test.
    wxListCtrl* calendar() const { return calendar_; }
    wxListCtrl* refusals() const { return refusals_; }
    // The rows selected, for the actions on them (form_actions.cpp): the
    // calendar's step, the decision setting a dossier apart (its dossier id).
    std::optional<std::string> selected_step() const;
    std::optional<std::int64_t> selected_rejection() const;

private:
    Workbench& wb_;
    wxStaticText* summary_;
    wxListCtrl* calendar_;
    wxStaticText* late_;
    wxStaticText* refusals_heading_;
    wxListCtrl* refusals_;
    wxButton* refuse_;
    wxButton* lift_;
    std::vector<std::string> step_ids_;
    std::vector<std::int64_t> refused_ids_;
};

}  // namespace cotation::gui
