#pragma once
// Positions on the Earth, distances and outlines. Distances are great-circle
// distances on a sphere of radius 6 371 km; the nearest-site search compares
// chord lengths between unit vectors (monotonic with the arc, no
// trigonometry in the inner loop: 29 ms against 857 ms for haversine at
// 35 000 communes × 1 000 sites, measured in bench/).
#include <cmath>
#include <string>
#include <vector>

namespace cotation::geo {

inline constexpr double kEarthRadiusKm = 6371.0;

struct LonLat {
    double lon = 0, lat = 0;   // degrees, WGS 84
};

struct Vec3 {
    double x = 0, y = 0, z = 0;
};

Vec3 unit_vector(const LonLat& p);
inline double chord2(const Vec3& a, const Vec3& b) {
    const double dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
    return dx * dx + dy * dy + dz * dz;
}
// Squared chord (unit sphere) -> great-circle distance in km, and back.
double chord2_to_km(double c2);
double km_to_chord2(double km);
// Reference formula, for tests and the bench.
double haversine_km(const LonLat& a, const LonLat& b);
inline double distance_km(const LonLat& a, const LonLat& b) { return chord2_to_km(chord2(unit_vector(a), unit_vector(b))); }

using Ring = std::vector<LonLat>;          // closed: first position == last
using Polygon = std::vector<Ring>;         // outer ring then holes
using MultiPolygon = std::vector<Polygon>;

// Even-odd rule over every ring (the data's winding is not relied upon).
bool contains(const MultiPolygon& shape, const LonLat& p);

struct BBox {
    double min_lon = 1e9, min_lat = 1e9, max_lon = -1e9, max_lat = -1e9;
    void add(const LonLat& p) {
        min_lon = std::min(min_lon, p.lon), max_lon = std::max(max_lon, p.lon);
        min_lat = std::min(min_lat, p.lat), max_lat = std::max(max_lat, p.lat);
    }
    void add(const BBox& b) {
        if (b.empty()) return;
        add(LonLat{b.min_lon, b.min_lat}), add(LonLat{b.max_lon, b.max_lat});
    }
    bool empty() const { return min_lon > max_lon; }
};

// A shared topology (TopoJSON's model): every border is one arc, used by the
// two features it separates, so borders match and can be stroked once.
struct Topology {
    struct Feature {
        std::string code;
        // polygons -> rings -> arc references (i >= 0: arc i; i < 0: arc ~i reversed)
        std::vector<std::vector<std::vector<int>>> polygons;
    };
    std::vector<std::vector<LonLat>> arcs;
    std::vector<Feature> features;

    MultiPolygon shape(const Feature& f) const;
    // Features using each arc (one for a coast or the outer border, two inside).
    std::vector<std::vector<int>> arc_users() const;
    // Closed rings bounding the union of these features (indexes into
    // `features`): the arcs used an odd number of times among them (a border
    // between two of them cancels out), joined end to end. Filled with the
    // even-odd rule they cover exactly the features, holes and islands
    // included, while writing each arc once: a map fills a colour class this
    // way instead of commune by commune (each inner border written twice).
    std::vector<Ring> union_rings(const std::vector<std::size_t>& which) const;
    // These arcs (indexes into `arcs`) joined end to end into as few lines as
    // a walk finds (a map strokes each kind of border as long lines, each
    // shared end written once instead of at the end of two arcs).
    std::vector<std::vector<LonLat>> joined(const std::vector<std::size_t>& which) const;
};

}  // namespace cotation::geo
