#pragma once
// A document as OpenDocument text (.odt), so that a secretary can edit it in
// LibreOffice or Word before signing: the same header and blocks as the PDF
// (pdf_letter.h), with the same French typography, in paragraph styles named
// so that a user recognises them (« Autorité », « Destinataire », « Objet »,
// « Corps de texte », « Titre 2 », « Liste à tirets », « Signature »,
// « Titre de tableau »…), tables whose header row repeats on each page, and
// « page X sur Y » in the footer.
//
// Package: mimetype first and stored, META-INF/manifest.xml, content.xml,
// styles.xml, meta.xml (and Pictures/logo.png when there is a logo); fixed zip
// timestamps and no generated ids, so the same input gives the same bytes.
#include <string>
#include <vector>

#include "pdf_letter.h"
#include "template.h"

namespace cotation::report {

// Writes `path` whole (temporary name, then rename); throws Error naming the
// file when it cannot.
void write_odt(const std::string& path, const LetterHeader& header, const std::vector<Block>& body);

// The XML parts, for tests and for write_odt.
struct OdtParts {
    std::string manifest, content, styles, meta;
    std::string logo_png;   // bytes of the logo, empty when none
};
OdtParts odt_parts(const LetterHeader& header, const std::vector<Block>& body);

}  // namespace cotation::report
