#include <gtest/gtest.h>

#include "core/agreement.h"
#include "io/grid_reader.h"
#include "test_support.h"

using namespace cotation;

// Krippendorff's alpha, interval metric, computed by hand (docs/accord-et-marges.md):
// units (1, 2), (3, 3), (4, 5) rated by A then B; n = 6 values.
// Observed: Σ_u Σ_{i≠j} (v_i − v_j)² / (m_u − 1) = 2 + 0 + 2 = 4.
// Expected: value counts 1:1, 2:1, 3:2, 4:1, 5:1; Σ_{c<k} n_c n_k (c − k)² = 60, 120 over ordered pairs.
// α = 1 − (n − 1) × 4 / 120 = 1 − 20/120 = 5/6.
TEST(Agreement, KrippendorffAlphaIntervalHandComputed) {
    Grid g = test::small_grid();
    std::vector<Rating> rs{{1, "A", "A.1", 1, "j"}, {1, "B", "A.1", 2, "j"}, {1, "A", "A.2", 3, "j"},
                           {1, "B", "A.2", 3, "j"}, {2, "A", "A.1", 4, "j"}, {2, "B", "A.1", 5, "j"}};
    auto idx = index_ratings(rs);
    Agreement a = measure_agreement(g, idx);
    EXPECT_EQ(a.units, 3u);
    EXPECT_EQ(a.values, 6u);
    ASSERT_TRUE(a.alpha);
    EXPECT_EQ(*a.alpha, Rational(5, 6));
    // Offsets from the consolidated means 1.5, 3 and 4.5: A −0.5, 0, −0.5 → −1/3; B +1/3.
    ASSERT_EQ(a.reviewers.size(), 2u);
    EXPECT_EQ(a.reviewers[0].reviewer, "A");
    EXPECT_EQ(a.reviewers[0].mean_offset, Rational(-1, 3));
    EXPECT_EQ(a.reviewers[1].mean_offset, Rational(1, 3));
    EXPECT_EQ(a.reviewers[1].ratings, 3);
    // The coordinator arbitrated dossier 2's A.1 at 5 (ratings 4 and 5):
    // offsets from 1.5, 3 and 5: A −0.5, 0, −1 → −1/2; B +0.5, 0, 0 → +1/6.
    // Alpha does not depend on the arbitration.
    ConsolidationIndex decided;
    decided[2]["A.1"] = ConsolidationDecision{"A.1", Rational(5), "Projet le mieux étayé", "Coordination"};
    Agreement b = measure_agreement(g, idx, &decided);
    ASSERT_EQ(b.reviewers.size(), 2u);
    EXPECT_EQ(b.reviewers[0].mean_offset, Rational(-1, 2));
    EXPECT_EQ(b.reviewers[1].mean_offset, Rational(1, 6));
    EXPECT_EQ(*b.alpha, Rational(5, 6));
}

TEST(Agreement, PerfectAgreementIsOneAndUnjustifiedRatingsAreLeftOut) {
    Grid g = test::small_grid();
    std::vector<Rating> rs{{1, "A", "A.1", 1, "j"}, {1, "B", "A.1", 1, "j"}, {2, "A", "A.1", 4, "j"},
                           {2, "B", "A.1", 4, "j"}, {2, "C", "A.1", 0, ""}};
    auto idx = index_ratings(rs);
    Agreement a = measure_agreement(g, idx);
    ASSERT_TRUE(a.alpha);
    EXPECT_EQ(*a.alpha, Rational(1));
    EXPECT_EQ(a.values, 4u);
    // A single reviewer: nothing to compare.
    std::vector<Rating> one{{1, "A", "A.1", 3, "j"}, {2, "A", "A.1", 4, "j"}};
    auto idx1 = index_ratings(one);
    EXPECT_FALSE(measure_agreement(g, idx1).alpha);
}

// Three dossiers, computed by hand: P (5, 1) = 2×5 + 1 = 11, Q (2, 5) = 9, R (3, 2) = 8.
// P–Q, gap 2: A.2 coefficient +2/|1−5| = 1/2 (A.1 −2/3 also works, larger);
//   one rating: raise Q's A.1 by 2/2 = 1 or lower P's A.1 by 1 → 1.
// Q–R, gap 1: A.2 coefficient −1/3 (stays positive: 2/3), A.1 +1 larger;
//   one rating: A.1 by 1/2 (raise R 3 → 3.5 or lower Q 2 → 1.5).
TEST(Solidity, SwapMarginsHandComputed) {
    Grid g = test::small_grid();
    std::vector<Dossier> ds = test::named_dossiers({"P", "Q", "R"});
    std::vector<Rating> rs{{1, "X", "A.1", 5, "j"}, {1, "X", "A.2", 1, "j"}, {2, "X", "A.1", 2, "j"},
                           {2, "X", "A.2", 5, "j"}, {3, "X", "A.1", 3, "j"}, {3, "X", "A.2", 2, "j"}};
    auto idx = index_ratings(rs);
    Ranking r = rank_dossiers(g, Campaign{}, ds, idx);
    ASSERT_EQ(r.ranked.size(), 3u);
    EXPECT_EQ(r.ranked[0].score.total, Rational(11));
    RankingSolidity s = ranking_solidity(g, r);
    ASSERT_EQ(s.margins.size(), 2u);
    const SwapMargin& pq = s.margins[0];
    EXPECT_EQ(pq.gap, Rational(2));
    EXPECT_EQ(*pq.coefficient_change, Rational(1, 2));
    EXPECT_EQ(pq.coefficient_criterion, "A.2");
    EXPECT_EQ(pq.coefficient_direction, +1);
    EXPECT_EQ(*pq.rating_change, Rational(1));
    EXPECT_EQ(pq.rating_criterion, "A.1");
    const SwapMargin& qr = s.margins[1];
    EXPECT_EQ(qr.gap, Rational(1));
    EXPECT_EQ(*qr.coefficient_change, Rational(1, 3));
    EXPECT_EQ(qr.coefficient_criterion, "A.2");
    EXPECT_EQ(qr.coefficient_direction, -1);
    EXPECT_EQ(*qr.rating_change, Rational(1, 2));
    EXPECT_EQ(qr.rating_criterion, "A.1");
    EXPECT_EQ(s.fragile, (std::vector<bool>{true, true, true}));
}

TEST(Solidity, ClearLeadIsNotFragile) {
    // P (5, 5) = 15 and Q (0, 0) = 0: the smallest rating change is 15/2 = 7.5 points,
    // beyond the 0–5 scale on A.1 (raise Q to 7.5), so no single rating can do it.
    Grid g = test::small_grid();
    std::vector<Dossier> ds = test::named_dossiers({"P", "Q"});
    std::vector<Rating> rs{{1, "X", "A.1", 5, "j"}, {1, "X", "A.2", 5, "j"}, {2, "X", "A.1", 0, "j"}, {2, "X", "A.2", 0, "j"}};
    auto idx = index_ratings(rs);
    RankingSolidity s = ranking_solidity(g, rank_dossiers(g, Campaign{}, ds, idx));
    EXPECT_FALSE(s.margins[0].rating_change);
    EXPECT_EQ(s.fragile, (std::vector<bool>{false, false}));
    // Only lowering a coefficient could help (P leads on both criteria), by
    // 15/5 = 3 on either, which would make it negative: no coefficient can.
    EXPECT_FALSE(s.margins[0].coefficient_change);
}

// Theme means over the ranked dossiers: P (A.1 5, A.2 1) = 11 and Q (2, 5) = 9
// in a one-theme grid → (11 + 9) / 2 = 10.
TEST(Solidity, ThemeMeansOfTheRankedDossiers) {
    Grid g = test::small_grid();
    std::vector<Dossier> ds = test::named_dossiers({"P", "Q"});
    std::vector<Rating> rs{{1, "X", "A.1", 5, "j"}, {1, "X", "A.2", 1, "j"}, {2, "X", "A.1", 2, "j"}, {2, "X", "A.2", 5, "j"}};
    auto idx = index_ratings(rs);
    EXPECT_EQ(theme_means(g, rank_dossiers(g, Campaign{}, ds, idx)), std::vector<Rational>{Rational(10)});
}
