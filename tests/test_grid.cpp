#include <gtest/gtest.h>

#include <regex>

#include "core/error.h"
#include "io/grid_reader.h"
#include "test_support.h"

using namespace cotation;
using cotation::test::act_grid;

// Expected figures copied by hand from 002_b6e7761497ac7a31.txt, Annexe 2 —
// Critères de sélection (the table "THEMES / CRITERES / Coeff.").
TEST(ActHlmGrid, ReproducesAnnexe2) {
    const Grid& g = act_grid();
    ASSERT_EQ(g.themes.size(), 4u);
    EXPECT_EQ(g.criterion_count(), 17u);
    const std::vector<std::pair<std::string, std::vector<int>>> expected{
        {"I", {8, 4}},
        {"II", {3, 3, 2, 6, 3, 6, 4, 2, 1}},
        {"III", {3, 3}},
        {"IV", {2, 4, 4, 2}}};
    const int theme_max[] = {60, 150, 30, 60};   // 12×5, 30×5, 6×5, 12×5
    for (std::size_t t = 0; t < 4; ++t) {
        const Theme& th = g.themes[t];
        EXPECT_EQ(th.id, expected[t].first);
        ASSERT_EQ(th.criteria.size(), expected[t].second.size()) << th.id;
        for (std::size_t c = 0; c < th.criteria.size(); ++c) {
            EXPECT_EQ(th.criteria[c].id, th.id + "." + std::to_string(c + 1));
            EXPECT_EQ(th.criteria[c].coefficient, Rational(expected[t].second[c])) << th.criteria[c].id;
            // Cited by the call's title (the grid's <sources> block), not by the seed's file name.
            EXPECT_EQ(th.criteria[c].source.rfind("Appel à candidatures de l'ARS Provence-Alpes-Côte d'Azur", 0), 0u)
                << th.criteria[c].source;
            EXPECT_EQ(th.criteria[c].levels.size(), 6u);
        }
        EXPECT_EQ(g.theme_max(th), Rational(theme_max[t]));
    }
    EXPECT_EQ(g.max_total(), Rational(300));
    EXPECT_EQ(g.criterion("II.4")->label, "Organisation de la prise en charge");
    EXPECT_NE(g.criterion("II.4")->guidance.find("modalités d'admission et de sortie"), std::string::npos);
    EXPECT_NE(g.criterion("IV.4")->guidance.find("plan de recrutement"), std::string::npos);
}

namespace {
std::string minimal(const std::string& themes, const std::string& extra = "", const std::string& total = "") {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<grid id=\"g\" version=\"1\" title=\"Essai\"" +
           (total.empty() ? std::string() : " total=\"" + total + "\"") + ">\n" + extra + themes + "</grid>\n";
}
const std::string kTheme =
    "<theme id=\"A\" label=\"Thème\" max=\"15\">\n"
    "  <criterion id=\"A.1\" label=\"Un\" coefficient=\"2\"/>\n"
    "  <criterion id=\"A.2\" label=\"Deux\" coefficient=\"1\"/>\n"
    "</theme>\n";

std::string error_of(const std::string& xml) {
    try {
        io::read_grid(xml, "essai.xml");
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST(GridErrors, ValidMinimalGridLoads) {
    Grid g = io::read_grid(minimal(kTheme, "", "15"), "essai.xml");
    EXPECT_EQ(g.max_total(), Rational(15));   // (2 + 1) × 5
}

TEST(GridErrors, DuplicateCriterionNamesFileLineAndElement) {
    std::string xml = minimal("<theme id=\"A\" label=\"T\">\n  <criterion id=\"A.1\" label=\"Un\" coefficient=\"2\"/>\n"
                              "  <criterion id=\"A.1\" label=\"Bis\" coefficient=\"1\"/>\n</theme>\n");
    std::string e = error_of(xml);
    EXPECT_NE(e.find("essai.xml, ligne 5, <criterion id=\"A.1\">"), std::string::npos) << e;
    EXPECT_NE(e.find("déjà utilisé"), std::string::npos) << e;
}

TEST(GridErrors, CoefficientMustBePositive) {
    std::string e = error_of(minimal("<theme id=\"A\" label=\"T\">\n  <criterion id=\"A.1\" label=\"Un\" coefficient=\"0\"/>\n</theme>\n"));
    EXPECT_NE(e.find("ligne 4"), std::string::npos) << e;
    EXPECT_NE(e.find("strictement positif"), std::string::npos) << e;
    e = error_of(minimal("<theme id=\"A\" label=\"T\">\n  <criterion id=\"A.1\" label=\"Un\" coefficient=\"-2\"/>\n</theme>\n"));
    EXPECT_NE(e.find("strictement positif"), std::string::npos) << e;
}

TEST(GridErrors, ThemeMaximumContradictingCriteria) {
    std::string bad = kTheme;
    bad.replace(bad.find("max=\"15\""), 8, "max=\"20\"");
    std::string e = error_of(minimal(bad));
    EXPECT_NE(e.find("ligne 3, <theme id=\"A\">"), std::string::npos) << e;
    EXPECT_NE(e.find("maximum déclaré (20 points)"), std::string::npos) << e;
    EXPECT_NE(e.find("15 points"), std::string::npos) << e;
}

TEST(GridErrors, DeclaredTotalContradictingThemes) {
    std::string e = error_of(minimal(kTheme, "", "300"));
    EXPECT_NE(e.find("total déclaré (300 points)"), std::string::npos) << e;
}

TEST(GridErrors, UnknownElementAndMissingAttribute) {
    EXPECT_NE(error_of(minimal(kTheme + "<critere id=\"x\"/>\n")).find("élément inconnu"), std::string::npos);
    std::string e = error_of(minimal("<theme id=\"A\" label=\"T\">\n  <criterion id=\"A.1\" label=\"Un\"/>\n</theme>\n"));
    EXPECT_NE(e.find("« coefficient » manque"), std::string::npos) << e;
}

TEST(GridErrors, RuleWithUnknownFactNamesRuleAndLine) {
    std::string rules = "<rules>\n<rule id=\"r1\" label=\"Essai\">\n<test>budjet &lt;= 3</test>\n</rule>\n</rules>\n";
    std::string e = error_of(minimal(kTheme, rules));
    EXPECT_NE(e.find("essai.xml, ligne 4, <rule id=\"r1\">"), std::string::npos) << e;
    EXPECT_NE(e.find("« budjet »"), std::string::npos) << e;
}

TEST(GridErrors, RuleWithTypeError) {
    std::string rules = "<rules>\n<rule id=\"r1\" label=\"Essai\">\n<test>places + 1</test>\n</rule>\n</rules>\n";
    std::string e = error_of(minimal(kTheme, rules));
    EXPECT_NE(e.find("vraie ou fausse"), std::string::npos) << e;
}

TEST(GridErrors, MalformedXmlNamesLine) {
    std::string e = error_of("<grid id=\"g\" version=\"1\" title=\"t\">\n<theme id=\"A\">\n</grid>\n");
    EXPECT_NE(e.find("essai.xml, ligne 3"), std::string::npos) << e;
    EXPECT_NE(e.find("XML mal formé"), std::string::npos) << e;
}

TEST(GridErrors, MissingFileIsNamed) {
    try {
        io::read_grid_file("/nonexistent/grille.xml");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/grille.xml"), std::string::npos);
    }
}

namespace {
std::string form_error(const std::string& form_xml, const std::string& form_id = "f") {
    std::string grid = "<grid id=\"g\" version=\"1\" title=\"t\" form=\"" + form_id + "\">\n" + kTheme + "</grid>\n";
    try {
        io::read_grid(grid, "grille.xml", [&](const std::string&) { return io::FormText{form_xml, "formulaire.xml"}; });
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST(FormErrors, NamesTheFormFileLineAndElement) {
    std::string e = form_error("<form id=\"f\" version=\"1\">\n<fact id=\"x\" type=\"nombre\" label=\"X\"/>\n"
                               "<fact id=\"x\" type=\"texte\" label=\"Y\"/>\n</form>\n");
    EXPECT_NE(e.find("formulaire.xml, ligne 3, <fact id=\"x\"> : l'identifiant « x » est déjà utilisé"), std::string::npos) << e;
    e = form_error("<form id=\"f\" version=\"1\">\n<fact id=\"x\" type=\"fraction\" label=\"X\"/>\n</form>\n");
    EXPECT_NE(e.find("formulaire.xml, ligne 2, <fact id=\"x\"> : type inconnu « fraction »"), std::string::npos) << e;
    e = form_error("<form id=\"f\" version=\"1\">\n<table id=\"t\" label=\"T\" unit=\"ETP\">\n</table>\n</form>\n");
    EXPECT_NE(e.find("formulaire.xml, ligne 2, <table id=\"t\"> : un tableau a au moins une ligne"), std::string::npos) << e;
    e = form_error("<form id=\"autre\" version=\"1\"/>\n");
    EXPECT_NE(e.find("ce formulaire n'est pas « f »"), std::string::npos) << e;
    e = form_error("<grid id=\"f\" version=\"1\"/>\n");
    EXPECT_NE(e.find("l'élément racine d'un formulaire est <form>"), std::string::npos) << e;
    e = form_error("<form id=\"f\" version=\"1\">\n<fait id=\"x\"/>\n</form>\n");
    EXPECT_NE(e.find("formulaire.xml, ligne 2, <fait id=\"x\"> : élément inconnu"), std::string::npos) << e;
}

TEST(FormErrors, RuleOnAnUnknownTableRowIsRefused) {
    std::string grid = "<grid id=\"g\" version=\"1\" title=\"t\" form=\"f\">\n<rules>\n<rule id=\"r\" label=\"R\">\n"
                       "<test>effectifs.medcin &gt; 0</test>\n</rule>\n</rules>\n" + kTheme + "</grid>\n";
    std::string form = "<form id=\"f\" version=\"1\">\n<table id=\"effectifs\" label=\"Effectifs\" unit=\"ETP\">\n"
                       "<row id=\"medecin\" label=\"Médecin\"/>\n</table>\n</form>\n";
    try {
        io::read_grid(grid, "grille.xml", [&](const std::string&) { return io::FormText{form, "formulaire.xml"}; });
        FAIL();
    } catch (const GridError& e) {
        EXPECT_NE(std::string(e.what()).find("grille.xml, ligne 3, <rule id=\"r\">"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("« effectifs.medcin »"), std::string::npos) << e.what();
    }
}
