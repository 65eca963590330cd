#pragma once
// Persistence of one campaign behind one interface: the SQLite file of a
// single instructor today, a server database shared by a team later (a
// Poco::Data/PostgreSQL implementation of the same interface), without
// touching the core or the workbench. Every mutation is atomic and writes its
// journal entries in the same transaction.
#include <cstdint>
#include <functional>
#include <exception>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/dossier.h"
#include "core/error.h"
#include "core/offer.h"
#include "core/procedure.h"
#include "core/scoring.h"
#include "core/team.h"
#include "core/territorial_allocation.h"

namespace cotation {

struct CampaignSnapshot {
    Campaign campaign;
    std::string grid_xml;         // the exact grid the campaign was created with
    std::string grid_name;        // its file name, for messages
    std::string form_xml, form_name;   // the exact dossier form, if the grid names one
    std::string procedure_xml = {}, procedure_name = {};  // the procedure file pinned at creation (empty before schema 9)
    // The call's territorial rules (<grid>.territoire.txt) pinned at creation,
    // empty text when the grid has none; not pinned (nullopt) for a campaign
    // made before schema 14 until its first opening pins the shipped file.
    std::optional<std::string> territory_rules = {};
    std::string territory_rules_name = {};
    std::vector<Dossier> dossiers;
    std::vector<Rating> ratings;
    ConsolidationIndex consolidation;
    DecisionIndex decisions;
    Team team;
    PriorRejectionIndex prior_rejections;
    std::map<std::string, Date> steps_done;   // procedure step -> date recorded
    std::optional<Meeting> meeting;
    OpinionIndex opinions;
    // Rows whose codes Cotation cannot read (a decision « non-retenu » typed in
    // SQL, trial 15f F8): left out of the snapshot and named with their table,
    // dossier and field; the session says them where changes outside Cotation are.
    std::vector<std::string> unreadable = {};
};

// The campaign's territory (schema 10): its own existing offer and zones
// when it has them (none: the offer shipped beside the grid, no zones), and
// the allocation it follows once the coordinator recorded one.
struct TerritoryRecord {
    std::optional<Offer> offer;
    std::optional<std::vector<coverage::Area>> zones;
    std::string zones_origin;
    std::optional<allocation::Recorded> allocation;
};

struct JournalEntry {
    std::int64_t seq = 0;
    std::string at;               // UTC, ISO 8601
    std::string actor, action, entity, old_value, new_value;
    std::string prev_hash, hash;
    // The rows this entry's change left, one "table<TAB>key<TAB>digest" a line
    // ("-" for a row removed); covered by the hash. Empty before schema 11.
    std::string rows;
    // On a server, the login role that wrote the entry, filled by the server
    // whatever the client says (not covered by the hash: the chain reads the
    // same on a file); empty on a file, and for entries copied from a file
    // when the campaign was shared (no role wrote them).
    std::string db_role;
};

// A head of the journal kept outside the file (printed in the committee
// file, the minutes, the instruction reports): the campaign must extend it.
struct JournalHead {
    std::int64_t entries = 0;   // 0 when only the hash is known
    std::string hash;           // hex; a prefix of 12 characters or more is enough
    std::string at;             // the last entry's date, when the store gives it (journal_head of a file)
    std::string text() const;   // "N:HASH", what `journal verify --tete` reads
    std::string short_text() const;   // "N:16 first characters", for documents
};
// "N:HASH" or "HASH"; nullopt when unreadable.
std::optional<JournalHead> parse_journal_head(const std::string& text);

struct JournalCheck {
    bool ok = true;
    std::int64_t entries = 0;
    std::int64_t rows = 0;               // rows of data compared with the journal
    JournalHead head;                    // the last entry
    std::vector<std::string> problems;   // "entrée 12 : contenu modifié", "table rating, ligne …", ...
};

class CampaignStore {
public:
    virtual ~CampaignStore() = default;

    virtual CampaignSnapshot load() = 0;

    // All or nothing; a reference already in the campaign is refused with a
    // message naming it. Returns the new ids in order.
    virtual std::vector<std::int64_t> add_dossiers(const std::vector<Dossier>& dossiers, const std::string& actor) = 0;
    virtual void update_dossier(const Dossier& before, const Dossier& after, const std::string& actor) = 0;
    // Insert or replace (same dossier, reviewer, criterion); all or nothing.
    virtual void put_ratings(const std::vector<Rating>& ratings, const std::string& actor) = 0;
    // The coordinator's consolidated rating (replaces a previous decision).
    virtual void put_consolidation(std::int64_t dossier_id, const ConsolidationDecision& decision,
                                   const std::string& actor) = 0;
    virtual void put_person(const Person& person, const std::string& actor) = 0;
    virtual void assign(std::int64_t dossier_id, const std::string& reviewer, bool add, const std::string& actor) = 0;
    virtual void declare_conflict(const ConflictDeclaration& conflict, const std::string& actor) = 0;
    virtual void submit(std::int64_t dossier_id, const std::string& reviewer, const std::string& actor) = 0;
    virtual void put_decision(std::int64_t dossier_id, const Decision& decision, const std::string& actor) = 0;
    // Prior rejection of a dossier (art. R. 313-6); nullopt lifts it.
    virtual void put_prior_rejection(std::int64_t dossier_id, const std::optional<PriorRejection>& rejection,
                                     const std::string& actor) = 0;
    virtual void record_step(const std::string& step, const Date& done_on, const std::string& actor) = 0;
    // The committee's meeting as a whole (attendance, votes, observations).
    virtual void put_meeting(const Meeting& meeting, const std::string& actor) = 0;
    virtual void put_opinion(std::int64_t dossier_id, const MemberOpinion& opinion, const std::string& actor) = 0;
    virtual void set_parameter(const std::string& name, const std::string& canonical_value, const std::string& actor) = 0;
    // The issuing authority; each field changed is journaled (campagne/autorite/<champ>).
    virtual void set_authority(const Authority& authority, const std::string& actor) = 0;
    // Pins the text of the campaign's procedure file (a campaign made before
    // procedures were data gets the one its grid names), journaled with why.
    virtual void pin_procedure(const std::string& name, const std::string& xml, const std::string& reason,
                               const std::string& actor) = 0;
    // Pins the text of the call's territorial rules (empty: none), journaled
    // with why: a campaign made before schema 14 takes the shipped file once.
    virtual void pin_territory_rules(const std::string& name, const std::string& text, const std::string& reason,
                                     const std::string& actor) = 0;

    // Territory tables (schema 10), each replacement whole and journaled with
    // `why` (its source); refused on a closed campaign.
    virtual TerritoryRecord load_territory() = 0;
    virtual void put_offer(const Offer& offer, const std::string& why, const std::string& actor) = 0;
    virtual void put_zones(const std::vector<coverage::Area>& zones, const std::string& origin, const std::string& why,
                           const std::string& actor) = 0;
    // nullopt withdraws the recorded allocation (the ranking's proposal again).
    virtual void put_allocation(const std::optional<allocation::Recorded>& recorded, const std::string& actor) = 0;

    // Moves the campaign to another grid version, keeping the previous one in
    // its history; adds the new grid's parameters (canonical values).
    virtual void change_grid(const struct PinnedGrid& grid, const std::map<std::string, std::string>& new_parameters,
                             const std::string& reason, const std::string& actor) = 0;
    virtual std::vector<std::string> grid_versions() = 0;   // the replaced ones, oldest first

    // Closing locks every change; reopening needs a reason; both journaled.
    virtual std::string closed_since() = 0;   // empty while open
    virtual void close(const std::string& reason, const std::string& actor) = 0;
    virtual void reopen(const std::string& reason, const std::string& actor) = 0;

    // The caller's write transaction (BEGIN IMMEDIATE), inside which it checks
    // what depends on the state (capacity, uniqueness, old values) and writes:
    // no other program can change the campaign until end_write. begin_write
    // returns true when another program changed it since load(): the caller
    // reloads before checking. A change made on a stale load() without it is
    // refused (StaleCampaign). Use WriteScope.
    virtual bool begin_write() = 0;
    virtual void end_write(bool commit) = 0;
    // How that refusal names each change made since the reading (the
    // session's words, with the labels of its grid: trial 15c F8).
    virtual void say_changes_with(std::function<std::string(const JournalEntry&)> words) { (void)words; }

    virtual std::vector<JournalEntry> journal(const std::string& entity_prefix = "") = 0;
    // The hash chain, the data against the digests the entries carry, and,
    // when given, that the journal extends a head kept outside the file.
    virtual JournalCheck verify_journal(const std::optional<JournalHead>& extends = std::nullopt) = 0;
    virtual JournalHead journal_head() = 0;
    // Why this connection does not read the whole campaign (a member of the
    // team on a server, to whom others' ratings are hidden), or empty: a
    // ranking computed on what it reads would not be the campaign's.
    virtual std::string partial_reading() { return ""; }
    // Whether the connection is the campaign's owner on a server (the service's
    // role that shared or created it, above the team's rights); false on a file.
    virtual bool owns_campaign() { return false; }
    // Refuses (InputError, in French) a campaign whose pages are damaged,
    // before a document is produced from it (trial 13 F25); a server checks
    // its own pages.
    virtual void require_sound() {}
    // The rows of `tables` (all data tables when empty) that differ from what
    // the journal recorded, named as `journal verify` names them (trial 13b
    // F18: ratings changed in raw SQL were ranked and decided on). A server's
    // rows are kept by its rights: none.
    virtual std::vector<std::string> outside_changes(const std::vector<std::string>& tables = {}) {
        (void)tables;
        return {};
    }
};

// Another program changed the campaign since this one read it: nothing written.
class StaleCampaign : public Error {
public:
    using Error::Error;
};

// One write transaction over a caller's checks and writes: committed when the
// scope ends normally, rolled back when it ends by an exception. `reload` is
// called inside it when another program changed the campaign since load().
class WriteScope {
public:
    template <class Reload>
    WriteScope(CampaignStore& store, Reload&& reload) : store_(store), exceptions_(std::uncaught_exceptions()) {
        if (store_.begin_write()) {
            try {
                reload();
            } catch (...) {
                store_.end_write(false);
                throw;
            }
        }
    }
    ~WriteScope() noexcept(false) { store_.end_write(std::uncaught_exceptions() == exceptions_); }
    WriteScope(const WriteScope&) = delete;
    WriteScope& operator=(const WriteScope&) = delete;

private:
    CampaignStore& store_;
    int exceptions_;
};

// How long a write waits for another program holding the campaign before
// giving up with a French message (10 s by default; tests shorten it).
void set_campaign_wait_ms(int ms);

// The exact texts a campaign is created with.
struct PinnedGrid {
    std::string id, version, name, xml;
    std::string form_name, form_xml;
    std::string procedure_name, procedure_xml;   // procedures/<id>.xml, pinned at creation only
    std::string territory_rules_name, territory_rules;   // <grid id>.territoire.txt beside the grid (empty: none)
};

// What a creation writes beside the campaign's first entries (the offer shipped
// with its grid), before the campaign takes its name: a creation killed
// half-way leaves no campaign with part of its entries (trial 13H).
using CreationRest = std::function<void(CampaignStore&)>;
// Creates a new campaign file (refuses to overwrite an existing one).
std::unique_ptr<CampaignStore> create_sqlite_store(const std::string& path, const Campaign& campaign,
                                                   const PinnedGrid& grid, const std::string& actor,
                                                   const CreationRest& rest = {});
// Opens an existing campaign file, migrating its schema forward if needed.
// A file that is not a campaign (empty, text, another program's SQLite base)
// is refused before anything is written into it.
std::unique_ptr<CampaignStore> open_sqlite_store(const std::string& path);
// The same for reading commands: opened SQLITE_OPEN_READONLY, every write fails.
std::unique_ptr<CampaignStore> open_sqlite_store_read_only(const std::string& path);

// A campaign built in several steps (the demo) is built under the temporary
// name returned by begin (refuses an existing `path`), then finish names it
// `path` once complete and closed (never replacing a file), or abandon
// removes it. create_sqlite_store does the same for its single step.
std::string begin_campaign_creation(const std::string& path);
void finish_campaign_creation(const std::string& temporary, const std::string& path);
void abandon_campaign_creation(const std::string& temporary);

// Current schema version written by this build.
int sqlite_schema_version();

}  // namespace cotation
