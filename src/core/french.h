#pragma once
// French number and amount notation, independent of the machine's locales
// (a fresh Debian has no fr_FR locale): thousands separated by a no-break
// space, decimal comma, "€" after a no-break space.
#include <optional>
#include <string>
#include <string_view>

#include "rational.h"

namespace cotation::fr {

inline constexpr const char* kNbsp = "\u00A0";

// 12600 -> "12 600"; 3.5 -> "3,5"; 1/3 -> "0,33" (at most `max_decimals`).
std::string number(const Rational& value, int max_decimals = 2);
// 12600 -> "12 600 €"; 12600.5 -> "12 600,50 €".
std::string amount(const Rational& value);

// Accepts "12 600", "12 600,50", "12600.50", "12 600 €", "1/3"; spaces may be
// plain, no-break (U+00A0) or narrow no-break (U+202F). Nothing else.
std::optional<Rational> parse_number(std::string_view text);

std::string trim(std::string_view text);
std::string lower_ascii(std::string_view text);

}  // namespace cotation::fr
