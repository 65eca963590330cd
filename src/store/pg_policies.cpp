// The row-level security of a server campaign (pg_roles.cpp applies it, with
// the same @-names): who reads and writes which rows. Apart from the grants
// so that each file reads whole.
#include "pg_journal_rights.h"

namespace cotation::pg {

// After the journal's rules (pg_journal_rights.cpp): row-level security.
const char* const kPolicies = R"sql(

ALTER TABLE @S.rating ENABLE ROW LEVEL SECURITY;
ALTER TABLE @S.reviewer ENABLE ROW LEVEL SECURITY;
ALTER TABLE @S.submission ENABLE ROW LEVEL SECURITY;
ALTER TABLE @S.conflict ENABLE ROW LEVEL SECURITY;
ALTER TABLE @S.assignment ENABLE ROW LEVEL SECURITY;
ALTER TABLE @S.member_opinion ENABLE ROW LEVEL SECURITY;
ALTER TABLE @S.journal ENABLE ROW LEVEL SECURITY;
ALTER TABLE @S.consolidation ENABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS coordination ON @S.rating;
CREATE POLICY coordination ON @S.rating TO @C USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS lecture ON @S.rating;
CREATE POLICY lecture ON @S.rating FOR SELECT TO @I, @M
  USING (EXISTS (SELECT 1 FROM @S.reviewer v WHERE v.id = reviewer_id AND v.name = @S.cotation_me())
         OR @S.cotation_sees_ratings(dossier_id));
DROP POLICY IF EXISTS notation ON @S.rating;
CREATE POLICY notation ON @S.rating FOR INSERT TO @I WITH CHECK (@S.cotation_rates(dossier_id, reviewer_id));
DROP POLICY IF EXISTS correction ON @S.rating;
CREATE POLICY correction ON @S.rating FOR UPDATE TO @I
  USING (@S.cotation_rates(dossier_id, reviewer_id)) WITH CHECK (@S.cotation_rates(dossier_id, reviewer_id));

-- A consolidated rating is a rating: read under the same rule (trial 15b F6).
DROP POLICY IF EXISTS coordination ON @S.consolidation;
CREATE POLICY coordination ON @S.consolidation TO @C USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS lecture ON @S.consolidation;
CREATE POLICY lecture ON @S.consolidation FOR SELECT TO @I, @M USING (@S.cotation_sees_ratings(dossier_id));

DROP POLICY IF EXISTS lecture ON @S.reviewer;
CREATE POLICY lecture ON @S.reviewer FOR SELECT TO @C, @I, @M USING (true);
DROP POLICY IF EXISTS coordination ON @S.reviewer;
CREATE POLICY coordination ON @S.reviewer TO @C USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS soi ON @S.reviewer;
CREATE POLICY soi ON @S.reviewer FOR INSERT TO @I WITH CHECK (name = @S.cotation_me());

DROP POLICY IF EXISTS lecture ON @S.submission;
CREATE POLICY lecture ON @S.submission FOR SELECT TO @C, @I, @M USING (true);
DROP POLICY IF EXISTS coordination ON @S.submission;
CREATE POLICY coordination ON @S.submission TO @C USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS soi ON @S.submission;
CREATE POLICY soi ON @S.submission FOR INSERT TO @I
  WITH CHECK (reviewer = @S.cotation_me()
              AND EXISTS (SELECT 1 FROM @S.assignment a WHERE a.dossier_id = submission.dossier_id AND a.reviewer = @S.cotation_me())
              -- nothing to submit, nothing to unlock: one's own ratings first
              AND EXISTS (SELECT 1 FROM @S.rating r JOIN @S.reviewer v ON v.id = r.reviewer_id
                          WHERE r.dossier_id = submission.dossier_id AND v.name = @S.cotation_me())
              AND @S.cotation_rated_all(submission.dossier_id));

DROP POLICY IF EXISTS lecture ON @S.conflict;
CREATE POLICY lecture ON @S.conflict FOR SELECT TO @C, @I, @M USING (true);
DROP POLICY IF EXISTS coordination ON @S.conflict;
CREATE POLICY coordination ON @S.conflict TO @C USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS soi ON @S.conflict;
CREATE POLICY soi ON @S.conflict FOR INSERT TO @I, @M WITH CHECK (reviewer = @S.cotation_me());
DROP POLICY IF EXISTS soi_maj ON @S.conflict;
CREATE POLICY soi_maj ON @S.conflict FOR UPDATE TO @I, @M USING (reviewer = @S.cotation_me())
  WITH CHECK (reviewer = @S.cotation_me());

DROP POLICY IF EXISTS lecture ON @S.assignment;
CREATE POLICY lecture ON @S.assignment FOR SELECT TO @C, @I, @M USING (true);
DROP POLICY IF EXISTS coordination ON @S.assignment;
CREATE POLICY coordination ON @S.assignment TO @C USING (true) WITH CHECK (true);
-- A declared link ends the declarer's own assignments (and only a link does).
DROP POLICY IF EXISTS soi ON @S.assignment;
CREATE POLICY soi ON @S.assignment FOR DELETE TO @I, @M
  USING (reviewer = @S.cotation_me() AND @S.cotation_linked(dossier_id));

DROP POLICY IF EXISTS lecture ON @S.member_opinion;
CREATE POLICY lecture ON @S.member_opinion FOR SELECT TO @C, @I, @M USING (true);
DROP POLICY IF EXISTS coordination ON @S.member_opinion;
CREATE POLICY coordination ON @S.member_opinion TO @C USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS soi ON @S.member_opinion;
CREATE POLICY soi ON @S.member_opinion FOR INSERT TO @M
  WITH CHECK (member = @S.cotation_me() AND NOT @S.cotation_linked(dossier_id));
DROP POLICY IF EXISTS soi_maj ON @S.member_opinion;
CREATE POLICY soi_maj ON @S.member_opinion FOR UPDATE TO @M USING (member = @S.cotation_me())
  WITH CHECK (member = @S.cotation_me() AND NOT @S.cotation_linked(dossier_id));

-- The ranking adopted in session gives each dossier's total and rank: read
-- by an instructor under the rule of ratings, as `rank` refuses (trial 15c
-- F4); by the coordinator and the committee, who hold the session, whole.
ALTER TABLE @S.meeting_ranking ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS coordination ON @S.meeting_ranking;
CREATE POLICY coordination ON @S.meeting_ranking TO @C USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS lecture ON @S.meeting_ranking;
CREATE POLICY lecture ON @S.meeting_ranking FOR SELECT TO @C, @M USING (true);
DROP POLICY IF EXISTS lecture_instruction ON @S.meeting_ranking;
CREATE POLICY lecture_instruction ON @S.meeting_ranking FOR SELECT TO @I
  USING (EXISTS (SELECT 1 FROM @S.dossier d WHERE d.reference = meeting_ranking.reference AND @S.cotation_sees_ratings(d.id)));

-- The journal: read whole by the coordinator; by the others without the
-- ratings they may not read in the data; added to in one's own name only;
-- never changed (no UPDATE or DELETE policy, and the append-only trigger).
DROP POLICY IF EXISTS lecture ON @S.journal;
CREATE POLICY lecture ON @S.journal FOR SELECT TO @C USING (true);
DROP POLICY IF EXISTS lecture_equipe ON @S.journal;
CREATE POLICY lecture_equipe ON @S.journal FOR SELECT TO @I, @M
  USING ((action NOT IN ('note', 'consolidation') OR @S.cotation_person(actor) = @S.cotation_me()
         OR EXISTS (SELECT 1 FROM @S.dossier d
                    WHERE ((starts_with(journal.entity, 'dossier/' || d.reference || '/note/')
                            OR starts_with(journal.entity, 'dossier/' || d.reference || '/consolidation/'))
                           AND @S.cotation_sees_ratings(d.id))
                       -- one's own ratings, whoever changed them (who and when, trial 15b F13)
                       OR starts_with(journal.entity, 'dossier/' || d.reference || '/note/' || @S.cotation_me() || '/')))
     -- The session's entry lists the voted ranks of every dossier: an
     -- instructor reads it once every dossier's ratings are theirs to read.
     AND (action <> 'seance' OR pg_has_role(session_user, @m, 'MEMBER')
          OR NOT EXISTS (SELECT 1 FROM @S.dossier d WHERE NOT @S.cotation_sees_ratings(d.id))));
DROP POLICY IF EXISTS ajout ON @S.journal;
CREATE POLICY ajout ON @S.journal FOR INSERT TO @C, @I, @M
  WITH CHECK (actor IN (@S.cotation_me(), @S.cotation_me() || ' (compte ' || session_user || ')'));
)sql";

}  // namespace cotation::pg
