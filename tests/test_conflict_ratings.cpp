// A link declared after ratings were given: those ratings stop counting in
// the score, the ranking, the consolidation and the committee documents, and
// every output says whose and why (trial 13 F22).
#include <gtest/gtest.h>

#include <fstream>

#include "app/session.h"
#include "core/conflict_ratings.h"
#include "report/committee.h"
#include "test_support.h"

using namespace cotation;

TEST(ConflictRatings, RatingsOfAReviewerInConflictAreSetAsideAndSaidSo) {
    Team team;
    team.people["Claire"] = Person{"Claire", Role::Instructor, "ARS"};
    team.people["Julien"] = Person{"Julien", Role::Instructor, "ARS"};
    team.conflicts.push_back({"Julien", "Association Alpha", "Administrateur", "Nadia", Date{2023, 3, 12}});
    std::vector<Dossier> ds(2);
    ds[0].id = 1;
    ds[0].organisme = "ASSOCIATION ALPHA";   // matched as a reader compares names
    ds[1].id = 2;
    ds[1].organisme = "Fondation Bêta";
    std::vector<Rating> rs{{1, "Claire", "A.1", 4, "j"}, {1, "Julien", "A.1", 3, "j"}, {1, "Julien", "A.2", 2, "j"},
                           {2, "Julien", "A.1", 1, "j"}};
    RatingIndex idx = index_ratings(rs);
    SetAsideIndex out = set_aside_conflicted(team, ds, idx);
    ASSERT_EQ(idx.at(1).size(), 1u);   // Claire's only
    EXPECT_EQ(idx.at(1)[0]->reviewer, "Claire");
    EXPECT_EQ(idx.at(2).size(), 1u);   // no link with Fondation Bêta: Julien's rating counts there
    ASSERT_EQ(out.size(), 1u);
    ASSERT_EQ(out.at(1).size(), 1u);
    EXPECT_EQ(set_aside_text(out.at(1)[0]), "notes de Julien écartées : lien d'intérêts déclaré le 12\u00A0mars\u00A02023 (2 notes)");
}

TEST(ConflictRatings, LinkDeclaredAfterRatingRemovesThemFromTotalRankingAndCommitteeFile) {
    test::TempDir dir;
    // Two criteria, A.1 coefficient 2 and A.2 coefficient 1, scale 0–5.
    auto s = test::two_organisations_campaign(dir);
    s->add_person({"Nadia", Role::Coordinator, "ARS"}, "Nadia");
    s->add_person({"Claire", Role::Instructor, "ARS"}, "Nadia");
    s->add_person({"Julien", Role::Instructor, "ARS"}, "Nadia");
    const std::int64_t p = s->dossiers()[*s->find("P")].id;
    for (const char* who : {"Claire", "Julien"}) s->assign(p, who, true, "Nadia");
    s->put_rating({p, "Claire", "A.1", 4, "Solide."}, "Claire");
    s->put_rating({p, "Claire", "A.2", 3, "Correct."}, "Claire");
    s->put_rating({p, "Julien", "A.1", 3, "Bien."}, "Julien");
    s->put_rating({p, "Julien", "A.2", 2, "Moyen."}, "Julien");
    // By hand: A.1 mean (4+3)/2 = 3,5 × 2 = 7, A.2 mean (3+2)/2 = 2,5 × 1: 9,5.
    const RankEntry* before = s->entry_of(*s->find("P"));
    ASSERT_TRUE(before);
    EXPECT_EQ(before->score.total, Rational(19, 2));
    s->declare_conflict("Julien", "Association Alpha", "Administrateur de l'association", "Nadia", Date{2023, 3, 12});
    // Claire's alone: A.1 4 × 2 = 8, A.2 3 × 1: 11.
    const std::string note = "notes de Julien écartées : lien d'intérêts déclaré le 12\u00A0mars\u00A02023 (2 notes)";
    auto reopened = Session::open(dir.file("c.cot"));
    for (Session* session : {s.get(), reopened.get()}) {
        const RankEntry* e = session->entry_of(*session->find("P"));
        ASSERT_TRUE(e);
        EXPECT_EQ(e->score.total, Rational(11));
        EXPECT_EQ(e->score.criteria[0].reviewers, 1);   // the consolidation's mean is Claire's alone
        ASSERT_EQ(e->set_aside.size(), 1u);
        EXPECT_EQ(e->set_aside[0], note);
        auto obs = observations(session->grid(), *e);
        EXPECT_NE(std::find(obs.begin(), obs.end(), note), obs.end());
    }
    // The committee file's ranking line says it too, after the total of 11.
    std::optional<Meeting> meeting;
    OpinionIndex opinions;
    DecisionIndex decisions;
    const Ranking& r = s->ranking();
    report::CommitteeContext ctx{s->grid(), s->campaign(), s->dossiers(), r, nullptr, s->team(), meeting, std::nullopt,
                                 opinions, decisions, {}, {}, Date{2023, 6, 1}, ""};
    const std::string line = report::committee_variables(ctx)["classement"];
    EXPECT_NE(line.find("P — Association Alpha : 11 / 15 points"), std::string::npos) << line;
    EXPECT_NE(line.find(" — " + note), std::string::npos) << line;
}
