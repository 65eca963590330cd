#pragma once
// Scoped wrappers over the SQLite C API: a connection, a prepared statement,
// a write transaction. Every failure becomes a cotation::Error naming the
// campaign file.
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "write_check.h"   // require_utf8, the one door of text into the store

namespace cotation::sqlite {

class Db {
public:
    Db(const std::string& path, bool create, bool read_only = false);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    void exec(const std::string& sql);
    sqlite3* get() const { return db_; }
    const std::string& path() const { return path_; }
    bool read_only() const { return read_only_; }

    // While true, the lock of a closed campaign's row lets this connection
    // reopen it or pin its procedure: the trigger asks the SQL function
    // cotation_deverrouille(), which exists in Cotation's connections only
    // (another program's UPDATE of the campaign row fails to compile).
    bool unlocked = false;
    int depth = 0;   // open transactions: the outermost BEGINs, the inner ones are savepoints
    // The schema's version (its cookie) when the last check before a write
    // read it, and what it found there (sqlite_journal.cpp): read again only
    // when the version moved, as SQLite reads its own copy of the schema again.
    struct SchemaLook {
        std::int64_t version = -1;
        std::vector<std::string> foreign, missing;
    } schema_look;

    // Statements done with, kept prepared for the next that has the same
    // text (Stmt): a write on a table compiles its triggers, a hundred of
    // them Cotation's own, at every preparation (a fifth of a demo's time).
    sqlite3_stmt* take_prepared(const std::string& sql);
    void keep_prepared(std::string sql, sqlite3_stmt* st);

private:
    sqlite3* db_ = nullptr;
    std::string path_;
    bool read_only_ = false;
    std::unordered_multimap<std::string, sqlite3_stmt*> prepared_;
};

// Lets one operation of the program past the lock of a closed campaign.
class Unlock {
public:
    explicit Unlock(Db& db) : db_(db), was_(db.unlocked) { db_.unlocked = true; }
    ~Unlock() { db_.unlocked = was_; }
    Unlock(const Unlock&) = delete;
    Unlock& operator=(const Unlock&) = delete;

private:
    Db& db_;
    bool was_;
};

// The French message for a failed SQLite call: who or what holds a busy
// campaign, why a read-only one cannot be written, a full disk…
std::string failure_message(const Db& db, int rc, const std::string& detail);
// Opens `path` read-only. A campaign in a folder this account cannot write
// (an archive, a colleague's share) has no « -shm » beside it and cannot get
// one: it is then read as immutable, which SQLite's WAL needs (trial #28).
int open_for_reading(const std::string& path, sqlite3** db);
// When SQLite failed on `path` because the disk holding it is full (the
// system said ENOSPC, or the folder has no room left for the « -shm » and
// « -wal » working files, which a read needs too): the French message saying
// so and that the file was not changed (trial 13c F5: a sound campaign was
// called damaged, and its last backup recommended). "" otherwise.
std::string disk_full_refusal(const std::string& path, sqlite3* db);

// Refuses a campaign file whose pages are damaged (PRAGMA quick_check, run
// once when a campaign is opened for writing or for documents; trial 13
// F25), naming the file and the backup to restore: nothing is written then.
void require_sound(Db& db);
// Why no campaign can be created at `path` (its folder refuses this
// account's writes, or sits on a read-only medium), in French; "" when it can.
std::string creation_refusal(const std::string& path);

class Stmt {
public:
    Stmt(Db& db, const char* sql);
    ~Stmt() {
        sqlite3_reset(st_);
        sqlite3_clear_bindings(st_);
        db_.keep_prepared(std::move(sql_), st_);
    }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    Stmt& bind(int i, const std::string& s) {
        require_utf8(s);   // the one door of text into the file (issue 13.13)
        sqlite3_bind_text(st_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Stmt& bind(int i, std::int64_t v) {
        sqlite3_bind_int64(st_, i, v);
        return *this;
    }
    bool step();   // true: a row; false: done
    void run() {
        step();
        reset();
    }
    void reset() {
        sqlite3_reset(st_);
        sqlite3_clear_bindings(st_);
    }
    std::string text(int col) const {
        auto p = reinterpret_cast<const char*>(sqlite3_column_text(st_, col));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(st_, col))) : std::string();
    }
    std::int64_t integer(int col) const { return sqlite3_column_int64(st_, col); }
    bool is_null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }

private:
    Db& db_;
    std::string sql_;
    sqlite3_stmt* st_ = nullptr;
};

// Rolls back unless committed: nothing is half-written after an exception.
// The outermost takes the write lock at once (BEGIN IMMEDIATE), so that what
// is read inside it is what no other program can change before the commit;
// one opened inside another is a savepoint of it.
class Transaction {
public:
    enum class Kind { Write, Read };   // Read: one consistent snapshot, no lock taken
    explicit Transaction(Db& db, Kind kind = Kind::Write) : db_(db), nested_(db.depth > 0) {
        db_.exec(nested_ ? "SAVEPOINT cotation" : kind == Kind::Write ? "BEGIN IMMEDIATE" : "BEGIN");
        ++db_.depth;
    }
    ~Transaction() {
        if (done_) return;
        --db_.depth;
        if (nested_) sqlite3_exec(db_.get(), "ROLLBACK TO cotation; RELEASE cotation", nullptr, nullptr, nullptr);
        else sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit() {
        db_.exec(nested_ ? "RELEASE cotation" : "COMMIT");
        done_ = true;
        --db_.depth;
    }
    bool nested() const { return nested_; }

private:
    Db& db_;
    bool nested_;
    bool done_ = false;
};

}  // namespace cotation::sqlite
