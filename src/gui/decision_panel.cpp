#include "decision_panel.h"


#include "actions.h"
#include "app/accounts.h"
#include "app/input.h"
#include "colours.h"
#include "core/decision_rules.h"
#include "core/enums.h"
#include "core/error.h"
#include "core/french.h"
#include "panels.h"
#include "layout.h"
#include "wx_text.h"

namespace cotation::gui {
DecisionPanel::DecisionPanel(wxWindow* parent, Workbench& wb) : wxPanel(parent), wb_(wb) {
    summary_ = heading(this, "");
    // Virtual: at 10 000 dossiers a refresh rebuilds strings, not widgets.
    list_ = new CallbackListView(this, wxSize(760, -1), [this](long item, long column) -> std::string {
        return table_[static_cast<std::size_t>(item)].cells[column];
    });
    departs_.SetTextColour(colour(Colour::Attention));
    undecided_.SetTextColour(colour(Colour::Faint));
    list_->row_attr = [this](long item) -> wxListItemAttr* {
        int c = table_[static_cast<std::size_t>(item)].colour;
        return c == 1 ? &departs_ : c == 2 ? &undecided_ : nullptr;
    };
    add_columns(list_, {{"Rang", 45},
                        {"Dossier", 100},
                        {"Organisme", 170},
                        {"Avis commission", 115},
                        {"Décision", 165},
                        {"Places", 55},
                        {"Motif, écart à l'avis", 400}});

    title_ = heading(this, "");
    opinion_ = new wxStaticText(this, wxID_ANY, "");
    wxArrayString kinds;
    for (const auto& label : enum_labels<DecisionKind>()) kinds.Add(to_wx(label));
    kind_ = new wxRadioBox(this, wxID_ANY, to_wx("Décision"), wxDefaultPosition, wxDefaultSize, kinds, 2);
    places_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(90, -1));
    date_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(110, -1));
    motive_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 80), wxTE_MULTILINE);
    departure_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 60), wxTE_MULTILINE);
    save_ = action_button(this, Action::SaveDecision);
    auto* letters = action_button(this, Action::Letters);

    auto* right = new wxBoxSizer(wxVERTICAL);
    right->Add(title_, wxSizerFlags().Expand().Border(wxBOTTOM, 4));
    right->Add(opinion_, wxSizerFlags().Expand().Border(wxBOTTOM, 8));
    right->Add(kind_, wxSizerFlags().Expand().Border(wxBOTTOM, 8));
    auto* row = new wxFlexGridSizer(2, 6, 8);
    row->Add(new wxStaticText(this, wxID_ANY, to_wx("Capacité accordée :")), wxSizerFlags().CenterVertical());
    row->Add(places_);
    row->Add(new wxStaticText(this, wxID_ANY, to_wx("Date de la décision :")), wxSizerFlags().CenterVertical());
    row->Add(date_);
    right->Add(row, wxSizerFlags().Border(wxBOTTOM, 8));
    // Labels, not hints: wxGTK's hint on a multi-line text kept its grey on
    // the motive filled in by the program, which then read as disabled.
    right->Add(new wxStaticText(this, wxID_ANY, to_wx("Motif (obligatoire sauf pour un projet retenu) :")),
               wxSizerFlags().Border(wxBOTTOM, 4));
    right->Add(motive_, wxSizerFlags().Expand().Border(wxBOTTOM, 6));
    right->Add(new wxStaticText(this, wxID_ANY, to_wx("Écart à l'avis de la commission (obligatoire s'il y en a un) :")),
               wxSizerFlags().Border(wxBOTTOM, 4));
    right->Add(departure_, wxSizerFlags().Expand().Border(wxBOTTOM, 6));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->Add(save_, wxSizerFlags().Border(wxRIGHT, 8));
    buttons->Add(letters);
    right->Add(buttons, wxSizerFlags().Right());
    auto* note = new wxStaticText(this, wxID_ANY,
                                  to_wx("Le classement adopté par la commission vaut son avis ; "
                                        "une décision qui s'en écarte en donne les motifs, portés à la connaissance "
                                        "de ses membres. Jamais plus de places que demandées, ni, "
                                        "au total, que la capacité de l'appel."));
    note->SetForegroundColour(colour(Colour::Muted));
    note->Wrap(440);
    right->Add(note, wxSizerFlags().Expand().Border(wxTOP, 12));

    auto* body = new wxBoxSizer(wxHORIZONTAL);
    body->Add(list_, wxSizerFlags(3).Expand().Border(wxRIGHT, 12));
    body->Add(right, wxSizerFlags(2).Expand());
    auto* main = new wxBoxSizer(wxVERTICAL);
    main->Add(summary_, wxSizerFlags().Expand().Border(wxALL, 10));
    main->Add(body, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, 10));
    SetSizer(main);

    list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) {
        current_ = e.GetIndex();
        ShowSelected();
    });
}

void DecisionPanel::Reload() {
    if (!wb_.session) return;
    Session& s = *wb_.session;
    const Ranking& r = s.committee_proposal();   // the proposal the committee votes on
    table_.clear();
    Rational granted;
    std::size_t decided = 0;
    // The rank and the proposal come from the others' ratings: a dossier the
    // reader may not read is listed after the ranked ones, neither its place
    // in the list nor its proposal telling its rank (trial 13b F10, review 12D M2),
    // and ranks are hidden altogether where a hidden dossier sits among them.
    const RankingReading reading = ranking_reading(s);
    auto add = [&](const RankEntry& e, bool readable) {
        const Dossier& d = s.dossiers()[e.dossier];
        auto opinion = s.committee_opinion(d.id);
        Row row;
        row.dossier = e.dossier;
        row.cells[0] = !e.rank ? "" : !readable ? "masqué" : reading.places ? std::to_string(e.rank) : "·";
        row.cells[1] = d.reference;
        row.cells[2] = d.organisme;
        row.cells[3] = opinion     ? decision_label(*opinion)
                       : readable ? "(proposé : " + std::string(proposal_label(e.proposal)) + ")"
                                  : "(proposition masquée)";
        auto it = s.decisions().find(d.id);
        if (it != s.decisions().end()) {
            const Decision& x = it->second;
            ++decided;
            if (x.kind == DecisionKind::Retained && x.places) granted += r.model.used_by(*x.places);   // missions count dossiers
            row.cells[4] = std::string(decision_label(x.kind)) + " (" + x.date.french_numeric() + ")";
            row.cells[5] = x.places ? fr::number(*x.places) : "";
            row.cells[6] = x.motive + (x.departure_reason.empty() ? "" : " — écart : " + x.departure_reason);
            row.colour = x.departure_reason.empty() ? 0 : 1;
        } else {
            row.cells[4] = e.proposal == Proposal::Pending   ? "après arbitrage"
                           : e.proposal == Proposal::Unrated ? "après notation"
                                                             : "à décider";
            row.colour = 2;
        }
        table_.push_back(std::move(row));
    };
    for (std::size_t pos : reading.shown) add(r.ranked[pos], true);
    for (std::size_t pos : reading.hidden) add(r.ranked[pos], false);
    for (const auto& e : r.pending) add(e, s.reading(s.dossiers()[e.dossier].id).others);
    for (const auto& e : r.ineligible) add(e, true);
    list_->SetItemCount(static_cast<long>(table_.size()));
    list_->Refresh();
    std::string sum =
        fr::plural(decided, "décision") + " sur " + fr::plural(s.dossiers().size(), "dossier");
    if (r.capacity > Rational(0))
        sum += " · accordé : " + r.model.capacity_text(granted) + " sur " + r.model.capacity_text(r.capacity);
    const auto& check = s.meeting_check();
    sum += check ? (check->adopted ? " · classement adopté par la commission le " + s.meeting()->date.french_numeric()
                                   : " · classement non adopté par la commission")
                 : " · pas encore d'avis de la commission";
    auto changes = s.changes_since_vote();
    if (!changes.empty())
        sum += " · " + fr::plural(changes.size(), "dossier a bougé", "dossiers ont bougé") +
               " depuis le vote";
    summary_->SetLabel(to_wx(sum));
    summary_->SetForegroundColour(changes.empty() ? colour(Colour::Text) : colour(Colour::Attention));
    // First shown: the dossier selected elsewhere in the workbench.
    if (current_ < 0 && wb_.selected)
        for (std::size_t i = 0; i < table_.size(); ++i)
            if (table_[i].dossier == *wb_.selected) current_ = static_cast<long>(i);
    if (current_ >= 0 && current_ < list_->GetItemCount())
        list_->SetItemState(current_, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    ShowSelected();
}

wxListCtrl* DecisionPanel::list() const { return list_; }

void DecisionPanel::Select(std::size_t dossier_index) {
    for (std::size_t i = 0; i < table_.size(); ++i)
        if (table_[i].dossier == dossier_index) {
            current_ = static_cast<long>(i);
            list_->SetItemState(current_, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
            list_->EnsureVisible(current_);
        }
    ShowSelected();
}

void DecisionPanel::ShowSelected() {
    bool any = current_ >= 0 && static_cast<std::size_t>(current_) < table_.size();
    for (wxWindow* w : std::initializer_list<wxWindow*>{kind_, places_, date_, motive_, departure_}) w->Enable(any);
    if (!any) {
        title_->SetLabel(to_wx("Choisissez un dossier dans la liste."));
        opinion_->SetLabel("");
        return;
    }
    Session& s = *wb_.session;
    std::size_t index = table_[static_cast<std::size_t>(current_)].dossier;
    const Dossier& d = s.dossiers()[index];
    const RankEntry* e = s.proposed_entry_of(index);
    title_->SetLabel(to_wx(d.reference + " — " + d.organisme));
    auto opinion = s.committee_opinion(d.id);
    const DossierReading reading = s.reading(d.id);
    opinion_->SetLabel(to_wx(opinion           ? "Avis de la commission : " + std::string(decision_label(*opinion))
                             : reading.others ? "Pas d'avis adopté ; proposition soumise à la commission : " +
                                                    std::string(proposal_label(e->proposal))
                                              : "Pas d'avis adopté ; proposition masquée : " + reading.why));
    auto it = s.decisions().find(d.id);
    if (it != s.decisions().end()) {
        const Decision& x = it->second;
        kind_->SetSelection(enum_position(x.kind));
        places_->ChangeValue(x.places ? to_wx(fr::number(*x.places)) : wxString());
        date_->ChangeValue(to_wx(x.date.french_numeric()));
        motive_->ChangeValue(to_wx(x.motive));
        departure_->ChangeValue(to_wx(x.departure_reason));
        return;
    }
    // A new decision starts from the committee's opinion, else the proposal (core/decision_rules.h).
    Value asked = d.get("places");
    DecisionDraft draft = decision_draft(*e, opinion, reading.others, std::get_if<Rational>(&asked));
    kind_->SetSelection(enum_position(draft.kind));
    places_->ChangeValue(draft.places ? to_wx(fr::number(*draft.places)) : wxString());
    date_->ChangeValue(to_wx(s.letter_date().french_numeric()));
    motive_->ChangeValue(to_wx(draft.motive));
    departure_->ChangeValue("");
}

std::optional<std::size_t> DecisionPanel::selected() const {
    if (current_ < 0 || static_cast<std::size_t>(current_) >= table_.size()) return std::nullopt;
    return table_[static_cast<std::size_t>(current_)].dossier;
}

}  // namespace cotation::gui
