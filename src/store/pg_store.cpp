// CampaignStore on PostgreSQL through libpq (why libpq: docs/serveur.md).
// Mirrors SqliteStore mutation by mutation: the same journal entries (same
// actions, entities, old and new values, same hash chain), the same refusals,
// the same snapshot. Writers are serialised by a lock on the journal taken at
// the start of each transaction, as SQLite's BEGIN IMMEDIATE does; readers
// are not blocked.
#include "pg_store.h"

#include <libpq-fe.h>

#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "journal.h"
#include "pg_schema.h"
#include "pg_write.h"

namespace cotation {
namespace {

// ---- URI -------------------------------------------------------------------

std::string percent_decode(const std::string& s, bool& ok) {
    std::string out;
    ok = true;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%') {
            auto hex = [](char c) -> int {
                if (c >= '0' && c <= '9') return c - '0';
                if (c >= 'a' && c <= 'f') return c - 'a' + 10;
                if (c >= 'A' && c <= 'F') return c - 'A' + 10;
                return -1;
            };
            if (i + 2 >= s.size()) {
                ok = false;
                return out;
            }
            int hi = hex(s[i + 1]), lo = hex(s[i + 2]);
            if (hi < 0 || lo < 0) {
                ok = false;
                return out;
            }
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

const char* const kUriForm = "forme attendue : postgresql://hôte:port/base?campagne=RÉFÉRENCE";

// The URI as shown in messages: its password hidden, in the user part or
// as a parameter.
std::string hide_password(std::string uri) {
    for (auto p = uri.find("password="); p != std::string::npos; p = uri.find("password=", p + 10)) {
        auto end = uri.find('&', p);
        uri.replace(p + 9, (end == std::string::npos ? uri.size() : end) - p - 9, "…");
    }
    auto scheme = uri.find("://");
    if (scheme == std::string::npos) return uri;
    auto at = uri.find('@', scheme + 3);
    auto slash = uri.find('/', scheme + 3);
    if (at == std::string::npos || (slash != std::string::npos && slash < at)) return uri;
    auto colon = uri.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return uri;
    return uri.substr(0, colon + 1) + "…" + uri.substr(at);
}

// ---- libpq -----------------------------------------------------------------

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

std::string closed_message() {
    return "La campagne est close : la base du serveur refuse toute modification (notes, arbitrages, dossiers, équipe, "
           "séance, paramètres). Le coordonnateur peut la rouvrir en écrivant le motif (cotation reopen).";
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
        values.push_back("-c DateStyle=ISO -c TimeZone=UTC");
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
            throw InputError("Impossible de joindre le serveur de la campagne partagée « " + shown_ + " » : " + msg +
                             (!msg.empty() && msg.back() == '?' ? "" : "."));
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
    const std::string& shown() const { return shown_; }

private:
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
        if (code == "40001" || code == "40P01")
            throw Error("Campagne partagée « " + shown_ + " » : une autre personne écrivait en même temps ; "
                        "rien n'a été enregistré, recommencez.");
        throw Error("Campagne partagée « " + shown_ + " » : " + msg + " ; rien n'a été enregistré.");
    }

    PGconn* c_ = nullptr;
    std::string shown_;

public:
    int depth = 0;   // open PgTransactions: an inner one is a savepoint
    pg::WriteCheck* check = nullptr;   // the store's lost-update check (pg_write.h)
    PGconn* raw() const { return c_; }
};

// Rolls back unless committed. A writing transaction first locks the journal
// (self-exclusive, readers not blocked): one writer at a time, so that each
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
            if (kind == Kind::Write) c_.exec("LOCK TABLE journal IN SHARE ROW EXCLUSIVE MODE");
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

const char* const kUtcText = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'";

// Appends entries chained by hash, as on SQLite; the time is the server's
// (one clock for the whole team), the same for every entry of a transaction.
class PgJournalWriter {
public:
    explicit PgJournalWriter(PgConn& c) : c_(c) {
        auto r = c.exec(std::string("SELECT (SELECT seq FROM journal ORDER BY seq DESC LIMIT 1), "
                                    "(SELECT hash FROM journal ORDER BY seq DESC LIMIT 1), "
                                    "to_char(transaction_timestamp() AT TIME ZONE 'UTC', ") + kUtcText + ")");
        if (!r.null(0, 0)) {
            seq_ = r.integer(0, 0);
            prev_ = r.text(0, 1);
        }
        at_ = r.text(0, 2);
        head_ = seq_;
    }
    void add(const std::string& actor, const std::string& action, const std::string& entity,
             const std::string& old_value, const std::string& new_value) {
        // Refused when another person changed the same thing since this one's reading.
        if (c_.check) c_.check->before_entry(c_.raw(), c_.shown(), head_, entity);
        JournalEntry e{++seq_, at_, actor, action, entity, old_value, new_value, prev_, ""};
        e.hash = journal_hash(e);
        c_.exec("INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash) "
                "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
                {std::to_string(e.seq), e.at, e.actor, e.action, e.entity, e.old_value, e.new_value, e.prev_hash, e.hash});
        prev_ = e.hash;
        if (c_.check) c_.check->wrote(e.seq, e.hash);
    }
    const std::string& at() const { return at_; }

private:
    PgConn& c_;
    std::int64_t seq_ = 0, head_ = 0;   // head_: the last entry before this transaction's
    std::string prev_ = kJournalGenesis, at_;
};

// ---- the same texts as the SQLite store ------------------------------------
// (sqlite_store.cpp keeps its own copies in an anonymous namespace; one
// shared file once both stores are merged.)

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}
std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
    return out;
}
std::vector<std::pair<std::string, std::string>> authority_fields(const Authority& a) {
    return {{"type", authority_kind_code(a.kind)}, {"nom", a.name}, {"adresse", join_lines(a.address)},
            {"signataire", a.signatory}, {"qualite", a.signatory_title}, {"ville", a.city},
            {"tribunal", a.tribunal}, {"adresse_tribunal", a.tribunal_address}, {"logo", a.logo}};
}
const char* authority_column(const std::string& field) {
    static const std::map<std::string, const char*> columns{
        {"type", "authority_kind"}, {"nom", "authority"}, {"adresse", "authority_address"}, {"signataire", "signatory"},
        {"qualite", "signatory_title"}, {"ville", "city"}, {"tribunal", "tribunal"}, {"adresse_tribunal", "tribunal_address"},
        {"logo", "logo"}};
    return columns.at(field);
}
std::string facts_text(const FactValues& f) {
    std::string s;
    for (const auto& [k, v] : f) s += (s.empty() ? "" : "; ") + k + "=" + to_canonical(v);
    return s;
}
// A date column: NULL for a date never set (Date{} has no calendar day).
Param date_param(const Date& d) { return Date::valid(d.year, d.month, d.day) ? Param(d.iso()) : std::nullopt; }
std::string presence_text(Presence p) {
    return p == Presence::Present ? "présent" : p == Presence::Represented ? "représenté" : "absent";
}

std::string quote_identifier(const std::string& name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

class PgStore final : public CampaignStore {
public:
    explicit PgStore(std::unique_ptr<PgConn> c) : c_(std::move(c)) { c_->check = &check_; }

    std::string closed_since() override {
        auto r = c_->exec(std::string("SELECT to_char(closed_at AT TIME ZONE 'UTC', ") + kUtcText + ") FROM campaign");
        return r.rows() ? r.text(0, 0) : "";
    }

    void close(const std::string& reason, const std::string& actor) override {
        PgTransaction t(*c_);
        PgJournalWriter j(*c_);
        std::string since = closed_since();
        if (!since.empty()) throw InputError("La campagne est déjà close depuis le " + french_timestamp(since) + ".");
        c_->exec("UPDATE campaign SET closed_at = transaction_timestamp()");
        j.add(actor, "campagne.cloture", "campagne/etat", "ouverte", "close — " + reason);
        t.commit();
    }

    void reopen(const std::string& reason, const std::string& actor) override {
        PgTransaction t(*c_);
        PgJournalWriter j(*c_);
        if (closed_since().empty()) throw InputError("La campagne n'est pas close.");
        c_->exec("UPDATE campaign SET closed_at = NULL");
        j.add(actor, "campagne.reouverture", "campagne/etat", "close", "rouverte — " + reason);
        t.commit();
    }

    CampaignSnapshot load() override {
        // One snapshot of the server: what another writer commits meanwhile
        // is either wholly in it or not at all.
        PgTransaction t(*c_, PgTransaction::Kind::Read);
        CampaignSnapshot s;
        {
            auto c = c_->exec("SELECT reference, title, authority, signatory, city, grid_xml, grid_name, form_xml, form_name, "
                              "procedure_name, procedure_xml, authority_kind, authority_address, signatory_title, tribunal, "
                              "tribunal_address, logo, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM campaign");
            if (!c.rows())
                throw InputError("« " + c_->shown() + " » n'est pas une campagne Cotation (aucune campagne enregistrée).");
            s.campaign.reference = c.text(0, 0);
            s.campaign.title = c.text(0, 1);
            Authority& a = s.campaign.authority;
            a.name = c.text(0, 2);
            a.signatory = c.text(0, 3);
            a.city = c.text(0, 4);
            a.kind = authority_kind_from_text(c.text(0, 11)).value_or(AuthorityKind::Other);
            a.address = split_lines(c.text(0, 12));
            a.signatory_title = c.text(0, 13);
            a.tribunal = c.text(0, 14);
            a.tribunal_address = c.text(0, 15);
            a.logo = c.text(0, 16);
            s.procedure_name = c.text(0, 9);
            s.procedure_xml = c.text(0, 10);
            s.campaign.created_on = c.text(0, 17);
            s.grid_xml = c.text(0, 5);
            s.grid_name = c.text(0, 6);
            s.form_xml = c.text(0, 7);
            s.form_name = c.text(0, 8);
        }
        {
            auto p = c_->exec("SELECT name, value FROM campaign_parameter");
            raw_parameters_.clear();
            for (int i = 0; i < p.rows(); ++i) raw_parameters_[p.text(i, 0)] = p.text(i, 1);
            for (const auto& [k, v] : raw_parameters_) s.campaign.parameters[k] = v;
        }
        std::unordered_map<std::int64_t, std::size_t> index;
        {
            auto d = c_->exec("SELECT id, reference, organisme, siret, finess, commune FROM dossier ORDER BY id");
            for (int i = 0; i < d.rows(); ++i) {
                Dossier x;
                x.id = d.integer(i, 0);
                x.reference = d.text(i, 1);
                x.organisme = d.text(i, 2);
                x.siret = d.text(i, 3);
                x.finess = d.text(i, 4);
                x.commune = d.text(i, 5);
                index[x.id] = s.dossiers.size();
                s.dossiers.push_back(std::move(x));
            }
        }
        {
            auto f = c_->exec("SELECT dossier_id, fact, value FROM dossier_fact");
            for (int i = 0; i < f.rows(); ++i) s.dossiers[index.at(f.integer(i, 0))].facts[f.text(i, 1)] = f.text(i, 2);
            auto g = c_->exec("SELECT dossier_id, document FROM dossier_document");
            for (int i = 0; i < g.rows(); ++i) s.dossiers[index.at(g.integer(i, 0))].documents.insert(g.text(i, 1));
        }
        {
            // Ordered as SQLite's primary keys give them (bytewise text: COLLATE "C").
            auto r = c_->exec("SELECT r.dossier_id, v.name, r.criterion, r.value, r.justification FROM rating r "
                              "JOIN reviewer v ON v.id = r.reviewer_id "
                              "ORDER BY r.dossier_id, r.reviewer_id, r.criterion COLLATE \"C\"");
            for (int i = 0; i < r.rows(); ++i)
                s.ratings.push_back({r.integer(i, 0), r.text(i, 1), r.text(i, 2), static_cast<int>(r.integer(i, 3)), r.text(i, 4)});
        }
        {
            auto p = c_->exec("SELECT name, role, organisation, deliberative, account FROM person");
            for (int i = 0; i < p.rows(); ++i) {
                auto role = role_from_text(p.text(i, 1));
                if (!role) throw InputError("Campagne « " + c_->shown() + " » : rôle illisible « " + p.text(i, 1) + " ».");
                s.team.people[p.text(i, 0)] = {p.text(i, 0), *role, p.text(i, 2), p.boolean(i, 3), p.text(i, 4)};
            }
            auto a = c_->exec("SELECT dossier_id, reviewer FROM assignment");
            for (int i = 0; i < a.rows(); ++i) s.team.assignments[a.integer(i, 0)].insert(a.text(i, 1));
            auto c = c_->exec("SELECT reviewer, organisme, declaration, declared_on, declared_by FROM conflict "
                              "ORDER BY reviewer COLLATE \"C\", organisme COLLATE \"C\"");
            for (int i = 0; i < c.rows(); ++i)
                s.team.conflicts.push_back({c.text(i, 0), c.text(i, 1), c.text(i, 2), c.text(i, 4),
                                            Date::parse(c.text(i, 3)).value_or(Date{})});
            auto sub = c_->exec("SELECT dossier_id, reviewer FROM submission");
            for (int i = 0; i < sub.rows(); ++i) s.team.submitted[sub.integer(i, 0)].insert(sub.text(i, 1));
        }
        {
            auto d = c_->exec("SELECT dossier_id, kind, motive, decided_on, places, committee_opinion, departure_reason, author "
                              "FROM decision");
            for (int i = 0; i < d.rows(); ++i) {
                Decision x;
                auto kind = decision_from_text(d.text(i, 1));
                auto date = Date::parse(d.text(i, 3));
                if (!kind || !date) throw InputError("Campagne « " + c_->shown() + " » : décision illisible.");
                x.kind = *kind;
                x.motive = d.text(i, 2);
                x.date = *date;
                if (!d.text(i, 4).empty()) x.places = Rational::from_canonical(d.text(i, 4));
                if (!d.text(i, 5).empty()) x.committee_opinion = decision_from_text(d.text(i, 5));
                x.departure_reason = d.text(i, 6);
                x.author = d.text(i, 7);
                s.decisions[d.integer(i, 0)] = x;
            }
        }
        load_procedure(s);
        {
            auto c = c_->exec("SELECT dossier_id, criterion, value, reason, author FROM consolidation");
            for (int i = 0; i < c.rows(); ++i) {
                auto v = Rational::from_canonical(c.text(i, 2));
                if (!v)
                    throw InputError("Campagne « " + c_->shown() + " » : note consolidée illisible « " + c.text(i, 2) + " ».");
                s.consolidation[c.integer(i, 0)][c.text(i, 1)] = {c.text(i, 1), *v, c.text(i, 3), c.text(i, 4)};
            }
        }
        seen_seq_ = last_seq();
        check_.loaded(seen_seq_);
        t.commit();
        return s;
    }

    std::vector<std::int64_t> add_dossiers(const std::vector<Dossier>& dossiers, const std::string& actor) override {
        PgTransaction t(*c_);
        PgJournalWriter j(*c_);
        ensure_open();
        std::vector<std::int64_t> ids;
        for (const auto& d : dossiers) {
            if (c_->exec("SELECT 1 FROM dossier WHERE reference = $1", {d.reference}).rows())
                throw InputError("Le dossier « " + d.reference + " » existe déjà dans la campagne ; rien n'a été enregistré.");
            auto r = c_->exec("INSERT INTO dossier(id, reference, organisme, siret, finess, commune) "
                              "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM dossier),$1,$2,$3,$4,$5) RETURNING id",
                              {d.reference, d.organisme, d.siret, d.finess, d.commune});
            std::int64_t id = r.integer(0, 0);
            ids.push_back(id);
            for (const auto& [k, v] : d.facts)
                c_->exec("INSERT INTO dossier_fact(dossier_id, fact, value) VALUES ($1,$2,$3)",
                         {std::to_string(id), k, to_canonical(v)});
            std::string docs;
            for (const auto& x : d.documents) {
                c_->exec("INSERT INTO dossier_document(dossier_id, document) VALUES ($1,$2)", {std::to_string(id), x});
                docs += (docs.empty() ? "" : " ") + x;
            }
            j.add(actor, "dossier.ajout", "dossier/" + d.reference, "",
                  "organisme=" + d.organisme + "; siret=" + d.siret + "; finess=" + d.finess + "; commune=" + d.commune +
                      "; " + facts_text(d.facts) + "; pieces=" + docs);
        }
        t.commit();
        return ids;
    }

    void update_dossier(const Dossier& before, const Dossier& after, const std::string& actor) override {
        PgTransaction t(*c_);
        PgJournalWriter j(*c_);
        ensure_open();
        std::string entity = "dossier/" + before.reference, id = std::to_string(after.id);
        if (before.reference != after.reference || before.organisme != after.organisme || before.siret != after.siret ||
            before.finess != after.finess || before.commune != after.commune) {
            c_->exec("UPDATE dossier SET reference=$1, organisme=$2, siret=$3, finess=$4, commune=$5 WHERE id=$6",
                     {after.reference, after.organisme, after.siret, after.finess, after.commune, id});
            auto ident = [](const Dossier& d) {
                return "reference=" + d.reference + "; organisme=" + d.organisme + "; siret=" + d.siret +
                       "; finess=" + d.finess + "; commune=" + d.commune;
            };
            j.add(actor, "dossier.identite", entity, ident(before), ident(after));
        }
        std::set<std::string> keys;
        for (const auto& [k, v] : before.facts) keys.insert(k);
        for (const auto& [k, v] : after.facts) keys.insert(k);
        for (const auto& k : keys) {
            auto b = before.facts.count(k) ? to_canonical(before.facts.at(k)) : "";
            auto a = after.facts.count(k) ? to_canonical(after.facts.at(k)) : "";
            if (a == b) continue;
            if (a.empty())
                c_->exec("DELETE FROM dossier_fact WHERE dossier_id=$1 AND fact=$2", {id, k});
            else
                c_->exec("INSERT INTO dossier_fact(dossier_id, fact, value) VALUES ($1,$2,$3) "
                         "ON CONFLICT (dossier_id, fact) DO UPDATE SET value = EXCLUDED.value",
                         {id, k, a});
            j.add(actor, "dossier.fait", entity + "/" + k, b, a);
        }
        for (const auto& x : after.documents)
            if (!before.documents.count(x)) {
                c_->exec("INSERT INTO dossier_document(dossier_id, document) VALUES ($1,$2)", {id, x});
                j.add(actor, "dossier.piece", entity + "/" + x, "manquante", "reçue");
            }
        for (const auto& x : before.documents)
            if (!after.documents.count(x)) {
                c_->exec("DELETE FROM dossier_document WHERE dossier_id=$1 AND document=$2", {id, x});
                j.add(actor, "dossier.piece", entity + "/" + x, "reçue", "manquante");
            }
        t.commit();
    }

    void put_ratings(const std::vector<Rating>& ratings, const std::string& actor) override {
        PgTransaction t(*c_);
        PgJournalWriter j(*c_);
        ensure_open();
        std::map<std::string, std::string> rev_ids;
        std::unordered_map<std::int64_t, std::string> refs;
        for (const auto& r : ratings) {
            auto it = rev_ids.find(r.reviewer);
            if (it == rev_ids.end()) {
                auto f = c_->exec("SELECT id FROM reviewer WHERE name=$1", {r.reviewer});
                std::string id = f.rows() ? f.text(0, 0)
                                          : c_->exec("INSERT INTO reviewer(id, name) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM reviewer), $1) "
                                                     "RETURNING id",
                                                     {r.reviewer}).text(0, 0);
                it = rev_ids.emplace(r.reviewer, id).first;
            }
            auto& reference = refs[r.dossier_id];
            if (reference.empty()) {
                auto ref = c_->exec("SELECT reference FROM dossier WHERE id=$1", {std::to_string(r.dossier_id)});
                if (!ref.rows())
                    throw InputError("Dossier n°" + std::to_string(r.dossier_id) + " inconnu ; aucune note n'a été enregistrée.");
                reference = ref.text(0, 0);
            }
            std::string dossier = std::to_string(r.dossier_id);
            auto old = c_->exec("SELECT value, justification FROM rating WHERE dossier_id=$1 AND reviewer_id=$2 AND criterion=$3",
                                {dossier, it->second, r.criterion});
            std::string before = old.rows() ? old.text(0, 0) + " — " + old.text(0, 1) : "";
            std::string after = std::to_string(r.value) + " — " + r.justification;
            if (before == after) continue;
            c_->exec("INSERT INTO rating(dossier_id, reviewer_id, criterion, value, justification, updated_at) "
                     "VALUES ($1,$2,$3,$4,$5,transaction_timestamp()) ON CONFLICT (dossier_id, reviewer_id, criterion) "
                     "DO UPDATE SET value = EXCLUDED.value, justification = EXCLUDED.justification, updated_at = EXCLUDED.updated_at",
                     {dossier, it->second, r.criterion, std::to_string(r.value), r.justification});
            j.add(actor, "note", "dossier/" + reference + "/note/" + r.reviewer + "/" + r.criterion, before, after);
        }
        t.commit();
    }

    void put_consolidation(std::int64_t dossier_id, const ConsolidationDecision& d, const std::string& actor) override {
        PgTransaction t(*c_);
        PgJournalWriter j(*c_);
        ensure_open();
        std::string reference = reference_of(dossier_id), id = std::to_string(dossier_id);
        auto old = c_->exec("SELECT value, reason FROM consolidation WHERE dossier_id=$1 AND criterion=$2", {id, d.criterion});
        std::string before = old.rows() ? old.text(0, 0) + " — " + old.text(0, 1) : "";
        c_->exec("INSERT INTO consolidation(dossier_id, criterion, value, reason, author, decided_at) "
                 "VALUES ($1,$2,$3,$4,$5,transaction_timestamp()) ON CONFLICT (dossier_id, criterion) DO UPDATE SET "
                 "value = EXCLUDED.value, reason = EXCLUDED.reason, author = EXCLUDED.author, decided_at = EXCLUDED.decided_at",
                 {id, d.criterion, d.value.canonical(), d.reason, d.author});
        j.add(actor, "consolidation", "dossier/" + reference + "/consolidation/" + d.criterion, before,
              d.value.canonical() + " — " + d.reason);
        t.commit();
    }

    void put_person(const Person& p, const std::string& actor) override {
        PgTransaction t(*c_);
        PgJournalWriter j(*c_);
        ensure_open();
        auto old = c_->exec("SELECT role, organisation, account FROM person WHERE name=$1", {p.name});
        std::string before = old.rows() ? old.text(0, 0) + " — " + old.text(0, 1) +
                                              (old.text(0, 2).empty() ? "" : " — compte " + old.text(0, 2))
                                        : "";
        c_->exec("INSERT INTO person(name, role, organisation, deliberative, account) VALUES ($1,$2,$3,$4,$5) ON CONFLICT (name) "
                 "DO UPDATE SET role = EXCLUDED.role, organisation = EXCLUDED.organisation, "
                 "deliberative = EXCLUDED.deliberative, account = EXCLUDED.account",
                 {p.name, std::string(role_code(p.role)), p.organisation, std::string(p.deliberative ? "true" : "false"),
                  p.account});
        std::string voice = p.role == Role::CommitteeMember && !p.deliberative ? " (voix consultative)" : "";
        j.add(actor, "personne", "personne/" + p.name, before,
              std::string(role_label(p.role)) + voice + " — " + p.organisation + (p.account.empty() ? "" : " — compte " + p.account));
        t.commit();
    }

    void assign(std::int64_t dossier_id, const std::string& reviewer, bool add, const std::string& actor) override {
        PgTransaction t(*c_);
        PgJournalWriter j(*c_);
        ensure_open();
        std::string reference = reference_of(dossier_id);
        c_->exec(add ? "INSERT INTO assignment(dossier_id, reviewer) VALUES ($1,$2) ON CONFLICT DO NOTHING"
                     : "DELETE FROM assignment WHERE dossier_id=$1 AND reviewer=$2",
                 {std::to_string(dossier_id), reviewer});
        j.add(actor, "affectation", "dossier/" + reference + "/affectation/" + reviewer, add ? "" : "affecté",
              add ? "affecté" : "retiré");
        t.commit();
    }

    void declare_conflict(const ConflictDeclaration& c, const std::string& actor) override {
        PgTransaction t(*c_);
        PgJournalWriter j(*c_);
        ensure_open();
        c_->exec("INSERT INTO conflict(reviewer, organisme, declaration, declared_on, declared_by) VALUES ($1,$2,$3,$4,$5) "
                 "ON CONFLICT (reviewer, organisme) DO UPDATE SET declaration = EXCLUDED.declaration, "
                 "declared_on = EXCLUDED.declared_on, declared_by = EXCLUDED.declared_by",
                 {c.reviewer, c.organisme, c.declaration, date_param(c.declared_on), c.declared_by});
        // A declared link ends any assignment of that reviewer to the organisme's dossiers.
        c_->exec("DELETE FROM assignment WHERE reviewer=$1 AND dossier_id IN (SELECT id FROM dossier WHERE organisme=$2)",
                 {c.reviewer, c.organisme});
        j.add(actor, "conflit", "personne/" + c.reviewer + "/conflit/" + c.organisme, "",
              c.declaration + " (déclaré le " + c.declared_on.french_numeric() + " par " + c.declared_by + ")");
        t.commit();
    }

    void submit(std::int64_t dossier_id, const std::string& reviewer, const std::string& actor) override {
        PgTransaction t(*c_);
        PgJournalWriter j(*c_);
        ensure_open();
        std::string reference = reference_of(dossier_id);
        c_->exec("INSERT INTO submission(dossier_id, reviewer, submitted_at) VALUES ($1,$2,transaction_timestamp()) "
                 "ON CONFLICT DO NOTHING",
                 {std::to_string(dossier_id), reviewer});
        j.add(actor, "soumission", "dossier/" + reference + "/soumission/" + reviewer, "", "notes soumises");
        t.commit();
    }

    void put_decision(std::int64_t dossier_id, const Decision& d, const std::string& actor) override {
        PgTransaction t(*c_);
        PgJournalWriter j(*c_);
        ensure_open();
        std::string reference = reference_of(dossier_id), id = std::to_string(dossier_id);
        auto text = [](const std::string& kind, const std::string& motive, const std::string& places) {
            return kind + (places.empty() ? "" : " (" + places + ")") + " — " + motive;
        };
        auto old = c_->exec("SELECT kind, motive, places FROM decision WHERE dossier_id=$1", {id});
        std::string before = old.rows() ? text(old.text(0, 0), old.text(0, 1), old.text(0, 2)) : "";
        std::string places = d.places ? d.places->canonical() : "";
        c_->exec("INSERT INTO decision(dossier_id, kind, motive, decided_on, places, committee_opinion, departure_reason, "
                 "author, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,transaction_timestamp()) ON CONFLICT (dossier_id) "
                 "DO UPDATE SET kind = EXCLUDED.kind, motive = EXCLUDED.motive, decided_on = EXCLUDED.decided_on, "
                 "places = EXCLUDED.places, committee_opinion = EXCLUDED.committee_opinion, "
                 "departure_reason = EXCLUDED.departure_reason, author = EXCLUDED.author, recorded_at = EXCLUDED.recorded_at",
                 {id, std::string(decision_label(d.kind)), d.motive, date_param(d.date), places,
                  std::string(d.committee_opinion ? decision_label(*d.committee_opinion) : ""), d.departure_reason, d.author});
        j.add(actor, "decision", "dossier/" + reference + "/decision", before,
              text(decision_label(d.kind), d.motive, places) +
                  (d.departure_reason.empty() ? "" : " ; écart à l'avis de la commission : " + d.departure_reason));
        t.commit();
    }

    void put_prior_rejection(std::int64_t dossier_id, const std::optional<PriorRejection>& r, const std::string& actor) override {
        PgTransaction t(*c_);
        PgJournalWriter j(*c_);
        ensure_open();
        std::string reference = reference_of(dossier_id), id = std::to_string(dossier_id);
        auto old = c_->exec("SELECT ground, motive FROM prior_rejection WHERE dossier_id=$1", {id});
        std::string before = old.rows() ? old.text(0, 0) + " — " + old.text(0, 1) : "";
        if (r)
            c_->exec("INSERT INTO prior_rejection(dossier_id, ground, motive, decided_on, author) VALUES ($1,$2,$3,$4,$5) "
                     "ON CONFLICT (dossier_id) DO UPDATE SET ground = EXCLUDED.ground, motive = EXCLUDED.motive, "
                     "decided_on = EXCLUDED.decided_on, author = EXCLUDED.author",
                     {id, std::string(ground_code(r->ground)), r->motive, date_param(r->date), r->author});
        else
            c_->exec("DELETE FROM prior_rejection WHERE dossier_id=$1", {id});
        j.add(actor, "refus_prealable", "dossier/" + reference + "/refus-prealable", before,
              r ? std::string(ground_code(r->ground)) + " — " + r->motive : "levé");
        t.commit();
    }

    void record_step(const std::string& step, const Date& done_on, const std::string& actor) override {
        PgTransaction t(*c_);
        PgJournalWriter j(*c_);
        ensure_open();
        auto old = c_->exec("SELECT done_on FROM procedure_step WHERE step=$1", {step});
        std::string before = old.rows() ? old.text(0, 0) : "";
        c_->exec("INSERT INTO procedure_step(step, done_on, author) VALUES ($1,$2,$3) ON CONFLICT (step) DO UPDATE SET "
                 "done_on = EXCLUDED.done_on, author = EXCLUDED.author",
                 {step, date_param(done_on), actor});
        j.add(actor, "procedure", "procedure/" + step, before, done_on.iso());
        t.commit();
    }

    // The journal's text of a meeting, as SqliteStore writes it.
    static std::string meeting_text(const Meeting& m) {
        std::string s = m.date.iso() + " ; président : " + m.president + " ; présences :";
        for (const auto& [name, a] : m.attendance)
            s += " " + name + " = " + (a.presence == Presence::Present ? "présent" : a.presence == Presence::Represented ? "représenté par " + a.proxy : "absent") + ",";
        s += " votes :";
        for (const auto& [name, v] : m.votes) s += " " + name + " = " + vote_label(v) + ",";
        for (const auto& [name, text] : m.observations) s += " observation de " + name + " : " + text + ";";
        if (!m.voted.empty()) {
            s += " classement voté :";
            for (const auto& e : m.voted)
                if (e.rank) s += " " + std::to_string(e.rank) + ". " + e.reference + (e.opinion ? std::string(" (") + decision_label(*e.opinion) + ")" : "");
        }
        return s;
    }

    void put_meeting(const Meeting& m, const std::string& actor) override {
        PgTransaction t(*c_);
        PgJournalWriter j(*c_);
        ensure_open();
        CampaignSnapshot before;
        load_procedure(before);
        for (const char* table : {"meeting", "meeting_attendance", "meeting_vote", "meeting_observation", "meeting_ranking"})
            c_->exec(std::string("DELETE FROM ") + table);
        c_->exec("INSERT INTO meeting(id, held_on, president) VALUES (1,$1,$2)", {date_param(m.date), m.president});
        for (const auto& [name, x] : m.attendance)
            c_->exec("INSERT INTO meeting_attendance(member, presence, proxy) VALUES ($1,$2,$3)",
                     {name, presence_text(x.presence), x.proxy});
        for (const auto& [name, x] : m.votes)
            c_->exec("INSERT INTO meeting_vote(member, vote) VALUES ($1,$2)", {name, std::string(vote_label(x))});
        for (const auto& [name, text] : m.observations)
            c_->exec("INSERT INTO meeting_observation(member, text) VALUES ($1,$2)", {name, text});
        for (std::size_t i = 0; i < m.voted.size(); ++i) {
            const VotedEntry& e = m.voted[i];
            c_->exec("INSERT INTO meeting_ranking(position, reference, rank, total, opinion) VALUES ($1,$2,$3,$4,$5)",
                     {std::to_string(i), e.reference, std::to_string(e.rank), e.total,
                      std::string(e.opinion ? decision_label(*e.opinion) : "")});
        }
        j.add(actor, "seance", "commission/seance", before.meeting ? meeting_text(*before.meeting) : "", meeting_text(m));
        t.commit();
    }

    void put_opinion(std::int64_t dossier_id, const MemberOpinion& op, const std::string& actor) override {
        PgTransaction t(*c_);
        PgJournalWriter j(*c_);
        ensure_open();
        std::string reference = reference_of(dossier_id), id = std::to_string(dossier_id);
        auto old = c_->exec("SELECT opinion, comment FROM member_opinion WHERE dossier_id=$1 AND member=$2", {id, op.member});
        std::string before = old.rows() ? old.text(0, 0) + " — " + old.text(0, 1) : "";
        c_->exec("INSERT INTO member_opinion(dossier_id, member, opinion, comment) VALUES ($1,$2,$3,$4) "
                 "ON CONFLICT (dossier_id, member) DO UPDATE SET opinion = EXCLUDED.opinion, comment = EXCLUDED.comment",
                 {id, op.member, std::string(opinion_label(op.opinion)), op.comment});
        j.add(actor, "avis", "dossier/" + reference + "/avis/" + op.member, before,
              std::string(opinion_label(op.opinion)) + " — " + op.comment);
        t.commit();
    }

    void set_parameter(const std::string& name, const std::string& value, const std::string& actor) override {
        PgTransaction t(*c_);
        PgJournalWriter j(*c_);
        ensure_open();
        auto old = c_->exec("SELECT value FROM campaign_parameter WHERE name=$1", {name});
        std::string before = old.rows() ? old.text(0, 0) : "";
        if (value.empty())
            c_->exec("DELETE FROM campaign_parameter WHERE name=$1", {name});
        else
            c_->exec("INSERT INTO campaign_parameter(name, value) VALUES ($1,$2) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value",
                     {name, value});
        j.add(actor, "campagne.parametre", "campagne/" + name, before, value);
        t.commit();
        raw_parameters_[name] = value;
    }

    void set_authority(const Authority& after, const std::string& actor) override {
        PgTransaction t(*c_);
        PgJournalWriter j(*c_);
        ensure_open();
        auto old_fields = authority_fields(load_authority());
        auto new_fields = authority_fields(after);
        for (std::size_t i = 0; i < new_fields.size(); ++i) {
            if (old_fields[i].second == new_fields[i].second) continue;
            c_->exec(std::string("UPDATE campaign SET ") + authority_column(new_fields[i].first) + " = $1", {new_fields[i].second});
            j.add(actor, "campagne.autorite", "campagne/autorite/" + new_fields[i].first, old_fields[i].second,
                  new_fields[i].second);
        }
        t.commit();
    }

    void pin_procedure(const std::string& name, const std::string& xml, const std::string& reason,
                       const std::string& actor) override {
        PgTransaction t(*c_);
        PgJournalWriter j(*c_);
        auto cur = c_->exec("SELECT procedure_name FROM campaign");
        if (!cur.rows()) throw InputError("« " + c_->shown() + " » n'est pas une campagne Cotation.");
        std::string before = cur.text(0, 0);
        c_->exec("UPDATE campaign SET procedure_name = $1, procedure_xml = $2", {name, xml});
        j.add(actor, "campagne.procedure", "campagne/procedure", before, name + " — " + reason);
        t.commit();
    }

    void change_grid(const PinnedGrid& grid, const std::map<std::string, std::string>& new_parameters,
                     const std::string& reason, const std::string& actor) override {
        PgTransaction t(*c_);
        PgJournalWriter j(*c_);
        ensure_open();
        auto cur = c_->exec("SELECT grid_id, grid_version FROM campaign");
        if (!cur.rows()) throw InputError("« " + c_->shown() + " » n'est pas une campagne Cotation.");
        std::string old_id = cur.text(0, 0), old_version = cur.text(0, 1);
        c_->exec("INSERT INTO grid_history(grid_id, grid_version, grid_name, grid_xml, form_name, form_xml, replaced_at, "
                 "replaced_by, reason) SELECT grid_id, grid_version, grid_name, grid_xml, form_name, form_xml, "
                 "transaction_timestamp(), $1, $2 FROM campaign",
                 {actor, reason});
        c_->exec("UPDATE campaign SET grid_id=$1, grid_version=$2, grid_name=$3, grid_xml=$4, form_name=$5, form_xml=$6",
                 {grid.id, grid.version, grid.name, grid.xml, grid.form_name, grid.form_xml});
        j.add(actor, "campagne.grille", "campagne/grille", old_id + " version " + old_version,
              grid.id + " version " + grid.version + " — motif : " + reason);
        for (const auto& [k, v] : new_parameters) {
            c_->exec("INSERT INTO campaign_parameter(name, value) VALUES ($1,$2)", {k, v});
            raw_parameters_[k] = v;
            j.add(actor, "campagne.parametre", "campagne/" + k, "", v);
        }
        t.commit();
    }

    std::vector<std::string> grid_versions() override {
        std::vector<std::string> out;
        auto h = c_->exec(std::string("SELECT grid_id, grid_version, to_char(replaced_at AT TIME ZONE 'UTC', ") + kUtcText +
                          "), replaced_by, reason FROM grid_history ORDER BY seq");
        for (int i = 0; i < h.rows(); ++i)
            out.push_back(h.text(i, 0) + " version " + h.text(i, 1) + ", remplacée le " + h.text(i, 2) + " par " +
                          h.text(i, 3) + " (" + h.text(i, 4) + ")");
        return out;
    }

    std::vector<JournalEntry> journal(const std::string& prefix) override {
        std::vector<JournalEntry> out;
        auto s = c_->exec("SELECT seq, at, actor, action, entity, old_value, new_value, prev_hash, hash FROM journal "
                          "WHERE starts_with(entity, $1) ORDER BY seq",
                          {prefix});
        for (int i = 0; i < s.rows(); ++i)
            out.push_back({s.integer(i, 0), s.text(i, 1), s.text(i, 2), s.text(i, 3), s.text(i, 4), s.text(i, 5),
                           s.text(i, 6), s.text(i, 7), s.text(i, 8)});
        return out;
    }

    // The same chain check as SqliteStore::verify_journal, with its messages.
    JournalCheck verify_journal(const std::optional<JournalHead>& extends) override {
        JournalCheck c = check_journal_chain(journal(""), extends);
        // Not yet on the server: comparing the data with digests of the rows
        // each entry left (SQLite's ledger, schema 12).
        c.ok = c.problems.empty();
        return c;
    }

    // The territory tables (the file's schema 10) are not on the server yet:
    // a shared campaign uses the offer shipped beside its grid, no zones.
    TerritoryRecord load_territory() override { return {}; }
    void put_offer(const Offer&, const std::string&, const std::string&) override { not_yet("l'offre existante"); }
    void put_zones(const std::vector<coverage::Area>&, const std::string&, const std::string&, const std::string&) override {
        not_yet("les zones");
    }
    void put_allocation(const std::optional<allocation::Recorded>&, const std::string&) override {
        not_yet("la répartition suivie");
    }
    [[noreturn]] void not_yet(const std::string& what) {
        throw InputError("Campagne partagée « " + c_->shown() + " » : " + what +
                         " ne s'enregistre pas encore sur le serveur (seulement dans un fichier de campagne).");
    }

    JournalHead journal_head() override {
        auto r = c_->exec("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1");
        return r.rows() ? JournalHead{r.integer(0, 0), r.text(0, 1)} : JournalHead{0, kJournalGenesis};
    }

    // The caller's write transaction; every writer locks the journal first,
    // so the journal's last entry tells whether another one wrote since load().
    bool begin_write() override {
        scopes_.push_back(std::make_unique<PgTransaction>(*c_));
        check_.scope_begun();   // the snapshot acted on: the one before any reload
        return last_seq() != seen_seq_;
    }
    void end_write(bool commit) override {
        if (scopes_.empty()) return;
        auto t = std::move(scopes_.back());
        scopes_.pop_back();
        if (commit) {
            t->commit();
            if (scopes_.empty()) seen_seq_ = last_seq();
        }
        check_.scope_ended();
        if (scopes_.empty()) check_.loaded(seen_seq_);
    }

    // Inside the creating transaction (create_pg_store's).
    void init(const Campaign& campaign, const PinnedGrid& grid, const std::string& actor) {
        PgJournalWriter j(*c_);
        const Authority& a = campaign.authority;
        c_->exec("INSERT INTO campaign(id, reference, title, authority, signatory, city, grid_id, grid_version, grid_name, "
                 "grid_xml, created_at, form_name, form_xml, procedure_name, procedure_xml, authority_kind, authority_address, "
                 "signatory_title, tribunal, tribunal_address, logo) "
                 "VALUES (1,$1,$2,$3,$4,$5,$6,$7,$8,$9,transaction_timestamp(),$10,$11,$12,$13,$14,$15,$16,$17,$18,$19)",
                 {campaign.reference, campaign.title, a.name, a.signatory, a.city, grid.id, grid.version, grid.name, grid.xml,
                  grid.form_name, grid.form_xml, grid.procedure_name, grid.procedure_xml,
                  std::string(authority_kind_code(a.kind)), join_lines(a.address), a.signatory_title, a.tribunal,
                  a.tribunal_address, a.logo});
        j.add(actor, "campagne.creation", "campagne", "",
              campaign.reference + " — grille " + grid.id + " version " + grid.version +
                  (grid.form_name.empty() ? "" : " — formulaire " + grid.form_name) +
                  (grid.procedure_name.empty() ? "" : " — procédure " + grid.procedure_name));
        for (const auto& [field, value] : authority_fields(a))
            if (!value.empty()) j.add(actor, "campagne.autorite", "campagne/autorite/" + field, "", value);
        for (const auto& [k, v] : campaign.parameters) {
            c_->exec("INSERT INTO campaign_parameter(name, value) VALUES ($1,$2)", {k, to_canonical(v)});
            raw_parameters_[k] = to_canonical(v);
            j.add(actor, "campagne.parametre", "campagne/" + k, "", to_canonical(v));
        }
    }

private:
    void load_procedure(CampaignSnapshot& s) {
        auto unreadable = [&](const std::string& what) {
            return InputError("Campagne « " + c_->shown() + " » : " + what + " illisible.");
        };
        auto r = c_->exec("SELECT dossier_id, ground, motive, decided_on, author FROM prior_rejection");
        for (int i = 0; i < r.rows(); ++i) {
            auto g = ground_from_text(r.text(i, 1));
            auto d = Date::parse(r.text(i, 3));
            if (!g || !d) throw unreadable("refus préalable");
            s.prior_rejections[r.integer(i, 0)] = {*g, r.text(i, 2), *d, r.text(i, 4)};
        }
        auto st = c_->exec("SELECT step, done_on FROM procedure_step");
        for (int i = 0; i < st.rows(); ++i) {
            auto d = Date::parse(st.text(i, 1));
            if (!d) throw unreadable("étape de procédure");
            s.steps_done[st.text(i, 0)] = *d;
        }
        auto m = c_->exec("SELECT held_on, president FROM meeting");
        if (m.rows()) {
            Meeting x;
            auto d = Date::parse(m.text(0, 0));
            if (!d) throw unreadable("séance");
            x.date = *d;
            x.president = m.text(0, 1);
            auto a = c_->exec("SELECT member, presence, proxy FROM meeting_attendance");
            for (int i = 0; i < a.rows(); ++i) {
                std::string p = a.text(i, 1);
                x.attendance[a.text(i, 0)] = {p == "présent" ? Presence::Present : p == "représenté" ? Presence::Represented
                                                                                                       : Presence::Absent,
                                              a.text(i, 2)};
            }
            auto v = c_->exec("SELECT member, vote FROM meeting_vote");
            for (int i = 0; i < v.rows(); ++i) {
                auto vote = vote_from_text(v.text(i, 1));
                if (!vote) throw unreadable("vote");
                x.votes[v.text(i, 0)] = *vote;
            }
            auto o = c_->exec("SELECT member, text FROM meeting_observation ORDER BY id");
            for (int i = 0; i < o.rows(); ++i) x.observations.emplace_back(o.text(i, 0), o.text(i, 1));
            auto vr = c_->exec("SELECT reference, rank, total, opinion FROM meeting_ranking ORDER BY position");
            for (int i = 0; i < vr.rows(); ++i)
                x.voted.push_back({vr.text(i, 0), static_cast<int>(vr.integer(i, 1)), vr.text(i, 2), decision_from_text(vr.text(i, 3))});
            s.meeting = std::move(x);
        }
        auto op = c_->exec("SELECT dossier_id, member, opinion, comment FROM member_opinion "
                           "ORDER BY dossier_id, member COLLATE \"C\"");
        for (int i = 0; i < op.rows(); ++i) {
            auto o = opinion_from_text(op.text(i, 2));
            if (!o) throw unreadable("avis de membre");
            s.opinions[op.integer(i, 0)].push_back({op.text(i, 1), *o, op.text(i, 3)});
        }
    }

    Authority load_authority() {
        auto c = c_->exec("SELECT authority, signatory, city, authority_kind, authority_address, signatory_title, tribunal, "
                          "tribunal_address, logo FROM campaign");
        if (!c.rows()) throw InputError("« " + c_->shown() + " » n'est pas une campagne Cotation.");
        Authority a;
        a.name = c.text(0, 0);
        a.signatory = c.text(0, 1);
        a.city = c.text(0, 2);
        a.kind = authority_kind_from_text(c.text(0, 3)).value_or(AuthorityKind::Other);
        a.address = split_lines(c.text(0, 4));
        a.signatory_title = c.text(0, 5);
        a.tribunal = c.text(0, 6);
        a.tribunal_address = c.text(0, 7);
        a.logo = c.text(0, 8);
        return a;
    }

    std::string reference_of(std::int64_t dossier_id) {
        auto r = c_->exec("SELECT reference FROM dossier WHERE id=$1", {std::to_string(dossier_id)});
        if (!r.rows()) throw InputError("Dossier n°" + std::to_string(dossier_id) + " inconnu de la campagne.");
        return r.text(0, 0);
    }

    void ensure_open() {
        std::string since = closed_since();
        if (!since.empty())
            throw InputError("La campagne est close depuis le " + french_timestamp(since) +
                             " : notes, arbitrages, dossiers et grille ne peuvent plus changer. Le coordonnateur peut la "
                             "rouvrir en écrivant le motif (cotation reopen).");
    }

    std::int64_t last_seq() {
        auto r = c_->exec("SELECT coalesce(max(seq), 0) FROM journal");
        return r.integer(0, 0);
    }

    std::unique_ptr<PgConn> c_;
    std::map<std::string, std::string> raw_parameters_;
    std::vector<std::unique_ptr<PgTransaction>> scopes_;   // begin_write .. end_write
    std::int64_t seen_seq_ = -1;   // the journal's last entry when load() read the campaign
    pg::WriteCheck check_;
};

// The campaign's schema: what state it is in, without writing anything.
// 0: absent; -1: present but not a campaign; else its version.
int schema_state(PgConn& c, const std::string& schema) {
    auto r = c.exec("SELECT (SELECT count(*) FROM pg_namespace WHERE nspname = $1), "
                    "(SELECT count(*) FROM pg_tables WHERE schemaname = $1 AND tablename IN ('campaign', 'journal', 'schema_version'))",
                    {schema});
    if (r.integer(0, 0) == 0) return 0;
    if (r.integer(0, 1) != 3) return -1;
    auto v = c.exec("SELECT version FROM " + quote_identifier(schema) + ".schema_version");
    return v.rows() == 1 ? static_cast<int>(v.integer(0, 0)) : -1;
}

void migrate(PgConn& c, int from) {
    for (const auto& m : pg_migrations()) {
        if (m.version <= from) continue;
        c.exec(m.sql);
        c.exec(from == 0 ? "INSERT INTO schema_version(version) VALUES (" + std::to_string(m.version) + ")"
                         : "UPDATE schema_version SET version = " + std::to_string(m.version));
        from = m.version;
    }
}

}  // namespace

bool is_pg_uri(const std::string& text) {
    return text.rfind("postgresql://", 0) == 0 || text.rfind("postgres://", 0) == 0;
}

PgAddress parse_pg_uri(const std::string& uri) {
    PgAddress a;
    std::string shown = hide_password(uri);
    auto bad = [&](const std::string& why) {
        return InputError("Adresse de campagne partagée « " + shown + " » malformée : " + why + " (" + kUriForm + ").");
    };
    if (!is_pg_uri(uri)) throw bad("elle doit commencer par postgresql://");
    auto q = uri.find('?');
    std::string base = uri.substr(0, q), kept;
    bool has_campaign = false;
    if (q != std::string::npos) {
        std::string query = uri.substr(q + 1);
        std::size_t start = 0;
        while (start <= query.size()) {
            std::size_t end = query.find('&', start);
            if (end == std::string::npos) end = query.size();
            std::string item = query.substr(start, end - start);
            start = end + 1;
            if (item.empty()) continue;
            auto eq = item.find('=');
            if (eq == std::string::npos) throw bad("paramètre « " + item + " » sans valeur");
            if (item.substr(0, eq) == "campagne") {
                if (has_campaign) throw bad("campagne= est donné deux fois");
                bool ok = false;
                a.campaign = percent_decode(item.substr(eq + 1), ok);
                if (!ok) throw bad("la référence de campagne contient un %-codage invalide");
                has_campaign = true;
            } else {
                kept += (kept.empty() ? "" : "&") + item;
            }
        }
    }
    if (has_campaign && a.campaign.empty()) throw bad("campagne= est vide");
    if (a.campaign.size() > 63) throw bad("la référence de campagne dépasse 63 octets (limite des noms PostgreSQL)");
    for (unsigned char ch : a.campaign)
        if (ch < 0x20 || ch == 0x7f) throw bad("la référence de campagne contient un caractère de contrôle");
    if (a.campaign.rfind("pg_", 0) == 0) throw bad("une référence de campagne ne peut commencer par « pg_ » (réservé par PostgreSQL)");
    a.uri_without_campaign = base + (kept.empty() ? "" : "?" + kept);
    char* err = nullptr;
    PQconninfoOption* opts = PQconninfoParse(a.uri_without_campaign.c_str(), &err);
    if (!opts) {
        std::string msg = err ? err : "illisible";
        PQfreemem(err);
        while (!msg.empty() && (msg.back() == '\n' || msg.back() == '.')) msg.pop_back();
        throw bad(msg);
    }
    std::string user, host, port, dbname;
    for (PQconninfoOption* o = opts; o->keyword; ++o) {
        if (!o->val) continue;
        std::string k = o->keyword;
        if (k == "user") user = o->val;
        if (k == "host") host = o->val;
        if (k == "port") port = o->val;
        if (k == "dbname") dbname = o->val;
    }
    PQconninfoFree(opts);
    if (dbname.empty()) throw bad("il manque le nom de la base après l'hôte");
    // libpq reads the port only when connecting: a typo is caught here, before any attempt.
    if (port.find_first_not_of("0123456789,") != std::string::npos) throw bad("le port « " + port + " » n'est pas un nombre");
    a.shown = "postgresql://" + (user.empty() ? "" : user + "@") + host + (port.empty() ? "" : ":" + port) + "/" + dbname +
              (has_campaign ? "?campagne=" + a.campaign : "");
    return a;
}

std::unique_ptr<CampaignStore> create_pg_store(const std::string& uri, const Campaign& campaign, const PinnedGrid& grid,
                                               const std::string& actor) {
    PgAddress address = parse_pg_uri(uri);
    if (address.campaign.empty()) {
        // Named by its reference: checked as a URI's would be.
        address = parse_pg_uri(address.uri_without_campaign + (address.uri_without_campaign.find('?') == std::string::npos ? "?" : "&") +
                               "campagne=" + campaign.reference);
    }
    auto c = std::make_unique<PgConn>(address);
    std::string schema = quote_identifier(address.campaign);
    c->exec("SET search_path TO " + schema);
    PgConn& conn = *c;
    auto store = std::make_unique<PgStore>(std::move(c));
    // One transaction from the schema to the journal's first entry: a creation
    // that fails leaves nothing on the server.
    PgTransaction t(conn, PgTransaction::Kind::Schema);
    if (schema_state(conn, address.campaign) != 0)
        throw InputError("La campagne « " + address.campaign + " » existe déjà sur le serveur « " + address.shown +
                         " » ; choisissez une autre référence (rien n'a été écrasé).");
    conn.exec("CREATE SCHEMA " + schema);
    migrate(conn, 0);
    conn.exec("LOCK TABLE journal IN SHARE ROW EXCLUSIVE MODE");
    store->init(campaign, grid, actor);
    t.commit();
    return store;
}

std::unique_ptr<CampaignStore> open_pg_store(const std::string& uri) {
    PgAddress address = parse_pg_uri(uri);
    if (address.campaign.empty())
        throw InputError("Adresse de campagne partagée « " + address.shown + " » : il manque la campagne (" + kUriForm + ").");
    auto c = std::make_unique<PgConn>(address);
    int state = schema_state(*c, address.campaign);
    if (state == 0)
        throw InputError("La campagne « " + address.campaign + " » n'existe pas sur le serveur « " + address.shown + " ».");
    if (state < 0)
        throw InputError("Le schéma « " + address.campaign + " » du serveur « " + address.shown +
                         " » n'est pas une campagne Cotation ; il n'a pas été modifié.");
    if (state > pg_schema_version())
        throw InputError("La campagne « " + address.shown + " » a été enregistrée par une version plus récente de Cotation "
                         "(schéma " + std::to_string(state) + ", cette version lit jusqu'au schéma " +
                         std::to_string(pg_schema_version()) + ").");
    c->exec("SET search_path TO " + quote_identifier(address.campaign));
    if (state < pg_schema_version()) {
        // One migrating client at a time; another may have done it meanwhile.
        PgTransaction t(*c, PgTransaction::Kind::Schema);
        c->exec("LOCK TABLE schema_version IN ACCESS EXCLUSIVE MODE");
        migrate(*c, schema_state(*c, address.campaign));
        t.commit();
    }
    return std::make_unique<PgStore>(std::move(c));
}

void drop_pg_campaign(const std::string& uri) {
    PgAddress address = parse_pg_uri(uri);
    if (address.campaign.empty()) throw InputError("Adresse « " + address.shown + " » : il manque la campagne (" + kUriForm + ").");
    PgConn c(address);
    PgTransaction t(c, PgTransaction::Kind::Schema);
    int state = schema_state(c, address.campaign);
    if (state == 0) return;
    if (state < 0)
        throw InputError("Le schéma « " + address.campaign + " » n'est pas une campagne Cotation ; il n'a pas été supprimé.");
    c.exec("DROP SCHEMA " + quote_identifier(address.campaign) + " CASCADE");
    t.commit();
}

}  // namespace cotation
