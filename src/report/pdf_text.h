#pragma once
// Internal to the PDF writer (pdf_letter.cpp, pdf_text.cpp).
#include <hpdf.h>

#include <initializer_list>
#include <string>

namespace cotation::report {

// Text typeset (fr::typography) and in CP1252.
std::string cp(const std::string& utf8);
// At most 400 bytes of UTF-8, cut between characters, with an ellipsis.
std::string bounded(const std::string& s);
// Metadata strings in PDFDocEncoding (Latin-1 above 0xA0, its own table for
// 0x80-0x9F): libharu then writes them as literal strings, where with a
// current encoder it writes UTF-16 in hexadecimal, four times the size.
std::string pdfdoc(const std::string& utf8);

// One of the loaded fonts in CP1252, with the bytes CP1252 leaves free
// mapped to the minus sign (0x81) and the arrow (0x8D); null if libharu failed.
HPDF_Font cp1252_font(HPDF_Doc pdf, const char* font_name);
// A ToUnicode CMap for the CP1252 fonts (copy, search and screen readers
// get the exact signs); false if libharu failed.
bool add_to_unicode(HPDF_Doc pdf, std::initializer_list<HPDF_Font> fonts);

}  // namespace cotation::report
