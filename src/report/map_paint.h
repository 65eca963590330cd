#pragma once
// Inside the map painter (map.cpp, map_zones.cpp): the projection and the
// zones' layer, shared by the two files of the one painter.
#include <cmath>
#include <string>
#include <vector>

#include "map.h"

namespace cotation::report::paint {

constexpr double kPi = 3.14159265358979323846;

// Equirectangular at the map's mid latitude (at a département's scale the
// distortion is under 1 %).
struct Projection {
    double lon0 = 0, lat0 = 0, kx = 1, scale = 1, ox = 0, oy = 0;
    Pt operator()(const geo::LonLat& p) const { return {ox + (p.lon - lon0) * kx * scale, oy - (p.lat - lat0) * scale}; }
    double km_per_unit() const { return 6371.0 * kPi / 180.0 / scale; }
};

// Words broken into lines no wider than `width`.
std::vector<std::string> wrap(Canvas& c, const std::string& text, double size, double width, bool bold = false);

// Each zone's communes hatched in its colour, and its outline (the arcs
// between a commune of the zone and one outside it, or the coast).
void zones(const MapData& map, Canvas& c, const Projection& pr, double s);
// The zones' rows of the legend from `y` (a hatched swatch and the zone's
// label, wrapped within `width`); returns the `y` below them.
double zones_legend(const MapData& map, Canvas& c, double x, double y, double width, double s, double v);

}  // namespace cotation::report::paint
