// The map's PDF backend (libharu, vector): its own A4 landscape document, or
// a page of a document being written (the committee file).
#include <hpdf.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "map.h"
#include "map_files.h"
#include "pdf_letter.h"
#include "pdf_text.h"

namespace cotation::report {

using map_files::put_in_place;
using map_files::refuse_folder;

namespace {
class HaruCanvas : public Canvas {
public:
    // The fonts of the letters (Cotation Sans, embedded subsets), which the
    // document has loaded already (write_map_pdf, write_document), taken by name.
    HaruCanvas(HPDF_Doc pdf, HPDF_Page page, double height) : page_(page), h_(height) {
        // Names libharu gives the shipped fonts (PostScript name, style).
        regular_ = cp1252_font(pdf, "CotationSans,Book");
        bold_ = cp1252_font(pdf, "CotationSans-Bold,Bold");
        HPDF_Page_SetLineJoin(page_, HPDF_ROUND_JOIN);
        HPDF_Page_SetLineCap(page_, HPDF_ROUND_END);
    }
    void fill(const std::vector<std::vector<Pt>>& rings, Rgb colour) override {
        in_quarters([&] {
            HPDF_Page_SetRGBFill(page_, f(colour.r), f(colour.g), f(colour.b));
            bool any = false;
            for (const auto& whole : rings) any |= path(whole, true);
            if (any) HPDF_Page_Eofill(page_);
        });
    }
    void line(const std::vector<Pt>& whole, Rgb colour, double width) override {
        const auto pts = at_page_resolution(whole);
        if (pts.size() < 2) return;
        HPDF_Page_SetRGBStroke(page_, f(colour.r), f(colour.g), f(colour.b));
        HPDF_Page_SetLineWidth(page_, f(width));
        HPDF_Page_MoveTo(page_, f(pts[0].x), y(pts[0].y));
        for (std::size_t i = 1; i < pts.size(); ++i) HPDF_Page_LineTo(page_, f(pts[i].x), y(pts[i].y));
        HPDF_Page_Stroke(page_);
    }
    void lines(const std::vector<std::vector<Pt>>& paths, Rgb colour, double width) override {
        in_quarters([&] {
            HPDF_Page_SetRGBStroke(page_, f(colour.r), f(colour.g), f(colour.b));
            HPDF_Page_SetLineWidth(page_, f(width * 4));
            bool any = false;
            for (const auto& whole : paths) any |= path(whole, false);
            if (any) HPDF_Page_Stroke(page_);
        });
    }
    void rect(Pt p, double w, double hh, Rgb fill, std::optional<Rgb> stroke) override {
        // Colours and widths are set before the path: libharu refuses them inside one.
        HPDF_Page_SetRGBFill(page_, f(fill.r), f(fill.g), f(fill.b));
        if (stroke) {
            HPDF_Page_SetRGBStroke(page_, f(stroke->r), f(stroke->g), f(stroke->b));
            HPDF_Page_SetLineWidth(page_, 0.5f);
        }
        HPDF_Page_Rectangle(page_, f(p.x), y(p.y + hh), f(w), f(hh));
        if (stroke) HPDF_Page_FillStroke(page_);
        else HPDF_Page_Fill(page_);
    }
    void marker(Pt at, Marker shape, double size, Rgb fill, Rgb stroke) override {
        HPDF_Page_SetRGBFill(page_, f(fill.r), f(fill.g), f(fill.b));
        HPDF_Page_SetRGBStroke(page_, f(stroke.r), f(stroke.g), f(stroke.b));
        HPDF_Page_SetLineWidth(page_, f(std::max(0.8, size / 7)));
        const double r = size / 2;
        if (shape == Marker::Square) HPDF_Page_Rectangle(page_, f(at.x - r), y(at.y + r), f(size), f(size));
        else if (shape == Marker::Circle) HPDF_Page_Circle(page_, f(at.x), y(at.y), f(r));
        else {
            for (int i = 0; i < 10; ++i) {
                const double a = -3.14159265358979323846 / 2 + i * 3.14159265358979323846 / 5, rr = i % 2 ? r * 0.45 : r;
                if (i == 0) HPDF_Page_MoveTo(page_, f(at.x + rr * std::cos(a)), y(at.y + rr * std::sin(a)));
                else HPDF_Page_LineTo(page_, f(at.x + rr * std::cos(a)), y(at.y + rr * std::sin(a)));
            }
            HPDF_Page_ClosePath(page_);
        }
        HPDF_Page_FillStroke(page_);
    }
    // French typography as in every document (trial 1011F N11: « Limite d'EPCI »).
    void text(Pt at, const std::string& t, double size, Rgb colour, bool bold, Anchor anchor) override {
        const std::string s = cp(t);
        HPDF_Page_SetFontAndSize(page_, bold ? bold_ : regular_, f(size));
        double x = at.x;
        if (anchor != Anchor::Left) {
            const double w = HPDF_Page_TextWidth(page_, s.c_str());
            x -= anchor == Anchor::Center ? w / 2 : w;
        }
        HPDF_Page_SetRGBFill(page_, f(colour.r), f(colour.g), f(colour.b));
        HPDF_Page_BeginText(page_);
        HPDF_Page_TextOut(page_, f(x), y(at.y), s.c_str());
        HPDF_Page_EndText(page_);
    }
    double text_width(const std::string& t, double size, bool bold) override {
        HPDF_Page_SetFontAndSize(page_, bold ? bold_ : regular_, f(size));
        return HPDF_Page_TextWidth(page_, cp(t).c_str());
    }

private:
    // Outlines at the page's resolution (trial finding 26: the CRT committee
    // file weighed 866 KB, nearly all its map): each point snapped to a grid
    // of 1/4 point (288 dpi, finer than a print shows) and the points that
    // then repeat dropped. Snapping is per point, so the border two communes
    // share stays the same line in both (no slivers between them), and the
    // coordinates need two decimals at most.
    // (The grid is the page's: y counts from the page's bottom.)
    std::vector<Pt> at_page_resolution(const std::vector<Pt>& in) const {
        std::vector<Pt> out;
        out.reserve(in.size());
        for (const Pt& p : in) {
            Pt q{std::round(p.x * 4) / 4, h_ - std::round((h_ - p.y) * 4) / 4};
            if (out.empty() || q.x != out.back().x || q.y != out.back().y) out.push_back(q);
        }
        return out;
    }
    // The outlines' paths are written in quarters of a point, the grid of
    // at_page_resolution: whole numbers, three bytes fewer a coordinate than
    // « 412.75 ». Between q and Q, the page scaled by 1/4.
    template <class Draw>
    void in_quarters(Draw draw) {
        HPDF_Page_GSave(page_);
        HPDF_Page_Concat(page_, 0.25f, 0, 0, 0.25f, 0, 0);
        draw();
        HPDF_Page_GRestore(page_);
    }
    // One subpath, in quarters; false when nothing is left of it.
    bool path(const std::vector<Pt>& whole, bool closed) {
        const auto r = at_page_resolution(whole);
        if (r.size() < (closed ? 3u : 2u)) return false;
        HPDF_Page_MoveTo(page_, quarters(r[0].x), quarters(h_ - r[0].y));
        for (std::size_t i = 1; i < r.size(); ++i) HPDF_Page_LineTo(page_, quarters(r[i].x), quarters(h_ - r[i].y));
        if (closed) HPDF_Page_ClosePath(page_);
        return true;
    }
    static HPDF_REAL quarters(double v) { return static_cast<HPDF_REAL>(std::round(v * 4)); }
    static HPDF_REAL f(double v) { return static_cast<HPDF_REAL>(v); }
    HPDF_REAL y(double v) const { return static_cast<HPDF_REAL>(h_ - v); }
    HPDF_Page page_;
    double h_;
    HPDF_Font regular_ = nullptr, bold_ = nullptr;
};

void error_handler(HPDF_STATUS error, HPDF_STATUS detail, void*) {
    throw Error("libharu : erreur " + std::to_string(error) + " (" + std::to_string(detail) + ") en écrivant la carte.");
}
}  // namespace

void draw_map_on_page(HPDF_Doc pdf, HPDF_Page page, const MapData& map, double bottom_reserved) {
    const double w = HPDF_Page_GetWidth(page), h = HPDF_Page_GetHeight(page);
    // The map's texts in the committee file are in the letters' embedded
    // fonts, as in `cotation carte --out carte.pdf`: libharu 2.3 once failed
    // to save such a document (error 0x1033 = 4147, HPDF_INVALID_OBJECT, when
    // the rebuilt font subset was a multiple of 4096 bytes long: a dossier
    // named « WWWW WWWW »); the 'prep' table of the shipped subset
    // (scripts/make-font-subset.sh) ended that, see tests/test_pdf_font.cpp.
    HaruCanvas canvas(pdf, page, h);
    paint_map(map, canvas, w, h - bottom_reserved);
}

void write_map_pdf(const MapData& map, const std::string& path) {
    refuse_folder(path);
    HPDF_Doc pdf = HPDF_New(error_handler, nullptr);
    if (!pdf) throw Error("libharu : création du PDF impossible.");
    const std::string tmp = path + ".tmp";
    try {
        HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
        HPDF_LoadTTFontFromFile(pdf, font_path(false).c_str(), HPDF_TRUE);   // CotationSans
        HPDF_LoadTTFontFromFile(pdf, font_path(true).c_str(), HPDF_TRUE);    // CotationSans-Bold
        HPDF_Page page = HPDF_AddPage(pdf);
        HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_LANDSCAPE);
        HaruCanvas canvas(pdf, page, HPDF_Page_GetHeight(page));
        paint_map(map, canvas, HPDF_Page_GetWidth(page), HPDF_Page_GetHeight(page));
        HPDF_SaveToFile(pdf, tmp.c_str());
    } catch (...) {
        HPDF_Free(pdf);
        std::filesystem::remove(tmp);
        throw;
    }
    HPDF_Free(pdf);
    put_in_place(tmp, path);
}

}  // namespace cotation::report
