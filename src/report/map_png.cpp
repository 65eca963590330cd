// The map's PNG backend (cairo): a picture file, or pixels for a window.
#include <cairo.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <filesystem>

#include "core/typography.h"
#include "map.h"
#include "map_files.h"
#include "core/invisible.h"

namespace cotation::report {

using map_files::put_in_place;
using map_files::refuse_folder;

namespace {
class CairoCanvas : public Canvas {
public:
    explicit CairoCanvas(cairo_t* cr) : cr_(cr) {}
    void fill(const std::vector<std::vector<Pt>>& rings, Rgb colour) override {
        cairo_new_path(cr_);
        for (const auto& r : rings) {
            if (r.empty()) continue;
            cairo_move_to(cr_, r[0].x, r[0].y);
            for (std::size_t i = 1; i < r.size(); ++i) cairo_line_to(cr_, r[i].x, r[i].y);
            cairo_close_path(cr_);
        }
        cairo_set_fill_rule(cr_, CAIRO_FILL_RULE_EVEN_ODD);
        cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
        cairo_fill(cr_);
    }
    void line(const std::vector<Pt>& pts, Rgb colour, double width) override {
        if (pts.size() < 2) return;
        cairo_new_path(cr_);
        cairo_move_to(cr_, pts[0].x, pts[0].y);
        for (std::size_t i = 1; i < pts.size(); ++i) cairo_line_to(cr_, pts[i].x, pts[i].y);
        cairo_set_line_width(cr_, width);
        cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
        cairo_set_line_cap(cr_, CAIRO_LINE_CAP_ROUND);
        cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
        cairo_stroke(cr_);
    }
    void rect(Pt p, double w, double h, Rgb fill, std::optional<Rgb> stroke) override {
        cairo_new_path(cr_);
        cairo_rectangle(cr_, p.x, p.y, w, h);
        cairo_set_source_rgb(cr_, fill.r, fill.g, fill.b);
        if (stroke) {
            cairo_fill_preserve(cr_);
            cairo_set_line_width(cr_, 1);
            cairo_set_source_rgb(cr_, stroke->r, stroke->g, stroke->b);
            cairo_stroke(cr_);
        } else cairo_fill(cr_);
    }
    void marker(Pt at, Marker shape, double size, Rgb fill, Rgb stroke) override {
        cairo_new_path(cr_);
        const double r = size / 2;
        if (shape == Marker::Square) cairo_rectangle(cr_, at.x - r, at.y - r, size, size);
        else if (shape == Marker::Circle) cairo_arc(cr_, at.x, at.y, r, 0, 2 * 3.14159265358979323846);
        else
            for (int i = 0; i < 10; ++i) {
                const double a = -3.14159265358979323846 / 2 + i * 3.14159265358979323846 / 5, rr = i % 2 ? r * 0.45 : r;
                if (i == 0) cairo_move_to(cr_, at.x + rr * std::cos(a), at.y + rr * std::sin(a));
                else cairo_line_to(cr_, at.x + rr * std::cos(a), at.y + rr * std::sin(a));
            }
        cairo_close_path(cr_);
        cairo_set_source_rgb(cr_, fill.r, fill.g, fill.b);
        cairo_fill_preserve(cr_);
        cairo_set_line_width(cr_, std::max(1.5, size / 7));
        cairo_set_source_rgb(cr_, stroke.r, stroke.g, stroke.b);
        cairo_stroke(cr_);
    }
    // French typography as in the documents (trial 1011F N11).
    void text(Pt at, const std::string& raw, double size, Rgb colour, bool bold, Anchor anchor) override {
        const std::string t = fr::typography(raw);
        font(size, bold);
        double x = at.x;
        if (anchor != Anchor::Left) {
            cairo_text_extents_t e;
            cairo_text_extents(cr_, t.c_str(), &e);
            x -= anchor == Anchor::Center ? e.x_advance / 2 : e.x_advance;
        }
        cairo_move_to(cr_, x, at.y);
        cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
        cairo_show_text(cr_, t.c_str());
    }
    double text_width(const std::string& t, double size, bool bold) override {
        font(size, bold);
        cairo_text_extents_t e;
        cairo_text_extents(cr_, fr::typography(t).c_str(), &e);
        return e.x_advance;
    }

private:
    void font(double size, bool bold) {
        cairo_select_font_face(cr_, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr_, size);
    }
    cairo_t* cr_;
};

}  // namespace

std::vector<unsigned char> render_map_rgb(const MapData& map, int width, int height, std::vector<Pt>* sites_at,
                                          std::vector<MapLabel>* labels_at) {
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
    cairo_t* cr = cairo_create(surface);
    try {
        CairoCanvas canvas(cr);
        paint_map(map, canvas, width, height, sites_at, labels_at);
    } catch (...) {
        cairo_destroy(cr);
        cairo_surface_destroy(surface);
        throw;
    }
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    std::vector<unsigned char> rgb(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    for (int yy = 0; yy < height; ++yy) {
        const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(yy) * stride);
        for (int xx = 0; xx < width; ++xx) {
            const std::uint32_t px = row[xx];   // 0x00RRGGBB, native endianness
            unsigned char* o =
                &rgb[(static_cast<std::size_t>(yy) * static_cast<std::size_t>(width) + static_cast<std::size_t>(xx)) * 3];
            o[0] = static_cast<unsigned char>(px >> 16), o[1] = static_cast<unsigned char>(px >> 8),
            o[2] = static_cast<unsigned char>(px);
        }
    }
    cairo_surface_destroy(surface);
    return rgb;
}

void write_map_png(const MapData& map, const std::string& path, int width, int height) {
    refuse_folder(path);
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
    cairo_t* cr = cairo_create(surface);
    try {
        CairoCanvas canvas(cr);
        paint_map(map, canvas, width, height);
    } catch (...) {
        cairo_destroy(cr);
        cairo_surface_destroy(surface);
        throw;
    }
    cairo_destroy(cr);
    const std::string tmp = path + ".tmp";
    errno = 0;
    const auto status = cairo_surface_write_to_png(surface, tmp.c_str());
    const int err = errno;
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) {
        std::error_code ignored;
        std::filesystem::remove(tmp, ignored);
        // Why, in French (trial 1011G m14: « /proc/x.png » gave no reason).
        throw Error("Impossible d'écrire la carte " + fr::quote_path(path) + " : " +
                    (err ? io::write_failure(err) : std::string("écriture refusée")) + " ; rien n'a été écrit.");
    }
    put_in_place(tmp, path);
}

}  // namespace cotation::report
