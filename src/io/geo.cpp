#include "geo.h"

#include <charconv>
#include <filesystem>

#include "core/error.h"
#include "paths.h"
#include "xml_tree.h"
#include "core/invisible.h"

namespace cotation::io {
namespace {

[[noreturn]] void bad(const std::string& file, int line, const std::string& what) {
    throw InputError("Fichier géographique " + fr::quote_path(file) + ", ligne " + std::to_string(line) + " : " + what + ".");
}

// Walks a line, reading integers separated by spaces and the separators , ; |.
struct Cursor {
    const char* p;
    const char* end;
    const std::string& file;
    int line;

    void skip_spaces() {
        while (p < end && *p == ' ') ++p;
    }
    bool at_end() {
        skip_spaces();
        return p >= end;
    }
    long integer() {
        skip_spaces();
        long v = 0;
        auto [q, ec] = std::from_chars(p, end, v);
        if (ec != std::errc()) bad(file, line, "nombre entier attendu");
        p = q;
        return v;
    }
    double real() {
        skip_spaces();
        double v = 0;
        auto [q, ec] = std::from_chars(p, end, v);
        if (ec != std::errc()) bad(file, line, "nombre attendu");
        p = q;
        return v;
    }
};

template <class F>
void for_each_line(const std::string& text, F&& f) {
    std::size_t start = 0;
    int n = 0;
    while (start < text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string::npos) nl = text.size();
        ++n;
        f(std::string_view(text).substr(start, nl - start), n);
        start = nl + 1;
    }
}

// Rings written as "x y dx dy …" in 1e-4 degree, ';' between rings, '|' between polygons.
geo::MultiPolygon parse_rings(std::string_view s, const std::string& file, int line) {
    geo::MultiPolygon out(1);
    out.back().emplace_back();
    Cursor c{s.data(), s.data() + s.size(), file, line};
    long x = 0, y = 0;
    bool first = true;
    while (!c.at_end()) {
        if (*c.p == ';' || *c.p == '|') {
            if (*c.p == '|') out.emplace_back();
            out.back().emplace_back();
            ++c.p;
            first = true;
            continue;
        }
        const long a = c.integer(), b = c.integer();
        x = first ? a : x + a;
        y = first ? b : y + b;
        first = false;
        out.back().back().push_back({x * 1e-4, y * 1e-4});
    }
    for (const auto& poly : out)
        for (const auto& ring : poly)
            if (ring.size() < 4) bad(file, line, "anneau de moins de quatre positions");
    return out;
}

}  // namespace

const char* geo_attribution() {
    return "Fonds de carte : IGN – ADMIN EXPRESS COG édition 2018 et GEOFLA 2014/2016 (via "
           "gregoiredavid/france-geojson) ; codes, populations et EPCI : INSEE COG 2026 et DGCL via "
           "etalab/decoupage-administratif 6.0.0. Données modifiées (fusions et rétablissements de "
           "communes, simplification). Licence Ouverte / Open Licence version 2.0 (Etalab).";
}

geo::Topology parse_arcs(const std::string& text, const std::string& file) {
    geo::Topology t;
    long tx = 0, ty = 0;
    bool have_t = false;
    for_each_line(text, [&](std::string_view l, int n) {
        if (l.empty() || l[0] == '#') return;
        if (l.size() < 2 || l[1] != ' ') bad(file, n, "ligne inattendue");
        Cursor c{l.data() + 2, l.data() + l.size(), file, n};
        switch (l[0]) {
        case 'T':
            tx = c.integer(), ty = c.integer(), have_t = true;
            break;
        case 'A': {
            if (!have_t) bad(file, n, "arc avant la ligne T");
            std::vector<geo::LonLat> arc;
            long x = 0, y = 0;
            while (!c.at_end()) {
                x += c.integer(), y += c.integer();
                arc.push_back({(tx + x) * 1e-4, (ty + y) * 1e-4});
            }
            if (arc.size() < 2) bad(file, n, "arc de moins de deux positions");
            t.arcs.push_back(std::move(arc));
            break;
        }
        case 'C': {
            geo::Topology::Feature f;
            const auto sp = l.find(' ', 2);
            if (sp == std::string_view::npos) bad(file, n, "commune sans contour");
            f.code = std::string(l.substr(2, sp - 2));
            f.polygons.emplace_back(1);
            Cursor r{l.data() + sp + 1, l.data() + l.size(), file, n};
            while (!r.at_end()) {
                const char ch = *r.p;
                if (ch == ',') { ++r.p; continue; }
                if (ch == ';') { f.polygons.back().emplace_back(); ++r.p; continue; }
                if (ch == '|') { f.polygons.emplace_back(1); ++r.p; continue; }
                const long ref = r.integer();
                const long index = ref < 0 ? ~ref : ref;
                if (index >= static_cast<long>(t.arcs.size())) bad(file, n, "arc " + std::to_string(index) + " inconnu");
                f.polygons.back().back().push_back(static_cast<int>(ref));
            }
            for (const auto& poly : f.polygons)
                for (const auto& ring : poly)
                    if (ring.empty()) bad(file, n, "anneau vide");
            t.features.push_back(std::move(f));
            break;
        }
        default:
            bad(file, n, "ligne inattendue");
        }
    });
    return t;
}

std::vector<NamedShape> parse_poly(const std::string& text, const std::string& file) {
    std::vector<NamedShape> out;
    for_each_line(text, [&](std::string_view l, int n) {
        if (l.empty() || l[0] == '#') return;
        const auto t1 = l.find('\t'), t2 = t1 == std::string_view::npos ? t1 : l.find('\t', t1 + 1);
        if (l.substr(0, 2) != "F " || t2 == std::string_view::npos) bad(file, n, "ligne inattendue");
        out.push_back({std::string(l.substr(2, t1 - 2)), std::string(l.substr(t1 + 1, t2 - t1 - 1)),
                       parse_rings(l.substr(t2 + 1), file, n)});
    });
    return out;
}

GeoData GeoData::load(const std::string& dir) {
    GeoData g;
    g.dir_ = dir;
    const std::string file = dir + "/communes-points.tsv";
    const std::string text = read_file(file);
    g.points_.reserve(36000);
    for_each_line(text, [&](std::string_view l, int n) {
        if (n == 1 || l.empty()) return;
        const auto t1 = l.find('\t');
        if (t1 == std::string_view::npos) bad(file, n, "code, latitude et longitude attendus");
        Cursor c{l.data() + t1 + 1, l.data() + l.size(), file, n};
        geo::LonLat p;
        p.lat = c.real();
        if (c.p < c.end && *c.p == '\t') ++c.p;
        p.lon = c.real();
        g.points_.emplace(std::string(l.substr(0, t1)), p);
    });
    return g;
}

const GeoData& GeoData::instance() {
    static const GeoData data = load(data_root() + "/data/geo");
    return data;
}

const geo::LonLat* GeoData::point(const std::string& insee) const {
    auto it = points_.find(insee);
    return it == points_.end() ? nullptr : &it->second;
}

geo::Topology GeoData::communes(const std::string& departement) const {
    const std::string file = dir_ + "/communes-" + departement + ".arcs";
    if (!std::filesystem::exists(file))
        throw InputError("Pas de contours de communes pour le département « " + departement + " » (" + file + ").");
    return parse_arcs(read_file(file), file);
}

std::vector<NamedShape> GeoData::departements() const {
    const std::string file = dir_ + "/departements.poly";
    return parse_poly(read_file(file), file);
}

std::vector<NamedShape> GeoData::epci() const {
    const std::string file = dir_ + "/epci.poly";
    return parse_poly(read_file(file), file);
}

}  // namespace cotation::io
