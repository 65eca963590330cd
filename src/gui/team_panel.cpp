#include "team_panel.h"

#include <set>

#include "actions.h"
#include "app/input.h"
#include "colours.h"
#include "core/enums.h"
#include "core/error.h"
#include "core/french.h"
#include "layout.h"
#include "wx_text.h"

namespace cotation::gui {

TeamPanel::TeamPanel(wxWindow* parent, Workbench& wb) : wxPanel(parent), wb_(wb) {
    summary_ = heading(this, "");
    list_ = new CallbackListView(this, wxDefaultSize, [this](long item, long column) -> std::string {
        const Row& r = rows_[static_cast<std::size_t>(item)];
        switch (column) {
            case 0: return r.name;
            case 1: return r.role;
            case 2: return r.organisation;
            case 3: return r.assigned;
            case 4: return r.owed;
            default: return r.links;
        }
    });
    add_columns(list_, {{"Personne", 250},
                        {"Rôle", 185},
                        {"Organisation", 200},
                        {"Dossiers affectés", 120},
                        {"Notes à soumettre (relance)", 330},
                        {"Liens d'intérêts déclarés", 330}});
    auto* help = new wxStaticText(this, wxID_ANY,
                                  to_wx("Le coordonnateur déclare l'équipe, affecte les dossiers et enregistre les liens "
                                        "d'intérêts (aussi : « cotation users | assign | conflict ») ; chaque déclaration "
                                        "est datée et journalisée."));
    help->SetForegroundColour(colour(Colour::Muted));
    auto* add = action_button(this, Action::AddPerson);
    auto* assign = action_button(this, Action::AssignDossier);
    auto* link = action_button(this, Action::DeclareLink);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    for (wxButton* b : {add, assign, link}) buttons->Add(b, wxSizerFlags().Border(wxRIGHT, 8));
    auto* main = new wxBoxSizer(wxVERTICAL);
    main->Add(summary_, wxSizerFlags().Expand().Border(wxALL, 10));
    main->Add(list_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, 10));
    main->Add(buttons, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, 10));
    main->Add(help, wxSizerFlags().Expand().Border(wxALL, 10));
    SetSizer(main);
}




void TeamPanel::Reload() {
    if (!wb_.session) return;
    Session& s = *wb_.session;
    const Team& team = s.team();
    rows_.clear();
    std::size_t owed_total = 0;
    for (const auto& [name, p] : team.people) {
        Row r{name, role_label(p.role), p.organisation, "", "", ""};
        std::size_t assigned = 0;
        for (const auto& [id, reviewers] : team.assignments) {
            if (!reviewers.count(name)) continue;
            ++assigned;
            auto sub = team.submitted.find(id);
            if (sub != team.submitted.end() && sub->second.count(name)) continue;
            if (const Dossier* d = s.dossier_by_id(id)) r.owed += (r.owed.empty() ? "" : ", ") + d->reference;
            ++owed_total;
        }
        if (p.role == Role::Instructor) r.assigned = std::to_string(assigned);
        for (const auto& c : team.conflicts)
            if (c.reviewer == name)
                r.links += (r.links.empty() ? "" : " ; ") + c.organisme + " (" + c.declaration + ", " +
                           c.declared_on.french_numeric() + ")";
        rows_.push_back(std::move(r));
    }
    summary_->SetLabel(
        team.open_mode()
            ? to_wx("Aucune équipe déclarée : la campagne est instruite par une seule personne, sans contrôle des rôles.")
            : to_wx(fr::plural(team.people.size(), "personne") + " · " + fr::plural(owed_total, "dossier") +
                    " dont les notes restent à soumettre"));
    list_->SetItemCount(static_cast<long>(rows_.size()));
    list_->Refresh();
}

}  // namespace cotation::gui
