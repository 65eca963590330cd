#pragma once
// The territory map: communes coloured by distance to the nearest site (classes
// and a legend), EPCI and département outlines, existing sites and candidates
// with distinct symbols and labels, a scale bar and the data's attribution.
// One painter draws on an abstract canvas; a PNG backend (cairo) and a PDF
// backend (libharu, vector) implement it, and the workbench can too.
#include <hpdf.h>

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/geo.h"

namespace cotation::report {

struct Rgb {
    double r = 0, g = 0, b = 0;   // 0..1
};
struct Pt {
    double x = 0, y = 0;          // canvas units (pixels or PDF points), y downwards
};
enum class Marker { Square, Circle, Star };
enum class Anchor { Left, Center, Right };

class Canvas {
public:
    virtual ~Canvas() = default;
    // Rings filled together with the even-odd rule (holes and islands).
    virtual void fill(const std::vector<std::vector<Pt>>& rings, Rgb colour) = 0;
    virtual void line(const std::vector<Pt>& points, Rgb colour, double width) = 0;
    // Several lines stroked alike: one path where the backend can (PDF).
    virtual void lines(const std::vector<std::vector<Pt>>& paths, Rgb colour, double width) {
        for (const auto& p : paths) line(p, colour, width);
    }
    virtual void rect(Pt top_left, double w, double h, Rgb fill, std::optional<Rgb> stroke) = 0;
    virtual void marker(Pt at, Marker shape, double size, Rgb fill, Rgb stroke) = 0;
    // `at`: the text's baseline point, per anchor. UTF-8.
    virtual void text(Pt at, const std::string& utf8, double size, Rgb colour, bool bold, Anchor anchor = Anchor::Left) = 0;
    virtual double text_width(const std::string& utf8, double size, bool bold) = 0;
};

struct MapSite {
    enum class Kind { Existing, Candidate, Chosen };
    std::string label;
    geo::LonLat at;
    Kind kind = Kind::Existing;
};

// A zone entered for the campaign (a DRAD zone of a CRT call, a group of
// communes the authority defines): hatched, outlined and named in the legend.
struct MapZone {
    std::string label;
    std::vector<std::string> communes;   // INSEE codes
};

struct MapData {
    std::string title, subtitle;
    std::vector<geo::Topology> communes;                          // one per département
    std::unordered_map<std::string, double> km;                   // commune -> distance to nearest site (absent: none)
    std::unordered_map<std::string, std::string> epci_of, departement_of;   // commune -> zone
    std::vector<MapSite> sites;
    std::vector<MapZone> zones;
    double access_km = 30;
    std::string attribution;
    // Size of texts and symbols: 0 follows the width (a 1 400 px picture's
    // sizes, scaled), so a small window gets tiny labels; a window sets 1
    // (labels of 11 px, legend of 12 px) whatever its size.
    double text_scale = 0;
};

// Distance classes of the legend: bounds in km (the last class is open).
std::vector<double> distance_classes(double access_km);
Rgb class_colour(std::size_t index);
Rgb zone_colour(std::size_t index);

// A site's label as drawn: its text, baseline point and white box (canvas units).
struct MapLabel {
    std::string text;
    Pt at;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// The committee file's map page (A4 landscape, points), less the strip its
// page number keeps at the bottom.
inline constexpr double kMapPageWidth = 841.89, kMapPageHeight = 595.276, kMapPageNumberStrip = 16 * 72 / 25.4;

// Which sites are labelled (same order as map.sites): those the committee
// file's page labels. Every canvas shows these, placed at its own scale (a
// window's labels, larger beside its map, may then touch one another; none
// is dropped and none reaches the legend).
std::vector<char> chosen_labels(const MapData& map, Canvas& canvas);

// `sites_at`, when given, receives where each of map.sites is drawn (canvas
// units, same order; a window hit-tests its symbols with it); `labels_at`,
// the labels drawn.
void paint_map(const MapData& map, Canvas& canvas, double width, double height, std::vector<Pt>* sites_at = nullptr,
               std::vector<MapLabel>* labels_at = nullptr);

// The map as RGB pixels (3 bytes per pixel, rows top to bottom), for a window
// to show without going through a file (wxImage takes this layout).
std::vector<unsigned char> render_map_rgb(const MapData& map, int width, int height, std::vector<Pt>* sites_at = nullptr,
                                          std::vector<MapLabel>* labels_at = nullptr);

// Written whole (temporary file, then renamed); throws Error naming the file.
void write_map_png(const MapData& map, const std::string& path, int width = 1400, int height = 1000);
void write_map_pdf(const MapData& map, const std::string& path);
// The map drawn on a page of a PDF being written (the committee file): the
// whole page, with the fonts of the letters (data/fonts/CotationSans*.ttf),
// which the document must have loaded already.
// `bottom_reserved` (points) is left blank under the map (a page number).
void draw_map_on_page(HPDF_Doc pdf, HPDF_Page page, const MapData& map, double bottom_reserved = 0);

}  // namespace cotation::report
