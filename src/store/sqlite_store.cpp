#include <sqlite3.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <unistd.h>
#include <map>
#include <set>
#include <unordered_map>

#include "campaign_store.h"
#include "core/error.h"
#include "journal.h"
#include "sqlite_territory.h"

namespace cotation {
namespace {

// Each entry moves the schema from version i to i+1; never edit one that
// has shipped, add the next.
const char* const kMigrations[] = {
    R"sql(
CREATE TABLE campaign (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  reference TEXT NOT NULL, title TEXT NOT NULL DEFAULT '', authority TEXT NOT NULL DEFAULT '',
  signatory TEXT NOT NULL DEFAULT '', city TEXT NOT NULL DEFAULT '',
  grid_id TEXT NOT NULL, grid_version TEXT NOT NULL, grid_name TEXT NOT NULL, grid_xml TEXT NOT NULL,
  created_at TEXT NOT NULL);
CREATE TABLE campaign_parameter (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE dossier (
  id INTEGER PRIMARY KEY, reference TEXT NOT NULL UNIQUE, organisme TEXT NOT NULL,
  siret TEXT NOT NULL DEFAULT '', finess TEXT NOT NULL DEFAULT '', commune TEXT NOT NULL DEFAULT '');
CREATE TABLE dossier_fact (
  dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
  fact TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (dossier_id, fact)) WITHOUT ROWID;
CREATE TABLE dossier_document (
  dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
  document TEXT NOT NULL, PRIMARY KEY (dossier_id, document)) WITHOUT ROWID;
CREATE TABLE reviewer (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE rating (
  dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
  reviewer_id INTEGER NOT NULL REFERENCES reviewer(id),
  criterion TEXT NOT NULL, value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 20),
  justification TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL,
  PRIMARY KEY (dossier_id, reviewer_id, criterion)) WITHOUT ROWID;
CREATE TABLE journal (
  seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  entity TEXT NOT NULL, old_value TEXT NOT NULL, new_value TEXT NOT NULL,
  prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX journal_entity ON journal(entity);
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
  BEGIN SELECT RAISE(ABORT, 'le journal ne peut être que complété'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
  BEGIN SELECT RAISE(ABORT, 'le journal ne peut être que complété'); END;
)sql",
    // 2: the dossier form is pinned beside the grid (forms/*.xml).
    R"sql(
ALTER TABLE campaign ADD COLUMN form_name TEXT NOT NULL DEFAULT '';
ALTER TABLE campaign ADD COLUMN form_xml TEXT NOT NULL DEFAULT '';
)sql",
    // 3: every grid a campaign has used, kept when it moves to a new version.
    R"sql(
CREATE TABLE grid_history (
  seq INTEGER PRIMARY KEY, grid_id TEXT NOT NULL, grid_version TEXT NOT NULL, grid_name TEXT NOT NULL,
  grid_xml TEXT NOT NULL, form_name TEXT NOT NULL, form_xml TEXT NOT NULL,
  replaced_at TEXT NOT NULL, replaced_by TEXT NOT NULL, reason TEXT NOT NULL);
)sql",
    // 4: the coordinator's consolidated ratings.
    R"sql(
CREATE TABLE consolidation (
  dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE,
  criterion TEXT NOT NULL, value TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL, decided_at TEXT NOT NULL,
  PRIMARY KEY (dossier_id, criterion)) WITHOUT ROWID;
)sql",
    // 5: a closed campaign is locked; the triggers back the application's check.
    R"sql(
ALTER TABLE campaign ADD COLUMN closed_at TEXT NOT NULL DEFAULT '';
CREATE TRIGGER rating_locked_insert BEFORE INSERT ON rating WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER rating_locked_update BEFORE UPDATE ON rating WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER rating_locked_delete BEFORE DELETE ON rating WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER consolidation_locked_insert BEFORE INSERT ON consolidation WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER consolidation_locked_update BEFORE UPDATE ON consolidation WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER dossier_locked_insert BEFORE INSERT ON dossier WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER dossier_fact_locked BEFORE INSERT ON dossier_fact WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
)sql",
    // 6: the authority's decisions, after the committee's opinion.
    R"sql(
CREATE TABLE decision (
  dossier_id INTEGER PRIMARY KEY REFERENCES dossier(id) ON DELETE CASCADE,
  kind TEXT NOT NULL, motive TEXT NOT NULL, decided_on TEXT NOT NULL, places TEXT NOT NULL DEFAULT '',
  committee_opinion TEXT NOT NULL DEFAULT '', departure_reason TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL, recorded_at TEXT NOT NULL);
CREATE TRIGGER decision_locked_insert BEFORE INSERT ON decision WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER decision_locked_update BEFORE UPDATE ON decision WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
)sql",
    // 7: people and roles, assignments, declared links, submitted ratings.
    R"sql(
CREATE TABLE person (name TEXT PRIMARY KEY, role TEXT NOT NULL, organisation TEXT NOT NULL DEFAULT '') WITHOUT ROWID;
CREATE TABLE assignment (
  dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE, reviewer TEXT NOT NULL REFERENCES person(name),
  PRIMARY KEY (dossier_id, reviewer)) WITHOUT ROWID;
CREATE TABLE conflict (
  reviewer TEXT NOT NULL REFERENCES person(name), organisme TEXT NOT NULL, declaration TEXT NOT NULL,
  declared_on TEXT NOT NULL, declared_by TEXT NOT NULL, PRIMARY KEY (reviewer, organisme)) WITHOUT ROWID;
CREATE TABLE submission (
  dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE, reviewer TEXT NOT NULL,
  submitted_at TEXT NOT NULL, PRIMARY KEY (dossier_id, reviewer)) WITHOUT ROWID;
)sql",
    // 8: the procedure around the scoring: prior rejections, steps recorded
    // done, the committee's meeting and each member's opinion; committee
    // members with a consultative voice.
    R"sql(
ALTER TABLE person ADD COLUMN deliberative INTEGER NOT NULL DEFAULT 1;
CREATE TABLE prior_rejection (
  dossier_id INTEGER PRIMARY KEY REFERENCES dossier(id) ON DELETE CASCADE,
  ground TEXT NOT NULL, motive TEXT NOT NULL, decided_on TEXT NOT NULL, author TEXT NOT NULL);
CREATE TABLE procedure_step (step TEXT PRIMARY KEY, done_on TEXT NOT NULL, author TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE meeting (id INTEGER PRIMARY KEY CHECK (id = 1), held_on TEXT NOT NULL, president TEXT NOT NULL);
CREATE TABLE meeting_attendance (member TEXT PRIMARY KEY, presence TEXT NOT NULL, proxy TEXT NOT NULL DEFAULT '') WITHOUT ROWID;
CREATE TABLE meeting_vote (member TEXT PRIMARY KEY, vote TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE meeting_observation (id INTEGER PRIMARY KEY, member TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE meeting_ranking (position INTEGER PRIMARY KEY, reference TEXT NOT NULL, rank INTEGER NOT NULL,
  total TEXT NOT NULL, opinion TEXT NOT NULL);
CREATE TABLE member_opinion (
  dossier_id INTEGER NOT NULL REFERENCES dossier(id) ON DELETE CASCADE, member TEXT NOT NULL,
  opinion TEXT NOT NULL, comment TEXT NOT NULL, PRIMARY KEY (dossier_id, member)) WITHOUT ROWID;
CREATE TRIGGER prior_rejection_locked BEFORE INSERT ON prior_rejection WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER meeting_vote_locked BEFORE INSERT ON meeting_vote WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
CREATE TRIGGER member_opinion_locked BEFORE INSERT ON member_opinion WHEN (SELECT closed_at FROM campaign) <> ''
  BEGIN SELECT RAISE(ABORT, 'campagne close'); END;
)sql",
    // 9: the procedure the campaign follows (its file's text, pinned like the
    // grid) and the issuing authority as data. A campaign made before had
    // the CASF steps built in; it moves to the procedure its grid names (the
    // session pins that text at the first opening, procedure_xml empty until
    // then). The authority's kind is read from its name, and "signatory" held
    // the signatory's title (« Le Directeur général … »): it moves there.
    R"sql(
ALTER TABLE campaign ADD COLUMN procedure_name TEXT NOT NULL DEFAULT '';
ALTER TABLE campaign ADD COLUMN procedure_xml TEXT NOT NULL DEFAULT '';
ALTER TABLE campaign ADD COLUMN authority_kind TEXT NOT NULL DEFAULT 'autre';
ALTER TABLE campaign ADD COLUMN authority_address TEXT NOT NULL DEFAULT '';
ALTER TABLE campaign ADD COLUMN signatory_title TEXT NOT NULL DEFAULT '';
ALTER TABLE campaign ADD COLUMN tribunal TEXT NOT NULL DEFAULT '';
ALTER TABLE campaign ADD COLUMN tribunal_address TEXT NOT NULL DEFAULT '';
ALTER TABLE campaign ADD COLUMN logo TEXT NOT NULL DEFAULT '';
UPDATE campaign SET authority_kind = CASE
  WHEN authority LIKE '%agence régionale de santé%' OR authority LIKE 'ARS %' OR authority = 'ARS' THEN 'ars'
  WHEN authority LIKE '%département%' OR authority LIKE '%conseil départemental%' OR authority LIKE '%Département%' THEN 'departement'
  ELSE 'autre' END;
UPDATE campaign SET signatory_title = signatory, signatory = '';
UPDATE campaign SET tribunal = COALESCE((SELECT value FROM campaign_parameter WHERE name = 'campagne.tribunal'), '');
)sql",
    // 10: the existing offer, the campaign's zones and the allocation it follows (sqlite_territory.cpp).
    store_territory::kMigration,
};
constexpr int kSchemaVersion = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);

class Db {
public:
    explicit Db(const std::string& path, bool create, bool read_only = false) : path_(path) {
        int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
        if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
            std::string msg = db_ ? sqlite3_errmsg(db_) : "mémoire insuffisante";
            sqlite3_close(db_);
            db_ = nullptr;
            throw InputError("Impossible d'ouvrir la campagne « " + path + " » : " + msg + ".");
        }
        sqlite3_busy_timeout(db_, 5000);
    }
    ~Db() { sqlite3_close(db_); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    void exec(const std::string& sql) {
        char* err = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            std::string msg = err ? err : "erreur inconnue";
            sqlite3_free(err);
            throw Error("Campagne « " + path_ + " » : " + msg + ".");
        }
    }
    sqlite3* get() const { return db_; }
    const std::string& path() const { return path_; }

private:
    sqlite3* db_ = nullptr;
    std::string path_;
};

class Stmt {
public:
    Stmt(Db& db, const char* sql) : db_(db) {
        if (sqlite3_prepare_v2(db.get(), sql, -1, &st_, nullptr) != SQLITE_OK)
            throw Error("Campagne « " + db.path() + " » : " + sqlite3_errmsg(db.get()) + ".");
    }
    ~Stmt() { sqlite3_finalize(st_); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    Stmt& bind(int i, const std::string& s) {
        sqlite3_bind_text(st_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Stmt& bind(int i, std::int64_t v) {
        sqlite3_bind_int64(st_, i, v);
        return *this;
    }
    bool step() {
        int rc = sqlite3_step(st_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw Error("Campagne « " + db_.path() + " » : " + sqlite3_errmsg(db_.get()) + ".");
    }
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

private:
    Db& db_;
    sqlite3_stmt* st_ = nullptr;
};

// Rolls back unless committed: nothing is half-written after an exception.
class Transaction {
public:
    explicit Transaction(Db& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
    ~Transaction() {
        if (!done_) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
    void commit() {
        db_.exec("COMMIT");
        done_ = true;
    }

private:
    Db& db_;
    bool done_ = false;
};

class JournalWriter {
public:
    explicit JournalWriter(Db& db)
        : db_(db), insert_(db, "INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash) "
                                "VALUES (?,?,?,?,?,?,?,?,?)") {
        Stmt last(db, "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1");
        if (last.step()) {
            seq_ = last.integer(0);
            prev_ = last.text(1);
        }
        at_ = utc_now_iso();
    }
    void add(const std::string& actor, const std::string& action, const std::string& entity,
             const std::string& old_value, const std::string& new_value) {
        JournalEntry e{++seq_, at_, actor, action, entity, old_value, new_value, prev_, ""};
        e.hash = journal_hash(e);
        insert_.bind(1, e.seq).bind(2, e.at).bind(3, e.actor).bind(4, e.action).bind(5, e.entity)
            .bind(6, e.old_value).bind(7, e.new_value).bind(8, e.prev_hash).bind(9, e.hash);
        insert_.run();
        prev_ = e.hash;
    }

private:
    Db& db_;
    Stmt insert_;
    std::int64_t seq_ = 0;
    std::string prev_ = kJournalGenesis, at_;
};

void configure(Db& db) {
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
}

int user_version(Db& db) {
    Stmt s(db, "PRAGMA user_version");
    s.step();
    return static_cast<int>(s.integer(0));
}

void migrate(Db& db) {
    int v = user_version(db);
    if (v > kSchemaVersion)
        throw InputError("La campagne « " + db.path() + " » a été enregistrée par une version plus récente de "
                         "Cotation (schéma " + std::to_string(v) + ", cette version lit jusqu'au schéma " +
                         std::to_string(kSchemaVersion) + ").");
    for (; v < kSchemaVersion; ++v) {
        Transaction t(db);
        db.exec(kMigrations[v]);
        db.exec("PRAGMA user_version = " + std::to_string(v + 1));
        t.commit();
    }
}

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
// Column and journal name of each field of the authority, with its stored text.
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

class SqliteStore final : public CampaignStore {
public:
    explicit SqliteStore(std::unique_ptr<Db> db) : db_(std::move(db)) {}

    std::string closed_since() override {
        Stmt c(*db_, "SELECT closed_at FROM campaign");
        return c.step() ? c.text(0) : "";
    }

    void close(const std::string& reason, const std::string& actor) override {
        Transaction t(*db_);
        JournalWriter j(*db_);
        if (!closed_since().empty()) throw InputError("La campagne est déjà close depuis le " + french_timestamp(closed_since()) + ".");
        std::string now = utc_now_iso();
        Stmt c(*db_, "UPDATE campaign SET closed_at=?");
        c.bind(1, now).run();
        j.add(actor, "campagne.cloture", "campagne/etat", "ouverte", "close — " + reason);
        t.commit();
    }

    void reopen(const std::string& reason, const std::string& actor) override {
        Transaction t(*db_);
        JournalWriter j(*db_);
        if (closed_since().empty()) throw InputError("La campagne n'est pas close.");
        Stmt c(*db_, "UPDATE campaign SET closed_at=''");
        c.run();
        j.add(actor, "campagne.reouverture", "campagne/etat", "close", "rouverte — " + reason);
        t.commit();
    }

    CampaignSnapshot load() override {
        CampaignSnapshot s;
        {
            Stmt c(*db_, "SELECT reference, title, authority, signatory, city, grid_xml, grid_name, form_xml, form_name, "
                         "procedure_name, procedure_xml, authority_kind, authority_address, signatory_title, tribunal, "
                         "tribunal_address, logo, created_at FROM campaign");
            if (!c.step()) throw InputError("« " + db_->path() + " » n'est pas une campagne Cotation (aucune campagne enregistrée).");
            s.campaign.reference = c.text(0);
            s.campaign.title = c.text(1);
            Authority& a = s.campaign.authority;
            a.name = c.text(2);
            a.signatory = c.text(3);
            a.city = c.text(4);
            a.kind = authority_kind_from_text(c.text(11)).value_or(AuthorityKind::Other);
            a.address = split_lines(c.text(12));
            a.signatory_title = c.text(13);
            a.tribunal = c.text(14);
            a.tribunal_address = c.text(15);
            a.logo = c.text(16);
            s.procedure_name = c.text(9);
            s.procedure_xml = c.text(10);
            s.campaign.created_on = c.text(17).substr(0, 10);
            s.grid_xml = c.text(5);
            s.grid_name = c.text(6);
            s.form_xml = c.text(7);
            s.form_name = c.text(8);
        }
        {
            // Parameters are typed by the grid, which the session reads; keep text here.
            Stmt p(*db_, "SELECT name, value FROM campaign_parameter");
            while (p.step()) raw_parameters_[p.text(0)] = p.text(1);
            for (const auto& [k, v] : raw_parameters_) s.campaign.parameters[k] = v;
        }
        std::unordered_map<std::int64_t, std::size_t> index;
        {
            Stmt d(*db_, "SELECT id, reference, organisme, siret, finess, commune FROM dossier ORDER BY id");
            while (d.step()) {
                Dossier x;
                x.id = d.integer(0);
                x.reference = d.text(1);
                x.organisme = d.text(2);
                x.siret = d.text(3);
                x.finess = d.text(4);
                x.commune = d.text(5);
                index[x.id] = s.dossiers.size();
                s.dossiers.push_back(std::move(x));
            }
        }
        {
            // Facts stay as canonical text here; the session types them with the grid.
            Stmt f(*db_, "SELECT dossier_id, fact, value FROM dossier_fact");
            while (f.step()) s.dossiers[index.at(f.integer(0))].facts[f.text(1)] = f.text(2);
        }
        {
            Stmt f(*db_, "SELECT dossier_id, document FROM dossier_document");
            while (f.step()) s.dossiers[index.at(f.integer(0))].documents.insert(f.text(1));
        }
        {
            std::unordered_map<std::int64_t, std::string> reviewers;
            Stmt rv(*db_, "SELECT id, name FROM reviewer");
            while (rv.step()) reviewers[rv.integer(0)] = rv.text(1);
            Stmt r(*db_, "SELECT dossier_id, reviewer_id, criterion, value, justification FROM rating");
            while (r.step()) {
                Rating x;
                x.dossier_id = r.integer(0);
                x.reviewer = reviewers[r.integer(1)];
                x.criterion = r.text(2);
                x.value = static_cast<int>(r.integer(3));
                x.justification = r.text(4);
                s.ratings.push_back(std::move(x));
            }
        }
        {
            Stmt p(*db_, "SELECT name, role, organisation, deliberative FROM person");
            while (p.step()) {
                auto role = role_from_text(p.text(1));
                if (!role) throw InputError("Campagne « " + db_->path() + " » : rôle illisible « " + p.text(1) + " ».");
                s.team.people[p.text(0)] = {p.text(0), *role, p.text(2), p.integer(3) != 0};
            }
            Stmt a(*db_, "SELECT dossier_id, reviewer FROM assignment");
            while (a.step()) s.team.assignments[a.integer(0)].insert(a.text(1));
            Stmt c(*db_, "SELECT reviewer, organisme, declaration, declared_on, declared_by FROM conflict");
            while (c.step())
                s.team.conflicts.push_back({c.text(0), c.text(1), c.text(2), c.text(4), Date::parse(c.text(3)).value_or(Date{})});
            Stmt sub(*db_, "SELECT dossier_id, reviewer FROM submission");
            while (sub.step()) s.team.submitted[sub.integer(0)].insert(sub.text(1));
        }
        {
            Stmt d(*db_, "SELECT dossier_id, kind, motive, decided_on, places, committee_opinion, departure_reason, author "
                         "FROM decision");
            while (d.step()) {
                Decision x;
                auto kind = decision_from_text(d.text(1));
                auto date = Date::parse(d.text(3));
                if (!kind || !date) throw InputError("Campagne « " + db_->path() + " » : décision illisible.");
                x.kind = *kind;
                x.motive = d.text(2);
                x.date = *date;
                if (!d.text(4).empty()) x.places = Rational::from_canonical(d.text(4));
                if (!d.text(5).empty()) x.committee_opinion = decision_from_text(d.text(5));
                x.departure_reason = d.text(6);
                x.author = d.text(7);
                s.decisions[d.integer(0)] = x;
            }
        }
        load_procedure(s);
        {
            Stmt c(*db_, "SELECT dossier_id, criterion, value, reason, author FROM consolidation");
            while (c.step()) {
                auto v = Rational::from_canonical(c.text(2));
                if (!v) throw InputError("Campagne « " + db_->path() + " » : note consolidée illisible « " + c.text(2) + " ».");
                s.consolidation[c.integer(0)][c.text(1)] = {c.text(1), *v, c.text(3), c.text(4)};
            }
        }
        return s;
    }

    void put_consolidation(std::int64_t dossier_id, const ConsolidationDecision& d, const std::string& actor) override {
        Transaction t(*db_);
        JournalWriter j(*db_);
        ensure_open();
        Stmt ref(*db_, "SELECT reference FROM dossier WHERE id=?");
        ref.bind(1, dossier_id);
        if (!ref.step()) throw InputError("Dossier n°" + std::to_string(dossier_id) + " inconnu de la campagne.");
        std::string reference = ref.text(0);
        Stmt old(*db_, "SELECT value, reason FROM consolidation WHERE dossier_id=? AND criterion=?");
        old.bind(1, dossier_id).bind(2, d.criterion);
        std::string before = old.step() ? old.text(0) + " — " + old.text(1) : "";
        Stmt put(*db_, "INSERT OR REPLACE INTO consolidation(dossier_id, criterion, value, reason, author, decided_at) "
                       "VALUES (?,?,?,?,?,?)");
        put.bind(1, dossier_id).bind(2, d.criterion).bind(3, d.value.canonical()).bind(4, d.reason).bind(5, d.author)
            .bind(6, utc_now_iso()).run();
        j.add(actor, "consolidation", "dossier/" + reference + "/consolidation/" + d.criterion, before,
              d.value.canonical() + " — " + d.reason);
        t.commit();
    }

    void load_procedure(CampaignSnapshot& s) {
        auto unreadable = [&](const std::string& what) {
            return InputError("Campagne « " + db_->path() + " » : " + what + " illisible.");
        };
        Stmt r(*db_, "SELECT dossier_id, ground, motive, decided_on, author FROM prior_rejection");
        while (r.step()) {
            auto g = ground_from_text(r.text(1));
            auto d = Date::parse(r.text(3));
            if (!g || !d) throw unreadable("refus préalable");
            s.prior_rejections[r.integer(0)] = {*g, r.text(2), *d, r.text(4)};
        }
        Stmt st(*db_, "SELECT step, done_on FROM procedure_step");
        while (st.step()) {
            auto d = Date::parse(st.text(1));
            if (!d) throw unreadable("étape de procédure");
            s.steps_done[st.text(0)] = *d;
        }
        Stmt m(*db_, "SELECT held_on, president FROM meeting");
        if (m.step()) {
            Meeting x;
            auto d = Date::parse(m.text(0));
            if (!d) throw unreadable("séance");
            x.date = *d;
            x.president = m.text(1);
            Stmt a(*db_, "SELECT member, presence, proxy FROM meeting_attendance");
            while (a.step()) {
                Presence p = a.text(1) == "présent" ? Presence::Present : a.text(1) == "représenté" ? Presence::Represented
                                                                                                    : Presence::Absent;
                x.attendance[a.text(0)] = {p, a.text(2)};
            }
            Stmt v(*db_, "SELECT member, vote FROM meeting_vote");
            while (v.step()) {
                auto vote = vote_from_text(v.text(1));
                if (!vote) throw unreadable("vote");
                x.votes[v.text(0)] = *vote;
            }
            Stmt o(*db_, "SELECT member, text FROM meeting_observation ORDER BY id");
            while (o.step()) x.observations.emplace_back(o.text(0), o.text(1));
            Stmt vr(*db_, "SELECT reference, rank, total, opinion FROM meeting_ranking ORDER BY position");
            while (vr.step())
                x.voted.push_back({vr.text(0), static_cast<int>(vr.integer(1)), vr.text(2), decision_from_text(vr.text(3))});
            s.meeting = std::move(x);
        }
        Stmt op(*db_, "SELECT dossier_id, member, opinion, comment FROM member_opinion ORDER BY dossier_id, member");
        while (op.step()) {
            auto o = opinion_from_text(op.text(2));
            if (!o) throw unreadable("avis de membre");
            s.opinions[op.integer(0)].push_back({op.text(1), *o, op.text(3)});
        }
    }

    void put_prior_rejection(std::int64_t dossier_id, const std::optional<PriorRejection>& r, const std::string& actor) override {
        Transaction t(*db_);
        JournalWriter j(*db_);
        ensure_open();
        std::string reference = reference_of(dossier_id);
        Stmt old(*db_, "SELECT ground, motive FROM prior_rejection WHERE dossier_id=?");
        old.bind(1, dossier_id);
        std::string before = old.step() ? old.text(0) + " — " + old.text(1) : "";
        if (r) {
            Stmt put(*db_, "INSERT OR REPLACE INTO prior_rejection(dossier_id, ground, motive, decided_on, author) VALUES (?,?,?,?,?)");
            put.bind(1, dossier_id).bind(2, ground_code(r->ground)).bind(3, r->motive).bind(4, r->date.iso()).bind(5, r->author).run();
        } else {
            Stmt del(*db_, "DELETE FROM prior_rejection WHERE dossier_id=?");
            del.bind(1, dossier_id).run();
        }
        j.add(actor, "refus_prealable", "dossier/" + reference + "/refus-prealable", before,
              r ? std::string(ground_code(r->ground)) + " — " + r->motive : "levé");
        t.commit();
    }

    void record_step(const std::string& step, const Date& done_on, const std::string& actor) override {
        Transaction t(*db_);
        JournalWriter j(*db_);
        ensure_open();
        Stmt old(*db_, "SELECT done_on FROM procedure_step WHERE step=?");
        old.bind(1, step);
        std::string before = old.step() ? old.text(0) : "";
        Stmt put(*db_, "INSERT OR REPLACE INTO procedure_step(step, done_on, author) VALUES (?,?,?)");
        put.bind(1, step).bind(2, done_on.iso()).bind(3, actor).run();
        j.add(actor, "procedure", "procedure/" + step, before, done_on.iso());
        t.commit();
    }

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
        Transaction t(*db_);
        JournalWriter j(*db_);
        ensure_open();
        CampaignSnapshot before;
        load_procedure(before);
        for (const char* table : {"meeting", "meeting_attendance", "meeting_vote", "meeting_observation", "meeting_ranking"})
            db_->exec(std::string("DELETE FROM ") + table);
        Stmt head(*db_, "INSERT INTO meeting(id, held_on, president) VALUES (1,?,?)");
        head.bind(1, m.date.iso()).bind(2, m.president).run();
        Stmt a(*db_, "INSERT INTO meeting_attendance(member, presence, proxy) VALUES (?,?,?)");
        for (const auto& [name, x] : m.attendance) {
            a.bind(1, name).bind(2, x.presence == Presence::Present ? "présent" : x.presence == Presence::Represented ? "représenté" : "absent")
                .bind(3, x.proxy).run();
            a.reset();
        }
        Stmt v(*db_, "INSERT INTO meeting_vote(member, vote) VALUES (?,?)");
        for (const auto& [name, x] : m.votes) {
            v.bind(1, name).bind(2, vote_label(x)).run();
            v.reset();
        }
        Stmt o(*db_, "INSERT INTO meeting_observation(member, text) VALUES (?,?)");
        for (const auto& [name, text] : m.observations) {
            o.bind(1, name).bind(2, text).run();
            o.reset();
        }
        Stmt vr(*db_, "INSERT INTO meeting_ranking(position, reference, rank, total, opinion) VALUES (?,?,?,?,?)");
        for (std::size_t i = 0; i < m.voted.size(); ++i) {
            const VotedEntry& e = m.voted[i];
            std::string opinion = e.opinion ? decision_label(*e.opinion) : "";
            vr.bind(1, static_cast<std::int64_t>(i)).bind(2, e.reference).bind(3, static_cast<std::int64_t>(e.rank)).bind(4, e.total)
                .bind(5, opinion).run();
        }
        j.add(actor, "seance", "commission/seance", before.meeting ? meeting_text(*before.meeting) : "", meeting_text(m));
        t.commit();
    }

    void put_opinion(std::int64_t dossier_id, const MemberOpinion& op, const std::string& actor) override {
        Transaction t(*db_);
        JournalWriter j(*db_);
        ensure_open();
        std::string reference = reference_of(dossier_id);
        Stmt old(*db_, "SELECT opinion, comment FROM member_opinion WHERE dossier_id=? AND member=?");
        old.bind(1, dossier_id).bind(2, op.member);
        std::string before = old.step() ? old.text(0) + " — " + old.text(1) : "";
        Stmt put(*db_, "INSERT OR REPLACE INTO member_opinion(dossier_id, member, opinion, comment) VALUES (?,?,?,?)");
        put.bind(1, dossier_id).bind(2, op.member).bind(3, opinion_label(op.opinion)).bind(4, op.comment).run();
        j.add(actor, "avis", "dossier/" + reference + "/avis/" + op.member, before,
              std::string(opinion_label(op.opinion)) + " — " + op.comment);
        t.commit();
    }

    void put_person(const Person& p, const std::string& actor) override {
        Transaction t(*db_);
        JournalWriter j(*db_);
        ensure_open();
        Stmt old(*db_, "SELECT role, organisation FROM person WHERE name=?");
        old.bind(1, p.name);
        std::string before = old.step() ? old.text(0) + " — " + old.text(1) : "";
        Stmt put(*db_, "INSERT OR REPLACE INTO person(name, role, organisation, deliberative) VALUES (?,?,?,?)");
        put.bind(1, p.name).bind(2, role_label(p.role)).bind(3, p.organisation).bind(4, std::int64_t{p.deliberative ? 1 : 0}).run();
        std::string voice = p.role == Role::CommitteeMember && !p.deliberative ? " (voix consultative)" : "";
        j.add(actor, "personne", "personne/" + p.name, before, std::string(role_label(p.role)) + voice + " — " + p.organisation);
        t.commit();
    }

    void assign(std::int64_t dossier_id, const std::string& reviewer, bool add, const std::string& actor) override {
        Transaction t(*db_);
        JournalWriter j(*db_);
        ensure_open();
        std::string reference = reference_of(dossier_id);
        Stmt st(*db_, add ? "INSERT OR IGNORE INTO assignment(dossier_id, reviewer) VALUES (?,?)"
                          : "DELETE FROM assignment WHERE dossier_id=? AND reviewer=?");
        st.bind(1, dossier_id).bind(2, reviewer).run();
        j.add(actor, "affectation", "dossier/" + reference + "/affectation/" + reviewer, add ? "" : "affecté",
              add ? "affecté" : "retiré");
        t.commit();
    }

    void declare_conflict(const ConflictDeclaration& c, const std::string& actor) override {
        Transaction t(*db_);
        JournalWriter j(*db_);
        ensure_open();
        Stmt put(*db_, "INSERT OR REPLACE INTO conflict(reviewer, organisme, declaration, declared_on, declared_by) VALUES (?,?,?,?,?)");
        put.bind(1, c.reviewer).bind(2, c.organisme).bind(3, c.declaration).bind(4, c.declared_on.iso()).bind(5, c.declared_by).run();
        // A declared link ends any assignment of that reviewer to the organisme's dossiers.
        Stmt drop(*db_, "DELETE FROM assignment WHERE reviewer=? AND dossier_id IN (SELECT id FROM dossier WHERE organisme=?)");
        drop.bind(1, c.reviewer).bind(2, c.organisme).run();
        j.add(actor, "conflit", "personne/" + c.reviewer + "/conflit/" + c.organisme, "", c.declaration + " (déclaré le " +
              c.declared_on.french_numeric() + " par " + c.declared_by + ")");
        t.commit();
    }

    void submit(std::int64_t dossier_id, const std::string& reviewer, const std::string& actor) override {
        Transaction t(*db_);
        JournalWriter j(*db_);
        ensure_open();
        std::string reference = reference_of(dossier_id);
        Stmt put(*db_, "INSERT OR IGNORE INTO submission(dossier_id, reviewer, submitted_at) VALUES (?,?,?)");
        put.bind(1, dossier_id).bind(2, reviewer).bind(3, utc_now_iso()).run();
        j.add(actor, "soumission", "dossier/" + reference + "/soumission/" + reviewer, "", "notes soumises");
        t.commit();
    }

    void put_decision(std::int64_t dossier_id, const Decision& d, const std::string& actor) override {
        Transaction t(*db_);
        JournalWriter j(*db_);
        ensure_open();
        Stmt ref(*db_, "SELECT reference FROM dossier WHERE id=?");
        ref.bind(1, dossier_id);
        if (!ref.step()) throw InputError("Dossier n°" + std::to_string(dossier_id) + " inconnu de la campagne.");
        std::string reference = ref.text(0);
        auto text = [](const std::string& kind, const std::string& motive, const std::string& places) {
            return kind + (places.empty() ? "" : " (" + places + ")") + " — " + motive;
        };
        Stmt old(*db_, "SELECT kind, motive, places FROM decision WHERE dossier_id=?");
        old.bind(1, dossier_id);
        std::string before = old.step() ? text(old.text(0), old.text(1), old.text(2)) : "";
        std::string places = d.places ? d.places->canonical() : "";
        Stmt put(*db_, "INSERT OR REPLACE INTO decision(dossier_id, kind, motive, decided_on, places, committee_opinion, "
                       "departure_reason, author, recorded_at) VALUES (?,?,?,?,?,?,?,?,?)");
        put.bind(1, dossier_id).bind(2, decision_label(d.kind)).bind(3, d.motive).bind(4, d.date.iso()).bind(5, places)
            .bind(6, d.committee_opinion ? decision_label(*d.committee_opinion) : "").bind(7, d.departure_reason)
            .bind(8, d.author).bind(9, utc_now_iso()).run();
        j.add(actor, "decision", "dossier/" + reference + "/decision", before,
              text(decision_label(d.kind), d.motive, places) +
                  (d.departure_reason.empty() ? "" : " ; écart à l'avis de la commission : " + d.departure_reason));
        t.commit();
    }

    std::vector<std::int64_t> add_dossiers(const std::vector<Dossier>& dossiers, const std::string& actor) override {
        Transaction t(*db_);
        JournalWriter j(*db_);
        ensure_open();
        Stmt exists(*db_, "SELECT 1 FROM dossier WHERE reference = ?");
        Stmt ins(*db_, "INSERT INTO dossier(reference, organisme, siret, finess, commune) VALUES (?,?,?,?,?)");
        Stmt fact(*db_, "INSERT INTO dossier_fact(dossier_id, fact, value) VALUES (?,?,?)");
        Stmt doc(*db_, "INSERT INTO dossier_document(dossier_id, document) VALUES (?,?)");
        std::vector<std::int64_t> ids;
        for (const auto& d : dossiers) {
            exists.bind(1, d.reference);
            bool dup = exists.step();
            exists.reset();
            if (dup) throw InputError("Le dossier « " + d.reference + " » existe déjà dans la campagne ; rien n'a été enregistré.");
            ins.bind(1, d.reference).bind(2, d.organisme).bind(3, d.siret).bind(4, d.finess).bind(5, d.commune);
            ins.run();
            std::int64_t id = sqlite3_last_insert_rowid(db_->get());
            ids.push_back(id);
            for (const auto& [k, v] : d.facts) {
                fact.bind(1, id).bind(2, k).bind(3, to_canonical(v));
                fact.run();
            }
            std::string docs;
            for (const auto& x : d.documents) {
                doc.bind(1, id).bind(2, x);
                doc.run();
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
        Transaction t(*db_);
        JournalWriter j(*db_);
        ensure_open();
        std::string entity = "dossier/" + before.reference;
        if (before.reference != after.reference || before.organisme != after.organisme || before.siret != after.siret ||
            before.finess != after.finess || before.commune != after.commune) {
            Stmt u(*db_, "UPDATE dossier SET reference=?, organisme=?, siret=?, finess=?, commune=? WHERE id=?");
            u.bind(1, after.reference).bind(2, after.organisme).bind(3, after.siret).bind(4, after.finess)
                .bind(5, after.commune).bind(6, after.id);
            u.run();
            auto ident = [](const Dossier& d) {
                return "reference=" + d.reference + "; organisme=" + d.organisme + "; siret=" + d.siret +
                       "; finess=" + d.finess + "; commune=" + d.commune;
            };
            j.add(actor, "dossier.identite", entity, ident(before), ident(after));
        }
        Stmt del(*db_, "DELETE FROM dossier_fact WHERE dossier_id=? AND fact=?");
        Stmt put(*db_, "INSERT OR REPLACE INTO dossier_fact(dossier_id, fact, value) VALUES (?,?,?)");
        std::set<std::string> keys;
        for (const auto& [k, v] : before.facts) keys.insert(k);
        for (const auto& [k, v] : after.facts) keys.insert(k);
        for (const auto& k : keys) {
            auto b = before.facts.count(k) ? to_canonical(before.facts.at(k)) : "";
            auto a = after.facts.count(k) ? to_canonical(after.facts.at(k)) : "";
            if (a == b) continue;
            if (a.empty()) del.bind(1, after.id).bind(2, k).run();
            else put.bind(1, after.id).bind(2, k).bind(3, a).run();
            j.add(actor, "dossier.fait", entity + "/" + k, b, a);
        }
        Stmt dadd(*db_, "INSERT INTO dossier_document(dossier_id, document) VALUES (?,?)");
        Stmt ddel(*db_, "DELETE FROM dossier_document WHERE dossier_id=? AND document=?");
        for (const auto& x : after.documents)
            if (!before.documents.count(x)) {
                dadd.bind(1, after.id).bind(2, x).run();
                j.add(actor, "dossier.piece", entity + "/" + x, "manquante", "reçue");
            }
        for (const auto& x : before.documents)
            if (!after.documents.count(x)) {
                ddel.bind(1, after.id).bind(2, x).run();
                j.add(actor, "dossier.piece", entity + "/" + x, "reçue", "manquante");
            }
        t.commit();
    }

    void put_ratings(const std::vector<Rating>& ratings, const std::string& actor) override {
        Transaction t(*db_);
        JournalWriter j(*db_);
        ensure_open();
        Stmt find_rev(*db_, "SELECT id FROM reviewer WHERE name=?");
        Stmt add_rev(*db_, "INSERT INTO reviewer(name) VALUES (?)");
        Stmt ref(*db_, "SELECT reference FROM dossier WHERE id=?");
        Stmt old(*db_, "SELECT value, justification FROM rating WHERE dossier_id=? AND reviewer_id=? AND criterion=?");
        Stmt put(*db_, "INSERT OR REPLACE INTO rating(dossier_id, reviewer_id, criterion, value, justification, updated_at) "
                       "VALUES (?,?,?,?,?,?)");
        std::map<std::string, std::int64_t> rev_ids;
        std::unordered_map<std::int64_t, std::string> refs;
        std::string now = utc_now_iso();
        for (const auto& r : ratings) {
            auto it = rev_ids.find(r.reviewer);
            if (it == rev_ids.end()) {
                find_rev.bind(1, r.reviewer);
                std::int64_t id;
                if (find_rev.step()) {
                    id = find_rev.integer(0);
                } else {
                    add_rev.bind(1, r.reviewer).run();
                    id = sqlite3_last_insert_rowid(db_->get());
                }
                find_rev.reset();
                it = rev_ids.emplace(r.reviewer, id).first;
            }
            auto& reference = refs[r.dossier_id];
            if (reference.empty()) {
                ref.bind(1, r.dossier_id);
                if (!ref.step()) throw InputError("Dossier n°" + std::to_string(r.dossier_id) + " inconnu ; aucune note n'a été enregistrée.");
                reference = ref.text(0);
                ref.reset();
            }
            old.bind(1, r.dossier_id).bind(2, it->second).bind(3, r.criterion);
            std::string before;
            if (old.step()) before = old.text(0) + " — " + old.text(1);
            old.reset();
            std::string after = std::to_string(r.value) + " — " + r.justification;
            if (before == after) continue;
            put.bind(1, r.dossier_id).bind(2, it->second).bind(3, r.criterion).bind(4, std::int64_t{r.value})
                .bind(5, r.justification).bind(6, now);
            put.run();
            j.add(actor, "note", "dossier/" + reference + "/note/" + r.reviewer + "/" + r.criterion, before, after);
        }
        t.commit();
    }

    void set_parameter(const std::string& name, const std::string& value, const std::string& actor) override {
        Transaction t(*db_);
        JournalWriter j(*db_);
        ensure_open();
        std::string before = raw_parameters_.count(name) ? raw_parameters_[name] : "";
        if (value.empty()) {
            Stmt s(*db_, "DELETE FROM campaign_parameter WHERE name = ?");
            s.bind(1, name).run();
        } else {
            Stmt s(*db_, "INSERT OR REPLACE INTO campaign_parameter(name, value) VALUES (?,?)");
            s.bind(1, name).bind(2, value).run();
        }
        j.add(actor, "campagne.parametre", "campagne/" + name, before, value);
        t.commit();
        raw_parameters_[name] = value;
    }

    void set_authority(const Authority& after, const std::string& actor) override {
        Transaction t(*db_);
        JournalWriter j(*db_);
        ensure_open();
        Authority before = load_authority();
        auto old_fields = authority_fields(before);
        auto new_fields = authority_fields(after);
        for (std::size_t i = 0; i < new_fields.size(); ++i) {
            if (old_fields[i].second == new_fields[i].second) continue;
            std::string sql = std::string("UPDATE campaign SET ") + authority_column(new_fields[i].first) + " = ?";
            Stmt up(*db_, sql.c_str());
            up.bind(1, new_fields[i].second).run();
            j.add(actor, "campagne.autorite", "campagne/autorite/" + new_fields[i].first, old_fields[i].second, new_fields[i].second);
        }
        t.commit();
    }

    void pin_procedure(const std::string& name, const std::string& xml, const std::string& reason,
                       const std::string& actor) override {
        Transaction t(*db_);
        JournalWriter j(*db_);
        Stmt cur(*db_, "SELECT procedure_name FROM campaign");
        if (!cur.step()) throw InputError("« " + db_->path() + " » n'est pas une campagne Cotation.");
        std::string before = cur.text(0);
        Stmt up(*db_, "UPDATE campaign SET procedure_name = ?, procedure_xml = ?");
        up.bind(1, name).bind(2, xml).run();
        j.add(actor, "campagne.procedure", "campagne/procedure", before, name + " — " + reason);
        t.commit();
    }

    void change_grid(const PinnedGrid& grid, const std::map<std::string, std::string>& new_parameters,
                     const std::string& reason, const std::string& actor) override {
        Transaction t(*db_);
        JournalWriter j(*db_);
        ensure_open();
        Stmt cur(*db_, "SELECT grid_id, grid_version, grid_name, grid_xml, form_name, form_xml FROM campaign");
        if (!cur.step()) throw InputError("« " + db_->path() + " » n'est pas une campagne Cotation.");
        std::string old_id = cur.text(0), old_version = cur.text(1);
        Stmt keep(*db_, "INSERT INTO grid_history(grid_id, grid_version, grid_name, grid_xml, form_name, form_xml, "
                        "replaced_at, replaced_by, reason) VALUES (?,?,?,?,?,?,?,?,?)");
        keep.bind(1, old_id).bind(2, old_version).bind(3, cur.text(2)).bind(4, cur.text(3)).bind(5, cur.text(4))
            .bind(6, cur.text(5)).bind(7, utc_now_iso()).bind(8, actor).bind(9, reason).run();
        Stmt up(*db_, "UPDATE campaign SET grid_id=?, grid_version=?, grid_name=?, grid_xml=?, form_name=?, form_xml=?");
        up.bind(1, grid.id).bind(2, grid.version).bind(3, grid.name).bind(4, grid.xml).bind(5, grid.form_name)
            .bind(6, grid.form_xml).run();
        j.add(actor, "campagne.grille", "campagne/grille", old_id + " version " + old_version,
              grid.id + " version " + grid.version + " — motif : " + reason);
        Stmt p(*db_, "INSERT INTO campaign_parameter(name, value) VALUES (?,?)");
        for (const auto& [k, v] : new_parameters) {
            p.bind(1, k).bind(2, v).run();
            raw_parameters_[k] = v;
            j.add(actor, "campagne.parametre", "campagne/" + k, "", v);
        }
        t.commit();
    }

    // Territory tables (schema 10): the statements live in sqlite_territory.cpp.
    TerritoryRecord load_territory() override { return store_territory::load(db_->get(), db_->path()); }
    void put_offer(const Offer& offer, const std::string& why, const std::string& actor) override {
        territory_change(actor, [&](const store_territory::JournalFn& j) { store_territory::put_offer(db_->get(), db_->path(), offer, why, j); });
    }
    void put_zones(const std::vector<coverage::Area>& zones, const std::string& origin, const std::string& why,
                   const std::string& actor) override {
        territory_change(actor, [&](const store_territory::JournalFn& j) {
            store_territory::put_zones(db_->get(), db_->path(), zones, origin, why, j);
        });
    }
    void put_allocation(const std::optional<allocation::Recorded>& recorded, const std::string& actor) override {
        territory_change(actor, [&](const store_territory::JournalFn& j) {
            store_territory::put_allocation(db_->get(), db_->path(), recorded, j);
        });
    }
    template <class F>
    void territory_change(const std::string& actor, F&& change) {
        Transaction t(*db_);
        JournalWriter j(*db_);
        ensure_open();
        change([&](const std::string& action, const std::string& entity, const std::string& before, const std::string& after) {
            j.add(actor, action, entity, before, after);
        });
        t.commit();
    }

    std::vector<std::string> grid_versions() override {
        std::vector<std::string> out;
        Stmt h(*db_, "SELECT grid_id, grid_version, replaced_at, replaced_by, reason FROM grid_history ORDER BY seq");
        while (h.step())
            out.push_back(h.text(0) + " version " + h.text(1) + ", remplacée le " + h.text(2) + " par " + h.text(3) +
                          " (" + h.text(4) + ")");
        return out;
    }

    std::vector<JournalEntry> journal(const std::string& prefix) override {
        std::vector<JournalEntry> out;
        Stmt s(*db_, "SELECT seq, at, actor, action, entity, old_value, new_value, prev_hash, hash FROM journal "
                     "WHERE substr(entity, 1, length(?1)) = ?1 ORDER BY seq");
        s.bind(1, prefix);
        while (s.step())
            out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.text(8)});
        return out;
    }

    JournalCheck verify_journal() override {
        JournalCheck c;
        std::string prev = kJournalGenesis;
        std::int64_t expected = 1;
        for (const auto& e : journal("")) {
            ++c.entries;
            if (e.seq != expected)
                c.problems.push_back(e.seq == expected + 1
                                         ? "entrée " + std::to_string(expected) + " : absente (supprimée)"
                                         : "entrées " + std::to_string(expected) + " à " + std::to_string(e.seq - 1) +
                                               " : absentes (supprimées)");
            if (e.prev_hash != prev)
                c.problems.push_back("entrée " + std::to_string(e.seq) + " : ne suit pas l'entrée précédente (entrée insérée, supprimée ou déplacée)");
            if (journal_hash(e) != e.hash)
                c.problems.push_back("entrée " + std::to_string(e.seq) + " : contenu modifié (" + e.action + ", " + e.entity + ")");
            prev = e.hash;
            expected = e.seq + 1;
        }
        c.ok = c.problems.empty();
        return c;
    }

    void init(const Campaign& campaign, const PinnedGrid& grid, const std::string& actor) {
        Transaction t(*db_);
        JournalWriter j(*db_);
        const Authority& a = campaign.authority;
        Stmt s(*db_, "INSERT INTO campaign(id, reference, title, authority, signatory, city, grid_id, grid_version, "
                     "grid_name, grid_xml, created_at, form_name, form_xml, procedure_name, procedure_xml, authority_kind, "
                     "authority_address, signatory_title, tribunal, tribunal_address, logo) "
                     "VALUES (1,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        s.bind(1, campaign.reference).bind(2, campaign.title).bind(3, a.name).bind(4, a.signatory)
            .bind(5, a.city).bind(6, grid.id).bind(7, grid.version).bind(8, grid.name).bind(9, grid.xml)
            .bind(10, utc_now_iso()).bind(11, grid.form_name).bind(12, grid.form_xml).bind(13, grid.procedure_name)
            .bind(14, grid.procedure_xml).bind(15, std::string(authority_kind_code(a.kind))).bind(16, join_lines(a.address))
            .bind(17, a.signatory_title).bind(18, a.tribunal).bind(19, a.tribunal_address).bind(20, a.logo);
        s.run();
        j.add(actor, "campagne.creation", "campagne", "",
              campaign.reference + " — grille " + grid.id + " version " + grid.version +
                  (grid.form_name.empty() ? "" : " — formulaire " + grid.form_name) +
                  (grid.procedure_name.empty() ? "" : " — procédure " + grid.procedure_name));
        for (const auto& [field, value] : authority_fields(a))
            if (!value.empty()) j.add(actor, "campagne.autorite", "campagne/autorite/" + field, "", value);
        Stmt p(*db_, "INSERT INTO campaign_parameter(name, value) VALUES (?,?)");
        for (const auto& [k, v] : campaign.parameters) {
            p.bind(1, k).bind(2, to_canonical(v)).run();
            raw_parameters_[k] = to_canonical(v);
            j.add(actor, "campagne.parametre", "campagne/" + k, "", to_canonical(v));
        }
        t.commit();
    }

private:
    Authority load_authority() {
        Stmt c(*db_, "SELECT authority, signatory, city, authority_kind, authority_address, signatory_title, tribunal, "
                     "tribunal_address, logo FROM campaign");
        if (!c.step()) throw InputError("« " + db_->path() + " » n'est pas une campagne Cotation.");
        Authority a;
        a.name = c.text(0);
        a.signatory = c.text(1);
        a.city = c.text(2);
        a.kind = authority_kind_from_text(c.text(3)).value_or(AuthorityKind::Other);
        a.address = split_lines(c.text(4));
        a.signatory_title = c.text(5);
        a.tribunal = c.text(6);
        a.tribunal_address = c.text(7);
        a.logo = c.text(8);
        return a;
    }

    std::string reference_of(std::int64_t dossier_id) {
        Stmt ref(*db_, "SELECT reference FROM dossier WHERE id=?");
        ref.bind(1, dossier_id);
        if (!ref.step()) throw InputError("Dossier n°" + std::to_string(dossier_id) + " inconnu de la campagne.");
        return ref.text(0);
    }

    void ensure_open() {
        std::string since = closed_since();
        if (!since.empty())
            throw InputError("La campagne est close depuis le " + french_timestamp(since) +
                             " : notes, arbitrages, dossiers et grille ne peuvent plus changer. Le coordonnateur peut la "
                             "rouvrir en écrivant le motif (cotation reopen).");
    }

    std::unique_ptr<Db> db_;
    std::map<std::string, std::string> raw_parameters_;
};

}  // namespace

int sqlite_schema_version() { return kSchemaVersion; }

namespace {
// "COTA" in the file header (PRAGMA application_id): a campaign says what it is
// before any table is read. Files made before it have 0 there.
constexpr int kApplicationId = 0x434F5441;

std::string temporary_name(const std::string& path) {
    std::filesystem::path p(path);
    std::string dir = p.parent_path().string();
    return (dir.empty() ? std::string() : dir + "/") + "." + p.filename().string() + "." + std::to_string(::getpid()) +
           ".en-creation";
}

// A killed process not yet reaped (a zombie, when no init reaps it) counts as gone.
bool process_alive(long pid) {
    if (pid <= 0 || pid > 1 << 22) return false;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) return false;
    std::FILE* f = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "r");
    if (!f) return true;   // no /proc: trust kill()
    char buf[512] = {};
    std::size_t n = std::fread(buf, 1, sizeof buf - 1, f);
    std::fclose(f);
    const char* close = std::strrchr(buf, ')');   // the state follows "pid (name) "
    return !(n && close && close[1] == ' ' && (close[2] == 'Z' || close[2] == 'X'));
}

// A creation killed before its end left a hidden temporary file; it never
// blocks a new creation and is removed once its process is gone.
void remove_stale_temporaries(const std::string& path) {
    std::filesystem::path p(path);
    std::filesystem::path dir = p.parent_path().empty() ? std::filesystem::path(".") : p.parent_path();
    std::string prefix = "." + p.filename().string() + ".", suffix = ".en-creation";
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
        std::string n = e.path().filename().string();
        auto base_end = n.find(suffix);
        if (n.rfind(prefix, 0) != 0 || base_end == std::string::npos) continue;
        std::string pid = n.substr(prefix.size(), base_end - prefix.size());
        if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) continue;
        if (process_alive(std::stol(pid))) continue;
        std::filesystem::remove(e.path(), ec);
    }
}

void remove_database(const std::string& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix, ec);
}

// Refuses, before anything is written, a file that is not a campaign: an
// empty file, a text file, another program's SQLite base. Opens read-only.
void check_is_campaign(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw InputError("« " + path + " » est un dossier, pas un fichier de campagne Cotation.");
    auto size = std::filesystem::file_size(path, ec);
    if (ec) throw InputError("Impossible de lire « " + path + " » : " + ec.message() + ".");
    if (size == 0) throw InputError("« " + path + " » est un fichier vide, pas une campagne Cotation ; il n'a pas été modifié.");
    {
        std::FILE* f = std::fopen(path.c_str(), "rb");
        if (!f) throw InputError("Impossible de lire « " + path + " ».");
        char head[16] = {};
        std::size_t n = std::fread(head, 1, sizeof head, f);
        std::fclose(f);
        if (n < 16 || std::memcmp(head, "SQLite format 3", 16) != 0)
            throw InputError("« " + path + " » n'est pas un fichier de campagne Cotation (ce n'est pas une base SQLite) ; "
                             "il n'a pas été modifié.");
    }
    sqlite3* db = nullptr;
    std::string refusal;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        refusal = "« " + path + " » n'est pas lisible comme campagne Cotation (" + (db ? sqlite3_errmsg(db) : "mémoire") + ").";
    } else {
        sqlite3_busy_timeout(db, 5000);
        auto integer = [&](const char* sql, bool& ok) -> std::int64_t {
            sqlite3_stmt* st = nullptr;
            std::int64_t v = 0;
            ok = sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW;
            if (ok) v = sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
            return v;
        };
        bool ok1 = false, ok2 = false, ok3 = false;
        std::int64_t app = integer("PRAGMA application_id", ok1);
        std::int64_t version = integer("PRAGMA user_version", ok2);
        std::int64_t has_campaign =
            integer("SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN ('campaign','journal')", ok3);
        if (!ok1 || !ok2 || !ok3)
            refusal = "« " + path + " » n'est pas un fichier de campagne Cotation (base SQLite illisible) ; il n'a pas été modifié.";
        else if ((app != 0 && app != kApplicationId) || version == 0 || has_campaign != 2)
            refusal = "« " + path + " » est une base SQLite qui n'est pas une campagne Cotation ; elle n'a pas été modifiée.";
    }
    sqlite3_close(db);
    if (!refusal.empty()) throw InputError(refusal);
}

std::unique_ptr<SqliteStore> open_checked(const std::string& path, bool read_only = false) {
    check_is_campaign(path);
    if (read_only) {
        // Reading commands never write; a campaign needing a migration is
        // opened for writing once, as before.
        auto db = std::make_unique<Db>(path, false, true);
        if (user_version(*db) == kSchemaVersion) return std::make_unique<SqliteStore>(std::move(db));
    }
    auto db = std::make_unique<Db>(path, false);
    try {
        configure(*db);
    } catch (const Error&) {
        throw InputError("« " + path + " » n'est pas un fichier de campagne Cotation (base SQLite illisible).");
    }
    migrate(*db);
    return std::make_unique<SqliteStore>(std::move(db));
}
}  // namespace

std::string begin_campaign_creation(const std::string& path) {
    if (std::filesystem::exists(path))
        throw InputError("Le fichier « " + path + " » existe déjà ; choisissez un autre nom (rien n'a été écrasé).");
    remove_stale_temporaries(path);
    std::string tmp = temporary_name(path);
    remove_database(tmp);
    return tmp;
}

void finish_campaign_creation(const std::string& temporary, const std::string& path) {
    // Closed by then: SQLite folds the WAL into the file at the last close.
    std::error_code ec;
    if (std::filesystem::exists(temporary + "-wal", ec))
        throw Error("Campagne « " + path + " » : le journal d'écriture n'a pas été intégré ; création abandonnée.");
    // link() never replaces an existing file, unlike rename().
    if (::link(temporary.c_str(), path.c_str()) == 0) {
        std::filesystem::remove(temporary, ec);
        return;
    }
    if (errno == EEXIST) {
        remove_database(temporary);
        throw InputError("Le fichier « " + path + " » existe déjà ; choisissez un autre nom (rien n'a été écrasé).");
    }
    if (std::filesystem::exists(path)) throw InputError("Le fichier « " + path + " » existe déjà (rien n'a été écrasé).");
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        remove_database(temporary);
        throw InputError("Impossible de nommer la campagne « " + path + " » : " + ec.message() + ".");
    }
}

void abandon_campaign_creation(const std::string& temporary) { remove_database(temporary); }

std::unique_ptr<CampaignStore> open_sqlite_store_read_only(const std::string& path) {
    if (!std::filesystem::exists(path)) throw InputError("La campagne « " + path + " » n'existe pas.");
    return open_checked(path, true);
}

std::unique_ptr<CampaignStore> create_sqlite_store(const std::string& path, const Campaign& campaign,
                                                   const PinnedGrid& grid, const std::string& actor) {
    // Built under a temporary name and named when complete: a creation
    // killed half-way leaves no campaign under `path`.
    // A path that is itself a creation's temporary (the demo's) is built in place.
    std::string base = std::filesystem::path(path).filename().string();
    bool nested = base.size() > 12 && base[0] == '.' && base.compare(base.size() - 12, 12, ".en-creation") == 0;
    std::string tmp = nested ? path : begin_campaign_creation(path);
    if (nested && std::filesystem::exists(path))
        throw InputError("Le fichier « " + path + " » existe déjà ; choisissez un autre nom (rien n'a été écrasé).");
    try {
        {
            auto db = std::make_unique<Db>(tmp, true);
            db->exec("PRAGMA application_id = " + std::to_string(kApplicationId));
            configure(*db);
            migrate(*db);
            auto store = std::make_unique<SqliteStore>(std::move(db));
            store->init(campaign, grid, actor);
        }
        if (!nested) finish_campaign_creation(tmp, path);
    } catch (...) {
        abandon_campaign_creation(tmp);
        throw;
    }
    return open_checked(path);
}

std::unique_ptr<CampaignStore> open_sqlite_store(const std::string& path) {
    if (!std::filesystem::exists(path)) throw InputError("La campagne « " + path + " » n'existe pas.");
    return open_checked(path);
}

}  // namespace cotation
