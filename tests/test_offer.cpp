#include <gtest/gtest.h>

#include <filesystem>

#include "core/error.h"
#include "io/offer.h"
#include "io/reference_data.h"
#include "io/xml_tree.h"
#include "test_support.h"

using namespace cotation;

namespace {
std::string fixture(const std::string& name) { return io::read_file(test::source_dir() + "/tests/fixtures/" + name); }
std::string finess_error(const std::string& text) {
    try {
        io::read_finess(text, "extrait.csv", {}, test::reference_data());
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

// The nine structures of the UPHV call's existing offer (cahier des charges of
// the avis n°1/2019, 1.1.1): 5 MRS (11 + 15 + 16 + 8 + 33 = 83 beds) and 4
// specialised EHPAD (12 + 44 + 22 + 18 = 96 beds), 179 beds in all.
TEST(Offer, UphvShipsTheNineStructuresOfTheCall) {
    const auto offer = io::read_offer_file(test::source_dir() + "/scoring-grids/uphv-17-2019.offre.csv", test::reference_data());
    ASSERT_EQ(offer.structures.size(), 9u);
    EXPECT_EQ(offer.capacity(), 179);
    long mrs = 0;
    for (const auto& s : offer.structures) {
        EXPECT_EQ(test::reference_data().commune(s.commune)->departement, "17") << s.name;
        if (s.kind == "Maison de retraite spécialisée") mrs += s.capacity();
    }
    EXPECT_EQ(mrs, 83);
    EXPECT_EQ(offer.structures[0].commune, "17369");   // Saint-Martin-de-Ré
    EXPECT_EQ(offer.structures[6].permanent, 44);       // Brumenard, La Chapelle-des-Pots
    EXPECT_EQ(offer.structures[6].commune, "17089");
    // Round trip through the writer.
    EXPECT_EQ(io::write_offer(io::read_offer(io::write_offer(offer), "x.csv", test::reference_data())), io::write_offer(offer));
}

TEST(Offer, BadOfferRowsNameLineAndField) {
    const std::string head = "finess;nom;categorie;type;commune;statut;gestionnaire;hp;ht;aj;latitude;longitude;source\n";
    try {
        io::read_offer(head + ";A;;;17300;;;8;0;0;;;\n;B;;;99999;;;8;0;0;;;\n", "offre.csv", test::reference_data());
        FAIL();
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "« offre.csv », ligne 3 : champ « commune » : code INSEE « 99999 » inconnu.");
    }
    try {
        io::read_offer(head + ";A;;;17300;;;huit;0;0;;;\n", "offre.csv", test::reference_data());
        FAIL();
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "« offre.csv », ligne 2 : champ « hp » : nombre entier positif attendu, lu « huit ».");
    }
    EXPECT_THROW(io::read_offer(head + ";A;;;17300;;;8;0;0;95;0;\n", "offre.csv", test::reference_data()), InputError);
}

// Trial 1011b F3: a structure placed at 0 ; 0 (a blank typed as 0) or with its
// latitude and longitude swapped left its commune without a word, and the
// coverage of the Île de Ré with it. Saint-Martin-de-Ré (17369): IGN point
// 46,19909 N, 1,36652 W (data/geo/communes-points.tsv), read by hand.
TEST(Offer, AStructureFarFromItsCommuneIsASlipNamedByLine) {
    const std::string head = "finess;nom;categorie;type;commune;statut;gestionnaire;hp;ht;aj;latitude;longitude;source\n";
    const auto& ref = test::reference_data();
    auto refusal = [&](const std::string& row) {
        try {
            io::read_offer(head + row, "offre.csv", ref);
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    const std::string zero = refusal(";MRS CDAIR;;;17369;;;11;0;0;0;0;\n");
    EXPECT_EQ(zero.rfind("« offre.csv », ligne 2 : champs « latitude » et « longitude » : latitude 0,0000, longitude 0,0000 : à ", 0),
              0u) << zero;
    EXPECT_NE(zero.find("km de la commune « Saint-Martin-de-Ré » (17369) ; une coordonnée inconnue se laisse vide, pas à 0."),
              std::string::npos) << zero;
    const std::string swapped = refusal(";MRS CDAIR;;;17369;;;11;0;0;-1.36652;46.19909;\n");
    EXPECT_NE(swapped.find("; latitude et longitude inversées ?"), std::string::npos) << swapped;
    // The structure's own point, 2 km from the chef-lieu, is its own.
    EXPECT_EQ(refusal(";MRS CDAIR;;;17369;;;11;0;0;46.2;-1.34;\n"), "");

    // In a FINESS extract of 100 000 lines one slip does not stop the import:
    // the structure is left unlocated and said. The Abymes EHPAD put back on
    // UTM 20's central meridian (63° W): 160 km west of its commune.
    std::string extract = fixture("finess-essai-utf8.csv");
    extract.replace(extract.find("660094.2;1799693.6"), 18, "500000.0;1800000.0");
    io::FinessFilter filter;
    filter.categories = {"500"};
    filter.departements = {"17", "16", "971"};
    const auto x = io::read_finess(extract, "extrait.csv", filter, ref);
    EXPECT_EQ(x.kept, 3);
    EXPECT_EQ(x.located, 2);
    EXPECT_FALSE(x.offer.structures[2].position);
    ASSERT_EQ(x.misplaced.size(), 1u);
    EXPECT_EQ(x.misplaced[0].rfind("« extrait.csv », ligne 9 : « EHPAD des Abymes (essai) » : coordonnées converties en ", 0), 0u)
        << x.misplaced[0];
    EXPECT_NE(x.misplaced[0].find("de la commune « Les Abymes » (97101) ; position ignorée."), std::string::npos) << x.misplaced[0];
}

// Fixtures written to the FINESS format (tests/fixtures/README.md: no real
// extract could be obtained). Expected positions: the communes' points from
// which the Lambert 93 coordinates were computed with the IGN formulas.
TEST(Offer, FinessExtractFilteredAndProjectedWithProj) {
    io::FinessFilter filter;
    filter.categories = {"500"};
    filter.departements = {"17", "16", "971"};
    const auto x = io::read_finess(fixture("finess-essai-utf8.csv"), "finess-essai-utf8.csv", filter, test::reference_data());
    EXPECT_EQ(x.encoding, "UTF-8");
    EXPECT_EQ(x.extraction_date, "2026-01-07");
    EXPECT_EQ(x.rows, 4);
    ASSERT_EQ(x.kept, 3);   // the SSIAD (354) is filtered out
    EXPECT_EQ(x.located, 3);
    const auto& saintes = x.offer.structures[0];
    EXPECT_EQ(saintes.finess, "170000001");
    EXPECT_EQ(saintes.name, "EHPAD « Les Essais » de Saintes");
    EXPECT_EQ(saintes.commune, "17415");
    ASSERT_TRUE(saintes.position);
    EXPECT_NEAR(saintes.position->lat, 45.74209, 1e-6);
    EXPECT_NEAR(saintes.position->lon, -0.64982, 1e-6);
    EXPECT_NEAR(x.offer.structures[1].position->lat, 45.64739, 1e-6);   // Angoulême
    EXPECT_NEAR(x.offer.structures[1].position->lon, 0.14516, 1e-6);
    // Guadeloupe: département 9A, commune 101 = 97101; its point projected to
    // UTM 20 by the Krüger series (tests/fixtures/README.md) comes back.
    const auto& abymes = x.offer.structures[2];
    EXPECT_EQ(abymes.commune, "97101");
    ASSERT_TRUE(abymes.position);
    EXPECT_NEAR(abymes.position->lon, -61.50177, 1e-5);
    EXPECT_NEAR(abymes.position->lat, 16.27276, 1e-5);
    EXPECT_TRUE(x.misplaced.empty());
    // UTM 20's central meridian, by definition of the projection.
    EXPECT_NEAR(io::to_wgs84(4559, 500000, 1800000).lon, -63.0, 1e-9);
    EXPECT_EQ(x.attribution(), "Source : FINESS, Ministère chargé de la santé — extraction du 2026-01-07, Licence Ouverte 2.0");
    // Lambert 93's origin, by definition of the projection.
    const auto o = io::to_wgs84(2154, 700000, 6600000);
    EXPECT_NEAR(o.lon, 3.0, 1e-9);
    EXPECT_NEAR(o.lat, 46.5, 1e-9);
    // Territory filter: Charente only.
    filter.departements = {"16"};
    EXPECT_EQ(io::read_finess(fixture("finess-essai-utf8.csv"), "f.csv", filter, test::reference_data()).kept, 1);
}

TEST(Offer, FinessWindows1252IsDetectedAndConverted) {
    const auto x = io::read_finess(fixture("finess-essai-cp1252.csv"), "finess-essai-cp1252.csv", {}, test::reference_data());
    EXPECT_EQ(x.encoding, "Windows-1252");
    ASSERT_EQ(x.kept, 4);
    EXPECT_EQ(x.offer.structures[0].name, "EHPAD « Les Essais » de Saintes");
    EXPECT_EQ(x.offer.structures[2].name, "EHPAD d'Angoulême (essai)");
    // The import report's sentence, the dossier import's own (io/text_encoding.h).
    EXPECT_NE(x.notice.find("lu en Windows-1252"), std::string::npos) << x.notice;
    EXPECT_EQ(io::read_finess(fixture("finess-essai-utf8.csv"), "f.csv", {}, test::reference_data()).notice, "");
}

TEST(Offer, MalformedFinessLinesAreRefusedWithTheirNumber) {
    const std::string text = fixture("finess-essai-utf8.csv");
    EXPECT_EQ(finess_error("nom;prenom\n"),
              "« extrait.csv », ligne 1 : première ligne « finess;etalab;…;AAAA-MM-JJ » attendue (extraction FINESS au format Etalab).");
    // A structureet row missing its last field (31 fields).
    std::string cut = text;
    cut.replace(cut.find(";2025-06-01;\nstructureet;170000002"), 12, ";2025-06-01\n");
    EXPECT_EQ(finess_error(cut), "« extrait.csv », ligne 2 : ligne « structureet » de 31 champs, 32 attendus.");
    std::string sys = text;
    sys.replace(sys.find("V2.2,UTM_N20"), 12, "V2.2,UTM_N99");
    EXPECT_EQ(finess_error(sys), "« extrait.csv », ligne 9 : champ « sourcecoordet » : système de coordonnées « UTM_N99 » inconnu.");
    std::string coord = text;
    coord.replace(coord.find("416306.9"), 8, "416A06.9");
    EXPECT_EQ(finess_error(coord), "« extrait.csv », ligne 6 : champ « coordxet » : nombre attendu, lu « 416A06.9 ».");
    EXPECT_EQ(finess_error(text + "equipementsocial;170000001\n"),
              "« extrait.csv », ligne 10 : type de ligne « equipementsocial » inconnu (structureet ou geolocalisation attendu).");
    // An establishment given twice (trial 1011G M2): its second line is named.
    std::string twice = text;
    const auto first = twice.find("structureet;");
    twice.insert(twice.find("\n", first) + 1, twice.substr(first, twice.find("\n", first) + 1 - first));
    const std::string number = twice.substr(first + 12, 9);
    EXPECT_EQ(finess_error(twice), "« extrait.csv », ligne 3 : champ « nofinesset » : « " + number +
                                       " » déjà donné ligne 2 (une ligne « structureet » par établissement).");
}

// Trial 1011E F11: an offer file gave the FINESS « 12345 » and it was kept.
// Empty stays allowed (the UPHV call's text names no FINESS); given, it has
// the form of one: 9 characters, the département (2A, 2B for Corse), then
// seven digits.
TEST(Offer, AFinessGivenHasTheFormOfOneEmptyIsUnknown) {
    const std::string head = "finess;nom;categorie;type;commune;statut;gestionnaire;hp;ht;aj;latitude;longitude;source\n";
    const auto& ref = test::reference_data();
    try {
        io::read_offer(head + ";MRS CDAIR;;;17369;;;11;0;0;;;\n12345;EHPAD X;500;EHPAD;17415;;;10;0;0;;;\n", "offre.csv", ref);
        ADD_FAILURE() << "kept";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("« offre.csv », ligne 3 : champ « finess » : « 12345 » n'est pas un numéro FINESS", 0), 0u)
            << e.what();
    }
    EXPECT_EQ(io::read_offer(head + "170780019;EHPAD X;500;EHPAD;17415;;;10;0;0;;;\n", "offre.csv", ref).structures.size(), 1u);
    // The same FINESS on two lines: the second named (trial 1011G M2); empty ones are many unknowns.
    try {
        io::read_offer(head + "170780019;EHPAD X;500;EHPAD;17415;;;10;0;0;;;\n;A;;;17415;;;1;0;0;;;\n;B;;;17415;;;1;0;0;;;\n"
                              "170780019;EHPAD Y;500;EHPAD;17415;;;10;0;0;;;\n",
                       "offre.csv", ref);
        ADD_FAILURE() << "kept";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()),
                  "« offre.csv », ligne 5 : champ « finess » : « 170780019 » déjà donné ligne 2 (une ligne par structure).");
    }
    for (const char* bad : {"17078001", "1707800190", "17O780019", "2C0780019"})
        EXPECT_THROW(io::read_offer(head + bad + ";EHPAD X;500;EHPAD;17415;;;10;0;0;;;\n", "offre.csv", ref), InputError) << bad;
}
