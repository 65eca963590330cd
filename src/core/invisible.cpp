#include "invisible.h"

#include <cstdio>
#include <filesystem>

#include <unicode/uchar.h>

#include "french.h"

namespace cotation::fr {

bool variation_selector(char32_t cp) { return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF); }

bool invisible(char32_t cp) {
    const auto c = static_cast<UChar32>(cp);
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return true;
    if (cp < 0x80) return false;
    if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return true;
    const auto type = static_cast<UCharCategory>(u_charType(c));
    if (type == U_FORMAT_CHAR || type == U_LINE_SEPARATOR || type == U_PARAGRAPH_SEPARATOR || type == U_CONTROL_CHAR)
        return true;
    // Fillers and blanks that ICU does not class as ignorable in every version: the Hangul fillers, the Khmer
    // inherent vowels, the Mongolian vowel separator, the musical formatting characters, the braille blank
    // and the null notehead (trial 13e F7: a motive of U+1D159 alone).
    return cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x17B4 || cp == 0x17B5 ||
           cp == 0x180E || cp == 0x034F || (cp >= 0x1D173 && cp <= 0x1D17A) || cp == 0x2800 || cp == 0x1D159 ||
           (cp >= 0x2060 && cp <= 0x206F) || (cp >= 0xE0000 && cp <= 0xE0FFF) || variation_selector(cp);
}

std::string first_invisible(std::string_view text, std::string_view allowed) {
    char32_t before = 0;   // the previous code point, for a variation selector
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8_length(text, i);
        if (n == 0) return "un octet qui n'est pas de l'UTF-8";
        char32_t cp = static_cast<unsigned char>(text[i]);
        if (n > 1) {
            cp &= (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
            for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        }
        i += n;
        const bool emoji_form = variation_selector(cp) && before >= 0x80 && !invisible(before) &&
                                u_hasBinaryProperty(static_cast<UChar32>(before), UCHAR_EMOJI);
        const bool kept = cp < 0x80 && allowed.find(static_cast<char>(cp)) != std::string_view::npos;
        if (invisible(cp) && !emoji_form && !kept) {
            char code[12];
            std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
            return code;
        }
        before = cp;
    }
    return "";
}

namespace {
std::string hex_byte(unsigned char c) {
    const char* d = "0123456789ABCDEF";
    return std::string("\\x") + d[c >> 4] + d[c & 15];
}
}  // namespace

std::string shown_path(std::string_view path) {
    const std::string quoted = quote_path(path);   // « TEXT »: the guillemet and its no-break space, each side
    const std::size_t open = std::string_view("« ").size(), close = std::string_view(" »").size();
    return quoted.substr(open, quoted.size() - open - close);
}

std::string quote_path(std::string_view path) {
    // Lexical only (no access to the disk): the path as typed, its « // » and « ./ » gone.
    // A server's address (« postgresql://hôte/base ») is not a path: its « // » stays.
    std::string normal = path.find("://") == std::string_view::npos
                             ? std::filesystem::path(std::string(path)).lexically_normal().string()
                             : std::string(path);
    if (normal.empty()) normal = std::string(path);
    return quote(normal, std::string::npos);
}

std::string terminal_safe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t n = utf8_length(text, i);
        if (n == 0) { out += hex_byte(c); ++i; continue; }
        if (n == 1) {
            if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) out += hex_byte(c);
            else out += static_cast<char>(c);
            ++i;
            continue;
        }
        char32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
        for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        if (cp >= 0x80 && cp <= 0x9F) out += hex_byte(static_cast<unsigned char>(cp));   // C1: « \x9B » is CSI
        else if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
            char code[12];
            std::snprintf(code, sizeof code, "<U+%04X>", static_cast<unsigned>(cp));
            out += code;
        } else out.append(text.substr(i, n));
        i += n;
    }
    return out;
}

}  // namespace cotation::fr
