#include "procedure_panel.h"

#include <wx/filedlg.h>
#include <wx/radiobox.h>

#include "actions.h"
#include "app/input.h"
#include "colours.h"
#include "core/enums.h"
#include "core/error.h"
#include "core/french.h"
#include "core/rejection_rules.h"
#include "layout.h"
#include "wx_text.h"

namespace cotation::gui {

namespace {

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
    std::string sum = "Au " + Session::today().french_numeric() + " : " +
                      fr::plural(late, "échéance dépassée", "échéances dépassées") + ", " + std::to_string(soon) + " dans les " +
                      std::to_string(calendar_warning_days) + " jours";
    if (!next.empty()) sum += " · prochaine : " + next;
    set_heading(summary_, (sum));
    summary_->SetForegroundColour(late ? colour(Colour::Refused) : soon ? colour(Colour::Attention) : colour(Colour::Text));

    // The words of the campaign's procedure, never those of another kind of call.
    const ProcedureDef& p = s.procedure();
    const std::string name = rejection_name(p);
    set_heading(refusals_heading_,
                (!p.prior_rejection ? "La procédure « " + p.title + " » ne prévoit pas d'écarter un dossier avant l'évaluation."
                                    : fr::capitalized(name) + " — dossiers écartés avant l'évaluation" +
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

std::optional<std::string> ProcedurePanel::selected_step() const {
    long i = calendar_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (i < 0 || static_cast<std::size_t>(i) >= step_ids_.size()) return std::nullopt;
    return step_ids_[static_cast<std::size_t>(i)];
}

std::optional<std::int64_t> ProcedurePanel::selected_rejection() const {
    long i = refusals_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (i < 0 || static_cast<std::size_t>(i) >= refused_ids_.size()) return std::nullopt;
    return refused_ids_[static_cast<std::size_t>(i)];
}

}  // namespace cotation::gui
