#include "parameter_rules.h"
#include "journal_grammar.h"

#include "eligibility.h"
#include "french.h"

namespace cotation {

namespace {
const Value* value_of(const FactValues& values, const std::string& id) {
    auto it = values.find(id);
    return it == values.end() || is_missing(it->second) ? nullptr : &it->second;
}
std::string shown(const ParameterDef& p, const Value& v) { return "« " + p.def.id + " » (" + display(p.def, v) + ")"; }
}  // namespace

std::vector<std::string> parameter_problems(const Grid& grid, const FactValues& values,
                                            const std::function<bool(const std::string&)>& departement_exists) {
    std::vector<std::string> out;
    for (const auto& p : grid.parameters) {
        const Value* v = value_of(values, p.def.id);
        if (!v) continue;
        if (!p.at_most.empty()) {
            const ParameterDef* other = nullptr;
            for (const auto& q : grid.parameters)
                if (q.def.id == p.at_most) other = &q;
            const Value* w = other ? value_of(values, other->def.id) : nullptr;
            if (w) {
                bool above = false;
                if (auto a = std::get_if<Date>(v); a && std::holds_alternative<Date>(*w)) above = *a > std::get<Date>(*w);
                if (auto a = std::get_if<Rational>(v); a && std::holds_alternative<Rational>(*w))
                    above = std::get<Rational>(*w) < *a;
                if (above)
                    out.push_back("Le paramètre " + shown(p, *v) + " dépasse " + shown(*other, *w) + " : « " + p.def.label +
                                  " » ne peut pas dépasser « " + other->def.label + " ».");
            }
        }
        if (p.departement_codes) {
            std::vector<std::string> codes;
            if (auto list = std::get_if<std::vector<std::string>>(v)) codes = *list;
            else if (auto one = std::get_if<std::string>(v)) codes = {*one};
            for (const auto& c : codes)
                if (!departement_exists(c))
                    out.push_back(
                        "Le paramètre « " + p.def.id + " » : « " + c +
                        " » n'est pas un code de département de la liste officielle (01, 2A, 971…)" +
                        (c.find_first_of(";/") != std::string::npos ? " ; séparez les codes par des espaces (16 17 19)" : "") +
                        ".");
        }
    }
    // The unit and the capacity, by the roles the grid gives them.
    const ParameterDef* unit = grid.parameter_with(ParameterRole::Unit);
    const ParameterDef* capacity = grid.parameter_with(ParameterRole::Capacity);
    const Value* u = unit ? value_of(values, unit->def.id) : nullptr;
    const Value* c = capacity ? value_of(values, capacity->def.id) : nullptr;
    const Rational* ur = u ? std::get_if<Rational>(u) : nullptr;
    const Rational* cr = c ? std::get_if<Rational>(c) : nullptr;
    if (ur && cr && Rational(0) < *ur) {
        if (*cr < *ur)
            out.push_back("Le paramètre " + shown(*unit, *u) + " dépasse " + shown(*capacity, *c) +
                          " : une unité ne peut pas compter plus que la capacité de l'appel.");
        else if (!(*cr / *ur).is_integer())
            out.push_back("Le paramètre " + shown(*capacity, *c) + " n'est pas un multiple de " + shown(*unit, *u) +
                          " : la capacité de l'appel se compte en unités entières.");
    }
    return out;
}

std::string capacity_refusal(const std::string& parameter, const CapacityModel& model, const Rational& capacity,
                             const DecisionIndex& decisions) {
    Rational granted(0);
    std::size_t retained = 0;
    for (const auto& [id, d] : decisions) {
        if (d.kind != DecisionKind::Retained) continue;
        if (model.per_dossier) granted = granted + Rational(1);
        else if (d.places) granted = granted + model.used_by(*d.places);
        else continue;
        ++retained;
    }
    if (!(capacity < granted)) return "";
    return "Paramètre « " + parameter + " » : une capacité de " + model.capacity_text(capacity) + " est inférieure à ce que " +
           fr::plural(retained, "décision enregistrée accorde", "décisions enregistrées accordent") +
           " déjà (" + model.capacity_text(granted) + ") ; rien n'a été enregistré. Gardez une capacité d'au moins " +
           model.capacity_text(granted) + ", ou revoyez d'abord les décisions (cotation decide).";
}

std::string decided_dossiers_refusal(const Grid& grid, const Campaign& now, const FactValues& next,
                                     const std::vector<Dossier>& dossiers, const DecisionIndex& decisions) {
    Campaign changed = now;
    changed.parameters = next;
    std::vector<std::string> broken;
    for (const auto& d : dossiers) {
        auto it = decisions.find(d.id);
        if (it == decisions.end()) continue;
        const DecisionKind k = it->second.kind;
        if (k != DecisionKind::Retained && k != DecisionKind::Complementary) continue;
        if (check_eligibility(grid, now, d).eliminated()) continue;   // not this change's doing
        const auto after = check_eligibility(grid, changed, d);
        if (!after.eliminated()) continue;
        const auto why = after.elimination_reasons();
        broken.push_back("« " + d.reference + " » (" + decision_label(k) + ") : " + (why.empty() ? "" : why.front()));
    }
    if (broken.empty()) return "";
    return "Ce changement rendrait irrecevable" +
           std::string(broken.size() > 1 ? "s des dossiers déjà décidés" : " un dossier déjà décidé") + " :\n  " +
           fr::join(broken, "\n  ") + "\nRien n'a été modifié : changez d'abord " +
           (broken.size() > 1 ? "ces décisions" : "cette décision") + " (cotation decide), ou gardez le paramètre.";
}

bool fixed_by_call_text(const Grid& grid, const ParameterDef& p) {
    return grid.cites_a_text(p.def.source);
}

std::string settled_parameters_refusal(const Grid& grid, const FactValues& now, const std::vector<std::string>& names,
                                       const SettledCampaign& state, const std::string& motive) {
    if (state.voted_on.empty() && state.decisions == 0) return "";
    if (!fr::trim(motive).empty()) return "";
    std::vector<std::string> lines;
    for (const auto& name : names) {
        const FactDef* def = grid.fact(name);
        std::string line = "« " + name + " »";
        if (def) {
            auto it = now.find(name);
            line += " (" +
                    (it == now.end() || is_missing(it->second) ? std::string("non renseigné") : display(*def, it->second)) + ")";
        }
        for (const auto& p : grid.parameters)
            if (p.def.id == name && fixed_by_call_text(grid, p) && !is_missing(p.default_value))
                line +=
                    " : le texte de l'appel le fixe à " + display(p.def, p.default_value) + " (" + grid.cite(p.def.source) + ")";
        lines.push_back(line);
    }
    std::vector<std::string> since, documents;
    if (!state.voted_on.empty()) {
        since.push_back("la commission de sélection a voté le " + state.voted_on);
        documents = {"le dossier de la commission", "le procès-verbal"};
    }
    if (state.decisions > 0) {
        since.push_back(
            fr::plural(state.decisions, "décision est enregistrée", "décisions sont enregistrées"));
        documents.insert(documents.begin(), {"les arrêtés", "les courriers de décision"});
    }
    return std::string(names.size() > 1 ? "Paramètres" : "Paramètre") + " " + fr::join(lines, ", ") + " : " +
           fr::join(since, " et ") + " ; " + fr::join(documents, ", ", "et") + " reposent sur " +
           (names.size() > 1 ? "ces valeurs" : "cette valeur") + ". Rien n'a été modifié. Pour " +
           (names.size() > 1 ? "les" : "le") +
           " changer quand même, donnez le motif (--motif « … »), qui sera journalisé, puis produisez de nouveau ces documents.";
}

std::string journaled_motive(const std::string& who) {
    // Said inside a sentence, in parentheses: a motive's own final period
    // read « recrutements).). » (trial 1011G2 minor 2); « etc. » and « … » stay.
    std::string why = fr::trim(journal_text::signature_of(who).motive);
    if (why.empty()) return "";
    const auto ends = [&](const std::string& tail) {
        return why.size() >= tail.size() && why.compare(why.size() - tail.size(), tail.size(), tail) == 0;
    };
    if (ends(".") && !ends("..") && !ends("etc.")) why.pop_back();
    return why;
}

namespace {
// Whether `p`'s figure in force is no longer the one its text fixes.
bool changed_from_text(const Grid& grid, const ParameterDef& p, const FactValues& now) {
    if (!fixed_by_call_text(grid, p) || is_missing(p.default_value)) return false;
    const Value* v = value_of(now, p.def.id);
    return v && to_canonical(*v) != to_canonical(p.default_value);
}
std::optional<Date> change_day(const std::optional<ParameterChange>& last) {
    if (!last) return std::nullopt;
    return Date::parse(std::string_view(last->at).substr(0, 10));
}
// « par décision de la Présidente … du 3 décembre 2019 »
std::string decision_words(const std::optional<ParameterChange>& last, const std::string& decided_by) {
    std::string out = " par décision " + (decided_by.empty() ? std::string("de l'autorité") : decided_by);
    if (auto day = change_day(last)) out += " du " + day->french_long();
    return out;
}
// A letter or an order writes its dates in words.
std::string words(const ParameterDef& p, const Value& x) {
    if (const Date* d = std::get_if<Date>(&x)) return d->french_long();
    return display(p.def, x);
}
}  // namespace

std::string changed_from_call_text(const Grid& grid, const ParameterDef& p, const FactValues& now,
                                   const std::optional<ParameterChange>& last, const std::string& decided_by) {
    if (!changed_from_text(grid, p, now)) return "";
    const Value& v = *value_of(now, p.def.id);
    // A noun before the participle, so that it agrees whatever the figure
    // follows (« une dotation de 450 000 € (montant fixé à … »).
    std::string out = p.def.type == FactType::Date     ? "date fixée"
                      : p.def.type == FactType::Amount ? "montant fixé à " + words(p, v)
                                                       : "valeur fixée à " + words(p, v);
    out += decision_words(last, decided_by);
    if (last)
        if (std::string why = journaled_motive(last->who); !why.empty()) out += ", motif : " + why;
    return out;
}

std::string changed_figure_note(const Grid& grid, const ParameterDef& p, const FactValues& now,
                                const std::optional<ParameterChange>& last, const std::string& decided_by) {
    if (!changed_from_text(grid, p, now)) return "";
    std::string out = p.def.type == FactType::Date     ? "date fixée"
                      : p.def.type == FactType::Amount ? "montant fixé"
                                                       : "valeur fixée";
    return out + decision_words(last, decided_by) + " ; le texte de l'appel prévoit " + words(p, p.default_value);
}

std::string changed_figure_record(const Grid& grid, const ParameterDef& p, const FactValues& now,
                                  const std::optional<ParameterChange>& last) {
    if (!changed_from_text(grid, p, now)) return "";
    std::string out = p.def.type == FactType::Date     ? "date fixée"
                      : p.def.type == FactType::Amount ? "montant fixé"
                                                       : "valeur fixée";
    if (!last) return out + " pour la campagne ; le texte de l'appel prévoit " + words(p, p.default_value);
    if (auto day = change_day(last)) out += " le " + day->french_long();
    const auto signature = journal_text::signature_of(last->who);
    const std::string author = fr::trim(journal_text::signed_actor(signature.person, signature.account));
    if (!author.empty()) out += " par « " + author + " »";
    if (std::string why = journaled_motive(last->who); !why.empty()) out += ", motif : " + why;
    return out + " ; le texte de l'appel prévoit " + words(p, p.default_value);
}

std::optional<Date> last_cited_change(const Grid& grid, const FactValues& now,
                                      const std::map<std::string, ParameterChange>& changes,
                                      const std::set<std::string>& cited) {
    std::optional<Date> latest;
    for (const auto& p : grid.parameters) {
        auto it = changes.find(p.def.id);
        if (it == changes.end() || !cited.count(p.def.id) || !changed_from_text(grid, p, now)) continue;
        if (auto day = change_day(it->second); day && (!latest || *day > *latest)) latest = day;
    }
    return latest;
}

Date dated_after_changes(const Date& day, const Grid& grid, const FactValues& now,
                         const std::map<std::string, ParameterChange>& changes, const std::set<std::string>& cited) {
    auto last = last_cited_change(grid, now, changes, cited);
    return last && *last > day ? *last : day;
}

}  // namespace cotation
