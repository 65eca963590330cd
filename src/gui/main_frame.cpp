#include "main_frame.h"

#include <wx/infobar.h>

#include <Poco/Exception.h>


#include "colours.h"
#include "committee_panel.h"
#include "core/error.h"
#include "core/french.h"
#include "decision_panel.h"
#include "documents_dialog.h"
#include "procedure_panel.h"
#include "shared_campaign.h"
#include "store/open_store.h"
#include "team_panel.h"
#include "territory_panel.h"
#include "wx_text.h"

namespace cotation::gui {

void show_error(wxWindow* parent, const std::exception& e) {
    wxMessageBox(to_wx(e.what()), to_wx("Cotation — erreur"), wxOK | wxICON_ERROR, parent);
}

std::string unexpected_exception_text() {
    std::string what;
    try {
        throw;
    } catch (const Poco::Exception& e) {   // its what() is only its class's name
        what = e.displayText();
    } catch (const std::exception& e) {
        what = e.what();
    } catch (...) {
        what = "erreur d'un type inconnu";
    }
    return "L'opération en cours s'est interrompue : " + what +
           "\n\nL'atelier reste ouvert. Une modification s'enregistre en entier ou pas du tout : vérifiez dans la vue "
           "concernée si la vôtre l'a été, et recommencez-la sinon. Si la campagne est partagée sur un serveur injoignable, "
           "les vues seront relues dès qu'il répondra.";
}

bool report_unexpected_exception() {
    const std::string text = unexpected_exception_text();
    wxWindow* parent = wxGetActiveWindow();
    if (!parent && wxTheApp) parent = wxTheApp->GetTopWindow();
    wxMessageBox(to_wx(text), to_wx("Cotation — erreur inattendue"), wxOK | wxICON_ERROR, parent);
    return true;
}

ProcedurePanel* MainFrame::procedure_panel() const { return page_as<ProcedurePanel>(View::Procedure); }
CommitteePanel* MainFrame::committee_panel() const { return page_as<CommitteePanel>(View::Committee); }
DecisionPanel* MainFrame::decision_panel() const { return page_as<DecisionPanel>(View::Decisions); }
TerritoryPanel* MainFrame::territory_panel() const { return page_as<TerritoryPanel>(View::Territory); }
TeamPanel* MainFrame::team_panel() const { return page_as<TeamPanel>(View::Team); }

MainFrame::MainFrame(std::unique_ptr<Session> session, const std::string& reviewer)
    : wxFrame(nullptr, wxID_ANY, to_wx("Cotation"), wxDefaultPosition, wxSize(1280, 800)) {
    BuildMenus();
    CreateStatusBar(3);
    int widths[] = {-3, -2, -3};
    SetStatusWidths(3, widths);

    auto* root = new wxPanel(this);
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(new wxStaticText(root, wxID_ANY, to_wx("Évaluateur :")), wxSizerFlags().CenterVertical().Border(wxRIGHT, 6));
    reviewer_ = new wxComboBox(root, wxID_ANY, "", wxDefaultPosition, wxSize(540, -1));
    reviewer_->SetToolTip(to_wx("Les notes saisies et les modifications sont enregistrées à ce nom."));
    top->Add(reviewer_, wxSizerFlags().CenterVertical());

    book_ = new wxNotebook(root, wxID_ANY);
    for (const ViewDef& v : views()) {
        PageState p;
        static_cast<Page&>(p) = v.make(book_, wb_);
        book_->AddPage(p.window, to_wx(v.title));
        pages_.push_back(std::move(p));
    }
    for (std::size_t i = 0; i < views().size(); ++i)
        wb_.hub.subscribe(views()[i].shows, [this, i](Changes c) { OnChanged(i, c); });
    // The window's own lines: the title and status follow the data, the
    // actions' state follows everything.
    wb_.hub.subscribe(Change::Dossier | Change::Rating | Change::Procedure | Change::Decision | Change::Grid | Change::Campaign,
                      [this](Changes) { UpdateTitle(); });
    wb_.hub.subscribe(Changes::all(), [this](Changes) {
        context_fresh_ = false;
        UpdateActions();
    });
    // Opened or read again (another person's change): the data compared with the journal.
    wb_.hub.subscribe(Change::Campaign, [this](Changes) { WarnOutsideChanges(); });
    // The deadline banner goes once a decision is recorded (deadline_banner_shown).
    wb_.hub.subscribe(Change::Decision | Change::Procedure, [this](Changes) { WarnDeadlines(); });

    auto* main = new wxBoxSizer(wxVERTICAL);
    main->Add(top, wxSizerFlags().Expand().Border(wxALL, 8));
    // Rows changed outside Cotation (raw SQL): said as `rank` says it, again at
    // each opening or re-reading while they are there (trial 13c F6).
    outside_ = new wxInfoBarGeneric(root);
    outside_->SetShowHideEffects(wxSHOW_EFFECT_NONE, wxSHOW_EFFECT_NONE);
    outside_->SetForegroundColour(colour(Colour::Refused));
    // Not the theme's info background (dark grey under a dark theme: red on grey, trial 13f F9).
    outside_->SetBackgroundColour(colour(Colour::AlertBand));
    main->Add(outside_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, 8));
    // Deadlines near or passed, said once when a campaign opens, with a way to them.
    deadlines_ = new wxInfoBar(root);
    deadlines_->AddButton(wxID_ANY, to_wx("Voir le calendrier"));
    deadlines_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        deadlines_->Dismiss();
        ShowView(View::Procedure);
    });
    main->Add(deadlines_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, 8));
    // What an import noticed about its file (converted from Windows-1252…):
    // said in the window, not only on the status line.
    notice_ = new wxInfoBar(root);
    main->Add(notice_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, 8));
    main->Add(book_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, 8));
    root->SetSizer(main);

    // Before a page is shown, it takes the changes it missed while hidden.
    book_->Bind(wxEVT_NOTEBOOK_PAGE_CHANGING, [this](wxBookCtrlEvent& e) {
        if (e.GetSelection() >= 0) Freshen(static_cast<std::size_t>(e.GetSelection()));
        e.Skip();
    });
    wb_.select = [this](std::size_t i) { SelectDossier(i); };

    // One path for every action: menus, tools and buttons of the views.
    for (const ActionDef& a : actions()) {
        Bind(wxEVT_UPDATE_UI, &MainFrame::OnUpdateUI, this, action_id(a.id));
        if (a.run) Bind(wxEVT_MENU, [this, run = a.run](wxCommandEvent&) { run(*this); }, action_id(a.id));
        // A view's button of an action with a handler reaches the frame (a
        // command event goes up its parents): the same handler as a menu's.
        if (a.run && a.menu == Menu::None)
            Bind(
                wxEVT_BUTTON, [this, run = a.run](wxCommandEvent&) { run(*this); }, action_id(a.id));
    }
    reviewer_->Bind(wxEVT_COMBOBOX, &MainFrame::OnReviewer, this);
    reviewer_->Bind(wxEVT_TEXT, &MainFrame::OnReviewer, this);
    DossierListView* list = dossier_list();
    list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) {
        wb_.selected = static_cast<std::size_t>(e.GetIndex());
        wb_.changed(Change::Selection);
    });
    list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) {
        SelectDossier(static_cast<std::size_t>(e.GetIndex()));
        ShowView(View::Dossier);
    });
    ranking_panel()->ranked()->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) {
        const auto& r = wb_.session->ranking();
        if (static_cast<std::size_t>(e.GetIndex()) < r.ranked.size()) {
            SelectDossier(r.ranked[static_cast<std::size_t>(e.GetIndex())].dossier);
            ShowView(View::Rating);
        }
    });

    wb_.reviewer = reviewer;
    watch_campaign(this, wb_);   // another person's changes refresh the views (issue 15)
    Load(std::move(session));
}

void MainFrame::BuildMenus() {
    const std::pair<Menu, const char*> menus[] = {
        {Menu::File, "&Fichier"}, {Menu::Dossiers, "&Dossiers"}, {Menu::Grid, "&Grille"}, {Menu::Help, "&Aide"}};
    auto* bar = new wxMenuBar;
    auto* demos = new wxMenu;
    for (const ActionDef& a : actions())
        if (a.menu == Menu::Demos) demos->Append(action_id(a.id), to_wx(a.text), to_wx(a.help));
    for (auto [which, title] : menus) {
        auto* menu = new wxMenu;
        for (const ActionDef& a : actions()) {
            if (a.menu != which) continue;
            if (a.separator_before) menu->AppendSeparator();
            menu->Append(action_id(a.id), to_wx(std::string(a.text) + (*a.shortcut ? std::string("\t") + a.shortcut : "")),
                         to_wx(a.help));
            // The demos follow the new campaign.
            if (a.id == Action::NewCampaign) menu->AppendSubMenu(demos, to_wx("Campagnes de &démonstration"));
        }
        bar->Append(menu, to_wx(title));
    }
    SetMenuBar(bar);
    auto* tools = CreateToolBar(wxTB_HORIZONTAL | wxTB_TEXT | wxTB_HORZ_LAYOUT | wxTB_FLAT);
    for (const ActionDef& a : actions()) {
        if (!a.tool) continue;
        wxBitmap icon =
            wxArtProvider::GetBitmap(a.art ? wxString(a.art) : wxString(wxART_MISSING_IMAGE), wxART_TOOLBAR, wxSize(16, 16));
        tools->AddTool(action_id(a.id), to_wx(a.tool), icon, to_wx(a.help));
    }
    tools->Realize();
}

void MainFrame::OnUpdateUI(wxUpdateUIEvent& e) {
    const ActionDef* a = action_of_id(e.GetId());
    if (!a) return;
    if (!context_fresh_) {
        context_ = ActionContext::of(wb_);
        context_fresh_ = true;
    }
    e.Enable(a->enabled(context_));
}

void MainFrame::OnChanged(std::size_t i, Changes what) {
    PageState& p = pages_[i];
    p.pending |= what;
    // A hidden view waits until shown, but for the list, where the selection lives.
    if (views()[i].always_fresh || book_->GetCurrentPage() == p.window) Freshen(i);
}

void MainFrame::Freshen(std::size_t i) {
    PageState& p = pages_[i];
    if (p.pending.empty() || !wb_.session) return;
    Changes what = p.pending;
    p.pending = Changes();
    ++p.refreshes;
    p.refresh(what);
}

void MainFrame::Load(std::unique_ptr<Session> s) {
    wb_.session = std::move(s);
    wb_.selected.reset();
    // Filling the box sends wxEVT_TEXT (Clear() empties it): not a person
    // typing, or the acting person passed in would be lost.
    filling_reviewer_ = true;
    reviewer_->Clear();
    const Team& team = wb_.session->team();
    if (!team.open_mode()) {
        // A campaign with a team: who is acting is always known.
        // Bound to the system account (issue 13.4, rule in Session::acting_person):
        // nobody chooses who they are, and a person without an account is nobody's.
        try {
            wb_.reviewer = wb_.session->acting_person("");
        } catch (const std::exception& e) {
            wxMessageBox(to_wx(e.what()), to_wx("Cotation"), wxOK | wxICON_WARNING, this);
            wb_.reviewer = "compte " + Session::os_login();   // reads nobody's ratings, acts on nothing
        }
        reviewer_->Append(to_wx(wb_.reviewer));   // the bound person only: nobody to pick
        reviewer_->SetEditable(false);
        wb_.session->set_reader(wb_.reviewer);   // every view reads what the core lets this person read
    } else {
        reviewer_->SetEditable(true);
        auto names = wb_.session->reviewers();
        for (const auto& n : names) reviewer_->Append(to_wx(n));
        if (wb_.reviewer.empty()) {
            if (!names.empty()) wb_.reviewer = names.front();
            else if (const char* u = std::getenv("USER"); u && *u) wb_.reviewer = u;
            else wb_.reviewer = Session::os_login();   // $USER empty: the system account, never nobody (#17)
        }
    }
    reviewer_->ChangeValue(to_wx(wb_.reviewer));
    filling_reviewer_ = false;
    if (!wb_.session->dossiers().empty()) wb_.selected = 0;
    notice_->Dismiss();
    notice_text_.clear();
    wb_.changed(Changes::all());
    if (wb_.selected)
        dossier_list()->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                     wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    WarnDeadlines();
}

void MainFrame::WarnDeadlines() {
    auto steps = wb_.session->calendar(Session::today());
    CalendarAlert a = calendar_alert(steps);
    std::size_t awaiting = 0;
    for (const auto& d : wb_.session->dossiers())
        awaiting += !wb_.session->decisions().count(d.id) && !wb_.session->prior_rejections().count(d.id);
    if (!deadline_banner_shown(steps, wb_.session->decisions().size(), awaiting)) {
        deadlines_->Dismiss();
        return;
    }
    const CalendarStep& st = *a.first;
    std::string first = st.short_label() + (st.state == StepState::Overdue ? ", échue le " : ", à faire d'ici le ") +
                        st.due->french_numeric() + " (" + st.basis + ")";
    std::string text = a.late ? fr::plural(a.late, "échéance de la procédure dépassée", "échéances de la procédure dépassées")
                              : "Échéance proche";
    deadlines_->ShowMessage(to_wx(text + " : " + first + (a.late + a.soon > 1 ? " …" : "")),
                            a.late ? wxICON_WARNING : wxICON_INFORMATION);
}

void MainFrame::WarnOutsideChanges() {
    std::string warning;
    try {
        warning = wb_.session ? wb_.session->outside_change_warning() : "";
    } catch (const std::exception& e) {
        warning = e.what();   // a campaign that cannot be compared is not said intact
    }
    // Rules that do not read: said once here, the views drawing the ranking without them.
    if (warning.empty() && wb_.session) {
        warning = wb_.session->territory_rules_error();
        if (!warning.empty()) {
            outside_->ShowMessage(to_wx(warning), wxICON_WARNING);
            return;
        }
    }
    if (warning.empty()) {
        if (outside_->IsShown()) outside_->Dismiss();
        return;
    }
    outside_->ShowMessage(to_wx(warning), wxICON_ERROR);
}

void MainFrame::UpdateTitle() {
    const Session& s = *wb_.session;
    SetTitle(to_wx(campaign_window_title(s.campaign().reference, s.path())));
    const Ranking& r = wb_.session->ranking();
    SetStatusText(to_wx(ranking_counts(s.dossiers().size(), r) +
                        (wb_.session->closed() ? " · CAMPAGNE CLOSE" : "") +
                        (names_server_campaign(s.path()) ? " · campagne partagée" : "")),
                  0);
    SetStatusText(to_wx("Grille " + s.grid().id + " version " + s.grid().version + " · " +
                        fr::number(s.grid().max_total()) + " points"), 1);
    // What is due: the procedure's deadlines, always in sight.
    auto steps = s.calendar(Session::today());
    CalendarAlert a = calendar_alert(steps);
    SetStatusText(!a.first ? to_wx("Aucune échéance proche ni dépassée")
                           : to_wx((a.late ? fr::plural(a.late, "échéance dépassée", "échéances dépassées") : "") +
                                   (a.late && a.soon ? ", " : "") + (a.soon ? fr::plural(a.soon, "proche") : "") +
                                   " — " + a.first->short_label() + " : " + a.first->due->french_numeric()),
                  2);
}

void MainFrame::SelectDossier(std::size_t index) {
    if (!wb_.session || index >= wb_.session->dossiers().size()) return;
    wb_.selected = index;
    long item = static_cast<long>(index);
    DossierListView* list = dossier_list();
    list->SetItemState(item, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    list->EnsureVisible(item);
    wb_.changed(Change::Selection);
}

void MainFrame::ShowView(View v) {
    std::size_t i = static_cast<std::size_t>(v);
    Freshen(i);   // also when it is already the current page
    book_->SetSelection(i);
}

void MainFrame::SetReviewer(const std::string& name) {
    reviewer_->ChangeValue(to_wx(name));
    wb_.reviewer = name;
    if (wb_.session && !wb_.session->team().open_mode()) wb_.session->set_reader(wb_.reviewer);
    wb_.changed(Change::Actor);
}

void MainFrame::OnReviewer(wxCommandEvent&) {
    if (filling_reviewer_) return;
    if (wb_.session && !wb_.session->team().open_mode()) {
        // A team: the person is the account's, never a choice (issue 13.4).
        filling_reviewer_ = true;
        reviewer_->ChangeValue(to_wx(wb_.reviewer));
        filling_reviewer_ = false;
        return;
    }
    wb_.reviewer = typed_from_wx(reviewer_->GetValue());
    wb_.changed(Change::Actor);
}

void MainFrame::CloseOrReopen(bool reopen) {
    wxTextEntryDialog dlg(
        this,
        to_wx(reopen ? "Motif de la réouverture (obligatoire, inscrit au journal) :"
                     : "Motif de la clôture (les notes, arbitrages, dossiers et la grille seront verrouillés) :"),
        to_wx(reopen ? "Rouvrir la campagne" : "Clore la campagne"), reopen ? "" : to_wx("Décisions prises"));
    if (dlg.ShowModal() != wxID_OK) return;
    try {
        if (reopen) wb_.session->reopen(from_wx(dlg.GetValue()), wb_.reviewer);
        else wb_.session->close(from_wx(dlg.GetValue()), wb_.reviewer);
        wb_.changed(Change::Campaign);
    } catch (const std::exception& e) {
        show_error(this, e);
    }
}

void MainFrame::NewDossier() {
    if (edit_dossier_dialog(this, wb_, nullptr)) {
        wb_.changed(Change::Dossier);
        SelectDossier(wb_.session->dossiers().size() - 1);
        ShowView(View::Dossier);
    }
}

}  // namespace cotation::gui
