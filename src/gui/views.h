#pragma once
// The views of the workbench (the notebook's pages), declared once: their
// order, tab title, name on the command line (--vue), the kinds of change
// they show, and how each is built and refreshed.
#include <wx/window.h>

#include <functional>
#include <string>
#include <vector>

#include "changes.h"
#include "workbench.h"

namespace cotation::gui {

enum class View { List, Dossier, Rating, Ranking, Consolidation, Journal, Team, Procedure, Committee, Decisions, Territory };

// A built view: its window, and how it takes a change into account.
struct Page {
    wxWindow* window = nullptr;
    std::function<void(Changes)> refresh;
};

struct ViewDef {
    View id;
    const char* name;    // --vue
    const char* title;   // the tab's title
    Changes shows;       // refreshed when one of these changes
    // Refreshed at once even when not shown (the dossier list: the selection
    // lives there); the others when next shown.
    bool always_fresh;
    Page (*make)(wxWindow* parent, Workbench& wb);
};

// In the notebook's order.
const std::vector<ViewDef>& views();
const ViewDef* view_named(const std::string& name);

}  // namespace cotation::gui
