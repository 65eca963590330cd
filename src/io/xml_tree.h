#pragma once
// A small element tree read with Poco's SAX parser, which keeps the line of
// every element so that a grid error can name it.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cotation::io {

struct XmlElement {
    std::string name;
    std::map<std::string, std::string> attributes;
    std::string text;    // character data directly inside, trimmed
    int line = 0;
    std::vector<std::unique_ptr<XmlElement>> children;

    XmlElement() = default;
    XmlElement(const XmlElement&) = delete;
    XmlElement& operator=(const XmlElement&) = delete;
    // Frees the subtree with a loop: a recursive destructor overflowed the
    // stack on a file nesting 300 000 elements.
    ~XmlElement();

    std::optional<std::string> attr(const std::string& key) const;
    std::vector<const XmlElement*> all(const std::string& child) const;
    const XmlElement* first(const std::string& child) const;
};

// Deeper nesting is refused (no grid or form needs more than a dozen levels).
inline constexpr std::size_t kMaxXmlDepth = 64;

// Throws InputError naming `file_name` and the line of a syntax error, or of
// the element nested deeper than kMaxXmlDepth.
std::unique_ptr<XmlElement> parse_xml(const std::string& content, const std::string& file_name);

// What a file read is, for the bound of its size (trial 13g G4: a 900 Mo
// file of 900 Ko lines took 47 s and 2,66 Go before its refusal): the size is
// checked before a byte is read, and again while reading (a file that grows).
struct InputKind {
    const char* what;            // « un tableau (dossiers, notes, offre, zones) », in the refusal
    std::size_t max_bytes;
    std::size_t max_line_bytes = 0;   // 0: lines are not bounded
};
// A table: a few thousand dossiers, or notes, of a few dozen cells of at most
// 4 000 characters (kMaxMotiveChars); a line is far below 1 Mio.
inline constexpr InputKind kTableFile{"un tableau (dossiers, notes, offre, zones)", std::size_t{64} << 20,
                                      std::size_t{1} << 20};
// A grid, a form, a procedure: a few dozen Ko.
inline constexpr InputKind kXmlFile{"une grille, un formulaire ou une procédure", std::size_t{16} << 20};
// A document template (ODT, text): a few hundred Ko with its images.
inline constexpr InputKind kTemplateFile{"un modèle de document", std::size_t{16} << 20};
// A logo (PNG).
inline constexpr InputKind kImageFile{"un logo", std::size_t{16} << 20};
// The national FINESS extraction, the largest file read, is about 100 Mo;
// the reference data (communes, maps) a few Mo.
inline constexpr InputKind kFinessFile{"une extraction FINESS", std::size_t{512} << 20};
inline constexpr InputKind kAnyFile{"un fichier que Cotation lit (dossiers, notes, grille, offre…)", std::size_t{1} << 30};
inline constexpr std::size_t kMaxInputBytes = kAnyFile.max_bytes;
inline constexpr std::size_t kMaxCsvLineBytes = kTableFile.max_line_bytes;

// Throws InputError naming the path: a directory, what is not a regular
// file (a device, a pipe: trial 13e F8), a file larger than `kind` admits
// (its size and the bound said), a line longer than its bound, refused as
// soon as it is read (trial 13f F6), naming the file and the line.
std::string read_file(const std::string& path, const InputKind& kind = kAnyFile);
inline std::string read_csv_file(const std::string& path) { return read_file(path, kTableFile); }
// The refusal of a file of `bytes` for `kind`, or "" when it fits.
std::string input_size_refusal(const std::string& path, std::uintmax_t bytes, const InputKind& kind);

}  // namespace cotation::io
