// The procedure around the scoring: calendar, prior rejection, the
// committee's meeting. Expected values are computed by hand from the CASF
// rules quoted in docs/procedure.md and the ACT demo's dates
// (demo/act-hlm/campagne.txt: deadline 28/04/2023, committee 15/06/2023).
#include <gtest/gtest.h>

#include <fstream>

#include "app/demo.h"
#include "app/session.h"
#include "core/error.h"
#include "core/procedure.h"
#include "test_support.h"

using namespace cotation;

namespace {
Date d(int day, int month, int year) { return Date{year, month, day}; }
const CalendarStep& step(const std::vector<CalendarStep>& steps, const std::string& id) {
    for (const auto& s : steps)
        if (s.id == id) return s;
    throw std::runtime_error("étape absente : " + id);
}
}  // namespace

TEST(Calendar, DatesAddUp) {
    EXPECT_EQ(d(28, 4, 2023).plus_days(-8), d(20, 4, 2023));
    EXPECT_EQ(d(15, 6, 2023).plus_days(-15), d(31, 5, 2023));
    EXPECT_EQ(d(28, 12, 2023).plus_days(8), d(5, 1, 2024));
    EXPECT_EQ(d(28, 4, 2023).plus_months(6), d(28, 10, 2023));
    EXPECT_EQ(d(31, 8, 2023).plus_months(6), d(29, 2, 2024));   // 2024 is a leap year
    EXPECT_EQ(d(31, 8, 2022).plus_months(6), d(28, 2, 2023));
    for (long n : {-400L, -1L, 0L, 1L, 59L, 365L, 20000L})
        EXPECT_EQ(Date::from_days_since_epoch(n).days_since_epoch(), n);
}

TEST(Calendar, DueDatesAndStatesOfTheActCall) {
    CalendarFacts f;
    f.publication = d(1, 2, 2023);
    f.deadline = d(28, 4, 2023);
    f.committee = d(15, 6, 2023);
    f.recorded["reponses"] = d(21, 4, 2023);
    // 25 May 2023: the reports are due on 31 May (committee − 15 days), 6 days left.
    auto steps = procedure_calendar(f, d(25, 5, 2023));
    EXPECT_EQ(*step(steps, "questions").due, d(20, 4, 2023));   // deadline − 8 (art. R. 313-4-2)
    EXPECT_EQ(*step(steps, "reponses").due, d(23, 4, 2023));    // deadline − 5
    EXPECT_EQ(step(steps, "reponses").state, StepState::Done);
    EXPECT_EQ(step(steps, "depot").state, StepState::Done);     // a date of the procedure, passed
    EXPECT_EQ(*step(steps, "rapports").due, d(31, 5, 2023));
    EXPECT_EQ(step(steps, "rapports").state, StepState::Soon);
    EXPECT_EQ(step(steps, "rapports").days_left, 6);
    EXPECT_EQ(step(steps, "commission").state, StepState::Upcoming);
    EXPECT_EQ(*step(steps, "decision").due, d(28, 10, 2023));   // deadline + 6 months (art. R. 313-7)
    // No prior rejection: no notification step.
    EXPECT_THROW(step(steps, "notification_refus"), std::runtime_error);

    EXPECT_FALSE(step(steps, "reponses").done_late);   // answered on 21/04, due 23/04
    // Reports sent on 2 June for a meeting on 15 June: done, but under 15 days.
    CalendarFacts sent_late = f;
    sent_late.recorded["rapports"] = d(2, 6, 2023);
    EXPECT_TRUE(step(procedure_calendar(sent_late, d(5, 6, 2023)), "rapports").done_late);

    // 1 June: the reports were not recorded as sent, a day late.
    f.has_prior_rejections = true;
    steps = procedure_calendar(f, d(1, 6, 2023));
    EXPECT_EQ(step(steps, "rapports").state, StepState::Overdue);
    EXPECT_EQ(step(steps, "rapports").days_left, -1);
    EXPECT_EQ(*step(steps, "notification_refus").due, d(23, 6, 2023));   // committee + 8 days (art. R. 313-6)
    // The meeting recorded: the committee step is done on its date.
    f.meeting_held = d(15, 6, 2023);
    steps = procedure_calendar(f, d(20, 6, 2023));
    EXPECT_EQ(step(steps, "commission").state, StepState::Done);
    EXPECT_EQ(step(steps, "notification_refus").state, StepState::Soon);
    // Without dates nothing can be due.
    EXPECT_EQ(step(procedure_calendar(CalendarFacts{}, d(1, 1, 2023)), "rapports").state, StepState::Undated);
}

namespace {
// Five members with a deliberative voice (A … E), one consultative (F); D
// declared a link with the organisme of ACT-2023-07.
Team committee() {
    Team t;
    for (const char* n : {"A", "B", "C", "D", "E"}) t.people[n] = {n, Role::CommitteeMember, "ARS"};
    t.people["F"] = {"F", Role::CommitteeMember, "Fédération", false};
    t.people["Coord"] = {"Coord", Role::Coordinator, "ARS"};
    t.conflicts.push_back({"D", "Sud Habitat Santé", "Administrateur bénévole", "D", d(2, 5, 2023)});
    return t;
}
const std::map<std::string, std::string> organismes{{"ACT-2023-01", "Association Escale Santé Marseille"},
                                                    {"ACT-2023-07", "Sud Habitat Santé"}};
Meeting meeting() {
    Meeting m;
    m.date = d(15, 6, 2023);
    m.president = "A";
    m.attendance["A"] = {Presence::Present, ""};
    m.attendance["B"] = {Presence::Present, ""};
    m.attendance["C"] = {Presence::Represented, "B"};
    m.attendance["D"] = {Presence::Present, ""};
    m.attendance["F"] = {Presence::Present, ""};
    return m;
}
}  // namespace

TEST(Meeting, QuorumProxiesAndInterests) {
    Meeting m = meeting();
    MeetingCheck c = check_meeting(m, committee(), organismes);
    // 5 deliberative members; A, B, D present, C represented: 4 ≥ 3 (half at least, rounded up).
    EXPECT_EQ(c.deliberative, 5);
    EXPECT_EQ(c.present, 3);
    EXPECT_EQ(c.represented, 1);
    EXPECT_EQ(c.quorum_needed, 3);
    EXPECT_TRUE(c.quorum);
    // D may not deliberate (link with ACT-2023-07's organisme): voters A, B, C.
    ASSERT_EQ(c.interests.size(), 1u);
    EXPECT_EQ(c.interests[0].dossier_reference, "ACT-2023-07");
    EXPECT_EQ(c.voters, (std::vector<std::string>{"A", "B", "C"}));

    // E's proxy to B is refused: B already holds C's (one mandate each).
    m.attendance["E"] = {Presence::Represented, "B"};
    c = check_meeting(m, committee(), organismes);
    EXPECT_EQ(c.represented, 1);
    ASSERT_FALSE(c.problems.empty());
    EXPECT_NE(c.problems[0].find("« B » détient déjà le mandat de « C »"), std::string::npos) << c.problems[0];

    // Only A (and the consultative F) present: 1 < 3, no deliberation.
    Meeting thin;
    thin.date = m.date;
    thin.president = "A";
    thin.attendance["A"] = {Presence::Present, ""};
    thin.attendance["F"] = {Presence::Present, ""};
    thin.votes["A"] = Vote::For;
    c = check_meeting(thin, committee(), organismes);
    EXPECT_FALSE(c.quorum);
    EXPECT_FALSE(c.adopted);
    EXPECT_NE(c.outcome.find("Quorum non atteint"), std::string::npos) << c.outcome;
}

TEST(Meeting, MajorityAndThePresidentsCastingVote) {
    Meeting m = meeting();
    // Voters A, B, C (3): 2 for is a majority; D's vote is not counted.
    m.votes = {{"A", Vote::For}, {"B", Vote::For}, {"C", Vote::Against}, {"D", Vote::For}};
    MeetingCheck c = check_meeting(m, committee(), organismes);
    EXPECT_TRUE(c.adopted);
    EXPECT_EQ(c.for_, 2);
    EXPECT_EQ(c.against, 1);
    EXPECT_NE(c.problems.back().find("Vote de « D » non compté : lien déclaré"), std::string::npos) << c.problems.back();

    // 1 for, 2 against: rejected.
    m.votes = {{"A", Vote::For}, {"B", Vote::Against}, {"C", Vote::Against}};
    c = check_meeting(m, committee(), organismes);
    EXPECT_FALSE(c.adopted);
    EXPECT_NE(c.outcome.find("majorité requise : 2 voix pour"), std::string::npos) << c.outcome;

    // E present too: 4 voters, 2 for 2 against; the president (A) voted for.
    m.attendance["E"] = {Presence::Present, ""};
    m.votes = {{"A", Vote::For}, {"B", Vote::Against}, {"C", Vote::Against}, {"E", Vote::For}};
    c = check_meeting(m, committee(), organismes);
    EXPECT_TRUE(c.casting_vote);
    EXPECT_TRUE(c.adopted);
    // Same split, the president against: rejected by the casting vote.
    m.votes = {{"A", Vote::Against}, {"B", Vote::For}, {"C", Vote::For}, {"E", Vote::Against}};
    c = check_meeting(m, committee(), organismes);
    EXPECT_TRUE(c.casting_vote);
    EXPECT_FALSE(c.adopted);
    // 1 for, 1 against, 2 abstentions, the president abstaining: no casting vote.
    m.votes = {{"A", Vote::Abstain}, {"B", Vote::For}, {"C", Vote::Against}, {"E", Vote::Abstain}};
    c = check_meeting(m, committee(), organismes);
    EXPECT_FALSE(c.casting_vote);
    EXPECT_FALSE(c.adopted);
}

// On the ACT demo, before the committee: ACT-2023-09 was deposited on
// 03/05/2023, after the deadline of 28/04/2023.
TEST(PriorRejection, LateDossierRefusedBeforeScoring) {
    test::TempDir dir;
    auto s = create_demo(dir.file("demo.cot"), "act-hlm", DemoStage::Instruction);
    std::string coord = test::demo_coordinator(*s);
    // The demo's team refused it (demo/act-hlm/refus.csv); the committee may
    // revise that, with a reason.
    std::int64_t refused = s->dossiers()[*s->find("ACT-2023-09")].id;
    ASSERT_EQ(s->prior_rejections().size(), 1u);
    EXPECT_EQ(s->prior_rejections().at(refused).ground, RejectionGround::Late);
    EXPECT_THROW(s->lift_prior_rejection(refused, "", coord), InputError);
    s->lift_prior_rejection(refused, "Révision demandée en séance", coord);
    EXPECT_TRUE(s->prior_rejections().empty());
    auto late = s->late_dossiers();
    ASSERT_EQ(late.size(), 1u);
    EXPECT_EQ(s->dossiers()[late[0]].reference, "ACT-2023-09");
    std::int64_t id9 = s->dossiers()[late[0]].id;
    std::int64_t id1 = s->dossiers()[*s->find("ACT-2023-01")].id;
    // The late ground does not apply to a dossier deposited in time; a motive is required.
    EXPECT_THROW(s->reject_prior(id1, RejectionGround::Late, "Déposé hors délai", coord), InputError);
    EXPECT_THROW(s->reject_prior(id9, RejectionGround::Late, " ", coord), InputError);
    s->reject_prior(id9, RejectionGround::Late, "Dossier reçu le 03/05/2023 pour une date limite au 28/04/2023.", coord);
    EXPECT_TRUE(s->late_dossiers().empty());
    const RankEntry* e = s->entry_of(*s->find("ACT-2023-09"));
    EXPECT_EQ(e->rank, 0);
    EXPECT_NE(e->apart_reasons().front().find("art. R. 313-6, 1°"), std::string::npos);
    // No rating on a refused dossier.
    Rating r{id9, "Claire Martin (ARS, DD 13)", "I.1", 3, "essai"};
    EXPECT_THROW(s->put_rating(r, "Claire Martin (ARS, DD 13)"), InputError);
    // Kept in the file, with the journal; the calendar now shows the notification step.
    auto again = Session::open(dir.file("demo.cot"));
    EXPECT_EQ(again->prior_rejections().at(id9).ground, RejectionGround::Late);
    auto journal = again->store().journal("dossier/ACT-2023-09/refus-prealable");
    ASSERT_EQ(journal.size(), 3u);   // refused by the demo, lifted, refused again
    EXPECT_EQ(journal[1].new_value, "levé");
    EXPECT_EQ(*step(again->calendar(d(16, 6, 2023)), "notification_refus").due, d(23, 6, 2023));
}

// The committee's opinion is the ranking it voted; what moved since is said.
TEST(Meeting, ChangesSinceTheVote) {
    std::vector<VotedEntry> voted{{"A", 1, "200", DecisionKind::Retained},
                                  {"B", 2, "190", DecisionKind::Retained},
                                  {"C", 3, "150", DecisionKind::NotRetained}};
    std::vector<VotedEntry> now{{"B", 1, "201", DecisionKind::Retained},
                                {"A", 2, "200", DecisionKind::Retained},
                                {"C", 0, "", std::nullopt},
                                {"D", 3, "120", DecisionKind::NotRetained}};
    EXPECT_EQ(ranking_changes(voted, now),
              (std::vector<std::string>{"A : rang 1 → 2", "B : rang 2 → 1", "C : rang 3 → hors classement, non retenu → en attente",
                                        "D : dossier ajouté depuis le vote"}));
    EXPECT_TRUE(ranking_changes(voted, voted).empty());
}
