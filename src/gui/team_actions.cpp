// The team view's actions (declared in actions.cpp, run by the frame for the
// view's buttons): each asks in a dialog, then calls the Session.
#include <set>

#include <wx/combobox.h>

#include "actions.h"
#include "app/input.h"
#include "core/enums.h"
#include "core/french.h"
#include "layout.h"
#include "wx_text.h"

namespace cotation::gui {

void add_person_dialog(wxWindow* parent, Workbench& wb) {
    Form f(parent, "Ajouter une personne à la campagne");
    auto* name = f.text("Nom :");
    // The table's order (coordonnateur first); the instructor, most often added, preselected.
    auto* role = f.choice("Rôle :", enum_labels<Role>());
    role->SetSelection(enum_position(Role::Instructor));
    auto* org = f.text("Organisation :");
    auto* voice = f.choice("Voix (commission) :", {"délibérative", "consultative"});
    if (!f.run()) return;
    try {
        Role r = enum_at<Role>(role->GetSelection()).value_or(Role::Instructor);
        // No account from the window: accounts are bound from the command line.
        wb.session->add_person({fr::trim(typed_from_wx(name->GetValue())), r, fr::trim(typed_from_wx(org->GetValue())),
                                voice->GetSelection() == 0, ""},
                               wb.reviewer);
        wb.changed(Change::Team);
    } catch (const std::exception& e) {
        show_error(parent, e);
    }
}

void assign_dossier_dialog(wxWindow* parent, Workbench& wb) {
    Session& s = *wb.session;
    std::vector<std::string> refs, instructors;
    for (const auto& d : s.dossiers()) refs.push_back(d.reference + " — " + d.organisme);
    for (const auto& [name, p] : s.team().people)
        if (p.role == Role::Instructor) instructors.push_back(name);
    if (refs.empty() || instructors.empty()) {
        wxMessageBox(to_wx("Il faut au moins un dossier et un instructeur déclaré."), to_wx("Affectation"),
                     wxOK | wxICON_INFORMATION, parent);
        return;
    }
    Form f(parent, "Affecter un dossier");
    auto* dossier = f.choice("Dossier :", refs);
    if (wb.selected) dossier->SetSelection(static_cast<int>(*wb.selected));
    auto* who = f.choice("Instructeur :", instructors);
    auto* what = f.choice("Action :", {"affecter", "retirer l'affectation"});
    if (!f.run()) return;
    try {
        s.assign(s.dossiers()[static_cast<std::size_t>(dossier->GetSelection())].id,
                 instructors[static_cast<std::size_t>(who->GetSelection())], what->GetSelection() == 0, wb.reviewer);
        wb.changed(Change::Team);
    } catch (const std::exception& e) {
        show_error(parent, e);
    }
}

void declare_link_dialog(wxWindow* parent, Workbench& wb) {
    Session& s = *wb.session;
    std::vector<std::string> people;
    for (const auto& [name, p] : s.team().people) people.push_back(name);
    std::set<std::string> organismes;
    for (const auto& d : s.dossiers()) organismes.insert(d.organisme);
    if (people.empty()) return;
    Form f(parent, "Déclarer un lien d'intérêts");
    auto* who = f.choice("Personne :", people);
    // A candidate, or one whose dossier has not come in yet: its name, SIREN, SIRET or FINESS typed (trial 15).
    wxArrayString listed;
    for (const auto& o : organismes) listed.Add(to_wx(o));
    auto* org = f.add("Organisme (candidat, ou nom, SIREN, FINESS) :",
                      new wxComboBox(f.parent(), wxID_ANY, listed.empty() ? wxString() : listed[0], wxDefaultPosition,
                                     wxDefaultSize, listed, wxCB_DROPDOWN));
    auto* text = f.text("Nature du lien, période :", "", wxTE_MULTILINE);
    auto* date = f.text("Déclaration signée le :", Session::today().french_numeric());
    if (!f.run()) return;
    try {
        Date on = input::date("Déclaration signée le", from_wx(date->GetValue()));
        s.declare_conflict(people[static_cast<std::size_t>(who->GetSelection())],
                           typed_from_wx(org->GetValue()), typed_from_wx(text->GetValue()), wb.reviewer, on);
        // The person's ratings of that organisation stop counting: scores,
        // ranking and proposal move too, not only the team (review 12D M3).
        wb.changed(Change::Team | Change::Rating);
    } catch (const std::exception& e) {
        show_error(parent, e);
    }
}

}  // namespace cotation::gui
