#include "text_encoding.h"

#include <algorithm>

#include "core/error.h"
#include "core/french.h"

#include <cstdio>

namespace cotation::io {

namespace {
// Windows-1252 0x80..0x9F; 0 where the code page defines nothing.
constexpr char16_t kCp1252High[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
                                      0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
                                      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

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

// A UTF-8 sequence a French text holds (accented letters, « », ’, €, no-break
// spaces): proof that a row was written in UTF-8. Other valid sequences
// (« à » + no-break space + « « » in Windows-1252 reads as U+082B) prove nothing.
bool french_utf8(const std::string& s, std::size_t i, std::size_t n) {
    if (n < 2) return false;
    auto b = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k])); };
    char32_t cp = n == 2 ? ((b(0) & 0x1F) << 6) | (b(1) & 0x3F)
                 : n == 3 ? ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F)
                          : 0;
    return (cp >= 0xA0 && cp <= 0x17F) || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x20AC;
}
}  // namespace

bool valid_utf8(const std::string& text) { return fr::valid_utf8(text); }

DecodedText decode_bytes(const std::string& bytes, const std::string& file_name);

namespace {
// UTF-16 without a BOM: text in Latin letters has a zero byte in every other
// position, the high byte of each character — first in big-endian, second in
// little-endian (trial 13 F30: big-endian was taken for binary).
const char* utf16_without_bom(const std::string& bytes) {
    std::size_t n = std::min<std::size_t>(bytes.size(), 400) & ~std::size_t{1};
    if (n < 8) return nullptr;
    std::size_t even = 0, odd = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (bytes[i] == '\0') ++(i % 2 ? odd : even);
    if (even * 10 >= n / 2 * 8 && odd * 10 < n / 2) return "gros-boutiste (UTF-16 BE)";
    if (odd * 10 >= n / 2 * 8 && even * 10 < n / 2) return "petit-boutiste (UTF-16 LE)";
    return nullptr;
}

// Lines ended by a lone CR (« CSV (Macintosh) » of Excel for Mac) became one
// header of every line (trial 13 F30): a file with no LF at all has its CRs
// read as line ends, and the notice says so.
std::string mac_line_ends(std::string& text, const std::string& file_name) {
    if (text.find('\n') != std::string::npos || text.find('\r') == std::string::npos) return "";
    std::replace(text.begin(), text.end(), '\r', '\n');
    return file_name + " : fins de ligne Macintosh (CR seul) lues comme des fins de ligne.";
}
std::string joined(const std::string& a, const std::string& b) { return a.empty() ? b : b.empty() ? a : a + " " + b; }
}  // namespace

DecodedText decode_text(const std::string& bytes, const std::string& file_name) {
    DecodedText out = decode_bytes(bytes, file_name);
    // A name or reference with decomposed accents (macOS) is the one with composed accents (trial 13d F3).
    out.utf8 = fr::nfc(out.utf8);
    std::string ends = mac_line_ends(out.utf8, file_name);
    // One file name per notice: « f.csv : lu en Windows-1252 … Fins de ligne Macintosh … ».
    if (!ends.empty() && !out.notice.empty()) ends = "Fins" + ends.substr(ends.find(" : fins") + 7);
    out.notice = joined(out.notice, ends);
    return out;
}

DecodedText decode_bytes(const std::string& bytes, const std::string& file_name) {
    DecodedText out;
    // The byte order mark first: a file that has one is not said to lack it (trial 13b F7).
    if (bytes.compare(0, 2, "\xFF\xFE") == 0 || bytes.compare(0, 2, "\xFE\xFF") == 0)
        throw InputError(file_name + " : fichier en UTF-16 (« Texte Unicode » d'Excel) ; enregistrez-le en « CSV UTF-8 » "
                                     "ou « CSV (séparateur : point-virgule) ».");
    if (const char* order = utf16_without_bom(bytes))
        throw InputError(file_name + " : fichier en UTF-16 " + order + ", sans marque d'ordre ; enregistrez-le en « CSV UTF-8 » "
                                     "ou « CSV (séparateur : point-virgule) ». Rien n'a été importé.");
    std::size_t start = bytes.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    std::string body = bytes.substr(start);
    if (valid_utf8(body)) {
        if (body.find('\0') != std::string::npos)
            throw InputError(file_name + " : octet nul dans le fichier ; ce n'est pas un fichier texte.");
        out.utf8 = std::move(body);
        return out;
    }
    // Rows pasted from two exports: decoding the whole file as Windows-1252
    // would store the UTF-8 rows as « SociÃ©tÃ© ». The whole file is one
    // encoding or it is refused, naming a line of each.
    int line = 1, utf8_line = start ? 1 : 0, cp1252_line = 0;
    std::string utf8_char = start ? "BOM UTF-8" : "";
    unsigned char cp1252_byte = 0;
    for (std::size_t i = 0; i < body.size();) {
        unsigned char c = static_cast<unsigned char>(body[i]);
        if (c == '\n') ++line;
        if (c < 0x80) { ++i; continue; }
        std::size_t n = fr::utf8_length(body, i);
        if (french_utf8(body, i, n)) {
            if (!utf8_line) { utf8_line = line; utf8_char = fr::quote(body.substr(i, n)); }
            i += n;
            continue;
        }
        if (!cp1252_line) { cp1252_line = line; cp1252_byte = c; }
        ++i;
    }
    if (utf8_line && cp1252_line) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", cp1252_byte);
        throw InputError(file_name + " : deux encodages mêlés (lignes collées de deux exports ?) : ligne " +
                         std::to_string(utf8_line) + " en UTF-8 (" + utf8_char + "), ligne " + std::to_string(cp1252_line) +
                         " en Windows-1252 (octet " + hex + ") ; enregistrez le fichier entier en « CSV UTF-8 ». "
                         "Rien n'a été importé.");
    }
    line = 1;
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
                             "vérifiez les accents des noms et des textes importés.";
    return out;
}

}  // namespace cotation::io
