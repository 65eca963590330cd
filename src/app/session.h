#pragma once
// One open campaign, shared by the command line and the workbench: the grid
// it pins, its dossiers and ratings in memory, the ranking kept current, and
// every change written through the store first (memory follows the file).
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <optional>
#include <string>
#include <vector>

#include "app/input.h"
#include "core/campaign_dates.h"
#include "core/agreement.h"
#include "core/campaign_parameters.h"
#include "core/conflict_ratings.h"
#include "core/date.h"
#include "core/dossier.h"
#include "core/grid.h"
#include "core/parameter_rules.h"
#include "core/pieces.h"
#include "core/procedure.h"
#include "core/read_rules.h"
#include "core/scoring.h"
#include "report/batch.h"
#include "report/documents.h"
#include "report/pdf_letter.h"
#include "store/campaign_store.h"

namespace cotation {
namespace report {
struct CommitteeContext;
struct LetterContext;
}

// A new campaign. The authority starts from the grid's <authority> and the
// fields given here override it (empty: the grid's).
class TerritoryStudy;

struct NewCampaign {
    std::string reference, title;
    std::string authority, signatory, city;   // name, signatory's name, city of signature
    std::optional<AuthorityKind> authority_kind;
    std::string signatory_title, tribunal;    // « Le Président du Conseil départemental … »
    std::vector<std::string> address;         // postal address lines
    std::map<std::string, std::string> parameters;   // typed as a person types them
};

class Session {
public:
    static std::unique_ptr<Session> open(const std::string& path);
    // For commands that only read (rank, check, journal…): nothing can be written.
    static std::unique_ptr<Session> open_read_only(const std::string& path);
    // For commands that produce documents from the campaign (letters, minutes,
    // orders…): read-only, and a damaged file is refused first (trial 13 F25).
    static std::unique_ptr<Session> open_for_documents(const std::string& path);
    // Reads the grid file, checks it, stores its exact text in the campaign.
    static std::unique_ptr<Session> create(const std::string& path, const std::string& grid_path,
                                           const NewCampaign& campaign, const std::string& actor);

    const std::string& path() const { return path_; }
    const Grid& grid() const { return grid_; }
    // The call's territorial rules pinned in the campaign (schema 14), the
    // text of `<grid>.territoire.txt` as it was when the campaign was made
    // (empty: the call has none), and the name to give in messages
    // (« campagne.cot (règles territoriales uphv-17-2019.territoire.txt) »).
    const std::string& territory_rules_text() const { return rules_text_; }
    std::string territory_rules_shown() const;
    // What the opening did with the rules of a campaign made before they were
    // pinned, in French (empty: nothing).
    const std::string& territory_rules_notice() const { return rules_notice_; }
    const Campaign& campaign() const { return snap_.campaign; }
    const std::vector<Dossier>& dossiers() const { return snap_.dossiers; }
    const std::vector<Rating>& ratings() const { return snap_.ratings; }
    std::optional<std::size_t> find(const std::string& reference) const;
    // Position of a dossier by id, in constant time (hot in imports and views).
    const Dossier* dossier_by_id(std::int64_t id) const;

    // Kept current: after a rating or a consolidation, that dossier is moved
    // in place (rerank_dossier); after any other change, all are ranked again.
    const Ranking& ranking();
    const RankingSolidity& solidity();                // margins between neighbours, with the ranking
    const Agreement& agreement();                     // cached with the ranking
    const RankEntry* entry_of(std::size_t dossier_index);   // in the current ranking
    // The same entry with the proposal the committee votes on (committee_proposal).
    const RankEntry* proposed_entry_of(std::size_t dossier_index);
    std::vector<const Rating*> ratings_of(std::int64_t dossier_id) const;
    std::vector<std::string> reviewers() const;
    // Ratings that do not count: their author declared a link with the
    // dossier's organisme after giving them (core/conflict_ratings.h).
    const SetAsideIndex& set_aside() const { return set_aside_; }

    // Mutations, each atomic and journaled under `actor`.
    std::size_t import_dossiers_file(const std::string& csv_path, const std::string& actor);
    std::size_t import_ratings_file(const std::string& csv_path, const std::string& actor);
    // What the last import says about its file beyond the count (a Windows-1252
    // file converted), or empty: the import report shows it.
    const std::string& import_notice() const { return import_notice_; }
    std::int64_t add_dossier(const Dossier& d, const std::string& actor);
    void update_dossier(const Dossier& d, const std::string& actor);
    // A dossier's form: only the `fields` the person changed (field ids as
    // merged_dossier names them) are written over the dossier as it stands,
    // so that another person's change of other fields since the form opened
    // is kept, not refused nor overwritten; the same field changed by both is
    // still refused (StaleCampaign). No field changed: nothing written, false
    // (trial 15d F7: an unchanged form was refused as a conflict).
    bool update_dossier_fields(const Dossier& typed, const std::set<std::string>& fields, const std::string& actor);
    void put_rating(const Rating& r, const std::string& actor);
    // A rating saved from a form that showed `seen` (nullopt: no rating yet).
    // Refused, nothing written, when the stored one is no longer what the
    // form showed: another person changed it since, and the window had
    // re-read the campaign under the form (trial 15 F5: never in silence).
    void put_rating_seen(const Rating& r, const std::optional<Rating>& seen, const std::string& actor);
    // The coordinator's consolidated rating of a criterion (the shells read
    // its text with input::rating); a reason is required when it departs from the mean.
    void consolidate(std::int64_t dossier_id, const std::string& criterion, const Rational& value,
                     const std::string& reason, const std::string& actor);
    const ConsolidationIndex& consolidation() const { return snap_.consolidation; }
    // The authority's decision. Refused: a motive missing for a refusal, more
    // places than asked or than the call still has, a dossier awaiting
    // arbitration, a departure from the committee's opinion without its reason.
    void decide(std::int64_t dossier_id, const Decision& decision, const std::string& actor);
    const DecisionIndex& decisions() const { return snap_.decisions; }

    // The team: people and roles, assignments, declared links, blind rating.
    const Team& team() const { return snap_.team; }
    void add_person(const Person& p, const std::string& actor);
    // What `users --modifier` changes of a declared person: only what is given (trial 15g G4).
    struct PersonChange {
        std::optional<Role> role;
        std::optional<std::string> organisation;
        std::optional<bool> deliberative;
        std::optional<std::string> account;   // a first binding only; a change goes through change_account
    };
    void change_person(const std::string& name, const PersonChange& change, const std::string& actor);
    void assign(std::int64_t dossier_id, const std::string& reviewer, bool add, const std::string& actor);
    // `signed_on`: the date of a declaration signed on paper (default: today);
    // the journal keeps the moment it was entered.
    void declare_conflict(const std::string& reviewer, const std::string& organisme, const std::string& declaration,
                          const std::string& actor, std::optional<Date> signed_on = std::nullopt);
    // A reviewer submits their ratings of a dossier (every criterion rated and
    // justified); only then do they see the others'.
    void submit(std::int64_t dossier_id, const std::string& reviewer, const std::string& actor);
    std::vector<const Rating*> visible_ratings(std::int64_t dossier_id, const std::string& viewer) const;

    // ---- Who reads (issue 13.3) ----
    // Every read path asks the core (core/read_rules.h) what the reader may see
    // of a dossier: the ratings, the journal, instruction reports, ranking and
    // consolidation figures. nullopt: nobody identified, on a campaign without
    // accounts (as before); set by the CLI and the workbench after opening.
    void set_reader(std::optional<std::string> person) { reader_ = std::move(person); }
    const std::optional<std::string>& reader() const { return reader_; }
    DossierReading reading(std::int64_t dossier_id) const;
    // The dossier's journal entries the reader may see (`prefix`: "dossier/REF").
    std::vector<JournalEntry> readable_journal(const std::string& prefix);

    // ---- Who acts (issue 13.4) ----
    // The operating-system account running the program (getpwuid(geteuid()),
    // never $USER, which anyone sets).
    static std::string os_login();
    static void simulate_os_login(std::optional<std::string> login);   // tests
    // The same for the calling thread only, before the process-wide one: the
    // load test's reviewers each act from their own account (trial 15e F4).
    static void simulate_thread_login(std::optional<std::string> login);
    // The person acting: on a campaign with a team, the one bound to
    // os_login() (`claimed`, from --par, must be that person; a person
    // without an account is claimed by nobody); without a team, `claimed`.
    // Throws the refusal.
    std::string acting_person(const std::string& claimed) const;
    // For acts written outside the Session's own methods (territory study):
    // refuses `actor` unless bound to this account (as every act does) and
    // gives the journal's « who », the person and the account.
    std::string journaled_actor(const std::string& actor) const {
        authenticate(actor);
        return journal_actor(actor);
    }
    // The account that owns the campaign file ("" when unknown, or on a
    // server): on a campaign made before accounts were bound (a team, no
    // account), only it binds the coordinator to itself.
    std::string file_owner() const;
    // A campaign being built from a script under a temporary name (the
    // demos) replays the acts of each person it declares: names are taken
    // as given until it is published. Never called by the CLI or the window.
    void replay_script(bool on) { replaying_script_ = on; }
    // Tests of the role rules act under names, as a script does; the
    // Accounts tests turn it off (false by default: the shells never set it).
    static void simulate_named_actors(bool on);
    // A campaign parameter typed as a person types it ("28/04/2023"); empty clears it.
    void set_parameter(const std::string& name, const Value& value, const std::string& actor);
    // Several parameters at once: all written, or none (the first refusal is thrown).
    // (Typed from a person's text by input::parameters, the one place that reads them.)
    // After the committee's vote or a decision, refused without `motive`, then
    // journaled with it (core/parameter_rules.h, settled_parameters_refusal).
    void set_parameters(const input::TypedParameters& changes, const std::string& actor, const std::string& motive = "");

    // ---- The issuing authority (campaign data, schema 9) ----
    const Authority& authority() const { return snap_.campaign.authority; }
    // Coordinator only; a name and a signatory's title are required, a logo
    // must be a PNG file. Each field changed is journaled.
    void set_authority(const Authority& authority, const std::string& actor);
    // (A person's text for one field is read by input::authority_field.)

    // The procedure the campaign follows: its pinned file with what the grid adds.
    const ProcedureDef& procedure() const { return snap_.campaign.procedure; }

    // A new version of the campaign's grid: what it would change, then apply
    // it (a different version is required; the reason is journaled).
    struct GridCandidate {
        Grid grid;
        std::string xml, name;
        // Its territorial rules file (beside the grid, else the shipped one;
        // rules_path empty: none found, the pinned rules stay).
        std::string rules_path, rules_name, rules_text;
    };
    GridCandidate read_candidate_grid(const std::string& grid_path) const;
    // From the grid editor: the text it wrote, with the campaign's own form.
    GridCandidate candidate_from_xml(const std::string& xml, const std::string& name) const;
    GridChange preview_grid_change(const GridCandidate& candidate);
    void apply_grid_change(const GridCandidate& candidate, const std::string& reason, const std::string& actor);

    // ---- The procedure (procedure()) ----
    // Refusal before the committee, with its ground and motive, where the
    // procedure declares it; lifting it (the committee's revision) needs a
    // reason. Coordinator only.
    // `on`: the date of the president's signed decision (default: today).
    void reject_prior(std::int64_t dossier_id, RejectionGround ground, const std::string& motive, const std::string& actor,
                      std::optional<Date> on = std::nullopt);
    void lift_prior_rejection(std::int64_t dossier_id, const std::string& reason, const std::string& actor);
    const PriorRejectionIndex& prior_rejections() const { return snap_.prior_rejections; }
    // Dossiers deposited after the deadline and not yet refused.
    std::vector<std::size_t> late_dossiers() const;
    std::vector<CalendarStep> calendar(const Date& on) const;
    static Date today();   // the machine's local date (or the simulated one)
    // Simulates another day (tests of reproducibility); nullopt: the clock again.
    static void simulate_today(std::optional<Date> day);
    void record_step(const std::string& step, const Date& done, const std::string& actor);
    // The committee's meeting, recorded as a whole by the coordinator.
    void put_meeting(const Meeting& m, const std::string& actor);
    const std::optional<Meeting>& meeting() const { return snap_.meeting; }
    // The meeting to edit: the recorded one, else a new one on the committee's date (or today).
    Meeting meeting_draft() const;
    // The campaign's named parameters, typed (deadline(), committee_date(), …).
    CampaignParameters parameters() const { return CampaignParameters(snap_.campaign.parameters); }
    // A date parameter by name (one the grid declares beyond the named ones).
    std::optional<Date> date_parameter(const std::string& name) const { return parameters().date(name); }
    // Cached until the meeting, the team or the dossiers change.
    const std::optional<MeetingCheck>& meeting_check() const;
    // The team as the séance recorded it (core/team_history.h): the members'
    // organisations and voices then, not today's (trial 15g G4).
    const Team& meeting_team() const;
    std::map<std::string, Organisation> organisations_by_reference() const;   // identity_of each dossier
    // A committee member's opinion on a dossier (not on a dossier whose
    // organisme they declared a link with).
    void give_opinion(std::int64_t dossier_id, const MemberOpinion& opinion, const std::string& actor);
    const OpinionIndex& opinions() const { return snap_.opinions; }
    // The committee's opinion on a dossier once the ranking is adopted: its
    // proposal in that ranking (retained, not retained, ineligible).
    std::optional<DecisionKind> committee_opinion(std::int64_t dossier_id);
    // How today's ranking differs from the one the committee voted (empty when the same).
    std::vector<std::string> changes_since_vote();
    // The ranking with the proposal the committee votes on: the recorded
    // allocation, else the ranking order under the call's territorial rules,
    // else the capacity-only proposal (core allocation::follow_allocation).
    // The ranking's marks, the vote and every document read this one.
    // Rules that do not read (a pinned text broken outside Cotation, a
    // commune the reference data no longer has) throw nothing here: the
    // proposal is the ranking's without the territorial rule, and
    // territory_rules_error() says so, naming the file and the line.
    const Ranking& committee_proposal();
    // The parameters someone set for the campaign after its creation (`cotation
    // param`, the window), each with its last change: a value set so is the
    // authority's choice even when it equals the grid's (trial 14: 4 missions
    // set by the ARS still read « proposition de l'outil »). The values written
    // by the creation itself are the grid's, set by nobody.
    std::map<std::string, ParameterChange> parameters_set_for_campaign();
    // The note of each figure the call's text fixes that the authority
    // changed (changed_figure_note: who decided, when, the text's figure), by
    // parameter; empty when none (the journal is read only then).
    std::map<std::string, std::string> changed_figure_notes();
    // The report with those notes (core note_changed_figures): what check, the
    // ranking's entries and every document built on them print.
    void note_changed_figures(const Dossier& d, EligibilityReport& report);
    // Empty, or « Règles territoriales illisibles (FICHIER, ligne N : …) : … »
    // after committee_proposal() met rules that do not read.
    const std::string& territory_rules_error() {
        committee_proposal();
        return rules_error_;
    }
    // Each rule the allocation applies, one French line with its status (the
    // call's, with its text and section, or a proposal: trial 1011B F2), as
    // rank, repartition, the committee file and the minutes print them;
    // empty when the rules do not read (territory_rules_error() says it).
    std::vector<std::string> allocation_rule_lines();
    // The recorded allocation when it is the coordinator's variant, in the
    // minutes' words (what it retains with its partial grants, the rules it
    // departs from, its motive); empty for the ranking order or none. What a
    // vote keeps (Meeting::voted_allocation) and what « Modifié après la
    // séance » compares with it.
    std::string variant_sentence();
    // After a vote that kept its allocation: the one recorded since, when it
    // differs, with who recorded it, when and why; empty otherwise.
    std::string allocation_since_vote();
    // The recorded allocation changed (app/territory.cpp): the proposal follows.
    void allocation_changed() {
        proposal_.reset();
        proposal_setting_.reset();
        changes_since_vote_.reset();
    }

    // As the store said when the campaign was last read (load) or as this
    // session's own close/reopen left it; never a query: the window asks it
    // at every idle event (issue 12, review M7; on a server a round trip
    // each time, and trial 15c F1: a lost connection closed the window).
    // Another person's closing moves the journal, and the window reads the
    // campaign again (shared_campaign.cpp); a write still asks the store.
    bool closed() const { return closed_; }
    void close(const std::string& reason, const std::string& actor);
    void reopen(const std::string& reason, const std::string& actor);

    CampaignStore& store() { return *store_; }
    // The write transaction for acts written outside the Session's own
    // methods (territory study): their checks read the campaign inside it.
    WriteScope write_scope() { return writing(); }
    // Counts the loads of the campaign: a study built on an earlier one is stale.
    std::uint64_t loads() const { return loads_; }

    // Documents are dated by the campaign, never by the clock (the same
    // campaign gives the same files, byte for byte, any day).
    // Letters: campagne.date_courrier, else the committee's date (meeting,
    // then campagne.date_commission), else the last decision's date.
    std::optional<Date> letters_date() const;
    // The committee's date: the meeting's, else campagne.date_commission.
    std::optional<Date> committee_date() const;
    // Publication, deadline, committee (the meeting's date first), letters:
    // what the date coherence rules read (core/campaign_dates.h).
    CampaignCalendar calendar_dates() const;
    // The committee file and instruction reports: the step before the
    // meeting (reports sent, instruction done) on the day recorded, else its
    // due date, else the committee's date.
    std::optional<Date> committee_file_day() const;
    // letters_date(), else today: only to pre-fill a date a person then confirms.
    Date letter_date() const;
    // committee_file_day(), else an error naming the parameter to set.
    Date committee_file_date() const;
    // The committee's file (before the meeting) and the minutes (after), PDF.
    void write_committee_file(const std::string& path);
    void write_minutes(const std::string& path);
    // The same as PDF, ODT or both (`cotation commission|pv --format`): `path`
    // names the PDF; the ODT is written beside it under the same name
    // (.pdf or .odt replaced). Returns the files written.
    // An ODT written is protected as a batch's are (trial 1011B F9): one edited
    // since Cotation wrote it is kept and said in the warnings, unless `replace_edited`.
    report::DocumentBatch write_committee_document(const std::string& path, bool minutes, report::Format format,
                                                   bool replace_edited = false);
    // One instruction report per dossier (or only `only_reference`) in `out_dir`;
    // a report that fails is listed in the batch, the others are written.
    report::DocumentBatch write_instruction_reports(const std::string& out_dir, const std::string& only_reference = "",
                                                    std::size_t limit = 0);
    // One letter per dossier, as PDF, ODT (editable before signing) or both;
    // a letter that fails (dossier, template, why) is listed in the batch's
    // failures and the others are written; dossiers without postal address
    // are in its warnings. Callers exit non-zero when failures is not empty.
    // `replace_edited`: an ODT edited since Cotation wrote it is replaced (a
    // copy kept beside it), as `letters --remplacer` asks; else kept and said.
    report::DocumentBatch write_letters(const std::string& out_dir, const std::string& only_reference = "",
                                        std::size_t limit = 0, report::Format format = report::Format::Pdf,
                                        bool replace_edited = false);
    // The same documents as jobs of one batch (app/documents.h; defined in
    // app/documents.cpp): named <dossier>-lettre, <dossier>-compte-rendu,
    // <campaign>-dossier-commission, <campaign>-proces-verbal in out_dir.
    std::vector<report::DocumentJob> letter_jobs(const std::string& out_dir, const std::string& only_reference,
                                                 report::Format format);
    std::vector<report::DocumentJob> instruction_report_jobs(const std::string& out_dir, const std::string& only_reference,
                                                             report::Format format);
    report::DocumentJob committee_job(const std::string& out_dir, report::Format format, bool minutes);
    // The orders of the retained dossiers, and the requests for missing pieces awaiting their answer.
    std::vector<report::DocumentJob> order_jobs(const std::string& out_dir, const std::string& only_reference,
                                                report::Format format);
    std::vector<report::DocumentJob> pieces_jobs(const std::string& out_dir, const std::string& only_reference,
                                                 report::Format format);
    // Before producing documents: every template checked against this
    // campaign's grid (unknown value: template, line, grid), and every dossier
    // that would get a letter without its postal address. Empty when ready.
    std::vector<std::string> check_documents();
    // The same template check for a grid file before any campaign uses it
    // (`grid check`): its default parameters, the installed templates.
    static std::vector<std::string> check_grid_templates(const Grid& grid);
    std::vector<std::string> address_warnings();

    // ---- Orders and requests for missing pieces (session_orders.cpp) ----
    // One order (arrêté) per retained dossier (or only `only_reference`),
    // dated by its decision (else the letters' date); a failing one is in the
    // batch's failures, a dossier without FINESS in its warnings.
    report::DocumentBatch write_orders(const std::string& out_dir, const std::string& only_reference = "",
                                       report::Format format = report::Format::Pdf);
    // Missing pieces of a dossier on `on` (default today): what may be asked,
    // the request recorded and its deadline (campagne.delai_pieces, 15 days).
    PiecesStatus pieces(std::int64_t dossier_id, std::optional<Date> on = std::nullopt) const;
    std::optional<Date> pieces_requested(std::int64_t dossier_id) const;
    // Records the request on `on` (a procedure step « pieces/<id> », journaled);
    // refused, with the reason, when no piece may be asked for. Coordinator only.
    void request_pieces(std::int64_t dossier_id, const Date& on, const std::string& actor);
    // The pieces `ids` received on `on` (a step « pieces-recues/<id> », journaled):
    // ticked on the dossier when in time; after the deadline only with a
    // `motive` (the authority admits them), else recorded late and left
    // unticked, the dossier staying irrecevable. Returns the new status.
    PiecesStatus receive_pieces(std::int64_t dossier_id, const std::set<std::string>& ids, const Date& on,
                                const std::string& motive, const std::string& actor);
    std::optional<Date> pieces_received(std::int64_t dossier_id) const;
    // The request letters: of that dossier, else of every dossier whose
    // request awaits its answer; each dated by its request.
    report::DocumentBatch write_pieces_requests(const std::string& out_dir, const std::string& only_reference = "",
                                                report::Format format = report::Format::Pdf);
    // Dossiers whose request awaits its answer on `on`: no letter of
    // ineligibility for them yet.
    std::set<std::int64_t> awaiting_pieces(const Date& on) const;
    // The authority's postal address or signatory missing, with the command that sets them.
    std::vector<std::string> authority_warnings() const;
    // Rows changed outside Cotation (raw SQL), as `journal verify` names them
    // (table and row): a ranking, decision or document made on them would be
    // believed (trial 13b F18). Empty when the data are the journal's.
    // They include the decisions the journal recorded against the rules
    // `decide` applies (decision_rule_breaks).
    std::vector<std::string> outside_changes() const;
    // The first decision recorded against the rules of complete_decision
    // (core/decision_rules.h), naming its journal entry (trial 13d F2: an
    // entry with correct hashes granted more than asked and than the call
    // holds); empty when every decision keeps them.
    std::vector<std::string> decision_rule_breaks() const;
    // Values the campaign holds but Cotation cannot read, each named with its
    // row and last writer: a fact of the wrong type, a rating outside the
    // grid's scale, a decision's unknown code (trials 15e F1, 15f F3, F4, F8).
    // Left out of every computation; `journal verify` names them too.
    const std::vector<std::string>& unreadable_values() const { return unreadable_; }
    // Refuses (InputError, in French) when there are: `refused` says what is not done.
    void require_no_outside_change(const std::string& refused) const;
    // The warning said wherever data so changed are shown (`rank`, the
    // window's banner: trial 13c F6), one text for both; "" when there are none.
    std::string outside_change_warning() const;
    // The journal's last entry dated well after this workstation's clock (core clock_behind_warning, trial 13f F8).
    std::string clock_warning() const;

private:
    // What every committee document dated `on` reads (the file, the minutes,
    // the instruction reports), built in one place (documents.cpp). With
    // `steps`: the calendar, the changes since the vote and the dossiers
    // awaiting their pieces on that date.
    report::CommitteeContext committee_context(const Date& on, bool steps);
    // Points `ctx`'s ratings and consolidations at what the reader may read
    // (core/read_rules.h), masking the rest; the result keeps them alive.
    std::shared_ptr<const void> restrict_to_reader(report::CommitteeContext& ctx);
    // Refuses parameter changes that put the campaign's dates out of order (session_campaign.cpp).
    void require_coherent_dates(const input::TypedParameters& changes) const;
    WriteScope writing();
    Session() = default;
    void load();
    void invalidate() {
        meeting_check_.reset();
        voted_opinion_.reset();
        changes_since_vote_.reset();
        proposal_.reset();
        proposal_setting_.reset();
        journal_reads_ = {};
        ranking_.reset();
        solidity_.reset();
        agreement_.reset();
    }

    std::string path_;
    std::unique_ptr<CampaignStore> store_;
    std::uint64_t loads_ = 0;
    Grid grid_;
    std::string grid_key_;   // the texts grid_ was read from (load() reads it again only when they change)
    // The campaign as the store holds it, held whole (not copied field by
    // field): every write goes to the store first, then to this snapshot.
    // Its grid and procedure texts are kept as loaded; grid_ is their reading.
    CampaignSnapshot snap_;
    std::unordered_map<std::int64_t, std::size_t> position_of_;   // dossier id -> index in snap_.dossiers
    void index_dossiers();
    std::optional<Ranking> ranking_;
    std::optional<Ranking> proposal_;
    // What the proposal reads besides the ranking: the recorded allocation,
    // the rules (their reading, their lines) and the territory study. Kept
    // across a rating (rescore), where only the candidates follow the new
    // order; read again after any other change (issue 12, review M4).
    struct ProposalSetting {
        std::optional<allocation::Recorded> recorded;
        std::shared_ptr<TerritoryStudy> study;   // none: no rule to follow, or rules that do not read
        bool follows_ranking = false;            // built for the ranking as it stands
    };
    std::optional<ProposalSetting> proposal_setting_;
    // What the session reads of the journal for the ranking's reports (who
    // changed a figure, and when): read once, kept across a rating (each
    // rating read the whole journal again: 0,2 s a rating at 10 000 dossiers).
    struct JournalReads {
        std::optional<std::map<std::string, ParameterChange>> parameter_changes, parameters_set;
        std::optional<std::map<std::string, std::string>> figure_notes;
    };
    JournalReads journal_reads_;
    // The proposal as the committee voted it, for a document printed after an
    // allocation recorded since the séance (committee_context; trial 1011F N1).
    std::optional<Ranking> voted_proposal_;
    std::optional<RankingSolidity> solidity_;
    std::optional<Agreement> agreement_;
    RatingIndex rating_index_;   // the ratings that count (set_aside_ removed)
    SetAsideIndex set_aside_;
    void index_ratings_counted();
    void note_figures(Ranking& r);   // changed figures noted in each entry's report (note_changed_figures)
    void note_set_aside(Ranking& r) const;   // each entry says whose ratings it does not count
    std::unordered_map<std::int64_t, std::string> refused_text_;
    mutable std::optional<std::optional<MeetingCheck>> meeting_check_;
    mutable std::optional<Team> meeting_team_;   // with meeting_check_
    std::optional<std::unordered_map<std::string, std::optional<DecisionKind>>> voted_opinion_;   // reference -> opinion
    std::optional<std::vector<std::string>> changes_since_vote_;
    bool closed_ = false;   // the last answer of the store (closed())
    std::string import_notice_;
    std::string rules_text_, rules_notice_, rules_error_;
    // Dossier values Cotation cannot read, left out at load (trial 15e F1), each named with its last writer.
    std::vector<std::string> unreadable_;
    std::vector<std::string> rule_lines_;   // the rules with their statuses, read with committee_proposal()
    void pin_territory_rules();   // a campaign made before schema 14: the shipped file, once
    std::optional<std::string> reader_;
    bool replaying_script_ = false;
    bool names_trusted() const;
    // Refuses an action under a name other than the account's person (a team declared).
    void authenticate(const std::string& actor) const;
    // The journal's « who »: the person and the account, always.
    std::string journal_actor(const std::string& actor) const;
    // The last journaled change of each campaign parameter, for the letters and
    // orders (report::LetterContext::parameter_changes, trial 1011B F1).
    std::map<std::string, ParameterChange> parameter_changes();
    // What every letter, order and request for pieces reads, dated `on` (review
    // 12D M5: it was built by hand in six places): the proposal, decisions,
    // changed figures, the committee's sitting; with the journal's head
    // (journal verify --tete) when `with_head` — the letters and orders print it.
    report::LetterContext letter_context(const Date& on, bool with_head);
    void index_refusals();
    std::string interest_basis() const;   // " (art. R. 313-2-5)", or empty
    std::string not_refused(std::int64_t dossier_id) const;   // empty, or why it cannot be rated
    const std::string& organisme_of(std::int64_t dossier_id) const;
    Organisation organisation_of(std::int64_t dossier_id) const;   // name and identifiers, as links match it
    // The dossier of that id, else the one « Dossier … inconnu de la campagne » error.
    const Dossier& known_dossier(std::int64_t dossier_id) const;
    std::vector<std::size_t> entry_of_;               // dossier index -> position code
    void index_entries();                             // entry_of_ from ranking_
    // One dossier's ratings or consolidation changed: the ranking is updated
    // in place (rerank_dossier), the other caches are dropped.
    void rescore(std::int64_t dossier_id);
};

}  // namespace cotation
