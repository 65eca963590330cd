#include "pdf_letter.h"

#include <hpdf.h>

#include <filesystem>
#include <map>

#include "core/error.h"

namespace cotation::report {

std::string to_cp1252(const std::string& s) {
    static const std::map<char32_t, unsigned char> extra{
        {0x20AC, 0x80}, {0x201A, 0x82}, {0x0192, 0x83}, {0x201E, 0x84}, {0x2026, 0x85}, {0x2020, 0x86},
        {0x2021, 0x87}, {0x02C6, 0x88}, {0x2030, 0x89}, {0x0160, 0x8A}, {0x2039, 0x8B}, {0x0152, 0x8C},
        {0x017D, 0x8E}, {0x2018, 0x91}, {0x2019, 0x92}, {0x201C, 0x93}, {0x201D, 0x94}, {0x2022, 0x95},
        {0x2013, 0x96}, {0x2014, 0x97}, {0x02DC, 0x98}, {0x2122, 0x99}, {0x0161, 0x9A}, {0x203A, 0x9B},
        {0x0153, 0x9C}, {0x017E, 0x9E}, {0x0178, 0x9F}, {0x202F, 0xA0}, {0x2009, 0x20}, {0x2011, 0x2D}};
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
        else out += '?';
    }
    return out;
}

std::string font_path(bool bold) {
    const char* name = bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf";
    for (const char* dir : {"/usr/share/fonts/truetype/dejavu/", "/usr/share/fonts/dejavu/"}) {
        std::string p = std::string(dir) + name;
        if (std::filesystem::exists(p)) return p;
    }
    throw Error(std::string("Police « ") + name + " » introuvable : installez le paquet Debian fonts-dejavu-core.");
}

namespace {
// libharu is C: never unwind through it. Record the first error, check after.
void on_error(HPDF_STATUS error, HPDF_STATUS detail, void* user) {
    auto* msg = static_cast<std::string*>(user);
    if (msg->empty()) *msg = "erreur libharu " + std::to_string(error) + "/" + std::to_string(detail);
}

constexpr float kMm = 72.0f / 25.4f;
constexpr float kLeft = 25 * kMm, kRight = (210 - 20) * kMm, kTop = (297 - 20) * kMm, kBottom = 22 * kMm;

struct Writer {
    HPDF_Doc pdf;
    HPDF_Font regular, bold;
    HPDF_Page page = nullptr;
    float y = 0;
    int pages = 0;

    void new_page() {
        page = HPDF_AddPage(pdf);
        HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
        y = kTop;
        ++pages;
    }

    // Breaks on spaces only; the CP1252 no-break space (0xA0) holds words together.
    std::vector<std::string> wrap(const std::string& text, HPDF_Font font, float size, float width) {
        std::vector<std::string> lines;
        std::string line, word;
        auto fits = [&](const std::string& s) {
            HPDF_Page_SetFontAndSize(page, font, size);
            return HPDF_Page_TextWidth(page, s.c_str()) <= width;
        };
        auto push_word = [&] {
            if (word.empty()) return;
            std::string candidate = line.empty() ? word : line + " " + word;
            if (line.empty() || fits(candidate)) line = candidate;
            else { lines.push_back(line); line = word; }
            word.clear();
        };
        for (char c : text) {
            if (c == ' ') push_word();
            else word += c;
        }
        push_word();
        if (!line.empty()) lines.push_back(line);
        return lines;
    }

    void text_at(float x, const std::string& s, HPDF_Font font, float size) {
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, font, size);
        HPDF_Page_TextOut(page, x, y, s.c_str());
        HPDF_Page_EndText(page);
    }

    void lines(const std::vector<std::string>& ls, float x, HPDF_Font font, float size, float leading, bool right = false) {
        for (const auto& l : ls) {
            if (y - leading < kBottom) new_page();
            y -= leading;
            float xx = x;
            if (right) {
                HPDF_Page_SetFontAndSize(page, font, size);
                xx = kRight - HPDF_Page_TextWidth(page, l.c_str());
            }
            text_at(xx, l, font, size);
        }
    }
};
}  // namespace

void write_letter_pdf(const std::string& path, const LetterHeader& header, const std::vector<Block>& body) {
    std::string err;
    HPDF_Doc pdf = HPDF_New(on_error, &err);
    if (!pdf) throw Error("Impossible de créer le document PDF « " + path + " ».");
    try {
        HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
        HPDF_SetCurrentEncoder(pdf, "CP1252");
        HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, to_cp1252(header.title).c_str());
        HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, to_cp1252(header.authority).c_str());
        HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "Cotation");
        Writer w{pdf, HPDF_GetFont(pdf, HPDF_LoadTTFontFromFile(pdf, font_path(false).c_str(), HPDF_TRUE), "CP1252"),
                 HPDF_GetFont(pdf, HPDF_LoadTTFontFromFile(pdf, font_path(true).c_str(), HPDF_TRUE), "CP1252")};
        w.new_page();
        const float width = kRight - kLeft;
        // Header: authority left, place and date right on the first line.
        w.lines(w.wrap(to_cp1252(header.authority), w.bold, 11, width * 0.55f), kLeft, w.bold, 11, 14);
        for (const auto& l : header.authority_lines) w.lines(w.wrap(to_cp1252(l), w.regular, 9, width * 0.55f), kLeft, w.regular, 9, 12);
        w.y -= 18;
        float block_x = kLeft + width * 0.5f;
        for (const auto& l : header.recipient) w.lines(w.wrap(to_cp1252(l), w.regular, 10.5f, width * 0.5f), block_x, w.regular, 10.5f, 14);
        w.y -= 14;
        w.lines({to_cp1252(header.place_and_date)}, kLeft, w.regular, 10.5f, 14, true);
        w.y -= 16;
        BlockKind previous = BlockKind::Subject;
        for (const auto& b : body) {
            std::string t = to_cp1252(b.text);
            if (previous == BlockKind::Bullet && b.kind != BlockKind::Bullet) w.y -= 6;
            previous = b.kind;
            switch (b.kind) {
                case BlockKind::Heading:
                    w.y -= 6;
                    w.lines(w.wrap(t, w.bold, 11, width), kLeft, w.bold, 11, 15);
                    w.y -= 4;
                    break;
                case BlockKind::Subject:
                    w.lines(w.wrap(t, w.bold, 10.5f, width), kLeft, w.bold, 10.5f, 14);
                    w.y -= 10;
                    break;
                case BlockKind::Paragraph:
                    w.lines(w.wrap(t, w.regular, 10.5f, width), kLeft, w.regular, 10.5f, 14);
                    w.y -= 8;
                    break;
                case BlockKind::Bullet: {
                    auto ls = w.wrap(t, w.regular, 10.5f, width - 14);
                    for (std::size_t k = 0; k < ls.size(); ++k) {
                        w.lines({ls[k]}, kLeft + 14, w.regular, 10.5f, 14);
                        // The dash sits on the first line of the item, on
                        // whichever page that line landed.
                        if (k == 0) w.text_at(kLeft + 4, "\x96", w.regular, 10.5f);
                    }
                    w.y -= 4;
                    break;
                }
                case BlockKind::Right:
                    w.lines(w.wrap(t, w.regular, 10.5f, width * 0.6f), kLeft, w.regular, 10.5f, 14, true);
                    break;
            }
        }
        if (!err.empty() || HPDF_SaveToFile(pdf, path.c_str()) != HPDF_OK || !err.empty()) throw Error("save");
    } catch (const Error&) {
        HPDF_Free(pdf);
        throw Error("Impossible d'écrire le PDF « " + path + " » (" + (err.empty() ? "écriture refusée" : err) + ").");
    }
    HPDF_Free(pdf);
}

}  // namespace cotation::report
