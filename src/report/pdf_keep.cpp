#include "pdf_keep.h"

namespace cotation::report {

namespace {
constexpr std::size_t kAll = 1000;      // lines: the whole block
constexpr float kAfterSignature = 14;   // the space that sets the signature apart from what follows
}  // namespace

float signature_height(const std::vector<Block>& body, std::size_t k, const BlockHeight& height) {
    float h = 0;
    for (; k < body.size() && body[k].kind == BlockKind::Right; ++k) h += height(body[k], kAll);
    if (k + 1 == body.size() && body[k].kind == BlockKind::Paragraph) h += kAfterSignature + height(body[k], kAll);
    return h;
}

float keep_with_next(const std::vector<Block>& body, std::size_t i, const BlockHeight& height, float usable) {
    const Block& b = body[i];
    // The mentions after the signature (the ways and delays of appeal) stay
    // whole on one page when they fit: a legal notice is read whole (trial
    // 1011F N10: a third page holding only « www.telerecours.fr. »).
    if (b.mention && (i == 0 || !body[i - 1].mention)) {
        float h = 0;
        for (std::size_t k = i; k < body.size() && body[k].mention; ++k) h += height(body[k], kAll);
        if (h <= usable) return h;
    }
    if (b.kind == BlockKind::Heading && i + 1 < body.size()) {
        // The run of headings from `i`, then two lines of what follows them,
        // or the whole of a table that follows within a few blocks.
        std::size_t j = i;
        float run = 0;
        for (; j < body.size() && body[j].kind == BlockKind::Heading; ++j) run += height(body[j], kAll);
        float h = run + (j < body.size() ? height(body[j], 2) : 0);
        float group = run;
        for (std::size_t k = j; k < body.size() && k <= j + 3 && body[k].kind != BlockKind::Heading; ++k) {
            group += height(body[k], kAll);
            if (body[k].kind == BlockKind::Table) {
                if (group <= usable) h = group;
                break;
            }
        }
        return h;
    }
    if ((b.kind == BlockKind::Paragraph || b.kind == BlockKind::Bullet) && i + 2 < body.size() &&
        body[i + 1].kind == BlockKind::Paragraph && body[i + 2].kind == BlockKind::Right)
        return height(b, kAll) + height(body[i + 1], kAll) + signature_height(body, i + 2, height);
    if (b.kind != BlockKind::Right && i + 1 < body.size() && body[i + 1].kind == BlockKind::Right)
        return height(b, kAll) + signature_height(body, i + 1, height);
    return 0;
}

}  // namespace cotation::report
