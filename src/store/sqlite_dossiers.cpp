// Changes to the dossiers and what is recorded about each: identity, facts, documents, ratings, consolidation, decisions, prior
// rejections, assignments, submissions, opinions.
#include <sqlite3.h>

#include <map>
#include <set>
#include <unordered_map>

#include "core/enums.h"
#include "core/error.h"
#include "core/read_rules.h"
#include "journal.h"
#include "sqlite_store.h"

namespace cotation::sqlite {

std::vector<std::int64_t> SqliteStore::add_dossiers(const std::vector<Dossier>& dossiers, const std::string& actor) {
    return mutate(Lock::Check, [&](JournalWriter& j) {
        Stmt exists(*db_, "SELECT 1 FROM dossier WHERE reference = ?");
        // With the organisation's key (read_rules.h): what a server's rights compare (issue 15 N1).
        Stmt ins(*db_,
                 "INSERT INTO dossier(reference, organisme, siret, finess, commune, organisation_key) VALUES (?,?,?,?,?,?)");
        Stmt fact(*db_, "INSERT INTO dossier_fact(dossier_id, fact, value) VALUES (?,?,?)");
        Stmt doc(*db_, "INSERT INTO dossier_document(dossier_id, document) VALUES (?,?)");
        std::vector<std::int64_t> ids;
        for (const auto& d : dossiers) {
            exists.bind(1, d.reference);
            bool dup = exists.step();
            exists.reset();
            if (dup)
                throw InputError("Le dossier « " + d.reference + " » existe déjà dans la campagne ; rien n'a été enregistré.");
            ins.bind(1, d.reference).bind(2, d.organisme).bind(3, d.siret).bind(4, d.finess).bind(5, d.commune)
                .bind(6, organisation_key(d.organisme));
            ins.run();
            std::int64_t id = sqlite3_last_insert_rowid(db_->get());
            ids.push_back(id);
            for (const auto& [k, v] : d.facts) {
                fact.bind(1, id).bind(2, k).bind(3, to_canonical(v));
                fact.run();
            }
            for (const auto& x : d.documents) {
                doc.bind(1, id).bind(2, x);
                doc.run();
            }
            j.add(actor, entry::dossier_added(d));
        }
        return ids;
    });
}

void SqliteStore::update_dossier(const Dossier& before, const Dossier& after, const std::string& actor) {
    mutate(Lock::Check, [&](JournalWriter& j) {
        if (before.reference != after.reference || before.organisme != after.organisme || before.siret != after.siret ||
            before.finess != after.finess || before.commune != after.commune) {
            Stmt u(*db_,
                   "UPDATE dossier SET reference=?, organisme=?, siret=?, finess=?, commune=?, organisation_key=? WHERE id=?");
            u.bind(1, after.reference).bind(2, after.organisme).bind(3, after.siret).bind(4, after.finess)
                .bind(5, after.commune).bind(6, organisation_key(after.organisme)).bind(7, after.id);
            u.run();
            j.add(actor, entry::dossier_identity(before, after));
        }
        Stmt del(*db_, "DELETE FROM dossier_fact WHERE dossier_id=? AND fact=?");
        Stmt put(*db_, "INSERT INTO dossier_fact(dossier_id, fact, value) VALUES (?,?,?) ON CONFLICT(dossier_id, fact) DO "
                       "UPDATE SET value=excluded.value");
        for (const auto& [k, b, a] : rows::fact_changes(before, after)) {
            if (a.empty()) del.bind(1, after.id).bind(2, k).run();
            else put.bind(1, after.id).bind(2, k).bind(3, a).run();
            j.add(actor, entry::dossier_fact(before.reference, k, b, a));
        }
        Stmt dadd(*db_, "INSERT INTO dossier_document(dossier_id, document) VALUES (?,?)");
        Stmt ddel(*db_, "DELETE FROM dossier_document WHERE dossier_id=? AND document=?");
        for (const auto& x : after.documents)
            if (!before.documents.count(x)) {
                dadd.bind(1, after.id).bind(2, x).run();
                j.add(actor, entry::dossier_piece(before.reference, x, true));
            }
        for (const auto& x : before.documents)
            if (!after.documents.count(x)) {
                ddel.bind(1, after.id).bind(2, x).run();
                j.add(actor, entry::dossier_piece(before.reference, x, false));
            }
    });
}

void SqliteStore::put_ratings(const std::vector<Rating>& ratings, const std::string& actor) {
    mutate(Lock::Check, [&](JournalWriter& j) {
        Stmt find_rev(*db_, "SELECT id FROM reviewer WHERE name=?");
        Stmt add_rev(*db_, "INSERT INTO reviewer(name) VALUES (?)");
        Stmt ref(*db_, "SELECT reference FROM dossier WHERE id=?");
        Stmt old(*db_, "SELECT value, justification FROM rating WHERE dossier_id=? AND reviewer_id=? AND criterion=?");
        Stmt put(*db_, "INSERT INTO rating(dossier_id, reviewer_id, criterion, value, justification, updated_at) "
                       "VALUES (?,?,?,?,?,?) ON CONFLICT(dossier_id, reviewer_id, criterion) DO UPDATE SET value=excluded.value, "
                       "justification=excluded.justification, updated_at=excluded.updated_at");
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
                if (!ref.step())
                    throw InputError("Dossier n°" + std::to_string(r.dossier_id) + " inconnu ; aucune note n'a été enregistrée.");
                reference = ref.text(0);
                ref.reset();
            }
            old.bind(1, r.dossier_id).bind(2, it->second).bind(3, r.criterion);
            std::string before;
            if (old.step()) before = entry::rating_text(old.text(0), old.text(1));
            old.reset();
            const entry::Text e = entry::rating(reference, r, before);
            if (before == e.new_value) continue;
            put.bind(1, r.dossier_id).bind(2, it->second).bind(3, r.criterion).bind(4, std::int64_t{r.value})
                .bind(5, r.justification).bind(6, now);
            put.run();
            j.add(actor, e);
        }
    });
}

void SqliteStore::put_consolidation(std::int64_t dossier_id, const ConsolidationDecision& d, const std::string& actor) {
    mutate(Lock::Check, [&](JournalWriter& j) {
        Stmt ref(*db_, "SELECT reference FROM dossier WHERE id=?");
        ref.bind(1, dossier_id);
        if (!ref.step()) throw InputError(unknown_dossier("n°" + std::to_string(dossier_id)));
        std::string reference = ref.text(0);
        Stmt old(*db_, "SELECT value, reason FROM consolidation WHERE dossier_id=? AND criterion=?");
        old.bind(1, dossier_id).bind(2, d.criterion);
        std::string before = old.step() ? entry::pair_text(old.text(0), old.text(1)) : "";
        Stmt put(*db_, "INSERT INTO consolidation(dossier_id, criterion, value, reason, author, decided_at) VALUES (?,?,?,?,?,?) "
                       "ON CONFLICT(dossier_id, criterion) DO UPDATE SET value=excluded.value, reason=excluded.reason, "
                       "author=excluded.author, decided_at=excluded.decided_at");
        put.bind(1, dossier_id).bind(2, d.criterion).bind(3, d.value.canonical()).bind(4, d.reason).bind(5, d.author)
            .bind(6, utc_now_iso()).run();
        j.add(actor, entry::consolidation(reference, d, before));
    });
}

void SqliteStore::put_decision(std::int64_t dossier_id, const Decision& d, const std::string& actor) {
    mutate(Lock::Check, [&](JournalWriter& j) {
        Stmt ref(*db_, "SELECT reference FROM dossier WHERE id=?");
        ref.bind(1, dossier_id);
        if (!ref.step()) throw InputError(unknown_dossier("n°" + std::to_string(dossier_id)));
        std::string reference = ref.text(0);
        Stmt old(*db_, "SELECT kind, motive, places FROM decision WHERE dossier_id=?");
        old.bind(1, dossier_id);
        std::string before = old.step() ? entry::decision_text(old.text(0), old.text(1), old.text(2)) : "";
        std::string places = d.places ? d.places->canonical() : "";
        Stmt put(*db_, "INSERT INTO decision(dossier_id, kind, motive, decided_on, places, committee_opinion, "
                       "departure_reason, author, recorded_at) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(dossier_id) DO UPDATE SET "
                       "kind=excluded.kind, motive=excluded.motive, decided_on=excluded.decided_on, places=excluded.places, "
                       "committee_opinion=excluded.committee_opinion, departure_reason=excluded.departure_reason, "
                       "author=excluded.author, recorded_at=excluded.recorded_at");
        put.bind(1, dossier_id).bind(2, enum_code(d.kind)).bind(3, d.motive).bind(4, d.date.iso()).bind(5, places)
            .bind(6, d.committee_opinion ? enum_code(*d.committee_opinion) : "").bind(7, d.departure_reason)
            .bind(8, d.author).bind(9, utc_now_iso()).run();
        j.add(actor, entry::decision(reference, d, before));
    });
}

void SqliteStore::put_prior_rejection(std::int64_t dossier_id, const std::optional<PriorRejection>& r, const std::string& actor) {
    mutate(Lock::Check, [&](JournalWriter& j) {
        std::string reference = reference_of(dossier_id);
        Stmt old(*db_, "SELECT ground, motive FROM prior_rejection WHERE dossier_id=?");
        old.bind(1, dossier_id);
        std::string before = old.step() ? entry::pair_text(old.text(0), old.text(1)) : "";
        if (r) {
            Stmt put(*db_,
                     "INSERT INTO prior_rejection(dossier_id, ground, motive, decided_on, author) VALUES (?,?,?,?,?) "
                     "ON CONFLICT(dossier_id) DO UPDATE SET ground=excluded.ground, motive=excluded.motive, "
                     "decided_on=excluded.decided_on, author=excluded.author");
            put.bind(1, dossier_id)
                .bind(2, ground_code(r->ground))
                .bind(3, r->motive)
                .bind(4, r->date.iso())
                .bind(5, r->author)
                .run();
        } else {
            Stmt del(*db_, "DELETE FROM prior_rejection WHERE dossier_id=?");
            del.bind(1, dossier_id).run();
        }
        j.add(actor, entry::prior_rejection(reference, r, before));
    });
}

void SqliteStore::assign(std::int64_t dossier_id, const std::string& reviewer, bool add, const std::string& actor) {
    mutate(Lock::Check, [&](JournalWriter& j) {
        std::string reference = reference_of(dossier_id);
        Stmt st(*db_, add ? "INSERT INTO assignment(dossier_id, reviewer) VALUES (?,?) ON CONFLICT(dossier_id, reviewer) "
                            "DO NOTHING"
                          : "DELETE FROM assignment WHERE dossier_id=? AND reviewer=?");
        st.bind(1, dossier_id).bind(2, reviewer).run();
        j.add(actor, entry::assignment(reference, reviewer, add));
    });
}

void SqliteStore::submit(std::int64_t dossier_id, const std::string& reviewer, const std::string& actor) {
    mutate(Lock::Check, [&](JournalWriter& j) {
        std::string reference = reference_of(dossier_id);
        Stmt put(*db_, "INSERT INTO submission(dossier_id, reviewer, submitted_at) VALUES (?,?,?) "
                       "ON CONFLICT(dossier_id, reviewer) DO NOTHING");
        put.bind(1, dossier_id).bind(2, reviewer).bind(3, utc_now_iso()).run();
        j.add(actor, entry::submission(reference, reviewer));
    });
}

void SqliteStore::put_opinion(std::int64_t dossier_id, const MemberOpinion& op, const std::string& actor) {
    mutate(Lock::Check, [&](JournalWriter& j) {
        std::string reference = reference_of(dossier_id);
        Stmt old(*db_, "SELECT opinion, comment FROM member_opinion WHERE dossier_id=? AND member=?");
        old.bind(1, dossier_id).bind(2, op.member);
        std::string before = old.step() ? entry::pair_text(old.text(0), old.text(1)) : "";
        Stmt put(*db_, "INSERT INTO member_opinion(dossier_id, member, opinion, comment) VALUES (?,?,?,?) "
                       "ON CONFLICT(dossier_id, member) DO UPDATE SET opinion=excluded.opinion, comment=excluded.comment");
        put.bind(1, dossier_id).bind(2, op.member).bind(3, enum_code(op.opinion)).bind(4, op.comment).run();
        j.add(actor, entry::opinion(reference, op, before));
    });
}

}  // namespace cotation::sqlite
