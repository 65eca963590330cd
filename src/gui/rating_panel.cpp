#include <wx/scrolwin.h>
#include <wx/wrapsizer.h>

#include <algorithm>

#include "actions.h"
#include "colours.h"
#include "core/french.h"
#include "core/read_rules.h"
#include "core/scoring.h"
#include "panels.h"
#include "layout.h"
#include "wx_text.h"

namespace cotation::gui {

RatingPanel::RatingPanel(wxWindow* parent, Workbench& wb) : wxPanel(parent), wb_(wb) {
    title_ = new wxStaticText(this, wxID_ANY, "");
    title_->SetFont(title_->GetFont().Bold().Larger());
    criteria_ = make_list(
        this, {{"Critère", 360}, {"Coef.", 48, true}, {"Ma note", 68, true}, {"Retenue", 68, true}, {"Points", 93, true}});
    criteria_->SetInitialSize(wxSize(650, -1));

    // The form scrolls when the window is too short for it: a grid of 11
    // levels (0–10) pushed « Enregistrer la note » out of a 1280 × 800
    // window (trial of issue 12, M2).
    auto* form = form_ = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL);
    form->SetScrollRate(0, 12);
    auto* right = new wxBoxSizer(wxVERTICAL);
    criterion_label_ = new wxStaticText(form, wxID_ANY, "");
    criterion_label_->SetFont(criterion_label_->GetFont().Bold());
    guidance_ = new wxStaticText(form, wxID_ANY, "");
    guidance_->SetForegroundColour(colour(Colour::Guidance));
    right->Add(criterion_label_, wxSizerFlags().Expand().Border(wxBOTTOM, 4));
    right->Add(guidance_, wxSizerFlags().Expand().Border(wxBOTTOM, 8));
    // One button per level of the campaign's grid, built in Reload (the scale is the grid's).
    levels_box_ = new wxStaticBoxSizer(wxVERTICAL, form, "");
    right->Add(levels_box_, wxSizerFlags().Expand().Border(wxBOTTOM, 8));
    right->Add(
        new wxStaticText(form, wxID_ANY, to_wx("Justification (obligatoire : une note sans justification ne compte pas) :")),
        wxSizerFlags().Expand().Border(wxBOTTOM, 4));
    justification_ = new wxTextCtrl(form, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 90), wxTE_MULTILINE);
    right->Add(justification_, wxSizerFlags().Expand().Border(wxBOTTOM, 6));
    save_ = action_button(form, Action::SaveRating);
    submit_ = action_button(form, Action::SubmitRatings);
    // Wrapped: in a half-screen window the two buttons stand one above the
    // other rather than « Enregistrer » out of sight (trial 15b F12).
    auto* buttons = new wxWrapSizer(wxHORIZONTAL);
    buttons->Add(submit_, wxSizerFlags().Border(wxRIGHT | wxBOTTOM, 8));
    buttons->Add(save_, wxSizerFlags().Border(wxBOTTOM, 8));
    right->Add(buttons, wxSizerFlags().Expand());
    // Below the buttons: a long note never pushes « Enregistrer » out of sight.
    draft_note_ = new wxStaticText(form, wxID_ANY, "");
    draft_note_->SetForegroundColour(colour(Colour::Attention));
    draft_note_->Hide();
    right->Add(draft_note_, wxSizerFlags().Expand().Border(wxBOTTOM, 6));
    others_ = new wxStaticText(form, wxID_ANY, "");
    others_->SetForegroundColour(colour(Colour::Muted));
    right->Add(others_, wxSizerFlags().Expand());
    form->SetSizer(right);

    summary_ = new wxStaticText(this, wxID_ANY, "");
    summary_->SetFont(summary_->GetFont().Bold());
    auto* legend = new wxStaticText(
        this, wxID_ANY,
        to_wx("« Retenue » : moyenne exacte des notes justifiées, ou note arbitrée. En orange : écart d'au moins "
              "2 points ou note 0, à arbitrer ; en bleu : arbitré. ⚠ : note sans justification, non comptée."));
    legend->SetForegroundColour(colour(Colour::Muted));

    auto* body = new wxBoxSizer(wxHORIZONTAL);
    body->Add(criteria_, wxSizerFlags().Expand().Border(wxRIGHT, 12));
    body->Add(form, wxSizerFlags(1).Expand());
    auto* main = new wxBoxSizer(wxVERTICAL);
    main->Add(title_, wxSizerFlags().Expand().Border(wxALL, 10));
    main->Add(body, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, 10));
    main->Add(summary_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, 10));
    main->Add(legend, wxSizerFlags().Expand().Border(wxALL, 10));
    SetSizer(main);
    // The criteria list gives up width to the form in a narrow window: at
    // most 650 px, at least 360, about 45 % of the view.
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        const int w = std::clamp(e.GetSize().x * 45 / 100, 360, 650);
        if (criteria_->GetMinSize().x != w) criteria_->SetMinSize(wxSize(w, -1));
        e.Skip();
    });

    criteria_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) {
        std::size_t row = static_cast<std::size_t>(e.GetIndex());
        if (row < order_.size() && order_[row]) {
            if (row != current_) KeepDraft();
            current_ = row;
            ShowCriterion();
        }
    });
}

void RatingPanel::BuildLevels(const Grid& g) {
    std::size_t count = static_cast<std::size_t>(g.scale_max - g.scale_min + 1);
    scale_min_ = g.scale_min;
    levels_box_->GetStaticBox()->SetLabel(to_wx("Note (" + g.scale_text() + ")"));
    if (levels_.size() == count) return;
    for (auto* rb : levels_) rb->Destroy();
    if (no_level_) no_level_->Destroy();
    levels_.clear();
    for (std::size_t i = 0; i < count; ++i) {
        auto* rb = new wxRadioButton(levels_box_->GetStaticBox(), wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                                     i == 0 ? wxRB_GROUP : 0);
        levels_.push_back(rb);
        levels_box_->Add(rb, wxSizerFlags().Border(wxALL, 2));
    }
    no_level_ = new wxRadioButton(levels_box_->GetStaticBox(), wxID_ANY, "");
    no_level_->Hide();
}

void RatingPanel::Reload() {
    KeepDraft();   // whatever is re-read, the form's typing stays
    const Dossier* d = wb_.dossier();
    if (wb_.session) BuildLevels(wb_.session->grid());
    Freeze();
    criteria_->DeleteAllItems();
    order_.clear();
    if (!d) {
        title_->SetLabel(to_wx("Aucun dossier sélectionné"));
        summary_->SetLabel("");
        Thaw();
        return;
    }
    Session& s = *wb_.session;
    const Grid& g = s.grid();
    title_->SetLabel(to_wx(d->reference + " — " + d->organisme + " · cotation par " +
                           (wb_.reviewer.empty() ? std::string("(évaluateur à choisir)") : wb_.reviewer)));
    // Blind rating: until they submit, a reviewer's view is built from their own ratings only.
    auto ratings = s.visible_ratings(d->id, wb_.reviewer);
    bool blind = !s.team().sees_others(wb_.reviewer, d->id, identity_of(*d));
    submit_->Show(!s.team().open_mode() && s.team().person(wb_.reviewer) &&
                  s.team().person(wb_.reviewer)->role == Role::Instructor);
    auto decided = s.consolidation().find(d->id);
    // An arbitrated value is made of the others' ratings: not for a blind reader (trial 13b F9).
    DossierScore score = score_dossier(g, ratings, blind || decided == s.consolidation().end() ? nullptr : &decided->second);
    std::size_t k = 0;
    for (std::size_t t = 0; t < g.themes.size(); ++t) {
        const Theme& th = g.themes[t];
        long row = criteria_->InsertItem(criteria_->GetItemCount(), to_wx(th.id + " — " + th.label));
        criteria_->SetItem(row, 4, to_wx(fr::number(score.themes[t]) + "/" + fr::number(g.theme_max(th))));
        criteria_->SetItemFont(row, criteria_->GetFont().Bold());
        criteria_->SetItemBackgroundColour(row, colour(Colour::ThemeRow));
        order_.push_back(nullptr);
        for (const auto& c : th.criteria) {
            long r = criteria_->InsertItem(criteria_->GetItemCount(), to_wx("   " + c.id + "  " + c.label));
            criteria_->SetItem(r, 1, to_wx(fr::number(c.coefficient)));
            for (const Rating* x : ratings)
                if (x->criterion == c.id && x->reviewer == wb_.reviewer)
                    criteria_->SetItem(r, 2, to_wx(std::to_string(x->value) + (rating_counts(g, *x) ? "" : " ⚠")));
            if (drafts_.count({s.path(), d->id, wb_.reviewer, c.id}))
                criteria_->SetItem(r, 2, to_wx("✎ " + from_wx(criteria_->GetItemText(r, 2))));
            const CriterionScore& cs = score.criteria[k++];
            if (cs.rating) {
                criteria_->SetItem(r, 3, to_wx(fr::number(*cs.rating)));
                criteria_->SetItem(r, 4, to_wx(fr::number(c.coefficient * *cs.rating)));
                if (cs.flagged)
                    criteria_->SetItemTextColour(r, cs.decided ? colour(Colour::Arbitrated) : colour(Colour::ToArbitrate));
            }
            order_.push_back(&c);
        }
    }
    const RankEntry* e = s.entry_of(*wb_.selected);
    std::string sum = "Total : " + fr::number(score.total) + " / " + fr::number(g.max_total()) + " points · " +
                      std::to_string(score.rated) + "/" + std::to_string(g.criterion_count()) + " critères notés";
    if (blind) sum += " · vos notes seules jusqu'à soumission";
    else if (e && e->rank) sum += " · rang " + std::to_string(e->rank) + (e->ex_aequo ? " ex aequo" : "") + " sur " +
                             std::to_string(s.ranking().ranked.size());
    else if (e && e->apart()) sum += " · dossier irrecevable, non classé";
    summary_->SetLabel(to_wx(sum));
    if (current_ >= order_.size() || !order_[current_]) current_ = 1;
    criteria_->SetItemState(static_cast<long>(current_), wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    ShowCriterion();
    Thaw();
    Layout();
    form_->FitInside();
}

void RatingPanel::ShowCriterion() {
    const Dossier* d = wb_.dossier();
    if (!d || current_ >= order_.size() || !order_[current_]) return;
    const Criterion& c = *order_[current_];
    const Grid& g = wb_.session->grid();
    criterion_label_->SetLabel(to_wx(c.id + " — " + c.label + " (coefficient " + fr::number(c.coefficient) + ")"));
    guidance_->SetLabel(
        to_wx(c.guidance.empty() ? "Pas d'orientation particulière dans la grille." : "Attendus : " + c.guidance));
    guidance_->Wrap(GetClientSize().x > 800 ? GetClientSize().x - 710 : 520);
    auto choices = g.level_choices(c);
    for (std::size_t i = 0; i < choices.size() && i < levels_.size(); ++i) levels_[i]->SetLabel(to_wx(choices[i]));
    const Rating* mine = nullptr;
    std::string others;
    // Blind rating: the others' ratings only once one's own are submitted.
    for (const Rating* x : wb_.session->visible_ratings(d->id, wb_.reviewer)) {
        if (x->criterion != c.id) continue;
        if (x->reviewer == wb_.reviewer) mine = x;
        else others += "\n• " + x->reviewer + " : " + std::to_string(x->value) + " — " +
                       (x->justification.empty() ? "(sans justification : ne compte pas)" : x->justification);
    }
    // Nothing is chosen for a criterion not yet rated: a pre-selected 0 would
    // be saved by a hurried click as if the reviewer had meant it.
    if (mine && mine->value >= scale_min_ && static_cast<std::size_t>(mine->value - scale_min_) < levels_.size())
        levels_[static_cast<std::size_t>(mine->value - scale_min_)]->SetValue(true);
    else
        no_level_->SetValue(true);
    justification_->ChangeValue(mine ? to_wx(mine->justification) : wxString());
    shown_ = mine ? std::optional<Rating>(*mine) : std::nullopt;
    shown_key_ = DraftKey{wb_.session->path(), d->id, wb_.reviewer, c.id};
    std::string note;
    if (auto it = drafts_.find(*shown_key_); it != drafts_.end()) {
        const Draft& draft = it->second;
        if (draft.level >= scale_min_ && static_cast<std::size_t>(draft.level - scale_min_) < levels_.size())
            levels_[static_cast<std::size_t>(draft.level - scale_min_)]->SetValue(true);
        else
            no_level_->SetValue(true);
        justification_->ChangeValue(to_wx(draft.justification));
        shown_ = draft.shown;
        note = "Saisie non enregistrée, conservée : enregistrez-la ou corrigez-la.";
        const bool same = mine ? draft.shown && draft.shown->value == mine->value &&
                                     draft.shown->justification == mine->justification
                               : !draft.shown;
        if (!same)
            note += " La note enregistrée a changé depuis que vous avez commencé : elle est " +
                    (mine ? "maintenant " + std::to_string(mine->value) + " — " + mine->justification : std::string("retirée")) +
                    " ; l'enregistrement vous le redira avant de la remplacer.";
    }
    draft_note_->SetLabel(to_wx(note));
    draft_note_->Wrap(GetClientSize().x > 800 ? GetClientSize().x - 710 : 520);
    draft_note_->Show(!note.empty());
    bool blind = !wb_.session->team().sees_others(wb_.reviewer, d->id, identity_of(*d));
    others_->SetLabel(blind ? to_wx("Les notes des autres évaluateurs s'affichent quand vous avez soumis les vôtres.")
                      : others.empty() ? to_wx("Aucun autre évaluateur n'a noté ce critère.")
                                       : to_wx("Autres évaluateurs :" + others));
    others_->Wrap(GetClientSize().x > 800 ? GetClientSize().x - 710 : 520);
    Layout();
    form_->FitInside();
}

const Rating* RatingPanel::StoredRating(std::int64_t dossier, const std::string& criterion) const {
    for (const Rating* x : wb_.session->visible_ratings(dossier, wb_.reviewer))
        if (x->criterion == criterion && x->reviewer == wb_.reviewer) return x;
    return nullptr;
}

void RatingPanel::KeepDraft() {
    if (!shown_key_) return;
    const int level = chosen_level();
    const std::string text = typed_from_wx(justification_->GetValue());
    // As shown (or still empty): nothing typed, nothing to keep.
    const bool untouched = shown_ ? level == shown_->value && text == shown_->justification : level < 0 && text.empty();
    if (untouched) drafts_.erase(*shown_key_);
    else drafts_[*shown_key_] = Draft{level, text, shown_};
}

void RatingPanel::DropDraft() {
    if (shown_key_) drafts_.erase(*shown_key_);
    shown_key_.reset();
}

void RatingPanel::RebaseDraft() {
    KeepDraft();
    if (!shown_key_ || !wb_.session) return;
    auto it = drafts_.find(*shown_key_);
    if (it == drafts_.end()) return;
    const Rating* now = StoredRating(std::get<1>(*shown_key_), std::get<3>(*shown_key_));
    it->second.shown = now ? std::optional<Rating>(*now) : std::nullopt;
    shown_ = it->second.shown;   // the form too: the reload that follows keeps the draft over it
}

int RatingPanel::chosen_level() const {
    for (std::size_t i = 0; i < levels_.size(); ++i)
        if (levels_[i]->GetValue()) return scale_min_ + static_cast<int>(i);
    return -1;
}

const Criterion* RatingPanel::current_criterion() const {
    return current_ < order_.size() ? order_[current_] : nullptr;
}

void RatingPanel::NextCriterion() {
    // Rating a dossier is a sequence: the next criterion, skipping theme rows.
    std::size_t next = current_ + 1;
    while (next < order_.size() && !order_[next]) ++next;
    if (next < order_.size()) current_ = next;
}

}  // namespace cotation::gui
