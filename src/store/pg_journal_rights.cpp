#include "pg_journal_rights.h"

namespace cotation::pg {

const char* const kJournalRights = R"sql(
-- The rows an entry vouches for are checked by cotation_rows_checked
-- (pg_ledger.cpp, kRowsChecked, appended to this script).
-- The server owns the chain (trial 15 F1): whoever inserts, and whatever
-- they give, an entry follows the head (seq, prev_hash), bears the server's
-- time to the second, and its hash is computed here with the formula of
-- journal_hash (journal.cpp: each field as « BYTES:TEXT », rows only when
-- not empty). Its owner's rights (SECURITY DEFINER) read the whole head that
-- a member does not see; the advisory lock, the one Cotation's writers take
-- first (kJournalLock), lines up raw inserts with them.
CREATE OR REPLACE FUNCTION @S.journal_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog AS $f$
DECLARE
  head_seq bigint;
  head_hash text;
  head_at text;
  body text;
  kx text;
  note_rows bigint;
  note_entity text;
  note_value text;
  owner boolean := pg_has_role(session_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'MEMBER');
  member boolean;
  what text;
  tbl text;
BEGIN
  member := NOT owner AND NOT pg_has_role(session_user, @c, 'MEMBER');
  -- What only the coordinator does is journaled by the coordinator (or the
  -- owner, copying): an entry « decision » written in raw SQL by another
  -- role is refused, not shown as genuine (trial 15b F8).
  -- The kinds: core/journal_rules.cpp, the list `journal verify` reads too.
  IF NEW.action IN (@K)
     AND NOT pg_has_role(session_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'MEMBER')
     AND NOT pg_has_role(session_user, @c, 'MEMBER') THEN
    RAISE EXCEPTION 'une entrée « % » du journal est du coordonnateur : le rôle « % » ne peut pas l''inscrire', NEW.action, session_user;
  END IF;
  PERFORM pg_advisory_xact_lock(TG_RELID::bigint);
  SELECT j.seq, j.hash, j.at INTO head_seq, head_hash, head_at FROM @S.journal j ORDER BY j.seq DESC LIMIT 1;
  -- The lock of a closed campaign covers its journal (trial 15e F3: the
  -- coordinator appended a « decision » in SQL to a closed campaign, which
  -- verified and went into the archive). Once closed, only its reopening
  -- follows, or its closing in the transaction that closes it, or the
  -- procedure's text that campaign_row_locked lets be pinned; the owner
  -- (copies, migrations) is not held.
  IF NOT owner AND NEW.action NOT IN ('campagne.reouverture', 'campagne.procedure')
     AND EXISTS (SELECT 1 FROM @S.campaign c WHERE c.closed_at IS NOT NULL
                 AND NOT (NEW.action = 'campagne.cloture' AND @S.cotation_ours(c.xmin)
                          AND c.closed_at = date_trunc('second', transaction_timestamp()))) THEN
    RAISE EXCEPTION 'entrée « % » du journal refusée : la campagne est close, son journal aussi ; seule sa réouverture (cotation reopen) s''y inscrit encore', NEW.action
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  NEW.seq := coalesce(head_seq, 0) + 1;
  NEW.prev_hash := coalesce(head_hash, repeat('0', 64));   -- kJournalGenesis
  -- Never before the previous entry (a transaction begun earlier may take
  -- the lock later): `journal verify` names a date that goes back (trial 13c F1).
  NEW.at := greatest(to_char(transaction_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') COLLATE "C",
                     coalesce(head_at, ''));
  NEW.rows := coalesce(NEW.rows, '');
  -- A member's entry is of a kind their role writes, about rows of the
  -- tables that kind changes (trial 15c F5: an instructor's own rating
  -- rewritten as is, then an entry « affectation » naming it, was chained as
  -- genuine; so was a committee member's « note » naming their link).
  -- Before the rows are checked against the tables: a refusal here says
  -- nothing of what the tables hold.
  IF NOT pg_has_role(session_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'MEMBER')
     AND NOT pg_has_role(session_user, @c, 'MEMBER')
     AND (NOT (NEW.action IN ('conflit', 'avis') AND pg_has_role(session_user, @m, 'MEMBER')
               OR NEW.action IN ('note', 'soumission', 'conflit', 'dossier.ajout', 'dossier.identite', 'dossier.fait',
                                 'dossier.piece') AND pg_has_role(session_user, @i, 'MEMBER'))
          OR EXISTS (SELECT 1 FROM regexp_split_to_table(NEW.rows, E'\n') l
                     WHERE l <> '' AND split_part(l, E'\t', 1) NOT IN
                       (SELECT unnest(CASE NEW.action
                          WHEN 'note' THEN ARRAY['rating', 'reviewer']
                          WHEN 'soumission' THEN ARRAY['submission']
                          WHEN 'conflit' THEN ARRAY['conflict', 'assignment']
                          WHEN 'avis' THEN ARRAY['member_opinion']
                          ELSE ARRAY['dossier', 'dossier_fact', 'dossier_document'] END)))
          -- A row « removed » only where a member removes rows: checked
          -- below against the table, its refusal told whether another's
          -- rating existed (trial 15c F6); refused here whatever exists.
          OR EXISTS (SELECT 1 FROM regexp_split_to_table(NEW.rows, E'\n') l
                     WHERE l <> '' AND split_part(l, E'\t', 3) = '-'
                       AND split_part(l, E'\t', 1) NOT IN ('dossier_fact', 'dossier_document', 'assignment'))) THEN
    RAISE EXCEPTION 'entrée du journal refusée : le rôle « % » n''inscrit pas d''entrée « % », ou pas sur ces lignes (un instructeur : ses notes, soumissions, liens et dossiers ; un membre de commission : ses avis et liens ; une ligne supprimée : un fait, une pièce ou une affectation)', session_user, NEW.action
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.rows <> '' AND NOT pg_has_role(session_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'MEMBER') THEN
    PERFORM @S.cotation_rows_checked(NEW.rows);
  END IF;
  -- A member's entry of their own kind (rating, submission, link, opinion,
  -- dossier) is Cotation's, with the rows its change left, checked above:
  -- one naming no row this transaction wrote was typed in SQL and looked
  -- genuine in `journal show` (trial 15b F8). Only a removed fact or
  -- document leaves nothing but « - ».
  IF NOT pg_has_role(session_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'MEMBER')
     AND NOT pg_has_role(session_user, @c, 'MEMBER')
     AND NOT EXISTS (SELECT 1 FROM regexp_split_to_table(NEW.rows, E'\n') l
                     WHERE l <> '' AND (split_part(l, E'\t', 3) <> '-' OR NEW.action IN ('dossier.fait', 'dossier.piece'))) THEN
    RAISE EXCEPTION 'entrée « % » du journal refusée : elle ne nomme aucune ligne écrite par cette transaction ; le rôle « % » n''inscrit au journal que ce que Cotation y écrit avec sa modification', NEW.action, session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- A member's « note » says what Cotation says of its rating row (trial
  -- 15d F2: an instructor's rating typed in psql came with an entry of her
  -- own wording): one rating row of this transaction, named by its dossier,
  -- person and criterion, « VALEUR — JUSTIFICATION » as the row now holds
  -- it, after the value the journal last gave that rating.
  -- The coordinator's too (trial 15f F6: her submitted-rating change in SQL,
  -- under an entry of her wording, verified « intact »).
  IF NEW.action = 'note' AND NOT owner THEN
    SELECT r.k INTO kx FROM @S.cotation_render_sql('rating') r;
    -- Each rating the entry names, found by its key (cotation_key_json): not
    -- every rating the transaction wrote, rendered (quadratic in an import).
    EXECUTE format('SELECT count(*), min(x.e), min(x.v) FROM (SELECT %s AS k, z.key, ''dossier/'' || d.reference '
                   '|| ''/note/'' || v.name || ''/'' || r.criterion AS e, r.value::text || '' — '' || r.justification AS v '
                   'FROM (SELECT DISTINCT split_part(l, E''\t'', 2) AS key FROM regexp_split_to_table($1, E''\n'') l '
                   'WHERE split_part(l, E''\t'', 1) = ''rating'') z CROSS JOIN LATERAL (SELECT to_jsonb(t) AS j, t.* '
                   'FROM %I.rating t WHERE %s AND %I.cotation_ours(t.xmin)) r JOIN %I.dossier d ON d.id = r.dossier_id '
                   'JOIN %I.reviewer v ON v.id = r.reviewer_id) x WHERE x.k = x.key', kx, @s,
                   @S.cotation_pk_sql('rating', format('%I.cotation_key_json(z.key)', @s)), @s, @s, @s)
      INTO note_rows, note_entity, note_value USING NEW.rows;
    IF note_rows <> 1 OR note_entity IS DISTINCT FROM NEW.entity OR note_value IS DISTINCT FROM NEW.new_value
       OR NEW.old_value IS DISTINCT FROM coalesce((SELECT j.new_value FROM @S.journal j WHERE j.entity = NEW.entity
                                                   AND j.action = 'note' ORDER BY j.seq DESC LIMIT 1), '') THEN
      RAISE EXCEPTION 'entrée « note » du journal refusée : elle doit nommer une seule note écrite par cette transaction et dire ce que la ligne porte (% : « % », précédemment « % ») ; le rôle « % » a écrit « % » : « % » → « % »',
        coalesce(note_entity, 'aucune note'), coalesce(note_value, ''),
        coalesce((SELECT j.new_value FROM @S.journal j WHERE j.entity = NEW.entity AND j.action = 'note'
                  ORDER BY j.seq DESC LIMIT 1), ''),
        session_user, NEW.entity, NEW.old_value, NEW.new_value
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  -- A member's other entries say what their rows hold, as the « note »
  -- above (trial 15e F1: a link back-dated and « signed » by the
  -- coordinator, an opinion turned défavorable under an entry saying
  -- favorable, « huit » written in a fact under an entry « 6 → 6 », all
  -- chained as genuine). The texts are journal_texts.cpp's: the row of
  -- this transaction that the entry names gives its entity and new value.
  -- The coordinator's entries are held to the same (trial 15f F6: a
  -- decision turned « non retenu » in SQL under an entry « retenu (15) »
  -- verified « intact »), but for a fact or a document: she may rename the
  -- dossier in the same change, and their entity keeps its former reference.
  -- A dossier's identity and its addition (trial 15f F5: the commune moved
  -- into the region under an entry « orthographe → orthographe corrigée »).
  IF NOT owner AND (NEW.action IN ('soumission', 'conflit', 'avis', 'decision', 'dossier.identite', 'dossier.ajout')
                    OR member AND NEW.action IN ('dossier.fait', 'dossier.piece')) THEN
    tbl := CASE NEW.action WHEN 'soumission' THEN 'submission' WHEN 'conflit' THEN 'conflict' WHEN 'avis' THEN 'member_opinion'
                           WHEN 'decision' THEN 'decision' WHEN 'dossier.identite' THEN 'dossier'
                           WHEN 'dossier.ajout' THEN 'dossier'
                           WHEN 'dossier.fait' THEN 'dossier_fact' ELSE 'dossier_document' END;
    what := CASE NEW.action
      WHEN 'soumission' THEN $w$'dossier/' || d.reference || '/soumission/' || r.reviewer,
        CASE WHEN r.submitted_at = date_trunc('second', transaction_timestamp()) THEN 'notes soumises'
             ELSE 'soumises le ' || r.submitted_at::text || ', pas à l''instant du serveur' END$w$
      WHEN 'conflit' THEN $w$'personne/' || r.reviewer || '/conflit/' || r.organisme,
        r.declaration || ' (déclaré le ' || coalesce(to_char(r.declared_on, 'DD/MM/YYYY'), '00/00/0000') || ' par '
        || r.declared_by || ')'$w$
      WHEN 'avis' THEN $w$'dossier/' || d.reference || '/avis/' || r.member,
        CASE WHEN r.opinion IN ('favorable', 'défavorable', 'réservé') THEN r.opinion
             ELSE 'avis illisible « ' || r.opinion || ' »' END || ' — ' || r.comment$w$
      WHEN 'dossier.fait' THEN $w$'dossier/' || d.reference || '/' || r.fact, r.value$w$
      -- journal_texts.cpp: decision_text, dossier_identity_text, dossier_added.
      WHEN 'decision' THEN $w$'dossier/' || d.reference || '/decision',
        r.kind || CASE WHEN r.places = '' THEN '' ELSE ' (' || r.places || ')' END || ' — ' || r.motive
        || CASE WHEN r.departure_reason = '' THEN '' ELSE ' ; écart à l''avis de la commission : ' || r.departure_reason END$w$
      WHEN 'dossier.identite' THEN $w$'dossier/' || r.reference, 'reference=' || r.reference || '; organisme=' || r.organisme
        || '; siret=' || r.siret || '; finess=' || r.finess || '; commune=' || r.commune$w$
      WHEN 'dossier.ajout' THEN $w$'dossier/' || r.reference, 'organisme=' || r.organisme || '; siret=' || r.siret
        || '; finess=' || r.finess || '; commune=' || r.commune || '; '
        || coalesce((SELECT string_agg(f.fact || '=' || f.value, '; ' ORDER BY f.fact COLLATE "C") FROM @S.dossier_fact f
                     WHERE f.dossier_id = r.id), '')
        || '; pieces=' || coalesce((SELECT string_agg(p.document, ' ' ORDER BY p.document COLLATE "C")
                                    FROM @S.dossier_document p WHERE p.dossier_id = r.id), '')$w$
      ELSE $w$'dossier/' || d.reference || '/' || r.document, 'reçue'$w$ END;
    EXECUTE format('SELECT count(*), min(x.e), min(x.v) FROM (SELECT %s AS k, z.key, %s '
                   'FROM (SELECT DISTINCT split_part(l, E''\t'', 2) AS key FROM regexp_split_to_table($1, E''\n'') l '
                   'WHERE split_part(l, E''\t'', 1) = %L AND split_part(l, E''\t'', 3) <> ''-'') z '
                   'CROSS JOIN LATERAL (SELECT to_jsonb(t) AS j, t.* FROM %I.%I t WHERE %s AND %I.cotation_ours(t.xmin)) r '
                   'LEFT JOIN %I.dossier d ON d.id = (r.j ->> ''dossier_id'')::bigint) x(k, key, e, v) WHERE x.k = x.key',
                   (SELECT r.k FROM @S.cotation_render_sql(tbl) r), what, tbl, @s, tbl,
                   @S.cotation_pk_sql(tbl, format('%I.cotation_key_json(z.key)', @s)), @s, @s)
      INTO note_rows, note_entity, note_value USING NEW.rows;
    -- A fact or a document removed: the entry says so, its row is « - ».
    IF note_rows = 0 AND NEW.action IN ('dossier.fait', 'dossier.piece') THEN
      note_entity := NEW.entity;
      note_value := CASE NEW.action WHEN 'dossier.fait' THEN '' ELSE 'manquante' END;
      note_rows := 1;
    END IF;
    -- The coordinator may rename a dossier: its identity's entry keeps the former reference.
    IF NEW.action = 'dossier.identite' AND NOT member AND note_rows = 1 THEN
      note_entity := NEW.entity;
    END IF;
    IF note_rows <> 1 OR note_entity IS DISTINCT FROM NEW.entity OR note_value IS DISTINCT FROM NEW.new_value
       OR (NEW.action IN ('soumission', 'conflit', 'dossier.ajout') AND NEW.old_value <> '')
       -- the identity before: the journal's last, or the one its addition gave
       OR (NEW.action = 'dossier.identite' AND member AND NEW.old_value IS DISTINCT FROM coalesce(
             (SELECT j.new_value FROM @S.journal j WHERE j.entity = NEW.entity AND j.action = 'dossier.identite'
              ORDER BY j.seq DESC LIMIT 1),
             (SELECT 'reference=' || substr(NEW.entity, 9) || '; '
                     || substring(j.new_value FROM '^(organisme=.*; siret=[^;]*; finess=[^;]*; commune=[^;]*)')
              FROM @S.journal j WHERE j.entity = NEW.entity AND j.action = 'dossier.ajout' ORDER BY j.seq DESC LIMIT 1),
             NEW.old_value))
       OR (NEW.action = 'dossier.piece' AND NEW.old_value <> CASE NEW.new_value WHEN 'reçue' THEN 'manquante' ELSE 'reçue' END)
       OR (NEW.action = 'avis' AND NEW.old_value IS DISTINCT FROM
             coalesce((SELECT j.new_value FROM @S.journal j WHERE j.entity = NEW.entity AND j.action = 'avis'
                       ORDER BY j.seq DESC LIMIT 1), '')) THEN
      RAISE EXCEPTION 'entrée « % » du journal refusée : elle doit nommer une seule ligne écrite par cette transaction et dire ce qu''elle porte (% : « % ») ; le rôle « % » a écrit « % » : « % » → « % »',
        NEW.action, coalesce(note_entity, 'aucune ligne'), coalesce(note_value, ''), session_user, NEW.entity, NEW.old_value,
        NEW.new_value USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- A link is declared by the person the role is, on the server's day
    -- (one day either side for the workstations' time zones): not back-dated,
    -- not « signed » by another.
    IF NEW.action = 'conflit' AND EXISTS (
         SELECT 1 FROM @S.conflict c WHERE @S.cotation_ours(c.xmin)
           AND (c.declared_by IS DISTINCT FROM @S.cotation_me() OR c.declared_on IS NULL
                OR c.declared_on NOT BETWEEN (transaction_timestamp() AT TIME ZONE 'UTC')::date - 1
                                         AND (transaction_timestamp() AT TIME ZONE 'UTC')::date + 1)) THEN
      RAISE EXCEPTION 'entrée « conflit » du journal refusée : un lien déclaré par le rôle « % » est signé de son nom (« % ») et daté du jour du serveur (%), pas d''un autre nom ni d''une autre date ; seul le coordonnateur transcrit une déclaration signée un autre jour',
        session_user, @S.cotation_me(), to_char(transaction_timestamp() AT TIME ZONE 'UTC', 'DD/MM/YYYY')
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  -- The entry is signed by the person the role is (trial 15e F1), whatever the text typed.
  IF member AND @S.cotation_me() IS NOT NULL THEN
    NEW.actor := @S.cotation_me() || ' (compte ' || session_user || ')';
  END IF;
  body := octet_length(NEW.prev_hash) || ':' || NEW.prev_hash
       || octet_length(NEW.seq::text) || ':' || NEW.seq::text
       || octet_length(NEW.at) || ':' || NEW.at
       || octet_length(NEW.actor) || ':' || NEW.actor
       || octet_length(NEW.action) || ':' || NEW.action
       || octet_length(NEW.entity) || ':' || NEW.entity
       || octet_length(NEW.old_value) || ':' || NEW.old_value
       || octet_length(NEW.new_value) || ':' || NEW.new_value
       || CASE WHEN NEW.rows = '' THEN '' ELSE octet_length(NEW.rows) || ':' || NEW.rows END;
  NEW.hash := encode(sha256(convert_to(body, 'UTF8')), 'hex');
  RETURN NEW;
END $f$;
REVOKE ALL ON FUNCTION @S.journal_chain() FROM PUBLIC;
CREATE OR REPLACE TRIGGER journal_chain BEFORE INSERT ON @S.journal FOR EACH ROW EXECUTE FUNCTION @S.journal_chain();

-- A closed campaign is reopened with its reason in the journal (trial 15 F9:
-- a coordinator's raw « UPDATE campaign SET closed_at = NULL » reopened it
-- silently): checked at the commit, the journal's last entry must then be
-- the reopening, with a reason (as PgStore::reopen writes it).
CREATE OR REPLACE FUNCTION @S.campaign_reopened() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog AS $f$
BEGIN
  -- The entry also names the campaign's row as this transaction leaves it,
  -- as Cotation's does (trial 15b F7: a coordinator's UPDATE with an entry
  -- typed beside it, naming no row, reopened it; `journal verify` then said
  -- the campaign differed and `exporter` refused to archive it).
  IF NOT EXISTS (SELECT 1 FROM (SELECT j.action, j.new_value, j.rows FROM @S.journal j ORDER BY j.seq DESC LIMIT 1) h
                 WHERE h.action = 'campagne.reouverture' AND length(h.new_value) > length('rouverte — ')
                   AND EXISTS (SELECT 1 FROM regexp_split_to_table(h.rows, E'\n') l
                               WHERE split_part(l, E'\t', 1) = 'campaign' AND split_part(l, E'\t', 3) NOT IN ('', '-'))) THEN
    RAISE EXCEPTION 'une campagne close ne se rouvre que par Cotation (cotation reopen), qui inscrit le motif au journal';
  END IF;
  -- Checked again at the commit: the row may have changed after the entry.
  PERFORM @S.cotation_rows_checked((SELECT j.rows FROM @S.journal j ORDER BY j.seq DESC LIMIT 1));
  RETURN NULL;
END $f$;
REVOKE ALL ON FUNCTION @S.campaign_reopened() FROM PUBLIC;
DROP TRIGGER IF EXISTS campaign_reopened ON @S.campaign;
CREATE CONSTRAINT TRIGGER campaign_reopened AFTER UPDATE ON @S.campaign DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.closed_at IS NOT NULL AND NEW.closed_at IS NULL) EXECUTE FUNCTION @S.campaign_reopened();

-- A member's rows are Cotation's only with their journal entry (trial 15d
-- F2: an instructor changed her own rating in psql with no entry; `journal
-- verify` then named the row, and `exporter` refused the whole team's
-- campaign). Checked at the commit, for each row a member's transaction
-- inserted, changed or removed (under a changed key, the old key too): the
-- last entry of that transaction naming the row must give it as the
-- transaction leaves it, its digest, or « - » once removed. Cotation's own
-- writes name every row they touch (pg_ledger.cpp). The transaction's
-- entries are the journal's last ones at its commit: each insertion holds the
-- journal's lock to the end (journal_chain). The coordinator and the owner
-- are not checked here (the coordinator's raw changes are named by `journal
-- verify`; the owner can do anything).
CREATE OR REPLACE FUNCTION @S.cotation_row_journaled() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog AS $f$
DECLARE
  kx text;
  dx text;
  pk text;
  ev jsonb;
  k text;
  first_key text;
  d text;
  line text;
  named_in bigint;
  head bigint;
  e record;
  i int;
BEGIN
  IF pg_has_role(session_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'MEMBER')
     OR pg_has_role(session_user, @c, 'MEMBER') THEN
    RETURN NULL;
  END IF;
  SELECT r.k, r.d INTO kx, dx FROM @S.cotation_render_sql(TG_TABLE_NAME) r;
  SELECT string_agg(format('t.%I = ($1 ->> %L)::%s', a.attname, a.attname, format_type(a.atttypid, a.atttypmod)), ' AND ')
    INTO pk FROM pg_index x JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = ANY (x.indkey)
    WHERE x.indrelid = TG_RELID AND x.indisprimary;
  FOR i IN 1..2 LOOP
    ev := CASE WHEN i = 1 THEN CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END
               WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) END;
    CONTINUE WHEN ev IS NULL;
    EXECUTE format('SELECT %s FROM (SELECT $1 AS j) y', kx) INTO k USING ev;
    CONTINUE WHEN i = 2 AND k = first_key;
    first_key := k;
    EXECUTE format('SELECT %s FROM (SELECT to_jsonb(t) AS j FROM %I.%I t WHERE %s) y', dx, @s, TG_TABLE_NAME, pk) INTO d USING ev;
    line := NULL;
    named_in := NULL;
    -- The line the transaction's last entry naming this row gives: from an
    -- index of the transaction's entries, made once per transaction and
    -- journal head (each row searched them all: quadratic in an import,
    -- docs/serveur.md). A temporary table of this connection, the owner's:
    -- one a member made under that name is refused, never read.
    IF to_regclass('pg_temp.cotation_named') IS NULL THEN
      CREATE TEMP TABLE cotation_named(t_name text, t_key text, t_seq bigint, t_line text, PRIMARY KEY (t_name, t_key))
        ON COMMIT DELETE ROWS;
    ELSIF (SELECT c.relowner FROM pg_class c WHERE c.oid = to_regclass('pg_temp.cotation_named'))
          IS DISTINCT FROM (SELECT r.oid FROM pg_roles r WHERE r.rolname = current_user) THEN
      RAISE EXCEPTION 'modification refusée : la table temporaire « cotation_named » de cette connexion n''est pas celle de Cotation'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    head := (SELECT j.seq FROM @S.journal j ORDER BY j.seq DESC LIMIT 1);
    IF NOT EXISTS (SELECT 1 FROM pg_temp.cotation_named n WHERE n.t_name = '' AND n.t_key = txid_current()::text
                   AND n.t_seq = head) THEN
      DELETE FROM pg_temp.cotation_named;
      INSERT INTO pg_temp.cotation_named VALUES ('', txid_current()::text, head, '');
      FOR e IN SELECT j.xmin AS x, j.seq, j.rows FROM @S.journal j ORDER BY j.seq DESC LOOP
        EXIT WHEN NOT @S.cotation_ours(e.x);
        INSERT INTO pg_temp.cotation_named(t_name, t_key, t_seq, t_line)
          SELECT split_part(y.l, E'\t', 1), split_part(y.l, E'\t', 2), e.seq, split_part(y.l, E'\t', 3)
          FROM regexp_split_to_table(e.rows, E'\n') WITH ORDINALITY AS y(l, o) WHERE y.l <> '' ORDER BY y.o
          ON CONFLICT DO NOTHING;
      END LOOP;
    END IF;
    SELECT n.t_seq, n.t_line INTO named_in, line FROM pg_temp.cotation_named n WHERE n.t_name = TG_TABLE_NAME AND n.t_key = k;
    IF named_in IS NULL THEN
      RAISE EXCEPTION 'modification refusée : la ligne « % » de la table « % » a été écrite par le rôle « % » sans entrée du journal qui la nomme ; un membre de l''équipe ne modifie la campagne que par Cotation, qui inscrit chaque modification au journal',
        k, TG_TABLE_NAME, session_user USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF line IS DISTINCT FROM coalesce(d, '-') THEN
      RAISE EXCEPTION 'modification refusée : la ligne « % » de la table « % » n''est plus telle que l''entrée n° % du journal la donne ; elle a changé après son inscription',
        k, TG_TABLE_NAME, named_in USING ERRCODE = 'insufficient_privilege';
    END IF;
  END LOOP;
  RETURN NULL;
END $f$;
REVOKE ALL ON FUNCTION @S.cotation_row_journaled() FROM PUBLIC;
DO $d$ DECLARE t text; BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = @s AND tablename NOT IN ('journal', 'schema_version') LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I.%I', t || '_journalisee', @s, t);
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I.%I DEFERRABLE INITIALLY DEFERRED '
                   'FOR EACH ROW EXECUTE FUNCTION %I.cotation_row_journaled()', t || '_journalisee', @s, t, @s);
  END LOOP;
END $d$;
)sql";

}  // namespace cotation::pg
