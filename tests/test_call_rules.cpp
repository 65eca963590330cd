// Every rule of the CRT and UPHV grids against hand-built dossiers: one good
// dossier passing everything, then for each rule the changes that make it
// fail or leave it undecided. A final check makes sure every rule of the
// grid appears in the table with each outcome it can have.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>

#include "core/eligibility.h"
#include "core/error.h"
#include "io/grid_reader.h"
#include "test_support.h"

using namespace cotation;

namespace {
struct Case {
    std::string rule;
    std::string what;
    std::function<void(Dossier&)> change;
    Outcome expected;
};

Campaign campaign_of(const Grid& g, const std::string& deadline) {
    Campaign c;
    for (const auto& p : g.parameters)
        if (!is_missing(p.default_value)) c.parameters[p.def.id] = p.default_value;
    c.parameters["campagne.date_limite"] = *Date::parse(deadline);
    return c;
}

void run_table(const Grid& g, const Campaign& c, Dossier good, const std::vector<Case>& cases,
               const std::map<std::string, std::set<Outcome>>& impossible = {}) {
    for (const auto& doc : g.documents) good.documents.insert(doc.id);
    auto report = check_eligibility(g, c, good);
    for (const auto& r : report.rules)
        // The reference dossiers are carried by an EHPAD: the home-care rules do not apply.
        EXPECT_EQ(r.outcome, r.rule->when ? Outcome::NotApplicable : Outcome::Passed)
            << "dossier de référence, règle " << r.rule->id;
    EXPECT_FALSE(report.eliminated());
    std::map<std::string, std::set<Outcome>> seen;
    for (const auto& r : report.rules) seen[r.rule->id].insert(r.outcome);
    for (const auto& k : cases) {
        Dossier d = good;
        k.change(d);
        auto rep = check_eligibility(g, c, d);
        const RuleResult* found = nullptr;
        for (const auto& r : rep.rules)
            if (r.rule->id == k.rule) found = &r;
        ASSERT_NE(found, nullptr) << "règle inconnue " << k.rule;
        EXPECT_EQ(found->outcome, k.expected) << k.rule << " : " << k.what;
        if (k.expected == Outcome::Failed && found->rule->effect == RuleEffect::Eliminating) {
            EXPECT_TRUE(rep.eliminated()) << k.rule;
        }
        // A point of attention alone never eliminates (chefferie, volet 1 fields, file active…).
        if (k.expected == Outcome::Failed && found->rule->effect == RuleEffect::Attention) {
            EXPECT_FALSE(rep.eliminated()) << k.rule << " : " << k.what;
            EXPECT_FALSE(found->message.empty()) << k.rule;
        }
        if (k.expected == Outcome::Undecidable) {
            EXPECT_FALSE(found->missing.empty()) << k.rule;
        }
        seen[k.rule].insert(k.expected);
    }
    for (const auto& r : g.rules) {
        for (Outcome o : {Outcome::Passed, Outcome::Failed, Outcome::Undecidable}) {
            auto imp = impossible.find(r.id);
            if (imp != impossible.end() && imp->second.count(o)) continue;
            if (o == Outcome::Passed && r.when) continue;   // checked through its own cases below
            EXPECT_TRUE(seen[r.id].count(o)) << g.id << " : la règle « " << r.id << " » n'est pas essayée pour « "
                                              << outcome_label(o) << " »";
        }
    }
}

void set(Dossier& d, const std::string& k, Value v) { d.facts[k] = std::move(v); }
}  // namespace

// Figures from 000_d2c7abbef4bb24ec.txt §1.5 and §3.2.1, computed by hand:
// volet 2 at 30 × 900 € × 12 months = 324 000 €; at 31 people 334 800 €;
// at 25 people 270 000 €.
TEST(CrtRules, EveryRulePassFailUndecided) {
    Grid g = io::read_grid_file(test::source_dir() + "/scoring-grids/crt-2022.xml");
    Campaign c = campaign_of(g, "30/09/2022");
    Dossier good;
    good.reference = "CRT";
    good.organisme = "EHPAD essai";
    good.commune = "16015";   // Angoulême, Charente (Nouvelle-Aquitaine)
    set(good, "places", Rational(1));
    set(good, "budget_annuel", Rational(400000));
    set(good, "date_depot", *Date::parse("30/09/2022"));
    set(good, "categorie_porteur", std::string("500"));
    for (const char* b : {"volet1", "volet2", "conventions_services_domicile", "ehpad_temps_medecin", "ehpad_idec",
                          "ehpad_ide_nuit", "ehpad_locaux_volet1", "ehpad_habilite_aide_sociale", "public_gir_1_4",
                          "procedure_admission_sortie"})
        set(good, b, true);
    for (const char* row : {"medecin", "coordinateur", "soignants", "ergotherapeute", "psychologue", "animateur"})
        set(good, std::string("equipe_volet2.") + row, Rational(1, 2));
    set(good, "territoire_intervention", std::vector<std::string>{"16015", "16102"});
    set(good, "participation_beneficiaires", false);
    set(good, "tarifs_aide_sociale", false);
    set(good, "convention_ehpad_habilite", false);
    set(good, "budget_volet2", Rational(324000));
    set(good, "file_active_volet2", Rational(30));
    set(good, "etp_chefferie_projet", Rational(1, 5));
    for (const char* a : {"actions_acces_soins", "actions_isolement", "actions_pratiques"}) set(good, a, Rational(1));
    set(good, "domaines_volet2", Rational(4));

    auto erase = [](const char* k) { return [k](Dossier& d) { d.facts.erase(k); }; };
    std::vector<Case> cases{
        {"delai", "déposé le lendemain", [](Dossier& d) { set(d, "date_depot", *Date::parse("01/10/2022")); }, Outcome::Failed},
        {"delai", "date de dépôt absente", erase("date_depot"), Outcome::Undecidable},
        {"territoire", "Nîmes (Occitanie)", [](Dossier& d) { d.commune = "30189"; }, Outcome::Failed},
        {"territoire", "commune absente", [](Dossier& d) { d.commune.clear(); }, Outcome::Undecidable},
        {"categorie", "résidence autonomie (202)", [](Dossier& d) { set(d, "categorie_porteur", std::string("202")); }, Outcome::Failed},
        {"categorie", "catégorie absente", erase("categorie_porteur"), Outcome::Undecidable},
        {"deux_volets", "sans volet 2", [](Dossier& d) { set(d, "volet2", false); }, Outcome::Failed},
        {"deux_volets", "volet 1 non renseigné", erase("volet1"), Outcome::Undecidable},
        {"convention_ehpad", "SSIAD conventionné",
         [](Dossier& d) { set(d, "categorie_porteur", std::string("354")); set(d, "convention_ehpad", true); }, Outcome::Passed},
        {"convention_ehpad", "SAAD sans convention",
         [](Dossier& d) { set(d, "categorie_porteur", std::string("460")); set(d, "convention_ehpad", false); }, Outcome::Failed},
        {"convention_ehpad", "SPASAD, convention non renseignée",
         [](Dossier& d) { set(d, "categorie_porteur", std::string("209")); }, Outcome::Undecidable},
        {"convention_ehpad", "catégorie inconnue, sans convention",
         [](Dossier& d) { d.facts.erase("categorie_porteur"); set(d, "convention_ehpad", false); }, Outcome::Undecidable},
        // §1.5: what the convention of a home-care carrier covers, not a yes/no.
        {"convention_ehpad_contenu", "SSIAD : volet 1 et temps de médecin",
         [](Dossier& d) { set(d, "categorie_porteur", std::string("354")); set(d, "convention_ehpad", true);
                          set(d, "convention_ehpad_volet1", true); set(d, "convention_ehpad_medecin", true); }, Outcome::Passed},
        {"convention_ehpad_contenu", "SSIAD : convention sans temps de médecin",
         [](Dossier& d) { set(d, "categorie_porteur", std::string("354")); set(d, "convention_ehpad", true);
                          set(d, "convention_ehpad_volet1", true); set(d, "convention_ehpad_medecin", false); }, Outcome::Failed},
        {"convention_ehpad_contenu", "SPASAD : contenu non renseigné",
         [](Dossier& d) { set(d, "categorie_porteur", std::string("209")); set(d, "convention_ehpad", true); }, Outcome::Undecidable},
        {"versement_ehpad", "SAAD : reversement prévu, EHPAD identifié",
         [](Dossier& d) { set(d, "categorie_porteur", std::string("460")); set(d, "convention_ehpad", true);
                          set(d, "convention_ehpad_reversement", true); set(d, "finess_ehpad_partenaire", std::string("330000001")); },
         Outcome::Passed},
        {"versement_ehpad", "SAAD : EHPAD partenaire non identifié",
         [](Dossier& d) { set(d, "categorie_porteur", std::string("460")); set(d, "convention_ehpad", true);
                          set(d, "convention_ehpad_reversement", true); }, Outcome::Failed},
        {"versement_ehpad", "SAAD : reversement non renseigné",
         [](Dossier& d) { set(d, "categorie_porteur", std::string("460")); set(d, "convention_ehpad", true);
                          set(d, "finess_ehpad_partenaire", std::string("330000001")); }, Outcome::Undecidable},
        {"conventions_domicile", "non prévues", [](Dossier& d) { set(d, "conventions_services_domicile", false); }, Outcome::Failed},
        {"conventions_domicile", "non renseigné", erase("conventions_services_domicile"), Outcome::Undecidable},
        {"dotation", "400 001 €", [](Dossier& d) { set(d, "budget_annuel", Rational(400001)); }, Outcome::Failed},
        {"dotation", "budget absent", erase("budget_annuel"), Outcome::Undecidable},
        {"file_active", "29 personnes", [](Dossier& d) { set(d, "file_active_volet2", Rational(29)); }, Outcome::Failed},
        {"file_active", "file active absente", erase("file_active_volet2"), Outcome::Undecidable},
        {"financement_volet2", "323 999 € pour 30", [](Dossier& d) { set(d, "budget_volet2", Rational(323999)); }, Outcome::Failed},
        // One cause, one ground: a file active of 25 funded for 25 is the
        // file active rule's point, not the funding rule's.
        {"financement_volet2", "270 000 € pour 25",
         [](Dossier& d) { set(d, "file_active_volet2", Rational(25)); set(d, "budget_volet2", Rational(270000)); }, Outcome::Passed},
        {"file_active", "25 personnes, financées", 
         [](Dossier& d) { set(d, "file_active_volet2", Rational(25)); set(d, "budget_volet2", Rational(270000)); }, Outcome::Failed},
        {"financement_volet2", "334 800 € pour 31",
         [](Dossier& d) { set(d, "file_active_volet2", Rational(31)); set(d, "budget_volet2", Rational(334800)); }, Outcome::Passed},
        {"financement_volet2", "324 000 € pour 31",
         [](Dossier& d) { set(d, "file_active_volet2", Rational(31)); }, Outcome::Failed},
        {"financement_volet2", "part du volet 2 absente", erase("budget_volet2"), Outcome::Undecidable},
        {"chefferie", "0 ETP (vigilance : le §1.5 ne donne qu'un exemple)",
         [](Dossier& d) { set(d, "etp_chefferie_projet", Rational(0)); }, Outcome::Failed},
        {"chefferie", "non renseigné", erase("etp_chefferie_projet"), Outcome::Undecidable},
        {"volet1_champs", "aucune action sur les pratiques", [](Dossier& d) { set(d, "actions_pratiques", Rational(0)); }, Outcome::Failed},
        {"volet1_champs", "une action non renseignée", erase("actions_isolement"), Outcome::Undecidable},
        {"volet1_champs", "un champ vide et un autre absent",
         [](Dossier& d) { set(d, "actions_pratiques", Rational(0)); d.facts.erase("actions_isolement"); }, Outcome::Failed},
        {"coherence_budget", "volet 2 au-dessus du total", [](Dossier& d) { set(d, "budget_annuel", Rational(300000)); }, Outcome::Failed},
        {"coherence_budget", "budget absent", erase("budget_annuel"), Outcome::Undecidable},
        {"ehpad_medecin", "sans médecin", [](Dossier& d) { set(d, "ehpad_temps_medecin", false); }, Outcome::Failed},
        {"ehpad_medecin", "non renseigné", erase("ehpad_temps_medecin"), Outcome::Undecidable},
        {"ehpad_idec", "sans IDEC", [](Dossier& d) { set(d, "ehpad_idec", false); }, Outcome::Failed},
        {"ehpad_idec", "non renseigné", erase("ehpad_idec"), Outcome::Undecidable},
        {"ehpad_nuit", "sans IDE de nuit", [](Dossier& d) { set(d, "ehpad_ide_nuit", false); }, Outcome::Failed},
        {"ehpad_nuit", "non renseigné", erase("ehpad_ide_nuit"), Outcome::Undecidable},
        {"ehpad_locaux", "sans locaux", [](Dossier& d) { set(d, "ehpad_locaux_volet1", false); }, Outcome::Failed},
        {"ehpad_locaux", "non renseigné", erase("ehpad_locaux_volet1"), Outcome::Undecidable},
        {"accessibilite", "aucune des trois voies", [](Dossier& d) { set(d, "ehpad_habilite_aide_sociale", false); }, Outcome::Failed},
        {"accessibilite", "seconde alternative seule",
         [](Dossier& d) { set(d, "ehpad_habilite_aide_sociale", false); set(d, "convention_ehpad_habilite", true); }, Outcome::Passed},
        {"accessibilite", "habilitation inconnue, alternatives non",
         [](Dossier& d) { d.facts.erase("ehpad_habilite_aide_sociale"); }, Outcome::Undecidable},
        {"gratuite", "participation demandée", [](Dossier& d) { set(d, "participation_beneficiaires", true); }, Outcome::Failed},
        {"gratuite", "non renseigné", erase("participation_beneficiaires"), Outcome::Undecidable},
        {"public_gir", "public plus large", [](Dossier& d) { set(d, "public_gir_1_4", false); }, Outcome::Failed},
        {"public_gir", "non renseigné", erase("public_gir_1_4"), Outcome::Undecidable},
        {"domaines", "3 domaines sur 4", [](Dossier& d) { set(d, "domaines_volet2", Rational(3)); }, Outcome::Failed},
        {"domaines", "non renseigné", erase("domaines_volet2"), Outcome::Undecidable},
        {"admission", "non décrite", [](Dossier& d) { set(d, "procedure_admission_sortie", false); }, Outcome::Failed},
        {"admission", "non renseigné", erase("procedure_admission_sortie"), Outcome::Undecidable},
        {"equipe", "sans psychologue", [](Dossier& d) { set(d, "equipe_volet2.psychologue", Rational(0)); }, Outcome::Failed},
        {"equipe", "animateur non renseigné", erase("equipe_volet2.animateur"), Outcome::Undecidable},
        {"territoire_intervention", "jusqu'à Nîmes",
         [](Dossier& d) { set(d, "territoire_intervention", std::vector<std::string>{"16015", "30189"}); }, Outcome::Failed},
        {"territoire_intervention", "non renseigné", erase("territoire_intervention"), Outcome::Undecidable},
    };
    run_table(g, c, good, cases);
}

// Figures from 004_96637afb2dcc3432.txt §4-1, computed by hand: 8 beds ×
// 15 € × 365 days = 43 800 € ≤ 44 000 €; a 60 € day price plus 15 € = 75 €;
// not priced by the Département: 57,20 € (arrêté n°19-375) + 15 € = 72,20 €.
TEST(UphvRules, EveryRulePassFailUndecided) {
    Grid g = io::read_grid_file(test::source_dir() + "/scoring-grids/uphv-17-2019.xml");
    Campaign c = campaign_of(g, "30/09/2019");
    Dossier good;
    good.reference = "UPHV";
    good.organisme = "EHPAD essai";
    good.commune = "17300";   // La Rochelle
    set(good, "places", Rational(8));
    set(good, "budget_annuel", Rational(43800));
    set(good, "date_depot", *Date::parse("30/09/2019"));
    set(good, "categorie_etablissement", std::string("500"));
    set(good, "code_clientele_actuel", std::string("711"));
    set(good, "code_clientele_cible", std::string("702"));
    set(good, "equipe_pluridisciplinaire", true);
    set(good, "effectifs.educatif", Rational(1));
    set(good, "effectifs.soignant", Rational(13, 10));
    set(good, "tarife_departement", true);
    set(good, "engagement_maintien_aide_sociale", true);
    set(good, "prix_journee_hebergement", Rational(60));
    set(good, "habilitation_totale", true);
    set(good, "date_ouverture", *Date::parse("30/06/2020"));
    set(good, "centre_bourg_ou_transports", true);
    set(good, "locaux_dedies", true);

    auto erase = [](const char* k) { return [k](Dossier& d) { d.facts.erase(k); }; };
    std::vector<Case> cases{
        {"delai", "déposé le 01/10/2019", [](Dossier& d) { set(d, "date_depot", *Date::parse("01/10/2019")); }, Outcome::Failed},
        {"delai", "date absente", erase("date_depot"), Outcome::Undecidable},
        {"territoire", "Angoulême (Charente)", [](Dossier& d) { d.commune = "16015"; }, Outcome::Failed},
        {"territoire", "commune absente", [](Dossier& d) { d.commune.clear(); }, Outcome::Undecidable},
        {"ehpad", "résidence autonomie (202)", [](Dossier& d) { set(d, "categorie_etablissement", std::string("202")); }, Outcome::Failed},
        {"ehpad", "catégorie absente", erase("categorie_etablissement"), Outcome::Undecidable},
        {"clientele", "cible 711", [](Dossier& d) { set(d, "code_clientele_cible", std::string("711")); }, Outcome::Failed},
        {"clientele", "actuel absent", erase("code_clientele_actuel"), Outcome::Undecidable},
        {"clientele", "actuel absent, cible fausse",
         [](Dossier& d) { d.facts.erase("code_clientele_actuel"); set(d, "code_clientele_cible", std::string("700")); }, Outcome::Failed},
        {"lits", "10 lits", [](Dossier& d) { set(d, "places", Rational(10)); }, Outcome::Failed},
        {"lits", "lits absents", erase("places"), Outcome::Undecidable},
        // Pluridisciplinarity read from the staffing table (two qualifications with an FTE), not from the box.
        {"pluridisciplinarite", "soignants seuls", [](Dossier& d) { set(d, "effectifs.educatif", Rational(0)); }, Outcome::Failed},
        {"pluridisciplinarite", "case « non », deux qualifications au tableau",
         [](Dossier& d) { set(d, "equipe_pluridisciplinaire", false); }, Outcome::Passed},
        {"pluridisciplinarite", "tableau non rempli",
         [](Dossier& d) { d.facts.erase("effectifs.educatif"); d.facts.erase("effectifs.soignant"); }, Outcome::Undecidable},
        {"financement", "43 800 € tout juste", [](Dossier& d) { set(d, "budget_annuel", Rational(43800)); }, Outcome::Passed},
        {"financement", "44 000 € (au-delà de 43 800 €)", [](Dossier& d) { set(d, "budget_annuel", Rational(44000)); }, Outcome::Failed},
        {"financement", "absent", erase("budget_annuel"), Outcome::Undecidable},
        // 10 beds: refused once, by the unit rule; its funding (54 750 €) is not a second ground.
        {"financement", "10 lits, 54 750 €",
         [](Dossier& d) { set(d, "places", Rational(10)); set(d, "budget_annuel", Rational(54750)); }, Outcome::NotApplicable},
        {"prix", "tarifé : 60,01 € + 15 €", [](Dossier& d) { set(d, "prix_journee_hebergement", Rational(6001, 100)); }, Outcome::Failed},
        {"prix", "non tarifé : son prix de 70 € ne compte pas (57,20 € + 15 €)",
         [](Dossier& d) { set(d, "tarife_departement", false); set(d, "prix_journee_hebergement", Rational(70)); }, Outcome::Passed},
        {"prix", "non tarifé, prix propre absent",
         [](Dossier& d) { set(d, "tarife_departement", false); d.facts.erase("prix_journee_hebergement"); }, Outcome::Passed},
        {"prix", "tarifé, prix absent", erase("prix_journee_hebergement"), Outcome::Undecidable},
        {"prix", "tarification non renseignée", erase("tarife_departement"), Outcome::Undecidable},
        {"maintien_aide_sociale", "pas d'engagement", [](Dossier& d) { set(d, "engagement_maintien_aide_sociale", false); }, Outcome::Failed},
        {"maintien_aide_sociale", "non renseigné", erase("engagement_maintien_aide_sociale"), Outcome::Undecidable},
        {"habilitation", "partielle", [](Dossier& d) { set(d, "habilitation_totale", false); }, Outcome::Failed},
        {"habilitation", "non renseignée", erase("habilitation_totale"), Outcome::Undecidable},
        {"ouverture", "01/07/2020", [](Dossier& d) { set(d, "date_ouverture", *Date::parse("01/07/2020")); }, Outcome::Failed},
        {"ouverture", "date absente", erase("date_ouverture"), Outcome::Undecidable},
        {"localisation", "isolé", [](Dossier& d) { set(d, "centre_bourg_ou_transports", false); }, Outcome::Failed},
        {"localisation", "non renseigné", erase("centre_bourg_ou_transports"), Outcome::Undecidable},
        {"locaux", "sans locaux dédiés", [](Dossier& d) { set(d, "locaux_dedies", false); }, Outcome::Failed},
        {"locaux", "non renseigné", erase("locaux_dedies"), Outcome::Undecidable},
    };
    // complement_unite reads only the campaign's parameters: tried in UphvRules.SupplementOfAUnitAgainstTheCeiling.
    run_table(g, c, good, cases, {{"complement_unite", {Outcome::Failed, Outcome::Undecidable}}});
}

TEST(GridFacts, BuiltinFactMayBeRelabelledNotRetyped) {
    Grid g = io::read_grid_file(test::source_dir() + "/scoring-grids/uphv-17-2019.xml");
    EXPECT_EQ(g.fact("places")->label, "Lits demandés pour l'unité");
    EXPECT_EQ(display(*g.fact("places"), Rational(8)), "8\u00A0lits");
    EXPECT_EQ(display(*g.fact("places"), Rational(1)), "1\u00A0lit");   // singular below 2
    std::string xml = "<grid id=\"g\" version=\"1\" title=\"t\">\n<facts>\n<fact id=\"places\" type=\"texte\" label=\"x\"/>\n"
                      "</facts>\n<theme id=\"A\" label=\"T\"><criterion id=\"A.1\" label=\"u\" coefficient=\"1\"/></theme>\n</grid>\n";
    try {
        io::read_grid(xml, "essai.xml");
        FAIL();
    } catch (const GridError& e) {
        EXPECT_NE(std::string(e.what()).find("essai.xml, ligne 3, <fact id=\"places\">"), std::string::npos) << e.what();
    }
}

TEST(ProposedGrids, LoadWithTheirTotals) {
    // Each proposed grid sums its coefficients to 60, i.e. 300 points on a 0–5 scale.
    for (const char* f : {"crt-2022.xml", "uphv-17-2019.xml"}) {
        Grid g = io::read_grid_file(test::source_dir() + "/scoring-grids/" + f);
        EXPECT_EQ(g.max_total(), Rational(300)) << f;
        EXPECT_EQ(g.status, "proposition") << f;
        for (const auto& t : g.themes)
            for (const auto& c : t.criteria) EXPECT_FALSE(c.source.empty()) << f << " " << c.id;
        for (const auto& r : g.rules) EXPECT_FALSE(r.source.empty()) << f << " " << r.id;
    }
    Grid crt = io::read_grid_file(test::source_dir() + "/scoring-grids/crt-2022.xml");
    bool has_is_theme = false;
    for (const auto& t : crt.themes) has_is_theme = has_is_theme || t.label.find("Système d'information") != std::string::npos;
    EXPECT_TRUE(has_is_theme);
}

#include "app/demo.h"

// The demo campaigns show what the issue asks of them: for CRT a home-care
// carrier without an EHPAD agreement and a volet-1-only project (one ground
// each); for UPHV one asking 10 beds and one whose staffing table has a single
// qualification.
TEST(DemoCampaigns, IneligibleDossiersAndTheirReasons) {
    const std::map<std::string, std::map<std::string, std::string>> expected{
        {"crt", {{"CRT-2022-04", "sans convention avec un EHPAD"}, {"CRT-2022-05", "deux volets"}}},
        {"uphv", {{"UPHV-2019-04", "unité de 8\u00A0lits (10\u00A0lits au lieu de 8\u00A0lits)"},
                  {"UPHV-2019-05", "pas pluridisciplinaire (1\u00A0qualification < 2)"}}},
        {"act-hlm", {{"ACT-2023-07", "12\u00A0600\u00A0€"}, {"ACT-2023-08", "Provence-Alpes-Côte d'Azur"},
                     {"ACT-2023-09", "date limite"}, {"ACT-2023-11", "coordonnateur"}}}};
    for (const auto& [call, dossiers] : expected) {
        test::TempDir dir;
        auto s = create_demo(dir.file("demo.cot"), call);
        const Ranking& r = s->ranking();
        ASSERT_EQ(r.ineligible.size(), dossiers.size()) << call;
        for (const auto& e : r.ineligible) {
            const std::string& ref = s->dossiers()[e.dossier].reference;
            ASSERT_TRUE(dossiers.count(ref)) << call << " : " << ref;
            std::string reasons;
            for (const auto& m : e.eligibility.elimination_reasons()) reasons += m + " ";
            EXPECT_NE(reasons.find(dossiers.at(ref)), std::string::npos) << ref << " : " << reasons;
            if (call != "act-hlm") EXPECT_EQ(e.eligibility.elimination_reasons().size(), 1u) << ref << " : " << reasons;
        }
        EXPECT_GE(r.ranked.size(), 5u) << call;
        EXPECT_GT(s->ratings().size(), 200u) << call;
    }
}

// Each demo is a whole campaign as a team runs it (demo/<call>/): 3 to 5
// reviewers who really disagree somewhere, declared links, an adopted
// ranking and a decision for every dossier but those awaiting arbitration.
TEST(DemoCampaigns, TeamsDisagreementsConflictsAndDecisions) {
    for (const char* call : {"act-hlm", "crt", "uphv"}) {
        test::TempDir dir;
        auto s = create_demo(dir.file("demo.cot"), call);
        std::set<std::string> raters;
        for (const auto& r : s->ratings()) raters.insert(r.reviewer);
        EXPECT_GE(raters.size(), 3u) << call;
        EXPECT_LE(raters.size(), 5u) << call;
        int flagged = 0;
        for (const auto& d : s->dossiers()) {
            DossierScore score = score_dossier(s->grid(), s->ratings_of(d.id));
            for (const auto& c : score.criteria) flagged += c.flagged;
        }
        EXPECT_GE(flagged, 2) << call << " : désaccords signalés";
        int instructors_with_links = 0, members_with_links = 0;
        for (const auto& c : s->team().conflicts) {
            Role role = s->team().person(c.reviewer)->role;
            instructors_with_links += role == Role::Instructor;
            members_with_links += role == Role::CommitteeMember;
        }
        EXPECT_GE(instructors_with_links, 1) << call;
        EXPECT_GE(members_with_links, 1) << call;
        auto check = s->meeting_check();
        ASSERT_TRUE(check) << call;
        EXPECT_TRUE(check->adopted) << call << " : " << check->outcome;
        EXPECT_EQ(check->interests.size(), 1u) << call;
        EXPECT_EQ(s->decisions().size(), s->dossiers().size() - s->ranking().pending.size()) << call;
        EXPECT_TRUE(s->store().verify_journal().ok) << call;
    }
}

// ---------------------------------------------------------------------------
// Values compared, dependencies between rules, capacity in units and missions.

#include "core/scoring.h"
#include "core/french.h"

namespace {
const std::string nb = "\u00A0";   // French no-break space, as fr::amount and units print it

Dossier uphv_good() {
    Dossier d;
    d.reference = "UPHV";
    d.organisme = "EHPAD essai";
    d.commune = "17300";
    set(d, "places", Rational(8));
    set(d, "budget_annuel", Rational(43800));
    set(d, "date_depot", *Date::parse("30/09/2019"));
    set(d, "categorie_etablissement", std::string("500"));
    set(d, "code_clientele_actuel", std::string("711"));
    set(d, "code_clientele_cible", std::string("702"));
    set(d, "effectifs.educatif", Rational(1));
    set(d, "effectifs.soignant", Rational(13, 10));
    set(d, "tarife_departement", true);
    set(d, "engagement_maintien_aide_sociale", true);
    set(d, "prix_journee_hebergement", Rational(60));
    set(d, "habilitation_totale", true);
    set(d, "date_ouverture", *Date::parse("30/06/2020"));
    set(d, "centre_bourg_ou_transports", true);
    set(d, "locaux_dedies", true);
    return d;
}

const RuleResult& result(const EligibilityReport& r, const std::string& id) {
    for (const auto& x : r.rules)
        if (x.rule->id == id) return x;
    throw std::runtime_error("règle " + id);
}
}  // namespace

// 004_…, 4-1, by hand: 63,50 € + 15 € = 78,50 € > 75 €.
TEST(RuleValues, FailedComparisonPrintsBothSides) {
    Grid g = io::read_grid_file(test::source_dir() + "/scoring-grids/uphv-17-2019.xml");
    Campaign c = campaign_of(g, "30/09/2019");
    Dossier d = uphv_good();
    set(d, "prix_journee_hebergement", Rational(6350, 100));
    auto rep = check_eligibility(g, c, d);
    const RuleResult& prix = result(rep, "prix");
    ASSERT_EQ(prix.outcome, Outcome::Failed);
    ASSERT_EQ(prix.compared.size(), 1u);
    EXPECT_EQ(prix.compared[0], "63,50" + nb + "€ + 15" + nb + "€ = 78,50" + nb + "€ > 75" + nb + "€");
    EXPECT_EQ(prix.message, "Avec le complément de 15" + nb + "€, le prix de journée de référence dépasse 75" + nb + "€ : le complément sera plafonné (63,50" +
                                nb + "€ + 15" + nb + "€ = 78,50" + nb + "€ > 75" + nb + "€).");
    // The point of attention the committee reads carries the figures too.
    ASSERT_EQ(rep.attention_points().size(), 1u);
    EXPECT_EQ(rep.attention_points()[0], prix.message);

    // Not priced by the Département: the order's 57,20 € is the reference, whatever the EHPAD's own price.
    set(d, "tarife_departement", false);
    rep = check_eligibility(g, c, d);
    EXPECT_EQ(result(rep, "prix").outcome, Outcome::Passed);
    const RuleDef* rule = nullptr;
    for (const auto& r : g.rules)
        if (r.id == "prix") rule = &r;
    auto held = rule_values(g, c, d, *rule);
    ASSERT_EQ(held.size(), 1u);
    EXPECT_EQ(held[0], "57,20" + nb + "€ + 15" + nb + "€ = 72,20" + nb + "€, soit au plus 75" + nb + "€");
}

// 004_…, 4-1, by hand: 15 € × 8 lits × 365 jours = 43 800 € ≤ 44 000 €; with 16 €: 46 720 € > 44 000 €.
TEST(UphvRules, SupplementOfAUnitAgainstTheCeiling) {
    Grid g = io::read_grid_file(test::source_dir() + "/scoring-grids/uphv-17-2019.xml");
    Campaign c = campaign_of(g, "30/09/2019");
    Dossier d = uphv_good();
    const RuleDef* rule = nullptr;
    for (const auto& r : g.rules)
        if (r.id == "complement_unite") rule = &r;
    ASSERT_NE(rule, nullptr);
    EXPECT_EQ(result(check_eligibility(g, c, d), "complement_unite").outcome, Outcome::Passed);
    auto shown = rule_values(g, c, d, *rule);
    ASSERT_EQ(shown.size(), 1u);
    EXPECT_EQ(shown[0], "15" + nb + "€ × 8" + nb + "lits × 365" + nb + "jours = 43" + nb + "800" + nb + "€, soit au plus 44" + nb + "000" + nb + "€");
    c.parameters["campagne.complement_jour"] = Rational(16);
    auto rep = check_eligibility(g, c, d);
    const RuleResult& r = result(rep, "complement_unite");
    EXPECT_EQ(r.outcome, Outcome::Failed);
    ASSERT_EQ(r.compared.size(), 1u);
    EXPECT_EQ(r.compared[0], "16" + nb + "€ × 8" + nb + "lits × 365" + nb + "jours = 46" + nb + "720" + nb + "€ > 44" + nb + "000" + nb + "€");
    c.parameters.erase("campagne.jours_an");
    EXPECT_EQ(result(check_eligibility(g, c, d), "complement_unite").outcome, Outcome::Undecidable);

    // The dossier's request against the same figures: 44 000 € > 43 800 €.
    c = campaign_of(g, "30/09/2019");
    set(d, "budget_annuel", Rational(44000));
    auto rep2 = check_eligibility(g, c, d);
    const RuleResult& f = result(rep2, "financement");
    ASSERT_EQ(f.outcome, Outcome::Failed);
    ASSERT_EQ(f.compared.size(), 1u);   // 44 000 € ≤ 44 000 €: only the first comparison failed
    EXPECT_EQ(f.compared[0], "44" + nb + "000" + nb + "€ > 15" + nb + "€ × 8" + nb + "lits × 365" + nb + "jours = 43" + nb + "800" + nb + "€");
}

TEST(RuleValues, UnitsYesNoAndTablesInFrench) {
    Grid g = io::read_grid_file(test::source_dir() + "/scoring-grids/uphv-17-2019.xml");
    Campaign c = campaign_of(g, "30/09/2019");
    Dossier d = uphv_good();
    for (const auto& doc : g.documents) d.documents.insert(doc.id);
    set(d, "places", Rational(10));
    set(d, "effectifs.educatif", Rational(0));
    set(d, "locaux_dedies", false);
    auto rep = check_eligibility(g, c, d);
    // "{campagne.lits_unite}" filled in the message, the values added after it.
    EXPECT_EQ(result(rep, "lits").message, "Le projet ne porte pas sur une unité de 8" + nb + "lits (10" + nb + "lits au lieu de 8" + nb + "lits).");
    ASSERT_EQ(result(rep, "pluridisciplinarite").compared.size(), 1u);
    EXPECT_EQ(result(rep, "pluridisciplinarite").compared[0], "1" + nb + "qualification < 2");
    ASSERT_EQ(result(rep, "locaux").compared.size(), 1u);
    EXPECT_EQ(result(rep, "locaux").compared[0], "Locaux dédiés à l'unité : non");
    // A rule on one yes/no fact compared nothing: its message is not followed by « (… : non) ».
    EXPECT_EQ(result(rep, "locaux").message, "L'unité ne dispose pas de locaux dédiés.");
    // Two eliminating causes, two grounds; the funding rule follows from "lits" and is not evaluated.
    EXPECT_EQ(rep.elimination_reasons().size(), 2u);
    EXPECT_EQ(result(rep, "financement").blocked_by->id, "lits");
}

// A volet-1-only CRT project (000_…, §1.4): one ground, not three; the
// volet 2 rules (file active, funding, team, admission…) are not evaluated.
TEST(RuleDependencies, VoletOneOnlyIsRefusedOnOneGround) {
    Grid g = io::read_grid_file(test::source_dir() + "/scoring-grids/crt-2022.xml");
    Campaign c = campaign_of(g, "30/09/2022");
    Dossier d;
    d.reference = "CRT";
    d.commune = "16015";
    set(d, "places", Rational(0));
    set(d, "budget_annuel", Rational(250000));
    set(d, "date_depot", *Date::parse("30/09/2022"));
    set(d, "categorie_porteur", std::string("500"));
    set(d, "volet1", true);
    set(d, "volet2", false);
    set(d, "conventions_services_domicile", false);
    set(d, "budget_volet2", Rational(0));
    set(d, "file_active_volet2", Rational(0));
    for (const char* row : {"medecin", "coordinateur", "soignants", "ergotherapeute", "psychologue", "animateur"})
        set(d, std::string("equipe_volet2.") + row, Rational(0));
    for (const auto& doc : g.documents) d.documents.insert(doc.id);
    auto rep = check_eligibility(g, c, d);
    ASSERT_TRUE(rep.eliminated());
    auto reasons = rep.elimination_reasons();
    ASSERT_EQ(reasons.size(), 1u);
    EXPECT_NE(reasons[0].find("deux volets"), std::string::npos) << reasons[0];
    EXPECT_NE(reasons[0].find("Volet 2 (accompagnement renforcé à domicile) présent : non"), std::string::npos) << reasons[0];
    for (const char* id : {"file_active", "financement_volet2", "conventions_domicile", "equipe", "volet1_champs"}) {
        const RuleResult& r = result(rep, id);
        EXPECT_EQ(r.outcome, Outcome::NotApplicable) << id;
        ASSERT_NE(r.blocked_by, nullptr) << id;
        EXPECT_EQ(r.blocked_by->id, "deux_volets") << id;
    }
    for (const auto& p : rep.attention_points()) EXPECT_EQ(p.find("volet 2"), std::string::npos) << p;
    // Volets not given: the volet 2 rules are evaluated (undecided is not failed).
    d.facts.erase("volet2");
    rep = check_eligibility(g, c, d);
    EXPECT_EQ(result(rep, "deux_volets").outcome, Outcome::Undecidable);
    EXPECT_EQ(result(rep, "file_active").outcome, Outcome::Failed);
    EXPECT_EQ(result(rep, "file_active").blocked_by, nullptr);
}

namespace {
const char* kDependencyGrid =
    "<grid id=\"g\" version=\"1\" title=\"t\">\n"
    "<rules>\n"
    "<rule id=\"a\" label=\"A\"><test>places &gt;= 1</test><message>Pas de place.</message></rule>\n"
    "<rule id=\"b\" label=\"B\" requires=\"a\"><test>budget_annuel &gt;= places * 10</test>"
    "<message>Budget {budget_annuel} : {valeurs}.</message></rule>\n"
    "<rule id=\"c\" label=\"C\" effect=\"vigilance\" requires=\"b\"><test>budget_annuel &lt;= 100</test></rule>\n"
    "</rules>\n"
    "<theme id=\"T\" label=\"T\"><criterion id=\"T.1\" label=\"u\" coefficient=\"1\"/></theme>\n</grid>\n";
}

TEST(RuleDependencies, TransitiveAndOnlyOnFailure) {
    Grid g = io::read_grid(kDependencyGrid, "essai.xml");
    Campaign c;
    Dossier d;
    set(d, "places", Rational(0));
    set(d, "budget_annuel", Rational(500));
    auto rep = check_eligibility(g, c, d);
    EXPECT_EQ(result(rep, "a").outcome, Outcome::Failed);
    EXPECT_EQ(result(rep, "b").outcome, Outcome::NotApplicable);
    EXPECT_EQ(result(rep, "c").outcome, Outcome::NotApplicable);   // b was not evaluated: c neither
    EXPECT_EQ(result(rep, "c").blocked_by->id, "b");
    EXPECT_EQ(rep.elimination_reasons(), std::vector<std::string>{"Pas de place (0" + nb + "place < 1)."});
    // a undecided: b is evaluated. 3 places: 500 ≥ 30 passes, c (500 > 100) fails.
    d.facts.erase("places");
    rep = check_eligibility(g, c, d);
    EXPECT_EQ(result(rep, "b").outcome, Outcome::Undecidable);
    set(d, "places", Rational(60));
    rep = check_eligibility(g, c, d);
    // {budget_annuel} has no declared unit in this grid: a plain amount. 500 < 60 × 10 = 600.
    EXPECT_EQ(result(rep, "b").message, "Budget 500" + nb + "€ : 500" + nb + "€ < 60" + nb + "places × 10 = 600" + nb + "places.");
}

TEST(RuleDependencies, UnknownOrLaterPrerequisiteIsRefused) {
    std::string later = kDependencyGrid;
    later.replace(later.find("requires=\"a\""), 12, "requires=\"c\"");
    try {
        io::read_grid(later, "essai.xml");
        FAIL();
    } catch (const GridError& e) {
        EXPECT_NE(std::string(e.what()).find("essai.xml, ligne 4, <rule id=\"b\"> : « requires » nomme « c »"), std::string::npos)
            << e.what();
    }
    std::string unknown = kDependencyGrid;
    unknown.replace(unknown.find("{budget_annuel}"), 15, "{budjet}");
    EXPECT_THROW(io::read_grid(unknown, "essai.xml"), GridError);
}

// UPHV: 24 beds in 3 units of 8 (004_…, cadre juridique). A unit is never split.
TEST(Capacity, UnitsAreNeverSplit) {
    Grid g = io::read_grid_file(test::source_dir() + "/scoring-grids/uphv-17-2019.xml");
    Campaign c = campaign_of(g, "30/09/2019");
    CapacityModel m = capacity_model(g, c);
    ASSERT_TRUE(m.capacity && m.unit);
    EXPECT_EQ(*m.capacity, Rational(24));
    EXPECT_EQ(*m.unit, Rational(8));
    EXPECT_FALSE(m.per_dossier);
    Rational eight(8);
    auto four = grant_refusal(m, Rational(4), &eight, Rational(0));
    ASSERT_TRUE(four);
    EXPECT_NE(four->find("(4" + nb + "lits) n'est pas un nombre entier d'unités de 8" + nb + "lits : une unité ne se partage pas"),
              std::string::npos) << *four;
    EXPECT_FALSE(grant_refusal(m, eight, &eight, Rational(16)));   // 16 + 8 = 24
    EXPECT_TRUE(grant_refusal(m, eight, &eight, Rational(24)));    // 32 > 24

    // The proposal, on a grid that declares the unit by its role (no rule on the size):
    // 8 fits, 4 would split a unit, 16 fits (8 + 16 = 24), the last 8 finds no room.
    std::string xml =
        "<grid id=\"g\" version=\"1\" title=\"t\">\n<parameters>\n"
        "<parameter id=\"campagne.lits\" type=\"nombre\" unit=\"lit|lits\" value=\"24\" label=\"Lits\" role=\"capacite\"/>\n"
        "<parameter id=\"campagne.taille\" type=\"nombre\" unit=\"lit|lits\" value=\"8\" label=\"Unité\" role=\"unite\"/>\n"
        "</parameters>\n<facts><fact id=\"places\" type=\"nombre\" unit=\"lit|lits\" label=\"Lits\"/></facts>\n"
        "<theme id=\"T\" label=\"T\"><criterion id=\"T.1\" label=\"u\" coefficient=\"1\"/></theme>\n</grid>\n";
    Grid u = io::read_grid(xml, "unites.xml");
    Campaign cu = campaign_of(u, "30/09/2019");
    std::vector<Dossier> ds;
    std::vector<Rating> rs;
    int asked[] = {8, 4, 16, 8};
    for (int i = 0; i < 4; ++i) {
        Dossier d;
        d.id = i + 1;
        d.reference = std::string(1, static_cast<char>('A' + i));
        set(d, "places", Rational(asked[i]));
        ds.push_back(d);
        rs.push_back({d.id, "X", "T.1", 5 - i, "Justification."});
    }
    Ranking k = rank_dossiers(u, cu, ds, index_ratings(rs));
    ASSERT_EQ(k.ranked.size(), 4u);
    EXPECT_EQ(k.ranked[0].proposal, Proposal::Retained);
    EXPECT_EQ(k.ranked[1].proposal, Proposal::NotRetained);
    EXPECT_NE(k.ranked[1].proposal_reason.find("une unité ne se partage pas"), std::string::npos);
    EXPECT_EQ(k.ranked[2].proposal, Proposal::Retained);
    EXPECT_EQ(k.ranked[3].proposal, Proposal::NotRetained);
    EXPECT_EQ(k.granted, Rational(24));
}

// CRT: the capacity is a number of missions; a dossier entered with places = 0
// (Annexe 2: capacity 0) counts 1 when retained; a dossier never rated is never proposed.
TEST(Capacity, MissionsCountDossiersAndUnratedAreNeverProposed) {
    std::string xml =
        "<grid id=\"g\" version=\"1\" title=\"t\">\n<parameters>\n"
        "<parameter id=\"campagne.places\" type=\"nombre\" unit=\"mission|missions\" value=\"2\" label=\"CRT\" role=\"capacite-dossiers\"/>\n"
        "</parameters>\n"
        "<theme id=\"T\" label=\"T\"><criterion id=\"T.1\" label=\"u\" coefficient=\"1\"/></theme>\n</grid>\n";
    Grid g = io::read_grid(xml, "missions.xml");
    Campaign c = campaign_of(g, "30/09/2022");
    std::vector<Dossier> ds;
    std::vector<Rating> rs;
    for (int i = 0; i < 5; ++i) {
        Dossier d;
        d.id = i + 1;
        d.reference = "CRT-" + std::to_string(i + 1);
        set(d, "places", Rational(i == 1 ? 1 : 0));
        ds.push_back(d);
        if (i != 0) rs.push_back({d.id, "X", "T.1", 6 - i, "Justification."});   // CRT-1 never rated
    }
    Ranking k = rank_dossiers(g, c, ds, index_ratings(rs));
    // CRT-1, never rated, is out of the ranking: neither proposed nor « non retenu » (trial 13c F4).
    ASSERT_EQ(k.ranked.size(), 4u);
    ASSERT_EQ(k.pending.size(), 1u);
    EXPECT_EQ(ds[k.pending[0].dossier].reference, "CRT-1");
    EXPECT_EQ(k.pending[0].proposal, Proposal::Unrated);
    EXPECT_EQ(k.pending[0].rank, 0);
    int proposed = 0;
    for (const auto& e : k.ranked) {
        const std::string& ref = ds[e.dossier].reference;
        if (ref == "CRT-2" || ref == "CRT-3") EXPECT_EQ(e.proposal, Proposal::Retained) << ref;   // notes 5 and 4
        if (ref == "CRT-4" || ref == "CRT-5") {
            EXPECT_EQ(e.proposal, Proposal::NotRetained) << ref;
            EXPECT_EQ(e.proposal_reason, "Capacité de l'appel atteinte (2" + nb + "missions au plus)") << ref;
        }
        proposed += e.proposal == Proposal::Retained;
    }
    EXPECT_EQ(proposed, 2);
    EXPECT_EQ(k.granted, Rational(2));
    EXPECT_EQ(k.model.capacity_text(k.granted), "2" + nb + "missions");
    // Without any capacity, an unrated dossier is still not proposed.
    c.parameters.erase("campagne.places");
    k = rank_dossiers(g, c, ds, index_ratings(rs));
    ASSERT_EQ(k.pending.size(), 1u);
    EXPECT_EQ(k.pending[0].proposal, Proposal::Unrated);
    for (const auto& e : k.ranked) EXPECT_EQ(e.proposal, Proposal::Retained) << ds[e.dossier].reference;
}

#include "app/session.h"

// `decide … --places 4` on the UPHV call is refused; on the CRT call a
// retained dossier receives one mission and the missions are counted.
TEST(Capacity, DecisionsFollowUnitsAndMissions) {
    {
        test::TempDir dir;
        auto s = create_demo(dir.file("uphv.cot"), "uphv", DemoStage::Instruction);
        const std::string coord = test::demo_coordinator(*s);
        Decision d;
        d.kind = DecisionKind::Retained;
        d.date = *Date::parse("29/11/2019");
        d.places = Rational(4);
        std::int64_t id = s->dossiers()[*s->find("UPHV-2019-01")].id;
        try {
            s->decide(id, d, coord);
            FAIL();
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find("n'est pas un nombre entier d'unités de 8" + nb + "lits"), std::string::npos) << e.what();
        }
        EXPECT_TRUE(s->decisions().empty());
        d.places = Rational(8);
        s->decide(id, d, coord);
        EXPECT_EQ(*s->decisions().at(id).places, Rational(8));
    }
    {
        test::TempDir dir;
        auto s = create_demo(dir.file("crt.cot"), "crt", DemoStage::Instruction);
        const std::string coord = test::demo_coordinator(*s);
        cotation::test::set_parameter(*s, "campagne.places", "2", coord);
        std::vector<std::int64_t> eligible;
        for (const auto& e : s->ranking().ranked) eligible.push_back(s->dossiers()[e.dossier].id);
        ASSERT_GE(eligible.size(), 3u);
        Decision d;
        d.kind = DecisionKind::Retained;
        d.date = *Date::parse("30/11/2022");
        d.departure_reason = "Essai";
        d.places = Rational(4);
        EXPECT_THROW(s->decide(eligible[0], d, coord), InputError);   // a mission, not 4
        d.places = Rational(0);   // what CRT-2022-09 entered: still one mission
        s->decide(eligible[0], d, coord);
        d.places.reset();
        s->decide(eligible[1], d, coord);
        EXPECT_EQ(*s->decisions().at(eligible[0]).places, Rational(1));
        try {
            s->decide(eligible[2], d, coord);
            FAIL();
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find("2" + nb + "missions au plus"), std::string::npos) << e.what();
        }
    }
}
