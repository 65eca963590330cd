// A grid may declare another scale than 0–5 (scale-max): the small grid
// tests/data/grille-0-10.xml is graded 0 to 10. Ratings, imports, scores and
// the levels the rating view offers follow it.
#include <gtest/gtest.h>

#include <functional>

#include "app/session.h"
#include "core/error.h"
#include "core/scoring.h"
#include "io/imports.h"
#include "test_support.h"

using namespace cotation;
using cotation::test::TempDir;

namespace {
std::string grid_path() { return test::source_dir() + "/tests/data/grille-0-10.xml"; }
const Grid& grid10() {
    static const Grid g = io::read_grid_file(grid_path());
    return g;
}
using test::message_of;
}  // namespace

// I.1 (3) + I.2 (1) + II.1 (2) = 6 coefficients × 10 = 60 points.
TEST(Scale0to10, GridDeclaresItsScale) {
    EXPECT_EQ(grid10().scale_min, 0);
    EXPECT_EQ(grid10().scale_max, 10);
    EXPECT_EQ(grid10().max_total(), Rational(60));
    EXPECT_EQ(grid10().theme_max(grid10().themes[0]), Rational(40));
    EXPECT_EQ(grid10().scale_text(), "0 à 10");
}

// What the rating view shows: eleven levels, 0 to 10, each with its
// descriptor; I.1 has its own for 10, I.2 the grid's default.
TEST(Scale0to10, RatingViewOffersLevelsZeroToTen) {
    const Grid& g = grid10();
    auto i1 = g.level_choices(*g.criterion("I.1"));
    ASSERT_EQ(i1.size(), 11u);
    EXPECT_EQ(i1[0], "0 — Absent");
    EXPECT_EQ(i1[8], "8 — Très bon");
    EXPECT_EQ(i1[10], "10 — Projet exemplaire, reproductible ailleurs");
    auto i2 = g.level_choices(*g.criterion("I.2"));
    ASSERT_EQ(i2.size(), 11u);
    EXPECT_EQ(i2[10], "10 — Exemplaire");
    // The shipped grids keep six levels, 0 to 5.
    const Grid& act = test::act_grid();
    EXPECT_EQ(act.level_choices(act.themes[0].criteria[0]).size(), 6u);
    EXPECT_EQ(act.scale_text(), "0 à 5");
    // A level without a descriptor shows its value alone.
    Grid bare = test::small_grid();
    EXPECT_EQ(bare.level_choices(bare.themes[0].criteria[0]).front(), "0");
}

// An 8 counts (coefficient × 8); an 11 does not.
TEST(Scale0to10, EightScoresCoefficientTimesEight) {
    std::vector<Rating> r{{1, "A", "I.1", 8, "Bon projet."}, {1, "A", "I.2", 10, "Partenaires signés."},
                          {1, "A", "II.1", 7, "Équipe complète."}, {1, "B", "I.2", 11, "Hors échelle."}};
    std::vector<const Rating*> p;
    for (const auto& x : r) p.push_back(&x);
    EXPECT_TRUE(rating_counts(grid10(), r[0]));
    EXPECT_FALSE(rating_counts(grid10(), r[3]));
    DossierScore s = score_dossier(grid10(), p);
    // I: 3 × 8 + 1 × 10 = 34; II: 2 × 7 = 14; total 48 (the 11 ignored).
    EXPECT_EQ(s.themes, (std::vector<Rational>{Rational(34), Rational(14)}));
    EXPECT_EQ(s.total, Rational(48));
    EXPECT_EQ(s.criteria[1].reviewers, 1);
}

// The spread that calls for the coordinator stays 2 points whatever the
// scale (the rule as PRODUCT.md and docs/equipe.md state it): 8 and 10 on a
// 0–10 scale are flagged, 8 and 9 are not.
TEST(Scale0to10, DisagreementFlagStaysTwoPoints) {
    std::vector<Rating> far{{1, "A", "I.1", 8, "x"}, {1, "B", "I.1", 10, "y"}};
    std::vector<Rating> near{{1, "A", "I.1", 8, "x"}, {1, "B", "I.1", 9, "y"}};
    EXPECT_TRUE(score_dossier(grid10(), {&far[0], &far[1]}).criteria[0].flagged);
    EXPECT_FALSE(score_dossier(grid10(), {&near[0], &near[1]}).criteria[0].flagged);
}

TEST(Scale0to10, CsvImportTakesTheGridsBounds) {
    std::map<std::string, std::int64_t> ids{{"D1", 1}};
    auto ok = io::import_ratings_csv(grid10(), ids, "dossier;evaluateur;critere;note;justification\nD1;Claire;I.1;8;Bon.\n", "n.csv");
    ASSERT_EQ(ok.size(), 1u);
    EXPECT_EQ(ok[0].value, 8);
    std::string m = message_of([&] {
        io::import_ratings_csv(grid10(), ids, "dossier;evaluateur;critere;note;justification\nD1;Claire;I.1;11;Trop.\n", "n.csv");
    });
    EXPECT_NE(m.find("n.csv, ligne 2, colonne 4 « note » : note « 11 » hors de l'échelle (entier de 0 à 10)"), std::string::npos) << m;
    // Trial 13c F10: a 4,5 is within the scale but not whole; an empty cell is no note at all.
    m = message_of([&] {
        io::import_ratings_csv(grid10(), ids,
                               "dossier;evaluateur;critere;note;justification\nD1;Claire;I.1;4,5;Moyen.\nD1;Paul;I.1;;Rien.\n", "n.csv");
    });
    EXPECT_NE(m.find("n.csv, ligne 2, colonne 4 « note » : note « 4,5 » : une note est un nombre entier (entier de 0 à 10)"),
              std::string::npos)
        << m;
    EXPECT_NE(m.find("n.csv, ligne 3, colonne 4 « note » : valeur obligatoire (entier de 0 à 10)"), std::string::npos) << m;
}

// Through the session: an 8 is stored and scored 3 × 8 = 24 points; an 11 is
// refused with a French message naming the criterion, and nothing changes.
TEST(Scale0to10, SessionAcceptsEightAndRefusesEleven) {
    TempDir dir;
    NewCampaign nc;
    nc.reference = "essai 0-10";
    auto s = Session::create(dir.file("c.cot"), grid_path(), nc, "test");
    Dossier d;
    d.reference = "E-1";
    d.organisme = "Organisme d'essai";
    d.facts["places"] = Rational(5);
    std::int64_t id = s->add_dossier(d, "test");
    s->put_rating({id, "Claire", "I.1", 8, "Projet solide."}, "test");
    EXPECT_EQ(s->entry_of(0)->score.total, Rational(24));
    EXPECT_EQ(s->entry_of(0)->rank, 1);
    std::string m = message_of([&] { s->put_rating({id, "Claire", "I.2", 11, "Trop."}, "test"); });
    EXPECT_EQ(m, "Critère I.2 : la note 11 est hors de l'échelle 0–10.");
    EXPECT_EQ(s->ratings_of(id).size(), 1u);
    EXPECT_EQ(s->entry_of(0)->score.total, Rational(24));
    // Reopened: the file holds the 8, not the 11.
    s.reset();
    auto again = Session::open(dir.file("c.cot"));
    ASSERT_EQ(again->ratings().size(), 1u);
    EXPECT_EQ(again->ratings()[0].value, 8);
    EXPECT_EQ(again->ranking().ranked.at(0).score.total, Rational(24));
    // The coordinator's consolidated rating follows the same scale.
    again->put_rating({id, "Paul", "I.1", 10, "Très bon projet."}, "test");
    again->consolidate(id, "I.1", Rational(19, 2), "Entretien avec le porteur", "test");
    EXPECT_EQ(again->entry_of(0)->score.total, Rational(57, 2));   // 3 × 9,5
    m = message_of([&] { again->consolidate(id, "I.1", Rational(21, 2), "x", "test"); });
    EXPECT_NE(m.find("10,5"), std::string::npos) << m;
    EXPECT_NE(m.find("0–10"), std::string::npos) << m;
}
