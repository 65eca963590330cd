#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

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
    void fill(const std::vector<std::vector<report::Pt>>&, report::Rgb) override { ++fills; }
    void line(const std::vector<report::Pt>&, report::Rgb, double) override { ++lines; }
    void rect(report::Pt, double, double, report::Rgb, std::optional<report::Rgb>) override {}
    void marker(report::Pt, report::Marker m, double, report::Rgb, report::Rgb) override { markers.push_back(m); }
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
    report::paint_map(t.map_data(chosen), r, 1400, 1000);
    EXPECT_EQ(r.fills, 462);
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
    EXPECT_THROW(t.write_map(dir.file("carte.svg"), chosen), InputError);
}
