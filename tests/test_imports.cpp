#include <gtest/gtest.h>

#include <algorithm>

#include "core/error.h"
#include "io/csv.h"
#include "io/imports.h"
#include "io/reference_data.h"
#include "io/xml_tree.h"
#include "test_support.h"

using namespace cotation;
using cotation::test::act_grid;

namespace {
const std::string kImportHeader = "reference;organisme;siret;finess;commune;places;budget_annuel;date_depot;effectifs.medecin\n";
// 41872300300012 and 130041007 carry valid keys (Luhn, checked by hand).
const std::string kGoodRow = "D1;Association « Essai » ;41872300300012;130041007;13203;10;126 000;28/04/2023;0,5\n";

std::string error_of(const std::string& csv) {
    try {
        io::import_dossiers_csv(act_grid(), test::reference_data(), csv, "dossiers.csv");
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST(Csv, QuotesSeparatorsAndLines) {
    auto recs = io::parse_csv("\xEF\xBB\xBF" "a;b\r\n\"x;y\";\"dit \"\"oui\"\"\nsur deux lignes\"\n\nz;w\n", "f.csv");
    ASSERT_EQ(recs.size(), 3u);
    EXPECT_EQ(recs[0].fields, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(recs[1].fields[0], "x;y");
    EXPECT_EQ(recs[1].fields[1], "dit \"oui\"\nsur deux lignes");
    EXPECT_EQ(recs[1].line, 2);
    EXPECT_EQ(recs[2].line, 5);
    EXPECT_THROW(io::parse_csv("a;\"b\n", "f.csv"), InputError);
}

TEST(ImportDossiers, ReadsFrenchNotation) {
    auto ds = io::import_dossiers_csv(act_grid(), test::reference_data(), kImportHeader + kGoodRow, "dossiers.csv");
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(ds[0].organisme, "Association « Essai »");
    EXPECT_EQ(std::get<Rational>(ds[0].facts.at("budget_annuel")), Rational(126000));
    EXPECT_EQ(std::get<Rational>(ds[0].facts.at("effectifs.medecin")), Rational(1, 2));
    EXPECT_EQ(std::get<Date>(ds[0].facts.at("date_depot")).iso(), "2023-04-28");
}

TEST(ImportDossiers, AbsentOrEmptyFactIsMissing) {
    auto ds = io::import_dossiers_csv(act_grid(), test::reference_data(),
        "reference;organisme;siret;finess;commune;places;budget_annuel;date_depot\nD1;Org;;;13203;;;28/04/2023\n", "d.csv");
    EXPECT_EQ(ds[0].facts.count("places"), 0u);
    EXPECT_EQ(ds[0].facts.count("effectifs.medecin"), 0u);
}

TEST(ImportDossiers, BadSiretNamesFileLineAndColumn) {
    std::string e = error_of(kImportHeader + kGoodRow + "D2;Org;41872300300013;;13203;10;1;28/04/2023;1\n");
    EXPECT_NE(e.find("dossiers.csv, ligne 3, colonne 3 « siret »"), std::string::npos) << e;
    EXPECT_NE(e.find("clé de contrôle"), std::string::npos) << e;
    EXPECT_NE(e.find("aucune ligne n'a été enregistrée"), std::string::npos) << e;
}

TEST(ImportDossiers, BadFinessCommuneAmountDate) {
    std::string e = error_of(kImportHeader + "D2;Org;;130041008;99999;dix;12 600,5,0;31/02/2023;1\n");
    EXPECT_NE(e.find("ligne 2, colonne 4 « finess »"), std::string::npos) << e;
    EXPECT_NE(e.find("ligne 2, colonne 5 « commune » : code commune INSEE « 99999 » inconnu"), std::string::npos) << e;
    EXPECT_NE(e.find("ligne 2, colonne 6 « places »"), std::string::npos) << e;
    EXPECT_NE(e.find("ligne 2, colonne 7 « budget_annuel »"), std::string::npos) << e;
    EXPECT_NE(e.find("ligne 2, colonne 8 « date_depot » : « 31/02/2023 » n'est pas une date"), std::string::npos) << e;
    EXPECT_NE(e.find("5 erreurs"), std::string::npos) << e;
}

TEST(ImportDossiers, OutOfRangeFact) {
    std::string e = error_of(kImportHeader + "D2;Org;;;13203;10;1;28/04/2023;-1\n");
    EXPECT_NE(e.find("colonne 9 « effectifs.medecin » : la valeur −1 est inférieure au minimum 0"), std::string::npos) << e;
}

TEST(ImportDossiers, DuplicateReferenceInFile) {
    std::string e = error_of(kImportHeader + kGoodRow + kGoodRow);
    EXPECT_NE(e.find("ligne 3, colonne 1 « reference » : le dossier « D1 » figure deux fois"), std::string::npos) << e;
}

TEST(ImportDossiers, UnknownColumnAndWrongOrder) {
    std::string e = error_of("reference;organisme;siret;finess;commune;places;budget_annuel;date_depot;effectifs.medcin\n");
    EXPECT_NE(e.find("ligne 1, colonne 9 « effectifs.medcin » : colonne inconnue"), std::string::npos) << e;
    e = error_of("reference;organisme;siret;finess;commune;places;budget_annuel;date_depot;effectifs.total\n");
    EXPECT_NE(e.find("colonne 9 « effectifs.total » : total calculé"), std::string::npos) << e;
    e = error_of("organisme;reference\n");
    EXPECT_NE(e.find("« reference » attendue"), std::string::npos) << e;
}

TEST(ImportDossiers, WrongColumnCount) {
    std::string e = error_of(kImportHeader + "D1;Org;;\n");
    EXPECT_NE(e.find("ligne 2 : 4 colonnes au lieu de 9"), std::string::npos) << e;
    // One cell alone (trial 13f F6 printed « 1 colonnes »): the count agreed.
    e = error_of(kImportHeader + "aaaa\n");
    EXPECT_NE(e.find("ligne 2 : 1 colonne au lieu de 9"), std::string::npos) << e;
}

// Trial 13f F6: a one-line CSV of 600 Mo was read whole, decoded and split
// (2,9 Go) before « 1 colonnes au lieu de 18 ». A line past 1 Mio is refused
// while reading, naming the file and the line.
TEST(ImportDossiers, OverlongLineRefusedWhileReading) {
    test::TempDir dir;
    const std::string path = dir.file("long.csv");
    // Line 1 the header; lines 2 and 3 ended by a CR alone, then CR LF; line 4 one byte past the bound.
    test::spit(path, kImportHeader + kGoodRow.substr(0, kGoodRow.size() - 1) + "\r" + "x\r\n" +
                         std::string(io::kMaxCsvLineBytes + 1, 'a'));
    const std::string m = test::message_of([&] { io::read_csv_file(path); });
    EXPECT_EQ(m, "« " + path + " », ligne 4 : plus de 1 Mo sans fin de ligne ; une ligne d'un tableau de Cotation "
                 "(dossiers, notes, offre…) en compte quelques milliers de caractères. Rien n'a été lu.");
    // Exactly at the bound it is read (the column count says the rest).
    test::spit(path, kImportHeader + std::string(io::kMaxCsvLineBytes, 'a') + "\n");
    EXPECT_EQ(io::read_csv_file(path).size(), kImportHeader.size() + io::kMaxCsvLineBytes + 1);
    // A grid or a FINESS extraction is read without this bound.
    test::spit(path, std::string(io::kMaxCsvLineBytes + 1, 'a'));
    EXPECT_EQ(io::read_file(path).size(), io::kMaxCsvLineBytes + 1);
}

TEST(ImportRatings, ValidatesEachColumn) {
    std::map<std::string, std::int64_t> ids{{"D1", 1}};
    std::string csv =
        "dossier;evaluateur;critere;note;justification\n"
        "D1;Claire;I.1;4;Solide.\n"
        "D9;Claire;I.1;4;x\n"
        "D1;Claire;I.9;4;x\n"
        "D1;Claire;I.2;6;x\n"
        "D1;Claire;II.1;3,5;x\n";
    try {
        io::import_ratings_csv(act_grid(), ids, csv, "notes.csv");
        FAIL();
    } catch (const InputError& e) {
        std::string m = e.what();
        EXPECT_NE(m.find("notes.csv, ligne 3, colonne 1 « dossier » : dossier « D9 » inconnu"), std::string::npos) << m;
        EXPECT_NE(m.find("ligne 4, colonne 3 « critere » : critère « I.9 » inconnu"), std::string::npos) << m;
        EXPECT_NE(m.find("ligne 5, colonne 4 « note » : note « 6 » hors de l'échelle"), std::string::npos) << m;
        EXPECT_NE(m.find("ligne 6, colonne 4 « note » : note « 3,5 »"), std::string::npos) << m;
    }
    auto ok = io::import_ratings_csv(act_grid(), ids, "dossier;evaluateur;critere;note;justification\nD1;Claire;I.1;4;Solide.\n", "n.csv");
    ASSERT_EQ(ok.size(), 1u);
    EXPECT_EQ(ok[0].value, 4);
}

// A user's trial: « trois » was called « hors de l'échelle »; it is no number.
TEST(ImportRatings, WordIsNotANumber) {
    std::map<std::string, std::int64_t> ids{{"D1", 1}};
    try {
        io::import_ratings_csv(act_grid(), ids, "dossier;evaluateur;critere;note;justification\nD1;Claire;I.1;trois;x\n", "n.csv");
        FAIL();
    } catch (const InputError& e) {
        std::string m = e.what();
        EXPECT_NE(m.find("ligne 2, colonne 4 « note » : note « trois » : ce n'est pas un nombre"), std::string::npos) << m;
        EXPECT_EQ(m.find("hors de l'échelle"), std::string::npos) << m;
    }
}

TEST(ImportDossiers, TerritoryAcceptsCommunesAndExpandsEpci) {
    Grid crt = io::read_grid_file(test::source_dir() + "/scoring-grids/crt-2022.xml");
    Value v;
    // 200071827 is the CA du Grand Angoulême (data/epci.tsv), 16015 Angoulême one of its members.
    EXPECT_EQ(io::validate_field(crt, test::reference_data(), "territoire_intervention", "200071827 16102", &v), "");
    const auto& communes = std::get<std::vector<std::string>>(v);
    EXPECT_EQ(communes.size(), test::reference_data().epci("200071827")->communes.size() + 1);
    EXPECT_TRUE(std::find(communes.begin(), communes.end(), "16015") != communes.end());
    EXPECT_TRUE(std::is_sorted(communes.begin(), communes.end()));
    EXPECT_NE(io::validate_field(crt, test::reference_data(), "territoire_intervention", "16015 999999999", &v).find("« 999999999 » n'est ni"),
              std::string::npos);
    EXPECT_NE(display(*crt.fact("territoire_intervention"), Value{std::vector<std::string>{"16015", "16102", "17300"}})
                  .find("3 communes (16, 17)"), std::string::npos);
}

// A file saved with commas (the default of many spreadsheets) gave one error
// per column and per line, and no word of the separator: now one message.
TEST(ImportDossiers, CommaOrTabSeparatedHeaderSaysSemicolonIsExpected) {
    std::string commas = kImportHeader + kGoodRow;
    std::replace(commas.begin(), commas.end(), ';', ',');
    std::string e = error_of(commas);
    EXPECT_EQ(e.rfind("dossiers.csv, ligne 1 : séparateur attendu : point-virgule (;) ; l'en-tête « reference,organisme,", 0), 0u) << e;
    EXPECT_NE(e.find("séparé par des virgules"), std::string::npos) << e;
    EXPECT_EQ(std::count(e.begin(), e.end(), '\n'), 0) << "un seul message : " << e;

    std::string tabs = kImportHeader;
    std::replace(tabs.begin(), tabs.end(), ';', '\t');
    e = error_of(tabs);
    EXPECT_NE(e.find("dossiers.csv, ligne 1 : séparateur attendu : point-virgule (;)"), std::string::npos) << e;
    EXPECT_NE(e.find("séparé par des tabulations"), std::string::npos) << e;

    // The ratings file too; a blank first line does not hide the header's line.
    std::map<std::string, std::int64_t> ids{{"D1", 1}};
    try {
        io::import_ratings_csv(act_grid(), ids, "\ndossier,evaluateur,critere,note,justification\nD1,Claire,I.1,4,Solide.\n", "notes.csv");
        ADD_FAILURE() << "fichier à virgules accepté";
    } catch (const InputError& x) {
        EXPECT_EQ(std::string(x.what()).rfind("notes.csv, ligne 2 : séparateur attendu : point-virgule (;)", 0), 0u) << x.what();
    }
    // A semicolon file whose values hold commas is not confused with one.
    EXPECT_NO_THROW(io::parse_csv("a;b\n1,5;2,5\n", "f.csv"));
}

// « Société » saved in Windows-1252 (a French Excel's legacy CSV): the é is
// the single byte 0xE9, not UTF-8; refused with its line, nothing read.
TEST(Csv, NotUtf8IsRefusedWithItsLine) {
    try {
        io::parse_csv("a;b\nx;y\nSoci\xE9t\xE9;z\n", "d.csv");
        ADD_FAILURE() << "fichier Windows-1252 accepté";
    } catch (const InputError& x) {
        EXPECT_EQ(std::string(x.what()).rfind("d.csv, ligne 3 : le fichier n'est pas en UTF-8 (octet 0xE9", 0), 0u) << x.what();
    }
    EXPECT_NO_THROW(io::parse_csv("a;b\nSociété « € » ’;z\n", "d.csv"));
}

// Trial 1011C F7: « 13 99 75 » in departements_intervention was imported;
// only the conformity check said « 99 » later. The ACT HLM form declares the
// fact reference="departements": a code that is not a département of the
// reference data (data/, COG: 01 … 95, 2A, 2B, 971 … 976; 99 is none) is
// refused at import with its file, line and column, and nothing is stored.
TEST(ImportDossiers, InterventionDepartementsCheckedAgainstTheReferenceData) {
    const std::string header =
        "reference;organisme;siret;finess;commune;places;budget_annuel;date_depot;departements_intervention\n";
    auto row = [](const std::string& ref, const std::string& deps) {
        return ref + ";Org;;;13203;10;126 000;28/04/2023;" + deps + "\n";
    };
    EXPECT_EQ(error_of(header + row("D1", "13 84 2A")), "");
    const std::string e = error_of(header + row("D1", "13 84") + row("D2", "13 99 75"));
    EXPECT_NE(e.find("dossiers.csv, ligne 3, colonne 9 « departements_intervention »"), std::string::npos) << e;
    EXPECT_NE(e.find("« 99 » n'est pas un code de département du référentiel (01, 2A, 971…)"), std::string::npos) << e;
    EXPECT_NE(e.find("aucune ligne n'a été enregistrée"), std::string::npos) << e;
    const std::string two = error_of(header + row("D1", "99 20"));
    EXPECT_NE(two.find("« 99 » et « 20 » ne sont pas des codes de département du référentiel"), std::string::npos) << two;
}
