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
        EXPECT_EQ(r.outcome, r.rule->when && r.rule->id == "convention_ehpad" ? Outcome::NotApplicable : Outcome::Passed)
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
// volet 2 at 30 × 900 € × 12 months = 324 000 €; at 31 people 334 800 €.
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
        {"conventions_domicile", "non prévues", [](Dossier& d) { set(d, "conventions_services_domicile", false); }, Outcome::Failed},
        {"conventions_domicile", "non renseigné", erase("conventions_services_domicile"), Outcome::Undecidable},
        {"dotation", "400 001 €", [](Dossier& d) { set(d, "budget_annuel", Rational(400001)); }, Outcome::Failed},
        {"dotation", "budget absent", erase("budget_annuel"), Outcome::Undecidable},
        {"file_active", "29 personnes", [](Dossier& d) { set(d, "file_active_volet2", Rational(29)); }, Outcome::Failed},
        {"file_active", "file active absente", erase("file_active_volet2"), Outcome::Undecidable},
        {"financement_volet2", "323 999 € pour 30", [](Dossier& d) { set(d, "budget_volet2", Rational(323999)); }, Outcome::Failed},
        {"financement_volet2", "334 800 € pour 31",
         [](Dossier& d) { set(d, "file_active_volet2", Rational(31)); set(d, "budget_volet2", Rational(334800)); }, Outcome::Passed},
        {"financement_volet2", "324 000 € pour 31",
         [](Dossier& d) { set(d, "file_active_volet2", Rational(31)); }, Outcome::Failed},
        {"financement_volet2", "part du volet 2 absente", erase("budget_volet2"), Outcome::Undecidable},
        {"chefferie", "0 ETP", [](Dossier& d) { set(d, "etp_chefferie_projet", Rational(0)); }, Outcome::Failed},
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
// 15 € × 365 days = 43 800 € ≤ 44 000 €; a 60 € day price plus 15 € = 75 €.
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
        {"pluridisciplinarite", "sans équipe", [](Dossier& d) { set(d, "equipe_pluridisciplinaire", false); }, Outcome::Failed},
        {"pluridisciplinarite", "non renseigné", erase("equipe_pluridisciplinaire"), Outcome::Undecidable},
        {"financement", "44 000 € tout juste", [](Dossier& d) { set(d, "budget_annuel", Rational(44000)); }, Outcome::Passed},
        {"financement", "54 750 € (10 lits)", [](Dossier& d) { set(d, "budget_annuel", Rational(54750)); }, Outcome::Failed},
        {"financement", "absent", erase("budget_annuel"), Outcome::Undecidable},
        {"prix", "60,01 € + 15 €", [](Dossier& d) { set(d, "prix_journee_hebergement", Rational(6001, 100)); }, Outcome::Failed},
        {"prix", "prix absent", erase("prix_journee_hebergement"), Outcome::Undecidable},
        {"habilitation", "partielle", [](Dossier& d) { set(d, "habilitation_totale", false); }, Outcome::Failed},
        {"habilitation", "non renseignée", erase("habilitation_totale"), Outcome::Undecidable},
        {"ouverture", "01/07/2020", [](Dossier& d) { set(d, "date_ouverture", *Date::parse("01/07/2020")); }, Outcome::Failed},
        {"ouverture", "date absente", erase("date_ouverture"), Outcome::Undecidable},
        {"localisation", "isolé", [](Dossier& d) { set(d, "centre_bourg_ou_transports", false); }, Outcome::Failed},
        {"localisation", "non renseigné", erase("centre_bourg_ou_transports"), Outcome::Undecidable},
        {"locaux", "sans locaux dédiés", [](Dossier& d) { set(d, "locaux_dedies", false); }, Outcome::Failed},
        {"locaux", "non renseigné", erase("locaux_dedies"), Outcome::Undecidable},
    };
    run_table(g, c, good, cases);
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
// carrier without an EHPAD agreement and one whose volet 2 cannot fund 30
// people; for UPHV one asking 10 beds and one without a multidisciplinary team.
TEST(DemoCampaigns, IneligibleDossiersAndTheirReasons) {
    const std::map<std::string, std::map<std::string, std::string>> expected{
        {"crt", {{"CRT-2022-04", "sans convention avec un EHPAD"}, {"CRT-2022-05", "ne finance pas la file active"}}},
        {"uphv", {{"UPHV-2019-04", "unité de 8 lits"}, {"UPHV-2019-05", "équipe pluridisciplinaire"}}},
        {"act-hlm", {{"ACT-2023-07", "12 600 €"}, {"ACT-2023-08", "Provence-Alpes-Côte d'Azur"},
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
