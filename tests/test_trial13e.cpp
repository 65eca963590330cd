// Regressions of the attacker trial 13e (issue 13): a journal `journal verify`
// calls ALTÉRÉ stopped nothing (F1); an entry signed « cotation » vouched for
// any row (F2) and an instructor's « note » for a decision row (F3); a forged
// « retenu » of an irrecevable dossier verified (F4); a unique index added in
// raw SQL went unseen (F5). Expected values are worked out by hand in comments.
#include <gtest/gtest.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>

#include "app/session.h"
#include "core/decision_rules.h"
#include "core/error.h"
#include "core/french.h"
#include "core/people.h"
#include "core/journal_rules.h"
#include "io/output_file.h"
#include "io/xml_tree.h"
#include "store/campaign_store.h"
#include "store/journal.h"
#include "store/open_store.h"
#include "store/sqlite_db.h"
#include "store/sqlite_ledger.h"
#include "test_support.h"

using namespace cotation;

namespace {

// An entry's text as the core rules read it, at 10:MM on 1 December 2026.
JournalRecord record(std::int64_t seq, const std::string& actor, const std::string& action, const std::string& entity,
                     std::vector<std::string> tables = {}, const std::string& old_value = "",
                     const std::string& new_value = "") {
    char at[32];
    std::snprintf(at, sizeof at, "2026-12-01T10:%02d:00Z", static_cast<int>(seq % 60));
    return {seq, at, actor, action, entity, old_value, new_value, std::move(tables)};
}

// A coordinator bound to account « nadia » and an instructor bound to « claire ».
std::vector<JournalRecord> team_entries() {
    return {record(1, "cotation", "schema.migration", "campagne/schema", {"campaign"}, "schéma 11", "schéma 14 — empreintes"),
            record(2, "Nadia (compte nadia)", "personne", "personne/Nadia", {"person"}, "",
                   "coordinateur — ARS — compte nadia"),
            record(3, "Nadia (compte nadia)", "personne", "personne/Claire", {"person"}, "",
                   "instructeur — ARS — compte claire")};
}

}  // namespace

// ---- F2 / F3: the rows an entry vouches for belong to its action's tables ----

TEST(Trial13eEntryTables, RowTablesAreReadFromTheRowsLines) {
    EXPECT_EQ(row_tables("decision\tdossier_id=3\tab\nrating\tk\tcd\ndecision\tdossier_id=4\t-\n"),
              (std::vector<std::string>{"decision", "rating"}));
    EXPECT_TRUE(row_tables("").empty());
}

// F3: Claire's « note » entry carried the digest of decision dossier_id=3.
TEST(Trial13eEntryTables, ANoteCarryingADecisionRowIsNamed) {
    auto entries = team_entries();
    entries.push_back(record(4, "Claire (compte claire)", "note", "dossier/A/note/Claire/I.1", {"rating", "reviewer"}));
    EXPECT_FALSE(first_unwritten_entry(entries, JournalHome::File));
    entries.push_back(record(5, "Claire (compte claire)", "note", "dossier/A/note/Claire/I.1", {"decision"}));
    auto u = first_unwritten_entry(entries, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 5);
    EXPECT_EQ(u->why, "elle porte l'empreinte d'une ligne de la table « decision », qu'une entrée « note » n'écrit pas "
                      "(elle écrit : rating, reviewer)");
}

// F2: « cotation / journal.empreintes » covering a person (F2c), a campaign (F2b) or a decision (F2a) row.
TEST(Trial13eEntryTables, CotationsDigestsCoverOnlyAReviewerAdded) {
    for (const char* table : {"person", "campaign", "decision"}) {
        auto entries = team_entries();
        entries.push_back(record(4, "cotation", "journal.empreintes", "journal", {table}));
        auto u = first_unwritten_entry(entries, JournalHome::Server);
        ASSERT_TRUE(u) << table;
        EXPECT_EQ(u->why, "elle porte l'empreinte d'une ligne de la table « " + std::string(table) +
                              " », qu'une entrée « journal.empreintes » n'écrit pas (elle écrit : reviewer)");
    }
    auto entries = team_entries();
    entries.push_back(record(4, "cotation", "journal.empreintes", "journal", {"reviewer"}));
    EXPECT_FALSE(first_unwritten_entry(entries, JournalHome::File));
}

// F2: a migration is accepted only as one: the schema moves forward, past the last migration (to 14 in team_entries).
TEST(Trial13eEntryTables, AMigrationEntryMovesTheSchemaForward) {
    auto entries = team_entries();
    entries.push_back(record(4, "cotation", "schema.migration", "campagne/schema", {"decision"}, "schéma 13", "schéma 14 — x"));
    auto u = first_unwritten_entry(entries, JournalHome::File);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->seq, 4);
    EXPECT_NE(u->why.find("après une migration au schéma 14"), std::string::npos) << u->why;
    entries.back() = record(4, "cotation", "schema.migration", "campagne/schema", {"decision"}, "schéma 14", "schéma 14 — x");
    EXPECT_TRUE(first_unwritten_entry(entries, JournalHome::File));
    entries.back() = record(4, "cotation", "schema.migration", "campagne/schema", {"decision"}, "schéma 14", "schéma 15 — x");
    EXPECT_FALSE(first_unwritten_entry(entries, JournalHome::File));
}

// ---- F1: the gate reads only the entries after the last it verified ----

TEST(Trial13eJournalGate, TheReplayFedInPartsFindsWhatTheWholeFinds) {
    auto entries = team_entries();
    entries.push_back(record(4, "Claire (compte claire)", "decision", "dossier/A/decision", {"decision"}));
    auto whole = first_unwritten_entry(entries, JournalHome::File);
    ASSERT_TRUE(whole);
    EXPECT_EQ(whole->seq, 4);
    JournalReplay parts(JournalHome::File);
    EXPECT_FALSE(parts.feed({entries.begin(), entries.begin() + 3}));
    auto later = parts.feed({entries.begin() + 3, entries.end()});
    ASSERT_TRUE(later);
    EXPECT_EQ(later->why, whole->why);   // « une entrée « decision » est du coordonnateur, et « Claire » était instructeur … »
}

// Entries 1–2 chained, then entry 3 whose text was changed after its hash:
// named, and the memory stays at 2 so that the next look reads 3 again.
TEST(Trial13eJournalGate, CheckSinceStopsAtAChangedEntryAndKeepsItsPlace) {
    std::vector<JournalEntry> chain;
    std::string prev = kJournalGenesis;
    for (std::int64_t seq = 1; seq <= 3; ++seq) {
        JournalEntry e{seq, "2026-12-01T10:0" + std::to_string(seq) + ":00Z", "Nadia", "campagne.parametre",
                       "campagne/p" + std::to_string(seq), "", "1", prev, "", "", ""};
        e.hash = journal_hash(e);
        prev = e.hash;
        chain.push_back(e);
    }
    JournalSeen seen(JournalHome::File);
    EXPECT_TRUE(check_journal_since(seen, {chain[0], chain[1]}).empty());
    EXPECT_EQ(seen.seq, 2);
    JournalEntry changed = chain[2];
    changed.new_value = "2";
    auto problems = check_journal_since(seen, {changed});
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0], "entrée 3 : contenu modifié (campagne.parametre, campagne/p3)");
    EXPECT_EQ(seen.seq, 2);
    EXPECT_TRUE(check_journal_since(seen, {chain[2]}).empty());
    EXPECT_EQ(seen.seq, 3);
    // Entry 4 missing, 5 given: its number and its link are wrong.
    JournalEntry fifth{5, "2026-12-01T10:05:00Z", "Nadia", "campagne.parametre", "campagne/p5", "", "1", "x", "", "", ""};
    fifth.hash = journal_hash(fifth);
    problems = check_journal_since(seen, {fifth});
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0], "entrée 4 : absente (supprimée)");
}

// Trial 13e F1 case 1: an entry's text rewritten with the journal's
// protection taken off and put back. `journal verify` said ALTÉRÉ, and
// decisions, documents and `rank` went on: now the gate names the entry.
TEST(Trial13eJournalGate, AnEntryRewrittenStopsWritesAndIsSaidInTheBanner) {
    test::TempDir dir;
    auto s = test::two_organisations_campaign(dir);
    s.reset();
    const std::string file = dir.file("c.cot");
    std::string trigger;
    {
        sqlite::Db db(file, false, true);
        sqlite::Stmt t(db, "SELECT sql FROM sqlite_master WHERE name='journal_no_update'");
        ASSERT_TRUE(t.step());
        trigger = t.text(0);
    }
    // The entry that added dossier P: its text, not its hash, changed.
    std::int64_t seq = 0;
    for (const auto& e : open_campaign_store_read_only(file)->journal(""))
        if (e.action == "dossier.ajout" && seq == 0) seq = e.seq;
    ASSERT_GT(seq, 0);
    const std::string n = std::to_string(seq);
    test::sql(file,
              "DROP TRIGGER journal_no_update; UPDATE journal SET new_value = 'réécrite' WHERE seq = " + n + "; " + trigger);
    s = Session::open(file);
    const std::string banner = s->outside_change_warning();
    EXPECT_NE(banner.find("journal : entrée " + n + " : contenu modifié (dossier.ajout, dossier/P)"), std::string::npos)
        << banner;
    const std::string refused = test::message_of([&] { s->require_no_outside_change("aucun document n'a été écrit"); });
    EXPECT_NE(refused.find("entrée " + n + " : contenu modifié"), std::string::npos) << refused;
    const std::string write =
        test::message_of([&] { s->put_rating({test::id_of(*s, "P"), "Rev", "A.1", 3, "Bien."}, "Rev"); });
    EXPECT_NE(write.find("a été modifié ou complété hors de Cotation ; rien n'a été enregistré"), std::string::npos) << write;
    EXPECT_NE(write.find("entrée " + n + " : contenu modifié"), std::string::npos) << write;
}

// ---- F2 on a file: an instructor made coordinator under a « cotation » entry (F2c) ----

TEST(Trial13eForgedDigests, ACotationEntryCoveringAPersonIsNamedAndStopsWrites) {
    test::TempDir dir;
    auto s = test::two_organisations_campaign(dir);
    const std::string me = Session::os_login();
    s->add_person({"Nadia Roussel", Role::Coordinator, "ARS", true, me}, "Nadia Roussel");
    s->add_person({"Claire Martin", Role::Instructor, "ARS", true, ""}, "Nadia Roussel");
    s.reset();
    const std::string file = dir.file("c.cot");
    ASSERT_TRUE(open_campaign_store_read_only(file)->verify_journal().ok);
    test::sql(file, "UPDATE person SET role = 'coordinateur' WHERE name = 'Claire Martin'");
    const std::int64_t seq = open_campaign_store_read_only(file)->journal_head().entries + 1;
    const std::string rows = test::row_line(file, "person", "name='Claire Martin'");
    ASSERT_FALSE(rows.empty());
    test::forge_entry(file, utc_now_iso(), "cotation", "journal.empreintes", "journal", "", rows);
    JournalCheck c = open_campaign_store_read_only(file)->verify_journal();
    EXPECT_FALSE(c.ok);
    std::string all;
    for (const auto& p : c.problems) all += p + "\n";
    EXPECT_NE(all.find("entrée " + std::to_string(seq) + " ("), std::string::npos) << all;
    EXPECT_NE(all.find("elle porte l'empreinte d'une ligne de la table « person », qu'une entrée « journal.empreintes » "
                       "n'écrit pas"),
              std::string::npos)
        << all;
    s = Session::open(file);
    const std::string write = test::message_of(
        [&] { s->add_person({"Paul Petit", Role::Instructor, "ARS", true, ""}, "Nadia Roussel"); });
    EXPECT_NE(write.find("rien n'a été enregistré"), std::string::npos) << write;
}

// ---- F5: a unique index added in raw SQL ----

// Trial 13e F5: « CREATE UNIQUE INDEX decision_kind_idx ON decision(kind) WHERE
// kind='retenu' » made the next `decide` delete another decision. Here on
// the rating table: the index is named and nothing is written.
TEST(Trial13eForeignSchema, AnIndexAddedOutsideIsNamedBeforeAnyWrite) {
    test::TempDir dir;
    auto s = test::two_organisations_campaign(dir);
    s->put_rating({test::id_of(*s, "P"), "Rev", "A.1", 3, "Bien."}, "Rev");
    s.reset();
    const std::string file = dir.file("c.cot");
    test::sql(file, "CREATE UNIQUE INDEX rating_value_idx ON rating(value)");
    s = Session::open(file);
    const std::string write = test::message_of([&] { s->put_rating({test::id_of(*s, "Q"), "Rev", "A.1", 3, "Bien."}, "Rev"); });
    EXPECT_NE(write.find("index « rating_value_idx » (table rating) ajouté"), std::string::npos) << write;
    EXPECT_EQ(s->ratings().size(), 1u);
    JournalCheck c = open_campaign_store_read_only(file)->verify_journal();
    EXPECT_FALSE(c.ok);
    std::string all;
    for (const auto& p : c.problems) all += p + "\n";
    EXPECT_NE(all.find("index « rating_value_idx » (table rating) ajouté hors de Cotation : il peut"), std::string::npos) << all;
    // A view, and a table's definition changed, the same way.
    test::sql(file, "DROP INDEX rating_value_idx; CREATE VIEW v AS SELECT 1");
    c = open_campaign_store_read_only(file)->verify_journal();
    all.clear();
    for (const auto& p : c.problems) all += p + "\n";
    EXPECT_NE(all.find("vue « v » (table v) ajoutée hors de Cotation : elle peut"), std::string::npos) << all;   // 13f F9
}

// ---- F4: « retenu » for an irrecevable dossier ----

// The core rule: a dossier found irrecevable can be neither retained nor on the complementary list.
TEST(Trial13eIrrecevable, FirstBrokenDecisionNamesAnIrrecevableRetained) {
    CapacityModel m;
    m.capacity = Rational(20);
    m.places_unit = "place|places";
    Decision retained{DecisionKind::Retained, "", Date{2023, 6, 20}, Rational(8), std::nullopt, "", ""};
    Decision refused{DecisionKind::NotRetained, "Hors sujet.", Date{2023, 6, 20}, std::nullopt, std::nullopt, "", ""};
    Rational eight(8);
    auto b = first_broken_decision(m, {{"A", &retained, &eight, ""}, {"B", &retained, &eight, "budget manquant"}});
    ASSERT_TRUE(b);
    EXPECT_EQ(b->index, 1u);
    EXPECT_EQ(b->why, "Le dossier « B » est irrecevable (budget manquant) : il ne peut être ni retenu ni inscrit en liste "
                      "complémentaire.");
    // Refusing it is what decide records.
    EXPECT_FALSE(first_broken_decision(m, {{"A", &retained, &eight, ""}, {"B", &refused, nullptr, "budget manquant"}}));
}

// demo/act-hlm: ACT-2023-07 is irrecevable, its budget (dossiers.csv: 165 000 €
// for 12 places) above 12 × 12 600 € = 151 200 € (the ACT ceiling per place and
// year); the demo retains 66 of 73 places. 7 places granted to it by an entry Cotation writes in
// the coordinator's name (only decide's rules skipped) keep within the
// capacity; the irrecevability alone is named, and no letter goes.
TEST(Trial13eIrrecevable, AForgedRetainedOfAnIrrecevableDossierStopsDocuments) {
    test::TempDir dir;
    const std::string file = dir.file("demo.cot");
    ASSERT_EQ(test::cli("demo " + file).code, 0);
    {
        auto s = Session::open(file);
        const auto& e = *s->entry_of(*s->find("ACT-2023-07"));
        ASSERT_TRUE(e.apart());
        Decision d{DecisionKind::Retained, "", Date{2023, 6, 20}, Rational(7), std::nullopt, "", test::demo_coordinator(*s)};
        s->store().put_decision(test::id_of(*s, "ACT-2023-07"), d,
                                test::demo_coordinator(*s) + " (compte " + Session::os_login() + ")");
    }
    auto s = Session::open(file);
    auto changes = s->outside_changes();
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_NE(changes[0].find("Cotation ne l'aurait pas enregistrée, elle enfreint une règle de la décision : Le dossier "
                              "« ACT-2023-07 » est irrecevable (Le budget annuel demandé dépasse 12\u00A0600\u00A0€ par place et "
                              "par an (165\u00A0000\u00A0€ > 12\u00A0places × 12\u00A0600\u00A0€ = 151\u00A0200\u00A0€).) : "
                              "il ne peut être ni retenu ni inscrit en liste complémentaire."),
              std::string::npos)
        << changes[0];
    test::Ran letters = test::cli("letters " + file + " --out " + dir.file("l"));
    EXPECT_NE(letters.code, 0) << letters.out;
    EXPECT_FALSE(std::filesystem::exists(dir.file("l/ACT-2023-07-lettre.pdf")));
}

// ---- F7: one rule for every typed text ----

// U+1D159 (null notehead) and U+3164 (Hangul filler) alone show nothing:
// refused as a name and as a motive; U+202E inside a justification is
// refused as in a motive.
TEST(Trial13eTypedText, NothingVisibleAndDirectionOverridesAreRefusedEverywhere) {
    EXPECT_FALSE(fr::given("\U0001D159"));
    EXPECT_FALSE(fr::given("\u3164"));
    EXPECT_TRUE(fr::given("\u3164A"));
    EXPECT_EQ(name_refusal("\u3164", "L'organisation"),
              "L'organisation ne contient aucun caractère visible (seulement des espaces ou des caractères qui ne "
              "s'impriment pas) ; retapez-le. Rien n'a été enregistré.");
    EXPECT_NE(text_refusal("\U0001D159", "Le motif").find("ne contient aucun caractère visible"), std::string::npos);
    EXPECT_EQ(text_refusal("", "Le motif"), "");   // an empty text is the field's own business
    test::TempDir dir;
    auto s = test::two_organisations_campaign(dir);
    const std::string j = test::message_of(
        [&] { s->put_rating({test::id_of(*s, "P"), "Rev", "A.1", 3, "Projet fragile \u202e: voir budget"}, "Rev"); });
    EXPECT_NE(j.find("La justification contient un caractère de contrôle ou invisible (U+202E"), std::string::npos) << j;
    const std::string m = test::message_of(
        [&] { s->set_parameters({}, "test", "Dépôt tardif \u202e: 2023"); });
    EXPECT_NE(m.find("Le motif du changement contient un caractère de contrôle ou invisible (U+202E"), std::string::npos) << m;
    // The dossiers' file: an organisation of U+3164 alone, named with its line and column.
    test::spit(dir.file("inv.csv"), "reference;organisme;siret;finess;commune;places;budget_annuel;date_depot\n"
                                    "R;\u3164;;;16015;;;\n");
    const std::string imp = test::message_of([&] { s->import_dossiers_file(dir.file("inv.csv"), "test"); });
    EXPECT_NE(imp.find("aucun caractère visible"), std::string::npos) << imp;
    EXPECT_FALSE(s->find("R"));
}

// ---- F8: an input that is not a regular file ----

TEST(Trial13eInputFiles, ADeviceOrAPipeIsRefusedInFrench) {
    const std::string zero = test::message_of<InputError>([] { io::read_file("/dev/zero"); });
    EXPECT_EQ(zero, "« /dev/zero » n'est pas un fichier ordinaire (périphérique, tube ou prise) : indiquez le fichier à "
                    "lire. Rien n'a été lu.");
    test::TempDir dir;
    std::filesystem::create_symlink("/dev/zero", dir.file("zl.csv"));
    EXPECT_NE(test::message_of<InputError>([&] { io::read_file(dir.file("zl.csv")); }).find("n'est pas un fichier ordinaire"),
              std::string::npos);
    test::spit(dir.file("ok.csv"), "a;b\n");
    EXPECT_EQ(io::read_file(dir.file("ok.csv")), "a;b\n");
}

// ---- F6: the cause of a failed write ----

TEST(Trial13eWriteFailure, TheDiskFullIsSaidAsSuch) {
    EXPECT_EQ(io::write_failure(ENOSPC), "le disque est plein");
    EXPECT_EQ(io::write_failure(EFBIG), "la taille de fichier permise à ce programme est dépassée");
    EXPECT_EQ(io::write_failure(EACCES), "écriture refusée");
    // A place where no file can be made (« /proc/x.png », trial 1011G m14), never the system's English.
    EXPECT_EQ(io::write_failure(ENOENT), "aucun fichier ne peut être créé à cet endroit");
    EXPECT_EQ(io::write_failure(ETXTBSY), "écriture interrompue (erreur du système n° " + std::to_string(ETXTBSY) + ")");
}

// ---- F10: the team changed in raw SQL is said as such ----

TEST(Trial13eTeamChanged, AnAccountRewrittenOutsideIsSaidAsAChangeNotAsAnAccountToBind) {
    test::TempDir dir;
    auto s = test::two_organisations_campaign(dir);
    s->add_person({"Nadia Roussel", Role::Coordinator, "ARS", true, Session::os_login()}, "Nadia Roussel");
    s.reset();
    const std::string file = dir.file("c.cot");
    test::sql(file, "UPDATE person SET account = 'mallory' WHERE name = 'Nadia Roussel'");
    s = Session::open(file);
    // Who acts is read before any write (the command line asks first).
    const std::string refused = test::message_of<InputError>([&] { s->acting_person("Nadia Roussel"); });
    EXPECT_NE(refused.find("a été modifiée hors de Cotation (rôles, comptes)"), std::string::npos) << refused;
    EXPECT_NE(refused.find("table person, ligne name='Nadia Roussel'"), std::string::npos) << refused;
    EXPECT_EQ(refused.find("n'est déclaré pour personne"), std::string::npos) << refused;
}
