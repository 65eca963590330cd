// The procedure around the scoring: calendar, prior rejection, the
// committee's meeting. Expected values are computed by hand from the rules of
// each procedure file (procedures/*.xml, quoted in docs/procedure.md) and the
// demos' dates (demo/act-hlm/campagne.txt: deadline 28/04/2023, committee
// 15/06/2023, letters 30/06/2023).
#include <gtest/gtest.h>

#include "core/read_rules.h"
#include "core/meeting_rules.h"

#include <fstream>

#include "app/demo.h"
#include "app/session.h"
#include "core/error.h"
#include "core/procedure.h"
#include "io/procedure_reader.h"
#include "io/xml_tree.h"
#include "test_support.h"

using namespace cotation;

namespace {
Date d(int day, int month, int year) { return Date{year, month, day}; }
const ProcedureDef& casf() {
    static const ProcedureDef p = io::read_procedure(io::read_file(test::source_dir() + "/procedures/appel-a-projets-casf.xml"),
                                                     "appel-a-projets-casf.xml");
    return p;
}
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

TEST(Calendar, DueDatesAndStatesOfTheCasfProcedure) {
    CalendarFacts f;
    f.dates["campagne.date_publication"] = d(1, 2, 2023);
    f.dates["campagne.date_limite"] = d(28, 4, 2023);
    f.dates["campagne.date_commission"] = d(15, 6, 2023);
    f.recorded["reponses"] = d(21, 4, 2023);
    // 25 May 2023: the reports are due on 31 May (committee − 15 days), 6 days left.
    auto steps = procedure_calendar(casf(), f, d(25, 5, 2023));
    EXPECT_EQ(*step(steps, "questions").due, d(20, 4, 2023));   // deadline − 8 (art. R. 313-4-2)
    EXPECT_EQ(*step(steps, "reponses").due, d(23, 4, 2023));    // deadline − 5
    EXPECT_EQ(step(steps, "reponses").state, StepState::Done);
    EXPECT_EQ(step(steps, "depot").state, StepState::Done);     // a date of the procedure, passed
    EXPECT_EQ(*step(steps, "rapports").due, d(31, 5, 2023));
    EXPECT_EQ(step(steps, "rapports").state, StepState::Soon);
    EXPECT_EQ(step(steps, "rapports").days_left, 6);
    EXPECT_EQ(step(steps, "commission").state, StepState::Upcoming);
    EXPECT_EQ(*step(steps, "decision").due, d(28, 10, 2023));   // deadline + 6 months (art. R. 313-7)
    EXPECT_EQ(casf().silence_rejects, "decision");
    // No prior rejection: no notification step.
    EXPECT_THROW(step(steps, "notification_refus"), std::runtime_error);

    EXPECT_FALSE(step(steps, "reponses").done_late);   // answered on 21/04, due 23/04
    // Reports sent on 2 June for a meeting on 15 June: done, but under 15 days.
    CalendarFacts sent_late = f;
    sent_late.recorded["rapports"] = d(2, 6, 2023);
    EXPECT_TRUE(step(procedure_calendar(casf(), sent_late, d(5, 6, 2023)), "rapports").done_late);

    // 1 June: the reports were not recorded as sent, a day late.
    f.has_prior_rejections = true;
    steps = procedure_calendar(casf(), f, d(1, 6, 2023));
    EXPECT_EQ(step(steps, "rapports").state, StepState::Overdue);
    EXPECT_EQ(step(steps, "rapports").days_left, -1);
    // Counted from the committee step's due date: 15/06 + 8 days (art. R. 313-6).
    EXPECT_EQ(*step(steps, "notification_refus").due, d(23, 6, 2023));
    // The meeting recorded: the committee step is done on its date.
    f.meeting_held = d(15, 6, 2023);
    steps = procedure_calendar(casf(), f, d(20, 6, 2023));
    EXPECT_EQ(step(steps, "commission").state, StepState::Done);
    EXPECT_EQ(step(steps, "notification_refus").state, StepState::Soon);
    // Without dates nothing can be due.
    EXPECT_EQ(step(procedure_calendar(casf(), CalendarFacts{}, d(1, 1, 2023)), "rapports").state, StepState::Undated);
    // The committee and its rules come from the file.
    ASSERT_TRUE(casf().committee);
    EXPECT_EQ(casf().committee->name, "commission d'information et de sélection");
    EXPECT_EQ(casf().committee->interest_basis, "art. R. 313-2-5");
    EXPECT_EQ(ground_label(casf(), RejectionGround::Late), "déposé au-delà du délai fixé par l'avis (art. R. 313-6, 1°)");
}

// The UPHV call (Cahier des charges de l'AAC n°1/2019 du Département de la
// Charente-Maritime): an appel à candidatures, with the grid's own step, the
// opening of the units before the end of the first half of 2020 (§4.3).
// Dates of the UPHV demo: publication 01/07/2019, deadline 30/09/2019,
// committee 15/11/2019, letters 29/11/2019, opening at the latest 30/06/2020.
TEST(Calendar, AppelACandidaturesWithTheCallsOwnStep) {
    Grid uphv = io::read_grid_file(test::source_dir() + "/scoring-grids/uphv-17-2019.xml");
    EXPECT_EQ(uphv.procedure.procedure_id, "appel-a-candidatures");
    ProcedureDef base = io::read_procedure(io::read_file(test::source_dir() + "/procedures/appel-a-candidatures.xml"),
                                           "appel-a-candidatures.xml");
    EXPECT_TRUE(base.silence_rejects.empty());   // no « silence vaut rejet » (art. R. 313-7 is the CASF's)
    ProcedureDef p = amend_procedure(base, uphv.procedure);
    CalendarFacts f;
    f.dates["campagne.date_publication"] = d(1, 7, 2019);
    f.dates["campagne.date_limite"] = d(30, 9, 2019);
    f.dates["campagne.date_commission"] = d(15, 11, 2019);
    f.dates["campagne.date_courrier"] = d(29, 11, 2019);
    f.dates["campagne.ouverture_max"] = d(30, 6, 2020);
    auto steps = procedure_calendar(p, f, d(10, 11, 2019));
    std::vector<std::string> ids;
    for (const auto& st : steps) {
        ids.push_back(st.id);
        EXPECT_EQ(st.basis.find("R. 313"), std::string::npos) << st.id << " : " << st.basis;
        EXPECT_EQ(st.label.find("commission d'information"), std::string::npos) << st.label;
    }
    // The grid's step comes after the notification; no prior rejection: no step for it.
    EXPECT_EQ(ids, (std::vector<std::string>{"publication", "depot", "instruction", "commission", "decision", "notification",
                                             "ouverture"}));
    // 10/11/2019: instruction due with the committee on 15/11, 5 days left.
    EXPECT_EQ(*step(steps, "instruction").due, d(15, 11, 2019));
    EXPECT_EQ(step(steps, "instruction").state, StepState::Soon);
    EXPECT_EQ(step(steps, "instruction").days_left, 5);
    EXPECT_EQ(*step(steps, "notification").due, d(29, 11, 2019));
    EXPECT_EQ(*step(steps, "ouverture").due, d(30, 6, 2020));   // campagne.ouverture_max
    EXPECT_EQ(step(steps, "ouverture").state, StepState::Upcoming);
    EXPECT_TRUE(p.recordable("ouverture"));
    // 1 July 2020: the opening was not recorded, a day late.
    EXPECT_EQ(step(procedure_calendar(p, f, d(1, 7, 2020)), "ouverture").state, StepState::Overdue);
    ASSERT_TRUE(p.committee);
    EXPECT_EQ(p.committee->name, "commission de sélection");
    EXPECT_FALSE(p.committee->required);
    EXPECT_EQ(ground_label(p, RejectionGround::Late).find("R. 313"), std::string::npos);

    // A grid that does without a committee loses its steps.
    ProcedureAmendment none = uphv.procedure;
    none.no_committee = true;
    ProcedureDef bare = amend_procedure(base, none);
    EXPECT_FALSE(bare.committee);
    for (const auto& st : procedure_calendar(bare, f, d(10, 11, 2019))) EXPECT_NE(st.id, "commission");
    // The CASF committee is not the grid's to drop (art. R. 313-1 et s.).
    EXPECT_THROW(amend_procedure(casf(), none), InputError);
}

TEST(Calendar, DueRulesAsWritten) {
    auto r = parse_due_rule("date_commission - 15 jours");
    ASSERT_TRUE(std::holds_alternative<DueRule>(r));
    EXPECT_EQ(std::get<DueRule>(r), (DueRule{"date_commission", -15, 0}));
    EXPECT_EQ(std::get<DueRule>(parse_due_rule("date_limite + 6 mois")), (DueRule{"date_limite", 0, 6}));
    EXPECT_EQ(std::get<DueRule>(parse_due_rule("campagne.ouverture_max")), (DueRule{"campagne.ouverture_max", 0, 0}));
    EXPECT_EQ(std::get<DueRule>(parse_due_rule("notification-refus + 1 jour")), (DueRule{"notification-refus", 1, 0}));
    EXPECT_EQ(due_rule_text(DueRule{"date_commission", -15, 0}), "date_commission - 15 jours");
    for (const char* bad : {"date_limite + 6 semaines", "date_limite +", "date_limite + jours", "", "deux mots"})
        EXPECT_TRUE(std::holds_alternative<std::string>(parse_due_rule(bad))) << bad;
}

// Every error in a procedure file names the file and the line.
TEST(Calendar, ProcedureFileErrorsNameFileAndLine) {
    auto error_of = [](const std::string& xml) {
        try {
            io::read_procedure(xml, "p.xml");
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("pas d'erreur");
    };
    const std::string head = "<procedure id=\"p\" version=\"1\" nature=\"appel à candidatures\" title=\"Essai\">\n";
    // Line 2: an unknown way of being done.
    std::string e = error_of(head + "<step id=\"a\" label=\"A\" due=\"date_limite\" done=\"jamais\"/>\n</procedure>\n");
    EXPECT_NE(e.find("p.xml, ligne 2, <step id=\"a\">"), std::string::npos) << e;
    EXPECT_NE(e.find("done"), std::string::npos) << e;
    // Line 3: a due date in weeks.
    e = error_of(head + "<step id=\"a\" label=\"A\"/>\n<step id=\"b\" label=\"B\" due=\"a + 2 semaines\"/>\n</procedure>\n");
    EXPECT_NE(e.find("p.xml, ligne 3, <step id=\"b\">"), std::string::npos) << e;
    EXPECT_NE(e.find("semaines"), std::string::npos) << e;
    // Line 2 counts from the step of line 3: refused (a later step).
    e = error_of(head + "<step id=\"a\" label=\"A\" due=\"b + 1 jour\"/>\n<step id=\"b\" label=\"B\"/>\n</procedure>\n");
    EXPECT_NE(e.find("p.xml, ligne 2, étape « a »"), std::string::npos) << e;
    // An element the format does not know, line 2.
    e = error_of(head + "<etape id=\"a\"/>\n</procedure>\n");
    EXPECT_NE(e.find("p.xml, ligne 2, <etape id=\"a\"> : élément inconnu"), std::string::npos) << e;
    // A step done at the meeting without a committee, line 2.
    e = error_of(head + "<step id=\"c\" label=\"C\" done=\"seance\" obligation=\"oui\"/>\n</procedure>\n");
    EXPECT_NE(e.find("p.xml, ligne 2, <step id=\"c\">"), std::string::npos) << e;
    // A grid's step placed after a step the procedure lacks: the grid's file and line.
    const std::string grid = "<grid id=\"g\" version=\"1\" title=\"t\">\n<theme id=\"A\" label=\"T\">\n"
                             "<criterion id=\"A.1\" label=\"Un\" coefficient=\"2\"/>\n</theme>\n"
                             "<procedure ref=\"appel-a-candidatures\">\n<step id=\"x\" after=\"inconnue\" label=\"X\"/>\n</procedure>\n</grid>\n";
    Grid g = io::read_grid(grid, "g.xml");
    ProcedureDef base = io::read_procedure(io::read_file(test::source_dir() + "/procedures/appel-a-candidatures.xml"),
                                           "appel-a-candidatures.xml");
    try {
        amend_procedure(base, g.procedure);
        ADD_FAILURE() << "étape après une étape absente acceptée";
    } catch (const InputError& x) {
        EXPECT_NE(std::string(x.what()).find("g.xml, ligne 6, étape « x »"), std::string::npos) << x.what();
    }
    // The authority's kind is one of three.
    try {
        io::read_grid("<grid id=\"g\" version=\"1\" title=\"t\">\n<authority kind=\"prefecture\" name=\"P\" signatory-title=\"Le Préfet\"/>\n"
                      "<theme id=\"A\" label=\"T\"><criterion id=\"A.1\" label=\"U\" coefficient=\"1\"/></theme>\n</grid>\n",
                      "g.xml");
        ADD_FAILURE() << "type d'autorité inconnu accepté";
    } catch (const InputError& x) {
        EXPECT_NE(std::string(x.what()).find("g.xml, ligne 2, <authority> : type d'autorité « prefecture » inconnu"), std::string::npos)
            << x.what();
    }
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
const std::map<std::string, Organisation> organismes{{"ACT-2023-01", "Association Escale Santé Marseille"},
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
    // Counted in words (fr::plural): A alone is one member present.
    EXPECT_NE(c.outcome.find("Quorum non atteint : 1 membre à voix délibérative présent ou représenté sur "), std::string::npos) << c.outcome;
    EXPECT_EQ(c.outcome.find("(s)"), std::string::npos) << c.outcome;
}

// Review 12C M1: the meeting's check matched a declared link by the exact
// name of the organisme, where the core's rule (declaration_covers, used for
// opinions and ratings) also matches the normalised name and the SIREN or
// FINESS kept with the declaration (trial 13b F8). D declared a link with
// « Sud Habitat Santé », SIREN 419514906; the same organisation files
// ACT-2023-09 as « Résidences SHS » (SIRET 419 514 906 00029) and ACT-2023-11
// as « SUD HABITAT SANTÉ »: D takes part in neither, A, B, C vote.
TEST(Meeting, ALinkCoversTheOrganisationsDossiersUnderAnotherNameAsTheCoreSays) {
    Team t = committee();
    t.conflicts[0].identifiers = "siren:419514906";
    const std::map<std::string, Organisation> filed{
        {"ACT-2023-01", {"Association Escale Santé Marseille", "78345678900012", ""}},
        {"ACT-2023-09", {"Résidences SHS", "41951490600029", ""}},
        {"ACT-2023-11", {"SUD HABITAT SANTÉ", "", ""}}};
    MeetingCheck c = check_meeting(meeting(), t, filed);
    ASSERT_EQ(c.interests.size(), 2u);
    EXPECT_EQ(c.interests[0].member, "D");
    EXPECT_EQ(c.interests[0].dossier_reference, "ACT-2023-09");
    EXPECT_EQ(c.interests[0].organisme, "Résidences SHS");
    EXPECT_EQ(c.interests[1].dossier_reference, "ACT-2023-11");
    EXPECT_EQ(c.voters, (std::vector<std::string>{"A", "B", "C"}));
    // The same dossiers as the committee view and file list beside the declaration.
    std::vector<Dossier> dossiers;
    for (const auto& [ref, o] : filed) {
        Dossier d;
        d.reference = ref;
        d.organisme = o.name;
        d.siret = o.siret;
        dossiers.push_back(d);
    }
    EXPECT_EQ(covered_references(t.conflicts[0], dossiers), (std::vector<std::string>{"ACT-2023-09", "ACT-2023-11"}));
    // Without the SIREN kept, only the name: ACT-2023-11 alone, and D still does not vote.
    t.conflicts[0].identifiers.clear();
    c = check_meeting(meeting(), t, filed);
    ASSERT_EQ(c.interests.size(), 1u);
    EXPECT_EQ(c.interests[0].dossier_reference, "ACT-2023-11");
    EXPECT_EQ(c.voters, (std::vector<std::string>{"A", "B", "C"}));
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
    // An appel à candidatures: the call's own ground, no article of the CASF.
    EXPECT_NE(e->apart_reasons().front().find("Rejet avant évaluation — dossier déposé après la date limite fixée par l'avis"),
              std::string::npos) << e->apart_reasons().front();
    EXPECT_EQ(e->apart_reasons().front().find("R. 313"), std::string::npos);
    // No rating on a refused dossier.
    Rating r{id9, "Claire Martin (ARS, DD 13)", "I.1", 3, "essai"};
    EXPECT_THROW(s->put_rating(r, "Claire Martin (ARS, DD 13)"), InputError);
    // Kept in the file, with the journal; the calendar now shows the notification step.
    auto again = Session::open(dir.file("demo.cot"));
    EXPECT_EQ(again->prior_rejections().at(id9).ground, RejectionGround::Late);
    auto journal = again->store().journal("dossier/ACT-2023-09/refus-prealable");
    ASSERT_EQ(journal.size(), 3u);   // refused by the demo, lifted, refused again
    EXPECT_EQ(journal[1].new_value, "levé");
    // Notified with the letters (campagne.date_courrier of the demo: 30/06/2023).
    EXPECT_EQ(*step(again->calendar(d(16, 6, 2023)), "notification_refus").due, d(30, 6, 2023));
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
              (std::vector<std::string>{"A : du 1er au 2e rang", "B : du 2e au 1er rang",
                                        "C : 3e rang, puis hors classement ; non retenu, puis en attente",
                                        "D : dossier ajouté depuis le vote"}));
    EXPECT_TRUE(ranking_changes(voted, voted).empty());
}

// Trial 1011D: a partial grant voted (5 places of a request), then the whole
// request, or another share: said, with the places.
TEST(Meeting, ChangesSinceTheVoteSayAPartialGrant) {
    std::vector<VotedEntry> voted{{"A", 1, "200", DecisionKind::Retained, "5"}, {"B", 2, "190", DecisionKind::Retained}};
    std::vector<VotedEntry> now{{"A", 1, "200", DecisionKind::Retained}, {"B", 2, "190", DecisionKind::Retained, "1"}};
    EXPECT_EQ(ranking_changes(voted, now), (std::vector<std::string>{"A : retenu pour 5 places, puis retenu pour sa demande entière",
                                                                      "B : retenu pour sa demande entière, puis retenu pour 1 place"}));
}

// Trial 1011D: after the vote, the allocation voted on changes only with a
// written motive, which the minutes cite.
TEST(Meeting, AnAllocationChangedAfterTheVoteNeedsAMotive) {
    EXPECT_EQ(allocation_change_after_vote_refusal(std::nullopt, ""), "");
    Meeting m;
    m.date = Date{2019, 11, 15};
    m.president = "P";
    EXPECT_EQ(allocation_change_after_vote_refusal(m, ""), "");   // a séance without a vote yet
    m.votes["P"] = Vote::For;
    const std::string no = allocation_change_after_vote_refusal(m, "  ");
    EXPECT_NE(no.find("La commission a voté le 15/11/2019 sur la répartition qui lui était soumise : la changer après la séance "
                      "demande un motif (--motif)"),
              std::string::npos) << no;
    EXPECT_EQ(allocation_change_after_vote_refusal(m, "Équilibre nord-sud"), "");
}

// Trial finding 20: the committee sat on 15/11/2019 and every decision was
// taken on 02/12/2019, but nobody declared « instruction »: it stayed « en
// retard » for ever. A later step done implies the authority's steps before
// it. Trial finding 4: read on 15/11/2019 (the committee file's date), the
// decisions of 02/12/2019 are not done yet.
TEST(Calendar, ALaterStepDoneImpliesTheEarlierOnesAndNothingIsDoneBeforeItsDay) {
    Grid uphv = io::read_grid_file(test::source_dir() + "/scoring-grids/uphv-17-2019.xml");
    ProcedureDef p = amend_procedure(io::read_procedure(io::read_file(test::source_dir() + "/procedures/appel-a-candidatures.xml"),
                                                        "appel-a-candidatures.xml"),
                                     uphv.procedure);
    CalendarFacts f;
    f.dates["campagne.date_publication"] = d(1, 7, 2019);
    f.dates["campagne.date_limite"] = d(30, 9, 2019);
    f.dates["campagne.date_commission"] = d(15, 11, 2019);
    f.dates["campagne.date_courrier"] = d(29, 11, 2019);
    f.dates["campagne.ouverture_max"] = d(30, 6, 2020);
    // Without the meeting: on 1/12/2019 the instruction (due 15/11) is late.
    EXPECT_EQ(step(procedure_calendar(p, f, d(1, 12, 2019)), "instruction").state, StepState::Overdue);
    f.meeting_held = d(15, 11, 2019);
    f.all_decided = d(2, 12, 2019);
    auto later = procedure_calendar(p, f, d(10, 12, 2019));
    EXPECT_EQ(step(later, "instruction").state, StepState::Done);
    EXPECT_FALSE(step(later, "instruction").done);   // no date of its own: implied by the meeting
    EXPECT_EQ(step(later, "decision").state, StepState::Done);
    EXPECT_EQ(*step(later, "decision").done, d(2, 12, 2019));
    // The notification (due 29/11) is not implied by anything after it: still late.
    EXPECT_EQ(step(later, "notification").state, StepState::Overdue);
    // On the committee's day: the meeting is done, the decisions of 2/12 are not yet.
    auto on_meeting = procedure_calendar(p, f, d(15, 11, 2019));
    EXPECT_EQ(step(on_meeting, "commission").state, StepState::Done);
    EXPECT_EQ(step(on_meeting, "instruction").state, StepState::Done);
    EXPECT_NE(step(on_meeting, "decision").state, StepState::Done);
    EXPECT_FALSE(step(on_meeting, "decision").done);
    // The day before the meeting: nothing of the committee's is done.
    auto before = procedure_calendar(p, f, d(14, 11, 2019));
    EXPECT_EQ(step(before, "commission").state, StepState::Soon);
    EXPECT_EQ(step(before, "instruction").state, StepState::Soon);
}

// A new user's trial (docs10 item 8): the workbench still warned of the
// procedure's deadlines after the decisions were taken. Once one is
// recorded, the banner goes; the calendar keeps every step.
TEST(Calendar, TheDeadlineBannerGoesOnceDecisionsAreTaken) {
    std::vector<CalendarStep> steps(2);
    steps[0].id = "decision";
    steps[0].state = StepState::Overdue;   // a dossier still awaits its decision
    steps[1].id = "notification";
    steps[1].state = StepState::Overdue;
    steps[1].due = d(30, 11, 2022);
    ASSERT_EQ(calendar_alert(steps).late, 2);
    EXPECT_TRUE(deadline_banner_shown(steps, 0, 4));
    EXPECT_TRUE(deadline_banner_shown(steps, 3, 1));    // decisions recorded, one dossier still waits: said
    // The « decision » step read done from the steps after it (the notification
    // recorded) while a dossier still waits: said all the same (the ACT demo, ACT-2023-10).
    steps[0].state = StepState::Done;
    EXPECT_TRUE(deadline_banner_shown(steps, 3, 1));
    EXPECT_FALSE(deadline_banner_shown(steps, 3, 0));   // every dossier decided: was shown (the trial)
    EXPECT_TRUE(deadline_banner_shown(steps, 0, 0));
    EXPECT_FALSE(deadline_banner_shown({}, 0, 2));      // nothing due: no banner
}
