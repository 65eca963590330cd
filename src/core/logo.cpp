#include "logo.h"

#include <cstdint>

namespace cotation {

namespace {
constexpr std::string_view kPrefix = "data:image/png;base64,";
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

unsigned be32(std::string_view b, std::size_t at) {
    return (static_cast<unsigned>(static_cast<unsigned char>(b[at])) << 24) |
           (static_cast<unsigned>(static_cast<unsigned char>(b[at + 1])) << 16) |
           (static_cast<unsigned>(static_cast<unsigned char>(b[at + 2])) << 8) | static_cast<unsigned char>(b[at + 3]);
}
int sextet(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}
}  // namespace

std::optional<PngHeader> png_header(std::string_view b) {
    // Signature (8), IHDR length (4) and type (4), then width, height, depth, colour type.
    if (b.size() < 33 || b.substr(0, 8) != std::string_view("\x89PNG\r\n\x1a\n", 8) || b.substr(12, 4) != "IHDR")
        return std::nullopt;
    PngHeader h;
    h.width = be32(b, 16);
    h.height = be32(b, 20);
    h.bit_depth = static_cast<unsigned char>(b[24]);
    h.color_type = static_cast<unsigned char>(b[25]);
    if (h.width == 0 || h.height == 0) return std::nullopt;
    return h;
}

std::string logo_problem(std::string_view bytes, const std::string& name) {
    const std::string who = "Logo « " + name + " » : ";
    auto h = png_header(bytes);
    if (!h) return who + "ce n'est pas une image PNG lisible ; enregistrez le logo au format PNG.";
    if (bytes.size() > kLogoMaxBytes)
        return who + "fichier de " + std::to_string(bytes.size() / 1024) + " Ko, au-delà de " +
               std::to_string(kLogoMaxBytes / 1024) + " Ko ; un logo d'en-tête tient en quelques kilo-octets : réduisez-le.";
    if (h->width > kLogoMaxSide || h->height > kLogoMaxSide)
        return who + "image de " + std::to_string(h->width) + " × " + std::to_string(h->height) + " pixels, au-delà de " +
               std::to_string(kLogoMaxSide) + " ; réduisez-la.";
    if (h->bit_depth > 8)
        return who + "PNG à 16 bits par canal, que le moteur PDF imprime mal ; enregistrez-le en 8 bits par canal "
                     "(par exemple : convert logo.png -depth 8 logo8.png) puis donnez ce fichier.";
    return "";
}

std::string logo_to_stored(std::string_view png) {
    std::string out(kPrefix);
    std::size_t i = 0;
    for (; i + 2 < png.size(); i += 3) {
        std::uint32_t v = (static_cast<unsigned char>(png[i]) << 16) | (static_cast<unsigned char>(png[i + 1]) << 8) |
                          static_cast<unsigned char>(png[i + 2]);
        for (int s = 18; s >= 0; s -= 6) out += kAlphabet[(v >> s) & 63];
    }
    if (i < png.size()) {
        std::uint32_t v = static_cast<unsigned char>(png[i]) << 16;
        if (i + 1 < png.size()) v |= static_cast<unsigned char>(png[i + 1]) << 8;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += i + 1 < png.size() ? kAlphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

bool logo_is_stored(std::string_view text) { return text.substr(0, kPrefix.size()) == kPrefix; }

std::string logo_from_stored(std::string_view text) {
    if (!logo_is_stored(text)) return "";
    std::string out;
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : text.substr(kPrefix.size())) {
        int v = sextet(c);
        if (v < 0) continue;   // '=' padding
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xFF);
        }
    }
    return out;
}

std::string logo_name(const std::string& text) { return logo_is_stored(text) ? std::string("de l'autorité") : text; }

std::string logo_description(const std::string& text) {
    if (!logo_is_stored(text)) return text;
    std::string png = logo_from_stored(text);
    auto h = png_header(png);
    if (!h) return "rangé dans la campagne";
    return "rangé dans la campagne (PNG " + std::to_string(h->width) + " × " + std::to_string(h->height) + " px, " +
           std::to_string((png.size() + 1023) / 1024) + " Ko)";
}

}  // namespace cotation
