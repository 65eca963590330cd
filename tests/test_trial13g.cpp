// Regressions of the attacker trial 13g (issue 13): invisible characters the
// rule of names missed (G2), control characters printed raw (G3), a 900 Mo
// input read whole before its refusal (G4), reading commands that could not
// open a campaign on a full disk (G5), a campaign of mode 444 written by root
// (G6), paths shown with « // » (G7). In the process, but for one `cotation`
// run (G3: only the command line guards the terminal) and the full disk (G5,
// in test_journal_forgery.cpp, which already makes one).
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <sstream>

#include "app/session.h"
#include "core/dossier.h"
#include "core/error.h"
#include "core/french.h"
#include "core/invisible.h"
#include "core/people.h"
#include "io/imports.h"
#include "io/terminal_output.h"
#include "io/xml_tree.h"
#include "store/open_store.h"
#include "test_support.h"

using namespace cotation;

namespace {

// The code points the trial typed inside names (G2), each as UTF-8.
const std::vector<std::pair<std::string, std::string>>& trial_invisibles() {
    static const std::vector<std::pair<std::string, std::string>> list{
        {"\u034F", "U+034F"},  {"\u115F", "U+115F"},  {"\u1160", "U+1160"},         {"\u3164", "U+3164"},
        {"\uFFA0", "U+FFA0"},  {"\u17B4", "U+17B4"},  {"\u17B5", "U+17B5"},         {"\U0001D173", "U+1D173"},
        {"\U0001D17A", "U+1D17A"}, {"\u2028", "U+2028"}, {"\u2029", "U+2029"},      {"\u180E", "U+180E"},
        {"\u2060", "U+2060"},  {"\u2065", "U+2065"},  {"\u206F", "U+206F"},         {"\uFE00", "U+FE00"},
        {"\uFE0F", "U+FE0F"},  {"\U000E0000", "U+E0000"}, {"\U000E0041", "U+E0041"}, {"\u00AD", "U+00AD"}};
    return list;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

// ---- G2: the whole set of invisible characters, one rule ----

TEST(Trial13gInvisible, EveryDefaultIgnorableAndSeparatorIsRefusedInANameAndAText) {
    for (const auto& [cp, code] : trial_invisibles()) {
        const std::string name = "Marie" + cp + " Dupont";
        EXPECT_EQ(invisible_character(name), code) << code;
        EXPECT_TRUE(has(name_refusal(name, "Le nom"), "Le nom contient un caractère de contrôle ou invisible (" + code))
            << code;
        EXPECT_TRUE(has(text_refusal("Projet" + cp + " solide", "Le motif"), "(" + code)) << code;
        EXPECT_FALSE(fr::given(cp)) << code;   // alone, nothing a reader sees
        EXPECT_TRUE(has(fr::quote(name), "<" + code + ">")) << fr::quote(name);
    }
    // What stays a name or a text.
    EXPECT_EQ(name_refusal("Hélène Ça-Œuvre d'Ébène", "Le nom"), "");
    EXPECT_EQ(name_refusal("Association\u00A0Alpha", "Le nom"), "");   // a no-break space is a space
    EXPECT_EQ(text_refusal("Deux lignes\nde motif", "Le motif"), "");   // a line break is a text's own…
    EXPECT_NE(text_refusal("Deux lignes\u2028de motif", "Le motif"), "");   // … not the Unicode line separator
    // A variation selector after an emoji is part of it; after a letter, alone, it is not.
    EXPECT_EQ(text_refusal("Bravo \u2764\uFE0F", "Le motif"), "");
    EXPECT_EQ(invisible_character("e\uFE0F"), "U+FE0F");
    EXPECT_EQ(invisible_character("\uFE0F"), "U+FE0F");
    EXPECT_EQ(fr::first_invisible("1\uFE0F"), "U+FE0F");   // an ASCII « emoji » (digit) looks like itself
}

TEST(Trial13gInvisible, ALookAlikeReviewerInTheRatingsFileIsRefusedWithItsLineAndColumn) {
    const std::map<std::string, std::int64_t> ids{{"D1", 1}};
    const std::string header = "dossier;evaluateur;critere;note;justification\n";
    // « Marie Dupont » and « Marie<U+034F> Dupont »: one reviewer to the eye, two to a count.
    const std::string m = test::message_of([&] {
        io::import_ratings_csv(test::act_grid(), ids,
                               header + "D1;Marie Dupont;I.1;4;Solide.\nD1;Marie\u034F Dupont;I.2;4;Solide.\n", "notes.csv");
    });
    EXPECT_TRUE(has(m, "notes.csv, ligne 3, colonne 2")) << m;
    EXPECT_TRUE(has(m, "U+034F")) << m;
    // A Hangul filler as the whole name, at the rule of names of the reader itself too.
    const std::string f = test::message_of([&] {
        io::import_ratings_csv(test::act_grid(), ids, header + "D1;Paul\u3164Roy;I.1;4;Solide.\n", "notes.csv");
    });
    EXPECT_TRUE(has(f, "ligne 2, colonne 2")) << f;
    EXPECT_TRUE(has(f, "U+3164")) << f;
}

TEST(Trial13gInvisible, EveryInputPathOfANameRefusesThem) {
    test::TempDir dir;
    auto s = test::two_organisations_campaign(dir);
    // The dossiers' file: a dossier « P<U+115F> » beside P, named with its line and column.
    test::spit(dir.file("d.csv"), "reference;organisme;siret;finess;commune;places;budget_annuel;date_depot\n"
                                  "P\u115F;Association Alpha;;;16015;;;\n");
    const std::string imp = test::message_of([&] { s->import_dossiers_file(dir.file("d.csv"), "test"); });
    EXPECT_TRUE(has(imp, "d.csv, ligne 2, colonne 1 « reference »")) << imp;
    EXPECT_TRUE(has(imp, "U+115F")) << imp;
    EXPECT_FALSE(s->find("P\u115F"));
    // A dossier typed in a form (the workbench, `dossier` commands).
    Dossier d;
    d.reference = "R-1";
    d.organisme = "Association\u1160 Alpha";
    d.commune = "16015";
    const std::string add = test::message_of([&] { s->add_dossier(d, "test"); });
    EXPECT_TRUE(has(add, "Nouveau dossier : l'organisme contient un caractère de contrôle ou invisible (U+1160")) << add;
    EXPECT_FALSE(s->find("R-1"));
    // A person of the team and their organisation.
    const std::string person = test::message_of([&] { s->add_person({"Paul\u17B4 Roy", Role::Instructor, "ARS"}, "test"); });
    EXPECT_TRUE(has(person, "U+17B4")) << person;
    const std::string org =
        test::message_of([&] { s->add_person({"Paul Roy", Role::Instructor, "ARS\U0001D175"}, "test"); });
    EXPECT_TRUE(has(org, "U+1D175")) << org;
    // A reviewer named in a rating typed by hand.
    const std::string rated =
        test::message_of([&] { s->put_rating({test::id_of(*s, "P"), "Rev\u2029", "A.1", 3, "Solide."}, "Rev\u2029"); });
    EXPECT_TRUE(has(rated, "U+2029")) << rated;
    // The texts of `param` (a parameter's text) and `autorite`.
    EXPECT_TRUE(has(parameter_text_refusal("campagne.tribunal", Value{std::string("TA de Nice\u180E")}), "U+180E"));
    Authority a;
    a.name = "ARS\U000E0020 Nouvelle-Aquitaine";
    EXPECT_TRUE(has(authority_refusal(a), "U+E0020"));
    EXPECT_TRUE(has(campaign_texts_refusal("AAC\u3164", "Appel"), "U+3164"));
}

// Left by rel11: the look-alike spaces (U+2000–U+200A, U+3000, U+205F,
// U+1680) are visible spacing, kept in what is shown, but a name compares as
// if they were the space they look like: « Paul<U+2002>Roy » is Paul Roy.
TEST(Trial13gInvisible, ALookAlikeSpaceIsASpaceWhereNamesCompare) {
    for (const char* space : {"\u2000", "\u2002", "\u2003", "\u2009", "\u200A", "\u3000", "\u205F", "\u1680"}) {
        const std::string name = std::string("Paul") + space + "Roy";
        EXPECT_EQ(fr::name_key(name), fr::name_key("Paul Roy")) << name;
        EXPECT_EQ(person_key(name), person_key("paul roy")) << name;
        EXPECT_EQ(fr::collapse_spaces(std::string(space) + "Marie" + space + space + "DUPONT" + space), "Marie DUPONT");
        EXPECT_EQ(fr::trim(std::string(space) + "x" + space), "x");
    }
    // Not a space: the zero-width space is refused as invisible, never folded (G2).
    EXPECT_NE(fr::name_key("Paul\u200BRoy"), fr::name_key("Paul Roy"));
    test::TempDir dir;
    auto s = test::two_organisations_campaign(dir);
    s->add_person({"Nadia Roussel", Role::Coordinator, "ARS", true, Session::os_login()}, "Nadia Roussel");
    s->add_person({"Paul Roy", Role::Instructor, "ARS"}, "Nadia Roussel");
    const std::string again =
        test::message_of([&] { s->add_person({"Paul\u2002Roy", Role::Instructor, "ARS"}, "Nadia Roussel"); });
    EXPECT_TRUE(has(again, "fait déjà partie de l'équipe sous le nom « Paul Roy »")) << again;
    EXPECT_EQ(s->team().people.size(), 2u);
}

// ---- G3: control characters quoted, never printed raw ----

TEST(Trial13gTerminal, ControlCharactersAreEscapedInEverythingPrinted) {
    EXPECT_EQ(fr::terminal_safe("a\x1B[2J\x07" "é\u202Eb\xC2\x9B" "c\td\ne\r"),
              "a\\x1B[2J\\x07é<U+202E>b\\x9Bc\td\ne\\x0D");
    EXPECT_EQ(fr::terminal_safe("\xFF"), "\\xFF");   // not UTF-8: a byte a terminal could take for C1
    // Through the streams' buffer, a character cut between two writes is kept whole.
    std::ostringstream target;
    {
        io::TerminalSafeBuffer buffer(target.rdbuf());
        std::ostream out(&buffer);
        out << "fichier \x1B]0;titre\x07 : \xC3" << std::flush << "\xA9t\xC3\xA9\n";
        EXPECT_EQ(target.str(), "fichier \\x1B]0;titre\\x07 : été\n");
    }
    // A message quoting a file name: escaped by the quote itself…
    const std::string m = test::message_of<InputError>([] { io::read_file("/nonexistent/\x1B[31mrouge.csv"); });
    EXPECT_FALSE(has(m, "\x1B")) << m;
    EXPECT_TRUE(has(m, "« /nonexistent/\\x1B[31mrouge.csv »")) << m;
    // … and by the command line, whatever the message: nothing raw reaches the terminal.
    test::TempDir dir;
    const test::Ran r = test::cli("rank '" + dir.file("\x1B[2J\x07x.cot") + "'");
    EXPECT_NE(r.code, 0);
    EXPECT_FALSE(has(r.out, "\x1B")) << r.out;
    EXPECT_FALSE(has(r.out, "\x07")) << r.out;
    EXPECT_TRUE(has(r.out, "\\x1B[2J\\x07x.cot")) << r.out;
}

// ---- G4: an input's size bounded before it is read ----

TEST(Trial13gInputSize, AFileLargerThanItsKindIsRefusedBeforeAByteIsRead) {
    test::TempDir dir;
    // 900 Mio of holes: nothing written, nothing read if the bound holds (the trial's file took 47 s and 2,66 Go).
    const std::string big = dir.file("gros.csv");
    { std::FILE* f = std::fopen(big.c_str(), "w"); ASSERT_NE(f, nullptr); std::fclose(f); }
    std::filesystem::resize_file(big, std::uintmax_t{900} << 20);
    const auto start = std::chrono::steady_clock::now();
    const std::string m = test::message_of<InputError>([&] { io::read_csv_file(big); });
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(m, "« " + big + " » fait 900 Mo ; un tableau (dossiers, notes, offre, zones) en fait au plus 64 Mo : ce "
                 "n'est pas le fichier attendu (ou il faut le découper). Rien n'a été lu.");
    EXPECT_LT(seconds, 5.0);   // reading 900 Mio would take far longer
    // Each kind its bound: 64 Mio for a table, 16 Mio for a grid, 512 Mio for a FINESS extraction (hand-set, xml_tree.h).
    EXPECT_EQ(io::input_size_refusal("t.csv", std::uintmax_t{64} << 20, io::kTableFile), "");
    EXPECT_NE(io::input_size_refusal("t.csv", (std::uintmax_t{64} << 20) + 1, io::kTableFile), "");
    EXPECT_TRUE(has(io::input_size_refusal("g.xml", std::uintmax_t{17} << 20, io::kXmlFile),
                    "« g.xml » fait 17 Mo ; une grille, un formulaire ou une procédure en fait au plus 16 Mo"));
    EXPECT_EQ(io::input_size_refusal("finess.csv", std::uintmax_t{120} << 20, io::kFinessFile), "");
    EXPECT_TRUE(has(io::input_size_refusal("t.csv", (std::uintmax_t{64} << 20) + (std::uintmax_t{1} << 19), io::kTableFile),
                    "fait 64,5 Mo"));
}

// ---- G6: a campaign protected by its mode bits is not written, even by root ----

TEST(Trial13gProtectedFile, ACampaignOfMode444IsRefusedForWritingWhoeverRuns) {
    test::TempDir dir;
    { auto s = test::two_organisations_campaign(dir); }
    const std::string file = dir.file("c.cot");
    const std::string before = test::slurp(file);
    ASSERT_EQ(::chmod(file.c_str(), 0444), 0);
    const std::string m = test::message_of([&] { Session::open(file); });
    EXPECT_TRUE(has(m, "La campagne « " + file + " » ne peut pas être modifiée : ")) << m;
    if (::geteuid() == 0)   // root passes access(2): the mode bits say it (not the account's rights)
        EXPECT_TRUE(has(m, "le fichier est protégé en écriture (droits r--r--r--, 444")) << m;
    EXPECT_EQ(test::slurp(file), before);
    // Reading stays possible.
    auto r = Session::open_read_only(file);
    EXPECT_EQ(r->dossiers().size(), 2u);
    ::chmod(file.c_str(), 0644);
}

// ---- G5: a folder where no working file can be made, read all the same ----

TEST(Trial13gReadOnlyFolder, AReadingCommandOpensACampaignWhoseFolderRefusesFiles) {
    test::TempDir dir;
    const std::string sub = dir.file("archive");
    std::filesystem::create_directories(sub);
    { auto s = test::small_campaign(dir, {{"A.1", "1"}}, {"P;Association Alpha"}); }
    std::filesystem::rename(dir.file("c.cot"), sub + "/c.cot");
    ASSERT_EQ(::chmod(sub.c_str(), 0555), 0);
    // Root could write there: by the mode bits, the folder still refuses working files (trial 13g G6).
    auto r = Session::open_read_only(sub + "/c.cot");
    EXPECT_EQ(r->dossiers().size(), 1u);
    EXPECT_FALSE(std::filesystem::exists(sub + "/c.cot-shm"));
    EXPECT_FALSE(std::filesystem::exists(sub + "/c.cot-wal"));
    const std::string m = test::message_of([&] { Session::open(sub + "/c.cot"); });
    EXPECT_TRUE(has(m, "ne peut pas être modifiée")) << m;
    ::chmod(sub.c_str(), 0755);
}

// ---- G7: paths shown as one, never « // » ----

TEST(Trial13gPaths, APathShownIsLexicallyNormal) {
    EXPECT_EQ(fr::quote_path("full/l//lettres/./ACT.pdf"), "« full/l/lettres/ACT.pdf »");
    EXPECT_EQ(fr::shown_path("a//b.csv"), "a/b.csv");
    EXPECT_EQ(fr::quote_path("postgresql://hote/base"), "« postgresql://hote/base »");   // an address is not a path
    const std::string longest(300, 'x');
    EXPECT_FALSE(has(fr::quote_path("/tmp/" + longest), "…"));   // never cut
    const std::string m = test::message_of<InputError>([] { io::read_file("/nonexistent//dossier/./d.csv"); });
    EXPECT_TRUE(has(m, "« /nonexistent/dossier/d.csv »")) << m;
    const std::string csv = test::message_of([] {
        io::import_ratings_csv(test::act_grid(), {{"D1", 1}}, "dossier;evaluateur;critere;note;justification\nD9;A;I.1;4;x\n",
                               "notes//n.csv");
    });
    EXPECT_TRUE(has(csv, "notes/n.csv, ligne 2")) << csv;
}
