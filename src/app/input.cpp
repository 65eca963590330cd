#include "input.h"

#include "core/campaign_parameters.h"
#include "core/enums.h"
#include "core/french.h"

namespace cotation::input {

namespace {
std::string quoted(const std::string& text) { return fr::quote(text); }

std::string folded(const std::string& text) { return fr::folded(text); }

[[noreturn]] void not_one_of(const std::string& what, const std::string& text, const std::vector<std::string>& words) {
    throw FormError(what + " : " + quoted(text) + " n'est pas une valeur admise (" + fr::join(words, ", ", "ou") + ").");
}

// The words a person types for an enum: its stored codes, unaccented, words
// joined by '-' (« non-retenu », « liste-complementaire »); the table also
// accepts its labels and aliases.
template <class E>
std::vector<std::string> typed_words() {
    std::vector<std::string> out;
    for (const auto& code : enum_codes<E>()) {
        std::string w = folded(code);
        for (char& c : w)
            if (c == ' ') c = '-';
        out.push_back(w);
    }
    return out;
}

template <class E>
E choice(const std::string& what, const std::string& text) {
    if (auto parsed = enum_from_text<E>(text)) return *parsed;
    not_one_of(what, text, typed_words<E>());
}
}  // namespace

Date date(const std::string& what, const std::string& text) {
    auto d = Date::parse(fr::trim(text));
    if (!d) throw InputError(what + " : " + date_refusal(text) + ".");
    return *d;
}

Rational number(const std::string& what, const std::string& text) {
    std::string why;
    auto n = fr::parse_decimal(text, &why);
    if (!n)
        throw InputError(what + " : " + quoted(text) + " n'est pas un nombre (" + why +
                         " ; notation française : 12 600 ou 3,5).");
    return *n;
}

Rational places(const std::string& what, const std::string& text) {
    // Places are counted: « 7/3 » or « 2,5 » is not a capacity.
    auto n = fr::parse_decimal(text);
    if (!n || *n < Rational(0) || !n->is_integer())
        throw InputError(what + " : " + quoted(text) + " n'est pas une capacité (un nombre entier de places, positif ou nul).");
    return *n;
}

Rational rating(const std::string& what, const std::string& text, int min, int max) {
    // A consolidated rating may be an exact mean (« 10/3 »), so fractions stay.
    auto n = fr::parse_number(text);
    if (!n) throw InputError(what + " : " + quoted(text) + " n'est pas une note (notation française : 3 ou 3,5).");
    // French notation: « 3.5 » is a slip of another locale (trial 13I M2), as the rating import says.
    if (text.find('.') != std::string::npos)
        throw InputError(what + " : " + quoted(text) + " : la virgule sépare les décimales en notation française ; écrivez " +
                         fr::number(*n, 6) + ".");
    // A fraction only as a mean that no decimal writes exactly (« 10/3 »):
    // « 8/2 » or « 6/4 » is a slip, or another scale (issue 13, item 15).
    if (const auto slash = text.find('/'); slash != std::string::npos) {
        const std::string below = fr::trim(text.substr(slash + 1));
        if (n->is_integer() || below != std::to_string(n->den())) {
            // The value as it is written: a decimal when one ends (2, 5), else the reduced fraction.
            std::int64_t d = n->den();
            while (d % 2 == 0) d /= 2;
            while (d % 5 == 0) d /= 5;
            const std::string written =
                d == 1 ? fr::number(*n, 6) : std::to_string(n->num()) + "/" + std::to_string(n->den());
            throw InputError(what + " : " + quoted(text) + " n'est pas une note telle qu'elle s'écrit : écrivez " + written +
                             " (une fraction n'est admise que pour une moyenne exacte, irréductible, comme 10/3).");
        }
    }
    if (*n < Rational(min) || *n > Rational(max))
        throw InputError(what + " : la note " + quoted(text) + " est hors de l'échelle " + std::to_string(min) + "–" +
                         std::to_string(max) + ".");
    return *n;
}

DecisionKind decision(const std::string& what, const std::string& text) {
    return choice<DecisionKind>(what, text);
}

Role role(const std::string& what, const std::string& text) {
    // Said as the help and the documentation write them (trial of issue 12,
    // minor 6: the stored codes « coordinateur », « membre-de-commission »).
    if (auto parsed = enum_from_text<Role>(text)) return *parsed;
    not_one_of(what, text, {"coordonnateur", "instructeur", "commission"});
}

Vote vote(const std::string& what, const std::string& text) {
    return choice<Vote>(what, text);
}

Opinion opinion(const std::string& what, const std::string& text) {
    return choice<Opinion>(what, text);
}

RejectionGround ground(const std::string& what, const std::string& text) {
    return choice<RejectionGround>(what, text);
}

AuthorityKind authority_kind(const std::string& what, const std::string& text) { return choice<AuthorityKind>(what, text); }

std::string one_of(const std::string& what, const std::string& text, std::initializer_list<const char*> words) {
    std::string f = folded(text);
    for (const char* w : words)
        if (f == folded(w)) return w;
    not_one_of(what, text, {words.begin(), words.end()});
}

TypedParameters parameters(const Grid& grid, const std::vector<std::pair<std::string, std::string>>& texts) {
    TypedParameters out;
    for (const auto& [name, text] : texts) {
        const FactDef* def = grid.fact(name);
        if (!def || !is_campaign_parameter(name))
            throw InputError("Paramètre « " + name + " » inconnu de la grille « " + grid.id + " ».");
        auto parsed = parse_input(*def, text);
        if (auto err = std::get_if<std::string>(&parsed)) throw InputError("Paramètre « " + name + " » : " + *err + ".");
        out.emplace_back(name, std::get<Value>(parsed));
    }
    return out;
}

const std::vector<std::string>& authority_field_names() {
    static const std::vector<std::string> names{"type", "nom", "adresse", "signataire", "qualite",
                                                "ville", "tribunal", "adresse_tribunal", "logo", "cosignataires"};
    return names;
}

void authority_field(Authority& a, const std::string& field, const std::string& text) {
    const std::string v = fr::trim(text);
    if (field == "type") a.kind = authority_kind("Autorité, type", text);
    else if (field == "nom") a.name = v;
    else if (field == "adresse") {
        a.address.clear();
        std::string line;
        for (char c : v + "\n") {
            if (c == '|' || c == '\n') {
                if (!fr::trim(line).empty()) a.address.push_back(fr::trim(line));
                line.clear();
            } else line += c;
        }
    } else if (field == "signataire") a.signatory = v;
    else if (field == "qualite") a.signatory_title = v;
    else if (field == "ville") a.city = v;
    else if (field == "tribunal") a.tribunal = v;
    else if (field == "adresse_tribunal") a.tribunal_address = v;
    else if (field == "logo") a.logo = v;
    else if (field == "cosignataires") a.cosignatories = cosignatories_text(parse_cosignatories(v));   // checked, one a line
    else throw FormError("Autorité : champ « " + field + " » inconnu (" + fr::join(authority_field_names()) + ").");
}

std::pair<std::string, std::string> name_value(const std::string& what, const std::string& text, const std::string& shape) {
    // At the first '=': a name has none, a free text after it may.
    auto eq = text.find('=');
    std::string name = eq == std::string::npos ? "" : fr::trim(text.substr(0, eq));
    if (name.empty()) throw FormError(what + " : " + quoted(text) + " n'a pas la forme " + shape + ".");
    return {name, fr::trim(text.substr(eq + 1))};
}

}  // namespace cotation::input
