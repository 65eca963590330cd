#pragma once
// Documents as PDF (A4, libharu) and, beside them, as OpenDocument text
// (odt.h): the same header and blocks, the same French typography.
//
// PDF: Cotation Sans (data/fonts/, a CP1252 subset of DejaVu Sans) embedded
// in CP1252, the file packed into object streams (pdf_pack.h), so a one-page
// letter weighs ~10.5 KB; page numbers « page X sur
// Y »; tables repeat their header row on each page; a signature stays with
// the paragraph before it; title, author and subject in the metadata and no
// creation date, so the same input gives the same bytes.
#include <hpdf.h>

#include <functional>
#include <string>
#include <vector>

#include "template.h"

namespace cotation::report {

struct LetterHeader {
    std::string authority;             // top left, bold; the document's author
    std::vector<std::string> authority_lines;   // its postal address, telephone…
    std::string place_and_date;        // top right: "Marseille, le 15 juin 2023"
    std::vector<std::string> recipient;   // address block
    std::string title;                 // metadata (and running head from page 2)
    std::string logo_path =
        {};   // the authority's logo field: the PNG kept in the campaign (core/logo.h) or an older path; empty: none
    std::string subject = {};          // metadata; empty: the "Objet :" block's text
    // After « page X sur Y » at the foot of each page (letters and orders:
    // « Tête du journal de la campagne : N:hash », trial 13c F1), in a line
    // the body never shares: a one-page letter stays on one page.
    std::string footer = {};
};

// The document's subject, for its metadata (PDF and ODT alike): the header's,
// else the text of its « Objet : » block, else its title.
std::string document_subject(const LetterHeader& header, const std::vector<Block>& body);

enum class Format { Pdf, Odt, Both };

// "pdf", "odt", "both" (or "les-deux"); throws InputError otherwise.
Format parse_format(const std::string& text);

// Writes `path` whole (temporary name, then rename); throws Error naming the
// file when it cannot.
// `extra_pages`: pages the caller draws after the body (the committee file's
// territory map), each on a new page it may resize; numbered with the others.
using PageDrawer = std::function<void(HPDF_Doc, HPDF_Page)>;
void write_letter_pdf(const std::string& path, const LetterHeader& header, const std::vector<Block>& body,
                      const std::vector<PageDrawer>& extra_pages = {});

// Writes stem + ".pdf" and/or stem + ".odt" and returns the files written.
std::vector<std::string> write_document(const std::string& stem, const LetterHeader& header, const std::vector<Block>& body,
                                        Format format);

// UTF-8 -> Windows-1252 (the PDF's encoding); U+202F becomes a no-break space,
// anything else outside CP1252 becomes '?'.
std::string to_cp1252(const std::string& utf8);
// The distinct characters of `utf8` the PDF's font cannot print (to_cp1252
// writes them « [U+0141] »), as « « Ł » (U+0141), « ễ » (U+1EC5) »; empty
// when none (trial 13b F1: said to the user, never printed silently).
std::string unprintable_in_pdf(const std::string& utf8);

// Font files used: data/fonts/CotationSans.ttf and CotationSans-Bold.ttf.
std::string font_path(bool bold);

}  // namespace cotation::report
