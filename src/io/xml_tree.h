#pragma once
// A small element tree read with Poco's SAX parser, which keeps the line of
// every element so that a grid error can name it.
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

// Throws InputError naming the path: a directory, what is not a regular
// file (a device, a pipe: trial 13e F8), more than kMaxInputBytes.
// With `max_line_bytes`, also a line longer than that, refused as soon as it
// is read (trial 13f F6: a 600 Mo CSV of one line took 2,9 Go before its
// refusal): naming the file and the line.
std::string read_file(const std::string& path, std::size_t max_line_bytes = 0);
// A table (dossiers, notes, offer, zones): its longest line is a few dozen
// cells of at most 4 000 characters (kMaxMotiveChars), far below 1 Mio.
inline constexpr std::size_t kMaxCsvLineBytes = std::size_t{1} << 20;
inline std::string read_csv_file(const std::string& path) { return read_file(path, kMaxCsvLineBytes); }
// The national FINESS extraction, the largest file read, is about 100 Mo.
inline constexpr std::size_t kMaxInputBytes = std::size_t{1} << 30;

}  // namespace cotation::io
