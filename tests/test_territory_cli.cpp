// The territory commands run as a script would: couverture, repartition,
// carte, offre on the UPHV demo (Charente-Maritime).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "test_support.h"

namespace {
using cotation::test::cli;
using cotation::test::lines;
using cotation::test::Ran;
using cotation::test::slurp;
using cotation::test::spit;
}  // namespace

// The UPHV demo campaign, made once for the whole suite; under ctest, once
// for all its processes (a copy of the fixture tests/CMakeLists.txt makes).
class TerritoryCli : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new cotation::test::TempDir;
        file_ = dir_->file("uphv.cot");
        const char* made = std::getenv("COTATION_TEST_UPHV_DEMO");
        if (made && std::filesystem::exists(made)) {
            std::filesystem::copy_file(made, file_);
            return;
        }
        const Ran r = cli("demo " + file_ + " --appel uphv");
        ASSERT_EQ(r.code, 0) << r.out;
    }
    static void TearDownTestSuite() { delete dir_; }
    static cotation::test::TempDir* dir_;
    static std::string file_;
};
cotation::test::TempDir* TerritoryCli::dir_ = nullptr;
std::string TerritoryCli::file_;

TEST_F(TerritoryCli, CommunesCsvHasOneRowPerCommuneOfCharenteMaritime) {
    // The communes of département 17 in data/communes.tsv, counted here from
    // the file itself (column 3), in code order.
    std::vector<std::string> expected;
    std::istringstream in(slurp(cotation::test::source_dir() + "/data/communes.tsv"));
    for (std::string l; std::getline(in, l);) {
        std::vector<std::string> f;
        std::istringstream fs(l);
        for (std::string x; std::getline(fs, x, '\t');) f.push_back(x);
        if (f.size() > 2 && f[2] == "17") expected.push_back(f[0]);
    }
    ASSERT_EQ(expected.size(), 462u);   // awk -F'\t' '$3=="17"' data/communes.tsv | wc -l

    // --communes implies --csv (documented in the command's help).
    for (const std::string opts : {" --communes", " --communes --csv"}) {
        const Ran r = cli("couverture " + file_ + opts);
        ASSERT_EQ(r.code, 0) << r.out;
        auto rows = lines(r.out);
        // The set shown is said on the error output, which cli() merges.
        ASSERT_FALSE(rows.empty());
        EXPECT_EQ(rows[0].rfind("Ensemble montré : ", 0), 0u) << rows[0];
        rows.erase(rows.begin());
        ASSERT_EQ(rows.size(), expected.size() + 1) << opts;
        EXPECT_EQ(rows[0], "code_insee;commune;population;distance_km;site");
        const std::regex row(R"(^(\d{5});[^;]+;\d+;(\d+\.\d\d);.+$)");
        for (std::size_t i = 1; i < rows.size(); ++i) {
            std::smatch m;
            ASSERT_TRUE(std::regex_match(rows[i], m, row)) << rows[i];
            EXPECT_EQ(m[1].str(), expected[i - 1]);
        }
    }
    // A dossier named twice is a usage error (a new user's trial found it accepted).
    const Ran twice = cli("couverture " + file_ + " --avec UPHV-2019-01,UPHV-2019-01");
    EXPECT_EQ(twice.code, 2) << twice.out;
    EXPECT_NE(twice.out.find("« UPHV-2019-01 » cité deux fois"), std::string::npos) << twice.out;
    // Adding UPHV-2019-06 (a ranked candidate) is accepted.
    EXPECT_EQ(cli("couverture " + file_ + " --communes --avec UPHV-2019-06").code, 0);
}

TEST_F(TerritoryCli, SummaryCsvAndText) {
    Ran r = cli("couverture " + file_ + " --csv");
    ASSERT_EQ(r.code, 0) << r.out;
    const auto rows = lines(r.out);
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows[0], "indicateur;valeur");
    // The call's existing offer: 179 beds (cahier des charges, 1.1.1), 462 communes.
    EXPECT_NE(r.out.find("\ncommunes;462\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\nplaces_existantes;179\n"), std::string::npos) << r.out;
    r = cli("couverture " + file_);
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("Territoire : Charente-Maritime (17)"), std::string::npos) << r.out;
}

TEST_F(TerritoryCli, RepartitionNamesTheThreeUnits) {
    // Ranking order under the UPHV rules: the three first (La Rochelle,
    // Rochefort, Saintes: three EPCI, 3 × 8 = 24 beds) are retained
    // (see Territory.UphvAllocationAndVariantSideBySide).
    Ran r = cli("repartition " + file_);
    ASSERT_EQ(r.code, 0) << r.out;
    int retained = 0;
    for (const auto& l : lines(r.out))
        if (l.find(" : retenu") != std::string::npos) ++retained;
    EXPECT_EQ(retained, 3) << r.out;
    for (const char* ref : {"UPHV-2019-01", "UPHV-2019-02", "UPHV-2019-03"}) EXPECT_NE(r.out.find(ref), std::string::npos) << ref;
    r = cli("repartition " + file_ + " --csv --variante UPHV-2019-01,UPHV-2019-08");
    ASSERT_EQ(r.code, 0) << r.out;
    const auto rows = lines(r.out);
    EXPECT_EQ(rows[0], "dossier;rang;score;places;cout;commune;zone;classement;contrainte;motif;variante;contrainte_variante;"
              "places_accordees;cout_accorde;places_variante;cout_variante;motif_variante");
    int ranked_retained = 0;
    for (const auto& l : rows)
        if (l.find(";retenu;") != std::string::npos && l.rfind("UPHV-", 0) == 0) ++ranked_retained;
    EXPECT_GE(ranked_retained, 3) << r.out;
}

TEST_F(TerritoryCli, MapAsPngAndPdf) {
    const std::string png = dir_->file("carte.png"), pdf = dir_->file("carte.pdf");
    Ran r = cli("carte " + file_ + " --out " + png + " --avec UPHV-2019-01");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_EQ(slurp(png).substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    r = cli("carte " + file_ + " --out " + pdf);
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_EQ(slurp(pdf).substr(0, 5), "%PDF-");
    // The data's attribution (data/SOURCES.md) is on the page.
    const std::string text = cotation::test::words(cotation::test::pdftotext(pdf));
    EXPECT_NE(text.find("ADMIN EXPRESS"), std::string::npos) << text;
    EXPECT_NE(text.find("Licence Ouverte"), std::string::npos) << text;
}

TEST_F(TerritoryCli, BadInputIsNamed) {
    // A dossier that is not in the campaign: data error naming it.
    Ran r = cli("couverture " + file_ + " --avec UPHV-2019-01,UPHV-2019-99");
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("--avec : dossier « UPHV-2019-99 » inconnu"), std::string::npos) << r.out;
    r = cli("repartition " + file_ + " --variante UPHV-2019-01,");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("--variante"), std::string::npos) << r.out;
    // An extension the map cannot be written in: usage error, nothing written.
    r = cli("carte " + file_ + " --out " + dir_->file("carte.svg"));
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("carte.svg"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("extension .png ou .pdf attendue"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(dir_->file("carte.svg")));
    // A FINESS extract whose second line has 5 fields instead of 32: the
    // import stops with the file and line, and the offer is not replaced.
    const std::string bad = dir_->file("finess-mal.csv");
    spit(bad, "finess;etalab;100;2026-01-07\nstructureet;170000001;170000010;EHPAD;X\n");
    r = cli("offre " + file_ + " --par \"Isabelle Renaud (Département 17, direction de l'autonomie)\" --import " + bad + " --categorie 500 --motif \"Essai\"");
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("finess-mal.csv"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("ligne 2"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(file_ + ".offre.csv"));   // never a side file (schema 10)
    r = cli("offre " + file_ + " --import " + bad);
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("--categorie"), std::string::npos) << r.out;
}

TEST_F(TerritoryCli, OfferListsAndImportsFiness) {
    Ran r = cli("offre " + file_);
    ASSERT_EQ(r.code, 0) << r.out;
    // The nine structures of the call (cahier des charges, 1.1.1), 179 beds.
    EXPECT_NE(r.out.find("9 structures, 179 lits"), std::string::npos) << r.out;

    // A copy of the campaign, so that the import does not change the others' tests.
    const std::string f = dir_->file("uphv-import.cot");
    std::filesystem::copy_file(file_, f);
    // The fixture (tests/fixtures/README.md) holds two structures of
    // Charente-Maritime: the EHPAD at Saintes (category 500) and the SSIAD
    // at Matha (354); Angoulême (16) and Les Abymes (971) are outside.
    // The coordinator of the UPHV demo (demo/uphv/equipe.csv) acts.
    const std::string coord = " --par \"Isabelle Renaud (Département 17, direction de l'autonomie)\"";
    r = cli("offre " + f + coord + " --import " + cotation::test::source_dir() + "/tests/fixtures/finess-essai-utf8.csv --categorie 500,354" +
            " --motif \"Extrait FINESS de janvier (la commission a voté)\"");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("2 structures gardées sur 4 lignes « structureet », 2 localisées"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("extraction du 2026-01-07"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Licence Ouverte"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("2 structures"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(f + ".offre.csv"));   // a table of the campaign (schema 10)
    // A zones file (a DRAD zone of two communes: Saintes 17415, Matha 17224).
    const std::string zones = dir_->file("zones.csv");
    spit(zones, "zone;libelle;communes\nDRAD1;DRAD de Saintonge;17415 17224\n");
    r = cli("offre " + f + coord + " --zones " + zones + " --motif \"Zone DRAD connue après la séance\"");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("Zone « DRAD de Saintonge » (DRAD1) : 2 communes"), std::string::npos) << r.out;
}

// The help has a « Territoire » section; each command runs on the ACT demo
// too (six départements of PACA, no shipped offer), so that every argument a
// handler reads is declared.
TEST(TerritoryCliAct, HelpAndEveryCommandOnTheActDemo) {
    Ran r = cli("--help");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("\nTerritoire :\n  couverture FICHIER"), std::string::npos) << r.out;
    cotation::test::TempDir dir;
    const std::string f = dir.file("act.cot");
    ASSERT_EQ(cli("demo " + f).code, 0);
    r = cli("couverture " + f + " --csv");
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("\nsites_existants;0\n"), std::string::npos) << r.out;
    r = cli("repartition " + f + " --csv");
    EXPECT_EQ(r.code, 0) << r.out;
    // Every département of the regional call is listed with its rate, even
    // without any place (a new user's trial found the Var and the
    // Alpes-de-Haute-Provence missing): ACT-2023-01 alone is in Marseille.
    r = cli("couverture " + f + " --avec ACT-2023-01");
    ASSERT_EQ(r.code, 0) << r.out;
    for (const char* dep : {"Alpes-de-Haute-Provence : 0,00 → 0,00", "Hautes-Alpes : 0,00 → 0,00", "Alpes-Maritimes : 0,00 → 0,00",
                            "Var : 0,00 → 0,00", "Vaucluse : 0,00 → 0,00", "Bouches-du-Rhône : 0,00 → "})
        EXPECT_NE(r.out.find(std::string("\n  ") + dep), std::string::npos) << dep << "\n" << r.out;
    r = cli("offre " + f);
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("Offre existante (aucune)"), std::string::npos) << r.out;
    r = cli("offre " + f + " --categorie 500");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("--categorie ne vaut qu'avec --import"), std::string::npos) << r.out;
}

// Recording the allocation followed: a variant departing from the ranking
// order needs --motif; recorded, it is journaled and said back; --retirer
// withdraws it. A zones file naming an unknown commune, given with a good
// offer file, stores neither.
TEST_F(TerritoryCli, RecordsTheVariantWithItsReasonAndStoresNothingHalfWay) {
    const std::string f = dir_->file("uphv-repartition.cot");
    std::filesystem::copy_file(file_, f);
    const std::string coord = " --par \"Isabelle Renaud (Département 17, direction de l'autonomie)\"";
    Ran r = cli("repartition " + f + coord + " --variante UPHV-2019-01,UPHV-2019-08 --enregistrer");
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("écrivez le motif (--motif)"), std::string::npos) << r.out;
    r = cli("repartition " + f + " --motif x");
    EXPECT_EQ(r.code, 2) << r.out;
    r = cli("repartition " + f + coord + " --variante UPHV-2019-01,UPHV-2019-08 --enregistrer --motif \"Couvrir l'Aunis.\"");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("Répartition enregistrée : variante du coordonnateur — UPHV-2019-01, UPHV-2019-08 ; motif : Couvrir l'Aunis."),
              std::string::npos) << r.out;
    r = cli("journal show " + f + coord);
    EXPECT_NE(r.out.find("campagne/repartition"), std::string::npos) << r.out;
    // The demo's committee has voted: the allocation is no longer withdrawn
    // (trial 1011D; withdrawing before a vote: Trial1011dAllocation).
    r = cli("repartition " + f + coord + " --retirer");
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("elle ne peut plus être retirée"), std::string::npos) << r.out;
    r = cli("repartition " + f);
    EXPECT_NE(r.out.find("Répartition enregistrée : variante du coordonnateur — UPHV-2019-01, UPHV-2019-08"), std::string::npos) << r.out;

    // Line 2 of the offer is good (Saintes); the zones file's line 2 names 17999.
    spit(dir_->file("o.csv"), "finess;nom;categorie;type;commune;statut;gestionnaire;hp;ht;aj;latitude;longitude;source\n"
                               ";EHPAD A;500;EHPAD;17415;public;CH;10;0;0;;;essai\n");
    spit(dir_->file("z.csv"), "zone;libelle;communes\nZ;Zone;17999\n");
    r = cli("offre " + f + coord + " --fichier " + dir_->file("o.csv") + " --zones " + dir_->file("z.csv"));
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("« z.csv », ligne 2 : champ « communes » : « 17999 »"), std::string::npos) << r.out;
    r = cli("offre " + f);
    EXPECT_NE(r.out.find("9 structures, 179 lits"), std::string::npos) << r.out;   // the offer unchanged
    // A structure outside the campaign's territory (Bordeaux, 33063, for a
    // Charente-Maritime call) is kept and said (trial 1011E F11).
    spit(dir_->file("o2.csv"), "finess;nom;categorie;type;commune;statut;gestionnaire;hp;ht;aj;latitude;longitude;source\n"
                                ";EHPAD A;500;EHPAD;17415;public;CH;10;0;0;;;essai\n;EHPAD B;500;EHPAD;33063;public;CH;12;0;0;;;essai\n");
    r = cli("offre " + f + coord + " --fichier " + dir_->file("o2.csv") + " --motif \"Essai\"");
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("Attention : 1 structure hors du territoire de la campagne (départements 17) : « EHPAD B » (commune "
                         "33063). Gardée : elle compte"),
              std::string::npos) << r.out;
}

// A user's trial: a new CRT campaign without any site listed « … et 4283
// autres. » under « 4 293 communes » : the count is grouped like the others.
TEST(TerritoryCliNew, CommunesLeftOverAreCountedInFrench) {
    cotation::test::TempDir dir;
    const std::string f = dir.file("crt.cot");
    ASSERT_EQ(cli("new " + f + " --grid " + cotation::test::source_dir() + "/scoring-grids/crt-2022.xml").code, 0);
    Ran r = cli("couverture " + f);
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("… et 4\u00A0283 autres."), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("… et 4283 autres."), std::string::npos) << r.out;
}

// A user's trial: `offre F --exporter /tmp` said « erreur inattendue :
// filesystem error: cannot rename: Is a directory » and left /tmp.tmp behind.
TEST(TerritoryCliNew, ExportOfferOntoADirectoryIsRefusedInFrench) {
    cotation::test::TempDir dir;
    const std::string f = dir.file("uphv.cot");
    ASSERT_EQ(cli("new " + f + " --grid " + cotation::test::source_dir() + "/scoring-grids/uphv-17-2019.xml").code, 0);
    const std::string sub = dir.file("sortie");
    ASSERT_EQ(std::system(("mkdir " + sub).c_str()), 0);
    Ran r = cli("offre " + f + " --exporter " + sub);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("est un dossier, pas un fichier"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("erreur inattendue"), std::string::npos) << r.out;
    EXPECT_FALSE(std::ifstream(sub + ".tmp").good());
}

// Same trial for `carte --out` naming a folder « d.png » : « d.png.tmp » stayed.
TEST(TerritoryCliNew, MapOntoADirectoryIsRefusedInFrench) {
    cotation::test::TempDir dir;
    const std::string f = dir.file("uphv.cot");
    ASSERT_EQ(cli("new " + f + " --grid " + cotation::test::source_dir() + "/scoring-grids/uphv-17-2019.xml").code, 0);
    for (const char* name : {"d.png", "d.pdf"}) {
        const std::string out = dir.file(name);
        ASSERT_EQ(std::system(("mkdir " + out).c_str()), 0);
        Ran r = cli("carte " + f + " --out " + out);
        EXPECT_EQ(r.code, 1) << r.out;
        EXPECT_NE(r.out.find("c'est un dossier"), std::string::npos) << r.out;
        EXPECT_EQ(r.out.find("erreur inattendue"), std::string::npos) << r.out;
        EXPECT_FALSE(std::ifstream(out + ".tmp").good());
    }
}

// And `commission --out` naming a folder said « (Is a directory) ».
TEST(TerritoryCliNew, CommitteeFileOntoADirectoryIsRefusedInFrench) {
    cotation::test::TempDir dir;
    const std::string f = dir.file("uphv.cot");
    ASSERT_EQ(cli("new " + f + " --grid " + cotation::test::source_dir() +
                  "/scoring-grids/uphv-17-2019.xml --param campagne.date_commission=15/11/2019")
                  .code,
              0);
    const std::string out = dir.file("d.pdf");
    ASSERT_EQ(std::system(("mkdir " + out).c_str()), 0);
    Ran r = cli("commission " + f + " --out " + out);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("c'est un dossier"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("Is a directory"), std::string::npos) << r.out;
}

// couverture and carte show the recorded allocation by default, and say so;
// --avec still overrides it.
TEST_F(TerritoryCli, CoverageAndMapFollowTheRecordedAllocation) {
    // Before the séance: once voted, the allocation is not withdrawn (trial 1011D).
    const std::string f = dir_->file("recorded.cot");
    ASSERT_EQ(cli("demo " + f + " --appel uphv --etape instruction").code, 0);
    const std::string coord = "--par \"Isabelle Renaud (Département 17, direction de l'autonomie)\"";
    // Nothing recorded yet: nothing to withdraw, said, nothing journaled (trial 1011E F6).
    Ran r = cli("repartition " + f + " --retirer " + coord);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("Aucune répartition enregistrée : rien à retirer."), std::string::npos) << r.out;
    EXPECT_EQ(cli("journal show " + f + " " + coord).out.find("campagne/repartition"), std::string::npos);
    r = cli("couverture " + f + " --csv --offre-seule");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("\nsites_candidats;0\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\nensemble;offre_existante\n"), std::string::npos) << r.out;
    // Nothing recorded: the allocation in ranking order under the call's rules,
    // three units of 8 beds (§1.1.2 of the UPHV call: 24 beds).
    r = cli("couverture " + f + " --csv");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("\nsites_candidats;3\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\nensemble;ordre_du_classement\n"), std::string::npos) << r.out;
    r = cli("repartition " + f + " --variante UPHV-2019-01,UPHV-2019-06 --enregistrer --motif \"Équilibre nord-sud\" " + coord);
    ASSERT_EQ(r.code, 0) << r.out;
    r = cli("couverture " + f + " --csv");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("\nsites_candidats;2\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\nensemble;repartition_enregistree\n"), std::string::npos) << r.out;
    r = cli("couverture " + f);
    EXPECT_NE(r.out.find("Ensemble montré : Répartition enregistrée, variante du coordonnateur : UPHV-2019-01, UPHV-2019-06."),
              std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Candidatures ajoutées : UPHV-2019-01, UPHV-2019-06."), std::string::npos) << r.out;
    r = cli("couverture " + f + " --csv --avec UPHV-2019-02");
    EXPECT_NE(r.out.find("\nsites_candidats;1\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\nensemble;avec\n"), std::string::npos) << r.out;
    // The map: two stars, the set said above it and on the command's output.
    const std::string pdf = dir_->file("recorded.pdf");
    r = cli("carte " + f + " --out " + pdf);
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("Répartition enregistrée, variante du coordonnateur"), std::string::npos) << r.out;
    const std::string text = cotation::test::words(cotation::test::pdftotext(pdf));
    EXPECT_NE(text.find("Répartition enregistrée, variante du coordonnateur : UPHV-2019-01, UPHV-2019-06."), std::string::npos) << text;
}

// A new user's trial: `param F campagne.distance_acces=-5` was accepted and
// gave « Population au-delà de -5,0 km : … (100 %) »; 100 000 km too. The
// grids declare the parameter's bounds (1 to 300 km), which `param` applies
// naming the parameter; a plausible distance is taken by the coverage.
TEST(TerritoryCliNew, AccessDistanceOutsideItsBoundsIsRefused) {
    cotation::test::TempDir dir;
    for (const char* grid : {"uphv-17-2019", "crt-2022", "act-hlm-paca-2023"}) {
        const std::string f = dir.file(std::string(grid) + ".cot");
        ASSERT_EQ(cli("new " + f + " --grid " + cotation::test::source_dir() + "/scoring-grids/" + grid + ".xml").code, 0) << grid;
        for (const auto& [value, said] : std::vector<std::pair<std::string, std::string>>{
                 {"-5", "la valeur −5 est inférieure au minimum 1"},
                 {"0", "la valeur 0 est inférieure au minimum 1"},
                 {"100000", "la valeur 100\u00A0000 dépasse le maximum 300"}}) {
            const Ran r = cli("param " + f + " campagne.distance_acces=" + value);
            EXPECT_NE(r.code, 0) << grid << " " << value << r.out;
            EXPECT_NE(r.out.find("Paramètre « campagne.distance_acces » : " + said), std::string::npos) << grid << r.out;
        }
        ASSERT_EQ(cli("param " + f + " campagne.distance_acces=45").code, 0) << grid;
        const Ran c = cli("couverture " + f);
        EXPECT_NE(c.out.find("Distance d'accès : 45,0\u00A0km."), std::string::npos) << grid << c.out;
    }
}

// A new user's trial: the ACT HLM rules file said `distance_acces = 50`,
// which nothing read (the grid's parameter, 30 km, won). One source now: the
// grid's parameter, 50 km for the ACT HLM call, 30 km for the two others;
// no shipped rules file repeats it.
TEST(TerritoryCliNew, AccessDistanceHasOneSourceTheGridsParameter) {
    cotation::test::TempDir dir;
    for (const auto& [grid, km] : std::vector<std::pair<std::string, std::string>>{
             {"uphv-17-2019", "30,0"}, {"crt-2022", "30,0"}, {"act-hlm-paca-2023", "50,0"}}) {
        const std::string rules = cotation::test::slurp(cotation::test::source_dir() + "/scoring-grids/" + grid + ".territoire.txt");
        EXPECT_EQ(rules.find("\ndistance_acces"), std::string::npos) << grid;
        const std::string f = dir.file(grid + ".cot");
        ASSERT_EQ(cli("new " + f + " --grid " + cotation::test::source_dir() + "/scoring-grids/" + grid + ".xml").code, 0) << grid;
        const Ran c = cli("couverture " + f + " --csv");
        EXPECT_NE(c.out.find("\ndistance_acces_km;" + km.substr(0, 2) + ".00\n"), std::string::npos) << grid << c.out;
        EXPECT_NE(cli("couverture " + f).out.find("Distance d'accès : " + km + "\u00A0km."), std::string::npos) << grid;
    }
}
