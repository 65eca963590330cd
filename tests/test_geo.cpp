#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "core/error.h"
#include "core/geo.h"
#include "io/geo.h"
#include "io/reference_data.h"
#include "test_support.h"

using namespace cotation;

namespace {
const io::GeoData& geodata() {
    static const io::GeoData g = io::GeoData::load(test::source_dir() + "/data/geo");
    return g;
}
}  // namespace

TEST(Geo, GreatCircleDistancesOnTheSphere) {
    // A quarter meridian: π/2 × 6 371 = 10 007,543 km; one degree of
    // latitude: 6 371 × π/180 = 111,195 km (by hand).
    EXPECT_NEAR(geo::distance_km({0, 0}, {0, 90}), 10007.543, 1e-3);
    EXPECT_NEAR(geo::distance_km({-1.15, 46.0}, {-1.15, 47.0}), 111.195, 1e-3);
    // One degree of longitude at latitude 60°: chord on the unit sphere
    // 2 cos 60° sin(0,5°) = 0,0087265, arc 2 asin(0,0043633) × 6 371 = 55,597 km
    // (the great circle is shorter than the parallel only by metres at this size).
    EXPECT_NEAR(geo::distance_km({0, 60}, {1, 60}), 55.597, 1e-2);
    // Chord and haversine agree to the millimetre.
    const geo::LonLat la_rochelle{-1.15, 46.16}, saintes{-0.63, 45.75};
    EXPECT_NEAR(geo::distance_km(la_rochelle, saintes), geo::haversine_km(la_rochelle, saintes), 1e-6);
    EXPECT_NEAR(geo::chord2_to_km(geo::km_to_chord2(30.0)), 30.0, 1e-9);
}

TEST(Geo, TopologyJoinsArcsAndReversesNegativeOnes) {
    // Two unit squares side by side sharing the arc x = 1 (arc 1), written by hand:
    // arc 0: (1,0) → (0,0) → (0,1) → (1,1); arc 1: (1,1) → (1,0);
    // arc 2: (1,1) → (2,1) → (2,0) → (1,0). Units of 1e-4 degree, translation (10000, 20000).
    const std::string text =
        "# essai\n"
        "T 10000 20000\n"
        "A 1 0 -1 0 0 1 1 0\n"
        "A 1 1 0 -1\n"
        "A 1 1 1 0 0 -1 -1 0\n"
        "C 00001 0,1\n"
        "C 00002 2,-2\n";   // -2 = ~1: arc 1 reversed, (1,0) → (1,1)
    auto t = io::parse_arcs(text, "essai.arcs");
    ASSERT_EQ(t.features.size(), 2u);
    auto a = t.shape(t.features[0]);
    ASSERT_EQ(a.size(), 1u);
    ASSERT_EQ(a[0][0].size(), 5u);   // 4 + 2 positions, the repeated one dropped
    EXPECT_NEAR(a[0][0].front().lon, 1.0001, 1e-9);
    EXPECT_NEAR(a[0][0].front().lat, 2.0, 1e-9);
    EXPECT_NEAR(a[0][0].back().lon, a[0][0].front().lon, 1e-12);   // closed
    auto b = t.shape(t.features[1]);
    ASSERT_EQ(b[0][0].size(), 5u);
    EXPECT_NEAR(b[0][0].back().lat, 2.0001, 1e-9);   // back to (1,1)
    EXPECT_TRUE(geo::contains(a, {1.00005, 2.00005}));
    EXPECT_FALSE(geo::contains(a, {1.00015, 2.00005}));
    EXPECT_TRUE(geo::contains(b, {1.00015, 2.00005}));
    const auto users = t.arc_users();
    EXPECT_EQ(users[1].size(), 2u);   // the shared border
    EXPECT_EQ(users[0].size(), 1u);
}

// A colour class of a map is filled as one path: the rings bounding the
// union of its communes, each arc written once (a border between two of them
// left out). Positions counted by hand.
TEST(Geo, UnionRingsLeaveSharedBordersOutAndKeepHoles) {
    // The two squares of the test above: arcs 0 and 2 make the union's
    // outline, 4 + 4 positions less the one they share = 7, closed.
    auto t = io::parse_arcs("T 10000 20000\nA 1 0 -1 0 0 1 1 0\nA 1 1 0 -1\nA 1 1 1 0 0 -1 -1 0\nC 00001 0,1\nC 00002 2,-2\n",
                            "essai.arcs");
    auto both = t.union_rings({0, 1});
    ASSERT_EQ(both.size(), 1u);
    EXPECT_EQ(both[0].size(), 7u);
    EXPECT_NEAR(both[0].front().lon, both[0].back().lon, 1e-12);
    EXPECT_NEAR(both[0].front().lat, both[0].back().lat, 1e-12);
    // The shared border, x = 1.0001 from y = 2 to 2.0001, is no side of it.
    for (std::size_t i = 0; i + 1 < both[0].size(); ++i)
        EXPECT_FALSE(std::abs(both[0][i].lon - 1.0001) < 1e-9 && std::abs(both[0][i + 1].lon - 1.0001) < 1e-9) << i;
    const geo::MultiPolygon u{{both[0]}};
    EXPECT_TRUE(geo::contains(u, {1.00005, 2.00005}));
    EXPECT_TRUE(geo::contains(u, {1.00015, 2.00005}));
    EXPECT_FALSE(geo::contains(u, {1.00025, 2.00005}));
    // One square alone: its own ring, the shared arc included (4 + 2 - 1 = 5).
    auto one = t.union_rings({1});
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0].size(), 5u);

    // A square 3 × 3 with a hole 1 × 1 that a second commune fills: alone,
    // the first keeps its hole (two rings); with the second, the hole is
    // filled (the outer ring only).
    auto d = io::parse_arcs("T 0 0\nA 0 0 3 0 0 3 -3 0 0 -3\nA 1 1 1 0 0 1 -1 0 0 -1\nC A 0;1\nC B 1\n", "anneau.arcs");
    const geo::LonLat hole{0.00015, 0.00015}, ring{0.00005, 0.00005};
    auto a = d.union_rings({0});
    ASSERT_EQ(a.size(), 2u);
    EXPECT_FALSE(geo::contains({{a[0], a[1]}}, hole));
    EXPECT_TRUE(geo::contains({{a[0], a[1]}}, ring));
    auto ab = d.union_rings({0, 1});
    ASSERT_EQ(ab.size(), 1u);
    EXPECT_EQ(ab[0].size(), 5u);
    EXPECT_TRUE(geo::contains({{ab[0]}}, hole));
    EXPECT_TRUE(d.union_rings({}).empty());
}

TEST(Geo, MalformedFilesNameTheLine) {
    try {
        io::parse_arcs("T 0 0\nA 1 2 3 4\nC 17300 0,5\n", "communes-17.arcs");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "Fichier géographique « communes-17.arcs », ligne 3 : arc 5 inconnu.");
    }
    EXPECT_THROW(io::parse_poly("F 17\tCharente-Maritime\t1 2 x\n", "d.poly"), InputError);
}

// The shipped data: every commune of metropolitan France and the DROM has a
// point, and it lies inside its own simplified commune and département outline
// (the README of the source counts 34 874 of 34 875: 56088 is a triangle).
TEST(Geo, ShippedPointsLieInTheirOwnOutlines) {
    const auto& g = geodata();
    ASSERT_EQ(g.point_count(), 34875u);
    const auto& ref = io::ReferenceData::load(test::source_dir() + "/data");
    std::unordered_map<std::string, geo::MultiPolygon> deps;
    for (auto& d : g.departements()) deps.emplace(d.code, std::move(d.shape));
    ASSERT_EQ(deps.size(), 101u);
    std::size_t communes = 0, in_commune = 0, in_dep = 0;
    std::vector<std::string> outside;
    for (const auto& [dep, shape] : deps) {
        const auto topo = g.communes(dep);
        for (const auto& f : topo.features) {
            ++communes;
            const auto* p = g.point(f.code);
            ASSERT_NE(p, nullptr) << f.code;
            if (geo::contains(topo.shape(f), *p)) ++in_commune;
            else outside.push_back(f.code);
            const auto* c = ref.commune(f.code);
            ASSERT_NE(c, nullptr) << f.code;
            EXPECT_EQ(c->departement, dep) << f.code;
            if (geo::contains(shape, *p)) ++in_dep;
        }
    }
    EXPECT_EQ(communes, 34875u);
    EXPECT_GE(in_commune, 34874u);
    EXPECT_GE(in_dep, 34874u);
    std::printf("[mesure] points dans leur commune : %zu / %zu (%.3f %%) ; dans leur département : %zu (%.3f %%)%s%s\n",
                in_commune, communes, 100.0 * in_commune / communes, in_dep, 100.0 * in_dep / communes,
                outside.empty() ? "" : " ; hors de leur commune : ", outside.empty() ? "" : outside.front().c_str());
    EXPECT_EQ(g.epci().size(), 1255u);
}
