#include "geo.h"

#include <algorithm>

namespace cotation::geo {
namespace {
constexpr double kDeg = 3.14159265358979323846 / 180.0;
}

Vec3 unit_vector(const LonLat& p) {
    const double lat = p.lat * kDeg, lon = p.lon * kDeg;
    const double c = std::cos(lat);
    return {c * std::cos(lon), c * std::sin(lon), std::sin(lat)};
}

// chord c = 2 sin(θ/2) on the unit sphere, so θ = 2 asin(c/2).
double chord2_to_km(double c2) {
    const double half = std::min(1.0, std::sqrt(c2) / 2.0);
    return 2.0 * kEarthRadiusKm * std::asin(half);
}

double km_to_chord2(double km) {
    const double theta = km / kEarthRadiusKm;
    if (theta >= 3.14159265358979323846) return 4.0;
    const double c = 2.0 * std::sin(theta / 2.0);
    return c * c;
}

double haversine_km(const LonLat& a, const LonLat& b) {
    const double dlat = (b.lat - a.lat) * kDeg, dlon = (b.lon - a.lon) * kDeg;
    const double s = std::sin(dlat / 2), t = std::sin(dlon / 2);
    const double h = s * s + std::cos(a.lat * kDeg) * std::cos(b.lat * kDeg) * t * t;
    return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

bool contains(const MultiPolygon& shape, const LonLat& p) {
    bool in = false;
    for (const auto& poly : shape)
        for (const auto& ring : poly) {
            const std::size_t n = ring.size();
            for (std::size_t i = 0, j = n ? n - 1 : 0; i < n; j = i++) {
                const double yi = ring[i].lat, yj = ring[j].lat;
                if ((yi > p.lat) != (yj > p.lat)) {
                    const double x = (ring[j].lon - ring[i].lon) * (p.lat - yi) / (yj - yi) + ring[i].lon;
                    if (p.lon < x) in = !in;
                }
            }
        }
    return in;
}

MultiPolygon Topology::shape(const Feature& f) const {
    MultiPolygon out;
    out.reserve(f.polygons.size());
    for (const auto& poly : f.polygons) {
        Polygon rings;
        for (const auto& refs : poly) {
            Ring ring;
            for (int ref : refs) {
                const bool reversed = ref < 0;
                const auto& arc = arcs.at(static_cast<std::size_t>(reversed ? ~ref : ref));
                // Every arc after the first repeats the previous arc's last position.
                const std::size_t skip = ring.empty() ? 0 : 1;
                if (!reversed)
                    ring.insert(ring.end(), arc.begin() + static_cast<std::ptrdiff_t>(std::min(skip, arc.size())), arc.end());
                else
                    ring.insert(ring.end(), arc.rbegin() + static_cast<std::ptrdiff_t>(std::min(skip, arc.size())), arc.rend());
            }
            rings.push_back(std::move(ring));
        }
        out.push_back(std::move(rings));
    }
    return out;
}

std::vector<std::vector<int>> Topology::arc_users() const {
    std::vector<std::vector<int>> users(arcs.size());
    for (std::size_t f = 0; f < features.size(); ++f)
        for (const auto& poly : features[f].polygons)
            for (const auto& ring : poly)
                for (int ref : ring) {
                    auto& u = users.at(static_cast<std::size_t>(ref < 0 ? ~ref : ref));
                    if (u.empty() || u.back() != static_cast<int>(f)) u.push_back(static_cast<int>(f));
                }
    return users;
}

}  // namespace cotation::geo
