// Regressions of the attacker trial 13c (issue 13) that remained after its
// first landing: a dossier nobody rated, a two-line address cell, the
// rating and CSV messages, the bounds of the reasons and opinions, dates
// in the future, and a retained dossier whose admissibility is undecided.
// Expected values are worked out by hand in comments.
#include <gtest/gtest.h>

#include <optional>

#include "app/session.h"
#include "core/error.h"
#include "report/committee.h"
#include "test_support.h"

using namespace cotation;

// ---- F4: a dossier nobody rated was ranked « 1= … 0 pts [non retenu] » ----

// P rated 4 on A.1 (coefficient 2: 8 points); Q and R by nobody. Q and R
// are out of the ranking, « non noté », in rank, rank --csv and the
// committee file; P is ranked first of one, alone (not « 1= »).
TEST(Trial13cUnrated, ANeverRatedDossierIsSaidNotRatedNotRankedNonRetenu) {
    test::TempDir dir;
    auto s = test::small_campaign(dir, {{"A.1", "2"}}, {"P;Association Alpha", "Q;Fondation Bêta", "R;Collectif Gamma"});
    s->put_rating({test::id_of(*s, "P"), "Anne", "A.1", 4, "Justifiée."}, "test");
    s.reset();
    const std::string f = dir.file("c.cot");

    auto r = test::cli("rank " + f);
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find(" 1  P  8 pts  Association Alpha  [proposé]"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Dossiers non notés, hors classement (aucune note justifiée) :\n"
                         "  Q  Fondation Bêta  [non noté]\n"
                         "  R  Collectif Gamma  [non noté]\n"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("non retenu"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("0 pts"), std::string::npos) << r.out;

    r = test::cli("rank " + f + " --csv");
    ASSERT_EQ(r.code, 0) << r.out;
    // No rank, no total, no theme points: a sheet sorting by total would put a 0 among the scores.
    EXPECT_NE(r.out.find("\n;Q;Fondation Bêta;;;non noté;aucune note justifiée sur les critères de la grille;\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("\n1;P;Association Alpha;8;8;proposé;"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("non retenu"), std::string::npos) << r.out;

    // The committee file lists them apart, under their own heading, not in the ranking.
    auto o = Session::open(f);
    std::optional<Meeting> meeting;
    OpinionIndex opinions;
    DecisionIndex decisions;
    report::CommitteeContext ctx{o->grid(), o->campaign(), o->dossiers(), o->ranking(), nullptr, o->team(), meeting,
                                 std::nullopt, opinions, decisions, {}, {}, Date{2023, 6, 1}, ""};
    auto v = report::committee_variables(ctx);
    EXPECT_EQ(v["classement"].find("Fondation"), std::string::npos) << v["classement"];
    EXPECT_NE(v["non_notes"].find("Q — Fondation Bêta : aucune note justifiée"), std::string::npos) << v["non_notes"];
    EXPECT_NE(v["non_notes"].find("R — Collectif Gamma"), std::string::npos) << v["non_notes"];
    EXPECT_EQ(v["en_attente"], "");
    EXPECT_EQ(ranking_summary(o->ranking()), "1 dossier classé, 2 non notés, 0 irrecevable");

    // No letter before a decision; Q decided « non retenu », motivated: its
    // letter prints neither « 0 points » nor a rank it does not have.
    o->decide(test::id_of(*o, "Q"), {DecisionKind::NotRetained, "Dossier non évalué", Date{2023, 6, 15}, std::nullopt,
                                     std::nullopt, "", ""},
              "test");
    o.reset();
    r = test::cli("letters " + f + " --out " + dir.file("L"));
    EXPECT_NE(r.out.find("1 lettre écrite"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("1 dossier non noté : pas de lettre sans décision enregistrée."), std::string::npos) << r.out;
    const std::string letter = test::pdf_words(dir.file("L/Q-lettre.pdf"));
    EXPECT_NE(letter.find("il n'a pas été noté au regard des critères de sélection publiés et ne figure pas au classement"),
              std::string::npos)
        << letter;
    EXPECT_EQ(letter.find("0 points"), std::string::npos) << letter;
    EXPECT_EQ(letter.find(" rang"), std::string::npos) << letter;
    EXPECT_NE(letter.find("Dossier non évalué"), std::string::npos) << letter;
}
