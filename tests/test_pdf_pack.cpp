// The last step of every PDF (report/pdf_pack): images re-encoded as a PNG
// encoder would and the fonts' unused metrics emptied make files smaller
// (trial 1011G M5: a one-page letter with a 3 KB logo weighed 12,9 KB) and
// never change a pixel: the page before and after packing renders to the
// same bytes (pdftoppm), the words come back, qpdf finds no error.
#include <gtest/gtest.h>
#include <hpdf.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "report/pdf_letter.h"
#include "report/pdf_pack.h"
#include "test_support.h"

using namespace cotation;
namespace fs = std::filesystem;

namespace {
void no_haru_error(HPDF_STATUS, HPDF_STATUS, void*) {}

// A page with both weights of the shipped font and three images drawn from
// raw pixels, as libharu writes a logo (8-bit, deflated, no predictor).
std::string unpacked_page() {
    HPDF_Doc pdf = HPDF_New(no_haru_error, nullptr);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    const char* regular = HPDF_LoadTTFontFromFile(pdf, report::font_path(false).c_str(), HPDF_TRUE);
    const char* bold = HPDF_LoadTTFontFromFile(pdf, report::font_path(true).c_str(), HPDF_TRUE);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, HPDF_GetFont(pdf, regular, "CP1252"), 12);
    HPDF_Page_TextOut(page, 60, 780, "Madame, Monsieur, veuillez agreer nos salutations.");
    HPDF_Page_SetFontAndSize(page, HPDF_GetFont(pdf, bold, "CP1252"), 12);
    HPDF_Page_TextOut(page, 60, 760, "Decision d'autorisation");
    HPDF_Page_EndText(page);
    const unsigned w = 120, h = 40;
    // Flat colours (a logo's blue, red and white): indexed on 2 bits.
    std::string flat(w * h * 3, '\xff');
    // Gray levels of anti-aliased text drawn as RGB: gray, 8 bits.
    std::string gray(w * h * 3, '\0');
    // A photograph-like gradient: stays RGB, with PNG predictors.
    std::string photo(w * h * 3, '\0');
    for (unsigned y = 0; y < h; ++y)
        for (unsigned x = 0; x < w; ++x) {
            const std::size_t i = (y * w + x) * 3;
            if (x < 30 && y < 30) flat[i] = 0, flat[i + 1] = 0, flat[i + 2] = static_cast<char>(145);
            else if (x < 60 && y < 30) flat[i] = static_cast<char>(225), flat[i + 1] = 0, flat[i + 2] = 15;
            const auto g = static_cast<char>((x * 7 + y * 13) % 256 > 200 ? 255 : (x * y) % 97);
            gray[i] = gray[i + 1] = gray[i + 2] = g;
            photo[i] = static_cast<char>(x * 2), photo[i + 1] = static_cast<char>(y * 6), photo[i + 2] = static_cast<char>((x + y) * 3);
        }
    float top = 700;
    for (const std::string* pixels : {&flat, &gray, &photo}) {
        HPDF_Image image = HPDF_LoadRawImageFromMem(pdf, reinterpret_cast<const HPDF_BYTE*>(pixels->data()), w, h,
                                                    HPDF_CS_DEVICE_RGB, 8);
        HPDF_Page_DrawImage(page, image, 60, top, static_cast<float>(w), static_cast<float>(h));
        top -= 60;
    }
    HPDF_SaveToStream(pdf);
    std::string out(HPDF_GetStreamSize(pdf), '\0');
    HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
    HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(&out[0]), &size);
    out.resize(size);
    HPDF_Free(pdf);
    return out;
}
}  // namespace

TEST(PdfPack, ImagesAndFontsSmallerEveryPixelTheSame) {
    test::TempDir dir;
    const std::string before = unpacked_page();
    ASSERT_GT(before.size(), 1000u);
    const std::string after = report::pack_pdf(before, "essai");
    test::spit(dir.file("avant.pdf"), before);
    test::spit(dir.file("apres.pdf"), after);
    // Rendered at 150 dpi, gray and colour alike: the same bytes.
    ASSERT_EQ(test::shell("pdftoppm -r 150 '" + dir.file("avant.pdf") + "' " + dir.file("avant")).code, 0);
    ASSERT_EQ(test::shell("pdftoppm -r 150 '" + dir.file("apres.pdf") + "' " + dir.file("apres")).code, 0);
    const std::string a = test::slurp(dir.file("avant-1.ppm")), b = test::slurp(dir.file("apres-1.ppm"));
    ASSERT_GT(a.size(), 100000u);
    EXPECT_TRUE(a == b) << "le rendu de la page a changé";
    EXPECT_EQ(test::shell("qpdf --check '" + dir.file("apres.pdf") + "'").code, 0);
    EXPECT_NE(test::pdf_words(dir.file("apres.pdf")).find("Decision d'autorisation"), std::string::npos);
    // Each image as the packer chose: flat colours indexed on 2 bits, the
    // gray one as gray, the gradient still RGB (pdfimages: color, bpc).
    const std::string list = test::words(test::shell("pdfimages -list '" + dir.file("apres.pdf") + "'").out);
    EXPECT_NE(list.find("index 1 2"), std::string::npos) << list;
    EXPECT_NE(list.find("gray 1 8"), std::string::npos) << list;
    EXPECT_NE(list.find("rgb 3 8"), std::string::npos) << list;
    // Smaller than libharu's file by more than what object streams alone save
    // (the fonts' unused metrics, ~300 bytes a weight, and the images).
    EXPECT_LT(after.size() + 1500, before.size()) << before.size() << " -> " << after.size();
    // Same input, same bytes.
    EXPECT_EQ(report::pack_pdf(before, "essai"), after);
}
