// The PostgreSQL store's changes, mutation by mutation as SqliteStore writes
// them: the same journal entries (actions, entities, old and new values) and
// the same refusals. Each is one transaction, a savepoint inside a caller's.
#include <set>
#include <unordered_map>

#include "core/enums.h"
#include "core/read_rules.h"
#include "pg_store_impl.h"
#include "snapshot_rows.h"

namespace cotation::pg {

using rows::authority_column;
using rows::authority_fields;
using rows::facts_text;
using rows::meeting_text;

namespace {

// Whether the connected role deletes from TABLE itself: the coordinator and
// the owner. A member deletes through the owner's functions (pg_roles.cpp,
// cotation_remove_*): DELETE on a table would let them LOCK it against the
// whole team (trial 15f F2). A campaign whose rights were never applied has
// no such functions, and only its owner.
bool deletes_directly(PgConn& c, const char* table) {
    return c.exec("SELECT has_table_privilege($1, 'DELETE')", {std::string(table)}).boolean(0, 0);
}

}  // namespace

std::vector<std::int64_t> PgStore::add_dossiers(const std::vector<Dossier>& dossiers, const std::string& actor) {
    return mutate(Lock::Check, [&](PgJournalWriter& j) {
        std::vector<std::int64_t> ids;
        for (const auto& d : dossiers) {
            if (c_->exec("SELECT 1 FROM dossier WHERE reference = $1", {d.reference}).rows())
                throw InputError("Le dossier « " + d.reference + " » existe déjà dans la campagne ; rien n'a été enregistré.");
            // With the organisation's key (read_rules.h), which the rights of declared links compare (issue 15 N1).
            auto r = c_->exec("INSERT INTO dossier(id, reference, organisme, siret, finess, commune, organisation_key) "
                              "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM dossier),$1,$2,$3,$4,$5,$6) RETURNING id",
                              {d.reference, d.organisme, d.siret, d.finess, d.commune, organisation_key(d.organisme)});
            std::int64_t id = r.integer(0, 0);
            ids.push_back(id);
            for (const auto& [k, v] : d.facts)
                c_->exec("INSERT INTO dossier_fact(dossier_id, fact, value) VALUES ($1,$2,$3)",
                         {std::to_string(id), k, to_canonical(v)});
            for (const auto& x : d.documents)
                c_->exec("INSERT INTO dossier_document(dossier_id, document) VALUES ($1,$2)", {std::to_string(id), x});
            j.add(actor, entry::dossier_added(d));
        }
        return ids;
    });
}

void PgStore::update_dossier(const Dossier& before, const Dossier& after, const std::string& actor) {
    mutate(Lock::Check, [&](PgJournalWriter& j) {
        std::string id = std::to_string(after.id);
        if (before.reference != after.reference || before.organisme != after.organisme || before.siret != after.siret ||
            before.finess != after.finess || before.commune != after.commune) {
            c_->exec("UPDATE dossier SET reference=$1, organisme=$2, siret=$3, finess=$4, commune=$5, organisation_key=$6 "
                     "WHERE id=$7",
                     {after.reference, after.organisme, after.siret, after.finess, after.commune,
                      organisation_key(after.organisme), id});
            j.add(actor, entry::dossier_identity(before, after));
        }
        for (const auto& [k, b, a] : rows::fact_changes(before, after)) {
            if (a.empty())
                c_->exec(deletes_directly(*c_, "dossier_fact") ? "DELETE FROM dossier_fact WHERE dossier_id=$1 AND fact=$2"
                                                               : "SELECT cotation_remove_fact($1, $2)",
                         {id, k});
            else
                c_->exec("INSERT INTO dossier_fact(dossier_id, fact, value) VALUES ($1,$2,$3) "
                         "ON CONFLICT (dossier_id, fact) DO UPDATE SET value = EXCLUDED.value",
                         {id, k, a});
            j.add(actor, entry::dossier_fact(before.reference, k, b, a));
        }
        for (const auto& x : after.documents)
            if (!before.documents.count(x)) {
                c_->exec("INSERT INTO dossier_document(dossier_id, document) VALUES ($1,$2)", {id, x});
                j.add(actor, entry::dossier_piece(before.reference, x, true));
            }
        for (const auto& x : before.documents)
            if (!after.documents.count(x)) {
                c_->exec(deletes_directly(*c_, "dossier_document")
                             ? "DELETE FROM dossier_document WHERE dossier_id=$1 AND document=$2"
                             : "SELECT cotation_remove_document($1, $2)",
                         {id, x});
                j.add(actor, entry::dossier_piece(before.reference, x, false));
            }
    });
}

void PgStore::put_ratings(const std::vector<Rating>& ratings, const std::string& actor) {
    mutate(Lock::Check, [&](PgJournalWriter& j) {
        std::map<std::string, std::string> rev_ids;
        std::unordered_map<std::int64_t, std::string> refs;
        for (const auto& r : ratings) {
            auto it = rev_ids.find(r.reviewer);
            if (it == rev_ids.end()) {
                auto f = c_->exec("SELECT id FROM reviewer WHERE name=$1", {r.reviewer});
                std::string id =
                    f.rows()
                        ? f.text(0, 0)
                        : c_->exec(
                                "INSERT INTO reviewer(id, name) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM reviewer), $1) "
                                "RETURNING id",
                                {r.reviewer})
                              .text(0, 0);
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
            std::string before = old.rows() ? entry::pair_text(old.text(0, 0), old.text(0, 1)) : "";
            const entry::Text e = entry::rating(reference, r, before);
            if (before == e.new_value) continue;
            c_->exec(
                "INSERT INTO rating(dossier_id, reviewer_id, criterion, value, justification, updated_at) "
                "VALUES ($1,$2,$3,$4,$5,date_trunc('second', transaction_timestamp())) ON CONFLICT (dossier_id, reviewer_id, "
                "criterion) "
                "DO UPDATE SET value = EXCLUDED.value, justification = EXCLUDED.justification, updated_at = EXCLUDED.updated_at",
                {dossier, it->second, r.criterion, std::to_string(r.value), r.justification});
            j.add(actor, e);
        }
    });
}

void PgStore::put_consolidation(std::int64_t dossier_id, const ConsolidationDecision& d, const std::string& actor) {
    mutate(Lock::Check, [&](PgJournalWriter& j) {
        std::string reference = reference_of(dossier_id), id = std::to_string(dossier_id);
        auto old = c_->exec("SELECT value, reason FROM consolidation WHERE dossier_id=$1 AND criterion=$2", {id, d.criterion});
        std::string before = old.rows() ? entry::pair_text(old.text(0, 0), old.text(0, 1)) : "";
        c_->exec(
            "INSERT INTO consolidation(dossier_id, criterion, value, reason, author, decided_at) "
            "VALUES ($1,$2,$3,$4,$5,date_trunc('second', transaction_timestamp())) ON CONFLICT (dossier_id, criterion) DO UPDATE "
            "SET "
            "value = EXCLUDED.value, reason = EXCLUDED.reason, author = EXCLUDED.author, decided_at = EXCLUDED.decided_at",
            {id, d.criterion, d.value.canonical(), d.reason, d.author});
        j.add(actor, entry::consolidation(reference, d, before));
    });
}

void PgStore::put_person(const Person& p, const std::string& actor) {
    mutate(Lock::Check, [&](PgJournalWriter& j) {
        auto old = c_->exec("SELECT role, organisation, account, deliberative FROM person WHERE name=$1", {p.name});
        std::string before =
            old.rows() ? entry::person_text(old.text(0, 0), old.boolean(0, 3), old.text(0, 1), old.text(0, 2)) : "";
        c_->exec("INSERT INTO person(name, role, organisation, deliberative, account) VALUES ($1,$2,$3,$4,$5) ON CONFLICT (name) "
                 "DO UPDATE SET role = EXCLUDED.role, organisation = EXCLUDED.organisation, "
                 "deliberative = EXCLUDED.deliberative, account = EXCLUDED.account",
                 {p.name, std::string(role_code(p.role)), p.organisation, std::string(p.deliberative ? "true" : "false"),
                  p.account});
        j.add(actor, entry::person(p, before));
    });
}

void PgStore::assign(std::int64_t dossier_id, const std::string& reviewer, bool add, const std::string& actor) {
    mutate(Lock::Check, [&](PgJournalWriter& j) {
        std::string reference = reference_of(dossier_id);
        c_->exec(add ? "INSERT INTO assignment(dossier_id, reviewer) VALUES ($1,$2) ON CONFLICT DO NOTHING"
                 : deletes_directly(*c_, "assignment") ? "DELETE FROM assignment WHERE dossier_id=$1 AND reviewer=$2"
                                                       : "SELECT cotation_remove_assignment($1, $2)",
                 {std::to_string(dossier_id), reviewer});
        j.add(actor, entry::assignment(reference, reviewer, add));
    });
}

void PgStore::declare_conflict(const ConflictDeclaration& c, const std::string& actor) {
    mutate(Lock::Check, [&](PgJournalWriter& j) {
        c_->exec(
            "INSERT INTO conflict(reviewer, organisme, declaration, declared_on, declared_by, identifiers, organisation_key) "
            "VALUES ($1,$2,$3,$4,$5,$6,$7) "
            "ON CONFLICT (reviewer, organisme) DO UPDATE SET declaration = EXCLUDED.declaration, "
            "declared_on = EXCLUDED.declared_on, declared_by = EXCLUDED.declared_by, identifiers = EXCLUDED.identifiers",
            {c.reviewer, c.organisme, c.declaration, date_param(c.declared_on), c.declared_by, c.identifiers,
             organisation_key(c.organisme)});
        // A declared link ends the reviewer's assignments to every dossier it
        // covers as the core decides (declaration_covers), in this entry: an
        // instructor's separate « affectation » entries are refused by the
        // server's journal rights (trial 12b N1); the link, written above,
        // lets cotation_remove_assignment end them.
        auto mine = c_->exec(
            "SELECT d.id, d.organisme, d.siret, d.finess FROM assignment a JOIN dossier d ON d.id = a.dossier_id "
            "WHERE a.reviewer=$1",
            {c.reviewer});
        const bool direct = deletes_directly(*c_, "assignment");
        for (int i = 0; i < mine.rows(); ++i)
            if (declaration_covers(c, Organisation(mine.text(i, 1), mine.text(i, 2), mine.text(i, 3))))
                c_->exec(direct ? "DELETE FROM assignment WHERE reviewer=$1 AND dossier_id=$2"
                                : "SELECT cotation_remove_assignment($2, $1)",
                         {c.reviewer, std::to_string(mine.integer(i, 0))});
        j.add(actor, entry::conflict(c));
    });
}

void PgStore::submit(std::int64_t dossier_id, const std::string& reviewer, const std::string& actor) {
    mutate(Lock::Check, [&](PgJournalWriter& j) {
        std::string reference = reference_of(dossier_id);
        c_->exec(
            "INSERT INTO submission(dossier_id, reviewer, submitted_at) VALUES ($1,$2,date_trunc('second', "
            "transaction_timestamp())) "
            "ON CONFLICT DO NOTHING",
            {std::to_string(dossier_id), reviewer});
        j.add(actor, entry::submission(reference, reviewer));
    });
}

void PgStore::put_decision(std::int64_t dossier_id, const Decision& d, const std::string& actor) {
    mutate(Lock::Check, [&](PgJournalWriter& j) {
        std::string reference = reference_of(dossier_id), id = std::to_string(dossier_id);
        auto old = c_->exec("SELECT kind, motive, places FROM decision WHERE dossier_id=$1", {id});
        std::string before = old.rows() ? entry::decision_text(old.text(0, 0), old.text(0, 1), old.text(0, 2)) : "";
        std::string places = d.places ? d.places->canonical() : "";
        c_->exec(
            "INSERT INTO decision(dossier_id, kind, motive, decided_on, places, committee_opinion, departure_reason, "
            "author, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,date_trunc('second', transaction_timestamp())) ON CONFLICT "
            "(dossier_id) "
            "DO UPDATE SET kind = EXCLUDED.kind, motive = EXCLUDED.motive, decided_on = EXCLUDED.decided_on, "
            "places = EXCLUDED.places, committee_opinion = EXCLUDED.committee_opinion, "
            "departure_reason = EXCLUDED.departure_reason, author = EXCLUDED.author, recorded_at = EXCLUDED.recorded_at",
            {id, std::string(enum_code(d.kind)), d.motive, date_param(d.date), places,
             std::string(d.committee_opinion ? enum_code(*d.committee_opinion) : ""), d.departure_reason, d.author});
        j.add(actor, entry::decision(reference, d, before));
    });
}

void PgStore::put_prior_rejection(std::int64_t dossier_id, const std::optional<PriorRejection>& r, const std::string& actor) {
    mutate(Lock::Check, [&](PgJournalWriter& j) {
        std::string reference = reference_of(dossier_id), id = std::to_string(dossier_id);
        auto old = c_->exec("SELECT ground, motive FROM prior_rejection WHERE dossier_id=$1", {id});
        std::string before = old.rows() ? entry::pair_text(old.text(0, 0), old.text(0, 1)) : "";
        if (r)
            c_->exec("INSERT INTO prior_rejection(dossier_id, ground, motive, decided_on, author) VALUES ($1,$2,$3,$4,$5) "
                     "ON CONFLICT (dossier_id) DO UPDATE SET ground = EXCLUDED.ground, motive = EXCLUDED.motive, "
                     "decided_on = EXCLUDED.decided_on, author = EXCLUDED.author",
                     {id, std::string(ground_code(r->ground)), r->motive, date_param(r->date), r->author});
        else
            c_->exec("DELETE FROM prior_rejection WHERE dossier_id=$1", {id});
        j.add(actor, entry::prior_rejection(reference, r, before));
    });
}

void PgStore::record_step(const std::string& step, const Date& done_on, const std::string& actor) {
    mutate(Lock::Check, [&](PgJournalWriter& j) {
        auto old = c_->exec("SELECT done_on FROM procedure_step WHERE step=$1", {step});
        std::string before = old.rows() ? old.text(0, 0) : "";
        c_->exec("INSERT INTO procedure_step(step, done_on, author) VALUES ($1,$2,$3) ON CONFLICT (step) DO UPDATE SET "
                 "done_on = EXCLUDED.done_on, author = EXCLUDED.author",
                 {step, date_param(done_on), actor});
        j.add(actor, entry::step(step, before, done_on));
    });
}

void PgStore::put_meeting(const Meeting& m, const std::string& actor) {
    mutate(Lock::Check, [&](PgJournalWriter& j) {
        CampaignSnapshot before;
        load_procedure(before);
        for (const char* table : {"meeting", "meeting_attendance", "meeting_vote", "meeting_observation", "meeting_ranking"})
            c_->exec(std::string("DELETE FROM ") + table);
        c_->exec(
            "INSERT INTO meeting(id, held_on, president, president_civility, voted_rules, voted_allocation, voted_vigilance) "
            "VALUES (1,$1,$2,$3,$4,$5,$6)",
            {date_param(m.date), m.president, rows::civility_code(m), rows::rules_text(m), rows::allocation_text(m),
             rows::vigilance_text(m)});
        for (const auto& [name, x] : m.attendance)
            c_->exec("INSERT INTO meeting_attendance(member, presence, proxy) VALUES ($1,$2,$3)",
                     {name, std::string(enum_code(x.presence)), x.proxy});
        for (const auto& [name, x] : m.votes)
            c_->exec("INSERT INTO meeting_vote(member, vote) VALUES ($1,$2)", {name, std::string(enum_code(x))});
        for (const auto& [name, text] : m.observations)
            c_->exec("INSERT INTO meeting_observation(member, text) VALUES ($1,$2)", {name, text});
        for (std::size_t i = 0; i < m.voted.size(); ++i) {
            const VotedEntry& e = m.voted[i];
            c_->exec("INSERT INTO meeting_ranking(position, reference, rank, total, opinion, places, reason) "
                     "VALUES ($1,$2,$3,$4,$5,$6,$7)",
                     {std::to_string(i), e.reference, std::to_string(e.rank), e.total,
                      std::string(e.opinion ? enum_code(*e.opinion) : ""), e.places, e.reason});
        }
        j.add(actor, entry::meeting(before.meeting, m));
    });
}

void PgStore::put_opinion(std::int64_t dossier_id, const MemberOpinion& op, const std::string& actor) {
    mutate(Lock::Check, [&](PgJournalWriter& j) {
        std::string reference = reference_of(dossier_id), id = std::to_string(dossier_id);
        auto old = c_->exec("SELECT opinion, comment FROM member_opinion WHERE dossier_id=$1 AND member=$2", {id, op.member});
        std::string before = old.rows() ? entry::pair_text(old.text(0, 0), old.text(0, 1)) : "";
        c_->exec("INSERT INTO member_opinion(dossier_id, member, opinion, comment) VALUES ($1,$2,$3,$4) "
                 "ON CONFLICT (dossier_id, member) DO UPDATE SET opinion = EXCLUDED.opinion, comment = EXCLUDED.comment",
                 {id, op.member, std::string(enum_code(op.opinion)), op.comment});
        j.add(actor, entry::opinion(reference, op, before));
    });
}

void PgStore::set_parameter(const std::string& name, const std::string& value, const std::string& actor) {
    mutate(Lock::Check, [&](PgJournalWriter& j) {
        auto old = c_->exec("SELECT value FROM campaign_parameter WHERE name=$1", {name});
        std::string before = old.rows() ? old.text(0, 0) : "";
        if (value.empty())
            c_->exec("DELETE FROM campaign_parameter WHERE name=$1", {name});
        else
            c_->exec(
                "INSERT INTO campaign_parameter(name, value) VALUES ($1,$2) ON CONFLICT (name) DO UPDATE SET value = "
                "EXCLUDED.value",
                {name, value});
        j.add(actor, entry::parameter(name, before, value));
    });
}

void PgStore::set_authority(const Authority& after, const std::string& actor) {
    mutate(Lock::Check, [&](PgJournalWriter& j) {
        auto old_fields = authority_fields(load_authority());
        auto new_fields = authority_fields(after);
        for (std::size_t i = 0; i < new_fields.size(); ++i) {
            if (old_fields[i].second == new_fields[i].second) continue;
            c_->exec(std::string("UPDATE campaign SET ") + authority_column(new_fields[i].first) + " = $1",
                     {new_fields[i].second});
            j.add(actor, entry::authority(new_fields[i].first, old_fields[i].second, new_fields[i].second));
        }
    });
}

void PgStore::pin_procedure(const std::string& name, const std::string& xml, const std::string& reason,
                            const std::string& actor) {
    mutate(Lock::None, [&](PgJournalWriter& j) {
        auto cur = c_->exec("SELECT procedure_name FROM campaign");
        if (!cur.rows()) throw InputError("« " + c_->shown() + " » n'est pas une campagne Cotation.");
        std::string before = cur.text(0, 0);
        c_->exec("UPDATE campaign SET procedure_name = $1, procedure_xml = $2", {name, xml});
        j.add(actor, entry::procedure(name, reason, before));
    });
}

void PgStore::pin_territory_rules(const std::string& name, const std::string& text, const std::string& reason,
                                  const std::string& actor) {
    mutate(Lock::None, [&](PgJournalWriter& j) {
        auto cur = c_->exec("SELECT territory_rules_name FROM campaign");
        if (!cur.rows()) throw InputError("« " + c_->shown() + " » n'est pas une campagne Cotation.");
        std::string before = cur.text(0, 0);
        c_->exec("UPDATE campaign SET territory_rules_name = $1, territory_rules = $2", {name, text});
        j.add(actor, entry::territory_rules(name, reason, before));
    });
}

void PgStore::change_grid(const PinnedGrid& grid, const std::map<std::string, std::string>& new_parameters,
                          const std::string& reason, const std::string& actor) {
    mutate(Lock::Check, [&](PgJournalWriter& j) {
        auto cur = c_->exec("SELECT grid_id, grid_version FROM campaign");
        if (!cur.rows()) throw InputError("« " + c_->shown() + " » n'est pas une campagne Cotation.");
        std::string old_id = cur.text(0, 0), old_version = cur.text(0, 1);
        c_->exec("INSERT INTO grid_history(grid_id, grid_version, grid_name, grid_xml, form_name, form_xml, replaced_at, "
                 "replaced_by, reason) SELECT grid_id, grid_version, grid_name, grid_xml, form_name, form_xml, "
                 "date_trunc('second', transaction_timestamp()), $1, $2 FROM campaign",
                 {actor, reason});
        c_->exec("UPDATE campaign SET grid_id=$1, grid_version=$2, grid_name=$3, grid_xml=$4, form_name=$5, form_xml=$6",
                 {grid.id, grid.version, grid.name, grid.xml, grid.form_name, grid.form_xml});
        j.add(actor, entry::grid_change(old_id, old_version, grid, reason));
        for (const auto& [k, v] : new_parameters) {
            c_->exec("INSERT INTO campaign_parameter(name, value) VALUES ($1,$2)", {k, v});
            j.add(actor, entry::parameter(k, "", v));
        }
    });
}

}  // namespace cotation::pg
