#include "document_names.h"

#include <cstdint>
#include <cstdio>


namespace cotation::report {

namespace {
bool kept(unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

// 64-bit FNV-1a: only to shorten an over-long name; not security.
std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

// File systems take 255 bytes per name: room for the document part and ".odt".
constexpr std::size_t kMaxPart = 160;
}  // namespace

std::string file_part(std::string_view reference) {
    // An empty reference: « _ » alone, which no escaped byte produces.
    if (reference.empty()) return "_";
    std::string out;
    out.reserve(reference.size());
    for (std::size_t i = 0; i < reference.size(); ++i) {
        auto c = static_cast<unsigned char>(reference[i]);
        // A leading « - » would read as an option to the tools that get the file.
        if (kept(c) && !(i == 0 && c == '-')) {
            out += static_cast<char>(c);
        } else if (c == ' ') {
            out += '+';   // readable (« AAC+ACT+HLM+2023 »); « + » itself is escaped
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "_%02X", c);
            out += hex;
        }
    }
    if (out.size() > kMaxPart) {
        char hash[20];
        std::snprintf(hash, sizeof hash, "~%016llx", static_cast<unsigned long long>(fnv1a(reference)));
        std::size_t n = kMaxPart - 17;
        // Do not cut an escape « _XX » in two.
        if (out[n - 1] == '_') n -= 1;
        else if (out[n - 2] == '_') n -= 2;
        out.resize(n);
        out += hash;
    }
    return out;
}

std::string document_stem(std::string_view reference, std::string_view document) {
    return file_part(reference) + "-" + std::string(document);
}

}  // namespace cotation::report
