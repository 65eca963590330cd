#include "session.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "app/input.h"
#include "app/session_internal.h"
#include "core/journal_grammar.h"
#include "core/error.h"
#include "core/french.h"
#include "core/logo.h"
#include "core/parameter_rules.h"
#include "core/people.h"
#include "core/procedure_def.h"
#include "core/eligibility.h"
#include "io/grid_reader.h"
#include "io/paths.h"
#include "io/png_check.h"
#include "io/reference_data.h"
#include "io/territory_rules.h"
#include "io/xml_tree.h"

namespace cotation {
using session_detail::require;

void Session::set_parameter(const std::string& name, const Value& value, const std::string& actor) {
    set_parameters({{name, value}}, actor);
}

void Session::set_parameters(const input::TypedParameters& changes, const std::string& actor, const std::string& motive) {
    // All the changes in one transaction: a refused one leaves none written.
    auto w = writing();   // checks and write in one transaction (issue 13.5)
    authenticate(actor);
    require(snap_.team.may_coordinate(actor));
    require(text_refusal(motive, "Le motif du changement"));   // journaled as typed (trial 13e F7: U+202E)
    for (const auto& [name, v] : changes)
        if (!grid_.fact(name) || !is_campaign_parameter(name))
            throw InputError("Paramètre « " + name + " » inconnu de la grille « " + grid_.id + " ».");
    for (const auto& [name, v] : changes) require(parameter_text_refusal(name, v));   // printed in letters (trial 13f F5)
    // The call's capacity never below what the decisions already grant (trial 13b F2).
    const ParameterDef* cap = grid_.parameter_with(ParameterRole::CapacityDossiers);
    if (!cap) cap = grid_.parameter_with(ParameterRole::Capacity);
    for (const auto& [name, v] : changes)
        if (cap && cap->def.id == name)
            if (auto r = std::get_if<Rational>(&v))
                require(capacity_refusal(name, capacity_model(grid_, snap_.campaign), *r, snap_.decisions));
    require_coherent_dates(changes);
    // No decided dossier made irrecevable behind its decision (trial 13c F2).
    FactValues next = snap_.campaign.parameters;
    for (const auto& [name, v] : changes) {
        if (is_missing(v)) next.erase(name);
        else next[name] = v;
    }
    require(decided_dossiers_refusal(grid_, snap_.campaign, next, snap_.dossiers, snap_.decisions));
    // Settled once voted or decided (trial 1011B F1): only with a motive, journaled.
    std::vector<std::string> names;
    for (const auto& [name, v] : changes)
        if (auto it = snap_.campaign.parameters.find(name);
            it == snap_.campaign.parameters.end() ? !is_missing(v) : to_canonical(it->second) != to_canonical(v))
            names.push_back(name);
    SettledCampaign settled;
    if (snap_.meeting && !snap_.meeting->votes.empty()) settled.voted_on = snap_.meeting->date.french_numeric();
    settled.decisions = snap_.decisions.size();
    if (!names.empty()) require(settled_parameters_refusal(grid_, snap_.campaign.parameters, names, settled, motive));
    const std::string who = journal_text::with_motive(journal_actor(actor), fr::trim(motive));
    for (const auto& [name, v] : changes) {
        store_->set_parameter(name, to_canonical(v), who);
        if (is_missing(v)) snap_.campaign.parameters.erase(name);
        else snap_.campaign.parameters[name] = v;
        invalidate();
        // The tribunal is the authority's now; `cotation param F campagne.tribunal=…`
        // keeps working by setting it there too.
        if (name == param::kTribunal && !is_missing(v) && to_canonical(v) != snap_.campaign.authority.tribunal) {
            Authority a = snap_.campaign.authority;
            a.tribunal = to_canonical(v);
            store_->set_authority(a, journal_actor(actor));
            snap_.campaign.authority = a;
        }
    }
}

std::map<std::string, ParameterChange> Session::parameter_changes() {
    if (journal_reads_.parameter_changes) return *journal_reads_.parameter_changes;
    std::map<std::string, ParameterChange> out;   // cached whole, once read whole
    for (const auto& e : store_->journal("campagne/"))   // oldest first: the last one stays
        if (e.action == "campagne.parametre") out[e.entity.substr(std::string("campagne/").size())] = {e.at, e.actor};
    journal_reads_.parameter_changes = out;
    return out;
}

std::map<std::string, ParameterChange> Session::parameters_set_for_campaign() {
    if (journal_reads_.parameters_set) return *journal_reads_.parameters_set;
    std::map<std::string, ParameterChange> out;   // cached whole, once read whole
    std::string created_at, created_by;
    bool in_creation = false;
    std::set<std::string> seen;   // written by the creation
    for (const auto& e : store_->journal("campagne")) {   // oldest first: the last one stays
        if (e.action == "campagne.creation") {
            created_at = e.at, created_by = e.actor, in_creation = true;
            continue;
        }
        in_creation = in_creation && e.at == created_at && e.actor == created_by;
        if (e.action != "campagne.parametre") continue;
        const std::string name = e.entity.substr(std::string("campagne/").size());
        // The creation's own entries follow it, same instant and author, one
        // per parameter: the grid's values, which nobody chose for the
        // campaign. A second entry for a name is a choice, even in that second.
        if (in_creation && seen.insert(name).second) continue;
        out[name] = {e.at, e.actor};
    }
    journal_reads_.parameters_set = out;
    return out;
}

std::map<std::string, std::string> Session::changed_figure_notes() {
    // The team's documents: who changed the figure and why (the letters and
    // orders, signed, say the signatory's decision: report/letters.cpp).
    if (journal_reads_.figure_notes) return *journal_reads_.figure_notes;
    std::map<std::string, std::string> out;   // cached whole, once read whole
    bool any = false;
    for (const auto& p : grid_.parameters)
        any = any || !changed_figure_record(grid_, p, snap_.campaign.parameters, std::nullopt).empty();
    if (!any) {
        journal_reads_.figure_notes = out;
        return out;
    }
    const auto changes = parameter_changes();
    for (const auto& p : grid_.parameters) {
        auto it = changes.find(p.def.id);
        const auto last = it == changes.end() ? std::nullopt : std::optional<ParameterChange>(it->second);
        if (auto note = changed_figure_record(grid_, p, snap_.campaign.parameters, last); !note.empty()) out[p.def.id] = note;
    }
    journal_reads_.figure_notes = out;
    return out;
}

void Session::note_changed_figures(const Dossier& d, EligibilityReport& report) {
    if (auto notes = changed_figure_notes(); !notes.empty())
        cotation::note_changed_figures(grid_, snap_.campaign, d, report, notes);
}

void Session::require_coherent_dates(const input::TypedParameters& changes) const {
    // The calendar as it would be after the changes: refused when they put
    // two dates out of order (a committee in 2019 on a 2023 call). An
    // incoherence already there is not the change's fault: only new ones count.
    FactValues next = snap_.campaign.parameters;
    for (const auto& [name, v] : changes) {
        if (is_missing(v)) next.erase(name);
        else next[name] = v;
    }
    const std::optional<Date> meeting = snap_.meeting ? std::optional<Date>(snap_.meeting->date) : std::nullopt;
    const auto before = calendar_problems(campaign_calendar(CampaignParameters(snap_.campaign.parameters), meeting));
    std::string refused;
    for (const auto& p : calendar_problems(campaign_calendar(CampaignParameters(next), meeting)))
        if (std::find(before.begin(), before.end(), p) == before.end()) refused += (refused.empty() ? "" : "\n") + p;
    // The relations the grid declares between parameters (trial 13 R3), the same way: new breaks only.
    const auto was = parameter_problems(grid_, snap_.campaign.parameters, session_detail::departement_exists);
    for (const auto& p : parameter_problems(grid_, next, session_detail::departement_exists))
        if (std::find(was.begin(), was.end(), p) == was.end()) refused += (refused.empty() ? "" : "\n") + p;
    if (!refused.empty()) throw InputError(refused + "\nRien n'a été enregistré.");
}

void Session::set_authority(const Authority& input, const std::string& actor) {
    auto w = writing();   // checks and write in one transaction (issue 13.5)
    authenticate(actor);
    require(snap_.team.may_coordinate(actor));
    Authority a = input;
    for (std::string* f : {&a.name, &a.signatory, &a.signatory_title, &a.city, &a.tribunal, &a.tribunal_address, &a.logo})
        *f = fr::trim(*f);
    std::vector<std::string> lines;
    for (const auto& l : a.address)
        if (!fr::trim(l).empty()) lines.push_back(fr::trim(l));
    a.address = lines;
    if (a.name.empty()) throw InputError("Autorité : le nom de l'autorité qui lance l'appel est obligatoire.");
    // Printed in every letter and order: no control character, no novel (trial 13c F7).
    require(authority_refusal(a));
    if (a.signatory_title.empty())
        throw InputError(
            "Autorité : la qualité du signataire est obligatoire (par exemple « Le Président du Conseil départemental »).");
    // A new logo is read, checked and copied into the campaign now, never
    // kept as a path (core/logo.h); a campaign's earlier path stays as it was.
    if (!a.logo.empty() && !logo_is_stored(a.logo) && a.logo != snap_.campaign.authority.logo) {
        std::error_code ec;
        // Every refusal said alike: the authority's logo, what is wrong, nothing recorded (trial 1011G2 minor 8).
        const std::string said = "Autorité, logo « " + a.logo + " » : ";
        if (std::filesystem::is_directory(a.logo, ec))   // trial 1011G m13: « . » read « introuvable »
            throw InputError(said + "c'est un dossier ; donnez le fichier PNG du logo ; rien n'a été enregistré.");
        if (!std::filesystem::is_regular_file(a.logo, ec))
            throw InputError(said + "fichier introuvable ; rien n'a été enregistré.");
        std::string png = io::read_file(a.logo, io::kImageFile);
        if (std::string why = logo_problem(png, a.logo); !why.empty()) {
            const std::string own = "Logo « " + a.logo + " » : ";
            if (why.rfind(own, 0) == 0) why = said + why.substr(own.size());
            if (!why.empty() && why.back() == '.') why.pop_back();
            throw InputError(why + " ; rien n'a été enregistré.");
        }
        // Decoded to its end now: a damaged image would abort every document (trial 13b F16).
        if (std::string why = io::png_decoding_problem(png); !why.empty())
            throw InputError("Autorité, logo « " + a.logo + " » : image PNG illisible (" + why +
                             ") ; rien n'a été enregistré. Enregistrez de nouveau le logo au format PNG et donnez ce fichier.");
        a.logo = logo_to_stored(png);
    } else if (logo_is_stored(a.logo) && a.logo != snap_.campaign.authority.logo) {
        // Given already in the stored form (a copied field): checked all the same.
        std::string png = logo_from_stored(a.logo);
        require(logo_problem(png, "de l'autorité"));
        if (std::string why = io::png_decoding_problem(png); !why.empty())
            throw InputError("Autorité, logo donné en texte (data:image/png) : image PNG illisible (" + why +
                             ") ; rien n'a été enregistré.");
    }
    if (a == snap_.campaign.authority) return;
    store_->set_authority(a, journal_actor(actor));
    snap_.campaign.authority = a;
    if (!a.tribunal.empty()) snap_.campaign.parameters[param::kTribunal] = a.tribunal;   // one tribunal (Session::load)
}

Session::GridCandidate Session::read_candidate_grid(const std::string& grid_path) const {
    std::string xml = io::read_file(grid_path, io::kXmlFile);
    // A form missing beside the file is taken from the campaign's own.
    io::FormLoader beside = io::forms_beside(grid_path);
    std::string pinned_form = grid_.form_xml, pinned_id = grid_.form_id;
    auto forms = [&](const std::string& id) {
        try {
            return beside(id);
        } catch (const InputError&) {
            if (id == pinned_id) return io::FormText{pinned_form, path_ + " (formulaire " + id + ")"};
            throw;
        }
    };
    Grid g = io::read_grid(xml, grid_path, forms);
    GridCandidate c{std::move(g), xml, std::filesystem::path(grid_path).filename().string()};
    if (const auto rules = io::territory_rules_beside_grid(grid_path, c.grid.id))
        c.rules_path = rules->path, c.rules_name = rules->name, c.rules_text = rules->text;
    return c;
}

Session::GridCandidate Session::candidate_from_xml(const std::string& xml, const std::string& name) const {
    std::string pinned_form = grid_.form_xml, pinned_id = grid_.form_id;
    auto forms = [&](const std::string& id) {
        if (id != pinned_id) return io::forms_beside(io::data_root() + "/scoring-grids/" + name)(id);
        return io::FormText{pinned_form, path_ + " (formulaire " + id + ")"};
    };
    Grid g = io::read_grid(xml, name, forms);
    return {std::move(g), xml, name};
}

GridChange Session::preview_grid_change(const GridCandidate& c) {
    return compare_grids(grid_, c.grid, snap_.campaign, snap_.dossiers, rating_index_, &snap_.consolidation);
}

void Session::apply_grid_change(const GridCandidate& c, const std::string& reason, const std::string& actor) {
    auto w = writing();   // checks and write in one transaction (issue 13.5)
    authenticate(actor);
    require(snap_.team.may_coordinate(actor));
    if (c.grid.id == grid_.id && c.grid.version == grid_.version)
        throw InputError("La grille « " + c.grid.id + " » est déjà en version " + c.grid.version +
                         " dans cette campagne : une modification doit porter un nouveau numéro de version.");
    if (!fr::given(reason)) throw InputError("Indiquez le motif du changement de grille : il est inscrit au journal.");
    if (c.grid.procedure.procedure_id != snap_.campaign.procedure.id)
        throw InputError("La grille « " + c.grid.id + " » version " + c.grid.version + " suit la procédure « " +
                         c.grid.procedure.procedure_id + " », la campagne suit « " + snap_.campaign.procedure.id +
                         " » : une campagne ne change pas de procédure en cours de route.");
    amend_procedure(snap_.campaign.procedure, c.grid.procedure);   // its steps must fit the campaign's procedure
    std::map<std::string, std::string> added;
    for (const auto& p : c.grid.parameters)
        if (!snap_.campaign.parameters.count(p.def.id) && !is_missing(p.default_value))
            added[p.def.id] = to_canonical(p.default_value);
    // The territorial rules pinned in the campaign follow the new grid's file
    // when its text differs (checked first, every status declared: nothing
    // is written when it does not read), pinned in the same transaction and
    // journaled with the grid's change. No file found beside the new grid nor
    // shipped (a grid from the editor): the pinned rules stay, unchanged.
    const bool new_rules = !c.rules_path.empty() && c.rules_text != rules_text_;
    if (new_rules) io::read_territory_rules(c.rules_text, c.rules_path, io::ReferenceData::instance());
    PinnedGrid pinned{c.grid.id, c.grid.version, c.name, c.xml, c.grid.form_id.empty() ? "" : c.grid.form_id + ".xml",
                      c.grid.form_xml};
    store_->change_grid(pinned, added, fr::trim(reason), journal_actor(actor));
    if (new_rules)
        store_->pin_territory_rules(c.rules_name, c.rules_text,
                                    "grille « " + c.grid.id + " » version " + c.grid.version + " : règles de « " + c.rules_name +
                                        " » — " + fr::trim(reason),
                                    journal_actor(actor));
    load();
}

}  // namespace cotation
