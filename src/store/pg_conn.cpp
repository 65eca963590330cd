// The PostgreSQL store's connection (pg_conn.h): connecting with the
// store's settings, and the server's refusals said in French.
#include "pg_conn.h"

namespace cotation::pg {

// libpq's connection failures said in French (trial 15 F8); a cause it does
// not recognise keeps libpq's own words.
std::string french_connection_error(const std::string& msg) {
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
    if (auto db = quoted_after("permission denied for database \""); !db.empty())
        return "ce rôle n'a pas le droit de se connecter à la base « " + db +
               " » (privilège CONNECT, à demander au service informatique)";
    if (auto db = quoted_after("database \""); !db.empty() && msg.find("does not exist") != std::string::npos)
        return "la base « " + db + " » n'existe pas sur ce serveur";
    if (auto role = quoted_after("role \""); !role.empty() && msg.find("does not exist") != std::string::npos)
        return "le rôle « " + role + " » n'existe pas sur ce serveur";
    // The address's own form (trial 22 M1: libpq's English quoted the address, password included).
    if (msg.find("matching \"]\" in IPv6 host address") != std::string::npos)
        return "le crochet « [ » de l'adresse IPv6 de l'hôte n'est pas refermé (« [::1] »)";
    if (msg.find("invalid percent-encoded token") != std::string::npos)
        return "un « % » n'est pas suivi de deux chiffres hexadécimaux (un caractère spécial de l'identifiant ou du mot "
               "de passe s'écrit ainsi : %40 pour @, %3A pour :, %2F pour /, %25 pour %)";
    if (msg.find("forbidden value %00") != std::string::npos) return "un « %00 » (caractère nul) n'est pas permis";
    if (auto v = quoted_after("invalid integer value \""); !v.empty())
        return "valeur « " + v + " » invalide pour le paramètre « " + quoted_after("for connection option \"") +
               " » : un nombre entier";
    // « invalid target_session_attrs value: "bad" » and the like (trial 23 m7).
    if (auto p = msg.find(" value: \""); msg.rfind("invalid ", 0) == 0 && p != std::string::npos)
        return "valeur « " + quoted_after(" value: \"") + " » invalide pour le paramètre « " + msg.substr(8, p - 8) + " »";
    if (auto v = quoted_after("invalid connection option \""); !v.empty())
        return "paramètre « " + v + " » inconnu de PostgreSQL";
    if (msg.find("unexpected spaces found") != std::string::npos || msg.find("unexpected character") != std::string::npos)
        return "caractère inattendu dans l'adresse (une espace ou un signe réservé s'écrit %20, %40…)";
    if (msg.find("missing \"=\" after") != std::string::npos || msg.find("extra key/value separator") != std::string::npos)
        return "paramètre de l'adresse mal formé (forme nom=valeur, séparés par &)";
    return msg.empty() ? std::string("raison inconnue") : msg;
}

std::string without_secrets(std::string text, const std::string& uri) {
    // The password of « scheme://user:password@host », and of each « password=… » parameter.
    std::vector<std::string> secrets;
    if (auto scheme = uri.find("://"); scheme != std::string::npos) {
        const auto at = uri.find('@', scheme + 3), slash = uri.find('/', scheme + 3), colon = uri.find(':', scheme + 3);
        if (at != std::string::npos && (slash == std::string::npos || at < slash) && colon != std::string::npos && colon < at)
            secrets.push_back(uri.substr(colon + 1, at - colon - 1));
    }
    for (auto p = uri.find("password="); p != std::string::npos; p = uri.find("password=", p + 9)) {
        const auto end = uri.find('&', p);
        secrets.push_back(uri.substr(p + 9, (end == std::string::npos ? uri.size() : end) - p - 9));
    }
    for (const auto& secret : secrets)
        for (auto p = secret.empty() ? std::string::npos : text.find(secret); p != std::string::npos;
             p = text.find(secret, p + 3))
            text.replace(p, secret.size(), "…");
    return text;
}

namespace {
// Connects with KEYS = VALUES (libpq's own parameters): the store's
// connection and its side connection build them alike (one place).
PGconn* connect_with(const std::vector<std::string>& keys, const std::vector<std::string>& values) {
    std::vector<const char*> k, v;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        k.push_back(keys[i].c_str());
        v.push_back(values[i].c_str());
    }
    k.push_back(nullptr);
    v.push_back(nullptr);
    return PQconnectdbParams(k.data(), v.data(), 0);
}
}  // namespace

PgConn::PgConn(const PgAddress& address) : shown_(address.shown) {
    // The URI's own parameters, plus what the store relies on: UTF-8 and
    // ISO dates whatever the server's defaults.
    char* err = nullptr;
    PQconninfoOption* opts = PQconninfoParse(address.uri_without_campaign.c_str(), &err);
    if (!opts) {
        std::string msg = err ? err : "adresse illisible";
        PQfreemem(err);
        while (!msg.empty() && (msg.back() == '\n' || msg.back() == '.')) msg.pop_back();
        throw InputError("Adresse de campagne partagée « " + shown_ + " » illisible : " +
                         without_secrets(french_connection_error(msg), address.uri_without_campaign) + ".");
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
    c_ = connect_with(keys, values);
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
                         without_secrets(french_connection_error(msg), address.uri_without_campaign) + ".");
    }
    // The server's notices (« drop cascades to … ») are not for the user's terminal.
    PQsetNoticeProcessor(c_, [](void*, const char*) {}, nullptr);
}

void PgConn::fail(PGresult* r) {
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
    // PostgreSQL's own English refusals of a privilege (« must have CREATEROLE privilege », « must be owner of… »:
    // trial 22 m1) are translated, not taken for a trigger's French.
    const bool english = msg.rfind("permission denied", 0) == 0 || msg.rfind("new row violates", 0) == 0 ||
                         msg.rfind("must have", 0) == 0 || msg.rfind("must be", 0) == 0 ||
                         msg.find("CREATEROLE") != std::string::npos;
    if (code == "42501" && !english)
        throw InputError("Campagne partagée « " + shown_ + " » : la base du serveur refuse au rôle « " +
                         std::string(PQuser(c_) ? PQuser(c_) : "?") + " » : " + msg + " ; rien n'a été enregistré.");
    if (code == "42501") throw InputError(refusal_message(msg));
    // 55P03: lock_timeout; 57014: statement_timeout (apply_pg_roles sets one).
    if (code == "55P03" || code == "57014") throw BusyError(busy_message());
    if (code == "40001" || code == "40P01")
        throw Error("Campagne partagée « " + shown_ + " » : une autre personne écrivait en même temps ; "
                    "rien n'a été enregistré, recommencez.");
    throw Error("Campagne partagée « " + shown_ + " » : " + msg + " ; rien n'a été enregistré.");
}

// Who holds a lock on this campaign's tables, or the writers' advisory
// lock, as « NOM (compte LOGIN) », with their processes, asked on C.
void PgConn::lock_holders(PGconn* c, std::vector<std::string>& who, std::vector<std::string>& pids) {
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
PGconn* PgConn::side_connection() const {
    PQconninfoOption* opts = PQconninfo(c_);
    if (!opts) return nullptr;
    std::vector<std::string> keys, values;
    for (PQconninfoOption* o = opts; o->keyword; ++o)
        if (o->val && *o->val) {
            keys.emplace_back(o->keyword);
            values.emplace_back(std::string(o->keyword) == "options" ? std::string("-c lock_timeout=300") : o->val);
        }
    PQconninfoFree(opts);
    PGconn* side = connect_with(keys, values);
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
std::string PgConn::busy_message() {
    std::vector<std::string> who, pids;
    // A reading has nothing to record (pg13's leftover: it said « rien n'a été enregistré »).
    const bool wrote = writing;
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
           " depuis plus de " + seconds + " s ; " +
           (wrote ? "rien n'a été enregistré" : "la lecture n'a pas abouti (elle ne change rien à la campagne)") +
           ". Réessayez dans un instant. Si le verrou "
           "demeure : une transaction restée ouverte se termine (COMMIT ou ROLLBACK) ; un verrou consultatif pris à la "
           "main (pg_advisory_lock, dans psql) ne se lève qu'à la fin de sa connexion (essai 15e F7) : que cette personne "
           "la ferme, ou que le service y mette fin (" +
           (pids.empty() ? std::string("SELECT pg_terminate_backend(PID), PID lu dans pg_locks")
                         : "SELECT pg_terminate_backend(" + fr::join(pids, "), pg_terminate_backend(") + ")") +
           ").";
}

// Grants and row-level security said in French (libpq's text is
// English): what the role was refused, by the table it touched.
std::string PgConn::refusal_message(const std::string& msg) const {
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
               " ». Une campagne se met sur le serveur sous le compte du service informatique, propriétaire de la base, "
               "qui a ce droit (docs/serveur.md, étapes 2 et 4), pas sous celui d'une personne de l'équipe ; rien n'a été "
               "enregistré.";
    }
    const std::string who = "« " + std::string(user ? user : "?") + " »";
    // Trial 15c F9: a person added to the team since the rights were last
    // applied has no right on the campaign's schema yet; and applying
    // them needs CREATEROLE. Both said with what to do.
    if (msg.find("for schema ") != std::string::npos)
        return "Campagne partagée « " + shown_ + " » : le rôle " + who +
               " n'a aucun droit sur cette campagne : il n'est le compte d'aucune personne de son équipe (le coordonnateur "
               "lie une personne à son compte : cotation users ADRESSE --ajouter NOM --compte " +
               fr::shell_word(user ? user : "LOGIN") +
               "), ou cette personne vient d'être ajoutée : elle n'a de droits qu'une fois ceux de l'équipe appliqués de "
               "nouveau, par le service (compte propriétaire de la campagne) : « cotation serveur roles ADRESSE --appliquer » "
               "(docs/serveur.md, « Mettre en place un vrai serveur », étape 4).";
    if (msg.find("to create role") != std::string::npos || msg.find("CREATEROLE") != std::string::npos)
        return "Campagne partagée « " + shown_ + " » : la base du serveur refuse au rôle " + who +
               " de créer les groupes de la campagne : il lui manque le droit CREATEROLE. Les droits de l'équipe "
               "s'appliquent sous le compte propriétaire de la campagne, celui du service informatique, qui a ce droit "
               "(docs/serveur.md, étapes 2 et 4), jamais sous celui d'une personne de l'équipe ; rien n'a été enregistré.";
    const std::string act = w != what.end() ? w->second
                            : table.empty()     ? std::string("faire cette opération")
                                                : "modifier la table « " + table + " »";
    // « d'enregistrer », « d'arbitrer », « de modifier » (trial 15 F9).
    const bool elided = act.rfind("é", 0) == 0 || std::string_view("aeiou").find(act[0]) != std::string_view::npos;
    return "Campagne partagée « " + shown_ + " » : la base du serveur refuse au rôle « " + (user ? user : "?") + " » " +
           (elided ? "d'" : "de ") + act + " ; rien n'a été enregistré.";
}


}  // namespace cotation::pg
