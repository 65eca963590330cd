#include "document_names.h"

#include <cstdint>
#include <cstdio>
#include <utility>

#include "core/french.h"
#include "pdf_letter.h"


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

std::string readable_part(std::string_view reference) {
    // Latin-1 and œ Œ: the letter without its accent (UTF-8 pairs, by hand).
    static const std::pair<const char*, const char*> accents[] = {
        {"à", "a"}, {"â", "a"}, {"ä", "a"}, {"ç", "c"}, {"é", "e"}, {"è", "e"}, {"ê", "e"}, {"ë", "e"}, {"î", "i"},
        {"ï", "i"}, {"ô", "o"}, {"ö", "o"}, {"ù", "u"}, {"û", "u"}, {"ü", "u"}, {"ÿ", "y"}, {"œ", "oe"}, {"À", "A"},
        {"Â", "A"}, {"Ä", "A"}, {"Ç", "C"}, {"É", "E"}, {"È", "E"}, {"Ê", "E"}, {"Ë", "E"}, {"Î", "I"}, {"Ï", "I"},
        {"Ô", "O"}, {"Ö", "O"}, {"Ù", "U"}, {"Û", "U"}, {"Ü", "U"}, {"Œ", "OE"}};
    std::string out;
    bool dash = false;
    for (std::size_t i = 0; i < reference.size();) {
        auto c = static_cast<unsigned char>(reference[i]);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && !out.empty()) out += '-';
            dash = false;
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        bool letter = false;
        for (const auto& [from, to] : accents) {
            std::string_view f(from);
            if (reference.substr(i, f.size()) == f) {
                if (dash && !out.empty()) out += '-';
                dash = false;
                out += to;
                i += f.size();
                letter = true;
                break;
            }
        }
        if (letter) continue;
        // « ° » of « n° » vanishes (« n°1 » -> « n1 »); anything else separates.
        if (reference.substr(i, 2) == "\u00B0") {
            i += 2;
            continue;
        }
        dash = true;
        ++i;
    }
    if (out.size() > kMaxPart) out.resize(kMaxPart);
    return out.empty() ? "campagne" : out;
}

std::string document_stem(std::string_view reference, std::string_view document) {
    return file_part(reference) + "-" + std::string(document);
}

std::string document_subject(const LetterHeader& header, const std::vector<Block>& body) {
    if (!header.subject.empty()) return header.subject;
    for (const auto& b : body)
        if (b.kind == BlockKind::Subject) {
            std::string s = b.text;
            if (s.rfind("Objet", 0) == 0) s = fr::trim(s.substr(s.find(':') == std::string::npos ? 5 : s.find(':') + 1));
            return s;
        }
    return header.title;
}

}  // namespace cotation::report
