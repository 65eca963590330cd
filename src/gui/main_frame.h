#pragma once
#include <wx/infobar.h>
#include <wx/notebook.h>
#include <wx/wx.h>

#include <functional>

#include "panels.h"
#include "workbench.h"

namespace cotation::gui {

class MainFrame : public wxFrame {
public:
    explicit MainFrame(std::unique_ptr<Session> session, const std::string& reviewer = "");

    enum class View { List, Dossier, Rating, Ranking, Consolidation, Journal, Team, Procedure, Committee, Decisions, Territory };
    void ShowView(View v);
    void SelectDossier(std::size_t index);
    Workbench& workbench() { return wb_; }
    RatingPanel* rating_panel() const { return rating_; }
    RankingPanel* ranking_panel() const { return ranking_; }
    class ProcedurePanel* procedure_panel() const { return procedure_; }
    class CommitteePanel* committee_panel() const { return committee_; }
    class DecisionPanel* decision_panel() const { return decisions_; }
    class TerritoryPanel* territory_panel() const { return territory_; }
    DossierListView* dossier_list() const { return list_; }
    wxInfoBar* deadlines_bar() const { return deadlines_; }

private:
    void RefreshAll();
    void WarnDeadlines();
    void UpdateTitle();
    void OnOpen(wxCommandEvent&);
    void Replace(const std::function<std::unique_ptr<Session>()>& make);
    void OnOpenGrid(wxCommandEvent&);
    void OnNewGrid(wxCommandEvent&);
    void OnGridHistory(wxCommandEvent&);
    void CloseOrReopen(bool reopen);
    void OnNewDossier(wxCommandEvent&);
    void OnImportDossiers(wxCommandEvent&);
    void OnImportRatings(wxCommandEvent&);
    void ImportCsv(const char* title, const char* done,
                   std::size_t (Session::*import)(const std::string&, const std::string&));
    void OnLetters(wxCommandEvent&);
    void OnReviewer(wxCommandEvent&);

public:
    void Load(std::unique_ptr<Session> s);

private:

    Workbench wb_;
    wxNotebook* book_;
    wxNotebook* detail_;
    DossierListView* list_;
    DossierPanel* dossier_;
    RatingPanel* rating_;
    RankingPanel* ranking_;
    class ConsolidationPanel* consolidation_;
    class JournalPanel* journal_;
    class TeamPanel* team_;
    class ProcedurePanel* procedure_;
    class CommitteePanel* committee_;
    class DecisionPanel* decisions_;
    class TerritoryPanel* territory_;
    wxComboBox* reviewer_;
    wxInfoBar* deadlines_;
};

}  // namespace cotation::gui
