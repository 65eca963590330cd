#include <gtest/gtest.h>

#include "core/coverage.h"

using namespace cotation;
using namespace cotation::coverage;

namespace {
// A hand-made territory on the meridian 0°, where 0,1° of latitude is
// 6 371 × π/180 × 0,1 = 11,11949 km (great circle along a meridian):
//   A 45,0° pop 1 000  dép. D1  EPCI E1
//   B 45,1° pop 2 000  dép. D1  EPCI E1
//   C 45,3° pop 3 000  dép. D1  EPCI E2
//   D 45,7° pop 4 000  dép. D2  EPCI E2
//   E (no point: a COM commune) pop 500, dép. D2, no EPCI
// Existing offer: S1 at A, 10 places. Candidates: P1 at D, P2 at C, 8 places each.
constexpr double k01 = 11.1194927;   // km for 0,1°

Territory territory() {
    Territory t;
    t.add({"A", "Aubry", "D1", "E1", 1000, geo::LonLat{0, 45.0}});
    t.add({"B", "Baie", "D1", "E1", 2000, geo::LonLat{0, 45.1}});
    t.add({"C", "Cap", "D1", "E2", 3000, geo::LonLat{0, 45.3}});
    t.add({"D", "Dune", "D2", "E2", 4000, geo::LonLat{0, 45.7}});
    t.add({"E", "Éloigné", "D2", "", 500, std::nullopt});
    t.departement_names = {{"D1", "Premier"}, {"D2", "Second"}};
    t.epci_names = {{"E1", "CC Une"}, {"E2", "CC Deux"}};
    return t;
}
Site at(const std::string& id, const std::string& commune, double places, bool existing, double lat) {
    return {id, id, commune, geo::LonLat{0, lat}, places, existing};
}
const Site kS1 = at("S1", "A", 10, true, 45.0);
const Site kP1 = at("P1", "D", 8, false, 45.7);
const Site kP2 = at("P2", "C", 8, false, 45.3);
}  // namespace

TEST(Coverage, DistancesMeanAndPopulationBeyond) {
    const auto t = territory();
    const auto s = summarize(t, {kS1}, 25.0);
    // Distances to S1: A 0; B 0,1° = 11,119; C 0,3° = 33,358; D 0,7° = 77,836 km.
    ASSERT_EQ(s.communes.size(), 5u);
    EXPECT_NEAR(s.communes[0].km, 0.0, 1e-9);
    EXPECT_NEAR(s.communes[1].km, 1 * k01, 1e-4);
    EXPECT_NEAR(s.communes[2].km, 3 * k01, 1e-4);
    EXPECT_NEAR(s.communes[3].km, 7 * k01, 1e-4);
    EXPECT_EQ(s.communes[3].site, 0);
    EXPECT_EQ(s.communes[4].site, -1);   // no point: left out
    // Mean: (2 000 × 11,119 + 3 000 × 33,358 + 4 000 × 77,836) / 10 000
    //     = (22 238,99 + 100 075,43 + 311 345,80) / 10 000 = 43,366 km.
    EXPECT_NEAR(s.mean_km, 43.36602, 1e-3);
    EXPECT_EQ(s.population, 10000);
    EXPECT_EQ(s.population_without_point, 500);
    // Beyond 25 km: C and D, 7 000 of 10 000 inhabitants, D first (farther).
    EXPECT_EQ(s.population_beyond, 7000);
    EXPECT_NEAR(s.share_beyond, 0.7, 1e-12);
    ASSERT_EQ(s.communes_beyond, (std::vector<std::size_t>{3, 2}));
    // E2 (C and D) is entirely beyond; E1 is not listed.
    ASSERT_EQ(s.epci.size(), 1u);
    EXPECT_EQ(s.epci[0].name, "CC Deux");
    EXPECT_TRUE(s.epci[0].entirely());
    EXPECT_EQ(s.epci[0].population_beyond, 7000);
}

TEST(Coverage, NearestSiteIsNamedAndAccessIsInclusive) {
    const auto t = territory();
    // With P2 at C: D is 0,4° = 44,478 km from C, nearer than A (77,836).
    const auto s = summarize(t, {kS1, kP2}, 3 * k01 + 1e-6);
    EXPECT_EQ(s.communes[2].site, 1);
    EXPECT_EQ(s.communes[3].site, 1);
    EXPECT_NEAR(s.communes[3].km, 4 * k01, 1e-4);
    EXPECT_EQ(s.population_beyond, 4000);   // D only
    // No site at all: everything is beyond, the mean is not defined (0).
    const auto none = summarize(t, {}, 25.0);
    EXPECT_EQ(none.population_beyond, 10000);
    EXPECT_EQ(none.mean_km, 0.0);
}

TEST(Coverage, PlacesPerTenThousandBeforeAndAfter) {
    const auto t = territory();
    const auto d = densities(t, {kS1}, {kS1, kP1}, ZoneKind::Departement);
    ASSERT_EQ(d.size(), 2u);
    // D1: 6 000 inhabitants, 10 places: 10 × 10 000 / 6 000 = 16,667, unchanged.
    EXPECT_EQ(d[0].name, "Premier");
    EXPECT_EQ(d[0].population, 6000);
    EXPECT_NEAR(d[0].per10k_before, 16.6667, 1e-3);
    EXPECT_NEAR(d[0].per10k_after, 16.6667, 1e-3);
    // D2: 4 000 + 500 (E counts in the population) = 4 500; 0 then 8 places: 17,778.
    EXPECT_EQ(d[1].population, 4500);
    EXPECT_EQ(d[1].per10k_before, 0.0);
    EXPECT_NEAR(d[1].per10k_after, 17.7778, 1e-3);
    const auto e = densities(t, {kS1}, {kS1, kP2}, ZoneKind::Epci);
    ASSERT_EQ(e.size(), 2u);   // E has no EPCI
    EXPECT_NEAR(e[1].per10k_after, 8 * 10000.0 / 7000, 1e-9);   // E2: 11,43
}

TEST(Coverage, OverlapsBetweenProposalsAndWithZones) {
    const auto t = territory();
    const std::vector<Area> proposals{{"P1", "P1", {"C", "D"}}, {"P2", "P2", {"B", "C"}}, {"P3", "P3", {"E"}}};
    const std::vector<Area> zones{{"DRAD", "DRAD du nord", {"A", "B"}}};
    const auto o = overlaps(t, proposals);
    ASSERT_EQ(o.size(), 1u);   // P1 ∩ P2 = {C}, 3 000 inhabitants
    EXPECT_EQ(o[0].a, 0u);
    EXPECT_EQ(o[0].b, 1u);
    EXPECT_EQ(o[0].communes, (std::vector<std::string>{"C"}));
    EXPECT_EQ(o[0].population, 3000);
    const auto z = overlaps(t, proposals, zones);
    ASSERT_EQ(z.size(), 1u);   // P2 ∩ DRAD = {B}, 2 000
    EXPECT_EQ(z[0].a, 1u);
    EXPECT_EQ(z[0].population, 2000);
}

TEST(Coverage, MarginalGainOfEachProposal) {
    const auto t = territory();
    const auto g = marginal_gains(t, {kS1}, {kP1, kP2}, 25.0);
    ASSERT_EQ(g.size(), 2u);
    EXPECT_NEAR(g[0].mean_before, 43.36602, 1e-3);
    // P1 at D: D falls to 0, C stays at 33,358 (S1 is nearer than D's 44,478):
    // mean (22 238,99 + 100 075,43) / 10 000 = 12,2314; D's 4 000 brought within.
    EXPECT_EQ(g[0].population_brought, 4000);
    EXPECT_NEAR(g[0].mean_after, 12.23144, 1e-3);
    EXPECT_NEAR(g[0].fall_km(), 31.13458, 1e-3);
    // P2 at C: C falls to 0, D to 44,478 (still beyond 25): 3 000 brought;
    // mean (22 238,99 + 4 000 × 44,47797) / 10 000 = 20,0151.
    EXPECT_EQ(g[1].population_brought, 3000);
    EXPECT_NEAR(g[1].mean_after, 20.01509, 1e-3);
    // Given P1 already chosen, P2 brings C's 3 000 and the mean falls by 3,336 (C's 33,358 × 0,3).
    const auto g2 = marginal_gains(t, {kS1, kP1}, {kP2}, 25.0);
    EXPECT_EQ(g2[0].population_brought, 3000);
    EXPECT_NEAR(g2[0].fall_km(), 3 * k01 * 0.3, 1e-3);
}

TEST(Coverage, SitesWithoutCoordinatesStandAtTheirCommune) {
    const auto t = territory();
    std::vector<Site> sites{{"X", "X", "B", std::nullopt, 5, true}, {"Y", "Y", "E", std::nullopt, 5, true},
                            {"Z", "Z", "C", geo::LonLat{0.01, 45.3}, 5, true}};
    const auto lost = locate(sites, [&](const std::string& code) -> const geo::LonLat* {
        const Commune* c = t.find(code);
        return c && c->point ? &*c->point : nullptr;
    });
    EXPECT_EQ(lost, (std::vector<std::string>{"Y"}));   // E has no point
    ASSERT_TRUE(sites[0].position);
    EXPECT_EQ(sites[0].position->lat, 45.1);
    EXPECT_EQ(sites[2].position->lon, 0.01);   // its own coordinates are kept
}
