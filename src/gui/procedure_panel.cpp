#include "procedure_panel.h"

#include <wx/filedlg.h>
#include <wx/radiobox.h>

#include "actions.h"
#include "app/input.h"
#include "colours.h"
#include "core/enums.h"
#include "core/error.h"
#include "core/french.h"
#include "layout.h"
#include "wx_text.h"

namespace cotation::gui {
namespace {
// « refus préalable », « rejet avant évaluation »: as the procedure calls it.
std::string rejection_name(const ProcedureDef& p) {
    return p.prior_rejection ? p.prior_rejection->name : std::string("refus préalable");
}
std::string capitalized(std::string s) {
    if (s.rfind("\xc3\xa9", 0) == 0) return "\xc3\x89" + s.substr(2);   // é -> É
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

wxColour state_colour(StepState s) {
    switch (s) {
        case StepState::Overdue: return colour(Colour::Refused);
        case StepState::Soon: return colour(Colour::Attention);
        case StepState::Done: return colour(Colour::Passed);
        default: return wxNullColour;
    }
}

}  // namespace

ProcedurePanel::ProcedurePanel(wxWindow* parent, Workbench& wb) : wxPanel(parent), wb_(wb) {
    summary_ = heading(this, "");
    calendar_ = make_list(this, {{"Échéance", 95}, {"État", 140}, {"Étape", 555}, {"Base", 290}, {"Fait le", 95}}, 250);
    auto* done = action_button(this, Action::MarkStepDone);
    late_ = new wxStaticText(this, wxID_ANY, "");
    late_->SetForegroundColour(colour(Colour::Attention));
    refusals_ = make_list(this, {{"Dossier", 110}, {"Organisme", 220}, {"Motif", 370}, {"Décision motivée", 420},
                                 {"Date", 95}});
    refusals_heading_ = heading(this, "");
    refuse_ = action_button(this, Action::RejectPrior);
    lift_ = action_button(this, Action::LiftRejection);

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
                st.done_late ? colour(Colour::Attention) : state_colour(st.state));
        step_ids_.push_back(st.id);
    }
    CalendarAlert alert = calendar_alert(steps);
    int late = alert.late, soon = alert.soon;
    std::string sum = "Au " + Session::today().french_numeric() + " : " + fr::plural(late, "échéance dépassée", "échéances dépassées") + ", " +
                      std::to_string(soon) + " dans les " + std::to_string(calendar_warning_days) + " jours";
    if (!next.empty()) sum += " · prochaine : " + next;
    set_heading(summary_, (sum));
    summary_->SetForegroundColour(late ? colour(Colour::Refused) : soon ? colour(Colour::Attention) : colour(Colour::Text));

    // The words of the campaign's procedure, never those of another kind of call.
    const ProcedureDef& p = s.procedure();
    const std::string name = rejection_name(p);
    set_heading(refusals_heading_, (!p.prior_rejection
                                          ? "La procédure « " + p.title + " » ne prévoit pas d'écarter un dossier avant l'évaluation."
                                          : capitalized(name) + " — dossiers écartés avant l'évaluation" +
                                                in_parentheses(p.prior_rejection->basis)));
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
        wb_.changed(Change::Procedure);
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
        wb_.changed(Change::Procedure);
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
        wb_.changed(Change::Procedure);
    } catch (const std::exception& e) {
        show_error(this, e);
    }
}

}  // namespace cotation::gui
