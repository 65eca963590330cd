#include "sqlite_ledger.h"

#include <algorithm>
#include <unordered_set>
#include "sql_text.h"

namespace cotation::sqlite::ledger {
namespace {

struct Shape {
    std::vector<std::string> columns, keys;   // keys: primary key columns in order (empty: rowid)
};

Shape shape(Db& db, const std::string& table) {
    Shape s;
    std::string sql = "SELECT name, pk FROM pragma_table_info(" + sql::literal(table) + ") ORDER BY cid";
    Stmt st(db, sql.c_str());
    std::vector<std::pair<std::int64_t, std::string>> pk;
    while (st.step()) {
        s.columns.push_back(st.text(0));
        if (st.integer(1) > 0) pk.emplace_back(st.integer(1), st.text(0));
    }
    std::sort(pk.begin(), pk.end());
    for (const auto& [i, n] : pk) s.keys.push_back(n);
    return s;
}

// "dossier_id=3, criterion='I.1'": the key as text, in SQL.
std::string key_sql(const Shape& s, const std::string& prefix) {
    if (s.keys.empty()) return "'rowid=' || " + prefix + "rowid";
    std::string out;
    for (const auto& k : s.keys)
        out += (out.empty() ? "" : " || ', ' || ") + sql::literal(k + "=") + " || quote(" + prefix + sql::identifier(k) + ")";
    return out;
}

// The row as text, in SQL. An empty value (NULL, '' or integer 0) is left
// out, so that a column added by a migration with such a default does not
// change the digest of every row: cotation_ligne (sqlite_db.cpp), the text
// that CASE WHEN v IS NULL OR v IS '' OR (typeof(v)='integer' AND v=0)
// THEN '' ELSE 'c=' || quote(v) || ';' END gives a column, in one call.
std::string row_sql(const Shape& s, const std::string& prefix) {
    std::string out;
    for (const auto& c : s.columns) out += (out.empty() ? "" : ", ") + sql::literal(c + "=") + ", " + prefix + sql::identifier(c);
    return out.empty() ? "''" : "cotation_ligne(" + out + ")";
}

using cotation::row_ledger::digest;
using cotation::row_ledger::escape;

}  // namespace

std::vector<std::string> data_tables(Db& db) {
    std::vector<std::string> out;
    Stmt st(db, "SELECT name FROM main.sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                "AND name <> 'journal' ORDER BY name");
    while (st.step()) out.push_back(st.text(0));
    return out;
}

void track(Db& db) {
    db.exec("CREATE TEMP TABLE IF NOT EXISTS cotation_touched(tbl TEXT NOT NULL, k TEXT NOT NULL, row TEXT, "
            "PRIMARY KEY (tbl, k)) WITHOUT ROWID");
    // Each row as it was before its first change since the last take (NULL:
    // it did not exist), checked against the journal (row_ledger::compare_before_write).
    db.exec("CREATE TEMP TABLE IF NOT EXISTS cotation_before(tbl TEXT NOT NULL, k TEXT NOT NULL, row TEXT, "
            "PRIMARY KEY (tbl, k)) WITHOUT ROWID");
    for (const auto& t : data_tables(db)) {
        Shape s = shape(db, t);
        std::string name = sql::literal(t), on = " ON main." + sql::identifier(t) + " BEGIN ";
        auto put = [&](const std::string& key, const std::string& row) {
            // An upsert, not OR REPLACE: the conflict clause of the statement that fires a
            // trigger overrides the trigger's own (an upsert of the campaign's rows would make it ABORT).
            return "INSERT INTO cotation_touched(tbl, k, row) VALUES (" + name + ", " + key + ", " + row +
                   ") ON CONFLICT(tbl, k) DO UPDATE SET row = excluded.row; ";
        };
        // Only the first: not « INSERT OR IGNORE », which an outer « INSERT OR
        // REPLACE » turns into a replacement inside its triggers.
        auto was = [&](const std::string& key, const std::string& row) {
            return "INSERT INTO cotation_before(tbl, k, row) SELECT " + name + ", " + key + ", " + row +
                   " WHERE NOT EXISTS (SELECT 1 FROM cotation_before b WHERE b.tbl = " + name + " AND b.k = " + key + "); ";
        };
        // Before an insertion, the row it may replace (INSERT OR REPLACE fires
        // no deletion trigger): the one of the same key, or none.
        std::string same_key;
        for (const auto& k : s.keys)
            same_key += (same_key.empty() ? "" : " AND ") + ("x." + sql::identifier(k)) + " IS NEW." + sql::identifier(k);
        if (same_key.empty()) same_key = "x.rowid IS NEW.rowid";
        db.exec("CREATE TEMP TRIGGER IF NOT EXISTS " + sql::identifier("cotation_suivi_" + t + "_b") + " BEFORE INSERT" + on +
                was(key_sql(s, "NEW."), "(SELECT " + row_sql(s, "x.") + " FROM main." + sql::identifier(t) + " x WHERE " +
                                            same_key + ")") +
                "END");
        db.exec("CREATE TEMP TRIGGER IF NOT EXISTS " + sql::identifier("cotation_suivi_" + t + "_i") + " AFTER INSERT" + on +
                was(key_sql(s, "NEW."), "NULL") + put(key_sql(s, "NEW."), row_sql(s, "NEW.")) + "END");
        db.exec("CREATE TEMP TRIGGER IF NOT EXISTS " + sql::identifier("cotation_suivi_" + t + "_u") + " AFTER UPDATE" + on +
                was(key_sql(s, "OLD."), row_sql(s, "OLD.")) + was(key_sql(s, "NEW."), "NULL") + put(key_sql(s, "OLD."), "NULL") +
                put(key_sql(s, "NEW."), row_sql(s, "NEW.")) + "END");
        db.exec("CREATE TEMP TRIGGER IF NOT EXISTS " + sql::identifier("cotation_suivi_" + t + "_d") + " AFTER DELETE" + on +
                was(key_sql(s, "OLD."), row_sql(s, "OLD.")) + put(key_sql(s, "OLD."), "NULL") + "END");
    }
}

Changes::Changes(Db& db)
    : select_(db, "SELECT tbl, k, row FROM temp.cotation_touched ORDER BY tbl, k"),
      clear_(db, "DELETE FROM temp.cotation_touched"),
      select_before_(db, "SELECT tbl, k, row FROM temp.cotation_before"),
      clear_before_(db, "DELETE FROM temp.cotation_before") {}

std::string Changes::take(Rows* before) {
    bool any = false;
    while (select_before_.step()) {
        any = true;
        if (before)
            before->try_emplace({escape(select_before_.text(0)), escape(select_before_.text(1))},
                                select_before_.is_null(2) ? std::string("-") : digest(select_before_.text(2)));
    }
    select_before_.reset();
    if (any) clear_before_.run();
    std::string out;
    while (select_.step())
        out += escape(select_.text(0)) + "\t" + escape(select_.text(1)) + "\t" +
               (select_.is_null(2) ? std::string("-") : digest(select_.text(2))) + "\n";
    select_.reset();
    if (!out.empty()) clear_.run();
    return out;
}

Rows current(Db& db) { return current(db, data_tables(db)); }

Rows current(Db& db, const std::vector<std::string>& tables) {
    Rows out;
    for (const auto& t : tables) {
        Shape s = shape(db, t);
        std::string sql = "SELECT " + key_sql(s, "") + ", " + row_sql(s, "") + " FROM main." + sql::identifier(t);
        Stmt st(db, sql.c_str());
        while (st.step()) out[{t, escape(st.text(0))}] = digest(st.text(1));
    }
    return out;
}

Rows expected(const std::vector<JournalEntry>& entries) { return cotation::row_ledger::expected(entries); }

std::string rows_text(const Rows& rows) { return cotation::row_ledger::rows_text(rows); }

void compare(Db& db, const Rows& expected, const Rows& current, std::vector<std::string>& problems) {
    // A dossier is named by its reference beside its number.
    std::map<std::string, std::string> references;
    Stmt st(db, "SELECT id, reference FROM dossier");
    while (st.step()) references[std::to_string(st.integer(0))] = st.text(1);
    cotation::row_ledger::compare(expected, current, references, problems);
}

void compare_with_current(Db& db, const Rows& expected, const std::vector<std::string>& tables,
                          std::vector<std::string>& problems) {
    Rows expected_part, current_part;   // only the rows that differ, named by compare()
    std::unordered_set<const Rows::value_type*> met;
    met.reserve(expected.size());
    for (const auto& t : tables) {
        Shape s = shape(db, t);
        std::string sql = "SELECT " + key_sql(s, "") + ", " + row_sql(s, "") + " FROM main." + sql::identifier(t);
        Stmt st(db, sql.c_str());
        std::pair<std::string, std::string> k{t, ""};
        while (st.step()) {
            k.second = escape(st.text(0));
            std::string d = digest(st.text(1));
            auto e = expected.find(k);
            if (e == expected.end()) {
                current_part.emplace(k, std::move(d));
                continue;
            }
            met.insert(&*e);
            if (e->second != d) {
                current_part.emplace(k, std::move(d));
                expected_part.insert(*e);
            }
        }
    }
    for (const auto& row : expected)
        if (!met.count(&row)) expected_part.insert(row);
    compare(db, expected_part, current_part, problems);
}

}  // namespace cotation::sqlite::ledger
