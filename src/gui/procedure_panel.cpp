#include "procedure_panel.h"

#include <wx/filedlg.h>
#include <wx/radiobox.h>

#include "app/input.h"
#include "core/enums.h"
#include "core/error.h"
#include "core/french.h"
#include "layout.h"
#include "wx_text.h"

namespace cotation::gui {
namespace {
wxListCtrl* make_list(wxWindow* parent, std::initializer_list<std::pair<const char*, int>> cols, int height = -1) {
    auto* l = new wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxSize(-1, height), wxLC_REPORT | wxLC_SINGLE_SEL);
    long k = 0;
    for (auto [t, w] : cols) l->InsertColumn(k++, to_wx(t), wxLIST_FORMAT_LEFT, w);
    return l;
}

void add_row(wxListCtrl* l, const std::vector<std::string>& cells, const wxColour& colour = wxNullColour) {
    long i = l->InsertItem(l->GetItemCount(), to_wx(cells.empty() ? "" : cells[0]));
    for (std::size_t c = 1; c < cells.size(); ++c) l->SetItem(i, static_cast<long>(c), to_wx(cells[c]));
    if (colour.IsOk()) l->SetItemTextColour(i, colour);
}

// « refus préalable », « rejet avant évaluation »: as the procedure calls it.
std::string rejection_name(const ProcedureDef& p) {
    return p.prior_rejection ? p.prior_rejection->name : std::string("refus préalable");
}
std::string capitalized(std::string s) {
    if (s.rfind("\xc3\xa9", 0) == 0) return "\xc3\x89" + s.substr(2);   // é -> É
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}
std::string in_parentheses(const std::string& basis) { return basis.empty() ? "" : " (" + basis + ")"; }

wxColour state_colour(StepState s) {
    switch (s) {
        case StepState::Overdue: return wxColour(170, 30, 30);
        case StepState::Soon: return wxColour(170, 100, 0);
        case StepState::Done: return wxColour(20, 110, 40);
        default: return wxNullColour;
    }
}

const char* presence_label(Presence p) {
    switch (p) {
        case Presence::Present: return "présent(e)";
        case Presence::Represented: return "représenté(e)";
        case Presence::Absent: return "absent(e)";
    }
    return "";
}

// Asks for one line of text; empty when cancelled.
std::string ask(wxWindow* parent, const std::string& question, const std::string& title, const std::string& initial = "") {
    wxTextEntryDialog dlg(parent, to_wx(question), to_wx(title), to_wx(initial), wxOK | wxCANCEL | wxTE_MULTILINE);
    dlg.SetSize(wxSize(620, 260));
    return dlg.ShowModal() == wxID_OK ? fr::trim(from_wx(dlg.GetValue())) : std::string();
}
}  // namespace

// ---------------------------------------------------------------------------

ProcedurePanel::ProcedurePanel(wxWindow* parent, Workbench& wb) : wxPanel(parent), wb_(wb) {
    summary_ = heading(this, "");
    calendar_ = make_list(this, {{"Échéance", 95}, {"État", 95}, {"Étape", 600}, {"Base", 290}, {"Fait le", 95}}, 250);
    auto* done = new wxButton(this, wxID_ANY, to_wx("Déclarer l'étape sélectionnée faite…"));
    late_ = new wxStaticText(this, wxID_ANY, "");
    late_->SetForegroundColour(wxColour(170, 100, 0));
    refusals_ = make_list(this, {{"Dossier", 110}, {"Organisme", 220}, {"Motif", 370}, {"Décision motivée", 420},
                                 {"Date", 95}});
    refusals_heading_ = heading(this, "");
    refuse_ = new wxButton(this, wxID_ANY, to_wx("Écarter un dossier avant l'évaluation…"));
    lift_ = new wxButton(this, wxID_ANY, to_wx("Lever la décision sélectionnée…"));

    auto* main = new wxBoxSizer(wxVERTICAL);
    main->Add(summary_, wxSizerFlags().Expand().Border(wxALL, 10));
    main->Add(calendar_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, 10));
    main->Add(done, wxSizerFlags().Border(wxALL, 10));
    main->Add(refusals_heading_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, 10));
    main->Add(late_, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, 10));
    main->Add(refusals_, wxSizerFlags(1).Expand().Border(wxALL, 10));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->Add(refuse_, wxSizerFlags().Border(wxRIGHT, 8));
    buttons->Add(lift_);
    main->Add(buttons, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxBOTTOM, 10));
    SetSizer(main);
    done->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnMarkDone(); });
    refuse_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnRefuse(); });
    lift_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnLift(); });
}

void ProcedurePanel::Reload() {
    if (!wb_.session) return;
    Session& s = *wb_.session;
    calendar_->DeleteAllItems();
    step_ids_.clear();
    std::string next;
    auto steps = s.calendar(Session::today());
    for (const auto& st : steps) {
        std::string state = step_state_label(st.state);
        if (st.state == StepState::Soon) state += " (J-" + std::to_string(st.days_left) + ")";
        if (st.state == StepState::Overdue) state += " (+" + std::to_string(-st.days_left) + " j)";
        if (st.done_late) state = "fait hors délai";
        if (next.empty() && (st.state == StepState::Upcoming || st.state == StepState::Soon))
            next = st.short_label() + " — " + st.due->french_numeric();
        add_row(calendar_, {st.due ? st.due->french_numeric() : "à dater", state, st.label, st.basis,
                            st.done && st.obligation ? st.done->french_numeric() : ""},
                st.done_late ? wxColour(170, 100, 0) : state_colour(st.state));
        step_ids_.push_back(st.id);
    }
    CalendarAlert alert = calendar_alert(steps);
    int late = alert.late, soon = alert.soon;
    std::string sum = "Au " + Session::today().french_numeric() + " : " + std::to_string(late) + " échéance(s) dépassée(s), " +
                      std::to_string(soon) + " dans les " + std::to_string(calendar_warning_days) + " jours";
    if (!next.empty()) sum += " · prochaine : " + next;
    set_heading(summary_, (sum));
    summary_->SetForegroundColour(late ? wxColour(170, 30, 30) : soon ? wxColour(170, 100, 0) : wxColour(20, 20, 20));

    // The words of the campaign's procedure, never those of another kind of call.
    const ProcedureDef& p = s.procedure();
    const std::string name = rejection_name(p);
    set_heading(refusals_heading_, (!p.prior_rejection
                                          ? "La procédure « " + p.title + " » ne prévoit pas d'écarter un dossier avant l'évaluation."
                                          : capitalized(name) + " — dossiers écartés avant l'évaluation" +
                                                in_parentheses(p.prior_rejection->basis)));
    refuse_->Enable(p.prior_rejection.has_value());
    std::string late_list;
    for (std::size_t i : s.late_dossiers()) late_list += (late_list.empty() ? "" : ", ") + s.dossiers()[i].reference;
    late_->SetLabel(late_list.empty() || !p.prior_rejection
                        ? wxString()
                        : to_wx("Déposés après la date limite, sans " + name + " : " + late_list +
                                (p.prior_rejection->by.empty() ? std::string(".")
                                                               : " — décision motivée de " + p.prior_rejection->by + ".")));
    refusals_->DeleteAllItems();
    refused_ids_.clear();
    for (const auto& d : s.dossiers()) {
        auto it = s.prior_rejections().find(d.id);
        if (it == s.prior_rejections().end()) continue;
        add_row(refusals_, {d.reference, d.organisme, ground_label(p, it->second.ground), it->second.motive,
                            it->second.date.french_numeric()});
        refused_ids_.push_back(d.id);
    }
    Layout();
}

void ProcedurePanel::OnMarkDone() {
    long i = calendar_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (i < 0) return;
    const std::string& id = step_ids_[static_cast<std::size_t>(i)];
    if (!wb_.session->procedure().recordable(id)) {
        wxMessageBox(to_wx("Cette étape suit les données de la campagne (dates de l'avis, séance, décisions) : "
                           "elle ne se déclare pas à la main."),
                     to_wx("Calendrier"), wxOK | wxICON_INFORMATION, this);
        return;
    }
    std::string date = ask(this, "Date à laquelle l'étape a été faite (JJ/MM/AAAA) :", "Étape faite", Session::today().french_numeric());
    if (date.empty()) return;
    try {
        wb_.session->record_step(id, date, wb_.reviewer);
        wb_.changed();
    } catch (const std::exception& e) {
        show_error(this, e);
    }
}

void ProcedurePanel::OnRefuse() {
    Session& s = *wb_.session;
    const ProcedureDef& p = s.procedure();
    if (!p.prior_rejection) return;
    wxDialog dlg(this, wxID_ANY, to_wx(capitalized(rejection_name(p)) + in_parentheses(p.prior_rejection->basis)), wxDefaultPosition,
                 wxSize(640, 420));
    wxArrayString refs;
    int selection = 0;
    auto late = s.late_dossiers();
    for (std::size_t i = 0; i < s.dossiers().size(); ++i) {
        refs.Add(to_wx(s.dossiers()[i].reference + " — " + s.dossiers()[i].organisme));
        if ((!late.empty() && i == late.front()) || (late.empty() && wb_.selected && i == *wb_.selected)) selection = static_cast<int>(i);
    }
    auto* dossier = new wxChoice(&dlg, wxID_ANY, wxDefaultPosition, wxDefaultSize, refs);
    dossier->SetSelection(selection);
    // The grounds the procedure declares, in its words.
    wxArrayString grounds;
    std::vector<RejectionGround> codes;
    for (const auto& g : p.prior_rejection->grounds)
        if (auto code = ground_from_text(g.code)) grounds.Add(to_wx(g.label)), codes.push_back(*code);
    auto* ground = new wxRadioBox(&dlg, wxID_ANY, to_wx("Motif"), wxDefaultPosition, wxDefaultSize, grounds, 1);
    auto* motive = new wxTextCtrl(&dlg, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 90), wxTE_MULTILINE);
    motive->SetHint(to_wx("Décision motivée : les faits qui fondent le refus"));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(&dlg, wxID_ANY, to_wx("Dossier :")), wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, 10));
    sizer->Add(dossier, wxSizerFlags().Expand().Border(wxALL, 10));
    sizer->Add(ground, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, 10));
    sizer->Add(motive, wxSizerFlags(1).Expand().Border(wxALL, 10));
    sizer->Add(dlg.CreateStdDialogButtonSizer(wxOK | wxCANCEL), wxSizerFlags().Expand().Border(wxALL, 10));
    dlg.SetSizer(sizer);
    if (dlg.ShowModal() != wxID_OK) return;
    try {
        const Dossier& d = s.dossiers()[static_cast<std::size_t>(dossier->GetSelection())];
        s.reject_prior(d.id, codes[static_cast<std::size_t>(ground->GetSelection())], from_wx(motive->GetValue()), wb_.reviewer);
        wb_.changed();
    } catch (const std::exception& e) {
        show_error(this, e);
    }
}

void ProcedurePanel::OnLift() {
    long i = refusals_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (i < 0) return;
    const std::string name = rejection_name(wb_.session->procedure());
    std::string reason = ask(this, "Motif de la levée (révision demandée) :", "Lever le " + name);
    if (reason.empty()) return;
    try {
        wb_.session->lift_prior_rejection(refused_ids_[static_cast<std::size_t>(i)], reason, wb_.reviewer);
        wb_.changed();
    } catch (const std::exception& e) {
        show_error(this, e);
    }
}

// ---------------------------------------------------------------------------

CommitteePanel::CommitteePanel(wxWindow* parent, Workbench& wb) : wxPanel(parent), wb_(wb) {
    summary_ = heading(this, "");
    quorum_ = new wxStaticText(this, wxID_ANY, "");
    members_ = make_list(this, {{"Membre", 230}, {"Organisation", 320}, {"Voix", 110}, {"Présence", 110}, {"Mandat à", 150},
                                {"Vote", 90}, {"Ne délibère pas sur", 220}}, 215);
    auto* meeting = new wxButton(this, wxID_ANY, to_wx("Enregistrer la séance…"));
    auto* observation = new wxButton(this, wxID_ANY, to_wx("Ajouter une observation…"));
    auto* file = new wxButton(this, wxID_ANY, to_wx("Dossier de la commission (PDF)…"));
    auto* minutes = new wxButton(this, wxID_ANY, to_wx("Procès-verbal (PDF)…"));
    auto* reports = new wxButton(this, wxID_ANY, to_wx("Comptes rendus d'instruction (PDF)…"));
    observations_ = make_list(this, {{"Membre", 150}, {"Observation", 900}}, 120);
    observations_->SetMinSize(wxSize(300, 120));
    opinions_title_ = heading(this, "");
    opinions_ = make_list(this, {{"Membre", 150}, {"Avis", 95}, {"Raison", 700}});
    opinions_->SetMinSize(wxSize(300, 120));
    opinion_ = new wxButton(this, wxID_ANY, to_wx("Donner mon avis sur ce dossier…"));

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    for (wxButton* b : {meeting, observation, reports, file, minutes}) buttons->Add(b, wxSizerFlags().Border(wxRIGHT, 8));
    auto* lower = new wxBoxSizer(wxHORIZONTAL);
    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(heading(this, "Observations portées au procès-verbal"), wxSizerFlags().Expand().Border(wxBOTTOM, 6));
    left->Add(observations_, wxSizerFlags(1).Expand());
    auto* right = new wxBoxSizer(wxVERTICAL);
    right->Add(opinions_title_, wxSizerFlags().Expand().Border(wxBOTTOM, 6));
    right->Add(opinions_, wxSizerFlags(1).Expand());
    right->Add(opinion_, wxSizerFlags().Border(wxTOP, 6));
    // Equal halves whatever the columns' widths (a list asks for its columns' width).
    lower->Add(left, wxSizerFlags(1).Expand().Border(wxRIGHT, 12));
    lower->Add(right, wxSizerFlags(1).Expand());
    observations_->SetInitialSize(wxSize(300, 120));
    opinions_->SetInitialSize(wxSize(300, 120));
    auto* main = new wxBoxSizer(wxVERTICAL);
    main->Add(summary_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, 10));
    main->Add(quorum_, wxSizerFlags().Border(wxALL, 10));
    main->Add(members_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, 10));
    main->Add(buttons, wxSizerFlags().Border(wxALL, 10));
    main->Add(lower, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, 10));
    SetSizer(main);
    meeting->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnMeeting(); });
    observation->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnObservation(); });
    file->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnDocument(false); });
    minutes->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnDocument(true); });
    reports->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        write_to_folder(this, "Dossier où écrire les comptes rendus d'instruction", "comptes rendus (PDF)",
                        [this](const std::string& dir) { return wb_.session->write_instruction_reports(dir); });
    });
    opinion_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnOpinion(); });
}

void CommitteePanel::Reload() {
    if (!wb_.session) return;
    Session& s = *wb_.session;
    const Team& team = s.team();
    auto check = s.meeting_check();
    const auto& m = s.meeting();
    const auto& committee = s.procedure().committee;
    if (!committee) {
        set_heading(summary_, ("La procédure de cette campagne (" + s.procedure().title + ") n'a pas de commission : "
                                 "l'autorité décide sur le classement."));
        summary_->SetForegroundColour(wxColour(20, 20, 20));
        quorum_->SetLabel("");
    } else if (!m) {
        set_heading(summary_, ("Aucune séance de la " + committee->name + " enregistrée." +
                                 (committee->opinion.empty() ? "" : " " + committee->opinion)));
        summary_->SetForegroundColour(wxColour(20, 20, 20));
        quorum_->SetLabel("");
    } else {
        set_heading(summary_, ("Séance du " + m->date.french_long() + ", présidée par " + m->president + " — " + check->outcome));
        summary_->SetForegroundColour(check->adopted ? wxColour(20, 110, 40) : wxColour(170, 30, 30));
        std::string q = std::to_string(check->present) + " présent(s) et " + std::to_string(check->represented) +
                        " représenté(s) sur " + std::to_string(check->deliberative) + " membres à voix délibérative ; quorum : " +
                        std::to_string(check->quorum_needed) + (check->quorum ? " — atteint." : " — NON ATTEINT.");
        for (const auto& p : check->problems) q += "\n" + p;
        auto changes = s.changes_since_vote();
        if (!changes.empty()) {
            q += "\nLe classement a changé depuis le vote (l'avis reste le classement voté) : ";
            for (std::size_t i = 0; i < changes.size() && i < 4; ++i) q += (i ? " ; " : "") + changes[i];
            if (changes.size() > 4) q += " …";
        }
        quorum_->SetLabel(to_wx(q));
        quorum_->SetForegroundColour(changes.empty() ? wxColour(20, 20, 20) : wxColour(170, 100, 0));
    }
    members_->DeleteAllItems();
    for (const auto& [name, p] : team.people) {
        if (p.role != Role::CommitteeMember) continue;
        std::string presence, proxy, vote, interests;
        if (m) {
            auto a = m->attendance.find(name);
            Presence pr = a == m->attendance.end() ? Presence::Absent : a->second.presence;
            presence = presence_label(pr);
            if (pr == Presence::Represented) proxy = a->second.proxy;
            if (auto v = m->votes.find(name); v != m->votes.end()) vote = vote_label(v->second);
        }
        for (const auto& c : team.conflicts)
            if (c.reviewer == name)
                for (const auto& d : s.dossiers())
                    if (d.organisme == c.organisme) interests += (interests.empty() ? "" : ", ") + d.reference;
        add_row(members_, {name + (m && m->president == name ? " (président)" : ""), p.organisation,
                           p.deliberative ? "délibérative" : "consultative", presence, proxy, vote, interests},
                interests.empty() ? wxNullColour : wxColour(170, 100, 0));
    }
    observations_->DeleteAllItems();
    if (m)
        for (const auto& [name, text] : m->observations) add_row(observations_, {name, text});
    ShowOpinions();
}

void CommitteePanel::ShowOpinions() {
    if (!wb_.session) return;
    Session& s = *wb_.session;
    const Team& team = s.team();
    opinions_->DeleteAllItems();
    const Dossier* d = wb_.dossier();
    set_heading(opinions_title_, (d ? "Avis des membres — " + d->reference + " " + d->organisme : "Avis des membres"));
    if (d)
        if (auto it = s.opinions().find(d->id); it != s.opinions().end())
            for (const auto& o : it->second)
                add_row(opinions_, {o.member, opinion_label(o.opinion), o.comment},
                        o.opinion == Opinion::Unfavourable ? wxColour(170, 30, 30) : wxNullColour);
    const Person* me = team.person(wb_.reviewer);
    opinion_->Enable(d && (team.open_mode() || (me && me->role == Role::CommitteeMember)));
    Layout();
}

void CommitteePanel::OnMeeting() {
    Session& s = *wb_.session;
    std::vector<std::string> members;
    for (const auto& [name, p] : s.team().people)
        if (p.role == Role::CommitteeMember) members.push_back(name);
    if (members.empty()) {
        wxMessageBox(to_wx("Déclarez d'abord les membres de la commission (rôle « membre de commission »)."), to_wx("Séance"),
                     wxOK | wxICON_INFORMATION, this);
        return;
    }
    Meeting m = s.meeting_draft();
    const CommitteeRules rules = s.procedure().committee.value_or(CommitteeRules{});
    wxDialog dlg(this, wxID_ANY, to_wx("Séance de la " + (rules.name.empty() ? std::string("commission") : rules.name)), wxDefaultPosition,
                 wxSize(900, 520));
    auto* date = new wxTextCtrl(&dlg, wxID_ANY, to_wx(m.date.french_numeric()));
    wxArrayString names, proxies;
    proxies.Add(to_wx("—"));
    for (const auto& n : members) names.Add(to_wx(n)), proxies.Add(to_wx(n));
    auto* president = new wxChoice(&dlg, wxID_ANY, wxDefaultPosition, wxDefaultSize, names);
    auto pos = std::find(members.begin(), members.end(), m.president);
    president->SetSelection(pos == members.end() ? 0 : static_cast<int>(pos - members.begin()));
    auto* grid = new wxFlexGridSizer(4, 6, 10);
    for (const char* h : {"Membre", "Présence", "Mandat donné à", "Vote sur le classement"}) grid->Add(heading(&dlg, h));
    wxArrayString presence_choices, vote_choices;
    for (const auto& label : enum_labels<Presence>()) presence_choices.Add(to_wx(label));
    vote_choices.Add(to_wx("—"));   // no vote recorded; then the votes in the table's order
    for (const auto& label : enum_labels<Vote>()) vote_choices.Add(to_wx(label));
    std::vector<wxChoice*> presence, proxy, vote;
    for (const auto& n : members) {
        grid->Add(new wxStaticText(&dlg, wxID_ANY, to_wx(n)), wxSizerFlags().CenterVertical());
        auto* p = new wxChoice(&dlg, wxID_ANY, wxDefaultPosition, wxDefaultSize, presence_choices);
        auto* x = new wxChoice(&dlg, wxID_ANY, wxDefaultPosition, wxDefaultSize, proxies);
        auto* v = new wxChoice(&dlg, wxID_ANY, wxDefaultPosition, wxDefaultSize, vote_choices);
        auto a = m.attendance.find(n);
        Presence pr = a == m.attendance.end() ? Presence::Present : a->second.presence;
        p->SetSelection(enum_position(pr));
        x->SetSelection(0);
        if (a != m.attendance.end() && !a->second.proxy.empty()) x->SetStringSelection(to_wx(a->second.proxy));
        auto vt = m.votes.find(n);
        v->SetSelection(vt == m.votes.end() ? 0 : 1 + enum_position(vt->second));
        for (wxChoice* c : {p, x, v}) grid->Add(c);
        presence.push_back(p), proxy.push_back(x), vote.push_back(v);
    }
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(new wxStaticText(&dlg, wxID_ANY, to_wx("Date :")), wxSizerFlags().CenterVertical().Border(wxRIGHT, 6));
    top->Add(date, wxSizerFlags().CenterVertical().Border(wxRIGHT, 20));
    top->Add(new wxStaticText(&dlg, wxID_ANY, to_wx("Président(e) de séance :")), wxSizerFlags().CenterVertical().Border(wxRIGHT, 6));
    top->Add(president, wxSizerFlags().CenterVertical());
    // The committee's rules as the procedure declares them.
    std::string rules_text = "Un membre ayant déclaré un lien avec un candidat ne prend pas part au vote" + in_parentheses(rules.interest_basis) +
                             " ; quorum : " + std::to_string(rules.quorum_percent) + " % des membres à voix délibérative ; " +
                             (rules.proxies_per_member == 0 ? std::string("pas de mandat")
                              : rules.proxies_per_member == 1 ? std::string("chacun ne détient qu'un mandat")
                                                              : "chacun détient au plus " + std::to_string(rules.proxies_per_member) + " mandats") +
                             " ; " + (rules.casting_vote ? "à égalité des voix, celle du président l'emporte" : "pas de voix prépondérante") +
                             in_parentheses(rules.vote_basis) + ".";
    auto* note = new wxStaticText(&dlg, wxID_ANY, to_wx(rules_text));
    note->Wrap(860);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, wxSizerFlags().Border(wxALL, 10));
    sizer->Add(grid, wxSizerFlags(1).Border(wxLEFT | wxRIGHT, 10));
    sizer->Add(note, wxSizerFlags().Border(wxALL, 10));
    sizer->Add(dlg.CreateStdDialogButtonSizer(wxOK | wxCANCEL), wxSizerFlags().Expand().Border(wxALL, 10));
    dlg.SetSizer(sizer);
    if (dlg.ShowModal() != wxID_OK) return;
    try {
        m.date = input::date("Date de séance", from_wx(date->GetValue()));
        m.president = members[static_cast<std::size_t>(president->GetSelection())];
        m.attendance.clear();
        m.votes.clear();
        for (std::size_t i = 0; i < members.size(); ++i) {
            Presence pr = enum_at<Presence>(presence[i]->GetSelection()).value_or(Presence::Absent);
            std::string holder = proxy[i]->GetSelection() > 0 ? members[static_cast<std::size_t>(proxy[i]->GetSelection() - 1)] : "";
            if (pr == Presence::Represented && holder.empty())
                throw InputError("« " + members[i] + " » est représenté(e) : choisissez le membre qui détient son mandat.");
            m.attendance[members[i]] = {pr, pr == Presence::Represented ? holder : ""};
            int v = vote[i]->GetSelection();
            if (auto x = enum_at<Vote>(v - 1)) m.votes[members[i]] = *x;
        }
        s.put_meeting(m, wb_.reviewer);
        wb_.changed();
    } catch (const std::exception& e) {
        show_error(this, e);
    }
}

void CommitteePanel::OnObservation() {
    Session& s = *wb_.session;
    if (!s.meeting()) {
        wxMessageBox(to_wx("Enregistrez d'abord la séance."), to_wx("Observation"), wxOK | wxICON_INFORMATION, this);
        return;
    }
    wxArrayString names;
    std::vector<std::string> members;
    for (const auto& [name, p] : s.team().people)
        if (p.role == Role::CommitteeMember) names.Add(to_wx(name)), members.push_back(name);
    wxSingleChoiceDialog who(this, to_wx("Membre qui demande l'ajout de l'observation :"), to_wx("Observation"), names);
    if (who.ShowModal() != wxID_OK) return;
    std::string text = ask(this, "Observation portée au procès-verbal :", "Observation");
    if (text.empty()) return;
    try {
        Meeting m = *s.meeting();
        m.observations.emplace_back(members[static_cast<std::size_t>(who.GetSelection())], text);
        s.put_meeting(m, wb_.reviewer);
        wb_.changed();
    } catch (const std::exception& e) {
        show_error(this, e);
    }
}

void CommitteePanel::OnOpinion() {
    const Dossier* d = wb_.dossier();
    if (!d) return;
    wxArrayString choices;
    for (const auto& label : enum_labels<Opinion>()) choices.Add(to_wx(label));
    wxSingleChoiceDialog dlg(this, to_wx("Votre avis sur le dossier " + d->reference + " :"), to_wx("Avis de membre"), choices);
    if (dlg.ShowModal() != wxID_OK) return;
    Opinion o = enum_at<Opinion>(dlg.GetSelection()).value_or(Opinion::Favourable);
    std::string comment = ask(this, o == Opinion::Favourable ? "Commentaire (facultatif) :" : "Raison de cet avis :", "Avis de membre");
    try {
        wb_.session->give_opinion(d->id, {wb_.reviewer, o, comment}, wb_.reviewer);
        wb_.changed();
    } catch (const std::exception& e) {
        show_error(this, e);
    }
}

void CommitteePanel::OnDocument(bool minutes) {
    wxFileDialog dlg(this, to_wx(minutes ? "Procès-verbal de la séance" : "Dossier de la commission"), "",
                     minutes ? "proces-verbal.pdf" : "dossier-commission.pdf", to_wx("PDF (*.pdf)|*.pdf"),
                     wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dlg.ShowModal() != wxID_OK) return;
    try {
        wxBusyCursor busy;
        if (minutes) wb_.session->write_minutes(from_wx(dlg.GetPath()));
        else wb_.session->write_committee_file(from_wx(dlg.GetPath()));
        wxMessageBox(to_wx("Écrit dans " + from_wx(dlg.GetPath()) + "."), to_wx("Commission"), wxOK | wxICON_INFORMATION, this);
    } catch (const std::exception& e) {
        show_error(this, e);
    }
}

}  // namespace cotation::gui
