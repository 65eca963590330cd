// Regressions of the trial 13H (issue 13), run on installed binaries as a
// new user would: an output written over the campaign itself (H1), …
// Through `cotation`, from a campaign made with `cotation new`.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "app/demo.h"
#include "app/documents.h"
#include "app/input.h"
#include "core/dossier.h"
#include "core/french.h"
#include "core/meeting_rules.h"
#include "core/read_rules.h"
#include "core/people.h"
#include "io/output_file.h"
#include "io/xml_tree.h"
#include "io/csv.h"
#include "report/batch.h"
#include "report/odt.h"
#include "report/pdf_letter.h"
#include "core/error.h"
#include "store/campaign_store.h"
#include "test_support.h"

using namespace cotation;
using test::cli;

namespace {
bool says(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

// ---- H1: `cotation pv c.cot --out c.cot` made the campaign a PDF (exit 0) ----

// Every output takes its name through io::put_output_in_place: a SQLite file
// is never replaced, another kind of file neither; a former PDF is.
TEST(Trial13hOutputs, NoDocumentReplacesTheCampaignOrAFileOfAnotherKind) {
    test::TempDir dir;
    const std::string f = dir.file("uphv.cot");
    ASSERT_EQ(cli("new " + f + " --grid " + test::source_dir() +
                  "/scoring-grids/uphv-17-2019.xml --param campagne.date_commission=15/11/2019")
                  .code,
              0);
    const std::string before = test::slurp(f);
    // (`carte` takes .png or .pdf only: a usage error, code 2.)
    for (const std::string& command :
         {"commission " + f + " --out " + f, "offre " + f + " --exporter " + f,
          "carte " + f + " --out " + f}) {
        auto r = cli(command);
        EXPECT_NE(r.code, 0) << command << "\n" << r.out;
        EXPECT_TRUE(says(r.out, "« " + f + " »")) << r.out;
        EXPECT_FALSE(says(r.out, "écrit dans")) << r.out;
        EXPECT_EQ(test::slurp(f), before) << command;
        EXPECT_FALSE(std::filesystem::exists(f + ".tmp")) << command;
    }
    EXPECT_EQ(io::file_kind(f), "une campagne Cotation ou une autre base SQLite");
    auto r = cli("journal verify " + f);
    EXPECT_EQ(r.code, 0) << r.out;

    // The message of the committee file written onto the campaign, whole.
    r = cli("commission " + f + " --out " + f);
    EXPECT_TRUE(says(r.out, "Impossible d'écrire « " + f + " » : ce fichier est une campagne Cotation ou une autre base SQLite, "
                           "que Cotation ne remplace jamais par un document ; rien n'a été écrit."))
        << r.out;

    // The trial's own command, on a campaign whose séance is recorded (the demo).
    const std::string demo = dir.file("demo.cot");
    create_demo(demo, "uphv").reset();
    const std::string demo_before = test::slurp(demo);
    r = cli("pv " + demo + " --out " + demo);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_TRUE(says(r.out, "« " + demo + " » : ce fichier est une campagne Cotation")) << r.out;
    EXPECT_EQ(test::slurp(demo), demo_before);
    EXPECT_EQ(cli("journal verify " + demo).code, 0);

    // Notes kept under the name of the committee file: kept.
    const std::string notes = dir.file("commission.pdf");
    test::spit(notes, "Notes de séance\n");
    r = cli("commission " + f + " --out " + notes);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_TRUE(says(r.out, "ce fichier existe et c'est un fichier texte, pas un PDF")) << r.out;
    EXPECT_EQ(test::slurp(notes), "Notes de séance\n");

    // A committee file written before is replaced by the new one.
    const std::string former = dir.file("ancien.pdf");
    ASSERT_EQ(cli("commission " + f + " --out " + former).code, 0);
    test::spit(former, test::slurp(former) + "% ajouté\n");
    r = cli("commission " + f + " --out " + former);
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_FALSE(says(test::slurp(former), "% ajouté")) << "the former PDF is replaced";

    // The offer exported over a CSV (text over text) is replaced too.
    const std::string csv = dir.file("offre.csv");
    test::spit(csv, "ancien;contenu\n");
    r = cli("offre " + f + " --exporter " + csv);
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(test::slurp(csv), "ancien;contenu\n");
}

// Trial 1011F N7: a campaign named « dossier.odt » beside `--out dossier.pdf
// --format both`: the PDF is written, the campaign kept whole, and the
// message says what the file is rather than offer --remplacer (which would
// not replace it either). N6: an output into a missing folder says so, in French.
TEST(Trial13hOutputs, TheCampaignUnderTheOdtsNameIsSaidAndAMissingFolderToo) {
    test::TempDir dir;
    const std::string f = dir.file("dossier.odt");
    create_demo(f, "uphv").reset();
    const std::string before = test::slurp(f);
    for (const std::string& more : {std::string(), std::string(" --remplacer")}) {
        auto r = cli("pv " + f + " --out " + dir.file("dossier.pdf") + " --format both" + more);
        EXPECT_EQ(r.code, 0) << r.out;
        EXPECT_TRUE(says(r.out, "« " + f + " » est une campagne Cotation ou une autre base SQLite, pas un document ODT : gardé tel "
                               "quel, jamais remplacé"))
            << r.out;
        EXPECT_FALSE(says(r.out, "Pour le remplacer")) << r.out;
        EXPECT_EQ(test::slurp(f), before);
        EXPECT_EQ(io::file_kind(dir.file("dossier.pdf")), "un PDF");
    }
    for (const std::string& command : {"carte " + f + " --out " + dir.file("absent/carte.png"),
                                       "pv " + f + " --out " + dir.file("absent/pv.pdf"),
                                       "pv " + f + " --out " + dir.file("absent/pv.pdf") + " --format odt"}) {
        auto r = cli(command);
        EXPECT_EQ(r.code, 1) << r.out;
        EXPECT_TRUE(says(r.out, " : le dossier « " + dir.file("absent") + " » n'existe pas ; rien n'a été écrit.")) << command << "\n"
                                                                                                                 << r.out;
        EXPECT_FALSE(std::filesystem::exists(dir.file("absent")));
    }
}

// What file_kind says of each kind Cotation writes or meets.
TEST(Trial13hOutputs, FileKindsAreJudgedFromTheirFirstBytes) {
    test::TempDir dir;
    const auto kind = [&](const std::string& bytes) {
        const std::string p = dir.file("x");
        test::spit(p, bytes);
        return io::file_kind(p);
    };
    EXPECT_EQ(io::file_kind(dir.file("absent")), "");
    EXPECT_EQ(kind(""), "");
    EXPECT_EQ(kind(std::string("SQLite format 3\0…", 20)), "une campagne Cotation ou une autre base SQLite");
    EXPECT_EQ(kind("%PDF-1.4\n"), "un PDF");
    EXPECT_EQ(kind("\x89PNG\r\n\x1a\nIHDR"), "une image PNG");
    // An ODT's first entry: 30 bytes of header, « mimetype », then the type.
    const std::string zip_head = std::string("PK\x03\x04", 4) + std::string(26, '\x01');
    EXPECT_EQ(kind(zip_head + "mimetypeapplication/vnd.oasis.opendocument.text"), "un document ODT");
    EXPECT_EQ(kind(zip_head + "mimetypeapplication/vnd.oasis.opendocument.spreadsheet"), "un classeur ODS");
    EXPECT_EQ(kind(zip_head + "[Content_Types].xml"), "une archive ZIP (classeur, document bureautique…)");
    EXPECT_EQ(kind(std::string("PK\x03\x04", 4)), "une archive ZIP (classeur, document bureautique…)");   // cut short
    EXPECT_EQ(kind("finess;nom\n"), "un fichier texte");
    EXPECT_EQ(kind(std::string("\x01\x00\x02", 3)), "un fichier binaire");
}

// ---- H3: an interrupted batch left ODTs the next run took for edited ones ----

// The digests were recorded at the end of the run only: a run stopped after a
// few documents left ODTs of Cotation's own that the next run kept « gardé tel
// quel », advising `--remplacer`, which `letters` did not have.
TEST(Trial13hDocuments, AnInterruptedBatchLeavesNoOdtTheNextRunKeeps) {
    test::TempDir dir;
    auto s = create_demo(dir.file("demo.cot"), "act-hlm");
    const std::string out = dir.file("lot");
    std::atomic<bool> cancel{false};
    report::BatchControl stop;
    stop.cancel = &cancel;
    stop.progress = [&](std::size_t done, std::size_t, const std::string&) {
        if (done == 3) cancel = true;
    };
    auto first = write_documents(*s, {out, report::Format::Odt, ""}, &stop);
    ASSERT_TRUE(first.cancelled);
    ASSERT_FALSE(first.written.empty());
    auto second = write_documents(*s, {out, report::Format::Odt, ""});
    ASSERT_TRUE(second.ok());
    for (const auto& w : second.warnings) EXPECT_EQ(w.find("gardé tel quel"), std::string::npos) << w;
    for (const auto& f : first.written)
        EXPECT_EQ(std::count(second.written.begin(), second.written.end(), f), 1) << f << " rewritten";
}

// `letters` takes --remplacer, and its warning names it.
TEST(Trial13hDocuments, LettersKeepAnEditedOdtAndNameTheirOwnReplaceOption) {
    test::TempDir dir;
    create_demo(dir.file("demo.cot"), "act-hlm").reset();
    const std::string f = dir.file("demo.cot"), out = dir.file("lettres");
    auto r = cli("letters " + f + " --out " + out + " --format odt --dossier ACT-2023-01");
    ASSERT_EQ(r.code, 0) << r.out;
    const std::string odt = out + "/ACT-2023-01-lettre.odt";
    const std::string fresh = test::slurp(odt);
    test::spit(odt, fresh + "modifié");
    r = cli("letters " + f + " --out " + out + " --format odt --dossier ACT-2023-01");
    EXPECT_TRUE(says(r.out, "gardé tel quel, non remplacé. Pour le remplacer : cotation letters … --remplacer.")) << r.out;
    EXPECT_EQ(test::slurp(odt), fresh + "modifié");
    r = cli("letters " + f + " --out " + out + " --format odt --dossier ACT-2023-01 --remplacer");
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_EQ(test::slurp(odt), fresh);
    EXPECT_EQ(test::slurp(out + "/ACT-2023-01-lettre-avant-remplacement.odt"), fresh + "modifié");
}

// ---- H5: the vote re-recorded after the decisions, silently ----

// Messages written by hand from the rule: once a decision follows the séance,
// its votes and attendance stay; an observation may still be added.
TEST(Trial13hMeeting, TheVoteAndAttendanceStayOnceADecisionFollowsIt) {
    Meeting held;
    held.date = Date{2019, 11, 15};
    held.president = "Anne Durand";
    held.attendance["Anne Durand"] = {Presence::Present, ""};
    held.attendance["Paul Roy"] = {Presence::Present, ""};
    held.votes["Anne Durand"] = Vote::For;
    held.votes["Paul Roy"] = Vote::For;
    const Date decided{2019, 11, 22};
    Meeting revote = held;
    revote.votes["Paul Roy"] = Vote::Against;
    EXPECT_EQ(vote_change_after_decisions_refusal(held, revote, decided),
              "Séance du 15/11/2019 : son vote ne peut plus changer, une décision ayant déjà été prise après elle (le "
              "22/11/2019) sur l'avis qu'elle a rendu. Rien n'a été enregistré. Une observation peut encore être ajoutée "
              "(--observation NOM=TEXTE).");
    Meeting absent = held;
    absent.attendance["Paul Roy"] = {Presence::Absent, ""};
    EXPECT_NE(vote_change_after_decisions_refusal(held, absent, decided).find("ses présences ne peuvent plus changer"),
              std::string::npos);
    // Nor its president nor its date (trial 13I M1: another president, who
    // had declared a link and did not vote, was recorded after the decisions).
    Meeting other_president = held;
    other_president.president = "Paul Roy";
    EXPECT_NE(vote_change_after_decisions_refusal(held, other_president, decided)
                  .find("Séance du 15/11/2019 : sa date et sa présidence ne peuvent plus changer"),
              std::string::npos);
    Meeting other_day = held;
    other_day.date = Date{2019, 11, 14};
    EXPECT_NE(vote_change_after_decisions_refusal(held, other_day, decided).find("sa date et sa présidence"),
              std::string::npos);
    Meeting civility = held;
    civility.president_civility = Civility::Madame;
    EXPECT_EQ(vote_change_after_decisions_refusal(held, civility, decided), "");   // completed, not changed
    Meeting observed = held;
    observed.observations.push_back({"Paul Roy", "Réserve sur le calendrier."});
    EXPECT_EQ(vote_change_after_decisions_refusal(held, observed, decided), "");
    EXPECT_EQ(vote_change_after_decisions_refusal(held, revote, std::nullopt), "");   // no decision yet: free
    EXPECT_EQ(vote_change_after_decisions_refusal(std::nullopt, revote, decided), "");   // the first séance recorded
}

// ---- H12: « Impossible de lire » without why ----

TEST(Trial13hMessages, AFileThatCannotBeReadSaysWhy) {
    test::TempDir dir;
    const std::string absent = dir.file("dossiers.csv");
    EXPECT_EQ(test::message_of([&] { io::read_file(absent); }),
              "Impossible de lire le fichier « " + absent +
                  " » : il n'existe pas (vérifiez le nom et le dossier). Rien n'a été lu.");
    // Through the command as a user types it.
    const std::string f = dir.file("c.cot");
    ASSERT_EQ(cli("new " + f + " --grid " + test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml").code, 0);
    auto r = cli("import " + f + " " + absent);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_TRUE(says(r.out, "il n'existe pas")) << r.out;
}

// ---- H7: Cyrillic and Greek look-alike letters escaped the comparisons ----

// « АСТ » with a Cyrillic А (U+0410) and С (U+0421), « Αssociation » with a
// Greek Α (U+0391), « Pаul » with a Cyrillic а (U+0430): each is read as the
// Latin word it shows.
TEST(Trial13hNames, CyrillicAndGreekLookAlikesCompareAsTheLatinLetter) {
    EXPECT_EQ(fr::name_key("\u0410\u0421T-2023-01"), fr::name_key("ACT-2023-01"));
    EXPECT_EQ(fr::name_key("\u0391ssociation Alpha"), "association alpha");
    EXPECT_EQ(person_key("P\u0430ul Roy"), person_key("Paul Roy"));
    EXPECT_EQ(organisation_key("\u0410ssociation \u0410lpha"), organisation_key("ASSOCIATION ALPHA"));
    // Letters without a Latin twin stay themselves: « Жанна » is no Latin name.
    EXPECT_EQ(fr::name_key("\u0416"), "\u0416");
    Dossier act;
    act.id = 1;
    act.reference = "ACT-2023-01";
    EXPECT_EQ(reference_refusal({act}, "\u0410\u0421T-2023-01", 0, "Nouveau dossier"),
              "Nouveau dossier : la référence « \u0410\u0421T-2023-01 » est déjà celle du dossier « ACT-2023-01 » (les "
              "références ne diffèrent pas par la casse, les espaces ni des caractères qui se ressemblent). Rien n'a été "
              "enregistré.");
}

// ---- H6: a look-alike base armed with triggers; a removed lock put back ----

// A SQLite base with a campaign and a journal table and a schema version,
// but not the application id every campaign carries: refused before a
// single trigger is written into it (the trial's `param` armed it, then
// said « Rien n'a été enregistré »).
TEST(Trial13hStore, ALookAlikeBaseIsRefusedBeforeAnyTriggerIsWritten) {
    test::TempDir dir;
    const std::string f = dir.file("faux.cot");
    test::sql(f, "CREATE TABLE campaign(id INTEGER PRIMARY KEY, reference TEXT); CREATE TABLE journal(seq INTEGER PRIMARY KEY); "
                 "PRAGMA user_version = " + std::to_string(sqlite_schema_version()));
    const std::string before = test::slurp(f);
    auto r = cli("param " + f + " campagne.date_commission=15/11/2023");
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_TRUE(says(r.out, "« " + f + " » est une base SQLite qui n'est pas une campagne Cotation ; elle n'a pas été modifiée."))
        << r.out;
    EXPECT_EQ(test::slurp(f), before);
}

// A lock of the closed campaign removed in raw SQL was made again at the
// next opening, hiding it: now every write is refused and `journal verify`
// says it, and the lock stays absent for whoever looks.
TEST(Trial13hStore, ALockRemovedOutsideIsSaidAndNeverSilentlyPutBack) {
    test::TempDir dir;
    const std::string f = dir.file("c.cot");
    ASSERT_EQ(cli("new " + f + " --grid " + test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml").code, 0);
    test::sql(f, "DROP TRIGGER \"decision_close_insert\"");
    auto r = cli("param " + f + " campagne.date_commission=15/11/2023");
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_TRUE(says(r.out, "a perdu sa protection hors de Cotation : verrou de la campagne close absent sur 1 table "
                            "(decision) : effacé hors de Cotation. Rien n'a été enregistré"))
        << r.out;
    r = cli("journal verify " + f);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_TRUE(says(r.out, "verrou de la campagne close absent sur 1 table (decision)")) << r.out;
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(f.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE name='decision_close_insert'", -1, &st, nullptr);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(st, 0), 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

// ---- H2: « Journal ALTÉRÉ » while another process wrote ----

// The journal and the rows were read in two snapshots: a write committed
// between them made a sound campaign look changed outside Cotation (2 runs
// in 60). Here one connection writes parameters while another verifies the
// journal and reads the campaign, each time in one snapshot.
TEST(Trial13hStore, AReaderNeverSeesTheJournalAndTheRowsOfTwoMoments) {
    test::TempDir dir;
    auto s = test::small_campaign(dir, {{"A.1", "2"}}, {"P;Association Alpha"});
    const std::string f = dir.file("c.cot");
    std::atomic<bool> done{false};
    std::thread writer([&] {
        for (int i = 1; i <= 60; ++i)
            test::set_parameter(*s, "campagne.date_commission", std::to_string(i % 28 + 1) + "/11/2023", "essai");
        done = true;
    });
    auto reader = open_sqlite_store_read_only(f);
    int checks = 0;
    std::vector<std::string> problems;
    while (!done || checks < 5) {
        JournalCheck c = reader->verify_journal();
        if (!c.ok) problems.insert(problems.end(), c.problems.begin(), c.problems.end());
        auto outside = reader->outside_changes({});
        problems.insert(problems.end(), outside.begin(), outside.end());
        ++checks;
    }
    writer.join();
    EXPECT_TRUE(problems.empty()) << problems.front();
    EXPECT_GE(checks, 5);
}

// ---- H13: French typography of the warnings; H11: references in every command ----

TEST(Trial13hMessages, AWarningAfterAColonTakesNoCapitalButAnAcronymKeepsIt) {
    EXPECT_EQ(fr::after_colon("L'adresse postale de l'autorité n'est pas renseignée"),
              "l'adresse postale de l'autorité n'est pas renseignée");
    EXPECT_EQ(fr::after_colon("Le nom du signataire"), "le nom du signataire");
    EXPECT_EQ(fr::after_colon("Élément absent"), "élément absent");
    EXPECT_EQ(fr::after_colon("ODT gardé"), "ODT gardé");
    EXPECT_EQ(fr::after_colon("A.1 noté"), "A.1 noté");
    EXPECT_EQ(fr::after_colon("« c.odt » a été modifié"), "« c.odt » a été modifié");
    EXPECT_EQ(fr::after_colon("3 dossiers"), "3 dossiers");
    EXPECT_EQ(fr::after_colon("É"), "É");
}

// `check --dossier act-2023-01` found the dossier, then printed nothing (its
// loop compared the text as typed); `letters` refused it. Every command reads
// a reference as `decide` does, and a letter asked alone says nothing of the others.
TEST(Trial13hMessages, AReferenceTypedInLowerCaseIsTheDossierInEveryCommand) {
    test::TempDir dir;
    create_demo(dir.file("d.cot"), "act-hlm").reset();
    const std::string f = dir.file("d.cot");
    auto r = cli("check " + f + " --dossier act-2023-01");
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_TRUE(says(r.out, "ACT-2023-01 — Association Escale Santé Marseille : Recevable")) << r.out;
    r = cli("letters " + f + " --out " + dir.file("l") + " --dossier act-2023-01");
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_TRUE(std::filesystem::exists(dir.file("l") + "/ACT-2023-01-lettre.pdf")) << r.out;
    EXPECT_FALSE(says(r.out, "en attente d'arbitrage")) << r.out;
    EXPECT_TRUE(says(r.out, "Attention : l'adresse postale de l'autorité")) << r.out;
    r = cli("rapports " + f + " --out " + dir.file("r") + " --dossier act-2023-01");
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_TRUE(std::filesystem::exists(dir.file("r") + "/ACT-2023-01-compte-rendu.pdf")) << r.out;
}

// ---- Issue 13 item 15: « 8/2 » accepted as a consolidated rating ----

// A fraction stays for an exact mean (10/3 is 3,333…), never for a slip.
TEST(Trial13hMessages, AConsolidatedRatingIsAFractionOnlyAsAnIrreducibleMean) {
    EXPECT_EQ(input::rating("--note", "10/3", 0, 5), Rational(10, 3));
    EXPECT_EQ(input::rating("--note", "3,5", 0, 5), Rational(7, 2));
    EXPECT_EQ(test::message_of([] { input::rating("--note", "8/2", 0, 5); }),
              "--note : « 8/2 » n'est pas une note telle qu'elle s'écrit : écrivez 4 (une fraction n'est admise que pour une "
              "moyenne exacte, irréductible, comme 10/3).");
    EXPECT_EQ(test::message_of([] { input::rating("--note", "6/4", 0, 5); }),
              "--note : « 6/4 » n'est pas une note telle qu'elle s'écrit : écrivez 1,5 (une fraction n'est admise que pour une "
              "moyenne exacte, irréductible, comme 10/3).");
    EXPECT_NE(test::message_of([] { input::rating("--note", "20/6", 0, 5); }).find("écrivez 10/3"), std::string::npos);
    // Nor « 3.5 » (trial 13I M2), which the rating import refuses too.
    EXPECT_EQ(test::message_of([] { input::rating("--note", "3.5", 0, 5); }),
              "--note : « 3.5 » : la virgule sépare les décimales en notation française ; écrivez 3,5.");
}

// An element left open at the end of the file was said « fichier vide ou coupé ».
TEST(Trial13hMessages, AnElementLeftOpenIsNotCalledAnEmptyFile) {
    const std::string m = test::message_of([] { io::parse_xml("<grille id=\"g\">\n  <critere id=\"A.1\"/>\n", "g.xml"); });
    EXPECT_NE(m.find("g.xml, ligne "), std::string::npos) << m;
    EXPECT_NE(m.find("le fichier se termine avant la fermeture d'un élément : balise fermante manquante, ou fichier coupé"),
              std::string::npos)
        << m;
    EXPECT_NE(test::message_of([] { io::parse_xml("", "vide.xml"); }).find("fichier vide ou coupé"), std::string::npos);
}

// ---- 13I C1: a run killed right after an ODT took its name ----

// The job below writes its ODT, then dies as a killed process would, before
// the batch hears of it. The next run, with other content to write, must
// replace that ODT (Cotation's own), not keep it as edited.
TEST(Trial13hDocuments, AnOdtWrittenJustBeforeAKillIsStillCotationsOwn) {
    test::TempDir dir;
    report::LetterHeader h;
    h.authority = "Agence régionale de santé";
    h.title = "Lettre";
    auto job = [&](const std::string& text, bool killed) {
        report::DocumentJob j;
        j.dossier = "D-1";
        j.document = "lettre";
        j.stem = dir.file("D-1-lettre");
        j.format = report::Format::Odt;
        j.write = [h, text, killed](const report::DocumentJob& self) -> std::vector<std::string> {
            report::write_odt(self.stem + ".odt", h, {{report::BlockKind::Paragraph, text}});
            if (killed) throw Error("processus tué");
            return {self.stem + ".odt"};
        };
        return j;
    };
    auto first = report::run_jobs({job("Première version.", true)});
    ASSERT_EQ(first.failures.size(), 1u);
    const std::string odt = dir.file("D-1-lettre.odt"), before = test::slurp(odt);
    ASSERT_FALSE(before.empty());
    auto second = report::run_jobs({job("Seconde version, après un changement de la campagne.", false)});
    EXPECT_TRUE(second.ok());
    for (const auto& w : second.warnings) EXPECT_EQ(w.find("gardé tel quel"), std::string::npos) << w;
    EXPECT_NE(test::slurp(odt), before);   // replaced by the new version
    // An ODT edited afterwards is still kept.
    test::spit(odt, test::slurp(odt) + "modifié");
    auto third = report::run_jobs({job("Troisième version.", false)});
    bool kept = false;
    for (const auto& w : third.warnings) kept = kept || w.find("gardé tel quel") != std::string::npos;
    EXPECT_TRUE(kept);
}

// 13I m1: `couverture --avec`, `repartition --variante`, `carte --avec` refused
// a reference typed in lower case, which every other command takes.
TEST(Trial13hMessages, TerritoryCommandsReadAReferenceAsEveryCommandDoes) {
    test::TempDir dir;
    create_demo(dir.file("u.cot"), "uphv").reset();
    const std::string f = dir.file("u.cot");
    auto r = cli("couverture " + f + " --avec uphv-2019-01,UPHV-2019-02");
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_TRUE(says(r.out, "Candidatures ajoutées : UPHV-2019-01, UPHV-2019-02.")) << r.out;
    r = cli("repartition " + f + " --variante uphv-2019-01,uphv-2019-02,uphv-2019-03");
    EXPECT_EQ(r.code, 0) << r.out;
    r = cli("carte " + f + " --out " + dir.file("c.png") + " --avec uphv-2019-01");
    EXPECT_EQ(r.code, 0) << r.out;
    r = cli("couverture " + f + " --avec nope-1");
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_TRUE(says(r.out, "--avec : dossier « nope-1 » inconnu ou non classé")) << r.out;
}

// 13I m2: a temporary file taken by another command writing into the same
// folder was said « c'est un document ODT, pas  ; ».
TEST(Trial13hOutputs, ATemporaryFileTakenByAnotherCommandIsSaid) {
    test::TempDir dir;
    const std::string odt = dir.file("lettre.odt");
    test::spit(odt, "%PDF-1.4\n");
    const std::string m = test::message_of([&] { io::put_output_in_place(odt + ".tmp", odt); });
    EXPECT_NE(m.find("son fichier temporaire « " + odt + ".tmp » a disparu ou est vide pendant l'écriture"), std::string::npos)
        << m;
    EXPECT_EQ(test::slurp(odt), "%PDF-1.4\n");
}

// 13I m3: Excel's « sep=; » first line was read as a header with a column
// without a name. Skipped when it names « ; », said when it names another;
// the lines keep their numbers in the file.
TEST(Trial13hMessages, ExcelsSeparatorLineIsUnderstood) {
    auto rows = io::parse_csv("sep=;\r\nreference;organisme\r\nP;Alpha\r\n", "d.csv", ';');
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].line, 2);
    EXPECT_EQ(rows[0].fields.at(0), "reference");
    EXPECT_EQ(rows[1].fields.at(1), "Alpha");
    EXPECT_EQ(test::message_of([] { io::parse_csv("sep=,\nreference,organisme\n", "d.csv", ';'); }),
              "d.csv, ligne 1 : « sep=, » annonce le séparateur « , » ; Cotation lit les colonnes séparées par « ; » : "
              "enregistrez le fichier avec ce séparateur.");
}
