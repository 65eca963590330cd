#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>

#include "test_support.h"

namespace {
struct CliRun {
    int code = -1;
    std::string out;
};
CliRun run(const std::string& args) {
    CliRun r;
    std::string cmd = std::string(COTATION_CLI) + " " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    std::array<char, 4096> buf;
    while (std::size_t n = fread(buf.data(), 1, buf.size(), p)) r.out.append(buf.data(), n);
    int status = pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}
}  // namespace

TEST(Cli, UsageErrorsExitTwoInFrench) {
    CliRun r = run("");
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.out.find("Usage : cotation COMMANDE"), std::string::npos);
    r = run("frobnicate");
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.out.find("commande inconnue « frobnicate »"), std::string::npos) << r.out;
    EXPECT_EQ(run("--help").code, 0);
}

TEST(Cli, DataErrorsExitOneAndNameTheInput) {
    CliRun r = run("rank /nonexistent/campagne.cot");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("/nonexistent/campagne.cot"), std::string::npos) << r.out;
}

TEST(Cli, GridCheckSummarisesActHlm) {
    CliRun r = run("grid check " + cotation::test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml");
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("17 critères, 300 points au total"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("II — Appréciation de la qualité du projet : 9 critères, 150 points"), std::string::npos) << r.out;
}

TEST(Cli, WholeWorkflowFromTheCommandLine) {
    cotation::test::TempDir dir;
    std::string f = dir.file("c.cot");
    CliRun r = run("new " + f + " --grid " + cotation::test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("À renseigner : campagne.date_limite"), std::string::npos) << r.out;
    r = run("param " + f + " campagne.date_limite=31/02/2023");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("« 31/02/2023 » n'est pas une date"), std::string::npos) << r.out;
    r = run("param " + f + " campagne.date_limite=28/04/2023");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("campagne.date_limite = 28/04/2023"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("campagne.places = 73\u00A0places"), std::string::npos) << r.out;
    {
        FILE* d = fopen(dir.file("d.csv").c_str(), "w");
        fputs("reference;organisme;siret;finess;commune;places;budget_annuel;date_depot;effectifs.medecin;coordonnateur_designe;"
              "participation_usager_jour;date_debut_activite;pieces_recues\n"
              "A;Org A;;;13203;10;126 000;01/04/2023;1;oui;0;01/09/2023;identite declarations comptes effectifs budget calendrier partenariats pre_projet\n"
              "B;Org B;;;30189;10;126 000;01/04/2023;1;oui;0;01/09/2023;identite declarations comptes effectifs budget calendrier partenariats pre_projet\n", d);
        fclose(d);
        FILE* n = fopen(dir.file("n.csv").c_str(), "w");
        fputs("dossier;evaluateur;critere;note;justification\nA;Claire;I.1;5;Très solide.\nA;Julien;I.1;4;Solide.\n", n);
        fclose(n);
    }
    ASSERT_EQ(run("import " + f + " " + dir.file("d.csv")).code, 0);
    ASSERT_EQ(run("rate " + f + " " + dir.file("n.csv")).code, 0);
    r = run("rank " + f + " --csv");
    ASSERT_EQ(r.code, 0) << r.out;
    // I.1 (coefficient 8) × mean(5, 4) = 8 × 4.5 = 36 points, all in theme I.
    EXPECT_NE(r.out.find("rang;dossier;organisme;total;I;II;III;IV;proposition;observations\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("1;A;Org A;36;36;0;0;0;proposé;"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(";B;Org B;;;;;;irrecevable;"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("n'est pas en région Provence-Alpes-Côte d'Azur"), std::string::npos) << r.out;
    r = run("journal verify " + f);
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("Journal intact"), std::string::npos);
}

TEST(Cli, AgreementAndMarginsOnTheDemo) {
    cotation::test::TempDir dir;
    std::string f = dir.file("demo.cot");
    ASSERT_EQ(run("demo " + f).code, 0);
    CliRun r = run("accord " + f);
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("alpha de Krippendorff (métrique d'intervalle) : 0,"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Claire Martin (ARS, DD 13) : "), std::string::npos) << r.out;
    r = run("rank " + f + " --marges");
    ASSERT_EQ(r.code, 0) << r.out;
    // ACT-2023-04 and ACT-2023-05 are tied at 231,5 in the demo: a zero margin, both fragile.
    EXPECT_NE(r.out.find("ACT-2023-04 / ACT-2023-05 : écart 0 pts"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Rangs fragiles (une note d'un point peut les changer) : ACT-2023-04 ACT-2023-05"), std::string::npos) << r.out;
}

// The committee run from the command line on the ACT demo before its
// meeting (demo/act-hlm/: Fatima Haddad declared a link with Habitat Soins
// Var, ACT-2023-02; Thomas Petit with Entraide Santé Carpentras). By hand:
// voters Olivier, Costa, Lucas and Moreau (proxy to Lucas) — Haddad does not
// vote; 2 for, 2 against: the president's vote (for) carries it.
TEST(Cli, CommitteeMeetingAndItsDocuments) {
    cotation::test::TempDir dir;
    std::string f = dir.file("demo.cot");
    ASSERT_EQ(run("demo " + f + " --etape instruction").code, 0);
    const std::string coord = " --par 'Nathalie Girard (ARS, pôle médico-social)'";
    // An appel à candidatures (procedures/appel-a-candidatures.xml): the
    // instruction is due with the committee on 15/06/2023, 5 days after 10/06.
    CliRun r = run("calendrier " + f + " --au 10/06/2023");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("[proche] 15/06/2023  Instruction achevée"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("dans 5 jour(s)"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("R. 313"), std::string::npos) << r.out;
    // Only the coordinator records the meeting.
    r = run("seance " + f + " --president 'Marie-Christine Olivier' --par 'Claire Martin (ARS, DD 13)'");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("coordonnateur"), std::string::npos) << r.out;
    r = run("seance " + f + " --president 'Marie-Christine Olivier' --present 'Marie-Christine Olivier' --present 'Bernard Costa'"
            " --present 'Jean-Pierre Lucas' --present 'Fatima Haddad' --represente 'Isabelle Moreau=Jean-Pierre Lucas'"
            " --vote 'Marie-Christine Olivier=pour' --vote 'Bernard Costa=contre' --vote 'Jean-Pierre Lucas=pour'"
            " --vote 'Isabelle Moreau=contre' --vote 'Fatima Haddad=pour'" + coord);
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("présents 4, représentés 1 ; quorum 3 : atteint"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Vote de « Fatima Haddad » non compté : lien déclaré avec un candidat"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Partage égal des voix (2 voix pour, 2 voix contre, 0 abstention sur 4 votants) : la voix "
                         "prépondérante du président (pour) fait adopter le classement."),
              std::string::npos)
        << r.out;
    // A member gives opinions, never on a dossier they declared a link with.
    r = run("avis " + f + " --dossier ACT-2023-02 --avis favorable --par 'Fatima Haddad'");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("ne prend pas part à la délibération sur ce dossier"), std::string::npos) << r.out;
    EXPECT_EQ(run("avis " + f + " --dossier ACT-2023-01 --avis defavorable --par 'Bernard Costa'").code, 1);   // no reason
    ASSERT_EQ(run("avis " + f + " --dossier ACT-2023-01 --avis defavorable --commentaire 'Coût de structure élevé'"
                  " --par 'Bernard Costa'").code, 0);
    // The adopted ranking is the committee's opinion: departing from it needs a reason.
    r = run("decide " + f + " --dossier ACT-2023-01 --decision non-retenu --motif 'Enveloppe'" + coord);
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("s'écarte de l'avis de la commission (« retenu »)"), std::string::npos) << r.out;
    // The minutes and the committee file.
    ASSERT_EQ(run("pv " + f + " --out " + dir.file("pv.pdf")).code, 0);
    std::string pv = cotation::test::pdf_words(dir.file("pv.pdf"));
    EXPECT_NE(pv.find("Fatima Haddad ne prend pas part à la délibération sur ACT-2023-02"), std::string::npos) << pv;
    EXPECT_NE(pv.find("Isabelle Moreau (par mandat, Jean-Pierre Lucas) : contre"), std::string::npos) << pv;
    EXPECT_NE(pv.find("la voix prépondérante du président (pour) fait adopter le classement"), std::string::npos) << pv;
    EXPECT_NE(pv.find("ACT-2023-01 — Bernard Costa : défavorable (Coût de structure élevé)"), std::string::npos) << pv;
    ASSERT_EQ(run("commission " + f + " --out " + dir.file("dossier.pdf")).code, 0);
    std::string file = cotation::test::pdf_words(dir.file("dossier.pdf"));
    EXPECT_NE(file.find("Déclarations d'intérêts"), std::string::npos) << file;
    EXPECT_NE(file.find("Thomas Petit (ARS, DD 84) (instructeur) — Entraide Santé Carpentras (dossier ACT-2023-11) : "
                        "Conjoint salarié de l'association depuis 2021. — déclaré le 2 mai 2023"),
              std::string::npos)
        << file;
    EXPECT_NE(file.find("ACT-2023-09 — Maison Relais Pays d'Aix : Rejet avant évaluation"), std::string::npos) << file;
    // The instruction report of ACT-2023-02: II.4 (coefficient 6, Annexe 2)
    // rated 4 and 2, settled at the mean 3: 6 × 3 = 18 points.
    r = run("rapports " + f + " --out " + dir.file("cr") + " --dossier ACT-2023-02");
    ASSERT_EQ(r.code, 0) << r.out;
    std::string report = cotation::test::pdf_words(dir.file("cr/ACT-2023-02-compte-rendu.pdf"));
    EXPECT_NE(report.find("Recevabilité : Recevable"), std::string::npos) << report;
    EXPECT_NE(report.find("II.4 Organisation de la prise en charge — coefficient 6 — note 3 = 18 points (arbitrée ; moyenne 3"),
              std::string::npos)
        << report;
    EXPECT_NE(report.find("II.4 — Julien Roux (ARS, siège) : 2 — « Modalités d'admission décrites"), std::string::npos) << report;
    r = run("journal verify " + f);
    EXPECT_EQ(r.code, 0) << r.out;
}
