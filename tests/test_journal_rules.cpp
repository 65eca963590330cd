// What Cotation writes in a journal (core/journal_rules.h, trial 13c F1):
// entries written here by hand, as the stores write them; each expected
// entry number and reason read off the sequence by hand.
#include <gtest/gtest.h>

#include "core/journal_rules.h"

namespace cotation {
namespace {

JournalRecord journal_record(std::int64_t seq, const std::string& at, const std::string& actor, const std::string& action,
                  const std::string& entity = "campagne", const std::string& new_value = "") {
    return {seq, at, actor, action, entity, "", new_value};
}

// A copy as share.cpp writes it, of the `seq - 1` entries before it.
JournalRecord copy_record(std::int64_t seq, const std::string& at, const std::string& actor,
                          const std::string& source = "postgresql://srv/base?campagne=C") {
    return {seq, at, actor, "campagne.copie", "campagne/copie", "",
            "copie de « " + source + " » : journal repris tel quel (" + std::to_string(seq - 1) + " entrées, tête " +
                std::to_string(seq - 1) + ":00)"};
}

// A campaign file: created alone (no team), Nadia declared coordinator from
// root, Thomas instructor from thomas, a rating, a decision.
std::vector<JournalRecord> genuine() {
    return {journal_record(1, "2026-11-30T10:00:00Z", "Nadia Roussel (compte root)", "campagne.creation"),
            journal_record(2, "2026-11-30T10:01:00Z", "Nadia Roussel (compte root)", "personne", "personne/Nadia Roussel",
                "coordonnateur — ARS — compte root"),
            journal_record(3, "2026-11-30T10:02:00Z", "Nadia Roussel (compte root)", "personne", "personne/Thomas Petit",
                "instructeur — ARS — compte thomas"),
            journal_record(4, "2026-11-30T10:03:00Z", "Thomas Petit (compte thomas)", "note", "dossier/A/note/Thomas Petit/I.1"),
            journal_record(5, "2026-11-30T10:04:00Z", "Nadia Roussel (compte root)", "decision", "dossier/A/decision")};
}

TEST(JournalRules, CoordinatorKindsAreOneList) {
    EXPECT_TRUE(coordinator_action("decision"));
    EXPECT_TRUE(coordinator_action("campagne.reouverture"));
    EXPECT_TRUE(coordinator_action("personne"));
    EXPECT_TRUE(coordinator_action("territoire.repartition"));
    EXPECT_TRUE(coordinator_action("campagne.regles_territoriales"));   // pinned at migration only, as the procedure
    EXPECT_FALSE(coordinator_action("note"));
    EXPECT_FALSE(coordinator_action("soumission"));
    EXPECT_FALSE(coordinator_action("conflit"));   // a reviewer declares their own link
    EXPECT_EQ(coordinator_actions().size(), 13u);
}

TEST(JournalRules, AuthorOfAnActor) {
    auto a = entry_author("saisi par Nadia Roussel (compte root) pour Thomas Petit");
    EXPECT_EQ(a.person, "Nadia Roussel");
    EXPECT_EQ(a.account, "root");
    a = entry_author("Nathalie Girard (ARS, siège) (compte root)");   // a name with its own parentheses (the demo's)
    EXPECT_EQ(a.person, "Nathalie Girard (ARS, siège)");
    EXPECT_EQ(a.account, "root");
    a = entry_author("Nadia Roussel");   // a server's entry
    EXPECT_EQ(a.person, "Nadia Roussel");
    EXPECT_EQ(a.account, "");
}

TEST(JournalRules, WhatCotationWritesPasses) {
    EXPECT_FALSE(first_unwritten_entry(genuine(), JournalHome::File));
    // The same second twice, and a fraction after whole seconds: not backwards.
    auto j = genuine();
    j[4].at = "2026-11-30T10:03:00.5Z";
    EXPECT_FALSE(first_unwritten_entry(j, JournalHome::File));
}

TEST(JournalRules, DateBeforeThePreviousEntry) {
    auto j = genuine();
    j.push_back(journal_record(6, "2019-01-01T00:00:00Z", "Nadia Roussel (compte root)", "decision", "dossier/B/decision"));
    auto u = first_unwritten_entry(j, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 6);
    EXPECT_NE(u->why.find("datée d'avant l'entrée 5 (30/11/2026 à 10:04 UTC)"), std::string::npos) << u->why;
    EXPECT_EQ(unwritten_text(*u).rfind("entrée 6 (01/01/2019 à 00:00 UTC, par « Nadia Roussel (compte root) », decision) : "
                                       "Cotation ne l'aurait pas écrite",
                                       0),
              0u)
        << unwritten_text(*u);
    // A fraction before the whole second of the entry before: backwards too.
    j = genuine();
    j[3].at = "2026-11-30T10:04:00Z";
    j[4].at = "2026-11-30T10:03:59.9Z";
    u = first_unwritten_entry(j, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 5);
    j = genuine();
    j[2].at = "30/11/2026";
    u = first_unwritten_entry(j, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 3);
}

TEST(JournalRules, AccountNotTheOneBoundThen) {
    // Nadia is bound to root: an entry in her name from the account « nadia » (trial 13c forge 3).
    auto j = genuine();
    j.push_back(journal_record(6, "2026-11-30T10:05:00Z", "Nadia Roussel (compte nadia)", "personne", "personne/Claire Costa",
                    "coordonnateur — ARS — compte mallory"));
    auto u = first_unwritten_entry(j, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 6);
    EXPECT_NE(u->why.find("avait à cette date le compte « root », pas le compte « nadia »"), std::string::npos) << u->why;
    // The binding at that moment: Thomas moved from thomas to tpetit at entry 6;
    // entry 4 from thomas was his, entry 7 from thomas is not.
    j = genuine();
    j.push_back(journal_record(6, "2026-11-30T10:05:00Z", "Nadia Roussel (compte root)", "personne", "personne/Thomas Petit",
                    "instructeur — ARS — compte tpetit"));
    j.push_back(journal_record(7, "2026-11-30T10:06:00Z", "Thomas Petit (compte thomas)", "note", "dossier/A/note/Thomas Petit/I.2"));
    u = first_unwritten_entry(j, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 7);
    EXPECT_NE(u->why.find("le compte « tpetit », pas le compte « thomas »"), std::string::npos) << u->why;
    // Someone never declared, from any account.
    j = genuine();
    j.push_back(journal_record(6, "2026-11-30T10:05:00Z", "Mallory (compte mallory)", "note", "dossier/A/note/Mallory/I.1"));
    u = first_unwritten_entry(j, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 6);
    EXPECT_NE(u->why.find("« Mallory » ne faisait pas partie de l'équipe"), std::string::npos) << u->why;
}

TEST(JournalRules, CoordinatorKindByAnotherRole) {
    // Thomas, instructor, « decides » from his own account (trial 13c forge 2).
    auto j = genuine();
    j.push_back(journal_record(6, "2026-11-30T10:05:00Z", "Thomas Petit (compte thomas)", "decision", "dossier/C/decision"));
    auto u = first_unwritten_entry(j, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 6);
    EXPECT_NE(u->why.find("une entrée « decision » est du coordonnateur, et « Thomas Petit » était instructeur à cette date"),
              std::string::npos)
        << u->why;
    // Made coordinator at entry 6, he decides at entry 7: what Cotation writes.
    j = genuine();
    j.push_back(journal_record(6, "2026-11-30T10:05:00Z", "Nadia Roussel (compte root)", "personne", "personne/Thomas Petit",
                    "coordonnateur — ARS — compte thomas"));
    j.push_back(journal_record(7, "2026-11-30T10:06:00Z", "Thomas Petit (compte thomas)", "decision", "dossier/C/decision"));
    EXPECT_FALSE(first_unwritten_entry(j, JournalHome::File));
    // A role change is the coordinator's too: Thomas, instructor, makes himself coordinator.
    j = genuine();
    j.push_back(journal_record(6, "2026-11-30T10:05:00Z", "Thomas Petit (compte thomas)", "personne", "personne/Thomas Petit",
                    "coordonnateur — ARS — compte thomas"));
    u = first_unwritten_entry(j, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 6);
}

TEST(JournalRules, ActorWithoutAccount) {
    auto j = genuine();
    j.push_back(journal_record(6, "2026-11-30T10:05:00Z", "Nadia Roussel", "decision", "dossier/C/decision"));
    // A file: Cotation writes the account of every person's entry.
    auto u = first_unwritten_entry(j, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 6);
    // A server names the person its role is: no account in the actor.
    EXPECT_FALSE(first_unwritten_entry(j, JournalHome::Server));
    // Issue 13 G1: a copy appended after it no longer makes it « copied from a
    // server »: the file's entries are replayed all the same.
    j.push_back(copy_record(7, "2026-11-30T10:06:00Z", "compte root"));
    u = first_unwritten_entry(j, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 6);
    EXPECT_NE(u->why.find("n'est suivi d'aucun compte"), std::string::npos) << u->why;
}

// Issue 13 G1 (grave): two entries appended to a file, the first changing
// rows in Nadia's name without an account, the second an empty copy signed by
// « Mallory (compte mallory) », whom the team does not have.
TEST(JournalRules, ForgedCopyInTheMiddleOfAFile) {
    auto j = genuine();
    j.push_back(journal_record(6, "2026-11-30T10:05:00Z", "Nadia Roussel", "decision", "dossier/C/decision"));
    j.push_back(journal_record(7, "2026-11-30T10:06:00Z", "Mallory (compte mallory)", "campagne.copie", "campagne/copie"));
    auto u = first_unwritten_entry(j, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 6);   // the forged change, no longer covered by the copy
    // The copy alone: empty, it says nothing a copy says.
    j.erase(j.begin() + 5);
    j.back().seq = 6;
    u = first_unwritten_entry(j, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 6);
    EXPECT_NE(u->why.find("une copie dit ce qu'elle a copié"), std::string::npos) << u->why;
    // Worded as share.cpp words it, signed by an account outside the team: what `exporter` run by
    // the IT service writes (trial 15 M1, docs/serveur.md step 5), and what a forger may write.
    // It exempts nothing before it: the forged change above is still named.
    for (const char* stranger : {"Mallory (compte mallory)", "compte mallory", "compte svc (rôle « cotation_admin » du serveur)"}) {
        j.back() = copy_record(6, "2026-11-30T10:06:00Z", stranger);
        EXPECT_FALSE(first_unwritten_entry(j, JournalHome::File)) << stranger;
        auto forged = j;
        forged.insert(forged.end() - 1, journal_record(6, "2026-11-30T10:05:00Z", "Nadia Roussel", "decision", "dossier/C/decision"));
        forged.back() = copy_record(7, "2026-11-30T10:06:00Z", stranger);
        u = first_unwritten_entry(forged, JournalHome::File);
        ASSERT_TRUE(u) << stranger;
        EXPECT_EQ(u->seq, 6) << stranger;
    }
    // Claiming fewer entries than precede it: a copy takes the whole journal.
    j.back() = copy_record(6, "2026-11-30T10:06:00Z", "compte root");
    j.back().new_value = "copie de « postgresql://srv/base?campagne=C » : journal repris tel quel (3 entrées, tête 3:00)";
    u = first_unwritten_entry(j, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_NE(u->why.find("reprend tout le journal qui la précède (5 entrées ici), et celle-ci dit en avoir repris 3"),
              std::string::npos)
        << u->why;
    // A file is made from a server (exporter): a copy « from a file » in a file is not where a copy begins one.
    j.back() = copy_record(6, "2026-11-30T10:06:00Z", "compte root", "/tmp/a.cot");
    u = first_unwritten_entry(j, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_NE(u->why.find("une copie écrite dans un fichier vient d'un serveur"), std::string::npos) << u->why;
    // A file shared to a server, then exported: the first copy was written on the server.
    j.back() = copy_record(6, "2026-11-30T10:06:00Z", "compte root", "/tmp/a.cot");
    j.push_back(journal_record(7, "2026-11-30T10:07:00Z", "Thomas Petit (compte thomas)", "note",
                               "dossier/A/note/Thomas Petit/I.2"));
    j.push_back(copy_record(8, "2026-11-30T10:08:00Z", "Nadia Roussel (compte root)"));
    EXPECT_FALSE(first_unwritten_entry(j, JournalHome::File));
}

// Issue 13 G1b: a migration to a schema no migration of this program reaches,
// and one carrying rows after the ledger. Schemas as the stores number them
// (ledger at 12, this build up to 17: sqlite_schema.cpp's kMigrations).
TEST(JournalRules, MigrationsAreThisProgramsOwn) {
    const KnownSchemas known{12, 17};
    auto j = genuine();
    j.push_back({6, "2026-11-30T10:05:00Z", "cotation", "schema.migration", "campagne/schema", "schéma 998",
                 "schéma 999 — empreintes de 1 ligne", {"decision"}});
    auto u = first_unwritten_entry(j, JournalHome::File, "", known);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 6);
    EXPECT_NE(u->why.find("aucune migration de Cotation n'atteint le schéma 999 (cette version va jusqu'au schéma 17)"),
              std::string::npos)
        << u->why;
    // A known schema, but rows after the ledger: no migration since 12 writes any.
    j.back().old_value = "schéma 15";
    j.back().new_value = "schéma 16 — empreintes de 1 ligne";
    u = first_unwritten_entry(j, JournalHome::File, "", known);
    ASSERT_TRUE(u);
    EXPECT_NE(u->why.find("porte l'empreinte d'une ligne de la table « decision », alors que les migrations de Cotation"),
              std::string::npos)
        << u->why;
    // The same without rows: what a migration of this program writes.
    j.back().tables.clear();
    EXPECT_FALSE(first_unwritten_entry(j, JournalHome::File, "", known));
    // The first digests of an older campaign (from 11), but after entries that carried digests already.
    j.back() = {6, "2026-11-30T10:05:00Z", "cotation", "schema.migration", "campagne/schema", "schéma 11",
                "schéma 17 — empreintes de 1 ligne", {"decision"}};
    j[4].tables = {"decision"};
    u = first_unwritten_entry(j, JournalHome::File, "", known);
    ASSERT_TRUE(u);
    EXPECT_NE(u->why.find("vient avant toute entrée qui porte des empreintes de lignes"), std::string::npos) << u->why;
    // Before any digest: the first vouching of every row, as record_migration writes it.
    j[4].tables.clear();
    EXPECT_FALSE(first_unwritten_entry(j, JournalHome::File, "", known));
}

// Issue 15 N1: the one migration after the ledger that writes rows gives the
// dossiers and links written before it their organisation's key (the file's
// schema 19, the server's 20): its entry carries their rows, and theirs only.
TEST(JournalRules, TheOrganisationKeysMigrationCarriesDossiersAndLinksOnly) {
    KnownSchemas known{12, 21};   // a later migration (21) for the last case
    known.organisation_keys_file = 19;
    known.organisation_keys_server = 20;
    auto j = genuine();
    j.push_back({6, "2026-11-30T10:05:00Z", "cotation", "schema.migration", "campagne/schema", "schéma 18",
                 "schéma 19 — empreintes de 3 lignes", {"dossier", "conflict"}});
    EXPECT_FALSE(first_unwritten_entry(j, JournalHome::File, "", known));
    // The server's, from 13 (a journal copied from a server keeps it).
    j.back().old_value = "schéma 13";
    j.back().new_value = "schéma 20 — clé de l'organisme des dossiers et des liens d'intérêts";
    EXPECT_FALSE(first_unwritten_entry(j, JournalHome::File, "", known));
    // A decision's row: not what it writes.
    j.back().tables = {"dossier", "decision"};
    auto u = first_unwritten_entry(j, JournalHome::File, "", known);
    ASSERT_TRUE(u);
    EXPECT_NE(u->why.find("hors la clé de l'organisme des dossiers et des liens d'intérêts"), std::string::npos) << u->why;
    // Dossiers' rows from a migration that does not reach the keys (16 to 17), or starts after them (20 to 21).
    j.back().tables = {"dossier"};
    j.back().old_value = "schéma 16";
    j.back().new_value = "schéma 17 — empreintes de 1 ligne";
    EXPECT_TRUE(first_unwritten_entry(j, JournalHome::File, "", known));
    j.back().old_value = "schéma 20";
    j.back().new_value = "schéma 21 — empreintes de 1 ligne";
    EXPECT_TRUE(first_unwritten_entry(j, JournalHome::File, "", known));
}

TEST(JournalRules, NoTeamNoNamesChecked) {
    // One person working alone, then the first coordinator bound: nothing before is judged by name.
    std::vector<JournalRecord> j = {
        journal_record(1, "2026-11-30T10:00:00Z", "démonstration (compte root)", "campagne.creation"),
        journal_record(2, "2026-11-30T10:01:00Z", "n'importe qui (compte x)", "campagne.parametre", "campagne/campagne.places"),
        // A migration says the schema it moves from and to (trial 13e F2: one that does not is no migration).
        {3, "2026-11-30T10:02:00Z", "cotation", "schema.migration", "campagne/schema", "schéma 11", "schéma 12 — empreintes"},
        // A team without accounts (before accounts were bound): roles are checked, not accounts.
        journal_record(4, "2026-11-30T10:03:00Z", "Nadia Roussel (compte root)", "personne", "personne/Nadia Roussel",
            "coordonnateur — ARS"),
        journal_record(5, "2026-11-30T10:04:00Z", "Nadia Roussel (compte other)", "decision", "dossier/A/decision")};
    EXPECT_FALSE(first_unwritten_entry(j, JournalHome::File));
    j.push_back(journal_record(6, "2026-11-30T10:05:00Z", "Paul (compte root)", "decision", "dossier/B/decision"));
    auto u = first_unwritten_entry(j, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 6);
    // Cotation's own entries are its own; « cotation » deciding is not.
    j.back() = journal_record(6, "2026-11-30T10:05:00Z", "cotation", "decision", "dossier/B/decision");
    u = first_unwritten_entry(j, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 6);
}

// Trial 13f F1: one appended « campagne.copie » entry carried the rows of a
// decision, a rating, a person and the campaign, and « Journal intact » followed.
TEST(JournalRules, CopyEntryWritesNoRow) {
    auto j = genuine();
    JournalRecord copy{6, "2026-11-30T10:05:00Z", "Nadia Roussel (compte root)", "campagne.copie", "campagne/copie", "",
                       "copie de « postgresql://srv/base?campagne=C » : journal repris tel quel (5 entrées, tête 5:00)",
                       {"decision"}};
    j.push_back(copy);
    auto u = first_unwritten_entry(j, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 6);
    EXPECT_NE(u->why.find("table « decision », qu'une entrée « campagne.copie » n'écrit pas"), std::string::npos) << u->why;
    // The same copy with no row, as share.cpp writes it: accepted.
    j.back().tables.clear();
    EXPECT_FALSE(first_unwritten_entry(j, JournalHome::File));
    // On a server journal too (the copy a file made of itself there).
    j.back().tables = {"campaign"};
    EXPECT_TRUE(first_unwritten_entry(j, JournalHome::Server));
}

TEST(JournalRules, CopyEntrySignedByItsAccount) {
    auto j = genuine();
    // The forger's « X »: no account, not a form share.cpp writes.
    j.push_back(copy_record(6, "2026-11-30T10:05:00Z", "X"));
    auto u = first_unwritten_entry(j, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 6);
    EXPECT_NE(u->why.find("« X » n'en dit aucun"), std::string::npos) << u->why;
    // Thomas is bound to thomas (entry 3), not to mallory.
    j.back().actor = "Thomas Petit (compte mallory)";
    u = first_unwritten_entry(j, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_NE(u->why.find("le compte « thomas », pas le compte « mallory » que dit la copie"), std::string::npos) << u->why;
    // The forms share.cpp writes: a person with their account, an account alone (with the server's role).
    for (const char* actor : {"Thomas Petit (compte thomas)", "compte root", "compte root (rôle « cot » du serveur)"}) {
        j.back().actor = actor;
        EXPECT_FALSE(first_unwritten_entry(j, JournalHome::File)) << actor;
    }
}

// Trial 13f F2: a rating by an instructor the dossier was not assigned to.
// Dossier A (filed by « Asso ») is assigned to Thomas at entry 5; Julien has none.
std::vector<JournalRecord> reviewed() {
    return {journal_record(1, "2026-11-30T10:00:00Z", "Nadia Roussel (compte root)", "campagne.creation"),
            journal_record(2, "2026-11-30T10:01:00Z", "Nadia Roussel (compte root)", "personne", "personne/Nadia Roussel",
                           "coordonnateur — ARS — compte root"),
            journal_record(3, "2026-11-30T10:01:00Z", "Nadia Roussel (compte root)", "personne", "personne/Thomas Petit",
                           "instructeur — ARS — compte thomas"),
            journal_record(4, "2026-11-30T10:01:00Z", "Nadia Roussel (compte root)", "personne", "personne/Julien Roux",
                           "instructeur — ARS — compte julien"),
            journal_record(5, "2026-11-30T10:02:00Z", "Nadia Roussel (compte root)", "dossier.ajout", "dossier/A/1",
                           "organisme=Asso; siret=; finess=; commune=; ; pieces="),
            journal_record(6, "2026-11-30T10:02:00Z", "Nadia Roussel (compte root)", "affectation",
                           "dossier/A/1/affectation/Thomas Petit", "affecté"),
            journal_record(7, "2026-11-30T10:03:00Z", "Thomas Petit (compte thomas)", "note",
                           "dossier/A/1/note/Thomas Petit/I.1", "4 — Bien")};
}

TEST(JournalRules, RatingByTheAssignedReviewerOnly) {
    auto j = reviewed();
    EXPECT_FALSE(first_unwritten_entry(j, JournalHome::File));
    // Julien, from his own account, on a dossier not assigned to him.
    j.push_back(journal_record(8, "2026-11-30T10:04:00Z", "Julien Roux (compte julien)", "note",
                               "dossier/A/1/note/Julien Roux/I.1", "5 — Excellent"));
    auto u = first_unwritten_entry(j, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 8);
    EXPECT_NE(u->why.find("Ce dossier n'est pas affecté à « Julien Roux »"), std::string::npos) << u->why;
    // The coordinator typing Julien's grid in: still Julien's right that counts.
    j.back().actor = "saisi par Nadia Roussel (compte root) pour Julien Roux";
    EXPECT_TRUE(first_unwritten_entry(j, JournalHome::File));
    // Once assigned (under a renamed reference), both are Cotation's.
    j.back().seq = 10;
    j.insert(j.end() - 1, journal_record(8, "2026-11-30T10:04:00Z", "Nadia Roussel (compte root)", "dossier.identite",
                                          "dossier/A/1", "reference=B; organisme=Asso; siret=; finess=; commune="));
    j.back().entity = "dossier/B/note/Julien Roux/I.1";
    j.insert(j.end() - 1, journal_record(9, "2026-11-30T10:04:00Z", "Nadia Roussel (compte root)", "affectation",
                                          "dossier/B/affectation/Julien Roux", "affecté"));
    EXPECT_FALSE(first_unwritten_entry(j, JournalHome::File));
    // A server applies its own rights as it writes (pg_roles.cpp, rating_refused): not judged there.
    auto served = reviewed();
    served.push_back(journal_record(8, "2026-11-30T10:04:00Z", "Julien Roux (compte julien)", "note",
                                    "dossier/A/1/note/Julien Roux/I.1", "5 — Excellent"));
    EXPECT_FALSE(first_unwritten_entry(served, JournalHome::Server));
    // Taken into a file by a copy from the server, whoever signs it: judged by the server's rights,
    // which refuse Julien a dossier not assigned to him too (trial 15 M1: the copy exempted it).
    served.push_back(copy_record(9, "2026-11-30T10:05:00Z", "compte root"));
    u = first_unwritten_entry(served, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 8);
    EXPECT_NE(u->why.find("Ce dossier n'est pas affecté à « Julien Roux »"), std::string::npos) << u->why;
    // The server's coordinator writes a rating in Julien's name (PgAccess's laundering test): the
    // server's right, not the file's — accepted before a copy from a server, refused on the file.
    served[7].actor = "Nadia Roussel (compte root)";
    EXPECT_FALSE(first_unwritten_entry(served, JournalHome::File));
    served.pop_back();
    u = first_unwritten_entry(served, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 8);
    // Once Julien submitted it, not by the server's coordinator either.
    served.insert(served.end() - 1, journal_record(8, "2026-11-30T10:04:00Z", "Julien Roux (compte julien)", "soumission",
                                                   "dossier/A/1/soumission/Julien Roux", "notes soumises"));
    served.back().seq = 9;
    served.push_back(copy_record(10, "2026-11-30T10:05:00Z", "compte root"));
    u = first_unwritten_entry(served, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 9);
    EXPECT_NE(u->why.find("« Julien Roux » a déjà soumis ses notes pour ce dossier"), std::string::npos) << u->why;
    // After submitting, a reviewer's rating no longer changes; a declared link ends the assignment.
    for (const char* action : {"soumission", "conflit"}) {
        auto k = reviewed();
        k.push_back(std::string(action) == "soumission"
                        ? journal_record(8, "2026-11-30T10:04:00Z", "Thomas Petit (compte thomas)", "soumission",
                                         "dossier/A/1/soumission/Thomas Petit", "notes soumises")
                        : journal_record(8, "2026-11-30T10:04:00Z", "Thomas Petit (compte thomas)", "conflit",
                                         "personne/Thomas Petit/conflit/Asso", "administrateur (déclaré le 30/11/2026)"));
        k.push_back(journal_record(9, "2026-11-30T10:05:00Z", "Thomas Petit (compte thomas)", "note",
                                   "dossier/A/1/note/Thomas Petit/I.1", "5 — Excellent"));
        u = first_unwritten_entry(k, JournalHome::File);
        ASSERT_TRUE(u) << action;
        EXPECT_EQ(u->seq, 9) << action;
        EXPECT_NE(u->why.find(std::string(action) == "soumission" ? "a déjà soumis" : "n'est pas affecté à « Thomas Petit »"),
                  std::string::npos)
            << u->why;
    }
}

// Trial 13f F8: the last entry dated 23 h ahead of this workstation (computed
// by hand: 2026-12-02T03:00Z is 23 h after 2026-12-01T04:00Z).
TEST(JournalRules, ClockBehindTheLastEntryIsSaid) {
    const std::string w = clock_behind_warning(466, "2026-12-02T03:00:00Z", "2026-12-01T04:00:00Z");
    EXPECT_EQ(w, "ATTENTION : la dernière entrée du journal (466) est datée du 02/12/2026 à 03:00 UTC, 23 heures après l'heure "
                 "de ce poste (01/12/2026 à 04:00 UTC) : l'horloge de ce poste retarde, ou cette entrée a été ajoutée hors de "
                 "Cotation. Ce qui est enregistré maintenant prend sa date ; faites vérifier l'horloge et le journal (cotation "
                 "journal verify).");
    // 5 minutes ahead (another workstation of the share) is ordinary; 6 minutes is said, in minutes.
    EXPECT_EQ(clock_behind_warning(3, "2026-12-01T04:05:00Z", "2026-12-01T04:00:00Z"), "");
    EXPECT_NE(clock_behind_warning(3, "2026-12-01T04:06:00Z", "2026-12-01T04:00:00Z").find(", 6 minutes après"),
              std::string::npos);
    EXPECT_EQ(clock_behind_warning(3, "2026-12-01T03:00:00Z", "2026-12-01T04:00:00Z"), "");   // behind: ordinary
    EXPECT_EQ(clock_behind_warning(3, "hier", "2026-12-01T04:00:00Z"), "");
}

}  // namespace
}  // namespace cotation
