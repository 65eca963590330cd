#pragma once
// French number and amount notation, independent of the machine's locales
// (a fresh Debian has no fr_FR locale): thousands separated by a no-break
// space, decimal comma, "€" after a no-break space.
#include <optional>
#include <concepts>
#include <string>
#include <string_view>
#include <vector>

#include "rational.h"

namespace cotation::fr {

inline constexpr const char* kNbsp = "\u00A0";

// 12600 -> "12 600"; 3.5 -> "3,5"; 1/3 -> "0,33" (at most `max_decimals`).
std::string number(const Rational& value, int max_decimals = 2);
// A measure with a fixed count of decimals and a decimal comma: fixed(40.44)
// -> "40,4", fixed(31) -> "31,0" (figures of a measure, not amounts).
std::string fixed(double value, int decimals = 1);
// 12600 -> "12 600 €"; 12600.5 -> "12 600,50 €".
std::string amount(const Rational& value);

// Accepts "12 600", "12 600,50", "12600.50", "12 600 €", "1/3"; spaces may be
// plain, no-break (U+00A0) or narrow no-break (U+202F). Nothing else.
// Refuses what French notation leaves ambiguous ("250.000", "1,5.2",
// "1 26 00"): see parse_decimal.
std::optional<Rational> parse_number(std::string_view text);
// What a person types: decimal notation only (no "1/3"). On refusal `why`
// (when given) says what is ambiguous or wrong, for a message with the place.
std::optional<Rational> parse_decimal(std::string_view text, std::string* why = nullptr);

// Length of the valid UTF-8 sequence starting at text[i], 0 when the bytes
// there are not one (overlongs, surrogates, code points above U+10FFFF and
// truncated sequences are not): the one test of « is this UTF-8 ».
std::size_t utf8_length(std::string_view text, std::size_t i);
bool valid_utf8(std::string_view text);
// Characters (code points) of a UTF-8 text, as a reader counts them; an
// invalid byte counts as one.
std::size_t char_count(std::string_view text);

// A value read from an input, fit to echo in a message: between « », control
// bytes and invalid UTF-8 escaped as \xNN, invisible formatting characters
// as <U+202E> (echoed raw, U+202E reversed the end of the message on the
// terminal: trial 13c F10), cut after `max_chars` characters.
std::string quote(std::string_view text, std::size_t max_chars = 60);

std::string trim(std::string_view text);
// The text in Unicode normalisation form C (trial 13d F3: « Hélène » typed
// with a combining accent, as macOS writes it, became a second reviewer
// identical to the eye). Applied to what a person types (command line
// arguments, CSV files, names declared) and inside name_key and folded;
// invalid UTF-8 is returned as is (refused elsewhere, with its place).
std::string nfc(std::string_view text);
// Whether a required text (a justification, a motive, a reason, a name) is
// given: it holds a character a reader sees. Spaces (U+00A0, U+3000…),
// format and control characters (U+200B, U+202E…), default-ignorable ones
// and a lone combining mark do not count (trial 13d F4: a justification of
// one U+200B counted as given). The one rule for « a text is given ».
bool given(std::string_view text);
std::string lower_ascii(std::string_view text);
// A sentence placed after « : » (French typography: no capital there): its
// first word lowered when it is an ordinary word — « L'adresse » -> « l'adresse »,
// « Élément » -> « élément » — and kept when it is an acronym or a code
// (« ODT », « FINESS », « A.1 ») or begins with a quote or a digit.
std::string after_colon(std::string_view sentence);
// "  Marie   DUPONT " -> "Marie DUPONT": trimmed, inner runs of spaces made one.
std::string collapse_spaces(std::string_view text);
// The key under which two names or references are the same: spaces collapsed,
// case folded (ASCII and accented capitals): « ACT-2023-01 » = « act-2023-01 ».
std::string name_key(std::string_view text);
// Lower case with the French accents dropped, trimmed: « Délibérative » ->
// "deliberative" (words a person types, compared as a reader would).
std::string folded(std::string_view text);

// The first letter in capital, whatever its accent: « écarté » -> « Écarté ».
std::string capitalized(std::string_view text);

// {"a", "b", "c"} -> "a, b, c"; with `last` ("ou", "et"): "a, b ou c".
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ",
                 std::string_view last = {});
// plural(1, "dossier") -> "1 dossier"; plural(3, "dossier") -> "3 dossiers";
// an irregular plural is given: plural(2, "travail", "travaux").
std::string plural(long long count, std::string_view singular, std::string_view plural_form = {});
// The word alone, agreed with `count`: agree(3, "importée") -> "importées",
// agree(1, "écrit") -> "écrit"; « 3 notes importées » is
// plural(3, "note") + " " + agree(3, "importée").
std::string agree(long long count, std::string_view singular, std::string_view plural_form = {});
// The same for any count (a size, an int): no cast at each call.
template <std::integral N>
std::string plural(N count, std::string_view singular, std::string_view plural_form = {}) {
    return plural(static_cast<long long>(count), singular, plural_form);
}
template <std::integral N>
std::string agree(N count, std::string_view singular, std::string_view plural_form = {}) {
    return agree(static_cast<long long>(count), singular, plural_form);
}

// A word of a command to copy into a shell: as is when made of letters,
// digits and « _./:@%+=,- » only, else between single quotes, a quote in it
// written '\'' (trial 15: « --changer-compte 'Anne d'Arc' » broke the command).
std::string shell_word(std::string_view word);

// A département's name with the preposition its article takes, as in « le
// Président du Conseil départemental de la Charente-Maritime » (trial 1011B
// F4): « de la Charente », « des Landes », « du Lot-et-Garonne », « de
// l'Ain », « de Paris ». The masculine and plural names are listed (the
// INSEE's type of name); any other takes « de la ».
std::string of_departement(std::string_view name);

// How a letter addresses its recipient, from the civility that opens the
// addressee's line (trial 1011C F10: a letter to « Mme Laure Pellegrin,
// directrice » opened « Madame, Monsieur, »): « Madame » (Mme, Madame),
// « Monsieur » (M., Monsieur), else « Madame, Monsieur ». A doctor or a
// professor is addressed by the title (a new user's trial: « Dr Anne Roux »
// got « Madame, Monsieur »): « Docteur » / « Professeur » without a civility,
// « Madame la Docteure », « Monsieur le Professeur »… with one.
std::string form_of_address(std::string_view addressee);

// The order in which a French reader looks a name up (a new user's trial:
// « Élodie » after « Sylvie », byte order): accents and case ignored
// (folded), then the bytes, so that two different names never compare
// equal. The one comparison of every list of names (team, committee,
// minutes): maps of people take CollateLess.
bool collate_less(std::string_view a, std::string_view b);
struct CollateLess {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const { return collate_less(a, b); }
};

// A place's name as a French reader expects it, from the INSEE's files (a
// new user's trial): « Marseille 5e Arrondissement » -> « Marseille 5ᵉ
// arrondissement » (the ordinal with the modifier letters U+1D49 ᵉ and
// U+02B3 ʳ, « arrondissement » in lower case), and straight quotes made
// French ones with no-break spaces: « CC Alpes-Provence-Verdon "Sources de
// lumière" » -> « CC Alpes-Provence-Verdon « Sources de lumière » ».
std::string place_name(std::string_view name);

// A name between French quotes (plain spaces, made no-break in documents
// by typography), once (a new user's trial: « « DRAD
// Aunis » » for a label typed with its own quotes): the name's own outer
// quotes, French or straight, are dropped first.
std::string in_quotes(std::string_view name);

}  // namespace cotation::fr
