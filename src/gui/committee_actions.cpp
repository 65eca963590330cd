// The committee view's actions (declared in actions.cpp, run by the frame for
// the view's buttons): the meeting, an observation, a member's opinion.
#include <wx/choicdlg.h>
#include <wx/filedlg.h>
#include <wx/msgdlg.h>
#include <wx/utils.h>

#include <algorithm>

#include "actions.h"
#include "app/campaign_check.h"
#include "app/input.h"
#include "core/enums.h"
#include "core/error.h"
#include "core/french.h"
#include "layout.h"
#include "wx_text.h"

namespace cotation::gui {

void record_meeting_dialog(wxWindow* parent, Workbench& wb) {
    Session& s = *wb.session;
    std::vector<std::string> members;
    for (const auto& [name, p] : s.team().people)
        if (p.role == Role::CommitteeMember) members.push_back(name);
    if (members.empty()) {
        wxMessageBox(to_wx("Déclarez d'abord les membres de la commission (rôle « membre de commission »)."), to_wx("Séance"),
                     wxOK | wxICON_INFORMATION, parent);
        return;
    }
    Meeting m = s.meeting_draft();
    const CommitteeRules rules = s.procedure().committee.value_or(CommitteeRules{});
    wxDialog dlg(parent, wxID_ANY, to_wx("Séance de la " + (rules.name.empty() ? std::string("commission") : rules.name)),
                 wxDefaultPosition, wxSize(900, 520));
    auto* date = new wxTextCtrl(&dlg, wxID_ANY, to_wx(m.date.french_numeric()));
    wxArrayString names, proxies;
    proxies.Add(to_wx("—"));
    for (const auto& n : members) names.Add(to_wx(n)), proxies.Add(to_wx(n));
    auto* president = new wxChoice(&dlg, wxID_ANY, wxDefaultPosition, wxDefaultSize, names);
    auto pos = std::find(members.begin(), members.end(), m.president);
    president->SetSelection(pos == members.end() ? 0 : static_cast<int>(pos - members.begin()));
    // The window asks the president's civility: the minutes' agreements follow
    // it, never a first name nor a masculine by default (trial 1011C F5).
    wxArrayString civilities;
    civilities.Add(to_wx("— à indiquer —"));   // then the enum table's, in its order
    for (const auto& label : enum_labels<Civility>()) civilities.Add(to_wx(label));
    auto* civility = new wxChoice(&dlg, wxID_ANY, wxDefaultPosition, wxDefaultSize, civilities);
    civility->SetSelection(m.president_civility ? 1 + enum_position(*m.president_civility) : 0);
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
    top->Add(new wxStaticText(&dlg, wxID_ANY, to_wx("Présidence de séance :")),
             wxSizerFlags().CenterVertical().Border(wxRIGHT, 6));
    top->Add(civility, wxSizerFlags().CenterVertical().Border(wxRIGHT, 6));
    top->Add(president, wxSizerFlags().CenterVertical());
    // The committee's rules as the procedure declares them.
    std::string rules_text =
        "Un membre ayant déclaré un lien avec un candidat ne prend pas part au vote" + in_parentheses(rules.interest_basis) +
        " ; quorum : " + std::to_string(rules.quorum_percent) + " % des membres à voix délibérative ; " +
        (rules.proxies_per_member == 0   ? std::string("pas de mandat")
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
        m.president_civility = enum_at<Civility>(civility->GetSelection() - 1);
        if (!m.president_civility)
            throw InputError("Indiquez la civilité de « " + m.president +
                             " » (Mme ou M.) : le procès-verbal l'accorde (présidente ou président de séance). "
                             "Rien n'a été enregistré.");
        m.attendance.clear();
        m.votes.clear();
        for (std::size_t i = 0; i < members.size(); ++i) {
            Presence pr = enum_at<Presence>(presence[i]->GetSelection()).value_or(Presence::Absent);
            std::string holder =
                proxy[i]->GetSelection() > 0 ? members[static_cast<std::size_t>(proxy[i]->GetSelection() - 1)] : "";
            // Represented without a holder: refused by the core (complete_meeting).
            m.attendance[members[i]] = {pr, pr == Presence::Represented ? holder : ""};
            int v = vote[i]->GetSelection();
            if (auto x = enum_at<Vote>(v - 1)) m.votes[members[i]] = *x;
        }
        s.put_meeting(m, wb.reviewer);
        wb.changed(Change::Procedure);
    } catch (const std::exception& e) {
        show_error(parent, e);
    }
}

void add_observation_dialog(wxWindow* parent, Workbench& wb) {
    Session& s = *wb.session;
    if (!s.meeting()) {
        wxMessageBox(to_wx("Enregistrez d'abord la séance."), to_wx("Observation"), wxOK | wxICON_INFORMATION, parent);
        return;
    }
    wxArrayString names;
    std::vector<std::string> members;
    for (const auto& [name, p] : s.team().people)
        if (p.role == Role::CommitteeMember) names.Add(to_wx(name)), members.push_back(name);
    wxSingleChoiceDialog who(parent, to_wx("Membre qui demande l'ajout de l'observation :"), to_wx("Observation"), names);
    if (who.ShowModal() != wxID_OK) return;
    std::string text = ask(parent, "Observation portée au procès-verbal :", "Observation");
    if (text.empty()) return;
    try {
        Meeting m = *s.meeting();
        m.observations.emplace_back(members[static_cast<std::size_t>(who.GetSelection())], text);
        s.put_meeting(m, wb.reviewer);
        wb.changed(Change::Procedure);
    } catch (const std::exception& e) {
        show_error(parent, e);
    }
}

void give_opinion_dialog(wxWindow* parent, Workbench& wb) {
    const Dossier* d = wb.dossier();
    if (!d) return;
    wxArrayString choices;
    for (const auto& label : enum_labels<Opinion>()) choices.Add(to_wx(label));
    wxSingleChoiceDialog dlg(parent, to_wx("Votre avis sur le dossier " + d->reference + " :"), to_wx("Avis de membre"), choices);
    if (dlg.ShowModal() != wxID_OK) return;
    Opinion o = enum_at<Opinion>(dlg.GetSelection()).value_or(Opinion::Favourable);
    std::string comment =
        ask(parent, o == Opinion::Favourable ? "Commentaire (facultatif) :" : "Raison de cet avis :", "Avis de membre");
    try {
        wb.session->give_opinion(d->id, {wb.reviewer, o, comment}, wb.reviewer);
        wb.changed(Change::Procedure);
    } catch (const std::exception& e) {
        show_error(parent, e);
    }
}

void write_committee_document(wxWindow* parent, Workbench& wb, bool minutes) {
    wxFileDialog dlg(parent, to_wx(minutes ? "Procès-verbal de la séance" : "Dossier de la commission"), "",
                     minutes ? "proces-verbal.pdf" : "dossier-commission.pdf", to_wx("PDF (*.pdf)|*.pdf"),
                     wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dlg.ShowModal() != wxID_OK) return;
    try {
        wxBusyCursor busy;
        if (minutes) wb.session->write_minutes(from_wx(dlg.GetPath()));
        else wb.session->write_committee_file(from_wx(dlg.GetPath()));
        wxMessageBox(to_wx("Écrit dans " + from_wx(dlg.GetPath()) + "."), to_wx("Commission"), wxOK | wxICON_INFORMATION, parent);
    } catch (const std::exception& e) {
        show_error(parent, e);
    }
}

void write_instruction_reports(wxWindow* parent, Workbench& wb) {
    write_to_folder(parent, "Dossier où écrire les comptes rendus d'instruction", "comptes rendus (PDF)",
                    [&wb](const std::string& dir) { return wb.session->write_instruction_reports(dir); });
}

void verify_journal(wxWindow* parent, Workbench& wb) {
    // What `journal verify` checks (app/campaign_check.h), on the session the window holds.
    JournalCheck c = wb.session->store().verify_journal();
    add_campaign_rule_checks(*wb.session, c);
    std::string text = c.ok ? "Journal intact : " + std::to_string(c.entries) + " entrées, chaîne d'empreintes vérifiée."
                            : "Journal ALTÉRÉ :";
    for (const auto& p : c.problems) text += "\n• " + p;
    wxMessageBox(to_wx(text), to_wx("Journal"), wxOK | (c.ok ? wxICON_INFORMATION : wxICON_ERROR), parent);
}

}  // namespace cotation::gui
