#include "committee_panel.h"

#include <wx/filedlg.h>

#include <algorithm>

#include "actions.h"
#include "colours.h"
#include "app/input.h"
#include "core/enums.h"
#include "core/error.h"
#include "core/french.h"
#include "layout.h"
#include "wx_text.h"

namespace cotation::gui {
namespace {
const char* presence_label(Presence p) {
    switch (p) {
        case Presence::Present: return "présent(e)";
        case Presence::Represented: return "représenté(e)";
        case Presence::Absent: return "absent(e)";
    }
    return "";
}

}  // namespace

CommitteePanel::CommitteePanel(wxWindow* parent, Workbench& wb) : wxPanel(parent), wb_(wb) {
    summary_ = heading(this, "");
    quorum_ = new wxStaticText(this, wxID_ANY, "");
    members_ = make_list(this, {{"Membre", 230}, {"Organisation", 320}, {"Voix", 110}, {"Présence", 110}, {"Mandat à", 150},
                                {"Vote", 90}, {"Ne délibère pas sur", 220}}, 215);
    auto* meeting = action_button(this, Action::RecordMeeting);
    auto* observation = action_button(this, Action::AddObservation);
    auto* file = new wxButton(this, wxID_ANY, to_wx("Dossier de la commission (PDF)…"));
    auto* minutes = new wxButton(this, wxID_ANY, to_wx("Procès-verbal (PDF)…"));
    auto* reports = new wxButton(this, wxID_ANY, to_wx("Comptes rendus d'instruction (PDF)…"));
    observations_ = make_list(this, {{"Membre", 150}, {"Observation", 900}}, 120);
    observations_->SetMinSize(wxSize(300, 120));
    opinions_title_ = heading(this, "");
    opinions_ = make_list(this, {{"Membre", 150}, {"Avis", 95}, {"Raison", 700}});
    opinions_->SetMinSize(wxSize(300, 120));
    opinion_ = action_button(this, Action::GiveOpinion);

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
        summary_->SetForegroundColour(colour(Colour::Text));
        quorum_->SetLabel("");
    } else if (!m) {
        set_heading(summary_, ("Aucune séance de la " + committee->name + " enregistrée." +
                                 (committee->opinion.empty() ? "" : " " + committee->opinion)));
        summary_->SetForegroundColour(colour(Colour::Text));
        quorum_->SetLabel("");
    } else {
        set_heading(summary_, ("Séance du " + m->date.french_long() + ", présidée par " + m->president + " — " + check->outcome));
        summary_->SetForegroundColour(check->adopted ? colour(Colour::Passed) : colour(Colour::Refused));
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
        quorum_->SetForegroundColour(changes.empty() ? colour(Colour::Text) : colour(Colour::Attention));
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
                interests.empty() ? wxNullColour : colour(Colour::Attention));
    }
    observations_->DeleteAllItems();
    if (m)
        for (const auto& [name, text] : m->observations) add_row(observations_, {name, text});
    ShowOpinions();
}

void CommitteePanel::ShowOpinions() {
    if (!wb_.session) return;
    Session& s = *wb_.session;
    opinions_->DeleteAllItems();
    const Dossier* d = wb_.dossier();
    set_heading(opinions_title_, (d ? "Avis des membres — " + d->reference + " " + d->organisme : "Avis des membres"));
    if (d)
        if (auto it = s.opinions().find(d->id); it != s.opinions().end())
            for (const auto& o : it->second)
                add_row(opinions_, {o.member, opinion_label(o.opinion), o.comment},
                        o.opinion == Opinion::Unfavourable ? colour(Colour::Refused) : wxNullColour);
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
        wb_.changed(Change::Procedure);
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
        wb_.changed(Change::Procedure);
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
        wb_.changed(Change::Procedure);
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
