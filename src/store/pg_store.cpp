// CampaignStore on PostgreSQL through libpq (why libpq: docs/serveur.md):
// reading the campaign, its journal, closing, and opening or creating its
// schema. Mirrors SqliteStore: the same journal entries, the same refusals,
// the same snapshot (read by the layer both back ends share, snapshot_rows).
// Writers are serialised by a lock on the journal taken at the start of each
// transaction, as SQLite's BEGIN IMMEDIATE does; readers are not blocked.
#include "core/french.h"
#include "core/read_rules.h"
#include "pg_store.h"

#include "pg_ledger.h"
#include "pg_schema.h"
#include "pg_store_impl.h"
#include "snapshot_rows.h"

namespace cotation {
namespace pg {
namespace {

using rows::authority_fields;
using rows::join_lines;

// The shared queries but for PostgreSQL's types and order: rows come in
// SQLite's primary key order (bytewise text: COLLATE "C").
const rows::SnapshotQueries kSnapshot = [] {
    rows::SnapshotQueries q = rows::kSnapshotQueries;
    q.campaign = "SELECT reference, title, grid_xml, grid_name, form_xml, form_name, procedure_name, procedure_xml, "
                 "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), authority, signatory, city, authority_kind, "
                 "authority_address, signatory_title, tribunal, tribunal_address, logo, cosignatories, "
                 "territory_rules IS NOT NULL, "
                 "coalesce(territory_rules, ''), territory_rules_name FROM campaign";
    q.ratings = "SELECT r.dossier_id, v.name, r.criterion, r.value, r.justification FROM rating r "
                "JOIN reviewer v ON v.id = r.reviewer_id ORDER BY r.dossier_id, r.reviewer_id, r.criterion COLLATE \"C\"";
    q.conflicts = "SELECT reviewer, organisme, declaration, declared_on, declared_by, identifiers FROM conflict "
                  "ORDER BY reviewer COLLATE \"C\", organisme COLLATE \"C\"";
    return q;
}();
const rows::ProcedureQueries kProcedure = [] {
    rows::ProcedureQueries q = rows::kProcedureQueries;
    q.opinions = "SELECT dossier_id, member, opinion, comment FROM member_opinion ORDER BY dossier_id, member COLLATE \"C\"";
    return q;
}();

}  // namespace

std::string PgStore::closed_since() {
    auto r = c_->exec(std::string("SELECT to_char(closed_at AT TIME ZONE 'UTC', ") + kUtcText + ") FROM campaign");
    return r.rows() ? r.text(0, 0) : "";
}

void PgStore::close(const std::string& reason, const std::string& actor) {
    mutate(Lock::None, [&](PgJournalWriter& j) {
        std::string since = closed_since();
        if (!since.empty()) throw InputError("La campagne est déjà close depuis le " + french_timestamp(since) + ".");
        c_->exec("UPDATE campaign SET closed_at = date_trunc('second', transaction_timestamp())");
        j.add(actor, entry::closing(reason));
    });
}

void PgStore::reopen(const std::string& reason, const std::string& actor) {
    mutate(Lock::None, [&](PgJournalWriter& j) {
        if (closed_since().empty()) throw InputError("La campagne n'est pas close.");
        c_->exec("UPDATE campaign SET closed_at = NULL");
        j.add(actor, entry::reopening(reason));
    });
}

CampaignSnapshot PgStore::load() {
    // One snapshot of the server: what another writer commits meanwhile
    // is either wholly in it or not at all.
    PgTransaction t(*c_, PgTransaction::Kind::Read);
    CampaignSnapshot s = rows::read_snapshot(runner(*c_), kSnapshot, kProcedure, c_->shown());
    seen_seq_ = last_seq();
    check_.loaded(seen_seq_);
    t.commit();
    return s;
}

void PgStore::load_procedure(CampaignSnapshot& s) { rows::read_procedure(runner(*c_), kProcedure, c_->shown(), s); }

Authority PgStore::load_authority() {
    auto c = c_->exec("SELECT authority, signatory, city, authority_kind, authority_address, signatory_title, tribunal, "
                      "tribunal_address, logo, cosignatories FROM campaign");
    if (!c.rows()) throw InputError("« " + c_->shown() + " » n'est pas une campagne Cotation.");
    return rows::authority_from(ResultRow(c, 0));
}

std::vector<std::string> PgStore::grid_versions() {
    std::vector<std::string> out;
    auto h = c_->exec(std::string("SELECT grid_id, grid_version, to_char(replaced_at AT TIME ZONE 'UTC', ") + kUtcText +
                      "), replaced_by, reason FROM grid_history ORDER BY seq");
    for (int i = 0; i < h.rows(); ++i)
        out.push_back(h.text(i, 0) + " version " + h.text(i, 1) + ", remplacée le " + h.text(i, 2) + " par " +
                      h.text(i, 3) + " (" + h.text(i, 4) + ")");
    return out;
}

std::vector<JournalEntry> PgStore::journal(const std::string& prefix) {
    std::vector<JournalEntry> out;
    auto s = c_->exec("SELECT seq, at, actor, action, entity, old_value, new_value, prev_hash, hash, rows, db_role FROM journal "
                      "WHERE starts_with(entity, $1) ORDER BY seq",
                      {prefix});
    for (int i = 0; i < s.rows(); ++i)
        out.push_back({s.integer(i, 0), s.text(i, 1), s.text(i, 2), s.text(i, 3), s.text(i, 4), s.text(i, 5),
                       s.text(i, 6), s.text(i, 7), s.text(i, 8), s.text(i, 9), s.text(i, 10)});
    return out;
}

namespace {
// Each dossier and declared link with its organisation's key (compare_organisation_keys).
std::vector<cotation::row_ledger::KeyedRow> keyed_rows(PgConn& c) {
    using cotation::row_ledger::Cell;
    std::vector<cotation::row_ledger::KeyedRow> out;
    auto d = c.exec("SELECT id, reference, organisme, organisation_key FROM dossier ORDER BY id");
    for (int i = 0; i < d.rows(); ++i)
        out.push_back({"dossier", "id=" + d.text(i, 0) + " (« " + d.text(i, 1) + " »)", d.text(i, 2), d.text(i, 3)});
    auto l = c.exec("SELECT reviewer, organisme, organisation_key FROM conflict ORDER BY reviewer, organisme");
    for (int i = 0; i < l.rows(); ++i)
        out.push_back({"conflict",
                       "reviewer=" + cotation::row_ledger::quote({Cell::Kind::Text, l.text(i, 0)}) +
                           ", organisme=" + cotation::row_ledger::quote({Cell::Kind::Text, l.text(i, 1)}),
                       l.text(i, 1), l.text(i, 2)});
    return out;
}
}  // namespace

// The same chain check as SqliteStore::verify_journal, with its messages.
JournalCheck PgStore::verify_journal(const std::optional<JournalHead>& extends) {
    PgTransaction snapshot(*c_, PgTransaction::Kind::Read);   // the entries and the data of one instant
    auto entries = journal("");
    // A member reads the journal without the ratings hidden from them: a
    // chain with holes, not a falsified one.
    if (c_->team_rights() && static_cast<std::int64_t>(entries.size()) < journal_head().entries)
        throw InputError("Campagne partagée « " + c_->shown() + " » : votre rôle ne lit pas toutes les entrées du journal "
                         "(les notes qui vous sont encore cachées) ; la vérification complète se fait sous le rôle du "
                         "coordonnateur.");
    JournalCheck c = check_journal_chain(entries, extends, JournalHome::Server);
    // The data against the digests of the rows each entry left (ledger.h),
    // read in one snapshot with the entries.
    auto now = ledger::current(*c_);
    c.rows = static_cast<std::int64_t>(now.size());
    cotation::row_ledger::compare(cotation::row_ledger::expected(entries), now, ledger::references(*c_), c.problems);
    cotation::row_ledger::compare_organisation_keys(keyed_rows(*c_), c.problems);
    c.ok = c.problems.empty();
    return c;
}

bool PgStore::owns_campaign() {
    return c_->exec("SELECT pg_has_role(session_user, nspowner, 'MEMBER') FROM pg_namespace WHERE nspname = current_schema()")
        .boolean(0, 0);
}

// Row-level security hides from a member what they may not read yet: the
// journal's entries they read, against the head the owner's function gives.
std::string PgStore::partial_reading() {
    if (!c_->team_rights()) return "";
    auto r = c_->exec("SELECT (SELECT count(*) FROM journal), (SELECT seq FROM cotation_journal_head())");
    if (r.null(0, 1) || r.integer(0, 0) >= r.integer(0, 1)) return "";
    // A committee member reads every rating but those of the dossiers they
    // declared a link with: say so, by name (trial 15b F14: « a member of the
    // committee reads it », said to a member of the committee).
    auto l = c_->exec("SELECT coalesce(string_agg(DISTINCT x.reference, ', ' ORDER BY x.reference), '') FROM conflict c "
                      "JOIN dossier x ON x.organisme = c.organisme WHERE c.reviewer = cotation_me()");
    const std::string linked = l.text(0, 0);
    return "Campagne partagée « " + c_->shown() + " » : votre rôle ne lit pas toutes les notes (" +
           (linked.empty() ? std::string("celles des autres sont cachées tant que vous n'avez pas soumis les vôtres, et "
                                         "toujours sur un dossier avec lequel vous avez déclaré un lien")
                           : "jamais celles des dossiers avec lesquels vous avez déclaré un lien d'intérêts : " + linked +
                                 " ; celles des autres tant que vous n'avez pas soumis les vôtres") +
           ") ; un classement calculé sur ce que vous lisez ne serait pas celui de la campagne. Le classement se lit "
           "sous le rôle du coordonnateur, ou d'un membre de la commission qui n'a déclaré aucun lien avec un dossier "
           "de la campagne.";
}

// A member who may not read every entry still gets the head (pg_roles.cpp).
JournalHead PgStore::journal_head() {
    auto r = c_->exec(c_->team_rights() ? "SELECT seq, hash FROM cotation_journal_head() WHERE seq IS NOT NULL"
                                        : "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1");
    return r.rows() ? JournalHead{r.integer(0, 0), r.text(0, 1), {}} : JournalHead{0, kJournalGenesis, {}};
}

// The caller's write transaction; every writer locks the journal first,
// so the journal's last entry tells whether another one wrote since load().
bool PgStore::begin_write() {
    auto t = std::make_unique<PgTransaction>(*c_);
    // Read before the scope is kept: a failure here (the server lost) rolls
    // back, and leaves no scope open on a connection then never made anew.
    const bool stale = last_seq() != seen_seq_;
    scopes_.push_back(std::move(t));
    check_.scope_begun();   // the snapshot acted on: the one before any reload
    return stale;
}

void PgStore::end_write(bool commit) {
    if (scopes_.empty()) return;
    auto t = std::move(scopes_.back());
    scopes_.pop_back();
    try {
        if (commit) {
            // The head as this writer leaves it, read before another one can write.
            if (scopes_.empty()) seen_seq_ = last_seq();
            t->commit();
        }
    } catch (...) {
        // A commit refused (a deferred check of the server, the connection
        // lost): the scope still ends, or every later write would be compared
        // with this one's old reading and refused as a conflict (trial 15d).
        check_.scope_ended();
        throw;
    }
    check_.scope_ended();
    if (scopes_.empty()) check_.loaded(seen_seq_);
}

// Inside the creating transaction (create_pg_store's).
void PgStore::init(const Campaign& campaign, const PinnedGrid& grid, const std::string& actor) {
    PgJournalWriter j(*c_);
    const Authority& a = campaign.authority;
    c_->exec(
        "INSERT INTO campaign(id, reference, title, authority, signatory, city, grid_id, grid_version, grid_name, "
        "grid_xml, created_at, form_name, form_xml, procedure_name, procedure_xml, authority_kind, authority_address, "
        "signatory_title, tribunal, tribunal_address, logo, territory_rules_name, territory_rules) "
        "VALUES (1,$1,$2,$3,$4,$5,$6,$7,$8,$9,date_trunc('second', "
        "transaction_timestamp()),$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21)",
        {campaign.reference, campaign.title, a.name, a.signatory, a.city, grid.id, grid.version, grid.name, grid.xml,
         grid.form_name, grid.form_xml, grid.procedure_name, grid.procedure_xml, std::string(authority_kind_code(a.kind)),
         join_lines(a.address), a.signatory_title, a.tribunal, a.tribunal_address, a.logo, grid.territory_rules_name,
         grid.territory_rules});
    j.add(actor, entry::creation(campaign, grid));
    for (const auto& [field, value] : authority_fields(a))
        if (!value.empty()) j.add(actor, entry::authority(field, "", value));
    for (const auto& [k, v] : campaign.parameters) {
        c_->exec("INSERT INTO campaign_parameter(name, value) VALUES ($1,$2)", {k, to_canonical(v)});
        j.add(actor, entry::parameter(k, "", to_canonical(v)));
    }
}

std::string PgStore::reference_of(std::int64_t dossier_id) {
    auto r = c_->exec("SELECT reference FROM dossier WHERE id=$1", {std::to_string(dossier_id)});
    if (!r.rows()) throw InputError(unknown_dossier("n°" + std::to_string(dossier_id)));
    return r.text(0, 0);
}

void PgStore::ensure_open() {
    std::string since = closed_since();
    if (!since.empty())
        throw InputError("La campagne est close depuis le " + french_timestamp(since) +
                         " : notes, arbitrages, dossiers et grille ne peuvent plus changer. Le coordonnateur peut la "
                         "rouvrir en écrivant le motif (cotation reopen).");
}

std::int64_t PgStore::last_seq() { return journal_head().entries; 
}

// The campaign's schema: what state it is in, without writing anything.
// 0: absent; -1: present but not a campaign; else its version.
int schema_state(PgConn& c, const std::string& schema) {
    auto r = c.exec(
        "SELECT (SELECT count(*) FROM pg_namespace WHERE nspname = $1), "
        "(SELECT count(*) FROM pg_tables WHERE schemaname = $1 AND tablename IN ('campaign', 'journal', 'schema_version'))",
        {schema});
    if (r.integer(0, 0) == 0) return 0;
    if (r.integer(0, 1) != 3) return -1;
    auto v = c.exec("SELECT version FROM " + quote_identifier(schema) + ".schema_version");
    return v.rows() == 1 ? static_cast<int>(v.integer(0, 0)) : -1;
}

namespace {
// Schema 20: the dossiers and declared links written before get their
// organisation's key, computed by the core (organisation_key: Unicode
// normalisation and look-alike letters, which SQL does not do), a hundred
// names a statement. A closed campaign's lock of the two tables is lifted
// inside the migration's transaction (its owner's, who alone migrates).
void fill_pg_organisation_keys(PgConn& c) {
    const bool closed = c.exec("SELECT EXISTS (SELECT 1 FROM campaign WHERE closed_at IS NOT NULL)").boolean(0, 0);
    if (closed)
        c.exec("ALTER TABLE dossier DISABLE TRIGGER dossier_locked; ALTER TABLE conflict DISABLE TRIGGER conflict_locked");
    auto names = c.exec("SELECT organisme FROM dossier UNION SELECT organisme FROM conflict");
    std::vector<std::pair<std::string, std::string>> keyed;
    for (int i = 0; i < names.rows(); ++i)
        if (std::string key = organisation_key(names.text(i, 0)); !key.empty()) keyed.emplace_back(names.text(i, 0), key);
    constexpr std::size_t kBatch = 100;
    for (std::size_t start = 0; start < keyed.size(); start += kBatch) {
        std::string values;
        std::vector<Param> params;
        for (std::size_t i = start; i < keyed.size() && i < start + kBatch; ++i) {
            params.emplace_back(keyed[i].first);
            params.emplace_back(keyed[i].second);
            values += (i == start ? "($" : ", ($") + std::to_string(params.size() - 1) + "::text, $" +
                      std::to_string(params.size()) + "::text)";
        }
        for (const char* table : {"dossier", "conflict"})
            c.exec(std::string("UPDATE ") + table + " x SET organisation_key = v.k FROM (VALUES " + values +
                       ") v(n, k) WHERE x.organisme = v.n AND x.organisation_key IS DISTINCT FROM v.k",
                   params);
    }
    if (closed) c.exec("ALTER TABLE dossier ENABLE TRIGGER dossier_locked; ALTER TABLE conflict ENABLE TRIGGER conflict_locked");
}

}  // namespace

void migrate(PgConn& c, int from) {
    for (const auto& m : pg_migrations()) {
        if (m.version <= from) continue;
        c.exec(m.sql);
        c.exec(from == 0 ? "INSERT INTO schema_version(version) VALUES (" + std::to_string(m.version) + ")"
                         : "UPDATE schema_version SET version = " + std::to_string(m.version));
        from = m.version;
    }
}

}  // namespace pg

using namespace pg;

std::unique_ptr<CampaignStore> create_pg_store(const std::string& uri, const Campaign& campaign, const PinnedGrid& grid,
                                               const std::string& actor, const CreationRest& rest) {
    PgAddress address = parse_pg_uri(uri);
    if (address.campaign.empty()) {
        // Named by its reference: checked as a URI's would be.
        address = parse_pg_uri(address.uri_without_campaign +
                               (address.uri_without_campaign.find('?') == std::string::npos ? "?" : "&") +
                               "campagne=" + campaign.reference);
    }
    auto c = std::make_unique<PgConn>(address);
    ledger::track(*c);   // before the schema: its first rows are the first entry's
    std::string schema = quote_identifier(address.campaign);
    c->session_setup("SET search_path TO " + schema);
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
    conn.exec(kJournalLock);
    store->init(campaign, grid, actor);
    if (rest) rest(*store);   // in the creating transaction (a savepoint of it)
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
    c->session_setup("SET search_path TO " + quote_identifier(address.campaign));
    if (state < pg_schema_version()) {
        // One migrating client at a time; another may have done it meanwhile.
        PgTransaction t(*c, PgTransaction::Kind::Schema);
        c->exec("LOCK TABLE schema_version IN ACCESS EXCLUSIVE MODE");
        int from = schema_state(*c, address.campaign);
        ledger::track(*c);
        migrate(*c, from);
        // The rows as the journal last gave them (schema 12: its instants as
        // then), before the organisations' keys are written (schema 20).
        cotation::row_ledger::Rows before;
        if (from >= 12 && from < kPgOrganisationKeys) before = ledger::current(*c, from == 12);
        if (from < kPgOrganisationKeys) {
            fill_pg_organisation_keys(*c);
            // A campaign whose team's rights were applied: the links' rules
            // that read the keys, at once (pg_roles.cpp; the rest of the
            // rights as they were, until the owner applies them again).
            if (c->exec("SELECT to_regprocedure('cotation_linked(bigint)') IS NOT NULL").boolean(0, 0))
                c->exec(pg_link_rules_sql(address.campaign));
        }
        if (from < 12 && from < pg_schema_version()) {
            // Rows written before the ledger: vouched for by the migration's
            // entry, as the file's (journal verify names what changes after).
            c->exec(kJournalLock);
            ledger::take(*c);
            PgJournalWriter j(*c);
            j.rows_checked = false;   // rows written before the ledger: vouched for here
            auto rows = ledger::current(*c);
            j.add("cotation", "schema.migration", "campagne/schema", "schéma " + std::to_string(from),
                  "schéma " + std::to_string(pg_schema_version()) + " — empreintes de " +
                      fr::plural(rows.size(), "ligne"),
                  cotation::row_ledger::rows_text(rows));
        } else if (from < kPgOrganisationKeys) {
            // Digests of schema 12 rendered instants as the server writes them;
            // the rows they change are noted again, rendered as a file's. The
            // keys written above change the digests of dossiers and links: the
            // same, in one entry (a migration moves the schema once).
            c->exec(kJournalLock);
            ledger::take(*c);
            std::string rows = ledger::revouched(before, ledger::current(*c), ledger::journal_entries(*c));
            if (!rows.empty()) {
                PgJournalWriter j(*c);
                j.rows_checked = false;   // digests rendered anew, or of the keys just written
                j.add("cotation", "schema.migration", "campagne/schema", "schéma " + std::to_string(from),
                      "schéma " + std::to_string(pg_schema_version()) + " — " +
                          (from == 12 ? "instants des empreintes rendus comme dans un fichier, " : "") +
                          "clé de l'organisme des dossiers et des liens d'intérêts",
                      rows);
            }
        }
        t.commit();
    }
    if (c->exec("SELECT to_regclass('offer_structure') IS NULL").boolean(0, 0)) {
        // Made at schema 11 before the territory tables reached the server.
        PgTransaction t(*c, PgTransaction::Kind::Schema);
        c->exec("LOCK TABLE schema_version IN ACCESS EXCLUSIVE MODE");
        c->exec(pg_territory_sql());
        c->exec(ledger::kSchema12);   // the new tables' row triggers
        t.commit();
    }
    ledger::track(*c);
    return std::make_unique<PgStore>(std::move(c));
}

void drop_pg_campaign(const std::string& uri) {
    PgAddress address = parse_pg_uri(uri);
    if (address.campaign.empty())
        throw InputError("Adresse « " + address.shown + " » : il manque la campagne (" + kUriForm + ").");
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