#include "procedure_def.h"

#include <algorithm>
#include <cctype>

#include "enums.h"
#include "error.h"
#include "french.h"
#include "meeting_rules.h"

namespace cotation {

const char* authority_kind_code(AuthorityKind k) { return enum_code(k); }

const char* authority_kind_label(AuthorityKind k) { return enum_label(k); }

std::optional<AuthorityKind> authority_kind_from_text(const std::string& text) { return enum_from_text<AuthorityKind>(text); }

std::string CoSignatory::title(const std::string& of_departement) const {
    return std::string(civility == Civility::Madame ? "La Présidente" : "Le Président") + " du Conseil départemental " +
           of_departement;
}

std::vector<CoSignatory> parse_cosignatories(const std::string& text) {
    std::vector<CoSignatory> out;
    std::string line;
    auto take = [&](const std::string& raw) {
        const std::string entry = fr::trim(raw);
        if (entry.empty()) return;
        const std::string form = " : attendu DÉPARTEMENT=CIVILITÉ NOM (« 16=Mme Annie Dupont »).";
        auto eq = entry.find('=');
        if (eq == std::string::npos) throw InputError("Cosignataire « " + entry + " »" + form);
        CoSignatory c;
        c.departement = fr::trim(entry.substr(0, eq));
        const std::string rest = fr::trim(entry.substr(eq + 1));
        auto space = rest.find(' ');
        auto civility = civility_from_text(space == std::string::npos ? rest : rest.substr(0, space));
        if (c.departement.empty() || !civility || space == std::string::npos)
            throw InputError("Cosignataire « " + entry + " »" + form + " La civilité (Mme ou M.) et le nom sont requis.");
        c.civility = *civility;
        c.name = fr::trim(rest.substr(space + 1));
        for (const auto& o : out)
            if (o.departement == c.departement)
                throw InputError("Cosignataire du département " + c.departement + " donné deux fois.");
        out.push_back(c);
    };
    for (char ch : text + "\n") {
        if (ch == '\n' || ch == '|') {
            take(line);
            line.clear();
        } else {
            line += ch;
        }
    }
    return out;
}

std::string cosignatories_text(const std::vector<CoSignatory>& list) {
    std::vector<std::string> lines;
    for (const auto& c : list) lines.push_back(c.departement + "=" + enum_code(c.civility) + " " + c.name);
    return fr::join(lines, "\n");
}

std::optional<CoSignatory> cosignatory_of(const Authority& a, const std::string& code) {
    for (const auto& c : parse_cosignatories(a.cosignatories))
        if (c.departement == code) return c;
    return std::nullopt;
}

std::string signatory_genitive(const std::string& t) {
    if (t.rfind("La ", 0) == 0) return "de la " + t.substr(3);
    if (t.rfind("Le ", 0) == 0) return "du " + t.substr(3);
    if (t.rfind("L'", 0) == 0) return "de l'" + t.substr(2);
    if (t.rfind("L\u2019", 0) == 0) return "de l'" + t.substr(4);
    return "";
}

namespace {
bool identifier(const std::string& s) {
    if (s.empty()) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
    });
}
}  // namespace

std::variant<DueRule, std::string> parse_due_rule(const std::string& text) {
    std::string t = fr::trim(text);
    DueRule r;
    // The anchor runs to the first " + " or " - " (identifiers hold '-').
    std::size_t op = std::string::npos;
    for (std::size_t i = 1; i + 1 < t.size(); ++i)
        if ((t[i] == '+' || t[i] == '-') && t[i - 1] == ' ' && t[i + 1] == ' ') {
            op = i;
            break;
        }
    r.anchor = fr::trim(t.substr(0, op == std::string::npos ? t.size() : op - 1));
    if (!identifier(r.anchor))
        return "« " + text +
               " » : attendu une date ou une étape, éventuellement suivie de « + N jours », « - N jours » ou « + N mois »";
    if (op == std::string::npos) return r;
    int sign = t[op] == '-' ? -1 : 1;
    std::string rest = fr::trim(t.substr(op + 1));
    std::size_t k = 0;
    while (k < rest.size() && std::isdigit(static_cast<unsigned char>(rest[k]))) ++k;
    if (k == 0 || k > 4) return "« " + text + " » : le nombre de jours ou de mois manque après « " + t[op] + " »";
    int n = std::stoi(rest.substr(0, k));
    std::string unit = fr::lower_ascii(fr::trim(rest.substr(k)));
    if (unit == "jour" || unit == "jours" || unit == "j") r.days = sign * n;
    else if (unit == "mois") r.months = sign * n;
    else return "« " + text + " » : unité « " + unit + " » inconnue (jours ou mois)";
    return r;
}

std::string due_rule_text(const DueRule& r) {
    std::string s = r.anchor;
    if (r.days)
        s += (r.days < 0 ? " - " : " + ") + std::to_string(std::abs(r.days)) + (std::abs(r.days) > 1 ? " jours" : " jour");
    if (r.months) s += (r.months < 0 ? " - " : " + ") + std::to_string(std::abs(r.months)) + " mois";
    return s;
}

const StepDef* ProcedureDef::step(const std::string& step_id) const {
    for (const auto& s : steps)
        if (s.id == step_id) return &s;
    return nullptr;
}

bool ProcedureDef::recordable(const std::string& step_id) const {
    const StepDef* s = step(step_id);
    return s && s->recordable;
}

std::string ProcedureDef::record_refusal(const std::string& step_id) const {
    if (recordable(step_id)) return "";
    std::vector<std::string> known;
    for (const auto& s : steps)
        if (s.recordable) known.push_back(s.id);
    return "Étape « " + step_id + " » : elle ne se déclare pas à la main (étapes déclarables : " + fr::join(known) + ").";
}

std::string ProcedureDef::meeting_refusal() const {
    if (committee) return "";
    return "La procédure de cette campagne (" + title + ") n'a pas de commission : pas de séance à enregistrer.";
}

const GroundDef* ProcedureDef::ground(const std::string& code) const {
    if (!prior_rejection) return nullptr;
    for (const auto& g : prior_rejection->grounds)
        if (g.code == code) return &g;
    return nullptr;
}

namespace {
[[noreturn]] void step_error(const StepDef& s, const std::string& what) {
    throw InputError((s.file.empty() ? std::string("procédure") : s.file) + (s.line ? ", ligne " + std::to_string(s.line) : "") +
                     ", étape « " + s.id + " » : " + what);
}
}  // namespace

void check_procedure(const ProcedureDef& p) {
    for (std::size_t i = 0; i < p.steps.size(); ++i) {
        const StepDef& s = p.steps[i];
        for (std::size_t j = 0; j < i; ++j)
            if (p.steps[j].id == s.id) step_error(s, "identifiant déjà pris par une autre étape.");
        if (!s.due) continue;
        // A step counts from an earlier step: a later one would make a loop possible.
        for (std::size_t j = i; j < p.steps.size(); ++j)
            if (p.steps[j].id == s.due->anchor)
                step_error(s, "l'échéance part de l'étape « " + s.due->anchor + " », qui vient " +
                                  (j == i ? "d'elle-même" : "après elle") +
                                  " ; une étape ne compte qu'à partir d'une étape antérieure ou d'une date.");
    }
    if (!p.silence_rejects.empty() && !p.step(p.silence_rejects))
        throw InputError(p.file + " : le silence vaut rejet à l'étape « " + p.silence_rejects + " », qui n'existe pas.");
}

ProcedureDef amend_procedure(ProcedureDef p, const ProcedureAmendment& a) {
    if (a.no_committee) {
        if (p.committee && p.committee->required)
            throw InputError(p.file + " : la procédure « " + p.id + " » impose sa " + p.committee->name +
                             " ; une grille ne peut pas s'en passer.");
        p.committee.reset();
        // The steps of a committee go with it.
        std::erase_if(p.steps, [](const StepDef& s) { return s.when == StepCondition::Committee; });
    } else if (a.committee_name && p.committee) {
        p.committee->name = *a.committee_name;
    }
    for (std::size_t i = 0; i < a.steps.size(); ++i) {
        const StepDef& s = a.steps[i];
        auto same = std::find_if(p.steps.begin(), p.steps.end(), [&](const StepDef& x) { return x.id == s.id; });
        if (same != p.steps.end()) {
            *same = s;
            continue;
        }
        const std::string after = i < a.after.size() ? a.after[i] : "";
        if (after.empty()) {
            p.steps.push_back(s);
            continue;
        }
        auto pos = std::find_if(p.steps.begin(), p.steps.end(), [&](const StepDef& x) { return x.id == after; });
        if (pos == p.steps.end()) step_error(s, "elle suit l'étape « " + after + " », absente de la procédure « " + p.id + " ».");
        p.steps.insert(pos + 1, s);
    }
    check_procedure(p);
    return p;
}

}  // namespace cotation
