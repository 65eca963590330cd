#pragma once
// The PostgreSQL store (pg_store.h), internal: its methods are spread by job
// over pg_store.cpp (reading, journal, opening), pg_mutations.cpp (the
// changes), pg_territory.cpp (offer, zones, allocation).
#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "pg_conn.h"

namespace cotation::pg {

class PgStore final : public CampaignStore {
public:
    explicit PgStore(std::unique_ptr<PgConn> c) : c_(std::move(c)) { c_->check = &check_; }

    std::string closed_since() override;
    void close(const std::string& reason, const std::string& actor) override;
    void reopen(const std::string& reason, const std::string& actor) override;
    CampaignSnapshot load() override;
    std::vector<std::int64_t> add_dossiers(const std::vector<Dossier>& dossiers, const std::string& actor) override;
    void update_dossier(const Dossier& before, const Dossier& after, const std::string& actor) override;
    void put_ratings(const std::vector<Rating>& ratings, const std::string& actor) override;
    void put_consolidation(std::int64_t dossier_id, const ConsolidationDecision& d, const std::string& actor) override;
    void put_person(const Person& p, const std::string& actor) override;
    void assign(std::int64_t dossier_id, const std::string& reviewer, bool add, const std::string& actor) override;
    void declare_conflict(const ConflictDeclaration& c, const std::string& actor) override;
    void submit(std::int64_t dossier_id, const std::string& reviewer, const std::string& actor) override;
    void put_decision(std::int64_t dossier_id, const Decision& d, const std::string& actor) override;
    void put_prior_rejection(std::int64_t dossier_id, const std::optional<PriorRejection>& r,
                             const std::string& actor) override;
    void record_step(const std::string& step, const Date& done_on, const std::string& actor) override;
    void put_meeting(const Meeting& m, const std::string& actor) override;
    void put_opinion(std::int64_t dossier_id, const MemberOpinion& op, const std::string& actor) override;
    void set_parameter(const std::string& name, const std::string& value, const std::string& actor) override;
    void set_authority(const Authority& after, const std::string& actor) override;
    void pin_procedure(const std::string& name, const std::string& xml, const std::string& reason,
                       const std::string& actor) override;
    void pin_territory_rules(const std::string& name, const std::string& text, const std::string& reason,
                             const std::string& actor) override;
    void change_grid(const PinnedGrid& grid, const std::map<std::string, std::string>& new_parameters,
                     const std::string& reason, const std::string& actor) override;
    std::vector<std::string> grid_versions() override;
    std::vector<JournalEntry> journal(const std::string& prefix) override;
    JournalCheck verify_journal(const std::optional<JournalHead>& extends) override;
    TerritoryRecord load_territory() override;
    void put_offer(const Offer& offer, const std::string& why, const std::string& actor) override;
    void put_zones(const std::vector<coverage::Area>& zones, const std::string& origin, const std::string& why,
                   const std::string& actor) override;
    void put_allocation(const std::optional<allocation::Recorded>& recorded, const std::string& actor) override;
    JournalHead journal_head() override;
    std::string partial_reading() override;
    bool owns_campaign() override;
    bool begin_write() override;
    void end_write(bool commit) override;
    void say_changes_with(std::function<std::string(const JournalEntry&)> words) override { check_.words = std::move(words); }

    // Inside the creating transaction (create_pg_store's).
    void init(const Campaign& campaign, const PinnedGrid& grid, const std::string& actor);

private:
    enum class Lock { Check, None };   // Check: refused once the campaign is closed
    // The preamble every change shares, as SqliteStore::mutate: one write
    // transaction, its journal writer, the lock of a closed campaign; the
    // body's work is committed only if it returns.
    template <class Body>
    auto mutate(Lock lock, Body&& body) {
        PgTransaction t(*c_);
        PgJournalWriter j(*c_);
        if (lock == Lock::Check) ensure_open();
        if constexpr (std::is_void_v<decltype(body(j))>) {
            body(j);
            t.commit();
        } else {
            auto result = body(j);
            t.commit();
            return result;
        }
    }
    void load_procedure(CampaignSnapshot& s);
    Authority load_authority();
    std::string reference_of(std::int64_t dossier_id);
    void ensure_open();
    std::int64_t last_seq();

    std::unique_ptr<PgConn> c_;
    std::vector<std::unique_ptr<PgTransaction>> scopes_;   // begin_write .. end_write
    std::int64_t seen_seq_ = -1;   // the journal's last entry when load() read the campaign
    WriteCheck check_;
};

// The campaign's schema (named `schema`): 0 absent, -1 not a campaign, else its version.
int schema_state(PgConn& c, const std::string& schema);
// Runs the migrations after `from` in the current search_path (0: a new campaign's tables).
void migrate(PgConn& c, int from);
// The rules of declared links alone (pg_roles.cpp: cotation_linked and what
// keeps a link and a dossier's identity), filled for `campaign`: a migration
// that changes what they read puts them in at once on a campaign whose
// team's rights were applied.
std::string pg_link_rules_sql(const std::string& campaign);

}  // namespace cotation::pg
