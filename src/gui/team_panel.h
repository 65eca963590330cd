#pragma once
// The team: each person's role, workload and what they still owe (the
// coordinator's reminder list), and the declared links of interest.
#include <wx/wx.h>

#include <string>
#include <vector>

#include "panels.h"
#include "workbench.h"

namespace cotation::gui {

class TeamPanel : public wxPanel {
public:
    TeamPanel(wxWindow* parent, Workbench& wb);
    void Reload();

private:
    struct Row {
        std::string name, role, organisation, assigned, owed, links;
    };
    Workbench& wb_;
    wxStaticText* summary_;
    CallbackListView* list_;
    std::vector<Row> rows_;
};

}  // namespace cotation::gui
