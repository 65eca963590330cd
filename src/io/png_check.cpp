#include "png_check.h"

#include <zlib.h>

#include <array>
#include <cstdint>
#include <vector>

namespace cotation::io {

namespace {
std::uint32_t be32(std::string_view b, std::size_t at) {
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 24) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8) | static_cast<unsigned char>(b[at + 3]);
}

bool valid_depth(int colour, int depth) {
    switch (colour) {
        case 0: return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
        case 3: return depth == 1 || depth == 2 || depth == 4 || depth == 8;
        case 2: case 4: case 6: return depth == 8 || depth == 16;
        default: return false;
    }
}

// The rows libpng reads, pass after pass (7 passes when interlaced, Adam7).
struct Rows {
    std::uint64_t count = 0, bytes = 0;   // rows of this pass, bytes a row (filter byte included)
};
std::vector<Rows> rows_of(std::uint64_t w, std::uint64_t h, int channels, int depth, bool interlaced) {
    auto row_bytes = [&](std::uint64_t width) { return (width * static_cast<std::uint64_t>(channels * depth) + 7) / 8 + 1; };
    if (!interlaced) return {{h, row_bytes(w)}};
    static constexpr std::array<std::array<int, 4>, 7> kPasses{
        {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}}};
    std::vector<Rows> out;
    for (const auto& [x0, y0, dx, dy] : kPasses) {
        std::uint64_t pw = w > static_cast<std::uint64_t>(x0) ? (w - x0 + dx - 1) / dx : 0;
        std::uint64_t ph = h > static_cast<std::uint64_t>(y0) ? (h - y0 + dy - 1) / dy : 0;
        if (pw && ph) out.push_back({ph, row_bytes(pw)});
    }
    return out;
}
}  // namespace

std::string png_decoding_problem(std::string_view b) {
    if (b.size() < 8 || b.substr(0, 8) != std::string_view("\x89PNG\r\n\x1a\n", 8)) return "ce n'est pas une image PNG";
    std::size_t at = 8;
    bool header = false, palette = false, end = false;
    std::uint32_t width = 0, height = 0;
    int depth = 0, colour = 0, interlace = 0;
    std::string data;
    while (!end) {
        if (at + 12 > b.size()) return "fichier tronqué : l'image s'arrête avant sa fin (pas de bloc IEND)";
        std::uint32_t length = be32(b, at);
        std::string_view type = b.substr(at + 4, 4);
        if (length > b.size() - at - 12) return "fichier tronqué : le bloc « " + std::string(type) + " » est coupé";
        std::string_view body = b.substr(at + 8, length);
        uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(b.data() + at + 4), static_cast<uInt>(length + 4));
        if (crc != be32(b, at + 8 + length))
            return "fichier altéré : somme de contrôle fausse au bloc « " + std::string(type) + " »";
        if (!header && type != "IHDR") return "l'image ne commence pas par son en-tête (IHDR)";
        if (type == "IHDR") {
            if (header || length != 13) return "en-tête (IHDR) invalide";
            header = true;
            width = be32(body, 0);
            height = be32(body, 4);
            depth = static_cast<unsigned char>(body[8]);
            colour = static_cast<unsigned char>(body[9]);
            interlace = static_cast<unsigned char>(body[12]);
            if (width == 0 || height == 0 || width > 0x7fffffffu || height > 0x7fffffffu || !valid_depth(colour, depth) ||
                body[10] != 0 || body[11] != 0 || interlace > 1)
                return "en-tête (IHDR) invalide";
        } else if (type == "PLTE") {
            palette = length > 0 && length % 3 == 0 && length <= 768;
            if (!palette) return "palette (PLTE) invalide";
        } else if (type == "IDAT") {
            data.append(body);
        } else if (type == "IEND") {
            end = true;
        } else if (type[0] >= 'A' && type[0] <= 'Z') {
            return "bloc « " + std::string(type) + " » inconnu, que le lecteur PNG refuse";
        }
        at += 12 + length;
    }
    if (colour == 3 && !palette) return "image à palette sans palette (PLTE)";
    if (data.empty()) return "l'image n'a pas de données (IDAT)";

    // Inflate and walk the rows: each starts with a filter byte (0 to 4).
    const int channels = colour == 2 ? 3 : colour == 4 ? 2 : colour == 6 ? 4 : 1;
    std::vector<Rows> rows = rows_of(width, height, channels, depth, interlace == 1);
    std::size_t pass = 0;
    std::uint64_t row = 0, in_row = 0;   // position in the current pass
    z_stream z{};
    if (inflateInit(&z) != Z_OK) return "décompression impossible";
    z.next_in = reinterpret_cast<Bytef*>(data.data());
    z.avail_in = static_cast<uInt>(data.size());
    std::array<unsigned char, 16384> buf;
    int rc = Z_OK;
    std::string problem;
    while (rc == Z_OK && problem.empty()) {
        z.next_out = buf.data();
        z.avail_out = buf.size();
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            problem = rc == Z_BUF_ERROR ? "données de l'image tronquées" : "données de l'image illisibles";
            break;
        }
        std::size_t got = buf.size() - z.avail_out;
        for (std::size_t i = 0; i < got;) {
            if (pass == rows.size()) {
                problem = "données de l'image en trop";
                break;
            }
            if (in_row == 0 && buf[i] > 4) {
                problem = "données de l'image illisibles (filtre de ligne inconnu)";
                break;
            }
            std::uint64_t take = std::min<std::uint64_t>(rows[pass].bytes - in_row, got - i);
            i += take;
            in_row += take;
            if (in_row == rows[pass].bytes) {
                in_row = 0;
                if (++row == rows[pass].count) {
                    row = 0;
                    ++pass;
                }
            }
        }
        if (rc == Z_OK && got == 0 && z.avail_in == 0) problem = "données de l'image tronquées";
    }
    inflateEnd(&z);
    if (!problem.empty()) return problem;
    if (pass != rows.size()) return "données de l'image tronquées";
    return "";
}

}  // namespace cotation::io
