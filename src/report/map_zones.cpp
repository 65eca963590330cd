// The zones entered for a campaign, on the map: hatched communes, the zone's
// outline and a legend row each. Part of the one painter (map.cpp).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <unordered_set>

#include "map_paint.h"

namespace cotation::report {

Rgb zone_colour(std::size_t i) {
    // Violet, teal, brown, magenta: none of them a distance class's colour.
    static const Rgb c[] = {{0.42, 0.10, 0.62}, {0.0, 0.42, 0.50}, {0.50, 0.28, 0.05}, {0.75, 0.05, 0.55}};
    return c[i % std::size(c)];
}

namespace paint {
namespace {

// Segments of the lines x + y = k·gap that lie inside `rings` (even-odd
// rule): the hatching, computed here so that every backend draws it alike.
// The same family of lines for every commune keeps the hatching continuous
// across a zone's communes.
void hatch(Canvas& c, const std::vector<std::vector<Pt>>& rings, double gap, Rgb colour, double width) {
    const double r2 = std::sqrt(2.0);
    double umin = 1e300, umax = -1e300;
    for (const auto& r : rings)
        for (const auto& p : r) umin = std::min(umin, (p.x + p.y) / r2), umax = std::max(umax, (p.x + p.y) / r2);
    if (umin > umax) return;
    for (double u = std::ceil(umin / gap) * gap; u <= umax; u += gap) {
        std::vector<double> vs;   // where the line u crosses the rings' edges
        for (const auto& r : rings)
            for (std::size_t i = 0; i + 1 < r.size(); ++i) {
                const double u1 = (r[i].x + r[i].y) / r2, u2 = (r[i + 1].x + r[i + 1].y) / r2;
                if ((u1 <= u) == (u2 <= u)) continue;   // half-open: a vertex on the line counts once
                const double v1 = (r[i].x - r[i].y) / r2, v2 = (r[i + 1].x - r[i + 1].y) / r2;
                vs.push_back(v1 + (u - u1) / (u2 - u1) * (v2 - v1));
            }
        std::sort(vs.begin(), vs.end());
        for (std::size_t k = 0; k + 1 < vs.size(); k += 2)
            c.line({{(u + vs[k]) / r2, (u - vs[k]) / r2}, {(u + vs[k + 1]) / r2, (u - vs[k + 1]) / r2}}, colour, width);
    }
}

// An arc's ends, either way round: the key under which a border between two
// départements' files (each has its own copy of the arc) is recognised.
using ArcKey = std::tuple<long long, long long, long long, long long>;
ArcKey key_of(const std::vector<geo::LonLat>& arc) {
    auto q = [](double d) { return std::llround(d * 1e6); };
    auto a = std::make_pair(q(arc.front().lon), q(arc.front().lat)), b = std::make_pair(q(arc.back().lon), q(arc.back().lat));
    if (b < a) std::swap(a, b);
    return {a.first, a.second, b.first, b.second};
}

}  // namespace

void zones(const MapData& map, Canvas& c, const Projection& pr, double s) {
    for (std::size_t z = 0; z < map.zones.size(); ++z) {
        const std::unordered_set<std::string> in(map.zones[z].communes.begin(), map.zones[z].communes.end());
        const Rgb colour = zone_colour(z);
        for (const auto& t : map.communes)
            for (const auto& f : t.features) {
                if (!in.count(f.code)) continue;
                std::vector<std::vector<Pt>> rings;
                for (const auto& poly : t.shape(f))
                    for (const auto& ring : poly) {
                        std::vector<Pt> r;
                        for (const auto& p : ring) r.push_back(pr(p));
                        rings.push_back(std::move(r));
                    }
                hatch(c, rings, 7 * s, colour, 0.9 * s);
            }
        // The outline: arcs with the zone on one side only. An arc on a
        // département file's edge is drawn unless the same arc, in the
        // neighbouring file, also borders the zone (then it lies inside it).
        std::map<ArcKey, std::vector<const std::vector<geo::LonLat>*>> edge;
        for (const auto& t : map.communes) {
            const auto users = t.arc_users();
            for (std::size_t a = 0; a < t.arcs.size(); ++a) {
                const auto& u = users[a];
                if (u.empty() || t.arcs[a].size() < 2) continue;
                const bool first = in.count(t.features[static_cast<std::size_t>(u[0])].code) > 0;
                if (u.size() >= 2) {
                    const bool second = in.count(t.features[static_cast<std::size_t>(u[1])].code) > 0;
                    if (first == second) continue;
                    std::vector<Pt> pts;
                    for (const auto& p : t.arcs[a]) pts.push_back(pr(p));
                    c.line(pts, colour, 2.6 * s);
                } else if (first) {
                    edge[key_of(t.arcs[a])].push_back(&t.arcs[a]);
                }
            }
        }
        for (const auto& [key, arcs] : edge) {
            if (arcs.size() > 1) continue;   // shared by two files, the zone on both sides
            std::vector<Pt> pts;
            for (const auto& p : *arcs.front()) pts.push_back(pr(p));
            c.line(pts, colour, 2.6 * s);
        }
    }
}

double zones_legend(const MapData& map, Canvas& c, double x, double y, double width, double s, double v) {
    for (std::size_t z = 0; z < map.zones.size(); ++z) {
        const Rgb colour = zone_colour(z);
        const std::vector<std::vector<Pt>> swatch{{{x, y}, {x + 26 * s, y}, {x + 26 * s, y + 16 * s}, {x, y + 16 * s}, {x, y}}};
        hatch(c, swatch, 5 * s, colour, 0.9 * s);
        c.line(swatch.front(), colour, 2 * s);
        const auto lines = wrap(c, "Zone : " + map.zones[z].label, 12 * s, width - 34 * s);
        for (std::size_t i = 0; i < lines.size(); ++i)
            c.text({x + 34 * s, y + 13 * s + static_cast<double>(i) * 15 * s}, lines[i], 12 * s, Rgb{0, 0, 0}, false);
        y += 22 * v + static_cast<double>(lines.empty() ? 0 : lines.size() - 1) * 15 * s;
    }
    return y;
}

}  // namespace paint
}  // namespace cotation::report
