#pragma once
// The PostgreSQL store's connection to libpq (why libpq: docs/serveur.md):
// results, the connection with its French messages, transactions (a
// savepoint inside a caller's), and the journal writer. Internal to the store.
#include <libpq-fe.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/french.h"
#include "journal.h"
#include "journal_texts.h"
#include "ledger.h"
#include "pg_store.h"
#include "sql_text.h"
#include "write_check.h"
#include "snapshot_rows.h"

namespace cotation::pg {

using Param = std::optional<std::string>;   // nullopt is SQL NULL

class PgResult {
public:
    explicit PgResult(PGresult* r) : r_(r) {}
    ~PgResult() { PQclear(r_); }
    PgResult(PgResult&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
    PgResult(const PgResult&) = delete;
    PgResult& operator=(const PgResult&) = delete;

    int rows() const { return PQntuples(r_); }
    bool null(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }
    std::string text(int row, int col) const {
        return null(row, col) ? std::string() : std::string(PQgetvalue(r_, row, col),
                                                             static_cast<std::size_t>(PQgetlength(r_, row, col)));
    }
    std::int64_t integer(int row, int col) const {
        return null(row, col) ? 0 : std::stoll(PQgetvalue(r_, row, col));
    }
    bool boolean(int row, int col) const { return !null(row, col) && PQgetvalue(r_, row, col)[0] == 't'; }

private:
    PGresult* r_;
};

// How long a statement waits for another's lock before giving up (ms).
inline constexpr const char* kLockTimeout = "5000";

// Cotation's writers line up on a transaction-level advisory lock keyed by
// the journal's oid (the key journal_chain takes for a raw insert), not on
// LOCK TABLE: that needed UPDATE on the journal, with which a member could
// also take ACCESS EXCLUSIVE and block every reader (trial 15c F3).
inline constexpr const char* kJournalLock = "SELECT pg_advisory_xact_lock('journal'::regclass::oid::bigint)";

inline std::string closed_message() {
    return "La campagne est close : la base du serveur refuse toute modification (notes, arbitrages, dossiers, équipe, "
           "séance, paramètres). Le coordonnateur peut la rouvrir en écrivant le motif (cotation reopen).";
}

// libpq's connection failures said in French (trial 15 F8); a cause it does
// not recognise keeps libpq's own words.
std::string french_connection_error(const std::string& msg);
// `text` with every password `uri` holds (« user:MOT@host », « password=MOT ») replaced by « … »:
// what libpq says of an address may quote it whole (trial 22 M1).
std::string without_secrets(std::string text, const std::string& uri);

// A lock or a statement waited for too long (lock_timeout, statement_timeout):
// said in French like any refusal, told apart so that a caller can say more
// (apply_pg_roles names who holds the tables, trial 15g G7).
class BusyError : public InputError {
public:
    using InputError::InputError;
};

class PgConn {
public:
    explicit PgConn(const PgAddress& address);
    ~PgConn() { PQfinish(c_); }
    PgConn(const PgConn&) = delete;
    PgConn& operator=(const PgConn&) = delete;

    PgResult exec(const std::string& sql, std::initializer_list<Param> params = {}) {
        return exec(sql, std::vector<Param>(params));
    }
    PgResult exec(const std::string& sql, const std::vector<Param>& params) {
        if (depth == 0 && PQstatus(c_) == CONNECTION_BAD) reconnect();
        std::vector<const char*> values;
        values.reserve(params.size());
        for (const auto& p : params) {
            if (p) require_utf8(*p);   // the file's door, on the server too (review 12D M6)
            values.push_back(p ? p->c_str() : nullptr);
        }
        PGresult* r = params.empty() ? PQexec(c_, sql.c_str())
                                     : PQexecParams(c_, sql.c_str(), static_cast<int>(params.size()), nullptr,
                                                    values.data(), nullptr, nullptr, 0);
        PgResult result(r);
        auto status = PQresultStatus(r);
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
        fail(r);
    }
    // For a rollback in a destructor: never throws.
    void quiet(const char* sql) { PQclear(PQexec(c_, sql)); }
    // A setting of this connection's session (search_path, the ledger's
    // temporary table): run now, and again on a connection made anew.
    void session_setup(const std::string& sql) {
        exec(sql);
        if (std::find(setup_.begin(), setup_.end(), sql) == setup_.end()) setup_.push_back(sql);
    }
    const std::string& shown() const { return shown_; }

private:
    // A connection lost (server restarted, backend ended) is made anew at the
    // next statement outside a transaction, with its session's settings: an
    // open window's next poll finds the server again (trial 15 F6). Inside a
    // transaction the loss stays an error: what was begun is gone.
    void reconnect() {
        PQreset(c_);
        if (PQstatus(c_) != CONNECTION_OK) return;   // still unreachable: the statement says so
        PQsetNoticeProcessor(c_, [](void*, const char*) {}, nullptr);
        for (const auto& sql : setup_) PQclear(PQexec(c_, sql.c_str()));
    }

    [[noreturn]] void fail(PGresult* r);
    // Who holds a lock on this campaign's tables, or the writers' advisory
    // lock, as « NOM (compte LOGIN) », with their processes, asked on C.
    static void lock_holders(PGconn* c, std::vector<std::string>& who, std::vector<std::string>& pids);
    // A second connection with this one's parameters and search_path, for a
    // question this one cannot ask (its transaction failed); null if refused.
    PGconn* side_connection() const;
    // A lock waited for longer than kLockTimeout, said with who holds it.
    std::string busy_message();
    // Grants and row-level security said in French (libpq's text is English).
    std::string refusal_message(const std::string& msg) const;

    PGconn* c_ = nullptr;
    std::string shown_;
    std::vector<std::string> setup_;

public:
    int depth = 0;   // open PgTransactions: an inner one is a savepoint
    bool writing = false;   // the outer PgTransaction writes (Write or Schema), for busy_message's words
    WriteCheck* check = nullptr;   // the store's lost-update check (write_check.h)
    cotation::row_ledger::Seen ledger_seen;   // the journal's rows as last read (pg_ledger.h, take_checked)
    PGconn* raw() const { return c_; }
    // Whether the team's rights were set on this campaign (cotation serveur roles).
    bool team_rights() {
        if (team_rights_ < 0)
            team_rights_ = exec("SELECT to_regprocedure('cotation_journal_head()') IS NOT NULL").boolean(0, 0) ? 1 : 0;
        return team_rights_ == 1;
    }

private:
    int team_rights_ = -1;
};

// Rolls back unless committed. A writing transaction first takes the
// journal's lock (kJournalLock: self-exclusive, readers not blocked): one writer at a time, so that each
// reads the journal's head and the data it checks as they stand.
class PgTransaction {
public:
    // Schema: creating or migrating, before the journal can be locked.
    enum class Kind { Write, Read, Schema };
    // Inside a caller's write transaction (begin_write), a savepoint: the
    // caller's checks and the store's writes commit or roll back together.
    explicit PgTransaction(PgConn& c, Kind kind = Kind::Write) : c_(c), nested_(c.depth > 0) {
        if (nested_) {
            c_.exec("SAVEPOINT cotation");
        } else {
            c_.writing = kind != Kind::Read;
            c_.exec(kind == Kind::Read ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
            if (kind == Kind::Write) c_.exec(kJournalLock);
        }
        ++c_.depth;
    }
    ~PgTransaction() {
        if (done_) return;
        --c_.depth;
        if (!nested_) c_.writing = false;
        c_.quiet(nested_ ? "ROLLBACK TO SAVEPOINT cotation; RELEASE SAVEPOINT cotation" : "ROLLBACK");
    }
    PgTransaction(const PgTransaction&) = delete;
    PgTransaction& operator=(const PgTransaction&) = delete;
    void commit() {
        c_.exec(nested_ ? "RELEASE SAVEPOINT cotation" : "COMMIT");
        done_ = true;
        --c_.depth;
        if (!nested_) c_.writing = false;
    }

private:
    PgConn& c_;
    bool nested_;
    bool done_ = false;
};

namespace ledger {
std::string take(PgConn& c);   // pg_ledger.h: the rows this connection changed since
// The same, the rows first compared with what the journal last gave them (pg_ledger.h).
std::string take_checked(PgConn& c);
}

inline constexpr const char* kUtcText = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'";

// Appends entries chained by hash, as on SQLite; the time is the server's
// (one clock for the whole team), the same for every entry of a transaction.
class PgJournalWriter {
public:
    explicit PgJournalWriter(PgConn& c) : c_(c) {
        // Never dated before the last entry (a transaction begun earlier that
        // took the journal lock later): `journal verify` names a date going
        // back (trial 13c F1); with the team's rights, the server's trigger does it.
        // Once the team's rights are set (pg_roles.cpp), a member may not read
        // every entry: the head comes from the owner's function, and the
        // entry is written in the name of the person the connected role is,
        // « NOM (compte LOGIN) » as on a file (Session::journal_actor), so
        // that a person's entries read the same before and after sharing
        // (trial 15b F15), the login being the role's.
        bool team = c.team_rights();
        auto r =
            c.exec(team ? std::string("SELECT h.seq, h.hash, to_char(transaction_timestamp() AT TIME ZONE 'UTC', ") + kUtcText +
                              "), cotation_me() || ' (compte ' || session_user || ')' FROM cotation_journal_head() h"
                        : std::string("SELECT (SELECT seq FROM journal ORDER BY seq DESC LIMIT 1), "
                                      "(SELECT hash FROM journal ORDER BY seq DESC LIMIT 1), "
                                      "greatest(to_char(transaction_timestamp() AT TIME ZONE 'UTC', ") +
                              kUtcText +
                              ") COLLATE \"C\", coalesce((SELECT at FROM journal ORDER BY seq DESC LIMIT 1), '')), "
                              "NULL");
        if (!r.null(0, 0)) {
            seq_ = r.integer(0, 0);
            prev_ = r.text(0, 1);
        }
        at_ = r.text(0, 2);
        if (!r.null(0, 3)) person_ = r.text(0, 3);
        head_ = seq_;
    }
    void add(const std::string& actor, const entry::Text& e) { add(actor, e.action, e.entity, e.old_value, e.new_value); }
    // `more_rows`: digests vouched for beyond the rows this entry's change
    // left (a migration vouching for rows written before the ledger).
    void add(const std::string& actor, const std::string& action, const std::string& entity,
             const std::string& old_value, const std::string& new_value, const std::string& more_rows = "") {
        // Refused when another person changed the same thing since this one's reading.
        if (c_.check) c_.check->before_entry([this](std::int64_t from, std::int64_t to) { return entries(from, to); },
                                             "Campagne partagée « " + c_.shown() + " »", head_, entity,
                                             person_.empty() ? actor : person_);
        // The database role decides who acts, not a typed name (docs/serveur.md).
        // The rows the change left, covered by the entry's hash (ledger.h).
        // A row touched that the journal did not leave as it was refuses the write (trial 15e F2);
        // a migration vouches for rows written before the ledger.
        JournalEntry e{++seq_, at_, person_.empty() ? actor : person_, action, entity, old_value, new_value, prev_, "",
                       (rows_checked ? ledger::take_checked(c_) : ledger::take(c_)) + more_rows, ""};
        e.hash = journal_hash(e);
        // Once the team's rights are set, the server chains the entry itself
        // (pg_roles.cpp, journal_chain): what it stored is what follows.
        auto stored = c_.exec("INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash, rows) "
                              "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING seq, hash",
                              {std::to_string(e.seq), e.at, e.actor, e.action, e.entity, e.old_value, e.new_value,
                               e.prev_hash, e.hash, e.rows});
        e.seq = seq_ = stored.integer(0, 0);
        e.hash = stored.text(0, 1);
        prev_ = e.hash;
        if (c_.check) c_.check->wrote(e.seq, e.hash);
    }
    const std::string& at() const { return at_; }
    bool rows_checked = true;   // false for a migration's entry (rows written before the ledger)

private:
    // Entries from+1 .. to, read inside this writer's transaction.
    std::vector<JournalEntry> entries(std::int64_t from, std::int64_t to) {
        auto r = c_.exec(
            "SELECT seq, at, actor, action, entity, old_value, new_value, prev_hash, hash, rows, db_role FROM journal "
            "WHERE seq > $1 AND seq <= $2 ORDER BY seq",
            {std::to_string(from), std::to_string(to)});
        std::vector<JournalEntry> out;
        for (int i = 0; i < r.rows(); ++i)
            out.push_back({r.integer(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5),
                           r.text(i, 6), r.text(i, 7), r.text(i, 8), r.text(i, 9), r.text(i, 10)});
        return out;
    }

    PgConn& c_;
    std::int64_t seq_ = 0, head_ = 0;   // head_: the last entry before this transaction's
    std::string prev_ = kJournalGenesis, at_, person_;
};

inline std::string quote_identifier(const std::string& name) { return sql::identifier(name); }
// A date column: NULL for a date never set (Date{} has no calendar day).
inline Param date_param(const Date& d) { return Date::valid(d.year, d.month, d.day) ? Param(d.iso()) : std::nullopt; }

// The PostgreSQL side of the row layer both back ends share (snapshot_rows.h).
class ResultRow final : public rows::Row {
public:
    ResultRow(const PgResult& r, int row) : r_(r), row_(row) {}
    std::string text(int col) const override { return r_.text(row_, col); }
    std::int64_t integer(int col) const override { return r_.integer(row_, col); }
    bool flag(int col) const override { return r_.boolean(row_, col); }

private:
    const PgResult& r_;
    int row_;
};
inline rows::RunQuery runner(PgConn& c) {
    return [&c](const char* sql, const std::function<void(const rows::Row&)>& each) {
        auto r = c.exec(sql);
        for (int i = 0; i < r.rows(); ++i) each(ResultRow(r, i));
    };
}

// What a campaign URI looks like, for messages.
extern const char* const kUriForm;

}  // namespace cotation::pg
