#pragma once
#include <wx/listctrl.h>

#include "workbench.h"

namespace cotation::gui {

// Every dossier of the campaign; virtual, so 10 000 rows cost nothing.
class DossierListView : public wxListCtrl {
public:
    DossierListView(wxWindow* parent, Workbench& wb);
    void Reload();

private:
    wxString OnGetItemText(long item, long column) const override;
    wxListItemAttr* OnGetItemAttr(long item) const override;
    Workbench& wb_;
    mutable wxListItemAttr ineligible_, pending_;
};

}  // namespace cotation::gui
