#include "eligibility.h"
#include "enums.h"

#include <algorithm>
#include <functional>
#include <map>

namespace cotation {

const char* outcome_label(Outcome o) { return enum_label(o); }

Value fact_value(const Grid& grid, const Campaign& campaign, const Dossier& dossier, const std::string& name) {
    if (name.rfind("campagne.", 0) == 0) {
        auto it = campaign.parameters.find(name);
        return it == campaign.parameters.end() ? Value{} : it->second;
    }
    const FactDef* def = grid.fact(name);
    if (def && def->derived) {
        // Rows not given count as zero, as on a paper table; nothing given is missing.
        Rational sum, positive;
        bool any = false;
        for (const auto& f : grid.facts)
            if (f.group == def->group && !f.derived)
                if (auto v = dossier.get(f.id); auto r = std::get_if<Rational>(&v)) {
                    sum += *r;
                    if (*r > Rational(0)) positive += Rational(1);
                    any = true;
                }
        if (!any) return Value{};
        return def->counts_rows ? Value{positive} : Value{sum};
    }
    return dossier.get(name);
}

namespace {
std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : sep) + x;
    return out;
}

// The message with its "{valeurs}" and "{fait}" filled; the compared values
// are added in parentheses when the message does not place them.
std::string fill_message(const Grid& grid, const RuleDef& rule, const std::vector<std::string>& compared,
                         const std::function<Value(const std::string&)>& lookup,
                         const std::map<std::string, std::string>& notes = {}) {
    std::string text = rule.message.empty() ? rule.label : rule.message;
    bool placed = false;
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t a = text.find('{', i);
        std::size_t b = a == std::string::npos ? a : text.find('}', a);
        if (b == std::string::npos) {
            out += text.substr(i);
            break;
        }
        out += text.substr(i, a - i);
        std::string name = text.substr(a + 1, b - a - 1);
        if (name == "valeurs") {
            out += join(compared, " ; ");
            placed = true;
        } else if (const FactDef* f = grid.fact(name)) {
            // A date inside a sentence in words (« après le 30 juin 2020 »), as the letters write them.
            const Value value = lookup(name);
            const Date* day = std::get_if<Date>(&value);
            std::string v = day ? day->french_long() : display(*f, value);
            out += v.empty() ? "(non renseigné)" : v;
            // Brackets: the sentence may already be inside parentheses (« (… au plus 43 800 € par an) »).
            if (auto note = notes.find(name); note != notes.end() && !note->second.empty() && !v.empty())
                out += " [" + note->second + "]";
        } else {
            out += text.substr(a, b - a + 1);
        }
        i = b + 1;
    }
    if (placed || compared.empty()) return out;
    std::string tail;
    while (!out.empty() && (out.back() == '.' || out.back() == ' ')) {
        if (out.back() == '.') tail = ".";
        out.pop_back();
    }
    return out + " (" + join(compared, " ; ") + ")" + tail;
}
}  // namespace

std::string rule_sentence(const Grid& grid, const Campaign& campaign, const Dossier& dossier, const RuleDef& rule,
                          const std::map<std::string, std::string>& notes) {
    auto lookup = [&](const std::string& name) { return fact_value(grid, campaign, dossier, name); };
    return fill_message(grid, rule, {}, lookup, notes);
}

void note_changed_figures(const Grid& grid, const Campaign& campaign, const Dossier& dossier, EligibilityReport& report,
                          const std::map<std::string, std::string>& notes) {
    if (notes.empty()) return;
    auto lookup = [&](const std::string& name) { return fact_value(grid, campaign, dossier, name); };
    for (auto& r : report.rules) {
        if (r.outcome != Outcome::Failed || !r.rule || !r.rule->test) continue;
        bool cited = false;
        std::string apart;
        const std::string text = r.rule->message.empty() ? r.rule->label : r.rule->message;
        for (const auto& name : r.rule->test->names()) {
            auto note = notes.find(name);
            if (note == notes.end() || note->second.empty()) continue;
            if (text.find("{" + name + "}") == std::string::npos) {
                // Compared only (« 43 800 € > 40 000 € » beside « le plafond du
                // 4-1 »): the note after the sentence, naming the parameter.
                const FactDef* f = grid.fact(name);
                apart += " [" + (f ? f->label : name) + " : " + note->second + "]";
            }
            cited = true;
        }
        if (!cited) continue;
        const bool single = r.rule->test->single_fact();
        r.message = fill_message(grid, *r.rule, single ? std::vector<std::string>{} : r.compared, lookup, notes);
        r.sentence = fill_message(grid, *r.rule, {}, lookup, notes);
        if (!apart.empty()) {
            for (std::string* t : {&r.message, &r.sentence}) {
                std::string tail;
                while (!t->empty() && (t->back() == '.' || t->back() == ' ')) {
                    if (t->back() == '.') tail = ".";
                    t->pop_back();
                }
                *t += apart + tail;
            }
        }
    }
}

EligibilityReport check_eligibility(const Grid& grid, const Campaign& campaign, const Dossier& dossier) {
    EligibilityReport report;
    const bool unknown = dossier.documents.empty();
    for (const auto& d : grid.documents)
        report.documents.push_back({&d, dossier.documents.count(d.id) > 0, unknown});

    auto lookup = [&](const std::string& name) { return fact_value(grid, campaign, dossier, name); };
    auto label_of = [&](const std::string& name) {
        const FactDef* f = grid.fact(name);
        return f ? f->label : name;
    };
    auto def_of = [&](const std::string& name) { return grid.fact(name); };
    report.rules.reserve(grid.rules.size());
    for (const auto& rule : grid.rules) {
        RuleResult rr;
        rr.rule = &rule;
        // Prerequisites are declared before (Grid::compile), so their results are here.
        for (const auto& p : rule.prerequisites)
            for (const auto& done : report.rules)
                if (done.rule->id == p && (done.outcome == Outcome::Failed || done.blocked_by))
                    if (!rr.blocked_by) rr.blocked_by = done.rule;
        if (rr.blocked_by) {
            rr.outcome = Outcome::NotApplicable;
            report.rules.push_back(rr);
            continue;
        }
        Expr::Result cond;
        if (rule.when) {
            cond = rule.when->evaluate(lookup);
            if (!is_missing(cond.value) && !std::get<bool>(cond.value)) {
                rr.outcome = Outcome::NotApplicable;
                report.rules.push_back(rr);
                continue;
            }
        }
        Expr::Result res = rule.test->evaluate(lookup);
        std::set<std::string> missing = res.missing;
        if (is_missing(cond.value) && rule.when) missing.insert(cond.missing.begin(), cond.missing.end());
        if (is_missing(res.value)) {
            rr.outcome = Outcome::Undecidable;
        } else if (!std::get<bool>(res.value)) {
            // A failure under an unknown applicability condition stays undecided.
            rr.outcome = (rule.when && is_missing(cond.value)) ? Outcome::Undecidable : Outcome::Failed;
        } else {
            rr.outcome = Outcome::Passed;
        }
        if (rr.outcome == Outcome::Undecidable)
            for (const auto& m : missing) rr.missing.push_back(label_of(m));
        if (rr.outcome == Outcome::Failed) {
            rr.compared = rule.test->compared(lookup, def_of);
            // « Locaux dédiés : non » after « L'unité ne dispose pas de locaux dédiés. » says it twice.
            rr.message = fill_message(grid, rule, rule.test->single_fact() ? std::vector<std::string>{} : rr.compared, lookup);
            rr.sentence = fill_message(grid, rule, {}, lookup);
        }
        report.rules.push_back(rr);
    }
    return report;
}

std::vector<std::string> rule_values(const Grid& grid, const Campaign& campaign, const Dossier& dossier, const RuleDef& rule) {
    if (!rule.test) return {};
    auto lookup = [&](const std::string& name) { return fact_value(grid, campaign, dossier, name); };
    auto def_of = [&](const std::string& name) { return grid.fact(name); };
    Expr::Result res = rule.test->evaluate(lookup);
    if (is_missing(res.value)) return {};
    if (!std::get<bool>(res.value)) return rule.test->compared(lookup, def_of);
    // A passed test: what held, read as the negation's failure.
    return rule.test->held(lookup, def_of);
}

const char* verdict_label(const EligibilityReport& r) {
    if (r.eliminated()) return "Irrecevable";
    if (r.undecidable()) return "À compléter";
    return "Recevable";
}

bool EligibilityReport::complete() const {
    return std::all_of(documents.begin(), documents.end(),
                       [](const DocumentResult& d) { return d.received || !d.document->eliminating; });
}

bool EligibilityReport::eliminated() const {
    if (std::any_of(documents.begin(), documents.end(),
                    [](const DocumentResult& d) { return !d.received && !d.unknown && d.document->eliminating; }))
        return true;
    return std::any_of(rules.begin(), rules.end(), [](const RuleResult& r) {
        return r.outcome == Outcome::Failed && r.rule->effect == RuleEffect::Eliminating;
    });
}

bool EligibilityReport::undecidable() const {
    if (eliminated()) return false;
    if (std::any_of(documents.begin(), documents.end(),
                    [](const DocumentResult& d) { return d.unknown && d.document->eliminating; }))
        return true;
    return std::any_of(rules.begin(), rules.end(), [](const RuleResult& r) {
        return r.outcome == Outcome::Undecidable && r.rule->effect == RuleEffect::Eliminating;
    });
}

bool EligibilityReport::has_attention() const {
    return std::any_of(rules.begin(), rules.end(), [](const RuleResult& r) {
        return r.outcome == Outcome::Failed && r.rule->effect == RuleEffect::Attention;
    });
}

std::vector<std::string> EligibilityReport::elimination_reasons() const {
    std::vector<std::string> out;
    for (const auto& d : documents)
        if (!d.received && !d.unknown && d.document->eliminating) out.push_back("Pièce manquante : " + d.document->label);
    for (const auto& r : rules)
        if (r.outcome == Outcome::Failed && r.rule->effect == RuleEffect::Eliminating)
            out.push_back(r.message.empty() ? r.rule->label : r.message);
    return out;
}

namespace {
std::vector<std::string> missing_of(const std::vector<RuleResult>& rules, bool eliminating_only) {
    std::vector<std::string> out;
    for (const auto& r : rules)
        if (r.outcome == Outcome::Undecidable && (!eliminating_only || r.rule->effect == RuleEffect::Eliminating))
            for (const auto& m : r.missing)
                if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
    return out;
}
}  // namespace

namespace {
// The pieces received, when none is recorded: what is missing first.
void with_pieces(const std::vector<DocumentResult>& documents, bool eliminating_only, std::vector<std::string>& out) {
    if (std::any_of(documents.begin(), documents.end(),
                    [&](const DocumentResult& d) { return d.unknown && (!eliminating_only || d.document->eliminating); }))
        out.insert(out.begin(), "pièces reçues (pieces_recues)");
}
}  // namespace

std::vector<std::string> EligibilityReport::missing_facts() const {
    auto out = missing_of(rules, false);
    with_pieces(documents, false, out);
    return out;
}

std::vector<std::string> EligibilityReport::blocking_missing_facts() const {
    auto out = missing_of(rules, true);
    with_pieces(documents, true, out);
    return out;
}

std::vector<std::string> EligibilityReport::attention_points() const {
    std::vector<std::string> out;
    for (const auto& r : rules)
        if (r.outcome == Outcome::Failed && r.rule->effect == RuleEffect::Attention)
            out.push_back(r.message.empty() ? r.rule->label : r.message);
    return out;
}

}  // namespace cotation
