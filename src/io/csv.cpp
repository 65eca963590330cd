#include "csv.h"

#include "core/error.h"

namespace cotation::io {

std::vector<CsvRecord> parse_csv(const std::string& in, const std::string& file_name, char sep) {
    std::vector<CsvRecord> out;
    std::size_t i = 0;
    if (in.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
    int line = 1;
    while (i < in.size()) {
        CsvRecord rec;
        rec.line = line;
        std::string field;
        bool in_quotes = false, quoted = false, end = false;
        int quote_line = line;
        while (!end) {
            if (i >= in.size()) {
                if (in_quotes)
                    throw InputError(file_name + ", ligne " + std::to_string(quote_line) +
                                     " : guillemet ouvert et jamais refermé.");
                end = true;
                break;
            }
            char c = in[i];
            if (in_quotes) {
                if (c == '"') {
                    if (i + 1 < in.size() && in[i + 1] == '"') { field += '"'; i += 2; continue; }
                    in_quotes = false;
                    ++i;
                    continue;
                }
                if (c == '\n') ++line;
                field += c;
                ++i;
                continue;
            }
            if (c == '"' && field.empty() && !quoted) { in_quotes = quoted = true; quote_line = line; ++i; continue; }
            if (c == sep) { rec.fields.push_back(field); field.clear(); quoted = false; ++i; continue; }
            if (c == '\r' && i + 1 < in.size() && in[i + 1] == '\n') { ++i; continue; }
            if (c == '\n') { ++line; ++i; end = true; break; }
            field += c;
            ++i;
        }
        rec.fields.push_back(field);
        bool blank = rec.fields.size() == 1 && rec.fields[0].empty();
        if (!blank) out.push_back(std::move(rec));
    }
    return out;
}

std::string csv_field(const std::string& v, char sep) {
    if (v.find_first_of(std::string("\"\n\r") + sep) == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace cotation::io
