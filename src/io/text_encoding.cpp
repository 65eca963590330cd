#include "text_encoding.h"

#include "core/error.h"

namespace cotation::io {

namespace {
// Windows-1252 0x80..0x9F; 0 where the code page defines nothing.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) out += static_cast<char>(c);
    else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// Length of the valid UTF-8 sequence at i, or 0 (overlongs, surrogates and
// code points above U+10FFFF are invalid).
std::size_t utf8_length(const std::string& s, std::size_t i) {
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
}  // namespace

bool valid_utf8(const std::string& text) {
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = utf8_length(text, i);
        if (!n) return false;
        i += n;
    }
    return true;
}

DecodedText decode_text(const std::string& bytes, const std::string& file_name) {
    DecodedText out;
    if (bytes.compare(0, 2, "\xFF\xFE") == 0 || bytes.compare(0, 2, "\xFE\xFF") == 0)
        throw InputError(file_name + " : fichier en UTF-16 (« Texte Unicode » d'Excel) ; enregistrez-le en « CSV UTF-8 » "
                                     "ou « CSV (séparateur : point-virgule) ».");
    std::size_t start = bytes.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    std::string body = bytes.substr(start);
    if (valid_utf8(body)) {
        if (body.find('\0') != std::string::npos)
            throw InputError(file_name + " : octet nul dans le fichier ; ce n'est pas un fichier texte.");
        out.utf8 = std::move(body);
        return out;
    }
    int line = 1;
    for (unsigned char c : body) {
        if (c == '\n') ++line;
        if (c == 0)
            throw InputError(file_name + ", ligne " + std::to_string(line) + " : octet nul ; ce n'est pas un fichier texte.");
        if (c < 0x80) { out.utf8 += static_cast<char>(c); continue; }
        char32_t cp = c >= 0xA0 ? c : kCp1252High[c - 0x80];
        if (!cp)
            throw InputError(file_name + ", ligne " + std::to_string(line) +
                             " : encodage illisible (ni UTF-8 ni Windows-1252) ; enregistrez le fichier en « CSV UTF-8 ».");
        append_utf8(out.utf8, cp);
    }
    out.notice = file_name + " : lu en Windows-1252 (l'encodage par défaut d'Excel) et converti en UTF-8 ; "
                             "vérifiez les accents dans l'aperçu.";
    return out;
}

}  // namespace cotation::io
