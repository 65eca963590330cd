// The dossier form, generated from the grid's facts: adding a fact to a grid
// adds a field here without code.
#include <wx/scrolwin.h>

#include <map>
#include <optional>
#include <set>

#include "colours.h"
#include "core/error.h"
#include "core/french.h"
#include "io/imports.h"
#include "io/reference_data.h"
#include "store/campaign_store.h"
#include "wx_text.h"
#include "workbench.h"

namespace cotation::gui {

namespace {
struct Field {
    std::string id;
    // The fact's definition, the form's own copy (null for identity fields):
    // never a pointer into the session's grid, which a reload may replace
    // while the form is open (trial 15d F1).
    std::optional<FactDef> def;
    wxWindow* control = nullptr;
    wxStaticText* hint = nullptr;

    std::string text() const {
        if (auto* c = dynamic_cast<wxChoice*>(control)) return from_wx(c->GetStringSelection());
        return typed_from_wx(static_cast<wxTextCtrl*>(control)->GetValue());
    }
};

class DossierDialog : public wxDialog {
public:
    DossierDialog(wxWindow* parent, Workbench& wb, const Dossier* dossier)
        : wxDialog(parent, wxID_ANY, to_wx(dossier ? "Dossier " + dossier->reference : std::string("Nouveau dossier")),
                   wxDefaultPosition, wxSize(760, 720), wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
          wb_(wb), id_(dossier ? std::optional<std::int64_t>(dossier->id) : std::nullopt) {
        const Grid& g = wb.session->grid();
        auto* scroll = new wxScrolledWindow(this);
        auto* grid = new wxFlexGridSizer(3, wxSize(10, 6));
        grid->AddGrowableCol(1, 1);
        const std::pair<const char*, const char*> identity[] = {
            {"reference", "Référence du dossier"}, {"organisme", "Organisme gestionnaire"},
            {"siret", "SIRET (14 chiffres)"}, {"finess", "FINESS (9 caractères)"}, {"commune", "Commune (code INSEE)"}};
        for (auto [id, label] : identity) add(scroll, grid, id, nullptr, label, dossier ? shown(*dossier, id, nullptr) : "");
        std::vector<const FactDef*> defs;
        for (const FactDef* f : g.identity_facts())
            if (f->id == "places" || f->id == "budget_annuel" || f->id == "date_depot") defs.push_back(f);
        for (const auto& f : g.facts)
            if (!Grid::is_builtin(f.id) && !f.derived) defs.push_back(&f);
        for (const FactDef* f : defs) {
            const std::string value = dossier ? shown(*dossier, f->id, f) : "";
            std::string unit = f->unit.substr(f->unit.find('|') == std::string::npos ? 0 : f->unit.find('|') + 1);
            std::string label = f->label + (unit.empty() ? "" : " (" + unit + ")") +
                                (f->type == FactType::Amount ? " (€)" : f->type == FactType::Date ? " (jj/mm/aaaa)" : "");
            add(scroll, grid, f->id, f, label, value);
        }
        scroll->SetSizer(grid);
        scroll->SetScrollRate(0, 12);
        // Named for the GUI test, which reads what it says.
        errors_ = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 0, "erreurs");
        errors_->SetForegroundColour(colour(Colour::Refused));
        auto* main = new wxBoxSizer(wxVERTICAL);
        auto* intro = new wxStaticText(this, wxID_ANY,
                                       to_wx("Un fait laissé vide est « non renseigné » : les règles qui en dépendent "
                                             "seront « non décidables » jusqu'à ce qu'il soit complété."));
        intro->Wrap(700);
        main->Add(intro, wxSizerFlags().Expand().Border(wxALL, 10));
        main->Add(scroll, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, 10));
        main->Add(errors_, wxSizerFlags().Expand().Border(wxALL, 10));
        main->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), wxSizerFlags().Expand().Border(wxALL, 10));
        SetSizer(main);
        Bind(wxEVT_BUTTON, &DossierDialog::OnOk, this, wxID_OK);
    }

private:
    // A field's text for a dossier, as the form shows and reads it back.
    static std::string shown(const Dossier& d, const std::string& id, const FactDef* def) {
        if (id == "reference") return d.reference;
        if (id == "organisme") return d.organisme;
        Value v = d.get(id);
        if (!def) {
            auto s = std::get_if<std::string>(&v);
            return s ? *s : "";
        }
        if (is_missing(v)) return "";
        if (def->type == FactType::Amount || def->type == FactType::Number) return fr::number(std::get<Rational>(v), 6);
        if (def->type == FactType::CodeList) return to_canonical(v);
        return display(*def, v);
    }

    void add(wxWindow* parent, wxFlexGridSizer* grid, const std::string& id, const FactDef* def, const std::string& label,
             const std::string& value) {
        Field f;
        f.id = id;
        if (def) f.def = *def;
        auto* l = new wxStaticText(parent, wxID_ANY, to_wx(label));
        // Long labels (« Équipe de l'accompagnement renforcé — IDE, aides-soignants… »)
        // wrap, so that the fields keep their place in the dialog's width.
        l->Wrap(300);
        if (def && !def->help.empty()) l->SetToolTip(to_wx(def->help));
        if (def && (def->type == FactType::Bool || (def->type == FactType::Code && !def->choices.empty()))) {
            auto* c = new wxChoice(parent, wxID_ANY, wxDefaultPosition, wxSize(200, -1));
            c->Append("");
            if (def->type == FactType::Bool) {
                c->Append("oui");
                c->Append("non");
            } else {
                for (const auto& ch : def->choices) c->Append(to_wx(ch));
            }
            c->SetStringSelection(to_wx(value));
            f.control = c;
        } else {
            auto* t = new wxTextCtrl(parent, wxID_ANY, to_wx(value), wxDefaultPosition, wxSize(200, -1));
            if (def && !def->help.empty()) t->SetHint(to_wx(def->help));
            f.control = t;
        }
        f.control->SetName(to_wx(id));   // found by the GUI test
        f.hint = new wxStaticText(parent, wxID_ANY, "", wxDefaultPosition, wxSize(170, -1));
        f.hint->SetForegroundColour(colour(Colour::Muted));
        grid->Add(l, wxSizerFlags().CenterVertical());
        grid->Add(f.control, wxSizerFlags().Expand());
        grid->Add(f.hint, wxSizerFlags().CenterVertical());
        if (id == "commune") {
            auto* t = static_cast<wxTextCtrl*>(f.control);
            wxStaticText* hint = f.hint;
            auto update = [t, hint](wxCommandEvent&) {
                const io::CommuneInfo* c = io::ReferenceData::instance().commune(from_wx(t->GetValue()));
                hint->SetLabel(c ? to_wx(c->name + " (" + c->departement + ")") : wxString());
            };
            t->Bind(wxEVT_TEXT, update);
            wxCommandEvent dummy;
            update(dummy);
        }
        opened_[id] = value;
        fields_.push_back(f);
    }

    void OnOk(wxCommandEvent&) {
        std::map<std::string, std::string> values;
        for (const auto& f : fields_) values[f.id] = f.text();
        std::vector<std::pair<std::string, std::string>> errors;
        Dossier d = io::build_dossier(wb_.session->grid(), io::ReferenceData::instance(), values, errors);
        for (auto& f : fields_) {
            f.hint->SetForegroundColour(colour(Colour::Muted));
            if (f.id != "commune") f.hint->SetLabel("");
        }
        std::string all;
        for (const auto& [col, why] : errors) {
            for (auto& f : fields_)
                if (f.id == col) {
                    f.hint->SetLabel(to_wx(why));
                    f.hint->Wrap(170);   // whole beside its field, not cut at the dialog's edge
                    f.hint->SetForegroundColour(colour(Colour::Refused));
                    f.hint->SetToolTip(to_wx(why));
                }
            all += (all.empty() ? "" : "\n") + col + " : " + why;
        }
        if (!errors.empty()) {
            errors_->SetLabel(to_wx("À corriger avant d'enregistrer :\n" + all));
            if (!fields_.empty()) fields_.front().hint->GetParent()->Layout();
            Layout();
            return;
        }
        try {
            if (id_) {
                if (!wb_.session->dossier_by_id(*id_)) throw InputError(unknown_dossier(opened_["reference"]));
                d.id = *id_;
                // Only the fields the person changed are written, over the
                // dossier as it stands in the write (Session::update_dossier_fields):
                // another's change of other fields, and the pieces this form
                // does not show, are kept; an unchanged form writes nothing (trial 15d F7).
                std::set<std::string> changed;
                for (const auto& f : fields_)
                    if (f.text() != opened_[f.id]) changed.insert(f.id);
                if (!wb_.session->update_dossier_fields(d, changed, wb_.reviewer)) {
                    EndModal(wxID_CANCEL);
                    return;
                }
            } else {
                wb_.session->add_dossier(d, wb_.reviewer);
            }
        } catch (const StaleCampaign& e) {
            // Changed by another person since the form opened: said, and the
            // form brought up to date where nothing was typed (trial 15c F2).
            const std::string refused = e.what();
            try {
                Rebase();
            } catch (...) {
                // The form not brought up to date: said under the refusal, never thrown out of the window (trial 15d F1).
                show_error(refused + "\n" + unexpected_exception_text());
                return;
            }
            show_error(refused);
            return;
        } catch (const std::exception& e) {
            show_error(e.what());
            return;
        } catch (...) {
            show_error(unexpected_exception_text());
            return;
        }
        EndModal(wxID_OK);
    }

    void show_error(const std::string& text) {
        errors_->SetLabel(to_wx(text));
        errors_->Wrap(GetClientSize().x - 20);   // whole in the dialog's width, not cut at its edge (trial 15c F8)
        Layout();
    }

    // After a conflict the session holds the campaign as it stands. A field
    // the person left as it was shown takes the value stored since; a field
    // they changed keeps their typing, the value stored since beside it. What
    // the form shows is then the new reading: a second OK writes the
    // person's changes knowingly, and only those.
    void Rebase() {
        const Dossier* now = id_ ? wb_.session->dossier_by_id(*id_) : nullptr;
        if (!now) return;
        for (auto& f : fields_) {
            const std::string stored = shown(*now, f.id, f.def ? &*f.def : nullptr), was = opened_[f.id];
            if (stored == was) continue;
            if (f.text() == was) {
                if (auto* c = dynamic_cast<wxChoice*>(f.control)) c->SetStringSelection(to_wx(stored));
                else static_cast<wxTextCtrl*>(f.control)->ChangeValue(to_wx(stored));
                f.hint->SetLabel(to_wx("mis à jour : " + (was.empty() ? std::string("(vide)") : was) + " → " +
                                       (stored.empty() ? std::string("(vide)") : stored)));
                f.hint->SetForegroundColour(colour(Colour::Muted));
            } else {
                f.hint->SetLabel(to_wx("enregistré depuis : " + (stored.empty() ? std::string("(vide)") : stored) +
                                       " ; votre saisie est gardée"));
                f.hint->SetForegroundColour(colour(Colour::Refused));
            }
            f.hint->Wrap(170);
            f.hint->SetToolTip(f.hint->GetLabel());
            opened_[f.id] = stored;
        }
        if (!fields_.empty()) fields_.front().hint->GetParent()->Layout();
    }

    Workbench& wb_;
    // The dossier's id and each field's text at the last reading, never a
    // pointer: a re-read of the campaign (after a conflict, trial 15c F2)
    // replaces the dossiers the caller's pointer pointed into.
    std::optional<std::int64_t> id_;
    std::map<std::string, std::string> opened_;
    std::vector<Field> fields_;
    wxStaticText* errors_;
};
}  // namespace

bool edit_dossier_dialog(wxWindow* parent, Workbench& wb, const Dossier* dossier) {
    DossierDialog dlg(parent, wb, dossier);
    return dlg.ShowModal() == wxID_OK;
}

}  // namespace cotation::gui
