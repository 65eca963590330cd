#pragma once
// The procedure around the scoring, as the campaign's procedure file declares
// it (procedure_def.h: an appel à projets of the CASF, an appel à
// candidatures, or another kind an authority writes): the calendar and its
// due dates, the prior rejection of dossiers before scoring, and the
// selection committee's meeting (attendance, quorum, proxies, members who may
// not deliberate, vote on the ranking, observations) and each member's
// opinion on a dossier. Pure rules, no I/O; docs/procedure.md.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "date.h"
#include "procedure_def.h"
#include "scoring.h"
#include "team.h"

namespace cotation {

// ---- Prior rejection ------------------------------------------------------
// Refused before the committee, by a motivated decision, where the procedure
// declares it (art. R. 313-6 for an appel à projets; the call's own grounds
// for an appel à candidatures).
enum class RejectionGround { Late, Irregular, OffTopic };
// Neutral wording, without any article ("déposé après la date limite"); the
// procedure's own label: ground_label(procedure, g).
const char* ground_label(RejectionGround g);
std::string ground_label(const ProcedureDef& p, RejectionGround g);
const char* ground_code(RejectionGround g);    // "hors-delai", "irregulier", "hors-sujet"
std::optional<RejectionGround> ground_from_text(const std::string& text);

struct PriorRejection {
    RejectionGround ground = RejectionGround::Late;
    std::string motive;
    Date date;
    std::string author;
};
using PriorRejectionIndex = std::unordered_map<std::int64_t, PriorRejection>;

// ---- Calendar --------------------------------------------------------------
enum class StepState { Done, Upcoming, Soon, Overdue, Undated };
const char* step_state_label(StepState s);   // "fait", "à venir", "proche", "en retard", "à dater"

struct CalendarStep {
    std::string id;       // "reponses", "rapports", …
    std::string label;    // what must happen, in French
    std::string basis;    // the article it comes from
    std::optional<Date> due;
    std::optional<Date> done;
    StepState state = StepState::Undated;
    long days_left = 0;   // due - today (negative once passed)
    bool obligation = false;   // the authority must do it (else a date of the procedure)
    bool done_late = false;    // done, but after its due date (e.g. reports sent under 15 days)

    std::string short_label() const { return label.substr(0, label.find(" (")); }   // without the explanation
};

// What needs attention: steps late and near, and the first of them.
struct CalendarAlert {
    int late = 0, soon = 0;
    const CalendarStep* first = nullptr;
};
CalendarAlert calendar_alert(const std::vector<CalendarStep>& steps);
// Whether the workbench's banner warns of the procedure's deadlines: not
// once the authority's decisions are taken — decisions recorded and no
// dossier awaiting one (a new user's trial: it still warned after them);
// while `awaiting` dossiers (neither decided nor refused beforehand) wait,
// it warns, whatever the calendar infers of the « decision » step from the
// steps after it. The calendar and the status bar keep every step.
bool deadline_banner_shown(const std::vector<CalendarStep>& steps, std::size_t decisions, std::size_t awaiting);

struct CalendarFacts {
    std::map<std::string, Date> dates;      // the campaign's date parameters ("campagne.date_limite" -> …)
    std::map<std::string, Date> recorded;   // step id -> date the authority recorded it done
    std::optional<Date> meeting_held;       // the committee's vote was recorded
    std::optional<Date> all_decided;        // every dossier has a decision (the last one's date)
    bool has_prior_rejections = false;
};

// Days before a due date from which a step is "proche".
constexpr int calendar_warning_days = 7;

// The procedure's steps in order, with their due dates and state on `today`.
// A due date counts from a named date of the campaign ("date_limite" is
// "campagne.date_limite") or from an earlier step's due date.
std::vector<CalendarStep> procedure_calendar(const ProcedureDef& procedure, const CalendarFacts& facts, const Date& today);

// ---- The committee's meeting ----------------------------------------------
enum class Presence { Present, Absent, Represented };
enum class Vote { For, Against, Abstain };
const char* vote_label(Vote v);   // "pour", "contre", "abstention"
std::optional<Vote> vote_from_text(const std::string& text);

struct Attendance {
    Presence presence = Presence::Absent;
    std::string proxy;   // who holds the mandate, when represented
    bool operator==(const Attendance&) const = default;
};

// One line of the ranking as the committee voted it. Kept with the vote:
// later changes of ratings do not rewrite the committee's opinion.
struct VotedEntry {
    std::string reference;
    int rank = 0;                          // 0 when set apart
    std::string total;                     // canonical, empty when set apart
    std::optional<DecisionKind> opinion;   // none while awaiting arbitration
    // Retained for part of its request (a partial grant of the proposal the
    // committee voted on): the places, canonical; empty for the whole request
    // (trial 1011D: the minutes left out ACT23-1 voted for 5 places of 16).
    std::string places = {};
    // Why the proposal voted did not retain it (capacity, a territorial rule,
    // the variant), as voted: the minutes never print today's reason for
    // yesterday's vote (trial 1011E F4). Empty when retained or not kept.
    std::string reason = {};
};
std::vector<VotedEntry> voted_entries(const Ranking& ranking, const std::vector<Dossier>& dossiers);
// What differs between the voted ranking and today's, in French (« ACT-2023-06 : du 5e au 4e rang »),
// in words: the PDF font (CP1252) has no arrow.
std::vector<std::string> ranking_changes(const std::vector<VotedEntry>& voted, const std::vector<VotedEntry>& now);

struct Meeting {
    Date date;
    std::string president;
    // As declared with the meeting (seance --civilite), for the minutes'
    // agreements (« La présidente de séance », « de la présidente »); none
    // when not declared.
    std::optional<Civility> president_civility = {};
    // Names in French collation order (fr::collate_less), as the minutes list them.
    std::map<std::string, Attendance, fr::CollateLess> attendance;   // committee member -> presence
    std::map<std::string, Vote, fr::CollateLess> votes;             // member (or represented member) -> vote
    std::vector<std::pair<std::string, std::string>> observations;   // member, text
    std::vector<VotedEntry> voted;                 // the ranking submitted to the vote
    // The allocation rules with their statuses and figures as put to the vote
    // (capacity, envelope, cap…), kept with it: a parameter changed after the
    // séance never rewrites what the committee voted on (trial 1011C F2).
    // Empty for a vote recorded before they were kept.
    std::vector<std::string> voted_rules = {};
    // The allocation voted on, kept with the vote (trial 1011D: an allocation
    // recorded after the séance read as the one voted): `allocation_kept`
    // for a vote recorded since it is; `voted_allocation`, the coordinator's
    // variant in the minutes' words (what it retains, its partial grants,
    // the rules it departs from, its motive), empty for the ranking order.
    bool allocation_kept = false;
    std::string voted_allocation = {};
    // The dossiers' vigilance points as the committee saw them, one a line
    // (« ACT-2023-04 — … »): a figure changed after the séance never rewrites
    // them (trial 1011D). Empty for a vote recorded before they were kept.
    std::vector<std::string> voted_vigilance = {};
};

// A member with a declared link to a candidate organisation may not take
// part in the deliberations on its dossier (art. R. 313-2-5 for the CASF
// committee; the rule of impartiality for any other): in Cotation the
// ranking is voted as a whole, so that member does not vote on it.
struct Interest {
    std::string member, organisme, dossier_reference;
};

struct MeetingCheck {
    int deliberative = 0;        // committee members with a deliberative voice
    int present = 0, represented = 0;
    int quorum_needed = 0;       // the rules' share of the deliberative members, rounded up
    bool quorum = false;
    std::vector<std::string> voters;      // who may vote on the ranking (present or represented, no interest)
    std::vector<Interest> interests;      // who may not deliberate on which dossier
    std::vector<std::string> problems;    // proxies refused, votes not counted, in French
    int for_ = 0, against = 0, abstain = 0, missing = 0;
    bool casting_vote = false;   // the president's vote settled an equal split
    bool adopted = false;
    std::string outcome;         // the sentence of the minutes
};

// `rules`: quorum, proxies and casting vote of the committee (defaults:
// half, one mandate each, the president's casting vote).
// `organisations`: who files each dossier, by reference (identity_of); a
// member's declared link covers a dossier as declaration_covers says (name,
// SIREN or FINESS: review 12C M1, the exact name only before).
MeetingCheck check_meeting(const Meeting& m, const Team& team, const std::map<std::string, Organisation>& organisations,
                           const CommitteeRules& rules = {});

// ---- Members' opinions on a dossier ---------------------------------------
enum class Opinion { Favourable, Unfavourable, Reserved };
const char* opinion_label(Opinion o);   // "favorable", "défavorable", "réservé"
std::optional<Opinion> opinion_from_text(const std::string& text);

struct MemberOpinion {
    std::string member;
    Opinion opinion = Opinion::Favourable;
    std::string comment;
};
using OpinionIndex = std::unordered_map<std::int64_t, std::vector<MemberOpinion>>;   // dossier id -> opinions

}  // namespace cotation
