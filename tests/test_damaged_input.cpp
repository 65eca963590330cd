// Damaged or ambiguous inputs refused before anything is written (trial 13):
// a campaign file whose pages were overwritten (F25), a CSV header naming a
// column twice (F14).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/session.h"
#include "core/error.h"
#include "io/csv.h"
#include "test_support.h"

using namespace cotation;

namespace {
// Overwrites 1 KiB in the middle of the file, as a copy cut short or a failing
// share would (the trial's gesture): PRAGMA quick_check then fails.
void damage(const std::string& path) {
    auto size = std::filesystem::file_size(path);
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(size / 2));
    for (int i = 0; i < 256; ++i) f.write("\xde\xad\xbe\xef", 4);
}
void expect_damaged(const test::Ran& r, const std::string& file) {
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("La campagne « " + file + " » est endommagée"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Reprenez sa dernière sauvegarde"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("malformed"), std::string::npos) << r.out;   // no SQLite English
    EXPECT_EQ(r.out.find("database"), std::string::npos) << r.out;
}
}  // namespace

TEST(DamagedCampaign, EveryWritingAndDocumentCommandRefusesBeforeWriting) {
    test::TempDir dir;
    const std::string f = dir.file("cor.cot");
    ASSERT_EQ(test::cli("demo " + f + " --appel act-hlm").code, 0);
    damage(f);
    const std::string before = test::slurp(f);
    // Writing commands: refused, the file byte for byte as it was.
    expect_damaged(test::cli("param " + f + " campagne.places=70"), f);
    expect_damaged(test::cli("decide " + f + " --dossier ACT-2023-05 --decision non-retenu --motif x"), f);
    EXPECT_EQ(test::slurp(f), before);
    // Document commands: refused, nothing written.
    expect_damaged(test::cli("pv " + f + " --out " + dir.file("pv.pdf")), f);
    expect_damaged(test::cli("commission " + f + " --out " + dir.file("c.pdf")), f);
    expect_damaged(test::cli("letters " + f + " --out " + dir.file("l")), f);
    expect_damaged(test::cli("documents " + f + " --out " + dir.file("d")), f);
    EXPECT_FALSE(std::filesystem::exists(dir.file("pv.pdf")));
    EXPECT_FALSE(std::filesystem::exists(dir.file("c.pdf")));
    EXPECT_FALSE(std::filesystem::exists(dir.file("l")) && !std::filesystem::is_empty(dir.file("l")));
    EXPECT_FALSE(std::filesystem::exists(dir.file("d")) && !std::filesystem::is_empty(dir.file("d")));
    EXPECT_EQ(test::slurp(f), before);
    // journal verify says it in the same words.
    expect_damaged(test::cli("journal verify " + f), f);
}

// Trial 13 F14: a header naming « reference » in column 1 and again in
// column 19 took the second cell without a word.
TEST(CsvHeader, AColumnNamedTwiceIsRefusedWithBothPlaces) {
    try {
        io::parse_csv("reference;organisme;Référence\nA;B;C\n", "d.csv");
        FAIL() << "accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()),
                  "d.csv, ligne 1, colonne 3 « Référence » : colonne déjà présente en colonne 1 ; gardez-en une seule "
                  "(rien n'a été importé).");
    }
    // Distinct names, and unnamed trailing columns, are not duplicates.
    EXPECT_EQ(io::parse_csv("reference;organisme;;\nA;B;;\n", "d.csv").size(), 2u);
}

TEST(CsvHeader, DossierImportWithADuplicatedColumnImportsNothing) {
    test::TempDir dir;
    const std::string f = dir.file("t.cot");
    ASSERT_EQ(test::cli("new " + f + " --grid " + test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml").code, 0);
    const auto& e = test::eligible_dossier("act-hlm-paca-2023");
    // The call's full header (18 columns for ACT HLM), then « reference » again.
    const std::string header = test::kDossierColumns + e.columns + ";reference";
    test::spit(dir.file("dup.csv"), header + "\nACT-2023-31;Association Test\n");
    test::Ran r = test::cli("import " + f + " " + dir.file("dup.csv"));
    EXPECT_EQ(r.code, 1) << r.out;
    // 12 common columns + 10 of the call: the second « reference » is column 23 (counted by hand).
    EXPECT_NE(r.out.find("dup.csv, ligne 1, colonne 23 « reference » : colonne déjà présente en colonne 1"), std::string::npos)
        << r.out;
    EXPECT_TRUE(Session::open_read_only(f)->dossiers().empty());
}

// Trial 13 F19: a named pipe given as the campaign said « Operation not supported ».
TEST(DamagedCampaign, ANamedPipeIsRefusedInFrench) {
    test::TempDir dir;
    const std::string f = dir.file("fifo.cot");
    ASSERT_EQ(test::shell("mkfifo " + f).code, 0);
    test::Ran r = test::cli("rank " + f);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("« " + f + " » n'est pas un fichier ordinaire (tube nommé, périphérique ou prise)"), std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("Operation not supported"), std::string::npos) << r.out;
}

// Trial 13 F19: a campaign cut short (a copy interrupted on a share) was « not
// a campaign file » and left « -wal » and « -shm » files beside it.
TEST(DamagedCampaign, ACampaignCutShortIsSaidDamagedAndLeavesNothingBeside) {
    test::TempDir dir;
    const std::string f = dir.file("copie.cot");
    ASSERT_EQ(test::cli("demo " + f + " --appel act-hlm").code, 0);
    std::filesystem::resize_file(f, 50000);
    for (const std::string& command : {"rank ", "param "}) {
        test::Ran r = test::cli(command + f + (command == "param " ? " campagne.places=70" : ""));
        EXPECT_EQ(r.code, 1) << r.out;
        EXPECT_NE(r.out.find("une campagne endommagée (copie interrompue ?)"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("reprenez sa dernière sauvegarde"), std::string::npos) << r.out;
        EXPECT_FALSE(std::filesystem::exists(f + "-wal")) << command;
        EXPECT_FALSE(std::filesystem::exists(f + "-shm")) << command;
    }
}
