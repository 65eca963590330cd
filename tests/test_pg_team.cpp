// A team on one shared campaign (issue 15, the team side): a campaign named
// by a URI wherever a file is, no lost update between two writers, the
// detector that refreshes a window when another person changed the campaign.
// The tests that need a server run under ctest's store.postgresql (a
// throw-away cluster, COTATION_TEST_PG_URI); the others everywhere.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>

#include "core/french.h"
#include "core/read_rules.h"
#include "app/campaign_watch.h"
#include "app/demo.h"
#include "app/session.h"
#include "core/error.h"
#include "store/open_store.h"
#include "store/campaign_store.h"
#include "test_support.h"
#ifdef COTATION_POSTGRESQL
#include "app/share.h"
#include "store/pg_store.h"
#include <libpq-fe.h>
#include "store/write_check.h"
#endif

using namespace cotation;

namespace {

Campaign small_campaign(const std::string& reference) {
    Campaign c;
    c.reference = reference;
    c.title = "Appel à candidatures « habitat inclusif » 2025";
    c.authority.name = "Département de la Charente-Maritime";
    c.parameters["campagne.places"] = Rational(73);
    return c;
}

PinnedGrid small_grid() { return test::pinned_test_grid(); }

Dossier dossier(const std::string& reference) {
    Dossier d;
    d.reference = reference;
    d.organisme = "Association " + reference;
    return d;
}

using test::message_of;

}  // namespace

// ---- without a server -------------------------------------------------------

TEST(OpenStore, ServerCampaignUriFromTheDialogFields) {
    EXPECT_EQ(server_campaign_uri({"srv.ars.fr", "5433", "cotation", "ACT 2023/1", "claire"}),
              "postgresql://claire@srv.ars.fr:5433/cotation?campagne=ACT%202023%2F1");
    EXPECT_EQ(server_campaign_uri({" localhost ", "", "base", "HI", ""}), "postgresql://localhost/base?campagne=HI");
    EXPECT_EQ(server_campaign_uri({"::1", "5432", "b", "c", ""}), "postgresql://[::1]:5432/b?campagne=c");
    EXPECT_NE(message_of([] { server_campaign_uri({"h", "54x", "b", "c", ""}); }).find("le port « 54x »"), std::string::npos);
    EXPECT_NE(message_of([] { server_campaign_uri({"h", "", "", "c", ""}); }).find("« Base » est obligatoire"),
              std::string::npos);
    EXPECT_TRUE(names_server_campaign("postgresql://h/b?campagne=c"));
    EXPECT_FALSE(names_server_campaign("campagne.cot"));
    EXPECT_EQ(campaign_location_label("/tmp/x/campagne.cot"), "campagne.cot");
#ifdef COTATION_POSTGRESQL
    // The title of the window: where it is shared, never the password.
    EXPECT_EQ(campaign_location_label("postgresql://claire:secret@srv:5433/cotation?campagne=ACT"),
              "ACT — partagée sur srv:5433/cotation");
    // The reference once (trial 15 F9: « CRT-T15 — CRT-T15 — partagée sur … »); the server's name when it differs.
    EXPECT_EQ(campaign_window_title("ACT", "postgresql://claire:secret@srv:5433/cotation?campagne=ACT"),
              "Cotation — ACT — partagée sur srv:5433/cotation");
    EXPECT_EQ(campaign_window_title("ACT", "postgresql://srv/cotation?campagne=ACT-B"),
              "Cotation — ACT — partagée sur srv/cotation (campagne « ACT-B »)");
    // The dialog « Ouvrir une campagne partagée… » offers the open campaign's server again.
    auto f = server_campaign_fields("postgresql://claire:secret@srv.ars.fr:5433/cotation?campagne=ACT");
    ASSERT_TRUE(f);
    EXPECT_EQ(f->host, "srv.ars.fr");
    EXPECT_EQ(f->port, "5433");
    EXPECT_EQ(f->base, "cotation");
    EXPECT_EQ(f->user, "claire");
    EXPECT_EQ(f->campaign, "");
#endif
    EXPECT_EQ(campaign_window_title("ACT", "/tmp/x/campagne.cot"), "Cotation — ACT — campagne.cot");
    EXPECT_FALSE(server_campaign_fields("/tmp/x/campagne.cot"));
}

// The window's detector, on two connections to one file: another's change
// is seen once; the window's own change, once known, is not another's.
TEST(CampaignWatch, SeesAnotherPersonsChangeOnceAndNotItsOwn) {
    test::TempDir dir;
    std::string path = dir.file("c.cot");
    create_sqlite_store(path, small_campaign("HI"), small_grid(), "Claire");
    auto mine = open_sqlite_store(path), other = open_sqlite_store(path);
    CampaignWatch watch([&] { return mine->journal_head(); });
    watch.known();
    EXPECT_FALSE(watch.moved());
    other->load();
    other->add_dossiers({dossier("HI-01")}, "Béa");
    EXPECT_TRUE(watch.moved());
    EXPECT_FALSE(watch.moved());   // once
    mine->load();
    mine->add_dossiers({dossier("HI-02")}, "Claire");
    watch.known();                 // the window notified its own change
    EXPECT_FALSE(watch.moved());
}

// Trial 15c F2 and F8, below the window: two windows on one file. The second
// one's change of a dossier's capacity, decided on its older reading, is
// refused with nothing written; the refusal names the field as the form
// labels it (« Capacité demandée », the built-in label the ACT grid keeps,
// unit « place|places », a non-breaking space before it), its two values, and who changed it: « vous-même »
// from another window when it was the same person, the other's name else.
TEST(TeamConflict, ADossierChangedSinceItWasReadIsRefusedInTheFormsWords) {
    test::TempDir dir;
    const std::string file = dir.file("demo.cot");
    create_demo(file, "act-hlm", DemoStage::Instruction);
    test::forget_accounts(file);   // people named, as in a team without accounts
    auto a = Session::open(file), b = Session::open(file);
    const std::string coord = test::demo_coordinator(*a), claire = "Claire Martin (ARS, DD 13)";
    ASSERT_EQ(a->team().may_instruct(claire), "");
    const Dossier d0 = a->dossiers().at(0);
    auto with_places = [&](const Dossier& d, long long n) {
        Dossier x = d;
        x.facts["places"] = Rational(n);
        return x;
    };
    const auto stored_places = [&] {
        for (const auto& d : open_sqlite_store_read_only(file)->load().dossiers)
            if (d.id == d0.id) return to_canonical(d.facts.at("places"));
        return std::string();
    };
    a->update_dossier(with_places(d0, 40), coord);
    std::string m = test::message_of<StaleCampaign>([&] { b->update_dossier(with_places(d0, 41), coord); });
    EXPECT_NE(m.find("rien n'a été enregistré"), std::string::npos) << m;
    EXPECT_NE(m.find("vous-même (" + coord), std::string::npos) << m;
    EXPECT_NE(m.find("), depuis une autre fenêtre ou un autre programme : « Capacité demandée » du dossier " + d0.reference +
                     " : " + display(*a->grid().fact("places"), d0.facts.at("places")) + " → 40\u00A0places"),
              std::string::npos)
        << m;
    EXPECT_EQ(m.find("dossier.fait"), std::string::npos) << m;
    EXPECT_EQ(m.find("une autre personne"), std::string::npos) << m;
    EXPECT_EQ(stored_places(), "40");
    // Another person now: named, not « vous-même ».
    a->update_dossier(with_places(*a->dossier_by_id(d0.id), 42), claire);
    m = test::message_of<StaleCampaign>([&] { b->update_dossier(with_places(*b->dossier_by_id(d0.id), 43), coord); });
    EXPECT_NE(m.find(", " + claire + " (compte " + Session::os_login() + ") : « Capacité demandée » du dossier " + d0.reference +
                     " : 40\u00A0places → 42\u00A0places"),
              std::string::npos)
        << m;
    EXPECT_NE(m.find("Claire Martin"), std::string::npos) << m;
    EXPECT_EQ(m.find("vous-même"), std::string::npos) << m;
    EXPECT_EQ(stored_places(), "42");
    // Read again, the same change is a knowing one: it passes.
    b->update_dossier(with_places(*b->dossier_by_id(d0.id), 43), coord);
    EXPECT_EQ(stored_places(), "43");
}

#ifdef COTATION_POSTGRESQL
// Trial 15d: the dossier form's first OK was refused when the other person
// had changed only other fields of the dossier (F7: even when nothing was
// changed in the form). The form writes only its changed fields over the
// dossier as it stands: another field changed meanwhile is kept, an
// unchanged form writes nothing, the same field changed by both is refused.
TEST(TeamConflict, AFormWritesOnlyItsChangedFieldsOverAnothersChangeOfOthers) {
    test::TempDir dir;
    const std::string file = dir.file("demo.cot");
    create_demo(file, "act-hlm", DemoStage::Instruction);
    test::forget_accounts(file);
    auto a = Session::open(file), b = Session::open(file);
    const std::string coord = test::demo_coordinator(*a);
    const Dossier d0 = a->dossiers().at(0);
    Dossier typed = d0;
    typed.facts["places"] = Rational(40);
    ASSERT_TRUE(a->update_dossier_fields(typed, {"places"}, coord));
    // b read before: its change of the date of deposit passes, a's capacity kept.
    typed = d0;
    typed.facts["date_depot"] = *Date::parse("2023-04-20");
    typed.facts["places"] = d0.facts.at("places");   // shown as read, not changed
    const std::size_t entries = a->store().journal().size();
    // What a form holds of the grid stays valid across the write's reload (trial 15d F1).
    const FactDef* date_def = b->grid().fact("date_depot");
    ASSERT_TRUE(b->update_dossier_fields(typed, {"date_depot"}, coord));
    EXPECT_EQ(b->grid().fact("date_depot"), date_def) << "la relecture a remplacé la grille que la fiche lisait";
    const Dossier stored = open_sqlite_store_read_only(file)->load().dossiers.at(0);
    EXPECT_EQ(to_canonical(stored.facts.at("places")), "40");
    EXPECT_EQ(to_canonical(stored.facts.at("date_depot")), "2023-04-20");
    EXPECT_EQ(a->store().journal().size(), entries + 1);   // the date only
    // An unchanged form (a, stale again): nothing written, no refusal.
    EXPECT_FALSE(a->update_dossier_fields(d0, {}, coord));
    EXPECT_EQ(a->store().journal().size(), entries + 1);
    // The same field changed by both: refused, naming the other's change.
    typed = d0;
    typed.facts["date_depot"] = *Date::parse("2023-04-21");
    std::string m = test::message_of<StaleCampaign>([&] { a->update_dossier_fields(typed, {"date_depot"}, coord); });
    EXPECT_NE(m.find("« Date de dépôt » du dossier " + d0.reference), std::string::npos) << m;
    EXPECT_EQ(to_canonical(open_sqlite_store_read_only(file)->load().dossiers.at(0).facts.at("date_depot")), "2023-04-20");
}

TEST(PgWrite, SameThingOrOneInsideTheOther) {
    EXPECT_TRUE(same_or_within("dossier/D1/note/Ali/projet", "dossier/D1/note/Ali/projet"));
    EXPECT_TRUE(same_or_within("dossier/D1", "dossier/D1/note/Ali/projet"));
    EXPECT_TRUE(same_or_within("dossier/D1/note/Ali/projet", "dossier/D1"));
    EXPECT_FALSE(same_or_within("dossier/D1/note/Ali/projet", "dossier/D1/note/Ali/budget"));
    EXPECT_FALSE(same_or_within("dossier/D1/note/Ali/projet", "dossier/D1/note/Béa/projet"));
    EXPECT_FALSE(same_or_within("dossier/D1", "dossier/D10"));   // a prefix of the name is not inside it
}

TEST(PgWrite, ConflictMessageSaysWhoChangedWhatAndWhen) {
    JournalEntry e;
    e.at = "2025-05-02T08:15:00Z";
    e.actor = "Béa Instructrice";
    e.action = "note";
    e.entity = "dossier/HI-01/note/Ali/projet";
    e.old_value = "3 — correct";
    e.new_value = "4 — solide";
    std::string m = conflict_message("Campagne partagée « HI »", {e}, 2);
    EXPECT_NE(m.find("rien n'a été enregistré"), std::string::npos) << m;
    EXPECT_NE(m.find("Béa Instructrice : note de Ali au critère projet du dossier HI-01 : 3 — correct → 4 — solide"), std::string::npos)
        << m;
    EXPECT_NE(m.find("2 autres modifications d'autres éléments"), std::string::npos) << m;
    e.action = "seance";
    e.entity = "commission/seance";
    m = conflict_message("Campagne partagée « HI »", {e}, 0);
    EXPECT_NE(m.find("Béa Instructrice : séance de la commission : 3 — correct"), std::string::npos) << m;
    EXPECT_EQ(m.find("autres modifications d'autres"), std::string::npos) << m;
}

// Trial 15d F5: one's own earlier change was called another person's when
// it was written under another form of the name (« NOM » before the
// accounts, or « NOM (compte X) » from another account): it is one's own.
TEST(PgWrite, OnesOwnChangeUnderAnotherFormOfTheNameIsOnesOwn) {
    EXPECT_TRUE(same_author("Claire Martin (ARS, DD 13) (compte claire)", "Claire Martin (ARS, DD 13)"));
    EXPECT_TRUE(same_author("Claire Martin (compte root)", "claire martin (compte claire)"));
    EXPECT_FALSE(same_author("Claire Martin (compte claire)", "Claire Durand (compte claire)"));
    EXPECT_FALSE(same_author("Claire Martin (ARS, DD 13)", "Claire Martin"));   // « (ARS, DD 13) » is of the name
    JournalEntry e;
    e.at = "2025-05-02T08:15:00Z";
    e.actor = "Claire Martin";
    e.action = "note";
    e.entity = "dossier/HI-01/note/Claire Martin/projet";
    e.old_value = "3 — correct";
    e.new_value = "4 — solide";
    std::string m = conflict_message("Campagne partagée « HI »", {e}, 0, "Claire Martin (compte claire)");
    EXPECT_NE(m.find("vous-même (Claire Martin (compte claire)), depuis une autre fenêtre"), std::string::npos) << m;
    e.actor = "Béa Instructrice (compte bea)";
    m = conflict_message("Campagne partagée « HI »", {e}, 0, "Claire Martin (compte claire)");
    EXPECT_EQ(m.find("vous-même"), std::string::npos) << m;
}

namespace {

// One campaign on the test server, removed at the end.
struct ServerCampaignFixture {
    std::string uri;
    explicit ServerCampaignFixture(const std::string& name) {
        static int counter = 0;
        uri = test::pg_server() + "?campagne=equipe_" + name + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    }
    ~ServerCampaignFixture() {
        try {
            drop_pg_campaign(uri);
        } catch (...) {
        }
    }
};

#define NEEDS_SERVER() \
    if (test::pg_server().empty()) GTEST_SKIP() << "COTATION_TEST_PG_URI non défini (ctest -R store.postgresql)"

}  // namespace

// Two connections: a write decided on a reading that another person's change
// of the same cell made stale is refused, saying who changed what; a change
// of another cell passes.
TEST(PgStore, SecondWriterOfTheSameCellIsRefusedAnotherCellPasses) {
    NEEDS_SERVER();
    ServerCampaignFixture f("cellule");
    auto ids = create_pg_store(f.uri, small_campaign("HI"), small_grid(), "Claire")->add_dossiers({dossier("HI-01")}, "Claire");
    auto ali = open_pg_store(f.uri), bea = open_pg_store(f.uri);
    ali->load();
    bea->load();
    ali->put_ratings({{ids[0], "Ali", "projet", 3, "correct"}}, "Ali");
    // Béa read before Ali wrote: her note of another cell (hers) passes.
    bea->put_ratings({{ids[0], "Béa", "projet", 4, "solide"}}, "Béa");
    // Her change of Ali's cell, decided on the 3 she never saw, does not.
    std::string m = message_of([&] { bea->put_ratings({{ids[0], "Ali", "projet", 1, "faible"}}, "Béa"); });
    EXPECT_NE(m.find("Ali : note de Ali au critère projet du dossier HI-01 : (aucune) → 3 — correct"), std::string::npos) << m;
    EXPECT_THROW(bea->put_ratings({{ids[0], "Ali", "projet", 1, "faible"}}, "Béa"), StaleCampaign);
    // Nothing of the refused write is stored; once she read again, she may.
    auto stored = open_pg_store(f.uri)->load().ratings;
    ASSERT_EQ(stored.size(), 2u);
    EXPECT_EQ(stored[0].value, 3);
    bea->load();
    bea->put_ratings({{ids[0], "Ali", "projet", 1, "faible"}}, "Béa");
    EXPECT_EQ(open_pg_store(f.uri)->load().ratings.at(0).value, 1);
    // Ali's own later change is not a conflict with his own earlier one.
    ali->put_ratings({{ids[0], "Ali", "budget", 2, ""}}, "Ali");
    EXPECT_TRUE(open_pg_store(f.uri)->verify_journal().ok);
}

// Trial 15f F1: a campaign made on the server by the service's account
// (`cotation new postgresql://…`) could not be given to its team: the first
// coordinator had to be bound to the account declaring her, the service's,
// which `serveur roles` then refused. The campaign's owner on the server
// binds her to her own account; on a file, the rule stays (from her account).
TEST(PgStore, TheServerCampaignsOwnerBindsTheFirstCoordinatorToHerAccount) {
    NEEDS_SERVER();
    ServerCampaignFixture f("premier");
    NewCampaign hi;
    hi.reference = "HI";
    auto s = Session::create(f.uri, test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml", hi, "");
    const Person nadia{"Nadia Roussel", Role::Coordinator, "Département", true, "nadia_15f"};
    ASSERT_NE(Session::os_login(), nadia.account);
    EXPECT_EQ(message_of([&] { s->add_person(nadia, ""); }), "");
    EXPECT_EQ(open_pg_store(f.uri)->load().team.people.at("Nadia Roussel").account, "nadia_15f");
    test::TempDir dir;
    auto file = Session::create(dir.file("c.cot"), test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml", hi, "");
    EXPECT_NE(message_of([&] { file->add_person(nadia, ""); }).find("depuis ce compte même"), std::string::npos);
}

// The same between two processes: the child writes while the parent holds
// its reading; inside the parent's write scope (reloaded when stale) the
// refusal still stands, since the person acted on the older reading.
TEST(PgStore, ConflictBetweenTwoProcessesAndInsideAWriteScope) {
    NEEDS_SERVER();
    ServerCampaignFixture f("processus");
    auto ids = create_pg_store(f.uri, small_campaign("HI"), small_grid(), "Claire")->add_dossiers({dossier("HI-01")}, "Claire");
    auto mine = open_pg_store(f.uri);
    mine->load();
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        int rc = 1;
        try {
            auto other = open_pg_store(f.uri);
            other->load();
            other->put_ratings({{ids[0], "Ali", "projet", 5, "excellent"}}, "Béa Autreposte");
            rc = 0;
        } catch (...) {
        }
        _exit(rc);   // no destructor of the parent's objects in the child
    }
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    int reloads = 0;
    std::string m = message_of([&] {
        WriteScope w(*mine, [&] {
            ++reloads;
            mine->load();
        });
        mine->put_ratings({{ids[0], "Ali", "projet", 2, "moyen"}}, "Claire");
    });
    EXPECT_EQ(reloads, 1);
    EXPECT_NE(m.find("Béa Autreposte : note de Ali au critère projet du dossier HI-01"), std::string::npos) << m;
    EXPECT_NE(m.find("(aucune) → 5 — excellent"), std::string::npos) << m;
    // Reloaded in the refused scope: the same change, made again knowingly, passes.
    {
        WriteScope w(*mine, [&] { mine->load(); });
        mine->put_ratings({{ids[0], "Ali", "projet", 2, "moyen"}}, "Claire");
    }
    auto s = open_pg_store(f.uri)->load();
    ASSERT_EQ(s.ratings.size(), 1u);
    EXPECT_EQ(s.ratings[0].value, 2);
}

// Trial 15c F1: with the server gone, the window's enabled-state checks
// asked whether the campaign was closed, met the lost connection, and the
// exception closed the window. The session answers what it read last.
TEST(PgStore, TheServerGoneTheSessionStillSaysWhetherTheCampaignIsClosed) {
    NEEDS_SERVER();
    test::TempDir dir;
    ServerCampaignFixture f("perdu");
    create_demo(dir.file("demo.cot"), "crt", DemoStage::Instruction);
    copy_campaign(dir.file("demo.cot"), f.uri, test::demo_coordinator(*Session::open(dir.file("demo.cot"))));
    auto s = Session::open(f.uri);
    EXPECT_FALSE(s->closed());
    // Every backend of Cotation on this cluster ends, as in a server restart.
    PGconn* admin = PQconnectdb(test::pg_server().c_str());
    PQclear(PQexec(admin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'cotation' "
                          "AND pid <> pg_backend_pid()"));
    PQfinish(admin);
    bool closed = true;
    EXPECT_NO_THROW(closed = s->closed());   // the statement that meets the dead connection
    EXPECT_FALSE(closed);
}

// Two sessions (two workbenches) of the demo's team on the server: ratings of
// different cells by different people both succeed; the stale one of the same
// cell is refused with what changed, then passes once read again.
TEST(PgStore, TwoSessionsOnTheDemoCampaign) {
    NEEDS_SERVER();
    test::TempDir dir;
    std::string file = dir.file("demo.cot");
    ServerCampaignFixture f("sessions");
    create_demo(file, "act-hlm", DemoStage::Instruction);
    test::forget_accounts(file);   // reviewers named, as in a team without accounts (journal verify, trial 13c F1)
    copy_campaign(file, f.uri, "Nathalie Girard (ARS, pôle médico-social)");
    auto a = Session::open(f.uri), b = Session::open(f.uri);
    // Two cells each of them may change (assigned, not yet submitted).
    std::vector<Rating> cells;
    std::set<std::string> who;
    for (const Rating& r : a->ratings()) {
        const Dossier* d = nullptr;
        for (const auto& x : a->dossiers())
            if (x.id == r.dossier_id) d = &x;
        if (who.count(r.reviewer) || !a->team().may_rate(r.reviewer, r.reviewer, r.dossier_id, identity_of(*d)).empty()) continue;
        who.insert(r.reviewer);
        cells.push_back(r);
        if (cells.size() == 2) break;
    }
    ASSERT_EQ(cells.size(), 2u) << "deux évaluateurs pouvant noter";
    auto changed = [](Rating r, int delta) {
        r.value = r.value > 1 ? r.value - delta : r.value + delta;
        r.justification = "revu " + std::to_string(delta);
        return r;
    };
    a->put_rating(changed(cells[0], 1), cells[0].reviewer);
    b->put_rating(changed(cells[1], 1), cells[1].reviewer);   // another cell: passes
    std::string m = message_of([&] { a->put_rating(changed(cells[1], 2), cells[1].reviewer); });
    // Who changed it: the person and the account (issue 13.4); here the
    // same person from the other window, said so (trial 15c F8).
    EXPECT_NE(m.find("vous-même (" + cells[1].reviewer + " (compte " + Session::os_login() +
                     ")), depuis une autre fenêtre ou un autre programme : note de " + cells[1].reviewer + " au critère " +
                     cells[1].criterion),
              std::string::npos)
        << m;
    EXPECT_NE(m.find("revu 1"), std::string::npos) << m;
    a->put_rating(changed(cells[1], 2), cells[1].reviewer);   // read again inside the refused write: passes
    auto check = Session::open_read_only(f.uri);
    EXPECT_TRUE(check->store().verify_journal().ok);
}

// Every command that takes a campaign file takes the server's URI: the
// ranking, a rating import, a decision, the journal check and the documents.
TEST(PgStore, CommandsTakeAServerUri) {
    NEEDS_SERVER();
    test::TempDir dir;
    std::string file = dir.file("demo.cot"), out, out_file;
    ServerCampaignFixture f("commandes");
    create_demo(file, "act-hlm", DemoStage::Instruction);
    copy_campaign(file, f.uri, "Nathalie Girard (ARS, pôle médico-social)");
    std::string uri = "'" + f.uri + "'";
    // Reading commands on a declared team say who reads (issue 13.3): the coordinator.
    struct Reader {
        Reader() { ::setenv("COTATION_UTILISATEUR", "Nathalie Girard (ARS, pôle médico-social)", 1); }
        ~Reader() { ::unsetenv("COTATION_UTILISATEUR"); }
    } reader;
    ASSERT_EQ(test::run_cli("rank " + uri, out), 0) << out;
    ASSERT_EQ(test::run_cli("rank " + file, out_file), 0) << out_file;
    EXPECT_EQ(out, out_file);   // the same ranking from the file and from the server
    // A rating imported by the coordinator (ACT-2023-06: Claire Martin has not
    // submitted hers), then read back from the server.
    std::string csv = dir.file("notes.csv");
    std::ofstream(csv) << "dossier;evaluateur;critere;note;justification\n"
                          "ACT-2023-06;Claire Martin (ARS, DD 13);I.1;2;Revu en réunion d'équipe.\n";
    ASSERT_EQ(test::run_cli("rate " + uri + " " + csv + " --par 'Nathalie Girard (ARS, pôle médico-social)'", out), 0) << out;
    auto s = Session::open_read_only(f.uri);
    bool found = false;
    for (const Rating& r : s->ratings())
        if (r.reviewer == "Claire Martin (ARS, DD 13)" && r.criterion == "I.1" && s->dossiers()[*s->find("ACT-2023-06")].id == r.dossier_id)
            found = r.value == 2 && r.justification == "Revu en réunion d'équipe.";
    EXPECT_TRUE(found);
    ASSERT_EQ(test::run_cli("decide " + uri + " --dossier ACT-2023-01 --decision non-retenu --motif 'Projet incomplet' "
                      "--par 'Nathalie Girard (ARS, pôle médico-social)'", out), 0) << out;
    ASSERT_EQ(test::run_cli("journal verify " + uri, out), 0) << out;
    ASSERT_EQ(test::run_cli("documents " + uri + " --out " + dir.file("docs") + " --dossier ACT-2023-01", out), 0) << out;
    EXPECT_FALSE(std::filesystem::is_empty(dir.file("docs")));
    // A campaign created on the server by `new`: its URI is echoed without the password.
    ServerCampaignFixture created("nouvelle");
    ASSERT_EQ(test::run_cli("new '" + created.uri + "' --grid " + test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml " +
                          "--reference 'AAC 2025'",
                      out),
              0)
        << out;
    EXPECT_NE(out.find("Campagne « AAC 2025 » créée dans 'postgresql://"), std::string::npos) << out;
    std::string server = test::pg_server(), user_part = server.substr(server.find("//") + 2);
    user_part = user_part.substr(0, user_part.find('@'));
    if (auto colon = user_part.find(':'); colon != std::string::npos) {
        EXPECT_EQ(out.find(user_part.substr(colon + 1)), std::string::npos) << "mot de passe affiché";
    }
    // A URI without a campaign is refused in French, naming what is missing.
    EXPECT_NE(test::run_cli("rank '" + test::pg_server() + "'", out), 0);
    EXPECT_NE(out.find("il manque la campagne"), std::string::npos) << out;
}
// Trial 15d F1: an instructor's window, after it had lost the server and
// found it again (server restarted), met on the OK of a dossier form another
// person's change of that dossier, and ended on an exception. Here the same
// steps without a window: every Cotation backend ends (as in a restart); the
// stale session's first write meets the dead connection and says so (Error,
// nothing written); the next, on the connection made anew, is refused as a
// conflict naming the other's change; the one after, knowingly, is saved.
// Then the same once the window's poll found the server again first.
TEST(PgStore, AFormsConflictAfterTheServerCameBackIsRefusedThenSaved) {
    NEEDS_SERVER();
    test::TempDir dir;
    ServerCampaignFixture f("retour");
    const std::string file = dir.file("demo.cot");
    create_demo(file, "act-hlm", DemoStage::Instruction);
    test::forget_accounts(file);
    const std::string coord = test::demo_coordinator(*Session::open(file));
    copy_campaign(file, f.uri, coord);
    auto end_backends = [] {
        PGconn* admin = PQconnectdb(test::pg_server().c_str());
        PQclear(PQexec(admin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'cotation' "
                              "AND pid <> pg_backend_pid()"));
        PQfinish(admin);
    };
    auto with_places = [](const Dossier& d, long long n) {
        Dossier x = d;
        x.facts["places"] = Rational(n);
        return x;
    };
    auto stored_places = [&](std::int64_t id) {
        return to_canonical(Session::open(f.uri)->dossier_by_id(id)->facts.at("places"));
    };
    for (bool polled : {false, true}) {
        auto a = Session::open(f.uri);
        const Dossier d0 = *a->dossier_by_id(a->dossiers().at(0).id);
        const FactDef* places = a->grid().fact("places");   // as the form holds it
        end_backends();
        if (polled) {
            EXPECT_THROW(a->store().journal_head(), Error);    // the poll meets the dead connection
            EXPECT_NO_THROW(a->store().journal_head());        // and the next one the server again
        }
        Session::open(f.uri)->update_dossier(with_places(d0, polled ? 50 : 40), coord);   // the other person
        if (!polled) {
            std::string lost = test::message_of([&] { a->update_dossier(with_places(d0, 41), coord); });
            EXPECT_NE(lost.find("a été perdue"), std::string::npos) << lost;
        }
        std::string m = test::message_of<StaleCampaign>([&] { a->update_dossier(with_places(d0, polled ? 51 : 41), coord); });
        EXPECT_NE(m.find("« Capacité demandée » du dossier " + d0.reference), std::string::npos) << m;
        EXPECT_EQ(stored_places(d0.id), polled ? "50" : "40");
        // The refusal's reload kept the grid the form reads its fields from.
        EXPECT_EQ(a->grid().fact("places"), places) << "définition du champ libérée par la relecture";
        a->update_dossier(with_places(*a->dossier_by_id(d0.id), polled ? 51 : 41), coord);
        EXPECT_EQ(stored_places(d0.id), polled ? "51" : "41");
    }
    EXPECT_TRUE(Session::open(f.uri)->store().verify_journal().ok);
}
#endif
