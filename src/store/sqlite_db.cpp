#include "sqlite_db.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "campaign_store.h"
#include "core/error.h"
#include "core/french.h"
#include "core/invisible.h"

namespace cotation {
namespace {
std::atomic<int> g_wait_ms{10000};
}
void set_campaign_wait_ms(int ms) { g_wait_ms = ms; }
}  // namespace cotation

namespace cotation::sqlite {
namespace {

void unlocked_function(sqlite3_context* ctx, int, sqlite3_value**) {
    sqlite3_result_int(ctx, static_cast<Db*>(sqlite3_user_data(ctx))->unlocked ? 1 : 0);
}

std::string seconds(int ms) {
    int s = (ms + 999) / 1000;
    return fr::plural(s, "seconde");
}

// The other processes of this machine holding a lock on the campaign's files
// (/proc/locks: POSIX locks by inode). A program on another workstation of a
// network share is not seen from here: the message then says so.
std::string lock_holders(const std::string& path) {
    std::set<unsigned long> inodes;
    for (const char* suffix : {"", "-shm", "-wal"}) {
        struct stat st {};
        if (::stat((path + suffix).c_str(), &st) == 0) inodes.insert(static_cast<unsigned long>(st.st_ino));
    }
    std::ifstream locks("/proc/locks");
    std::set<long> pids;
    std::string line;
    while (std::getline(locks, line)) {
        std::istringstream in(line);
        std::string n, kind, mode, rw, where;
        long pid = 0;
        if (!(in >> n >> kind)) continue;
        if (kind == "->") in >> kind;   // a waiting lock
        if (!(in >> mode >> rw >> pid >> where)) continue;
        auto colon = where.rfind(':');
        if (colon == std::string::npos) continue;
        unsigned long ino = std::strtoul(where.c_str() + colon + 1, nullptr, 10);
        if (inodes.count(ino) && pid != ::getpid() && rw == "WRITE") pids.insert(pid);
    }
    std::string out;
    for (long pid : pids) {
        std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
        std::string name;
        std::getline(comm, name);
        out += (out.empty() ? "" : ", ") + (name.empty() ? std::string("processus ") : "« " + name + " », processus ") +
               std::to_string(pid);
    }
    return out;
}

bool write_bits(const std::string& p);
// « r--r--r-- (444) »
std::string mode_text(const std::string& p) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return "inconnus";
    std::string out;
    for (int shift = 6; shift >= 0; shift -= 3) {
        const unsigned bits = (st.st_mode >> shift) & 7;
        out += (bits & 4) ? 'r' : '-';
        out += (bits & 2) ? 'w' : '-';
        out += (bits & 1) ? 'x' : '-';
    }
    char octal[8];
    std::snprintf(octal, sizeof octal, "%03o", static_cast<unsigned>(st.st_mode & 0777));
    return out + ", " + octal;
}

// Why a file cannot be written, in the user's terms.
std::string read_only_reason(const std::string& path) {
    std::filesystem::path p(path);
    std::string dir = p.parent_path().empty() ? "." : p.parent_path().string();
    struct statvfs vfs {};
    if (::statvfs(dir.c_str(), &vfs) == 0 && (vfs.f_flag & ST_RDONLY))
        return "le support qui la contient est en lecture seule (clé protégée, partage monté en lecture seule)";
    // The working files another account left (trial 15b F11): SQLite needs
    // to write them too, and the campaign's own rights are not the cause.
    for (const char* suffix : {"-shm", "-wal"}) {
        const std::string side = path + suffix;
        struct stat st {};
        if (::stat(side.c_str(), &st) == 0 && ::faccessat(AT_FDCWD, side.c_str(), W_OK, AT_EACCESS) != 0)
            return "son fichier de travail « " + side + " » appartient à un autre compte (UID " + std::to_string(st.st_uid) +
                   ") et n'est pas modifiable par celui-ci ; quand plus personne n'a la campagne ouverte, ce compte (ou "
                   "l'administrateur) peut le supprimer : SQLite le recrée";
    }
    // The effective account, the one SQLite writes as.
    if (::faccessat(AT_FDCWD, path.c_str(), W_OK, AT_EACCESS) != 0)
        return "le fichier n'est pas modifiable par ce compte (droits du fichier, ou attribut « lecture seule »)";
    if (::faccessat(AT_FDCWD, dir.c_str(), W_OK, AT_EACCESS) != 0)
        return "le dossier " + fr::quote_path(dir) +
               " n'accepte pas d'écriture de ce compte ; Cotation doit y écrire ses fichiers de "
               "travail (« -wal », « -shm ») à côté de la campagne";
    // Root may write anything: the mode bits say what the owner wanted (trial 13g G6).
    if (!write_bits(path))
        return "le fichier est protégé en écriture (droits " + mode_text(path) + " : personne ne doit le modifier, "
               "l'administrateur non plus) ; si la campagne doit changer, rendez-le modifiable (chmod u+w)";
    if (!write_bits(dir))
        return "le dossier " + fr::quote_path(dir) + " est protégé en écriture (droits " + mode_text(dir) +
               ") ; Cotation doit y écrire ses fichiers de travail (« -wal », « -shm ») à côté de la campagne";
    return "le fichier ou son dossier n'est pas modifiable (droits, partage en lecture seule)";
}

// Writable by this account and by its mode bits: root's access(2) passes a
// file of mode 444, which its owner protected (trial 13g G6).
bool write_bits(const std::string& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) != 0 || (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) != 0;
}
bool writable(const std::string& p) { return ::faccessat(AT_FDCWD, p.c_str(), W_OK, AT_EACCESS) == 0 && write_bits(p); }
// The campaign and the working files beside it, those that exist, may all be written.
bool all_writable(const std::string& path) {
    std::error_code ec;
    for (const std::string& p : {path, path + "-shm", path + "-wal"})
        if (std::filesystem::exists(p, ec) && !writable(p)) return false;
    return true;
}
std::string folder_of(const std::string& path) {
    std::filesystem::path p(path);
    return p.parent_path().empty() ? "." : p.parent_path().string();
}
}  // namespace

std::string creation_refusal(const std::string& path) {
    const std::string dir = folder_of(path);
    struct statvfs vfs {};
    std::string why;
    std::error_code missing;
    // A folder that does not exist: said on the name given, not SQLite's
    // English on the temporary name (trial 13b F12).
    if (!std::filesystem::exists(dir, missing))
        why = "le dossier " + fr::quote_path(dir) + " n'existe pas (créez-le d'abord, ou choisissez un dossier existant)";
    else if (!std::filesystem::is_directory(dir, missing))
        why = fr::quote_path(dir) + " n'est pas un dossier";
    else if (::statvfs(dir.c_str(), &vfs) == 0 && (vfs.f_flag & ST_RDONLY))
        why = "le support qui contient le dossier " + fr::quote_path(dir) + " est en lecture seule";
    else if (std::error_code ec; std::filesystem::is_directory(dir, ec) && !writable(dir))
        why = "le dossier " + fr::quote_path(dir) + " n'accepte pas d'écriture de ce compte (droits du dossier)";
    if (why.empty()) return "";
    return "Impossible de créer la campagne " + fr::quote_path(path) + " : " + why +
           ". Choisissez un dossier où vous pouvez écrire ; rien n'a été créé.";
}

namespace {
// A URI: '%', '?' and '#' of the name are escaped.
std::string immutable_uri(const std::string& path) {
    std::string uri = "file:";
    for (char c : path) {
        if (c == '%' || c == '?' || c == '#') {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(c));
            uri += hex;
        } else {
            uri += c;
        }
    }
    return uri + "?immutable=1";
}
bool empty_or_absent(const std::string& p) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(p, ec);
    return ec ? !std::filesystem::exists(p, ec) : size == 0;
}
}  // namespace

int open_for_reading(const std::string& path, sqlite3** db) {
    std::error_code ec;
    // No « -shm » means nobody has the campaign open: an account that may
    // not write it reads it as it is, without making the « -shm » and « -wal »
    // that would then be its own, in the owner's way (trial 15b F11).
    const bool had_shm = std::filesystem::exists(path + "-shm", ec);
    const bool immutable = (!writable(folder_of(path)) || !writable(path)) && !had_shm;
    const int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
    if (immutable) return sqlite3_open_v2(immutable_uri(path).c_str(), db, flags, nullptr);
    const int opened = sqlite3_open_v2(path.c_str(), db, SQLITE_OPEN_READONLY, nullptr);
    if (opened != SQLITE_OK) return opened;
    // The first read makes the working files a WAL campaign needs. When they
    // cannot be made (a full disk, a folder that refuses files even to root:
    // trial 13g G5) and no program has the campaign open (no « -shm » before
    // this one, no « -wal » holding transactions not yet in the file), the
    // file alone is the whole campaign: it is read as immutable, without
    // working files. A « -wal » with content (a writer stopped before its
    // checkpoint) is not read past: the error is said as before.
    if (sqlite3_exec(*db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) == SQLITE_OK) return SQLITE_OK;
    const int code = sqlite3_extended_errcode(*db) & 0xff;
    const bool no_room = code == SQLITE_CANTOPEN || code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_READONLY;
    if (!no_room || had_shm || !empty_or_absent(path + "-wal")) return SQLITE_OK;   // said at its first read
    sqlite3_close(*db);
    *db = nullptr;
    // What the failed attempt left (an empty or partial « -shm ») is this run's, not a writer's.
    std::filesystem::remove(path + "-shm", ec);
    if (empty_or_absent(path + "-wal")) std::filesystem::remove(path + "-wal", ec);
    return sqlite3_open_v2(immutable_uri(path).c_str(), db, flags, nullptr);
}

std::string disk_full_refusal(const std::string& path, sqlite3* db) {
    const int code = db ? sqlite3_extended_errcode(db) : SQLITE_OK;
    const bool said_full = (db && sqlite3_system_errno(db) == ENOSPC) || (code & 0xff) == SQLITE_FULL;
    // The « -shm » alone takes 32 KiB: a folder with less than twice that free holds no working file.
    struct statvfs vfs {};
    const bool no_room = ::statvfs(folder_of(path).c_str(), &vfs) == 0 &&
                         static_cast<unsigned long long>(vfs.f_bavail) * vfs.f_frsize < 64 * 1024;
    if (!said_full && !(no_room && ((code & 0xff) == SQLITE_IOERR || (code & 0xff) == SQLITE_CANTOPEN || !db)))
        return "";
    return "Le disque qui contient la campagne " + fr::quote_path(path) +
           " est plein : Cotation ne peut pas y créer ses fichiers de "
           "travail (« " +
           path + "-wal », « " + path +
           "-shm »). La campagne n'a pas été modifiée et n'est pas "
           "endommagée ; libérez de la place sur ce disque, puis recommencez.";
}

namespace {
// SQLite's own words (« database disk image is malformed ») say nothing to the
// reader and are not French: the file and what to do, only (trial 13 F25).
std::string damaged_message(const std::string& path) {
    return "La campagne " + fr::quote_path(path) +
           " est endommagée : des pages du fichier sont illisibles ou incohérentes "
           "(copie interrompue, disque ou partage réseau défaillant). Rien n'a été écrit ni produit. Reprenez sa dernière "
           "sauvegarde (une copie de " +
           fr::quote_path(path) + " faite avant l'incident) et refaites depuis les changements perdus.";
}
}  // namespace

void require_sound(Db& db) {
    // quick_check skips the index-content comparison of integrity_check: it
    // reads every page once, which is what a broken page needs to be seen.
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(db.get(), "PRAGMA quick_check(1)", -1, &st, nullptr);
    bool sound = false;
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        sound = rc == SQLITE_ROW && sqlite3_column_text(st, 0) &&
                std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "ok";
    }
    sqlite3_finalize(st);
    if (sound) return;
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) throw Error(failure_message(db, rc, ""));
    if (std::string full = disk_full_refusal(db.path(), db.get()); !full.empty()) throw InputError(full);
    throw InputError(damaged_message(db.path()));
}

std::string failure_message(const Db& db, int rc, const std::string& detail) {
    const std::string& path = db.path();
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: {
        std::string holders = lock_holders(path);
        return "La campagne " + fr::quote_path(path) + " est occupée : " +
               (holders.empty() ? std::string("un autre programme y écrit (un autre poste du partage, une autre fenêtre "
                                              "ou commande de Cotation)")
                                : "un autre programme de ce poste y écrit (" + holders + ")") +
               ", et elle ne s'est pas libérée après " + seconds(g_wait_ms) +
               " d'attente. Rien n'a été enregistré ; recommencez quand il aura fini.";
    }
    case SQLITE_READONLY:
        if (db.read_only())
            return "La campagne " + fr::quote_path(path) + " est ouverte en lecture seule : rien n'a été enregistré.";
        return "La campagne " + fr::quote_path(path) + " ne peut pas être modifiée : " + read_only_reason(path) +
               ". Rien n'a été enregistré.";
    case SQLITE_FULL:
        return "La campagne " + fr::quote_path(path) +
               " ne peut pas être enregistrée : le disque est plein. Rien n'a été enregistré.";
    case SQLITE_CANTOPEN:
        if (std::string full = disk_full_refusal(path, db.get()); !full.empty()) return full;
        break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return damaged_message(path);
    case SQLITE_IOERR:
        if (std::string full = disk_full_refusal(path, db.get()); !full.empty()) return full;
        return "La campagne " + fr::quote_path(path) +
               " n'a pas pu être lue ou écrite (erreur du disque ou du partage réseau : " + detail +
               "). Rien n'a été enregistré.";
    default:
        break;
    }
    // A table or column dropped or renamed outside Cotation (trial 13b F20:
    // « DROP TABLE » passes the lock of a closed campaign): said in French.
    for (const char* what : {"no such table: ", "no such column: "}) {
        const std::string w = what;
        if (detail.rfind(w, 0) != 0) continue;
        return "La campagne " + fr::quote_path(path) + " a été modifiée hors de Cotation : " +
               (w[8] == 't' ? "la table « " : "la colonne « ") + detail.substr(w.size()) +
               " » manque. Rien n'a été enregistré ; faites vérifier le journal (cotation journal verify) et reprenez la "
               "dernière sauvegarde de la campagne.";
    }
    return "Campagne " + fr::quote_path(path) + " : " + detail + ".";
}

namespace {
// cotation_ligne('a=', a, 'b=', b, …): a row as the ledger writes it, the
// SQL expression of sqlite_ledger.cpp's row_sql in one call: each value but
// NULL, '' and the integer 0 as « a=quote(a); ». Parsing that expression,
// thirty words a column, in the hundred triggers of every opening for
// writing was 40 % of a command such as `param`; the values SQLite's quote()
// writes in a way of its own (reals, blobs, texts holding a NUL) are given
// to quote() itself, so that the text is the same byte for byte.
void row_function(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    std::string out;
    for (int i = 0; i + 1 < argc; i += 2) {
        sqlite3_value* v = argv[i + 1];
        const int type = sqlite3_value_type(v);
        if (type == SQLITE_NULL) continue;
        if (type == SQLITE_INTEGER && sqlite3_value_int64(v) == 0) continue;
        std::string value;
        if (type == SQLITE_INTEGER) {
            value = std::to_string(sqlite3_value_int64(v));
        } else {
            // Read as text only when it is one: reading a blob as text converts it.
            const auto* text = type == SQLITE_TEXT ? reinterpret_cast<const char*>(sqlite3_value_text(v)) : nullptr;
            const std::size_t bytes = text ? static_cast<std::size_t>(sqlite3_value_bytes(v)) : 0;
            if (text && bytes == 0) continue;
            if (text && std::char_traits<char>::length(text) == bytes) {
                value.reserve(bytes + 2);
                value += '\'';
                for (std::size_t k = 0; k < bytes; ++k) {
                    if (text[k] == '\'') value += '\'';
                    value += text[k];
                }
                value += '\'';
            } else {
                sqlite3_stmt* q = nullptr;
                if (sqlite3_prepare_v2(sqlite3_context_db_handle(ctx), "SELECT quote(?)", -1, &q, nullptr) != SQLITE_OK ||
                    sqlite3_bind_value(q, 1, v) != SQLITE_OK || sqlite3_step(q) != SQLITE_ROW) {
                    sqlite3_finalize(q);
                    sqlite3_result_error(ctx, "cotation_ligne : valeur illisible", -1);
                    return;
                }
                value.assign(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)),
                             static_cast<std::size_t>(sqlite3_column_bytes(q, 0)));
                sqlite3_finalize(q);
            }
        }
        const auto* name = reinterpret_cast<const char*>(sqlite3_value_text(argv[i]));
        out.append(name ? name : "").append(value).append(";");
    }
    sqlite3_result_text(ctx, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}
}  // namespace

Db::Db(const std::string& path, bool create, bool read_only) : path_(path), read_only_(read_only) {
    // A folder that refuses the « -wal » and « -shm » files refuses every
    // write, said before SQLite fails on them (trial #28).
    if (create && path != ":memory:")
        if (std::string why = creation_refusal(path); !why.empty()) throw InputError(why);
    // Nor a file this account may not write: SQLite would open it read-only
    // and leave its « -wal » and « -shm », owned by this account, in the
    // way of the file's owner (trial 15b F11).
    if (!read_only && !create && (!writable(folder_of(path)) || !all_writable(path)))
        throw InputError("La campagne " + fr::quote_path(path) + " ne peut pas être modifiée : " + read_only_reason(path) +
                         ". Rien n'a été modifié ; les commandes de lecture restent possibles.");
    int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    int opened = read_only ? open_for_reading(path, &db_) : sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (opened != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : "mémoire insuffisante";
        sqlite3_close(db_);
        db_ = nullptr;
        throw InputError("Impossible d'ouvrir la campagne " + fr::quote_path(path) + " : " + msg + ".");
    }
    // A writer holding the campaign is waited for (SQLite retries until the
    // bound), then named in French (failure_message).
    sqlite3_busy_timeout(db_, g_wait_ms);
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_create_function_v2(db_, "cotation_deverrouille", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, this, unlocked_function,
                               nullptr, nullptr, nullptr);
    sqlite3_create_function_v2(db_, "cotation_ligne", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                               row_function, nullptr, nullptr, nullptr);
    // SQLite opens a write-protected file read-only without a word: say it now.
    if (!read_only && sqlite3_db_readonly(db_, "main") == 1) {
        std::string reason = read_only_reason(path);
        sqlite3_close(db_);
        db_ = nullptr;
        throw InputError("La campagne " + fr::quote_path(path) + " ne peut pas être modifiée : " + reason +
                         ". Rien n'a été modifié ; les commandes de lecture restent possibles.");   // trial 13 F19
    }
}

Db::~Db() {
    for (auto& [sql, st] : prepared_) sqlite3_finalize(st);
    sqlite3_close(db_);
}

sqlite3_stmt* Db::take_prepared(const std::string& sql) {
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) return nullptr;
    sqlite3_stmt* st = it->second;
    prepared_.erase(it);
    return st;
}

void Db::keep_prepared(std::string sql, sqlite3_stmt* st) {
    // Bounded: texts made with names in them (a table's, a trigger's) are not
    // met twice; the ones of the program are fewer than this.
    if (st && !sql.empty() && prepared_.size() < 256) prepared_.emplace(std::move(sql), st);
    else sqlite3_finalize(st);
}

void Db::exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw Error(failure_message(*this, rc, msg));
    }
}

Stmt::Stmt(Db& db, const char* sql) : db_(db), sql_(sql) {
    if ((st_ = db.take_prepared(sql_))) return;
    int rc = sqlite3_prepare_v2(db.get(), sql, -1, &st_, nullptr);
    if (rc != SQLITE_OK) throw Error(failure_message(db, rc, sqlite3_errmsg(db.get())));
}

bool Stmt::step() {
    int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw Error(failure_message(db_, rc, sqlite3_errmsg(db_.get())));
}

}  // namespace cotation::sqlite
