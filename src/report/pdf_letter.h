#pragma once
// One letter as a PDF (A4, libharu, embedded DejaVu Sans in CP1252).
#include <string>
#include <vector>

#include "template.h"

namespace cotation::report {

struct LetterHeader {
    std::string authority;             // top left, bold
    std::vector<std::string> authority_lines;
    std::string place_and_date;        // top right: "Marseille, le 15 juin 2023"
    std::vector<std::string> recipient;   // address block
    std::string title;                 // PDF metadata
};

// Writes `path`; throws Error naming the file when it cannot.
void write_letter_pdf(const std::string& path, const LetterHeader& header, const std::vector<Block>& body);

// UTF-8 -> Windows-1252 (the PDF's encoding); U+202F becomes a no-break space,
// anything else outside CP1252 becomes '?'.
std::string to_cp1252(const std::string& utf8);

// Font files used (DejaVu Sans, package fonts-dejavu-core).
std::string font_path(bool bold);

}  // namespace cotation::report
