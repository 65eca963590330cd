// The workbench driven as a person would: wxUIActionSimulator clicks a level,
// types a justification and presses the save button; the test then checks
// that the rating is stored and that the ranking view moved the dossier;
// that actions a role or a closed campaign forbids are greyed out; that a
// change refreshes the views showing it and only them.
// Runs under Xvfb (scripts/with-xvfb.sh).
#include <unistd.h>
#include <wx/combobox.h>
#include <wx/modalhook.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/scrolwin.h>
#include <wx/uiaction.h>
#include <wx/wx.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <clocale>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>

#include "app/accounts.h"
#include "app/demo.h"
#include "core/french.h"
#include "gui/actions.h"
#include "gui/colours.h"
#include "gui/committee_panel.h"
#include "gui/consolidation_panel.h"
#include "gui/main_frame.h"
#include "gui/procedure_panel.h"
#include "gui/team_panel.h"
#include "gui/decision_panel.h"
#include "gui/documents_dialog.h"
#include "gui/grid_editor.h"
#include "gui/journal_panel.h"
#include "gui/territory_panel.h"
#include "gui/shared_campaign.h"
#include "gui/layout.h"
#include "gui/panels.h"
#include "gui/wx_text.h"

using namespace cotation;
using namespace cotation::gui;

namespace {
int failures = 0, checks = 0;
void check(bool ok, const std::string& what) {
    ++checks;
    if (!ok) ++failures;
    std::cout << (ok ? "[ OK ] " : "[FAIL] ") << what << std::endl;
}

void pump(int ms = 150) {
    for (int i = 0; i < ms / 10; ++i) {
        wxYield();
        wxMilliSleep(10);
    }
}

void click(wxUIActionSimulator& sim, wxWindow* w) {
    wxPoint p = w->GetScreenPosition() + wxPoint(std::min(12, w->GetSize().x / 2), w->GetSize().y / 2);
    sim.MouseMove(p);
    pump(60);
    sim.MouseClick();
    pump(150);
}

const RankEntry* entry(Session& s, const std::string& ref) { return s.entry_of(*s.find(ref)); }

// Answers modal dialogs without showing them, and keeps what they said: the
// test reads a message box's text and a dialog's stock buttons.
class DialogSpy : public wxModalDialogHook {
public:
    int answer = wxID_CANCEL;
    std::string message, cancel_label, ok_label;
    std::vector<std::string> labels;   // every label of the last dialog
    int seen = 0;

protected:
    int Enter(wxDialog* dialog) override {
        ++seen;
        if (auto* m = dynamic_cast<wxMessageDialogBase*>(dialog)) message = from_wx(m->GetMessage());
        if (auto* b = dynamic_cast<wxControl*>(dialog->FindWindow(wxID_CANCEL))) cancel_label = from_wx(b->GetLabelText());
        if (auto* b = dynamic_cast<wxControl*>(dialog->FindWindow(wxID_OK))) ok_label = from_wx(b->GetLabelText());
        labels.clear();
        collect(dialog);
        return answer;
    }
    void collect(wxWindow* w) {
        for (wxWindow* c : w->GetChildren()) {
            if (auto* t = dynamic_cast<wxStaticText*>(c)) labels.push_back(from_wx(t->GetLabelText()));
            collect(c);
        }
    }
};

// Every label shown on `root` has at least the width of its text (per line):
// a wxGTK label given less wraps and loses its last words in one line of
// height (« Complétude et » for « Complétude et conformité »).
void find_cut_labels(wxWindow* root, std::vector<std::string>& cut) {
    for (wxWindow* w : root->GetChildren()) {
        if (!w->IsShown()) continue;
        if (auto* t = dynamic_cast<wxStaticText*>(w)) {
            int width = 0, lines = 0;
            for (const auto& line : wxSplit(t->GetLabelText(), '\n', '\0')) {
                width = std::max(width, t->GetTextExtent(line).x);
                ++lines;
            }
            int height = lines * t->GetTextExtent("Ag").y;
            if (width > 0 && (t->GetSize().x + 2 < width || t->GetSize().y + 2 < height))
                cut.push_back("« " + from_wx(t->GetLabelText().Left(60)) + " » : " + std::to_string(t->GetSize().x) + " × " +
                              std::to_string(t->GetSize().y) + " px pour " + std::to_string(width) + " × " + std::to_string(height));
        }
        find_cut_labels(w, cut);
    }
}
}  // namespace

class GuiTestApp : public wxApp {
public:
    bool OnInit() override {
        std::setlocale(LC_NUMERIC, "C");
        french_ = load_french_catalog();
        // Panics and asserts fail the test instead of opening a dialog.
        wxSetAssertHandler([](const wxString& file, int line, const wxString&, const wxString& cond, const wxString& msg) {
            std::cerr << "assertion wx : " << cond << " " << msg << " (" << file << ":" << line << ")" << std::endl;
            ++failures;
        });
        dir_ = std::filesystem::temp_directory_path() / ("cotation-gui-test-" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        // The demo binds its coordinator to this account; the coordinator
        // binds the two others the test acts as to accounts of their own
        // (simulated), as the window always acts from the account's person.
        const std::string demo = (dir_ / "demo.cot").string();
        {
            auto made = create_demo(demo, "act-hlm");
            change_account(*made, "Claire Martin (ARS, DD 13)", "claire-essai", kCoordinator);
            change_account(*made, "Jean-Pierre Lucas", "jplucas-essai", kCoordinator);
            change_account(*made, "Julien Roux (ARS, siège)", "jroux-essai", kCoordinator);
        }
        Session::simulate_os_login(std::string("claire-essai"));
        frame_ = new MainFrame(Session::open(demo), "Claire Martin (ARS, DD 13)");
        frame_->SetPosition(wxPoint(0, 0));
        frame_->Show();
        CallAfter([this] { Run(); });
        return true;
    }

    // The workbench's own (src/gui/app.cpp): what no handler caught is said, the window goes on.
    bool OnExceptionInMainLoop() override { return report_unexpected_exception(); }

    int OnRun() override {
        wxApp::OnRun();
        std::filesystem::remove_all(dir_);
        std::cout << (checks - failures) << " passed, " << failures << " failed" << std::endl;
        return failures == 0 && checks > 0 ? 0 : 1;
    }

private:
    static constexpr const char* kCoordinator = "Nathalie Girard (ARS, pôle médico-social)";
    // The window acts as the person bound to the account it runs from
    // (issue 13.4): the test changes the (simulated) account, then the
    // person shown. "" is this account, the demo's coordinator's.
    void ActAs(const std::string& person, const std::string& login) {
        Session::simulate_os_login(login.empty() ? std::nullopt : std::optional<std::string>(login));
        frame_->SetReviewer(person);
    }

    // Trial 2 of issue 13: a team without an account for this one let the
    // window ask « Qui êtes-vous ? » and take any name. From an account
    // bound to nobody the window is nobody (a warning), and its « Évaluateur »
    // box offers no one else to pick.
    void IdentityIsTheAccountsNeverAChoice() {
        Session::simulate_os_login(std::string("intrus-essai"));
        DialogSpy spy;
        spy.Register();
        frame_->Load(Session::open((dir_ / "demo.cot").string()));
        spy.Unregister();
        check(spy.seen == 1 && spy.message.find("Le compte « intrus-essai » n'est déclaré pour personne") != std::string::npos,
              "compte lié à personne : un avertissement, pas un choix (lu : « " + spy.message + " »)");
        check(frame_->workbench().reviewer == "compte intrus-essai" && frame_->reviewer_box()->GetCount() == 1,
              "compte lié à personne : la fenêtre n'agit pour personne et ne propose aucun nom (lu : « " +
                  frame_->workbench().reviewer + " », " + std::to_string(frame_->reviewer_box()->GetCount()) + " nom(s))");
        // A name typed or chosen in the box is not taken.
        frame_->reviewer_box()->SetValue(to_wx(std::string(kCoordinator)));
        check(frame_->workbench().reviewer == "compte intrus-essai", "nom saisi dans « Évaluateur » : ignoré");
        Session::simulate_os_login(std::string("claire-essai"));
        frame_->Load(Session::open((dir_ / "demo.cot").string()));
        check(frame_->workbench().reviewer == "Claire Martin (ARS, DD 13)", "compte lié : la fenêtre agit pour sa personne");
    }

    // Trial 13 R5: the Journal view showed a reviewer who had not submitted
    // the others' ratings, which `journal show` hides. The demo
    // (demo/act-hlm/notes.csv) has Julien Roux rate 13 of the 17 criteria of
    // ACT-2023-10, so he has not submitted it, and Claire Martin rate all 17:
    // her ratings of ACT-2023-10 are in the journal, not in his view of it.
    void JournalViewHidesWhatTheReaderMayNotRead() {
        ActAs("Julien Roux (ARS, siège)", "jroux-essai");
        frame_->ShowView(MainFrame::View::Journal);
        pump(250);
        auto* panel = frame_->page_as<JournalPanel>(MainFrame::View::Journal);
        panel->Reload();
        const std::string claires = "dossier/ACT-2023-10/note/Claire Martin (ARS, DD 13)/";
        std::size_t in_store = 0, in_view = 0;
        for (const auto& e : frame_->workbench().session->store().journal(claires)) in_store += e.entity.rfind(claires, 0) == 0;
        for (const JournalEntry* e : panel->shown()) in_view += e->entity.rfind(claires, 0) == 0;
        check(in_store >= 17 && in_view == 0,
              "vue Journal de Julien Roux (ACT-2023-10 non soumis) : " + std::to_string(in_view) + " des " +
                  std::to_string(in_store) + " entrées des notes de Claire Martin affichées (attendu 0, comme journal show)");
        check(panel->shown().size() == frame_->workbench().session->readable_journal("").size(),
              "vue Journal : les mêmes entrées que journal show pour ce lecteur");
        // The Consolidation view neither: ACT-2023-10's means and spreads are
        // made of the others' ratings (trial 13b F9).
        frame_->ShowView(MainFrame::View::Consolidation);
        pump(250);
        auto* cons = frame_->page_as<ConsolidationPanel>(MainFrame::View::Consolidation);
        cons->Reload();
        const std::size_t act10 = *frame_->workbench().session->find("ACT-2023-10");
        const auto listed = cons->listed_dossiers();
        check(std::find(listed.begin(), listed.end(), act10) == listed.end(),
              "vue Consolidation de Julien Roux : ACT-2023-10 (non soumis) n'est pas listé (moyennes et écarts des autres)");
        ActAs("Claire Martin (ARS, DD 13)", "claire-essai");
    }

    void Run() {
        pump(500);
        Session& s = *frame_->workbench().session;
        // Preconditions from the demo data: ACT-2023-06 is rated by one reviewer
        // (I.1 = 3) and totals 202 points, below ACT-2023-02's 212.
        const RankEntry* before = entry(s, "ACT-2023-06");
        Rational total_before = before->score.total;
        int rank_before = before->rank;
        check(total_before == Rational(202) && entry(s, "ACT-2023-02")->score.total == Rational(212),
              "démo : ACT-2023-06 à 202 points, ACT-2023-02 à 212 points");

        // The demo's decision deadline (28/10/2023, art. R. 313-7) has passed
        // with ACT-2023-10 still undecided: the bar says so at opening.
        check(frame_->deadlines_bar()->IsShown(), "bandeau des échéances affiché à l'ouverture");
        // Counted in words (fr::plural), never « échéance(s) » (issue 12 item 5).
        check(from_wx(frame_->GetStatusBar()->GetStatusText(2)).find("(s)") == std::string::npos &&
                  from_wx(frame_->GetStatusBar()->GetStatusText(2)).find("dépassée") != std::string::npos,
              "barre d'état : les échéances dépassées comptées, accordées, sans « (s) »");

        // The Procédure view shown once, so that it owes nothing from the opening.
        frame_->ShowView(MainFrame::View::Procedure);
        pump(200);
        frame_->SelectDossier(*s.find("ACT-2023-06"));
        frame_->ShowView(MainFrame::View::Rating);
        pump(300);
        RatingPanel* panel = frame_->rating_panel();
        // Row 1 is I.1 (row 0 is theme I); it is the default criterion.
        panel->criteria()->SetItemState(1, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
        pump(200);

        wxUIActionSimulator sim;
        click(sim, panel->level(5));
        check(panel->level(5)->GetValue(), "clic sur le niveau 5");
        panel->justification()->Clear();
        click(sim, panel->justification());
        sim.Text("Experience longue et reconnue");
        pump(400);
        check(from_wx(panel->justification()->GetValue()) == "Experience longue et reconnue",
              "justification saisie au clavier (lu : « " + from_wx(panel->justification()->GetValue()) + " »)");
        const int ranking_refreshes = frame_->refreshes(MainFrame::View::Ranking);
        const int procedure_refreshes = frame_->refreshes(MainFrame::View::Procedure);
        click(sim, panel->save());
        pump(400);

        const Rating* stored = nullptr;
        for (const Rating* r : s.ratings_of(s.dossiers()[*s.find("ACT-2023-06")].id))
            if (r->criterion == "I.1" && r->reviewer == "Claire Martin (ARS, DD 13)") stored = r;
        check(stored && stored->value == 5 && stored->justification == "Experience longue et reconnue", "note enregistrée : I.1 = 5");

        // I.1 has coefficient 8 (Annexe 2): 3 -> 5 adds 8 × 2 = 16 points.
        const RankEntry* after = entry(s, "ACT-2023-06");
        check(after->score.total == total_before + Rational(16),
              "total : " + fr::number(total_before) + " -> " + fr::number(after->score.total) + " (attendu +16)");
        check(after->rank == rank_before - 1, "rang : " + std::to_string(rank_before) + " -> " + std::to_string(after->rank));

        // Blind rating (issue 13.3): Claire Martin reads the totals of ACT-2023-06
        // once she has submitted her ratings of it (submitted ratings no longer
        // change, so she submits after rating); the submission is a rating change.
        s.submit(s.dossiers()[*s.find("ACT-2023-06")].id, "Claire Martin (ARS, DD 13)", "Claire Martin (ARS, DD 13)");
        frame_->workbench().changed(Change::Rating);
        pump(300);
        // Typed notifications: the dossier list (another view, not shown) has
        // the new total at once: 202 + 16 = 218; the hidden Classement view
        // waits until shown, and the Procédure view does not show ratings.
        long list_row = static_cast<long>(*s.find("ACT-2023-06"));
        check(from_wx(frame_->dossier_list()->GetItemText(list_row, 7)) == "218",
              "vue Dossiers rafraîchie par la note saisie dans la vue Cotation : « " +
                  from_wx(frame_->dossier_list()->GetItemText(list_row, 7)) + " » (attendu 218)");
        check(frame_->refreshes(MainFrame::View::Ranking) == ranking_refreshes,
              "vue Classement cachée : pas rafraîchie avant d'être montrée");
        // The ranking view shows it: the row of the new rank is ACT-2023-06 with 218.
        frame_->ShowView(MainFrame::View::Ranking);
        pump(300);
        check(frame_->refreshes(MainFrame::View::Ranking) == ranking_refreshes + 1,
              "vue Classement rafraîchie une fois en s'affichant");
        frame_->ShowView(MainFrame::View::Procedure);
        pump(200);
        check(frame_->refreshes(MainFrame::View::Procedure) == procedure_refreshes,
              "vue Procédure non rafraîchie par une note (lu : " + std::to_string(frame_->refreshes(MainFrame::View::Procedure)) +
                  " au lieu de " + std::to_string(procedure_refreshes) + ")");
        frame_->ShowView(MainFrame::View::Ranking);
        pump(200);
        wxListCtrl* list = frame_->ranking_panel()->ranked();
        long row = after->rank - 1;
        check(from_wx(list->GetItemText(row, 1)) == "ACT-2023-06" && from_wx(list->GetItemText(row, 4)) == "218",
              "vue Classement : ligne " + std::to_string(row + 1) + " = " + from_wx(list->GetItemText(row, 1)) + " " +
                  from_wx(list->GetItemText(row, 4)));
        // And the journal recorded who changed what.
        auto j = s.store().journal("dossier/ACT-2023-06/note/Claire Martin (ARS, DD 13)/I.1");
        check(!j.empty() && j.back().new_value == "5 — Experience longue et reconnue" && j.back().old_value.rfind("3 — ", 0) == 0,
              "journal : ancienne et nouvelle valeur");
        CheckNoRatingChosen(sim);
        CheckFrenchStockButtons();
        CheckPiecesRequestDate();
        CheckPiecesReceptionDate();
        CheckHeadingsWhole();
        CheckProcedureAndCommittee(sim);
        DepartFromTheCommitteesOpinion(sim);
        ImportNoticeShown();
        ActionsFollowRoleAndClosure(sim);
        IdentityIsTheAccountsNeverAChoice();
        JournalViewHidesWhatTheReaderMayNotRead();
        InstructorsButtonsInAHalfScreenWindow(sim);
        DossierTabMasksWhatTheReaderMayNotRead();
        TerritoryFollowsAClick(sim);
        RateOnAZeroToTenGrid(sim);
        AnotherPersonsChangeRefreshesTheViews();
        UnsavedTypingSurvivesAnotherPersonsChange(sim);
        DossierFormConflictKeepsBothChanges();
        ClosedCampaignGreysWrites();
        OutsideChangeSaidInTheBanner();
        AnExceptionOutOfAHandlerIsSaidAndTheWindowGoesOn();
        frame_->Close(true);
        ExitMainLoop();
    }

    // The demo's committee (demo/act-hlm/seance.csv): 5 deliberative members,
    // Fatima Haddad declared a link with Habitat Soins Var (ACT-2023-02) and
    // does not vote; 3 for, 1 against among the 4 voters: adopted.
    void CheckProcedureAndCommittee(wxUIActionSimulator& sim) {
        frame_->ShowView(MainFrame::View::Committee);
        pump(300);
        CommitteePanel* c = frame_->committee_panel();
        std::string summary = from_wx(c->summary()->GetLabel());
        check(summary.find("Classement adopté à la majorité : 3 voix pour, 1 voix contre") != std::string::npos,
              "vue Commission : « " + summary + " »");
        wxListCtrl* members = c->members();
        long haddad = members->FindItem(-1, to_wx("Fatima Haddad"));
        check(members->GetItemCount() == 6 && haddad >= 0 && from_wx(members->GetItemText(haddad, 6)) == "ACT-2023-02",
              "vue Commission : 6 membres, Fatima Haddad ne délibère pas sur ACT-2023-02");
        // Choosing a dossier in the list (a real click) shows its members' opinions.
        frame_->ShowView(MainFrame::View::List);
        pump(300);
        wxListCtrl* list = frame_->dossier_list();
        wxRect rect;
        long row = static_cast<long>(*frame_->workbench().session->find("ACT-2023-05"));
        list->GetItemRect(row, rect);
        sim.MouseMove(list->ClientToScreen(rect.GetPosition() + wxPoint(30, rect.height / 2)));
        pump(60);
        sim.MouseClick();
        pump(300);
        frame_->ShowView(MainFrame::View::Committee);
        pump(300);
        std::string title = from_wx(c->opinions_title()->GetLabel());
        check(title.find("ACT-2023-05") != std::string::npos, "avis des membres du dossier cliqué : « " + title + " »");
        // The rating changed above came after the vote: the opinion stays the
        // voted ranking (ACT-2023-06 was 5th), and the view says what moved.
        auto changes = frame_->workbench().session->changes_since_vote();
        check(std::find(changes.begin(), changes.end(), "ACT-2023-06 : du 5e au 4e rang") != changes.end(),
              "changements depuis le vote : ACT-2023-06 du 5e au 4e rang");

        frame_->ShowView(MainFrame::View::Procedure);
        pump(300);
        ProcedurePanel* p = frame_->procedure_panel();
        // 8 steps: a prior rejection adds its notification (art. R. 313-6).
        check(p->calendar()->GetItemCount() == 8, "vue Procédure : 8 étapes (lu : " + std::to_string(p->calendar()->GetItemCount()) + ")");
        check(p->refusals()->GetItemCount() == 1 && from_wx(p->refusals()->GetItemText(0, 0)) == "ACT-2023-09",
              "vue Procédure : ACT-2023-09 refusé au préalable");
    }

    // The demo's decisions follow the adopted ranking (66 of 73 places). The
    // coordinator turns ACT-2023-02 (10 places, opinion « retenu ») into « non
    // retenu »: the motive and the reason for departing are typed, the save
    // button clicked; 66 − 10 = 56 places remain granted.
    void DepartFromTheCommitteesOpinion(wxUIActionSimulator& sim) {
        ActAs(kCoordinator, "");
        frame_->ShowView(MainFrame::View::Decisions);
        pump(300);
        DecisionPanel* p = frame_->decision_panel();
        wxListCtrl* list = p->list();
        long row = -1;
        for (long i = 0; i < list->GetItemCount(); ++i)
            if (from_wx(list->GetItemText(i, 1)) == "ACT-2023-02") row = i;
        check(row >= 0 && from_wx(list->GetItemText(row, 3)) == "retenu", "vue Décisions : avis de la commission sur ACT-2023-02 = retenu");
        wxRect rect;
        list->GetItemRect(row, rect);
        sim.MouseMove(list->ClientToScreen(rect.GetPosition() + wxPoint(60, rect.height / 2)));
        pump(60);
        sim.MouseClick();
        pump(300);
        check(p->kind()->GetSelection() == static_cast<int>(DecisionKind::Retained), "formulaire prérempli avec la décision enregistrée");
        p->kind()->SetSelection(static_cast<int>(DecisionKind::NotRetained));
        p->motive()->Clear();
        click(sim, p->motive());
        sim.Text("Enveloppe reduite");
        pump(300);
        p->departure()->Clear();
        click(sim, p->departure());
        sim.Text("Credits notifies inferieurs");
        pump(300);
        click(sim, p->save());
        pump(400);
        Session& s = *frame_->workbench().session;
        const Decision& d = s.decisions().at(s.dossiers()[*s.find("ACT-2023-02")].id);
        check(d.kind == DecisionKind::NotRetained && d.motive == "Enveloppe reduite" &&
                  d.departure_reason == "Credits notifies inferieurs" && d.committee_opinion == DecisionKind::Retained,
              "décision enregistrée : non retenu, écart motivé à l'avis « retenu »");
        Rational granted;
        for (const auto& [id, x] : s.decisions())
            if (x.kind == DecisionKind::Retained && x.places) granted += *x.places;
        check(granted == Rational(56), "places accordées : " + fr::number(granted) + " (attendu 56)");
        auto j = s.store().journal("dossier/ACT-2023-02/decision");
        check(!j.empty() && j.back().new_value.find("écart à l'avis de la commission : Credits notifies inferieurs") != std::string::npos,
              "journal : décision et écart");
    }

    // A dossiers file saved by Excel in Windows-1252 (« Société » with é as
    // the single byte 0xE9): imported, and the window says it was converted.
    void ImportNoticeShown() {
        std::ifstream demo(std::string(COTATION_TEST_SOURCE_DIR) + "/demo/act-hlm/dossiers.csv");
        std::string header, line;
        std::getline(demo, header);
        std::getline(demo, line);
        line = "ACT-2023-99;Soci\xE9t\xE9 d'essai" + line.substr(line.find(';', line.find(';') + 1));
        const auto path = dir_ / "dossiers-excel.csv";
        std::ofstream(path, std::ios::binary) << header << "\n" << line << "\n";
        // The demo's decisions are recorded: no dossier comes in after them
        // (a new user's trial, docs10 item 12), said in French, nothing added.
        {
            DialogSpy spy;
            spy.Register();
            frame_->ImportFile(path.string(), false);
            pump(300);
            spy.Unregister();
            check(spy.message.find("décisions de l'autorité sont enregistrées") != std::string::npos &&
                      !frame_->workbench().session->find("ACT-2023-99"),
                  "import après les décisions refusé : « " + spy.message + " »");
        }
        // Before the decisions (the demo at the instruction stage): imported, the conversion said.
        const std::string campaign_path = frame_->workbench().session->path();
        {
            DialogSpy spy;
            spy.Register();
            frame_->Load(create_demo((dir_ / "instruction.cot").string(), "act-hlm", DemoStage::Instruction));
            spy.Unregister();
        }
        frame_->ImportFile(path.string(), false);
        pump(300);
        Session& s = *frame_->workbench().session;
        auto i = s.find("ACT-2023-99");
        check(i && s.dossiers()[*i].organisme == "Société d'essai", "import Windows-1252 : organisme « Société d'essai »");
        check(frame_->notice_bar()->IsShown() && frame_->notice_text().find("lu en Windows-1252") != std::string::npos,
              "bandeau de l'import affiché : « " + frame_->notice_text() + " »");
        DialogSpy spy;
        spy.Register();
        frame_->Load(Session::open(campaign_path));
        spy.Unregister();
        ActAs("Claire Martin (ARS, DD 13)", "claire-essai");
    }

    // The demo's team (demo/act-hlm/equipe.csv): Jean-Pierre Lucas sits on the
    // committee, Nathalie Girard coordinates. What a role may not do is greyed
    // out (a click on it opens nothing); once the campaign is closed, what
    // writes is greyed out for the coordinator too, and « Rouvrir » is not.
    void ActionsFollowRoleAndClosure(wxUIActionSimulator& sim) {
        auto menu_enabled = [&](Action a) { return frame_->GetMenuBar()->IsEnabled(action_id(a)); };
        auto button_enabled = [&](Action a) {
            wxWindow* w = frame_->FindWindow(action_id(a));
            return w && w->IsEnabled();
        };
        // Every action runs from the table, the views' form buttons too
        // (rating, submission, arbitration, decision, procedure): none is
        // left to a view that would refuse it after a click.
        for (const ActionDef& a : actions())
            check(a.run != nullptr, std::string("action « ") + a.text + " » : son gestionnaire est dans la table");
        frame_->SelectDossier(*frame_->workbench().session->find("ACT-2023-05"));
        ActAs("Jean-Pierre Lucas", "jplucas-essai");
        frame_->UpdateActions();
        check(!menu_enabled(Action::NewDossier) && !menu_enabled(Action::ImportRatings) && !menu_enabled(Action::CloseCampaign) &&
                  !frame_->GetToolBar()->GetToolEnabled(action_id(Action::NewDossier)),
              "membre de commission : « Nouveau dossier », « Importer des notes », « Clore » grisés (menu et barre d'outils)");
        check(!button_enabled(Action::AddPerson) && !button_enabled(Action::SaveDecision) && button_enabled(Action::GiveOpinion),
              "membre de commission : « Ajouter une personne » et « Enregistrer la décision » grisés, « Donner mon avis » actif");
        // The views' document and journal buttons are the table's too: there for every reader; recording
        // the territorial allocation is the coordinator's (app/territory.cpp), greyed for a member.
        check(button_enabled(Action::CommitteeFile) && button_enabled(Action::Minutes) && button_enabled(Action::VerifyJournal) &&
                  button_enabled(Action::Letters) && frame_->FindWindow(action_id(Action::RecordAllocation)) &&
                  !button_enabled(Action::RecordAllocation),
              "membre de commission : dossier de la commission, PV, vérification du journal, lettres actifs ; "
              "« Enregistrer cet ensemble comme répartition suivie » grisé");
        frame_->ShowView(MainFrame::View::Team);
        pump(300);
        DialogSpy spy;
        spy.Register();
        click(sim, frame_->FindWindow(action_id(Action::AddPerson)));
        spy.Unregister();
        check(spy.seen == 0, "clic sur « Ajouter une personne » grisé : aucun dialogue ouvert");

        const std::string coordinator = "Nathalie Girard (ARS, pôle médico-social)";
        ActAs(coordinator, "");
        frame_->UpdateActions();
        check(menu_enabled(Action::NewDossier) && !menu_enabled(Action::ReopenCampaign) && button_enabled(Action::AddPerson) &&
                  !button_enabled(Action::GiveOpinion),
              "coordonnateur : « Nouveau dossier », « Ajouter une personne » actifs, « Rouvrir » et « Donner mon avis » grisés");
        check(button_enabled(Action::RecordAllocation), "coordonnateur : « Enregistrer cet ensemble comme répartition suivie » actif");
        // The demo has committee members and instructors: the meeting and the assignment may be recorded.
        check(button_enabled(Action::RecordMeeting) && button_enabled(Action::AssignDossier),
              "coordonnateur de la démo : « Enregistrer la séance… » et « Affecter un dossier… » actifs");
        // Its handler is the action table's, run by the frame that the
        // button's event reaches (the team view binds nothing): the click
        // opens the form, which the spy cancels.
        {
            pump(100);
            DialogSpy add;
            add.Register();
            click(sim, frame_->FindWindow(action_id(Action::AddPerson)));
            add.Unregister();
            check(add.seen == 1 && std::find(add.labels.begin(), add.labels.end(), "Nom :") != add.labels.end(),
                  "coordonnateur : clic sur « Ajouter une personne » : le formulaire (« Nom : ») s'ouvre par la table des actions");
        }
        // A link with an organisation whose dossier has not come in (trial 15): typed in the
        // form's field, not only chosen among the candidates; the team records it.
        {
            struct Typer : wxModalDialogHook {
                bool typed = false;
                void find(wxWindow* w, wxDialog* d) {
                    for (wxWindow* c : w->GetChildren()) {
                        if (auto* box = dynamic_cast<wxComboBox*>(c)) {
                            box->SetValue(to_wx("Fondation Nouvelle Venue"));
                            typed = true;
                        } else if (auto* t = dynamic_cast<wxTextCtrl*>(c); t && t->IsMultiLine())
                            t->SetValue(to_wx("administratrice depuis 2021"));
                        find(c, d);
                    }
                }
                int Enter(wxDialog* d) override {
                    find(d, d);
                    return wxID_OK;
                }
                void Exit(wxDialog*) override {}
            } typer;
            typer.Register();
            declare_link_dialog(frame_, frame_->workbench());
            typer.Unregister();
            const auto& links = frame_->workbench().session->team().conflicts;
            check(typer.typed && std::any_of(links.begin(), links.end(),
                                             [](const ConflictDeclaration& c) { return c.organisme == "Fondation Nouvelle Venue"; }),
                  "coordonnateur : « Déclarer un lien d'intérêts » avec un organisme tapé, sans dossier encore : enregistré");
        }
        // The demo's ranking has a dossier awaiting arbitration: closing would
        // be refused (Session::close), so « Clore » is greyed out even for her.
        check(!frame_->workbench().session->ranking().pending.empty() && !menu_enabled(Action::CloseCampaign),
              "coordonnateur : « Clore » grisé tant qu'un dossier attend un arbitrage");
    }

    // The UPHV demo (Charente-Maritime): the Territoire view opens with the
    // ranking order's three units chosen (Territory.UphvAllocationAndVariantSideBySide);
    // a click on a candidate's symbol on the map adds it to the set and the
    // population beyond the access distance (30 km) changes at once; its
    // check box, unticked, takes it out again.
    void TerritoryFollowsAClick(wxUIActionSimulator& sim) {
        // Load() asks who is acting on a campaign with a team: the spy answers
        // (the first declared person; the view does not depend on the role).
        DialogSpy spy;
        spy.Register();
        frame_->Load(create_demo((dir_ / "uphv.cot").string(), "uphv"));
        spy.Unregister();
        frame_->ShowView(MainFrame::View::Territory);
        pump(1500);
        TerritoryPanel* t = frame_->territory_panel();
        check(t->candidates()->GetCount() >= 3 && t->chosen().size() == 3,
              "vue Territoire : " + std::to_string(t->candidates()->GetCount()) + " candidatures, " + std::to_string(t->chosen().size()) +
                  " choisies (ordre du classement)");
        // At the window's default size the allocation table shows its rows
        // (a new user's trial saw only its header: the rule that passed a
        // dossier over could not be read); the column beside the map scrolls.
        check(t->allocation()->GetItemCount() >= 3 && t->allocation()->GetSize().y >= 150,
              "vue Territoire à la taille par défaut : table de répartition de " + std::to_string(t->allocation()->GetSize().y) +
                  " px de haut pour " + std::to_string(t->allocation()->GetItemCount()) + " lignes");
        // Trial 7: the window labels what the committee file's map labels:
        // the 9 existing structures and the 6 ranked candidates (15, the
        // page's count), each wholly in the view and left of the legend's
        // column (map width W: W − 20 − min(330, 0,42 W) at scale 1).
        {
            const auto& labels = t->map()->labels();
            const wxSize view = t->map()->GetClientSize();
            const double ts = t->map()->map_data().text_scale, w = view.x;
            const double legend_x = w - 20 * ts - std::min(330 * ts, w * 0.42);
            bool inside = !labels.empty();
            std::string names;
            for (const auto& l : labels) {
                inside &= l.x0 >= 0 && l.x1 <= legend_x && l.y0 >= 0 && l.y1 <= view.y;
                names += (names.empty() ? "" : ", ") + l.text;
            }
            check(labels.size() == 15 && inside && names.find("Résidence La Guyarderie") != std::string::npos &&
                      names.find("Maison d'accueil Brumenard") != std::string::npos,
                  "vue Territoire : " + std::to_string(labels.size()) + " étiquettes sur la carte, comme la page du dossier de la commission, " +
                      "toutes à gauche de la légende (" + std::to_string(static_cast<int>(legend_x)) + " px) : " + names);
        }
        auto beyond = [&] {
            for (long r = 0; r < t->figures()->GetItemCount(); ++r)
                if (from_wx(t->figures()->GetItemText(r, 0)).rfind("Population au-delà", 0) == 0) return from_wx(t->figures()->GetItemText(r, 1));
            return std::string();
        };
        const std::string before = beyond();
        check(!before.empty(), "vue Territoire : population au-delà de la distance d'accès = " + before);
        if (t->chosen().empty()) return;
        // A real click on UPHV-2019-06's symbol (Les Remparts, passed over
        // by the capacity) adds it: 8 834 → 5 124 inhabitants beyond 30 km, as
        // `cotation couverture --csv --avec` gives for the three units alone and
        // with it (UPHV-2019-01,02,03 → 8834; with 06 → 5124).
        const std::string added = "UPHV-2019-06";
        wxPoint at(-100, -100);
        for (const auto& [ref, p] : t->map()->candidate_points())
            if (ref == added) at = p;
        sim.MouseMove(t->map()->ClientToScreen(at));
        pump(60);
        sim.MouseClick();
        pump(400);
        const std::string after = beyond();
        check(std::find(t->chosen().begin(), t->chosen().end(), added) != t->chosen().end() && before.rfind(std::string("8") + fr::kNbsp + "834 (", 0) == 0 &&
                  after.rfind(std::string("5") + fr::kNbsp + "124 (", 0) == 0,
              "clic sur le symbole de " + added + " : ajouté, population au-delà " + before + " → " + after + " (chiffres, répartition et carte en " +
                  std::to_string(t->last_update_ms()) + " ms)");
        // Its check box, unticked, takes it out again.
        for (unsigned i = 0; i < t->candidates()->GetCount(); ++i)
            if (from_wx(t->candidates()->GetString(i)).rfind(added, 0) == 0) {
                t->candidates()->Check(i, false);
                wxCommandEvent e(wxEVT_CHECKLISTBOX, t->candidates()->GetId());
                e.SetInt(static_cast<int>(i));
                e.SetEventObject(t->candidates());
                t->candidates()->GetEventHandler()->ProcessEvent(e);
            }
        pump(200);
        check(beyond() == before, "case décochée : population au-delà revenue à " + beyond());
    }
    // A campaign on the 0–10 test grid (tests/data/grille-0-10.xml): the
    // rating view offers eleven levels, and a click on 8 stores an 8 worth
    // 3 × 8 = 24 points on I.1 (coefficient 3).
    // Trial 15b F12: two windows side by side (940 px each) on a team
    // campaign; the instructor's rating form showed « Soumettre » and had
    // « Enregistrer » cut off at the panel's edge. Both buttons must be
    // wholly in what the window shows (each parent clips its children), one
    // beside or above the other, and a click on « Enregistrer » stores the
    // rating. (The demo is a team campaign: Claire Martin, instructor.)
    void InstructorsButtonsInAHalfScreenWindow(wxUIActionSimulator& sim) {
        ActAs("Claire Martin (ARS, DD 13)", "claire-essai");
        const std::string claire = "Claire Martin (ARS, DD 13)";
        Session& s = *frame_->workbench().session;
        std::optional<std::size_t> open;   // a dossier assigned to her she has not submitted
        for (std::size_t i = 0; i < s.dossiers().size() && !open; ++i) {
            const auto id = s.dossiers()[i].id;
            auto a = s.team().assignments.find(id);
            auto sub = s.team().submitted.find(id);
            if (a != s.team().assignments.end() && a->second.count(claire) &&
                (sub == s.team().submitted.end() || !sub->second.count(claire)))
                open = i;
        }
        if (!open) {   // the demo's instructors have submitted: the coordinator gives her one more
            ActAs(kCoordinator, "");
            Dossier d;
            d.reference = "ACT-2023-DEMI";
            d.organisme = "Association d'essai en demi-écran";
            d.facts["places"] = Rational(4);
            const std::int64_t id = s.add_dossier(d, kCoordinator);
            s.assign(id, claire, true, kCoordinator);
            ActAs(claire, "claire-essai");
            open = *s.find("ACT-2023-DEMI");
        }
        const wxSize size = frame_->GetSize();
        frame_->SetSize(wxSize(940, size.y));
        frame_->SelectDossier(*open);
        frame_->ShowView(MainFrame::View::Rating);
        pump(400);
        RatingPanel* panel = frame_->rating_panel();
        panel->criteria()->SetItemState(1, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);   // I.1
        pump(200);
        // What of a window the screen shows: its rectangle within each parent's client area.
        auto shown_part_of = [](wxWindow* w) {
            wxRect r = w->GetScreenRect();
            for (wxWindow* p = w->GetParent(); p; p = p->IsTopLevel() ? nullptr : p->GetParent())
                r.Intersect(wxRect(p->ClientToScreen(wxPoint(0, 0)), p->GetClientSize()));
            return r;
        };
        const wxRect save = panel->save()->GetScreenRect(), submit = panel->submit()->GetScreenRect();
        check(frame_->GetSize().x == 940 && panel->submit()->IsShownOnScreen() && panel->save()->IsShownOnScreen(),
              "demi-écran : fenêtre de " + std::to_string(frame_->GetSize().x) + " px, « Soumettre » et « Enregistrer » affichés");
        // Whole: at least the width their labels need (the old layout squeezed « Enregistrer » to nothing at the edge).
        const bool whole = save.GetWidth() >= panel->save()->GetBestSize().x && submit.GetWidth() >= panel->submit()->GetBestSize().x;
        check(whole && shown_part_of(panel->save()) == save && shown_part_of(panel->submit()) == submit && !save.Intersects(submit),
              "demi-écran : « Enregistrer » entier dans la fenêtre (x " + std::to_string(save.GetLeft()) + " à " +
                  std::to_string(save.GetRight()) + ", visible jusqu'à " + std::to_string(shown_part_of(panel->save()).GetRight()) +
                  "), « Soumettre » aussi, sans chevauchement");
        click(sim, panel->level(2));
        const SaveOutcome spy = SaveRating(sim, panel, "Saisie en demi-ecran");
        const Rating* stored = nullptr;
        for (const Rating* r : s.ratings_of(s.dossiers()[*open].id))
            if (r->criterion == "I.1" && r->reviewer == claire) stored = r;
        check(spy.seen == 0 && stored && stored->value == 2 && stored->justification == "Saisie en demi-ecran",
              "demi-écran : un clic sur « Enregistrer » enregistre I.1 = 2 (« " + spy.message + " »)");
        frame_->SetSize(size);
        pump(300);
    }

    // What a click on « Enregistrer » led to: the message boxes it opened.
    struct SaveOutcome {
        int seen = 0;
        std::string message;
    };

    // Types the justification of the level chosen and clicks « Enregistrer »,
    // as a reviewer does; a refusal would open a message box: the spy reads
    // it rather than wait.
    SaveOutcome SaveRating(wxUIActionSimulator& sim, RatingPanel* panel, const char* justification) {
        panel->justification()->Clear();
        click(sim, panel->justification());
        sim.Text(justification);
        pump(300);
        DialogSpy spy;
        spy.answer = wxID_OK;
        spy.Register();
        click(sim, panel->save());
        pump(400);
        spy.Unregister();
        return {spy.seen, spy.message};
    }

    // Trial 15c F7: the « Dossier » tab gave an instructor who has not
    // submitted the total and rank that the list and the ranking mask. It says
    // « total masqué » and why, as the ranking does; the coordinator, who
    // reads everything, still sees « N / 300 points, rang R ».
    void DossierTabMasksWhatTheReaderMayNotRead() {
        Session& s = *frame_->workbench().session;
        const std::string claire = "Claire Martin (ARS, DD 13)";
        auto verdict_of = [&](std::size_t i) {
            frame_->SelectDossier(i);
            frame_->ShowView(MainFrame::View::Dossier);
            pump(300);
            return from_wx(frame_->page_as<DossierPanel>(MainFrame::View::Dossier)->verdict()->GetLabel());
        };
        ActAs(claire, "claire-essai");
        std::optional<std::size_t> hidden;   // a ranked dossier whose others' ratings she may not read
        for (std::size_t i = 0; i < s.dossiers().size() && !hidden; ++i) {
            const RankEntry* e = s.entry_of(i);
            if (e && e->rank && !s.reading(s.dossiers()[i].id).others) hidden = i;
        }
        if (!hidden) {
            // A dossier nobody rated is no longer ranked (trial 13c F4): the one
            // imported above (ACT-2023-99), which Claire may not read, says
            // « non noté » without total nor rank, to her and to the coordinator.
            // No dossier comes in after the decisions: it went into the demo at
            // the instruction stage (ImportNoticeShown), read here, then left.
            auto unrated_in = [](Session& in) {
                std::optional<std::size_t> found;
                for (std::size_t i = 0; i < in.dossiers().size() && !found; ++i)
                    if (const RankEntry* e = in.entry_of(i); e && e->proposal == Proposal::Unrated) found = i;
                return found;
            };
            std::optional<std::size_t> unrated = unrated_in(s);
            std::string back;
            if (!unrated && std::filesystem::exists(dir_ / "instruction.cot")) {
                back = s.path();
                DialogSpy spy;
                spy.Register();
                frame_->Load(Session::open((dir_ / "instruction.cot").string()));
                spy.Unregister();
                ActAs(claire, "claire-essai");
                unrated = unrated_in(*frame_->workbench().session);
            }
            check(unrated.has_value(), "onglet Dossier : un dossier classé ou non noté que Claire Martin ne peut pas lire");
            auto leave = [&] {
                if (back.empty()) return;
                DialogSpy spy;
                spy.Register();
                frame_->Load(Session::open(back));
                spy.Unregister();
            };
            if (!unrated) {
                leave();
                ActAs(claire, "claire-essai");
                return;
            }
            for (const char* who : {"claire", "coordination"}) {
                if (std::string(who) == "coordination") ActAs(kCoordinator, "");
                const std::string seen = verdict_of(*unrated);
                check(seen.find("non noté, hors classement") != std::string::npos && seen.find("points") == std::string::npos &&
                          seen.find("rang ") == std::string::npos,
                      std::string("onglet Dossier d'un dossier non noté (") + who + ") : ni total ni rang (« " + seen + " »)");
            }
            leave();
            ActAs(claire, "claire-essai");
            pump(200);
            return;
        }
        const std::string why = s.reading(s.dossiers()[*hidden].id).why;
        const std::string seen = verdict_of(*hidden);
        check(seen.find("total masqué — " + why) != std::string::npos && seen.find("points") == std::string::npos &&
                  seen.find("rang ") == std::string::npos,
              "onglet Dossier d'une instructrice qui n'a pas soumis : ni total ni rang (« " + seen + " »)");
        ActAs(kCoordinator, "");
        const std::string full = verdict_of(*hidden);
        check(full.find(" / " + fr::number(s.grid().max_total()) + " points, rang ") != std::string::npos,
              "onglet Dossier de la coordonnatrice : total et rang (« " + full + " »)");
        ActAs(claire, "claire-essai");
        pump(200);
    }

    void RateOnAZeroToTenGrid(wxUIActionSimulator& sim) {
        NewCampaign nc;
        nc.reference = "essai 0-10";
        auto session = Session::create((dir_ / "essai-0-10.cot").string(),
                                       std::string(COTATION_TEST_SOURCE_DIR) + "/tests/data/grille-0-10.xml", nc, "test");
        Dossier d;
        d.reference = "E-1";
        d.organisme = "Organisme d'essai";
        d.facts["places"] = Rational(5);
        session->add_dossier(d, "test");
        // The « Évaluateur » field keeps what was typed across Load (its
        // wxEVT_TEXT, sent while the box is refilled, used to empty it).
        frame_->SetReviewer("Claire Martin");
        frame_->Load(std::move(session));
        check(from_wx(frame_->reviewer_box()->GetValue()) == "Claire Martin" && frame_->workbench().reviewer == "Claire Martin",
              "champ Évaluateur après Load : « " + from_wx(frame_->reviewer_box()->GetValue()) + " », évaluateur « " +
                  frame_->workbench().reviewer + " »");
        frame_->SelectDossier(0);
        // A campaign from scratch has no committee member, no instructor and
        // no meeting: what a click would refuse is greyed out (review of issue 12, M2).
        frame_->UpdateActions();
        auto greyed = [&](Action a) {
            wxWindow* w = frame_->FindWindow(action_id(a));
            return w && !w->IsEnabled();
        };
        check(greyed(Action::RecordMeeting) && greyed(Action::AddObservation) && greyed(Action::AssignDossier),
              "campagne sans équipe : « Enregistrer la séance… », « Ajouter une observation… », « Affecter un dossier… » grisés");
        frame_->ShowView(MainFrame::View::Rating);
        pump(300);
        RatingPanel* panel = frame_->rating_panel();
        panel->criteria()->SetItemState(1, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
        pump(200);
        check(panel->level_count() == 11 && from_wx(panel->level(8)->GetLabel()) == "8 — Très bon" &&
                  from_wx(panel->level(10)->GetLabel()) == "10 — Projet exemplaire, reproductible ailleurs",
              "grille 0 à 10 : " + std::to_string(panel->level_count()) + " niveaux, le 8 « " +
                  from_wx(panel->level(8)->GetLabel()) + " »");
        // In a 1280 × 800 window, 11 levels pushed « Enregistrer la note » out
        // of sight with no way to reach it (trial of issue 12, M2): the form
        // scrolls, or shows the button whole.
        {
            const wxSize was = frame_->GetSize();
            frame_->SetSize(wxSize(1280, 800));
            pump(300);
            wxWindow* save = frame_->FindWindow(action_id(Action::SaveRating));
            auto* form = save ? dynamic_cast<wxScrolledWindow*>(save->GetParent()) : nullptr;
            const bool shown = form && save->GetPosition().y >= 0 &&
                               save->GetPosition().y + save->GetSize().y <= form->GetClientSize().y;
            const bool scrolls = form && form->GetVirtualSize().y > form->GetClientSize().y;
            check(form && (shown || scrolls), "grille 0 à 10, fenêtre 1280 × 800 : « Enregistrer la note » visible ou atteignable "
                                              "en faisant défiler le formulaire");
            frame_->SetSize(was);
            pump(300);
        }
        click(sim, panel->level(8));
        check(panel->chosen_level() == 8, "grille 0 à 10 : clic sur le niveau 8 (lu : " + std::to_string(panel->chosen_level()) + ")");
        const SaveOutcome spy = SaveRating(sim, panel, "Projet solide");
        check(spy.seen == 0, "grille 0 à 10 : enregistrée sans message (« " + spy.message + " »)");
        Session& s = *frame_->workbench().session;
        auto rs = s.ratings_of(s.dossiers()[0].id);
        check(rs.size() == 1 && rs[0]->value == 8 && rs[0]->criterion == "I.1" && s.entry_of(0)->score.total == Rational(24),
              "grille 0 à 10 : note 8 enregistrée sur I.1, 24 points (lu : " +
                  (rs.empty() ? std::string("aucune note") : std::to_string(rs[0]->value)) + ")");
        // The grid editor follows the grid's scale too: one descriptor per
        // level from « Niveau 0 » to « Niveau 10 », none beyond.
        DialogSpy editor;
        editor.Register();
        ShowGridEditor(frame_, frame_->workbench(), s.grid(), true);
        editor.Unregister();
        auto has = [&](const std::string& l) { return std::find(editor.labels.begin(), editor.labels.end(), l) != editor.labels.end(); };
        check(editor.seen == 1 && has("Niveau 0") && has("Niveau 10") && !has("Niveau 11"),
              "éditeur de grille 0 à 10 : niveaux 0 à 10 (" + std::to_string(editor.labels.size()) + " libellés)");
    }

    // Another workstation rates the 0–10 campaign's dossier on the same file:
    // the window's poll sees it and its views show it (I.1 at 10: 24 -> 30
    // points, coefficient 3 as RateOnAZeroToTenGrid found); its own rating,
    // notified to the hub, was not taken for another's.
    void AnotherPersonsChangeRefreshesTheViews() {
        check(!poll_campaign(frame_), "rafraîchissement : la note saisie dans la fenêtre n'est pas celle d'une autre personne");
        auto other = open_sqlite_store((dir_ / "essai-0-10.cot").string());
        auto snap = other->load();
        other->put_ratings({{snap.dossiers.at(0).id, "Claire Martin", "I.1", 10, "Revu depuis un autre poste"}}, "Béa Autreposte");
        const int list_refreshes = frame_->refreshes(MainFrame::View::List);
        check(poll_campaign(frame_), "rafraîchissement : la note d'un autre poste est vue");
        pump(200);
        Session& s = *frame_->workbench().session;
        check(s.entry_of(0) && s.entry_of(0)->score.total == Rational(30),
              "rafraîchissement : la session relue donne 30 points (lu : " +
                  (s.entry_of(0) ? fr::number(s.entry_of(0)->score.total) : std::string("aucun")) + ")");
        frame_->ShowView(MainFrame::View::List);
        pump(200);
        check(frame_->refreshes(MainFrame::View::List) > list_refreshes &&
                  from_wx(frame_->dossier_list()->GetItemText(0, 7)) == "30",
              "rafraîchissement : vue Dossiers à 30 points (lu : « " + from_wx(frame_->dossier_list()->GetItemText(0, 7)) + " »)");
        check(!poll_campaign(frame_), "rafraîchissement : une seule fois par changement");
    }

    // Trial 15b F3 and F12: Claire types 7 and a justification over her I.1
    // (10, « Revu depuis un autre poste », as the previous step left it) and
    // does not save. Another criterion shown, then a dossier added and her
    // I.1 changed to 4 from another workstation: the window re-reads the
    // campaign each time, and her typing is still there, said as a draft, the
    // change named. Her first save is refused naming the 4; the second,
    // knowingly, stores her 7.
    void UnsavedTypingSurvivesAnotherPersonsChange(wxUIActionSimulator& sim) {
        frame_->SelectDossier(0);
        frame_->ShowView(MainFrame::View::Rating);
        pump(300);
        RatingPanel* panel = frame_->rating_panel();
        const std::size_t drafts = panel->draft_count();   // the ACT demo's steps may have left theirs
        panel->criteria()->SetItemState(1, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);   // I.1
        pump(200);
        click(sim, panel->level(7));
        panel->justification()->ChangeValue(to_wx("Brouillon de Claire, pas encore enregistré"));
        pump(100);
        panel->criteria()->SetItemState(2, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);   // I.2
        pump(200);
        panel->criteria()->SetItemState(1, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);   // back to I.1
        pump(200);
        auto typing_kept = [&] {
            return panel->chosen_level() == 7 && from_wx(panel->justification()->GetValue()) == "Brouillon de Claire, pas encore enregistré";
        };
        // Trial 15b F12: in a half-screen window the save button stays in sight.
        const wxSize size = frame_->GetSize();
        frame_->SetSize(wxSize(940, size.y));
        panel->submit()->Show();   // as an instructor sees it (this campaign has no team): both buttons
        panel->Layout();
        pump(300);
        // The notebook page may be wider than the window (its minimum size): the frame's own rectangle is what is seen.
        const wxRect view = frame_->GetScreenRect(), button = panel->save()->GetScreenRect();
        check(panel->save()->IsShownOnScreen() && view.Contains(button),
              "fenêtre de 940 px : « Enregistrer la note » dans la fenêtre (bouton jusqu'à x " + std::to_string(button.GetRight()) +
                  ", fenêtre jusqu'à " + std::to_string(view.GetRight()) + ")");
        panel->submit()->Hide();
        frame_->SetSize(size);
        pump(300);
        check(typing_kept() && panel->draft_count() == drafts + 1, "brouillon : revenu à I.1 après I.2, la saisie 7 est conservée (niveau lu : " +
                                                             std::to_string(panel->chosen_level()) + ")");
        auto other = open_sqlite_store((dir_ / "essai-0-10.cot").string());
        Dossier e2;
        e2.reference = "E-2";
        e2.organisme = "Autre organisme";
        other->add_dossiers({e2}, "Béa Autreposte");
        check(poll_campaign(frame_), "brouillon : l'ajout d'un dossier par un autre poste est vu");
        pump(300);
        check(typing_kept() && from_wx(panel->draft_note()->GetLabel()).find("Saisie non enregistrée, conservée") != std::string::npos,
              "brouillon : après la relecture de la campagne, la saisie est toujours là et dite (« " +
                  from_wx(panel->draft_note()->GetLabel()) + " »)");
        auto snap = other->load();
        other->put_ratings({{snap.dossiers.at(0).id, "Claire Martin", "I.1", 4, "Corrigé par la coordination"}}, "Béa Autreposte");
        check(poll_campaign(frame_), "brouillon : la note changée par un autre poste est vue");
        pump(300);
        std::string note = from_wx(panel->draft_note()->GetLabel());
        std::replace(note.begin(), note.end(), '\n', ' ');   // wrapped to the column
        check(typing_kept() && note.find("maintenant 4 — Corrigé par la coordination") != std::string::npos,
              "brouillon : la saisie reste, la note enregistrée depuis est nommée (« " + note + " »)");
        DialogSpy refused;
        refused.answer = wxID_OK;
        refused.Register();
        click(sim, panel->save());
        pump(300);
        refused.Unregister();
        Session& s = *frame_->workbench().session;
        auto value_of_i1 = [&] {
            for (const Rating* r : s.ratings_of(s.dossiers()[0].id))
                if (r->criterion == "I.1") return r->value;
            return -1;
        };
        check(refused.seen == 1 && refused.message.find("maintenant 4") != std::string::npos && value_of_i1() == 4 && typing_kept(),
              "brouillon : le premier enregistrement est refusé en nommant le 4, la saisie reste (message « " + refused.message + " »)");
        DialogSpy second;
        second.Register();
        click(sim, panel->save());
        pump(300);
        second.Unregister();
        check(second.seen == 0 && value_of_i1() == 7 && panel->draft_count() == drafts,
              "brouillon : le second enregistrement, en connaissance de cause, donne 7 (lu : " + std::to_string(value_of_i1()) +
                  ", message « " + second.message + " »)");
    }

    // Trial 15c F2 and F8: « Modifier le dossier… » open on E-1 (5 places,
    // as RateOnAZeroToTenGrid made it; no filing date, no piece) while another
    // workstation, on the same file, sets its places to 10 (the field Claire
    // changes to 7), its filing date to 28/04/2023 (a field she leaves) and
    // receives its piece « budget ». Her OK is refused naming the field as
    // the form labels it (« Capacité demandée », the grid's built-in label),
    // both values and who; the form keeps her 7 and shows the other's date.
    // Her second OK stores her 7 and keeps the other's date and piece. (It
    // crashed on a pointer into the re-read campaign; then a copy of the
    // dossier as opened took back the piece and the date.)
    void DossierFormConflictKeepsBothChanges() {
        poll_campaign(frame_);
        pump(200);
        const std::string file = (dir_ / "essai-0-10.cot").string();
        struct Driver : wxModalDialogHook {
            std::function<void(wxDialog*)> act;
            int Enter(wxDialog* dialog) override {
                dialog->CallAfter([this, dialog] { act(dialog); });
                return wxID_NONE;   // shown: its own OK handler runs
            }
            void Exit(wxDialog*) override {}
        } driver;
        std::string refused, places_after_refusal, date_after_refusal, still_open;
        driver.act = [&](wxDialog* dialog) {
            auto text = [&](const char* name) { return dynamic_cast<wxTextCtrl*>(dialog->FindWindow(name)); };
            auto ok = [&] {
                wxCommandEvent click(wxEVT_BUTTON, wxID_OK);
                click.SetEventObject(dialog->FindWindow(wxID_OK));
                dialog->GetEventHandler()->ProcessEvent(click);
            };
            if (!text("places") || !text("date_depot")) {
                dialog->EndModal(wxID_CANCEL);
                return;
            }
            text("places")->ChangeValue("7");
            auto other = open_sqlite_store(file);
            Dossier before = other->load().dossiers.at(0), after = before;
            after.facts["places"] = Rational(10);
            after.facts["date_depot"] = *Date::parse("2023-04-28");
            after.documents.insert("budget");
            other->update_dossier(before, after, "Béa Autreposte");
            ok();
            if (auto* e = dynamic_cast<wxStaticText*>(dialog->FindWindow("erreurs"))) refused = from_wx(e->GetLabel());
            std::replace(refused.begin(), refused.end(), '\n', ' ');   // wrapped to the dialog
            places_after_refusal = from_wx(text("places")->GetValue());
            date_after_refusal = from_wx(text("date_depot")->GetValue());
            still_open = dialog->IsModal() ? "ouvert" : "fermé";
            ok();   // knowingly
            if (dialog->IsModal()) dialog->EndModal(wxID_CANCEL);
        };
        driver.Register();
        const bool saved = edit_dossier_dialog(frame_, frame_->workbench(), frame_->workbench().dossier());
        driver.Unregister();
        check(refused.find("rien n'a été enregistré") != std::string::npos &&
                  refused.find("Béa Autreposte : « Capacité demandée » du dossier E-1 : 5\u00A0places → 10\u00A0places") != std::string::npos &&
                  refused.find("« Date de dépôt » du dossier E-1 : non renseigné → 28/04/2023") != std::string::npos &&
                  refused.find("pièce « budget » du dossier E-1 : manquante → reçue") != std::string::npos &&
                  refused.find("dossier.fait") == std::string::npos && still_open == "ouvert",
              "fiche dossier en conflit : le premier OK est refusé en nommant le champ, les valeurs et qui (« " + refused + " »)");
        check(places_after_refusal == "7" && date_after_refusal == "28/04/2023",
              "fiche dossier en conflit : la saisie 7 reste, la date enregistrée par l'autre poste est reprise (lu : " +
                  places_after_refusal + ", « " + date_after_refusal + " »)");
        const Dossier stored = open_sqlite_store(file)->load().dossiers.at(0);
        auto places = stored.facts.find("places");
        auto date = stored.facts.find("date_depot");
        check(saved && places != stored.facts.end() && to_canonical(places->second) == "7" && date != stored.facts.end() &&
                  to_canonical(date->second) == "2023-04-28" && stored.documents.count("budget") == 1,
              "fiche dossier en conflit : le second OK enregistre 7 et garde la date et la pièce de l'autre poste (places " +
                  (places != stored.facts.end() ? to_canonical(places->second) : std::string("?")) + ", " +
                  fr::plural(static_cast<long long>(stored.documents.size()), "pièce") + ")");
        frame_->workbench().changed(Change::Dossier);
        pump(200);
    }

    // The 0–10 campaign (no team, nothing to arbitrate) closed through its
    // action, the motive dialog answered with its default text: whatever
    // writes is greyed out, « Rouvrir » and the letters are not.
    void ClosedCampaignGreysWrites() {
        auto menu_enabled = [&](Action a) { return frame_->GetMenuBar()->IsEnabled(action_id(a)); };
        auto button_enabled = [&](Action a) {
            wxWindow* w = frame_->FindWindow(action_id(a));
            return w && w->IsEnabled();
        };
        frame_->UpdateActions();
        check(menu_enabled(Action::CloseCampaign) && !menu_enabled(Action::ReopenCampaign) && button_enabled(Action::SaveRating),
              "campagne ouverte : « Clore » et « Enregistrer la note » actifs, « Rouvrir » grisé");
        // A dossier nobody rated holds the closing until it is decided (trial
        // 13H: it got no letter); decided « non retenu », motivated, first.
        {
            Session& s = *frame_->workbench().session;
            std::vector<std::int64_t> unrated;
            for (const auto& e : s.ranking().pending)
                if (e.proposal == Proposal::Unrated && !s.decisions().count(s.dossiers()[e.dossier].id))
                    unrated.push_back(s.dossiers()[e.dossier].id);
            std::string refused;
            for (auto id : unrated) {
                Decision d;
                d.kind = DecisionKind::NotRetained;
                d.motive = "Dossier que personne n'a noté.";
                d.departure_reason = "Reçu après la répartition des évaluations.";
                d.date = s.letter_date();
                try {
                    s.decide(id, d, "essai");
                } catch (const std::exception& x) {
                    refused = x.what();
                }
            }
            check(refused.empty(), "dossiers non notés décidés « non retenu » avant la clôture (" +
                                       fr::plural(static_cast<long long>(unrated.size()), "dossier") +
                                       (refused.empty() ? "" : ", refus : " + refused) + ")");
            frame_->workbench().changed(Change::Decision);
            pump(100);
        }
        DialogSpy ok;
        ok.answer = wxID_OK;
        ok.Register();
        frame_->ProcessCommand(action_id(Action::CloseCampaign));
        ok.Unregister();
        pump(200);
        frame_->UpdateActions();
        check(frame_->workbench().session->closed(), "campagne close par l'action « Clore la campagne » (dialogues : " +
                                                          std::to_string(ok.seen) + ", message « " + ok.message + " »)");
        check(!menu_enabled(Action::NewDossier) && !menu_enabled(Action::EditGrid) && !menu_enabled(Action::ImportDossiers) &&
                  !menu_enabled(Action::CloseCampaign) && !button_enabled(Action::SaveRating) && !button_enabled(Action::EditDossier) &&
                  !button_enabled(Action::AddPerson) && menu_enabled(Action::ReopenCampaign) && menu_enabled(Action::Letters),
              "campagne close : écritures grisées, « Rouvrir » et « Lettres » actifs");
    }

    // ACT-2023-08 (ineligible) has no rating in the demo (demo/act-hlm/notes.csv):
    // its criteria show no level chosen, and a save without one is refused.
    void CheckNoRatingChosen(wxUIActionSimulator& sim) {
        Session& s = *frame_->workbench().session;
        std::size_t i = *s.find("ACT-2023-08");
        check(s.ratings_of(s.dossiers()[i].id).empty(), "démo : ACT-2023-08 sans aucune note");
        // Nobody is assigned to it in the demo: the coordinator assigns it to
        // Claire Martin, or her save button is (rightly) greyed out.
        // (from the coordinator's account, this one; the window stays Claire's)
        Session::simulate_os_login(std::nullopt);
        s.assign(s.dossiers()[i].id, "Claire Martin (ARS, DD 13)", true, kCoordinator);
        Session::simulate_os_login(std::string("claire-essai"));
        frame_->workbench().changed(Change::Team);
        frame_->SelectDossier(i);
        frame_->ShowView(MainFrame::View::Rating);
        pump(300);
        RatingPanel* panel = frame_->rating_panel();
        panel->criteria()->SetItemState(1, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
        pump(200);
        bool none = panel->chosen_level() == -1;
        for (int l = 0; l <= 5; ++l) none = none && !panel->level(l)->GetValue();
        check(none, "critère non noté : aucun niveau présélectionné (lu : " + std::to_string(panel->chosen_level()) + ")");
        panel->justification()->Clear();
        click(sim, panel->justification());
        sim.Text("Sans note");
        pump(300);
        DialogSpy spy;
        spy.answer = wxID_OK;
        spy.Register();
        click(sim, panel->save());
        pump(300);
        spy.Unregister();
        check(s.ratings_of(s.dossiers()[i].id).empty() && spy.message.find("Aucune note choisie pour le critère I.1") != std::string::npos,
              "enregistrer sans niveau choisi : refusé (« " + spy.message + " »)");
    }

    // Stock buttons come from wxWidgets' French catalog, without a fr_FR locale.
    void CheckFrenchStockButtons() {
        check(french_, "catalogue français de wxWidgets chargé (paquet wx3.2-i18n)");
        std::string open = from_wx(wxGetStockLabel(wxID_OPEN, wxSTOCK_NOFLAGS));
        check(open.rfind("Ouvrir", 0) == 0, "libellé standard de wxID_OPEN : « " + open + " »");
        DialogSpy spy;
        spy.Register();
        edit_dossier_dialog(frame_, frame_->workbench(), nullptr);
        spy.Unregister();
        // What the screen shows: GTK draws stock buttons from its own table.
        check(detail::gtk_stock_label("gtk-cancel") == "_Annuler" && detail::gtk_stock_label("gtk-yes") == "_Oui" &&
                  detail::gtk_stock_label("gtk-open") == "_Ouvrir" && detail::gtk_stock_label("gtk-ok") == "_OK",
              "boutons GTK : « " + detail::gtk_stock_label("gtk-cancel") + " », « " + detail::gtk_stock_label("gtk-yes") + " », « " +
                  detail::gtk_stock_label("gtk-open") + " », « " + detail::gtk_stock_label("gtk-ok") + " »");
        check(spy.seen == 1 && spy.cancel_label == "Annuler",
              "boutons du dialogue « Nouveau dossier » : « " + spy.cancel_label + " », « " + spy.ok_label + " »");
    }

    // Trial 13c F6: a campaign changed in raw SQL opened in the window without
    // a word, where `rank` warns. A copy of the demo, one rating changed as the
    // trial did (I.1 set to 5; the demo's ACT-2023-06 has I.1 = 3): the banner at
    // the top says what `rank` says, in the refused colour; the intact demo, nothing.
    void OutsideChangeSaidInTheBanner() {
        const std::string copy = (dir_ / "alteree.cot").string();
        sqlite3* db = nullptr;
        bool altered = sqlite3_open((dir_ / "demo.cot").string().c_str(), &db) == SQLITE_OK &&
                       sqlite3_exec(db, ("VACUUM INTO '" + copy + "'").c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
        sqlite3_close(db);
        altered = altered && sqlite3_open(copy.c_str(), &db) == SQLITE_OK &&
                  sqlite3_exec(db, "UPDATE rating SET value = 5 WHERE criterion = 'I.1'", nullptr, nullptr, nullptr) == SQLITE_OK &&
                  sqlite3_changes(db) > 0;
        sqlite3_close(db);
        check(altered, "campagne altérée : copie de la démo, I.1 mis à 5 en SQL");
        DialogSpy spy;   // nothing modal expected; never a blocked test
        spy.Register();
        frame_->Load(Session::open(copy));
        pump(200);
        spy.Unregister();
        std::string shown;
        for (wxWindow* w : frame_->outside_bar()->GetChildren())
            if (auto* t = dynamic_cast<wxStaticText*>(w)) shown += from_wx(t->GetLabelText());
        // The bar wraps its text to its width: compared word for word.
        auto words = [](const std::string& t) {
            std::string w;
            for (char c : t) {
                const bool space = std::isspace(static_cast<unsigned char>(c));
                if (!space) w += c;
                else if (!w.empty() && w.back() != ' ') w += ' ';
            }
            return w;
        };
        const std::string expected = words(frame_->workbench().session->outside_change_warning());
        check(frame_->outside_bar()->IsShown() &&
                  shown.find("ATTENTION : la campagne a été modifiée hors de Cotation") != std::string::npos &&
                  shown.find("table rating") != std::string::npos && shown.find("I.1") != std::string::npos &&
                  words(shown) == expected,
              "campagne altérée : le bandeau dit ce que dit rank (lu : « " + shown + " »)");
        check(frame_->outside_bar()->GetForegroundColour() == colour(Colour::Refused),
              "campagne altérée : bandeau dans la couleur du refus");
        frame_->Load(Session::open((dir_ / "demo.cot").string()));
        pump(200);
        check(!frame_->outside_bar()->IsShown(), "campagne intacte rouverte : pas de bandeau d'altération");
    }

    // « Demander les pièces manquantes… » has a date field (today by default),
    // as the command line's --date: what is typed there is the request's date.
    void CheckPiecesRequestDate() {
        struct TypeDate : wxModalDialogHook {
            std::string shown;
            int Enter(wxDialog* dialog) override {
                auto* field = dynamic_cast<wxTextCtrl*>(dialog->FindWindow("date_demande"));
                if (!field) return wxID_CANCEL;
                shown = from_wx(field->GetValue());
                field->SetValue("02/12/2019");
                return wxID_OK;
            }
            void Exit(wxDialog*) override {}
        } hook;
        hook.Register();
        auto typed = ask_request_date(frame_, "Dossier « X » : essai", "30/11/2026");
        hook.Unregister();
        check(hook.shown == "30/11/2026" && typed && *typed == "02/12/2019",
              "demande de pièces : champ de date proposé « " + hook.shown + " », rendu « " + (typed ? *typed : "(aucun)") + " »");
    }

    // Issue 11 note: the window had no reception date for requested pieces
    // (`pieces --recues … --date`). Ticking one while a request awaits asks
    // for the date and, when late, the motive that admits it.
    void CheckPiecesReceptionDate() {
        struct TypeReception : wxModalDialogHook {
            std::string shown;
            int Enter(wxDialog* dialog) override {
                auto* date = dynamic_cast<wxTextCtrl*>(dialog->FindWindow("date_reception"));
                auto* motive = dynamic_cast<wxTextCtrl*>(dialog->FindWindow("motif_reception"));
                if (!date || !motive) return wxID_CANCEL;
                shown = from_wx(date->GetValue());
                date->SetValue("21/05/2023");
                motive->SetValue(to_wx("Envoi posté le 16/05/2023"));
                return wxID_OK;
            }
            void Exit(wxDialog*) override {}
        } hook;
        hook.Register();
        auto typed = ask_reception(frame_, "Dossier « X » : essai", "30/11/2026");
        hook.Unregister();
        check(hook.shown == "30/11/2026" && typed && typed->date == "21/05/2023" && typed->motive == "Envoi posté le 16/05/2023",
              "réception de pièces : date proposée « " + hook.shown + " », rendue « " + (typed ? typed->date : "(aucune)") + " »");
    }

    // Every view at the window's size: no label narrower than its text. The
    // Procédure and Commission views (procedure_panel.cpp) are another
    // engineer's: not checked here until their headings use layout.h.
    void CheckHeadingsWhole() {
        const MainFrame::View views[] = {MainFrame::View::List,    MainFrame::View::Dossier,       MainFrame::View::Rating,
                                         MainFrame::View::Ranking, MainFrame::View::Consolidation, MainFrame::View::Journal,
                                         MainFrame::View::Team,    MainFrame::View::Decisions,     MainFrame::View::Procedure,
                                         MainFrame::View::Committee};
        frame_->SelectDossier(*frame_->workbench().session->find("ACT-2023-05"));
        for (auto v : views) {
            frame_->ShowView(v);
            pump(250);
            std::vector<std::string> cut;
            find_cut_labels(frame_, cut);
            std::string all;
            for (const auto& c : cut) all += "\n    " + c;
            check(cut.empty(), "vue n° " + std::to_string(static_cast<int>(v)) + " : aucun libellé coupé" + all);
        }
    }

    // Trial 15d F1: an exception out of an event handler (the lost server's
    // error, or one of no known type) ended an instructor's window
    // (« Unhandled unknown exception »). Delivered as GTK delivers a click
    // (HandleWindowEvent: SafelyProcessEvent), each is said in French in a
    // box and the window goes on.
    void AnExceptionOutOfAHandlerIsSaidAndTheWindowGoesOn() {
        auto* button = new wxButton(frame_, wxID_ANY, "essai");
        int clicks = 0;
        button->Bind(wxEVT_BUTTON, [&clicks](wxCommandEvent&) {
            if (++clicks == 1) throw Error("La connexion au serveur de la campagne partagée « essai » a été perdue.");
            throw 42;   // no std::exception
        });
        for (const char* said : {"a été perdue", "erreur d'un type inconnu"}) {
            DialogSpy spy;
            spy.answer = wxID_OK;
            spy.Register();
            wxCommandEvent click(wxEVT_BUTTON, button->GetId());
            click.SetEventObject(button);
            button->HandleWindowEvent(click);
            spy.Unregister();
            const bool said_in_french = spy.message.find("L'opération en cours s'est interrompue") != std::string::npos &&
                                        spy.message.find(said) != std::string::npos &&
                                        spy.message.find("L'atelier reste ouvert") != std::string::npos;
            check(spy.seen == 1 && said_in_french, std::string("exception hors d'un gestionnaire : dite en français (« ") + said +
                                                       " »), l'atelier continue (lu : « " + spy.message + " »)");
        }
        button->Destroy();
        pump(100);
        check(clicks == 2 && frame_->IsShown(), "après deux exceptions, la fenêtre est toujours là");
    }

    bool french_ = false;
    MainFrame* frame_ = nullptr;
    std::filesystem::path dir_;
};

wxIMPLEMENT_APP_NO_MAIN(GuiTestApp);

int main(int argc, char** argv) { return wxEntry(argc, argv); }
