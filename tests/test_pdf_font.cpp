// The PDF fonts (data/fonts/CotationSans*.ttf, made by
// scripts/make-font-subset.sh): every character they are meant to print can
// be saved by libharu 2.3 and read back, whatever the other glyphs used.
#include <gtest/gtest.h>

#include <hpdf.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "report/pdf_letter.h"
#include "report/pdf_text.h"
#include "test_support.h"

using namespace cotation;
using report::Block;
using report::BlockKind;

namespace {
// What the subset covers (make-font-subset.sh): printable ASCII, Latin-1
// (no-break space included), the CP1252 additions, U+202F, U+2011, and the
// minus sign U+2212 and the arrow U+2192 the PDF puts on two codes CP1252
// leaves free (0x81, 0x8D).
std::vector<std::string> subset_characters() {
    std::vector<std::string> out;
    auto utf8 = [](unsigned c) {
        std::string s;
        if (c < 0x80) s += static_cast<char>(c);
        else if (c < 0x800) s += {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
        else s += {static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
                   static_cast<char>(0x80 | (c & 0x3F))};
        return s;
    };
    for (unsigned c = 0x21; c <= 0x7E; ++c) out.push_back(utf8(c));
    for (unsigned c = 0xA0; c <= 0xFF; ++c) out.push_back(utf8(c));
    for (unsigned c : {0x152u, 0x153u, 0x160u, 0x161u, 0x178u, 0x17Du, 0x17Eu, 0x192u, 0x2C6u, 0x2DCu, 0x2013u, 0x2014u,
                       0x2018u, 0x2019u, 0x201Au, 0x201Cu, 0x201Du, 0x201Eu, 0x2020u, 0x2021u, 0x2022u, 0x2026u,
                       0x2030u, 0x2039u, 0x203Au, 0x20ACu, 0x2122u, 0x202Fu, 0x2011u, 0x2212u, 0x2192u})
        out.push_back(utf8(c));
    return out;
}

void record_haru_error(HPDF_STATUS error, HPDF_STATUS, void* user) { *static_cast<HPDF_STATUS*>(user) = error; }

// Saves (in memory) one page with `cp1252` in the font; libharu's error, 0 if none.
HPDF_STATUS save_page_with(const std::string& font, const std::string& cp1252) {
    HPDF_STATUS error = 0;
    HPDF_Doc pdf = HPDF_New(record_haru_error, &error);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_Font f = report::cp1252_font(pdf, HPDF_LoadTTFontFromFile(pdf, font.c_str(), HPDF_TRUE));
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, f, 11);
    HPDF_Page_TextOut(page, 50, 700, cp1252.c_str());
    HPDF_Page_EndText(page);
    if (!error) HPDF_SaveToStream(pdf);
    HPDF_Free(pdf);
    return error;
}
}  // namespace

// libharu 2.3 rebuilds the font from the glyphs used and writes the 13 tables
// it requires, a missing one empty at the end; an empty 'prep' (last) made
// its checksum pass seek to the end of the rebuilt font, which fails when
// that font is a multiple of 4096 bytes long (error 4147, HPDF_INVALID_OBJECT):
// « - k » in CRT-2022-01's compte rendu. Every prefix and suffix of the
// covered characters is a different glyph set; with the fonts before the fix
// the bold one failed on the last 84 characters (and 2 random sets in 3 000
// for each font).
TEST(PdfFont, EveryPrefixAndSuffixOfTheCoveredCharactersSaves) {
    // The printed characters in the order of their CP1252 codes (the PDF's
    // encoding): 0x21-0xFF but DEL, the three codes CP1252 leaves undefined
    // and Cotation does not use, and the no-break space (a blank, as the space).
    std::string all;
    for (const auto& c : subset_characters())
        if (c != "\u00A0" && c != "\u202F" && c != "\u2011") all += report::to_cp1252(c);   // the last two print as A0, '-'
    std::sort(all.begin(), all.end(), [](char a, char b) { return static_cast<unsigned char>(a) < static_cast<unsigned char>(b); });
    ASSERT_EQ(all.size(), 218u);   // 94 ASCII + 27 CP1252 additions + U+2212 and U+2192 + 95 Latin-1, by hand
    ASSERT_EQ(std::count(all.begin(), all.end(), '?'), 1);   // none unknown to to_cp1252: only the ASCII '?'
    for (bool bold : {false, true}) {
        const std::string font = report::font_path(bold);
        int failures = 0;
        for (std::size_t n = 1; n <= all.size(); ++n) {
            for (const std::string& text : {all.substr(0, n), all.substr(all.size() - n)}) {
                HPDF_STATUS e = save_page_with(font, text);
                if (e) ++failures;
                EXPECT_EQ(e, 0u) << font << " : " << n << " caractères";
            }
            if (failures > 3) break;   // one is enough to say it
        }
    }
}

// A document with every covered character, in the regular and the bold font,
// and the bullet « - k » of the report: written, and read back by pdftotext.
TEST(PdfFont, LetterWithEveryCoveredCharacterIsWrittenAndReadBack) {
    test::TempDir dir;
    std::string all;
    for (const auto& c : subset_characters()) all += c;
    all += " x\u2011y\u202Fz";   // where they are used: inside words
    report::LetterHeader h;
    h.authority = "Agence régionale de santé";
    h.place_and_date = "Bordeaux, le 30 novembre 2022";
    h.recipient = {"Œuvre Ÿ"};
    h.title = "Jeu de caractères";
    std::vector<Block> body{{BlockKind::Heading, all}, {BlockKind::Paragraph, all}, {BlockKind::Bullet, "k"}};
    const std::string pdf = dir.file("tous.pdf");
    ASSERT_NO_THROW(report::write_letter_pdf(pdf, h, body));
    const std::string text = test::pdftotext(pdf);
    // pdftotext gives the no-break spaces back as plain spaces, and U+2011
    // is printed as a hyphen (to_cp1252): those are looked for between their
    // neighbours.
    for (const auto& c : subset_characters())
        if (c != "\u00A0" && c != "\u202F" && c != "\u2011")
            EXPECT_NE(text.find(c), std::string::npos) << "« " << c << " » absent de : " << text;
    EXPECT_NE(text.find("~ \u00A1"), std::string::npos) << text;   // U+00A0 between ~ and ¡
    EXPECT_NE(text.find("x-y z"), std::string::npos) << text;
    // The template's « - k » is a bullet, drawn as an en dash.
    EXPECT_NE(text.find("\u2013 k"), std::string::npos) << text;
}

// The case found: a template with the line « - k » made the compte rendu
// d'instruction of CRT-2022-01 (CRT demo) fail with libharu's error 4147.
TEST(PdfFont, InstructionReportWithABulletKIsWritten) {
    test::TempDir dir;
    const std::string src = test::source_dir();
    std::filesystem::create_directories(dir.file("racine"));
    for (const char* d : {"data", "scoring-grids", "procedures", "forms", "demo"})
        std::filesystem::create_directory_symlink(src + "/" + d, dir.file(std::string("racine/") + d));
    std::filesystem::copy(src + "/templates", dir.file("racine/templates"), std::filesystem::copy_options::recursive);
    test::spit(dir.file("racine/templates/compte-rendu-instruction.txt"),
               test::slurp(src + "/templates/compte-rendu-instruction.txt") + "- k\n");
    const std::string cli = "COTATION_DATA_DIR='" + dir.file("racine") + "' " + COTATION_CLI;
    ASSERT_EQ(test::shell(cli + " demo '" + dir.file("crt.cot") + "' --appel crt").code, 0);
    auto [code, out] = test::shell(cli + " rapports '" + dir.file("crt.cot") + "' --out '" + dir.file("r") +
                                   "' --dossier CRT-2022-01 2>&1");
    ASSERT_EQ(code, 0) << out;
    EXPECT_NE(test::pdftotext(dir.file("r/CRT-2022-01-compte-rendu.pdf")).find("k"), std::string::npos);
}
