#pragma once
// The campaign's journal, filterable by dossier or by any text, with a check
// of its hash chain.
#include <wx/wx.h>

#include <vector>

#include "panels.h"
#include "store/campaign_store.h"
#include "workbench.h"

namespace cotation::gui {

class JournalPanel : public wxPanel {
public:
    JournalPanel(wxWindow* parent, Workbench& wb);
    void Reload();
    const std::vector<const JournalEntry*>& shown() const { return shown_; }

private:
    void Filter();
    Workbench& wb_;
    wxTextCtrl* filter_;
    wxCheckBox* only_dossier_;
    wxStaticText* status_;
    CallbackListView* list_;
    std::vector<JournalEntry> all_;
    std::vector<const JournalEntry*> shown_;
};

}  // namespace cotation::gui
