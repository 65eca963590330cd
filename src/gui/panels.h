#pragma once
#include <wx/scrolwin.h>
#include <wx/checklst.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/splitter.h>
#include <wx/wx.h>

#include <functional>
#include <map>
#include <tuple>
#include <optional>
#include <string>
#include <vector>

#include "dossier_list.h"
#include "workbench.h"

namespace cotation::gui {

// Facts, documents received and the conformity report of one dossier.
class DossierPanel : public wxPanel {
public:
    DossierPanel(wxWindow* parent, Workbench& wb);
    void Reload();
    // For the GUI test: the line under the title (verdict, total, rank).
    wxStaticText* verdict() const { return verdict_; }

private:
    void OnDocumentToggled(wxCommandEvent& e);
    Workbench& wb_;
    wxStaticText* title_;
    wxStaticText* verdict_;
    wxListCtrl* facts_;
    wxCheckListBox* documents_;
    wxListCtrl* rules_;
    wxButton* edit_;
    std::vector<std::string> document_ids_;
};

// Rating of one dossier by the current reviewer, criterion by criterion.
class RatingPanel : public wxPanel {
public:
    RatingPanel(wxWindow* parent, Workbench& wb);
    void Reload();
    // For the GUI test: the controls a person uses.
    wxListCtrl* criteria() const { return criteria_; }
    // The button of the level worth `i` points (levels run over the grid's scale).
    wxRadioButton* level(int i) const { return levels_[static_cast<std::size_t>(i - scale_min_)]; }
    std::size_t level_count() const { return levels_.size(); }
    // The level chosen, or -1 while the reviewer has chosen none.
    int chosen_level() const;
    wxTextCtrl* justification() const { return justification_; }
    wxButton* save() const { return save_; }
    wxButton* submit() const { return submit_; }   // shown to an instructor
    // What the form holds, for the action that saves it (form_actions.cpp):
    // the criterion shown (null on none), then the move to the next one.
    const Criterion* current_criterion() const;
    // The rating the form showed when it was filled (none: not rated yet):
    // saving over a rating changed since is refused (Session::put_rating_seen).
    const std::optional<Rating>& shown_rating() const { return shown_; }
    void NextCriterion();
    // Unsaved typing is never thrown away (trial 15b F3, F12): another
    // criterion, another dossier, or the campaign re-read because someone
    // else changed it, and the form's level and justification are kept as a
    // draft of their criterion, shown again when it is. A draft keeps the
    // rating it was typed over: saving it over a rating changed since is
    // refused, naming the new value (Session::put_rating_seen).
    void DropDraft();     // saved: the form's draft is done with
    void RebaseDraft();   // refused as changed: the person has now seen the stored rating
    std::size_t draft_count() const { return drafts_.size(); }
    wxStaticText* draft_note() const { return draft_note_; }

private:
    struct Draft {
        int level = -1;
        std::string justification;
        std::optional<Rating> shown;
    };
    // Campaign (its file or server address: the session is opened afresh when
    // another person changes it), dossier, reviewer, criterion.
    using DraftKey = std::tuple<std::string, std::int64_t, std::string, std::string>;
    void KeepDraft();
    const Rating* StoredRating(std::int64_t dossier, const std::string& criterion) const;
    std::map<DraftKey, Draft> drafts_;
    std::optional<DraftKey> shown_key_;
    wxStaticText* draft_note_;
    void BuildLevels(const Grid& g);
    void ShowCriterion();
    std::vector<const Criterion*> order_;
    std::size_t current_ = 0;
    std::optional<Rating> shown_;
    Workbench& wb_;
    wxStaticText* title_;
    wxListCtrl* criteria_;
    wxStaticText* criterion_label_;
    wxStaticText* guidance_;
    wxStaticBoxSizer* levels_box_;
    wxScrolledWindow* form_ = nullptr;   // the right column: levels, justification, buttons
    std::vector<wxRadioButton*> levels_;
    int scale_min_ = 0;
    // Hidden member of the levels' group: a GTK radio group always has one
    // button on, so « no level chosen yet » is this one being on.
    wxRadioButton* no_level_ = nullptr;
    wxTextCtrl* justification_;
    wxStaticText* others_;
    wxButton* save_;
    wxButton* submit_;
    wxStaticText* summary_;
};

// A virtual list whose cells come from a callback.
class CallbackListView : public wxListCtrl {
public:
    CallbackListView(wxWindow* parent, wxSize size, std::function<std::string(long, long)> text)
        : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, size, wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL),
          text_(std::move(text)) {}
    wxListItemAttr attr;   // applied to every row, unless `row_attr` gives one
    std::function<wxListItemAttr*(long)> row_attr;

private:
    wxString OnGetItemText(long item, long column) const override;
    wxListItemAttr* OnGetItemAttr(long item) const override {
        if (row_attr)
            if (wxListItemAttr* a = row_attr(item)) return a;
        return const_cast<wxListItemAttr*>(&attr);
    }
    std::function<std::string(long, long)> text_;
};

// Ranked dossiers, virtual: at 10 000 dossiers a refresh costs nothing.
class RankedListView : public wxListCtrl {
public:
    RankedListView(wxWindow* parent, Workbench& wb);
    void Reload();

private:
    wxString OnGetItemText(long item, long column) const override;
    wxListItemAttr* OnGetItemAttr(long item) const override;
    Workbench& wb_;
    std::size_t themes_ = 0;
    mutable wxListItemAttr retained_, pending_, retained_pending_;
};

// One dossier's points by theme, as a share of each theme's maximum, against
// the campaign's mean (drawn bars).
class ProfileView : public wxPanel {
public:
    ProfileView(wxWindow* parent, Workbench& wb);
    void Show(std::optional<std::size_t> ranked_position);

private:
    void OnPaint(wxPaintEvent&);
    Workbench& wb_;
    std::optional<std::size_t> position_;
};

// The ranking as the committee reads it.
class RankingPanel : public wxPanel {
public:
    RankingPanel(wxWindow* parent, Workbench& wb);
    void Reload();
    wxListCtrl* ranked() const { return ranked_; }

private:
    Workbench& wb_;
    wxStaticText* summary_;
    RankedListView* ranked_;
    CallbackListView* ineligible_;
    ProfileView* profile_;
};

}  // namespace cotation::gui
