#include "journal_panel.h"
#include "actions.h"

#include <algorithm>

#include "core/journal_grammar.h"
#include "core/french.h"
#include "layout.h"
#include "wx_text.h"

namespace cotation::gui {

JournalPanel::JournalPanel(wxWindow* parent, Workbench& wb) : wxPanel(parent), wb_(wb) {
    filter_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(320, -1));
    filter_->SetHint(to_wx("Filtrer : auteur, action, dossier, valeur…"));
    only_dossier_ = new wxCheckBox(this, wxID_ANY, to_wx("Seulement le dossier sélectionné"));
    auto* verify = action_button(this, Action::VerifyJournal);
    status_ = new wxStaticText(this, wxID_ANY, "");
    list_ = new CallbackListView(this, wxDefaultSize, [this](long item, long column) -> std::string {
        const JournalEntry& e = *shown_[static_cast<std::size_t>(item)];
        switch (column) {
            case 0: return std::to_string(e.seq);
            case 1: return e.at.substr(0, 10) + " " + e.at.substr(11, 5);
            case 2: return e.actor;
            case 3: return e.db_role;
            case 4: return e.action;
            case 5: return e.entity;
            case 6: return e.old_value;
            default: return e.new_value;
        }
    });
    add_columns(list_, {{"N°", 55},
                        {"Date (UTC)", 125},
                        {"Auteur", 190},
                        {"Rôle du serveur", 0},
                        {"Action", 130},
                        {"Objet", 300},
                        {"Ancienne valeur", 230},
                        {"Nouvelle valeur", 330}});
    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    bar->Add(filter_, wxSizerFlags().CenterVertical().Border(wxRIGHT, 10));
    bar->Add(only_dossier_, wxSizerFlags().CenterVertical().Border(wxRIGHT, 10));
    bar->AddStretchSpacer();
    bar->Add(verify, wxSizerFlags().CenterVertical());
    auto* main = new wxBoxSizer(wxVERTICAL);
    main->Add(bar, wxSizerFlags().Expand().Border(wxALL, 10));
    main->Add(status_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, 10));
    main->Add(list_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, 10));
    SetSizer(main);
    filter_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { Filter(); });
    only_dossier_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { Filter(); });
}

void JournalPanel::Reload() {
    if (!wb_.session) return;
    // The same read rule as `journal show` (Session::readable_journal, the
    // core's journal_entity_readable): a reviewer who has not submitted
    // never sees another's ratings here either (trial 13 R5).
    all_ = wb_.session->readable_journal("");
    // On a server, the login role that wrote each entry (trial 15b F8: an
    // entry typed in SQL under a member's own role looked like Cotation's);
    // a file has none, and the column stays out of the way.
    bool roles = std::any_of(all_.begin(), all_.end(), [](const JournalEntry& e) { return !e.db_role.empty(); });
    list_->SetColumnWidth(3, roles ? 130 : 0);
    Filter();
}

void JournalPanel::Filter() {
    std::string needle = fr::lower_ascii(from_wx(filter_->GetValue()));
    std::string prefix;
    if (only_dossier_->GetValue() && wb_.dossier()) prefix = journal_text::dossier_entity(wb_.dossier()->reference);
    shown_.clear();
    // Newest first: what changed last is what people look for.
    for (auto it = all_.rbegin(); it != all_.rend(); ++it) {
        if (!prefix.empty() && it->entity.rfind(prefix, 0) != 0) continue;
        if (!needle.empty()) {
            std::string hay = fr::lower_ascii(it->actor + " " + it->db_role + " " + it->action + " " + it->entity + " " +
                                              it->old_value + " " + it->new_value);
            if (hay.find(needle) == std::string::npos) continue;
        }
        shown_.push_back(&*it);
    }
    status_->SetLabel(to_wx(std::to_string(shown_.size()) + " entrées affichées sur " + std::to_string(all_.size()) +
                            " ; le journal ne peut être que complété."));
    list_->SetItemCount(static_cast<long>(shown_.size()));
    list_->Refresh();
}

}  // namespace cotation::gui
