#include "consolidation_panel.h"

#include "actions.h"
#include "colours.h"
#include "core/french.h"

#include <algorithm>
#include <tuple>
#include "layout.h"
#include "wx_text.h"

namespace cotation::gui {

ConsolidationPanel::ConsolidationPanel(wxWindow* parent, Workbench& wb) : wxPanel(parent), wb_(wb) {
    summary_ = heading(this, "");
    list_ = make_list(this, {{"Dossier", 105}, {"Critère", 60}, {"Notes", 80}, {"Moyenne", 70}, {"État", 180}});
    list_->SetInitialSize(wxSize(520, -1));
    title_ = new WrappedText(this);
    title_->SetFont(title_->GetFont().Bold());
    side_ = make_list(this, {{"Évaluateur", 220}, {"Note", 55, true}, {"Justification", 560}}, 200);
    mean_ = new wxStaticText(this, wxID_ANY, "");
    value_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(90, -1));
    reason_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 70), wxTE_MULTILINE);
    reason_->SetHint(to_wx("Motif (obligatoire si la note retenue s'écarte de la moyenne)"));
    auto* save = action_button(this, Action::SaveConsolidation);

    auto* right = new wxBoxSizer(wxVERTICAL);
    right->Add(title_, wxSizerFlags().Expand().Border(wxBOTTOM, 6));
    right->Add(side_, wxSizerFlags().Expand().Border(wxBOTTOM, 8));
    right->Add(mean_, wxSizerFlags().Expand().Border(wxBOTTOM, 6));
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(new wxStaticText(this, wxID_ANY, to_wx("Note consolidée :")), wxSizerFlags().CenterVertical().Border(wxRIGHT, 6));
    row->Add(value_, wxSizerFlags().CenterVertical());
    right->Add(row, wxSizerFlags().Border(wxBOTTOM, 6));
    right->Add(reason_, wxSizerFlags().Expand().Border(wxBOTTOM, 6));
    right->Add(save, wxSizerFlags().Right());
    auto* body = new wxBoxSizer(wxHORIZONTAL);
    body->Add(list_, wxSizerFlags().Expand().Border(wxRIGHT, 12));
    body->Add(right, wxSizerFlags(1).Expand());
    auto* main = new wxBoxSizer(wxVERTICAL);
    main->Add(summary_, wxSizerFlags().Expand().Border(wxALL, 10));
    main->Add(body, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, 10));
    auto* note = new wxStaticText(this, wxID_ANY,
                                  to_wx("Un critère signalé sans arbitrage tient le dossier hors du classement définitif. "
                                        "Les notes des évaluateurs ne sont jamais modifiées : l'arbitrage s'y ajoute, "
                                        "avec son auteur et son motif au journal."));
    note->SetForegroundColour(colour(Colour::Muted));
    note->Wrap(1180);
    main->Add(note, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, 10));
    SetSizer(main);

    list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) {
        current_ = e.GetIndex();
        ShowItem();
    });
}

void ConsolidationPanel::Reload() {
    if (!wb_.session) return;
    Session& s = *wb_.session;
    const Grid& g = s.grid();
    items_.clear();
    list_->DeleteAllItems();
    std::size_t open = 0;
    // What still needs a decision comes first.
    std::vector<std::tuple<bool, std::size_t, const Criterion*, const CriterionScore*>> rows;
    std::size_t masked = 0;
    for (std::size_t i = 0; i < s.dossiers().size(); ++i) {
        // Means, spreads and arbitrated values are made of the others'
        // ratings: not for a reader who may not read them (trial 13b F9).
        if (!s.reading(s.dossiers()[i].id).others) {
            ++masked;
            continue;
        }
        const RankEntry* e = s.entry_of(i);
        std::size_t k = 0;
        for (const auto& t : g.themes)
            for (const auto& c : t.criteria) {
                const CriterionScore& cs = e->score.criteria[k++];
                if (cs.flagged) rows.emplace_back(cs.decided, i, &c, &cs);
            }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
    for (const auto& [decided, i, cp, csp] : rows) {
        const Criterion& c = *cp;
        const CriterionScore& cs = *csp;
        {
                items_.push_back({i, c.id});
                std::string notes;
                for (const Rating* r : s.visible_ratings(s.dossiers()[i].id, wb_.reviewer))
                    if (r->criterion == c.id && rating_counts(g, *r))
                        notes += (notes.empty() ? "" : " · ") + std::to_string(r->value);
                long row = list_->InsertItem(list_->GetItemCount(), to_wx(s.dossiers()[i].reference));
                list_->SetItem(row, 1, to_wx(c.id));
                list_->SetItem(row, 2, to_wx(notes));
                list_->SetItem(row, 3, to_wx(fr::number(*cs.mean)));
                list_->SetItem(row, 4, to_wx(cs.decided ? "arbitré : " + fr::number(*cs.rating) : std::string("à arbitrer")));
                list_->SetItemTextColour(row, cs.decided ? colour(Colour::Arbitrated) : colour(Colour::ToArbitrate));
                open += cs.decided ? 0 : 1;
            }
    }
    summary_->SetLabel(to_wx(std::to_string(items_.size()) + " critères signalés (écart d'au moins 2 points ou note 0) · " +
                             std::to_string(open) + " à arbitrer" +
                             (masked ? " · " + fr::plural(masked, "dossier masqué", "dossiers masqués") +
                                           " (notation à l'aveugle ou lien déclaré)"
                                     : std::string())));
    if (current_ >= static_cast<long>(items_.size())) current_ = -1;
    if (current_ < 0 && !items_.empty()) current_ = 0;
    if (current_ >= 0) list_->SetItemState(current_, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    ShowItem();
}

void ConsolidationPanel::ShowItem() {
    side_->DeleteAllItems();
    if (current_ < 0 || current_ >= static_cast<long>(items_.size())) {
        title_->SetText("Aucun critère signalé.");
        mean_->SetLabel("");
        return;
    }
    Session& s = *wb_.session;
    const Item& it = items_[static_cast<std::size_t>(current_)];
    const Dossier& d = s.dossiers()[it.dossier];
    const Criterion* c = s.grid().criterion(it.criterion);
    title_->SetText(d.reference + " — " + d.organisme + " · " + c->id + " " + c->label + " (coefficient " +
                    fr::number(c->coefficient) + ")");
    for (const Rating* r : s.visible_ratings(d.id, wb_.reviewer)) {
        if (r->criterion != it.criterion) continue;
        long row = side_->InsertItem(side_->GetItemCount(), to_wx(r->reviewer));
        side_->SetItem(row, 1, to_wx(std::to_string(r->value)));
        side_->SetItem(row, 2, to_wx(r->justification.empty() ? "(sans justification : ne compte pas)" : r->justification));
    }
    const RankEntry* e = s.entry_of(it.dossier);
    const CriterionScore& cs = e->score.criteria[*s.grid().criterion_index(it.criterion)];
    mean_->SetLabel(to_wx("Moyenne des évaluateurs : " + fr::number(*cs.mean) + " · écart " + fr::plural(cs.spread, "point")));
    value_->ChangeValue(to_wx(fr::number(*cs.rating)));
    auto dec = s.consolidation().find(d.id);
    std::string reason;
    if (dec != s.consolidation().end())
        if (auto x = dec->second.find(it.criterion); x != dec->second.end()) reason = x->second.reason;
    reason_->ChangeValue(to_wx(reason));
    Layout();
}

std::optional<ConsolidationPanel::Form> ConsolidationPanel::form() const {
    if (current_ < 0 || current_ >= static_cast<long>(items_.size())) return std::nullopt;
    const Item& it = items_[static_cast<std::size_t>(current_)];
    return Form{it.dossier, it.criterion, from_wx(value_->GetValue()), typed_from_wx(reason_->GetValue())};
}

}  // namespace cotation::gui
