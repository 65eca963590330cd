// The authority's logo kept inside the campaign (trial finding 30): checked
// and copied at `autorite --logo`, so that documents never depend on the path
// typed; a missing file is « introuvable », a 16-bit PNG is refused at that
// moment, and the instruction reports carry the logo as the letters do. On a
// campaign made with Session::create on each shipped grid, as `cotation new`.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/session.h"
#include "core/error.h"
#include "core/logo.h"
#include "test_support.h"

using namespace cotation;
namespace fs = std::filesystem;

namespace {
// A 4 × 2 RGB PNG, 8 bits per channel (made with zlib, CRCs computed): 73 bytes.
const std::string kPng(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x04\x00\x00\x00\x02\x08\x02\x00\x00\x00\xf0\xca"
    "\xea\x34\x00\x00\x00\x10\x49\x44\x41\x54\x78\x9c\x63\x38\x20\x20\x00\x47\x0c\xc8\x1c\x00\x60\x9a\x07\x01\x4f\x61\x04\x42\x00"
    "\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
    73);
// The same IHDR saying 16 bits per channel (byte 24), as ImageMagick writes a white canvas.
std::string sixteen_bits() {
    std::string b = kPng;
    b[24] = 16;
    return b;
}
}  // namespace

TEST(Logo, CheckedAndStoredAsText) {
    auto h = png_header(kPng);
    ASSERT_TRUE(h);
    EXPECT_EQ(h->width, 4u);
    EXPECT_EQ(h->height, 2u);
    EXPECT_EQ(logo_problem(kPng, "logo.png"), "");
    EXPECT_NE(logo_problem(sixteen_bits(), "logo.png").find("Logo « logo.png » : PNG à 16 bits par canal"), std::string::npos);
    EXPECT_NE(logo_problem("GIF89a", "logo.gif").find("ce n'est pas une image PNG"), std::string::npos);
    EXPECT_NE(logo_problem(kPng + std::string(kLogoMaxBytes, '\0'), "gros.png").find("au-delà de 256"), std::string::npos);
    // Round trip through the stored form, for every length modulo 3.
    for (std::size_t n : {73u, 72u, 71u, 0u}) {
        std::string part = kPng.substr(0, n);
        std::string stored = logo_to_stored(part);
        EXPECT_TRUE(logo_is_stored(stored));
        EXPECT_EQ(logo_from_stored(stored), part) << n;
    }
    EXPECT_EQ(logo_to_stored("Man"), "data:image/png;base64,TWFu");   // RFC 4648 example
    EXPECT_EQ(logo_to_stored("Ma"), "data:image/png;base64,TWE=");
    EXPECT_FALSE(logo_is_stored("/tmp/logo.png"));
}

TEST(Logo, CopiedIntoTheCampaignAtAutoriteAndPrintedWithoutTheFile) {
    for (const char* grid : {"act-hlm-paca-2023", "uphv-17-2019", "crt-2022"}) {
        SCOPED_TRACE(grid);
        test::TempDir dir;
        NewCampaign nc;
        nc.reference = "AAC essai";
        nc.authority = "Autorité d'essai";
        nc.signatory = "Jeanne Martin";
        nc.city = "Bordeaux";
        auto s = Session::create(dir.file("c.cot"), test::source_dir() + "/scoring-grids/" + grid + ".xml", nc, "test");
        // Missing: « introuvable », not « ce n'est pas une image PNG ».
        try {
            cotation::test::set_authority_field(*s, "logo", dir.file("absent.png"), "test");
            ADD_FAILURE() << "a missing logo accepted";
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find("fichier introuvable"), std::string::npos) << e.what();
        }
        // A folder (« --logo . »): said as one (trial 1011G m13).
        try {
            cotation::test::set_authority_field(*s, "logo", dir.path.string(), "test");
            ADD_FAILURE() << "a folder accepted as logo";
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find("c'est un dossier ; donnez le fichier PNG du logo"), std::string::npos)
                << e.what();
        }
        // 16 bits: refused now, not at the first document.
        test::spit(dir.file("seize.png"), sixteen_bits());
        try {
            cotation::test::set_authority_field(*s, "logo", dir.file("seize.png"), "test");
            ADD_FAILURE() << "a 16-bit logo accepted";
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find("16 bits par canal"), std::string::npos) << e.what();
        }
        EXPECT_EQ(s->authority().logo, "");
        // 8 bits: copied into the campaign, then the file goes away.
        test::spit(dir.file("logo.png"), kPng);
        cotation::test::set_authority_field(*s, "logo", dir.file("logo.png"), "test");
        fs::remove(dir.file("logo.png"));
        s.reset();
        s = Session::open(dir.file("c.cot"));
        EXPECT_TRUE(logo_is_stored(s->authority().logo));
        EXPECT_EQ(logo_from_stored(s->authority().logo), kPng);
        EXPECT_EQ(logo_description(s->authority().logo), "rangé dans la campagne (PNG 4\u00a0×\u00a02\u00a0px, 1\u00a0Ko)");
        // Changing another field keeps it.
        cotation::test::set_authority_field(*s, "ville", "Poitiers", "test");
        EXPECT_EQ(logo_from_stored(s->authority().logo), kPng);
    }
}

TEST(Logo, InstructionReportsAndLettersPrintTheStoredLogo) {
    test::TempDir dir;
    std::string f = dir.file("act.cot");
    ASSERT_EQ(test::cli("demo " + f + " --appel act-hlm --etape complete").code, 0);
    test::spit(dir.file("logo.png"), kPng);
    std::string coord = test::demo_coordinator(*Session::open_read_only(f));
    auto r = test::cli("autorite " + f + " --logo " + dir.file("logo.png") + " --par '" + coord + "'");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("Logo : rangé dans la campagne"), std::string::npos) << r.out;
    fs::remove(dir.file("logo.png"));   // documents no longer need it
    r = test::cli("documents " + f + " --out " + dir.file("d") + " --format both --par '" + coord + "'");
    EXPECT_EQ(r.out.find("Logo"), std::string::npos) << r.out;
    std::size_t reports = 0;
    for (const auto& e : fs::directory_iterator(dir.file("d"))) {
        std::string name = e.path().filename().string();
        if (name.find("-compte-rendu.pdf") == std::string::npos && name.find("-lettre.pdf") == std::string::npos) continue;
        if (name.find("-compte-rendu.pdf") != std::string::npos) ++reports;
        // One image (the logo) in each, as pdfimages lists it: header lines then one line.
        auto list = test::shell("pdfimages -list '" + e.path().string() + "' | tail -n +3 | wc -l");
        EXPECT_EQ(list.out, "1\n") << name;
        std::string odt = e.path().string();
        odt.replace(odt.size() - 3, 3, "odt");
        EXPECT_EQ(test::zip_entry(odt, "Pictures/logo.png"), kPng) << name;
    }
    EXPECT_GT(reports, 0u);
}
