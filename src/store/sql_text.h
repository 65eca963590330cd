#pragma once
// SQL quoting both back ends share: standard SQL, as SQLite and PostgreSQL
// read it (a quote inside is doubled).
#include <string>

namespace cotation::sql {

inline std::string quoted(const std::string& s, char q) {
    std::string out(1, q);
    for (char c : s) out += c == q ? std::string(2, q) : std::string(1, c);
    return out + q;
}
// A table, column, schema or role name.
inline std::string identifier(const std::string& name) { return quoted(name, '"'); }
// A string value written into the statement (role names in DDL, column names read back).
inline std::string literal(const std::string& s) { return quoted(s, '\''); }

}  // namespace cotation::sql
