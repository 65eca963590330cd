#include "input.h"

#include "core/french.h"

namespace cotation::input {

namespace {
std::string quoted(const std::string& text) { return fr::quote(text); }

std::string listed(std::initializer_list<const char*> words) { return fr::join({words.begin(), words.end()}, ", ", "ou"); }

std::string folded(const std::string& text) { return fr::folded(text); }

[[noreturn]] void not_one_of(const std::string& what, const std::string& text, std::initializer_list<const char*> words) {
    throw FormError(what + " : " + quoted(text) + " n'est pas une valeur admise (" + listed(words) + ").");
}

template <class T>
T choice(const std::string& what, const std::string& text, std::optional<T> parsed, std::initializer_list<const char*> words) {
    if (!parsed) not_one_of(what, text, words);
    return *parsed;
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
    if (!n) throw InputError(what + " : " + quoted(text) + " n'est pas un nombre (" + why + " ; notation française : 12 600 ou 3,5).");
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
    if (*n < Rational(min) || *n > Rational(max))
        throw InputError(what + " : la note " + quoted(text) + " est hors de l'échelle " + std::to_string(min) + "–" +
                         std::to_string(max) + ".");
    return *n;
}

DecisionKind decision(const std::string& what, const std::string& text) {
    return choice(what, text, decision_from_text(text), {"retenu", "non-retenu", "liste-complementaire", "irrecevable"});
}

Role role(const std::string& what, const std::string& text) {
    return choice(what, text, role_from_text(text), {"coordinateur", "instructeur", "commission"});
}

Vote vote(const std::string& what, const std::string& text) {
    return choice(what, text, vote_from_text(text), {"pour", "contre", "abstention"});
}

Opinion opinion(const std::string& what, const std::string& text) {
    return choice(what, text, opinion_from_text(text), {"favorable", "defavorable", "reserve"});
}

RejectionGround ground(const std::string& what, const std::string& text) {
    return choice(what, text, ground_from_text(text), {"hors-delai", "irregulier", "hors-sujet"});
}

std::string one_of(const std::string& what, const std::string& text, std::initializer_list<const char*> words) {
    std::string f = folded(text);
    for (const char* w : words)
        if (f == folded(w)) return w;
    not_one_of(what, text, words);
}

std::pair<std::string, std::string> name_value(const std::string& what, const std::string& text, const std::string& shape) {
    // At the first '=': a name has none, a free text after it may.
    auto eq = text.find('=');
    std::string name = eq == std::string::npos ? "" : fr::trim(text.substr(0, eq));
    if (name.empty()) throw FormError(what + " : " + quoted(text) + " n'a pas la forme " + shape + ".");
    return {name, fr::trim(text.substr(eq + 1))};
}

}  // namespace cotation::input
