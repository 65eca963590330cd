#include "pdf_letter.h"

#include <hpdf.h>

#include <algorithm>
#include <cstdio>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <map>

#include "core/error.h"
#include "io/output_file.h"
#include "io/png_check.h"
#include "core/french.h"
#include "core/logo.h"
#include "odt.h"
#include "pdf_keep.h"
#include "pdf_pack.h"
#include "pdf_text.h"
#include "core/invisible.h"

namespace cotation::report {
namespace {
// libharu is C: never unwind through it. Record the first error, check after.
void on_error(HPDF_STATUS error, HPDF_STATUS detail, void* user) {
    auto* msg = static_cast<std::string*>(user);
    if (msg->empty()) *msg = "erreur libharu " + std::to_string(error) + "/" + std::to_string(detail);
}

constexpr float kMm = 72.0f / 25.4f;
constexpr float kLeft = 25 * kMm, kRight = (210 - 20) * kMm, kTop = (297 - 18) * kMm, kBottom = 22 * kMm;
constexpr float kWidth = kRight - kLeft;
constexpr std::size_t kMaxMeasure = 60000;   // below libharu's HPDF_LIMIT_MAX_STRING_LEN
constexpr float kBody = 10.5f, kLeading = 14;              // body text
constexpr float kCell = 9, kCellLeading = 11.5f, kPad = 3;  // tables

struct Writer {
    HPDF_Doc pdf;
    HPDF_Font regular, bold;
    std::string running_head;   // CP1252, printed from page 2
    std::vector<HPDF_Page> pages;
    HPDF_Page page = nullptr;
    float y = 0;

    void new_page() {
        graphics();
        current_font = nullptr;   // the text state does not cross pages
        page = HPDF_AddPage(pdf);
        HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
        pages.push_back(page);
        y = kTop;
        if (pages.size() > 1 && !running_head.empty()) {
            HPDF_Page_SetGrayFill(page, 0.4f);
            text_at(kLeft, y - 8, fit(running_head, regular, 8, kWidth), regular, 8);
            HPDF_Page_SetGrayFill(page, 0);
            graphics();
            HPDF_Page_SetGrayStroke(page, 0.6f);
            HPDF_Page_SetLineWidth(page, 0.4f);
            HPDF_Page_MoveTo(page, kLeft, y - 12);
            HPDF_Page_LineTo(page, kRight, y - 12);
            HPDF_Page_Stroke(page);
            HPDF_Page_SetGrayStroke(page, 0);
            y -= 26;
        }
    }
    float room() const { return y - kBottom; }
    // What a page holds below its running head.
    static constexpr float kUsable = kTop - kBottom - 26;
    void ensure(float h) {
        if (h > room() && h <= kUsable) new_page();
    }

    float width(const std::string& s, HPDF_Font font, float size) const {
        // libharu refuses to measure more than 65 535 bytes at once (error
        // 4187, which failed a whole letter): measured in pieces, one byte per
        // glyph in CP1252 so the widths add up.
        float total = 0;
        for (std::size_t from = 0; from < s.size(); from += kMaxMeasure) {
            std::size_t n = std::min(kMaxMeasure, s.size() - from);
            HPDF_TextWidth tw =
                HPDF_Font_TextWidth(font, reinterpret_cast<const HPDF_BYTE*>(s.data() + from), static_cast<HPDF_UINT>(n));
            total += static_cast<float>(tw.width);
        }
        return total * size / 1000.0f;
    }
    // How many bytes of `s` from `from` fit in `w` (at least one: a line
    // always advances). Linear: libharu measures glyph by glyph.
    std::size_t fitting(const std::string& s, std::size_t from, HPDF_Font font, float size, float w) const {
        HPDF_REAL real = 0;
        HPDF_UINT n = HPDF_Font_MeasureText(font, reinterpret_cast<const HPDF_BYTE*>(s.data() + from),
                                            static_cast<HPDF_UINT>(std::min(kMaxMeasure, s.size() - from)), w, size, 0, 0,
                                            HPDF_FALSE, &real);
        return std::max<std::size_t>(n, 1);
    }
    // `s` cut to `w` with an ellipsis (running head only).
    std::string fit(std::string s, HPDF_Font font, float size, float w) const {
        if (width(s, font, size) <= w) return s;
        s.resize(fitting(s, 0, font, size, w - width("\x85", font, size)));
        return s + "\x85";
    }

    // Breaks on spaces and newlines; the no-break spaces (0xA0) hold words
    // together. A word wider than the line (a long reference in a narrow
    // table cell) is cut where it overflows.
    std::vector<std::string> wrap(const std::string& text, HPDF_Font font, float size, float w) const {
        std::vector<std::string> out;
        std::size_t start = 0;
        while (true) {
            std::size_t nl = text.find('\n', start);
            std::string para = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
            std::string line, word;
            auto push_word = [&] {
                if (word.empty()) return;
                std::string candidate = line.empty() ? word : line + " " + word;
                if (width(candidate, font, size) <= w) { line = candidate; word.clear(); return; }
                if (!line.empty()) { out.push_back(line); line.clear(); }
                // A word wider than the line (a 70 000-character name, a long
                // URL) breaks anywhere, in linear time: each piece measured once.
                std::size_t from = 0;
                while (from < word.size()) {
                    std::size_t n = fitting(word, from, font, size, w);
                    if (from + n >= word.size()) break;
                    out.push_back(word.substr(from, n));
                    from += n;
                }
                line = word.substr(from);
                word.clear();
            };
            for (char c : para) {
                if (c == ' ') push_word();
                else word += c;
            }
            push_word();
            if (!line.empty() || out.empty() || para.empty()) out.push_back(line);
            if (nl == std::string::npos) break;
            start = nl + 1;
        }
        while (!out.empty() && out.back().empty()) out.pop_back();
        return out;
    }

    // Consecutive lines share one text object and the font is set only when
    // it changes: a smaller content stream (the letter's weight is its fonts).
    HPDF_Font current_font = nullptr;
    float current_size = 0;
    void text_at(float x, float yy, const std::string& s, HPDF_Font font, float size) {
        if (HPDF_Page_GetGMode(page) != HPDF_GMODE_TEXT_OBJECT) HPDF_Page_BeginText(page);
        if (font != current_font || size != current_size) {
            HPDF_Page_SetFontAndSize(page, font, size);
            current_font = font;
            current_size = size;
        }
        HPDF_Page_TextOut(page, x, yy, s.c_str());
    }
    // Leaves the text object before drawing lines, boxes or images.
    void graphics() {
        if (page && HPDF_Page_GetGMode(page) == HPDF_GMODE_TEXT_OBJECT) HPDF_Page_EndText(page);
    }

    void lines(const std::vector<std::string>& ls, float x, HPDF_Font font, float size, float leading, bool right = false) {
        // No line alone at a page's foot or head (orphan, widow): a paragraph
        // that breaks leaves at least two lines on each side (trial 1011F N10:
        // a third page holding only « www.telerecours.fr. »).
        std::size_t break_at = ls.size();
        if (const auto fit = static_cast<std::size_t>(std::max(0.0f, (y - kBottom) / leading));
            ls.size() > fit && ls.size() >= 2) {
            if (fit < 2 && y < kTop - 30) new_page();
            else if (ls.size() - fit < 2 && fit >= 3) break_at = fit - 1;
        }
        for (std::size_t k = 0; k < ls.size(); ++k) {
            const auto& l = ls[k];
            if (y - leading < kBottom || k == break_at) new_page();
            y -= leading;
            text_at(right ? kRight - width(l, font, size) : x, y + 3, l, font, size);
        }
    }

    // ---- blocks ----------------------------------------------------------
    struct Style {
        HPDF_Font font;
        float size, leading, before, after, indent;
    };
    // A mention (what follows the signature: appeal ways, journal head) in small print.
    Style style(BlockKind k, bool mention = false) const {
        if (mention && k != BlockKind::Right && k != BlockKind::Table)
            return {k == BlockKind::Heading ? bold : regular, 8.5f, 10.5f, k == BlockKind::Heading ? 4.0f : 0.0f, 3,
                    k == BlockKind::Bullet ? 14.0f : 0.0f};
        switch (k) {
            case BlockKind::Heading: return {bold, 11, 15, 6, 4, 0};
            case BlockKind::Subject: return {bold, kBody, kLeading, 0, 10, 0};
            case BlockKind::Bullet: return {regular, kBody, kLeading, 0, 4, 14};
            case BlockKind::Right: return {regular, kBody, kLeading, 0, 0, 0};
            case BlockKind::Paragraph:
            case BlockKind::Table: break;
        }
        return {regular, kBody, kLeading, 0, 8, 0};
    }
    float text_width(BlockKind k) const {
        return k == BlockKind::Right ? kWidth * 0.6f : kWidth - style(k).indent;
    }
    // Height of a block, or of its first `max_lines` lines.
    float height(const Block& b, std::size_t max_lines = 1000) const {
        if (b.kind == BlockKind::Table) {
            if (b.rows.empty()) return 0;
            auto widths = columns(b);
            float h = 4 + kPad;   // the space table() leaves above it
            for (std::size_t r = 0; r < b.rows.size() && r < max_lines; ++r) h += row_height(b.rows[r], widths, r == 0);
            return h;
        }
        if (b.kind == BlockKind::Right && b.text.empty()) return kSigningRoom;
        Style s = style(b.kind, b.mention);
        std::size_t n = std::min(wrap(cp(b.text), s.font, s.size, text_width(b.kind)).size(), max_lines);
        return s.before + static_cast<float>(n) * s.leading + s.after;
    }

    // A signature line left empty (« >> » alone): the room where an authority signs (trial 1011B F4).
    static constexpr float kSigningRoom = 3 * kLeading;
    void block(const Block& b) {
        if (b.kind == BlockKind::Table) return table(b);
        if (b.kind == BlockKind::Right && b.text.empty()) {
            if (y - kSigningRoom < kBottom) new_page();
            y -= kSigningRoom;
            return;
        }
        Style s = style(b.kind, b.mention);
        auto ls = wrap(cp(b.text), s.font, s.size, text_width(b.kind));
        y -= s.before;
        if (b.kind == BlockKind::Bullet) {
            for (std::size_t k = 0; k < ls.size(); ++k) {
                lines({ls[k]}, kLeft + s.indent, s.font, s.size, s.leading);
                // The dash sits on the first line of the item, on whichever
                // page that line landed.
                if (k == 0) text_at(kLeft + 4, y + 3, "\x96", s.font, s.size);
            }
        } else {
            lines(ls, kLeft, s.font, s.size, s.leading, b.kind == BlockKind::Right);
        }
        y -= s.after;
    }

    // ---- tables ----------------------------------------------------------
    std::vector<float> columns(const Block& b) const {
        std::size_t n = 0;
        for (const auto& r : b.rows) n = std::max(n, r.size());
        std::vector<float> natural(n, 0), least(n, 0);
        for (std::size_t r = 0; r < b.rows.size(); ++r) {
            HPDF_Font f = r == 0 ? bold : regular;
            for (std::size_t c = 0; c < b.rows[r].size(); ++c) {
                std::string t = cp(b.rows[r][c]);
                natural[c] = std::max(natural[c], width(t, f, kCell) + 2 * kPad + 1);
                std::size_t s = 0;
                while (s <= t.size()) {
                    std::size_t e = t.find_first_of(" \n", s);
                    if (e == std::string::npos) e = t.size();
                    least[c] = std::max(least[c], std::min(width(t.substr(s, e - s), f, kCell) + 2 * kPad + 1, kWidth / 3));
                    s = e + 1;
                }
            }
        }
        // Narrow columns (rank, score, date) keep their natural width; the
        // others share the rest, each at least its longest word.
        float sum_natural = 0, sum_least = 0, fixed = 0;
        std::vector<bool> narrow(n);
        for (std::size_t c = 0; c < n; ++c) sum_natural += natural[c];
        for (std::size_t c = 0; c < n; ++c) {
            narrow[c] = sum_natural > kWidth && natural[c] <= kWidth * 0.14f;
            if (narrow[c]) fixed += natural[c];
            else sum_least += least[c];
        }
        float flexible = kWidth - fixed, flexible_natural = sum_natural - fixed;
        std::vector<float> w(n);
        for (std::size_t c = 0; c < n; ++c) {
            if (sum_natural <= kWidth) w[c] = natural[c] * kWidth / sum_natural;   // full width, as drawn
            else if (narrow[c]) w[c] = natural[c];
            else if (sum_least <= flexible)
                w[c] = least[c] + (natural[c] - least[c]) * (flexible - sum_least) / std::max(flexible_natural - sum_least, 1.0f);
            else w[c] = least[c] * flexible / sum_least;
        }
        return w;
    }
    float row_height(const std::vector<std::string>& row, const std::vector<float>& w, bool header) const {
        std::size_t n = 1;
        for (std::size_t c = 0; c < row.size(); ++c)
            n = std::max(n, wrap(cp(row[c]), header ? bold : regular, kCell, w[c] - 2 * kPad).size());
        return static_cast<float>(n) * kCellLeading + 2 * kPad;
    }
    void row(const std::vector<std::string>& cells, const std::vector<float>& w, bool header) {
        float h = row_height(cells, w, header);
        float x = kLeft;
        graphics();
        HPDF_Page_SetLineWidth(page, 0.5f);
        HPDF_Page_SetGrayStroke(page, 0.55f);
        if (header) {
            HPDF_Page_SetGrayFill(page, 0.9f);
            HPDF_Page_Rectangle(page, kLeft, y - h, kWidth, h);
            HPDF_Page_Fill(page);
            HPDF_Page_SetGrayFill(page, 0);
        }
        for (std::size_t c = 0; c < w.size(); ++c) {
            graphics();
            HPDF_Page_Rectangle(page, x, y - h, w[c], h);
            HPDF_Page_Stroke(page);
            if (c < cells.size()) {
                HPDF_Font f = header ? bold : regular;
                float yy = y - kPad;
                for (const auto& l : wrap(cp(cells[c]), f, kCell, w[c] - 2 * kPad)) {
                    yy -= kCellLeading;
                    text_at(x + kPad, yy + 2.5f, l, f, kCell);
                }
            }
            x += w[c];
        }
        graphics();
        HPDF_Page_SetGrayStroke(page, 0);
        y -= h;
    }
    void table(const Block& b) {
        if (b.rows.empty()) return;
        auto w = columns(b);
        // A table that fits on one page (the FINESS block of an order) is
        // never split: it goes whole to the next page. A longer one starts
        // where it is, with its header and at least one row.
        const float whole = height(b);
        ensure(whole <= kUsable ? whole : height(b, 2));
        y -= 4;
        row(b.rows[0], w, true);
        for (std::size_t r = 1; r < b.rows.size(); ++r) {
            if (row_height(b.rows[r], w, false) > room()) {
                new_page();
                row(b.rows[0], w, true);   // the header again on each page
            }
            row(b.rows[r], w, false);
        }
        y -= 10;
    }

    // "page X sur Y", once every page exists.
    void number_pages(const std::string& footer) {
        graphics();
        const std::string total = std::to_string(pages.size());
        for (std::size_t k = 0; k < pages.size(); ++k) {
            page = pages[k];
            current_font = nullptr;
            std::string label = cp("page " + std::to_string(k + 1) + " sur " + total +
                                   (footer.empty() ? "" : " — " + footer));
            HPDF_Page_SetGrayFill(page, 0.35f);
            // Centred on the text column; a wider (landscape) page shifts it by half the difference.
            const float pw = HPDF_Page_GetWidth(page), shift = pw > 220 * kMm ? (pw - 210 * kMm) / 2 : 0;
            text_at((kLeft + kRight - width(label, regular, 8)) / 2 + shift, 12 * kMm, label, regular, 8);
            HPDF_Page_SetGrayFill(page, 0);
            graphics();
        }
    }
};

}  // namespace

void write_letter_pdf(const std::string& path, const LetterHeader& header, const std::vector<Block>& body,
                      const std::vector<PageDrawer>& extra_pages) {
    io::refuse_unsafe_output(path);   // said before any work, never wrapped
    std::string err;
    HPDF_Doc pdf = HPDF_New(on_error, &err);
    if (!pdf) throw Error("Impossible de créer le document PDF " + fr::quote_path(path) + ".");
    const std::string tmp = path + ".tmp";
    try {
        HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
        // libharu refuses a string over 65 535 bytes (error 4187) and would
        // fail the whole document: metadata are bounded.
        HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, pdfdoc(bounded(header.title)).c_str());
        HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, pdfdoc(bounded(header.authority)).c_str());
        HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, pdfdoc(bounded(document_subject(header, body))).c_str());
        HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "Cotation");
        // No HPDF_INFO_CREATION_DATE: the same campaign gives the same bytes.
        const char* regular = HPDF_LoadTTFontFromFile(pdf, font_path(false).c_str(), HPDF_TRUE);
        const char* bold = HPDF_LoadTTFontFromFile(pdf, font_path(true).c_str(), HPDF_TRUE);
        if (!regular || !bold) throw Error("police");
        Writer w{pdf, cp1252_font(pdf, regular), cp1252_font(pdf, bold), cp(bounded(header.title)),
                 {}, nullptr, 0};
        if (!add_to_unicode(pdf, {w.regular, w.bold})) throw Error("police");
        w.new_page();

        // Header: logo, authority and its address left; recipient in the
        // window of the envelope; place and date right.
        // The logo kept in the campaign (core/logo.h), or the path an older
        // campaign kept. libharu 2.3 misreads 16-bit PNG (two pixels per
        // sample, wrong colours): refused with a message rather than printed
        // wrong (a stored logo was checked when it was given). A logo libpng
        // cannot read to its end would abort the process inside libharu: it
        // is left out, and the session warns (trial 13b F16).
        std::string logo_png;
        if (!header.logo_path.empty()) {
            logo_png = logo_is_stored(header.logo_path) ? logo_from_stored(header.logo_path) : std::string();
            if (logo_png.empty()) {
                std::ifstream png(header.logo_path, std::ios::binary);
                logo_png.assign(std::istreambuf_iterator<char>(png), std::istreambuf_iterator<char>());
            }
            auto ph = png_header(logo_png);
            if (!ph) throw Error("logo");
            if (ph->bit_depth > 8)
                throw Error(logo_problem(logo_png, logo_name(header.logo_path)) + " (document " + fr::quote_path(path) + ").");
        }
        float logo_bottom = w.y, text_left = kLeft, text_width = kWidth * 0.55f;
        if (!logo_png.empty() && io::png_decoding_problem(logo_png).empty()) {
            HPDF_Image logo = HPDF_LoadPngImageFromMem(pdf, reinterpret_cast<const HPDF_BYTE*>(logo_png.data()),
                                                       static_cast<HPDF_UINT>(logo_png.size()));
            if (!logo || !err.empty()) {
                err.clear();
                throw Error("logo");
            }
            float iw = static_cast<float>(HPDF_Image_GetWidth(logo)), ih = static_cast<float>(HPDF_Image_GetHeight(logo));
            float scale = std::min({22 * kMm / ih, 50 * kMm / iw, 1.0f});
            w.graphics();
            HPDF_Page_DrawImage(w.page, logo, kLeft, w.y - ih * scale, iw * scale, ih * scale);
            // The authority's name and address beside the logo, not under it:
            // under it, a 22 mm logo pushed one-page letters onto a second
            // page (trial 1011G2, minor 1).
            logo_bottom = w.y - ih * scale;
            text_left = kLeft + iw * scale + 4 * kMm;
            text_width = std::min(kWidth * 0.7f, kLeft + kWidth - text_left);
        }
        w.lines(w.wrap(cp(header.authority), w.bold, 11, text_width), text_left, w.bold, 11, 14);
        for (const auto& l : header.authority_lines)
            w.lines(w.wrap(cp(l), w.regular, 9, text_width), text_left, w.regular, 9, 12);
        w.y = std::min(w.y, logo_bottom);
        w.y -= 18;
        for (const auto& l : header.recipient)
            w.lines(w.wrap(cp(l), w.regular, kBody, kWidth * 0.5f), kLeft + kWidth * 0.5f, w.regular, kBody, kLeading);
        if (!header.recipient.empty()) w.y -= 14;
        if (!header.place_and_date.empty())
            w.lines(w.wrap(cp(header.place_and_date), w.regular, kBody, kWidth * 0.6f), kLeft, w.regular, kBody, kLeading, true);
        w.y -= 16;

        const BlockHeight measure = [&](const Block& b, std::size_t max_lines) { return w.height(b, max_lines); };
        for (std::size_t i = 0; i < body.size(); ++i) {
            const Block& b = body[i];
            if (i > 0 && body[i - 1].kind == BlockKind::Bullet && b.kind != BlockKind::Bullet) w.y -= 6;
            if (i + 1 == body.size() && i > 0 && body[i - 1].kind == BlockKind::Right && b.kind == BlockKind::Paragraph)
                w.ensure(w.height(b) + 14);
            // The signature set apart from what follows it (the journal head of the minutes).
            if (i > 0 && body[i - 1].kind == BlockKind::Right && b.kind != BlockKind::Right) w.y -= 14;
            // What the page keeps together with this block (pdf_keep.h).
            if (float keep = keep_with_next(body, i, measure, Writer::kUsable); keep > 0) w.ensure(keep);
            w.block(b);
        }
        for (const auto& draw : extra_pages) {
            w.graphics();
            HPDF_Page extra = HPDF_AddPage(pdf);
            draw(pdf, extra);
            w.pages.push_back(extra);
        }
        w.number_pages(header.footer);
        if (!err.empty() || HPDF_SaveToStream(pdf) != HPDF_OK || !err.empty()) throw Error("save");
        std::string bytes(HPDF_GetStreamSize(pdf), '\0');
        HPDF_UINT32 size = static_cast<HPDF_UINT32>(bytes.size());
        HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
        if (size != bytes.size()) throw Error("save");
        bytes = pack_pdf(bytes, path);
        {
            errno = 0;
            std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
            if (!out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) || !out.flush())
                throw Error(io::write_failure(errno));   // the disk full said as such (trial 13e F6)
            out.close();
            if (!out) throw Error(io::write_failure(errno));
        }
        io::put_output_in_place(tmp, path);
    } catch (const Error& e) {
        HPDF_Free(pdf);
        std::error_code ignored;
        std::filesystem::remove(tmp, ignored);
        std::string what = e.what();
        if (what == "logo")
            throw Error("Logo " + fr::quote_path(logo_name(header.logo_path)) +
                        " illisible : il faut une image PNG (document « " + path + " »).");
        if (what.rfind("Logo « ", 0) == 0) throw;
        if (what == "police" || what == "save") what = err.empty() ? "écriture refusée" : err;
        throw Error("Impossible d'écrire le PDF " + fr::quote_path(path) + " (" + what + ").");
    }
    HPDF_Free(pdf);
}

std::vector<std::string> write_document(const std::string& stem, const LetterHeader& header, const std::vector<Block>& body,
                                        Format format) {
    std::vector<std::string> written;
    if (format != Format::Odt) {
        write_letter_pdf(stem + ".pdf", header, body);
        written.push_back(stem + ".pdf");
    }
    if (format != Format::Pdf) {
        write_odt(stem + ".odt", header, body);
        written.push_back(stem + ".odt");
    }
    return written;
}

}  // namespace cotation::report
