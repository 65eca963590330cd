#include "odt.h"
#include "odt_columns.h"

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/SAX/AttributesImpl.h>
#include <Poco/XML/XMLWriter.h>
#include <Poco/Zip/Compress.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <vector>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <utility>

#include "core/error.h"
#include "io/output_file.h"
#include "core/logo.h"
#include "core/typography.h"
#include "core/invisible.h"

namespace cotation::report {
namespace {

const char* const kNamespaces[][2] = {
    {"xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"},
    {"xmlns:style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"},
    {"xmlns:text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"},
    {"xmlns:table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"},
    {"xmlns:draw", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"},
    {"xmlns:fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"},
    {"xmlns:xlink", "http://www.w3.org/1999/xlink"},
    {"xmlns:dc", "http://purl.org/dc/elements/1.1/"},
    {"xmlns:meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"},
    {"xmlns:svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"},
};

using Attrs = std::initializer_list<std::pair<const char*, std::string>>;

// Poco's XMLWriter with prefixed names given whole ("text:p"): it escapes
// text and attributes and checks that every element is closed.
class Xml {
public:
    Xml() : writer_(out_, Poco::XML::XMLWriter::WRITE_XML_DECLARATION) { writer_.startDocument(); }
    void open(const std::string& name, Attrs attrs = {}, bool namespaces = false) {
        Poco::XML::AttributesImpl a;
        if (namespaces)
            for (const auto& ns : kNamespaces) a.addAttribute("", "", ns[0], "CDATA", ns[1]);
        for (const auto& [k, v] : attrs) a.addAttribute("", "", k, "CDATA", v);
        writer_.startElement("", "", name, a);
    }
    void close(const std::string& name) { writer_.endElement("", "", name); }
    void empty(const std::string& name, Attrs attrs = {}) {
        open(name, attrs);
        close(name);
    }
    // Text with its line breaks as <text:line-break/> and runs of spaces as
    // <text:s/> (XML would collapse them).
    void text(const std::string& s) {
        std::string run;
        auto flush = [&] {
            if (!run.empty()) writer_.characters(run);
            run.clear();
        };
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '\n') {
                flush();
                empty("text:line-break");
            } else if (s[i] == ' ' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\n')) {
                flush();
                empty("text:s");
            } else if (s[i] != '\r') {
                run += s[i];
            }
        }
        flush();
    }
    void element(const std::string& name, Attrs attrs, const std::string& s) {
        open(name, attrs);
        text(s);
        close(name);
    }
    std::string str() {
        writer_.endDocument();
        return out_.str();
    }

private:
    std::ostringstream out_;
    Poco::XML::XMLWriter writer_;
};

std::string typeset(const std::string& s) { return fr::typography(s); }

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    if (!in) return "";
    return s.str();
}

// Width and height of a PNG, from its IHDR chunk.
bool png_size(const std::string& png, unsigned& w, unsigned& h) {
    if (png.size() < 24 || png.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0 || png.compare(12, 4, "IHDR") != 0) return false;
    auto be = [&](std::size_t o) {
        return (unsigned(static_cast<unsigned char>(png[o])) << 24) | (unsigned(static_cast<unsigned char>(png[o + 1])) << 16) |
               (unsigned(static_cast<unsigned char>(png[o + 2])) << 8) | unsigned(static_cast<unsigned char>(png[o + 3]));
    };
    w = be(16);
    h = be(20);
    return w > 0 && h > 0;
}

std::string cm(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3fcm", v);
    return buf;
}

std::string column_letter(std::size_t c) {
    std::string s;
    for (++c; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
    return s;
}

std::string content_xml(const LetterHeader& header, const std::vector<Block>& body, const std::string& logo,
                        const std::vector<OdtPicture>& pictures) {
    Xml x;
    x.open("office:document-content", {{"office:version", "1.3"}}, true);

    // Automatic styles (a content.xml cannot use those of styles.xml): the
    // cells, and one per table, its columns sized on their longest line.
    x.open("office:automatic-styles");
    // A row is never cut between two pages (as in the PDF).
    x.open("style:style", {{"style:name", "Ligne"}, {"style:family", "table-row"}});
    x.empty("style:table-row-properties", {{"fo:keep-together", "always"}});
    x.close("style:style");
    for (const char* cell : {"Cellule", "Cellule_titre"}) {
        x.open("style:style", {{"style:name", cell}, {"style:family", "table-cell"}});
        if (std::string(cell) == "Cellule")
            x.empty("style:table-cell-properties", {{"fo:padding", "0.1cm"}, {"fo:border", "0.5pt solid #8c8c8c"}});
        else
            x.empty("style:table-cell-properties",
                    {{"fo:padding", "0.1cm"}, {"fo:border", "0.5pt solid #8c8c8c"}, {"fo:background-color", "#e6e6e6"}});
        x.close("style:style");
    }
    std::size_t tables = 0;
    for (const auto& b : body) {
        if (b.kind != BlockKind::Table || b.rows.empty()) continue;
        std::string name = "Tableau" + std::to_string(++tables);
        x.open("style:style", {{"style:name", name}, {"style:family", "table"}});
        x.empty(
            "style:table-properties",
            {{"style:width", "16.5cm"}, {"table:align", "margins"}, {"fo:margin-top", "0.1cm"}, {"fo:margin-bottom", "0.3cm"}});
        x.close("style:style");
        auto widths = odt_column_widths(b);
        for (std::size_t c = 0; c < widths.size(); ++c) {
            x.open("style:style", {{"style:name", name + "." + column_letter(c)}, {"style:family", "table-column"}});
            x.empty("style:table-column-properties", {{"style:rel-column-width", std::to_string(widths[c]) + "*"}});
            x.close("style:style");
        }
    }
    // A picture starts a page of its own, centred (the PDF's map page).
    x.open("style:style",
           {{"style:name", "Image_pleine_page"}, {"style:family", "paragraph"}, {"style:parent-style-name", "Text_20_body"}});
    x.empty("style:paragraph-properties", {{"fo:break-before", "page"}, {"fo:text-align", "center"}});
    x.close("style:style");
    x.close("office:automatic-styles");

    x.open("office:body");
    x.open("office:text");
    if (!logo.empty()) {
        unsigned w = 0, h = 0;
        png_size(logo, w, h);
        // Same size as in the PDF: a pixel for a point, at most 2.2 × 5 cm.
        double wcm = w * 2.54 / 72, hcm = h * 2.54 / 72, scale = std::min({2.2 / hcm, 5.0 / wcm, 1.0});
        x.open("text:p", {{"text:style-name", "Logo"}});
        x.open("draw:frame", {{"draw:name", "Logo"},
                              {"text:anchor-type", "as-char"},
                              {"svg:width", cm(wcm * scale)},
                              {"svg:height", cm(hcm * scale)}});
        x.empty("draw:image", {{"xlink:href", "Pictures/logo.png"},
                               {"xlink:type", "simple"},
                               {"xlink:show", "embed"},
                               {"xlink:actuate", "onLoad"}});
        x.close("draw:frame");
        x.close("text:p");
    }
    x.element("text:p", {{"text:style-name", "Autorite"}}, typeset(header.authority));
    for (const auto& l : header.authority_lines) x.element("text:p", {{"text:style-name", "Adresse_autorite"}}, typeset(l));
    // The first line of the address sits lower, in the envelope's window.
    for (std::size_t k = 0; k < header.recipient.size(); ++k)
        x.element("text:p", {{"text:style-name", k == 0 ? "Destinataire_premiere_ligne" : "Destinataire"}},
                  typeset(header.recipient[k]));
    if (!header.place_and_date.empty())
        x.element("text:p", {{"text:style-name", "Lieu_et_date"}}, typeset(header.place_and_date));

    tables = 0;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const Block& b = body[i];
        switch (b.kind) {
            case BlockKind::Heading:
                x.element("text:h",
                          {{"text:style-name", b.mention ? "Titre_mentions" : "Heading_20_2"}, {"text:outline-level", "2"}},
                          typeset(b.text));
                break;
            case BlockKind::Subject: x.element("text:p", {{"text:style-name", "Objet"}}, typeset(b.text)); break;
            case BlockKind::Paragraph: {
                // The paragraph before a signature keeps with it (as in the PDF).
                bool keep = i + 1 < body.size() && body[i + 1].kind == BlockKind::Right;
                const char* style = b.mention ? "Mentions" : keep ? "Corps_avant_signature" : "Text_20_body";
                x.element("text:p", {{"text:style-name", style}}, typeset(b.text));
                break;
            }
            case BlockKind::Right:
                // « >> » alone: the room to sign, three empty lines as in the PDF (trial 1011B F4).
                for (int k = 0; k < (b.text.empty() ? 3 : 1); ++k)
                    x.element("text:p", {{"text:style-name", "Signature"}}, typeset(b.text));
                break;
            case BlockKind::Bullet:
                x.open("text:list", {{"text:style-name", "Tirets"}});
                for (; i < body.size() && body[i].kind == BlockKind::Bullet; ++i) {
                    x.open("text:list-item");
                    x.element("text:p", {{"text:style-name", body[i].mention ? "Mentions" : "Liste_a_tirets"}},
                              typeset(body[i].text));
                    x.close("text:list-item");
                }
                --i;
                x.close("text:list");
                break;
            case BlockKind::Table: {
                if (b.rows.empty()) break;
                std::string name = "Tableau" + std::to_string(++tables);
                std::size_t n = 0;
                for (const auto& r : b.rows) n = std::max(n, r.size());
                x.open("table:table", {{"table:name", name}, {"table:style-name", name}});
                for (std::size_t c = 0; c < n; ++c)
                    x.empty("table:table-column", {{"table:style-name", name + "." + column_letter(c)}});
                auto row = [&](const std::vector<std::string>& cells, bool head) {
                    x.open("table:table-row", {{"table:style-name", "Ligne"}});
                    for (std::size_t c = 0; c < n; ++c) {
                        x.open("table:table-cell",
                               {{"table:style-name", head ? "Cellule_titre" : "Cellule"}, {"office:value-type", "string"}});
                        x.element("text:p", {{"text:style-name", head ? "Table_20_Heading" : "Table_20_Contents"}},
                                  c < cells.size() ? typeset(cells[c]) : "");
                        x.close("table:table-cell");
                    }
                    x.close("table:table-row");
                };
                // Header rows repeat on each page the table crosses.
                x.open("table:table-header-rows");
                row(b.rows[0], true);
                x.close("table:table-header-rows");
                for (std::size_t r = 1; r < b.rows.size(); ++r) row(b.rows[r], false);
                x.close("table:table");
                break;
            }
        }
    }
    for (std::size_t k = 0; k < pictures.size(); ++k) {
        unsigned w = 0, h = 0;
        png_size(pictures[k].png, w, h);
        const double wcm = 16.5, hcm = w ? wcm * h / w : wcm;
        x.open("text:p", {{"text:style-name", "Image_pleine_page"}});
        x.open(
            "draw:frame",
            {{"draw:name", pictures[k].name}, {"text:anchor-type", "as-char"}, {"svg:width", cm(wcm)}, {"svg:height", cm(hcm)}});
        x.empty("draw:image", {{"xlink:href", "Pictures/image-" + std::to_string(k + 1) + ".png"}, {"xlink:type", "simple"},
                               {"xlink:show", "embed"}, {"xlink:actuate", "onLoad"}});
        x.close("draw:frame");
        x.close("text:p");
    }
    x.close("office:text");
    x.close("office:body");
    x.close("office:document-content");
    return x.str();
}

// A paragraph style: name (XML), name shown to the user, parent, then the
// paragraph and text properties.
void paragraph_style(Xml& x, const std::string& name, const std::string& display, const std::string& parent, Attrs para,
                     Attrs text = {}) {
    if (display.empty())
        x.open("style:style", {{"style:name", name}, {"style:family", "paragraph"}, {"style:parent-style-name", parent}});
    else
        x.open("style:style", {{"style:name", name},
                               {"style:display-name", display},
                               {"style:family", "paragraph"},
                               {"style:parent-style-name", parent}});
    if (para.size()) x.empty("style:paragraph-properties", para);
    if (text.size()) x.empty("style:text-properties", text);
    x.close("style:style");
}

std::string styles_xml(const std::string& footer) {
    Xml x;
    x.open("office:document-styles", {{"office:version", "1.3"}}, true);
    x.open("office:font-face-decls");
    x.empty("style:font-face", {{"style:name", "DejaVu Sans"},
                                {"svg:font-family", "'DejaVu Sans'"},
                                {"style:font-family-generic", "swiss"},
                                {"style:font-pitch", "variable"}});
    x.close("office:font-face-decls");

    x.open("office:styles");
    x.open("style:default-style", {{"style:family", "paragraph"}});
    x.empty("style:paragraph-properties", {{"fo:hyphenation-ladder-count", "no-limit"}, {"style:writing-mode", "page"}});
    x.empty("style:text-properties", {{"style:font-name", "DejaVu Sans"},
                                      {"fo:font-size", "10.5pt"},
                                      {"fo:language", "fr"},
                                      {"fo:country", "FR"},
                                      {"fo:hyphenate", "false"}});
    x.close("style:default-style");
    x.open("style:style", {{"style:name", "Standard"}, {"style:family", "paragraph"}, {"style:class", "text"}});
    x.close("style:style");
    // Built-in names (shown translated by LibreOffice: « Corps de texte »,
    // « Titre 2 », « Contenu de tableau », « Titre de tableau », « Pied de page »).
    paragraph_style(x, "Text_20_body", "Text body", "Standard",
                    {{"fo:margin-top", "0.12cm"}, {"fo:margin-bottom", "0.2cm"}, {"fo:line-height", "120%"}});
    paragraph_style(x, "Heading", "", "Standard",
                    {{"fo:margin-top", "0.3cm"}, {"fo:margin-bottom", "0.15cm"}, {"fo:keep-with-next", "always"}},
                    {{"fo:font-weight", "bold"}});
    paragraph_style(x, "Heading_20_2", "Heading 2", "Heading", {}, {{"fo:font-size", "11pt"}});
    paragraph_style(x, "Table_20_Contents", "Table Contents", "Standard", {}, {{"fo:font-size", "9pt"}});
    paragraph_style(x, "Table_20_Heading", "Table Heading", "Table_20_Contents", {}, {{"fo:font-weight", "bold"}});
    paragraph_style(x, "Footer", "", "Standard", {{"fo:text-align", "center"}},
                    {{"fo:font-size", "8pt"}, {"fo:color", "#595959"}});
    // Cotation's own styles, named in French.
    paragraph_style(x, "Logo", "", "Standard", {{"fo:margin-bottom", "0.2cm"}});
    paragraph_style(x, "Autorite", "Autorité", "Standard", {{"fo:margin-bottom", "0.05cm"}},
                    {{"fo:font-size", "11pt"}, {"fo:font-weight", "bold"}});
    paragraph_style(x, "Adresse_autorite", "Adresse de l’autorité", "Standard", {}, {{"fo:font-size", "9pt"}});
    paragraph_style(x, "Destinataire", "", "Standard", {{"fo:margin-left", "8.25cm"}, {"fo:margin-top", "0cm"}});
    paragraph_style(x, "Destinataire_premiere_ligne", "Destinataire, première ligne", "Destinataire",
                    {{"fo:margin-top", "0.6cm"}});
    paragraph_style(x, "Lieu_et_date", "Lieu et date", "Standard",
                    {{"fo:text-align", "end"}, {"fo:margin-top", "0.5cm"}, {"fo:margin-bottom", "0.6cm"}});
    paragraph_style(x, "Objet", "", "Standard", {{"fo:margin-bottom", "0.35cm"}}, {{"fo:font-weight", "bold"}});
    paragraph_style(x, "Corps_avant_signature", "Corps de texte avant la signature", "Text_20_body",
                    {{"fo:keep-with-next", "always"}});
    paragraph_style(x, "Liste_a_tirets", "Liste à tirets", "Standard",
                    {{"fo:margin-bottom", "0.14cm"}, {"fo:line-height", "120%"}});
    paragraph_style(x, "Signature", "", "Standard", {{"fo:text-align", "end"}, {"fo:keep-with-next", "always"}});
    // What follows the signature (appeal ways, journal head), as in the PDF.
    paragraph_style(x, "Mentions", "", "Standard", {{"fo:margin-bottom", "0.1cm"}}, {{"fo:font-size", "8.5pt"}});
    paragraph_style(x, "Titre_mentions", "Titre des mentions", "Mentions",
                    {{"fo:margin-top", "0.4cm"}, {"fo:keep-with-next", "always"}},
                    {{"fo:font-weight", "bold"}, {"fo:font-size", "9pt"}});

    x.open("text:list-style", {{"style:name", "Tirets"}});
    x.open("text:list-level-style-bullet", {{"text:level", "1"}, {"text:bullet-char", "–"}});
    x.open("style:list-level-properties", {{"text:list-level-position-and-space-mode", "label-alignment"}});
    x.empty("style:list-level-label-alignment", {{"text:label-followed-by", "listtab"}, {"text:list-tab-stop-position", "0.5cm"},
                                                  {"fo:text-indent", "-0.4cm"}, {"fo:margin-left", "0.5cm"}});
    x.close("style:list-level-properties");
    x.close("text:list-level-style-bullet");
    x.close("text:list-style");
    x.close("office:styles");

    x.open("office:automatic-styles");
    x.open("style:page-layout", {{"style:name", "A4"}});
    x.empty("style:page-layout-properties", {{"fo:page-width", "21cm"},
                                             {"fo:page-height", "29.7cm"},
                                             {"style:print-orientation", "portrait"},
                                             {"fo:margin-top", "1.8cm"},
                                             {"fo:margin-bottom", "1cm"},
                                             {"fo:margin-left", "2.5cm"},
                                             {"fo:margin-right", "2cm"}});
    x.open("style:footer-style");
    x.empty("style:header-footer-properties", {{"fo:min-height", "0.6cm"}, {"fo:margin-top", "0.5cm"}});
    x.close("style:footer-style");
    x.close("style:page-layout");
    x.close("office:automatic-styles");

    x.open("office:master-styles");
    x.open("style:master-page", {{"style:name", "Standard"}, {"style:page-layout-name", "A4"}});
    x.open("style:footer");
    x.open("text:p", {{"text:style-name", "Footer"}});
    x.text("page ");
    x.element("text:page-number", {{"text:select-page", "current"}}, "1");
    x.text(" sur ");
    x.element("text:page-count", {}, "1");
    if (!footer.empty()) x.text(" — " + footer);   // the journal's head (pdf_letter.h)
    x.close("text:p");
    x.close("style:footer");
    x.close("style:master-page");
    x.close("office:master-styles");
    x.close("office:document-styles");
    return x.str();
}

std::string meta_xml(const LetterHeader& header, const std::vector<Block>& body) {
    Xml x;
    x.open("office:document-meta", {{"office:version", "1.3"}}, true);
    x.open("office:meta");
    x.element("meta:generator", {}, "Cotation");
    x.element("dc:title", {}, typeset(header.title));
    x.element("dc:subject", {}, typeset(document_subject(header, body)));
    x.element("meta:initial-creator", {}, typeset(header.authority));
    x.element("dc:creator", {}, typeset(header.authority));
    x.element("dc:language", {}, "fr-FR");
    // No creation date: the same campaign gives the same bytes.
    x.close("office:meta");
    x.close("office:document-meta");
    return x.str();
}

std::string manifest_xml(bool logo, std::size_t pictures) {
    Xml x;
    x.open("manifest:manifest",
           {{"xmlns:manifest", "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"}, {"manifest:version", "1.3"}});
    x.empty("manifest:file-entry", {{"manifest:full-path", "/"},
                                    {"manifest:version", "1.3"},
                                    {"manifest:media-type", "application/vnd.oasis.opendocument.text"}});
    for (const char* part : {"content.xml", "styles.xml", "meta.xml"})
        x.empty("manifest:file-entry", {{"manifest:full-path", part}, {"manifest:media-type", "text/xml"}});
    if (logo) x.empty("manifest:file-entry", {{"manifest:full-path", "Pictures/logo.png"}, {"manifest:media-type", "image/png"}});
    for (std::size_t k = 1; k <= pictures; ++k)
        x.empty("manifest:file-entry",
                {{"manifest:full-path", "Pictures/image-" + std::to_string(k) + ".png"}, {"manifest:media-type", "image/png"}});
    x.close("manifest:manifest");
    return x.str();
}

}  // namespace

OdtParts odt_parts(const LetterHeader& header, const std::vector<Block>& body, const std::vector<OdtPicture>& pictures) {
    OdtParts p;
    for (const auto& pic : pictures) {
        unsigned w, h;
        if (!png_size(pic.png, w, h)) throw Error("Image « " + pic.name + " » illisible : il faut une image PNG.");
        p.pictures_png.push_back(pic.png);
    }
    if (!header.logo_path.empty()) {
        // The logo kept in the campaign (core/logo.h), or an older campaign's path.
        p.logo_png = logo_is_stored(header.logo_path) ? logo_from_stored(header.logo_path) : read_bytes(header.logo_path);
        unsigned w, h;
        if (!png_size(p.logo_png, w, h))
            throw Error("Logo " + fr::quote_path(logo_name(header.logo_path)) + " illisible : il faut une image PNG.");
    }
    p.manifest = manifest_xml(!p.logo_png.empty(), pictures.size());
    p.content = content_xml(header, body, p.logo_png, pictures);
    p.styles = styles_xml(header.footer);
    p.meta = meta_xml(header, body);
    return p;
}

namespace {
unsigned zip16(const std::string& z, std::size_t at) {
    return unsigned(static_cast<unsigned char>(z[at])) | unsigned(static_cast<unsigned char>(z[at + 1])) << 8;
}
std::uint32_t zip32(const std::string& z, std::size_t at) { return zip16(z, at) | std::uint32_t(zip16(z, at + 2)) << 16; }

// Poco lists the central directory by name (« META-INF/… », « content.xml »,
// « meta.xml », then « mimetype »), though it writes the entries in the order
// given: `unzip -l` and some validators read mimetype fourth (trial 1011G m7).
// Its records are put back in the order of the entries, mimetype first; the
// package's size and every offset stay.
void central_directory_in_written_order(std::string& zip) {
    const std::size_t eocd = zip.rfind(std::string("PK\x05\x06", 4));
    if (eocd == std::string::npos || eocd + 22 > zip.size()) return;
    const std::size_t count = zip16(zip, eocd + 10), size = zip32(zip, eocd + 12), start = zip32(zip, eocd + 16);
    if (start > eocd || size > eocd - start) return;
    std::vector<std::pair<std::uint32_t, std::string>> records;   // local header offset, record
    for (std::size_t at = start; records.size() < count;) {
        if (at + 46 > start + size || zip32(zip, at) != 0x02014b50u) return;
        const std::size_t length = 46 + zip16(zip, at + 28) + zip16(zip, at + 30) + zip16(zip, at + 32);
        if (at + length > start + size) return;
        records.emplace_back(zip32(zip, at + 42), zip.substr(at, length));
        at += length;
    }
    std::stable_sort(records.begin(), records.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string directory;
    for (const auto& r : records) directory += r.second;
    if (directory.size() == size) zip.replace(start, size, directory);
}
}  // namespace

void write_odt(const std::string& path, const LetterHeader& header, const std::vector<Block>& body,
               const std::vector<OdtPicture>& pictures) {
    io::refuse_unsafe_output(path);   // said before any work, never wrapped
    OdtParts parts = odt_parts(header, body, pictures);
    const std::string tmp = path + ".tmp";
    try {
        // seekableOut = true: the mimetype entry comes first, stored, with no
        // data descriptor, as ODF requires. A fixed date: reproducible bytes.
        std::ostringstream package(std::ios::binary);
        Poco::Zip::Compress zip(package, true);
        const Poco::DateTime fixed(2020, 1, 1);
        auto add = [&](const std::string& name, const std::string& data, Poco::Zip::ZipCommon::CompressionMethod method) {
            std::istringstream in(data);
            zip.addFile(in, fixed, Poco::Path(name, Poco::Path::PATH_UNIX), method, Poco::Zip::ZipCommon::CL_MAXIMUM);
        };
        add("mimetype", "application/vnd.oasis.opendocument.text", Poco::Zip::ZipCommon::CM_STORE);
        add("META-INF/manifest.xml", parts.manifest, Poco::Zip::ZipCommon::CM_DEFLATE);
        add("content.xml", parts.content, Poco::Zip::ZipCommon::CM_DEFLATE);
        add("styles.xml", parts.styles, Poco::Zip::ZipCommon::CM_DEFLATE);
        add("meta.xml", parts.meta, Poco::Zip::ZipCommon::CM_DEFLATE);
        if (!parts.logo_png.empty()) add("Pictures/logo.png", parts.logo_png, Poco::Zip::ZipCommon::CM_STORE);
        for (std::size_t k = 0; k < parts.pictures_png.size(); ++k)
            add("Pictures/image-" + std::to_string(k + 1) + ".png", parts.pictures_png[k], Poco::Zip::ZipCommon::CM_STORE);
        zip.close();
        std::string bytes = package.str();
        central_directory_in_written_order(bytes);
        errno = 0;
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw Error(io::write_failure(errno));
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) throw Error(io::write_failure(errno));   // the disk full said as such (trial 13e F6)
        io::put_output_in_place(tmp, path);
    } catch (const std::exception& e) {
        std::error_code ignored;
        std::filesystem::remove(tmp, ignored);
        throw Error("Impossible d'écrire le document ODT " + fr::quote_path(path) + " (" + e.what() + ").");
    }
}

}  // namespace cotation::report
