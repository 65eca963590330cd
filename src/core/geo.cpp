#include "geo.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

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

namespace {
// The arcs marked in `selected`, joined end to end into as few lines as a
// walk finds: from each arc not yet taken, forward while an arc not taken
// meets the line's end, then backward from its start. Where every point
// meets an even number of the arcs (a region's boundary), each line comes
// back to where it started: a closed ring.
std::vector<std::vector<LonLat>> join_arcs(const std::vector<std::vector<LonLat>>& arcs, const std::vector<char>& selected) {
    // Arc ends, on the data's 1/10 000 degree grid (the same integers give the same doubles).
    using End = std::pair<long long, long long>;
    auto end_of = [](const LonLat& p) { return End{std::llround(p.lon * 1e7), std::llround(p.lat * 1e7)}; };
    std::map<End, std::vector<std::size_t>> at;   // selected arcs meeting at each end, in arc order
    for (std::size_t a = 0; a < arcs.size(); ++a)
        if (selected[a] && !arcs[a].empty()) {
            at[end_of(arcs[a].front())].push_back(a);
            if (end_of(arcs[a].back()) != end_of(arcs[a].front())) at[end_of(arcs[a].back())].push_back(a);
        }
    std::vector<char> used(arcs.size(), 0);
    auto next_at = [&](const End& e) {
        for (std::size_t a : at[e])
            if (!used[a]) return a;
        return arcs.size();
    };
    std::vector<std::vector<LonLat>> lines;
    for (std::size_t first = 0; first < arcs.size(); ++first) {
        if (!selected[first] || used[first] || arcs[first].empty()) continue;
        used[first] = 1;
        std::vector<LonLat> line(arcs[first].begin(), arcs[first].end());
        // Forward: each arc's first position repeats the line's last one.
        for (std::size_t a = next_at(end_of(line.back())); a != arcs.size(); a = next_at(end_of(line.back()))) {
            used[a] = 1;
            if (end_of(arcs[a].front()) == end_of(line.back())) line.insert(line.end(), arcs[a].begin() + 1, arcs[a].end());
            else line.insert(line.end(), arcs[a].rbegin() + 1, arcs[a].rend());
        }
        // Backward, from the line's start.
        std::vector<LonLat> before;
        LonLat head = line.front();
        for (std::size_t a = next_at(end_of(head)); a != arcs.size(); a = next_at(end_of(head))) {
            used[a] = 1;
            // Collected from the start outwards, reversed once at the end.
            if (end_of(arcs[a].front()) == end_of(head)) before.insert(before.end(), arcs[a].begin() + 1, arcs[a].end());
            else before.insert(before.end(), arcs[a].rbegin() + 1, arcs[a].rend());
            head = before.back();
        }
        if (!before.empty()) line.insert(line.begin(), before.rbegin(), before.rend());
        lines.push_back(std::move(line));
    }
    return lines;
}
}  // namespace

std::vector<Ring> Topology::union_rings(const std::vector<std::size_t>& which) const {
    // Arcs on the union's boundary: used an odd number of times.
    std::vector<char> odd(arcs.size(), 0);
    for (std::size_t f : which)
        for (const auto& poly : features.at(f).polygons)
            for (const auto& ring : poly)
                for (int ref : ring) odd.at(static_cast<std::size_t>(ref < 0 ? ~ref : ref)) ^= 1;
    // Every end of a boundary meets an even number of boundary arcs: each
    // joined line is a closed ring (where several meet, any choice closes
    // one, and the even-odd fill is the same).
    return join_arcs(arcs, odd);
}

std::vector<std::vector<LonLat>> Topology::joined(const std::vector<std::size_t>& which) const {
    std::vector<char> selected(arcs.size(), 0);
    for (std::size_t a : which) selected.at(a) = 1;
    return join_arcs(arcs, selected);
}

}  // namespace cotation::geo
