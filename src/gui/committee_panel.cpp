#include "committee_panel.h"

#include <wx/filedlg.h>

#include <algorithm>

#include "actions.h"
#include "colours.h"
#include "app/input.h"
#include "core/enums.h"
#include "core/error.h"
#include "core/french.h"
#include "core/read_rules.h"
#include "layout.h"
#include "wx_text.h"

namespace cotation::gui {

CommitteePanel::CommitteePanel(wxWindow* parent, Workbench& wb) : wxPanel(parent), wb_(wb) {
    summary_ = heading(this, "");
    quorum_ = new wxStaticText(this, wxID_ANY, "");
    members_ = make_list(this, {{"Membre", 230}, {"Organisation", 320}, {"Voix", 110}, {"Présence", 110}, {"Mandat à", 150},
                                {"Vote", 90}, {"Ne délibère pas sur", 220}}, 215);
    auto* meeting = action_button(this, Action::RecordMeeting);
    auto* observation = action_button(this, Action::AddObservation);
    auto* file = action_button(this, Action::CommitteeFile);
    auto* minutes = action_button(this, Action::Minutes);
    auto* reports = action_button(this, Action::InstructionReports);
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
        std::string q = fr::plural(check->present, "présent") + " et " + fr::plural(check->represented, "représenté") +
                        " sur " + std::to_string(check->deliberative) + " membres à voix délibérative ; quorum : " +
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
            presence = enum_label(pr);
            if (pr == Presence::Represented) proxy = a->second.proxy;
            if (auto v = m->votes.find(name); v != m->votes.end()) vote = vote_label(v->second);
        }
        // The core's rule (name, SIREN or FINESS), as the meeting's check (review 12C M1).
        for (const auto& c : team.conflicts)
            if (c.reviewer == name)
                for (const auto& ref : covered_references(c, s.dossiers())) interests += (interests.empty() ? "" : ", ") + ref;
        add_row(members_, {name + (m && m->president == name ? " (présidence)" : ""), p.organisation,
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





}  // namespace cotation::gui
