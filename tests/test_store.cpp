#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "app/session.h"
#include "core/error.h"
#include "store/campaign_store.h"
#include "store/journal_texts.h"
#include "store_history.h"
#include "test_support.h"

using namespace cotation;

namespace {
const std::string kStoreHeader = "reference;organisme;siret;finess;commune;places;budget_annuel;date_depot\n";


std::unique_ptr<Session> new_session(const test::TempDir& dir) {
    NewCampaign nc;
    nc.reference = "AAC essai";
    nc.parameters["campagne.date_limite"] = "28/04/2023";
    return Session::create(dir.file("c.cot"), test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml", nc, "test");
}

}  // namespace

TEST(Store, CampaignSurvivesReopening) {
    test::TempDir dir;
    {
        auto s = new_session(dir);
        test::spit(dir.file("d.csv"), "reference;organisme;siret;finess;commune;places;budget_annuel;date_depot;pieces_recues\n"
                                 "D1;Org;;;13203;10;126 000;28/04/2023;budget effectifs\n");
        s->import_dossiers_file(dir.file("d.csv"), "test");
        s->put_rating({s->dossiers()[0].id, "Claire", "I.1", 4, "Solide."}, "Claire");
    }
    auto s = Session::open(dir.file("c.cot"));
    ASSERT_EQ(s->dossiers().size(), 1u);
    EXPECT_EQ(std::get<Rational>(s->dossiers()[0].facts.at("budget_annuel")), Rational(126000));
    EXPECT_EQ(std::get<Date>(s->campaign().parameters.at("campagne.date_limite")).iso(), "2023-04-28");
    ASSERT_EQ(s->ratings().size(), 1u);
    EXPECT_EQ(s->dossiers()[0].documents, (std::set<std::string>{"budget", "effectifs"}));
    // Incomplete (6 documents missing), so listed apart, but still scored:
    // I.1 has coefficient 8 (Annexe 2), 8 × 4 = 32.
    ASSERT_EQ(s->ranking().ineligible.size(), 1u);
    EXPECT_EQ(s->ranking().ineligible[0].score.total, Rational(32));
    EXPECT_EQ(s->grid().id, "act-hlm-paca-2023");
}

TEST(Store, FailedImportRollsBackEverything) {
    test::TempDir dir;
    auto s = new_session(dir);
    test::spit(dir.file("a.csv"), kStoreHeader + "D1;Org;;;13203;10;1;28/04/2023\n");
    s->import_dossiers_file(dir.file("a.csv"), "test");
    auto journal_before = s->store().journal().size();
    // D2 is valid, D1 is already in the campaign: neither may be stored.
    test::spit(dir.file("b.csv"), kStoreHeader + "D2;Org;;;13203;10;1;28/04/2023\nD1;Org;;;13203;10;1;28/04/2023\n");
    try {
        s->import_dossiers_file(dir.file("b.csv"), "test");
        FAIL() << "duplicate accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("« D1 » existe déjà"), std::string::npos) << e.what();
        // A user's trial: the message named no line; D1 is on line 3 of b.csv.
        EXPECT_NE(std::string(e.what()).find("b.csv, ligne 3, colonne 1 « reference » : le dossier « D1 » existe déjà"),
                  std::string::npos) << e.what();
    }
    auto reopened = Session::open(dir.file("c.cot"));
    EXPECT_EQ(reopened->dossiers().size(), 1u);
    EXPECT_EQ(reopened->store().journal().size(), journal_before);
}

TEST(Store, RatingBatchIsAllOrNothing) {
    test::TempDir dir;
    auto s = new_session(dir);
    test::spit(dir.file("a.csv"), kStoreHeader + "D1;Org;;;13203;10;1;28/04/2023\n");
    s->import_dossiers_file(dir.file("a.csv"), "test");
    std::int64_t id = s->dossiers()[0].id;
    EXPECT_THROW(s->store().put_ratings({{id, "A", "I.1", 4, "x"}, {id + 99, "A", "I.1", 4, "x"}}, "A"), InputError);
    EXPECT_EQ(Session::open(dir.file("c.cot"))->ratings().size(), 0u);
}

TEST(Store, RefusesToOverwriteAndNamesMissingFile) {
    test::TempDir dir;
    new_session(dir);
    EXPECT_THROW(new_session(dir), InputError);
    try {
        Session::open(dir.file("absent.cot"));
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("absent.cot"), std::string::npos);
    }
}

TEST(Store, RefusesNewerSchemaAndNonCampaignFile) {
    test::TempDir dir;
    new_session(dir);
    test::sql(dir.file("c.cot"), "PRAGMA user_version = 99");
    try {
        Session::open(dir.file("c.cot"));
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("version plus récente"), std::string::npos) << e.what();
    }
    test::spit(dir.file("texte.cot"), "ceci n'est pas une base");
    EXPECT_THROW(Session::open(dir.file("texte.cot")), InputError);
}

TEST(Journal, RecordsOldAndNewValues) {
    test::TempDir dir;
    auto s = new_session(dir);
    test::spit(dir.file("a.csv"), kStoreHeader + "D1;Org;;;13203;10;1;28/04/2023\n");
    s->import_dossiers_file(dir.file("a.csv"), "Claire");
    std::int64_t id = s->dossiers()[0].id;
    s->put_rating({id, "Claire", "I.1", 3, "Première lecture."}, "Claire");
    s->put_rating({id, "Claire", "I.1", 4, "Après audition."}, "Claire");
    auto j = s->store().journal("dossier/D1/note/");
    ASSERT_EQ(j.size(), 2u);
    EXPECT_EQ(j[1].old_value, "3 — Première lecture.");
    EXPECT_EQ(j[1].new_value, "4 — Après audition.");
    EXPECT_EQ(j[1].actor, "Claire (compte " + Session::os_login() + ")");   // person and account
    EXPECT_TRUE(s->store().verify_journal().ok);
}

TEST(Journal, DetectsAlteredAndRemovedEntries) {
    test::TempDir dir;
    {
        auto s = new_session(dir);
        test::spit(dir.file("a.csv"), kStoreHeader + "D1;Org;;;13203;10;1;28/04/2023\nD2;Org;;;13203;5;1;28/04/2023\n");
        s->import_dossiers_file(dir.file("a.csv"), "test");
        EXPECT_TRUE(s->store().verify_journal().ok);
    }
    // The application cannot rewrite the journal...
    sqlite3* db = nullptr;
    sqlite3_open(dir.file("c.cot").c_str(), &db);
    EXPECT_NE(sqlite3_exec(db, "UPDATE journal SET actor='x' WHERE seq=2", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    // ...and someone who drops the guard is caught by the chain.
    test::sql(dir.file("c.cot"), "DROP TRIGGER journal_no_update; UPDATE journal SET new_value = new_value || ' ' WHERE seq = 3");
    auto check = open_sqlite_store(dir.file("c.cot"))->verify_journal();
    EXPECT_FALSE(check.ok);
    // Entry 3, whose stored hash no longer matches its content, and the dropped guard (trial 13 F24).
    ASSERT_EQ(check.problems.size(), 2u);
    EXPECT_NE(check.problems[0].find("entrée 3 : contenu modifié"), std::string::npos) << check.problems[0];
    EXPECT_NE(check.problems[1].find("déclencheur « journal_no_update » absent"), std::string::npos) << check.problems[1];
}

TEST(Journal, DetectsRemovedEntry) {
    test::TempDir dir;
    {
        auto s = new_session(dir);
        test::spit(dir.file("a.csv"), kStoreHeader + "D1;Org;;;13203;10;1;28/04/2023\nD2;Org;;;13203;5;1;28/04/2023\n");
        s->import_dossiers_file(dir.file("a.csv"), "test");
    }
    test::sql(dir.file("c.cot"), "DROP TRIGGER journal_no_delete; DELETE FROM journal WHERE seq = 2");
    auto check = open_sqlite_store(dir.file("c.cot"))->verify_journal();
    EXPECT_FALSE(check.ok);
    EXPECT_NE(check.problems[0].find("entrée 2 : absente"), std::string::npos) << check.problems[0];
}

TEST(Store, SchemaOneCampaignIsMigrated) {
    // A campaign written before forms existed: grid with inline facts, schema 1.
    test::TempDir dir;
    std::ofstream(dir.file("g.xml")) << "<grid id=\"g\" version=\"1\" title=\"Essai\">\n<facts>\n"
                                        "<fact id=\"x\" type=\"nombre\" label=\"X\"/>\n</facts>\n"
                                        "<theme id=\"A\" label=\"T\"><criterion id=\"A.1\" label=\"U\" coefficient=\"2\"/></theme>\n</grid>\n";
    NewCampaign nc;
    nc.reference = "ancienne";
    Session::create(dir.file("c.cot"), dir.file("g.xml"), nc, "test");
    // The ledger's additions (schema 12) undone, then the territory tables
    // (schema 10: their triggers name campaign.closed_at), then the rest.
    test::sql(dir.file("c.cot"), test::before_ledger_sql(dir.file("c.cot")) +
                           "DROP TABLE offer_structure; DROP TABLE campaign_zone; DROP TABLE territory_origin; DROP TABLE allocation_choice; "
                           "ALTER TABLE campaign DROP COLUMN form_xml; ALTER TABLE campaign DROP COLUMN form_name; "
                           "DROP TABLE prior_rejection; DROP TABLE procedure_step; DROP TABLE meeting; DROP TABLE meeting_attendance; "
                           "DROP TABLE meeting_vote; DROP TABLE meeting_observation; DROP TABLE meeting_ranking; DROP TABLE member_opinion; "
                           "DROP TABLE grid_history; DROP TABLE consolidation; DROP TABLE decision; DROP TABLE submission; DROP TABLE conflict; DROP TABLE assignment; DROP TABLE person; DROP TRIGGER rating_locked_insert; "
                           "DROP TRIGGER rating_locked_update; DROP TRIGGER rating_locked_delete; "
                           "DROP TRIGGER dossier_locked_insert; DROP TRIGGER dossier_fact_locked; "
"ALTER TABLE campaign DROP COLUMN closed_at; "
                           "ALTER TABLE campaign DROP COLUMN procedure_name; ALTER TABLE campaign DROP COLUMN procedure_xml; "
                           "ALTER TABLE campaign DROP COLUMN authority_kind; ALTER TABLE campaign DROP COLUMN authority_address; "
                           "ALTER TABLE campaign DROP COLUMN signatory_title; ALTER TABLE campaign DROP COLUMN tribunal; "
                           "ALTER TABLE campaign DROP COLUMN tribunal_address; ALTER TABLE campaign DROP COLUMN logo; "
                           "PRAGMA user_version = 1");
    auto s = Session::open(dir.file("c.cot"));
    EXPECT_EQ(s->grid().fact("x")->label, "X");
    EXPECT_EQ(s->campaign().reference, "ancienne");
    sqlite3* db = nullptr;
    sqlite3_open(dir.file("c.cot").c_str(), &db);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr);
    sqlite3_step(st);
    EXPECT_EQ(sqlite3_column_int(st, 0), sqlite_schema_version());
    EXPECT_TRUE(s->store().grid_versions().empty());   // the table migration 3 creates
    sqlite3_finalize(st);
    sqlite3_close(db);
}

TEST(Store, CampaignKeepsTheFormItWasCreatedWith) {
    test::TempDir dir;
    auto s = new_session(dir);
    EXPECT_EQ(s->grid().form_id, "act-hlm-paca-2023");
    // Reopened from the file alone: the pinned form text, not forms/ of today.
    auto again = Session::open(dir.file("c.cot"));
    EXPECT_NE(again->grid().fact("effectifs.medecin"), nullptr);
    EXPECT_NE(again->grid().form_file.find("c.cot (formulaire act-hlm-paca-2023.xml)"), std::string::npos) << again->grid().form_file;
}

TEST(Lock, ClosedCampaignRefusesEveryChangeUntilReopenedWithAReason) {
    test::TempDir dir;
    auto s = new_session(dir);
    test::spit(dir.file("a.csv"), kStoreHeader + "D1;Org;;;13203;10;1;28/04/2023\n");
    s->import_dossiers_file(dir.file("a.csv"), "test");
    std::int64_t id = s->dossiers()[0].id;
    s->put_rating({id, "Claire", "I.1", 3, "Correct."}, "Claire");
    s->close("Décisions prises le 15/06/2023", "Coordination");
    EXPECT_TRUE(s->closed());
    try {
        s->put_rating({id, "Claire", "I.1", 4, "Relu."}, "Claire");
        FAIL() << "rating changed in a closed campaign";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("La campagne est close depuis le "), std::string::npos) << e.what();
    }
    test::spit(dir.file("b.csv"), kStoreHeader + "D2;Org;;;13203;10;1;28/04/2023\n");
    EXPECT_THROW(s->import_dossiers_file(dir.file("b.csv"), "test"), InputError);
    EXPECT_THROW(cotation::test::set_parameter(*s, "campagne.places", "80", "Coordination"), InputError);
    Dossier changed = s->dossiers()[0];
    changed.organisme = "Autre";
    EXPECT_THROW(s->update_dossier(changed, "Coordination"), InputError);
    // The procedure is locked as well: refusals, steps, the meeting, opinions.
    EXPECT_THROW(s->reject_prior(id, RejectionGround::OffTopic, "Hors sujet", "Coordination"), InputError);
    EXPECT_THROW(s->record_step("instruction", Date{2023, 6, 1}, "Coordination"), InputError);
    EXPECT_THROW(s->give_opinion(id, {"Membre", Opinion::Favourable, ""}, "Membre"), InputError);
    // Behind the application, SQLite refuses too.
    {
        sqlite3* db = nullptr;
        sqlite3_open(dir.file("c.cot").c_str(), &db);
        EXPECT_NE(sqlite3_exec(db, "UPDATE rating SET value = 5", nullptr, nullptr, nullptr), SQLITE_OK);
        EXPECT_NE(sqlite3_exec(db, "INSERT INTO meeting_vote(member, vote) VALUES ('X', 'pour')", nullptr, nullptr, nullptr),
                  SQLITE_OK);
        sqlite3_close(db);
    }
    EXPECT_THROW(s->reopen("   ", "Coordination"), InputError);
    s->reopen("Recours gracieux : réexamen du dossier D1", "Coordination");
    s->put_rating({id, "Claire", "I.1", 4, "Relu après recours."}, "Claire");
    auto reopened = Session::open(dir.file("c.cot"));
    EXPECT_FALSE(reopened->closed());
    EXPECT_EQ(reopened->ratings()[0].value, 4);
    auto j = reopened->store().journal("campagne/etat");
    ASSERT_EQ(j.size(), 2u);
    EXPECT_EQ(j[0].new_value, "close — Décisions prises le 15/06/2023");
    EXPECT_EQ(j[1].new_value, "rouverte — Recours gracieux : réexamen du dossier D1");
    EXPECT_TRUE(reopened->store().verify_journal().ok);
}

// Issue 12, review M7: the window asks whether the campaign is closed at
// every idle event, so the session answers what it read, never a query.
// Another program's closing is seen when the campaign is read again: by the
// window's watcher, or by the next write, which the store refuses.
TEST(Lock, ClosedIsWhatTheSessionReadAnotherClosingSeenAtTheNextReading) {
    test::TempDir dir;
    auto s = new_session(dir);
    test::spit(dir.file("a.csv"), kStoreHeader + "D1;Org;;;13203;10;1;28/04/2023\n");
    s->import_dossiers_file(dir.file("a.csv"), "test");
    const std::int64_t id = s->dossiers()[0].id;
    s->put_rating({id, "Claire", "I.1", 3, "Correct."}, "Claire");
    auto other = Session::open(dir.file("c.cot"));
    other->close("Décisions prises le 15/06/2023", "Coordination");
    EXPECT_TRUE(other->closed());
    EXPECT_FALSE(s->closed());   // as read before the other's closing
    try {
        s->put_rating({id, "Claire", "I.1", 4, "Relu."}, "Claire");
        FAIL() << "rating written in a campaign another program closed";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("La campagne est close depuis le "), std::string::npos) << e.what();
    }
    EXPECT_TRUE(s->closed());   // the refused write read the campaign again
    EXPECT_TRUE(Session::open(dir.file("c.cot"))->closed());
    other->reopen("Recours gracieux", "Coordination");
    EXPECT_FALSE(other->closed());
}

// The entries both back ends write come from one place (issue 12, review M5).
// A person's former role was journaled as stored on PostgreSQL
// (« coordinateur — ARS ») and in words in a file (« coordonnateur — ARS »):
// a change of organisation read as a change of role on a server. Texts by hand.
TEST(JournalTexts, APersonIsJournaledInWordsWhateverTheRoleWasStoredAs) {
    EXPECT_EQ(entry::person_text("coordinateur", true, "ARS Nouvelle-Aquitaine", ""), "coordonnateur — ARS Nouvelle-Aquitaine");
    EXPECT_EQ(entry::person_text("membre de commission", false, "URIOPSS", "zoe"),
              "membre de commission (voix consultative) — URIOPSS — compte zoe");
    Person p{"Inès", Role::Coordinator, "ARS Nouvelle-Aquitaine", true};
    const entry::Text e = entry::person(p, entry::person_text("coordinateur", true, "ARS", ""));
    EXPECT_EQ(e.action, "personne");
    EXPECT_EQ(e.entity, "personne/Inès");
    EXPECT_EQ(e.old_value, "coordonnateur — ARS");
    EXPECT_EQ(e.new_value, "coordonnateur — ARS Nouvelle-Aquitaine");
}

TEST(JournalTexts, ADecisionSaysItsPlacesAndItsDepartureFromTheCommittee) {
    Decision d;
    d.kind = DecisionKind::Retained;
    d.motive = "Projet conforme au cahier des charges";
    d.places = Rational(12);
    d.departure_reason = "capacité de l'appel";
    const entry::Text e = entry::decision("ACT-2023-02", d, "");
    EXPECT_EQ(e.entity, "dossier/ACT-2023-02/decision");
    EXPECT_EQ(e.new_value,
              "retenu (12) — Projet conforme au cahier des charges ; écart à l'avis de la commission : capacité de l'appel");
    EXPECT_EQ(entry::decision_text("non retenu", "Hors délai", ""), "non retenu — Hors délai");
}
