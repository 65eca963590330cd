#include "main_frame.h"

#include <wx/dirdlg.h>
#include <wx/choicdlg.h>
#include <wx/filedlg.h>
#include <wx/infobar.h>

#include <filesystem>

#include "app/demo.h"
#include "consolidation_panel.h"
#include "journal_panel.h"
#include "team_panel.h"
#include "procedure_panel.h"
#include "decision_panel.h"
#include "territory_panel.h"
#include "documents_dialog.h"
#include "grid_editor.h"
#include "io/grid_reader.h"
#include "io/paths.h"
#include "start_dialog.h"
#include "core/error.h"
#include "core/french.h"
#include "io/reference_data.h"
#include "wx_text.h"

namespace cotation::gui {

void show_error(wxWindow* parent, const std::exception& e) {
    wxMessageBox(to_wx(e.what()), to_wx("Cotation — erreur"), wxOK | wxICON_ERROR, parent);
}

namespace {
enum {
    ID_NEW_CAMPAIGN = wxID_HIGHEST + 1, ID_DEMO_ACT, ID_DEMO_CRT, ID_DEMO_UPHV, ID_NEW_DOSSIER, ID_IMPORT_DOSSIERS,
    ID_IMPORT_RATINGS, ID_LETTERS, ID_EDIT_GRID, ID_OPEN_GRID, ID_NEW_GRID, ID_GRID_HISTORY, ID_CLOSE, ID_REOPEN
};
}

MainFrame::MainFrame(std::unique_ptr<Session> session, const std::string& reviewer)
    : wxFrame(nullptr, wxID_ANY, to_wx("Cotation"), wxDefaultPosition, wxSize(1280, 800)) {
    auto* file = new wxMenu;
    file->Append(wxID_OPEN, to_wx("&Ouvrir une campagne…\tCtrl+O"));
    file->Append(ID_NEW_CAMPAIGN, to_wx("Nouvelle &campagne…"));
    auto* demos = new wxMenu;
    demos->Append(ID_DEMO_ACT, to_wx("ACT « hors les murs » — ARS PACA"));
    demos->Append(ID_DEMO_CRT, to_wx("Centres de ressources territoriaux — ARS Nouvelle-Aquitaine"));
    demos->Append(ID_DEMO_UPHV, to_wx("Unités PHV — Charente-Maritime"));
    file->AppendSubMenu(demos, to_wx("Campagnes de &démonstration"));
    file->AppendSeparator();
    file->Append(ID_LETTERS, to_wx("Générer les &lettres (PDF)…\tCtrl+L"));
    const int id_documents = wxWindow::NewControlId();   // batch: documents_dialog.h
    file->Append(id_documents, to_wx("Générer &tous les documents (PDF, ODT)…\tCtrl+Shift+D"));
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { documents_dialog(this, wb_); }, id_documents);
    file->AppendSeparator();
    file->Append(ID_CLOSE, to_wx("Clore la campagne…"));
    file->Append(ID_REOPEN, to_wx("Rouvrir la campagne…"));
    file->AppendSeparator();
    file->Append(wxID_EXIT, to_wx("&Quitter\tCtrl+Q"));
    auto* dossiers = new wxMenu;
    dossiers->Append(ID_NEW_DOSSIER, to_wx("&Nouveau dossier…\tCtrl+N"));
    dossiers->Append(ID_IMPORT_DOSSIERS, to_wx("Importer des &dossiers (CSV)…"));
    dossiers->Append(ID_IMPORT_RATINGS, to_wx("Importer des &notes (CSV)…"));
    auto* grid = new wxMenu;
    grid->Append(ID_EDIT_GRID, to_wx("&Modifier la grille de la campagne…"));
    grid->Append(ID_GRID_HISTORY, to_wx("&Historique des versions"));
    grid->AppendSeparator();
    grid->Append(ID_OPEN_GRID, to_wx("&Ouvrir une grille dans l'éditeur…"));
    grid->Append(ID_NEW_GRID, to_wx("&Nouvelle grille…"));
    auto* bar = new wxMenuBar;
    bar->Append(file, to_wx("&Fichier"));
    bar->Append(dossiers, to_wx("&Dossiers"));
    bar->Append(grid, to_wx("&Grille"));
    auto* help = new wxMenu;
    help->Append(wxID_ABOUT, to_wx("À &propos de Cotation"));
    bar->Append(help, to_wx("&Aide"));
    SetMenuBar(bar);
    CreateStatusBar(3);
    int widths[] = {-3, -2, -3};
    SetStatusWidths(3, widths);

    auto* root = new wxPanel(this);
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(new wxStaticText(root, wxID_ANY, to_wx("Évaluateur :")), wxSizerFlags().CenterVertical().Border(wxRIGHT, 6));
    reviewer_ = new wxComboBox(root, wxID_ANY, "", wxDefaultPosition, wxSize(400, -1));
    reviewer_->SetToolTip(to_wx("Les notes saisies et les modifications sont enregistrées à ce nom."));
    top->Add(reviewer_, wxSizerFlags().CenterVertical());

    book_ = new wxNotebook(root, wxID_ANY);
    list_ = new DossierListView(book_, wb_);
    dossier_ = new DossierPanel(book_, wb_);
    rating_ = new RatingPanel(book_, wb_);
    ranking_ = new RankingPanel(book_, wb_);
    consolidation_ = new ConsolidationPanel(book_, wb_);
    journal_ = new JournalPanel(book_, wb_);
    team_ = new TeamPanel(book_, wb_);
    procedure_ = new ProcedurePanel(book_, wb_);
    committee_ = new CommitteePanel(book_, wb_);
    decisions_ = new DecisionPanel(book_, wb_);
    territory_ = new TerritoryPanel(book_, wb_);
    book_->AddPage(list_, to_wx("Dossiers"));
    book_->AddPage(dossier_, to_wx("Dossier"));
    book_->AddPage(rating_, to_wx("Cotation"));
    book_->AddPage(ranking_, to_wx("Classement"));
    book_->AddPage(consolidation_, to_wx("Consolidation"));
    book_->AddPage(journal_, to_wx("Journal"));
    book_->AddPage(team_, to_wx("Équipe"));
    book_->AddPage(procedure_, to_wx("Procédure"));
    book_->AddPage(committee_, to_wx("Commission"));
    book_->AddPage(decisions_, to_wx("Décisions"));
    book_->AddPage(territory_, to_wx("Territoire"));
    detail_ = book_;

    auto* main = new wxBoxSizer(wxVERTICAL);
    main->Add(top, wxSizerFlags().Expand().Border(wxALL, 8));
    // Deadlines near or passed, said once when a campaign opens, with a way to them.
    deadlines_ = new wxInfoBar(root);
    deadlines_->AddButton(wxID_ANY, to_wx("Voir le calendrier"));
    deadlines_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        deadlines_->Dismiss();
        ShowView(View::Procedure);
    });
    main->Add(deadlines_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, 8));
    main->Add(book_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, 8));
    root->SetSizer(main);

    wb_.changed = [this] { RefreshAll(); };
    book_->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& e) {
        if (book_->GetPage(static_cast<std::size_t>(e.GetSelection())) == journal_) journal_->Reload();
        e.Skip();
    });
    wb_.select = [this](std::size_t i) { SelectDossier(i); };

    Bind(wxEVT_MENU, &MainFrame::OnOpen, this, wxID_OPEN);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { Replace([this] { return ShowNewCampaignDialog(this); }); }, ID_NEW_CAMPAIGN);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { Replace([] { return OpenDemo("act-hlm"); }); }, ID_DEMO_ACT);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { Replace([] { return OpenDemo("crt"); }); }, ID_DEMO_CRT);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { Replace([] { return OpenDemo("uphv"); }); }, ID_DEMO_UPHV);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { ShowGridEditor(this, wb_, wb_.session->grid(), true); }, ID_EDIT_GRID);
    Bind(wxEVT_MENU, &MainFrame::OnOpenGrid, this, ID_OPEN_GRID);
    Bind(wxEVT_MENU, &MainFrame::OnNewGrid, this, ID_NEW_GRID);
    Bind(wxEVT_MENU, &MainFrame::OnGridHistory, this, ID_GRID_HISTORY);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { CloseOrReopen(false); }, ID_CLOSE);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { CloseOrReopen(true); }, ID_REOPEN);
    Bind(wxEVT_MENU, &MainFrame::OnNewDossier, this, ID_NEW_DOSSIER);
    Bind(wxEVT_MENU, &MainFrame::OnImportDossiers, this, ID_IMPORT_DOSSIERS);
    Bind(wxEVT_MENU, &MainFrame::OnImportRatings, this, ID_IMPORT_RATINGS);
    Bind(wxEVT_MENU, &MainFrame::OnLetters, this, ID_LETTERS);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { show_about(this); }, wxID_ABOUT);
    reviewer_->Bind(wxEVT_COMBOBOX, &MainFrame::OnReviewer, this);
    reviewer_->Bind(wxEVT_TEXT, &MainFrame::OnReviewer, this);
    list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) {
        wb_.selected = static_cast<std::size_t>(e.GetIndex());
        dossier_->Reload();
        rating_->Reload();
        committee_->ShowOpinions();
    });
    list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) {
        SelectDossier(static_cast<std::size_t>(e.GetIndex()));
        ShowView(View::Dossier);
    });
    ranking_->ranked()->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) {
        const auto& r = wb_.session->ranking();
        if (static_cast<std::size_t>(e.GetIndex()) < r.ranked.size()) {
            SelectDossier(r.ranked[static_cast<std::size_t>(e.GetIndex())].dossier);
            ShowView(View::Rating);
        }
    });

    wb_.reviewer = reviewer;
    Load(std::move(session));
}

void MainFrame::WarnDeadlines() {
    auto steps = wb_.session->calendar(Session::today());
    CalendarAlert a = calendar_alert(steps);
    if (!a.first) {
        deadlines_->Dismiss();
        return;
    }
    const CalendarStep& st = *a.first;
    std::string first = st.short_label() + (st.state == StepState::Overdue ? ", échue le " : ", à faire d'ici le ") +
                        st.due->french_numeric() + " (" + st.basis + ")";
    std::string text = a.late ? std::to_string(a.late) + " échéance(s) de la procédure dépassée(s)" : "Échéance proche";
    deadlines_->ShowMessage(to_wx(text + " : " + first + (a.late + a.soon > 1 ? " …" : "")),
                            a.late ? wxICON_WARNING : wxICON_INFORMATION);
}

void MainFrame::Load(std::unique_ptr<Session> s) {
    wb_.session = std::move(s);
    wb_.selected.reset();
    reviewer_->Clear();
    const Team& team = wb_.session->team();
    if (!team.open_mode()) {
        // A campaign with a team: who is acting is always known.
        wxArrayString choices;
        std::vector<std::string> people;
        for (const auto& [name, p] : team.people) {
            choices.Add(to_wx(name + " — " + role_label(p.role) + (p.organisation.empty() ? "" : ", " + p.organisation)));
            people.push_back(name);
            reviewer_->Append(to_wx(name));
        }
        if (!team.person(wb_.reviewer)) {
            wxSingleChoiceDialog who(this, to_wx("Qui êtes-vous ? Vos actions sont enregistrées à votre nom et limitées à votre rôle."),
                                     to_wx("Cotation — " + wb_.session->campaign().reference), choices);
            who.SetSize(wxSize(620, 360));
            wb_.reviewer = who.ShowModal() == wxID_OK ? people[static_cast<std::size_t>(who.GetSelection())] : people.front();
        }
        reviewer_->SetValue(to_wx(wb_.reviewer));
        reviewer_->SetEditable(false);
        if (wb_.session->dossiers().empty()) wb_.selected.reset();
        else wb_.selected = 0;
        RefreshAll();
        WarnDeadlines();
        return;
    }
    reviewer_->SetEditable(true);
    auto names = wb_.session->reviewers();
    for (const auto& n : names) reviewer_->Append(to_wx(n));
    if (wb_.reviewer.empty()) {
        if (!names.empty()) wb_.reviewer = names.front();
        else if (const char* u = std::getenv("USER")) wb_.reviewer = u;
    }
    reviewer_->ChangeValue(to_wx(wb_.reviewer));
    if (!wb_.session->dossiers().empty()) wb_.selected = 0;
    RefreshAll();
    if (wb_.selected) list_->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    WarnDeadlines();
}

void MainFrame::UpdateTitle() {
    const Session& s = *wb_.session;
    SetTitle(to_wx("Cotation — " + s.campaign().reference + " — " + std::filesystem::path(s.path()).filename().string()));
    const Ranking& r = wb_.session->ranking();
    SetStatusText(to_wx(std::to_string(s.dossiers().size()) + " dossiers · " + std::to_string(r.ranked.size()) +
                        " classés · " + std::to_string(r.ineligible.size()) + " irrecevables" +
                        (wb_.session->closed() ? " · CAMPAGNE CLOSE" : "")), 0);
    SetStatusText(to_wx("Grille " + s.grid().id + " version " + s.grid().version + " · " +
                        fr::number(s.grid().max_total()) + " points"), 1);
    // What is due: the procedure's deadlines, always in sight.
    auto steps = s.calendar(Session::today());
    CalendarAlert a = calendar_alert(steps);
    SetStatusText(!a.first ? to_wx("Aucune échéance proche ni dépassée")
                           : to_wx((a.late ? std::to_string(a.late) + " échéance(s) dépassée(s)" : "") +
                                   (a.late && a.soon ? ", " : "") + (a.soon ? std::to_string(a.soon) + " proche(s)" : "") +
                                   " — " + a.first->short_label() + " : " + a.first->due->french_numeric()),
                  2);
}

void MainFrame::RefreshAll() {
    UpdateTitle();
    list_->Reload();
    dossier_->Reload();
    rating_->Reload();
    ranking_->Reload();
    consolidation_->Reload();
    team_->Reload();
    procedure_->Reload();
    committee_->Reload();
    decisions_->Reload();
    territory_->Reload();   // rebuilt when shown
    // The journal can hold hundreds of thousands of entries: read when shown.
    if (book_->GetCurrentPage() == journal_) journal_->Reload();
}

void MainFrame::SelectDossier(std::size_t index) {
    if (!wb_.session || index >= wb_.session->dossiers().size()) return;
    wb_.selected = index;
    long item = static_cast<long>(index);
    list_->SetItemState(item, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    list_->EnsureVisible(item);
    dossier_->Reload();
    rating_->Reload();
    committee_->ShowOpinions();
    decisions_->Select(index);
}

void MainFrame::ShowView(View v) {
    book_->SetSelection(static_cast<std::size_t>(v));
    if (v == View::Journal) journal_->Reload();
}

void MainFrame::OnReviewer(wxCommandEvent&) {
    wb_.reviewer = from_wx(reviewer_->GetValue());
    rating_->Reload();
}

void MainFrame::OnOpen(wxCommandEvent&) {
    wxFileDialog dlg(this, to_wx("Ouvrir une campagne"), "", "", to_wx("Campagnes Cotation (*.cot)|*.cot|Tous les fichiers|*"),
                     wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dlg.ShowModal() != wxID_OK) return;
    try {
        Load(Session::open(from_wx(dlg.GetPath())));
    } catch (const std::exception& e) {
        show_error(this, e);
    }
}

void MainFrame::Replace(const std::function<std::unique_ptr<Session>()>& make) {
    try {
        if (auto s = make()) Load(std::move(s));
    } catch (const std::exception& e) {
        show_error(this, e);
    }
}

void MainFrame::OnOpenGrid(wxCommandEvent&) {
    wxFileDialog dlg(this, to_wx("Ouvrir une grille"), to_wx(io::data_root() + "/scoring-grids"), "",
                     to_wx("Grilles (*.xml)|*.xml"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dlg.ShowModal() != wxID_OK) return;
    try {
        ShowGridEditor(this, wb_, io::read_grid_file(from_wx(dlg.GetPath())), false);
    } catch (const std::exception& e) {
        show_error(this, e);
    }
}

void MainFrame::OnNewGrid(wxCommandEvent&) {
    // From scratch: one theme, one criterion, the current grid's level descriptors.
    Grid g;
    g.id = "nouvelle-grille";
    g.version = "1";
    g.title = "Nouvelle grille";
    g.status = "proposition";
    // The scale too: a campaign graded 0–10 gets a new grid graded 0–10.
    if (wb_.session) {
        g.scale_min = wb_.session->grid().scale_min;
        g.scale_max = wb_.session->grid().scale_max;
    }
    g.default_levels = wb_.session ? wb_.session->grid().default_levels
                                   : std::vector<std::string>(static_cast<std::size_t>(g.scale_max - g.scale_min + 1), "");
    Theme t;
    t.id = "I";
    t.label = "Premier thème";
    Criterion c;
    c.id = "I.1";
    c.label = "Premier critère";
    c.coefficient = Rational(1);
    c.levels = g.default_levels;
    t.criteria.push_back(c);
    g.themes.push_back(t);
    ShowGridEditor(this, wb_, g, false);
}

void MainFrame::CloseOrReopen(bool reopen) {
    wxTextEntryDialog dlg(this,
                          to_wx(reopen ? "Motif de la réouverture (obligatoire, inscrit au journal) :"
                                       : "Motif de la clôture (les notes, arbitrages, dossiers et la grille seront verrouillés) :"),
                          to_wx(reopen ? "Rouvrir la campagne" : "Clore la campagne"), reopen ? "" : to_wx("Décisions prises"));
    if (dlg.ShowModal() != wxID_OK) return;
    try {
        if (reopen) wb_.session->reopen(from_wx(dlg.GetValue()), wb_.reviewer);
        else wb_.session->close(from_wx(dlg.GetValue()), wb_.reviewer);
        RefreshAll();
    } catch (const std::exception& e) {
        show_error(this, e);
    }
}

void MainFrame::OnGridHistory(wxCommandEvent&) {
    std::string text = "Grille en vigueur : " + wb_.session->grid().id + " version " + wb_.session->grid().version + "\n";
    auto versions = wb_.session->store().grid_versions();
    if (versions.empty()) text += "\nAucune version antérieure : la campagne a toujours utilisé cette grille.";
    for (const auto& v : versions) text += "\n• " + v;
    wxMessageBox(to_wx(text), to_wx("Historique des grilles"), wxOK | wxICON_INFORMATION, this);
}

void MainFrame::OnNewDossier(wxCommandEvent&) {
    if (edit_dossier_dialog(this, wb_, nullptr)) {
        RefreshAll();
        SelectDossier(wb_.session->dossiers().size() - 1);
        ShowView(View::Dossier);
    }
}

void MainFrame::ImportCsv(const char* title, const char* done,
                          std::size_t (Session::*import)(const std::string&, const std::string&)) {
    wxFileDialog dlg(this, to_wx(title), "", "", to_wx("Fichiers CSV (*.csv)|*.csv"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dlg.ShowModal() != wxID_OK) return;
    try {
        std::size_t n = ((*wb_.session).*import)(from_wx(dlg.GetPath()), wb_.reviewer);
        RefreshAll();
        SetStatusText(to_wx(std::to_string(n) + " " + done), 0);
    } catch (const std::exception& e) {
        show_error(this, e);
    }
}

void MainFrame::OnImportDossiers(wxCommandEvent&) {
    ImportCsv("Importer des dossiers", "dossiers importés.", &Session::import_dossiers_file);
}

void MainFrame::OnImportRatings(wxCommandEvent&) {
    ImportCsv("Importer des notes", "notes importées.", &Session::import_ratings_file);
}

void MainFrame::OnLetters(wxCommandEvent&) { letters_dialog(this, wb_); }

void write_to_folder(wxWindow* parent, const std::string& title, const std::string& what,
                     const std::function<report::DocumentBatch(const std::string&)>& write) {
    wxDirDialog dlg(parent, to_wx(title));
    if (dlg.ShowModal() != wxID_OK) return;
    try {
        wxBusyCursor busy;
        std::string dir = from_wx(dlg.GetPath());
        auto batch = write(dir);
        std::string text = std::to_string(batch.size()) + " " + what + " écrits dans " + dir + ".";
        if (!batch.ok()) text += "\n\n" + std::to_string(batch.failures.size()) + " non écrit(s) :";
        for (std::size_t i = 0; i < batch.failures.size(); ++i) text += "\n• " + batch.failure(i);
        if (!batch.warnings.empty()) text += "\n\nÀ vérifier :";
        for (const auto& w : batch.warnings) text += "\n• " + w;
        wxMessageBox(to_wx(text), to_wx("Cotation"), wxOK | (batch.ok() ? wxICON_INFORMATION : wxICON_WARNING), parent);
    } catch (const std::exception& e) {
        show_error(parent, e);
    }
}

void letters_dialog(wxWindow* parent, Workbench& wb) {
    // Flagged before the letters are produced: templates this grid cannot
    // fill, dossiers without a postal address.
    std::vector<std::string> checks;
    try {
        checks = wb.session->check_documents();
    } catch (const std::exception& e) {
        show_error(parent, e);
        return;
    }
    if (!checks.empty()) {
        std::string text = "Avant d'écrire les lettres :";
        for (const auto& c : checks) text += "\n• " + c;
        text += "\n\nÉcrire quand même les lettres qui peuvent l'être ?";
        if (wxMessageBox(to_wx(text), to_wx("Lettres"), wxYES_NO | wxICON_WARNING, parent) != wxYES) return;
    }
    write_to_folder(parent, "Dossier où écrire les lettres", "courriers (PDF)",
                    [&](const std::string& dir) { return wb.session->write_letters(dir); });
}

// ---------------------------------------------------------------------------

DossierListView::DossierListView(wxWindow* parent, Workbench& wb)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL), wb_(wb) {
    const std::pair<const char*, int> cols[] = {{"Référence", 110}, {"Organisme", 270}, {"Commune", 190}, {"Places", 60},
                                                {"Budget annuel", 110}, {"Dépôt", 90}, {"Recevabilité", 110},
                                                {"Note", 70}, {"Rang", 55}, {"Proposition", 160}};
    long i = 0;
    for (auto [title, width] : cols) {
        bool numeric = i == 3 || i == 4 || i == 7 || i == 8;
        InsertColumn(i++, to_wx(title), numeric ? wxLIST_FORMAT_RIGHT : wxLIST_FORMAT_LEFT, width);
    }
    ineligible_.SetTextColour(wxColour(150, 40, 40));
    pending_.SetTextColour(wxColour(160, 100, 0));
}

void DossierListView::Reload() {
    SetItemCount(wb_.session ? static_cast<long>(wb_.session->dossiers().size()) : 0);
    Refresh();
}

wxString DossierListView::OnGetItemText(long item, long column) const {
    Session& s = *wb_.session;
    const Dossier& d = s.dossiers()[static_cast<std::size_t>(item)];
    const RankEntry* e = s.entry_of(static_cast<std::size_t>(item));
    auto fact = [&](const char* id) {
        const FactDef* def = s.grid().fact(id);
        return def ? display(*def, d.get(id)) : std::string();
    };
    switch (column) {
        case 0: return to_wx(d.reference);
        case 1: return to_wx(d.organisme);
        case 2: {
            const io::CommuneInfo* c = io::ReferenceData::instance().commune(d.commune);
            return to_wx(c ? c->name + " (" + c->departement + ")" : d.commune);
        }
        case 3: {
            Value v = d.get("places");
            const Rational* r = std::get_if<Rational>(&v);
            return r ? to_wx(fr::number(*r)) : wxString();
        }
        case 4: return to_wx(fact("budget_annuel"));
        case 5: return to_wx(fact("date_depot"));
        case 6: {
            if (!e) return wxString();
            if (e->prior_rejection.empty()) return to_wx(verdict_label(e->eligibility));
            // As the campaign's procedure calls it (« rejet avant évaluation » in an appel à candidatures).
            const auto& pr = s.procedure().prior_rejection;
            std::string name = pr ? pr->name : std::string("refus préalable");
            if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 'a' + 'A');
            return to_wx(name);
        }
        case 7: return e ? to_wx(fr::number(e->score.total)) : wxString();
        case 8: return e && e->rank ? to_wx(std::to_string(e->rank) + (e->ex_aequo ? " =" : "")) : wxString();
        case 9: return e ? to_wx(e->prior_rejection.empty() ? proposal_label(e->proposal) : "écarté avant l'évaluation") : wxString();
    }
    return {};
}

wxListItemAttr* DossierListView::OnGetItemAttr(long item) const {
    const RankEntry* e = wb_.session->entry_of(static_cast<std::size_t>(item));
    if (!e) return nullptr;
    if (e->apart()) return &ineligible_;
    if (e->eligibility.undecidable()) return &pending_;
    return nullptr;
}

}  // namespace cotation::gui
