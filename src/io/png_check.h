#pragma once
// A PNG decoded to its end before libharu reads it (trial 13b F16): libharu
// lets libpng's errors abort the process (« Not enough image data », exit
// 134), so an image it could choke on must never reach it. Chunks and their
// CRC, the IHDR's values, IEND, and the image data inflated and counted row
// by row (each row's filter byte), as libpng would read them.
#include <string>
#include <string_view>

namespace cotation::io {

// Empty when libpng reads `bytes` whole; else why not, in French (« données
// de l'image tronquées », …), without the file's name.
std::string png_decoding_problem(std::string_view bytes);

}  // namespace cotation::io
