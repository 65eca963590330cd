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
// styles.xml, meta.xml (and Pictures/logo.png when there is a logo, Pictures/
// image-<k>.png for each picture); fixed zip
// timestamps and no generated ids, so the same input gives the same bytes.
#include <string>
#include <vector>

#include "pdf_letter.h"
#include "template.h"

namespace cotation::report {

// A picture on a page of its own after the body (the committee file's map,
// as the PDF has it on its last page), the text's width.
struct OdtPicture {
    std::string png;    // bytes
    std::string name;   // shown in LibreOffice's navigator: « Carte du territoire »
};

// Writes `path` whole (temporary name, then rename); throws Error naming the
// file when it cannot.
void write_odt(const std::string& path, const LetterHeader& header, const std::vector<Block>& body,
               const std::vector<OdtPicture>& pictures = {});

// The XML parts, for tests and for write_odt.
struct OdtParts {
    std::string manifest, content, styles, meta;
    std::string logo_png;   // bytes of the logo, empty when none
    std::vector<std::string> pictures_png;   // Pictures/image-<k>.png, k from 1
};
OdtParts odt_parts(const LetterHeader& header, const std::vector<Block>& body, const std::vector<OdtPicture>& pictures = {});

}  // namespace cotation::report
