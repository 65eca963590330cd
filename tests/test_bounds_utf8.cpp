// Parameters within their declared range (issue 13.12), command-line bytes
// that are not UTF-8 (13.13), names that hide characters (trial 13 F13), and
// the reading commands' smaller holes (trial 13 F5, F7, F21).
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <fstream>
#include <functional>

#include "app/accounts.h"
#include "app/session.h"
#include "core/error.h"
#include "core/people.h"
#include "io/grid_reader.h"
#include "io/xml_tree.h"
#include "store/campaign_store.h"
#include "test_support.h"

using namespace cotation;

namespace {
std::unique_ptr<Session> on_grid(const test::TempDir& dir, const std::string& grid) {
    NewCampaign nc;
    nc.reference = "essai";
    return Session::create(dir.file("c.cot"), test::source_dir() + "/scoring-grids/" + grid, nc, "Coord");
}

// The shell quoting of one argument.
std::string q(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}
}  // namespace

// Trial 13 F11: « param campagne.cout_place=-12600 », a distance of -30 km or
// of 100 000 km, a million places were accepted without a word. The bounds
// are declared in the grid with each parameter; the refusal names the
// parameter and the range (the act-hlm grid: 1 to 200 000 € a place — a
// ceiling of 0 € is refused since trial 13 R3 —, 1 to
// 300 km, 1 to 5 000 places, 1 to 90 days).
TEST(ParameterBounds, RefusedOutsideTheDeclaredRangeNamingIt) {
    test::TempDir dir;
    auto s = on_grid(dir, "act-hlm-paca-2023.xml");
    const std::string cost = test::message_of([&] { cotation::test::set_parameter(*s, "campagne.cout_place", "-12600", "Coord"); });
    EXPECT_EQ(cost.rfind("Paramètre « campagne.cout_place » : la valeur ", 0), 0u) << cost;
    EXPECT_NE(cost.find("est inférieure au minimum 1 (valeurs acceptées : de 1 à 200"), std::string::npos) << cost;
    EXPECT_NE(cost.find("€)"), std::string::npos) << cost;
    for (const char* bad : {"-30", "0", "100000"})
        EXPECT_NE(test::message_of([&] { cotation::test::set_parameter(*s, "campagne.distance_acces", bad, "Coord"); }).find("de 1 à 300\u00A0km"),
                  std::string::npos) << bad;
    EXPECT_NE(test::message_of([&] { cotation::test::set_parameter(*s, "campagne.places", "1000000", "Coord"); }).find("dépasse le maximum"),
              std::string::npos);
    EXPECT_NE(test::message_of([&] { cotation::test::set_parameter(*s, "campagne.participation_max", "-1", "Coord"); }).find("campagne.participation_max"),
              std::string::npos);
    EXPECT_NE(test::message_of([&] { cotation::test::set_parameter(*s, "campagne.delai_pieces", "0", "Coord"); }).find("de 1 à 90\u00A0jours"),
              std::string::npos);
    // Nothing stored; a value inside the range is.
    EXPECT_EQ(s->parameters().number("campagne.cout_place"), Rational(12600));
    cotation::test::set_parameter(*s, "campagne.distance_acces", "45", "Coord");
    EXPECT_EQ(Session::open(dir.file("c.cot"))->parameters().number("campagne.distance_acces"), Rational(45));
}

TEST(ParameterBounds, EachShippedGridBoundsItsAmountsCountsAndDays) {
    test::TempDir crt_dir, uphv_dir;
    auto crt = on_grid(crt_dir, "crt-2022.xml");
    for (const char* p : {"campagne.dotation=-400000", "campagne.file_active_min=-30", "campagne.forfait_mensuel=-900",
                          "campagne.places=0", "campagne.distance_acces=-1"}) {
        std::string text = p;
        auto eq = text.find('=');
        EXPECT_NE(test::message_of([&] { cotation::test::set_parameter(*crt, text.substr(0, eq), text.substr(eq + 1), "Coord"); }).find("valeurs acceptées"),
                  std::string::npos) << p;
    }
    auto uphv = on_grid(uphv_dir, "uphv-17-2019.xml");
    for (const char* p : {"campagne.lits_unite=0", "campagne.jours_an=0", "campagne.jours_an=400", "campagne.prix_max_jour=-1",
                          "campagne.complement_jour=-15", "campagne.financement_max=-1", "campagne.tarif_reference=-5"}) {
        std::string text = p;
        auto eq = text.find('=');
        EXPECT_NE(test::message_of([&] { cotation::test::set_parameter(*uphv, text.substr(0, eq), text.substr(eq + 1), "Coord"); }).find("valeurs acceptées"),
                  std::string::npos) << p;
    }
    // At creation too (`new --param`), before anything is written.
    test::TempDir n;
    NewCampaign nc;
    nc.reference = "essai";
    nc.parameters["campagne.jours_an"] = "-3";
    EXPECT_NE(test::message_of([&] { Session::create(n.file("u.cot"), test::source_dir() + "/scoring-grids/uphv-17-2019.xml", nc, "C"); })
                  .find("campagne.jours_an"),
              std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(n.file("u.cot")));
}

// A grid's own parameter without a declared minimum is never negative (a
// count, an amount, a distance or a delay below zero means nothing); a max
// below the min is an error of the grid, named with its line.
TEST(ParameterBounds, UndeclaredMinimumIsZeroAndMaxBelowMinRefused) {
    const std::string head = "<grid id=\"g\" version=\"1\" title=\"t\">\n<parameters>\n";
    const std::string tail = "</parameters>\n<theme id=\"T\" label=\"T\"><criterion id=\"T.1\" label=\"u\" coefficient=\"1\"/></theme>\n</grid>\n";
    Grid g = io::read_grid(head + "<parameter id=\"campagne.m\" type=\"montant\" value=\"5\" label=\"M\"/>\n" + tail, "g.xml");
    ASSERT_EQ(g.parameters.size(), 1u);
    ASSERT_TRUE(g.parameters[0].def.min);
    EXPECT_EQ(*g.parameters[0].def.min, Rational(0));
    const std::string bad = test::message_of([&] {
        io::read_grid(head + "<parameter id=\"campagne.m\" type=\"montant\" value=\"5\" min=\"10\" max=\"2\" label=\"M\"/>\n" + tail,
                      "g.xml");
    });
    EXPECT_NE(bad.find("g.xml, ligne 3"), std::string::npos) << bad;
    EXPECT_NE(bad.find("« max » (2) est inférieur à « min » (10)"), std::string::npos) << bad;
}

// Trial 13 F12: bytes that are not UTF-8 given as options were stored raw
// (« Ren\xE9 Dupont » as a person, a tribunal, an organisation) and echoed.
// Refused with code 2 naming the option, before anything is written.
TEST(CommandLineUtf8, OptionsThatAreNotUtf8AreRefusedNamingThem) {
    test::TempDir dir;
    on_grid(dir, "act-hlm-paca-2023.xml");
    const std::string f = dir.file("c.cot");
    test::Ran r = test::cli("param " + f + " \"$(printf 'campagne.tribunal=TA de N\\356mes')\"");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("l'argument n° 3 n'est pas du texte UTF-8 valide (octet 0xEE à la position 26)"), std::string::npos) << r.out;
    r = test::cli("users " + f + " --ajouter \"$(printf 'Ren\\351 Dupont')\" --role coordinateur");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("la valeur de l'option --ajouter n'est pas du texte UTF-8 valide (octet 0xE9 à la position 4)"),
              std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("\xE9"), std::string::npos);   // never echoed raw
    r = test::cli("param " + f + " campagne.places=70 --par=\"$(printf '\\351')\"");
    EXPECT_NE(r.out.find("la valeur de l'option --par n'est pas du texte UTF-8"), std::string::npos) << r.out;
    r = test::shell("COTATION_UTILISATEUR=\"$(printf '\\351\\351')\" " + std::string(COTATION_CLI) + " param " + f +
                    " campagne.places=70");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("la variable COTATION_UTILISATEUR n'est pas du texte UTF-8 valide"), std::string::npos) << r.out;
    auto s = Session::open(f);
    EXPECT_TRUE(s->team().people.empty());
    EXPECT_EQ(s->parameters().number("campagne.places"), Rational(73));   // the grid's, untouched
}

// Behind the shells, the store: a text that is not UTF-8 is never bound.
TEST(CommandLineUtf8, TheStoreRefusesTextThatIsNotUtf8) {
    test::TempDir dir;
    auto s = on_grid(dir, "act-hlm-paca-2023.xml");
    const std::string why = test::message_of([&] { cotation::test::set_parameter(*s, "campagne.tribunal", "TA de N\xEEmes", "Coord"); });
    EXPECT_NE(why.find("UTF-8"), std::string::npos) << why;
    EXPECT_EQ(Session::open(dir.file("c.cot"))->parameters().text("campagne.tribunal"),
              std::optional<std::string>("tribunal administratif de Marseille"));
}

// Trial 13 F13: names with a line break, a tabulation, U+202E or a
// zero-width space were accepted, and a name could forge a journal line.
TEST(Names, ControlAndInvisibleCharactersRefused) {
    EXPECT_EQ(invisible_character("Paul Roy"), "");
    EXPECT_EQ(invisible_character("Line\nBreak"), "U+000A");
    EXPECT_EQ(invisible_character("Tab\tName"), "U+0009");
    EXPECT_EQ(invisible_character("A\u202Eevil"), "U+202E");
    EXPECT_EQ(invisible_character("Zero\u200BWidth"), "U+200B");
    EXPECT_EQ(invisible_character("Élise Œuvray"), "");
    test::TempDir dir;
    auto s = on_grid(dir, "act-hlm-paca-2023.xml");
    s->add_person({"Nadia", Role::Coordinator, "ARS"}, "Nadia");
    for (const char* bad : {"Line\nBreak", "Tab\tName", "A\u202Eevil", "Zero\u200BWidth"})
        EXPECT_NE(test::message_of([&] { s->add_person({bad, Role::Instructor, "ARS"}, "Nadia"); }).find("caractère de contrôle ou invisible"),
                  std::string::npos) << bad;
    EXPECT_NE(test::message_of([&] { s->add_person({"Julien", Role::Instructor, "AR\u200BS"}, "Nadia"); }).find("L'organisation"),
              std::string::npos);
    EXPECT_EQ(Session::open(dir.file("c.cot"))->team().people.size(), 1u);
}

// A journal value keeps its line: control characters are shown escaped.
TEST(Names, JournalListingCannotBeForged) {
    test::TempDir dir;
    auto s = on_grid(dir, "act-hlm-paca-2023.xml");
    // A parameter's text follows the rule of every typed text now (trial 13f F5): the tab comes from another program.
    EXPECT_NE(test::message_of([&] { cotation::test::set_parameter(*s, "campagne.tribunal", "TA\tde Nice", "Coord"); })
                  .find("Le paramètre « campagne.tribunal » contient un caractère de contrôle ou invisible (U+0009"),
              std::string::npos);
    const std::string at = s->store().journal("").back().at;
    s.reset();
    test::forge_entry(dir.file("c.cot"), at, "Coord (compte " + Session::os_login() + ")", "campagne.parametre",
                      "campagne/campagne.tribunal", "TA\tde Nice");
    test::Ran r = test::cli("journal show " + dir.file("c.cot"));
    EXPECT_NE(r.out.find("TA\\tde Nice"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("TA\tde Nice"), std::string::npos);
}

// Trial 13 F21 (issue 13.11): expat's English reached the user.
TEST(XmlMessages, ParserErrorsAreFrenchWithLineAndColumn) {
    const std::string e = test::message_of([] { io::parse_xml("root:x:0:0:root:/root:/bin/bash\n", "/etc/passwd"); });
    // expat stops at the first « : » of a line that is no XML (column 17 here).
    EXPECT_EQ(e, "/etc/passwd, ligne 1, colonne 17 : XML mal formé (caractère ou balise invalide).");
    for (const char* english : {"token", "Invalid", "element", "line "}) EXPECT_EQ(e.find(english), std::string::npos) << e;
    const std::string tag = test::message_of([] { io::parse_xml("<a>\n<b></a>\n", "g.xml"); });
    EXPECT_NE(tag.find("g.xml, ligne 2"), std::string::npos) << tag;
    EXPECT_NE(tag.find(" : XML mal formé ("), std::string::npos) << tag;
    for (const char* english : {"mismatched", "tag", "error"}) EXPECT_EQ(tag.find(english), std::string::npos) << tag;
}

namespace {
void raw_sql(const std::string& file, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
}
}  // namespace

// Trial 13 F24: triggers dropped in SQL (the journal's protection, the
// locks) went unseen by `journal verify` (« Journal intact »).
TEST(JournalLedger, ADroppedTriggerIsNamedByVerify) {
    test::TempDir dir;
    on_grid(dir, "act-hlm-paca-2023.xml");
    const std::string f = dir.file("c.cot");
    EXPECT_EQ(test::cli("journal verify " + f).code, 0);
    raw_sql(f, "DROP TRIGGER journal_no_update; DROP TRIGGER rating_locked_insert;");
    test::Ran r = test::cli("journal verify " + f);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("déclencheur « journal_no_update » absent"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("déclencheur « rating_locked_insert » absent"), std::string::npos) << r.out;
}

// Trial 13 F7/F8: a dossier deleted in SQL under its facts, or a vote out
// of its domain, made `journal verify` fail to open the campaign
// (« erreur inattendue : unordered_map::at ») instead of naming the rows.
TEST(JournalLedger, VerifyNamesRowsThatNoLongerLoad) {
    test::TempDir dir;
    auto s = on_grid(dir, "act-hlm-paca-2023.xml");
    std::ofstream(dir.file("d.csv")) << "reference;organisme;siret;finess;commune;places;budget_annuel;date_depot\n"
                                        "P;Association Alpha;;;13055;5;;\n";
    s->import_dossiers_file(dir.file("d.csv"), "Coord");
    s.reset();
    const std::string f = dir.file("c.cot");
    raw_sql(f, "PRAGMA foreign_keys=OFF; DELETE FROM dossier WHERE reference='P';");
    test::Ran r = test::cli("journal verify " + f);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("Journal ALTÉRÉ"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("table dossier"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("erreur inattendue"), std::string::npos) << r.out;
}

// Trial 2 of session 17: `rank --csv` wrote « 736/3 » (a date to a French
// spreadsheet) and « 231.5 » (a text). Now a decimal comma, no thousands
// separator, six decimals at most: ACT-2023-03 of the act-hlm demo totals
// 544/3 (181,33 points in `rank`), written 181,333333.
TEST(RankCsv, FrenchSpreadsheetNumbersAndNoFormula) {
    test::TempDir dir;
    const std::string f = dir.file("demo.cot");
    ASSERT_EQ(test::cli("demo " + f).code, 0);
    test::Ran r = test::cli("rank " + f + " --csv");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find(";ACT-2023-03;"), std::string::npos) << r.out;
    const std::string line = r.out.substr(r.out.find(";ACT-2023-03;"), r.out.find('\n', r.out.find(";ACT-2023-03;")) - r.out.find(";ACT-2023-03;"));
    EXPECT_NE(line.find(";181,333333;"), std::string::npos) << line;
    EXPECT_EQ(r.out.find("/3;"), std::string::npos) << r.out;
    // Trial 13 F15: an organisation named as a formula is written as a text.
    test::TempDir d2;
    auto s = on_grid(d2, "act-hlm-paca-2023.xml");
    std::ofstream(d2.file("d.csv")) << "reference;organisme;siret;finess;commune;places;budget_annuel;date_depot\n"
                                       "P;\"=HYPERLINK(\"\"http://x\"\",\"\"clic\"\")\";;;13055;5;;\n";
    s->import_dossiers_file(d2.file("d.csv"), "Coord");
    r = test::cli("rank " + d2.file("c.cot") + " --csv");
    EXPECT_NE(r.out.find(";\"'=HYPERLINK("), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find(";\"=HYPERLINK("), std::string::npos) << r.out;
}

// `journal show --dossier` takes another spelling of a reference (case,
// spaces), as the import compares references; a prefix is still no reference.
TEST(JournalShow, AnotherSpellingOfAReferenceIsThatDossier) {
    test::TempDir dir;
    auto s = on_grid(dir, "act-hlm-paca-2023.xml");
    std::ofstream(dir.file("d.csv")) << "reference;organisme;siret;finess;commune;places;budget_annuel;date_depot\n"
                                        "ACT-2023-01;Association Alpha;;;13055;5;;\nACT-2023-011;Association Bêta;;;13055;5;;\n";
    s->import_dossiers_file(dir.file("d.csv"), "Coord");
    test::Ran r = test::cli("journal show " + dir.file("c.cot") + " --dossier ' act-2023-01 '");
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("dossier/ACT-2023-01\t"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("ACT-2023-011"), std::string::npos) << r.out;
    EXPECT_NE(test::cli("journal show " + dir.file("c.cot") + " --dossier ACT-2023").code, 0);
}
