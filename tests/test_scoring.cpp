#include <gtest/gtest.h>

#include "core/scoring.h"
#include "test_support.h"

using namespace cotation;
using cotation::test::act_grid;

namespace {
std::vector<Rating> all_criteria(std::int64_t dossier, const std::string& who, int value) {
    std::vector<Rating> out;
    for (const auto& t : act_grid().themes)
        for (const auto& c : t.criteria) out.push_back({dossier, who, c.id, value, "Justification."});
    return out;
}
std::vector<const Rating*> ptrs(const std::vector<Rating>& v) {
    std::vector<const Rating*> out;
    for (const auto& r : v) out.push_back(&r);
    return out;
}
Campaign campaign(int places) {
    Campaign c;
    for (const auto& p : act_grid().parameters)
        if (!is_missing(p.default_value)) c.parameters[p.def.id] = p.default_value;
    c.parameters["campagne.places"] = Rational(places);
    c.parameters["campagne.date_limite"] = *Date::parse("2023-04-28");
    return c;
}
Dossier dossier(std::int64_t id, const std::string& ref, int places, const std::string& depot = "2023-04-01") {
    Dossier d;
    d.id = id;
    d.reference = ref;
    d.organisme = "Org " + ref;
    d.commune = "13203";
    d.facts["places"] = Rational(places);
    d.facts["budget_annuel"] = Rational(places * 12600);
    d.facts["date_depot"] = *Date::parse(depot);
    d.facts["effectifs.medecin"] = Rational(1);
    d.facts["coordonnateur_designe"] = true;
    d.facts["participation_usager_jour"] = Rational(0);
    d.facts["date_debut_activite"] = *Date::parse("2023-09-01");
    for (const auto& doc : act_grid().documents) d.documents.insert(doc.id);
    return d;
}
}  // namespace

// Annexe 2: Σ coefficients = 60, so all 5 gives 300 and all 3 gives 180.
TEST(Score, UniformRatingsGiveCoefficientSumTimesRating) {
    auto r5 = all_criteria(1, "A", 5);
    EXPECT_EQ(score_dossier(act_grid(), ptrs(r5)).total, Rational(300));
    auto r3 = all_criteria(1, "A", 3);
    DossierScore s = score_dossier(act_grid(), ptrs(r3));
    EXPECT_EQ(s.total, Rational(180));
    // Themes: I 12×3 = 36, II 30×3 = 90, III 6×3 = 18, IV 12×3 = 36.
    EXPECT_EQ(s.themes, (std::vector<Rational>{Rational(36), Rational(90), Rational(18), Rational(36)}));
    EXPECT_TRUE(s.fully_rated(act_grid()));
}

TEST(Score, ConsolidatedRatingIsTheExactMean) {
    // Two reviewers on I.1 (coefficient 8): 4 and 3 -> 3.5, worth 28 points.
    std::vector<Rating> r{{1, "A", "I.1", 4, "Expérience solide."}, {1, "B", "I.1", 3, "Expérience correcte."}};
    DossierScore s = score_dossier(act_grid(), ptrs(r));
    EXPECT_EQ(*s.criteria[0].rating, Rational(7, 2));
    EXPECT_EQ(s.criteria[0].spread, 1);
    EXPECT_EQ(s.total, Rational(28));
    EXPECT_EQ(s.rated, 1);
    // Three reviewers on II.9 (coefficient 1): 1, 2, 2 -> 5/3 exactly.
    std::vector<Rating> t{{1, "A", "II.9", 1, "x"}, {1, "B", "II.9", 2, "y"}, {1, "C", "II.9", 2, "z"}};
    EXPECT_EQ(score_dossier(act_grid(), ptrs(t)).total, Rational(5, 3));
}

TEST(Score, RatingWithoutJustificationCountsAsNotGiven) {
    std::vector<Rating> r{{1, "A", "I.1", 5, "   "}, {1, "B", "I.1", 3, "Correct."}};
    DossierScore s = score_dossier(act_grid(), ptrs(r));
    EXPECT_EQ(s.criteria[0].reviewers, 1);
    EXPECT_EQ(s.total, Rational(24));   // 8 × 3, the unjustified 5 ignored
}

TEST(Ranking, OrdersByTotalAndSharesRanksOnTies) {
    std::vector<Dossier> ds{dossier(1, "A", 10), dossier(2, "B", 10, "2023-03-01"), dossier(3, "C", 10)};
    std::vector<Rating> rs;
    for (auto& r : all_criteria(1, "X", 3)) rs.push_back(r);   // 180
    for (auto& r : all_criteria(2, "X", 4)) rs.push_back(r);   // 240
    for (auto& r : all_criteria(3, "X", 3)) rs.push_back(r);   // 180
    auto idx = index_ratings(rs);
    Ranking k = rank_dossiers(act_grid(), campaign(73), ds, idx);
    ASSERT_EQ(k.ranked.size(), 3u);
    EXPECT_EQ(ds[k.ranked[0].dossier].reference, "B");
    EXPECT_EQ(k.ranked[0].rank, 1);
    EXPECT_FALSE(k.ranked[0].ex_aequo);
    EXPECT_EQ(k.ranked[1].rank, 2);
    EXPECT_EQ(k.ranked[2].rank, 2);
    EXPECT_TRUE(k.ranked[1].ex_aequo);
    EXPECT_TRUE(k.ranked[2].ex_aequo);
}

TEST(Ranking, TieOrderFollowsHeaviestThemeThenDepositDate) {
    // An exact tie: A has I.2 = 5 and II.7 = 0, B has I.2 = 0 and II.7 = 5
    // (both coefficient 4): totals 4×5 = 20 each; theme II (150 points, the
    // heaviest) is 20 for B and 0 for A, so B is shown first.
    std::vector<Dossier> ds{dossier(1, "A", 5), dossier(2, "B", 5, "2023-04-20")};
    std::vector<Rating> rs{{1, "X", "I.2", 5, "j"}, {1, "X", "II.7", 0, "j"},
                           {2, "X", "I.2", 0, "j"}, {2, "X", "II.7", 5, "j"}};
    auto idx = index_ratings(rs);
    Ranking k = rank_dossiers(act_grid(), campaign(73), ds, idx);
    EXPECT_EQ(k.ranked[0].score.total, Rational(20));
    EXPECT_EQ(k.ranked[1].score.total, Rational(20));
    EXPECT_EQ(ds[k.ranked[0].dossier].reference, "B");
    EXPECT_EQ(k.ranked[0].rank, k.ranked[1].rank);
    // Same themes too: the earlier deposit comes first.
    std::vector<Rating> same{{1, "X", "I.1", 3, "j"}, {2, "X", "I.1", 3, "j"}};
    auto idx2 = index_ratings(same);
    Ranking k2 = rank_dossiers(act_grid(), campaign(73), ds, idx2);
    EXPECT_EQ(ds[k2.ranked[0].dossier].reference, "A");   // 01/04 before 20/04
}

TEST(Ranking, IneligibleListedApartWithReasons) {
    std::vector<Dossier> ds{dossier(1, "A", 10), dossier(2, "B", 10)};
    ds[1].commune = "30189";   // Nîmes: outside PACA
    ds[1].documents.erase("budget");
    std::vector<Rating> rs = all_criteria(2, "X", 5);
    auto a = all_criteria(1, "X", 3);   // rated, so ranked (an unrated dossier waits apart)
    rs.insert(rs.end(), a.begin(), a.end());
    auto idx = index_ratings(rs);
    Ranking k = rank_dossiers(act_grid(), campaign(73), ds, idx);
    ASSERT_EQ(k.ranked.size(), 1u);
    ASSERT_EQ(k.ineligible.size(), 1u);
    EXPECT_EQ(k.ineligible[0].rank, 0);
    EXPECT_EQ(k.ineligible[0].proposal, Proposal::Ineligible);
    auto reasons = k.ineligible[0].eligibility.elimination_reasons();
    ASSERT_EQ(reasons.size(), 2u);
    EXPECT_EQ(reasons[0], "Pièce manquante : Budget prévisionnel en année pleine");
    EXPECT_EQ(reasons[1], "La commune d'implantation n'est pas en région Provence-Alpes-Côte d'Azur (30 hors de la liste : 04, 05, 06, 13, 83, 84).");
}

TEST(Ranking, UndecidableIsRankedAndFlagged) {
    std::vector<Dossier> ds{dossier(1, "A", 10)};
    ds[0].facts.erase("effectifs.medecin");
    const auto rs = all_criteria(1, "X", 4);   // the index points into them
    auto idx = index_ratings(rs);
    Ranking k = rank_dossiers(act_grid(), campaign(73), ds, idx);
    ASSERT_EQ(k.ranked.size(), 1u);
    EXPECT_TRUE(k.ranked[0].eligibility.undecidable());
    EXPECT_EQ(k.ranked[0].eligibility.missing_facts(), std::vector<std::string>{"Tableau des effectifs — Médecin"});
}

TEST(Allocation, ProposesInRankOrderWhileCapacityAllows) {
    // 73 places: 30 + 40 = 70 fit, the third asks 5 (3 left) and is not
    // retained, the fourth asks 3 and fits exactly.
    std::vector<Dossier> ds{dossier(1, "A", 30), dossier(2, "B", 40), dossier(3, "C", 5), dossier(4, "D", 3)};
    std::vector<Rating> rs;
    int value[] = {5, 4, 3, 2};
    for (int i = 0; i < 4; ++i)
        for (auto& r : all_criteria(i + 1, "X", value[i])) rs.push_back(r);
    auto idx = index_ratings(rs);
    Ranking k = rank_dossiers(act_grid(), campaign(73), ds, idx);
    ASSERT_EQ(k.ranked.size(), 4u);
    EXPECT_EQ(k.ranked[0].proposal, Proposal::Retained);
    EXPECT_EQ(k.ranked[1].proposal, Proposal::Retained);
    EXPECT_EQ(k.ranked[2].proposal, Proposal::NotRetained);
    EXPECT_EQ(k.ranked[2].proposal_reason, "Capacité restante insuffisante (reste : 3\u00A0places ; demande : 5\u00A0places)");
    EXPECT_EQ(k.ranked[3].proposal, Proposal::Retained);
    EXPECT_EQ(k.granted, Rational(73));
}

#include "core/error.h"
#include "io/grid_writer.h"

// Notes éliminatoires on a two-criterion grid: theme A at least 9 points of 15,
// A.1 (coefficient 2) at least 2. P (5, 1) = 11: kept. Q (1, 5) = 7: under both.
// R (3, 2) = 8: under the theme minimum only. All keep their rank.
TEST(Thresholds, NoteEliminatoireKeepsTheRankButNotTheProposal) {
    std::string xml = "<grid id=\"g\" version=\"1\" title=\"t\">\n<theme id=\"A\" label=\"T\" min=\"9\">\n"
                      "<criterion id=\"A.1\" label=\"Un\" coefficient=\"2\" min=\"2\"/>\n"
                      "<criterion id=\"A.2\" label=\"Deux\" coefficient=\"1\"/>\n</theme>\n</grid>\n";
    Grid g = io::read_grid(xml, "g.xml");
    std::vector<Dossier> ds = test::named_dossiers({"P", "Q", "R"});
    std::vector<Rating> rs{{1, "X", "A.1", 5, "j"}, {1, "X", "A.2", 1, "j"}, {2, "X", "A.1", 1, "j"},
                           {2, "X", "A.2", 5, "j"}, {3, "X", "A.1", 3, "j"}, {3, "X", "A.2", 2, "j"}};
    auto idx = index_ratings(rs);
    Ranking k = rank_dossiers(g, Campaign{}, ds, idx);
    ASSERT_EQ(k.ranked.size(), 3u);
    EXPECT_EQ(ds[k.ranked[0].dossier].reference, "P");
    EXPECT_EQ(k.ranked[0].proposal, Proposal::Retained);
    EXPECT_TRUE(k.ranked[0].below_minimum.empty());
    EXPECT_EQ(ds[k.ranked[1].dossier].reference, "R");
    EXPECT_EQ(k.ranked[1].proposal, Proposal::NotRetained);
    EXPECT_EQ(k.ranked[1].proposal_reason, "Note éliminatoire — Thème A : 8 points, minimum 9");
    EXPECT_EQ(ds[k.ranked[2].dossier].reference, "Q");
    EXPECT_EQ(k.ranked[2].rank, 3);
    EXPECT_EQ(k.ranked[2].below_minimum,
              (std::vector<std::string>{"Thème A : 7 points, minimum 9", "Critère A.1 : note 1, minimum 2"}));
    // Written back and read again, the minima stay.
    Grid again = io::read_grid(io::write_grid_xml(g), "g2.xml");
    EXPECT_EQ(*again.themes[0].minimum, Rational(9));
    EXPECT_EQ(*again.criterion("A.1")->minimum, Rational(2));
}

TEST(Thresholds, MinimumOutsideTheScaleIsRefused) {
    EXPECT_THROW(io::read_grid("<grid id=\"g\" version=\"1\" title=\"t\">\n<theme id=\"A\" label=\"T\">\n"
                               "<criterion id=\"A.1\" label=\"Un\" coefficient=\"2\" min=\"6\"/>\n</theme>\n</grid>\n", "g.xml"),
                 GridError);
    EXPECT_THROW(io::read_grid("<grid id=\"g\" version=\"1\" title=\"t\">\n<theme id=\"A\" label=\"T\" min=\"11\">\n"
                               "<criterion id=\"A.1\" label=\"Un\" coefficient=\"2\"/>\n</theme>\n</grid>\n", "g.xml"),
                 GridError);   // 2 × 5 = 10 points at most
}

// Trial 15c F11: « 1 dossiers classés », « 1 classés · 1 irrecevables ».
// Counts chosen by hand: one of each, then several of each.
TEST(Ranking, CountsAgreeInNumberInFrench) {
    Ranking r;
    r.ranked.resize(1);
    r.ineligible.resize(1);
    EXPECT_EQ(ranking_summary(r), "1 dossier classé, 1 irrecevable");
    EXPECT_EQ(ranking_counts(1, r), "1 dossier · 1 classé · 1 irrecevable");
    r.ranked.resize(3);
    r.pending.resize(2);
    for (auto& e : r.pending) e.proposal = Proposal::Pending;
    r.ineligible.resize(2);
    EXPECT_EQ(ranking_summary(r), "3 dossiers classés, 2 en attente d'arbitrage, 2 irrecevables");
    EXPECT_EQ(ranking_counts(7, r), "7 dossiers · 3 classés · 2 irrecevables");
    EXPECT_EQ(ranking_counts(0, Ranking{}), "0 dossier · 0 classé · 0 irrecevable");
}

// Trial 13c F4: two dossiers nobody rated were ranked « 1= … 0 pts [non
// retenu] ». Neither has a place: they wait apart, « non noté », without a
// proposal (so no letter), and the one rated is ranked first of one; a
// rating later puts a dossier back in the ranking (rerank equals rank).
TEST(Ranking, ADossierNobodyRatedIsNotRankedNorProposed) {
    std::vector<Dossier> ds{dossier(1, "A", 10), dossier(2, "B", 10), dossier(3, "C", 10)};
    std::vector<Rating> rs = all_criteria(3, "X", 3);   // C only: 60 × 3 = 180 points
    Ranking r = rank_dossiers(act_grid(), campaign(73), ds, index_ratings(rs));
    ASSERT_EQ(r.ranked.size(), 1u);
    EXPECT_EQ(ds[r.ranked[0].dossier].reference, "C");
    EXPECT_EQ(r.ranked[0].rank, 1);
    EXPECT_FALSE(r.ranked[0].ex_aequo);
    EXPECT_EQ(r.ranked[0].score.total, Rational(180));
    ASSERT_EQ(r.pending.size(), 2u);
    for (const auto& e : r.pending) {
        EXPECT_EQ(e.proposal, Proposal::Unrated);
        EXPECT_EQ(e.rank, 0);
        EXPECT_FALSE(advised_decision(e.proposal).has_value());
        EXPECT_EQ(std::string(proposal_label(e.proposal)), "non noté");
    }
    EXPECT_EQ(count_pending(r, Proposal::Unrated), 2u);
    EXPECT_EQ(count_pending(r, Proposal::Pending), 0u);
    EXPECT_EQ(ranking_summary(r), "1 dossier classé, 2 non notés, 0 irrecevable");
    // A now rated (all 5: 300 points): it leaves the unrated and ranks first.
    auto more = all_criteria(1, "X", 5);
    rs.insert(rs.end(), more.begin(), more.end());
    auto index = index_ratings(rs);
    rerank_dossier(r, 0, act_grid(), campaign(73), ds, index);
    Ranking whole = rank_dossiers(act_grid(), campaign(73), ds, index);
    ASSERT_EQ(r.ranked.size(), 2u);
    EXPECT_EQ(ds[r.ranked[0].dossier].reference, "A");
    EXPECT_EQ(r.pending.size(), 1u);
    EXPECT_EQ(whole.ranked.size(), 2u);
    EXPECT_EQ(whole.pending.size(), 1u);
    EXPECT_EQ(ranking_summary(whole), "2 dossiers classés, 1 non noté, 0 irrecevable");
}
