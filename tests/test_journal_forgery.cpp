// Entries appended to a campaign's journal by another program, with their
// hashes recomputed as the (public, keyless) algorithm does, as trial 13c's
// scripts did with sqlite3 (trial 13c F1).
#include <gtest/gtest.h>

#include <ctime>

#include "app/session.h"
#include "core/team.h"
#include "store/journal.h"
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
    EXPECT_NE(r.out.find("« Nadia Roussel » était lié(e) à cette date au compte « " + Session::os_login() +
                         " », pas au compte « nadia » que dit l'entrée"),
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
