// Changes to the campaign as a whole: creation, closing, parameters, authority, procedure, grid, team, procedure steps, the
// committee's meeting.
#include <sqlite3.h>

#include <map>
#include <set>
#include <unordered_map>

#include "core/enums.h"
#include "core/error.h"
#include "core/read_rules.h"
#include "journal.h"
#include "snapshot_rows.h"
#include "sqlite_store.h"

namespace cotation::sqlite {

void SqliteStore::init(const Campaign& campaign, const PinnedGrid& grid, const std::string& actor) {
    mutate(Lock::None, [&](JournalWriter& j) {
        const Authority& a = campaign.authority;
        Stmt s(*db_, "INSERT INTO campaign(id, reference, title, authority, signatory, city, grid_id, grid_version, "
                     "grid_name, grid_xml, created_at, form_name, form_xml, procedure_name, procedure_xml, authority_kind, "
                     "authority_address, signatory_title, tribunal, tribunal_address, logo, territory_rules_name, "
                     "territory_rules) "
                     "VALUES (1,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        s.bind(1, campaign.reference).bind(2, campaign.title).bind(3, a.name).bind(4, a.signatory)
            .bind(5, a.city).bind(6, grid.id).bind(7, grid.version).bind(8, grid.name).bind(9, grid.xml)
            .bind(10, utc_now_iso()).bind(11, grid.form_name).bind(12, grid.form_xml).bind(13, grid.procedure_name)
            .bind(14, grid.procedure_xml).bind(15, std::string(authority_kind_code(a.kind))).bind(16, join_lines(a.address))
            .bind(17, a.signatory_title).bind(18, a.tribunal).bind(19, a.tribunal_address).bind(20, a.logo)
            .bind(21, grid.territory_rules_name).bind(22, grid.territory_rules);
        s.run();
        j.add(actor, entry::creation(campaign, grid));
        for (const auto& [field, value] : authority_fields(a))
            if (!value.empty()) j.add(actor, entry::authority(field, "", value));
        Stmt p(*db_, "INSERT INTO campaign_parameter(name, value) VALUES (?,?)");
        for (const auto& [k, v] : campaign.parameters) {
            p.bind(1, k).bind(2, to_canonical(v)).run();
            j.add(actor, entry::parameter(k, "", to_canonical(v)));
        }
    });
}

void SqliteStore::close(const std::string& reason, const std::string& actor) {
    mutate(Lock::None, [&](JournalWriter& j) {
        if (!closed_since().empty())
            throw InputError("La campagne est déjà close depuis le " + french_timestamp(closed_since()) + ".");
        std::string now = utc_now_iso();
        Stmt c(*db_, "UPDATE campaign SET closed_at=?");
        c.bind(1, now).run();
        j.add(actor, entry::closing(reason));
    });
}

void SqliteStore::reopen(const std::string& reason, const std::string& actor) {
    sqlite::Unlock unlock(*db_);
    mutate(Lock::None, [&](JournalWriter& j) {
        if (closed_since().empty()) throw InputError("La campagne n'est pas close.");
        Stmt c(*db_, "UPDATE campaign SET closed_at=''");
        c.run();
        j.add(actor, entry::reopening(reason));
    });
}

void SqliteStore::set_parameter(const std::string& name, const std::string& value, const std::string& actor) {
    mutate(Lock::Check, [&](JournalWriter& j) {
        // The old value as it stands inside the write transaction, never as
        // read at opening: two programs setting it at once record a chain.
        Stmt old(*db_, "SELECT value FROM campaign_parameter WHERE name = ?");
        old.bind(1, name);
        std::string before = old.step() ? old.text(0) : "";
        if (value.empty()) {
            Stmt s(*db_, "DELETE FROM campaign_parameter WHERE name = ?");
            s.bind(1, name).run();
        } else {
            Stmt s(*db_, "INSERT INTO campaign_parameter(name, value) VALUES (?,?) ON CONFLICT(name) DO UPDATE SET "
                         "value=excluded.value");
            s.bind(1, name).bind(2, value).run();
        }
        j.add(actor, entry::parameter(name, before, value));
    });
}

void SqliteStore::set_authority(const Authority& after, const std::string& actor) {
    mutate(Lock::Check, [&](JournalWriter& j) {
        Authority before = load_authority();
        auto old_fields = authority_fields(before);
        auto new_fields = authority_fields(after);
        for (std::size_t i = 0; i < new_fields.size(); ++i) {
            if (old_fields[i].second == new_fields[i].second) continue;
            std::string sql = std::string("UPDATE campaign SET ") + authority_column(new_fields[i].first) + " = ?";
            Stmt up(*db_, sql.c_str());
            up.bind(1, new_fields[i].second).run();
            j.add(actor, entry::authority(new_fields[i].first, old_fields[i].second, new_fields[i].second));
        }
    });
}

void SqliteStore::pin_procedure(const std::string& name, const std::string& xml, const std::string& reason,
                   const std::string& actor) {
    // An old closed campaign gets its procedure pinned at the first opening.
    sqlite::Unlock unlock(*db_);
    mutate(Lock::None, [&](JournalWriter& j) {
        Stmt cur(*db_, "SELECT procedure_name FROM campaign");
        if (!cur.step()) throw InputError("« " + db_->path() + " » n'est pas une campagne Cotation.");
        std::string before = cur.text(0);
        Stmt up(*db_, "UPDATE campaign SET procedure_name = ?, procedure_xml = ?");
        up.bind(1, name).bind(2, xml).run();
        j.add(actor, entry::procedure(name, reason, before));
    });
}

void SqliteStore::pin_territory_rules(const std::string& name, const std::string& text, const std::string& reason,
                                      const std::string& actor) {
    // An old closed campaign gets its rules pinned at the first opening, as its procedure.
    sqlite::Unlock unlock(*db_);
    mutate(Lock::None, [&](JournalWriter& j) {
        Stmt cur(*db_, "SELECT territory_rules_name FROM campaign");
        if (!cur.step()) throw InputError("« " + db_->path() + " » n'est pas une campagne Cotation.");
        std::string before = cur.text(0);
        Stmt up(*db_, "UPDATE campaign SET territory_rules_name = ?, territory_rules = ?");
        up.bind(1, name).bind(2, text).run();
        j.add(actor, entry::territory_rules(name, reason, before));
    });
}

void SqliteStore::change_grid(const PinnedGrid& grid, const std::map<std::string, std::string>& new_parameters,
                 const std::string& reason, const std::string& actor) {
    mutate(Lock::Check, [&](JournalWriter& j) {
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
        j.add(actor, entry::grid_change(old_id, old_version, grid, reason));
        Stmt p(*db_, "INSERT INTO campaign_parameter(name, value) VALUES (?,?)");
        for (const auto& [k, v] : new_parameters) {
            p.bind(1, k).bind(2, v).run();
            j.add(actor, entry::parameter(k, "", v));
        }
    });
}

void SqliteStore::put_person(const Person& p, const std::string& actor) {
    mutate(Lock::Check, [&](JournalWriter& j) {
        Stmt old(*db_, "SELECT role, organisation, account, deliberative FROM person WHERE name=?");
        old.bind(1, p.name);
        std::string before = old.step() ? entry::person_text(old.text(0), old.integer(3) != 0, old.text(1), old.text(2)) : "";
        Stmt put(*db_, "INSERT INTO person(name, role, organisation, deliberative, account) VALUES (?,?,?,?,?) "
                       "ON CONFLICT(name) DO UPDATE SET role=excluded.role, organisation=excluded.organisation, "
                       "deliberative=excluded.deliberative, account=excluded.account");
        put.bind(1, p.name).bind(2, role_code(p.role)).bind(3, p.organisation).bind(4, std::int64_t{p.deliberative ? 1 : 0})
            .bind(5, p.account).run();
        j.add(actor, entry::person(p, before));
    });
}

void SqliteStore::declare_conflict(const ConflictDeclaration& c, const std::string& actor) {
    mutate(Lock::Check, [&](JournalWriter& j) {
        // The organisation's key with it (read_rules.h): what a server's rights compare (issue 15 N1).
        Stmt put(*db_, "INSERT INTO conflict(reviewer, organisme, declaration, declared_on, declared_by, identifiers, "
                       "organisation_key) VALUES (?,?,?,?,?,?,?) ON CONFLICT(reviewer, organisme) DO UPDATE SET "
                       "declaration=excluded.declaration, declared_on=excluded.declared_on, "
                       "declared_by=excluded.declared_by, identifiers=excluded.identifiers");
        put.bind(1, c.reviewer).bind(2, c.organisme).bind(3, c.declaration).bind(4, c.declared_on.iso()).bind(5, c.declared_by)
            .bind(6, c.identifiers).bind(7, organisation_key(c.organisme)).run();
        // A declared link ends the reviewer's assignments to every dossier it
        // covers as the core decides (declaration_covers: the name, its key,
        // the SIREN or FINESS), in this entry (trial 12b N1: on a server, the
        // instructor's separate « affectation » entries were refused).
        std::vector<std::int64_t> ended;
        {
            Stmt mine(*db_, "SELECT d.id, d.organisme, d.siret, d.finess FROM assignment a JOIN dossier d ON d.id = a.dossier_id "
                            "WHERE a.reviewer=?");
            mine.bind(1, c.reviewer);
            while (mine.step())
                if (declaration_covers(c, Organisation(mine.text(1), mine.text(2), mine.text(3))))
                    ended.push_back(mine.integer(0));
        }
        Stmt drop(*db_, "DELETE FROM assignment WHERE reviewer=? AND dossier_id=?");
        for (const std::int64_t id : ended) drop.bind(1, c.reviewer).bind(2, id).run();
        j.add(actor, entry::conflict(c));
    });
}

void SqliteStore::record_step(const std::string& step, const Date& done_on, const std::string& actor) {
    mutate(Lock::Check, [&](JournalWriter& j) {
        Stmt old(*db_, "SELECT done_on FROM procedure_step WHERE step=?");
        old.bind(1, step);
        std::string before = old.step() ? old.text(0) : "";
        Stmt put(*db_, "INSERT INTO procedure_step(step, done_on, author) VALUES (?,?,?) ON CONFLICT(step) DO UPDATE SET "
                       "done_on=excluded.done_on, author=excluded.author");
        put.bind(1, step).bind(2, done_on.iso()).bind(3, actor).run();
        j.add(actor, entry::step(step, before, done_on));
    });
}

void SqliteStore::put_meeting(const Meeting& m, const std::string& actor) {
    mutate(Lock::Check, [&](JournalWriter& j) {
        CampaignSnapshot before;
        load_procedure(before);
        for (const char* table : {"meeting", "meeting_attendance", "meeting_vote", "meeting_observation", "meeting_ranking"})
            db_->exec(std::string("DELETE FROM ") + table);
        Stmt head(*db_, "INSERT INTO meeting(id, held_on, president, president_civility, voted_rules, voted_allocation, "
                        "voted_vigilance) VALUES (1,?,?,?,?,?,?)");
        head.bind(1, m.date.iso()).bind(2, m.president).bind(3, rows::civility_code(m)).bind(4, rows::rules_text(m))
            .bind(5, rows::allocation_text(m)).bind(6, rows::vigilance_text(m)).run();
        Stmt a(*db_, "INSERT INTO meeting_attendance(member, presence, proxy) VALUES (?,?,?)");
        for (const auto& [name, x] : m.attendance) {
            a.bind(1, name).bind(2, enum_code(x.presence))
                .bind(3, x.proxy).run();
            a.reset();
        }
        Stmt v(*db_, "INSERT INTO meeting_vote(member, vote) VALUES (?,?)");
        for (const auto& [name, x] : m.votes) {
            v.bind(1, name).bind(2, enum_code(x)).run();
            v.reset();
        }
        Stmt o(*db_, "INSERT INTO meeting_observation(member, text) VALUES (?,?)");
        for (const auto& [name, text] : m.observations) {
            o.bind(1, name).bind(2, text).run();
            o.reset();
        }
        Stmt vr(*db_, "INSERT INTO meeting_ranking(position, reference, rank, total, opinion, places, reason) "
                      "VALUES (?,?,?,?,?,?,?)");
        for (std::size_t i = 0; i < m.voted.size(); ++i) {
            const VotedEntry& e = m.voted[i];
            std::string opinion = e.opinion ? enum_code(*e.opinion) : "";
            vr.bind(1, static_cast<std::int64_t>(i))
                .bind(2, e.reference)
                .bind(3, static_cast<std::int64_t>(e.rank))
                .bind(4, e.total)
                .bind(5, opinion)
                .bind(6, e.places)
                .bind(7, e.reason)
                .run();
        }
        j.add(actor, entry::meeting(before.meeting, m));
    });
}

}  // namespace cotation::sqlite
