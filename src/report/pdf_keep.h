#pragma once
// What a page keeps together before a block is drawn: the rules of the PDF
// writer's pagination (pdf_letter.cpp), apart from libharu so that they are
// read and tested on their own with any measure of height.
//  - a heading never ends a page: it comes with the headings that follow it
//    at once (« Arrête » then « Article 1er », trial 1011C F10: « Arrête »
//    alone at the foot of page 1) and two lines of the first text after them,
//    or with all of a short table that follows within a few blocks (an
//    article and its FINESS table);
//  - no page holds only the closing sentence and the signature: the
//    paragraph before them comes too (trial finding 27);
//  - no page holds only the signature: it goes with the paragraph before it,
//    and with the document's last paragraph when that follows it (the
//    journal head of the minutes; trial findings 17 and 38).
//  - the mentions after the signature (ways and delays of appeal) are not
//    split when they fit on a page (trial 1011F N10).
// Beside these, the writer leaves no line of a paragraph alone at the foot
// or the head of a page (pdf_letter.cpp).
#include <cstddef>
#include <functional>
#include <vector>

#include "template.h"

namespace cotation::report {

// The height of a block, or of its first `max_lines` lines (a table: rows).
using BlockHeight = std::function<float(const Block&, std::size_t max_lines)>;

// The height that must fit on the current page before block `i` of `body` is
// drawn (it moves to a new page when it does not, and when it fits on an
// empty one: `usable`); 0 when no rule keeps anything with it.
float keep_with_next(const std::vector<Block>& body, std::size_t i, const BlockHeight& height, float usable);

// The run of signature lines from `k`, with the document's last paragraph
// when it follows them: never on a page of its own, never split.
float signature_height(const std::vector<Block>& body, std::size_t k, const BlockHeight& height);

}  // namespace cotation::report
