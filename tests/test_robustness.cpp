// Regression tests of the reliability audit (issue « Nothing lost, nothing
// silently wrong »): each failed before its fix.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>

#include "app/demo.h"
#include "app/input.h"
#include "app/session.h"
#include "core/error.h"
#include "core/french.h"
#include "io/imports.h"
#include "io/output_file.h"
#include "io/reference_data.h"
#include "io/text_encoding.h"
#include "io/xml_tree.h"
#include "report/odt.h"
#include "report/pdf_letter.h"
#include "report/template.h"
#include "store/campaign_store.h"
#include "test_support.h"

using namespace cotation;
using cotation::test::act_grid;

namespace {
using test::message_of;
std::string run(const std::string& args, int* code = nullptr) {
    std::string out;
    FILE* p = popen((std::string(COTATION_CLI) + " " + args + " 2>&1").c_str(), "r");
    std::array<char, 4096> buf;
    while (std::size_t n = fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
    int status = pclose(p);
    if (code) *code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}
NewCampaign campaign_c() {
    NewCampaign nc;
    nc.reference = "C";
    return nc;
}
const std::string kBase = "reference;organisme;siret;finess;commune;places;budget_annuel;date_depot";
}  // namespace

// ---- 11. An empty pieces_recues cell is « non renseigné » ----
TEST(RobustImports, EmptyDocumentsCellIsNotGiven) {
    auto ds = io::import_dossiers_csv(act_grid(), test::reference_data(), kBase + ";pieces_recues\nD1;Org;;;13203;;;28/04/2023;\n"
                                                                 "D2;Org;;;13203;;;28/04/2023;  \n", "d.csv");
    ASSERT_EQ(ds.size(), 2u);
    EXPECT_TRUE(ds[0].documents.empty());
    EXPECT_TRUE(ds[1].documents.empty());
}

TEST(RobustImports, EmptyTerritoryCellIsNotGiven) {
    auto ds = io::import_dossiers_csv(act_grid(), test::reference_data(), kBase + ";departements_intervention\nD1;Org;;;13203;;;28/04/2023;\n", "d.csv");
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(ds[0].facts.count("departements_intervention"), 0u);
}

// ---- 12. Ambiguous French notation is refused, never guessed ----
TEST(RobustNumbers, AmbiguousNotationRefused) {
    std::string why;
    EXPECT_FALSE(fr::parse_decimal("250.000", &why));   // 250 or 250 000?
    EXPECT_NE(why.find("trois chiffres"), std::string::npos) << why;
    EXPECT_FALSE(fr::parse_number("250.000"));
    EXPECT_FALSE(fr::parse_decimal("1.250.000"));
    EXPECT_FALSE(fr::parse_decimal("1,250.50", &why));   // mixed separators
    EXPECT_NE(why.find("mêlés"), std::string::npos) << why;
    EXPECT_FALSE(fr::parse_decimal("1 26 00"));           // bad grouping
    EXPECT_FALSE(fr::parse_decimal("12600 000"));
    EXPECT_FALSE(fr::parse_decimal("3,"));
    EXPECT_FALSE(fr::parse_decimal("7/3"));               // typed input: decimals only
    // Unambiguous forms still read (values by hand).
    EXPECT_EQ(*fr::parse_decimal("250 000"), Rational(250000));
    EXPECT_EQ(*fr::parse_decimal("12\u00A0600,50 €"), Rational(2520100, 200));
    EXPECT_EQ(*fr::parse_decimal("250,00"), Rational(250));    // French decimal comma (« 250,000 »: test_user_input.cpp)
    EXPECT_EQ(*fr::parse_decimal("250.5"), Rational(501, 2));
    EXPECT_EQ(*fr::parse_decimal("-3"), Rational(-3));
    EXPECT_EQ(*fr::parse_number("1/3"), Rational(1, 3));      // grids' canonical fractions
}

TEST(RobustImports, AmbiguousAmountNamesLineAndColumn) {
    std::string msg = message_of([] {
        io::import_dossiers_csv(act_grid(), test::reference_data(), kBase + "\nD1;Org;;;13203;10;250.000;28/04/2023\n", "dossiers.csv");
    });
    EXPECT_NE(msg.find("dossiers.csv, ligne 2, colonne 7 « budget_annuel »"), std::string::npos) << msg;
    EXPECT_NE(msg.find("trois chiffres"), std::string::npos) << msg;
}

// ---- 13. Windows-1252 CSV converted and said; the store holds UTF-8 ----
TEST(RobustEncoding, Windows1252ConvertedAndSaid) {
    auto d = io::decode_text("Sant\xE9 Marseille \x80\n", "f.csv");
    EXPECT_EQ(d.utf8, "Santé Marseille €\n");
    EXPECT_NE(d.notice.find("Windows-1252"), std::string::npos);
    auto u = io::decode_text("\xEF\xBB\xBFSanté", "f.csv");
    EXPECT_EQ(u.utf8, "Santé");
    EXPECT_TRUE(u.notice.empty());
    std::string msg = message_of([] { io::decode_text("a\nb\x81", "f.csv"); });
    EXPECT_NE(msg.find("f.csv, ligne 2"), std::string::npos) << msg;
    EXPECT_THROW(io::decode_text(std::string("\xFF\xFE" "a\0b\0", 6), "f.csv"), InputError);
    EXPECT_FALSE(io::valid_utf8("\xC3\x28"));
    EXPECT_FALSE(io::valid_utf8("\xED\xA0\x80"));   // a surrogate
}

TEST(RobustEncoding, ImportOfExcelFileStoresUtf8) {
    test::TempDir dir;
    auto s = Session::create(dir.file("c.cot"), test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml", campaign_c(), "Coord");
    test::spit(dir.file("d.csv"), kBase + "\nD1;Sant\xE9 Marseille;;;13203;10;;28/04/2023\n");
    EXPECT_EQ(s->import_dossiers_file(dir.file("d.csv"), "Coord"), 1u);
    EXPECT_NE(s->import_notice().find("Windows-1252"), std::string::npos);
    auto again = Session::open(dir.file("c.cot"));
    EXPECT_EQ(again->dossiers().at(0).organisme, "Santé Marseille");
}

// ---- 8. A file that is not a campaign is never written ----
TEST(RobustStore, EmptyFileRefusedAndUntouched) {
    test::TempDir dir;
    test::spit(dir.file("vide.cot"), "");
    std::string msg = message_of([&] { open_sqlite_store(dir.file("vide.cot")); });
    EXPECT_NE(msg.find("vide.cot"), std::string::npos) << msg;
    EXPECT_NE(msg.find("vide"), std::string::npos) << msg;
    EXPECT_EQ(std::filesystem::file_size(dir.file("vide.cot")), 0u);
    EXPECT_FALSE(std::filesystem::exists(dir.file("vide.cot-wal")));
}

TEST(RobustStore, ForeignSqliteRefusedAndUntouched) {
    test::TempDir dir;
    std::string f = dir.file("autre.db");
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(f.c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "CREATE TABLE clients(nom TEXT); INSERT INTO clients VALUES ('x');", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    auto before = std::filesystem::file_size(f);
    std::string msg = message_of([&] { open_sqlite_store(f); });
    EXPECT_NE(msg.find("autre.db"), std::string::npos) << msg;
    EXPECT_NE(msg.find("n'est pas une campagne"), std::string::npos) << msg;
    EXPECT_EQ(std::filesystem::file_size(f), before);
    ASSERT_EQ(sqlite3_open(f.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &st, nullptr);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(st, 0), 1);   // still only « clients »
    sqlite3_finalize(st);
    sqlite3_close(db);
}

TEST(RobustStore, TextFileRefused) {
    test::TempDir dir;
    test::spit(dir.file("notes.cot"), "dossier;note\n");
    std::string msg = message_of([&] { open_sqlite_store(dir.file("notes.cot")); });
    EXPECT_NE(msg.find("pas une base SQLite"), std::string::npos) << msg;
    EXPECT_EQ(std::filesystem::file_size(dir.file("notes.cot")), 13u);
}

// ---- 7. Creation under a temporary name ----
TEST(RobustStore, KilledDemoLeavesNothingUnderItsName) {
    test::TempDir dir;
    std::string f = dir.file("demo.cot");
    // SIGKILL at several moments of the demo's creation.
    for (const char* delay : {"0.05", "0.2", "0.5"}) {
        run("--help >/dev/null; timeout -s KILL " + std::string(delay) + " " + COTATION_CLI + " demo " + f);
        if (std::filesystem::exists(f)) {
            EXPECT_NO_THROW(Session::open(f)) << "after " << delay;   // complete, since named
            std::filesystem::remove(f);
        }
    }
    int code = -1;
    std::string out = run("demo " + f, &code);
    EXPECT_EQ(code, 0) << out;   // nothing blocks a new creation
    std::size_t temporaries = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path))
        if (e.path().filename().string().find(".en-creation") != std::string::npos) ++temporaries;
    EXPECT_EQ(temporaries, 0u);   // stale ones from killed runs removed
}

TEST(RobustStore, CreationNeverReplacesAFile) {
    test::TempDir dir;
    std::string tmp = begin_campaign_creation(dir.file("c.cot"));
    EXPECT_FALSE(std::filesystem::exists(dir.file("c.cot")));
    test::spit(tmp, "x");
    test::spit(dir.file("c.cot"), "déjà là");
    EXPECT_THROW(finish_campaign_creation(tmp, dir.file("c.cot")), InputError);
    std::ifstream in(dir.file("c.cot"));
    std::string kept((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(kept, "déjà là");
}

// ---- 10. Deep XML bounded, freed without recursion ----
TEST(RobustXml, DeepNestingRefusedWithLine) {
    std::string xml = "<grid>\n";
    for (int i = 0; i < 300000; ++i) xml += "<a>";
    for (int i = 0; i < 300000; ++i) xml += "</a>";
    xml += "\n</grid>\n";
    std::string msg = message_of([&] { io::parse_xml(xml, "profonde.xml"); });
    EXPECT_NE(msg.find("profonde.xml, ligne 2"), std::string::npos) << msg;
    EXPECT_NE(msg.find("niveaux"), std::string::npos) << msg;
}

TEST(RobustXml, DeepTreeFreedWithoutRecursion) {
    auto root = std::make_unique<io::XmlElement>();
    io::XmlElement* e = root.get();
    for (int i = 0; i < 1000000; ++i) {
        e->children.push_back(std::make_unique<io::XmlElement>());
        e = e->children.back().get();
    }
    root.reset();   // a recursive destructor overflows the stack here
    SUCCEED();
}

TEST(RobustXml, GridCheckOfDeepFileExitsOne) {
    test::TempDir dir;
    std::string xml = "<grid>\n";
    for (int i = 0; i < 300000; ++i) xml += "<theme>";
    test::spit(dir.file("g.xml"), xml);
    int code = -1;
    std::string out = run("grid check " + dir.file("g.xml"), &code);
    EXPECT_EQ(code, 1) << out;
    EXPECT_NE(out.find("g.xml"), std::string::npos) << out;
}

// ---- 15. Smaller ones ----
TEST(RobustInputs, JournalShowDossierIsExact) {
    test::TempDir dir;
    std::string f = dir.file("d.cot");
    create_demo(f, "act-hlm", DemoStage::Instruction);
    int code = -1;
    const std::string coord = " --par 'Nathalie Girard (ARS, pôle médico-social)'";   // the demo has a team: who reads is said
    std::string out = run("journal show " + f + " --dossier ACT-2023-1" + coord, &code);   // a prefix of 10 and 11
    EXPECT_EQ(code, 1) << out;
    EXPECT_NE(out.find("inconnu"), std::string::npos) << out;
    out = run("journal show " + f + " --dossier ACT-2023-01" + coord, &code);
    EXPECT_EQ(code, 0) << out;
    EXPECT_NE(out.find("dossier/ACT-2023-01"), std::string::npos);
    EXPECT_EQ(out.find("dossier/ACT-2023-10"), std::string::npos) << out;
}

// Trial 15e F1: « huit » written in SQL in a dossier's places stopped every
// command of the whole team (« valeur illisible »), `journal show` too. The
// campaign loads; the value is left out and named, with the row and its last
// writer, where changes outside Cotation are (decisions and documents refused).
TEST(RobustInputs, AnUnreadableValueWrittenOutsideCotationIsNamedNotFatal) {
    test::TempDir dir;
    auto s = Session::create(dir.file("c.cot"), test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml", campaign_c(),
                             "Coord");
    test::spit(dir.file("a.csv"), kBase + "\nACT-2023-01;Org;;;13203;10;;28/04/2023\n");
    s->import_dossiers_file(dir.file("a.csv"), "Coord");
    s.reset();
    test::sql(dir.file("c.cot"), "UPDATE dossier_fact SET value = 'huit' WHERE fact = 'places'");
    std::unique_ptr<Session> again;
    ASSERT_NO_THROW(again = Session::open(dir.file("c.cot")));
    EXPECT_FALSE(again->dossiers().at(0).facts.count("places"));
    std::string all;
    for (const auto& p : again->outside_changes()) all += p + "\n";
    EXPECT_NE(all.find(", dossier ACT-2023-01 : valeur « huit » illisible pour « "), std::string::npos) << all;
    EXPECT_NE(all.find(" (ligne dossier_fact, fait « places ») : valeur laissée de côté ; dernière écriture : entrée n° "),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("par Coord (compte "), std::string::npos) << all;
    // Trial 15f F3, F4, F8: a rating outside the scale (0 to 5 on this grid) and
    // a decision's unknown code (the stored one is « non retenu ») typed in SQL
    // are named too, the campaign still loads, and `journal verify`, to which
    // `rank` sends, names all three with a non-zero code.
    test::sql(dir.file("c.cot"), "INSERT INTO reviewer(id, name) VALUES (7, 'Inès Martin'); "
                                 "INSERT INTO rating(dossier_id, reviewer_id, criterion, value, justification, updated_at) "
                                 "VALUES (1, 7, 'I.2', 9, 'x', ''); "
                                 "INSERT INTO decision(dossier_id, kind, motive, decided_on, author, recorded_at) "
                                 "VALUES (1, 'non-retenu', 'm', '2025-06-01', 'Coord', '')");
    ASSERT_NO_THROW(again = Session::open(dir.file("c.cot")));
    EXPECT_TRUE(again->decisions().empty());
    all.clear();
    for (const auto& p : again->unreadable_values()) all += p + "\n";
    EXPECT_NE(all.find(", dossier ACT-2023-01 : note 9 de « Inès Martin » au critère « I.2 » hors de l'échelle de la grille "
                       "(0 à 5) (ligne rating) : note laissée de côté"), std::string::npos) << all;
    EXPECT_NE(all.find(" : décision du dossier « ACT-2023-01 » illisible : « non-retenu » (ligne decision, champ kind) : "
                       "décision laissée de côté"), std::string::npos) << all;
    int code = -1;
    std::string out = run("journal verify " + dir.file("c.cot"), &code);
    EXPECT_EQ(code, 1) << out;
    for (const char* named : {"« huit » illisible", "note 9 de « Inès Martin »", "« non-retenu » (ligne decision, champ kind)"})
        EXPECT_NE(out.find(named), std::string::npos) << named << "\n" << out;
}

TEST(RobustInputs, NearDuplicateReferenceRefused) {
    test::TempDir dir;
    auto s = Session::create(dir.file("c.cot"), test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml", campaign_c(), "Coord");
    test::spit(dir.file("a.csv"), kBase + "\nACT-2023-01;Org;;;13203;10;;28/04/2023\n");
    s->import_dossiers_file(dir.file("a.csv"), "Coord");
    test::spit(dir.file("b.csv"), kBase + "\n act-2023-01 ;Autre;;;13203;10;;28/04/2023\n");
    std::string msg = message_of([&] { s->import_dossiers_file(dir.file("b.csv"), "Coord"); });
    EXPECT_NE(msg.find("« ACT-2023-01 »"), std::string::npos) << msg;
    EXPECT_EQ(Session::open(dir.file("c.cot"))->dossiers().size(), 1u);
    // Within one file too.
    msg = message_of([] {
        io::import_dossiers_csv(act_grid(), test::reference_data(), kBase + "\nX-1;O;;;13203;;;28/04/2023\nx-1;O;;;13203;;;28/04/2023\n", "d.csv");
    });
    EXPECT_NE(msg.find("d.csv, ligne 3"), std::string::npos) << msg;
}

TEST(RobustInputs, FractionsRefusedWhereUnitsAreWhole) {
    EXPECT_THROW(input::places("--places", "7/3"), InputError);
    EXPECT_THROW(input::places("--places", "2,5"), InputError);
    EXPECT_EQ(input::places("--places", "7"), Rational(7));
    std::string msg = message_of([] {
        io::import_dossiers_csv(act_grid(), test::reference_data(), kBase + "\nD1;Org;;;13203;7/3;;28/04/2023\n", "d.csv");
    });
    EXPECT_NE(msg.find("colonne 6 « places »"), std::string::npos) << msg;
    msg = message_of([] {
        io::import_dossiers_csv(act_grid(), test::reference_data(), kBase + "\nD1;Org;;;13203;2,5;;28/04/2023\n", "d.csv");
    });
    EXPECT_NE(msg.find("entier"), std::string::npos) << msg;
    const Grid& g = act_grid();
    std::string crit = g.themes.front().criteria.front().id;
    msg = message_of([&] {
        io::import_ratings_csv(g, {{"D1", 1}}, "dossier;evaluateur;critere;note;justification\nD1;A;" + crit + ";8/2;x\n", "n.csv");
    });
    EXPECT_NE(msg.find("n.csv, ligne 2, colonne 4"), std::string::npos) << msg;
}

TEST(RobustInputs, ReviewerNamesNormalised) {
    const Grid& g = act_grid();
    std::string c1 = g.themes.front().criteria.at(0).id, c2 = g.themes.front().criteria.at(1).id;
    auto rs = io::import_ratings_csv(g, {{"D1", 1}},
                                     "dossier;evaluateur;critere;note;justification\n"
                                     "D1; Marie  Dupont ;" + c1 + ";2;x\nD1;MARIE DUPONT;" + c2 + ";3;y\n",
                                     "n.csv", {"Marie Dupont"});
    ASSERT_EQ(rs.size(), 2u);
    EXPECT_EQ(rs[0].reviewer, "Marie Dupont");
    EXPECT_EQ(rs[1].reviewer, "Marie Dupont");
    // The same criterion twice under two spellings is a duplicate.
    EXPECT_THROW(io::import_ratings_csv(g, {{"D1", 1}},
                                        "dossier;evaluateur;critere;note;justification\n"
                                        "D1;Éric Roux;" + c1 + ";2;x\nD1;éric  roux;" + c1 + ";3;y\n", "n.csv"),
                 InputError);
}

TEST(RobustInputs, DirectoryGivenAsInputSaysSo) {
    test::TempDir dir;
    std::string msg = message_of([&] { io::read_file(dir.path.string()); });
    EXPECT_NE(msg.find("est un dossier"), std::string::npos) << msg;
    msg = message_of([&] { open_sqlite_store(dir.path.string()); });
    EXPECT_NE(msg.find("est un dossier"), std::string::npos) << msg;
}

TEST(RobustInputs, EchoedInputsEscapedAndCut) {
    EXPECT_EQ(fr::quote("a\x01\xFF" "é"), "« a\\x01\\xFFé »");
    std::string q = fr::quote(std::string(500, 'x'));
    EXPECT_LT(q.size(), 80u);
    EXPECT_NE(q.find("…"), std::string::npos);
    std::string msg = message_of([] {
        // Valid UTF-8 carrying terminal control bytes (bytes that are not
        // UTF-8 are refused earlier, with their line, by the CSV reader).
        io::import_dossiers_csv(act_grid(), test::reference_data(), kBase + "\nD1;Org;\x1B[2J\x07;;13203;;;28/04/2023\n", "d.csv");
    });
    EXPECT_EQ(msg.find('\x1B'), std::string::npos) << msg;
    EXPECT_NE(msg.find("\\x1B"), std::string::npos) << msg;
}

// ---- 11. Every template message names the template and the line ----
TEST(RobustInputs, TemplateMessagesNameTheLine) {
    auto none = [](const std::string&) -> std::string { return "{{> boucle}}\n"; };
    std::string msg = message_of([&] { report::expand_template("a\n{{#si x}}\nb\n", "lettre.txt", {{"x", "1"}}, none); });
    EXPECT_NE(msg.find("« lettre.txt », ligne 2"), std::string::npos) << msg;
    msg = message_of([&] { report::expand_template("a\n{{> boucle}}\n", "lettre.txt", {}, none); });
    EXPECT_NE(msg.find(", ligne 1"), std::string::npos) << msg;   // the looping include's line
    EXPECT_NE(msg.find("inclusions trop imbriquées"), std::string::npos) << msg;
}

// ---- 8. Reading commands open the campaign read-only ----
TEST(RobustStore, ReadingOpensReadOnly) {
    test::TempDir dir;
    std::string f = dir.file("c.cot");
    Session::create(f, test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml", campaign_c(), "Coord");
    auto s = Session::open_read_only(f);
    EXPECT_EQ(s->campaign().reference, "C");
    Dossier d;
    d.reference = "D1";
    d.organisme = "Org";
    EXPECT_ANY_THROW(s->add_dossier(d, "Coord"));   // SQLITE_OPEN_READONLY: the write fails
    s.reset();
    EXPECT_TRUE(Session::open(f)->dossiers().empty());
    int code = -1;
    std::string out = run("journal verify " + f, &code);
    EXPECT_EQ(code, 0) << out;
}

// A user's trial: a closed campaign said « close depuis le
// 2026-11-30T00:20:40Z »; the instant is read in French.
TEST(RobustMessages, ClosedSinceInFrench) {
    EXPECT_EQ(french_timestamp("2026-11-30T00:20:40Z"), "30\u00A0novembre\u00A02026 à 00\u00A0h\u00A020 (UTC)");
    EXPECT_EQ(french_timestamp("2026-03-01T14:05:00Z"), "1er\u00A0mars\u00A02026 à 14\u00A0h\u00A005 (UTC)");
    EXPECT_EQ(french_timestamp("pas une date"), "pas une date");   // never invented
}

// Trial #28: a campaign in a folder this account cannot write (an archive, a
// colleague's share) was « pas un fichier de campagne », even for `rank`.
// Reading works on it; writing says the folder is read-only.
TEST(RobustStore, ReadOnlyFolderIsReadAndRefusesWritesByName) {
    test::TempDir dir;
    std::filesystem::create_directory(dir.file("ro"));
    std::string f = dir.file("ro") + "/c.cot";
    Session::create(f, test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml", campaign_c(), "Coord");
    namespace fs = std::filesystem;
    fs::permissions(dir.path, fs::perms(0755));
    fs::permissions(f, fs::perms(0666));   // the file is writable: only its folder refuses
    fs::permissions(dir.file("ro"), fs::perms(0555));
    // As root, the account is lowered to « nobody »: root writes anywhere.
    struct Lowered {
        bool was_root = ::geteuid() == 0;
        Lowered() { if (was_root) EXPECT_EQ(::seteuid(65534), 0); }
        ~Lowered() { if (was_root) EXPECT_EQ(::seteuid(0), 0); }
    };
    std::string reading, writing;
    std::string reference;
    bool verified = false;
    {
        Lowered as_nobody;
        reading = message_of([&] {
            auto s = Session::open_read_only(f);
            reference = s->campaign().reference;
            s->ranking();
            verified = s->store().verify_journal().ok;
        });
        writing = message_of([&] { Session::open(f); });
    }
    fs::permissions(dir.file("ro"), fs::perms(0755));
    EXPECT_EQ(reading, "");
    EXPECT_EQ(reference, "C");
    EXPECT_TRUE(verified);
    EXPECT_EQ(writing.find("pas un fichier de campagne"), std::string::npos) << writing;
    EXPECT_NE(writing.find("La campagne « " + f + " » ne peut pas être modifiée : le dossier « " + dir.file("ro") +
                           " » n'accepte pas d'écriture de ce compte"),
              std::string::npos)
        << writing;
    // Nothing left beside it by the reading.
    EXPECT_FALSE(fs::exists(f + "-shm"));
    EXPECT_FALSE(fs::exists(f + "-wal"));
}

// Trial 13 F27: an output renamed onto its name replaced whatever held it,
// a device (/dev/full, as root) or a symbolic link. Every output takes its
// name through io::put_output_in_place, which refuses anything but a regular
// file; here a symbolic link and a named pipe in a temporary folder.
TEST(RobustOutputs, NeverReplacesALinkOrAPipe) {
    test::TempDir dir;
    const std::string link = dir.file("lien.pdf"), target = dir.file("cible.pdf"), pipe = dir.file("tube.pdf");
    std::filesystem::create_symlink(target, link);
    ASSERT_EQ(::mkfifo(pipe.c_str(), 0600), 0);
    report::LetterHeader h;
    h.authority = "Agence régionale de santé";
    h.title = "Essai";
    std::vector<report::Block> body{{report::BlockKind::Paragraph, "Texte."}};
    for (const auto& [path_, what_] : {std::pair{link, "un lien symbolique"}, std::pair{pipe, "un tube nommé"}}) {
        // Named copies: clang refuses a lambda capturing a structured binding.
        const std::string path = path_;
        const std::string what = what_;
        std::string msg = message_of([&] { report::write_letter_pdf(path, h, body); });
        EXPECT_NE(msg.find("« " + path + " »"), std::string::npos) << msg;
        EXPECT_NE(msg.find(what), std::string::npos) << msg;
        msg = message_of([&] { report::write_odt(path, h, body); });
        EXPECT_NE(msg.find(what), std::string::npos) << msg;
        // The one place: a finished temporary file is refused too, and removed.
        { std::ofstream(path + ".tmp") << "x"; }
        msg = message_of([&] { io::put_output_in_place(path + ".tmp", path); });
        EXPECT_NE(msg.find(what), std::string::npos) << msg;
        EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
    }
    EXPECT_TRUE(std::filesystem::is_symlink(link));
    EXPECT_FALSE(std::filesystem::exists(target));   // nothing written through the link either
    EXPECT_TRUE(std::filesystem::is_fifo(pipe));
    // A regular file of that name is replaced when it is of the same kind (a
    // former PDF) or empty; a text file is not (trial 13H: any file was).
    const std::string plain = dir.file("ordinaire.pdf");
    { std::ofstream(plain) << "%PDF-1.3\nancien"; }
    ASSERT_NO_THROW(report::write_letter_pdf(plain, h, body));
    EXPECT_GT(std::filesystem::file_size(plain), 100u);
    const std::string empty = dir.file("vide.pdf");
    { std::ofstream{empty}; }
    ASSERT_NO_THROW(report::write_letter_pdf(empty, h, body));
    EXPECT_GT(std::filesystem::file_size(empty), 100u);
    const std::string notes = dir.file("notes.pdf");
    { std::ofstream(notes) << "mes notes"; }
    std::string msg = message_of([&] { report::write_letter_pdf(notes, h, body); });
    EXPECT_NE(msg.find("« " + notes + " » : ce fichier existe et c'est un fichier texte, pas un PDF"), std::string::npos) << msg;
    EXPECT_EQ(test::slurp(notes), "mes notes");
    EXPECT_FALSE(std::filesystem::exists(notes + ".tmp"));
}

// Issue 15 G3: a bad code typed in SQL in the team's role, an attendance, a
// vote, an arbitrated rating, a member's opinion or a date parameter made the
// whole campaign unloadable for everyone, naming no row. Each row is now left
// out and named with its table and field; the campaign opens, and
// `journal verify` names them with a non-zero code.
TEST(RobustStore, ABadCodeInAnyRowIsLeftOutAndNamedNotTheCampaignUnloadable) {
    test::TempDir dir;
    const std::string f = dir.file("c.cot");
    create_demo(f, "act-hlm", DemoStage::Complete);
    test::sql(f, "UPDATE person SET role = 'chef' WHERE name = (SELECT min(name) FROM person WHERE role = 'instructeur'); "
                 "UPDATE meeting_attendance SET presence = 'peut-être' WHERE member = (SELECT min(member) FROM meeting_attendance); "
                 "UPDATE meeting_vote SET vote = 'bof' WHERE member = (SELECT min(member) FROM meeting_vote); "
                 "UPDATE consolidation SET value = 'deux' WHERE dossier_id = (SELECT min(dossier_id) FROM consolidation); "
                 "INSERT OR REPLACE INTO member_opinion(dossier_id, member, opinion, comment) VALUES (1, 'Bernard Costa', 'bof', ''); "
                 "INSERT OR REPLACE INTO campaign_parameter(name, value) VALUES ('campagne.date_courrier', '2023-02-31')");
    std::unique_ptr<Session> s;
    ASSERT_NO_THROW(s = Session::open(f));
    std::string all;
    for (const auto& p : s->unreadable_values()) all += p + "\n";
    for (const char* named : {"personne « Claire Martin (ARS, DD 13) » illisible : « chef » (ligne person, champ role) : laissée de côté",
                              "illisible : « peut-être » (ligne meeting_attendance, champ presence) : laissée de côté",
                              "illisible : « bof » (ligne meeting_vote, champ vote) : laissée de côté",
                              "note arbitrée du dossier « ", "illisible : « deux » (ligne consolidation, champ value)",
                              "avis de « Bernard Costa » sur le dossier « ACT-2023-01 » illisible : « bof » (ligne member_opinion",
                              "(ligne campaign_parameter, paramètre « campagne.date_courrier ») : valeur laissée de côté"})
        EXPECT_NE(all.find(named), std::string::npos) << named << "\n" << all;
    int code = -1;
    const std::string out = run("journal verify " + f, &code);
    EXPECT_EQ(code, 1) << out;
    for (const char* named : {"(ligne person, champ role)", "(ligne meeting_vote, champ vote)", "(ligne consolidation, champ value)"})
        EXPECT_NE(out.find(named), std::string::npos) << named << "\n" << out;
}
