#include "pg_ledger.h"

#include "core/french.h"

#include <functional>
#include <map>
#include <vector>

namespace cotation::pg::ledger {

using cotation::row_ledger::Cell;
using cotation::row_ledger::Rows;

const char* const kSchema12 = R"sql(
ALTER TABLE journal ADD COLUMN IF NOT EXISTS rows text NOT NULL DEFAULT '';
CREATE OR REPLACE FUNCTION cotation_note_row() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF to_regclass('pg_temp.cotation_touched') IS NOT NULL THEN
    INSERT INTO pg_temp.cotation_touched(tbl, old_row, new_row)
    VALUES (TG_TABLE_NAME, CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
            CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END);
  END IF;
  RETURN NULL;
END $f$;
DO $d$ DECLARE t text; BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'journal' LOOP
    EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I '
                   'FOR EACH ROW EXECUTE FUNCTION cotation_note_row()', t || '_suivi', t);
  END LOOP;
END $d$;
)sql";

// Part of the team's rights script (pg_roles.cpp fills @S, @s): the rows a
// journal entry vouches for, checked by the server (trial 15b F4). The
// rendering below is the one of render() in SQL.
const char* const kRowsChecked = R"sql(
-- A table's rows as the ledger writes them (ledger.cpp, render() below):
-- two SQL expressions over « j », a row's to_jsonb, giving its key text,
-- escaped as on a line of « rows », and its digest. Built once per table
-- from the catalogue, so that no row costs a catalogue read. The same
-- rules: columns in order, NULL, '' and an integer 0 left out, booleans as
-- 1 and 0, instants in UTC as the file keeps them (row_ledger::instant).
CREATE OR REPLACE FUNCTION @S.cotation_render_sql(tbl text, OUT k text, OUT d text) LANGUAGE sql STABLE
  SET search_path = pg_catalog AS $f$
  WITH cols AS (
    SELECT a.attnum, a.attname::text AS name, format_type(a.atttypid, NULL) AS type, format('(j ->> %L)', a.attname::text) AS r,
           coalesce((SELECT u.n FROM unnest(i.indkey) WITH ORDINALITY u(att, n) WHERE u.att = a.attnum), 0) AS keypos
    FROM pg_class cl JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_index i ON i.indrelid = cl.oid AND i.indisprimary
    WHERE cl.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = @s) AND cl.relname = tbl),
  cells AS (
    SELECT attnum, name, keypos, type IN ('smallint', 'integer', 'bigint', 'boolean') AS whole,
      CASE WHEN type IN ('smallint', 'integer', 'bigint', 'boolean')
             THEN format($t$(CASE %1$s WHEN 'true' THEN '1' WHEN 'false' THEN '0' ELSE %1$s END)$t$, r)
           WHEN type IN ('real', 'double precision', 'numeric') THEN r
           WHEN type = 'timestamp with time zone'
             THEN format($t$('''' || to_char(%1$s::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
                             || coalesce(substring(%1$s FROM '\.[0-9]+'), '') || 'Z''')$t$, r)
           ELSE format($t$('''' || replace(%1$s, '''', '''''') || '''')$t$, r) END AS q
    FROM cols)
  SELECT format($t$replace(replace(replace(%s, '\', '\\'), E'\t', '\t'), E'\n', '\n')$t$,
                string_agg(format($t$%1$L || '=' || coalesce(%2$s, 'NULL')$t$, name, q), $t$ || ', ' || $t$ ORDER BY keypos)
                  FILTER (WHERE keypos > 0)),
         format($t$left(encode(sha256(convert_to(%s, 'UTF8')), 'hex'), 32)$t$,
                string_agg(format($t$coalesce(CASE WHEN %2$s = '''''' %3$s THEN NULL ELSE %1$L || '=' || %2$s || ';' END, '')$t$,
                                  name, q, CASE WHEN whole THEN format($t$OR %s = '0'$t$, q) ELSE '' END), ' || ' ORDER BY attnum))
  FROM cells
$f$;
REVOKE ALL ON FUNCTION @S.cotation_render_sql(text) FROM PUBLIC;
-- Whether a row version was written by the running transaction (or one of
-- its savepoints, whose ids come after it): its xmin, placed within 2^31 of
-- the current transaction's id (xids compare modulo 2^32), is still in
-- progress; another's uncommitted row is never visible.
CREATE OR REPLACE FUNCTION @S.cotation_ours(x xid) RETURNS boolean LANGUAGE sql VOLATILE
  SET search_path = pg_catalog AS $f$
  SELECT CASE WHEN v < 0 THEN false ELSE coalesce(txid_status(v) = 'in progress', false) END
  FROM (SELECT txid_current() + ((x::text::bigint - (txid_current() & 4294967295) + 6442450944) % 4294967296
                                 - 2147483648) AS v) t
$f$;
REVOKE ALL ON FUNCTION @S.cotation_ours(xid) FROM PUBLIC;
-- A key as the ledger writes it (« dossier_id=3, criterion='I.1' », escaped
-- as on a line of « rows ») back into its columns' values, as jsonb: the row
-- is then found by its primary key, not by rendering the table (an import's
-- n entries each rendered the transaction's n rows: quadratic, 26 s for 400
-- ratings, docs/serveur.md). Whoever reads a row so found compares its key
-- rendered again with the one given: a key misread finds nothing.
CREATE OR REPLACE FUNCTION @S.cotation_key_json(key text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE
  SET search_path = pg_catalog AS $f$
DECLARE
  out jsonb := '{}';
  i int := 1;
  n int := length(key);
  eq int;
  name text;
  val text;
  c text;
BEGIN
  WHILE i <= n LOOP
    eq := strpos(substr(key, i), '=');
    EXIT WHEN eq = 0;
    name := substr(key, i, eq - 1);
    i := i + eq;
    val := '';
    IF substr(key, i, 1) = '''' THEN
      i := i + 1;
      WHILE i <= n LOOP
        c := substr(key, i, 1);
        IF c = '''' THEN
          IF substr(key, i + 1, 1) <> '''' THEN
            i := i + 1;
            EXIT;
          END IF;
          i := i + 1;
        ELSIF c = '\' THEN
          i := i + 1;
          c := CASE substr(key, i, 1) WHEN 't' THEN E'\t' WHEN 'n' THEN E'\n' ELSE substr(key, i, 1) END;
        END IF;
        val := val || c;
        i := i + 1;
      END LOOP;
    ELSE
      WHILE i <= n AND substr(key, i, 2) <> ', ' LOOP
        val := val || substr(key, i, 1);
        i := i + 1;
      END LOOP;
    END IF;
    out := out || jsonb_build_object(name, val);
    i := i + 2;
  END LOOP;
  RETURN out;
END $f$;
-- The condition « this row of TBL (as t) has the key SRC » (a jsonb
-- expression, cotation_key_json's), on its primary key: an index lookup.
CREATE OR REPLACE FUNCTION @S.cotation_pk_sql(tbl text, src text) RETURNS text LANGUAGE sql STABLE
  SET search_path = pg_catalog AS $f$
  SELECT string_agg(format('t.%I = (%s ->> %L)::%s', a.attname, src, a.attname, format_type(a.atttypid, a.atttypmod)), ' AND ')
  FROM pg_index x JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = ANY (x.indkey)
  WHERE x.indrelid = (SELECT c.oid FROM pg_class c WHERE c.relname = tbl AND c.relnamespace =
                        (SELECT oid FROM pg_namespace WHERE nspname = @s)) AND x.indisprimary
$f$;
-- The rows an entry vouches for (trial 15b F4: a member forged them in SQL,
-- and `journal verify` accused untouched rows, `exporter` refused). From
-- anyone but the journal's owner, each line must be the truth about this
-- transaction: a row it wrote, with the digest it has now; or « - », a row
-- that no longer exists. Anything else is refused. Each row is found by its
-- key (cotation_key_json), then rendered: linear in the rows named.
CREATE OR REPLACE FUNCTION @S.cotation_rows_checked(rows text) RETURNS void LANGUAGE plpgsql
  SET search_path = pg_catalog AS $f$
DECLARE
  tbl text;
  bad text;
  kx text;
  dx text;
  pk text;
  l text;
  k text;
  d text;
  mine boolean;
  lines text[] := array(SELECT x FROM regexp_split_to_table(rows, E'\n') x WHERE x <> '');
BEGIN
  FOR tbl IN SELECT DISTINCT split_part(x, E'\t', 1) FROM unnest(lines) x LOOP
    IF tbl IN ('journal', 'schema_version') OR NOT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = @s AND tablename = tbl) THEN
      RAISE EXCEPTION 'entrée du journal refusée : la table « % » n''est pas une table de la campagne', tbl
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO kx, dx FROM @S.cotation_render_sql(tbl);
    pk := @S.cotation_pk_sql(tbl, '$1');
    FOREACH l IN ARRAY lines LOOP
      CONTINUE WHEN split_part(l, E'\t', 1) <> tbl;
      k := NULL;
      d := NULL;
      mine := NULL;
      BEGIN
        EXECUTE format('SELECT %s, %s, %I.cotation_ours(y.x) FROM (SELECT to_jsonb(t) AS j, t.xmin AS x FROM %I.%I t WHERE %s) y',
                       kx, dx, @s, @s, tbl, pk)
          INTO k, d, mine USING @S.cotation_key_json(split_part(l, E'\t', 2));
      EXCEPTION WHEN data_exception THEN   -- not a key of this table (a text where a number is)
        k := NULL;
      END;
      IF k IS DISTINCT FROM split_part(l, E'\t', 2) THEN
        d := NULL;
        mine := NULL;
      END IF;
      IF split_part(l, E'\t', 3) = '-' AND d IS NOT NULL
         OR split_part(l, E'\t', 3) <> '-' AND (NOT coalesce(mine, false) OR d IS DISTINCT FROM split_part(l, E'\t', 3)) THEN
        bad := split_part(l, E'\t', 2);
        EXIT;
      END IF;
    END LOOP;
    IF bad IS NOT NULL THEN
      RAISE EXCEPTION 'entrée du journal refusée : la ligne « % » de la table « % » n''est pas telle que cette transaction l''a laissée',
        bad, tbl USING ERRCODE = 'insufficient_privilege';
    END IF;
  END LOOP;
END $f$;
REVOKE ALL ON FUNCTION @S.cotation_rows_checked(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION @S.cotation_pk_sql(text, text) FROM PUBLIC;
)sql";

namespace {

struct Shape {
    std::vector<std::string> columns, keys;
    std::vector<Cell::Kind> kinds;
    std::vector<bool> instants;   // timestamptz: rendered as the file stores it
    std::vector<int> key_index;   // column index of each key, in key order
};

// schema_version is the server's form of the file's header (PRAGMA
// user_version): not campaign data, so not in the ledger, and a journal
// carried between a file and a server covers the same rows.
std::map<std::string, Shape> shapes(PgConn& c) {
    auto r = c.exec(
        "SELECT cl.relname, a.attname, format_type(a.atttypid, NULL), "
        "coalesce((SELECT k.n FROM unnest(i.indkey) WITH ORDINALITY k(att, n) WHERE k.att = a.attnum), 0) "
        "FROM pg_class cl JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum > 0 AND NOT a.attisdropped "
        "LEFT JOIN pg_index i ON i.indrelid = cl.oid AND i.indisprimary "
        "WHERE cl.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND cl.relkind = 'r' AND "
        "cl.relname NOT IN ('journal', 'schema_version') "
        "ORDER BY cl.relname, a.attnum");
    std::map<std::string, Shape> out;
    std::map<std::string, std::map<std::int64_t, int>> keys;
    for (int i = 0; i < r.rows(); ++i) {
        Shape& s = out[r.text(i, 0)];
        std::string type = r.text(i, 2);
        s.kinds.push_back(type == "smallint" || type == "integer" || type == "bigint" || type == "boolean" ? Cell::Kind::Integer
                          : type == "real" || type == "double precision" || type == "numeric"            ? Cell::Kind::Real
                                                                                                          : Cell::Kind::Text);
        s.instants.push_back(type == "timestamp with time zone");
        if (r.integer(i, 3) > 0) keys[r.text(i, 0)][r.integer(i, 3)] = static_cast<int>(s.columns.size());
        s.columns.push_back(r.text(i, 1));
    }
    for (auto& [t, s] : out)
        for (const auto& [pos, idx] : keys[t]) {
            s.keys.push_back(s.columns[idx]);
            s.key_index.push_back(idx);
        }
    return out;
}

// A row from its jsonb fields (name -> text, absent: NULL), rendered the one
// way both back ends digest (ledger.h): key text and row digest.
std::pair<std::string, std::string> render(const Shape& s, const std::map<std::string, std::optional<std::string>>& fields,
                                           bool schema12 = false) {
    std::vector<Cell> cells;
    for (std::size_t i = 0; i < s.columns.size(); ++i) {
        auto f = fields.find(s.columns[i]);
        Cell cell;
        if (f != fields.end() && f->second) {
            cell.kind = s.kinds[i];
            cell.value = *f->second == "true" && cell.kind == Cell::Kind::Integer    ? "1"
                         : *f->second == "false" && cell.kind == Cell::Kind::Integer ? "0"
                                                                                     : *f->second;
            if (s.instants[i] && !schema12) cell.value = cotation::row_ledger::instant(cell.value);
        }
        cells.push_back(cell);
    }
    std::vector<Cell> key;
    for (int i : s.key_index) key.push_back(cells[static_cast<std::size_t>(i)]);
    return {cotation::row_ledger::escape(cotation::row_ledger::key_text(s.keys, key)),
            cotation::row_ledger::digest(cotation::row_ledger::row_text(s.columns, cells))};
}

// Rows given as (group, table, field, value) lines ordered by group.
void each_row(const PgResult& r, const std::function<void(int first, int end)>& f) {
    int start = 0;
    for (int i = 1; i <= r.rows(); ++i)
        if (i == r.rows() || r.text(i, 0) != r.text(start, 0)) {
            f(start, i);
            start = i;
        }
}

}  // namespace

void track(PgConn& c) {
    // Written to by the owner's functions too (a member's deletions, pg_roles.cpp): a temporary table is this
    // connection's alone, whoever is granted on it.
    c.session_setup("CREATE TEMP TABLE IF NOT EXISTS cotation_touched(n bigserial PRIMARY KEY, tbl text NOT NULL, old_row jsonb, "
                    "new_row jsonb); GRANT INSERT ON pg_temp.cotation_touched TO PUBLIC; "
                    "GRANT USAGE ON SEQUENCE pg_temp.cotation_touched_n_seq TO PUBLIC");
}

namespace {
std::string take(PgConn& c, Rows* before) {
    auto r = c.exec("SELECT t.n::text || '/' || w.side, t.tbl, w.side, e.key, e.value #>> '{}' "
                    "FROM pg_temp.cotation_touched t "
                    "CROSS JOIN LATERAL (VALUES (0, t.old_row), (1, t.new_row)) w(side, r) "
                    "CROSS JOIN LATERAL jsonb_each(w.r) e ORDER BY t.n, w.side");
    if (!r.rows()) return "";
    auto all = shapes(c);
    Rows noted;
    each_row(r, [&](int first, int end) {
        auto s = all.find(r.text(first, 1));
        if (s == all.end()) return;
        std::map<std::string, std::optional<std::string>> fields;
        for (int i = first; i < end; ++i) fields[r.text(i, 3)] = r.null(i, 4) ? std::nullopt : std::optional(r.text(i, 4));
        auto [key, d] = render(s->second, fields);
        const bool old_side = r.integer(first, 2) == 0;
        // The row before its first change noted here: the old side, or none
        // when that change inserted it (a new side with no old one first).
        if (before) before->try_emplace({s->first, key}, old_side ? d : std::string("-"));
        noted[{s->first, key}] = old_side ? std::string("-") : d;
    });
    c.exec("DELETE FROM pg_temp.cotation_touched");
    return cotation::row_ledger::rows_text(noted);
}
}  // namespace

std::string take(PgConn& c) { return take(c, nullptr); }

std::string take_checked(PgConn& c) {
    Rows before;
    std::string rows = take(c, &before);
    if (before.empty()) return rows;
    // The journal's rows, carried on from the last reading: read again whole
    // when the entry last read is no longer there as it was (a rolled-back write).
    auto& seen = c.ledger_seen;
    if (seen.seq > 0) {
        auto h = c.exec("SELECT hash FROM journal WHERE seq = $1", {std::to_string(seen.seq)});
        if (!h.rows() || h.text(0, 0) != seen.hash) seen = cotation::row_ledger::Seen{};
    }
    auto e = c.exec("SELECT seq, hash, rows FROM journal WHERE seq > $1 AND rows <> '' ORDER BY seq", {std::to_string(seen.seq)});
    for (int i = 0; i < e.rows(); ++i) {
        cotation::row_ledger::apply(seen.rows, e.text(i, 2));
        seen.seq = e.integer(i, 0);
        seen.hash = e.text(i, 1);
    }
    std::vector<std::string> problems;
    cotation::row_ledger::compare_before_write(seen.rows, before, {}, problems);
    if (problems.empty()) return rows;
    problems.clear();   // said again with the dossiers' references
    cotation::row_ledger::compare_before_write(seen.rows, before, references(c), problems);
    throw Error("La campagne partagée « " + c.shown() + " » a été modifiée hors de Cotation là où cette modification écrit ; "
                "rien n'a été enregistré (l'écrire maintenant effacerait la trace de ce changement) :\n  " +
                fr::join(problems, "\n  ") +
                "\nLe coordonnateur fait vérifier le journal (cotation journal verify) et rétablit la ligne telle que le journal "
                "l'a enregistrée.");
}

Rows current(PgConn& c, bool schema12) {
    Rows out;
    for (const auto& entry : shapes(c)) {
        // Named copies: clang does not let a lambda capture structured bindings.
        const auto& table = entry.first;
        const auto& s = entry.second;
        auto r = c.exec("SELECT x.rn, x.rn, 0, e.key, e.value #>> '{}' FROM (SELECT row_number() OVER () AS rn, to_jsonb(t) AS j "
                        "FROM " + quote_identifier(table) + " t) x CROSS JOIN LATERAL jsonb_each(x.j) e ORDER BY x.rn");
        each_row(r, [&](int first, int end) {
            std::map<std::string, std::optional<std::string>> fields;
            for (int i = first; i < end; ++i) fields[r.text(i, 3)] = r.null(i, 4) ? std::nullopt : std::optional(r.text(i, 4));
            auto [key, d] = render(s, fields, schema12);
            out[{table, key}] = d;
        });
    }
    return out;
}

std::string revouched(const Rows& before, const Rows& now, const std::vector<JournalEntry>& entries) {
    Rows expected = cotation::row_ledger::expected(entries), noted;
    for (const auto& [k, d] : now) {
        auto b = before.find(k);
        auto e = expected.find(k);
        if (b != before.end() && b->second != d && e != expected.end() && e->second == b->second) noted[k] = d;
    }
    return cotation::row_ledger::rows_text(noted);
}

std::string rerendered(PgConn& c, const std::vector<JournalEntry>& entries) {
    return revouched(current(c, true), current(c), entries);
}

std::map<std::string, std::string> references(PgConn& c) {
    std::map<std::string, std::string> out;
    auto r = c.exec("SELECT id, reference FROM dossier");
    for (int i = 0; i < r.rows(); ++i) out[r.text(i, 0)] = r.text(i, 1);
    return out;
}

std::vector<JournalEntry> journal_entries(PgConn& c) {
    auto r = c.exec(
        "SELECT seq, at, actor, action, entity, old_value, new_value, prev_hash, hash, rows, db_role FROM journal ORDER BY seq");
    std::vector<JournalEntry> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({r.integer(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5), r.text(i, 6),
                       r.text(i, 7), r.text(i, 8), r.text(i, 9), r.text(i, 10)});
    return out;
}

}  // namespace cotation::pg::ledger
