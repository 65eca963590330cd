// The actions of the buttons that save what their view's form holds
// (declared in actions.cpp with when they are enabled, run by the frame):
// each reads the view's form through its typed accessors, calls the Session,
// then says what changed. The views only show; none binds these buttons.
#include <wx/radiobox.h>

#include "actions.h"
#include "app/input.h"
#include "store/campaign_store.h"
#include "consolidation_panel.h"
#include "core/enums.h"
#include "core/french.h"
#include "core/rejection_rules.h"
#include "decision_panel.h"
#include "layout.h"
#include "main_frame.h"
#include "procedure_panel.h"
#include "wx_text.h"

namespace cotation::gui {

void save_rating(MainFrame& f) {
    Workbench& wb = f.workbench();
    RatingPanel* p = f.rating_panel();
    const Dossier* d = wb.dossier();
    const Criterion* c = p ? p->current_criterion() : nullptr;
    if (!d || !c) return;
    int value = p->chosen_level();
    std::string just = typed_from_wx(p->justification()->GetValue());
    std::string problem;
    if (wb.reviewer.empty()) problem = "Indiquez d'abord votre nom dans le champ « Évaluateur ».";
    else if (value < 0)
        problem = "Aucune note choisie pour le critère " + c->id + " : cliquez sur un niveau de " +
                  wb.session->grid().scale_text() + " avant d'enregistrer.";
    else if (fr::trim(just).empty()) problem = "Écrivez la justification : une note sans justification ne compte pas.";
    if (!problem.empty()) {
        wxMessageBox(to_wx(problem), to_wx("Cotation"), wxOK | wxICON_WARNING, p);
        return;
    }
    try {
        wb.session->put_rating_seen({d->id, wb.reviewer, c->id, value, fr::trim(just)}, p->shown_rating(), wb.reviewer);
    } catch (const StaleCampaign& e) {
        // Changed by another person since it was shown: said, the typing kept
        // as a draft over the value now stored (a second save replaces it knowingly).
        show_error(p, e);
        p->RebaseDraft();
        wb.changed(Change::Rating);
        return;
    } catch (const std::exception& e) {
        show_error(p, e);
        return;
    }
    p->DropDraft();
    p->NextCriterion();
    wb.changed(Change::Rating);
}

void submit_ratings(MainFrame& f) {
    Workbench& wb = f.workbench();
    const Dossier* d = wb.dossier();
    if (!d) return;
    try {
        wb.session->submit(d->id, wb.reviewer, wb.reviewer);
        wb.changed(Change::Rating | Change::Team);
    } catch (const std::exception& e) {
        show_error(f.rating_panel(), e);
    }
}

void save_consolidation(MainFrame& f) {
    Workbench& wb = f.workbench();
    auto* p = f.page_as<ConsolidationPanel>(View::Consolidation);
    auto form = p ? p->form() : std::nullopt;
    if (!form) return;
    try {
        Session& s = *wb.session;
        const Rational value = input::rating("Note consolidée", form->value, s.grid().scale_min, s.grid().scale_max);
        s.consolidate(s.dossiers()[form->dossier].id, form->criterion, value, form->reason, wb.reviewer);
        wb.changed(Change::Rating);
    } catch (const std::exception& e) {
        show_error(p, e);
    }
}

void save_decision(MainFrame& f) {
    Workbench& wb = f.workbench();
    DecisionPanel* p = f.decision_panel();
    auto index = p ? p->selected() : std::nullopt;
    if (!index) return;
    Session& s = *wb.session;
    const Dossier& d = s.dossiers()[*index];
    try {
        Decision x;
        x.kind = enum_at<DecisionKind>(p->kind()->GetSelection()).value_or(DecisionKind::NotRetained);
        x.date = input::date("Date de décision", from_wx(p->date()->GetValue()));
        std::string places = fr::trim(from_wx(p->places()->GetValue()));
        if (x.kind == DecisionKind::Retained && !places.empty()) x.places = input::places("Capacité accordée", places);
        x.motive = typed_from_wx(p->motive()->GetValue());
        x.departure_reason = typed_from_wx(p->departure()->GetValue());
        s.decide(d.id, x, wb.reviewer);
        wb.changed(Change::Decision);
    } catch (const std::exception& e) {
        show_error(p, e);
    }
}

void mark_step_done(MainFrame& f) {
    Workbench& wb = f.workbench();
    ProcedurePanel* p = f.procedure_panel();
    auto id = p ? p->selected_step() : std::nullopt;
    if (!id) return;
    if (!wb.session->procedure().recordable(*id)) {
        wxMessageBox(to_wx("Cette étape suit les données de la campagne (dates de l'avis, séance, décisions) : "
                           "elle ne se déclare pas à la main."),
                     to_wx("Calendrier"), wxOK | wxICON_INFORMATION, p);
        return;
    }
    std::string date =
        ask(p, "Date à laquelle l'étape a été faite (JJ/MM/AAAA) :", "Étape faite", Session::today().french_numeric());
    if (date.empty()) return;
    try {
        wb.session->record_step(*id, input::date("Date de l'étape « " + *id + " »", date), wb.reviewer);
        wb.changed(Change::Procedure);
    } catch (const std::exception& e) {
        show_error(p, e);
    }
}

void reject_prior_dialog(MainFrame& f) {
    Workbench& wb = f.workbench();
    ProcedurePanel* parent = f.procedure_panel();
    Session& s = *wb.session;
    const ProcedureDef& p = s.procedure();
    if (!p.prior_rejection) return;
    wxDialog dlg(parent, wxID_ANY, to_wx(fr::capitalized(rejection_name(p)) + in_parentheses(p.prior_rejection->basis)),
                 wxDefaultPosition, wxSize(640, 420));
    wxArrayString refs;
    int selection = 0;
    auto late = s.late_dossiers();
    for (std::size_t i = 0; i < s.dossiers().size(); ++i) {
        refs.Add(to_wx(s.dossiers()[i].reference + " — " + s.dossiers()[i].organisme));
        if ((!late.empty() && i == late.front()) || (late.empty() && wb.selected && i == *wb.selected))
            selection = static_cast<int>(i);
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
        s.reject_prior(d.id, codes[static_cast<std::size_t>(ground->GetSelection())], from_wx(motive->GetValue()), wb.reviewer);
        wb.changed(Change::Procedure);
    } catch (const std::exception& e) {
        show_error(parent, e);
    }
}

void lift_rejection(MainFrame& f) {
    Workbench& wb = f.workbench();
    ProcedurePanel* p = f.procedure_panel();
    auto id = p ? p->selected_rejection() : std::nullopt;
    if (!id) return;
    const std::string name = rejection_name(wb.session->procedure());
    std::string reason = ask(p, "Motif de la levée (révision demandée) :", "Lever le " + name);
    if (reason.empty()) return;
    try {
        wb.session->lift_prior_rejection(*id, reason, wb.reviewer);
        wb.changed(Change::Procedure);
    } catch (const std::exception& e) {
        show_error(p, e);
    }
}

}  // namespace cotation::gui
