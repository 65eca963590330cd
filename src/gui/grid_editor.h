#pragma once
// The grid editor: themes, criteria, coefficients, guidance and rules of a
// grid, validated as they are typed, with the running maximum of each theme;
// saved as a new version, or applied to the open campaign after a preview of
// how each dossier's score and rank would change.
#include <wx/wx.h>

#include "core/grid.h"
#include "workbench.h"

namespace cotation::gui {

// `wb` may hold no session (editing a grid file on its own). When
// `for_campaign` is true, the editor starts from the campaign's grid with its
// version increased and offers to apply it.
void ShowGridEditor(wxWindow* parent, Workbench& wb, Grid grid, bool for_campaign,
                    const std::string& select_criterion = "");

// Shows the preview of moving the campaign to `candidate` and applies it if
// the user confirms with a reason. Returns true when applied.
bool ShowGridChangePreview(wxWindow* parent, Workbench& wb, const Session::GridCandidate& candidate);

}  // namespace cotation::gui
