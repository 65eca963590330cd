// Text of the PDF: UTF-8 to CP1252 (the embedded fonts' encoding), the
// metadata's PDFDocEncoding, the font files and the --format option.
#include <hpdf.h>
#include <hpdf_encoder.h>

#include <cstdio>
#include <filesystem>
#include <map>

#include "core/error.h"
#include "core/french.h"
#include "core/typography.h"
#include "io/paths.h"
#include "pdf_letter.h"
#include "pdf_text.h"

namespace cotation::report {


// The one place where common signs the CP1252 font lacks become words or
// CP1252 signs (its text is already CP1252: ASCII here).
std::string outside_cp1252(char32_t cp) {
    switch (cp) {
        case 0x2190: return "depuis";               // ←
        case 0x21D2: return "donc";                 // ⇒
        case 0x2264: return "au plus";              // ≤
        case 0x2265: return "au moins";             // ≥
        case 0x2260: return "diff\xE9rent de";      // ≠
        case 0x2248: return "environ";              // ≈
        case 0x2010: return "-";                    // ‐ (hyphen)
        case 0x2032: return "'";                    // ′
        case 0x2033: return "\"";                   // ″
        case 0x2713: case 0x2714: return "oui";     // ✓ ✔
        case 0x2717: case 0x2718: return "non";     // ✗ ✘
        case 0x221E: return "infini";               // ∞
        case 0x2126: return "ohms";                 // Ω
        case 0x2116: return "n\xBA";                 // №
        // The ordinals' modifier letters (« 5ᵉ », « 1ᵉʳ arrondissement »,
        // fr::place_name): the font's CP1252 has no raised letter.
        case 0x1D49: return "e";                    // ᵉ
        case 0x02B3: return "r";                    // ʳ
        default: return {};
    }
}

// CP1252's signs between 0x80 and 0x9F (Unicode → byte), and three spaces
// or hyphens printed as their Latin-1 look-alike. Two bytes CP1252 leaves
// free carry the minus sign and the arrow (French typography writes
// « −0,3 km », not « -0,3 km »): the fonts' encoding says so (cp1252_font).
const std::map<char32_t, unsigned char>& cp1252_extra() {
    static const std::map<char32_t, unsigned char> extra{
        {0x2212, 0x81}, {0x2192, 0x8D},
        {0x20AC, 0x80}, {0x201A, 0x82}, {0x0192, 0x83}, {0x201E, 0x84}, {0x2026, 0x85}, {0x2020, 0x86},
        {0x2021, 0x87}, {0x02C6, 0x88}, {0x2030, 0x89}, {0x0160, 0x8A}, {0x2039, 0x8B}, {0x0152, 0x8C},
        {0x017D, 0x8E}, {0x2018, 0x91}, {0x2019, 0x92}, {0x201C, 0x93}, {0x201D, 0x94}, {0x2022, 0x95},
        {0x2013, 0x96}, {0x2014, 0x97}, {0x02DC, 0x98}, {0x2122, 0x99}, {0x0161, 0x9A}, {0x203A, 0x9B},
        {0x0153, 0x9C}, {0x017E, 0x9E}, {0x0178, 0x9F}, {0x202F, 0xA0}, {0x2009, 0x20}, {0x2011, 0x2D}};
    return extra;
}

std::string to_cp1252(const std::string& s) {
    const auto& extra = cp1252_extra();
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        char32_t cp;
        int len;
        if (c < 0x80) { cp = c; len = 1; }
        else if ((c >> 5) == 6) { cp = c & 0x1F; len = 2; }
        else if ((c >> 4) == 14) { cp = c & 0x0F; len = 3; }
        else if ((c >> 3) == 30) { cp = c & 0x07; len = 4; }
        else { out += '?'; ++i; continue; }
        if (i + len > s.size()) { out += '?'; break; }
        for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        i += len;
        if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) out += static_cast<char>(cp);
        else if (auto it = extra.find(cp); it != extra.end()) out += static_cast<char>(it->second);
        else if (auto w = outside_cp1252(cp); !w.empty()) out += w;
        else {
            // Never a silent « ? »: the reader sees which character is missing.
            char code[16];
            std::snprintf(code, sizeof code, "[U+%04X]", static_cast<unsigned>(cp));
            out += code;
        }
    }
    return out;
}

std::string unprintable_in_pdf(const std::string& utf8) {
    std::string out, seen;
    for (std::size_t i = 0; i < utf8.size();) {
        unsigned char c = static_cast<unsigned char>(utf8[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        std::string one = utf8.substr(i, len);
        i += len;
        if (len == 1 || seen.find(one) != std::string::npos) continue;
        std::string printed = to_cp1252(one);
        if (printed.rfind("[U+", 0) != 0) continue;
        seen += one;
        out += (out.empty() ? "« " : ", « ") + one + " » (" + printed.substr(1, printed.size() - 2) + ")";
    }
    return out;
}

std::string font_path(bool bold) {
    std::string p = io::reference_path(bold ? "fonts/CotationSans-Bold.ttf" : "fonts/CotationSans.ttf");
    if (!std::filesystem::exists(p))
        throw Error("Police « " + p + " » introuvable : l'installation de Cotation est incomplète (dossier data/fonts).");
    return p;
}

Format parse_format(const std::string& text) {
    std::string t = fr::lower_ascii(fr::trim(text));
    if (t == "pdf") return Format::Pdf;
    if (t == "odt") return Format::Odt;
    if (t == "both" || t == "les-deux" || t == "pdf+odt") return Format::Both;
    throw InputError("Format « " + text + " » inconnu : pdf, odt ou both (les deux).");
}

// At most 400 bytes of UTF-8, cut between characters, with an ellipsis.
std::string bounded(const std::string& s) {
    if (s.size() <= 400) return s;
    std::size_t n = 400;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n) + "\u2026";
}

std::string cp(const std::string& utf8) { return to_cp1252(fr::typography(utf8)); }


// Metadata strings in PDFDocEncoding (Latin-1 above 0xA0, its own table for
// 0x80-0x9F): libharu then writes them as literal strings, where with a
// current encoder it writes UTF-16 in hexadecimal, four times the size.
std::string pdfdoc(const std::string& utf8) {
    static const std::map<unsigned char, char> from_cp1252{
        {0x95, '\x80'}, {0x86, '\x81'}, {0x87, '\x82'}, {0x85, '\x83'}, {0x97, '\x84'}, {0x96, '\x85'}, {0x83, '\x86'},
        {0x8B, '\x88'}, {0x9B, '\x89'}, {0x89, '\x8B'}, {0x84, '\x8C'}, {0x93, '\x8D'}, {0x94, '\x8E'}, {0x91, '\x8F'},
        {0x92, '\x90'}, {0x82, '\x91'}, {0x99, '\x92'}, {0x8C, '\x96'}, {0x8A, '\x97'}, {0x9F, '\x98'}, {0x8E, '\x99'},
        {0x9C, '\x9C'}, {0x9A, '\x9D'}, {0x9E, '\x9E'}, {0x80, '\xA0'}, {0xA0, ' '}};
    std::string out;
    for (char c : cp(utf8)) {
        auto u = static_cast<unsigned char>(c);
        if (auto it = from_cp1252.find(u); it != from_cp1252.end()) out += it->second;
        else if (u >= 0x80 && u < 0xA0) out += '?';
        else out += c;
    }
    return out;
}

// libharu 2.3 writes no ToUnicode map for a single-byte TrueType font: text
// extraction then guesses from /WinAnsiEncoding, which some readers (and
// accessibility tools) do not do. One CMap for CP1252, shared by both
// fonts, a few hundred bytes once deflated.
std::string cp1252_to_unicode_cmap() {
    std::string chars;
    int n = 0;
    char line[32];
    for (const auto& [u, b] : cp1252_extra()) {
        if (b < 0x80 || b > 0x9F) continue;   // the look-alikes: their byte means its own Latin-1 sign
        std::snprintf(line, sizeof line, "<%02X> <%04X>\n", static_cast<unsigned>(b), static_cast<unsigned>(u));
        chars += line;
        ++n;
    }
    return "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
           "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
           "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
           "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
           "2 beginbfrange\n<20> <7E> <0020>\n<A0> <FF> <00A0>\nendbfrange\n" +
           std::to_string(n) + " beginbfchar\n" + chars + "endbfchar\n"
           "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
}

HPDF_Font cp1252_font(HPDF_Doc pdf, const char* font_name) {
    // The document's CP1252 encoder (one per document), with the free bytes
    // of cp1252_extra mapped: libharu then takes their glyphs and widths from
    // the font and writes them in the font's /Differences (« 129 /minus »).
    HPDF_Encoder encoder = HPDF_GetEncoder(pdf, "CP1252");
    if (!encoder || encoder->type != HPDF_ENCODER_TYPE_SINGLE_BYTE) return nullptr;
    auto* attr = static_cast<HPDF_BasicEncoderAttr>(encoder->attr);
    for (const auto& [u, b] : cp1252_extra())
        if (b >= 0x80 && b <= 0x9F && attr->unicode_map[b] == 0) {
            attr->unicode_map[b] = static_cast<HPDF_UNICODE>(u);
            attr->differences[b] = 1;
            attr->has_differences = HPDF_TRUE;
        }
    return HPDF_GetFont(pdf, font_name, "CP1252");
}

bool add_to_unicode(HPDF_Doc pdf, std::initializer_list<HPDF_Font> fonts) {
    // The library's own objects (hpdf_objects.h, installed with libhpdf-dev):
    // the public API has no call for it.
    HPDF_Dict cmap = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!cmap) return false;
    cmap->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    const std::string text = cp1252_to_unicode_cmap();
    if (HPDF_Stream_Write(cmap->stream, reinterpret_cast<const HPDF_BYTE*>(text.data()),
                          static_cast<HPDF_UINT>(text.size())) != HPDF_OK)
        return false;
    for (HPDF_Font f : fonts)
        if (!f || HPDF_Dict_Add(f, "ToUnicode", cmap) != HPDF_OK) return false;
    return true;
}

}  // namespace cotation::report
