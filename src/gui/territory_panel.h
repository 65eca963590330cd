#pragma once
// The Territoire view: the campaign's map drawn by the report painter (its
// in-memory RGB backend), the coverage figures of the set the coordinator
// composes beside those of the ranking order, the candidates with a check
// box each (a click on the list or on a candidate's symbol adds it to or
// removes it from the set), and the allocation in ranking order beside this
// set, with the constraint that passed over each dossier.
#include <wx/checklst.h>
#include <wx/listctrl.h>
#include <wx/scrolwin.h>
#include <wx/wx.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/territory.h"
#include "workbench.h"

namespace cotation::gui {

// The map at the window's size; a click near a candidate's symbol calls `clicked`.
class TerritoryMapView : public wxPanel {
public:
    TerritoryMapView(wxWindow* parent, std::function<void(const std::string&)> clicked);
    void Show(report::MapData map);   // re-rendered at once
    // Where each candidate's symbol is drawn (reference, window pixels).
    std::vector<std::pair<std::string, wxPoint>> candidate_points() const;
    // The labels drawn (window pixels): those of the committee file's map page.
    const std::vector<report::MapLabel>& labels() const { return labels_; }
    // What the view draws (its text scale set to the window's).
    const report::MapData& map_data() const { return map_; }

private:
    void Render();
    void OnPaint(wxPaintEvent&);
    void OnClick(wxMouseEvent&);
    report::MapData map_;
    bool has_map_ = false;
    wxBitmap bitmap_;
    std::vector<report::Pt> sites_at_;
    std::vector<report::MapLabel> labels_;
    std::function<void(const std::string&)> clicked_;
};

class TerritoryPanel : public wxPanel {
public:
    TerritoryPanel(wxWindow* parent, Workbench& wb);
    // The campaign changed: the study is rebuilt when the view is next shown.
    void Reload();
    // Adds the ranked dossier to the set, or removes it (list or map click).
    void Toggle(const std::string& reference);

    // For the GUI test and the status line.
    wxCheckListBox* candidates() const { return candidates_; }
    wxListCtrl* figures() const { return figures_; }
    wxListCtrl* allocation() const { return allocation_; }
    TerritoryMapView* map() const { return map_; }
    const std::vector<std::string>& chosen() const { return chosen_; }
    long last_update_ms() const { return last_ms_; }
    // The current set as the campaign's allocation (journaled); false if not recorded (Action::RecordAllocation).
    bool Record();

private:
    void Rebuild();
    void Update();   // figures, allocation and map for the current set
    void ShowReason(std::size_t row);
    void RefitSide();   // the side column's virtual size, once its texts have wrapped
    Workbench& wb_;
    std::unique_ptr<TerritoryStudy> study_;
    bool dirty_ = true;
    std::vector<std::string> chosen_;
    std::vector<std::string> ranking_refs_;
    coverage::Summary ranking_summary_;
    wxStaticText* title_;
    TerritoryMapView* map_;
    wxListCtrl* figures_;
    wxCheckListBox* candidates_;
    wxListCtrl* allocation_;
    class WrappedText* reason_;
    class WrappedText* recorded_;   // the allocation the campaign follows
    class WrappedText* waiting_;    // dossiers kept out of the allocation, and why
    wxScrolledWindow* side_;        // the column beside the map (scrolls when short)
    wxButton* record_;
    std::vector<std::string> reasons_;   // per allocation row
    wxStaticText* status_;
    long last_ms_ = 0;
};

// « À propos de Cotation », with the data's attribution (data/SOURCES.md).
void show_about(wxWindow* parent);

}  // namespace cotation::gui
