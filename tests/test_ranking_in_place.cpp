// One rating changes one dossier's score: rerank_dossier moves that dossier
// to its place instead of ranking every dossier again. These tests hold it
// equal to the full ranking (rank_dossiers), entry for entry, after each of
// many random ratings and consolidations, and through the Session.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <sstream>

#include "app/session.h"
#include "core/scoring.h"
#include "io/paths.h"
#include "test_support.h"

using namespace cotation;
using cotation::test::TempDir;

namespace {

// The first difference between two rankings, or "" when they are the same.
std::string difference(const Ranking& a, const Ranking& b) {
    std::ostringstream out;
    if (a.capacity != b.capacity || a.granted != b.granted)
        out << "capacité/places proposées : " << a.granted.canonical() << " / " << b.granted.canonical();
    auto lists = {std::pair{&a.ranked, &b.ranked}, std::pair{&a.pending, &b.pending}, std::pair{&a.ineligible, &b.ineligible}};
    const char* names[] = {"classés", "en attente", "à part"};
    int n = 0;
    for (auto [x, y] : lists) {
        const char* name = names[n++];
        if (x->size() != y->size()) {
            out << name << " : " << x->size() << " entrées au lieu de " << y->size();
            return out.str();
        }
        for (std::size_t i = 0; i < x->size(); ++i) {
            const RankEntry& e = (*x)[i];
            const RankEntry& f = (*y)[i];
            std::string what;
            if (e.dossier != f.dossier) what = "dossier " + std::to_string(e.dossier) + " au lieu de " + std::to_string(f.dossier);
            else if (e.rank != f.rank) what = "rang " + std::to_string(e.rank) + " au lieu de " + std::to_string(f.rank);
            else if (e.ex_aequo != f.ex_aequo) what = "ex aequo";
            else if (e.score.total != f.score.total) what = "total " + e.score.total.canonical() + " au lieu de " + f.score.total.canonical();
            else if (e.score.themes != f.score.themes) what = "thèmes";
            else if (e.score.rated != f.score.rated || e.score.pending != f.score.pending) what = "critères notés ou en attente";
            else if (e.proposal != f.proposal) what = std::string("proposition ") + proposal_label(e.proposal);
            else if (e.proposal_reason != f.proposal_reason) what = "motif « " + e.proposal_reason + " » au lieu de « " + f.proposal_reason + " »";
            else if (e.below_minimum != f.below_minimum) what = "notes éliminatoires";
            else if (e.prior_rejection != f.prior_rejection || e.eligibility.eliminated() != f.eligibility.eliminated()) what = "recevabilité";
            else
                for (std::size_t k = 0; k < e.score.criteria.size(); ++k)
                    if (e.score.criteria[k].rating != f.score.criteria[k].rating || e.score.criteria[k].flagged != f.score.criteria[k].flagged ||
                        e.score.criteria[k].decided != f.score.criteria[k].decided)
                        what = "critère n° " + std::to_string(k);
            if (!what.empty()) {
                out << name << ", position " << i << " : " << what;
                return out.str();
            }
        }
    }
    return out.str();
}

// Two themes of different weight (A: 15 points, B: 10) so that the theme
// tie-break matters; notes éliminatoires on theme A (6 points) and on A.1
// (rating 1); a rule that sets apart a dossier asking more than 3 places.
Grid random_grid() {
    return io::read_grid(
        "<grid id=\"essai-classement\" version=\"1\" title=\"Essai du classement en place\">\n"
        // The capacity the proposal reads, declared by its role (as the shipped grids do).
        "<parameters><parameter id=\"campagne.places\" type=\"nombre\" unit=\"place|places\" role=\"capacite\" "
        "label=\"Places\" source=\"essai\"/></parameters>\n"
        "<rules><rule id=\"R1\" label=\"Capacité\" effect=\"eliminatoire\"><test>places &lt;= 3</test>"
        "<message>Plus de 3 places demandées.</message></rule></rules>\n"
        "<theme id=\"A\" label=\"Premier\" min=\"6\">\n"
        "<criterion id=\"A.1\" label=\"Un\" coefficient=\"2\" min=\"1\"/>\n"
        "<criterion id=\"A.2\" label=\"Deux\" coefficient=\"1\"/>\n</theme>\n"
        "<theme id=\"B\" label=\"Second\">\n"
        "<criterion id=\"B.1\" label=\"Trois\" coefficient=\"1\"/>\n"
        "<criterion id=\"B.2\" label=\"Quatre\" coefficient=\"1\"/>\n</theme>\n</grid>\n",
        "essai.xml");
}

}  // namespace

// By hand, on the two-criterion grid (A.1 × 2, A.2 × 1), no dates: equal
// totals are ordered by reference. P 2×3+3 = 9, Q 2×2+4 = 8, R 2×2+2 = 6.
TEST(RankingInPlace, RatingMovesTheDossierAndFixesItsNeighbours) {
    Grid g = test::small_grid();
    Campaign c;
    auto ds = test::named_dossiers({"P", "Q", "R"});
    std::vector<Rating> rs{{1, "A", "A.1", 3, "j"}, {1, "A", "A.2", 3, "j"}, {2, "A", "A.1", 2, "j"},
                           {2, "A", "A.2", 4, "j"}, {3, "A", "A.1", 2, "j"}, {3, "A", "A.2", 2, "j"}};
    rs.reserve(10);
    Ranking r = rank_dossiers(g, c, ds, index_ratings(rs));
    ASSERT_EQ(r.ranked.size(), 3u);
    EXPECT_EQ(r.ranked[2].dossier, 2u);
    // R's A.2: 2 -> 5, R = 4 + 5 = 9, equal to P: both first ex aequo, P
    // before R by reference; Q third, no longer second.
    rs[5].value = 5;
    rerank_dossier(r, 2, g, c, ds, index_ratings(rs));
    ASSERT_EQ(r.ranked.size(), 3u);
    EXPECT_EQ(r.ranked[0].dossier, 0u);
    EXPECT_EQ(r.ranked[1].dossier, 2u);
    EXPECT_EQ(r.ranked[2].dossier, 1u);
    EXPECT_EQ(r.ranked[0].rank, 1);
    EXPECT_EQ(r.ranked[1].rank, 1);
    EXPECT_EQ(r.ranked[2].rank, 3);
    EXPECT_TRUE(r.ranked[0].ex_aequo && r.ranked[1].ex_aequo);
    EXPECT_FALSE(r.ranked[2].ex_aequo);
    EXPECT_EQ(r.ranked[1].score.total, Rational(9));
    // Q's A.1: 2 -> 5, Q = 10 + 4 = 14: first alone; P and R second ex aequo.
    rs[2].value = 5;
    rerank_dossier(r, 1, g, c, ds, index_ratings(rs));
    EXPECT_EQ(r.ranked[0].dossier, 1u);
    EXPECT_EQ(r.ranked[0].rank, 1);
    EXPECT_FALSE(r.ranked[0].ex_aequo);
    EXPECT_EQ(r.ranked[1].rank, 2);
    EXPECT_EQ(r.ranked[2].rank, 2);
    EXPECT_TRUE(r.ranked[1].ex_aequo && r.ranked[2].ex_aequo);
    // A second reviewer 0 on Q's A.2 flags it (a 0 among several): Q waits
    // for arbitration, apart from the ranking; P and R first ex aequo again.
    rs.push_back({2, "B", "A.2", 0, "j"});
    rerank_dossier(r, 1, g, c, ds, index_ratings(rs));
    ASSERT_EQ(r.pending.size(), 1u);
    EXPECT_EQ(r.pending[0].dossier, 1u);
    EXPECT_EQ(r.pending[0].proposal_reason, "arbitrage attendu sur A.2");
    ASSERT_EQ(r.ranked.size(), 2u);
    EXPECT_EQ(r.ranked[0].rank, 1);
    EXPECT_EQ(r.ranked[1].rank, 1);
    EXPECT_EQ(difference(r, rank_dossiers(g, c, ds, index_ratings(rs))), "");
}

// 3 000 random ratings and consolidations on 40 dossiers: after each, the
// ranking updated in place equals the full ranking. Small scales and few
// values make ties frequent; the capacity (12 places) and the notes
// éliminatoires make the proposal move; prior rejections, the rule and
// flagged criteria keep dossiers apart or waiting.
TEST(RankingInPlace, EqualsTheFullRankingAfterEachRandomChange) {
    Grid g = random_grid();
    Campaign c;
    c.parameters["campagne.places"] = Rational(12);
    std::mt19937 rng(20231028);
    std::vector<Dossier> ds;
    const Date dates[] = {{2023, 4, 3}, {2023, 4, 3}, {2023, 4, 12}, {2023, 4, 20}};
    for (int i = 0; i < 40; ++i) {
        Dossier d;
        d.id = 100 + i;
        // References not in id order, so that the reference tie-break is tested on its own.
        d.reference = "D-" + std::to_string((i * 17) % 40 + 10);
        if (i % 13 != 5) d.facts["places"] = Rational(1 + static_cast<int>(rng() % 4));
        if (i % 11 != 3) d.facts["date_depot"] = dates[rng() % 4];
        ds.push_back(d);
    }
    std::unordered_map<std::int64_t, std::string> refused{{104, "Refus préalable — hors délai"}, {117, "Refus préalable — hors sujet"}};
    const char* criteria[] = {"A.1", "A.2", "B.1", "B.2"};
    const char* reviewers[] = {"Anne", "Bruno", "Chloé"};
    std::vector<Rating> rs;
    ConsolidationIndex decided;
    Ranking kept = rank_dossiers(g, c, ds, index_ratings(rs), &decided, &refused);
    int ties = 0, apart = 0, waiting = 0, eliminatory = 0, short_of_places = 0, moved_lists = 0;
    for (int step = 0; step < 3000; ++step) {
        std::size_t i = rng() % ds.size();
        std::int64_t id = ds[i].id;
        std::string criterion = criteria[rng() % 4];
        auto before_list = [&](const Ranking& r) {
            for (const auto& e : r.ranked)
                if (e.dossier == i) return 0;
            for (const auto& e : r.pending)
                if (e.dossier == i) return 1;
            return 2;
        };
        int was = before_list(kept);
        if (rng() % 7 == 0) {
            // The coordinator settles a criterion (halves included).
            decided[id][criterion] = {criterion, Rational(static_cast<std::int64_t>(rng() % 11), 2), "motif", "Coord"};
        } else {
            Rating r{id, reviewers[rng() % 3], criterion, static_cast<int>(rng() % 6), rng() % 10 ? "justifiée" : ""};
            auto it = std::find_if(rs.begin(), rs.end(), [&](const Rating& x) {
                return x.dossier_id == id && x.reviewer == r.reviewer && x.criterion == r.criterion;
            });
            if (it != rs.end()) *it = r;
            else rs.push_back(r);
        }
        RatingIndex index = index_ratings(rs);
        rerank_dossier(kept, i, g, c, ds, index, &decided, &refused);
        Ranking full = rank_dossiers(g, c, ds, index, &decided, &refused);
        ASSERT_EQ(difference(kept, full), "") << "après le changement n° " << step << " (dossier " << ds[i].reference << ")";
        moved_lists += before_list(kept) != was;
        for (const auto& e : kept.ranked) {
            ties += e.ex_aequo;
            eliminatory += !e.below_minimum.empty();
            short_of_places += e.proposal_reason.rfind("Capacité restante insuffisante", 0) == 0;
        }
        apart += !kept.ineligible.empty();
        waiting += !kept.pending.empty();
    }
    // The cases the comparison went through, so that it cannot pass empty.
    EXPECT_GT(ties, 1000);
    EXPECT_GT(apart, 1000);
    EXPECT_GT(waiting, 100);
    EXPECT_GT(eliminatory, 100);
    EXPECT_GT(short_of_places, 100);
    EXPECT_GT(moved_lists, 50);
}

// Through the Session, on the 0–10 test grid and a campaign file: ratings and
// consolidations typed one by one keep the ranking in place; opening the
// file again ranks everything from scratch, and both agree.
TEST(RankingInPlace, SessionAgreesWithAFreshOpening) {
    TempDir dir;
    NewCampaign nc;
    nc.reference = "essai en place";
    nc.parameters["campagne.places"] = "9";
    auto s = Session::create(dir.file("c.cot"), test::source_dir() + "/tests/data/grille-0-10.xml", nc, "test");
    std::mt19937 rng(7);
    for (int i = 0; i < 12; ++i) {
        Dossier d;
        d.reference = "S-" + std::to_string(20 - i);
        d.organisme = "Organisme " + std::to_string(i);
        d.facts["places"] = Rational(1 + i % 4);
        d.facts["date_depot"] = Date{2023, 4, 1 + i % 3};
        s->add_dossier(d, "test");
    }
    s->reject_prior(s->dossiers()[3].id, RejectionGround::OffTopic, "Projet hors du champ de l'appel", "test");
    const char* criteria[] = {"I.1", "I.2", "II.1"};
    s->ranking();
    int moves = 0;
    for (int step = 0; step < 150; ++step) {
        std::size_t i = rng() % s->dossiers().size();
        if (i == 3) continue;   // refused beforehand: not rated
        std::int64_t id = s->dossiers()[i].id;
        std::string criterion = criteria[rng() % 3];
        const RankEntry* before = s->entry_of(i);
        int rank_before = before->rank;
        unsigned pick = rng() % 10;
        if (pick == 0) {
            // The coordinator settles a criterion at the reviewers' mean.
            auto k = *s->grid().criterion_index(criterion);
            if (auto mean = before->score.criteria[k].mean) s->consolidate(id, criterion, *mean, "", "test");
        } else {
            // Mostly one reviewer, so that most dossiers stay ranked; a second
            // one now and then, whose disagreement sends a dossier to arbitration.
            s->put_rating({id, pick < 8 ? "Anne" : "Bruno", criterion, static_cast<int>(rng() % 11), "Justification."}, "test");
        }
        const RankEntry* after = s->entry_of(i);
        // Any change of place counts: within the ranking, or into it when a
        // first rating takes a dossier out of the unrated (trial 13c F4).
        moves += after->rank != rank_before;
        auto fresh = Session::open(dir.file("c.cot"));
        ASSERT_EQ(difference(s->ranking(), fresh->ranking()), "") << "après le changement n° " << step;
        for (std::size_t d = 0; d < s->dossiers().size(); ++d) ASSERT_EQ(s->entry_of(d)->dossier, d);
    }
    EXPECT_GT(moves, 30);
    EXPECT_FALSE(s->ranking().ranked.empty());
}

// Issue 12, review M4: the proposal the committee votes on (the ranking
// under the call's territorial rules: ACT, at most 20 places per
// département, 73 places, partial grants) follows each rating without being
// read again from the store: only its candidates follow the new order. After
// every rating it equals the proposal of the same file opened afresh.
TEST(RankingInPlace, CommitteeProposalFollowsEachRatingAsAFreshOpeningReadsIt) {
    TempDir dir;
    NewCampaign nc;
    nc.reference = "essai proposition en place";
    nc.parameters["campagne.date_limite"] = "28/04/2023";
    auto s = Session::create(dir.file("c.cot"), io::grid_path("act-hlm-paca-2023.xml"), nc, "test");
    // Three départements (13, 83, 05); 14 dossiers of 6 to 11 places ask more
    // than the 73 places and than 20 in a département: the rules bind.
    const char* communes[] = {"13203", "83137", "05061"};
    for (int i = 0; i < 14; ++i) {
        Dossier d;
        d.reference = "P-" + std::to_string(10 + i);
        d.organisme = "Organisme " + std::to_string(i);
        d.commune = communes[i % 3];
        const int places = 6 + i % 6;
        d.facts["places"] = Rational(places);
        d.facts["budget_annuel"] = Rational(places * 12600);
        d.facts["date_depot"] = Date{2023, 4, 3 + i};
        d.facts["etp_medecin"] = Rational(5, 10);
        d.facts["coordonnateur_designe"] = true;
        d.facts["participation_usager_jour"] = Rational(1);
        d.facts["date_debut_activite"] = Date{2023, 9, 1};
        for (const auto& doc : s->grid().documents) d.documents.insert(doc.id);
        s->add_dossier(d, "test");
    }
    std::vector<std::string> criteria;
    for (const auto& th : s->grid().themes)
        for (const auto& c : th.criteria) criteria.push_back(c.id);
    std::mt19937 rng(11);
    // Every dossier rated on every criterion first: all are candidates.
    for (const auto& d : s->dossiers())
        for (const auto& c : criteria) s->put_rating({d.id, "Anne", c, static_cast<int>(1 + rng() % 4), "Justifiée."}, "test");
    std::set<std::string> retained_sets;
    for (int step = 0; step < 40; ++step) {
        const std::size_t i = rng() % s->dossiers().size();
        s->put_rating({s->dossiers()[i].id, "Anne", criteria[rng() % criteria.size()], static_cast<int>(rng() % 6),
                       "Revue."},
                      "test");
        const Ranking& kept = s->committee_proposal();
        auto fresh = Session::open(dir.file("c.cot"));
        const Ranking& read = fresh->committee_proposal();
        ASSERT_EQ(difference(kept, read), "") << "après la note n° " << step;
        std::string retained;
        for (std::size_t k = 0; k < kept.ranked.size(); ++k) {
            ASSERT_EQ(kept.ranked[k].proposed_places, read.ranked[k].proposed_places) << "après la note n° " << step;
            if (kept.ranked[k].proposal == Proposal::Retained) retained += s->dossiers()[kept.ranked[k].dossier].reference + " ";
        }
        EXPECT_EQ(s->allocation_rule_lines(), fresh->allocation_rule_lines());
        retained_sets.insert(retained);
    }
    // The ratings changed what is proposed, not only the order: the test saw
    // the allocation move (else it would prove nothing of the candidates kept up to date).
    EXPECT_GT(retained_sets.size(), 3u);
}
