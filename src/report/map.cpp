#include "map.h"

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <cstdio>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/error.h"
#include "map_paint.h"
#include "core/french_decimal.h"

namespace cotation::report {
namespace paint {
// Words broken into lines no wider than `width`.
std::vector<std::string> wrap(Canvas& c, const std::string& text, double size, double width, bool bold) {
    std::vector<std::string> lines;
    std::string cur;
    std::size_t p = 0;
    while (p < text.size()) {
        std::size_t q = text.find(' ', p);
        if (q == std::string::npos) q = text.size();
        const std::string word = text.substr(p, q - p);
        const std::string trial = cur.empty() ? word : cur + " " + word;
        if (!cur.empty() && c.text_width(trial, size, bold) > width) lines.push_back(cur), cur = word;
        else cur = trial;
        p = q + 1;
    }
    if (!cur.empty()) lines.push_back(cur);
    return lines;
}

}  // namespace paint

namespace {

using paint::Projection;
using paint::wrap;

constexpr Rgb kWhite{1, 1, 1}, kBlack{0, 0, 0};
constexpr Rgb kNoData{0.85, 0.85, 0.85};
constexpr Rgb kCommuneBorder{0.55, 0.55, 0.55}, kEpciBorder{0.25, 0.25, 0.25}, kDepBorder{0, 0, 0};
constexpr Rgb kExisting{0.10, 0.20, 0.60}, kCandidate{0.95, 0.55, 0.05}, kChosen{0.80, 0.05, 0.10};

std::string km_label(double km) { return fr::one_decimal(km) + "\u00A0km"; }

struct Box {
    double x0, y0, x1, y1;
    bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

// The boxes placed so far, bucketed on a grid of square cells, so that a
// label's tries meet only the boxes near them: the committee file of a
// campaign of 10 000 dossiers (6 855 candidates on the map) compared each try
// with every box, 20 s for the page. Counts are those of comparing with all.
class PlacedBoxes {
public:
    explicit PlacedBoxes(double cell) : cell_(cell) {}
    void add(const Box& b) {
        const std::size_t id = boxes_.size();
        boxes_.push_back(b);
        seen_.push_back(0);
        each_cell(b, [&](std::vector<std::size_t>& ids) { ids.push_back(id); });
    }
    std::size_t overlapping(const Box& b) {
        ++stamp_;
        std::size_t n = 0;
        each_cell(b, [&](std::vector<std::size_t>& ids) {
            for (const std::size_t id : ids)
                if (seen_[id] != stamp_) {   // a box over several cells counts once
                    seen_[id] = stamp_;
                    n += boxes_[id].overlaps(b) ? 1 : 0;
                }
        });
        return n;
    }

private:
    template <class F>
    void each_cell(const Box& b, F&& f) {
        const auto ix0 = static_cast<std::int64_t>(std::floor(b.x0 / cell_)),
                   ix1 = static_cast<std::int64_t>(std::floor(b.x1 / cell_));
        const auto iy0 = static_cast<std::int64_t>(std::floor(b.y0 / cell_)),
                   iy1 = static_cast<std::int64_t>(std::floor(b.y1 / cell_));
        for (auto ix = ix0; ix <= ix1; ++ix)
            for (auto iy = iy0; iy <= iy1; ++iy)
                f(cells_[(static_cast<std::uint64_t>(ix) << 32) ^ static_cast<std::uint32_t>(iy)]);
    }
    double cell_;
    std::vector<Box> boxes_;
    std::vector<std::uint64_t> seen_;
    std::uint64_t stamp_ = 0;
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> cells_;
};

}  // namespace

// Two classes within the access distance, three beyond (round bounds for round distances).
std::vector<double> distance_classes(double a) { return {a / 2, a, 1.5 * a, 2 * a}; }

Rgb class_colour(std::size_t i) {
    // Greens within the access distance, orange to red beyond (ColorBrewer RdYlGn).
    static const Rgb c[] = {
        {0.102, 0.596, 0.314}, {0.651, 0.851, 0.416}, {0.996, 0.878, 0.545}, {0.992, 0.682, 0.380}, {0.843, 0.188, 0.153}};
    return c[std::min<std::size_t>(i, 4)];
}

namespace {

// Where the parts of the map go on a canvas of W × H: the header, the map
// area and its projection, the legend's column, the attribution.
struct Frame {
    double s = 1, margin = 0, legend_w = 0, top = 0, bottom = 0;
    double mx0 = 0, my0 = 0, mx1 = 0, my1 = 0;   // the map area
    double label_right = 0;                       // how far right a label may reach
    Projection pr;
    std::vector<char> off;                        // site i lies too far outside the territory: not drawn
};

// The sites left off the map: the territory sets the frame (trial 1011F N3: a
// structure of the offer outside the campaign's départements shrank PACA to a
// quarter of the page). A site a little beyond the edge still shows.
std::vector<char> off_frame(const MapData& map, geo::BBox& bb) {
    std::vector<char> off(map.sites.size(), 0);
    if (bb.empty()) {
        for (const auto& site : map.sites) bb.add(site.at);
        return off;
    }
    const double tol = 0.08 * std::max(bb.max_lon - bb.min_lon, bb.max_lat - bb.min_lat);
    const geo::BBox territory = bb;
    for (std::size_t i = 0; i < map.sites.size(); ++i) {
        const auto& p = map.sites[i].at;
        if (p.lon < territory.min_lon - tol || p.lon > territory.max_lon + tol || p.lat < territory.min_lat - tol ||
            p.lat > territory.max_lat + tol)
            off[i] = 1;
        else
            bb.add(p);
    }
    return off;
}

Frame frame_of(const MapData& map, Canvas& c, double W, double H, double text_scale) {
    Frame f;
    // Sizes are designed for a 1 400 px wide picture, scaled with the width
    // unless the map fixes its text scale (a window: readable at any size).
    const double s = f.s = text_scale > 0 ? text_scale : W / 1400.0;
    f.margin = 20 * s, f.legend_w = std::min(330 * s, W * 0.42);
    const auto title = wrap(c, map.title, 22 * s, W - 2 * f.margin, true);
    const double below_title = static_cast<double>(title.empty() ? 0 : title.size() - 1) * 27 * s;
    const auto subtitle = wrap(c, map.subtitle, 13 * s, W - 2 * f.margin);
    f.top = below_title + f.margin + 62 * s + static_cast<double>(subtitle.empty() ? 0 : subtitle.size() - 1) * 17 * s;
    const auto attribution = wrap(c, map.attribution, 10 * s, W - 2 * f.margin);
    const double footer_h = static_cast<double>(attribution.size()) * 13 * s + 10 * s;
    f.bottom = H - f.margin - footer_h;
    // Map area and projection (equirectangular at the mid latitude: at a
    // département's scale the distortion is under 1 %).
    f.mx0 = f.margin, f.my0 = f.top, f.mx1 = W - f.margin - f.legend_w - f.margin, f.my1 = f.bottom;
    // A label may run into the margin before the legend's column, not into
    // the legend (drawn after the labels, it would cover them).
    f.label_right = f.mx1 + f.margin - 2 * s;
    geo::BBox bb;
    for (const auto& t : map.communes)
        for (const auto& arc : t.arcs)
            for (const auto& p : arc) bb.add(p);
    f.off = off_frame(map, bb);
    Projection& pr = f.pr;
    if (!bb.empty()) {
        pr.lon0 = (bb.min_lon + bb.max_lon) / 2, pr.lat0 = (bb.min_lat + bb.max_lat) / 2;
        pr.kx = std::cos(pr.lat0 * paint::kPi / 180.0);
        const double w = std::max(1e-9, (bb.max_lon - bb.min_lon) * pr.kx), h = std::max(1e-9, bb.max_lat - bb.min_lat);
        pr.scale = std::min((f.mx1 - f.mx0) / w, (f.my1 - f.my0) / h) * 0.97;
        pr.ox = (f.mx0 + f.mx1) / 2, pr.oy = (f.my0 + f.my1) / 2;
    }
    return f;
}

bool bold_label(MapSite::Kind k) { return k != MapSite::Kind::Existing; }

// Where each site's label goes on this frame (nullopt: unlabelled). Chosen
// first, then candidates, then existing structures; each takes the first of
// its places around the symbol free of labels and symbols already placed,
// within the map area; when none is free, the place that covers the fewest.
// Without `only` an existing structure with no free place goes unlabelled
// (its square stays, the offer is listed beside the map) rather than hide a
// candidate's label: that is the choice, made on the committee file's page.
// With `only`, exactly those labels are placed, none dropped (a window, whose
// labels are larger beside its map than on the page, shows the page's).
std::vector<std::optional<MapLabel>> place_labels(const MapData& map, Canvas& c, const Frame& f,
                                                  const std::vector<char>* only) {
    const double s = f.s;
    std::vector<std::optional<MapLabel>> out(map.sites.size());
    PlacedBoxes placed(40 * s);
    for (std::size_t i = 0; i < map.sites.size(); ++i) {
        if (f.off[i]) continue;
        const Pt p = f.pr(map.sites[i].at);
        placed.add({p.x - 7 * s, p.y - 7 * s, p.x + 7 * s, p.y + 7 * s});
    }
    for (auto kind : {MapSite::Kind::Chosen, MapSite::Kind::Candidate, MapSite::Kind::Existing})
        for (std::size_t i = 0; i < map.sites.size(); ++i) {
            const auto& site = map.sites[i];
            if (site.kind != kind || site.label.empty() || f.off[i] || (only && !(*only)[i])) continue;
            const Pt p = f.pr(site.at);
            const double size = 11 * s, w = c.text_width(site.label, size, bold_label(kind)), h = size * 1.2;
            // Right, left, above, below the symbol, then further down and up
            // (two sites in one commune share its point), on either side.
            std::vector<Pt> tries{{p.x + 10 * s, p.y + size * 0.35}, {p.x - 10 * s - w, p.y + size * 0.35},
                                  {p.x - w / 2, p.y - 11 * s}, {p.x - w / 2, p.y + 11 * s + size}};
            // Further away, nearest first: on the page a label that finds no
            // free place there is dropped; in a window, where labels are
            // larger, it goes further, tied to its symbol by a thin line.
            const int rows = only ? 8 : 4;
            for (int k = 1; k <= rows; ++k) {
                tries.push_back({p.x + 10 * s, p.y + size * 0.35 + k * h});
                tries.push_back({p.x + 10 * s, p.y + size * 0.35 - k * h});
                tries.push_back({p.x - 10 * s - w, p.y + size * 0.35 + k * h});
                tries.push_back({p.x - 10 * s - w, p.y + size * 0.35 - k * h});
                if (only) {
                    tries.push_back({p.x - w / 2, p.y - 11 * s - k * h});
                    tries.push_back({p.x - w / 2, p.y + 11 * s + size + k * h});
                }
            }
            auto box = [&](const Pt& t) { return Box{t.x - 2 * s, t.y - size, t.x + w + 2 * s, t.y - size + h}; };
            // Places running out of the map area are moved back into it
            // (a site near the legend gets its label on its left).
            for (auto& t : tries) {
                const Box b = box(t);
                if (b.x1 > f.label_right) t.x -= b.x1 - f.label_right;
                if (box(t).x0 < f.mx0) t.x += f.mx0 - box(t).x0;
                if (box(t).y0 < f.my0) t.y += f.my0 - box(t).y0;
                if (box(t).y1 > f.my1) t.y -= box(t).y1 - f.my1;
            }
            Pt at = tries[0];
            std::size_t least = static_cast<std::size_t>(-1);
            for (const Pt& t : tries) {
                const Box b = box(t);
                const std::size_t covered = placed.overlapping(b);
                if (covered < least) least = covered, at = t;
                if (covered == 0) break;
            }
            if (!only && least > 0 && kind == MapSite::Kind::Existing) continue;
            const Box b = box(at);
            placed.add(b);
            out[i] = MapLabel{site.label, at, b.x0, b.y0, b.x1, b.y1};
        }
    return out;
}

}  // namespace

std::vector<char> chosen_labels(const MapData& map, Canvas& c) {
    // The committee file's page: A4 landscape less the page number's strip.
    const Frame page = frame_of(map, c, kMapPageWidth, kMapPageHeight - kMapPageNumberStrip, 0);
    const auto placed = place_labels(map, c, page, nullptr);
    std::vector<char> out(placed.size());
    for (std::size_t i = 0; i < placed.size(); ++i) out[i] = placed[i].has_value();
    return out;
}

void paint_map(const MapData& map, Canvas& c, double W, double H, std::vector<Pt>* sites_at, std::vector<MapLabel>* labels_at) {
    const Frame fr = frame_of(map, c, W, H, map.text_scale);
    const double s = fr.s, margin = fr.margin, legend_w = fr.legend_w, top = fr.top, bottom = fr.bottom;
    const Projection& pr = fr.pr;
    c.rect({0, 0}, W, H, kWhite, std::nullopt);

    // Header.
    // A long title (a call of twelve départements) wraps instead of running off the map.
    const auto title = wrap(c, map.title, 22 * s, W - 2 * margin, true);
    for (std::size_t i = 0; i < title.size(); ++i)
        c.text({margin, margin + 22 * s + static_cast<double>(i) * 27 * s}, title[i], 22 * s, kBlack, true);
    const double below_title = static_cast<double>(title.empty() ? 0 : title.size() - 1) * 27 * s;
    const auto subtitle = wrap(c, map.subtitle, 13 * s, W - 2 * margin);
    for (std::size_t i = 0; i < subtitle.size(); ++i)
        c.text({margin, below_title + margin + 46 * s + static_cast<double>(i) * 17 * s}, subtitle[i], 13 * s, {0.25, 0.25, 0.25},
               false);

    // Footer: the attribution the data's licence requires.
    const auto attribution = wrap(c, map.attribution, 10 * s, W - 2 * margin);
    for (std::size_t i = 0; i < attribution.size(); ++i)
        c.text({margin, bottom + 18 * s + static_cast<double>(i) * 13 * s}, attribution[i], 10 * s, {0.3, 0.3, 0.3}, false);

    // Communes, coloured by distance class: each class of a département's
    // file filled as one path, the rings bounding its communes (trial 15: a
    // fill per commune wrote every inner border twice, and the CRT committee
    // file's map page weighed 415 KB). The borders below are stroked over the
    // fills, so two classes side by side show no seam.
    const auto classes = distance_classes(map.access_km);
    auto project = [&](const std::vector<geo::LonLat>& line) {
        std::vector<Pt> out;
        out.reserve(line.size());
        for (const auto& p : line) out.push_back(pr(p));
        return out;
    };
    const std::size_t no_data = classes.size() + 1;   // after the last class
    for (const auto& t : map.communes) {
        std::vector<std::vector<std::size_t>> by_class(no_data + 1);
        for (std::size_t f = 0; f < t.features.size(); ++f) {
            std::size_t k = no_data;
            if (auto it = map.km.find(t.features[f].code); it != map.km.end()) {
                k = 0;
                while (k < classes.size() && it->second > classes[k] + 1e-9) ++k;
            }
            by_class[k].push_back(f);
        }
        for (std::size_t k = 0; k <= no_data; ++k) {
            if (by_class[k].empty()) continue;
            std::vector<std::vector<Pt>> rings;
            for (const auto& ring : t.union_rings(by_class[k])) rings.push_back(project(ring));
            c.fill(rings, k == no_data ? kNoData : class_colour(k));
        }
    }

    // Borders: each arc once, with the weight of the highest boundary it
    // carries, each weight as one path of arcs joined end to end. A border
    // between two départements is in both files: stroked once.
    std::set<std::vector<std::pair<long long, long long>>> departement_borders;
    for (int pass = 0; pass < 3; ++pass) {
        std::vector<std::vector<Pt>> paths;
        for (const auto& t : map.communes) {
            const auto users = t.arc_users();
            std::vector<std::size_t> arcs;
            for (std::size_t a = 0; a < t.arcs.size(); ++a) {
                const auto& u = users[a];
                if (u.empty()) continue;
                auto zone = [&](const std::unordered_map<std::string, std::string>& m, int f) {
                    auto it = m.find(t.features[static_cast<std::size_t>(f)].code);
                    return it == m.end() ? std::string() : it->second;
                };
                const bool outer = u.size() < 2;   // coast or the file's (département's) edge
                const bool dep = outer || zone(map.departement_of, u[0]) != zone(map.departement_of, u[1]);
                const bool epci = dep || zone(map.epci_of, u[0]) != zone(map.epci_of, u[1]);
                const int level = dep ? 2 : epci ? 1 : 0;
                if (level != pass) continue;
                if (outer) {
                    // The arc's positions on the data's grid, the same either way round.
                    std::vector<std::pair<long long, long long>> key;
                    for (const auto& p : t.arcs[a]) key.push_back({std::llround(p.lon * 1e7), std::llround(p.lat * 1e7)});
                    std::vector<std::pair<long long, long long>> back(key.rbegin(), key.rend());
                    if (back < key) key.swap(back);
                    if (!departement_borders.insert(std::move(key)).second) continue;
                }
                arcs.push_back(a);
            }
            for (const auto& line : t.joined(arcs)) paths.push_back(project(line));
        }
        if (pass == 0) c.lines(paths, kCommuneBorder, 0.4 * s);
        else if (pass == 1) c.lines(paths, kEpciBorder, 1.4 * s);
        else c.lines(paths, kDepBorder, 2.2 * s);
    }

    // Zones entered for the campaign, over the communes' colours and borders.
    paint::zones(map, c, pr, s);

    // Sites, existing first, then candidates, the chosen on top; labels avoid each other.
    if (sites_at) {
        sites_at->clear();
        // A site off the map is far from any click.
        for (std::size_t i = 0; i < map.sites.size(); ++i) sites_at->push_back(fr.off[i] ? Pt{-1e9, -1e9} : pr(map.sites[i].at));
    }
    for (auto kind : {MapSite::Kind::Existing, MapSite::Kind::Candidate, MapSite::Kind::Chosen})
        for (std::size_t i = 0; i < map.sites.size(); ++i) {
            const auto& site = map.sites[i];
            if (site.kind != kind || fr.off[i]) continue;
            const Pt p = pr(site.at);
            const Marker m = kind == MapSite::Kind::Existing    ? Marker::Square
                             : kind == MapSite::Kind::Candidate ? Marker::Circle
                                                                : Marker::Star;
            const Rgb fill = kind == MapSite::Kind::Existing ? kExisting : kind == MapSite::Kind::Candidate ? kWhite : kChosen;
            const Rgb stroke = kind == MapSite::Kind::Candidate ? kCandidate : kWhite;
            c.marker(p, m, (kind == MapSite::Kind::Chosen ? 20 : 13) * s, fill, stroke);
        }
    // Labels: the ones the committee file's page shows (the same on every
    // canvas: trial 7 found three missing in the window), placed at this
    // canvas's scale.
    const auto choice = chosen_labels(map, c);
    const auto site_labels = place_labels(map, c, fr, &choice);
    if (labels_at) labels_at->clear();
    // A label placed away from its symbol is tied to it by a thin line, under the labels.
    for (std::size_t i = 0; i < map.sites.size(); ++i) {
        if (!site_labels[i]) continue;
        const MapLabel& l = *site_labels[i];
        const Pt p = pr(map.sites[i].at);
        const Pt near{std::clamp(p.x, l.x0, l.x1), std::clamp(p.y, l.y0, l.y1)};
        const double d = std::hypot(near.x - p.x, near.y - p.y);
        if (d > 14 * s)   // from the symbol's edge
            c.line({{p.x + (near.x - p.x) * 8 * s / d, p.y + (near.y - p.y) * 8 * s / d}, near},
                   map.sites[i].kind == MapSite::Kind::Existing ? kExisting : Rgb{0.55, 0.30, 0.0}, 0.8 * s);
    }
    for (auto kind : {MapSite::Kind::Chosen, MapSite::Kind::Candidate, MapSite::Kind::Existing})
        for (std::size_t i = 0; i < map.sites.size(); ++i) {
            if (map.sites[i].kind != kind || !site_labels[i]) continue;
            const MapLabel& l = *site_labels[i];
            c.rect({l.x0, l.y0}, l.x1 - l.x0, l.y1 - l.y0, kWhite, std::nullopt);
            c.text(l.at, l.text, 11 * s,
                   kind == MapSite::Kind::Existing ? kExisting
                   : kind == MapSite::Kind::Chosen ? kChosen
                                                   : Rgb{0.55, 0.30, 0.0},
                   bold_label(kind));
            if (labels_at) labels_at->push_back(l);
        }

    // Legend. Its rows are spaced by `v` (the design's spacing, tightened when
    // a short window leaves less height than the legend's 430 units, so that
    // the scale bar never runs into the attribution).
    // The sites left off the map, named under the symbols.
    std::string off_names;
    std::size_t off_count = 0;
    for (std::size_t i = 0; i < map.sites.size(); ++i)
        if (fr.off[i]) {
            off_names += std::string(off_count++ ? ", " : "") + (map.sites[i].label.empty() ? "sans nom" : map.sites[i].label);
        }
    const auto off_lines = off_count ? wrap(c, "Hors du cadre, loin du territoire : " + off_names + ".", 11 * s, legend_w)
                                     : std::vector<std::string>{};
    const double legend_h =
        430 + 26 * static_cast<double>(map.zones.size()) + 15 * static_cast<double>(off_lines.size());   // design units
    const double v = s * std::clamp((bottom - top - 10 * s) / (legend_h * s), 0.6, 1.0);
    double x = W - margin - legend_w, y = top + 10 * s;
    c.text({x, y + 12 * s}, "Distance au site le plus proche", 14 * s, kBlack, true);
    y += 26 * v;
    std::vector<std::string> labels;
    labels.push_back("moins de " + km_label(classes[0]));
    for (std::size_t k = 1; k < classes.size(); ++k)
        labels.push_back(km_label(classes[k - 1]) + " à " + km_label(classes[k]) +
                         (classes[k] == map.access_km ? " (accès)" : ""));
    labels.push_back("plus de " + km_label(classes.back()));
    for (std::size_t k = 0; k < labels.size(); ++k) {
        c.rect({x, y}, 26 * s, 16 * s, class_colour(k), kCommuneBorder);
        c.text({x + 34 * s, y + 13 * s}, labels[k], 12 * s, kBlack, false);
        y += 22 * v;
    }
    c.rect({x, y}, 26 * s, 16 * s, kNoData, kCommuneBorder);
    c.text({x + 34 * s, y + 13 * s}, "aucun site localisé", 12 * s, kBlack, false);
    y += 34 * v;
    const struct {
        Marker m;
        Rgb fill, stroke;
        const char* text;
        double size;
    } symbols[] = {{Marker::Square, kExisting, kWhite, "Offre existante", 13},
                   {Marker::Circle, kWhite, kCandidate, "Candidature", 13},
                   {Marker::Star, kChosen, kWhite, "Candidature choisie", 20}};
    for (const auto& sym : symbols) {
        c.marker({x + 13 * s, y + 8 * s}, sym.m, sym.size * s, sym.fill, sym.stroke);
        c.text({x + 34 * s, y + 13 * s}, sym.text, 12 * s, kBlack, false);
        y += 24 * v;
    }
    for (const auto& line : off_lines) {
        c.text({x, y + 11 * s}, line, 11 * s, {0.25, 0.25, 0.25}, false);
        y += 15 * v;
    }
    y += 8 * v;
    c.line({{x, y + 8 * s}, {x + 26 * s, y + 8 * s}}, kDepBorder, 2.2 * s);
    c.text({x + 34 * s, y + 13 * s}, "Limite de département", 12 * s, kBlack, false);
    y += 22 * v;
    c.line({{x, y + 8 * s}, {x + 26 * s, y + 8 * s}}, kEpciBorder, 1.4 * s);
    c.text({x + 34 * s, y + 13 * s}, "Limite d'EPCI", 12 * s, kBlack, false);
    y += 22 * v;
    c.line({{x, y + 8 * s}, {x + 26 * s, y + 8 * s}}, kCommuneBorder, 0.6 * s);
    c.text({x + 34 * s, y + 13 * s}, "Limite de commune", 12 * s, kBlack, false);
    y += 22 * v;
    y = paint::zones_legend(map, c, x, y, legend_w, s, v);
    y += 18 * v;

    // Scale bar: the longest round length that fits in two thirds of the legend.
    if (pr.scale > 0) {
        const double per_unit = pr.km_per_unit();
        double len = 1;
        for (double round : {1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 250.0, 500.0, 1000.0})
            if (round / per_unit <= legend_w * 0.66) len = round;
        const double w = len / per_unit;
        c.rect({x, y}, w / 2, 6 * s, kBlack, kBlack);
        c.rect({x + w / 2, y}, w / 2, 6 * s, kWhite, kBlack);
        c.text({x, y + 22 * s}, "0", 11 * s, kBlack, false, Anchor::Center);
        c.text({x + w, y + 22 * s}, km_label(len), 11 * s, kBlack, false, Anchor::Center);
        c.text({x, y + 36 * s}, "Échelle à la latitude moyenne de la carte", 10 * s, {0.3, 0.3, 0.3}, false);
    }
}

}  // namespace cotation::report
