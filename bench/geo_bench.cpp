// Territorial coverage at national scale: loading the shipped geography, and
// the nearest site of every commune of France among 1 000 sites, unit vectors
// and chords (the product's way) side by side with a naive haversine loop.
// Run: cmake --build --preset default --target bench-geo
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <random>

#include "core/coverage.h"
#include "io/geo.h"
#include "io/paths.h"
#include "io/reference_data.h"
#include "report/map.h"

using namespace cotation;
using Clock = std::chrono::steady_clock;

namespace {
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

template <class F>
double best_of(int runs, F&& f) {
    double best = 1e300;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = Clock::now();
        f();
        best = std::min(best, ms_since(t0));
    }
    return best;
}
}  // namespace

int main() {
    const std::string dir = io::data_root() + "/data/geo";
    std::printf("Géographie : %s\n", dir.c_str());
    auto t0 = Clock::now();
    const auto g = io::GeoData::load(dir);
    std::printf("points des communes : %zu en %.1f ms\n", g.point_count(), ms_since(t0));

    t0 = Clock::now();
    std::size_t communes = 0, arcs = 0;
    const auto deps = g.departements();
    const double t_deps = ms_since(t0);
    for (const auto& d : deps) {
        const auto topo = g.communes(d.code);
        communes += topo.features.size(), arcs += topo.arcs.size();
    }
    std::printf("contours des communes, 101 départements : %zu communes, %zu arcs en %.1f ms (départements : %.1f ms)\n", communes,
                arcs, ms_since(t0), t_deps);
    t0 = Clock::now();
    const auto epci = g.epci();
    std::printf("contours des EPCI : %zu en %.1f ms\n", epci.size(), ms_since(t0));
    t0 = Clock::now();
    std::size_t rings = 0;
    for (const auto& d : deps) {
        const auto topo = g.communes(d.code);
        for (const auto& f : topo.features) rings += topo.shape(f).size();
    }
    std::printf("décodage en anneaux de toutes les communes : %zu polygones en %.1f ms\n", rings, ms_since(t0));

    // Every commune of France with a point, and 1 000 sites drawn among them (fixed seed).
    const auto& ref = io::ReferenceData::load(io::data_root() + "/data");
    coverage::Territory t;
    std::vector<std::string> codes;
    for (const auto& [code, p] : g.points()) codes.push_back(code);
    std::sort(codes.begin(), codes.end());
    for (const auto& code : codes) {
        const auto* c = ref.commune(code);
        t.add({code, c ? c->name : code, c ? c->departement : "", "", c ? c->population : 0, *g.point(code)});
    }
    std::mt19937 rng(20261129);
    std::uniform_int_distribution<std::size_t> pick(0, codes.size() - 1);
    std::vector<coverage::Site> sites;
    for (int i = 0; i < 1000; ++i) {
        const auto& code = codes[pick(rng)];
        sites.push_back({"S" + std::to_string(i), code, code, *g.point(code), 10, true});
    }

    std::vector<coverage::CommuneDistance> fast;
    const double t_fast = best_of(5, [&] { fast = coverage::nearest(t, sites); });
    std::vector<double> slow_km(t.communes().size());
    std::vector<int> slow_site(t.communes().size());
    const double t_slow = best_of(3, [&] {
        const auto& cs = t.communes();
        for (std::size_t c = 0; c < cs.size(); ++c) {
            double best = 1e300;
            int w = -1;
            for (std::size_t k = 0; k < sites.size(); ++k) {
                const double d = geo::haversine_km(*cs[c].point, *sites[k].position);
                if (d < best) best = d, w = static_cast<int>(k);
            }
            slow_km[c] = best, slow_site[c] = w;
        }
    });
    std::size_t same = 0;
    double max_diff = 0;
    for (std::size_t c = 0; c < fast.size(); ++c) {
        max_diff = std::max(max_diff, std::abs(fast[c].km - slow_km[c]));
        same += fast[c].site == slow_site[c] || std::abs(fast[c].km - slow_km[c]) < 1e-9 ? 1 : 0;
    }
    std::printf("plus proche site, %zu communes × %zu sites : vecteurs unitaires %.1f ms, haversine naïf %.1f ms (rapport %.1f) ; "
                "même site %zu/%zu, écart maximal %.2g km\n",
                t.communes().size(), sites.size(), t_fast, t_slow, t_slow / t_fast, same, fast.size(), max_diff);
    const double t_sum = best_of(3, [&] { (void)coverage::summarize(t, sites, 30.0); });
    std::printf("résumé complet (distances, moyenne, population au-delà de 30 km, EPCI) : %.1f ms\n", t_sum);

    // Redrawing a département's map after a click: Charente-Maritime, its 462
    // communes with their distances, 12 sites, painted whole.
    report::MapData m;
    m.title = "Banc d'essai", m.subtitle = "Charente-Maritime", m.attribution = io::geo_attribution();
    m.communes.push_back(g.communes("17"));
    coverage::Territory t17;
    for (const auto& f : m.communes[0].features) {
        const auto* c = ref.commune(f.code);
        t17.add({f.code, c->name, "17", "", c->population, *g.point(f.code)});
        m.departement_of[f.code] = "17";
    }
    std::vector<coverage::Site> s17;
    for (std::size_t i = 0; i < 12; ++i) {
        const auto& k = t17.communes()[i * 37];
        s17.push_back({k.code, k.name, k.code, k.point, 8, i < 9});
        m.sites.push_back({k.name, *k.point, i < 9 ? report::MapSite::Kind::Existing : report::MapSite::Kind::Candidate});
    }
    const auto tmp = std::filesystem::temp_directory_path();
    const std::string png = (tmp / "cotation-bench-carte.png").string(), pdf = (tmp / "cotation-bench-carte.pdf").string();
    const double t_click = best_of(5, [&] {
        const auto sum = coverage::summarize(t17, s17, 30.0);
        for (std::size_t i = 0; i < sum.communes.size(); ++i) m.km[t17.communes()[i].code] = sum.communes[i].km;
        report::write_map_png(m, png, 1400, 1000);
    });
    const double t_pdf = best_of(3, [&] { report::write_map_pdf(m, pdf); });
    std::size_t bytes = 0;
    const double t_rgb = best_of(5, [&] {
        const auto sum = coverage::summarize(t17, s17, 30.0);
        for (std::size_t i = 0; i < sum.communes.size(); ++i) m.km[t17.communes()[i].code] = sum.communes[i].km;
        bytes = report::render_map_rgb(m, 1400, 1000).size();
    });
    std::printf("carte d'un département après un clic, en mémoire pour la fenêtre (distances + dessin, %zu octets RGB) : %.1f ms\n", bytes, t_rgb);
    std::printf("carte d'un département après un clic (distances + dessin PNG 1 400 × 1 000, fichier écrit) : %.1f ms ; PDF vectoriel : %.1f ms\n",
                t_click, t_pdf);
    std::remove(png.c_str());
    std::remove(pdf.c_str());
    return same == fast.size() ? 0 : 1;
}
