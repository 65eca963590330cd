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
inline std::string french_connection_error(const std::string& msg) {
    auto quoted_after = [&](const std::string& lead) {
        auto p = msg.find(lead);
        if (p == std::string::npos) return std::string();
        auto q = msg.find('"', p + lead.size());
        return q == std::string::npos ? std::string() : msg.substr(p + lead.size(), q - p - lead.size());
    };
    if (msg.find("password authentication failed") != std::string::npos)
        return "mot de passe refusé pour le rôle « " + quoted_after("for user \"") + " »";
    if (msg.find("Peer authentication failed") != std::string::npos)
        return "authentification « peer » refusée pour le rôle « " + quoted_after("for user \"") +
               " » : le compte de ce poste ne porte pas ce nom (connectez-vous sous le compte du même nom, ou par mot de passe)";
    if (auto v = quoted_after("invalid sslmode value: \""); !v.empty())
        return "paramètre sslmode « " + v + " » inconnu (disable, allow, prefer, require, verify-ca ou verify-full)";
    if (auto v = quoted_after("invalid port number: \""); !v.empty())
        return "numéro de port « " + v + " » invalide (un nombre de 1 à 65535)";
    if (auto v = quoted_after("invalid URI query parameter: \""); !v.empty())
        return "paramètre « " + v + " » inconnu de PostgreSQL (seuls campagne= et les paramètres de libpq, comme sslmode=, "
               "sont acceptés)";
    if (msg.find("server does not support SSL, but SSL was required") != std::string::npos)
        return "le serveur n'accepte pas les connexions chiffrées (SSL) que l'adresse exige (sslmode) : à voir avec le "
               "service informatique, ou sslmode=prefer";
    if (msg.find("no password supplied") != std::string::npos)
        return "aucun mot de passe donné (variable PGPASSWORD, fichier ~/.pgpass, ou dans l'adresse)";
    if (msg.find("Connection refused") != std::string::npos)
        return "aucun serveur ne répond à cette adresse (serveur arrêté, ou autre hôte ou port)";
    if (msg.find("could not translate host name") != std::string::npos) return "nom d'hôte inconnu";
    if (msg.find("timeout expired") != std::string::npos) return "le serveur n'a pas répondu à temps";
    if (msg.find("no pg_hba.conf entry") != std::string::npos)
        return "le serveur n'accepte pas ce poste ou ce rôle (pg_hba.conf, à voir avec le service informatique)";
    if (auto db = quoted_after("database \""); !db.empty() && msg.find("does not exist") != std::string::npos)
        return "la base « " + db + " » n'existe pas sur ce serveur";
    if (auto role = quoted_after("role \""); !role.empty() && msg.find("does not exist") != std::string::npos)
        return "le rôle « " + role + " » n'existe pas sur ce serveur";
    return msg.empty() ? std::string("raison inconnue") : msg;
}

class PgConn {
public:
    explicit PgConn(const PgAddress& address) : shown_(address.shown) {
        // The URI's own parameters, plus what the store relies on: UTF-8 and
        // ISO dates whatever the server's defaults.
        char* err = nullptr;
        PQconninfoOption* opts = PQconninfoParse(address.uri_without_campaign.c_str(), &err);
        if (!opts) {
            std::string msg = err ? err : "adresse illisible";
            PQfreemem(err);
            throw InputError("Adresse de campagne partagée « " + shown_ + " » illisible : " + msg);
        }
        std::vector<std::string> keys, values;
        bool has_timeout = false;
        for (PQconninfoOption* o = opts; o->keyword; ++o) {
            if (!o->val) continue;
            std::string k = o->keyword;
            if (k == "client_encoding" || k == "options") continue;
            if (k == "connect_timeout") has_timeout = true;
            keys.push_back(k);
            values.push_back(o->val);
        }
        PQconninfoFree(opts);
        keys.push_back("client_encoding");
        values.push_back("UTF8");
        keys.push_back("options");
        // A lock held by another (a member's open transaction, a LOCK TABLE)
        // makes a statement give up after a few seconds, said in French,
        // instead of freezing the window or the command (trial 15c F3).
        values.push_back(std::string("-c DateStyle=ISO -c TimeZone=UTC -c lock_timeout=") + kLockTimeout);
        if (!has_timeout) {
            keys.push_back("connect_timeout");
            values.push_back("10");
        }
        keys.push_back("application_name");
        values.push_back("cotation");
        std::vector<const char*> k, v;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            k.push_back(keys[i].c_str());
            v.push_back(values[i].c_str());
        }
        k.push_back(nullptr);
        v.push_back(nullptr);
        c_ = PQconnectdbParams(k.data(), v.data(), 0);
        if (!c_ || PQstatus(c_) != CONNECTION_OK) {
            std::string raw = c_ ? PQerrorMessage(c_) : "mémoire insuffisante", msg;
            // libpq's message spans lines (« …failed: Connection refused\n\tIs the server running… »): one line here.
            for (char ch : raw) {
                bool space = ch == '\n' || ch == '\t' || ch == ' ';
                if (space && (msg.empty() || msg.back() == ' ')) continue;
                msg += space ? ' ' : ch;
            }
            while (!msg.empty() && (msg.back() == ' ' || msg.back() == '.')) msg.pop_back();
            PQfinish(c_);
            c_ = nullptr;
            throw InputError("Impossible de joindre le serveur de la campagne partagée « " + shown_ + " » : " +
                             french_connection_error(msg) + ".");
        }
        // The server's notices (« drop cascades to … ») are not for the user's terminal.
        PQsetNoticeProcessor(c_, [](void*, const char*) {}, nullptr);
    }
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
        for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
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

    [[noreturn]] void fail(PGresult* r) {
        if (!r || PQstatus(c_) != CONNECTION_OK)
            throw Error("La connexion au serveur de la campagne partagée « " + shown_ + " » a été perdue ; "
                        "la dernière opération n'a pas été enregistrée.");
        const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        const char* primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
        std::string code = state ? state : "", msg = primary ? primary : PQerrorMessage(c_);
        if (msg == "campagne close") throw InputError(closed_message());
        if (code == "23505")   // unique_violation
            throw InputError("Campagne partagée « " + shown_ + " » : doublon refusé par la base (" + msg +
                             ") ; rien n'a été enregistré.");
        // A trigger's own refusal is French already and names the row and the rule (trial 15d F3): said as is.
        if (code == "42501" && msg.rfind("permission denied", 0) != 0 && msg.rfind("new row violates", 0) != 0)
            throw InputError("Campagne partagée « " + shown_ + " » : la base du serveur refuse au rôle « " +
                             std::string(PQuser(c_) ? PQuser(c_) : "?") + " » : " + msg + " ; rien n'a été enregistré.");
        if (code == "42501") throw InputError(refusal_message(msg));
        if (code == "55P03") throw InputError(busy_message());
        if (code == "40001" || code == "40P01")
            throw Error("Campagne partagée « " + shown_ + " » : une autre personne écrivait en même temps ; "
                        "rien n'a été enregistré, recommencez.");
        throw Error("Campagne partagée « " + shown_ + " » : " + msg + " ; rien n'a été enregistré.");
    }

    // Who holds a lock on this campaign's tables, or the writers' advisory
    // lock, as « NOM (compte LOGIN) », with their processes, asked on C.
    static void lock_holders(PGconn* c, std::vector<std::string>& who, std::vector<std::string>& pids) {
        PGresult* r = PQexec(c, R"sql(
SELECT DISTINCT coalesce((SELECT p.name FROM person p WHERE p.account = a.usename LIMIT 1) || ' (compte ' || a.usename || ')',
                         'le rôle « ' || a.usename || ' »'), l.pid::text
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.granted AND l.pid <> pg_backend_pid()
  AND ((l.locktype = 'relation' AND l.mode IN ('ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')
        AND l.relation IN (SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                           WHERE n.nspname = current_schema()))
    OR (l.locktype = 'advisory' AND l.classid = 0 AND l.objid = 'journal'::regclass::oid))
ORDER BY 1)sql");
        if (PQresultStatus(r) == PGRES_TUPLES_OK)
            for (int i = 0; i < PQntuples(r); ++i) {
                if (std::find(who.begin(), who.end(), PQgetvalue(r, i, 0)) == who.end()) who.emplace_back(PQgetvalue(r, i, 0));
                pids.emplace_back(PQgetvalue(r, i, 1));
            }
        PQclear(r);
    }
    // A second connection with this one's parameters and search_path, for a
    // question this one cannot ask (its transaction failed); null if refused.
    PGconn* side_connection() const {
        PQconninfoOption* opts = PQconninfo(c_);
        if (!opts) return nullptr;
        std::vector<std::string> keys, values;
        for (PQconninfoOption* o = opts; o->keyword; ++o)
            if (o->val && *o->val) {
                keys.emplace_back(o->keyword);
                values.emplace_back(std::string(o->keyword) == "options" ? std::string("-c lock_timeout=300") : o->val);
            }
        PQconninfoFree(opts);
        std::vector<const char*> k, v;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            k.push_back(keys[i].c_str());
            v.push_back(values[i].c_str());
        }
        k.push_back(nullptr);
        v.push_back(nullptr);
        PGconn* side = PQconnectdbParams(k.data(), v.data(), 0);
        if (PQstatus(side) != CONNECTION_OK) {
            PQfinish(side);
            return nullptr;
        }
        for (const auto& sql : setup_)
            if (sql.rfind("SET search_path", 0) == 0) PQclear(PQexec(side, sql.c_str()));
        return side;
    }

    // A lock waited for longer than kLockTimeout: who holds it, asked on this
    // connection outside a transaction (or at the writer's first statement,
    // whose transaction is then rolled back here: nothing was written), else
    // on a second one. pg_locks and pg_stat_activity's role are readable by all.
    std::string busy_message() {
        std::vector<std::string> who, pids;
        auto tx = PQtransactionStatus(c_);
        if (depth == 0 && tx == PQTRANS_INERROR) {
            quiet("ROLLBACK");
            tx = PQtransactionStatus(c_);
        }
        if (tx == PQTRANS_IDLE) {
            quiet("SET lock_timeout = 300");   // the person table itself may be the one locked
            lock_holders(c_, who, pids);
            quiet((std::string("SET lock_timeout = ") + kLockTimeout).c_str());
        } else if (PGconn* side = side_connection()) {
            // Inside a transaction (a reading's snapshot, a caller's write):
            // this connection can no longer ask, another one does (trial 15f
            // F2: a member's LOCK TABLE was said without its holder).
            lock_holders(side, who, pids);
            PQfinish(side);
        }
        std::string names;
        for (std::size_t i = 0; i < who.size(); ++i) names += (i == 0 ? "" : i + 1 == who.size() ? " et " : ", ") + who[i];
        const std::string seconds = std::to_string(std::stoi(kLockTimeout) / 1000);
        return "Campagne partagée « " + shown_ + " » : la campagne est occupée" +
               (names.empty() ? std::string(" : une autre connexion y tient un verrou")
                              : " : " + names + (who.size() > 1 ? " y tiennent" : " y tient") + " un verrou") +
               " depuis plus de " + seconds + " s ; rien n'a été enregistré. Réessayez dans un instant. Si le verrou "
               "demeure : une transaction restée ouverte se termine (COMMIT ou ROLLBACK) ; un verrou consultatif pris à la "
               "main (pg_advisory_lock, dans psql) ne se lève qu'à la fin de sa connexion (essai 15e F7) : que cette personne "
               "la ferme, ou que le service y mette fin (" +
               (pids.empty() ? std::string("SELECT pg_terminate_backend(PID), PID lu dans pg_locks")
                             : "SELECT pg_terminate_backend(" + fr::join(pids, "), pg_terminate_backend(") + ")") +
               ").";
    }

    // Grants and row-level security said in French (libpq's text is
    // English): what the role was refused, by the table it touched.
    std::string refusal_message(const std::string& msg) const {
        std::string table;
        for (const char* lead : {"for table ", "for relation "})
            if (auto p = msg.find(lead); p != std::string::npos) {
                table = msg.substr(p + std::string(lead).size());
                table.erase(std::remove(table.begin(), table.end(), '"'), table.end());
                break;
            }
        static const std::map<std::string, std::string> what{
            {"rating", "saisir ou modifier ces notes (un instructeur ne note que les dossiers qui lui sont affectés, en son "
                       "propre nom ; un membre de commission ne note pas)"},
            {"reviewer", "saisir des notes au nom d'une autre personne"},
            {"submission", "soumettre ces notes (seulement les siennes, sur un dossier affecté sans lien déclaré)"},
            {"consolidation", "arbitrer une note (réservé au coordonnateur)"},
            {"decision", "enregistrer une décision (réservé au coordonnateur)"},
            {"campaign", "clore, rouvrir ou modifier la campagne (réservé au coordonnateur)"},
            {"campaign_parameter", "modifier un paramètre de la campagne (réservé au coordonnateur)"},
            {"grid_history", "changer de grille (réservé au coordonnateur)"},
            {"person", "modifier l'équipe (réservé au coordonnateur)"},
            {"assignment", "affecter un dossier (réservé au coordonnateur)"},
            {"dossier", "modifier les dossiers (réservé au coordonnateur et aux instructeurs)"},
            {"prior_rejection", "refuser un dossier au préalable (réservé au coordonnateur)"},
            {"meeting", "enregistrer la séance de la commission (réservé au coordonnateur)"},
            {"member_opinion", "enregistrer cet avis (un membre de la commission ne donne que le sien)"},
            {"journal", "modifier le journal (il ne peut être que complété)"},
        };
        auto w = what.find(table);
        const char* user = PQuser(c_);
        // `partager` without the right to create a schema (trial 15 F9): the right is named.
        if (auto p = msg.find("for database "); p != std::string::npos && table.empty()) {
            std::string base = msg.substr(p + 13);
            base.erase(std::remove(base.begin(), base.end(), '"'), base.end());
            return "Campagne partagée « " + shown_ + " » : la base du serveur refuse au rôle « " + (user ? user : "?") +
                   " » de créer une campagne : il lui manque le droit CREATE sur la base « " + base +
                   " » (GRANT CREATE ON DATABASE, par le service : docs/serveur.md) ; rien n'a été enregistré.";
        }
        const std::string who = "« " + std::string(user ? user : "?") + " »";
        // Trial 15c F9: a person added to the team since the rights were last
        // applied has no right on the campaign's schema yet; and applying
        // them needs CREATEROLE. Both said with what to do.
        if (msg.find("for schema ") != std::string::npos)
            return "Campagne partagée « " + shown_ + " » : le rôle " + who +
                   " n'a encore aucun droit sur cette campagne. Une personne ajoutée à l'équipe (users --ajouter … --compte) "
                   "n'en reçoit qu'une fois les droits de l'équipe appliqués de nouveau : le service (compte propriétaire de la "
                   "campagne) lance « cotation serveur roles ADRESSE --appliquer » (docs/serveur.md, « Mettre en place un vrai "
                   "serveur », étape 4).";
        if (msg.find("to create role") != std::string::npos || msg.find("CREATEROLE") != std::string::npos)
            return "Campagne partagée « " + shown_ + " » : la base du serveur refuse au rôle " + who +
                   " de créer les groupes de la campagne : il lui manque le droit CREATEROLE (ALTER ROLE " +
                   std::string(user ? user : "…") +
                   " CREATEROLE, par un superutilisateur ; les droits de l'équipe "
                   "s'appliquent sous le compte propriétaire de la campagne : docs/serveur.md, étape 2) ; rien n'a été "
                   "enregistré.";
        const std::string act = w != what.end() ? w->second
                                : table.empty()     ? std::string("faire cette opération")
                                                    : "modifier la table « " + table + " »";
        // « d'enregistrer », « d'arbitrer », « de modifier » (trial 15 F9).
        const bool elided = act.rfind("é", 0) == 0 || std::string_view("aeiou").find(act[0]) != std::string_view::npos;
        return "Campagne partagée « " + shown_ + " » : la base du serveur refuse au rôle « " + (user ? user : "?") + " » " +
               (elided ? "d'" : "de ") + act + " ; rien n'a été enregistré.";
    }

    PGconn* c_ = nullptr;
    std::string shown_;
    std::vector<std::string> setup_;

public:
    int depth = 0;   // open PgTransactions: an inner one is a savepoint
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
            c_.exec(kind == Kind::Read ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
            if (kind == Kind::Write) c_.exec(kJournalLock);
        }
        ++c_.depth;
    }
    ~PgTransaction() {
        if (done_) return;
        --c_.depth;
        c_.quiet(nested_ ? "ROLLBACK TO SAVEPOINT cotation; RELEASE SAVEPOINT cotation" : "ROLLBACK");
    }
    PgTransaction(const PgTransaction&) = delete;
    PgTransaction& operator=(const PgTransaction&) = delete;
    void commit() {
        c_.exec(nested_ ? "RELEASE SAVEPOINT cotation" : "COMMIT");
        done_ = true;
        --c_.depth;
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
