#include "grid.h"
#include "campaign_parameters.h"
#include "enums.h"

#include <set>

#include "error.h"
#include "french.h"
#include "invisible.h"

namespace cotation {
namespace {
FactDef builtin(const char* id, FactType t, const char* label, const char* unit = "") {
    FactDef f;
    f.id = id;
    f.type = t;
    f.label = label;
    f.unit = unit;
    f.source = "Fiche d'identification du dossier";
    return f;
}
}  // namespace

const std::vector<FactDef>& Grid::builtin_facts() {
    static const std::vector<FactDef> facts = [] {
        std::vector<FactDef> v{
            builtin("organisme", FactType::Text, "Organisme gestionnaire"),
            builtin("siret", FactType::Code, "SIRET"),
            builtin("finess", FactType::Code, "FINESS"),
            builtin("commune", FactType::Code, "Commune d'implantation (code INSEE)"),
            builtin("places", FactType::Number, "Capacité demandée", "place|places"),
            builtin("budget_annuel", FactType::Amount, "Budget annuel demandé"),
            builtin("date_depot", FactType::Date, "Date de dépôt"),
        };
        v[4].min = Rational(0);
        v[5].min = Rational(0);
        return v;
    }();
    return facts;
}

const FactDef* Grid::fact(const std::string& name) const {
    // A grid may relabel a built-in fact (its own entry comes first).
    for (const auto& f : facts)
        if (f.id == name) return &f;
    for (const auto& f : builtin_facts())
        if (f.id == name) return &f;
    for (const auto& p : parameters)
        if (p.def.id == name) return &p.def;
    for (const auto& p : procedure_parameters())
        if (p.id == name) return &p;
    return nullptr;
}

const char* parameter_role_name(ParameterRole r) { return enum_code(r); }

std::optional<ParameterRole> parameter_role_from_name(const std::string& name) { return enum_from_code<ParameterRole>(name); }

const ParameterDef* Grid::parameter_with(ParameterRole role) const {
    for (const auto& p : parameters)
        if (p.role == role) return &p;
    if (role == ParameterRole::Capacity && !parameter_with(ParameterRole::CapacityDossiers))
        for (const auto& p : parameters)
            if (p.def.id == param::kPlaces) return &p;
    return nullptr;
}

const std::vector<FactDef>& Grid::procedure_parameters() {
    // Dates every call has, whatever its procedure (the procedure file counts
    // its steps from them), known even when a grid does not declare them.
    static const std::vector<FactDef> params = [] {
        std::vector<FactDef> v{
            builtin(param::kPublicationDate, FactType::Date, "Date de publication de l'avis"),
            builtin(param::kDeadline, FactType::Date, "Date limite de dépôt des dossiers"),
            builtin(param::kCommitteeDate, FactType::Date, "Date de la commission de sélection"),
            builtin(param::kLettersDate, FactType::Date, "Date des courriers de notification"),
        };
        for (auto& f : v) f.source = "Calendrier de l'appel (avis de publication)";
        return v;
    }();
    return params;
}

bool Grid::is_builtin(const std::string& id) {
    for (const auto& b : builtin_facts())
        if (b.id == id) return true;
    return false;
}

std::vector<const FactDef*> Grid::identity_facts() const {
    std::vector<const FactDef*> out;
    for (const auto& b : builtin_facts()) out.push_back(fact(b.id));
    return out;
}

std::string Grid::cite(const std::string& text) const {
    std::string out = text;
    for (const auto& s : sources) {
        if (s.file.empty()) continue;
        for (std::size_t at = out.find(s.file); at != std::string::npos; at = out.find(s.file, at)) {
            out.replace(at, s.file.size(), s.title);
            at += s.title.size();
            // "…, 4-1" -> "…, §4-1": a numbered section of the text.
            if (out.compare(at, 2, ", ") == 0 && at + 2 < out.size() && out[at + 2] >= '0' && out[at + 2] <= '9')
                out.insert(at + 2, "\u00A7");
        }
    }
    return out;
}

bool Grid::cites_a_text(const std::string& text) const {
    for (const auto& s : sources)
        for (const std::string* key : {&s.file, &s.title})
            if (!key->empty() && text.rfind(*key, 0) == 0) return true;
    return false;
}

void Grid::cite_sources() {
    if (sources.empty()) return;
    source = cite(source);
    for (auto& p : parameters) p.def.source = cite(p.def.source);
    for (auto& f : facts) f.source = cite(f.source);
    for (auto& d : documents) d.source = cite(d.source);
    for (auto& r : rules) r.source = cite(r.source);
    for (auto& t : themes)
        for (auto& c : t.criteria) c.source = cite(c.source);
}

const Criterion* Grid::criterion(const std::string& name) const {
    for (const auto& t : themes)
        for (const auto& c : t.criteria)
            if (c.id == name) return &c;
    return nullptr;
}

std::optional<std::size_t> Grid::criterion_index(const std::string& name) const {
    std::size_t k = 0;
    for (const auto& t : themes)
        for (const auto& c : t.criteria) {
            if (c.id == name) return k;
            ++k;
        }
    return std::nullopt;
}

std::size_t Grid::criterion_count() const {
    std::size_t n = 0;
    for (const auto& t : themes) n += t.criteria.size();
    return n;
}

Rational Grid::theme_max(const Theme& t) const {
    Rational sum;
    for (const auto& c : t.criteria) sum += c.coefficient;
    return sum * Rational(scale_max);
}

std::string Grid::scale_text() const { return std::to_string(scale_min) + " à " + std::to_string(scale_max); }

std::vector<std::string> Grid::level_choices(const Criterion& c) const {
    std::vector<std::string> out;
    for (int v = scale_min; v <= scale_max; ++v) {
        auto k = static_cast<std::size_t>(v - scale_min);
        const std::string& d = k < c.levels.size() && !c.levels[k].empty() ? c.levels[k]
                               : k < default_levels.size()                  ? default_levels[k]
                                                                            : std::string();
        out.push_back(d.empty() ? std::to_string(v) : std::to_string(v) + " — " + d);
    }
    return out;
}

Rational Grid::max_total() const {
    Rational sum;
    for (const auto& t : themes) sum += theme_max(t);
    return sum;
}

void Grid::compile() {
    auto where_in = [&](const std::string& f, int l, const std::string& element) {
        return (f.empty() ? file : f) + ", ligne " + std::to_string(l) + ", " + element + " : ";
    };
    auto where = [&](int l, const std::string& element) { return where_in(file, l, element); };
    if (id.empty()) throw GridError(where(line, "<grid>") + "l'attribut « id » manque.");
    if (version.empty()) throw GridError(where(line, "<grid>") + "l'attribut « version » manque.");
    if (scale_min != 0 || scale_max <= scale_min || scale_max > 20)
        throw GridError(where(line, "<grid>") + "l'échelle de cotation doit aller de 0 à un maximum entre 1 et 20.");
    if (themes.empty()) throw GridError(where(line, "<grid>") + "la grille ne contient aucun thème.");
    if (default_levels.empty()) default_levels.assign(static_cast<std::size_t>(scale_max - scale_min + 1), "");
    if (static_cast<int>(default_levels.size()) != scale_max - scale_min + 1)
        throw GridError(where(line, "<levels>") + "il faut un descripteur pour chaque niveau de " +
                        std::to_string(scale_min) + " à " + std::to_string(scale_max) + ".");

    std::set<std::string> ids;
    auto unique_in = [&](const std::string& f, const std::string& kind, const std::string& i, int l,
                         const std::string& element) {
        if (i.empty()) throw GridError(where_in(f, l, element) + "l'identifiant manque.");
        if (!ids.insert(kind + ":" + i).second)
            throw GridError(where_in(f, l, element) + "l'identifiant « " + i + " » est déjà utilisé.");
    };
    auto unique = [&](const std::string& kind, const std::string& i, int l, const std::string& element) {
        unique_in(file, kind, i, l, element);
    };
    for (const auto& f : facts) {
        const FactDef* builtin = nullptr;
        for (const auto& b : builtin_facts())
            if (b.id == f.id) builtin = &b;
        if (builtin && builtin->type != f.type)
            throw GridError(where_in(f.file, f.line, "<fact id=\"" + f.id + "\">") + "le fait commun « " + f.id +
                            "» est de type « " + fact_type_name(builtin->type) +
                            " » ; une grille peut le renommer, pas en changer le type.");
        unique_in(f.file, "fact", f.id, f.line, "<fact id=\"" + f.id + "\">");
        if (builtin && (f.derived || !f.group.empty()))
            throw GridError(where_in(f.file, f.line, "<fact id=\"" + f.id + "\">") +
                            "un fait commun ne peut pas être une ligne de tableau.");
        if (f.id.rfind("campagne.", 0) == 0)
            throw GridError(where_in(f.file, f.line, "<fact id=\"" + f.id + "\">") +
                            "le préfixe « campagne. » est réservé aux paramètres.");
    }
    for (const auto& f : builtin_facts()) ids.insert("fact:" + f.id);
    for (const auto& p : parameters) {
        unique("fact", p.def.id, p.def.line, "<parameter id=\"" + p.def.id + "\">");
        if (p.def.id.rfind("campagne.", 0) != 0)
            throw GridError(where(p.def.line, "<parameter id=\"" + p.def.id + "\">") +
                            "un paramètre de campagne commence par « campagne. ».");
    }
    for (const auto& d : documents) unique("document", d.id, d.line, "<document id=\"" + d.id + "\">");
    std::set<ParameterRole> roles;
    for (const auto& p : parameters) {
        std::string pe = "<parameter id=\"" + p.def.id + "\">";
        if (p.role == ParameterRole::None) continue;
        if (!roles.insert(p.role).second) throw GridError(where(p.def.line, pe) + "ce rôle est déjà donné à un autre paramètre.");
        if (p.role == ParameterRole::Cap) {
            if (p.def.type != FactType::Amount) throw GridError(where(p.def.line, pe) + "un plafond est un montant.");
            continue;
        }
        if (p.def.type != FactType::Number)
            throw GridError(where(p.def.line, pe) + "un paramètre de capacité ou d'unité est un nombre.");
        if (p.role == ParameterRole::Unit)
            if (auto r = std::get_if<Rational>(&p.default_value); r && *r <= Rational(0))
                throw GridError(where(p.def.line, pe) + "une unité compte au moins une place.");
    }
    if (roles.count(ParameterRole::Capacity) && roles.count(ParameterRole::CapacityDossiers))
        throw GridError(where(line, "<parameters>") + "une capacité se compte en places ou en dossiers, pas les deux.");

    for (auto& t : themes) {
        std::string te = "<theme id=\"" + t.id + "\">";
        unique("theme", t.id, t.line, te);
        if (t.criteria.empty()) throw GridError(where(t.line, te) + "le thème ne contient aucun critère.");
        for (auto& c : t.criteria) {
            std::string ce = "<criterion id=\"" + c.id + "\">";
            unique("criterion", c.id, c.line, ce);
            if (c.coefficient <= Rational(0))
                throw GridError(where(c.line, ce) + "le coefficient doit être strictement positif (lu : " +
                                fr::number(c.coefficient) + ").");
            if (c.minimum && (*c.minimum < Rational(scale_min) || *c.minimum > Rational(scale_max)))
                throw GridError(where(c.line, ce) + "la note minimale doit être entre " + std::to_string(scale_min) + " et " +
                                std::to_string(scale_max) + ".");
            if (c.levels.empty()) c.levels = default_levels;
            if (static_cast<int>(c.levels.size()) != scale_max - scale_min + 1)
                throw GridError(where(c.line, ce) + "il faut un descripteur pour chaque niveau.");
            for (std::size_t k = 0; k < c.levels.size(); ++k)
                if (c.levels[k].empty()) c.levels[k] = default_levels[k];
        }
        if (t.minimum && (*t.minimum < Rational(0) || *t.minimum > theme_max(t)))
            throw GridError(where(t.line, te) + "le minimum (" + fr::number(*t.minimum) +
                            " points) dépasse le maximum du thème (" + fr::number(theme_max(t)) + " points).");
        if (t.declared_max && *t.declared_max != theme_max(t))
            throw GridError(where(t.line, te) + "le maximum déclaré (" + fr::number(*t.declared_max) +
                            " points) ne correspond pas à ses critères (somme des coefficients × " +
                            std::to_string(scale_max) + " = " + fr::number(theme_max(t)) + " points).");
    }
    if (declared_total && *declared_total != max_total())
        throw GridError(where(line, "<grid>") + "le total déclaré (" + fr::number(*declared_total) +
                        " points) ne correspond pas à la somme des thèmes (" + fr::number(max_total()) + " points).");

    auto type_of = [this](const std::string& name) -> std::optional<ExprType> {
        if (const FactDef* f = fact(name)) return expr_type_of(f->type);
        return std::nullopt;
    };
    std::set<std::string> rules_before;
    for (auto& r : rules) {
        std::string re = "<rule id=\"" + r.id + "\">";
        unique("rule", r.id, r.line, re);
        for (const auto& p : r.prerequisites)
            if (!rules_before.count(p))
                throw GridError(where(r.line, re) + "« requires » nomme « " + p +
                                " », qui n'est pas une règle déclarée avant celle-ci.");
        rules_before.insert(r.id);
        // "{fait}" in a message must name something the grid knows.
        for (std::size_t a = r.message.find('{'); a != std::string::npos; a = r.message.find('{', a + 1)) {
            std::size_t b = r.message.find('}', a);
            if (b == std::string::npos) throw GridError(where(r.line, re) + "accolade non fermée dans le message.");
            std::string name = r.message.substr(a + 1, b - a - 1);
            if (name != "valeurs" && !fact(name))
                throw GridError(where(r.line, re) + "le message cite « {" + name + "} », ni fait ni paramètre de la grille.");
        }
        if (r.test_text.empty()) throw GridError(where(r.line, re) + "la règle n'a pas de condition <test>.");
        try {
            r.test = Expr::parse(r.test_text, type_of);
            if (r.test->type() != ExprType::Bool)
                throw GridError(std::string("la condition doit être vraie ou fausse, elle donne un ") +
                                expr_type_name(r.test->type()) + ".");
            if (!r.when_text.empty()) {
                r.when = Expr::parse(r.when_text, type_of);
                if (r.when->type() != ExprType::Bool)
                    throw GridError("la condition d'application « when » doit être vraie ou fausse.");
            }
        } catch (const GridError& e) {
            throw GridError(where(r.line, re) + e.what());
        }
    }
    // Key figures name facts a dossier declares (not the campaign's parameters).
    for (const auto& k : key_facts) {
        const FactDef* f = fact(k);
        if (!f || k.rfind("campagne.", 0) == 0)
            throw GridError(where(key_facts_line, "<key-facts>") + "« " + k + " » n'est pas un fait du dossier.");
    }
    std::set<std::string> cited;
    for (const auto& s : sources)
        if (s.file.empty() || s.title.empty() || !cited.insert(s.file).second)
            throw GridError(where(s.line, "<source>") + (s.file.empty() || s.title.empty()
                                                             ? "il faut un attribut « file » et un attribut « title »."
                                                             : "la source " + fr::quote_path(s.file) + " est déjà déclarée."));
}

}  // namespace cotation
