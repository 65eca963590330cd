#include <gtest/gtest.h>

#include <fstream>

#include "app/demo.h"
#include "app/session.h"
#include "core/error.h"
#include "io/grid_reader.h"
#include "test_support.h"

using namespace cotation;

namespace {
std::vector<const Rating*> ptrs(const std::vector<Rating>& v) {
    std::vector<const Rating*> out;
    for (const auto& r : v) out.push_back(&r);
    return out;
}
}  // namespace

TEST(Consolidation, FlagsSpreadOfTwoAndZero) {
    Grid g = test::small_grid();
    // A.1: 2 and 4 (spread 2) → flagged; A.2: 3 and 4 (spread 1) → not flagged.
    std::vector<Rating> r{{1, "A", "A.1", 2, "j"}, {1, "B", "A.1", 4, "j"}, {1, "A", "A.2", 3, "j"}, {1, "B", "A.2", 4, "j"}};
    DossierScore s = score_dossier(g, ptrs(r));
    EXPECT_TRUE(s.criteria[0].flagged);
    EXPECT_FALSE(s.criteria[1].flagged);
    EXPECT_EQ(s.pending, std::vector<std::string>{"A.1"});
    // A 0 among two reviewers is flagged even with a spread of 1; a lone
    // reviewer's 0 has nothing to be consolidated with.
    std::vector<Rating> zero{{1, "A", "A.2", 0, "Rien sur ce point."}, {1, "B", "A.2", 1, "Peu."}};
    EXPECT_TRUE(score_dossier(g, ptrs(zero)).criteria[1].flagged);
    std::vector<Rating> alone{{1, "A", "A.2", 0, "Rien sur ce point."}};
    EXPECT_FALSE(score_dossier(g, ptrs(alone)).criteria[1].flagged);
}

TEST(Consolidation, DecisionReplacesTheMeanAndClearsTheFlag) {
    Grid g = test::small_grid();
    std::vector<Rating> r{{1, "A", "A.1", 2, "j"}, {1, "B", "A.1", 4, "j"}, {1, "A", "A.2", 3, "j"}};
    // Mean of A.1 = 3 → 2 × 3 + 3 = 9 points; decided at 3.5 → 2 × 3.5 + 3 = 10.
    EXPECT_EQ(score_dossier(g, ptrs(r)).total, Rational(9));
    std::map<std::string, ConsolidationDecision> d{{"A.1", {"A.1", Rational(7, 2), "Audition du porteur", "Coord"}}};
    DossierScore s = score_dossier(g, ptrs(r), &d);
    EXPECT_EQ(s.total, Rational(10));
    EXPECT_TRUE(s.criteria[0].decided);
    EXPECT_TRUE(s.pending.empty());
}

TEST(Consolidation, PendingDossierIsOutOfTheFinalRankingAndSaysWhy) {
    Grid g = test::small_grid();
    std::vector<Dossier> ds = test::named_dossiers({"P", "Q"});
    std::vector<Rating> r{{1, "A", "A.1", 1, "j"}, {1, "B", "A.1", 5, "j"}, {2, "A", "A.1", 2, "j"}};
    auto idx = index_ratings(r);
    Ranking k = rank_dossiers(g, Campaign{}, ds, idx);
    ASSERT_EQ(k.ranked.size(), 1u);
    ASSERT_EQ(k.pending.size(), 1u);
    EXPECT_EQ(ds[k.pending[0].dossier].reference, "P");
    EXPECT_EQ(k.pending[0].proposal, Proposal::Pending);
    EXPECT_EQ(k.pending[0].proposal_reason, "arbitrage attendu sur A.1");
    ConsolidationIndex decided{{1, {{"A.1", {"A.1", Rational(3), "", "Coord"}}}}};
    Ranking k2 = rank_dossiers(g, Campaign{}, ds, idx, &decided);
    EXPECT_EQ(k2.ranked.size(), 2u);
    EXPECT_TRUE(k2.pending.empty());
    EXPECT_EQ(k2.ranked[0].score.total, Rational(6));   // 2 × 3
}

TEST(Consolidation, SessionRequiresAReasonToDepartFromTheMeanAndJournalsIt) {
    test::TempDir dir;
    std::ofstream(dir.file("g.xml")) << "<grid id=\"g\" version=\"1\" title=\"t\">\n<theme id=\"A\" label=\"T\">\n"
                                        "<criterion id=\"A.1\" label=\"Un\" coefficient=\"2\"/>\n</theme>\n</grid>\n";
    NewCampaign nc;
    nc.reference = "essai";
    auto s = Session::create(dir.file("c.cot"), dir.file("g.xml"), nc, "test");
    std::ofstream(dir.file("d.csv")) << "reference;organisme;siret;finess;commune;places;budget_annuel;date_depot\nP;Org;;;16015;;;\n";
    s->import_dossiers_file(dir.file("d.csv"), "test");
    std::ofstream(dir.file("n.csv")) << "dossier;evaluateur;critere;note;justification\nP;A;A.1;1;j\nP;B;A.1;4;j\n";
    s->import_ratings_file(dir.file("n.csv"), "test");
    std::int64_t id = s->dossiers()[0].id;
    EXPECT_EQ(s->ranking().pending.size(), 1u);
    // The mean is 5/2: another value needs a reason; out of scale is refused.
    EXPECT_THROW(s->consolidate(id, "A.1", Rational(3), "", "Coord"), InputError);
    EXPECT_THROW(s->consolidate(id, "A.1", Rational(6), "trop", "Coord"), InputError);
    EXPECT_THROW(s->consolidate(id, "A.9", Rational(3), "x", "Coord"), InputError);
    s->consolidate(id, "A.1", Rational(5, 2), "", "Coord");            // the mean itself: no reason needed
    s->consolidate(id, "A.1", Rational(3), "Pièces complémentaires reçues", "Coord");
    auto reopened = Session::open(dir.file("c.cot"));
    ASSERT_EQ(reopened->ranking().ranked.size(), 1u);
    EXPECT_EQ(reopened->ranking().ranked[0].score.total, Rational(6));
    auto j = reopened->store().journal("dossier/P/consolidation/A.1");
    ASSERT_EQ(j.size(), 2u);
    EXPECT_EQ(j[1].old_value, "2.5 — ");
    EXPECT_EQ(j[1].new_value, "3 — Pièces complémentaires reçues");
    EXPECT_TRUE(reopened->store().verify_journal().ok);
}

// On the ACT demo (four themes): ACT-2023-10's II.6 is rated 3 and 1 (mean 2,
// spread 2). Consolidating it at the mean needs no reason; at 3 it does. A
// criterion of the first theme is found where it is (the index once ran past it).
TEST(Consolidation, MeanOfTheRightCriterionInAMultiThemeGrid) {
    test::TempDir dir;
    auto s = create_demo(dir.file("demo.cot"), "act-hlm", DemoStage::Instruction);
    const std::string coord = test::demo_coordinator(*s);
    std::int64_t id = s->dossiers()[*s->find("ACT-2023-10")].id;
    EXPECT_EQ(*s->grid().criterion_index("I.1"), 0u);
    EXPECT_EQ(*s->grid().criterion_index("II.6"), 7u);    // 2 criteria in theme I, then II.1 … II.6
    EXPECT_EQ(*s->grid().criterion_index("IV.4"), 16u);
    EXPECT_FALSE(s->grid().criterion_index("V.1"));
    const RankEntry* e = s->entry_of(*s->find("ACT-2023-10"));
    EXPECT_EQ(*e->score.criteria[7].mean, Rational(2));
    EXPECT_EQ(e->score.criteria[7].spread, 2);
    EXPECT_THROW(s->consolidate(id, "II.6", Rational(3), "", coord), InputError);
    s->consolidate(id, "II.6", Rational(2), "", coord);
    EXPECT_TRUE(s->ranking().pending.empty());
}
