#include <gtest/gtest.h>

#include "core/eligibility.h"
#include "test_support.h"

using namespace cotation;
using cotation::test::act_grid;

namespace {
// The call's parameters, from 002_b6e7761497ac7a31.txt (Annexe 1): 73 places,
// 12 600 € per place per year, at most 2 € per day, start in H2 2023; the
// deposit deadline is the campaign's (28/04/2023 here).
Campaign act_campaign() {
    Campaign c;
    c.reference = "AAC essai";
    for (const auto& p : act_grid().parameters)
        if (!is_missing(p.default_value)) c.parameters[p.def.id] = p.default_value;
    c.parameters["campagne.date_limite"] = *Date::parse("28/04/2023");
    return c;
}

Dossier good_dossier() {
    Dossier d;
    d.reference = "D1";
    d.organisme = "Association essai";
    d.commune = "13203";   // Marseille 3e, Bouches-du-Rhône
    d.facts["places"] = Rational(10);
    d.facts["budget_annuel"] = Rational(126000);   // 10 × 12 600 €, exactly the envelope
    d.facts["date_depot"] = *Date::parse("28/04/2023");
    d.facts["departements_intervention"] = std::vector<std::string>{"13", "84"};
    d.facts["effectifs.medecin"] = Rational(1, 2);
    d.facts["coordonnateur_designe"] = true;
    d.facts["participation_usager_jour"] = Rational(2);
    d.facts["date_debut_activite"] = *Date::parse("01/07/2023");
    for (const auto& doc : act_grid().documents) d.documents.insert(doc.id);
    return d;
}

Outcome outcome(const Dossier& d, const std::string& rule) {
    auto rep = check_eligibility(act_grid(), act_campaign(), d);
    for (const auto& r : rep.rules)
        if (r.rule->id == rule) return r.outcome;
    ADD_FAILURE() << "rule " << rule << " not found";
    return Outcome::NotApplicable;
}

std::vector<std::string> missing(const Dossier& d, const std::string& rule) {
    auto rep = check_eligibility(act_grid(), act_campaign(), d);
    for (const auto& r : rep.rules)
        if (r.rule->id == rule) return r.missing;
    return {};
}
}  // namespace

TEST(ActHlmEligibility, GoodDossierPassesEveryRule) {
    auto rep = check_eligibility(act_grid(), act_campaign(), good_dossier());
    EXPECT_TRUE(rep.complete());
    EXPECT_FALSE(rep.eliminated());
    EXPECT_FALSE(rep.undecidable());
    for (const auto& r : rep.rules) EXPECT_EQ(r.outcome, Outcome::Passed) << r.rule->id;
}

TEST(ActHlmEligibility, Deadline) {
    Dossier d = good_dossier();
    d.facts["date_depot"] = *Date::parse("29/04/2023");   // one day late
    EXPECT_EQ(outcome(d, "delai"), Outcome::Failed);
    d.facts.erase("date_depot");
    EXPECT_EQ(outcome(d, "delai"), Outcome::Undecidable);
    EXPECT_EQ(missing(d, "delai"), std::vector<std::string>{"Date de dépôt"});
}

TEST(ActHlmEligibility, TerritoryOfImplantation) {
    Dossier d = good_dossier();
    for (const char* c : {"04112", "05061", "06088", "13001", "83137", "84007"}) {
        d.commune = c;
        EXPECT_EQ(outcome(d, "territoire"), Outcome::Passed) << c;
    }
    d.commune = "30189";   // Nîmes, Gard: Occitanie
    EXPECT_EQ(outcome(d, "territoire"), Outcome::Failed);
    d.commune = "";
    EXPECT_EQ(outcome(d, "territoire"), Outcome::Undecidable);
}

TEST(ActHlmEligibility, TerritoryOfInterventionAppliesOnlyWhenDeclared) {
    Dossier d = good_dossier();
    d.facts["departements_intervention"] = std::vector<std::string>{"13", "30"};
    EXPECT_EQ(outcome(d, "territoire_intervention"), Outcome::Failed);
    d.facts.erase("departements_intervention");
    EXPECT_EQ(outcome(d, "territoire_intervention"), Outcome::NotApplicable);
}

TEST(ActHlmEligibility, CapacityWithinTheCall) {
    Dossier d = good_dossier();
    d.facts["places"] = Rational(73);
    d.facts["budget_annuel"] = Rational(919800);   // 73 × 12 600 €
    EXPECT_EQ(outcome(d, "capacite"), Outcome::Passed);
    d.facts["places"] = Rational(74);
    EXPECT_EQ(outcome(d, "capacite"), Outcome::Failed);
    d.facts.erase("places");
    EXPECT_EQ(outcome(d, "capacite"), Outcome::Undecidable);
}

TEST(ActHlmEligibility, EnvelopeOf12600PerPlace) {
    Dossier d = good_dossier();
    d.facts["budget_annuel"] = Rational(126001);   // 1 € over 10 × 12 600 €
    EXPECT_EQ(outcome(d, "enveloppe"), Outcome::Failed);
    d.facts["budget_annuel"] = Rational(100000);
    EXPECT_EQ(outcome(d, "enveloppe"), Outcome::Passed);
    d.facts.erase("budget_annuel");
    EXPECT_EQ(outcome(d, "enveloppe"), Outcome::Undecidable);
    EXPECT_EQ(missing(d, "enveloppe"), std::vector<std::string>{"Budget annuel demandé"});
}

TEST(ActHlmEligibility, AtLeastOneDoctor) {
    Dossier d = good_dossier();
    d.facts["effectifs.medecin"] = Rational(0);
    EXPECT_EQ(outcome(d, "medecin"), Outcome::Failed);
    d.facts.erase("effectifs.medecin");
    EXPECT_EQ(outcome(d, "medecin"), Outcome::Undecidable);
    EXPECT_EQ(missing(d, "medecin"), std::vector<std::string>{"Tableau des effectifs — Médecin"});
}

TEST(ActHlmEligibility, CoordinatorDesignated) {
    Dossier d = good_dossier();
    d.facts["coordonnateur_designe"] = false;
    EXPECT_EQ(outcome(d, "coordonnateur"), Outcome::Failed);
    d.facts.erase("coordonnateur_designe");
    EXPECT_EQ(outcome(d, "coordonnateur"), Outcome::Undecidable);
}

TEST(ActHlmEligibility, UserContributionAtMostTwoEurosADay) {
    Dossier d = good_dossier();
    d.facts["participation_usager_jour"] = Rational(201, 100);
    EXPECT_EQ(outcome(d, "participation"), Outcome::Failed);
    d.facts["participation_usager_jour"] = Rational(0);
    EXPECT_EQ(outcome(d, "participation"), Outcome::Passed);
    d.facts.erase("participation_usager_jour");
    EXPECT_EQ(outcome(d, "participation"), Outcome::Undecidable);
}

TEST(ActHlmEligibility, StartInSecondHalfOf2023) {
    Dossier d = good_dossier();
    d.facts["date_debut_activite"] = *Date::parse("31/12/2023");
    EXPECT_EQ(outcome(d, "calendrier"), Outcome::Passed);
    d.facts["date_debut_activite"] = *Date::parse("30/06/2023");
    EXPECT_EQ(outcome(d, "calendrier"), Outcome::Failed);
    d.facts["date_debut_activite"] = *Date::parse("02/01/2024");
    EXPECT_EQ(outcome(d, "calendrier"), Outcome::Failed);
    d.facts.erase("date_debut_activite");
    EXPECT_EQ(outcome(d, "calendrier"), Outcome::Undecidable);
}

TEST(ActHlmEligibility, VariantIsAPointOfAttentionNotAnElimination) {
    Dossier d = good_dossier();
    d.facts["variante"] = std::string("Mutualisation de l'équipe avec un ACT existant");
    auto rep = check_eligibility(act_grid(), act_campaign(), d);
    EXPECT_EQ(outcome(d, "variante"), Outcome::Failed);
    EXPECT_FALSE(rep.eliminated());
    EXPECT_TRUE(rep.has_attention());
}

TEST(ActHlmEligibility, MissingDocumentMakesDossierIncomplete) {
    Dossier d = good_dossier();
    d.documents.erase("partenariats");
    auto rep = check_eligibility(act_grid(), act_campaign(), d);
    EXPECT_FALSE(rep.complete());
    EXPECT_TRUE(rep.eliminated());
    ASSERT_EQ(rep.elimination_reasons().size(), 1u);
    EXPECT_EQ(rep.elimination_reasons()[0],
              "Pièce manquante : Conventions, lettres d'intention ou protocoles de partenariat");
}

TEST(ActHlmEligibility, UndecidableOnlyIsNotEliminated) {
    Dossier d = good_dossier();
    d.facts.erase("effectifs.medecin");
    auto rep = check_eligibility(act_grid(), act_campaign(), d);
    EXPECT_FALSE(rep.eliminated());
    EXPECT_TRUE(rep.undecidable());
    EXPECT_EQ(rep.missing_facts(), std::vector<std::string>{"Tableau des effectifs — Médecin"});
}

TEST(ActHlmForm, StaffingTableTotalsTheRowsGiven) {
    // 0,5 + 0,6 + 2,5 = 3,6 FTE (hand sum); rows not given count for nothing.
    Dossier d = good_dossier();
    d.facts["effectifs.direction_administratif"] = Rational(1, 2);
    d.facts["effectifs.medecin"] = Rational(3, 5);
    d.facts["effectifs.infirmier"] = Rational(5, 2);
    Campaign c = act_campaign();
    EXPECT_EQ(std::get<Rational>(fact_value(act_grid(), c, d, "effectifs.total")), Rational(18, 5));
    Dossier empty;
    EXPECT_TRUE(is_missing(fact_value(act_grid(), c, empty, "effectifs.total")));
    EXPECT_EQ(act_grid().form_id, "act-hlm-paca-2023");
    EXPECT_TRUE(act_grid().fact("effectifs.total")->derived);
}
