#pragma once
// The last step of every PDF: libharu 2.3 writes PDF 1.3, every dictionary
// in clear (two /Widths arrays of 224 numbers, the font descriptors, the
// metadata) and a 20-byte xref line per object. Packed into one compressed
// object stream with an xref stream (PDF 1.5, qpdf), a one-page letter loses
// about 1.8 KB (13.0 -> 11.1 KB, measured on the UPHV refusals), which
// brings every letter under the 12 KB goal. Then the images are re-encoded
// as a PNG encoder would (gray, indexed, predictors) and the fonts' metrics
// of glyphs without outline emptied: 0,6 KB less a letter, a logo costing
// about half its PNG (trial 1011G M5), every pixel the same. Same input,
// same bytes: the document id is computed from the content.
#include <string>

namespace cotation::report {

// The PDF `pdf` (bytes), packed; throws Error naming `what` when qpdf cannot read it.
std::string pack_pdf(const std::string& pdf, const std::string& what);

}  // namespace cotation::report
