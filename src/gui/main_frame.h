#pragma once
// The workbench's window: menus and toolbar from the action table
// (actions.h), the notebook from the view table (views.h), the acting
// person, and the bars that say what needs attention.
#include <wx/infobar.h>   // before the generic one, which needs wxInfoBarBase

#include <wx/generic/infobar.h>
#include <wx/notebook.h>
#include <wx/wx.h>

#include <functional>
#include <vector>

#include "actions.h"
#include "panels.h"
#include "views.h"
#include "workbench.h"

namespace cotation::gui {

class MainFrame : public wxFrame {
public:
    explicit MainFrame(std::unique_ptr<Session> session, const std::string& reviewer = "");

    using View = gui::View;
    void Load(std::unique_ptr<Session> s);
    void ShowView(View v);
    void SelectDossier(std::size_t index);
    // Another person acts (what the « Évaluateur » box does).
    void SetReviewer(const std::string& name);
    Workbench& workbench() { return wb_; }

    // The commands of the action table (actions.cpp).
    void OpenCampaign();
    void NewCampaign();
    void OpenDemoCampaign(const std::string& call);
    void WriteLetters();
    void CloseOrReopen(bool reopen);
    void NewDossier();
    void ImportDossiers();
    void ImportRatings();
    void EditGrid();
    void ShowGridHistory();
    void OpenGridFile();
    void NewGrid();
    // Imports a CSV file of dossiers (or of ratings) and says so in the
    // window, with what the import noticed about the file (its encoding).
    void ImportFile(const std::string& path, bool ratings);

    // For the GUI test.
    wxWindow* page(View v) const { return pages_[static_cast<std::size_t>(v)].window; }
    template <class T>
    T* page_as(View v) const { return dynamic_cast<T*>(page(v)); }
    RatingPanel* rating_panel() const { return page_as<RatingPanel>(View::Rating); }
    RankingPanel* ranking_panel() const { return page_as<RankingPanel>(View::Ranking); }
    class ProcedurePanel* procedure_panel() const;
    class CommitteePanel* committee_panel() const;
    class DecisionPanel* decision_panel() const;
    class TerritoryPanel* territory_panel() const;
    class TeamPanel* team_panel() const;
    DossierListView* dossier_list() const { return page_as<DossierListView>(View::List); }
    wxInfoBar* deadlines_bar() const { return deadlines_; }
    wxInfoBarGeneric* outside_bar() const { return outside_; }
    wxInfoBar* notice_bar() const { return notice_; }
    const std::string& notice_text() const { return notice_text_; }
    wxComboBox* reviewer_box() const { return reviewer_; }
    // How many times a view was refreshed since the window opened.
    int refreshes(View v) const { return pages_[static_cast<std::size_t>(v)].refreshes; }
    // Runs the wxEVT_UPDATE_UI path now (the idle loop runs it otherwise).
    void UpdateActions() { UpdateWindowUI(wxUPDATE_UI_RECURSE); }

private:
    struct PageState : Page {
        Changes pending;   // changes not yet shown (a hidden view)
        int refreshes = 0;
    };
    void BuildMenus();
    void OnChanged(std::size_t page, Changes what);
    void Freshen(std::size_t page);
    void OnUpdateUI(wxUpdateUIEvent& e);
    void WarnDeadlines();
    void WarnOutsideChanges();
    void UpdateTitle();
    void Replace(const std::function<std::unique_ptr<Session>()>& make);
    void OnReviewer(wxCommandEvent&);

    Workbench wb_;
    wxNotebook* book_;
    std::vector<PageState> pages_;
    wxComboBox* reviewer_;
    bool filling_reviewer_ = false;   // Load fills the box: its events are not a person typing
    wxInfoBarGeneric* outside_;       // rows changed outside Cotation (generic: its text takes our colour)
    wxInfoBar* deadlines_;
    wxInfoBar* notice_;
    std::string notice_text_;         // what the notice bar says
    ActionContext context_;           // computed once per update round
    bool context_fresh_ = false;
};

}  // namespace cotation::gui
