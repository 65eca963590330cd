#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "app/demo.h"
#include "app/territory.h"
#include "core/error.h"
#include "report/map.h"
#include "test_support.h"

using namespace cotation;

namespace {
// Records what the painter asks for.
struct Recorder : report::Canvas {
    int fills = 0, lines = 0;
    std::vector<std::string> texts;
    std::vector<report::Marker> markers;
    std::vector<report::Pt> marker_at;
    std::vector<std::vector<std::vector<report::Pt>>> filled;   // each fill's rings
    void fill(const std::vector<std::vector<report::Pt>>& rings, report::Rgb) override {
        ++fills;
        filled.push_back(rings);
    }
    void line(const std::vector<report::Pt>&, report::Rgb, double) override { ++lines; }
    void rect(report::Pt, double, double, report::Rgb, std::optional<report::Rgb>) override {}
    void marker(report::Pt p, report::Marker m, double, report::Rgb, report::Rgb) override {
        markers.push_back(m);
        marker_at.push_back(p);
    }
    void text(report::Pt, const std::string& t, double, report::Rgb, bool, report::Anchor) override { texts.push_back(t); }
    double text_width(const std::string& t, double size, bool) override { return static_cast<double>(t.size()) * size * 0.5; }
};
bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }
}  // namespace

TEST(Map, ClassesFollowTheAccessDistance) {
    EXPECT_EQ(report::distance_classes(30), (std::vector<double>{15, 30, 45, 60}));
}

// The UPHV map: 462 communes filled, the 9 existing structures as squares,
// the 3 chosen as stars and the 3 other ranked candidates as circles, the
// legend, the scale bar and the attribution the data's licence requires.
TEST(Map, UphvMapDrawsEveryLayer) {
    test::TempDir dir;
    auto s = create_demo(dir.file("uphv.cot"), "uphv", DemoStage::Instruction);
    TerritoryStudy t(*s);
    const std::vector<std::string> chosen{"UPHV-2019-01", "UPHV-2019-02", "UPHV-2019-03"};
    Recorder r;
    const auto data = t.map_data(chosen);
    report::paint_map(data, r, 1400, 1000);
    // The 462 communes, one fill per distance class present (each class one
    // path: trial 15), the legend's swatches being rectangles.
    std::set<std::size_t> present;
    const auto bounds = report::distance_classes(data.access_km);
    for (const auto& f : data.communes.at(0).features) {
        auto it = data.km.find(f.code);
        std::size_t k = bounds.size() + 1;   // no site located
        if (it != data.km.end()) {
            k = 0;
            while (k < bounds.size() && it->second > bounds[k] + 1e-9) ++k;
        }
        present.insert(k);
    }
    EXPECT_EQ(data.communes.at(0).features.size(), 462u);
    EXPECT_EQ(r.fills, static_cast<int>(present.size()));
    EXPECT_GE(r.fills, 3);
    EXPECT_EQ(std::count(r.markers.begin(), r.markers.end(), report::Marker::Square), 9 + 1);   // + the legend's
    EXPECT_EQ(std::count(r.markers.begin(), r.markers.end(), report::Marker::Star), 3 + 1);
    EXPECT_EQ(std::count(r.markers.begin(), r.markers.end(), report::Marker::Circle), 3 + 1);
    EXPECT_TRUE(has(r.texts, "MRS CDAIR"));
    EXPECT_TRUE(has(r.texts, "UPHV-2019-02"));
    EXPECT_TRUE(has(r.texts, "15\u00A0km à 30\u00A0km (accès)"));
    EXPECT_TRUE(has(r.texts, "Limite d'EPCI"));
    bool attribution = false;
    for (const auto& x : r.texts) attribution |= x.find("Fonds de carte : IGN") != std::string::npos;
    EXPECT_TRUE(attribution);

    // In memory for the window: white margin at the top left, 3 bytes a pixel.
    const auto rgb = report::render_map_rgb(t.map_data(chosen), 700, 500);
    ASSERT_EQ(rgb.size(), 700u * 500u * 3u);
    EXPECT_EQ(rgb[0], 255);
    EXPECT_EQ(rgb[2], 255);
    t.write_map(dir.file("carte.png"), chosen);
    std::ifstream png(dir.file("carte.png"), std::ios::binary);
    char sig[8] = {};
    png.read(sig, 8);
    EXPECT_EQ(std::string(sig + 1, 3), "PNG");
    t.write_map(dir.file("carte.pdf"), chosen);
    const std::string words = test::pdf_words(dir.file("carte.pdf"));
    EXPECT_NE(words.find("Distance au site le plus proche"), std::string::npos) << words;
    EXPECT_NE(words.find("Licence Ouverte"), std::string::npos);
    EXPECT_NE(words.find("Résidence La Guyarderie"), std::string::npos);
    // French typography as in every document (trial 1011F N11).
    const std::string text = test::pdftotext(dir.file("carte.pdf"));
    EXPECT_NE(text.find("Limite d’EPCI"), std::string::npos) << text;
    EXPECT_EQ(text.find("d'EPCI"), std::string::npos) << text;
    EXPECT_THROW(t.write_map(dir.file("carte.svg"), chosen), InputError);
}

// Zones entered for the campaign (a DRAD zone of the CRT call) are drawn by
// the one painter: hatching and outline in the zone's colour, a legend row.
namespace {
struct ColourCounter : report::Canvas {
    int zone_lines = 0;
    std::vector<std::string> texts;
    void fill(const std::vector<std::vector<report::Pt>>&, report::Rgb) override {}
    void line(const std::vector<report::Pt>&, report::Rgb c, double) override {
        const auto z = report::zone_colour(0);
        if (c.r == z.r && c.g == z.g && c.b == z.b) ++zone_lines;
    }
    void rect(report::Pt, double, double, report::Rgb, std::optional<report::Rgb>) override {}
    void marker(report::Pt, report::Marker, double, report::Rgb, report::Rgb) override {}
    void text(report::Pt, const std::string& t, double, report::Rgb, bool, report::Anchor) override { texts.push_back(t); }
    double text_width(const std::string& t, double size, bool) override { return static_cast<double>(t.size()) * size * 0.5; }
};
}  // namespace

TEST(Map, CampaignZonesAreHatchedOutlinedAndInTheLegend) {
    test::TempDir dir;
    auto s = create_demo(dir.file("crt.cot"), "crt", DemoStage::Instruction);
    std::string coord;
    for (const auto& [name, p] : s->team().people)
        if (p.role == Role::Coordinator) coord = name;
    TerritoryStudy t(*s);
    ColourCounter without;
    report::paint_map(t.map_data({}), without, 1400, 1000);
    EXPECT_EQ(without.zone_lines, 0);
    // The DRAD zone of the screenshots: Grand Angoulême (SIREN 200071827).
    std::ofstream(dir.file("zones.csv")) << "zone;libelle;communes\nDRAD-16;DRAD du Grand Angoulême;200071827\n";
    t.set_zones_file(dir.file("zones.csv"), coord);
    const auto map = t.map_data({});
    ASSERT_EQ(map.zones.size(), 1u);
    EXPECT_EQ(map.zones[0].communes.size(), 38u);   // the 38 communes of Grand Angoulême (data/epci.tsv)
    ColourCounter with;
    report::paint_map(map, with, 1400, 1000);
    // Each of the 38 communes is crossed by hatching lines, and the outline
    // adds its arcs: far more than 38 lines in the zone's colour.
    EXPECT_GT(with.zone_lines, 38 * 2);
    EXPECT_TRUE(has(with.texts, "Zone : DRAD du Grand Angoulême"));
    // The allocation says it on CRT-2022-01's line, whose intervention
    // territory is Grand Angoulême itself (demo/crt/dossiers.csv).
    const std::string text = t.repartition_text({});
    const auto line = text.find("CRT-2022-01 —");
    ASSERT_NE(line, std::string::npos) << text;
    EXPECT_NE(text.find("\n   recouvre la zone « DRAD du Grand Angoulême » : 38 communes", line), std::string::npos) << text;
}

// The outline of a zone is the border between its communes and the others,
// not every commune's border: two squares side by side, one zone holding
// both, give the outer ring only (6 arcs of the 7, the middle one left out).
TEST(Map, ZoneOutlineLeavesInnerBordersOut) {
    report::MapData m;
    geo::Topology t;
    // Arcs: 0 middle (shared), 1..3 left square's outer sides, 4..6 right square's.
    t.arcs = {{{1, 0}, {1, 1}},
              {{1, 1}, {0, 1}}, {{0, 1}, {0, 0}}, {{0, 0}, {1, 0}},
              {{1, 0}, {2, 0}}, {{2, 0}, {2, 1}}, {{2, 1}, {1, 1}}};
    t.features = {{"A", {{{0, 1, 2, 3}}}}, {"B", {{{~0, 4, 5, 6}}}}};
    m.communes.push_back(t);
    m.zones.push_back({"Z", {"A", "B"}});
    struct Outline : report::Canvas {
        int thick = 0;
        void fill(const std::vector<std::vector<report::Pt>>&, report::Rgb) override {}
        void line(const std::vector<report::Pt>& p, report::Rgb c, double w) override {
            const auto z = report::zone_colour(0);
            if (c.r == z.r && c.g == z.g && c.b == z.b && w > 2 && p.size() == 2) ++thick;
        }
        void rect(report::Pt, double, double, report::Rgb, std::optional<report::Rgb>) override {}
        void marker(report::Pt, report::Marker, double, report::Rgb, report::Rgb) override {}
        void text(report::Pt, const std::string&, double, report::Rgb, bool, report::Anchor) override {}
        double text_width(const std::string& t, double size, bool) override { return static_cast<double>(t.size()) * size * 0.5; }
    } o;
    report::paint_map(m, o, 1400, 1000);
    EXPECT_EQ(o.thick, 6);
}

// A distance class is filled as one path (trial 15): two squares side by
// side in one class give one fill of one ring, 6 sides and 7 positions (the
// border they share left out); in two classes, two fills of a ring of 5
// positions each. Counted by hand.
TEST(Map, CommunesOfOneClassAreFilledAsOnePath) {
    report::MapData m;
    geo::Topology t;
    t.arcs = {{{1, 0}, {1, 1}},
              {{1, 1}, {0, 1}}, {{0, 1}, {0, 0}}, {{0, 0}, {1, 0}},
              {{1, 0}, {2, 0}}, {{2, 0}, {2, 1}}, {{2, 1}, {1, 1}}};
    t.features = {{"A", {{{0, 1, 2, 3}}}}, {"B", {{{~0, 4, 5, 6}}}}};
    m.communes.push_back(t);
    m.access_km = 30;
    m.km = {{"A", 3}, {"B", 10}};   // both under 15 km
    Recorder same;
    report::paint_map(m, same, 1400, 1000);
    ASSERT_EQ(same.fills, 1);
    ASSERT_EQ(same.filled[0].size(), 1u);
    EXPECT_EQ(same.filled[0][0].size(), 7u);
    m.km["B"] = 40;   // 30 to 45 km
    Recorder two;
    report::paint_map(m, two, 1400, 1000);
    ASSERT_EQ(two.fills, 2);
    EXPECT_EQ(two.filled[0].size(), 1u);
    EXPECT_EQ(two.filled[0][0].size(), 5u);
    EXPECT_EQ(two.filled[1][0].size(), 5u);
}

// A structure of the offer far outside the territory (an EHPAD at Marseille
// on a Charente-Maritime campaign) does not set the frame: every other symbol
// stays where it was, the far one is not drawn and is named under the legend's
// symbols (trial 1011F N3: PACA shrank to a quarter of the page).
TEST(Map, ASiteFarOutsideTheTerritoryLeavesTheFrameToIt) {
    test::TempDir dir;
    auto s = create_demo(dir.file("uphv-loin.cot"), "uphv", DemoStage::Instruction);
    TerritoryStudy t(*s);
    const std::vector<std::string> chosen{"UPHV-2019-01", "UPHV-2019-02", "UPHV-2019-03"};
    auto data = t.map_data(chosen);
    Recorder before;
    report::paint_map(data, before, 1400, 1000);
    std::vector<report::Pt> sites_before;
    report::paint_map(data, before, 1400, 1000, &sites_before);

    report::MapSite far;
    far.label = "EHPAD lointain";
    far.at = {5.3698, 43.2965};   // Marseille
    far.kind = report::MapSite::Kind::Existing;
    data.sites.push_back(far);
    Recorder after;
    std::vector<report::Pt> sites_after;
    report::paint_map(data, after, 1400, 1000, &sites_after);
    ASSERT_EQ(sites_after.size(), sites_before.size() + 1);
    for (std::size_t i = 0; i < sites_before.size(); ++i) {
        EXPECT_NEAR(sites_after[i].x, sites_before[i].x, 1e-6) << i;
        EXPECT_NEAR(sites_after[i].y, sites_before[i].y, 1e-6) << i;
    }
    EXPECT_LT(sites_after.back().x, -1e8);   // out of reach of a click
    // The 9 squares of the offer and the legend's, not the far one.
    EXPECT_EQ(std::count(after.markers.begin(), after.markers.end(), report::Marker::Square), 9 + 1);
    for (const auto& p : after.marker_at) {
        EXPECT_GE(p.x, 0);
        EXPECT_LE(p.x, 1400);
    }
    EXPECT_FALSE(has(after.texts, "EHPAD lointain"));
    EXPECT_TRUE(has(after.texts, "Hors du cadre, loin du territoire : EHPAD lointain.")) << testing::PrintToString(after.texts);
    // A structure just beyond the département's edge (Niort, 10 km from the
    // border of Charente-Maritime) stays on the map.
    data.sites.back().at = {-0.4594, 46.3237};
    data.sites.back().label = "EHPAD voisin";
    Recorder near;
    report::paint_map(data, near, 1400, 1000);
    EXPECT_EQ(std::count(near.markers.begin(), near.markers.end(), report::Marker::Square), 10 + 1);
}
