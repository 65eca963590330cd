#include "ledger.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <cctype>
#include <map>
#include <chrono>
#include <cstdio>
#include <string_view>

#include "core/read_rules.h"

namespace cotation::row_ledger {

std::string quote(const Cell& c) {
    switch (c.kind) {
    case Cell::Kind::Null: return "NULL";
    case Cell::Kind::Integer:
    case Cell::Kind::Real: return c.value;
    case Cell::Kind::Text: break;
    }
    std::string out = "'";
    for (char ch : c.value) out += ch == '\'' ? std::string("''") : std::string(1, ch);
    return out + "'";
}

std::string instant(const std::string& text) {
    // YYYY-MM-DD[T ]HH:MM:SS[.f…](Z|±HH[:MM])
    auto digits = [&](std::size_t at, std::size_t n, int& out) {
        if (at + n > text.size()) return false;
        out = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
            out = out * 10 + (text[i] - '0');
        }
        return true;
    };
    int y, mo, d, h, mi, s;
    if (!digits(0, 4, y) || text.size() < 20 || text[4] != '-' || !digits(5, 2, mo) || text[7] != '-' || !digits(8, 2, d) ||
        (text[10] != 'T' && text[10] != ' ') || !digits(11, 2, h) || text[13] != ':' || !digits(14, 2, mi) ||
        text[16] != ':' || !digits(17, 2, s))
        return text;
    std::size_t p = 19;
    std::string fraction;
    if (text[p] == '.') {
        std::size_t q = p + 1;
        while (q < text.size() && std::isdigit(static_cast<unsigned char>(text[q]))) ++q;
        if (q == p + 1) return text;
        fraction = text.substr(p, q - p);
        p = q;
    }
    int offset = 0;   // minutes east of UTC
    if (p < text.size() && text[p] == 'Z' && p + 1 == text.size()) {
    } else if (p < text.size() && (text[p] == '+' || text[p] == '-')) {
        int oh, om = 0;
        if (!digits(p + 1, 2, oh)) return text;
        std::size_t end = p + 3;
        if (end < text.size() && text[end] == ':') {
            if (!digits(end + 1, 2, om)) return text;
            end += 3;
        }
        if (end != text.size()) return text;
        offset = (text[p] == '-' ? -1 : 1) * (oh * 60 + om);
    } else {
        return text;
    }
    using namespace std::chrono;
    year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return text;
    sys_seconds t = sys_days{ymd} + hours{h} + minutes{mi} + seconds{s} - minutes{offset};
    auto dp = floor<days>(t);
    year_month_day u{dp};
    hh_mm_ss hms{t - dp};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(u.year()), static_cast<unsigned>(u.month()),
                  static_cast<unsigned>(u.day()), static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf + fraction + "Z";
}

std::string row_text(const std::vector<std::string>& columns, const std::vector<Cell>& cells) {
    std::string out;
    for (std::size_t i = 0; i < columns.size() && i < cells.size(); ++i) {
        const Cell& c = cells[i];
        if (c.kind == Cell::Kind::Null || (c.kind == Cell::Kind::Text && c.value.empty()) ||
            (c.kind == Cell::Kind::Integer && c.value == "0"))
            continue;
        out += columns[i] + "=" + quote(c) + ";";
    }
    return out;
}

std::string key_text(const std::vector<std::string>& keys, const std::vector<Cell>& cells) {
    std::string out;
    for (std::size_t i = 0; i < keys.size() && i < cells.size(); ++i)
        out += (out.empty() ? "" : ", ") + keys[i] + "=" + quote(cells[i]);
    return out;
}

std::string digest(const std::string& row) {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(row);
    return Poco::DigestEngine::digestToHex(sha.digest()).substr(0, 32);   // 128 bits
}

// Keys are SQL text; a tab or a newline in them would break the lines.
std::string escape(const std::string& s) {
    std::string out;
    for (char c : s)
        out += c == '\\'   ? std::string("\\\\")
               : c == '\t' ? std::string("\\t")
               : c == '\n' ? std::string("\\n")
                           : std::string(1, c);
    return out;
}

Rows expected(const std::vector<JournalEntry>& entries) {
    Rows out;
    apply(out, entries);
    return out;
}

void apply(Rows& out, const std::vector<JournalEntry>& entries) {
    for (const auto& e : entries) apply(out, e.rows);
}

void apply(Rows& out, const std::string& rows) {
    std::size_t start = 0;
    while (start < rows.size()) {
        std::size_t end = rows.find('\n', start);
        if (end == std::string::npos) end = rows.size();
        const std::string_view line(rows.data() + start, end - start);
        start = end + 1;
        auto t1 = line.find('\t'), t2 = line.rfind('\t');
        if (t1 == std::string_view::npos || t2 == t1) continue;
        std::pair<std::string, std::string> k{std::string(line.substr(0, t1)), std::string(line.substr(t1 + 1, t2 - t1 - 1))};
        const std::string_view d = line.substr(t2 + 1);
        if (d == "-") out.erase(k);
        else out.insert_or_assign(std::move(k), std::string(d));
    }
}

std::string rows_text(const Rows& rows) {
    std::string out;
    for (const auto& [k, d] : rows) out += k.first + "\t" + k.second + "\t" + d + "\n";
    return out;
}

void compare(const Rows& expected, const Rows& current, const std::map<std::string, std::string>& references,
             std::vector<std::string>& problems) {
    auto row_name = [&](const std::pair<std::string, std::string>& k) {
        std::string key = k.second;
        for (const char* col : {"dossier_id=", "id="}) {
            if (col == std::string("id=") && k.first != "dossier") continue;
            auto p = key.find(col);
            if (p == std::string::npos || (p > 0 && key[p - 1] != ' ')) continue;
            std::size_t q = p + std::string(col).size(), e = q;
            while (e < key.size() && std::isdigit(static_cast<unsigned char>(key[e]))) ++e;
            auto r = references.find(key.substr(q, e - q));
            if (r != references.end()) key.insert(e, " (« " + r->second + " »)");
        }
        return "table " + k.first + ", ligne " + key;
    };
    // Per table, the first few rows and how many more: deleting the whole
    // journal must not print a line per rating.
    std::map<std::string, std::vector<std::string>> by_table;
    auto note = [&](const std::pair<std::string, std::string>& k, const std::string& what) {
        by_table[k.first].push_back(row_name(k) + " : " + what);
    };
    // Server journals written before schema_version left the ledger (pg_ledger.cpp)
    // still give its row: the version is the header's, not campaign data.
    auto header = [](const std::pair<std::string, std::string>& k) { return k.first == "schema_version"; };
    for (const auto& [k, d] : current) {
        if (header(k)) continue;
        auto e = expected.find(k);
        if (e == expected.end())
            note(k,
                 "présente dans les données, absente du journal (ajoutée hors de Cotation, ou ses entrées du journal ont été "
                 "supprimées)");
        else if (e->second != d)
            note(k,
                 "diffère de ce que le journal a enregistré (modifiée hors de Cotation, ou ses dernières entrées du journal ont "
                 "été supprimées)");
    }
    for (const auto& [k, d] : expected)
        if (!header(k) && !current.count(k)) note(k, "enregistrée au journal, absente des données (supprimée hors de Cotation)");
    constexpr std::size_t kShown = 5;
    for (const auto& [table, lines] : by_table) {
        for (std::size_t i = 0; i < lines.size() && i < kShown; ++i) problems.push_back(lines[i]);
        if (lines.size() > kShown)
            problems.push_back("table " + table + " : " + std::to_string(lines.size() - kShown) +
                               " autres lignes dans le même cas");
    }
}

void compare_organisation_keys(const std::vector<KeyedRow>& rows, std::vector<std::string>& problems) {
    std::map<std::string, std::size_t> shown;   // per table, as compare(): the first few and how many more
    constexpr std::size_t kShown = 5;
    for (const auto& r : rows) {
        const std::string want = organisation_key(r.organisme);
        if (r.key == want) continue;
        if (++shown[r.table] <= kShown)
            problems.push_back("table " + r.table + ", ligne " + r.row + " : la clé de son organisme est « " + r.key +
                               " » et non « " + want +
                               " » (écrite hors de Cotation ; les droits d'un serveur comparent les liens d'intérêts par elle)");
    }
    for (const auto& [table, n] : shown)
        if (n > kShown)
            problems.push_back("table " + table + " : " + std::to_string(n - kShown) +
                               " autres clés d'organisme dans le même cas");
}

void compare_before_write(const Rows& journal, const Rows& before, const std::map<std::string, std::string>& references,
                          std::vector<std::string>& problems) {
    Rows expected_part, current_part;
    for (const auto& [k, d] : before) {
        if (d != "-") current_part[k] = d;
        if (auto e = journal.find(k); e != journal.end()) expected_part[k] = e->second;
    }
    compare(expected_part, current_part, references, problems);
}

}  // namespace cotation::row_ledger
