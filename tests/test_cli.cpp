#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>

#include "app/input.h"
#include "app/session.h"
#include "store/campaign_store.h"
#include "test_support.h"

namespace {
struct CliRun {
    int code = -1;
    std::string out;
};
// `env`: assignments put before the program ("USER=x"), e.g. to drop
// COTATION_UTILISATEUR: "env -u COTATION_UTILISATEUR".
CliRun run(const std::string& args, const std::string& env = "") {
    CliRun r;
    std::string cmd = env + (env.empty() ? "" : " ") + std::string(COTATION_CLI) + " " + args + " 2>&1";
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

// A user's trial: `param F a=bon b=mauvais` wrote a and then refused b
// (code 1 with a half-made change). All the parameters or none.
TEST(Cli, ParamWithOneBadValueWritesNone) {
    cotation::test::TempDir dir;
    std::string f = dir.file("c.cot");
    ASSERT_EQ(run("new " + f + " --grid " + cotation::test::source_dir() + "/scoring-grids/crt-2022.xml").code, 0);
    CliRun r = run("param " + f + " campagne.date_commission=15/11/2022 campagne.date_courrier=31/11/2022");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("« 31/11/2022 » n'est pas une date"), std::string::npos) << r.out;
    r = run("param " + f);
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("campagne.date_commission = (non renseigné)"), std::string::npos) << r.out;
    EXPECT_EQ(run("journal show " + f).out.find("date_commission"), std::string::npos);
    r = run("param " + f + " campagne.date_commission=15/11/2022 campagne.date_courrier=30/11/2022");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("campagne.date_commission = 15/11/2022"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("campagne.date_courrier = 30/11/2022"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("campagne.date_courrier enregistré : 30/11/2022."), std::string::npos) << r.out;
    // An empty value clears it, said with what it was (trial of issue 12: silent).
    r = run("param " + f + " campagne.date_courrier=");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("campagne.date_courrier effacé (il valait 30/11/2022)."), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("campagne.date_courrier = (non renseigné)"), std::string::npos) << r.out;
}

// A user's trial: `documents F --out fichier` said « Not a directory », the
// system's English text. Said in French, for documents and arrêtés alike.
TEST(Cli, DocumentsIntoAFileSaysWhyInFrench) {
    cotation::test::TempDir dir;
    std::string f = dir.file("c.cot");
    ASSERT_EQ(run("new " + f + " --grid " + cotation::test::source_dir() +
                  "/scoring-grids/crt-2022.xml --param campagne.date_courrier=30/11/2022 --param campagne.date_commission=15/11/2022")
                  .code,
              0);
    std::string file = dir.file("pas-un-dossier.txt");
    { FILE* o = fopen(file.c_str(), "w"); fputs("x", o); fclose(o); }
    for (const char* cmd : {"documents ", "arretes "}) {
        CliRun r = run(cmd + f + " --out " + file);
        EXPECT_EQ(r.code, 1) << r.out;
        EXPECT_NE(r.out.find("un fichier porte ce nom"), std::string::npos) << r.out;
        EXPECT_EQ(r.out.find("Not a directory"), std::string::npos) << r.out;
    }
}

// A user's trial: on a new campaign without its dates, `documents` wrote
// nothing and still said « les autres l'ont été ».
TEST(Cli, DocumentsNoneWrittenDoesNotSayTheOthersWere) {
    cotation::test::TempDir dir;
    std::string f = dir.file("c.cot");
    ASSERT_EQ(run("new " + f + " --grid " + cotation::test::source_dir() + "/scoring-grids/uphv-17-2019.xml").code, 0);
    CliRun r = run("documents " + f + " --out " + dir.file("docs"));
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("documents non écrits ; aucun fichier écrit."), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("les autres l'ont été"), std::string::npos) << r.out;
}

TEST(Cli, WholeWorkflowFromTheCommandLine) {
    cotation::test::TempDir dir;
    std::string f = dir.file("c.cot");
    CliRun r = run("new " + f + " --grid " + cotation::test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("À renseigner : campagne.date_limite"), std::string::npos) << r.out;
    // A user's trial: the publication step of the calendar (procedure
    // « appel à candidatures », due="date_publication") reads this date too.
    EXPECT_NE(r.out.find("À renseigner : campagne.date_publication (Date de publication de l'avis)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("À renseigner : campagne.date_courrier"), std::string::npos) << r.out;
    // A user's trial: a date parameter of the grid was hinted « =valeur ».
    EXPECT_NE(r.out.find("campagne.date_commission=JJ/MM/AAAA\n"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("campagne.date_commission=valeur"), std::string::npos) << r.out;
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
    EXPECT_NE(r.out.find("rang;dossier;organisme;total;I;II;III;IV;proposition;observations;decision\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("1;A;Org A;36;36;0;0;0;proposé;"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(";B;Org B;;;;;;irrecevable;"), std::string::npos) << r.out;
    auto line_of = [](const std::string& out, const std::string& start) {
        auto at = out.find(start);
        return at == std::string::npos ? std::string() : out.substr(at, out.find('\n', at) - at);
    };
    EXPECT_EQ(line_of(r.out, "1;A;").back(), ';') << r.out;   // no decision yet: empty column
    // A user's trial: after the decisions, « proposé » stayed alone; the
    // recorded decision has its own column, the proposal keeps its meaning.
    ASSERT_EQ(run("decide " + f + " --dossier A --decision non-retenu --motif 'Projet insuffisant'").code, 0);
    r = run("rank " + f + " --csv");
    std::string a = line_of(r.out, "1;A;");
    EXPECT_NE(a.find(";proposé;"), std::string::npos) << a;
    EXPECT_EQ(a.substr(a.rfind(';')), ";non retenu") << a;
    EXPECT_EQ(line_of(r.out, ";B;").back(), ';') << r.out;
    EXPECT_NE(r.out.find("n'est pas en région Provence-Alpes-Côte d'Azur"), std::string::npos) << r.out;
    r = run("journal verify " + f);
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("Journal intact"), std::string::npos);
}

TEST(Cli, AgreementAndMarginsOnTheDemo) {
    cotation::test::TempDir dir;
    std::string f = dir.file("demo.cot");
    ASSERT_EQ(run("demo " + f).code, 0);
    // The demo has a team: who reads is said (the coordinator reads every rating).
    const std::string reader = "COTATION_UTILISATEUR='Nathalie Girard (ARS, pôle médico-social)'";
    CliRun r = run("accord " + f, reader);
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("alpha de Krippendorff (métrique d'intervalle) : 0,"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Claire Martin (ARS, DD 13) : "), std::string::npos) << r.out;
    r = run("rank " + f + " --marges", reader);
    ASSERT_EQ(r.code, 0) << r.out;
    // ACT-2023-04 and ACT-2023-05 are tied at 231,5 in the demo: a zero margin, both fragile.
    EXPECT_NE(r.out.find("ACT-2023-04 / ACT-2023-05 : écart 0 pts"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Rangs fragiles (une note d'un point peut les changer) : ACT-2023-04 ACT-2023-05"), std::string::npos) << r.out;
}

// Trial 13 F9: rank and accord asked who reads but refused --par (« option
// inconnue »), as did letters, commission and pv. Every reading command
// takes it; on a team it may only name the account's person (the demo binds
// its coordinator to the account running the test).
TEST(Cli, ReadingCommandsTakeParLikeTheOthers) {
    cotation::test::TempDir dir;
    std::string f = dir.file("demo.cot");
    ASSERT_EQ(run("demo " + f).code, 0);
    const std::string par = " --par 'Nathalie Girard (ARS, pôle médico-social)'";
    for (const std::string c : {"rank " + f, "rank " + f + " --csv --marges", "accord " + f,
                                "pv " + f + " --out " + dir.file("pv.pdf"), "commission " + f + " --out " + dir.file("c.pdf"),
                                "letters " + f + " --out " + dir.file("lettres")}) {
        CliRun r = run(c + par);
        EXPECT_EQ(r.code, 0) << c << "\n" << r.out;
        EXPECT_EQ(r.out.find("option inconnue"), std::string::npos) << c << "\n" << r.out;
    }
    // Another person's name from this account is refused, as for the writing commands.
    CliRun r = run("rank " + f + " --par 'Claire Martin (ARS, DD 13)'");
    EXPECT_NE(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("Claire Martin"), std::string::npos) << r.out;
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
    // Counted in words (fr::plural), never « jour(s) ».
    EXPECT_NE(r.out.find("dans 5 jours"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("(s)"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("R. 313"), std::string::npos) << r.out;
    // Only the coordinator records the meeting; nobody acts under her name from another's account.
    r = run("seance " + f + " --president 'Marie-Christine Olivier' --par 'Claire Martin (ARS, DD 13)'");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("« Claire Martin (ARS, DD 13) » ne peut pas agir depuis le compte"), std::string::npos) << r.out;
    cotation::test::bind_this_account(f, "Claire Martin (ARS, DD 13)");
    r = run("seance " + f + " --president 'Marie-Christine Olivier' --par 'Claire Martin (ARS, DD 13)'");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("coordonnateur"), std::string::npos) << r.out;
    cotation::test::bind_this_account(f, "Nathalie Girard (ARS, pôle médico-social)");
    r = run("seance " + f + " --president 'Marie-Christine Olivier' --civilite Mme --present 'Marie-Christine Olivier'"
            " --present 'Bernard Costa'"
            " --present 'Jean-Pierre Lucas' --present 'Fatima Haddad' --represente 'Isabelle Moreau=Jean-Pierre Lucas'"
            " --vote 'Marie-Christine Olivier=pour' --vote 'Bernard Costa=contre' --vote 'Jean-Pierre Lucas=pour'"
            " --vote 'Isabelle Moreau=contre' --vote 'Fatima Haddad=pour'" + coord);
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("présents 4, représentés 1 ; quorum 3 : atteint"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Vote de « Fatima Haddad » non compté : lien déclaré avec un candidat"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Partage égal des voix (2 voix pour, 2 voix contre, 0 abstention sur 4 votants) : la voix "
                         "prépondérante de la présidente (pour) fait adopter le classement."),
              std::string::npos)
        << r.out;
    // A member gives opinions, never on a dossier they declared a link with
    // (each from the account the coordinator bound them to: this one, in turn).
    cotation::test::bind_this_account(f, "Fatima Haddad");
    r = run("avis " + f + " --dossier ACT-2023-02 --avis favorable --par 'Fatima Haddad'");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("ne prend pas part à la délibération sur ce dossier"), std::string::npos) << r.out;
    cotation::test::bind_this_account(f, "Bernard Costa");
    EXPECT_EQ(run("avis " + f + " --dossier ACT-2023-01 --avis defavorable --par 'Bernard Costa'").code, 1);   // no reason
    ASSERT_EQ(run("avis " + f + " --dossier ACT-2023-01 --avis defavorable --commentaire 'Coût de structure élevé'"
                  " --par 'Bernard Costa'").code, 0);
    cotation::test::bind_this_account(f, "Nathalie Girard (ARS, pôle médico-social)");
    // The adopted ranking is the committee's opinion: departing from it needs a reason.
    r = run("decide " + f + " --dossier ACT-2023-01 --decision non-retenu --motif 'Enveloppe'" + coord);
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.out.find("s'écarte de l'avis de la commission (« retenu »)"), std::string::npos) << r.out;
    // A user's trial: a dossier awaiting arbitration at the vote (ACT-2023-10,
    // II.6 rated 1 and 3) has no opinion of the committee; arbitrated
    // afterwards, retaining it departs from the voted ranking and says why.
    ASSERT_EQ(run("consolidate " + f + " --dossier ACT-2023-10 --critere II.6 --note 2" + coord).code, 0);
    r = run("decide " + f + " --dossier ACT-2023-10 --decision retenu" + coord);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("« ACT-2023-10 » est hors du classement voté par la commission"), std::string::npos) << r.out;
    r = run("decide " + f + " --dossier ACT-2023-10 --decision retenu --ecart 'Arbitrage rendu après la séance'" + coord);
    EXPECT_EQ(r.code, 0) << r.out;
    // The minutes and the committee file. A folder or a .txt as --out is a
    // usage error, nothing written beside it (trial 1011G2 minor 5).
    r = run("pv " + f + " --out " + dir.path.string());
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("c'est un dossier ; donnez le nom du fichier à écrire"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(dir.path.string() + ".pdf"));
    r = run("commission " + f + " --out " + dir.file("c.txt"));
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_FALSE(std::filesystem::exists(dir.file("c.txt")));
    // « --out pv.odt » alone writes the ODT, never a PDF under that name (trial 1011G3 M1).
    ASSERT_EQ(run("pv " + f + " --out " + dir.file("pv.odt")).code, 0);
    EXPECT_EQ(cotation::test::slurp(dir.file("pv.odt")).substr(30, 8), "mimetype");
    EXPECT_FALSE(std::filesystem::exists(dir.file("pv.pdf")));
    EXPECT_EQ(run("pv " + f + " --out " + dir.file("pv2.odt") + " --format pdf").code, 1);
    ASSERT_EQ(run("pv " + f + " --out " + dir.file("pv.pdf")).code, 0);
    std::string pv = cotation::test::pdf_words(dir.file("pv.pdf"));
    EXPECT_NE(pv.find("Fatima Haddad ne prend pas part à la délibération sur ACT-2023-02"), std::string::npos) << pv;
    EXPECT_NE(pv.find("Isabelle Moreau (par mandat, Jean-Pierre Lucas) : contre"), std::string::npos) << pv;
    EXPECT_NE(pv.find("la voix prépondérante de la présidente (pour) fait adopter le classement"), std::string::npos) << pv;
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
    r = run("rapports " + f + " --out " + dir.file("cr") + " --dossier ACT-2023-02" + coord);
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

// Every unknown option or extra argument is a usage error (exit 2) naming it
// and the command's valid options, checked before anything is opened or
// written: the campaign files below need not exist.
TEST(Cli, UnknownOptionsAndExtraArgumentsAreUsageErrorsNamingThem) {
    CliRun r = run("rank /nonexistent/c.cot --cvs");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("option inconnue « --cvs » ; options de « rank » : --csv, --marges, --par, -h/--help"), std::string::npos) << r.out;
    r = run("letters /nonexistent/c.cot --oot lettres");   // a mistyped required option: the typo is named, not --out
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("« --oot »"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("--out, --dossier"), std::string::npos) << r.out;
    r = run("seance /nonexistent/c.cot --presente 'A B' --votes 'A B=pour'");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("options inconnues « --presente », « --votes »"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("--present, --absent, --represente, --vote, --observation, --par"), std::string::npos) << r.out;
    r = run("grid check " + cotation::test::source_dir() + "/scoring-grids/crt-2022.xml --strict=oui");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("cotation grid check : option inconnue « --strict »"), std::string::npos) << r.out;
    r = run("import /nonexistent/c.cot a.csv b.csv");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("argument en trop « b.csv » ; usage : cotation import FICHIER DOSSIERS.csv [--par NOM]"),
              std::string::npos)
        << r.out;
    // --par is an option of the commands that record something or read
    // ratings (trial 13 F9: accord now takes it), not of the others.
    r = run("grid check " + cotation::test::source_dir() + "/scoring-grids/crt-2022.xml --par X");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("« --par »"), std::string::npos) << r.out;
    r = run("grid frob x");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("commande inconnue « grid frob » ; commandes de « grid » : check, preview, apply"), std::string::npos)
        << r.out;
    // Nothing is created when the line is wrong.
    cotation::test::TempDir dir;
    r = run("new " + dir.file("c.cot") + " --grid " + cotation::test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml --titr X");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_FALSE(std::filesystem::exists(dir.file("c.cot")));
}

TEST(Cli, MissingArgumentsAndOnceOnlyOptionsGivenTwice) {
    CliRun r = run("letters /nonexistent/c.cot");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("cotation letters : l'option --out DOSSIER est obligatoire ; usage : cotation letters FICHIER --out DOSSIER"),
              std::string::npos)
        << r.out;
    r = run("assign /nonexistent/c.cot --dossier A");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("l'option --evaluateur NOM est obligatoire"), std::string::npos) << r.out;
    r = run("import /nonexistent/c.cot");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("il manque DOSSIERS.csv"), std::string::npos) << r.out;
    r = run("pv /nonexistent/c.cot --out");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("l'option --out attend une valeur (PV.pdf)"), std::string::npos) << r.out;
    r = run("check /nonexistent/c.cot --dossier A --dossier B");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("l'option --dossier est donnée 2 fois"), std::string::npos) << r.out;
    r = run("journal");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("commandes de « journal » : show, verify"), std::string::npos) << r.out;
}

// Options of a mode: required only with the option that opens it.
TEST(Cli, OptionsRequiredByAnotherOption) {
    cotation::test::TempDir dir;
    std::string f = dir.file("demo.cot");
    ASSERT_EQ(run("demo " + f + " --etape instruction").code, 0);
    const std::string coord = " --par 'Nathalie Girard (ARS, pôle médico-social)'";
    CliRun r = run("consolidate " + f + " --dossier ACT-2023-10 --critere II.6" + coord);
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("l'option --note N est obligatoire avec --dossier"), std::string::npos) << r.out;
    r = run("calendrier " + f + " --etape rapports" + coord);
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("l'option --date JJ/MM/AAAA est obligatoire avec --etape"), std::string::npos) << r.out;
    r = run("users " + f + " --ajouter 'Paul Neuf'" + coord);
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("l'option --role coordonnateur|instructeur|commission est obligatoire avec --ajouter"), std::string::npos)
        << r.out;
}

// Repeated options accumulate, in the order given.
TEST(Cli, RepeatedOptionsAccumulate) {
    cotation::test::TempDir dir;
    std::string f = dir.file("c.cot");
    CliRun r = run("new " + f + " --grid " + cotation::test::source_dir() +
                   "/scoring-grids/act-hlm-paca-2023.xml --param campagne.date_limite=28/04/2023 --param=campagne.date_commission=15/06/2023");
    ASSERT_EQ(r.code, 0) << r.out;
    r = run("param " + f);
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("campagne.date_limite = 28/04/2023"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("campagne.date_commission = 15/06/2023"), std::string::npos) << r.out;
    r = run("new " + dir.file("d.cot") + " --grid " + cotation::test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml --param places");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("--param : « places » n'a pas la forme campagne.nom=valeur."), std::string::npos) << r.out;
}

// docs/equipe.md: `users --modifier NOM --compte LOGIN` binds a first
// account (trial of issue 12: refused, « --modifier s'emploie avec --role… »,
// and the refusal of an unknown account named «  »). A second is
// --changer-compte's, the command to copy quoted for the shell.
TEST(Cli, ModifierBindsAFirstAccountOnly) {
    cotation::test::TempDir dir;
    std::string f = dir.file("demo.cot");
    ASSERT_EQ(run("demo " + f + " --etape instruction").code, 0);
    ASSERT_EQ(run("users " + f + " --ajouter 'Paul Neuf' --role instructeur").code, 0);
    CliRun r = run("users " + f + " --modifier 'Paul Neuf' --compte pneuf-inconnu");
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("au nom de « Paul Neuf » depuis ce poste"), std::string::npos) << r.out;
    r = run("users " + f + " --modifier 'Paul Neuf' --compte pneuf-inconnu --autre-poste");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("Paul Neuf — instructeur, compte pneuf-inconnu"), std::string::npos) << r.out;
    r = run("users " + f + " --modifier 'Paul Neuf' --compte autre --autre-poste");
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("cotation users FICHIER --changer-compte 'Paul Neuf' --compte autre."), std::string::npos) << r.out;
}

// On the ACT demo (demo/act-hlm/equipe.csv declares the team), who acts is
// the person bound to the system account (the demo binds its coordinator to
// the account that made it); a name said is a claim that must match
// (issue 13.4, trial 2 of session 17). Before a team, anyone may.
TEST(Cli, ActorIsTheAccountsPersonOnACampaignWithATeam) {
    cotation::test::TempDir dir;
    std::string f = dir.file("demo.cot");
    ASSERT_EQ(run("demo " + f + " --etape instruction").code, 0);
    const std::string me = cotation::Session::os_login();
    const std::string add = "users " + f + " --ajouter 'Paul Neuf' --role instructeur";
    // $USER is anybody's to set: the account decides.
    CliRun r = run(add, "env -u COTATION_UTILISATEUR USER=personne");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("Paul Neuf — instructeur"), std::string::npos) << r.out;
    r = run("journal show " + f, "env -u COTATION_UTILISATEUR");
    EXPECT_NE(r.out.find("\tNathalie Girard (ARS, pôle médico-social) (compte " + me + ")\tpersonne\tpersonne/Paul Neuf"),
              std::string::npos) << r.out;
    // A name other than the account's person is refused, said or in the variable.
    r = run("users " + f + " --ajouter 'Lise Dix' --role instructeur", "COTATION_UTILISATEUR=Inconnue");
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("« Inconnue » ne peut pas agir depuis le compte « " + me + " », qui est celui de « Nathalie Girard"),
              std::string::npos) << r.out;
    r = run("users " + f + " --ajouter 'Lise Dix' --role instructeur --par 'Claire Martin (ARS, DD 13)'");
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("« Claire Martin (ARS, DD 13) » ne peut pas agir depuis le compte"), std::string::npos) << r.out;
    EXPECT_EQ(cotation::Session::open(f)->team().person("Lise Dix"), nullptr);
    // Read-only commands need nobody.
    EXPECT_EQ(run("users " + f, "env -u COTATION_UTILISATEUR USER=personne").code, 0);
    // No team yet: the session's name is journaled, with the account.
    std::string g = dir.file("seul.cot");
    ASSERT_EQ(run("new " + g + " --grid " + cotation::test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml").code, 0);
    ASSERT_EQ(run("param " + g + " campagne.date_limite=28/04/2023", "env -u COTATION_UTILISATEUR USER=solo").code, 0);
    r = run("journal show " + g);
    EXPECT_NE(r.out.find("\tsolo (compte " + me + ")\t"), std::string::npos) << r.out;
}

TEST(Cli, VersionNamesTheDataFolderAndTheSchema) {
    CliRun r = run("--version");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find(std::string("cotation ") + COTATION_TEST_VERSION + "\n"), std::string::npos) << r.out;
    // ctest sets COTATION_DATA_DIR to the source tree (tests/CMakeLists.txt).
    EXPECT_NE(r.out.find("Dossier des données : " + cotation::test::source_dir() + "\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Schéma des fichiers de campagne : version " + std::to_string(cotation::sqlite_schema_version())),
              std::string::npos)
        << r.out;
    r = run("--version", "COTATION_DATA_DIR=/ailleurs");
    EXPECT_NE(r.out.find("Dossier des données : /ailleurs\n"), std::string::npos) << r.out;
}

// The help is generated from each command's declaration, in French.
TEST(Cli, HelpIsGeneratedInFrench) {
    CliRun r = run("rank --help");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("Usage : cotation rank FICHIER [--csv] [--marges] [--par NOM]\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Arguments :\n  FICHIER (obligatoire)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Options :\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("--csv"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("affiche cette aide"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("Usage:"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("REQUIRED"), std::string::npos) << r.out;
    r = run("aide letters");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("--out DOSSIER (obligatoire)"), std::string::npos) << r.out;
    r = run("seance -h");
    EXPECT_NE(r.out.find("membre présent (répétable)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("personne liée au compte du système qui lance la commande"), std::string::npos) << r.out;
    // The general help lists every command with its arguments, and the environment.
    r = run("--help");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("Résultats et décisions :\n  rank FICHIER [--csv] [--marges] [--par NOM]\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("  journal verify FICHIER [--tete N:EMPREINTE]\n"), std::string::npos) << r.out;   // issue 13.1 added --tete
    EXPECT_NE(r.out.find("Variables d'environnement"), std::string::npos) << r.out;
    for (const char* v : {"COTATION_DATA_DIR", "COTATION_UTILISATEUR", "USER "}) EXPECT_NE(r.out.find(v), std::string::npos) << v;
}

// A typed value names the option and the text as typed.
TEST(Cli, TypedValuesNameTheOptionAndTheText) {
    cotation::test::TempDir dir;
    std::string f = dir.file("demo.cot");
    ASSERT_EQ(run("demo " + f + " --etape instruction").code, 0);
    const std::string coord = " --par 'Nathalie Girard (ARS, pôle médico-social)'";
    CliRun r = run("decide " + f + " --dossier ACT-2023-01 --decision retenu --date 31/02/2023" + coord);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("--date : « 31/02/2023 » n'est pas une date (JJ/MM/AAAA)."), std::string::npos) << r.out;
    r = run("decide " + f + " --dossier ACT-2023-01 --decision retenu --places=-2" + coord);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("--places : « -2 » n'est pas une capacité"), std::string::npos) << r.out;
    // A date that parses as no day (a user's trial): a data error, code 1, as the doc says.
    r = run("decide " + f + " --dossier ACT-2023-01 --decision retenu --date 2019-13-45" + coord);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("--date : « 2019-13-45 » n'est pas une date"), std::string::npos) << r.out;
    // A word outside --format's list is a usage error naming the option and the words.
    r = run("letters " + f + " --out " + dir.file("l") + " --format docx");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("--format : « docx » n'est pas une valeur admise (pdf, odt, both"), std::string::npos) << r.out;
    r = run("decide " + f + " --dossier ACT-2023-01 --decision admis" + coord);
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("--decision : « admis » n'est pas une valeur admise (retenu, non-retenu, liste-complementaire ou irrecevable)."),
              std::string::npos)
        << r.out;
    r = run("calendrier " + f + " --au 32/05/2023");
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("--au : « 32/05/2023 » n'est pas une date (JJ/MM/AAAA)."), std::string::npos) << r.out;
    // The ACT grid rates 0 to 5 (Annexe 2).
    r = run("consolidate " + f + " --dossier ACT-2023-10 --critere II.6 --note 7" + coord);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("--note : la note « 7 » est hors de l'échelle 0–5."), std::string::npos) << r.out;
    r = run("seance " + f + " --vote 'Bernard Costa=peut-être'" + coord);
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("--vote : « peut-être » n'est pas une valeur admise (pour, contre ou abstention)."), std::string::npos)
        << r.out;
    r = run("users " + f + " --ajouter X --role commission --voix muette" + coord);
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("--voix : « muette » n'est pas une valeur admise (deliberative ou consultative)."), std::string::npos) << r.out;
}

namespace in = cotation::input;

template <class F>
std::string input_error_of(F f) {
    try {
        f();
    } catch (const cotation::InputError& e) {
        return e.what();
    }
    return "(pas d'erreur)";
}

TEST(Input, OneMessagePerKindNamingTheInputAndTheText) {
    EXPECT_EQ(input_error_of([] { in::date("--date", "31/02/2023"); }), "--date : « 31/02/2023 » n'est pas une date (JJ/MM/AAAA).");
    EXPECT_EQ(in::date("Date de séance", " 15/06/2023 "), (cotation::Date{2023, 6, 15}));
    EXPECT_EQ(input_error_of([] { in::number("--coef", "trois"); }),
              "--coef : « trois » n'est pas un nombre (caractère « t » inattendu ; notation française : 12 600 ou 3,5).");
    EXPECT_EQ(in::number("x", "12 600,5"), cotation::Rational(25201, 2));
    EXPECT_EQ(input_error_of([] { in::places("--places", "-1"); }),
              "--places : « -1 » n'est pas une capacité (un nombre entier de places, positif ou nul).");
    EXPECT_EQ(in::places("--places", "0"), cotation::Rational(0));
    EXPECT_EQ(input_error_of([] { in::rating("--note", "5,5", 0, 5); }), "--note : la note « 5,5 » est hors de l'échelle 0–5.");
    EXPECT_EQ(in::rating("--note", "3,5", 0, 5), cotation::Rational(7, 2));
    EXPECT_EQ(in::rating("--note", "10", 0, 10), cotation::Rational(10));   // a grid may rate on 0–10
    EXPECT_THROW(in::decision("--decision", "admis"), in::FormError);
    EXPECT_EQ(in::decision("--decision", "Liste complémentaire"), cotation::DecisionKind::Complementary);
    // The accepted words listed come from the enum tables (core/enums.cpp): their codes, unaccented, spaces as '-';
    // a role as the help writes it, not its stored code « coordinateur » (trial of issue 12, minor 6).
    EXPECT_EQ(input_error_of([] { in::role("--role", "chef"); }),
              "--role : « chef » n'est pas une valeur admise (coordonnateur, instructeur ou commission).");
    EXPECT_EQ(in::role("--role", "commission"), cotation::Role::CommitteeMember);
    EXPECT_EQ(input_error_of([] { in::opinion("--avis", "bof"); }),
              "--avis : « bof » n'est pas une valeur admise (favorable, defavorable ou reserve).");
    EXPECT_EQ(input_error_of([] { in::ground("--motif", "4°"); }),
              "--motif : « 4° » n'est pas une valeur admise (hors-delai, irregulier ou hors-sujet).");
    EXPECT_EQ(in::role("--role", "coordonnatrice"), cotation::Role::Coordinator);   // an alias of the table
    // Campaign parameters are read in one place, by the grid's definitions (ACT: campagne.places, 73 places).
    EXPECT_EQ(input_error_of([] { in::parameters(cotation::test::act_grid(), {{"campagne.inconnu", "3"}}); }),
              "Paramètre « campagne.inconnu » inconnu de la grille « " + cotation::test::act_grid().id + " ».");
    auto typed = in::parameters(cotation::test::act_grid(), {{"campagne.places", "73"}, {"campagne.date_commission", ""}});
    ASSERT_EQ(typed.size(), 2u);
    EXPECT_EQ(cotation::to_canonical(typed[0].second), "73");
    EXPECT_TRUE(cotation::is_missing(typed[1].second));
    EXPECT_NE(input_error_of([] { in::parameters(cotation::test::act_grid(), {{"campagne.places", "beaucoup"}}); })
                  .find("Paramètre « campagne.places » : "),
              std::string::npos);
    EXPECT_EQ(in::one_of("--voix", "Délibérative", {"deliberative", "consultative"}), "deliberative");
    auto [name, text] = in::name_value("--observation", "Bernard Costa = Budget a=b", "NOM=TEXTE");
    EXPECT_EQ(name, "Bernard Costa");
    EXPECT_EQ(text, "Budget a=b");
    EXPECT_EQ(input_error_of([] { in::name_value("--vote", "=pour", "NOM=pour|contre|abstention"); }),
              "--vote : « =pour » n'a pas la forme NOM=pour|contre|abstention.");
}

// Every command and option read by a handler is declared (a handler reading
// an undeclared one would fail as « erreur inattendue »): the commands the
// tests above do not run, once each, on the ACT demo before its meeting.
TEST(Cli, EveryCommandRunsOnTheDemo) {
    cotation::test::TempDir dir;
    std::string f = dir.file("demo.cot");
    ASSERT_EQ(run("demo " + f + " --etape instruction").code, 0);
    const std::string coord = " --par 'Nathalie Girard (ARS, pôle médico-social)'";
    auto ok = [](const CliRun& r, const std::string& expected) {
        EXPECT_EQ(r.code, 0) << r.out;
        EXPECT_NE(r.out.find(expected), std::string::npos) << r.out;
    };
    ok(run("check " + f + " --dossier ACT-2023-01"), "ACT-2023-01 — Association Escale Santé Marseille : Recevable");
    // demo/act-hlm: II.6 of ACT-2023-10 rated 1 and 3 (a spread of 2), not yet settled.
    ok(run("consolidate " + f + coord), "ACT-2023-10;II.6;moyenne 2;écart 2;à arbitrer");
    ok(run("consolidate " + f + " --dossier ACT-2023-10 --critere II.6 --note 2" + coord),
       "Note consolidée enregistrée : ACT-2023-10, II.6 = 2.");
    // A decision letter follows a recorded decision (trial finding 2): none before it.
    CliRun undecided = run("letters " + f + " --out " + dir.file("l0") + " --dossier ACT-2023-01");
    EXPECT_NE(undecided.out.find("Attention : dossier « ACT-2023-01 » : pas de décision enregistrée, pas de lettre"), std::string::npos)
        << undecided.out;
    EXPECT_FALSE(std::filesystem::exists(dir.file("l0/ACT-2023-01-lettre.pdf")));
    ok(run("decide " + f + " --dossier ACT-2023-01 --decision retenu --date 30/06/2023" + coord), "Décision enregistrée : ACT-2023-01");
    ok(run("letters " + f + " --out " + dir.file("l") + " --dossier ACT-2023-01"), "1 lettre écrite");
    ok(run("assign " + f + " --dossier ACT-2023-03 --evaluateur 'Sarah Benali (ARS, DD 83)'" + coord), "Dossier affecté.");
    ok(run("assign " + f + " --dossier ACT-2023-03 --evaluateur 'Sarah Benali (ARS, DD 83)' --retirer" + coord),
       "Affectation retirée.");
    ok(run("conflict " + f + " --evaluateur 'Bernard Costa' --organisme '418 723 003 00012' --declaration 'Administrateur'" + coord),
       "Lien déclaré et enregistré");
    cotation::test::bind_this_account(f, "Claire Martin (ARS, DD 13)");   // she submits from her account
    ok(run("submit " + f + " --dossier ACT-2023-01 --par 'Claire Martin (ARS, DD 13)'"), "Notes soumises");
    cotation::test::bind_this_account(f, "Nathalie Girard (ARS, pôle médico-social)");
    ok(run("grid preview " + f + " " + cotation::test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml"),
       "Maximum : 300 → 300 points");
    CliRun r = run("grid apply " + f + " " + cotation::test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml --motif Essai" + coord);
    EXPECT_EQ(r.code, 1) << r.out;   // the same version: refused by the session, after the arguments were read
    EXPECT_NE(r.out.find("est déjà en version"), std::string::npos) << r.out;
    ok(run("refus " + f + " --dossier ACT-2023-09 --lever --texte 'Révision demandée par la commission'" + coord),
       "Rejet avant évaluation levé");
    ok(run("refus " + f + " --dossier ACT-2023-09 --motif hors-delai --texte 'Reçu le 03/05/2023'" + coord),
       "Rejet avant évaluation enregistré : ACT-2023-09");
    ok(run("calendrier " + f + " --etape instruction --date 20/04/2023 --au 25/05/2023" + coord),
       "Étape « instruction » déclarée faite le 20/04/2023.");
    ok(run("close " + f + coord), "Campagne close");
    ok(run("reopen " + f + " --motif 'Décision à reprendre'" + coord), "Campagne rouverte");
    ok(run("journal show " + f + " --dossier ACT-2023-03" + coord), "affecté → retiré");
}

// A user's trial on the UPHV call (uphv-17-2019.xml: places counted in lits,
// by units of 8; procedure « appel à candidatures », whose prior rejection is
// called « rejet avant évaluation »): the console speaks the call's words.
TEST(Cli, UphvSpeaksItsUnitAndItsRejection) {
    cotation::test::TempDir dir;
    std::string f = dir.file("uphv.cot");
    ASSERT_EQ(run("demo " + f + " --appel uphv --etape instruction").code, 0);
    const std::string coord = " --par 'Isabelle Renaud (Département 17, direction de l'\\''autonomie)'";
    CliRun r = run("refus " + f + " --dossier UPHV-2019-03 --motif irregulier --texte 'Plans absents'" + coord);
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("Rejet avant évaluation enregistré : UPHV-2019-03"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("Refus préalable"), std::string::npos) << r.out;
    // UPHV-2019-01 asked 8 places of the grid's unit: 8 lits.
    r = run("decide " + f + " --dossier UPHV-2019-01 --decision retenu" + coord);
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("UPHV-2019-01 — retenu (8\u00A0lits)."), std::string::npos) << r.out;
}

// Two `decide` at once (a new user's trial): the second one's write reloads
// the campaign another program changed; the dossier it names must outlive the
// reload (it printed freed memory, or crashed). Each round both succeed and
// each says its own dossier.
TEST(Cli, TwoDecisionsAtOnceEachNameTheirDossier) {
    cotation::test::TempDir dir;
    std::string f = dir.file("demo.cot");
    ASSERT_EQ(run("demo " + f + " --etape instruction").code, 0);
    const std::string coord = " --par 'Nathalie Girard (ARS, pôle médico-social)'";
    for (int round = 0; round < 4; ++round) {
        const std::string motive = " --motif 'Motif " + std::to_string(round) + "'";
        const std::string a = dir.file("a" + std::to_string(round)), b = dir.file("b" + std::to_string(round));
        auto both = cotation::test::shell(
            std::string(COTATION_CLI) + " decide " + f + " --dossier ACT-2023-02 --decision non-retenu" + motive + coord + " >" + a +
            " 2>&1 & " + COTATION_CLI + " decide " + f + " --dossier ACT-2023-03 --decision non-retenu" + motive + coord + " >" + b +
            " 2>&1; s=$?; wait $!; t=$?; echo \"$s $t\"");
        EXPECT_EQ(both.out, "0 0\n") << cotation::test::slurp(a) << cotation::test::slurp(b);
        EXPECT_EQ(cotation::test::slurp(a).rfind("Décision enregistrée : ACT-2023-02 — ", 0), 0u) << cotation::test::slurp(a);
        EXPECT_EQ(cotation::test::slurp(b).rfind("Décision enregistrée : ACT-2023-03 — ", 0), 0u) << cotation::test::slurp(b);
    }
}
