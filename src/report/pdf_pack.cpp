#include "pdf_pack.h"

// qpdf 11: its smart pointers are std::shared_ptr (no transition warning).
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <map>
#include <set>
#include <vector>

#include "core/error.h"

namespace cotation::report {
namespace {

std::string deflated(const std::string& raw) {
    uLongf size = compressBound(static_cast<uLong>(raw.size()));
    std::string out(size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(&out[0]), &size, reinterpret_cast<const Bytef*>(raw.data()),
                  static_cast<uLong>(raw.size()), 9) != Z_OK)
        return {};
    out.resize(size);
    return out;
}

// PNG row filters (RFC 2083 §6), each row prefixed by its filter type, for
// a FlateDecode stream read with /Predictor 15. `adaptive`: the filter of
// each row whose bytes sum smallest as signed values (libpng's heuristic);
// else none on every row (often best for an indexed image).
std::string png_filtered(const std::string& rows, std::size_t row_bytes, std::size_t bpp, bool adaptive) {
    std::string out;
    const std::size_t height = row_bytes ? rows.size() / row_bytes : 0;
    out.reserve(rows.size() + height);
    std::string prior(row_bytes, '\0'), best, trial(row_bytes, '\0');
    for (std::size_t y = 0; y < height; ++y) {
        const auto* row = reinterpret_cast<const unsigned char*>(rows.data() + y * row_bytes);
        const auto* up = reinterpret_cast<const unsigned char*>(prior.data());
        int chosen = 0;
        best.assign(reinterpret_cast<const char*>(row), row_bytes);
        if (adaptive) {
            auto cost = [](const std::string& r) {
                long sum = 0;
                for (char c : r) sum += std::abs(static_cast<int>(static_cast<signed char>(c)));
                return sum;
            };
            long best_cost = cost(best);
            for (int f = 1; f <= 4; ++f) {
                for (std::size_t i = 0; i < row_bytes; ++i) {
                    const int a = i >= bpp ? row[i - bpp] : 0, b = up[i], c = i >= bpp ? up[i - bpp] : 0;
                    int pred = 0;
                    if (f == 1) pred = a;
                    else if (f == 2) pred = b;
                    else if (f == 3) pred = (a + b) / 2;
                    else {
                        const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
                        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
                    }
                    trial[i] = static_cast<char>(row[i] - pred);
                }
                if (long c = cost(trial); c < best_cost) best_cost = c, best = trial, chosen = f;
            }
        }
        out += static_cast<char>(chosen);
        out += best;
        prior.assign(reinterpret_cast<const char*>(row), row_bytes);
    }
    return out;
}

// Samples (one byte each, `channels` a pixel) packed at `bits` per sample.
std::string packed_rows(const std::vector<unsigned>& samples, std::size_t width, std::size_t height, int bits,
                        std::size_t& row_bytes) {
    row_bytes = (width * static_cast<std::size_t>(bits) + 7) / 8;
    std::string out(row_bytes * height, '\0');
    for (std::size_t y = 0; y < height; ++y)
        for (std::size_t x = 0; x < width; ++x) {
            const unsigned v = samples[y * width + x];
            const std::size_t bit = x * static_cast<std::size_t>(bits);
            out[y * row_bytes + bit / 8] =
                static_cast<char>(static_cast<unsigned char>(out[y * row_bytes + bit / 8]) |
                                  (v << (8 - bits - static_cast<int>(bit % 8))));
        }
    return out;
}

struct Encoding {
    std::string data;   // deflated, PNG-filtered
    QPDFObjectHandle color_space;
    int bits = 8, colors = 1;
    std::size_t palette_bytes = 0;   // an indexed image's lookup string, written as hexadecimal
    std::size_t cost() const { return data.size() + 2 * palette_bytes; }
};

// libharu writes a logo as 8-bit RGB (or gray) deflated without a
// predictor: a 3 KB PNG logo cost ~2 KB more than it (trial 1011G M5, a
// one-page letter at 12,9 KB with one). Re-encoded as a PNG encoder would:
// gray when every pixel is, indexed on 1, 2, 4 or 8 bits when it has at
// most 256 colours (a soft mask only as gray, 1 bit when fully opaque or
// transparent), PNG predictors, zlib at its best. The pixels are the same.
void shrink_image(QPDFObjectHandle image, bool soft_mask) {
    QPDFObjectHandle dict = image.getDict();
    if (!dict.getKey("/BitsPerComponent").isInteger() || dict.getKey("/BitsPerComponent").getIntValue() != 8) return;
    if (dict.hasKey("/Decode") || dict.hasKey("/DecodeParms") || dict.hasKey("/ImageMask")) return;
    QPDFObjectHandle cs = dict.getKey("/ColorSpace");
    std::size_t channels = 0;
    if (cs.isNameAndEquals("/DeviceRGB")) channels = 3;
    else if (cs.isNameAndEquals("/DeviceGray")) channels = 1;
    else return;
    if (!dict.getKey("/Width").isInteger() || !dict.getKey("/Height").isInteger()) return;
    const long long w = dict.getKey("/Width").getIntValue(), h = dict.getKey("/Height").getIntValue();
    if (w <= 0 || h <= 0 || w > 20000 || h > 20000) return;
    const std::size_t width = static_cast<std::size_t>(w), height = static_cast<std::size_t>(h);
    const auto raw = image.getRawStreamData();
    const auto decoded = image.getStreamData(qpdf_dl_generalized);
    if (decoded->getSize() != width * height * channels) return;
    const unsigned char* px = decoded->getBuffer();

    bool gray = true;
    for (std::size_t i = 0; channels == 3 && gray && i < width * height; ++i) {
        const unsigned char* p = px + i * 3;
        gray = p[0] == p[1] && p[1] == p[2];
    }
    // A pixel's colour: its gray level when every pixel is gray.
    const std::size_t depth = gray ? 1 : channels;
    auto colour = [&](std::size_t i) {
        const unsigned char* p = px + i * channels;
        return depth == 3 ? (std::uint32_t(p[0]) << 16 | std::uint32_t(p[1]) << 8 | p[2]) : std::uint32_t(p[0]);
    };
    std::set<std::uint32_t> colours;
    for (std::size_t i = 0; i < width * height && colours.size() <= 256; ++i) colours.insert(colour(i));
    std::vector<Encoding> tries;
    auto add = [&](std::vector<unsigned> samples, std::size_t samples_per_row, int bits, int colors,
                   QPDFObjectHandle space, std::size_t palette_bytes = 0) {
        std::size_t row_bytes = 0;
        const std::string rows = packed_rows(samples, samples_per_row, height, bits, row_bytes);
        const std::size_t bpp = std::max<std::size_t>(1, static_cast<std::size_t>(colors * bits) / 8);
        for (bool adaptive : {false, true}) {
            Encoding e{deflated(png_filtered(rows, row_bytes, bpp, adaptive)), space, bits, colors, palette_bytes};
            if (!e.data.empty()) tries.push_back(std::move(e));
        }
    };
    const std::size_t n = width * height;
    if (gray || channels == 1) {
        std::vector<unsigned> g(n);
        for (std::size_t i = 0; i < n; ++i) g[i] = px[i * channels];
        const bool two_levels = std::all_of(g.begin(), g.end(), [](unsigned v) { return v == 0 || v == 255; });
        if (two_levels) {
            std::vector<unsigned> b(n);
            for (std::size_t i = 0; i < n; ++i) b[i] = g[i] ? 1 : 0;
            add(b, width, 1, 1, QPDFObjectHandle::newName("/DeviceGray"));
        }
        add(g, width, 8, 1, QPDFObjectHandle::newName("/DeviceGray"));
    } else {
        std::vector<unsigned> rgb(px, px + n * 3);
        add(rgb, width * 3, 8, 3, QPDFObjectHandle::newName("/DeviceRGB"));
    }
    // Indexed: 8 bits a pixel for an RGB image, fewer for one of at most 16 colours.
    if (!soft_mask && colours.size() <= (depth == 3 ? 256u : 16u) && colours.size() >= 2) {
        // Colours in their numeric order: the same image, the same palette.
        std::map<std::uint32_t, unsigned> index;
        std::string lookup;
        for (std::uint32_t c : colours) {
            index.emplace(c, static_cast<unsigned>(index.size()));
            if (depth == 3) lookup += static_cast<char>(c >> 16), lookup += static_cast<char>(c >> 8 & 0xFF);
            lookup += static_cast<char>(c & 0xFF);
        }
        std::vector<unsigned> k(n);
        for (std::size_t i = 0; i < n; ++i) k[i] = index[colour(i)];
        const int bits = colours.size() <= 2 ? 1 : colours.size() <= 4 ? 2 : colours.size() <= 16 ? 4 : 8;
        QPDFObjectHandle space = QPDFObjectHandle::newArray();
        space.appendItem(QPDFObjectHandle::newName("/Indexed"));
        space.appendItem(QPDFObjectHandle::newName(depth == 3 ? "/DeviceRGB" : "/DeviceGray"));
        space.appendItem(QPDFObjectHandle::newInteger(static_cast<long long>(colours.size()) - 1));
        space.appendItem(QPDFObjectHandle::newString(lookup));
        add(k, width, bits, 1, space, lookup.size());
    }
    const Encoding* best = nullptr;
    for (const auto& e : tries)
        if (!best || e.cost() < best->cost()) best = &e;
    if (!best || best->cost() >= raw->getSize()) return;
    QPDFObjectHandle parms = QPDFObjectHandle::newDictionary();
    parms.replaceKey("/Predictor", QPDFObjectHandle::newInteger(15));
    parms.replaceKey("/Colors", QPDFObjectHandle::newInteger(best->colors));
    parms.replaceKey("/BitsPerComponent", QPDFObjectHandle::newInteger(best->bits));
    parms.replaceKey("/Columns", QPDFObjectHandle::newInteger(w));
    image.replaceStreamData(best->data, QPDFObjectHandle::newName("/FlateDecode"), parms);
    dict.replaceKey("/ColorSpace", best->color_space);
    dict.replaceKey("/BitsPerComponent", QPDFObjectHandle::newInteger(best->bits));
}

void shrink_images(QPDF& pdf) {
    std::set<QPDFObjGen> masks;
    std::vector<QPDFObjectHandle> images;
    for (auto& o : pdf.getAllObjects()) {
        if (!o.isStream() || !o.getDict().getKey("/Subtype").isNameAndEquals("/Image")) continue;
        images.push_back(o);
        if (QPDFObjectHandle m = o.getDict().getKey("/SMask"); m.isStream()) masks.insert(m.getObjGen());
    }
    for (auto& image : images) shrink_image(image, masks.count(image.getObjGen()) > 0);
}

std::uint32_t be32(const std::string& f, std::size_t at) {
    return std::uint32_t(static_cast<unsigned char>(f[at])) << 24 | std::uint32_t(static_cast<unsigned char>(f[at + 1])) << 16 |
           std::uint32_t(static_cast<unsigned char>(f[at + 2])) << 8 | static_cast<unsigned char>(f[at + 3]);
}
unsigned be16(const std::string& f, std::size_t at) {
    return unsigned(static_cast<unsigned char>(f[at])) << 8 | static_cast<unsigned char>(f[at + 1]);
}
void put32(std::string& f, std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) f[at + static_cast<std::size_t>(i)] = static_cast<char>(v >> (24 - 8 * i) & 0xFF);
}
std::uint32_t checksum(const std::string& f, std::size_t at, std::size_t length) {
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < length; i += 4) {
        std::uint32_t word = 0;
        for (std::size_t k = 0; k < 4; ++k)
            word = word << 8 | (at + i + k < f.size() && i + k < length ? static_cast<unsigned char>(f[at + i + k]) : 0u);
        sum += word;
    }
    return sum;
}

// libharu 2.3 keeps the outlines of the glyphs a document uses only, but
// writes the horizontal metrics of all of them: 934 bytes a font, 550 once
// compressed, for the 233 glyphs of the shipped subset. A glyph left without
// outline gets metrics 0 (they compress to nothing); the PDF positions its
// text by its /Widths, never by these. Glyph 0 and the space characters
// (drawn without outline) keep theirs. About 0,8 KB less a document with
// both weights, the font still valid (checksums recomputed).
std::string thinned_metrics(std::string f) {
    if (f.size() < 12) return {};
    const unsigned tables = be16(f, 4);
    std::map<std::string, std::pair<std::size_t, std::size_t>> at;   // tag → offset, length
    std::map<std::string, std::size_t> record;
    for (unsigned i = 0; i < tables; ++i) {
        const std::size_t r = 12 + 16 * std::size_t(i);
        if (r + 16 > f.size()) return {};
        const std::string tag = f.substr(r, 4);
        const std::size_t off = be32(f, r + 8), len = be32(f, r + 12);
        if (off > f.size() || len > f.size() - off) return {};
        at[tag] = {off, len};
        record[tag] = r;
    }
    for (const char* t : {"head", "hhea", "maxp", "loca", "hmtx", "glyf", "cmap"})
        if (!at.count(t)) return {};
    // Plain variables, not structured bindings: a lambda below captures one (C++17).
    const std::size_t head = at["head"].first, head_len = at["head"].second;
    const std::size_t hhea = at["hhea"].first, hhea_len = at["hhea"].second;
    const std::size_t maxp = at["maxp"].first, maxp_len = at["maxp"].second;
    const std::size_t loca = at["loca"].first, loca_len = at["loca"].second;
    const std::size_t hmtx = at["hmtx"].first, hmtx_len = at["hmtx"].second;
    if (head_len < 54 || hhea_len < 36 || maxp_len < 6) return {};
    const bool long_loca = be16(f, head + 50) == 1;
    const std::size_t glyphs = be16(f, maxp + 4), metrics = be16(f, hhea + 34);
    if (loca_len < (glyphs + 1) * (long_loca ? 4 : 2) || metrics > glyphs || hmtx_len < metrics * 4 + (glyphs - metrics) * 2)
        return {};
    auto offset = [&](std::size_t g) { return long_loca ? be32(f, loca + 4 * g) : 2 * be16(f, loca + 2 * g); };
    // The glyphs of U+0020, U+00A0 and U+202F, from the Windows Unicode cmap (format 4).
    std::set<std::size_t> keep{0};
    const auto [cmap, cmap_len] = at["cmap"];
    for (std::size_t k = 0; cmap_len >= 4 && k < be16(f, cmap + 2) && cmap + 4 + 8 * k + 8 <= cmap + cmap_len; ++k) {
        const std::size_t sub = cmap + be32(f, cmap + 4 + 8 * k + 4);
        if (be16(f, cmap + 4 + 8 * k) != 3 || sub + 14 > f.size() || be16(f, sub) != 4) continue;
        const std::size_t segs = be16(f, sub + 6) / 2;
        const std::size_t ends = sub + 14, starts = ends + 2 * segs + 2, deltas = starts + 2 * segs, ranges = deltas + 2 * segs;
        if (ranges + 2 * segs > f.size()) return {};
        for (unsigned space : {0x20u, 0xA0u, 0x202Fu})
            for (std::size_t s = 0; s < segs; ++s) {
                if (space > be16(f, ends + 2 * s) || space < be16(f, starts + 2 * s)) continue;
                const unsigned range = be16(f, ranges + 2 * s);
                unsigned g = 0;
                if (range == 0) g = (space + be16(f, deltas + 2 * s)) & 0xFFFF;
                else {
                    const std::size_t gi = ranges + 2 * s + range + 2 * (space - be16(f, starts + 2 * s));
                    if (gi + 2 > f.size()) return {};
                    g = be16(f, gi);
                    if (g) g = (g + be16(f, deltas + 2 * s)) & 0xFFFF;
                }
                keep.insert(g);
                break;
            }
    }
    bool changed = false;
    for (std::size_t g = 1; g < glyphs; ++g) {
        if (keep.count(g) || offset(g + 1) != offset(g)) continue;
        const std::size_t entry = g < metrics ? hmtx + 4 * g : hmtx + 4 * metrics + 2 * (g - metrics);
        for (std::size_t b = 0; b < (g < metrics ? 4u : 2u); ++b) changed |= f[entry + b] != 0, f[entry + b] = 0;
    }
    if (!changed) return {};
    put32(f, record["hmtx"] + 4, checksum(f, hmtx, hmtx_len));
    put32(f, head + 8, 0);
    put32(f, head + 8, 0xB1B0AFBAu - checksum(f, 0, f.size()));
    return f;
}

void thin_fonts(QPDF& pdf) {
    std::set<QPDFObjGen> done;
    for (auto& o : pdf.getAllObjects()) {
        if (!o.isDictionary() || !o.getKey("/Type").isNameAndEquals("/FontDescriptor")) continue;
        QPDFObjectHandle file = o.getKey("/FontFile2");
        if (!file.isStream() || !done.insert(file.getObjGen()).second) continue;
        const auto data = file.getStreamData(qpdf_dl_generalized);
        const std::string font = thinned_metrics(std::string(reinterpret_cast<const char*>(data->getBuffer()), data->getSize()));
        if (font.empty()) continue;
        const std::string packed = deflated(font);
        if (packed.empty()) continue;
        file.replaceStreamData(packed, QPDFObjectHandle::newName("/FlateDecode"), QPDFObjectHandle::newNull());
    }
}

}  // namespace

std::string pack_pdf(const std::string& pdf, const std::string& what) {
    try {
        QPDF in;
        in.setSuppressWarnings(true);
        in.processMemoryFile(what.c_str(), pdf.data(), pdf.size());
        shrink_images(in);
        thin_fonts(in);
        QPDFWriter out(in);
        out.setOutputMemory();
        out.setObjectStreamMode(qpdf_o_generate);
        // libharu's streams are already compressed: copied as they are.
        out.setDecodeLevel(qpdf_dl_none);
        out.setCompressStreams(true);
        // The /ID from an MD5 of the content, not of the clock: reproducible files.
        out.setDeterministicID(true);
        out.write();
        auto buffer = out.getBufferSharedPointer();
        return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
    } catch (const std::exception& e) {
        throw Error("PDF « " + what + " » illisible à la mise en forme finale (" + e.what() + ").");
    }
}

}  // namespace cotation::report
