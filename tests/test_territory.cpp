#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/demo.h"
#include "app/territory.h"
#include "io/reference_data.h"
#include "io/territory_rules.h"
#include "core/error.h"
#include "test_support.h"

using namespace cotation;

namespace {
bool has_line(const std::string& text, const std::string& line) {
    return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}
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
    EXPECT_EQ(t.access_km(), 30.0);   // campagne.distance_acces of scoring-grids/uphv-17-2019.xml
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
    EXPECT_EQ(csv.substr(0, csv.find('\n')), "dossier;rang;score;places;cout;commune;zone;classement;contrainte;motif;variante;contrainte_variante;"
              "places_accordees;cout_accorde;places_variante;cout_variante;motif_variante");
    // One table per CSV (a new user's trial found the figures appended to
    // the dossiers' table after a blank line, with other columns).
    EXPECT_EQ(csv.find("indicateur"), std::string::npos) << csv;
    EXPECT_EQ(csv.find("\n\n"), std::string::npos) << csv;
    const std::string figs = t.repartition_figures_csv({"UPHV-2019-01", "UPHV-2019-08"});
    EXPECT_EQ(figs.rfind("indicateur;classement;variante\nplaces;24.00;16.00\n", 0), 0u) << figs;
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
    test::spit(dir.file("bad.csv"), "finess;etalab;1;2026-01-07\nstructureet;1\n");
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
    test::spit(dir.file("zones.csv"), "zone;libelle;communes\nDRAD-16;DRAD de Charente;" + first.communes.front() + "\n");
    std::string coord;
    for (const auto& [name, p] : s->team().people)
        if (p.role == Role::Coordinator) coord = name;
    t.set_zones_file(dir.file("zones.csv"), coord);
    ASSERT_EQ(t.zones().size(), 1u);
    const auto o = coverage::overlaps(t.territory(), t.intervention_territories(), t.zones());
    ASSERT_FALSE(o.empty());
    EXPECT_EQ(o[0].communes, std::vector<std::string>{first.communes.front()});
    EXPECT_NE(t.summary_text({}).find("zone « DRAD de Charente »"), std::string::npos);
    // A new user's trial: retaining a dossier that overlaps the DRAD zone was
    // information only. It is now a departure to motivate when recording,
    // even in the ranking order (CRT-2022-01, ranked first, is retained).
    const std::string ref = t.candidates()[0].reference;
    EXPECT_NE(t.reason_needed({}).find(ref + " recouvre la zone « DRAD de Charente » (1 commune)"), std::string::npos) << t.reason_needed({});
    EXPECT_NE(t.repartition_text({}).find("— à motiver à l'enregistrement (pas de doublon avec une zone existante)"), std::string::npos);
    try {
        t.record_allocation({}, "", coord);
        FAIL() << "recorded without a motive";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("écrivez le motif (--motif)"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(TerritoryStudy(*s).recorded());
    EXPECT_EQ(t.record_allocation({}, "Zone DRAD expérimentale, sans volet 2.", coord).reason, "Zone DRAD expérimentale, sans volet 2.");
    // The committee file says each overlap (a new user's trial found it in no document).
    std::string figures;
    for (const auto& l : t.committee_page().figures) figures += l + "\n";
    EXPECT_NE(figures.find("Recouvrement " + ref + " / zone « DRAD de Charente » : 1 commune, "), std::string::npos) << figures;
    test::spit(dir.file("bad-zones.csv"), "zone;libelle;communes\nZ;Z;99999\n");
    try {
        t.set_zones_file(dir.file("bad-zones.csv"), coord);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "« bad-zones.csv », ligne 2 : champ « communes » : « 99999 » n'est ni une commune (code INSEE) ni un EPCI (SIREN) connu.");
    }
    EXPECT_EQ(t.zones().size(), 1u);
}

// A new user's trial: a key given twice in a rules file was accepted, the
// last one winning in silence. Refused, both lines named.
TEST(Territory, RulesFileRefusesAKeyGivenTwice) {
    const auto& ref = io::ReferenceData::instance();
    try {
        io::read_territory_rules("departements = 17\nscore_min = 200\n# commentaire\nscore_min = 100\n", "regles.txt", ref);
        FAIL() << "accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), "« regles.txt », ligne 4 : clé « score_min » déjà donnée ligne 2.");
    }
    EXPECT_EQ(*io::read_territory_rules("score_min = 200\n", "regles.txt", ref, io::RulesSource::Pinned).min_score, 200);
}

// Trial 1011B F2: each rule carries its status; one missing, of no known
// kind, incomplete or for a rule not given is refused, file and line named.
TEST(Territory, RulesFileStatusesAreCheckedWithFileAndLine) {
    const auto& ref = io::ReferenceData::instance();
    auto error = [&](const std::string& text) {
        return test::message_of([&] { io::read_territory_rules(text, "regles.txt", ref); });
    };
    EXPECT_EQ(error("score_min = 200\n"),
              "« regles.txt », ligne 1 : « score_min » sans statut : ajoutez « statut score_min = appel | titre du texte | "
              "section » ou « statut score_min = proposition de l'outil | raison » (ou de l'autorité).");
    EXPECT_EQ(error("score_min = 200\nstatut score_min = règle\n"),
              "« regles.txt », ligne 2 : statut de « score_min » inconnu « règle » : « appel », « proposition de l'outil » ou "
              "« proposition de l'autorité » attendu.");
    EXPECT_EQ(error("score_min = 200\nstatut score_min = appel | Cahier des charges\n"),
              "« regles.txt », ligne 2 : statut de « score_min » : « appel | titre du texte | section » attendu, lu "
              "« appel | Cahier des charges ».");
    EXPECT_EQ(error("score_min = 200\nstatut score_min = proposition de l'outil |\n"),
              "« regles.txt », ligne 2 : statut de « score_min » : « proposition de l'outil | raison » attendu, lu "
              "« proposition de l'outil | ».");
    EXPECT_EQ(error("statut enveloppe = proposition de l'autorité | essai\nscore_min = 1\nstatut score_min = proposition de "
                    "l'outil | x\n"),
              "« regles.txt », ligne 1 : statut de « enveloppe », règle absente du fichier.");
    EXPECT_EQ(error("zone = epci\nstatut zone = appel | t | s\n"),
              "« regles.txt », ligne 2 : « statut » d'une règle attendu, lu « statut zone ».");
    const auto r = io::read_territory_rules(
        "enveloppe = 100\nstatut enveloppe = appel | Cahier des charges | 4-1\nattribution_partielle = oui\n"
        "statut attribution_partielle = proposition de l'autorité | décidé en comité\n",
        "regles.txt", ref);
    EXPECT_TRUE(r.status_of("enveloppe").call());
    EXPECT_EQ(r.status_of("enveloppe").title, "Cahier des charges");
    EXPECT_EQ(r.status_of("enveloppe").section, "4-1");
    EXPECT_TRUE(r.partial_grant);
    EXPECT_EQ(r.status_of("attribution_partielle").author, "l'autorité");
    EXPECT_EQ(r.status_of("attribution_partielle").reason, "décidé en comité");
}

// The three shipped rules files, checked against the calls' regulatory texts
// (the grids' <source> titles): only what a text states is the call's.
TEST(Territory, ShippedRulesSayWhichAreTheCallsAndWhichAreProposals) {
    const auto& ref = io::ReferenceData::instance();
    auto rules = [&](const std::string& grid) {
        const std::string file = test::source_dir() + "/scoring-grids/" + grid + ".territoire.txt";
        return io::read_territory_rules(test::slurp(file), file, ref);
    };
    // ACT (002_…): Annexe 2, 1. Conformité asks « le respect du territoire
    // d'implantation », no figure per département; 12 600 € a place (Annexe 1, 1) B)).
    const auto act = rules("act-hlm-paca-2023");
    EXPECT_FALSE(act.status_of("max_par_zone").call());
    EXPECT_EQ(act.status_of("max_par_zone").author, "l'outil");
    EXPECT_TRUE(act.status_of("enveloppe").call());
    EXPECT_EQ(act.status_of("enveloppe").section.rfind("Annexe 1, 1) B) Cadrage financier", 0), 0u);
    EXPECT_TRUE(act.partial_grant);
    EXPECT_FALSE(act.status_of("attribution_partielle").call());
    // UPHV (004_…): « un équilibre territorial » without a figure: EPCI quota and 20 km are proposals.
    const auto uphv = rules("uphv-17-2019");
    EXPECT_FALSE(uphv.status_of("max_par_zone").call());
    EXPECT_FALSE(uphv.status_of("distance_min_retenus").call());
    EXPECT_TRUE(uphv.status_of("enveloppe").call());
    EXPECT_TRUE(uphv.status_of("places_par_unite").call());
    // CRT (000_…): §1.5 fixes the 400 000 € dotation; no quota (§1.4 gives a
    // priority), no number of CRT: the quota and the 1 600 000 € are proposals.
    const auto crt = rules("crt-2022");
    EXPECT_TRUE(crt.status_of("dotation_par_dossier").call());
    EXPECT_EQ(crt.status_of("dotation_par_dossier").section.rfind("cahier des charges, §1.5", 0), 0u);
    EXPECT_FALSE(crt.status_of("max_par_zone").call());
    EXPECT_FALSE(crt.status_of("enveloppe").call());
}
