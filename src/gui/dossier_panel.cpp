#include <wx/statline.h>

#include <algorithm>

#include "actions.h"
#include "documents_dialog.h"
#include "app/accounts.h"
#include "colours.h"
#include "core/eligibility.h"
#include "core/french.h"
#include "io/reference_data.h"
#include "layout.h"
#include "panels.h"
#include "wx_text.h"

namespace cotation::gui {

DossierPanel::DossierPanel(wxWindow* parent, Workbench& wb) : wxPanel(parent), wb_(wb) {
    title_ = new wxStaticText(this, wxID_ANY, "");
    title_->SetFont(title_->GetFont().Bold().Larger());
    verdict_ = new wxStaticText(this, wxID_ANY, "");
    verdict_->SetFont(verdict_->GetFont().Bold());
    edit_ = action_button(this, Action::EditDossier);

    facts_ = make_list(this, {{"Information", 330}, {"Valeur déclarée", 270}});
    // Ticking a document edits the dossier: greyed out as its edition is.
    documents_ = new wxCheckListBox(this, action_id(Action::EditDossier));
    rules_ = make_list(this, {{"Condition", 330}, {"Résultat", 120}, {"Motif ou fait manquant", 420}, {"Source", 420}});

    auto* head = new wxBoxSizer(wxHORIZONTAL);
    auto* titles = new wxBoxSizer(wxVERTICAL);
    titles->Add(title_, wxSizerFlags().Expand());
    titles->Add(verdict_, wxSizerFlags().Expand().Border(wxTOP, 4));
    head->Add(titles, wxSizerFlags(1));
    head->Add(edit_, wxSizerFlags().Top());

    auto* upper = new wxBoxSizer(wxHORIZONTAL);
    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(heading(this, "Faits déclarés"), wxSizerFlags().Expand().Border(wxBOTTOM, 4));
    left->Add(facts_, wxSizerFlags(1).Expand());
    auto* right = new wxBoxSizer(wxVERTICAL);
    right->Add(heading(this, "Pièces reçues (cocher à réception)"), wxSizerFlags().Expand().Border(wxBOTTOM, 4));
    right->Add(documents_, wxSizerFlags(1).Expand());
    upper->Add(left, wxSizerFlags(1).Expand().Border(wxRIGHT, 8));
    upper->Add(right, wxSizerFlags(1).Expand());

    auto* main = new wxBoxSizer(wxVERTICAL);
    main->Add(head, wxSizerFlags().Expand().Border(wxALL, 10));
    main->Add(upper, wxSizerFlags(3).Expand().Border(wxLEFT | wxRIGHT, 10));
    main->Add(heading(this, "Complétude et conformité"), wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, 10));
    main->Add(rules_, wxSizerFlags(2).Expand().Border(wxALL, 10));
    SetSizer(main);

    documents_->Bind(wxEVT_CHECKLISTBOX, &DossierPanel::OnDocumentToggled, this);
    // Ticking a piece received edits the dossier: the instruction team's, on
    // an open campaign (Session::update_dossier): greyed out for the others.
    documents_->Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& e) {
        e.Enable(wb_.session && !wb_.session->closed() && wb_.session->team().may_instruct(wb_.reviewer).empty());
    });
}

void DossierPanel::Reload() {
    facts_->DeleteAllItems();
    rules_->DeleteAllItems();
    documents_->Clear();
    document_ids_.clear();
    const Dossier* d = wb_.dossier();
    if (!d) {
        title_->SetLabel(to_wx("Aucun dossier sélectionné"));
        verdict_->SetLabel("");
        return;
    }
    Session& s = *wb_.session;
    const Grid& g = s.grid();
    const RankEntry* e = s.entry_of(*wb_.selected);
    title_->SetLabel(to_wx(d->reference + " — " + d->organisme));
    std::string verdict = e->prior_rejection.empty() ? verdict_label(e->eligibility) : e->prior_rejection;
    if (e->apart()) verdict += " : non classé";
    else if (e->proposal == Proposal::Unrated) verdict += " — non noté, hors classement";   // trial 13c F4
    else if (e->rank) {
        // Neither total nor place of what the reader may not read, as the list
        // and the ranking say it (core/read_rules.h, core/ranking_reading.h).
        const DossierReading reading = s.reading(d->id);
        if (!reading.others) verdict += " — total masqué — " + reading.why;
        else {
            verdict += " — " + fr::number(e->score.total) + " / " + fr::number(g.max_total()) + " points";
            if (ranking_reading(s).places) verdict += ", rang " + std::to_string(e->rank) + (e->ex_aequo ? " ex aequo" : "");
            else verdict += ", rang masqué : un dossier classé ne vous est pas lisible";
        }
    }
    auto missing = e->eligibility.blocking_missing_facts();
    if (!missing.empty()) {
        verdict += " — à compléter : ";
        verdict += fr::join(missing);
    }
    verdict_->SetLabel(to_wx(verdict));
    verdict_->SetForegroundColour(e->apart() ? colour(Colour::Refused)
                                  : e->eligibility.undecidable() ? colour(Colour::Attention) : colour(Colour::Passed));

    auto add_fact = [&](const std::string& label, const std::string& value) {
        long i = facts_->InsertItem(facts_->GetItemCount(), to_wx(label));
        facts_->SetItem(i, 1, value.empty() ? to_wx("— non renseigné —") : to_wx(value));
        if (value.empty()) facts_->SetItemTextColour(i, colour(Colour::Attention));
    };
    const io::CommuneInfo* commune = io::ReferenceData::instance().commune(d->commune);
    add_fact("SIRET", d->siret);
    add_fact("FINESS", d->finess);
    add_fact("Commune d'implantation", commune ? commune->name + " (" + d->commune + ", " +
                                                     io::ReferenceData::instance().departement_name(commune->departement) + ")"
                                               : d->commune);
    for (const FactDef* f : g.identity_facts())
        if (f->id == "places" || f->id == "budget_annuel" || f->id == "date_depot")
            add_fact(f->label, display(*f, d->get(f->id)));
    for (const auto& f : g.facts)
        if (!Grid::is_builtin(f.id)) add_fact(f.label, display(f, fact_value(g, s.campaign(), *d, f.id)));

    for (const auto& doc : g.documents) {
        int i = documents_->Append(to_wx(doc.label));
        documents_->Check(static_cast<unsigned>(i), d->documents.count(doc.id) > 0);
        document_ids_.push_back(doc.id);
    }

    for (const auto& dr : e->eligibility.documents) {
        if (dr.received) continue;
        long i = rules_->InsertItem(rules_->GetItemCount(), to_wx("Pièce : " + dr.document->label));
        rules_->SetItem(i, 1, to_wx(dr.unknown ? "non renseignée" : "manquante"));
        rules_->SetItem(i, 2, to_wx(dr.document->eliminating ? "Dossier incomplet : pièce exigée" : "Pièce attendue"));
        rules_->SetItem(i, 3, to_wx(dr.document->source));
        rules_->SetItemTextColour(i, colour(Colour::Refused));
    }
    // What needs attention first: failures, then undecided, then the rest.
    std::vector<const RuleResult*> ordered;
    for (const auto& r : e->eligibility.rules) ordered.push_back(&r);
    auto weight = [](const RuleResult* r) {
        if (r->outcome == Outcome::Failed) return r->rule->effect == RuleEffect::Eliminating ? 0 : 2;
        if (r->outcome == Outcome::Undecidable) return 1;
        return r->outcome == Outcome::Passed ? 3 : 4;
    };
    std::stable_sort(ordered.begin(), ordered.end(), [&](auto* a, auto* b) { return weight(a) < weight(b); });
    for (const RuleResult* rp : ordered) {
        const RuleResult& r = *rp;
        long i = rules_->InsertItem(rules_->GetItemCount(), to_wx(r.rule->label));
        std::string outcome = outcome_label(r.outcome);
        if (r.rule->effect == RuleEffect::Attention && r.outcome == Outcome::Failed) outcome = "point de vigilance";
        rules_->SetItem(i, 1, to_wx(outcome));
        std::string detail;
        if (r.outcome == Outcome::Failed) detail = r.message;   // with the values compared
        if (r.blocked_by) detail = "Non évaluée : dépend de « " + r.blocked_by->label + " », non conforme.";
        if (r.outcome == Outcome::Undecidable) {
            detail = "Manque : ";
            detail += fr::join(r.missing);
        }
        rules_->SetItem(i, 2, to_wx(detail));
        rules_->SetItem(i, 3, to_wx(r.rule->source));
        if (r.outcome == Outcome::Failed)
            rules_->SetItemTextColour(
                i, r.rule->effect == RuleEffect::Eliminating ? colour(Colour::Refused) : colour(Colour::Attention));
        else if (r.outcome == Outcome::Undecidable)
            rules_->SetItemTextColour(i, colour(Colour::Attention));
        else if (r.outcome == Outcome::Passed)
            rules_->SetItemTextColour(i, colour(Colour::Passed));
        else
            rules_->SetItemTextColour(i, colour(Colour::Faint));
    }
    Layout();
}

void DossierPanel::OnDocumentToggled(wxCommandEvent& ev) {
    const Dossier* d = wb_.dossier();
    if (!d) return;
    Dossier after = *d;
    const std::string& id = document_ids_.at(static_cast<std::size_t>(ev.GetInt()));
    // The answer to a request for missing pieces: dated (documents_dialog.h).
    if (documents_->IsChecked(static_cast<unsigned>(ev.GetInt())) && wb_.session->pieces(d->id).awaiting()) {
        receive_pieces_dialog(this, wb_, id);
        wb_.changed(Change::Dossier);
        return;
    }
    if (documents_->IsChecked(static_cast<unsigned>(ev.GetInt()))) after.documents.insert(id);
    else after.documents.erase(id);
    try {
        wb_.session->update_dossier(after, wb_.reviewer);
    } catch (const std::exception& e) {
        show_error(this, e);
    }
    wb_.changed(Change::Dossier);
}

}  // namespace cotation::gui
