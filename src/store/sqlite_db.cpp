#include "sqlite_db.h"

#include "core/error.h"

namespace cotation::sqlite {

Db::Db(const std::string& path, bool create, bool read_only) : path_(path) {
    int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : "mémoire insuffisante";
        sqlite3_close(db_);
        db_ = nullptr;
        throw InputError("Impossible d'ouvrir la campagne « " + path + " » : " + msg + ".");
    }
    sqlite3_busy_timeout(db_, 5000);
}

Db::~Db() { sqlite3_close(db_); }

void Db::exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "erreur inconnue";
        sqlite3_free(err);
        throw Error("Campagne « " + path_ + " » : " + msg + ".");
    }
}

Stmt::Stmt(Db& db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db.get(), sql, -1, &st_, nullptr) != SQLITE_OK)
        throw Error("Campagne « " + db.path() + " » : " + sqlite3_errmsg(db.get()) + ".");
}

bool Stmt::step() {
    int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw Error("Campagne « " + db_.path() + " » : " + sqlite3_errmsg(db_.get()) + ".");
}

}  // namespace cotation::sqlite
