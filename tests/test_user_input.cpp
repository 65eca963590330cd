// Regression tests of the new-user trial's findings about users' input files
// and typed values (TRIAL.md #8, #9, #10, #11, #14, #23, #31): each failed before
// its fix.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>

#include "app/session.h"
#include "core/error.h"
#include "core/fact.h"
#include "core/french.h"
#include "io/imports.h"
#include "io/reference_data.h"
#include "io/text_encoding.h"
#include "report/batch.h"
#include "test_support.h"

using namespace cotation;
using cotation::test::act_grid;

namespace {
using test::message_of;
bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
const std::string kBase = "reference;organisme;siret;finess;commune;places;budget_annuel;date_depot";
}  // namespace

// ---- #8: « 127,000 » is 127 000 written the English way as often as 127 ----
TEST(UserInput, CommaThenThreeDigitsIsAmbiguous) {
    std::string why;
    EXPECT_FALSE(fr::parse_decimal("127,000", &why));
    EXPECT_TRUE(has(why, "virgule suivie de trois chiffres")) << why;
    EXPECT_TRUE(has(why, "(écrire 127\u00A0000 ou 127)")) << why;
    EXPECT_FALSE(fr::parse_decimal("12,600", &why));
    EXPECT_TRUE(has(why, "(écrire 12\u00A0600 ou 12,6)")) << why;
    EXPECT_FALSE(fr::parse_decimal("1,500 €"));
    EXPECT_FALSE(fr::parse_decimal("-1,500"));
    EXPECT_FALSE(fr::parse_number("12,600"));
    // Unambiguous forms still read (values by hand): grouped by spaces, zero
    // integer part, two or four decimals.
    EXPECT_EQ(*fr::parse_decimal("127 000,000"), Rational(127000));
    EXPECT_EQ(*fr::parse_decimal("0,125"), Rational(1, 8));
    EXPECT_EQ(*fr::parse_decimal("12,60"), Rational(63, 5));
    EXPECT_EQ(*fr::parse_decimal("1,2500"), Rational(5, 4));
}

TEST(UserInput, ImportRefusesCommaThousandsWithLineAndColumn) {
    // TRIAL #8: Y-01 « 127,000 » for 10 ACT places was stored as 127 €, under
    // the 10 × 12 600 € ceiling; Y-02 « 127000 » is the same amount written plainly.
    std::string msg = message_of([] {
        io::import_dossiers_csv(act_grid(), test::reference_data(), kBase + "\nY-01;Org;;;13055;10;127,000;20/04/2023\n"
                                                           "Y-02;Org;;;13055;10;127000;20/04/2023\n", "t.csv");
    });
    EXPECT_TRUE(has(msg, "t.csv, ligne 2, colonne 7 « budget_annuel »")) << msg;
    EXPECT_TRUE(has(msg, "virgule suivie de trois chiffres")) << msg;
    EXPECT_FALSE(has(msg, "ligne 3")) << msg;
}

// ---- #23: the same in `param`, and no label quoting another amount ----
TEST(UserInput, ParameterRefusesCommaThousands) {
    test::TempDir dir;
    NewCampaign nc;
    nc.reference = "P";
    auto s = Session::create(dir.file("p.cot"), test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml", nc, "Coord");
    std::string msg = message_of([&] { cotation::test::set_parameter(*s, "campagne.cout_place", "12,600", "Coord"); });
    EXPECT_TRUE(has(msg, "campagne.cout_place")) << msg;
    EXPECT_TRUE(has(msg, "virgule suivie de trois chiffres")) << msg;
    // Unchanged: the call's 12 600 € (Annexe 1, 1) B) of the ACT HLM cahier des charges).
    EXPECT_EQ(Session::open(dir.file("p.cot"))->parameters().number("campagne.cout_place"), Rational(12600));
}

TEST(UserInput, RuleTextsTakeAmountsFromTheirParameters) {
    // A rule label or message that writes a parameter's value in figures
    // contradicts the parameter once it is changed (TRIAL #23: « 12 600 € par
    // place » printed beside a computation at 12,60 €): it must cite
    // {campagne.…} in its message, and its label must not quote the figure.
    for (const char* file : {"act-hlm-paca-2023.xml", "crt-2022.xml", "uphv-17-2019.xml"}) {
        Grid g = io::read_grid_file(test::source_dir() + "/scoring-grids/" + file);
        for (const auto& rule : g.rules)
            for (const auto& p : g.parameters) {
                if (p.def.type != FactType::Amount || !has(rule.test_text, p.def.id)) continue;
                auto v = std::get_if<Rational>(&p.default_value);
                if (!v) continue;
                std::string figure = fr::amount(*v);
                EXPECT_FALSE(has(rule.label, figure)) << file << " " << rule.id << " : " << rule.label;
                EXPECT_FALSE(has(rule.message, figure)) << file << " " << rule.id << " : " << rule.message;
            }
    }
}

// ---- #9: a message never cuts a UTF-8 character ----
TEST(UserInput, UnexpectedCharacterShownWhole) {
    std::string why;
    EXPECT_FALSE(fr::parse_decimal("€126000", &why));
    EXPECT_EQ(why, "caractère « € » inattendu");
    std::string msg = message_of([] {
        io::import_dossiers_csv(act_grid(), test::reference_data(), kBase + "\nY-01;Org;;;13055;10;€126000;20/04/2023\n", "t.csv");
    });
    EXPECT_TRUE(has(msg, "caractère « € » inattendu")) << msg;
    EXPECT_TRUE(fr::valid_utf8(msg)) << msg;
}

// ---- #10: one encoding per file, never mojibake ----
TEST(UserInput, MixedEncodingsRefusedNamingALineOfEach) {
    std::string bytes = kBase + "\r\nZ-02;Société é;;;13055;10;126000;20/04/2023\r\n"
                                "Z-03;Soci\xe9t\xe9;;;13055;10;126000;20/04/2023\r\n";
    std::string msg = message_of([&] { io::decode_text(bytes, "mixed.csv"); });
    EXPECT_TRUE(has(msg, "mixed.csv")) << msg;
    EXPECT_TRUE(has(msg, "ligne 2 en UTF-8 (« é »)")) << msg;
    EXPECT_TRUE(has(msg, "ligne 3 en Windows-1252 (octet 0xE9)")) << msg;
    // A Windows-1252 file whose bytes happen to form a non-French UTF-8
    // sequence (« à », no-break space, « « » = E0 A0 AB) is still one file.
    auto d = io::decode_text("Soci\xe9t\xe9 \xe0\xa0\xab x \xbb\n", "cp.csv");
    EXPECT_EQ(d.utf8, "Société à\u00A0« x »\n");
    EXPECT_TRUE(has(d.notice, "Windows-1252"));
}

// ---- #11: implausible lengths refused with line and column ----
TEST(UserInput, OverlongTextsRefusedWithLineAndColumn) {
    std::string org200(200, 'A'), org201(201, 'A');
    auto ok = io::import_dossiers_csv(act_grid(), test::reference_data(), kBase + "\nZ-04;" + org200 + ";;;13055;10;;20/04/2023\n", "l.csv");
    EXPECT_EQ(ok.at(0).organisme, org200);
    std::string msg = message_of([&] {
        io::import_dossiers_csv(act_grid(), test::reference_data(), kBase + ";adresse\nZ-04;" + org201 + ";;;13055;10;;20/04/2023;" +
                                                       std::string(200000, 'B') + "\n", "l.csv");
    });
    EXPECT_TRUE(has(msg, "l.csv, ligne 2, colonne 2 « organisme » : texte de 201 caractères, au plus 200 admis")) << msg;
    EXPECT_TRUE(has(msg, "l.csv, ligne 2, colonne 9 « adresse » : texte de 200000 caractères, au plus 500 admis")) << msg;
    // Characters, not bytes: 200 « é » are 400 bytes and pass.
    std::string e200;
    for (int i = 0; i < 200; ++i) e200 += "é";
    EXPECT_NO_THROW(io::import_dossiers_csv(act_grid(), test::reference_data(), kBase + "\nZ-05;" + e200 + ";;;13055;10;;20/04/2023\n", "l.csv"));
    std::string ratings = message_of([] {
        io::import_ratings_csv(act_grid(), {{"Z-04", 1}}, "dossier;evaluateur;critere;note;justification\nZ-04;Jean;" +
                                                            act_grid().themes.front().criteria.front().id + ";3;" + std::string(4001, 'x') + "\n",
                               "n.csv");
    });
    EXPECT_TRUE(has(ratings, "n.csv, ligne 2, colonne 5 « justification » : texte de 4001 caractères")) << ratings;
}

// ---- #31: spreadsheet artefacts are empty, not errors ----
TEST(UserInput, LibreOfficeRowOfBareSeparatorsIsEmpty) {
    std::string lo = "\xef\xbb\xbf\"reference\";\"organisme\";\"siret\";\"finess\";\"commune\";\"places\";\"budget_annuel\";"
                     "\"date_depot\";\"departements_intervention\";\"coordonnateur_designe\";\"pieces_recues\"\n"
                     "\"L-01\";\"Org « un »\";\"\";\"\";\"13055\";\"10\";\"126 000,00 €\";\"20/04/2023\";\"13\";\"oui\";\"\"\n"
                     ";;;;;;;;;;\n\"\";\"\";\"\";\"\";\"\";\"\";\"\";\"\";\"\";\"\";\"\"\n";
    auto ds = io::import_dossiers_csv(act_grid(), test::reference_data(), io::decode_text(lo, "lo1.csv").utf8, "lo1.csv");
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(ds[0].organisme, "Org « un »");
}

TEST(UserInput, ExcelEmptyTrailingHeaderColumnsIgnored) {
    auto ds = io::import_dossiers_csv(act_grid(), test::reference_data(), kBase + ";pieces_recues;;;\r\nX-01;Org;;;13055;10;;20/04/2023;;;;\r\n"
                                                                 "X-02;Org;;;13055;10;;20/04/2023;;;  ;\r\n", "x.csv");
    EXPECT_EQ(ds.size(), 2u);
    // A value under a column with no name is not silently dropped.
    std::string msg = message_of([] {
        io::import_dossiers_csv(act_grid(), test::reference_data(), kBase + ";pieces_recues;;;\nX-01;Org;;;13055;10;;20/04/2023;;;oubli;\n", "x.csv");
    });
    EXPECT_TRUE(has(msg, "x.csv, ligne 2, colonne 11 : valeur « oubli » sous une colonne sans nom")) << msg;
    // Ratings too.
    auto rs = io::import_ratings_csv(act_grid(), {{"X-01", 1}},
                                     "dossier;evaluateur;critere;note;justification;;\nX-01;Jean;" +
                                         act_grid().themes.front().criteria.front().id + ";3;bien;;\n",
                                     "n.csv");
    EXPECT_EQ(rs.size(), 1u);
}

// ---- #14: leftovers of a killed run; system errors in words ----
TEST(UserInput, DocumentRunClearsItsOwnStaleTemporaries) {
    test::TempDir dir;
    std::ofstream(dir.file("K-0046-lettre.pdf.tmp")) << "%PDF-1.4 tronqué";
    std::ofstream(dir.file("K-0046-lettre.odt.tmp")) << "PK";
    std::ofstream(dir.file("autre.pdf.tmp")) << "pas à nous";
    report::DocumentJob job;
    job.dossier = "K-0046";
    job.document = "lettre";
    job.stem = dir.file("K-0046-lettre");
    job.write = [](const report::DocumentJob&) -> std::vector<std::string> { throw Error("échec voulu"); };
    auto batch = report::run_jobs({job});
    EXPECT_EQ(batch.failures.size(), 1u);
    EXPECT_FALSE(std::filesystem::exists(dir.file("K-0046-lettre.pdf.tmp")));
    EXPECT_FALSE(std::filesystem::exists(dir.file("K-0046-lettre.odt.tmp")));
    EXPECT_TRUE(std::filesystem::exists(dir.file("autre.pdf.tmp")));   // not this run's name
}

TEST(UserInput, FolderThatCannotBeMadeSaidInWords) {
    if (!std::filesystem::exists("/proc/self")) GTEST_SKIP() << "pas de /proc";
    std::string msg = message_of([] { report::make_folder("/proc/cotation-nope"); });
    EXPECT_TRUE(has(msg, "chemin introuvable")) << msg;
    EXPECT_FALSE(has(msg, "erreur du système")) << msg;
}

TEST(UserInput, CampaignOpenClearsKilledCreationLeftovers) {
    test::TempDir dir;
    NewCampaign nc;
    nc.reference = "K";
    Session::create(dir.file("kn.cot"), test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml", nc, "Coord");
    // What `demo kn.cot` killed by SIGKILL leaves; process 4000000 is not running.
    for (const char* suffix : {"", "-wal", "-shm"})
        std::ofstream(dir.file(std::string(".kn.cot.4000000.en-creation") + suffix)) << "x";
    Session::open(dir.file("kn.cot"));
    for (const char* suffix : {"", "-wal", "-shm"})
        EXPECT_FALSE(std::filesystem::exists(dir.file(std::string(".kn.cot.4000000.en-creation") + suffix))) << suffix;
}

TEST(UserInput, NewCampaignOntoAFolderSaysItIsAFolder) {
    test::TempDir dir;
    std::filesystem::create_directories(dir.file("ontodir"));
    NewCampaign nc;
    nc.reference = "O";
    std::string msg = message_of([&] {
        Session::create(dir.file("ontodir"), test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml", nc, "Coord");
    });
    EXPECT_TRUE(has(msg, "est un dossier")) << msg;
    EXPECT_FALSE(has(msg, "existe déjà")) << msg;
}
