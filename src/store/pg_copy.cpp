// A campaign copied row by row to or from the server (campaign_copy.h).
#include <map>

#include "campaign_copy.h"
#include "core/error.h"
#include "pg_ledger.h"
#include "pg_store.h"
#include "pg_store_impl.h"
#include "sql_text.h"

namespace cotation {
using row_ledger::Cell;
using pg::PgConn;
using pg::quote_identifier;

namespace {

struct PgColumn {
    std::string name, type;   // type as format_type() writes it
};

// The campaign's tables (search_path) and their columns in order, as the
// ledger walks them (pg_ledger.cpp): the journal and schema_version apart.
std::map<std::string, std::vector<PgColumn>> tables(PgConn& c) {
    auto r = c.exec("SELECT cl.relname, a.attname, format_type(a.atttypid, NULL) FROM pg_class cl "
                    "JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum > 0 AND NOT a.attisdropped "
                    "WHERE cl.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) "
                    "AND cl.relkind = 'r' AND cl.relname NOT IN ('journal', 'schema_version') ORDER BY cl.relname, a.attnum");
    std::map<std::string, std::vector<PgColumn>> out;
    for (int i = 0; i < r.rows(); ++i) out[r.text(i, 0)].push_back({r.text(i, 1), r.text(i, 2)});
    return out;
}

// As the ledger renders a cell (pg_ledger.cpp), so that the file receives
// what the server's digest covered.
Cell::Kind kind_of(const std::string& type) {
    if (type == "smallint" || type == "integer" || type == "bigint" || type == "boolean") return Cell::Kind::Integer;
    if (type == "real" || type == "double precision" || type == "numeric") return Cell::Kind::Real;
    return Cell::Kind::Text;
}

// One table's rows, a hundred a statement. A value the file keeps as '' (a
// date or an instant never set) is NULL in a typed column of the server.
void insert(PgConn& c, const CopiedTable& t, const std::vector<PgColumn>& into, const std::string& where) {
    std::vector<std::string> types;
    for (const auto& name : t.columns) {
        std::string type;
        for (const auto& col : into)
            if (col.name == name) type = col.type;
        if (type.empty())
            throw Error("Copie vers « " + where + " » : la colonne « " + t.name + "." + name +
                        " » de la source n'existe pas sur le serveur (versions de Cotation différentes ?) ; rien n'a été copié.");
        types.push_back(type);
    }
    std::string head = "INSERT INTO " + quote_identifier(t.name) + "(";
    for (std::size_t i = 0; i < t.columns.size(); ++i) head += (i ? ", " : "") + quote_identifier(t.columns[i]);
    head += ") VALUES ";
    constexpr std::size_t kBatch = 100;
    for (std::size_t start = 0; start < t.rows.size(); start += kBatch) {
        std::string sql = head;
        std::vector<pg::Param> params;
        for (std::size_t r = start; r < t.rows.size() && r < start + kBatch; ++r) {
            sql += r == start ? "(" : ", (";
            for (std::size_t i = 0; i < t.columns.size(); ++i) {
                const Cell& cell = t.rows[r][i];
                bool null = cell.kind == Cell::Kind::Null || (cell.value.empty() && types[i] != "text");
                params.push_back(null ? pg::Param() : pg::Param(cell.value));
                sql += (i ? ", $" : "$") + std::to_string(params.size()) + "::" + types[i];
            }
            sql += ")";
        }
        c.exec(sql, params);
    }
}

}  // namespace

CampaignRows read_server_rows(const std::string& uri) {
    PgAddress a = parse_pg_uri(uri);
    PgConn c(a);
    c.exec("SET search_path TO " + quote_identifier(a.campaign));
    pg::PgTransaction snapshot(c, pg::PgTransaction::Kind::Read);   // the rows and the journal of one instant
    CampaignRows out;
    for (const auto& [name, columns] : tables(c)) {
        CopiedTable t{name, {}, {}};
        std::string select;
        for (const auto& col : columns) {
            t.columns.push_back(col.name);
            select += (select.empty() ? "" : ", ") + std::string("j ->> ") + sql::literal(col.name);
        }
        // Through jsonb, as the ledger reads a row: ISO dates and instants whatever the session's DateStyle.
        auto r = c.exec("SELECT " + select + " FROM (SELECT to_jsonb(t) AS j FROM " + quote_identifier(name) + " t) x");
        for (int i = 0; i < r.rows(); ++i) {
            std::vector<Cell> row;
            for (std::size_t k = 0; k < columns.size(); ++k) {
                int col = static_cast<int>(k);
                Cell cell;
                if (!r.null(i, col)) {
                    cell.kind = kind_of(columns[k].type);
                    cell.value = r.text(i, col);
                    if (columns[k].type == "boolean") cell.value = cell.value == "true" ? "1" : "0";
                    if (columns[k].type == "timestamp with time zone") cell.value = row_ledger::instant(cell.value);
                }
                row.push_back(cell);
            }
            t.rows.push_back(std::move(row));
        }
        out.tables.push_back(std::move(t));
    }
    out.journal = pg::ledger::journal_entries(c);
    snapshot.commit();
    return out;
}

JournalCheck write_server_copy(const std::string& uri, const CampaignRows& rows, const CopyNote& note) {
    PgAddress address = parse_pg_uri(uri);
    if (address.campaign.empty()) {
        // Named by its reference, as a creation without campagne= is (create_pg_store).
        std::string reference;
        if (const CopiedTable* t = rows.table("campaign"); t && !t->rows.empty())
            for (std::size_t i = 0; i < t->columns.size(); ++i)
                if (t->columns[i] == "reference") reference = t->rows[0][i].value;
        address =
            parse_pg_uri(address.uri_without_campaign +
                         (address.uri_without_campaign.find('?') == std::string::npos ? "?" : "&") + "campagne=" + reference);
    }
    auto owned = std::make_unique<PgConn>(address);
    PgConn& c = *owned;
    std::string schema = quote_identifier(address.campaign);
    c.exec("SET search_path TO " + schema);
    auto store = std::make_unique<pg::PgStore>(std::move(owned));   // to verify the copy before committing it
    // One transaction from the schema to the verified journal: a copy that
    // fails, or is killed, leaves nothing on the server.
    pg::PgTransaction t(c, pg::PgTransaction::Kind::Schema);
    if (const int state = pg::schema_state(c, address.campaign); state != 0)
        throw InputError(state < 0 ? "Le schéma « " + address.campaign + " » existe déjà sur le serveur « " + address.shown +
                                         " » et n'est pas une campagne Cotation ; choisissez une autre référence (campagne=…), "
                                         "rien n'a été écrit."
                                   : "La campagne « " + address.campaign + " » existe déjà sur le serveur « " + address.shown +
                                         " » ; choisissez une autre référence (rien n'a été écrasé).");
    c.exec("CREATE SCHEMA " + schema);
    pg::migrate(c, 0);
    c.exec(pg::kJournalLock);
    // No row noted while the rows are copied: the source's entries already carry their digests.
    auto into = tables(c);
    for (const CopiedTable* table : rows.insertion_order()) {
        auto d = into.find(table->name);
        if (d == into.end())
            throw Error("Copie vers « " + address.shown + " » : la table « " + table->name +
                        " » de la source n'existe pas sur le serveur (versions de Cotation différentes ?) ; rien n'a été copié.");
        insert(c, *table, d->second, address.shown);
    }
    // Identity columns continue after the copied rows (the next grid change, observation).
    auto identities = c.exec("SELECT cl.relname, a.attname FROM pg_attribute a JOIN pg_class cl ON cl.oid = a.attrelid "
                             "WHERE cl.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) "
                             "AND a.attidentity <> '' AND a.attnum > 0");
    for (int i = 0; i < identities.rows(); ++i) {
        std::string table = quote_identifier(identities.text(i, 0)), column = quote_identifier(identities.text(i, 1));
        c.exec("SELECT setval(pg_get_serial_sequence($1, $2), m) FROM (SELECT max(" + column + ") AS m FROM " + table +
                   ") x WHERE m IS NOT NULL",
               {schema + "." + table, identities.text(i, 1)});
    }
    // An entry copied from a file keeps an empty role: no role of the server
    // wrote it, and `journal show` must not name the copier as its writer.
    for (const auto& e : rows.journal)
        c.exec("INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash, rows, db_role) "
               "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)",
               {std::to_string(e.seq), e.at, e.actor, e.action, e.entity, e.old_value, e.new_value, e.prev_hash, e.hash, e.rows,
                e.db_role});
    pg::ledger::track(c);   // from here on, as any connection of Cotation; the copy's entry leaves no row
    {
        pg::PgJournalWriter j(c);
        j.add(note.actor, note.action, note.entity, note.old_value, note.new_value);
    }
    JournalCheck check = store->verify_journal(std::nullopt);
    if (!check.ok)
        throw Error("Copie vers « " + address.shown + " » : le journal de la copie ne se vérifie pas (" + check.problems.front() +
                    ") ; rien n'a été enregistré sur le serveur.");
    t.commit();
    return check;
}

}  // namespace cotation
