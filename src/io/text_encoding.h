#pragma once
// Text files from spreadsheets: Excel in France writes CSV in Windows-1252 by
// default, LibreOffice in UTF-8, sometimes with a BOM. The store holds UTF-8
// only, so every text read from a user's file goes through here.
#include <string>

namespace cotation::io {

struct DecodedText {
    std::string utf8;      // valid UTF-8, BOM removed
    std::string notice;    // French sentence for the import report, or empty
};

// Strict UTF-8 is kept; otherwise the bytes are read as Windows-1252 (every
// byte but 0x81, 0x8D, 0x8F, 0x90, 0x9D means a character there) and the
// notice says so. UTF-16 and bytes that fit neither are refused with an
// InputError naming `file_name` and the line of the first bad byte.
DecodedText decode_text(const std::string& bytes, const std::string& file_name);

bool valid_utf8(const std::string& text);

}  // namespace cotation::io
