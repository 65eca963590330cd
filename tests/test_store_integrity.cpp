// Issue 13, items 1, 2, 5 and 6: a campaign file that proves its history
// (journal against data, heads kept outside the file), a lock over every table
// of a closed campaign, checks made inside the write transaction, and French
// messages when another program holds the campaign.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <set>
#include <thread>

#include "core/french.h"
#include "app/demo.h"
#include "app/session.h"
#include "core/error.h"
#include "store/campaign_store.h"
#include "store/journal.h"
#include "store/sqlite_db.h"
#include "store/sqlite_ledger.h"
#include "store_history.h"
#include "test_support.h"

using namespace cotation;

namespace {
const std::string kIntegrityHeader = "reference;organisme;siret;finess;commune;places;budget_annuel;date_depot\n";

std::unique_ptr<Session> rated_campaign(const test::TempDir& dir) {
    NewCampaign nc;
    nc.reference = "AAC essai";
    nc.parameters["campagne.date_limite"] = "28/04/2023";
    auto s = Session::create(dir.file("c.cot"), test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml", nc, "test");
    std::ofstream(dir.file("a.csv")) << kIntegrityHeader + "D1;Org;;;13203;10;1;28/04/2023\nD2;Autre;;;13203;5;1;28/04/2023\n";
    s->import_dossiers_file(dir.file("a.csv"), "test");
    s->put_rating({s->dossiers()[0].id, "Claire", "I.1", 4, "Solide."}, "Claire");
    s->put_rating({s->dossiers()[1].id, "Claire", "I.1", 2, "Faible."}, "Claire");
    return s;
}

// Raw SQL from "another program": returns SQLite's code and message.
std::pair<int, std::string> raw(const std::string& path, const std::string& statement) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    char* err = nullptr;
    int rc = sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &err);
    std::string msg = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    return {rc, msg};
}
std::string all(const JournalCheck& c) {
    std::string out;
    for (const auto& p : c.problems) out += p + "\n";
    return out;
}

// Rewrites the whole chain as an attacker who knows the algorithm would.
void rehash_chain(const std::string& path) {
    auto store = open_sqlite_store(path);
    auto entries = store->journal("");
    store.reset();
    std::string statements = "DROP TRIGGER IF EXISTS journal_no_update; ";
    std::string prev = kJournalGenesis;
    for (auto e : entries) {
        e.prev_hash = prev;
        e.hash = journal_hash(e);
        prev = e.hash;
        statements += "UPDATE journal SET prev_hash='" + e.prev_hash + "', hash='" + e.hash + "' WHERE seq=" + std::to_string(e.seq) + "; ";
    }
    // And puts the trigger back, to its text: `journal verify` names a missing
    // one (trial 13 F24), and one of another text (trial 13d F6).
    statements += "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal\n  "
                  "BEGIN SELECT RAISE(ABORT, 'le journal ne peut être que complété'); END;";
    test::sql(path, statements);
}

using test::cli;
using test::id_of;
using test::Ran;

Decision retained(std::optional<Rational> places = std::nullopt) {
    Decision d;
    d.kind = DecisionKind::Retained;
    d.date = *Date::parse("30/06/2023");
    d.places = places;
    return d;
}
}  // namespace

// --- 13.1: the journal against the data -------------------------------------

TEST(JournalLedger, IntactCampaignVerifies) {
    test::TempDir dir;
    auto s = rated_campaign(dir);
    auto c = s->store().verify_journal();
    EXPECT_TRUE(c.ok) << all(c);
    EXPECT_GT(c.rows, 4);   // campaign, parameters, 2 dossiers and their facts, a reviewer, 2 ratings
}

TEST(JournalLedger, RawSqlOnRatingIsNamedWithTableAndRow) {
    test::TempDir dir;
    rated_campaign(dir);
    // The audit's case: a dossier falls in the ranking, the journal untouched.
    test::sql(dir.file("c.cot"), "UPDATE rating SET value = 0 WHERE value = 4");
    auto c = open_sqlite_store(dir.file("c.cot"))->verify_journal();
    EXPECT_FALSE(c.ok);
    std::string text = all(c);
    EXPECT_NE(text.find("table rating, ligne dossier_id=1 (« D1 »), reviewer_id=1, criterion='I.1' : diffère de ce que le journal a enregistré"),
              std::string::npos) << text;
    EXPECT_EQ(text.find("D2"), std::string::npos) << text;   // the other rating is as journaled
}

// Trial 15e F2, on a file as on the server: a rating changed in raw SQL,
// then written again through Cotation, gave the tampered value as its former
// one and `journal verify` said intact. The write compares the rows it
// touches with the journal first (INSERT OR REPLACE included): refused, the
// row named, the change still named by `journal verify`.
TEST(JournalLedger, AWriteDoesNotLaunderARowChangedOutsideCotation) {
    test::TempDir dir;
    rated_campaign(dir).reset();
    test::sql(dir.file("c.cot"), "UPDATE rating SET value = 0 WHERE value = 4");
    auto s = Session::open(dir.file("c.cot"));
    std::string msg;
    try {
        s->put_rating({s->dossiers()[0].id, "Claire", "I.1", 3, "Revu."}, "Claire");
    } catch (const Error& e) {
        msg = e.what();
    }
    EXPECT_NE(msg.find("modifiée hors de Cotation là où cette modification écrit ; rien n'a été enregistré"), std::string::npos)
        << msg;
    EXPECT_NE(msg.find("table rating, ligne dossier_id=1 (« D1 »), reviewer_id=1, criterion='I.1' : diffère de ce que le "
                       "journal"),
              std::string::npos)
        << msg;
    EXPECT_FALSE(open_sqlite_store(dir.file("c.cot"))->verify_journal().ok);
    // The other rating, as journaled, is written.
    EXPECT_NO_THROW(s->put_rating({s->dossiers()[1].id, "Claire", "I.1", 3, "Revu."}, "Claire"));
}

TEST(JournalLedger, RowAddedOrDeletedOutsideIsNamed) {
    test::TempDir dir;
    rated_campaign(dir);
    test::sql(dir.file("c.cot"), "DELETE FROM rating WHERE value = 2; INSERT INTO dossier_document(dossier_id, document) VALUES (1, 'budget')");
    auto c = open_sqlite_store(dir.file("c.cot"))->verify_journal();
    std::string text = all(c);
    EXPECT_NE(text.find("table rating, ligne dossier_id=2 (« D2 »)"), std::string::npos) << text;
    EXPECT_NE(text.find("absente des données (supprimée hors de Cotation)"), std::string::npos) << text;
    EXPECT_NE(text.find("table dossier_document, ligne dossier_id=1 (« D1 »), document='budget' : présente dans les données, absente du journal"),
              std::string::npos) << text;
}

TEST(JournalLedger, DeletingTheLastEntriesIsDetected) {
    test::TempDir dir;
    rated_campaign(dir);
    // The two ratings are the last two entries; cut them off: the chain that
    // remains is whole, the data are not what it says.
    test::sql(dir.file("c.cot"), "DROP TRIGGER journal_no_delete; DELETE FROM journal WHERE seq > (SELECT max(seq) - 2 FROM journal)");
    auto c = open_sqlite_store(dir.file("c.cot"))->verify_journal();
    EXPECT_FALSE(c.ok);
    std::string text = all(c);
    EXPECT_NE(text.find("table rating, ligne dossier_id=1 (« D1 »)"), std::string::npos) << text;
    EXPECT_NE(text.find("table rating, ligne dossier_id=2 (« D2 »)"), std::string::npos) << text;
}

TEST(JournalLedger, DeletingEveryEntryIsDetected) {
    test::TempDir dir;
    rated_campaign(dir);
    test::sql(dir.file("c.cot"), "DROP TRIGGER journal_no_delete; DELETE FROM journal");
    auto c = open_sqlite_store(dir.file("c.cot"))->verify_journal();
    EXPECT_FALSE(c.ok);
    EXPECT_EQ(c.entries, 0);
    std::string text = all(c);
    EXPECT_NE(text.find("table campaign, ligne id=1 : présente dans les données, absente du journal"), std::string::npos) << text;
    EXPECT_NE(text.find("table rating"), std::string::npos) << text;
}

TEST(JournalLedger, EditThenRecomputedHashesIsDetected) {
    test::TempDir dir;
    rated_campaign(dir);
    // The data and the entry that recorded it edited alike, every SHA-256 of
    // the chain recomputed: the chain holds, the row's digest does not.
    test::sql(dir.file("c.cot"), "DROP TRIGGER journal_no_update; UPDATE rating SET value = 0 WHERE value = 4; "
                           "UPDATE journal SET new_value = '0 — Solide.' WHERE new_value = '4 — Solide.'");
    rehash_chain(dir.file("c.cot"));
    auto c = open_sqlite_store(dir.file("c.cot"))->verify_journal();
    EXPECT_FALSE(c.ok);
    std::string text = all(c);
    EXPECT_EQ(text.find("contenu modifié"), std::string::npos) << text;   // the chain itself is consistent
    EXPECT_EQ(text.find("ne suit pas"), std::string::npos) << text;
    EXPECT_NE(text.find("table rating, ligne dossier_id=1 (« D1 »)"), std::string::npos) << text;
}

TEST(JournalLedger, HeadKeptOutsideTheFileCatchesAConsistentRewrite) {
    test::TempDir dir;
    JournalHead head;
    {
        auto s = rated_campaign(dir);
        head = s->store().journal_head();
        EXPECT_TRUE(s->store().verify_journal(head).ok);
        cotation::test::set_parameter(*s, "campagne.places", "40", "test");   // the campaign goes on: it still extends the head
        EXPECT_TRUE(s->store().verify_journal(head).ok) << all(s->store().verify_journal(head));
        EXPECT_TRUE(s->store().verify_journal(JournalHead{0, head.hash.substr(0, 16)}).ok);
    }
    // A rewrite of an entry's text with the chain recomputed: data and
    // digests agree, only the head printed before tells.
    test::sql(dir.file("c.cot"), "DROP TRIGGER journal_no_update; UPDATE journal SET actor = 'Quelqu''un' WHERE seq = 2");
    rehash_chain(dir.file("c.cot"));
    auto store = open_sqlite_store(dir.file("c.cot"));
    EXPECT_TRUE(store->verify_journal().ok);
    auto c = store->verify_journal(head);
    EXPECT_FALSE(c.ok);
    EXPECT_NE(all(c).find("le journal ne prolonge pas la tête donnée (" + head.text() + ") : l'entrée " +
                          std::to_string(head.entries) + " a l'empreinte"),
              std::string::npos) << all(c);
}

TEST(JournalLedger, HeadOnTheCommandLine) {
    test::TempDir dir;
    rated_campaign(dir);
    Ran t = cli("journal tete " + dir.file("c.cot"));
    ASSERT_EQ(t.code, 0) << t.out;
    auto nl = t.out.rfind('\n', t.out.size() - 2);
    std::string head = t.out.substr(nl + 1, t.out.size() - nl - 2);   // last line: N:HASH
    ASSERT_TRUE(parse_journal_head(head)) << t.out;
    Ran ok = cli("journal verify " + dir.file("c.cot") + " --tete " + head);
    EXPECT_EQ(ok.code, 0) << ok.out;
    EXPECT_NE(ok.out.find("La campagne prolonge la tête donnée"), std::string::npos) << ok.out;
    test::sql(dir.file("c.cot"), "DROP TRIGGER journal_no_delete; DELETE FROM journal WHERE seq = (SELECT max(seq) FROM journal)");
    Ran bad = cli("journal verify " + dir.file("c.cot") + " --tete " + head);
    EXPECT_EQ(bad.code, 1) << bad.out;
    EXPECT_NE(bad.out.find("le journal ne prolonge pas la tête donnée"), std::string::npos) << bad.out;
    EXPECT_EQ(cli("journal verify " + dir.file("c.cot") + " --tete 12:xyz").code, 2);
    // Trial finding 32: a head is its count and at least the 16 digits the documents print.
    EXPECT_FALSE(parse_journal_head(head.substr(head.find(':') + 1)));      // no count
    EXPECT_FALSE(parse_journal_head(head.substr(0, head.find(':') + 13)));  // 12 digits: 48 bits
    EXPECT_TRUE(parse_journal_head(head.substr(0, head.find(':') + 17)));   // 16 digits, as printed
    Ran other = cli("journal verify " + dir.file("c.cot") + " --tete 999:" + head.substr(head.find(':') + 1));
    EXPECT_NE(other.out.find("cette tête est celle d'une autre campagne ou d'une autre copie, ou des entrées ont été supprimées"),
              std::string::npos) << other.out;
}

TEST(JournalLedger, CommitteeDocumentsPrintTheHead) {
    test::TempDir dir;
    auto s = create_demo(dir.file("demo.cot"), "act-hlm", DemoStage::Complete);
    std::string head = s->store().journal_head().short_text();
    s->write_minutes(dir.file("pv.pdf"));
    EXPECT_NE(test::pdf_words(dir.file("pv.pdf")).find("Tête du journal de la campagne : " + head), std::string::npos);
}

TEST(JournalLedger, CampaignMadeBeforeTheLedgerIsVouchedForAtMigration) {
    test::TempDir dir;
    rated_campaign(dir);
    // Back to the schema before: entries without rows, hashed without them.
    // (the ledger is schema 12; 13, the links' identifiers, and 14, the pinned rules, came after it)
    test::sql(dir.file("c.cot"), test::before_ledger_sql(dir.file("c.cot")) + "PRAGMA user_version = 11");
    auto s = Session::open(dir.file("c.cot"));
    auto c = s->store().verify_journal();
    EXPECT_TRUE(c.ok) << all(c);
    auto j = s->store().journal("campagne/schema");
    ASSERT_EQ(j.size(), 1u);
    EXPECT_NE(j[0].new_value.find("empreintes de " + fr::plural(c.rows, "ligne")), std::string::npos) << j[0].new_value;
    // From then on, raw SQL is caught as in a new campaign.
    s.reset();
    test::sql(dir.file("c.cot"), "UPDATE dossier SET organisme = 'Autre nom' WHERE reference = 'D1'");
    EXPECT_NE(all(open_sqlite_store(dir.file("c.cot"))->verify_journal()).find("table dossier, ligne id=1 (« D1 »)"), std::string::npos);
}

// Issue 15 N1: a campaign of schema 18, whose dossiers and declared links
// have no organisation's key, reaching 19 while closed. Each key is the
// core's organisation_key of the row's organisme; the lock of the closed
// campaign is back; the migration's entry vouches for the rows it changed,
// so that the journal verifies.
TEST(JournalLedger, ACampaignBeforeTheOrganisationKeysGetsThemAtMigrationEvenClosed) {
    test::TempDir dir;
    const std::string path = dir.file("c.cot");
    {
        Campaign c;
        c.reference = "AAC essai";
        auto s = create_sqlite_store(path, c, {"essai", "1", "essai.xml", "<grille id=\"essai\" version=\"1\"/>", "", "", "", ""},
                                     "service");
        auto d = [](const std::string& ref, const std::string& org) {
            Dossier x;
            x.reference = ref;
            x.organisme = org;
            return x;
        };
        s->add_dossiers({d("D1", "Association Les Églantiers"), d("D2", "ASSOCIATION  LES-EGLANTIERS."), d("D3", "***")},
                        "service");
        s->put_person(Person{"Inès Martin", Role::Instructor, "Département", true, ""}, "service");
        s->declare_conflict({"Inès Martin", "Association Les Églantiers", "administratrice", "service", Date{2025, 5, 2}},
                            "service");
        s->close("instruction terminée", "service");
    }
    // Back to schema 18: the key columns dropped, the journal as schema 18 wrote it (its digests without a key).
    // (Through a connection of Cotation's: the lock triggers call its SQL functions.)
    cotation::row_ledger::Rows keyless;
    {
        cotation::sqlite::Db db(path, false);
        db.exec("ALTER TABLE dossier DROP COLUMN organisation_key; ALTER TABLE conflict DROP COLUMN organisation_key");
        keyless = cotation::sqlite::ledger::current(db);
    }
    std::vector<JournalEntry> entries = open_sqlite_store_read_only(path)->journal("");
    std::string statements = "DROP TRIGGER journal_no_update; ";
    auto quoted = [](const std::string& text) {
        std::string out = "'";
        for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
        return out + "'";
    };
    for (const auto& e : test::without_organisation_keys(entries, keyless))
        statements += "UPDATE journal SET rows = " + quoted(e.rows) + ", prev_hash = '" + e.prev_hash + "', hash = '" + e.hash +
                      "' WHERE seq = " + std::to_string(e.seq) + "; ";
    statements += "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal\n  "
                  "BEGIN SELECT RAISE(ABORT, 'le journal ne peut être que complété'); END; PRAGMA user_version = 18";
    cotation::sqlite::Db(path, false).exec(statements);
    {
        auto s = open_sqlite_store(path);   // migrated: schema 19
        auto check = s->verify_journal();
        EXPECT_TRUE(check.ok) << all(check);
        // D1 and D2 are both « association les eglantiers » (by hand: case, accent, hyphen, double space and dot
        // aside), D3 has no letter nor digit: an empty key, its row unchanged. The link is D1's name.
        auto j = s->journal("campagne/schema");
        ASSERT_EQ(j.size(), 1u);
        EXPECT_EQ(j[0].old_value, "schéma 18");
        EXPECT_EQ(j[0].new_value, "schéma 19 — empreintes de 3 lignes");   // D1, D2 and the link
        EXPECT_FALSE(s->closed_since().empty());
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT organisation_key FROM dossier ORDER BY id", -1, &st, nullptr);
    std::vector<std::string> keys;
    while (sqlite3_step(st) == SQLITE_ROW) keys.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    sqlite3_prepare_v2(db, "SELECT organisation_key FROM conflict", -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW) keys.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    sqlite3_close(db);
    EXPECT_EQ(keys, (std::vector<std::string>{"association les eglantiers", "association les eglantiers", "",
                                              "association les eglantiers"}));
    // Closed, it stays locked: the key's step lifted the lock of these tables within itself only.
    EXPECT_NE(raw(path, "UPDATE dossier SET commune = 'Marseille'").first, SQLITE_OK);
    EXPECT_NE(raw(path, "UPDATE conflict SET declaration = 'autre'").first, SQLITE_OK);
}

// Issue 15 N1: a dossier's organisation key changed outside Cotation is named
// by `journal verify`, as its row is.
TEST(JournalLedger, AnOrganisationKeyChangedOutsideCotationIsNamed) {
    test::TempDir dir;
    rated_campaign(dir);   // D1 « Org », D2 « Autre »
    test::sql(dir.file("c.cot"), "UPDATE dossier SET organisation_key = 'autre' WHERE reference = 'D1'");
    const std::string said = all(open_sqlite_store(dir.file("c.cot"))->verify_journal());
    EXPECT_NE(said.find("table dossier, ligne id=1 (« D1 ») : diffère de ce que le journal a enregistré"), std::string::npos)
        << said;
    // The core's key of « Org », by hand: « org ».
    EXPECT_NE(said.find("table dossier, ligne id=1 (« D1 ») : la clé de son organisme est « autre » et non « org »"),
              std::string::npos)
        << said;
}

// --- 13.2: every table locked once closed -----------------------------------

TEST(ClosedLock, RawSqlOnEveryTableOfAClosedCampaignIsRefused) {
    test::TempDir dir;
    auto s = create_demo(dir.file("demo.cot"), "act-hlm", DemoStage::Complete);
    // Closed through the store: the demo leaves a dossier awaiting arbitration.
    if (!s->closed()) s->store().close("Décisions prises", test::demo_coordinator(*s) + " (compte " + Session::os_login() + ")");
    std::string path = dir.file("demo.cot");
    std::string before = all(s->store().verify_journal());
    auto head = s->store().journal_head();
    s.reset();
    std::vector<std::pair<std::string, std::string>> tables;   // every table but the journal, with its first column
    std::set<std::string> empty;
    {
        sqlite3* db = nullptr;
        sqlite3_open(path.c_str(), &db);
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(db, "SELECT m.name, (SELECT name FROM pragma_table_info(m.name) WHERE cid = 0) FROM sqlite_master m "
                               "WHERE m.type='table' AND m.name NOT LIKE 'sqlite%' AND m.name <> 'journal'",
                           -1, &st, nullptr);
        while (sqlite3_step(st) == SQLITE_ROW)
            tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                                reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
        sqlite3_finalize(st);
        for (const auto& [name, column] : tables) {
            sqlite3_prepare_v2(db, ("SELECT count(*) FROM \"" + name + "\"").c_str(), -1, &st, nullptr);
            sqlite3_step(st);
            if (sqlite3_column_int(st, 0) == 0) empty.insert(name);
            sqlite3_finalize(st);
        }
        sqlite3_close(db);
    }
    ASSERT_GE(tables.size(), 20u);
    int refused = 0;
    for (const auto& [t, column] : tables) {
        // Each statement touches every row (or adds one): a refusal, never a change.
        for (const std::string& statement : {"DELETE FROM \"" + t + "\"", "UPDATE \"" + t + "\" SET \"" + column + "\" = \"" + column + "\"",
                                             "INSERT INTO \"" + t + "\" DEFAULT VALUES"}) {
            auto [rc, msg] = raw(path, statement);
            // An UPDATE or DELETE of an empty table changes nothing and fires nothing.
            if (rc == SQLITE_OK && statement.rfind("INSERT", 0) != 0 && empty.count(t)) continue;
            EXPECT_NE(rc, SQLITE_OK) << statement << " was accepted on a closed campaign";
            refused += rc != SQLITE_OK;
        }
    }
    EXPECT_GE(refused, static_cast<int>(3 * (tables.size() - empty.size())));
    // Besides up to three others, the four territory tables (schema 10) stay
    // empty in a demo that uses the offer shipped beside its grid.
    EXPECT_LE(empty.size(), 3u + 4u) << "the demo should fill nearly every table";
    // Reopening by raw SQL, with no journal entry: refused as well.
    EXPECT_NE(raw(path, "UPDATE campaign SET closed_at = ''").first, SQLITE_OK);
    auto store = open_sqlite_store(path);
    EXPECT_FALSE(store->closed_since().empty());
    EXPECT_EQ(all(store->verify_journal(head)), before);   // nothing changed
}

TEST(ClosedLock, LockTakenOffIsNamedByVerify) {
    test::TempDir dir;
    auto s = rated_campaign(dir);
    s->close("Décisions prises", "test");
    s.reset();
    test::sql(dir.file("c.cot"), "DROP TRIGGER rating_close_update");
    auto c = open_sqlite_store_read_only(dir.file("c.cot"))->verify_journal();
    EXPECT_FALSE(c.ok);
    EXPECT_NE(all(c).find("table rating : verrou de la campagne close supprimé"), std::string::npos) << all(c);
}

TEST(ClosedLock, ReopeningIsJournaledWithTheReason) {
    test::TempDir dir;
    auto s = rated_campaign(dir);
    s->close("Décisions prises", "test");
    s->reopen("Recours gracieux de l'organisme D2", "test");
    s->put_rating({s->dossiers()[1].id, "Claire", "I.1", 3, "Relu."}, "Claire");
    auto j = s->store().journal("campagne/etat");
    ASSERT_EQ(j.size(), 2u);
    EXPECT_EQ(j[1].new_value, "rouverte — Recours gracieux de l'organisme D2");
    EXPECT_TRUE(s->store().verify_journal().ok) << all(s->store().verify_journal());
    Ran r = cli("close " + dir.file("c.cot") + " --par test");
    EXPECT_EQ(r.code, 0) << r.out;
    r = cli("reopen " + dir.file("c.cot") + " --par test --motif 'Erreur matérielle'");
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_EQ(open_sqlite_store(dir.file("c.cot"))->journal("campagne/etat").back().new_value, "rouverte — Erreur matérielle");
}

// --- 13.5: checks inside the write transaction ------------------------------

// The ACT demo: ACT-2023-01 asks 15 places, ACT-2023-05 15 (Annexe 1 of the
// call; as in Decisions.CapacityOfTheCallIsNeverExceeded). Capacity 20: the
// second of two decisions taken on the same reading must be refused.
TEST(WriteTransaction, TwoDecisionsOnTheSameReadingCannotExceedCapacity) {
    test::TempDir dir;
    std::string path = dir.file("demo.cot");
    std::string coord;
    {
        auto s = create_demo(path, "act-hlm", DemoStage::Instruction);
        coord = test::demo_coordinator(*s);
        cotation::test::set_parameter(*s, "campagne.places", "20", coord);
    }
    auto first = Session::open(path);
    auto second = Session::open(path);   // both read 20 places free
    first->decide(id_of(*first, "ACT-2023-01"), retained(), coord);   // 15
    try {
        second->decide(id_of(*second, "ACT-2023-05"), retained(), coord);   // 15 + 15 = 30 > 20
        FAIL() << "capacity exceeded";
    } catch (const InputError& e) {
        // 20 − 15 = 5 left.
        EXPECT_NE(std::string(e.what()).find("reste : 5\u00A0places ; demande : 15\u00A0places"), std::string::npos) << e.what();
    }
    auto again = Session::open(path);
    EXPECT_EQ(again->decisions().size(), 1u);
}

TEST(WriteTransaction, ParallelDecisionsInThreadsCannotExceedCapacity) {
    test::TempDir dir;
    std::string path = dir.file("demo.cot");
    std::string coord;
    {
        auto s = create_demo(path, "act-hlm", DemoStage::Instruction);
        coord = test::demo_coordinator(*s);
        cotation::test::set_parameter(*s, "campagne.places", "20", coord);
    }
    std::vector<std::unique_ptr<Session>> sessions;
    for (int i = 0; i < 2; ++i) sessions.push_back(Session::open(path));
    std::array<std::string, 2> refs{"ACT-2023-01", "ACT-2023-05"};
    std::array<int, 2> ok{0, 0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i)
        threads.emplace_back([&, i] {
            try {
                sessions[i]->decide(id_of(*sessions[i], refs[i]), retained(), coord);
                ok[i] = 1;
            } catch (const Error&) {
            }
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(ok[0] + ok[1], 1);
    EXPECT_EQ(Session::open(path)->decisions().size(), 1u);
}

TEST(WriteTransaction, TwoParamsNeverRecordTheSameOldValue) {
    test::TempDir dir;
    rated_campaign(dir);
    auto first = Session::open(dir.file("c.cot"));
    auto second = Session::open(dir.file("c.cot"));
    cotation::test::set_parameter(*first, "campagne.places", "40", "test");
    // Decided on a reading without the 40: refused, naming it (issue 15: no
    // lost update on a file); once it read again, it passes.
    try {
        cotation::test::set_parameter(*second, "campagne.places", "50", "test");
        ADD_FAILURE() << "la seconde fenêtre a écrasé le 40 sans le voir";
    } catch (const StaleCampaign& e) {
        EXPECT_NE(std::string(e.what()).find("→ 40"), std::string::npos) << e.what();
    }
    cotation::test::set_parameter(*second, "campagne.places", "50", "test");
    auto j = first->store().journal("campagne/campagne.places");
    ASSERT_GE(j.size(), 2u);   // the value set at creation (from the grid), then the two
    const auto& one = j[j.size() - 2];
    const auto& two = j.back();
    EXPECT_EQ(one.new_value, "40");
    EXPECT_NE(one.old_value, "40");
    EXPECT_EQ(two.old_value, "40");   // what the second replaced, not what it had read
    EXPECT_EQ(two.new_value, "50");
}

TEST(WriteTransaction, StoreRefusesAChangeOnAStaleReading) {
    test::TempDir dir;
    rated_campaign(dir);
    auto a = open_sqlite_store(dir.file("c.cot"));
    auto b = open_sqlite_store(dir.file("c.cot"));
    a->load();
    b->load();
    a->set_parameter("campagne.places", "40", "test");
    EXPECT_THROW(b->set_parameter("campagne.places", "50", "test"), StaleCampaign);
    b->load();
    b->set_parameter("campagne.places", "50", "test");
}

// --- 13.6: busy and read-only in French -------------------------------------

TEST(BusyCampaign, WaitsThenSaysWhoHoldsIt) {
    test::TempDir dir;
    auto s = rated_campaign(dir);
    set_campaign_wait_ms(300);
    sqlite3* other = nullptr;
    sqlite3_open(dir.file("c.cot").c_str(), &other);
    ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    try {
        auto busy = Session::open(dir.file("c.cot"));
        cotation::test::set_parameter(*busy, "campagne.places", "40", "test");
        FAIL() << "written through another program's lock";
    } catch (const Error& e) {
        std::string m = e.what();
        EXPECT_NE(m.find("est occupée : un autre programme y écrit"), std::string::npos) << m;
        EXPECT_NE(m.find("après 1 seconde d'attente. Rien n'a été enregistré"), std::string::npos) << m;
        EXPECT_EQ(m.find("database is locked"), std::string::npos) << m;
    }
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    set_campaign_wait_ms(10000);
    cotation::test::set_parameter(*Session::open(dir.file("c.cot")), "campagne.places", "40", "test");   // free again
}

TEST(BusyCampaign, AnotherProcessHoldingItIsNamed) {
    test::TempDir dir;
    rated_campaign(dir);
    std::string path = dir.file("c.cot");
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    pid_t child = fork();
    if (child == 0) {
        sqlite3* db = nullptr;
        sqlite3_open(path.c_str(), &db);
        sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        sqlite3_exec(db, "UPDATE campaign_parameter SET value = value", nullptr, nullptr, nullptr);
        (void)!write(ready[1], "x", 1);
        sleep(5);
        _exit(0);
    }
    char c;
    ASSERT_EQ(read(ready[0], &c, 1), 1);
    set_campaign_wait_ms(200);
    try {
        cotation::test::set_parameter(*Session::open(path), "campagne.places", "40", "test");
        ADD_FAILURE() << "written through another process's lock";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("un autre programme de ce poste y écrit ("), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("processus " + std::to_string(child)), std::string::npos) << e.what();
    }
    set_campaign_wait_ms(10000);
    kill(child, SIGKILL);
    waitpid(child, nullptr, 0);
}

TEST(ReadOnlyCampaign, SaysWhyInFrench) {
    test::TempDir dir;
    rated_campaign(dir);
    auto ro = open_sqlite_store_read_only(dir.file("c.cot"));
    try {
        ro->set_parameter("campagne.places", "40", "test");
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("est ouverte en lecture seule : rien n'a été enregistré"), std::string::npos) << e.what();
    }
    if (geteuid() == 0) GTEST_SKIP() << "root writes a file whatever its rights";
    chmod(dir.file("c.cot").c_str(), 0444);
    try {
        cotation::test::set_parameter(*Session::open(dir.file("c.cot")), "campagne.places", "40", "test");
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("ne peut pas être modifiée : le fichier n'est pas modifiable par ce compte"),
                  std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("Rien n'a été modifié"), std::string::npos) << e.what();   // trial 13 F19
    }
}

// --- Trial 13 F17: the rows rights rest on, checked before every change ----

// A role changed in raw SQL was believed by every writing command (only
// `journal verify` saw it): the team and the campaign's row are compared
// with the journal inside each write transaction, and the change refused.
TEST(RightsRows, RoleChangedInRawSqlRefusesTheNextChange) {
    test::TempDir dir;
    auto s = rated_campaign(dir);
    // Entries Cotation writes (the coordinator from her account): the journal itself is sound (trial 13e F1).
    const std::string coord = "Coord (compte coord)";
    s->store().put_person({"Coord", Role::Coordinator, "ARS", true, "coord"}, "test");
    s->store().put_person({"Eve", Role::Instructor, "ARS", true, "eve"}, coord);
    s.reset();
    auto store = open_sqlite_store(dir.file("c.cot"));
    ASSERT_NO_THROW(store->set_parameter("campagne.date_limite", "29/04/2023", coord));   // as journaled: accepted
    store.reset();
    test::sql(dir.file("c.cot"), "UPDATE person SET role = 'coordinateur' WHERE name = 'Eve'");
    store = open_sqlite_store(dir.file("c.cot"));
    const std::size_t entries = store->journal("").size();
    std::string msg = test::message_of([&] { store->set_parameter("campagne.date_limite", "30/04/2023", coord); });
    EXPECT_NE(msg.find("modifiée hors de Cotation"), std::string::npos) << msg;
    EXPECT_NE(msg.find("table person, ligne name='Eve'"), std::string::npos) << msg;
    EXPECT_EQ(store->journal("").size(), entries);   // nothing written
    // An account taken over the same way, through a batch of changes: refused as well.
    store.reset();
    test::sql(dir.file("c.cot"), "UPDATE person SET role = 'instructeur', account = 'intrus' WHERE name = 'Eve'");
    store = open_sqlite_store(dir.file("c.cot"));
    EXPECT_THROW(store->begin_write(), Error);
}

// The audit's clandestine reopening: closed_at emptied with the lock's own
// function; the next change is refused, naming the campaign's row.
TEST(RightsRows, ClosingUndoneOutsideCotationRefusesTheNextChange) {
    test::TempDir dir;
    auto s = rated_campaign(dir);
    s->close("Décisions prises", "test");
    s.reset();
    sqlite3* db = nullptr;
    sqlite3_open(dir.file("c.cot").c_str(), &db);
    sqlite3_create_function_v2(
        db, "cotation_deverrouille", 0, SQLITE_UTF8, nullptr,
        [](sqlite3_context* c, int, sqlite3_value**) { sqlite3_result_int(c, 1); }, nullptr, nullptr, nullptr);
    ASSERT_EQ(sqlite3_exec(db, "UPDATE campaign SET closed_at = ''", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    auto store = open_sqlite_store(dir.file("c.cot"));
    ASSERT_TRUE(store->closed_since().empty());   // the file says open
    std::string msg = test::message_of([&] { store->set_parameter("campagne.date_limite", "30/04/2023", "test"); });
    EXPECT_NE(msg.find("table campaign, ligne id=1"), std::string::npos) << msg;
}

// A trigger added in raw SQL rewrote each decision's places as it was written,
// row digests included: the journal said 7 places, the file held 40, and
// `journal verify` said intact (trial 13b F13). It is named by verify, and
// no change is written while it is there.
TEST(RightsRows, ATriggerAddedOutsideCotationIsNamedAndRefusesTheNextChange) {
    test::TempDir dir;
    auto s = rated_campaign(dir);
    s.reset();
    test::sql(dir.file("c.cot"), "CREATE TRIGGER quarante AFTER INSERT ON decision "
                           "BEGIN UPDATE decision SET places = '40' WHERE dossier_id = NEW.dossier_id; END;");
    auto store = open_sqlite_store(dir.file("c.cot"));
    JournalCheck c = store->verify_journal();
    EXPECT_FALSE(c.ok);
    EXPECT_NE(all(c).find("déclencheur « quarante » (table decision) ajouté hors de Cotation"), std::string::npos) << all(c);
    std::string msg = test::message_of([&] { store->set_parameter("campagne.date_limite", "30/04/2023", "test"); });
    EXPECT_NE(msg.find("porte un déclencheur ajouté ou changé hors de Cotation"), std::string::npos) << msg;
    EXPECT_NE(msg.find("« quarante » (table decision)"), std::string::npos) << msg;
    EXPECT_NE(msg.find("Rien n'a été enregistré"), std::string::npos) << msg;
}

// Trial 13d F1: a trigger put in the place of Cotation's own lock, under its
// name, rewrote the places of each decision as it was written, digests
// included; the names matched, so nothing was said. The texts are compared.
TEST(RightsRows, ATriggerSwappedUnderOneOfCotationsNamesIsNamedAndRefusesTheNextChange) {
    test::TempDir dir;
    rated_campaign(dir).reset();
    auto store = open_sqlite_store(dir.file("c.cot"));
    EXPECT_TRUE(store->verify_journal().ok);   // its own triggers, as written: nothing said
    store.reset();
    test::sql(dir.file("c.cot"), "DROP TRIGGER decision_close_insert");
    test::sql(dir.file("c.cot"), "CREATE TRIGGER decision_close_insert AFTER INSERT ON decision "
                                 "BEGIN UPDATE decision SET places = '73' WHERE dossier_id = NEW.dossier_id; END;");
    store = open_sqlite_store(dir.file("c.cot"));
    JournalCheck c = store->verify_journal();
    EXPECT_FALSE(c.ok);
    EXPECT_NE(all(c).find("déclencheur « decision_close_insert » (table decision) changé hors de Cotation"),
              std::string::npos) << all(c);
    const std::string msg = test::message_of([&] { store->set_parameter("campagne.date_limite", "30/04/2023", "test"); });
    EXPECT_NE(msg.find("« decision_close_insert » (table decision) changé"), std::string::npos) << msg;
    EXPECT_NE(msg.find("Rien n'a été enregistré"), std::string::npos) << msg;
}

// Trial 15b F11, on a shared folder: an account that may not write the
// campaign is refused before SQLite opens it, leaving no « -wal » nor
// « -shm » of its own in the owner's way; and working files another account
// left are named as the cause, not the campaign's rights. Root writes
// whatever the rights: the commands then run as « nobody » (setpriv).
// The comparison with the journal is remembered while no other program
// writes (a campaign of 10 000 dossiers has 860 000 entries: each rating
// read them all again). A change by another connection makes it look again:
// a session that found the file clean still refuses what comes after a raw
// edit, and a right changed in raw SQL still stops its next write.
TEST(LedgerMemory, ACleanLookIsForgottenWhenAnotherProgramWrites) {
    test::TempDir dir;
    auto s = rated_campaign(dir);
    EXPECT_TRUE(s->outside_changes().empty());
    s->put_rating({s->dossiers()[0].id, "Claire", "I.2", 3, "Correct."}, "Claire");   // journaled: still clean
    EXPECT_TRUE(s->outside_changes().empty());
    test::sql(dir.file("c.cot"), "UPDATE rating SET value = 0 WHERE criterion = 'I.1'");
    const auto changed = s->outside_changes();
    ASSERT_EQ(changed.size(), 2u);   // the two I.1 ratings of rated_campaign
    EXPECT_NE(changed[0].find("table rating"), std::string::npos) << changed[0];
    const std::string refused = test::message_of([&] { s->require_no_outside_change("aucun document n'a été écrit"); });
    EXPECT_NE(refused.find("aucun document n'a été écrit"), std::string::npos) << refused;
    // The rights rows, looked at by the first write and then remembered.
    auto store = open_sqlite_store(dir.file("c.cot"));
    store->put_person({"Eve", Role::Instructor, "ARS", true, "eve"}, "test");
    test::sql(dir.file("c.cot"), "UPDATE person SET role = 'coordinateur' WHERE name = 'Eve'");
    // A session's write scope (begin_write) reloads what another program
    // changed, then acts: the rights rows are looked at again first.
    const std::string msg = test::message_of([&] { store->begin_write(); });
    EXPECT_NE(msg.find("table person, ligne name='Eve'"), std::string::npos) << msg;
}

// A write rolled back gives its journal numbers to the next one: what was
// remembered of the rolled-back entry is dropped, so another program's
// entry of the same number is read, not taken for an outside change.
TEST(LedgerMemory, AnEntryRolledBackIsNotRememberedInPlaceOfTheNextOne) {
    test::TempDir dir;
    rated_campaign(dir).reset();
    auto mine = open_sqlite_store(dir.file("c.cot"));
    ASSERT_TRUE(mine->outside_changes().empty());
    const std::int64_t d1 = test::id_of(*Session::open(dir.file("c.cot")), "D1");
    mine->begin_write();
    mine->put_ratings({{d1, "Claire", "I.3", 1, "Rétracté."}}, "test");
    ASSERT_TRUE(mine->outside_changes().empty());   // its own entry, not committed yet
    mine->end_write(false);
    auto other = open_sqlite_store(dir.file("c.cot"));
    other->put_ratings({{d1, "Paul", "I.4", 5, "Excellent."}}, "test");   // the same journal number
    const auto seen = mine->outside_changes();
    EXPECT_TRUE(seen.empty()) << seen.front();
}

TEST(ReadOnlyCampaign, AnotherAccountLeavesNoWorkingFilesAndTheirsAreNamed) {
    namespace fs = std::filesystem;
    test::TempDir dir;
    const std::string f = dir.file("shared/act.cot");
    fs::create_directory(dir.file("shared"));
    std::string coordinator;
    {
        auto s = create_demo(f, "act-hlm", DemoStage::Instruction);
        coordinator = test::demo_coordinator(*s);
    }
    std::string run_as;
    if (::geteuid() == 0) run_as = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
    else GTEST_SKIP() << "needs root to act as a second account";
    {   // The coordinator works from the « nobody » account, as in DocumentCommandsReadAReadOnlyCampaign.
        auto s = Session::open(f);
        Person c = *s->team().person(coordinator);
        c.account = "nobody";
        s->store().put_person(c, "essai (compte root)");
    }
    for (const char* side : {"-shm", "-wal"}) fs::remove(f + side);   // none but those the refused account would leave
    fs::permissions(dir.path, fs::perms(0755));
    fs::permissions(dir.file("shared"), fs::perms(01777));
    fs::permissions(f, fs::perms(0644));   // root's, not writable by nobody
    const std::string param = std::string(COTATION_CLI) + " param " + f + " campagne.places=20 --par '" + coordinator + "'";
    test::Ran r = test::shell(run_as + param);
    EXPECT_NE(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("le fichier n'est pas modifiable par ce compte"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(f + "-shm")) << "un -shm laissé par le compte refusé";
    EXPECT_FALSE(fs::exists(f + "-wal")) << "un -wal laissé par le compte refusé";
    // The other way round: the campaign is nobody's to write, a -shm left by root is not.
    fs::permissions(f, fs::perms(0666));
    test::spit(f + "-shm", "");
    fs::permissions(f + "-shm", fs::perms(0644));
    r = test::shell(run_as + param);
    EXPECT_NE(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("son fichier de travail « " + f + "-shm » appartient à un autre compte (UID 0)"), std::string::npos)
        << r.out;
}
