#pragma once
// The SQLite implementation of CampaignStore, split by job: sqlite_load.cpp
// reads, sqlite_journal.cpp writes and checks the journal,
// sqlite_dossiers.cpp and sqlite_campaign.cpp change the campaign, each
// change through mutate() (one write transaction, its journal entries, the
// lock of a closed campaign).
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "campaign_store.h"
#include "journal.h"
#include "journal_texts.h"
#include "snapshot_rows.h"
#include "sqlite_db.h"
#include "sqlite_ledger.h"
#include "write_check.h"

namespace cotation::sqlite {

// Appends entries to the hash chain, inside the caller's transaction.
class JournalWriter {
public:
    explicit JournalWriter(Db& db);
    // The rows changed since the previous entry belong to this one.
    void add(const std::string& actor, const std::string& action, const std::string& entity, const std::string& old_value,
             const std::string& new_value);
    void add(const std::string& actor, const entry::Text& e) { add(actor, e.action, e.entity, e.old_value, e.new_value); }
    // Before commit: rows changed after the last entry join it, and it is written.
    void finish();
    void attach(const std::string& rows);   // more rows for the last entry
    // The store's lost-update check (write_check.h); `campaign` names it in the refusal.
    WriteCheck* check = nullptr;
    std::string campaign;
    // The journal's rows as the store last read them: when set, each row a
    // change touched is first compared with what the journal gave it (trial
    // 15e F2; row_ledger::compare_before_write), as on the server.
    row_ledger::Seen* seen = nullptr;

private:
    void write(JournalEntry& e);
    std::string take_rows();   // changes_.take(), checked against `seen`

    Db& db_;
    Stmt insert_;
    ledger::Changes changes_;
    std::int64_t seq_ = 0, head_ = 0;   // head_: the last entry before this transaction's
    std::string prev_, at_;
    std::optional<JournalEntry> pending_;   // written by the next add() or finish()
};

class SqliteStore final : public CampaignStore {
public:
    explicit SqliteStore(std::unique_ptr<Db> db) : db_(std::move(db)) { seen_version_ = data_version(); }

    CampaignSnapshot load() override;
    std::vector<std::int64_t> add_dossiers(const std::vector<Dossier>& dossiers, const std::string& actor) override;
    void update_dossier(const Dossier& before, const Dossier& after, const std::string& actor) override;
    void put_ratings(const std::vector<Rating>& ratings, const std::string& actor) override;
    void put_consolidation(std::int64_t dossier_id, const ConsolidationDecision& decision, const std::string& actor) override;
    void put_person(const Person& person, const std::string& actor) override;
    void assign(std::int64_t dossier_id, const std::string& reviewer, bool add, const std::string& actor) override;
    void declare_conflict(const ConflictDeclaration& conflict, const std::string& actor) override;
    void submit(std::int64_t dossier_id, const std::string& reviewer, const std::string& actor) override;
    void put_decision(std::int64_t dossier_id, const Decision& decision, const std::string& actor) override;
    void put_prior_rejection(std::int64_t dossier_id, const std::optional<PriorRejection>& rejection,
                             const std::string& actor) override;
    void record_step(const std::string& step, const Date& done_on, const std::string& actor) override;
    void put_meeting(const Meeting& meeting, const std::string& actor) override;
    void put_opinion(std::int64_t dossier_id, const MemberOpinion& opinion, const std::string& actor) override;
    void set_parameter(const std::string& name, const std::string& canonical_value, const std::string& actor) override;
    void set_authority(const Authority& authority, const std::string& actor) override;
    void pin_procedure(const std::string& name, const std::string& xml, const std::string& reason,
                       const std::string& actor) override;
    void pin_territory_rules(const std::string& name, const std::string& text, const std::string& reason,
                             const std::string& actor) override;
    void change_grid(const PinnedGrid& grid, const std::map<std::string, std::string>& new_parameters,
                     const std::string& reason, const std::string& actor) override;
    std::vector<std::string> grid_versions() override;
    // Territory tables (schema 10): the statements live in sqlite_territory.cpp.
    TerritoryRecord load_territory() override;
    void put_offer(const Offer& offer, const std::string& why, const std::string& actor) override;
    void put_zones(const std::vector<coverage::Area>& zones, const std::string& origin, const std::string& why,
                   const std::string& actor) override;
    void put_allocation(const std::optional<allocation::Recorded>& recorded, const std::string& actor) override;
    std::string closed_since() override;
    void close(const std::string& reason, const std::string& actor) override;
    void reopen(const std::string& reason, const std::string& actor) override;
    std::vector<JournalEntry> journal(const std::string& entity_prefix) override;
    JournalCheck verify_journal(const std::optional<JournalHead>& extends) override;
    JournalHead journal_head() override;
    void require_sound() override { sqlite::require_sound(*db_); }
    std::vector<std::string> outside_changes(const std::vector<std::string>& tables) override;

    bool begin_write() override;
    void end_write(bool commit) override;
    void say_changes_with(std::function<std::string(const JournalEntry&)> words) override { check_.words = std::move(words); }

    // Writes a new campaign's first row, authority and parameters.
    void init(const Campaign& campaign, const PinnedGrid& grid, const std::string& actor);

private:
    enum class Lock { Check, None };   // Check: refused once the campaign is closed
    // The preamble and end every change shares: one write transaction (BEGIN
    // IMMEDIATE), its journal writer, the lock of a closed campaign; the
    // body's work is committed only if it returns.
    template <class Body>
    auto mutate(Lock lock, Body&& body) {
        ensure_writable();
        Transaction t(*db_);
        ensure_fresh();
        if (!t.nested()) ensure_untampered();
        JournalWriter j(*db_);
        j.check = &check_;
        j.campaign = "Campagne « " + db_->path() + " »";
        j.seen = &ledger_rows_;
        if (lock == Lock::Check) ensure_open();
        if constexpr (std::is_void_v<decltype(body(j))>) {
            body(j);
            j.finish();
            t.commit();
        } else {
            auto result = body(j);
            j.finish();
            t.commit();
            return result;
        }
    }

    CampaignSnapshot read_snapshot();
    void load_procedure(CampaignSnapshot& s);
    Authority load_authority();
    std::string reference_of(std::int64_t dossier_id);
    void ensure_open();
    // Refuses a change decided on what another program has changed since.
    void ensure_fresh();
    void ensure_writable();   // a campaign opened for reading says so in French
    // Refuses a change when the team or the campaign's row (roles, accounts,
    // closing) differs from what the journal recorded (sqlite_journal.cpp).
    void ensure_untampered();
    std::int64_t data_version();
    static std::string meeting_text(const Meeting& m) { return rows::meeting_text(m); }

    std::unique_ptr<Db> db_;
    std::vector<std::unique_ptr<Transaction>> scopes_;   // begin_write .. end_write
    std::int64_t seen_version_ = -1;                     // PRAGMA data_version at load()
    // Two windows on one file: a write refused when it changes what another
    // one changed since this one's reading (write_check.h), as on a server.
    WriteCheck check_;
    row_ledger::Seen ledger_rows_;   // JournalWriter::seen
    std::int64_t last_seq();
    // What outside_changes() last found, by list of tables asked: the journal
    // folded up to `seq`, and the data_version at which every row matched it.
    // Until another connection commits (data_version moves), only this one's
    // journaled writes touched the rows: nothing to read again. A campaign of
    // 10 000 dossiers has 860 000 entries; each write and document read them
    // all (1,4 s a rating in the bench).
    struct LedgerSeen {
        std::int64_t seq = 0;
        std::string hash;   // of the entry at seq: a transaction rolled back gives its numbers again
        ledger::Rows expected;
        std::int64_t clean_version = -1;
    };
    std::map<std::string, LedgerSeen> ledger_seen_;
    // The journal as the gate last verified it (trial 13e F1): its chain and
    // the rules of `journal verify`, read again only after `seq`.
    JournalSeen journal_seen_{JournalHome::File};
    std::vector<std::string> journal_problems();
};

std::vector<JournalEntry> read_journal(Db& db, const std::string& entity_prefix);

// Text forms shared by the readers and the writers of both back ends.
using rows::authority_column;
using rows::authority_fields;
using rows::facts_text;
using rows::join_lines;
using rows::split_lines;

}  // namespace cotation::sqlite
