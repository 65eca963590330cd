// The journal's grammar (core/journal_grammar.h): every reader gives back
// what its builder wrote, with the names that could fool a reader (a
// reference holding « / », an organisation holding « /conflit/ » or « — »,
// an author whose name holds « (compte »), and the stores write with it.
#include <gtest/gtest.h>

#include "core/journal_grammar.h"
#include "core/team_history.h"
#include "store/journal.h"
#include "store/journal_texts.h"

using namespace cotation;
namespace jt = cotation::journal_text;

TEST(JournalGrammar, DossierEntitiesReadBackWhateverTheReference) {
    EXPECT_EQ(jt::dossier_entity("ACT-2023-01"), "dossier/ACT-2023-01");
    EXPECT_EQ(jt::dossier_entity("ACT-2023-01", "decision"), "dossier/ACT-2023-01/decision");
    // A reference with « / » (an authority's numbering « 2023/04 »), a
    // reviewer's note on criterion I.1: the last « /note/ » separates.
    const std::string note = jt::dossier_entity("AAC/2023/04", "note", "Claire Martin/I.1");
    EXPECT_EQ(note, "dossier/AAC/2023/04/note/Claire Martin/I.1");
    const auto part = jt::dossier_part(note, "note");
    ASSERT_TRUE(part);
    EXPECT_EQ(part->first, "AAC/2023/04");
    EXPECT_EQ(part->second, "Claire Martin/I.1");
    EXPECT_FALSE(jt::dossier_part(note, "avis"));
    EXPECT_FALSE(jt::dossier_part("personne/Claire/note/x", "note"));
    EXPECT_EQ(jt::after_dossier("dossier/AAC/2023/04").value_or("?"), "AAC/2023/04");
    EXPECT_FALSE(jt::after_dossier("dossier/"));
    EXPECT_FALSE(jt::after_dossier("campagne/parametre"));
}

TEST(JournalGrammar, PeopleAndLinksReadBack) {
    EXPECT_EQ(jt::person_entity("Claire Martin"), "personne/Claire Martin");
    EXPECT_EQ(jt::person_of("personne/Claire Martin").value_or("?"), "Claire Martin");
    // An organisation may hold « /conflit/ » itself: the first mark separates.
    const std::string link = jt::conflict_entity("Claire Martin", "Association /conflit/ et médiation");
    const auto c = jt::conflict_of(link);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->reviewer, "Claire Martin");
    EXPECT_EQ(c->organisme, "Association /conflit/ et médiation");
    EXPECT_FALSE(jt::person_of(link));   // a link is not the person's own entry
    EXPECT_FALSE(jt::conflict_of("personne/Claire Martin"));
}

TEST(JournalGrammar, AnAuthorReadsAsTheServerReadsIt) {
    EXPECT_EQ(jt::signed_actor("Claire Martin", "cmartin"), "Claire Martin (compte cmartin)");
    EXPECT_EQ(jt::signed_actor("Claire Martin", ""), "Claire Martin");
    auto s = jt::signature_of("Claire Martin (compte cmartin)");
    EXPECT_EQ(s.person, "Claire Martin");
    EXPECT_EQ(s.account, "cmartin");
    // The coordinator entering a reviewer's grid (import-notes): her signature, and for whom.
    const std::string keyed = jt::keyed_for(jt::signed_actor("Nadia Roussel", "root"), "Thomas (compte t) Petit");
    EXPECT_EQ(keyed, "saisi par Nadia Roussel (compte root) pour Thomas (compte t) Petit");
    s = jt::signature_of(keyed);
    EXPECT_EQ(s.person, "Nadia Roussel");
    EXPECT_EQ(s.account, "root");
    EXPECT_EQ(s.for_person, "Thomas (compte t) Petit");
    // Not keyed, « pour » is part of a name.
    s = jt::signature_of("Nadia Roussel (compte root) pour Thomas");
    EXPECT_EQ(s.person, "Nadia Roussel (compte root) pour Thomas");
    EXPECT_EQ(s.account, "");
    // What the server's cotation_person leaves as it stands (« \(compte [^ ()]*\)$ »): a name.
    s = jt::signature_of("Jean (compte perso) Dupont");
    EXPECT_EQ(s.person, "Jean (compte perso) Dupont");
    EXPECT_EQ(s.account, "");
    s = jt::signature_of("Jean (compte a b)");
    EXPECT_EQ(s.person, "Jean (compte a b)");
    // The one that ends the text is the signature's.
    s = jt::signature_of("Jean (compte x) (compte y)");
    EXPECT_EQ(s.person, "Jean (compte x)");
    EXPECT_EQ(s.account, "y");
    // A motive (`param --motif`) and a note (a withdrawal's reason) follow the
    // signature; free text, they may hold « (compte … ) » themselves.
    const std::string motive = jt::with_motive(jt::signed_actor("Isabelle Renaud (Département 17)", "irenaud"),
                                               "Plafond revu (compte rendu du 3 mai)");
    EXPECT_EQ(motive, "Isabelle Renaud (Département 17) (compte irenaud) ; motif : Plafond revu (compte rendu du 3 mai)");
    s = jt::signature_of(motive);
    EXPECT_EQ(s.person, "Isabelle Renaud (Département 17)");
    EXPECT_EQ(s.account, "irenaud");
    EXPECT_EQ(s.motive, "Plafond revu (compte rendu du 3 mai)");
    s = jt::signature_of(jt::with_note(jt::signed_actor("Nathalie Girard", "root"), "Révision demandée en séance"));
    EXPECT_EQ(s.person, "Nathalie Girard");
    EXPECT_EQ(s.note, "Révision demandée en séance");
    EXPECT_EQ(jt::with_motive("Nathalie Girard (compte root)", ""), "Nathalie Girard (compte root)");
    // An entry written without an account keeps its motive apart.
    s = jt::signature_of("Nathalie Girard ; motif : Capacité revue");
    EXPECT_EQ(s.person, "Nathalie Girard");
    EXPECT_EQ(s.motive, "Capacité revue");
}

TEST(JournalGrammar, FieldsAndPersonLinesReadBack) {
    const std::string t = jt::fields_text({{"reference", "A-1"}, {"organisme", "Habitat = Santé"}, {"siret", ""}});
    EXPECT_EQ(t, "reference=A-1; organisme=Habitat = Santé; siret=");
    EXPECT_EQ(jt::field_of(t, "organisme").value_or("?"), "Habitat = Santé");
    EXPECT_EQ(jt::field_of(t, "siret").value_or("?"), "");
    EXPECT_EQ(jt::field_of(t, "reference").value_or("?"), "A-1");
    EXPECT_FALSE(jt::field_of(t, "finess"));
    EXPECT_FALSE(jt::field_of(t, "sme"));   // « siret=… » does not answer for « sme »: keys are whole

    // An organisation holding « — », a member without a vote, an account.
    const jt::PersonLine member{"membre de la commission", false, "ARS — Délégation 13", "mdupont"};
    const std::string line = jt::person_text(member);
    EXPECT_EQ(line, "membre de la commission (voix consultative) — ARS — Délégation 13 — compte mdupont");
    const auto back = jt::person_line_of(line);
    EXPECT_EQ(back.role, "membre de la commission");
    EXPECT_FALSE(back.deliberative);
    EXPECT_EQ(back.organisation, "ARS — Délégation 13");
    EXPECT_EQ(back.account, "mdupont");
    const auto bare = jt::person_line_of(jt::person_text({"instructeur", true, "", ""}));
    EXPECT_EQ(bare.role, "instructeur");
    EXPECT_TRUE(bare.deliberative);
    EXPECT_EQ(bare.organisation, "");
    EXPECT_EQ(bare.account, "");
}

// The stores' entries (store/journal_texts) read back by the core's readers:
// a person declared, then the binding `users` lists, from the same entries.
TEST(JournalGrammar, WhatTheStoresWriteTheReadersRead) {
    Person p;
    p.name = "Marc Dupont";
    p.role = Role::CommitteeMember;
    p.deliberative = false;
    p.organisation = "Conseil départemental — Pôle autonomie";
    p.account = "mdupont";
    const auto e = entry::person(p, "");
    JournalRecord r{1, "2026-12-02T10:00:00Z", "Anne Leroy (compte aleroy)", e.action, e.entity, e.old_value, e.new_value, {}};
    const auto read = person_of_entry(r);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->name, "Marc Dupont");
    EXPECT_EQ(read->role, Role::CommitteeMember);
    EXPECT_FALSE(read->deliberative);
    EXPECT_EQ(read->organisation, "Conseil départemental — Pôle autonomie");
    EXPECT_EQ(read->account, "mdupont");
    JournalEntry j;
    j.seq = 1, j.at = r.at, j.actor = r.actor, j.action = e.action, j.entity = e.entity, j.new_value = e.new_value;
    const auto bindings = account_bindings({j});
    ASSERT_EQ(bindings.size(), 1u);
    EXPECT_EQ(bindings[0].person, "Marc Dupont");
    EXPECT_EQ(bindings[0].role, "membre de commission");
    EXPECT_EQ(bindings[0].account, "mdupont");
    EXPECT_EQ(bindings[0].by_account, "aleroy");
    EXPECT_EQ(bindings[0].on, "02/12/2026");

    ConflictDeclaration c;
    c.reviewer = "Claire Martin";
    c.organisme = "Association /conflit/ et médiation";
    const auto link = jt::conflict_of(entry::conflict(c).entity);
    ASSERT_TRUE(link);
    EXPECT_EQ(link->organisme, c.organisme);
    Rating rating{7, "Claire Martin", "II.2", 4, "Justifiée."};
    const auto part = jt::dossier_part(entry::rating("AAC/2023/04", rating, "").entity, "note");
    ASSERT_TRUE(part);
    EXPECT_EQ(part->first, "AAC/2023/04");
    EXPECT_EQ(part->second, "Claire Martin/II.2");
}
