#include "french.h"
#include "french_decimal.h"
#include "invisible.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unicode/unistr.h>

namespace cotation::fr {
namespace {
// The bytes of the space at `i`, 0 when none: the ASCII space and tabulation
// and every Unicode space separator (U+00A0, U+1680, U+2000–U+200A, U+202F,
// U+205F, U+3000). The look-alikes read as a space wherever a name is
// compared (trial 13g: « Paul<U+2002>Roy » was a second « Paul Roy »).
std::size_t space_length(std::string_view s, std::size_t i) {
    if (s[i] == ' ' || s[i] == '\t') return 1;
    if (static_cast<unsigned char>(s[i]) < 0x80) return 0;
    std::int32_t at = static_cast<std::int32_t>(i), end = static_cast<std::int32_t>(std::min<std::size_t>(s.size(), i + 4));
    UChar32 c = 0;
    U8_NEXT(s.data(), at, end, c);
    return c >= 0 && u_charType(c) == U_SPACE_SEPARATOR ? static_cast<std::size_t>(at) - i : 0;
}

std::string group_thousands(std::string digits) {
    std::string out;
    int n = static_cast<int>(digits.size());
    for (int i = 0; i < n; ++i) {
        out += digits[i];
        int left = n - 1 - i;
        if (left > 0 && left % 3 == 0) out += kNbsp;
    }
    return out;
}

std::string with_decimals(const Rational& v, int decimals, bool keep_zeros) {
    std::int64_t s = v.scaled(decimals);
    bool neg = s < 0;
    std::uint64_t a = neg ? static_cast<std::uint64_t>(-(s + 1)) + 1 : static_cast<std::uint64_t>(s);
    std::uint64_t scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    std::string out = group_thousands(std::to_string(a / scale));
    if (decimals > 0) {
        std::string frac = std::to_string(a % scale);
        if (static_cast<int>(frac.size()) < decimals)
            frac = std::string(static_cast<std::size_t>(decimals) - frac.size(), '0') + frac;
        if (!keep_zeros)
            while (!frac.empty() && frac.back() == '0') frac.pop_back();
        if (!frac.empty()) out += "," + frac;
    }
    // The minus sign U+2212, as French typography prints a negative figure (« −0,3 »).
    if (neg && out != "0") out.insert(0, "\u2212");
    return out;
}
}  // namespace

std::string number(const Rational& value, int max_decimals) {
    return with_decimals(value, max_decimals, false);
}

std::string amount(const Rational& value) {
    bool whole = value.is_integer();
    return with_decimals(value, whole ? 0 : 2, true) + kNbsp + "€";
}

std::string trim(std::string_view t) {
    auto is_space = [](std::string_view s, std::size_t i, std::size_t& len) {
        if (s[i] == '\r' || s[i] == '\n') { len = 1; return true; }
        len = space_length(s, i);
        return len > 0;
    };
    std::size_t len = 0;
    while (!t.empty() && is_space(t, 0, len)) t.remove_prefix(len);
    bool again = true;
    while (again && !t.empty()) {
        again = false;
        for (std::size_t k = 1; k <= 3 && k <= t.size(); ++k)
            if (is_space(t, t.size() - k, len) && len == k) { t.remove_suffix(k); again = true; break; }
    }
    return std::string(t);
}

std::string lower_ascii(std::string_view t) {
    std::string s(t);
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

namespace {
// Cyrillic and Greek letters drawn as a Latin one (Unicode TS 39's
// confusables, the letters of a Latin alphabet only), as the lower-case
// Latin letter; 0 for any other code point (trial 13H: « АСТ-2023-01 »
// typed with a Cyrillic А and С was another reference).
char latin_look_alike(char32_t cp) {
    static const std::pair<char32_t, char> table[] = {
        {0x0391, 'a'}, {0x0392, 'b'}, {0x0395, 'e'}, {0x0396, 'z'}, {0x0397, 'h'}, {0x0399, 'i'}, {0x039A, 'k'},
        {0x039C, 'm'}, {0x039D, 'n'}, {0x039F, 'o'}, {0x03A1, 'p'}, {0x03A4, 't'}, {0x03A5, 'y'}, {0x03A7, 'x'},
        {0x03BF, 'o'}, {0x03BD, 'v'}, {0x0405, 's'}, {0x0406, 'i'}, {0x0408, 'j'}, {0x0410, 'a'}, {0x0412, 'b'},
        {0x0415, 'e'}, {0x041A, 'k'}, {0x041C, 'm'}, {0x041D, 'h'}, {0x041E, 'o'}, {0x0420, 'p'}, {0x0421, 'c'},
        {0x0422, 't'}, {0x0423, 'y'}, {0x0425, 'x'}, {0x0430, 'a'}, {0x0435, 'e'}, {0x043E, 'o'}, {0x0440, 'p'},
        {0x0441, 'c'}, {0x0443, 'y'}, {0x0445, 'x'}, {0x0455, 's'}, {0x0456, 'i'}, {0x0458, 'j'}, {0x04BB, 'h'},
        {0x0501, 'd'}, {0x051B, 'q'}, {0x051D, 'w'}};
    for (const auto& [from, to] : table)
        if (from == cp) return to;
    return 0;
}
}  // namespace

std::string name_key(std::string_view text) {
    std::string t = trim(nfc(text)), out;
    bool space = false;
    for (std::size_t i = 0; i < t.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(t[i]);
        if (std::size_t len = space_length(t, i)) { space = true; i += len - 1; continue; }
        if (space) out += ' ';
        space = false;
        // Look-alikes compare as what they look like (trial 13b F5): hyphens
        // and dashes (U+2010–2015, U+2212, U+FE63, U+FF0D) as « - », full-width
        // forms (U+FF01–FF5E, « ０１ ») as their ASCII letter or digit.
        if (i + 2 < t.size() && (c == 0xE2 || c == 0xEF)) {
            unsigned char b1 = static_cast<unsigned char>(t[i + 1]), b2 = static_cast<unsigned char>(t[i + 2]);
            char ascii = 0;
            if ((c == 0xE2 && b1 == 0x80 && b2 >= 0x90 && b2 <= 0x95) || (c == 0xE2 && b1 == 0x88 && b2 == 0x92) ||
                (c == 0xEF && b1 == 0xB9 && b2 == 0xA3))
                ascii = '-';
            else if (c == 0xEF && b1 == 0xBC && b2 >= 0x81)
                ascii = static_cast<char>(b2 - 0x80 + 0x20);   // U+FF01.. -> '!'..
            else if (c == 0xEF && b1 == 0xBD && b2 <= 0x9E)
                ascii = static_cast<char>(b2 - 0x80 + 0x60);   // U+FF40.. -> '`'..
            if (ascii) {
                out += ascii >= 'A' && ascii <= 'Z' ? static_cast<char>(ascii - 'A' + 'a') : ascii;
                i += 2;
                continue;
            }
        }
        // Two-byte Greek and Cyrillic (U+0370–U+052F: lead bytes 0xCD–0xD4).
        if (c >= 0xCD && c <= 0xD4 && i + 1 < t.size()) {
            const char32_t cp = (static_cast<char32_t>(c & 0x1F) << 6) | (static_cast<unsigned char>(t[i + 1]) & 0x3F);
            if (char latin = latin_look_alike(cp)) {
                out += latin;
                ++i;
                continue;
            }
        }
        if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
        else if (c == 0xC3 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) >= 0x80 &&
                 static_cast<unsigned char>(t[i + 1]) <= 0x9E && static_cast<unsigned char>(t[i + 1]) != 0x97) {
            out += static_cast<char>(c);   // À..Þ -> à..þ (Latin-1 capitals in UTF-8)
            out += static_cast<char>(static_cast<unsigned char>(t[i + 1]) + 0x20);
            ++i;
        } else out += static_cast<char>(c);
    }
    return out;
}

std::string after_colon(std::string_view sentence) {
    std::string out(sentence);
    if (out.size() < 2) return out;
    const auto lower_next = [&](std::size_t at) {
        const unsigned char c = static_cast<unsigned char>(out[at]);
        return (c >= 'a' && c <= 'z') || c == '\'' || c == ' ' || c == 0xC3 || c == 0xE2;   // a, ’ (E2 80 99), é…
    };
    const unsigned char c0 = static_cast<unsigned char>(out[0]);
    if (c0 >= 'A' && c0 <= 'Z' && lower_next(1)) {
        out[0] = static_cast<char>(c0 - 'A' + 'a');
    } else if (c0 == 0xC3 && out.size() > 2) {
        // À..Þ (U+00C0–U+00DE, but ×) in UTF-8: C3 80..9E -> C3 A0..BE.
        const unsigned char c1 = static_cast<unsigned char>(out[1]);
        if (c1 >= 0x80 && c1 <= 0x9E && c1 != 0x97 && lower_next(2)) out[1] = static_cast<char>(c1 + 0x20);
    }
    return out;
}

bool given(std::string_view text) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c < 0) return true;   // not UTF-8: something is there (refused elsewhere, with its place)
        if (u_isUWhiteSpace(c) || invisible(static_cast<char32_t>(c))) continue;
        const auto type = static_cast<UCharCategory>(u_charType(c));
        if (type == U_CONTROL_CHAR || type == U_FORMAT_CHAR || type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK ||
            type == U_SPACE_SEPARATOR || type == U_LINE_SEPARATOR || type == U_PARAGRAPH_SEPARATOR || type == U_UNASSIGNED)
            continue;
        return true;
    }
    return false;
}

std::string nfc(std::string_view text) {
    // ASCII, and text already in NFC (the usual case), come back untouched.
    if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
        return std::string(text);
    if (!valid_utf8(text)) return std::string(text);
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* form = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return std::string(text);
    const icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    if (form->isNormalized(in, status) && U_SUCCESS(status)) return std::string(text);
    status = U_ZERO_ERROR;
    const icu::UnicodeString out = form->normalize(in, status);
    if (U_FAILURE(status)) return std::string(text);
    std::string utf8;
    out.toUTF8String(utf8);
    return utf8;
}

std::string collapse_spaces(std::string_view text) {
    std::string t = trim(text), out;
    bool space = false;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (std::size_t len = space_length(t, i)) { space = true; i += len - 1; continue; }
        if (space) out += ' ';
        space = false;
        out += t[i];
    }
    return out;
}

std::size_t utf8_length(std::string_view s, std::size_t i) {
    if (i >= s.size()) return 0;
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = b(i);
    if (c < 0x80) return 1;
    std::size_t len = 0;
    char32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else return 0;
    if (i + len > s.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        if ((b(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b(i + k) & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

bool valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = utf8_length(text, i);
        if (!n) return false;
        i += n;
    }
    return true;
}

std::size_t char_count(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++count) {
        std::size_t n = utf8_length(text, i);
        i += n ? n : 1;
    }
    return count;
}

std::optional<Rational> parse_decimal(std::string_view raw, std::string* why) {
    auto refuse = [&](const std::string& reason) -> std::optional<Rational> {
        if (why) *why = reason;
        return std::nullopt;
    };
    std::string t = trim(raw);
    if (t.size() >= 3 && t.compare(t.size() - 3, 3, "€") == 0) t = trim(t.substr(0, t.size() - 3));
    if (t.empty()) return refuse("valeur vide");
    // Split into digit runs and the separators between them, so that grouping
    // can be checked: « 12 600 » groups by three, « 1 26 00 » is a typo.
    bool negative = false;
    std::size_t i = 0;
    if (t[0] == '-') { negative = true; i = 1; }
    else if (t.rfind("\u2212", 0) == 0) { negative = true; i = 3; }   // as fr::number prints it
    std::vector<std::string> groups{""};   // integer part, split on spaces
    std::string decimals;
    char decimal_sep = 0;
    bool space_pending = false;
    for (; i < t.size();) {
        std::size_t len = 0;
        if (t[i] == ' ') len = 1;
        else if (t.compare(i, 2, "\u00A0") == 0) len = 2;
        else if (t.compare(i, 3, "\u202F") == 0) len = 3;
        if (len) {
            if (decimal_sep) return refuse("espace dans la partie décimale");
            space_pending = true;
            i += len;
            continue;
        }
        char c = t[i];
        if ((c < '0' || c > '9') && c != ',' && c != '.') {
            // The whole character, never one byte of it: « € », not « \xE2 ».
            std::size_t n = utf8_length(t, i);
            // « １０ » (a Japanese or Chinese input method): say what to type instead (trial 13c F10).
            if (n == 3 && t.compare(i, 2, "\xEF\xBC") == 0 && static_cast<unsigned char>(t[i + 2]) >= 0x90 &&
                static_cast<unsigned char>(t[i + 2]) <= 0x99)
                return refuse("chiffre " + quote(t.substr(i, 3)) + " en pleine chasse : tapez-le en chiffres ordinaires (" +
                              std::string(1, static_cast<char>('0' + (static_cast<unsigned char>(t[i + 2]) - 0x90))) + ")");
            if (c == 'e' || c == 'E')
                return refuse("notation scientifique (« " + std::string(1, c) + " ») : écrivez le nombre en entier");
            return refuse("caractère " + quote(t.substr(i, n ? n : 1)) + " inattendu");
        }
        ++i;
        if (c == ',' || c == '.') {
            if (decimal_sep == c) return refuse(std::string("deux « ") + c + " » : séparateur de milliers ou décimale ?");
            if (decimal_sep) return refuse("virgule et point mêlés : séparateur de milliers ou décimale ?");
            if (space_pending) return refuse("espace avant la décimale");
            decimal_sep = c;
            continue;
        }
        if (decimal_sep) decimals += c;
        else {
            if (space_pending && !groups.back().empty()) groups.emplace_back();
            groups.back() += c;
        }
        space_pending = false;
    }
    if (groups.front().empty()) return refuse("aucun chiffre avant la décimale");
    if (decimal_sep && decimals.empty()) return refuse("aucun chiffre après la décimale");
    if (groups.size() > 1) {
        if (groups.front().size() > 3) return refuse("chiffres mal groupés par milliers");
        for (std::size_t k = 1; k < groups.size(); ++k)
            if (groups[k].size() != 3) return refuse("chiffres mal groupés par milliers");
    }
    // « 250.000 » is 250 000 written the English way as often as 250 with
    // three decimals: refused rather than guessed (a ceiling depends on it).
    if (decimal_sep == '.' && decimals.size() == 3)
        return refuse("point suivi de trois chiffres : séparateur de milliers ou décimale ? (écrire 250 000 ou 250,5)");
    // Its mirror « 127,000 » is what an English-locale spreadsheet writes for
    // 127 000: ambiguous too unless the integer part is grouped by spaces
    // (« 127 000,000 ») or zero (« 0,125 » groups no thousands).
    if (decimal_sep == ',' && decimals.size() == 3 && groups.size() == 1 && groups.front() != "0") {
        std::string fraction = decimals;
        while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
        std::string sign = negative ? "-" : "";
        return refuse("virgule suivie de trois chiffres : séparateur de milliers ou décimale ? (écrire " + sign +
                      group_thousands(groups.front() + decimals) + " ou " + sign + groups.front() +
                      (fraction.empty() ? "" : "," + fraction) + ")");
    }
    std::string clean = negative ? "-" : "";
    for (const auto& g : groups) clean += g;
    if (clean.size() > 15 + (negative ? 1 : 0)) return refuse("nombre trop grand");
    if (decimals.size() > 9) return refuse("trop de décimales");
    if (!decimals.empty()) clean += "." + decimals;
    auto r = Rational::from_canonical(clean);
    if (!r) return refuse("nombre illisible");
    return r;
}

std::optional<Rational> parse_number(std::string_view raw) {
    std::string t = trim(raw);
    if (t.find('/') != std::string::npos) return Rational::from_canonical(t);
    return parse_decimal(t, nullptr);
}

std::string quote(std::string_view text, std::size_t max_chars) {
    std::string out = "« ";
    std::size_t shown = 0, i = 0;
    auto hex = [](unsigned char c) {
        const char* d = "0123456789ABCDEF";
        return std::string("\\x") + d[c >> 4] + d[c & 15];
    };
    while (i < text.size()) {
        if (shown >= max_chars) { out += "…"; break; }
        unsigned char c = static_cast<unsigned char>(text[i]);
        std::size_t len = utf8_length(text, i);
        if (!len) { out += hex(c); ++i; ++shown; continue; }
        if (len == 1 && (c < 0x20 || c == 0x7F)) {
            out += c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : hex(c);
            ++i; ++shown; continue;
        }
        char32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
        for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        if (len > 1 && invisible(cp)) {   // the one rule (invisible.h)
            char code[12];
            std::snprintf(code, sizeof code, "<U+%04X>", static_cast<unsigned>(cp));
            out += code;
        } else {
            out.append(text.substr(i, len));
        }
        i += len;
        ++shown;
    }
    return out + " »";
}

std::string folded(std::string_view text) {
    std::string s = lower_ascii(trim(nfc(text)));
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == 0xC3 && i + 1 < s.size()) {
            unsigned char n = static_cast<unsigned char>(s[i + 1]);
            char plain = 0;
            if (n == 0xA9 || n == 0xA8 || n == 0xAA || n == 0xAB || n == 0x89 || n == 0x88 || n == 0x8A || n == 0x8B) plain = 'e';
            else if (n == 0xA0 || n == 0xA2 || n == 0xA4 || n == 0x80 || n == 0x82) plain = 'a';
            else if (n == 0xB4 || n == 0xB6 || n == 0x94) plain = 'o';
            else if (n == 0xAE || n == 0xAF || n == 0x8E || n == 0x8F) plain = 'i';
            else if (n == 0xB9 || n == 0xBB || n == 0xBC || n == 0x99 || n == 0x9B) plain = 'u';
            else if (n == 0xA7 || n == 0x87) plain = 'c';
            if (plain) {
                out += plain;
                ++i;
                continue;
            }
        }
        out += static_cast<char>(c);
    }
    return out;
}

std::string join(const std::vector<std::string>& items, std::string_view separator, std::string_view last) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            if (!last.empty() && i + 1 == items.size()) out.append(" ").append(last).append(" ");
            else out.append(separator);
        }
        out += items[i];
    }
    return out;
}

std::string capitalized(std::string_view text) {
    if (text.empty()) return {};
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
    if (c < 0) return std::string(text);
    std::string out;
    icu::UnicodeString(u_totitle(c)).toUTF8String(out);
    return out + std::string(text.substr(static_cast<std::size_t>(i)));
}

std::string agree(long long count, std::string_view singular, std::string_view plural_form) {
    if (count <= 1 && count >= -1) return std::string(singular);
    return plural_form.empty() ? std::string(singular) + "s" : std::string(plural_form);
}

std::string plural(long long count, std::string_view singular, std::string_view plural_form) {
    return std::to_string(count) + " " + agree(count, singular, plural_form);
}

std::string fixed(double value, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    std::string s = buf;
    std::replace(s.begin(), s.end(), '.', ',');
    return s;
}

std::string one_decimal(double v) {
    char buf[64];
    if (std::fabs(v - std::round(v)) < 1e-9) std::snprintf(buf, sizeof buf, "%.0f", v);
    else std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string s = buf;
    for (auto& c : s)
        if (c == '.') c = ',';
    return s;
}

std::string form_of_address(std::string_view addressee) {
    const std::string line = collapse_spaces(addressee);
    std::vector<std::string> words;
    for (std::size_t from = 0; from < line.size();) {
        std::size_t space = line.find(' ', from);
        if (space == std::string::npos) space = line.size();
        words.push_back(folded(line.substr(from, space - from)));
        from = space + 1;
    }
    std::size_t at = 0;
    int civility = 0;   // 1 Madame, 2 Monsieur
    if (words.size() > 1 && (words[0] == "mme" || words[0] == "madame")) civility = 1, at = 1;
    else if (words.size() > 1 && (words[0] == "m." || words[0] == "monsieur")) civility = 2, at = 1;
    if (civility && at < words.size() && (words[at] == "le" || words[at] == "la")) ++at;
    // Dr, Dr., Docteur, Docteure; Pr, Pr., Professeur, Professeure (a word
    // must follow the title: a name, else it is not a title).
    int title = 0;   // 1 Docteur, 2 Professeur
    if (at + 1 < words.size()) {
        const std::string& w = words[at];
        if (w == "dr" || w == "dr." || w == "docteur" || w == "docteure") title = 1;
        else if (w == "pr" || w == "pr." || w == "professeur" || w == "professeure") title = 2;
    }
    if (title) {
        const std::string noun = title == 1 ? "Docteur" : "Professeur";
        if (civility == 1) return "Madame la " + noun + "e";
        if (civility == 2) return "Monsieur le " + noun;
        return noun;
    }
    if (civility == 1) return "Madame";
    if (civility == 2) return "Monsieur";
    return "Madame, Monsieur";
}

bool collate_less(std::string_view a, std::string_view b) {
    const std::string fa = folded(a), fb = folded(b);
    if (fa != fb) return fa < fb;
    return a < b;
}

std::string place_name(std::string_view name) {
    std::string s(name);
    // « 5e Arrondissement », « 1er Arrondissement »: digits, the ordinal, the word.
    for (std::size_t at = s.find(" Arrondissement"); at != std::string::npos; at = s.find(" Arrondissement", at + 1)) {
        std::size_t end = at;
        std::string ordinal;
        if (end >= 2 && s.compare(end - 2, 2, "er") == 0) ordinal = "\u1D49\u02B3", end -= 2;
        else if (end >= 1 && s[end - 1] == 'e') ordinal = "\u1D49", end -= 1;
        std::size_t digits = end;
        while (digits > 0 && s[digits - 1] >= '0' && s[digits - 1] <= '9') --digits;
        s[at + 1] = 'a';
        if (ordinal.empty() || digits == end) continue;
        s.replace(end, at - end, ordinal);
    }
    // Straight quotes by pairs; a lone one stays as typed.
    std::string out;
    bool open = false;
    const std::size_t pairs = static_cast<std::size_t>(std::count(s.begin(), s.end(), '"')) / 2 * 2;
    std::size_t seen = 0;
    for (char c : s) {
        if (c != '"' || seen >= pairs) {
            out += c;
            continue;
        }
        ++seen;
        out += open ? "\u00A0»" : "«\u00A0";
        open = !open;
    }
    return out;
}

std::string in_quotes(std::string_view name) {
    std::string s = trim(name);
    const std::string open = "«", close = "»";
    if (s.size() >= open.size() + close.size() && s.compare(0, open.size(), open) == 0 &&
        s.compare(s.size() - close.size(), close.size(), close) == 0)
        s = trim(s.substr(open.size(), s.size() - open.size() - close.size()));
    else if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
        s = trim(s.substr(1, s.size() - 2));
    // Quotes inside quotes are English ones (“ ”), as French typography nests them.
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        if (s.compare(i, open.size(), open) == 0) {
            out += "\u201C";
            i += open.size();
            while (s.compare(i, 1, " ") == 0 || s.compare(i, 2, "\u00A0") == 0 || s.compare(i, 3, "\u202F") == 0)
                i += s[i] == ' ' ? 1 : s.compare(i, 2, "\u00A0") == 0 ? 2 : 3;
            continue;
        }
        if (s.compare(i, close.size(), close) == 0) {
            while (!out.empty() && out.back() == ' ') out.pop_back();
            for (const std::string sp : {"\u00A0", "\u202F"})
                if (out.size() >= sp.size() && out.compare(out.size() - sp.size(), sp.size(), sp) == 0)
                    out.erase(out.size() - sp.size());
            out += "\u201D";
            i += close.size();
            continue;
        }
        out += s[i++];
    }
    // Plain spaces, as every message writes them: documents make them no-break (typography).
    return "« " + out + " »";
}

std::string of_departement(std::string_view name) {
    const std::string n(trim(name));
    if (n.empty()) return n;
    // Without article (INSEE type 0): Paris, Mayotte, La Réunion keeps its own.
    for (const char* bare : {"Paris", "Mayotte", "La Réunion"})
        if (n == bare) return "de " + n;
    for (const char* plural_name : {"Alpes-de-Haute-Provence", "Hautes-Alpes", "Alpes-Maritimes", "Ardennes", "Bouches-du-Rhône",
                                    "Côtes-d'Armor", "Deux-Sèvres", "Landes", "Pyrénées-Atlantiques", "Hautes-Pyrénées",
                                    "Pyrénées-Orientales", "Vosges", "Yvelines", "Hauts-de-Seine"})
        if (n == plural_name) return "des " + n;
    for (const char* masculine : {"Calvados", "Cantal", "Cher", "Doubs", "Finistère", "Gard", "Gers", "Jura", "Loir-et-Cher",
                                  "Loiret", "Lot", "Lot-et-Garonne", "Morbihan", "Nord", "Pas-de-Calais", "Puy-de-Dôme",
                                  "Bas-Rhin", "Haut-Rhin", "Rhône", "Tarn", "Tarn-et-Garonne", "Val-d'Oise", "Val-de-Marne",
                                  "Var", "Vaucluse", "Territoire de Belfort"})
        if (n == masculine) return "du " + n;
    // A vowel or a mute h: « de l'Ain », « de l'Hérault » (Haute-… has an aspirate h: « de la Haute-Vienne »).
    const std::string f = folded(n);
    if (n == "Hérault" || (!f.empty() && std::string("aeiouy").find(f[0]) != std::string::npos)) return "de l'" + n;
    return "de la " + n;
}

std::string shell_word(std::string_view word) {
    const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("_./:@%+=,-").find(c) != std::string_view::npos;
    });
    if (plain) return std::string(word);
    std::string out = "'";
    for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

}  // namespace cotation::fr
