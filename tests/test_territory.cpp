#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/demo.h"
#include "app/territory.h"
#include "core/error.h"
#include "test_support.h"

using namespace cotation;

namespace {
bool has_line(const std::string& text, const std::string& line) {
    return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}
void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }
}  // namespace

// The UPHV demo: Charente-Maritime, 462 communes and 672 279 inhabitants
// (data/communes.tsv, département 17, summed apart with awk), the 179 beds
// of the call's existing offer.
TEST(Territory, UphvCoverageOfTheExistingOffer) {
    test::TempDir dir;
    auto s = create_demo(dir.file("uphv.cot"), "uphv", DemoStage::Instruction);
    TerritoryStudy t(*s);
    EXPECT_EQ(t.territory().communes().size(), 462u);
    EXPECT_EQ(t.offer().capacity(), 179);
    EXPECT_EQ(t.existing_sites().size(), 9u);
    EXPECT_TRUE(t.unlocated().empty());
    EXPECT_EQ(t.access_km(), 30.0);   // scoring-grids/uphv-17-2019.territoire.txt
    const std::string csv = t.summary_csv({});
    EXPECT_TRUE(has_line(csv, "communes;462")) << csv;
    EXPECT_TRUE(has_line(csv, "population;672279"));
    EXPECT_TRUE(has_line(csv, "places_existantes;179"));
    // Per commune: Saint-Martin-de-Ré holds MRS CDAIR (0 km); Marsais (46,12173 N,
    // 0,61942 W) is 35,24 km from MRS Les Quatre Vents at Dompierre-sur-Mer
    // (46,18368 N, 1,06807 W): haversine computed apart from the shipped points.
    const std::string communes = t.communes_csv({});
    EXPECT_EQ(communes.substr(0, communes.find('\n')), "code_insee;commune;population;distance_km;site");
    EXPECT_TRUE(has_line(communes, "17369;Saint-Martin-de-Ré;2355;0.00;MRS CDAIR"));
    EXPECT_TRUE(has_line(communes, "17221;Marsais;" + std::to_string(io::ReferenceData::instance().commune("17221")->population) +
                                       ";35.24;MRS Les Quatre Vents"));
    // Adding a candidate can only bring the mean down.
    const auto before = t.summary({}), after = t.summary({"UPHV-2019-06"});
    EXPECT_LT(after.mean_km, before.mean_km);
    EXPECT_LE(after.population_beyond, before.population_beyond);
    EXPECT_THROW(t.summary({"UPHV-2019-99"}), InputError);
}

TEST(Territory, UphvAllocationAndVariantSideBySide) {
    test::TempDir dir;
    auto s = create_demo(dir.file("uphv.cot"), "uphv", DemoStage::Instruction);
    TerritoryStudy t(*s);
    // La Rochelle, Rochefort and Saintes: three EPCI, more than 20 km apart,
    // 3 × 43 800 € within 132 000 €: the three first are retained, the others
    // stopped by the capacity (24 beds).
    const auto c = t.compare({"UPHV-2019-01", "UPHV-2019-08"});
    ASSERT_EQ(c.ranking.retained(), (std::vector<std::size_t>{0, 1, 2}));
    EXPECT_EQ(c.ranking.places, 24);
    EXPECT_EQ(c.ranking.choices[3].constraint, allocation::Constraint::Capacity);
    ASSERT_TRUE(c.variant);
    // EHPAD d'Aunis (Surgères, 17434) is in CC Aunis Sud, not in the CA de La Rochelle: no breach.
    EXPECT_EQ(c.variant->places, 16);
    EXPECT_EQ(c.variant->choices[4].zone, "200041614");   // CC Aunis Sud (data/epci.tsv)
    EXPECT_EQ(c.variant->choices[4].constraint, allocation::Constraint::None);
    const std::string csv = t.repartition_csv({"UPHV-2019-01", "UPHV-2019-08"});
    EXPECT_EQ(csv.substr(0, csv.find('\n')), "dossier;rang;score;places;cout;commune;zone;classement;contrainte;motif;variante;contrainte_variante");
    EXPECT_NE(csv.find("\nindicateur;classement;variante\nplaces;24.00;16.00\n"), std::string::npos) << csv;
    EXPECT_THROW(t.compare({"UPHV-2019-01", "UPHV-2019-01"}), InputError);
}

TEST(Territory, FinessImportReplacesTheCampaignOffer) {
    test::TempDir dir;
    auto s = create_demo(dir.file("uphv.cot"), "uphv", DemoStage::Instruction);
    TerritoryStudy t(*s);
    // The fixture (tests/fixtures/README.md: written to the format, no real
    // extract): categories 500 in département 17 = the Saintes EHPAD only.
    std::string coord;
    for (const auto& [name, p] : s->team().people)
        if (p.role == Role::Coordinator) coord = name;
    const auto x = t.import_offer(test::source_dir() + "/tests/fixtures/finess-essai-utf8.csv", {"500"}, coord);
    EXPECT_EQ(x.kept, 1);
    ASSERT_EQ(t.offer().structures.size(), 1u);
    EXPECT_EQ(t.offer().structures[0].finess, "170000001");
    EXPECT_FALSE(std::filesystem::exists(dir.file("uphv.cot.offre.csv")));   // a table of the campaign (schema 10)
    // A new study of the same campaign reads it back.
    TerritoryStudy again(*s);
    EXPECT_EQ(again.offer().structures.size(), 1u);
    ASSERT_TRUE(again.offer().structures[0].position);
    EXPECT_NEAR(again.offer().structures[0].position->lat, 45.74209, 1e-5);
    // A malformed extract changes nothing.
    write(dir.file("bad.csv"), "finess;etalab;1;2026-01-07\nstructureet;1\n");
    EXPECT_THROW(t.import_offer(dir.file("bad.csv"), {}, coord), InputError);
    EXPECT_EQ(TerritoryStudy(*s).offer().structures.size(), 1u);
}

// CRT: a DRAD zone entered for the campaign, and the candidates' intervention
// territories overlapping it.
TEST(Territory, CrtDradZoneOverlaps) {
    test::TempDir dir;
    auto s = create_demo(dir.file("crt.cot"), "crt", DemoStage::Instruction);
    TerritoryStudy t(*s);
    ASSERT_FALSE(t.intervention_territories().empty());
    const auto& first = t.intervention_territories()[0];
    ASSERT_FALSE(first.communes.empty());
    write(dir.file("zones.csv"), "zone;libelle;communes\nDRAD-16;DRAD de Charente;" + first.communes.front() + "\n");
    std::string coord;
    for (const auto& [name, p] : s->team().people)
        if (p.role == Role::Coordinator) coord = name;
    t.set_zones_file(dir.file("zones.csv"), coord);
    ASSERT_EQ(t.zones().size(), 1u);
    const auto o = coverage::overlaps(t.territory(), t.intervention_territories(), t.zones());
    ASSERT_FALSE(o.empty());
    EXPECT_EQ(o[0].communes, std::vector<std::string>{first.communes.front()});
    EXPECT_NE(t.summary_text({}).find("zone « DRAD de Charente »"), std::string::npos);
    write(dir.file("bad-zones.csv"), "zone;libelle;communes\nZ;Z;99999\n");
    try {
        t.set_zones_file(dir.file("bad-zones.csv"), coord);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "« bad-zones.csv », ligne 2 : champ « communes » : « 99999 » n'est ni une commune (code INSEE) ni un EPCI (SIREN) connu.");
    }
    EXPECT_EQ(t.zones().size(), 1u);
}
