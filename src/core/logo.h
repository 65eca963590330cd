#pragma once
// The authority's logo kept INSIDE the campaign (trial finding 30): checked
// once when it is given (a readable PNG, 8 bits per channel, bounded size),
// then stored as text in the authority's « logo » field, so that no document
// depends on a path of the machine that typed it. A campaign made before
// keeps a path there; documents still read it. Pure bytes, no I/O.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cotation {

inline constexpr std::size_t kLogoMaxBytes = 256 * 1024;   // a letterhead logo is a few kilobytes
inline constexpr unsigned kLogoMaxSide = 4000;               // pixels

struct PngHeader {
    unsigned width = 0, height = 0;
    int bit_depth = 0, color_type = 0;
};
// The PNG's IHDR, or nothing when `bytes` is no PNG.
std::optional<PngHeader> png_header(std::string_view bytes);

// Empty when `bytes` may be the logo, else why not, in French, naming `name`
// (16 bits per channel is refused: libharu prints it wrong).
std::string logo_problem(std::string_view bytes, const std::string& name);

// The stored form (« data:image/png;base64,… ») and back.
std::string logo_to_stored(std::string_view png);
bool logo_is_stored(std::string_view text);
std::string logo_from_stored(std::string_view text);   // the PNG's bytes; empty when `text` is not stored

// How messages name the logo: « de l'autorité » when stored, else its path.
std::string logo_name(const std::string& text);

// « PNG 300 × 120 px, 2,1 Ko » for the stored logo; `text` itself (a path) otherwise.
std::string logo_description(const std::string& text);

}  // namespace cotation
