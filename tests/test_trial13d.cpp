// Regressions of the attacker trial 13d (issue 13): a forged decision that
// breaks decide's own rules, names typed in NFD, the journal's protection
// dropped, a motive of one invisible character, a dossier rated on part of
// the grid ranked without a word, an entry dated in the future. Expected
// values are worked out by hand in comments, from demo/act-hlm (73 places).
#include <gtest/gtest.h>

#include "app/session.h"
#include "core/decision_rules.h"
#include "core/french.h"
#include "core/journal_rules.h"
#include "core/meeting_rules.h"
#include "core/opinion_rules.h"
#include "core/people.h"
#include "core/scoring.h"
#include "store/campaign_store.h"
#include "store/open_store.h"
#include "report/committee.h"
#include "test_support.h"

using namespace cotation;

namespace {

// A decision written straight through the store, in the coordinator's name
// from this account: the journal entry, its hash and its row digests are what
// Cotation writes, only decide's rules were skipped (trial 13d F2 forged them
// with the public algorithm).
void forge_decision(const std::string& file, const std::string& reference, const Rational& places) {
    auto s = Session::open(file);
    Decision d{DecisionKind::Retained, "", Date{2023, 6, 20}, places, std::nullopt, "", test::demo_coordinator(*s)};
    s->store().put_decision(test::id_of(*s, reference), d, test::demo_coordinator(*s) + " (compte " + Session::os_login() + ")");
}

std::string demo_campaign(const test::TempDir& dir) {
    const std::string file = dir.file("demo.cot");
    EXPECT_EQ(test::cli("demo " + file).code, 0);
    return file;
}

}  // namespace

// ---- F2: a decision granting more than asked, and more than the call holds ----

// demo/act-hlm/dossiers.csv: ACT-2023-04 asks 12 places. 73 granted to it
// breaks « no more than asked » (grant_refusal).
TEST(Trial13dForgedDecision, MoreThanAskedIsNamedAndStopsDocuments) {
    test::TempDir dir;
    const std::string file = demo_campaign(dir);
    ASSERT_EQ(test::cli("journal verify " + file).code, 0);
    std::int64_t seq = 0;
    {
        auto store = open_campaign_store_read_only(file);
        seq = store->journal_head().entries + 1;
    }
    forge_decision(file, "ACT-2023-04", Rational(73));
    test::Ran r = test::cli("journal verify " + file);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("Journal ALTÉRÉ"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("entrée " + std::to_string(seq) + " ("), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("decision, dossier/ACT-2023-04/decision) : Cotation ne l'aurait pas enregistrée, elle enfreint "
                         "une règle de la décision : Dossier « ACT-2023-04 » : La capacité accordée (73\u00A0places) dépasse "
                         "la capacité demandée (12\u00A0places)."),
              std::string::npos)
        << r.out;
    // No letters, no orders, no other decision from that journal.
    test::Ran letters = test::cli("letters " + file + " --out " + dir.file("l"));
    EXPECT_NE(letters.code, 0) << letters.out;
    EXPECT_NE(letters.out.find("aucun document n'a été écrit"), std::string::npos) << letters.out;
    EXPECT_NE(letters.out.find("dépasse la capacité demandée (12\u00A0places)"), std::string::npos) << letters.out;
    EXPECT_FALSE(std::filesystem::exists(dir.file("l/ACT-2023-04-lettre.pdf")));
    test::Ran orders = test::cli("arretes " + file + " --out " + dir.file("a"));
    EXPECT_NE(orders.code, 0) << orders.out;
    auto s = Session::open(file);
    const std::string refused = test::message_of([&] {
        s->decide(test::id_of(*s, "ACT-2023-11"),
                  {DecisionKind::NotRetained, "Capacité atteinte.", Date{2023, 6, 20}, std::nullopt, std::nullopt, "", ""},
                  test::demo_coordinator(*s));
    });
    EXPECT_NE(refused.find("aucune décision n'a été enregistrée"), std::string::npos) << refused;
}

// Each within what it asked, 78 in all for a call of 73: the demo retains
// ACT-2023-01 (15), -02 (10), -03 (8), -04 (12), -05 (15), -06 (6) = 66
// places; 8 more to ACT-2023-10 (recevable, asked 8) leave 7 for 8 asked.
// The entry that went past the capacity is the one named. (ACT-2023-07,
// irrecevable, is now named for that first: trial 13e F4, Trial13eIrrecevable.)
TEST(Trial13dForgedDecision, PastTheCallsCapacityIsNamed) {
    test::TempDir dir;
    const std::string file = demo_campaign(dir);
    {
        auto s = Session::open(file);
        Rational retained(0);
        for (const auto& [id, d] : s->decisions())
            if (d.kind == DecisionKind::Retained && d.places) retained += *d.places;
        ASSERT_EQ(retained, Rational(66));
    }
    forge_decision(file, "ACT-2023-10", Rational(8));
    test::Ran r = test::cli("journal verify " + file);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("decision, dossier/ACT-2023-10/decision) : Cotation ne l'aurait pas enregistrée, elle enfreint "
                         "une règle de la décision : Dossier « ACT-2023-10 » : Capacité restante insuffisante (reste : "
                         "7\u00A0places ; demande : 8\u00A0places)."),
              std::string::npos)
        << r.out;
    test::Ran letters = test::cli("letters " + file + " --out " + dir.file("l"));
    EXPECT_NE(letters.code, 0) << letters.out;
    EXPECT_NE(letters.out.find("Capacité restante insuffisante (reste : 7\u00A0places"), std::string::npos) << letters.out;
}

// The core rule alone: the second decision granted 73 of 12 asked; the
// third, within what it asked, goes past 20 once 12 are taken.
TEST(Trial13dForgedDecision, FirstBrokenDecisionIsTheCoreRule) {
    CapacityModel m;
    m.capacity = Rational(20);
    m.places_unit = "place|places";
    Decision ok{DecisionKind::Retained, "", Date{2023, 6, 20}, Rational(12), std::nullopt, "", ""};
    Decision greedy = ok;
    greedy.places = Rational(73);
    Decision over = ok;
    over.places = Rational(10);
    Rational twelve(12), ten(10);
    auto b = first_broken_decision(m, {{"A", &ok, &twelve}, {"B", &greedy, &twelve}});
    ASSERT_TRUE(b);
    EXPECT_EQ(b->index, 1u);
    EXPECT_EQ(b->why, "Dossier « B » : La capacité accordée (73\u00A0places) dépasse la capacité demandée (12\u00A0places).");
    b = first_broken_decision(m, {{"A", &ok, &twelve}, {"C", &over, &ten}});
    ASSERT_TRUE(b);
    EXPECT_EQ(b->index, 1u);
    EXPECT_EQ(b->why, "Dossier « C » : Capacité restante insuffisante (reste : 8\u00A0places ; demande : 10\u00A0places).");
    // A refusal without a motive is no decision decide would record.
    Decision unmotivated{DecisionKind::NotRetained, "\u200B", Date{2023, 6, 20}, std::nullopt, std::nullopt, "", ""};
    b = first_broken_decision(m, {{"A", &ok, &twelve}, {"D", &unmotivated, nullptr}});
    ASSERT_TRUE(b);
    EXPECT_EQ(b->index, 1u);
    EXPECT_FALSE(first_broken_decision(m, {{"A", &ok, &twelve}}));
}

// ---- F3: a name typed with decomposed accents (macOS) ----

namespace {
const std::string kHeleneNfc = "H\u00E9l\u00E8ne Petit";     // é, è precomposed
const std::string kHeleneNfd = "He\u0301le\u0300ne Petit";   // e + U+0301, e + U+0300
}  // namespace

TEST(Trial13dNfc, TheNfdNameIsTheNfcPerson) {
    ASSERT_NE(kHeleneNfc, kHeleneNfd);
    EXPECT_EQ(fr::nfc(kHeleneNfd), kHeleneNfc);
    EXPECT_EQ(fr::nfc(kHeleneNfc), kHeleneNfc);
    EXPECT_EQ(person_key(kHeleneNfd), person_key(kHeleneNfc));
    EXPECT_EQ(fr::name_key("R\u00C9F-1"), fr::name_key("RE\u0301F-1"));   // a reference too
    EXPECT_EQ(fr::folded(kHeleneNfd), "helene petit");

    test::TempDir dir;
    auto s = test::two_organisations_campaign(dir);
    const std::string me = Session::os_login();
    s->add_person({"Nadia Roussel", Role::Coordinator, "ARS", true, me}, "Nadia Roussel");
    s->add_person({kHeleneNfc, Role::Instructor, "ARS", true, ""}, "Nadia Roussel");
    // The store's lookup: the NFD spelling finds the NFC person.
    const Person* p = s->team().person(kHeleneNfd);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->name, kHeleneNfc);
    // Declared again in NFD: the same person, already in the team (refused), not a second one identical to the eye.
    try {
        s->add_person({kHeleneNfd, Role::Instructor, "ARS", true, ""}, "Nadia Roussel");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("« " + kHeleneNfc + " » est déjà dans l'équipe", 0), 0u) << e.what();
    }
    EXPECT_EQ(s->team().people.size(), 2u);
    s.reset();
    s = Session::open(dir.file("c.cot"));
    EXPECT_EQ(s->team().people.size(), 2u);
    EXPECT_EQ(s->team().people.count(kHeleneNfd), 0u);

    // A ratings file written on a Mac: the reviewer is the NFC one.
    s->assign(test::id_of(*s, "P"), kHeleneNfc, true, "Nadia Roussel");
    test::spit(dir.file("n.csv"), "dossier;evaluateur;critere;note;justification\nP;" + kHeleneNfd + ";A.1;4;Justifie\u0301e.\n");
    s->import_ratings_file(dir.file("n.csv"), "Nadia Roussel");
    ASSERT_EQ(s->ratings().size(), 1u);
    EXPECT_EQ(s->ratings().front().reviewer, kHeleneNfc);
    EXPECT_EQ(s->ratings().front().justification, "Justifi\u00E9e.");
}

// A person declared from the command line with an NFD name is the NFC one.
TEST(Trial13dNfc, CommandLineArgumentsAreNfc) {
    test::TempDir dir;
    auto s = test::two_organisations_campaign(dir);
    s->add_person({"Nadia Roussel", Role::Coordinator, "ARS", true, Session::os_login()}, "Nadia Roussel");
    s->add_person({kHeleneNfc, Role::Instructor, "ARS", true, ""}, "Nadia Roussel");
    s.reset();
    const std::string f = dir.file("c.cot");
    test::Ran r = test::cli("assign " + f + " --dossier P --evaluateur '" + kHeleneNfd + "' --par 'Nadia Roussel'");
    ASSERT_EQ(r.code, 0) << r.out;
    s = Session::open(f);
    const auto& assigned = s->team().assignments.at(test::id_of(*s, "P"));
    EXPECT_EQ(assigned.count(kHeleneNfc), 1u);
    EXPECT_EQ(assigned.count(kHeleneNfd), 0u);
}

// ---- F4: a required text of one invisible character is not given ----

TEST(Trial13dGivenText, InvisibleCharactersAloneAreNoText) {
    for (const char* invisible :
         {"\u200B", "\u00A0", "\u202E", "\u3000", "\u2060", "\uFEFF", " \u200B\u00A0 ", "\u0301", "\u2800"})
        EXPECT_FALSE(fr::given(invisible)) << invisible;
    for (const char* text : {"x", "é", "\u200Bok", "0", "—"}) EXPECT_TRUE(fr::given(text)) << text;
    // A rating justified by U+200B alone does not count (the justification is the rule: scoring).
    const Grid g = test::small_grid();
    const std::string criterion = g.themes.front().criteria.front().id;
    Rating r{1, "Anne", criterion, 3, "\u200B"};
    EXPECT_FALSE(rating_counts(g, r));
    r.justification = "\u00A0";
    EXPECT_FALSE(rating_counts(g, r));
    r.justification = "Projet solide.";
    EXPECT_TRUE(rating_counts(g, r));
}

// ---- F6: the journal's protection dropped, or put back with another text ----

TEST(Trial13dJournalProtection, DroppedProtectionStopsWritesAndDocuments) {
    test::TempDir dir;
    const std::string file = demo_campaign(dir);
    test::sql(file, "DROP TRIGGER journal_no_delete");
    test::Ran r = test::cli("journal verify " + file);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("déclencheur « journal_no_delete » absent : la protection du journal (qui refuse de modifier ou "
                         "d'effacer une entrée) a été effacée hors de Cotation"),
              std::string::npos)
        << r.out;
    // No document…
    test::Ran letters = test::cli("letters " + file + " --out " + dir.file("l"));
    EXPECT_NE(letters.code, 0) << letters.out;
    EXPECT_NE(letters.out.find("aucun document n'a été écrit"), std::string::npos) << letters.out;
    EXPECT_NE(letters.out.find("« journal_no_delete » absent"), std::string::npos) << letters.out;
    EXPECT_FALSE(std::filesystem::exists(dir.file("l")) && !std::filesystem::is_empty(dir.file("l")));
    // … no write (a decision, a rating), said with what to do…
    const std::int64_t entries = open_campaign_store_read_only(file)->journal_head().entries;
    auto s = Session::open(file);
    const std::string coordinator = test::demo_coordinator(*s);
    std::string refused = test::message_of([&] {
        s->decide(test::id_of(*s, "ACT-2023-11"),
                  {DecisionKind::NotRetained, "Capacité atteinte.", Date{2023, 6, 20}, std::nullopt, std::nullopt, "", ""},
                  coordinator);
    });
    EXPECT_NE(refused.find("a perdu sa protection hors de Cotation : déclencheur « journal_no_delete » absent"),
              std::string::npos)
        << refused;
    EXPECT_NE(refused.find("Rien n'a été enregistré"), std::string::npos) << refused;
    EXPECT_NE(refused.find("Reprenez la dernière sauvegarde"), std::string::npos) << refused;
    refused = test::message_of([&] { test::set_parameter(*s, "campagne.places", "80", coordinator); });
    EXPECT_NE(refused.find("a perdu sa protection"), std::string::npos) << refused;
    s.reset();
    EXPECT_EQ(open_campaign_store_read_only(file)->journal_head().entries, entries);
    // … and the ranking read, marked.
    test::Ran rank = test::cli("rank " + file);
    EXPECT_EQ(rank.code, 0) << rank.out;
    EXPECT_NE(rank.out.find("ATTENTION : la campagne a été modifiée hors de Cotation"), std::string::npos) << rank.out;
    EXPECT_NE(rank.out.find("« journal_no_delete » absent"), std::string::npos) << rank.out;
}

// Put back under its name with another text (one that lets deletions
// through): named as changed, and writes refused, as the closed campaign's locks.
TEST(Trial13dJournalProtection, ProtectionIsComparedByItsText) {
    test::TempDir dir;
    const std::string file = demo_campaign(dir);
    test::sql(file, "DROP TRIGGER journal_no_delete; CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal WHEN 0 "
                    "BEGIN SELECT RAISE(ABORT, 'le journal ne peut être que complété'); END;");
    test::Ran r = test::cli("journal verify " + file);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("déclencheur « journal_no_delete » (table journal) changé hors de Cotation"), std::string::npos)
        << r.out;
    test::Ran letters = test::cli("letters " + file + " --out " + dir.file("l"));
    EXPECT_NE(letters.code, 0) << letters.out;
    auto s = Session::open(file);
    const std::string coordinator = test::demo_coordinator(*s);
    const std::string refused = test::message_of([&] { test::set_parameter(*s, "campagne.places", "80", coordinator); });
    EXPECT_NE(refused.find("« journal_no_delete » (table journal) changé"), std::string::npos) << refused;
}

// ---- F7: a dossier rated on part of the grid is ranked, and said so ----

// Three criteria (A.1 ×2, A.2 ×1, A.3 ×1, scale 0–5). Q rated 3 on each:
// 3×2 + 3 + 3 = 12 points. P rated 4 on A.1 only: 4×2 = 8 points, on 1
// criterion of 3. No capacity declared: both proposed. P stays in the
// ranking (its rated criterion counts; the committee sees the rest is
// missing, and decide refuses to retain it before it is rated on each).
TEST(Trial13dIncompleteRating, RankedAndFlaggedWhereverTheRankingIsRead) {
    test::TempDir dir;
    auto s = test::small_campaign(dir, {{"A.1", "2"}, {"A.2", "1"}, {"A.3", "1"}},
                                  {"P;Association Alpha", "Q;Fondation Bêta"});
    s->put_rating({test::id_of(*s, "P"), "Anne", "A.1", 4, "Justifiée."}, "test");
    for (const char* c : {"A.1", "A.2", "A.3"}) s->put_rating({test::id_of(*s, "Q"), "Anne", c, 3, "Justifiée."}, "test");
    s.reset();
    const std::string f = dir.file("c.cot");

    auto r = test::cli("rank " + f);
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find(" 1  Q  12 pts  Fondation Bêta  [proposé]\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(" 2  P  8 pts  Association Alpha  [proposé]  ⚠ cotation incomplète : 1 critère noté sur 3\n"),
              std::string::npos)
        << r.out;

    r = test::cli("rank " + f + " --csv");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("\n2;P;Association Alpha;8;8;proposé;cotation incomplète : 1 critère noté sur 3;"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("\n1;Q;Fondation Bêta;12;12;proposé;;"), std::string::npos) << r.out;

    auto o = Session::open(f);
    auto v = test::committee_variables_before_meeting(*o, Date{2023, 6, 1});
    EXPECT_NE(v["classement"].find("P — Association Alpha : 8 / 20 points (A 8) — proposé — cotation incomplète : 1 critère "
                                   "noté sur 3"),
              std::string::npos)
        << v["classement"];
    EXPECT_EQ(test::count(v["classement"], "cotation incomplète"), 1u) << v["classement"];
    // The workbench's ranking reads the same observations.
    const RankEntry* p = o->entry_of(static_cast<std::size_t>(0));
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(incomplete_rating(o->grid(), *p), "cotation incomplète : 1 critère noté sur 3");
}

// ---- F5: an entry dated in 2099 ----

TEST(Trial13dFutureDate, AnEntryDatedPastTomorrowIsNamedAndNothingFollowsIt) {
    test::TempDir dir;
    auto s = test::two_organisations_campaign(dir);
    const std::string me = Session::os_login();
    s->add_person({"Nadia Roussel", Role::Coordinator, "ARS", true, me}, "Nadia Roussel");
    s.reset();
    const std::string file = dir.file("c.cot");
    const std::int64_t seq = open_campaign_store_read_only(file)->journal_head().entries + 1;
    // An entry Cotation would write but for its date (its author, account and kind are right).
    test::forge_entry(file, "2099-01-01T00:00:00Z", "Nadia Roussel (compte " + me + ")", "campagne.parametre", "campagne/essai",
                      "");
    test::Ran r = test::cli("journal verify " + file);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("entrée " + std::to_string(seq) + " (01/01/2099 à 00:00 UTC, par « Nadia Roussel (compte " + me +
                         ") », campagne.parametre) : Cotation ne l'aurait pas écrite, elle est datée du 01/01/2099 à 00:00 UTC, "
                         "après l'heure de ce poste ("),
              std::string::npos)
        << r.out;
    // The next write would have taken 2099: refused, nothing written.
    s = Session::open(file);
    const std::string refused = test::message_of(
        [&] { s->add_person({"Claire Costa", Role::CommitteeMember, "Département", true, ""}, "Nadia Roussel"); });
    // Since trial 13e F1 the gate before every write names it as `journal verify` does.
    EXPECT_NE(refused.find("entrée " + std::to_string(seq) + " (01/01/2099 à 00:00 UTC, par « Nadia Roussel (compte " + me +
                           ") », campagne.parametre) : Cotation ne l'aurait pas écrite, elle est datée du 01/01/2099 à 00:00 "
                           "UTC, après l'heure de ce poste"),
              std::string::npos)
        << refused;
    EXPECT_NE(refused.find("rien n'a été enregistré"), std::string::npos) << refused;
    s.reset();
    EXPECT_EQ(open_campaign_store_read_only(file)->journal_head().entries, seq);
    // The rule alone: a day ahead is a clock, more is not.
    EXPECT_FALSE(dated_in_future("2026-12-01T17:00:00Z", "2026-11-30T17:00:00Z"));
    EXPECT_TRUE(dated_in_future("2026-12-01T17:00:01Z", "2026-11-30T17:00:00Z"));
    EXPECT_TRUE(dated_in_future("2099-01-01T00:00:00Z", "2026-11-30T17:00:00Z"));
    EXPECT_FALSE(dated_in_future("2026-11-30T16:00:00Z", "2026-11-30T17:00:00Z"));
}
