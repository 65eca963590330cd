#include "fact.h"
#include "enums.h"

#include <algorithm>
#include <sstream>

#include "french.h"

namespace cotation {

const char* fact_type_name(FactType t) { return enum_code(t); }

std::optional<FactType> fact_type_from_name(const std::string& n) { return enum_from_code<FactType>(n); }

namespace {
std::vector<std::string> split_codes(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : text) {
        if (c == ' ' || c == ',' || c == '\t' || c == '|') {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}
}  // namespace

std::string to_canonical(const Value& v) {
    struct V {
        std::string operator()(std::monostate) const { return ""; }
        std::string operator()(const Rational& r) const { return r.canonical(); }
        std::string operator()(const Date& d) const { return d.iso(); }
        std::string operator()(bool b) const { return b ? "1" : "0"; }
        std::string operator()(const std::string& s) const { return s; }
        std::string operator()(const std::vector<std::string>& l) const {
            std::string out = fr::join(l, " ");
            return out;
        }
    };
    return std::visit(V{}, v);
}

std::optional<Value> from_canonical(FactType type, const std::string& text) {
    if (text.empty()) return Value{};
    switch (type) {
        case FactType::Number:
        case FactType::Amount:
            if (auto r = Rational::from_canonical(text)) return Value{*r};
            return std::nullopt;
        case FactType::Date:
            if (auto d = Date::parse(text)) return Value{*d};
            return std::nullopt;
        case FactType::Bool:
            if (text == "1") return Value{true};
            if (text == "0") return Value{false};
            return std::nullopt;
        case FactType::Text:
        case FactType::Code: return Value{text};
        case FactType::CodeList:
        case FactType::Territory: return Value{split_codes(text)};
    }
    return std::nullopt;
}

bool integral_unit(const std::string& unit) {
    // Counted things: a dossier asks for 12 places, never 7/3 of one.
    std::string singular = fr::lower_ascii(unit.substr(0, unit.find('|')));
    for (const char* u : {"place", "places", "lit", "lits", "personne", "personnes", "mission", "missions",
                          "logement", "logements", "site", "sites"})
        if (singular == u) return true;
    return false;
}

std::variant<Value, std::string> parse_input(const FactDef& def, const std::string& raw) {
    std::string text = fr::trim(raw);
    if (text.empty()) return Value{};
    auto check_choice = [&](const std::string& code) -> std::optional<std::string> {
        if (def.choices.empty() || std::find(def.choices.begin(), def.choices.end(), code) != def.choices.end())
            return std::nullopt;
        return "« " + code + " » n'est pas une valeur permise (valeurs permises : " + fr::join(def.choices) + ")";
    };
    switch (def.type) {
        case FactType::Number:
        case FactType::Amount: {
            std::string why;
            auto r = fr::parse_decimal(text, &why);
            if (!r)
                return fr::quote(text) + " n'est pas un " + std::string(def.type == FactType::Amount ? "montant" : "nombre") +
                       " lisible : " + why +
                       // A count of places or beds is whole: its example is (trial 13c F10).
                       (integral_unit(def.unit) ? " (nombre entier attendu, par exemple 12)"
                                                : " (notation attendue : 12 600,50)");
            if (integral_unit(def.unit) && !r->is_integer())
                return "la valeur " + fr::quote(text) + " doit être un nombre entier de " +
                       def.unit.substr(def.unit.find('|') + 1);
            // The refusal says the accepted range, as declared with the fact (issue 13.12).
            auto range = [&] {
                std::string unit = def.type == FactType::Amount ? "\u00A0€" : "";
                if (def.type != FactType::Amount && !def.unit.empty()) unit = "\u00A0" + def.unit.substr(def.unit.find('|') + 1);
                if (def.min && def.max)
                    return " (valeurs acceptées : de " + fr::number(*def.min) + " à " + fr::number(*def.max) + unit + ")";
                if (def.min) return " (valeurs acceptées : " + fr::number(*def.min) + unit + " ou plus)";
                return " (valeurs acceptées : " + fr::number(*def.max) + unit + " au plus)";
            };
            if (def.min && *r < *def.min)
                return "la valeur " + fr::number(*r) + " est inférieure au minimum " + fr::number(*def.min) + range();
            if (def.max && *r > *def.max)
                return "la valeur " + fr::number(*r) + " dépasse le maximum " + fr::number(*def.max) + range();
            return Value{*r};
        }
        case FactType::Date: {
            auto d = Date::parse(text);
            if (!d) return date_refusal(text);
            return Value{*d};
        }
        case FactType::Bool: {
            std::string l = fr::lower_ascii(text);
            if (l == "oui" || l == "o" || l == "1" || l == "vrai") return Value{true};
            if (l == "non" || l == "n" || l == "0" || l == "faux") return Value{false};
            return "« " + text + " » n'est ni « oui » ni « non »";
        }
        case FactType::Text: {
            if (std::size_t n = fr::char_count(text); n > kMaxTextChars)
                return "texte de " + std::to_string(n) + " caractères, au plus " + std::to_string(kMaxTextChars) + " admis";
            // Lines as a spreadsheet writes them (LF, or CRLF inside a
            // quoted cell), each trimmed, empty ones dropped.
            std::vector<std::string> lines;
            std::string cur;
            for (char c : text + "\n") {
                if (c != '\n' && c != '\r') {
                    cur += c;
                    continue;
                }
                if (!fr::trim(cur).empty()) lines.push_back(fr::trim(cur));
                cur.clear();
            }
            if (static_cast<int>(lines.size()) > std::max(def.lines, 1)) {
                if (def.lines <= 1)
                    return "retour à la ligne dans " + fr::quote(text) + " : « " + def.label +
                           " » tient sur une ligne ; remplacez le retour à la ligne (Alt+Entrée) par une espace";
                return std::to_string(lines.size()) + " lignes dans " + fr::quote(text) + " : « " + def.label + " » en a " +
                       std::to_string(def.lines) + " au plus";
            }
            return Value{fr::join(lines, "\n")};
        }
        case FactType::Code:
            if (auto e = check_choice(text)) return *e;
            if (def.digits > 0 && (text.size() != static_cast<std::size_t>(def.digits) ||
                                   !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })))
                return "« " + def.label + " » : " + std::to_string(def.digits) + " chiffres attendus, lu " + fr::quote(text);
            return Value{text};
        case FactType::CodeList: {
            auto codes = split_codes(text);
            for (const auto& c : codes)
                if (auto e = check_choice(c)) return *e;
            return Value{codes};
        }
        case FactType::Territory: {
            auto codes = split_codes(text);
            std::sort(codes.begin(), codes.end());
            codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
            return Value{codes};
        }
    }
    return std::string("type inconnu");
}

std::string display(const FactDef& def, const Value& v) {
    if (is_missing(v)) return "";
    if (auto r = std::get_if<Rational>(&v)) {
        if (def.type == FactType::Amount) return fr::amount(*r);
        if (def.unit.empty()) return fr::number(*r);
        // "lit|lits": French agreement, singular below 2.
        std::string unit = def.unit;
        if (auto bar = unit.find('|'); bar != std::string::npos) {
            Rational magnitude = *r < Rational(0) ? -*r : *r;
            unit = magnitude < Rational(2) ? unit.substr(0, bar) : unit.substr(bar + 1);
        }
        return fr::number(*r) + fr::kNbsp + unit;
    }
    if (auto d = std::get_if<Date>(&v)) return d->french_numeric();
    if (auto b = std::get_if<bool>(&v)) return *b ? "oui" : "non";
    if (auto l = std::get_if<std::vector<std::string>>(&v); l && def.type == FactType::Territory) {
        // "37 communes (13, 84)": the count and the départements covered.
        std::vector<std::string> deps;
        for (const auto& c : *l) {
            std::string d = c.size() == 5 ? (c.substr(0, 2) == "97" ? c.substr(0, 3) : c.substr(0, 2)) : c;
            if (std::find(deps.begin(), deps.end(), d) == deps.end()) deps.push_back(d);
        }
        std::string out = std::to_string(l->size()) + (l->size() > 1 ? " communes (" : " commune (");
        out += fr::join(deps);
        return out + ")";
    }
    if (auto l = std::get_if<std::vector<std::string>>(&v)) {
        return fr::join(*l);
    }
    return std::get<std::string>(v);
}

}  // namespace cotation
