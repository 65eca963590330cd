#pragma once
// Semicolon-separated files as French spreadsheets export them: UTF-8 (a BOM
// is skipped), fields quoted with "…" and "" inside, CRLF or LF. Each record
// keeps the line it starts on so that an error can name it.
#include <string>
#include <vector>

namespace cotation::io {

struct CsvRecord {
    int line = 0;
    std::vector<std::string> fields;
};

// Throws InputError naming the file and line of an unclosed quote, of a byte
// that is not UTF-8, of a header separated by commas or tabs when `sep` is
// ';' (one message instead of one per line), or of a header naming a column
// twice. The first record is every reader's header.
std::vector<CsvRecord> parse_csv(const std::string& content, const std::string& file_name, char sep = ';');

// Columns a spreadsheet leaves at the end of the header with no name (once
// used, then cleared) are dropped when every cell under them is empty; a value
// under one is an InputError naming the file, line and column.
void drop_unnamed_trailing_columns(std::vector<CsvRecord>& records, const std::string& file_name);

// Quotes a field when it needs it.
std::string csv_field(const std::string& value, char sep = ';');

}  // namespace cotation::io
