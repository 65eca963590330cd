// Who may do what on a server campaign, enforced by PostgreSQL itself
// (docs/serveur.md, « Ce que la base fait respecter »): three group roles per
// campaign, one login role per person (the person's account), grants per
// table and row-level security. The SQL is written here whole, so that a
// service can read it before applying it.
#include <map>
#include <tuple>

#include "core/french.h"
#include "core/journal_rules.h"
#include "core/people.h"
#include "ledger.h"
#include "pg_journal_rights.h"
#include "pg_ledger.h"
#include "pg_store_impl.h"
#include "sql_text.h"

namespace cotation {
namespace {

using pg::quote_identifier;

// 'decision', 'consolidation', …: the coordinator's kinds of entry, as SQL.
std::string coordinator_actions_sql() {
    std::string out;
    for (const auto& a : coordinator_actions()) out += (out.empty() ? "" : ", ") + sql::literal(a);
    return out;
}

// The script's text with S (schema), C, I, M (group roles) put in, quoted.
std::string fill(std::string sql, const std::map<char, std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        if (sql[i] == '@' && i + 1 < sql.size() && names.count(sql[i + 1])) {
            out += names.at(sql[i + 1]);
            ++i;
        } else {
            out += sql[i];
        }
    }
    return out;
}

// @S: the campaign's schema; @C, @I, @M: its coordinator, instructor and
// committee groups; @c, @i, @m: the same names as SQL strings; @o: the
// groups' mark. (An XPath says attribute::, never @, which would be filled.)
// Every statement can run again (a team that changed is granted anew).
const char* const kRights = R"sql(
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = @c) THEN CREATE ROLE @C NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = @i) THEN CREATE ROLE @I NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = @m) THEN CREATE ROLE @M NOLOGIN; END IF;
  -- Each group is marked with its campaign: one of the same name marked
  -- for another campaign is never taken over (trial 15b F2).
  IF EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname IN (@c, @i, @m)
             AND shobj_description(r.oid, 'pg_authid') IS DISTINCT FROM @o
             AND shobj_description(r.oid, 'pg_authid') IS NOT NULL) THEN
    RAISE EXCEPTION 'les groupes % sont ceux d''une autre campagne', @i;
  END IF;
END $$;
COMMENT ON ROLE @C IS @o;
COMMENT ON ROLE @I IS @o;
COMMENT ON ROLE @M IS @o;

-- Nothing for anyone but the three groups; the owner (who created the
-- campaign and applies this script) keeps the rights of an owner.
REVOKE ALL ON ALL TABLES IN SCHEMA @S FROM PUBLIC;
GRANT USAGE ON SCHEMA @S TO @C, @I, @M;
GRANT SELECT ON ALL TABLES IN SCHEMA @S TO @C, @I, @M;
GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA @S TO @C;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA @S TO @C;
-- The journal is only added to: no UPDATE for anyone, not even for a lock
-- (Cotation's writers line up on an advisory lock, pg_conn.h kJournalLock):
-- with UPDATE a member could LOCK it ACCESS EXCLUSIVE and block the whole
-- team's reads (trial 15c F3); with INSERT alone, ROW EXCLUSIVE at most,
-- which blocks no reader. Revoked by name: campaigns granted before keep it.
REVOKE UPDATE, DELETE ON @S.journal FROM @C, @I, @M;
REVOKE INSERT, UPDATE, DELETE ON @S.schema_version FROM @C;
-- No member holds a right that lets them lock a table against the team
-- (trial 15f F2: UPDATE, DELETE or TRUNCATE on a table let one take it
-- ACCESS EXCLUSIVE, and every reading of the campaign waited): UPDATE is
-- granted on the columns Cotation changes only (LOCK TABLE looks at the
-- table's own rights, not its columns'), deletions go through the owner's
-- functions below, INSERT allows ROW EXCLUSIVE at most, which blocks no
-- reader nor writer. Revoked whole first: campaigns granted before keep them.
REVOKE UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA @S FROM @I, @M;
GRANT INSERT ON @S.journal TO @I, @M;
GRANT INSERT ON @S.rating TO @I;
GRANT UPDATE (value, justification, updated_at) ON @S.rating TO @I;
-- Dossiers are registered and completed by the instructors too, as the
-- core says (Team::may_instruct; trial 15b F9), but see dossier_kept.
GRANT INSERT ON @S.dossier TO @I;
GRANT UPDATE (reference, organisme, siret, finess, commune) ON @S.dossier TO @I;
GRANT INSERT ON @S.dossier_fact, @S.dossier_document TO @I;
GRANT UPDATE (value) ON @S.dossier_fact TO @I;
GRANT INSERT ON @S.reviewer TO @I;
GRANT INSERT ON @S.submission TO @I;
GRANT INSERT ON @S.conflict TO @I, @M;
-- (Whom and what a link names too: conflict_kept then refuses it in French.)
GRANT UPDATE (reviewer, organisme, declaration, declared_on, declared_by, identifiers) ON @S.conflict TO @I, @M;
GRANT INSERT ON @S.member_opinion TO @M;
GRANT UPDATE (opinion, comment) ON @S.member_opinion TO @M;

-- A member's deletions, made by the owner's rights and no wider than the
-- member's role: an instructor removes a dossier's fact or document (as the
-- coordinator does); a member ends their own assignment to a dossier they
-- declared a link with (the policy « soi » below, which the owner does not
-- go through). Anything else deletes nothing, as a policy hides a row.
@RCREATE OR REPLACE FUNCTION @S.cotation_remove_assignment(d bigint, r text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = @S, pg_catalog, pg_temp AS $f$
BEGIN
  DELETE FROM @S.assignment a WHERE a.dossier_id = d AND a.reviewer = r
    AND (pg_has_role(session_user, @c, 'MEMBER') OR (r = @S.cotation_me() AND @S.cotation_linked(d)));
END $f$;
REVOKE ALL ON FUNCTION @S.cotation_remove_fact(bigint, text), @S.cotation_remove_document(bigint, text),
  @S.cotation_remove_assignment(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION @S.cotation_remove_fact(bigint, text), @S.cotation_remove_document(bigint, text) TO @C, @I;
GRANT EXECUTE ON FUNCTION @S.cotation_remove_assignment(bigint, text) TO @C, @I, @M;

-- The person of the team the connected role is (its account), or NULL.
-- session_user, the login role, never current_user: after « SET ROLE » to
-- the group, current_user is the group and the person would vanish from
-- every test of a link or a submission (trial 15b F1).
CREATE OR REPLACE FUNCTION @S.cotation_me() RETURNS text LANGUAGE sql STABLE AS $f$
  SELECT name FROM @S.person WHERE account = session_user LIMIT 1
$f$;
-- The person an author of the journal names: « NOM (compte LOGIN) » as a
-- file and Cotation on the server write it, or « NOM » as the server wrote
-- it before (trial 15b F15): `WHERE cotation_person(actor) = 'NOM'` finds
-- all of a person's entries, before and after sharing.
CREATE OR REPLACE FUNCTION @S.cotation_person(actor text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT regexp_replace(actor, ' \(compte [^ ()]*\)$', '')
$f$;
-- The journal's last entry, for a writer who may not read every entry.
CREATE OR REPLACE FUNCTION @S.cotation_journal_head(OUT seq bigint, OUT hash text) LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog AS $f$
  SELECT j.seq, j.hash FROM @S.journal j ORDER BY j.seq DESC LIMIT 1
$f$;
REVOKE ALL ON FUNCTION @S.cotation_journal_head() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION @S.cotation_journal_head() TO @C, @I, @M;
@L-- Whether the connected instructor may rate a dossier: assigned, no link,
-- not yet submitted (a submitted rating never changes: blind rating).
CREATE OR REPLACE FUNCTION @S.cotation_rates(d bigint, rev bigint) RETURNS boolean LANGUAGE sql STABLE AS $f$
  SELECT EXISTS (SELECT 1 FROM @S.reviewer v WHERE v.id = rev AND v.name = @S.cotation_me())
     AND EXISTS (SELECT 1 FROM @S.assignment a WHERE a.dossier_id = d AND a.reviewer = @S.cotation_me())
     AND NOT @S.cotation_linked(d)
     AND NOT EXISTS (SELECT 1 FROM @S.submission s WHERE s.dossier_id = d AND s.reviewer = @S.cotation_me())
$f$;
-- The top of the campaign's grid scale (`scale-max` of its pinned text's
-- root, 5 unless declared; grid.h), as the core rates. Read from the text,
-- not parsed: it is asked for each rating written.
CREATE OR REPLACE FUNCTION @S.cotation_scale_max() RETURNS int LANGUAGE sql STABLE AS $f$
  SELECT coalesce(substring(k.grid_xml FROM '<grid\s[^>]*scale-max\s*=\s*["'']([0-9]+)["'']')::int, 5) FROM @S.campaign k
$f$;
-- A rating refused to a member is said in French, naming the table, the
-- row and the rule (trial 15d F3: row-level security refused it in
-- PostgreSQL's English, « new row violates row-level security policy »).
-- The same rule as the policies (cotation_rates), checked before them; a
-- row the policies hide from the member is never met here (docs/serveur.md:
-- what stays silent, and why).
CREATE OR REPLACE FUNCTION @S.rating_refused() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  why text;
  ref text;
BEGIN
  IF pg_has_role(session_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'MEMBER') THEN
    RETURN NEW;
  END IF;
  SELECT d.reference INTO ref FROM @S.dossier d WHERE d.id = NEW.dossier_id;
  -- Within the grid's scale, for the coordinator too (trial 15f F3: a 9 on a
  -- scale of 0 to 5, typed in SQL with a well-formed entry, was kept and
  -- counted for nothing without a word).
  IF NEW.value NOT BETWEEN 0 AND @S.cotation_scale_max() THEN
    RAISE EXCEPTION 'note refusée (table « rating », dossier « % », critère « % ») : % est hors de l''échelle de la grille de la campagne (0 à %)',
      coalesce(ref, NEW.dossier_id::text), NEW.criterion, NEW.value, @S.cotation_scale_max() USING ERRCODE = 'check_violation';
  END IF;
  IF pg_has_role(session_user, @c, 'MEMBER') THEN
    -- A submitted rating never changes, by the coordinator either (trial 15f
    -- F6: she changed one in SQL, and the arbitration was made on it).
    IF EXISTS (SELECT 1 FROM @S.submission s JOIN @S.reviewer v ON v.name = s.reviewer
               WHERE s.dossier_id = NEW.dossier_id AND v.id = NEW.reviewer_id) THEN
      RAISE EXCEPTION 'note refusée (table « rating », dossier « % », critère « % ») : les notes de « % » sur ce dossier sont soumises : elles ne changent plus, par le coordonnateur non plus',
        coalesce(ref, NEW.dossier_id::text), NEW.criterion, (SELECT v.name FROM @S.reviewer v WHERE v.id = NEW.reviewer_id)
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END IF;
  why := CASE
    WHEN NOT pg_has_role(session_user, @i, 'MEMBER')
      THEN 'seuls les instructeurs notent (le rôle « ' || session_user || ' » n''est pas instructeur de cette campagne)'
    WHEN NOT EXISTS (SELECT 1 FROM @S.reviewer v WHERE v.id = NEW.reviewer_id AND v.name = @S.cotation_me())
      THEN 'une note ne s''écrit qu''au nom de la personne connectée, ' || coalesce(@S.cotation_me(), '(aucune)')
    WHEN NOT EXISTS (SELECT 1 FROM @S.assignment a WHERE a.dossier_id = NEW.dossier_id AND a.reviewer = @S.cotation_me())
      THEN 'ce dossier n''est pas affecté à ' || @S.cotation_me()
    WHEN @S.cotation_linked(NEW.dossier_id)
      THEN @S.cotation_me() || ' a déclaré un lien d''intérêts avec son organisme'
    WHEN EXISTS (SELECT 1 FROM @S.submission s WHERE s.dossier_id = NEW.dossier_id AND s.reviewer = @S.cotation_me())
      THEN 'les notes de ' || @S.cotation_me() || ' sur ce dossier sont soumises : elles ne changent plus'
  END;
  IF why IS NOT NULL THEN
    RAISE EXCEPTION 'note refusée (table « rating », dossier « % », critère « % ») : %', coalesce(ref, NEW.dossier_id::text),
      NEW.criterion, why USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $f$;
CREATE OR REPLACE TRIGGER rating_refused BEFORE INSERT OR UPDATE ON @S.rating FOR EACH ROW EXECUTE FUNCTION @S.rating_refused();
-- Whether the connected instructor rated every criterion of the campaign's
-- grid on a dossier, as the core requires before submitting
-- (submission_refusal, rating_counts: a justified value within the scale).
-- The grid is the campaign's pinned text (grid_xml); its criteria are the
-- <criterion> of its <theme> (trial 15b F5: 5 of 17 were enough in SQL).
CREATE OR REPLACE FUNCTION @S.cotation_rated_all(d bigint) RETURNS boolean LANGUAGE sql STABLE AS $f$
  SELECT NOT EXISTS (
    SELECT 1 FROM @S.campaign k,
           LATERAL unnest(xpath('/grid/theme/criterion/attribute::id', xmlparse(document k.grid_xml))) c(id)
    WHERE NOT EXISTS (SELECT 1 FROM @S.rating r JOIN @S.reviewer v ON v.id = r.reviewer_id
                      WHERE r.dossier_id = d AND v.name = @S.cotation_me() AND r.criterion = c.id::text
                        AND r.value BETWEEN 0 AND @S.cotation_scale_max() AND btrim(r.justification, E' \t\r\n') <> ''))
$f$;
-- The journal names the role that really wrote each entry, whatever the client says.
CREATE OR REPLACE FUNCTION @S.journal_db_role() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  NEW.db_role := session_user;
  RETURN NEW;
END $f$;
CREATE OR REPLACE TRIGGER journal_db_role BEFORE INSERT ON @S.journal FOR EACH ROW EXECUTE FUNCTION @S.journal_db_role();

)sql";

// The rules of declared links (issue 15 N1), put in kRights at « @L » and run
// alone by the migration that gives dossiers and links their organisation's
// key (pg_store.cpp, schema 20), with the same @-names.
const char* const kLinkRules = R"sql(
-- The organisation's key of a dossier and of a link is written by Cotation
-- (core organisation_key); a member whose change goes through Cotation
-- writes it again, unchanged, and dossier_kept and conflict_kept refuse it
-- changed (in French rather than « permission denied »).
GRANT UPDATE (organisation_key) ON @S.dossier TO @I;
GRANT UPDATE (organisation_key) ON @S.conflict TO @I, @M;
-- Whether a declared link covers an organisation, as the core's
-- declaration_covers decides it (src/core/read_rules.cpp, the one rule; the
-- same answers: PgAccess.TheServersLinkRuleIsTheCores): the same name, or the
-- same key (organisation_key: case, accents, spaces and punctuation aside,
-- written by Cotation with each dossier and link), or a whole token of the
-- link's identifiers (« siren:419514906 finess:840000012 ») that is the
-- organisation's SIREN (the first 9 of its SIRET's 14 digits) or its FINESS
-- (9 characters: 2 digits, or « 2A »/« 2B » in Corsica, then 7 digits,
-- upper-case). Identifiers are read as the core's digits_of and finess_of
-- read them: spaces, dots, hyphens and no-break spaces between them, and
-- nothing else.
CREATE OR REPLACE FUNCTION @S.cotation_covers(c_organisme text, c_key text, c_identifiers text,
                                              organisme text, organisme_key text, siret text, finess text)
  RETURNS boolean LANGUAGE sql IMMUTABLE AS $f$
  SELECT c_organisme = organisme OR c_key = organisme_key
      OR (c_identifiers <> '' AND EXISTS (
            SELECT 1 FROM (VALUES ('siren:', regexp_replace(siret, '[ .' || chr(160) || '-]', '', 'g'), '^[0-9]{14}$'),
                                  ('finess:', upper(regexp_replace(finess, '[ .' || chr(160) || '-]', '', 'g')),
                                   '^([0-9]{2}|2A|2B)[0-9]{7}$')) v(kind, id, shape)
            WHERE v.id ~ v.shape AND v.kind || left(v.id, 9) = ANY (string_to_array(c_identifiers, ' '))))
$f$;
-- Whether the connected member declared a link that covers a dossier's organisation.
CREATE OR REPLACE FUNCTION @S.cotation_linked(d bigint) RETURNS boolean LANGUAGE sql STABLE AS $f$
  SELECT EXISTS (SELECT 1 FROM @S.conflict c JOIN @S.dossier x
                   ON @S.cotation_covers(c.organisme, c.organisation_key, c.identifiers,
                                         x.organisme, x.organisation_key, x.siret, x.finess)
                 WHERE x.id = d AND c.reviewer = @S.cotation_me())
$f$;
-- Whether the connected member may read the others' ratings of a dossier:
-- never with a declared link that covers its organisation; an instructor
-- once they submitted their own.
CREATE OR REPLACE FUNCTION @S.cotation_sees_ratings(d bigint) RETURNS boolean LANGUAGE sql STABLE AS $f$
  SELECT NOT @S.cotation_linked(d)
     AND (pg_has_role(session_user, @m, 'MEMBER')
          OR EXISTS (SELECT 1 FROM @S.submission s WHERE s.dossier_id = d AND s.reviewer = @S.cotation_me()))
$f$;
-- A declared link is kept as declared: its declarer re-words it, only the
-- coordinator (or the owner, who migrates) changes whom or what it names
-- (else one could « withdraw » a link and read the ratings it hides): its
-- organisme, that organisme's key, and the SIREN and FINESS it covers, which
-- a member may add to (declared again) but not take away.
CREATE OR REPLACE FUNCTION @S.conflict_kept() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF NOT pg_has_role(session_user, @c, 'MEMBER')
     AND NOT pg_has_role(session_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'MEMBER')
     AND (NEW.organisme IS DISTINCT FROM OLD.organisme OR NEW.reviewer IS DISTINCT FROM OLD.reviewer
          OR NEW.organisation_key IS DISTINCT FROM OLD.organisation_key
          OR EXISTS (SELECT 1 FROM unnest(string_to_array(OLD.identifiers, ' ')) t(token)
                     WHERE t.token <> '' AND NOT t.token = ANY (string_to_array(NEW.identifiers, ' ')))) THEN
    RAISE EXCEPTION 'Un lien d''intérêts déclaré ne se retire pas ni ne change d''organisme : seul le coordonnateur le modifie.'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $f$;
CREATE OR REPLACE TRIGGER conflict_kept BEFORE UPDATE ON @S.conflict FOR EACH ROW EXECUTE FUNCTION @S.conflict_kept();

-- A registered dossier's reference and organisme (and its organisation's
-- key) change only by the coordinator (or the owner): the organisme decides
-- whom a declared link hides its ratings from, the reference which journal
-- entries are its own; an instructor renaming them would read what a link or
-- blind rating hides. Its SIRET and FINESS neither, by an instructor, when
-- the change takes it out of a declared link (by its SIREN or FINESS).
CREATE OR REPLACE FUNCTION @S.dossier_kept() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF NOT pg_has_role(session_user, @c, 'MEMBER')
     AND NOT pg_has_role(session_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'MEMBER') THEN
    IF NEW.reference IS DISTINCT FROM OLD.reference OR NEW.organisme IS DISTINCT FROM OLD.organisme
       OR NEW.organisation_key IS DISTINCT FROM OLD.organisation_key THEN
      RAISE EXCEPTION 'La référence et l''organisme d''un dossier enregistré ne changent que par le coordonnateur : ils décident de qui lit ses notes (liens d''intérêts, journal).'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (SELECT 1 FROM @S.conflict c
               WHERE @S.cotation_covers(c.organisme, c.organisation_key, c.identifiers,
                                        OLD.organisme, OLD.organisation_key, OLD.siret, OLD.finess)
                 AND NOT @S.cotation_covers(c.organisme, c.organisation_key, c.identifiers,
                                            NEW.organisme, NEW.organisation_key, NEW.siret, NEW.finess)) THEN
      RAISE EXCEPTION 'Le SIRET et le FINESS du dossier « % » ne changent que par le coordonnateur tant qu''un lien d''intérêts déclaré le couvre par eux : ils décident de qui lit ses notes.',
        OLD.reference USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  RETURN NEW;
END $f$;
CREATE OR REPLACE TRIGGER dossier_kept BEFORE UPDATE ON @S.dossier FOR EACH ROW EXECUTE FUNCTION @S.dossier_kept();
)sql";

// An instructor's (or the coordinator's) removal of a dossier's fact or
// document, by the owner's rights: one template for both tables, put in
// kRights at « @R » before its names are filled.
std::string removal_functions() {
    std::string out;
    for (const auto& [what, table, column] : {std::tuple{"fact", "dossier_fact", "fact"},
                                              std::tuple{"document", "dossier_document", "document"}})
        out += std::string("CREATE OR REPLACE FUNCTION @S.cotation_remove_") + what +
               "(d bigint, f text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER\n"
               "  SET search_path = @S, pg_catalog, pg_temp AS $f$\n"
               "BEGIN\n"
               "  IF pg_has_role(session_user, @i, 'MEMBER') OR pg_has_role(session_user, @c, 'MEMBER') THEN\n"
               "    DELETE FROM @S." + table + " x WHERE x.dossier_id = d AND x." + column + " = f;\n"
               "  END IF;\n"
               "END $f$;\n";
    return out;
}

// Role names are 63 bytes at most and shared by the whole cluster: the
// campaign's name then the team role. A longer name is cut (at a character)
// and followed by 12 hexadecimal digits of its SHA-256, so that two
// campaigns sharing their first bytes never share their groups (trial 15b
// F2); a name of 40 bytes or less keeps the groups it always had, and no
// such name ends like a cut one (which is longer). Within 63 bytes:
// 36 + 1 + 12 + 1 + 13 (« coordonnateur »).
std::string group_base(const std::string& campaign) {
    if (campaign.size() <= 40) return campaign;
    std::size_t n = 36;
    while (n > 0 && (static_cast<unsigned char>(campaign[n]) & 0xC0) == 0x80) --n;
    return campaign.substr(0, n) + "~" + row_ledger::digest(campaign).substr(0, 12);
}

std::string group_name(const std::string& campaign, const char* role) { return group_base(campaign) + "/" + role; }

// The groups a long name had before (its first 40 bytes), maybe shared with
// another campaign: they lose every right on this campaign's schema.
std::string legacy_groups_revoked(const std::string& campaign) {
    if (campaign.size() <= 40) return "";
    std::string out = "\n-- Les groupes d'avant (nom coupé à 40 octets, peut-être communs à une autre campagne) perdent "
                      "leurs droits sur celle-ci.\n";
    for (const char* role : {"coordonnateur", "instructeur", "commission"}) {
        std::string g = campaign.substr(0, 40) + "/" + role;
        out += "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = " + sql::literal(g) + ") THEN "
               "REVOKE ALL ON ALL TABLES IN SCHEMA " + quote_identifier(campaign) + " FROM " + quote_identifier(g) + "; "
               "REVOKE ALL ON ALL SEQUENCES IN SCHEMA " + quote_identifier(campaign) + " FROM " + quote_identifier(g) + "; "
               "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA " + quote_identifier(campaign) + " FROM " + quote_identifier(g) + "; "
               "REVOKE ALL ON SCHEMA " + quote_identifier(campaign) + " FROM " + quote_identifier(g) + "; END IF; END $$;\n";
    }
    return out;
}

// Who holds a lock on the campaign's tables (a transaction left open, even
// after a mere reading, keeps its tables from the policies' changes): person
// and account, program, since when, and how to end it (trial 15g G7).
std::string table_holders(pg::PgConn& c, const std::string& schema) {
    auto r = c.exec("SELECT coalesce((SELECT p.name FROM " + quote_identifier(schema) + R"sql(.person p
 WHERE p.account = a.usename LIMIT 1) || ' (compte ' || a.usename || ')',
                'le rôle « ' || a.usename || ' »'),
       coalesce(nullif(a.application_name, ''), 'sans nom'),
       to_char(coalesce(a.xact_start, a.backend_start) AT TIME ZONE 'UTC', 'DD/MM/YYYY "à" HH24:MI:SS'),
       a.state = 'idle in transaction', a.pid::text
FROM pg_stat_activity a
WHERE a.pid <> pg_backend_pid()
  AND a.pid IN (SELECT l.pid FROM pg_locks l WHERE l.locktype = 'relation' AND l.relation IN
                (SELECT k.oid FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace WHERE n.nspname = $1))
ORDER BY a.pid)sql", {schema});
    std::vector<std::string> who, pids;
    for (int i = 0; i < r.rows(); ++i) {
        who.push_back(r.text(i, 0) + ", application « " + r.text(i, 1) + " », transaction ouverte depuis le " +
                      r.text(i, 2) + " UTC" + (r.boolean(i, 3) ? ", inactive" : ""));
        pids.push_back(r.text(i, 4));
    }
    const std::string end = "Réessayez une fois la transaction terminée (COMMIT ou ROLLBACK), ou que le service y mette fin (" +
                            (pids.empty() ? std::string("SELECT pg_terminate_backend(PID), PID lu dans pg_stat_activity")
                                          : "SELECT pg_terminate_backend(" + fr::join(pids, "), pg_terminate_backend(") + ")") +
                            ") ; sur un vrai serveur, fixez idle_in_transaction_session_timeout (docs/serveur.md)";
    if (who.empty()) return "une connexion tenait les tables de la campagne plus de 5 s, et s'est terminée depuis. " + end;
    return "les tables de la campagne sont tenues par une transaction restée ouverte : " + fr::join(who, " ; ") +
           ". Les droits changent les règles de chaque table, qui doit être libre un instant. " + end;
}

}  // namespace

PgTeamRoles pg_team_roles(const std::string& campaign) {
    return {group_name(campaign, "coordonnateur"), group_name(campaign, "instructeur"), group_name(campaign, "commission")};
}

namespace {
// What fill() puts in for the campaign's schema and groups.
std::map<char, std::string> rights_names(const std::string& campaign) {
    PgTeamRoles g = pg_team_roles(campaign);
    return {{'S', quote_identifier(campaign)},
            {'C', quote_identifier(g.coordinator)},
            {'I', quote_identifier(g.instructor)},
            {'M', quote_identifier(g.committee)},
            {'c', sql::literal(g.coordinator)},
            {'i', sql::literal(g.instructor)},
            {'m', sql::literal(g.committee)},
            {'s', sql::literal(campaign)},
            {'o', sql::literal("cotation : groupe de la campagne " + campaign)},
            {'K', coordinator_actions_sql()}};
}
}  // namespace

namespace pg {
std::string pg_link_rules_sql(const std::string& campaign) { return fill(kLinkRules, rights_names(campaign)); }
}  // namespace pg

std::string pg_roles_sql(const std::string& uri) {
    PgAddress address = parse_pg_uri(uri);
    if (address.campaign.empty())
        throw InputError("Adresse de campagne partagée « " + address.shown + " » : il manque la campagne (" +
                         pg::kUriForm + ").");
    auto store = open_pg_store(uri);
    Team team = store->load().team;
    PgTeamRoles g = pg_team_roles(address.campaign);
    std::string rights = kRights;
    rights.replace(rights.find("@R"), 2, removal_functions());
    rights.replace(rights.find("@L"), 2, kLinkRules);
    std::string sql = "-- Droits de l'équipe de la campagne « " + address.campaign + " » (cotation serveur roles).\n" +
                      fill(rights + pg::kJournalRights + pg::kPolicies + pg::ledger::kRowsChecked, rights_names(address.campaign)) +
                      legacy_groups_revoked(address.campaign);
    sql += "\n-- Chaque personne de l'équipe : son rôle de connexion (le compte de la personne) dans son groupe.\n"
           "-- Le mot de passe ou l'authentification du poste se règle hors de Cotation (docs/serveur.md).\n";
    std::string groups = quote_identifier(g.coordinator) + ", " + quote_identifier(g.instructor) + ", " +
                         quote_identifier(g.committee);
    for (const auto& [name, p] : team.people) {
        const std::string& group = p.role == Role::Coordinator ? g.coordinator
                                   : p.role == Role::Instructor ? g.instructor
                                                                : g.committee;
        if (administrative_account(p.account)) {
            // Never created here; joined to the group only if the service made that role itself.
            sql += "-- " + name + " : lié au compte « " + p.account + " », compte d'administration : aucun rôle créé ; liez la "
                   "personne à son propre compte (cotation users … --changer-compte NOM --compte LOGIN).\n";
            sql += "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = " + sql::literal(p.account) + ") THEN REVOKE " +
                   groups + " FROM " + quote_identifier(p.account) + "; GRANT " + quote_identifier(group) + " TO " +
                   quote_identifier(p.account) + "; END IF; END $$;\n";
            continue;
        }
        if (p.account.empty()) {
            sql += "-- " + name +
                   " : aucun compte dans l'équipe, ne peut pas se connecter (cotation users … --changer-compte NOM --compte "
                   "LOGIN).\n";
            continue;
        }
        // The login role is the service's to create, with its password or its peer mapping
        // (docs/serveur.md, step 3): never made here (trial 22 m2: a mistyped account became a login
        // role without password). One group per person: a role that changed leaves its former group.
        sql += "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = " + sql::literal(p.account) + ") THEN REVOKE " +
               groups + " FROM " + quote_identifier(p.account) + "; GRANT " + quote_identifier(group) + " TO " +
               quote_identifier(p.account) + "; END IF; END $$; -- " + name + "\n";
    }
    return sql;
}

bool pg_login_role_exists(const std::string& uri, const std::string& role) {
    pg::PgConn c(parse_pg_uri(uri));
    return c.exec("SELECT 1 FROM pg_roles WHERE rolname = $1 AND rolcanlogin", {role}).rows() > 0;
}

std::vector<std::string> apply_pg_roles(const std::string& uri) {
    // A demonstration made by root binds its coordinator to « root »: with
    // peer authentication the machine's root would become coordinator (trial 15 F9).
    // A role of that name the service created itself is its own choice.
    auto store = open_pg_store(uri);
    PgAddress address = parse_pg_uri(uri);
    pg::PgConn c(address);
    for (const auto& [name, p] : store->load().team.people)
        if (administrative_account(p.account) &&
            !c.exec("SELECT 1 FROM pg_roles WHERE rolname = $1 AND rolcanlogin", {p.account}).rows())
            throw InputError("Campagne partagée « " + parse_pg_uri(uri).shown + " » : " + name + " a pour compte « " +
                             p.account +
                             " », un compte d'administration ; aucun droit n'a été appliqué. Liez la personne à "
                             "son propre compte : cotation users " +
                             fr::shell_word(parse_pg_uri(uri).shown) + " --changer-compte " + fr::shell_word(name) +
                             " --compte LOGIN.");
    // Trial 15b F10: the owner can do anything, down to suspending the
    // journal's triggers; a person of the team holding its rights (its very
    // account, or a member of it) makes every guarantee of the journal theirs.
    const std::string owner =
        c.exec("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = $1", {address.campaign}).text(0, 0);
    for (const auto& [name, p] : store->load().team.people)
        if (!p.account.empty() &&
            c.exec("SELECT 1 FROM pg_roles WHERE rolname = $1 AND NOT rolsuper AND pg_has_role(rolname, $2, 'MEMBER')",
                   {p.account, owner})
                .rows())
            throw InputError("Campagne partagée « " + address.shown + " » : " + name +
                             ", de l'équipe, détient par son compte « " + p.account +
                             " » les droits du propriétaire de la campagne (« " + owner +
                             " »), qui peut tout, jusqu'à suspendre les déclencheurs du journal ; aucun droit n'a été "
                             "appliqué. Le propriétaire est un compte du service informatique qu'aucune personne de "
                             "l'équipe ne détient (docs/serveur.md, étape 2) : " +
                             // Her account is the owner itself: bound to her own (trial 23 m5: « REVOKE x FROM x »).
                             (p.account == owner
                                  ? "liez la personne à son propre compte : cotation users " + fr::shell_word(address.shown) +
                                        " --changer-compte " + fr::shell_word(name) + " --compte LOGIN."
                                  : "retirez ce droit (REVOKE \"" + owner + "\" FROM " + p.account +
                                        ") ou partagez la campagne sous un tel compte."));
    // Trial 15f F7: the team is read from its rows; one changed in SQL (a
    // member made coordinator by an UPDATE) would be granted, then trusted.
    // Its rows must be those the journal recorded.
    std::string changed;
    for (const auto& problem : store->verify_journal().problems)
        if (problem.rfind("table person", 0) == 0) changed += (changed.empty() ? "" : " ; ") + problem;
    if (!changed.empty())
        throw InputError("Campagne partagée « " + address.shown +
                         " » : l'équipe n'est pas celle que le journal a enregistrée ; "
                         "aucun droit n'a été appliqué : " + changed + ". Rétablissez la ligne, ou faites la modification "
                         "par Cotation (cotation users), qui l'inscrit au journal, puis appliquez les droits.");
    std::string sql = pg_roles_sql(uri);
    try {
        pg::PgTransaction t(c, pg::PgTransaction::Kind::Schema);
        // The policies need each table alone: a bounded wait (trial 15g G7:
        // a psql transaction left open after a reading held it for ever).
        c.exec("SET LOCAL lock_timeout = '5s'; SET LOCAL statement_timeout = '120s'");
        c.exec(sql);
        t.commit();
    } catch (const pg::BusyError&) {
        // Rolled back: this connection asks who holds the campaign's tables.
        throw InputError("Campagne partagée « " + address.shown + " » : aucun droit n'a été appliqué : " +
                         table_holders(c, address.campaign) + ".");
    }
    std::vector<std::string> missing;
    for (const auto& [name, p] : store->load().team.people)
        if (!p.account.empty() && !administrative_account(p.account) &&
            !c.exec("SELECT 1 FROM pg_roles WHERE rolname = $1 AND rolcanlogin", {p.account}).rows())
            missing.push_back(name + " (compte « " + p.account + " »)");
    return missing;
}

}  // namespace cotation
