// The rendering layer: PDF (size, fonts, pages, tables, signature, metadata,
// validity) and ODT (package, parts, text, reproducibility). Checked with the
// tools a reader would use: pdftotext, pdffonts, pdfinfo, pdfimages
// (poppler-utils) and qpdf.
#include <gtest/gtest.h>

#include <Poco/AutoPtr.h>
#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>
#include <Poco/DOM/NodeList.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/demo.h"
#include "core/error.h"
#include "report/odt.h"
#include "report/pdf_keep.h"
#include "report/pdf_letter.h"
#include "test_support.h"

using namespace cotation;
using report::Block;
using report::BlockKind;

namespace {
using test::slurp;
using test::zip_entry;
std::string page_text(const std::string& pdf, int page) {
    return test::words(test::shell("pdftotext -enc UTF-8 -f " + std::to_string(page) + " -l " + std::to_string(page) + " '" + pdf + "' -").out);
}
int page_count(const std::string& pdf) {
    std::string info = test::shell("pdfinfo '" + pdf + "'").out;
    auto p = info.find("Pages:");
    return p == std::string::npos ? 0 : std::stoi(info.substr(p + 6));
}
report::LetterHeader header() {
    report::LetterHeader h;
    h.authority = "Agence régionale de santé Provence-Alpes-Côte d'Azur";
    h.authority_lines = {"132 boulevard de Paris", "13003 Marseille"};
    h.place_and_date = "Marseille, le 15 juin 2023";
    h.recipient = {"Association Habitat Solidaire", "À l'attention de la direction", "Toulon"};
    h.title = "Appel à candidatures ACT 2023 — dossier ACT-2023-01";
    return h;
}
std::string lorem(int k) {
    return "Paragraphe " + std::to_string(k) +
           " : la commission d'information et de sélection examine les projets au regard des critères "
           "de l'avis d'appel à candidatures, dont le cahier des charges fixe les conditions de recevabilité.";
}
// A PNG of the repository, used as a logo.
std::string some_png() {
    for (const auto& e : std::filesystem::recursive_directory_iterator(test::source_dir() + "/docs"))
        if (e.path().extension() == ".png") return e.path().string();
    return "";
}

// Texts of the elements named `tag` (e.g. "text:p"), in document order.
std::vector<std::string> texts(const std::string& xml, const std::string& tag) {
    Poco::XML::DOMParser parser;
    Poco::AutoPtr<Poco::XML::Document> doc = parser.parseString(xml);
    Poco::AutoPtr<Poco::XML::NodeList> nodes = doc->getElementsByTagName(tag);
    std::vector<std::string> out;
    for (unsigned long i = 0; i < nodes->length(); ++i) out.push_back(nodes->item(i)->innerText());
    return out;
}
bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

const std::string NB = "\u00A0", NN = "\u202F";
}  // namespace

TEST(Pdf, OnePageLetterIsSmallWithEmbeddedSubsetFonts) {
    test::TempDir dir;
    std::vector<Block> body{{BlockKind::Subject, "Objet : votre candidature"},
                            {BlockKind::Paragraph, lorem(1)},
                            {BlockKind::Paragraph, "Montant accordé : 400 000 € par an ; « œuvre » Œ Ÿ … ’"},
                            {BlockKind::Right, "La directrice générale"}};
    report::write_letter_pdf(dir.file("l.pdf"), header(), body);
    // Goal of the issue: ≤ 12 KB where the whole DejaVu fonts gave 111 KB.
    EXPECT_LE(std::filesystem::file_size(dir.file("l.pdf")), 12u * 1024);
    std::string fonts = test::shell("pdffonts '" + dir.file("l.pdf") + "'").out;
    // Two fonts, each "yes yes" for embedded and subset, named Cotation Sans.
    EXPECT_NE(fonts.find("+CotationSans,Book"), std::string::npos) << fonts;
    EXPECT_NE(fonts.find("+CotationSans-Bold"), std::string::npos) << fonts;
    EXPECT_EQ(fonts.find("DejaVu"), std::string::npos) << fonts;
    std::istringstream lines(fonts);
    int embedded = 0;
    for (std::string l; std::getline(lines, l);)
        if (l.find("CotationSans") != std::string::npos && l.find("yes yes") != std::string::npos) ++embedded;
    EXPECT_EQ(embedded, 2) << fonts;
    auto [status, check] = test::shell("qpdf --check '" + dir.file("l.pdf") + "'");
    EXPECT_EQ(status, 0) << check;
    EXPECT_NE(check.find("No syntax or stream encoding errors found"), std::string::npos) << check;
}

TEST(Pdf, ExactWordsWithAccentsEuroAndFrenchSpaces) {
    test::TempDir dir;
    report::write_letter_pdf(dir.file("t.pdf"), header(),
                             {{BlockKind::Paragraph, "Objet: l'aide de 15 € par jour, « déjà » accordée le 1er juillet 2023 ; bravo!"}});
    // pdftotext gives the no-break spaces back as plain ones: the spaces the
    // typography inserted show, the kind is checked by Typography.*.
    std::string raw = test::pdftotext(dir.file("t.pdf"));
    EXPECT_NE(raw.find("Objet : l’aide de 15 € par jour, « déjà » accordée le 1er juillet 2023 ; bravo !"), std::string::npos) << raw;
    EXPECT_NE(raw.find("Provence-Alpes-Côte d’Azur"), std::string::npos) << raw;
}

TEST(Pdf, MetadataWithoutDateAndSameBytesTwice) {
    test::TempDir dir;
    std::vector<Block> body{{BlockKind::Subject, "Objet : décision sur votre candidature"}, {BlockKind::Paragraph, lorem(1)}};
    report::write_letter_pdf(dir.file("a.pdf"), header(), body);
    report::write_letter_pdf(dir.file("b.pdf"), header(), body);
    EXPECT_EQ(slurp(dir.file("a.pdf")), slurp(dir.file("b.pdf")));
    std::string info = test::words(test::shell("pdfinfo '" + dir.file("a.pdf") + "'").out);
    EXPECT_NE(info.find("Title: Appel à candidatures ACT 2023 — dossier ACT-2023-01 "), std::string::npos) << info;
    EXPECT_NE(info.find("Author: Agence régionale de santé Provence-Alpes-Côte d'Azur "), std::string::npos) << info;
    // The subject is the "Objet :" line without its label.
    EXPECT_NE(info.find("Subject: décision sur votre candidature "), std::string::npos) << info;
    EXPECT_EQ(info.find("CreationDate"), std::string::npos) << info;
    EXPECT_NE(info.find("Page size: 595.276 x 841.89 pts (A4)"), std::string::npos) << info;
    EXPECT_FALSE(std::filesystem::exists(dir.file("a.pdf.tmp")));
}

TEST(Pdf, PagesNumberedAndTableHeaderRepeatedOnEachPage) {
    test::TempDir dir;
    Block table{BlockKind::Table, "", {{"Rang", "Dossier", "Organisme", "Total"}}};
    // 90 rows cannot hold on one A4 page: the table crosses pages.
    for (int r = 1; r <= 90; ++r)
        table.rows.push_back({std::to_string(r), "ACT-2023-" + std::to_string(100 + r), "Association numéro " + std::to_string(r), "12 600 €"});
    report::write_letter_pdf(dir.file("t.pdf"), header(), {{BlockKind::Heading, "Classement"}, table, {BlockKind::Paragraph, "Fin du tableau."}});
    int pages = page_count(dir.file("t.pdf"));
    ASSERT_GE(pages, 3);
    for (int p = 1; p <= pages; ++p) {
        std::string t = page_text(dir.file("t.pdf"), p);
        EXPECT_NE(t.find("page " + std::to_string(p) + " sur " + std::to_string(pages)), std::string::npos) << p << t;
        // Every page holding rows starts them with the header row.
        if (t.find("ACT-2023-") != std::string::npos) {
            EXPECT_NE(t.find("Rang Dossier Organisme Total"), std::string::npos) << p << t;
        }
    }
    // Every row once, in order, and no row cut between pages.
    std::string all = test::pdf_words(dir.file("t.pdf"));
    std::size_t at = 0;
    for (int r = 1; r <= 90; ++r) {
        auto p = all.find(std::to_string(r) + " ACT-2023-" + std::to_string(100 + r) + " Association numéro " + std::to_string(r) + " 12 600 €", at);
        ASSERT_NE(p, std::string::npos) << r;
        at = p;
    }
    EXPECT_EQ(test::shell("qpdf --check '" + dir.file("t.pdf") + "'").code, 0);
}

TEST(Pdf, SignatureNeverAloneOnItsPage) {
    test::TempDir dir;
    // Whatever the length of the letter, the page holding the signature also
    // holds the paragraph before it; some of these lengths put the signature
    // alone at the top of page 2 without the rule.
    int broke_across = 0;
    for (int n = 20; n <= 34; ++n) {
        std::vector<Block> body;
        for (int k = 1; k <= n; ++k) body.push_back({BlockKind::Paragraph, k == n ? "Dernier paragraphe avant la signature." : lorem(k)});
        body.push_back({BlockKind::Right, "Pour le directeur général et par délégation"});
        body.push_back({BlockKind::Right, "La directrice de l’offre médico-sociale"});
        std::string pdf = dir.file("s" + std::to_string(n) + ".pdf");
        report::write_letter_pdf(pdf, header(), body);
        int pages = page_count(pdf);
        if (pages > 1) ++broke_across;
        std::string last = page_text(pdf, pages);
        EXPECT_NE(last.find("La directrice de l'offre médico-sociale"), std::string::npos) << n;
        EXPECT_NE(last.find("Dernier paragraphe avant la signature."), std::string::npos) << n << last;
    }
    EXPECT_GT(broke_across, 0);
}

// Trial 1011C F10: « Arrête » alone at the foot of page 1 of an order, its
// articles on page 2. The heading rule kept a heading with two lines of the
// next block, and the next block was the heading « Article 1er ». The rules
// alone (report/pdf_keep.h), with a measure by hand: a heading 15 points, a
// paragraph 14 a line (3 lines here), a table 30 a row (4 rows), a signature
// line 14; a page holds 700.
TEST(PdfKeep, AHeadingComesWithTheHeadingsAfterItAndTwoLinesOfTheirText) {
    const report::BlockHeight h = [](const Block& b, std::size_t max_lines) {
        switch (b.kind) {
            case BlockKind::Heading: return 15.0f;
            case BlockKind::Table: return 30.0f * static_cast<float>(std::min<std::size_t>(b.rows.size(), max_lines));
            case BlockKind::Right: return 14.0f;
            default: return 14.0f * static_cast<float>(std::min<std::size_t>(3, max_lines));
        }
    };
    const Block text(BlockKind::Paragraph, "trois lignes");
    std::vector<Block> order{text, Block(BlockKind::Heading, "Arrête"), Block(BlockKind::Heading, "Article 1er"), text};
    // « Arrête » + « Article 1er » + 2 lines = 15 + 15 + 28 (it was 15 + 15: « Arrête » left behind).
    EXPECT_FLOAT_EQ(report::keep_with_next(order, 1, h, 700), 58);
    EXPECT_FLOAT_EQ(report::keep_with_next(order, 2, h, 700), 43);   // « Article 1er » + 2 lines
    EXPECT_FLOAT_EQ(report::keep_with_next(order, 0, h, 700), 0);    // a paragraph before a heading: nothing kept
    // A heading whose article holds a short table within a few blocks comes with all of it:
    // 15 + 15 + 42 + 4 × 30 = 192; on a page of 150 the table cannot come whole: two lines only.
    std::vector<Block> finess{Block(BlockKind::Heading, "Arrête"), Block(BlockKind::Heading, "Article 3"), text,
                              Block(BlockKind::Table, "", {{"a"}, {"b"}, {"c"}, {"d"}})};
    EXPECT_FLOAT_EQ(report::keep_with_next(finess, 0, h, 700), 192);
    EXPECT_FLOAT_EQ(report::keep_with_next(finess, 0, h, 150), 58);
    // The closing paragraph, the signature (2 lines) and the journal head after it:
    // 42 + 42 + 2 × 14 + 14 + 42 = 168 from the paragraph before them; 42 + 84 from the closing one.
    std::vector<Block> end{text, text, Block(BlockKind::Right, "Qualité"), Block(BlockKind::Right, "Nom"), text};
    EXPECT_FLOAT_EQ(report::signature_height(end, 2, h), 84);
    EXPECT_FLOAT_EQ(report::keep_with_next(end, 0, h, 700), 168);
    EXPECT_FLOAT_EQ(report::keep_with_next(end, 1, h, 700), 126);
    // The mentions after the signature (a heading, two paragraphs of the ways
    // of appeal) stay whole: 15 + 42 + 42 = 99 from their first block; nothing
    // from the second (the run is kept from its start); on a page of 90 they
    // cannot come whole: the heading rule alone (15 + 2 lines = 43).
    Block mention_heading(BlockKind::Heading, "Voies et délais de recours"), mention(BlockKind::Paragraph, "trois lignes");
    mention_heading.mention = mention.mention = true;
    std::vector<Block> appeal{text, Block(BlockKind::Right, "Nom"), mention_heading, mention, mention};
    EXPECT_FLOAT_EQ(report::keep_with_next(appeal, 2, h, 700), 99);
    EXPECT_FLOAT_EQ(report::keep_with_next(appeal, 3, h, 700), 0);
    EXPECT_FLOAT_EQ(report::keep_with_next(appeal, 2, h, 90), 43);
}

TEST(Pdf, LogoPrintedInTheHeader) {
    test::TempDir dir;
    auto h = header();
    h.logo_path = some_png();
    ASSERT_FALSE(h.logo_path.empty());
    report::write_letter_pdf(dir.file("l.pdf"), h, {{BlockKind::Paragraph, "Texte."}});
    std::string images = test::shell("pdfimages -list '" + dir.file("l.pdf") + "'").out;
    EXPECT_NE(images.find("   1     0 image"), std::string::npos) << images;
    h.logo_path = dir.file("absent.png");
    try {
        report::write_letter_pdf(dir.file("m.pdf"), h, {});
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("Logo « " + h.logo_path + " » illisible"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(dir.file("m.pdf")));
    // A 16-bit PNG (bit depth, byte 24 of the IHDR chunk) is refused by name.
    {
        std::ofstream out(dir.file("seize.png"), std::ios::binary);
        // Signature, IHDR length and type, its 13 bytes, then a (dummy) CRC: 33 bytes.
        out << std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x10\0\0\0\x10\x10\x02\0\0\0", 29) << std::string(4, '\0');
    }
    h.logo_path = dir.file("seize.png");
    try {
        report::write_letter_pdf(dir.file("m.pdf"), h, {});
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("PNG à 16 bits par canal"), std::string::npos) << e.what();
    }
}

TEST(Odt, PackageHasMimetypeFirstStoredAndWellFormedParts) {
    test::TempDir dir;
    auto h = header();
    h.logo_path = some_png();
    report::write_odt(dir.file("l.odt"), h, {{BlockKind::Paragraph, "Texte."}});
    std::string bytes = slurp(dir.file("l.odt"));
    // Local header at 0: signature, no data descriptor flag (bit 3), method 0
    // (stored), name "mimetype" then the media type itself, uncompressed.
    ASSERT_GT(bytes.size(), 100u);
    EXPECT_EQ(bytes.substr(0, 4), std::string("PK\x03\x04", 4));
    EXPECT_EQ(static_cast<unsigned char>(bytes[6]) & 0x08, 0);
    EXPECT_EQ(bytes[8], 0);
    EXPECT_EQ(bytes[9], 0);
    EXPECT_EQ(bytes.substr(30, 8), "mimetype");
    EXPECT_EQ(bytes.substr(30 + 8 + static_cast<unsigned char>(bytes[28]), 39), "application/vnd.oasis.opendocument.text");
    // The central directory in the same order, mimetype first (trial 1011G
    // m7: Poco sorted it by name, `unzip -l` read mimetype fourth).
    const std::string listed = test::shell("unzip -Z1 '" + dir.file("l.odt") + "'").out;
    EXPECT_EQ(listed, "mimetype\nMETA-INF/manifest.xml\ncontent.xml\nstyles.xml\nmeta.xml\nPictures/logo.png\n");
    EXPECT_EQ(test::shell("unzip -tq '" + dir.file("l.odt") + "'").code, 0);
    for (const char* part : {"META-INF/manifest.xml", "content.xml", "styles.xml", "meta.xml"}) {
        std::string xml = zip_entry(dir.file("l.odt"), part);
        EXPECT_NO_THROW(texts(xml, "x")) << part;   // parses: well-formed
    }
    std::string manifest = zip_entry(dir.file("l.odt"), "META-INF/manifest.xml");
    for (const char* part : {"content.xml", "styles.xml", "meta.xml", "Pictures/logo.png"})
        EXPECT_NE(manifest.find(std::string("manifest:full-path=\"") + part + "\""), std::string::npos) << part;
    EXPECT_EQ(zip_entry(dir.file("l.odt"), "Pictures/logo.png"), slurp(h.logo_path));
    auto meta = zip_entry(dir.file("l.odt"), "meta.xml");
    EXPECT_TRUE(contains(texts(meta, "dc:title"), "Appel à candidatures ACT 2023 — dossier ACT-2023-01"));
    EXPECT_TRUE(contains(texts(meta, "meta:initial-creator"), "Agence régionale de santé Provence-Alpes-Côte d’Azur"));
    EXPECT_EQ(meta.find("date"), std::string::npos) << meta;
    // Page numbers in the footer of the page style.
    auto styles = zip_entry(dir.file("l.odt"), "styles.xml");
    EXPECT_NE(styles.find("<text:page-number text:select-page=\"current\">1</text:page-number><text:s/>sur <text:page-count>"), std::string::npos) << styles;
    EXPECT_NE(styles.find("style:display-name=\"Liste à tirets\""), std::string::npos);
}

TEST(Odt, TextHeadingsListsTablesAndSignatureComeBack) {
    test::TempDir dir;
    std::vector<Block> body{{BlockKind::Subject, "Objet : décision"},
                            {BlockKind::Heading, "Motifs"},
                            {BlockKind::Bullet, "premier motif"},
                            {BlockKind::Bullet, "second motif"},
                            {BlockKind::Paragraph, "Montant : 12 600 € & « plus » <rien>"},
                            {BlockKind::Table, "", {{"Rang", "Dossier"}, {"1", "ACT-2023-01"}, {"2", "ACT-2023-02"}}},
                            {BlockKind::Right, "Le directeur général"}};
    report::write_odt(dir.file("d.odt"), header(), body);
    std::string content = zip_entry(dir.file("d.odt"), "content.xml");
    auto p = texts(content, "text:p");
    EXPECT_TRUE(contains(p, "Agence régionale de santé Provence-Alpes-Côte d’Azur"));
    EXPECT_TRUE(contains(p, "Association Habitat Solidaire"));
    EXPECT_TRUE(contains(p, "Marseille, le 15" + NB + "juin" + NB + "2023"));
    EXPECT_TRUE(contains(p, "Objet" + NB + ": décision"));
    EXPECT_TRUE(contains(p, "premier motif"));
    EXPECT_TRUE(contains(p, "Montant" + NB + ": 12" + NB + "600" + NB + "€ & «" + NB + "plus" + NB + "» <rien>"));
    EXPECT_TRUE(contains(p, "ACT-2023-02"));
    EXPECT_TRUE(contains(p, "Le directeur général"));
    EXPECT_TRUE(contains(texts(content, "text:h"), "Motifs"));
    EXPECT_EQ(texts(content, "text:list-item").size(), 2u);   // both bullets in one list
    auto header_rows = texts(content, "table:table-header-rows");
    ASSERT_EQ(header_rows.size(), 1u);
    EXPECT_EQ(header_rows[0], "RangDossier");
    EXPECT_NE(content.find("text:style-name=\"Signature\">Le directeur général<"), std::string::npos);
    // Same input, same bytes.
    report::write_odt(dir.file("e.odt"), header(), body);
    EXPECT_EQ(slurp(dir.file("d.odt")), slurp(dir.file("e.odt")));
}

TEST(Documents, FormatOption) {
    EXPECT_EQ(report::parse_format("pdf"), report::Format::Pdf);
    EXPECT_EQ(report::parse_format("ODT"), report::Format::Odt);
    EXPECT_EQ(report::parse_format("both"), report::Format::Both);
    EXPECT_THROW(report::parse_format("docx"), InputError);
}

TEST(Documents, DemoLettersAsPdfAndOdtSideBySide) {
    test::TempDir dir;
    auto s = create_demo(dir.file("demo.cot"), "act-hlm");
    auto pdfs = s->write_letters(dir.file("pdf"));
    auto both = s->write_letters(dir.file("both"), "", 0, report::Format::Both);
    ASSERT_EQ(both.size(), 2 * pdfs.size());
    for (const auto& f : pdfs) {
        std::string name = std::filesystem::path(f).filename().string();
        std::string stem = name.substr(0, name.size() - 4);
        // The PDF is the same whether or not the ODT is written beside it.
        EXPECT_EQ(slurp(f), slurp(dir.file("both/" + name))) << name;
        // Goal ≤ 12 KB, every kind: 111 KB with the whole fonts, up to 12.7 KB
        // with the subset, about 10.5 KB once packed into object streams
        // (report/pdf_pack.h). Both weights are embedded.
        EXPECT_LE(std::filesystem::file_size(f), 12u * 1024) << name;
        // The ODT carries the same words as the PDF.
        auto p = texts(zip_entry(dir.file("both/" + stem + ".odt"), "content.xml"), "text:p");
        std::string odt;
        for (const auto& t : p) odt += t + " ";
        odt = test::words(odt);
        std::string pdf = test::pdf_words(f);
        for (const char* w : {"Provence-Alpes-Côte d'Azur", "AAC ACT HLM PACA 2023", "Marseille, le 30 juin 2023"}) {
            EXPECT_NE(odt.find(w), std::string::npos) << name << " " << w;
            EXPECT_NE(pdf.find(w), std::string::npos) << name << " " << w;
        }
    }
}
