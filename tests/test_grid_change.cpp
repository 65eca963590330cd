#include <gtest/gtest.h>

#include <fstream>

#include "app/session.h"
#include "core/error.h"
#include "io/grid_reader.h"
#include "io/grid_writer.h"
#include "test_support.h"

using namespace cotation;

TEST(GridWriter, RoundTripKeepsEverythingAndIsStable) {
    for (const char* f : {"act-hlm-paca-2023.xml", "crt-2022.xml", "uphv-17-2019.xml"}) {
        std::string path = test::source_dir() + "/scoring-grids/" + f;
        Grid a = io::read_grid_file(path);
        std::string xml = io::write_grid_xml(a);
        Grid b = io::read_grid(xml, "réécrite.xml", io::forms_beside(path));
        EXPECT_EQ(b.id, a.id);
        EXPECT_EQ(b.criterion_count(), a.criterion_count());
        EXPECT_EQ(b.max_total(), a.max_total());
        ASSERT_EQ(b.rules.size(), a.rules.size());
        for (std::size_t i = 0; i < a.rules.size(); ++i) {
            EXPECT_EQ(b.rules[i].test_text, a.rules[i].test_text);
            EXPECT_EQ(b.rules[i].when_text, a.rules[i].when_text);
            EXPECT_EQ(b.rules[i].effect, a.rules[i].effect);
            EXPECT_EQ(b.rules[i].prerequisites, a.rules[i].prerequisites);   // requires="…"
            EXPECT_EQ(b.rules[i].message, a.rules[i].message);
        }
        for (const auto& t : a.themes)
            for (const auto& c : t.criteria) {
                EXPECT_EQ(b.criterion(c.id)->coefficient, c.coefficient);
                EXPECT_EQ(b.criterion(c.id)->guidance, c.guidance);
                EXPECT_EQ(b.criterion(c.id)->levels, c.levels);
            }
        ASSERT_EQ(b.parameters.size(), a.parameters.size());
        for (std::size_t i = 0; i < a.parameters.size(); ++i) {
            EXPECT_EQ(to_canonical(b.parameters[i].default_value), to_canonical(a.parameters[i].default_value));
            EXPECT_EQ(b.parameters[i].role, a.parameters[i].role);   // capacity and unit roles
        }
        EXPECT_EQ(b.facts.size(), a.facts.size());
        EXPECT_EQ(io::write_grid_xml(b), xml) << f;   // writing what was written changes nothing
    }
}

namespace {
// A two-criterion grid: A.1 coefficient 2, A.2 coefficient 1 (15 points).
std::string grid_xml(const std::string& version, const std::string& c1, const std::string& c2, bool extra = false) {
    return "<grid id=\"essai\" version=\"" + version + "\" title=\"Essai\">\n"
           "<theme id=\"A\" label=\"Thème\">\n"
           "<criterion id=\"A.1\" label=\"Un\" coefficient=\"" + c1 + "\"/>\n" +
           (c2.empty() ? "" : "<criterion id=\"A.2\" label=\"Deux\" coefficient=\"" + c2 + "\"/>\n") +
           (extra ? "<criterion id=\"A.3\" label=\"Trois\" coefficient=\"1\"/>\n" : "") + "</theme>\n</grid>\n";
}
}  // namespace

// Hand computation. Ratings: P (A.1 = 5, A.2 = 1), Q (A.1 = 2, A.2 = 5), R (A.1 = 3, A.2 = 3).
// Version 1 (2, 1): P = 11, Q = 9, R = 9 → P 1st, Q and R 2nd ex aequo.
// Version 2 (1, 3): P = 8, Q = 17, R = 12 → Q 1st, R 2nd, P 3rd.
TEST(GridChangePreview, HandComputedScoresAndRanks) {
    test::TempDir dir;
    std::ofstream(dir.file("v1.xml")) << grid_xml("1", "2", "1");
    std::ofstream(dir.file("v2.xml")) << grid_xml("2", "1", "3");
    NewCampaign nc;
    nc.reference = "essai";
    auto s = Session::create(dir.file("c.cot"), dir.file("v1.xml"), nc, "test");
    std::ofstream(dir.file("d.csv")) << "reference;organisme;siret;finess;commune;places;budget_annuel;date_depot\n"
                                        "P;Org P;;;16015;;;\nQ;Org Q;;;16015;;;\nR;Org R;;;16015;;;\n";
    s->import_dossiers_file(dir.file("d.csv"), "test");
    std::ofstream(dir.file("n.csv")) << "dossier;evaluateur;critere;note;justification\n"
                                        "P;X;A.1;5;j\nP;X;A.2;1;j\nQ;X;A.1;2;j\nQ;X;A.2;5;j\nR;X;A.1;3;j\nR;X;A.2;3;j\n";
    s->import_ratings_file(dir.file("n.csv"), "test");

    auto candidate = s->read_candidate_grid(dir.file("v2.xml"));
    GridChange c = s->preview_grid_change(candidate);
    EXPECT_EQ(c.max_before, Rational(15));
    EXPECT_EQ(c.max_after, Rational(20));
    EXPECT_EQ(c.changed_coefficients, (std::vector<std::string>{"A.1 : 2 → 1", "A.2 : 1 → 3"}));
    ASSERT_EQ(c.dossiers.size(), 3u);
    auto ref = [&](std::size_t i) { return s->dossiers()[c.dossiers[i].dossier].reference; };
    EXPECT_EQ(ref(0), "Q");
    EXPECT_EQ(c.dossiers[0].before, Rational(9));
    EXPECT_EQ(c.dossiers[0].after, Rational(17));
    EXPECT_EQ(c.dossiers[0].rank_before, 2);
    EXPECT_EQ(c.dossiers[0].rank_after, 1);
    EXPECT_EQ(ref(1), "R");
    EXPECT_EQ(c.dossiers[1].after, Rational(12));
    EXPECT_EQ(ref(2), "P");
    EXPECT_EQ(c.dossiers[2].before, Rational(11));
    EXPECT_EQ(c.dossiers[2].after, Rational(8));
    EXPECT_EQ(c.dossiers[2].rank_before, 1);
    EXPECT_EQ(c.dossiers[2].rank_after, 3);
    // Nothing applied yet.
    EXPECT_EQ(s->grid().version, "1");
    EXPECT_EQ(s->ranking().ranked[0].score.total, Rational(11));

    // A grid without A.2 and with a new A.3: A.2's 3 ratings would stop counting.
    std::ofstream(dir.file("v3.xml")) << grid_xml("3", "2", "", true);
    GridChange d = s->preview_grid_change(s->read_candidate_grid(dir.file("v3.xml")));
    EXPECT_EQ(d.removed_criteria, std::vector<std::string>{"A.2 (3 notes ne compteront plus)"});
    EXPECT_EQ(d.added_criteria, std::vector<std::string>{"A.3 (à noter)"});
}

TEST(GridChangeApply, NeedsANewVersionAndAReasonAndKeepsHistory) {
    test::TempDir dir;
    std::ofstream(dir.file("v1.xml")) << grid_xml("1", "2", "1");
    std::ofstream(dir.file("v1bis.xml")) << grid_xml("1", "3", "1");
    std::ofstream(dir.file("v2.xml")) << grid_xml("2", "1", "3");
    NewCampaign nc;
    nc.reference = "essai";
    auto s = Session::create(dir.file("c.cot"), dir.file("v1.xml"), nc, "test");
    EXPECT_THROW(s->apply_grid_change(s->read_candidate_grid(dir.file("v1bis.xml")), "coquille", "Claire"), InputError);
    EXPECT_THROW(s->apply_grid_change(s->read_candidate_grid(dir.file("v2.xml")), "  ", "Claire"), InputError);
    s->apply_grid_change(s->read_candidate_grid(dir.file("v2.xml")), "Décision du comité de pilotage", "Claire");
    auto reopened = Session::open(dir.file("c.cot"));
    EXPECT_EQ(reopened->grid().version, "2");
    EXPECT_EQ(reopened->grid().criterion("A.2")->coefficient, Rational(3));
    auto history = reopened->store().grid_versions();
    ASSERT_EQ(history.size(), 1u);
    EXPECT_NE(history[0].find("essai version 1"), std::string::npos) << history[0];
    EXPECT_NE(history[0].find("Décision du comité de pilotage"), std::string::npos);
    auto j = reopened->store().journal("campagne/grille");
    ASSERT_EQ(j.size(), 1u);
    EXPECT_EQ(j[0].old_value, "essai version 1");
    EXPECT_EQ(j[0].actor, "Claire (compte " + Session::os_login() + ")");   // person and account
    EXPECT_TRUE(reopened->store().verify_journal().ok);
}
