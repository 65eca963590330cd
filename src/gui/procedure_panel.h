#pragma once
// The procedure's calendar (what is due, what is late) and the dossiers set
// aside before the evaluation, in the words of the campaign's procedure
// (refus préalable of an appel à projets, rejet avant évaluation of an appel
// à candidatures); then the committee the procedure names:
// the meeting's attendance, quorum and vote, observations, members' opinions
// on the selected dossier, and the committee's documents.
#include <wx/listctrl.h>
#include <wx/wx.h>

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
    wxStaticText* refusals_heading() const { return refusals_heading_; }

private:
    void OnMarkDone();
    void OnRefuse();
    void OnLift();
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
    void OnMeeting();
    void OnObservation();
    void OnOpinion();
    void OnDocument(bool minutes);
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
