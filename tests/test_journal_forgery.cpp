// Entries appended to a campaign's journal by another program, with their
// hashes recomputed as the (public, keyless) algorithm does, as trial 13c's
// scripts did with sqlite3 (trial 13c F1).
#include <gtest/gtest.h>

#include <unistd.h>

#include <ctime>

#include "app/campaign_check.h"
#include "app/demo.h"
#include "app/share.h"
#include "app/session.h"
#include "core/decision_rules.h"
#include "core/error.h"
#include "io/imports.h"
#include "core/team.h"
#include "store/journal.h"
#include "store/pg_store.h"
#include "store/sql_text.h"
#include "store/campaign_store.h"
#include "test_support.h"

namespace cotation {
namespace {

// The team of trial 13c: Nadia Roussel coordinator bound to this account,
// Thomas Petit instructor bound to « thomas ».
std::string forgery_campaign(const test::TempDir& dir) {
    auto s = test::two_organisations_campaign(dir);
    const std::string me = Session::os_login();
    s->add_person({"Nadia Roussel", Role::Coordinator, "ARS", true, me}, "Nadia Roussel");
    s->add_person({"Thomas Petit", Role::Instructor, "ARS", true, "thomas"}, "Nadia Roussel");
    return dir.file("c.cot");
}

TEST(JournalForgery, InstructorsDecisionNamedEvenUnderTheHead) {
    test::TempDir dir;
    const std::string file = forgery_campaign(dir);
    test::Ran before = test::cli("journal verify " + file);
    ASSERT_EQ(before.code, 0) << before.out;
    JournalHead head;
    {
        auto store = open_sqlite_store_read_only(file);
        head = store->journal_head();
    }
    // Thomas, instructor, « decides » from his own account, dated after the last entry.
    test::forge_entry(file, "2099-01-01T00:00:00Z", "Thomas Petit (compte thomas)", "decision", "dossier/P/decision",
                "retenu (900) — ");
    test::Ran r = test::cli("journal verify " + file + " --tete " + head.text());
    EXPECT_NE(r.code, 0) << r.out;
    const std::string n = std::to_string(head.entries + 1);
    EXPECT_NE(r.out.find("entrée " + n + " (01/01/2099 à 00:00 UTC, par « Thomas Petit (compte thomas) », decision) : "
                         "Cotation ne l'aurait pas écrite, une entrée « decision » est du coordonnateur, et « Thomas Petit » "
                         "était instructeur à cette date"),
              std::string::npos)
        << r.out;
}

TEST(JournalForgery, AnotherAccountAndABackwardDate) {
    test::TempDir dir;
    const std::string file = forgery_campaign(dir);
    // In Nadia's name from an account that is not hers (trial 13c forge 3).
    test::forge_entry(file, "2099-01-01T00:00:00Z", "Nadia Roussel (compte nadia)", "personne", "personne/Claire Costa",
                "coordonnateur — ARS — compte mallory");
    test::Ran r = test::cli("journal verify " + file);
    EXPECT_NE(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("« Nadia Roussel » avait à cette date le compte « " + Session::os_login() +
                         " », pas le compte « nadia » que dit l'entrée"),
              std::string::npos)
        << r.out;

    test::TempDir dir2;
    const std::string file2 = forgery_campaign(dir2);
    // Nadia's own account, but dated in 2019 after entries of today.
    test::forge_entry(file2, "2019-01-01T00:00:00Z", "Nadia Roussel (compte " + Session::os_login() + ")", "decision",
                "dossier/P/decision", "retenu (10) — ");
    r = test::cli("journal verify " + file2);
    EXPECT_NE(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("(01/01/2019 à 00:00 UTC, par « Nadia Roussel (compte "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("elle est datée d'avant l'entrée"), std::string::npos) << r.out;
}

// Issue 13 G1 (grave): a row changed in SQL, an entry vouching for it in
// Nadia's name with no account, then an empty « campagne.copie » signed by
// « Mallory (compte mallory) », whom the team does not have: everything before
// a copy was taken as « copied from a server », and verify said « intact ».
TEST(JournalForgery, ACopyAppendedMidHistoryCoversNothing) {
    test::TempDir dir;
    const std::string file = forgery_campaign(dir);
    JournalEntry last;
    {
        auto store = open_sqlite_store_read_only(file);
        last = store->journal("").back();
    }
    // P is the first dossier added (id 1); it asked 2 places (two_organisations_campaign).
    const std::string key = "dossier_id=1, fact='places'";
    test::sql(file, "UPDATE dossier_fact SET value='9' WHERE dossier_id=1 AND fact='places'");
    test::forge_entry(file, last.at, "Nadia Roussel", "dossier.fait", "dossier/P/places", "9",
                      test::row_line(file, "dossier_fact", key));
    test::forge_entry(file, last.at, "Mallory (compte mallory)", "campagne.copie", "campagne/copie", "");
    test::Ran r = test::cli("journal verify " + file);
    EXPECT_NE(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("entrée " + std::to_string(last.seq + 1) + " ("), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("son auteur « Nadia Roussel » n'est suivi d'aucun compte"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("Journal intact"), std::string::npos) << r.out;
}

bool listed_has(const std::vector<std::string>& problems, const std::string& part) {
    for (const auto& p : problems)
        if (p.find(part) != std::string::npos) return true;
    return false;
}
std::string listed(const std::vector<std::string>& problems) {
    std::string out;
    for (const auto& p : problems) out += p + "\n";
    return out;
}

// Issue 15 G2, the core rule: a decision departing from the opinion it
// records says why, as complete_decision asks it.
TEST(JournalReplayRules, ADepartureNeedsItsReasonInTheReplay) {
    CapacityModel m;
    m.capacity = Rational(20);
    m.places_unit = "place|places";
    Decision departs{DecisionKind::NotRetained, "Capacité atteinte", Date{2023, 6, 20}, std::nullopt,
                     DecisionKind::Retained, "", ""};
    auto b = first_broken_decision(m, {{"A", &departs, nullptr}});
    ASSERT_TRUE(b);
    EXPECT_EQ(b->why, "La décision s'écarte de l'avis de la commission (« retenu ») : écrivez pourquoi.");
    departs.departure_reason = "Projet repris par un autre gestionnaire";
    EXPECT_FALSE(first_broken_decision(m, {{"A", &departs, nullptr}}));
    // A complementary list beside a « non retenu » opinion is no departure.
    Decision waiting{DecisionKind::Complementary, "Liste d'attente", Date{2023, 6, 20}, std::nullopt,
                     DecisionKind::NotRetained, "", ""};
    EXPECT_FALSE(first_broken_decision(m, {{"B", &waiting, nullptr}}));
}

// Issue 15 G2: demo/act-hlm decided after the committee's vote. A dossier
// the committee advised « retenu » turned « non retenu » in SQL with no
// reason for the departure, under a truthful « decision » entry signed by the
// coordinator from their account: verify said « intact » and letters wrote it.
TEST(JournalReplayRules, ADepartureTypedInSqlIsRefusedByVerifyAndTheGate) {
    test::TempDir dir;
    const std::string file = dir.file("demo.cot");
    std::int64_t id = 0;
    std::string reference, coordinator;
    {
        auto s = create_demo(file, "act-hlm", DemoStage::Complete);
        for (const auto& d : s->dossiers())
            if (auto it = s->decisions().find(d.id); it != s->decisions().end() && it->second.kind == DecisionKind::Retained &&
                                                       it->second.committee_opinion == DecisionKind::Retained) {
                id = d.id;
                reference = d.reference;
                break;
            }
        coordinator = test::coordinator_actor(*s, Session::os_login());
    }
    ASSERT_NE(id, 0);
    const std::string key = "dossier_id=" + std::to_string(id);
    for (const char* opinion : {"retenu", ""}) {   // the opinion kept, then emptied: the vote's is read
        JournalEntry last = open_sqlite_store_read_only(file)->journal("").back();
        test::sql(file, "UPDATE decision SET kind='non retenu', places='', motive='Capacité atteinte', departure_reason='', "
                        "committee_opinion='" + std::string(opinion) + "' WHERE " + key);
        test::forge_entry(file, last.at, coordinator, "decision", "dossier/" + reference + "/decision",
                          "non retenu — Capacité atteinte", test::row_line(file, "decision", key));
        // The journal's own rules and rows hold: the entry is one the coordinator could have written.
        ASSERT_TRUE(open_sqlite_store_read_only(file)->verify_journal().ok);
        const std::string forged = "entrée " + std::to_string(last.seq + 1) + " (";
        CampaignCheck c = check_campaign(file);
        EXPECT_FALSE(c.journal.ok) << opinion;
        EXPECT_TRUE(listed_has(c.journal.problems, forged)) << listed(c.journal.problems);
        EXPECT_TRUE(listed_has(c.journal.problems, "La décision s'écarte de l'avis de la commission (« retenu ») : écrivez "
                                                   "pourquoi."))
            << listed(c.journal.problems);
        // The gate before letters, orders and decisions asks the same.
        EXPECT_TRUE(listed_has(Session::open_read_only(file)->outside_changes(), forged));
    }
}

// Issue 15 G5, the import's checks on a stored dossier: 5 where the form
// allows 4 (CRT, domaines_volet2 max 4), −3 places (min 0), a SIRET failing
// its Luhn key, a commune the reference data do not have.
TEST(JournalReplayRules, StoredValuesMeetTheImportsChecks) {
    Grid g;
    FactDef domains;
    domains.id = "domaines_volet2";
    domains.type = FactType::Number;
    domains.min = Rational(0);
    domains.max = Rational(4);
    g.facts.push_back(domains);
    const auto& ref = io::ReferenceData::instance();
    Dossier d;
    d.reference = "CRT-01";
    d.organisme = "Association Alpha";
    d.siret = "73282932000074";   // a valid key (Luhn)
    d.commune = "16015";          // Angoulême, in the reference data
    d.facts["domaines_volet2"] = Rational(4);
    d.facts["places"] = Rational(1);
    EXPECT_TRUE(io::stored_dossier_refusals(g, ref, d).empty());
    d.facts["domaines_volet2"] = Rational(5);
    d.facts["places"] = Rational(-3);
    d.siret = "12345678901234";   // key computed by hand: the Luhn sum is 44
    d.commune = "99999";
    auto bad = io::stored_dossier_refusals(g, ref, d);
    std::map<std::string, std::string> by_field(bad.begin(), bad.end());
    ASSERT_EQ(by_field.size(), 4u) << bad.size();
    EXPECT_NE(by_field["domaines_volet2"].find("la valeur 5 dépasse le maximum 4"), std::string::npos);
    EXPECT_NE(by_field["places"].find("est inférieure au minimum 0"), std::string::npos) << by_field["places"];
    EXPECT_NE(by_field["siret"].find("clé de contrôle (Luhn) invalide"), std::string::npos);
    EXPECT_NE(by_field["commune"].find("inconnu du référentiel des communes"), std::string::npos);
}

// Issue 15 G5 on a campaign: values typed in SQL under well-formed entries of
// the coordinator; verify named none of them.
TEST(JournalReplayRules, ValuesTheImportRefusesTypedInSqlAreNamed) {
    test::TempDir dir;
    const std::string file = forgery_campaign(dir);
    const std::string me = "Nadia Roussel (compte " + Session::os_login() + ")";
    JournalEntry last = open_sqlite_store_read_only(file)->journal("").back();
    // P is dossier 1, Q dossier 2 (two_organisations_campaign).
    test::sql(file, "INSERT INTO dossier_fact(dossier_id, fact, value) VALUES (1, 'places', '-3')");
    test::forge_entry(file, last.at, me, "dossier.fait", "dossier/P/places", "-3",
                      test::row_line(file, "dossier_fact", "dossier_id=1, fact='places'"));
    test::sql(file, "UPDATE dossier SET siret='12345678901234', commune='99999' WHERE id=2");
    test::forge_entry(file, last.at, me, "dossier.identite", "dossier/Q",
                      "reference=Q; organisme=Fondation Bêta; siret=12345678901234; finess=; commune=99999",
                      test::row_line(file, "dossier", "id=2"));
    ASSERT_TRUE(open_sqlite_store_read_only(file)->verify_journal().ok);
    CampaignCheck c = check_campaign(file);
    EXPECT_FALSE(c.journal.ok);
    const std::string places = "entrée n° " + std::to_string(last.seq + 1) + " ", q = "entrée n° " + std::to_string(last.seq + 2) + " ";
    EXPECT_TRUE(listed_has(c.journal.problems, "dossier « P », champ « places » : la valeur −3 est inférieure au minimum 0"))
        << listed(c.journal.problems);
    EXPECT_TRUE(listed_has(c.journal.problems, places)) << listed(c.journal.problems);
    EXPECT_TRUE(listed_has(c.journal.problems, "dossier « Q », champ « siret » : SIRET « 12345678901234 » : clé de contrôle"))
        << listed(c.journal.problems);
    EXPECT_TRUE(listed_has(c.journal.problems, "dossier « Q », champ « commune » : code commune INSEE « 99999 » inconnu"))
        << listed(c.journal.problems);
    EXPECT_TRUE(listed_has(c.journal.problems, q)) << listed(c.journal.problems);
}

// Issue 15 G1 (grave): `partager` printed « Journal de la source vérifié » for
// a campaign `journal verify` called ALTÉRÉ, its check skipping the rules on
// what the journal recorded. −3 places typed in SQL under a well-formed entry:
// refused with verify's words, nothing on the server. (Share.*: run by
// store.postgresql against its cluster.)
TEST(Share, ACampaignVerifyCallsAlteredIsNotCopied) {
    if (test::pg_server().empty()) GTEST_SKIP() << "COTATION_TEST_PG_URI non défini (ctest -R store.postgresql)";
    test::TempDir dir;
    const std::string file = forgery_campaign(dir);
    JournalEntry last = open_sqlite_store_read_only(file)->journal("").back();
    test::sql(file, "INSERT INTO dossier_fact(dossier_id, fact, value) VALUES (1, 'places', '-3')");
    test::forge_entry(file, last.at, "Nadia Roussel (compte " + Session::os_login() + ")", "dossier.fait",
                      "dossier/P/places", "-3", test::row_line(file, "dossier_fact", "dossier_id=1, fact='places'"));
    ASSERT_TRUE(open_sqlite_store_read_only(file)->verify_journal().ok);   // the store alone saw nothing
    const std::string uri = test::pg_server() + "?campagne=altere_g1_" + std::to_string(::getpid());
    std::string m;
    try {
        copy_campaign(file, uri, "");
    } catch (const InputError& e) {
        m = e.what();
    }
    EXPECT_NE(m.find("ne se vérifie pas"), std::string::npos) << m;
    EXPECT_NE(m.find("rien n'a été copié"), std::string::npos) << m;
    EXPECT_NE(m.find("dossier « P », champ « places »"), std::string::npos) << m;
    EXPECT_THROW(open_pg_store(uri), InputError);   // « n'existe pas sur le serveur »
}

TEST(JournalForgery, WritersNeverDateBeforeThePreviousEntry) {
    test::TempDir dir;
    const std::string file = forgery_campaign(dir);
    // The previous entry dated in the future by an hour (a workstation of the
    // share whose clock is ahead): the next genuine entry takes its date,
    // never an earlier one. (Dated past tomorrow, it is refused: trial 13d F5,
    // Trial13dFutureDate.*.)
    std::time_t ahead = std::time(nullptr) + 3600;
    std::tm tm{};
    gmtime_r(&ahead, &tm);
    char at[32];
    std::strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
    test::forge_entry(file, at, "Nadia Roussel (compte " + Session::os_login() + ")", "campagne.parametre", "campagne/essai", "");
    {
        auto s = Session::open(file);
        s->add_person({"Claire Costa", Role::CommitteeMember, "Département", true, ""}, "Nadia Roussel");
    }
    auto store = open_sqlite_store_read_only(file);
    auto entries = store->journal("");
    EXPECT_EQ(entries.back().at, at);
}

}  // namespace
}  // namespace cotation

namespace cotation {
namespace {

// The letters and orders carry the head: the decisions they notify are
// covered by a head kept outside the file (trial 13c F1: only the committee's
// documents, written before the decisions, printed it).
TEST(JournalForgery, LettersAndOrdersPrintTheJournalHead) {
    test::TempDir dir;
    const std::string file = dir.file("demo.cot");
    ASSERT_EQ(test::cli("demo " + file).code, 0);
    std::string head;
    {
        auto store = open_sqlite_store_read_only(file);
        head = store->journal_head().short_text();
    }
    test::Ran letters = test::cli("letters " + file + " --out " + dir.file("l"));
    ASSERT_EQ(letters.code, 0) << letters.out;
    test::Ran orders = test::cli("arretes " + file + " --out " + dir.file("a"));
    ASSERT_EQ(orders.code, 0) << orders.out;
    std::size_t letters_seen = 0, orders_seen = 0;
    for (const auto& [folder, seen] : {std::pair{dir.file("l"), &letters_seen}, std::pair{dir.file("a"), &orders_seen}})
        for (const auto& f : std::filesystem::directory_iterator(folder)) {
            if (f.path().extension() != ".pdf") continue;
            ++*seen;
            EXPECT_NE(test::pdf_words(f.path().string()).find("Tête du journal de la campagne : " + head),
                      std::string::npos)
                << f.path();
        }
    EXPECT_GT(letters_seen, 0u);
    EXPECT_GT(orders_seen, 0u);
}

}  // namespace
}  // namespace cotation

namespace cotation {
namespace {

// A schema version lowered with sqlite3 (trial 13c F8: « duplicate column
// name: identifiers. » from every command): said in French, nothing written.
TEST(SchemaLowered, SaidInFrenchAndTheFileUntouched) {
    test::TempDir dir;
    const std::string file = forgery_campaign(dir);
    for (int version : {12, 5, 1}) {
        test::sql(file, "PRAGMA user_version = " + std::to_string(version));
        const std::string bytes = test::slurp(file);
        for (const char* command : {"journal verify ", "rank "}) {
            test::Ran r = test::cli(command + file);
            EXPECT_NE(r.code, 0) << r.out;
            EXPECT_NE(r.out.find("annonce la version de schéma " + std::to_string(version) +
                                 ", qui ne correspond pas aux tables du fichier"),
                      std::string::npos)
                << r.out;
            EXPECT_NE(r.out.find("modifié hors de Cotation. Rien n'a été écrit"), std::string::npos) << r.out;
            EXPECT_EQ(r.out.find("duplicate"), std::string::npos) << r.out;
            EXPECT_EQ(r.out.find("already exists"), std::string::npos) << r.out;
        }
        EXPECT_EQ(test::slurp(file), bytes) << "schéma " << version;
    }
    // Version 13 of a file of the current schema: the column the last step added is named
    // (schema 17's co-signatories, trial 1011C F9).
    test::sql(file, "PRAGMA user_version = 13");
    const std::string said = test::cli("rank " + file).out;
    EXPECT_NE(said.find("table « campaign », colonne « cosignatories », qui n'existe pas à ce schéma"), std::string::npos)
        << said;
}

}  // namespace
}  // namespace cotation

namespace cotation {
namespace {

// A small tmpfs, filled: SQLite cannot make the campaign's « -shm » (trial
// 13c F5). Unmounted at the end; the test is skipped where mounting is not
// allowed (an account that is not root, a container without the right).
struct FullDisk {
    test::TempDir dir;
    std::string mount_point = dir.file("plein");
    bool mounted = false;
    FullDisk() {
        std::filesystem::create_directories(mount_point);
        mounted = test::shell("mount -t tmpfs -o size=700k tmpfs '" + mount_point + "'").code == 0;
    }
    ~FullDisk() {
        if (mounted) test::shell("umount '" + mount_point + "'");
    }
};

TEST(DiskFull, ASoundCampaignIsNotCalledDamaged) {
    FullDisk disk;
    if (!disk.mounted) GTEST_SKIP() << "mount -t tmpfs refusé à ce compte";
    const std::string source = forgery_campaign(disk.dir);
    const std::string file = disk.mount_point + "/a.cot";
    std::filesystem::copy_file(source, file);
    // What is left of the 700 KiB, filled up (dd stops at « No space left on device »).
    test::shell("dd if=/dev/zero of='" + disk.mount_point + "/pad' bs=1k count=2000");
    const std::string bytes = test::slurp(file);
    // Reading commands read it all the same, without working files (trial 13g G5): nobody has it open.
    for (const char* command : {"journal verify ", "rank "}) {
        test::Ran r = test::cli(command + file);
        EXPECT_EQ(r.code, 0) << command << r.out;
        EXPECT_EQ(r.out.find("est plein"), std::string::npos) << r.out;
        EXPECT_FALSE(std::filesystem::exists(file + "-shm")) << command;
    }
    // A command that writes says the disk is full, and does not call the campaign damaged.
    test::Ran d = test::cli("decide " + file + " --dossier P --decision retenu --date 15/06/2023");
    EXPECT_NE(d.out.find("Le disque qui contient la campagne « " + file + " » est plein"), std::string::npos) << d.out;
    EXPECT_NE(d.out.find("La campagne n'a pas été modifiée et n'est pas endommagée ; libérez de la place"),
              std::string::npos)
        << d.out;
    EXPECT_EQ(d.out.find("endommagée ("), std::string::npos) << d.out;
    EXPECT_EQ(d.out.find("reprenez sa dernière sauvegarde"), std::string::npos) << d.out;
    EXPECT_EQ(test::slurp(file), bytes);
    // Room made: the same campaign reads as it was.
    std::filesystem::remove(disk.mount_point + "/pad");
    test::Ran again = test::cli("journal verify " + file);
    EXPECT_EQ(again.code, 0) << again.out;
}

}  // namespace
}  // namespace cotation
