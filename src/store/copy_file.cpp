// A campaign copied row by row to or from a file (campaign_copy.h).
#include <set>

#include "campaign_copy.h"
#include "core/error.h"
#include "sqlite_ledger.h"
#include "sqlite_schema.h"
#include "sqlite_store.h"
#include "sql_text.h"
#include "core/invisible.h"

namespace cotation {
using row_ledger::Cell;
using sqlite::Db;

namespace {

// A statement of this file's own, for cells of any storage class.
class Query {
public:
    Query(Db& db, const std::string& sql) : db_(db) {
        if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &st_, nullptr) != SQLITE_OK) fail();
    }
    ~Query() { sqlite3_finalize(st_); }
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;
    bool step() {
        int rc = sqlite3_step(st_);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) fail();
        return false;
    }
    int columns() const { return sqlite3_column_count(st_); }
    std::string name(int i) const { return sqlite3_column_name(st_, i); }
    Cell cell(int i) const {
        switch (sqlite3_column_type(st_, i)) {
        case SQLITE_NULL: return {};
        case SQLITE_INTEGER: return {Cell::Kind::Integer, text(i)};
        case SQLITE_FLOAT: return {Cell::Kind::Real, text(i)};
        default: return {Cell::Kind::Text, text(i)};
        }
    }
    std::string text(int i) const {
        auto p = reinterpret_cast<const char*>(sqlite3_column_text(st_, i));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(st_, i))) : std::string();
    }
    // As the file stores each kind, so that its quote() (the digest) reads what the source's did.
    void bind(int i, const Cell& c, bool not_null, bool integer_column) {
        int rc = SQLITE_OK;
        switch (c.kind) {
        case Cell::Kind::Null:
            // The server's NULL (a date or an instant never set) is the file's '' (0 for a number).
            if (!not_null) rc = sqlite3_bind_null(st_, i);
            else if (integer_column) rc = sqlite3_bind_int64(st_, i, 0);
            else rc = sqlite3_bind_text(st_, i, "", 0, SQLITE_STATIC);
            break;
        case Cell::Kind::Integer: rc = sqlite3_bind_int64(st_, i, std::stoll(c.value)); break;
        case Cell::Kind::Real: rc = sqlite3_bind_double(st_, i, std::stod(c.value)); break;
        case Cell::Kind::Text:
            require_utf8(c.value);
            rc = sqlite3_bind_text(st_, i, c.value.data(), static_cast<int>(c.value.size()), SQLITE_TRANSIENT);
            break;
        }
        if (rc != SQLITE_OK) fail();
    }
    void reset() {
        sqlite3_reset(st_);
        sqlite3_clear_bindings(st_);
    }

private:
    [[noreturn]] void fail() const {
        throw Error(sqlite::failure_message(db_, sqlite3_errcode(db_.get()), sqlite3_errmsg(db_.get())));
    }
    Db& db_;
    sqlite3_stmt* st_ = nullptr;
};

struct FileColumn {
    bool not_null = false, integer = false;
};

std::map<std::string, FileColumn> columns(Db& db, const std::string& table) {
    std::map<std::string, FileColumn> out;
    Query q(db,
            "SELECT name, \"notnull\", upper(type) FROM pragma_table_info(" + row_ledger::quote({Cell::Kind::Text, table}) + ")");
    while (q.step()) out[q.text(0)] = {q.text(1) == "1", q.text(2).find("INT") != std::string::npos};
    return out;
}

void insert(Db& db, const CopiedTable& t, const std::string& where) {
    auto into = columns(db, t.name);
    if (into.empty())
        throw Error("Copie vers « " + where + " » : la table « " + t.name +
                    " » de la source n'existe pas dans un fichier de cette version de Cotation ; rien n'a été copié.");
    std::string sql = "INSERT INTO main." + sql::identifier(t.name) + "(", values;
    std::vector<FileColumn> shape;
    for (const auto& name : t.columns) {
        auto c = into.find(name);
        if (c == into.end())
            throw Error("Copie vers « " + where + " » : la colonne « " + t.name + "." + name +
                        " » de la source n'existe pas dans un fichier de cette version de Cotation ; rien n'a été copié.");
        shape.push_back(c->second);
        sql += (values.empty() ? "" : ", ") + sql::identifier(name);
        values += values.empty() ? "?" : ", ?";
    }
    Query q(db, sql + ") VALUES (" + values + ")");
    for (const auto& row : t.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) q.bind(static_cast<int>(i + 1), row[i], shape[i].not_null, shape[i].integer);
        q.step();
        q.reset();
    }
}

}  // namespace

CampaignRows read_file_rows(const std::string& path) {
    Db db(path, false, true);
    sqlite::Transaction snapshot(db, sqlite::Transaction::Kind::Read);   // the rows and the journal of one instant
    CampaignRows out;
    for (const auto& name : sqlite::ledger::data_tables(db)) {
        Query q(db, "SELECT * FROM main." + sql::identifier(name));
        CopiedTable t{name, {}, {}};
        for (int i = 0; i < q.columns(); ++i) t.columns.push_back(q.name(i));
        while (q.step()) {
            std::vector<Cell> row;
            for (int i = 0; i < q.columns(); ++i) row.push_back(q.cell(i));
            t.rows.push_back(std::move(row));
        }
        out.tables.push_back(std::move(t));
    }
    out.journal = sqlite::read_journal(db, "");
    snapshot.commit();
    return out;
}

JournalCheck write_file_copy(const std::string& path, const CampaignRows& rows, const CopyNote& note) {
    // Built under a temporary name and named once verified: a copy that
    // fails, or is killed, leaves no file under `path`.
    std::string tmp = begin_campaign_creation(path);
    try {
        JournalCheck check;
        {
            auto db = std::make_unique<Db>(tmp, true);
            db->exec("PRAGMA application_id = " + std::to_string(sqlite::kApplicationId));
            sqlite::configure(*db);
            // No -wal nor -shm beside the temporary file: a copy killed leaves
            // it alone, removed by the next copy to the same name (trial 15 F9).
            // The file is in WAL mode again at its first opening (configure).
            db->exec("PRAGMA journal_mode = MEMORY");
            sqlite::migrate(*db);
            {
                sqlite::Transaction t(*db);
                db->exec("PRAGMA defer_foreign_keys = ON");
                // No row noted while the rows are copied: the source's entries already carry their digests.
                for (const CopiedTable* table : rows.insertion_order()) insert(*db, *table, path);
                Query entry(*db,
                            "INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash, rows) "
                            "VALUES (?,?,?,?,?,?,?,?,?,?)");
                for (const auto& e : rows.journal) {
                    int i = 0;
                    entry.bind(++i, {Cell::Kind::Integer, std::to_string(e.seq)}, true, true);
                    for (const std::string* v : {&e.at, &e.actor, &e.action, &e.entity, &e.old_value, &e.new_value,
                                                 &e.prev_hash, &e.hash, &e.rows})
                        entry.bind(++i, {Cell::Kind::Text, *v}, true, false);
                    entry.step();
                    entry.reset();
                }
                // Armed as at every opening: the lock of a closed campaign, the noting of rows.
                sqlite::lock_tables(*db);
                sqlite::ledger::track(*db);
                sqlite::JournalWriter j(*db);
                j.add(note.actor, note.action, note.entity, note.old_value, note.new_value);
                j.finish();
                t.commit();
            }
            sqlite::SqliteStore copy(std::move(db));
            check = copy.verify_journal(std::nullopt);
        }
        if (!check.ok)
            throw Error("Copie vers " + fr::quote_path(path) + " : le journal de la copie ne se vérifie pas (" +
                        check.problems.front() + ") ; aucun fichier n'a été enregistré.");
        finish_campaign_creation(tmp, path);
        return check;
    } catch (...) {
        abandon_campaign_creation(tmp);
        throw;
    }
}

}  // namespace cotation
