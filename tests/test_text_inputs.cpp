// Text files as users' tools write them (trial 13 F26, F29, F30): a letter
// template saved in Windows-1252, a CSV with Macintosh line ends or in UTF-16
// without a BOM, one SIRET/FINESS for several organisations.
#include <gtest/gtest.h>

#include "core/conflict_ratings.h"
#include "core/error.h"
#include "io/csv.h"
#include "io/text_encoding.h"
#include "report/template.h"
#include "test_support.h"

using namespace cotation;

TEST(TextInputs, ATemplateNotInUtf8IsRefusedWithLineColumnAndByte) {
    // The trial's gesture: the « O » of « Objet » replaced by « é » in Windows-1252, byte 0xE9 alone at line 2, column 1.
    try {
        report::utf8_template("Madame, Monsieur,\n\xe9" "bjet : votre dossier\n", "lettre-non-retenu.txt");
        FAIL() << "accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()),
                  "Modèle « lettre-non-retenu.txt », ligne 2, colonne 1 : octet 0xE9 : le fichier n'est pas en UTF-8 "
                  "(Windows-1252 probable, « ANSI » du Bloc-notes) ; enregistrez-le en UTF-8.");
    }
    // Columns count characters: « É » (2 bytes) then 0xE9 is column 2.
    try {
        report::utf8_template("\xc3\x89\xe9", "t.txt");
        FAIL() << "accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("ligne 1, colonne 2 : octet 0xE9"), std::string::npos) << e.what();
    }
    test::TempDir dir;
    test::spit(dir.file("lettre.txt"), "Objet\n\xe9");
    report::TemplateSet set(dir.path.string(), "");
    EXPECT_THROW(set.load("lettre"), InputError);
    EXPECT_EQ(report::utf8_template("Élise « ok »", "t.txt"), "Élise « ok »");
}

TEST(TextInputs, MacintoshLineEndsAreReadAsLineEndsAndSaid) {
    auto t = io::decode_text("reference;organisme\rA;Santé\rB;Bêta\r", "mac.csv");
    EXPECT_EQ(t.utf8, "reference;organisme\nA;Santé\nB;Bêta\n");
    EXPECT_EQ(t.notice, "mac.csv : fins de ligne Macintosh (CR seul) lues comme des fins de ligne.");
    EXPECT_EQ(io::parse_csv(t.utf8, "mac.csv").size(), 3u);
    // Windows-1252 and CR at once: both said.
    t = io::decode_text("a;b\r\xe9t\xe9;x\r", "m.csv");
    EXPECT_EQ(t.utf8, "a;b\nété;x\n");
    EXPECT_NE(t.notice.find("lu en Windows-1252"), std::string::npos) << t.notice;
    EXPECT_NE(t.notice.find(" Fins de ligne Macintosh (CR seul) lues comme des fins de ligne."), std::string::npos) << t.notice;
    EXPECT_EQ(test::count(t.notice, "m.csv"), 1u) << t.notice;   // the file named once
    // CRLF stays as it was (parse_csv reads it).
    EXPECT_EQ(io::decode_text("a;b\r\nc;d\r\n", "w.csv").notice, "");
}

TEST(TextInputs, Utf16WithoutBomIsRecognisedInBothByteOrders) {
    std::string be, le;
    for (char c : std::string("reference;organisme\nA;B\n")) {
        be += '\0';
        be += c;
        le += c;
        le += '\0';
    }
    try {
        io::decode_text(be, "be.csv");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("be.csv : fichier en UTF-16 gros-boutiste (UTF-16 BE)"), std::string::npos) << e.what();
    }
    try {
        io::decode_text(le, "le.csv");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("le.csv : fichier en UTF-16 petit-boutiste (UTF-16 LE)"), std::string::npos) << e.what();
    }
}

TEST(TextInputs, OneSiretOrFinessForSeveralOrganisationsIsWarned) {
    // The trial's three EHPAD of Charente-Maritime with one SIRET and one FINESS.
    std::vector<Dossier> ds(4);
    const char* names[] = {"EHPAD « Les Œillets » de Saintes", "Résidence Saint-Éloi – Rochefort", "EHPAD de l'Île d'Oléron",
                           "EHPAD de l'ILE D'OLERON"};
    for (int i = 0; i < 4; ++i) {
        ds[i].id = i + 1;
        ds[i].reference = "UPHV-0" + std::to_string(i + 1);
        ds[i].organisme = names[i];
        ds[i].siret = "27170000700013";
        ds[i].finess = i == 3 ? "170 070 007" : "170070007";
    }
    auto w = shared_identifier_warnings(ds, {"UPHV-02"});
    ASSERT_EQ(w.size(), 2u);   // SIRET then FINESS; the last two names are one organisation (same key)
    EXPECT_EQ(w[0].rfind("Attention : le SIRET 27170000700013 est porté par 3 organismes différents : ", 0), 0u) << w[0];
    EXPECT_NE(w[1].find("le FINESS 170070007 est porté par 3 organismes"), std::string::npos) << w[1];
    // Not said again for an import that does not touch them.
    EXPECT_TRUE(shared_identifier_warnings(ds, {"AUTRE"}).empty());
    // One organisation's establishments may share its name and its identifier.
    ds.resize(1);
    EXPECT_TRUE(shared_identifier_warnings(ds, {"UPHV-01"}).empty());
}
