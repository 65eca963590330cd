#include "typography.h"

#include <array>
#include <vector>

namespace cotation::fr {
namespace {

std::u32string decode(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > s.size()) { out += U'\uFFFD'; ++i; continue; }
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out += cp;
        i += len;
    }
    return out;
}

std::string encode(const std::u32string& s) {
    std::string out;
    for (char32_t cp : s) {
        if (cp < 0x80) out += static_cast<char>(cp);
        else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
        else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    return out;
}

constexpr char32_t kNb = 0x00A0, kNarrow = 0x202F;

bool is_space(char32_t c) { return c == U' ' || c == kNb || c == kNarrow || c == U'\t' || c == U'\n'; }
bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool is_letter(char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

std::u32string word_before(const std::u32string& s, std::size_t end) {
    std::size_t b = end;
    while (b > 0 && (is_letter(s[b - 1]) || is_digit(s[b - 1]))) --b;
    return s.substr(b, end - b);
}
std::u32string word_after(const std::u32string& s, std::size_t begin) {
    std::size_t e = begin;
    while (e < s.size() && (is_letter(s[e]) || is_digit(s[e]))) ++e;
    return s.substr(begin, e - begin);
}

bool is_month(const std::u32string& w) {
    static const std::array<std::u32string, 12> months{U"janvier", U"février", U"mars",      U"avril",   U"mai",      U"juin",
                                                      U"juillet", U"août",    U"septembre", U"octobre", U"novembre", U"décembre"};
    for (const auto& m : months)
        if (w == m) return true;
    return false;
}
bool all_digits(const std::u32string& w, std::size_t min, std::size_t max) {
    if (w.size() < min || w.size() > max) return false;
    for (char32_t c : w)
        if (!is_digit(c)) return false;
    return true;
}
// "15", "1er" before a month.
bool is_day(const std::u32string& w) { return all_digits(w, 1, 2) || w == U"1er"; }

// Units the documents count in: a number before one of them keeps it.
bool is_unit(const std::u32string& w) {
    static const std::array<std::u32string, 12> units{U"jour",  U"jours",  U"mois",   U"an",      U"ans",     U"lit",
                                                      U"lits",  U"place",  U"places", U"semaine", U"semaines", U"heures"};
    for (const auto& u : units)
        if (w == u) return true;
    return false;
}

// Should the plain space at s[i] become a no-break space, and which one?
char32_t space_kind(const std::u32string& s, std::size_t i) {
    char32_t prev = i > 0 ? s[i - 1] : 0, next = i + 1 < s.size() ? s[i + 1] : 0;
    if (next == U';' || next == U'!' || next == U'?') return kNarrow;
    if (next == U':' || next == U'»' || prev == U'«') return kNb;
    if (next == U'€' || next == U'%') return is_digit(prev) ? kNb : 0;
    if (is_digit(prev) && is_digit(next)) {
        // "400 000": the group after the space has exactly three digits.
        std::u32string after = word_after(s, i + 1);
        if (all_digits(after, 3, 3)) return kNb;
        return 0;
    }
    // « n° A-06 »: the sign and its number on one line (trial finding 13).
    if (prev == U'°' && i >= 2 && (s[i - 2] == U'n' || s[i - 2] == U'N')) return kNb;
    std::u32string before = word_before(s, i), after = word_after(s, i + 1);
    if (is_day(before) && is_month(after)) return kNb;
    // « 15 jours », « 8 lits »: a number and the unit that follows it.
    if (all_digits(before, 1, 3) && !after.empty() && is_unit(after)) return kNb;
    if (is_month(before) && all_digits(after, 4, 4)) return kNb;
    return 0;
}

bool is_inline_space(char32_t c) { return c == U' ' || c == kNb || c == kNarrow; }

// Quotation marks inside « … » are “ ” (Lexique des règles typographiques en
// usage à l'Imprimerie nationale, « Guillemets »): a call whose title holds
// « … » or "…", quoted in a letter, reads « Appel “ Habitat ” » without the
// doubled chevrons. The inner marks take no space inside.
std::u32string nest_quotes(const std::u32string& s) {
    std::u32string out;
    out.reserve(s.size());
    int depth = 0;
    bool straight_open = false;
    auto open_inner = [&](std::size_t& i) {
        out += U'“';
        while (i + 1 < s.size() && is_inline_space(s[i + 1])) ++i;
    };
    auto close_inner = [&] {
        while (!out.empty() && is_inline_space(out.back())) out.pop_back();
        out += U'”';
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        char32_t c = s[i];
        if (c == U'«') {
            if (depth > 0) open_inner(i);
            else out += c;
            ++depth;
        } else if (c == U'»' && depth > 0) {
            if (--depth > 0) close_inner();
            else {
                out += c;
                straight_open = false;
            }
        } else if (c == U'"' && depth > 0) {
            if (straight_open) close_inner();
            else open_inner(i);
            straight_open = !straight_open;
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

// « de » and « que » before a word that starts with a vowel are elided: the
// templates write « l'autorisation de {{organisme}} », and a name like
// « EHPAD Les Tilleuls » then reads « d’EHPAD Les Tilleuls » (trial finding
// 16). Not before h (aspirated or not needs a lexicon), y, « à », nor a
// one-letter word (« de A à Z »).
bool vowel(char32_t c) {
    static const std::u32string v = U"aeiouAEIOUâäéèêëîïôöûüÂÄÉÈÊËÎÏÔÖÛÜœŒ";
    return v.find(c) != std::u32string::npos;
}
std::u32string elide(const std::u32string& s) {
    std::u32string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        char32_t prev = out.empty() ? 0 : out.back();
        bool starts_word = prev == 0 || is_space(prev) || prev == U'(' || prev == U'«';
        std::size_t len = 0;
        for (const std::u32string_view w : {U"de ", U"De ", U"que ", U"Que "})
            if (s.compare(i, w.size(), w) == 0) len = w.size();
        if (starts_word && len && i + len < s.size() && vowel(s[i + len]) && word_after(s, i + len).size() > 1) {
            out.append(s, i, len - 2);   // « d », « qu »
            out += U'’';
            i += len - 1;
            continue;
        }
        out += s[i];
    }
    return out;
}

std::string typography(std::string_view text) {
    std::u32string s = elide(nest_quotes(decode(text))), out;
    out.reserve(s.size() + 8);
    for (std::size_t i = 0; i < s.size(); ++i) {
        char32_t c = s[i];
        char32_t prev = out.empty() ? 0 : out.back();
        char32_t next = i + 1 < s.size() ? s[i + 1] : 0;
        if (c == U' ') {
            char32_t k = space_kind(s, i);
            out += k ? k : c;
            continue;
        }
        if (c == U'\'' && (is_letter(prev) || is_letter(next)) && prev != 0 && !is_space(prev)) {
            out += U'’';
            continue;
        }
        // A sign stuck to the end of a word: insert the space it asks for.
        bool ends_word = next == 0 || is_space(next) || next == U'»' || next == U')';
        if ((c == U';' || c == U'!' || c == U'?') && ends_word && (is_letter(prev) || prev == U'»' || prev == U')')) {
            out += kNarrow;
        } else if (c == U':' && ends_word && (is_letter(prev) || prev == U'»' || prev == U')')) {
            out += kNb;
        } else if (c == U'»' && prev != 0 && !is_space(prev)) {
            out += kNb;
        }
        out += c;
        if (c == U'«' && next != 0 && !is_space(next)) out += kNb;
    }
    return encode(out);
}

}  // namespace cotation::fr
