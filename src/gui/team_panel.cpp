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
    summary_ = new wxStaticText(this, wxID_ANY, "");
    summary_->SetFont(summary_->GetFont().Bold());
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
    add_columns(list_, {{"Personne", 250}, {"Rôle", 185}, {"Organisation", 200}, {"Dossiers affectés", 120}, {"Notes à soumettre (relance)", 330}, {"Liens d'intérêts déclarés", 330}});
    auto* help = new wxStaticText(this, wxID_ANY, to_wx("Le coordonnateur déclare l'équipe, affecte les dossiers et enregistre les liens "
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
    add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnAddPerson(); });
    assign->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnAssign(); });
    link->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnDeclareLink(); });
}

void TeamPanel::OnAddPerson() {
    Form f(this, "Ajouter une personne à la campagne");
    auto* name = f.text("Nom :");
    // The table's order (coordonnateur first); the instructor, most often added, preselected.
    auto* role = f.choice("Rôle :", enum_labels<Role>());
    role->SetSelection(enum_position(Role::Instructor));
    auto* org = f.text("Organisation :");
    auto* voice = f.choice("Voix (commission) :", {"délibérative", "consultative"});
    if (!f.run()) return;
    try {
        Role r = enum_at<Role>(role->GetSelection()).value_or(Role::Instructor);
        wb_.session->add_person({fr::trim(from_wx(name->GetValue())), r, fr::trim(from_wx(org->GetValue())), voice->GetSelection() == 0},
                                wb_.reviewer);
        wb_.changed(Change::Team);
    } catch (const std::exception& e) {
        show_error(this, e);
    }
}

void TeamPanel::OnAssign() {
    Session& s = *wb_.session;
    std::vector<std::string> refs, instructors;
    for (const auto& d : s.dossiers()) refs.push_back(d.reference + " — " + d.organisme);
    for (const auto& [name, p] : s.team().people)
        if (p.role == Role::Instructor) instructors.push_back(name);
    if (refs.empty() || instructors.empty()) {
        wxMessageBox(to_wx("Il faut au moins un dossier et un instructeur déclaré."), to_wx("Affectation"), wxOK | wxICON_INFORMATION, this);
        return;
    }
    Form f(this, "Affecter un dossier");
    auto* dossier = f.choice("Dossier :", refs);
    if (wb_.selected) dossier->SetSelection(static_cast<int>(*wb_.selected));
    auto* who = f.choice("Instructeur :", instructors);
    auto* what = f.choice("Action :", {"affecter", "retirer l'affectation"});
    if (!f.run()) return;
    try {
        s.assign(s.dossiers()[static_cast<std::size_t>(dossier->GetSelection())].id,
                 instructors[static_cast<std::size_t>(who->GetSelection())], what->GetSelection() == 0, wb_.reviewer);
        wb_.changed(Change::Team);
    } catch (const std::exception& e) {
        show_error(this, e);
    }
}

void TeamPanel::OnDeclareLink() {
    Session& s = *wb_.session;
    std::vector<std::string> people;
    for (const auto& [name, p] : s.team().people) people.push_back(name);
    std::set<std::string> organismes;
    for (const auto& d : s.dossiers()) organismes.insert(d.organisme);
    std::vector<std::string> orgs(organismes.begin(), organismes.end());
    if (people.empty() || orgs.empty()) return;
    Form f(this, "Déclarer un lien d'intérêts");
    auto* who = f.choice("Personne :", people);
    auto* org = f.choice("Organisme candidat :", orgs);
    auto* text = f.text("Nature du lien, période :", "", wxTE_MULTILINE);
    auto* date = f.text("Déclaration signée le :", Session::today().french_numeric());
    if (!f.run()) return;
    try {
        Date on = input::date("Déclaration signée le", from_wx(date->GetValue()));
        s.declare_conflict(people[static_cast<std::size_t>(who->GetSelection())], orgs[static_cast<std::size_t>(org->GetSelection())],
                           from_wx(text->GetValue()), wb_.reviewer, on);
        wb_.changed(Change::Team);
    } catch (const std::exception& e) {
        show_error(this, e);
    }
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
                r.links += (r.links.empty() ? "" : " ; ") + c.organisme + " (" + c.declaration + ", " + c.declared_on.french_numeric() + ")";
        rows_.push_back(std::move(r));
    }
    summary_->SetLabel(team.open_mode()
                           ? to_wx("Aucune équipe déclarée : la campagne est instruite par une seule personne, sans contrôle des rôles.")
                           : to_wx(std::to_string(team.people.size()) + " personnes · " + std::to_string(owed_total) +
                                   " dossiers dont les notes restent à soumettre"));
    list_->SetItemCount(static_cast<long>(rows_.size()));
    list_->Refresh();
}

}  // namespace cotation::gui
