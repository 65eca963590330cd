#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <map>

#include "app/demo.h"
#include "app/session.h"
#include "core/error.h"
#include "core/team_history.h"
#include "test_support.h"

using namespace cotation;

namespace {
// A two-criterion grid (A.1 coefficient 2, A.2 coefficient 1) and two dossiers
// of two organisations.
std::unique_ptr<Session> campaign(const test::TempDir& dir) { return test::two_organisations_campaign(dir); }
std::int64_t id(Session& s, const std::string& ref) { return s.dossiers()[*s.find(ref)].id; }
}  // namespace

TEST(Team, RolesAreDeclaredByTheCoordinator) {
    test::TempDir dir;
    auto s = campaign(dir);
    EXPECT_TRUE(s->team().open_mode());
    EXPECT_THROW(s->add_person({"Claire", Role::Instructor, "ARS"}, "Claire"), InputError);   // coordinator first
    s->add_person({"Nadia", Role::Coordinator, "ARS"}, "Nadia");
    s->add_person({"Claire", Role::Instructor, "ARS"}, "Nadia");
    s->add_person({"Julien", Role::Instructor, "Département"}, "Nadia");
    s->add_person({"Paul", Role::CommitteeMember, "Département"}, "Nadia");
    EXPECT_THROW(s->add_person({"Intrus", Role::Coordinator, ""}, "Claire"), InputError);
    // A committee member reads: no dossier change, no rating, no decision.
    Dossier changed = s->dossiers()[0];
    changed.organisme = "Autre";
    EXPECT_THROW(s->update_dossier(changed, "Paul"), InputError);
    EXPECT_THROW(cotation::test::set_parameter(*s, "campagne.places", "3", "Claire"), InputError);
    // Nothing to submit either: said so, not « notes incomplètes » (trial 23 m4).
    EXPECT_EQ(test::message_of([&] { s->submit(s->dossiers()[0].id, "Paul", "Paul"); }),
              "Seuls les instructeurs notent et soumettent leurs notes ; « Paul » est membre de commission.");
    auto reopened = Session::open(dir.file("c.cot"));
    EXPECT_EQ(reopened->team().people.size(), 4u);
    EXPECT_EQ(reopened->team().person("Paul")->role, Role::CommitteeMember);
}

TEST(Team, RatingNeedsAnAssignmentAndNoDeclaredLink) {
    test::TempDir dir;
    auto s = campaign(dir);
    s->add_person({"Nadia", Role::Coordinator, "ARS"}, "Nadia");
    s->add_person({"Claire", Role::Instructor, "ARS"}, "Nadia");
    s->add_person({"Julien", Role::Instructor, "Département"}, "Nadia");
    EXPECT_THROW(s->assign(id(*s, "P"), "Claire", true, "Julien"), InputError);   // only the coordinator assigns
    s->assign(id(*s, "P"), "Claire", true, "Nadia");
    s->assign(id(*s, "P"), "Julien", true, "Nadia");
    s->put_rating({id(*s, "P"), "Claire", "A.1", 4, "Solide."}, "Claire");
    EXPECT_THROW(s->put_rating({id(*s, "Q"), "Claire", "A.1", 4, "x"}, "Claire"), InputError);   // not assigned
    EXPECT_THROW(s->put_rating({id(*s, "P"), "Julien", "A.1", 1, "x"}, "Claire"), InputError);   // for someone else
    EXPECT_THROW(s->put_rating({id(*s, "P"), "Nadia", "A.1", 1, "x"}, "Nadia"), InputError);     // not an instructor
    // Julien declares a link with Association Alpha: his assignment ends, he cannot be assigned again.
    s->declare_conflict("Julien", "Association Alpha", "Administrateur de l'association jusqu'en 2022", "Julien");
    EXPECT_FALSE(s->team().assignments.at(id(*s, "P")).count("Julien"));
    try {
        s->assign(id(*s, "P"), "Julien", true, "Nadia");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("a déclaré un lien avec « Association Alpha »"), std::string::npos) << e.what();
    }
    EXPECT_THROW(s->put_rating({id(*s, "P"), "Julien", "A.1", 2, "x"}, "Julien"), InputError);
    // Submitting there says the link, not « notes incomplètes » (trial 22 m3).
    EXPECT_EQ(test::message_of([&] { s->submit(id(*s, "P"), "Julien", "Julien"); }),
              "« Julien » a déclaré un lien avec « Association Alpha » : ce dossier ne lui est pas confié, il n'y a pas de "
              "notes à soumettre.");
    auto j = Session::open(dir.file("c.cot"))->store().journal("personne/Julien/conflit/");
    ASSERT_EQ(j.size(), 1u);
    EXPECT_NE(j[0].new_value.find("Administrateur de l'association jusqu'en 2022"), std::string::npos);
}

// Trial 15 (minor): a link declared under another spelling, or by the SIREN,
// was named in the refusal by the dossier's organisation alone, a name its
// declarer never wrote. The refusal names the link, then what it covers.
TEST(Team, ARefusalNamesTheDeclaredLinkAndWhatItCovers) {
    Team t;
    t.people["Nadia"] = {"Nadia", Role::Coordinator, "ARS"};
    t.people["Julien"] = {"Julien", Role::Instructor, "ARS"};
    t.conflicts.push_back({"Julien", "EHPAD d’Aunis", "administrateur", "Julien", Date{2026, 11, 30}});
    t.conflicts.push_back({"Julien", "Fondation Sud", "trésorier", "Julien", Date{2026, 11, 30}, "siren:419514906"});
    // Same key (case, apostrophe): the link, then the dossier's name.
    EXPECT_EQ(t.may_assign("Nadia", "Julien", Organisation{"Ehpad d'Aunis", "", ""}),
              "« Julien » a déclaré un lien avec « EHPAD d’Aunis », qui couvre « Ehpad d'Aunis » : affectation impossible.");
    // By the SIREN of the dossier's SIRET.
    EXPECT_EQ(t.may_assign("Nadia", "Julien", Organisation{"Résidence Les Pins", "41951490600017", ""}),
              "« Julien » a déclaré un lien avec « Fondation Sud », qui couvre « Résidence Les Pins » : affectation impossible.");
    // The name declared: said once.
    EXPECT_EQ(t.may_assign("Nadia", "Julien", Organisation{"Fondation Sud", "", ""}),
              "« Julien » a déclaré un lien avec « Fondation Sud » : affectation impossible.");
}

// Trial 15 (minors): a link could not be declared before its organisation's
// dossier came in (a declaration of interests is signed when the
// instruction begins), and declaring the same link again replaced its text,
// date and author.
TEST(Team, ALinkDeclaredBeforeItsDossierCoversItAndIsNotReplaced) {
    test::TempDir dir;
    auto s = campaign(dir);
    s->add_person({"Nadia", Role::Coordinator, "ARS"}, "Nadia");
    s->add_person({"Julien", Role::Instructor, "ARS"}, "Nadia");
    // No dossier of either yet: the name as typed; a SIRET stores its SIREN.
    s->declare_conflict("Julien", "  Fondation Gamma ", "membre du conseil d'administration", "Julien");
    // Typed with its label, as copied from a form (trial 22 M2: taken as a name, it covered nothing).
    s->declare_conflict("Julien", "N° SIRET : 419 514 906 00017", "salarié jusqu'en 2024", "Julien");
    ASSERT_EQ(s->team().conflicts.size(), 2u);
    EXPECT_EQ(s->team().conflicts[0].organisme, "Fondation Gamma");
    EXPECT_EQ(s->team().conflicts[1].identifiers, "siren:419514906");
    EXPECT_THROW(s->declare_conflict("Julien", " ;; ", "x", "Julien"), InputError);
    // Filed later, under another spelling and under another name with that SIREN: both covered.
    Dossier gamma;
    gamma.reference = "G";
    gamma.organisme = "FONDATION GAMMA";
    Dossier pins = gamma;
    pins.reference = "R";
    pins.organisme = "Résidence Les Pins";
    pins.siret = "41951490600025";
    const std::int64_t g = s->add_dossier(gamma, "Nadia"), r = s->add_dossier(pins, "Nadia");
    EXPECT_THROW(s->assign(g, "Julien", true, "Nadia"), InputError);
    EXPECT_THROW(s->assign(r, "Julien", true, "Nadia"), InputError);
    // Once it is filed, a label before its number designates it too.
    s->add_person({"Léa", Role::Instructor, "ARS"}, "Nadia");
    s->declare_conflict("Léa", "SIREN 419514906", "bénévole", "Léa");
    EXPECT_EQ(s->team().conflicts.back().organisme, "Résidence Les Pins");
    EXPECT_EQ(s->team().conflicts.back().identifiers, "siren:419514906");
    // The same identifier typed otherwise (trial 23 M1), and a FINESS label storing a FINESS only (m1).
    EXPECT_THROW(s->declare_conflict("Julien", "419514906 00017", "encore", "Julien"), InputError);
    EXPECT_THROW(s->declare_conflict("Léa", "SIRET 41951490600025", "encore", "Léa"), InputError);
    s->declare_conflict("Léa", "FINESS 170 074 850", "bénévole", "Léa");
    EXPECT_EQ(s->team().conflicts.back().identifiers, "finess:170074850");
    EXPECT_THROW(s->declare_conflict("Léa", "finess:170074850", "encore", "Léa"), InputError);
    // The same link again, by the coordinator, with another text: refused, the first one kept.
    try {
        s->declare_conflict("Julien", "fondation gamma", "autre texte", "Nadia");
        ADD_FAILURE() << "la déclaration a été remplacée";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("« Julien » a déjà déclaré un lien avec « Fondation Gamma » le "), std::string::npos)
            << e.what();
    }
    auto reopened = Session::open(dir.file("c.cot"));
    ASSERT_EQ(reopened->team().conflicts.size(), 4u);
    for (const auto& c : reopened->team().conflicts)
        if (c.reviewer == "Julien")
            EXPECT_EQ(c.declaration, c.organisme == "Fondation Gamma" ? "membre du conseil d'administration" : "salarié jusqu'en 2024");
    EXPECT_TRUE(reopened->store().verify_journal().ok);
}

TEST(Team, BlindRatingUntilSubmitted) {
    test::TempDir dir;
    auto s = campaign(dir);
    s->add_person({"Nadia", Role::Coordinator, "ARS"}, "Nadia");
    s->add_person({"Claire", Role::Instructor, "ARS"}, "Nadia");
    s->add_person({"Julien", Role::Instructor, "Département"}, "Nadia");
    s->add_person({"Léa", Role::Instructor, "ARS"}, "Nadia");
    std::int64_t p = id(*s, "P");
    for (const char* who : {"Claire", "Julien"}) s->assign(p, who, true, "Nadia");
    s->put_rating({p, "Claire", "A.1", 4, "Solide."}, "Claire");
    s->put_rating({p, "Julien", "A.1", 2, "Fragile."}, "Julien");
    s->put_rating({p, "Julien", "A.2", 3, "Correct."}, "Julien");
    EXPECT_EQ(s->visible_ratings(p, "Claire").size(), 1u);    // her own only
    EXPECT_EQ(s->visible_ratings(p, "Nadia").size(), 3u);     // the coordinator sees all
    EXPECT_THROW(s->submit(p, "Claire", "Claire"), InputError);   // A.2 not rated yet
    EXPECT_THROW(s->submit(p, "Julien", "Claire"), InputError);   // one submits for oneself
    s->put_rating({p, "Claire", "A.2", 3, "Correct."}, "Claire");
    s->submit(p, "Claire", "Claire");
    EXPECT_EQ(s->visible_ratings(p, "Claire").size(), 4u);
    EXPECT_EQ(s->visible_ratings(p, "Julien").size(), 2u);    // Julien has not submitted
    // Submitted ratings no longer change.
    EXPECT_THROW(s->put_rating({p, "Claire", "A.1", 5, "Relu."}, "Claire"), InputError);
    // A reviewer in conflict never sees the others' ratings.
    s->declare_conflict("Léa", "Association Alpha", "Salariée de l'association", "Nadia");
    EXPECT_FALSE(s->team().sees_others("Léa", p, "Association Alpha"));
}

TEST(Team, CoordinatorAloneConsolidatesDecidesAndImportsCollectedRatings) {
    test::TempDir dir;
    auto s = campaign(dir);
    s->add_person({"Nadia", Role::Coordinator, "ARS"}, "Nadia");
    s->add_person({"Claire", Role::Instructor, "ARS"}, "Nadia");
    s->assign(id(*s, "P"), "Claire", true, "Nadia");
    std::ofstream(dir.file("n.csv")) << "dossier;evaluateur;critere;note;justification\nP;Claire;A.1;4;j\nQ;Claire;A.1;4;j\n";
    // Q is not assigned to Claire: the whole file is refused.
    EXPECT_THROW(s->import_ratings_file(dir.file("n.csv"), "Nadia"), InputError);
    EXPECT_TRUE(Session::open(dir.file("c.cot"))->ratings().empty());
    // A user's trial: the team errors named no line, and stopped the list.
    // Line 3 (Q not assigned), line 4 (undeclared), line 5 (rating 99 out of any scale):
    // three errors, each with its line.
    std::ofstream(dir.file("n3.csv")) << "dossier;evaluateur;critere;note;justification\nP;Claire;A.1;4;j\n"
                                         "Q;Claire;A.1;4;j\nP;Inconnu;A.1;3;x\nP;Claire;A.2;99;x\n";
    try {
        s->import_ratings_file(dir.file("n3.csv"), "Nadia");
        FAIL();
    } catch (const InputError& e) {
        std::string m = e.what();
        EXPECT_NE(m.find("3 erreurs"), std::string::npos) << m;
        EXPECT_NE(m.find("n3.csv, ligne 3, dossier « Q » : Ce dossier n'est pas affecté à « Claire »."), std::string::npos) << m;
        EXPECT_NE(m.find("n3.csv, ligne 4, dossier « P » : « Inconnu » ne fait pas partie de l'équipe de cette campagne."),
                  std::string::npos) << m;
        EXPECT_NE(m.find("ligne 5, colonne 4"), std::string::npos) << m;
    }
    std::ofstream(dir.file("n2.csv")) << "dossier;evaluateur;critere;note;justification\nP;Claire;A.1;4;j\n";
    s->import_ratings_file(dir.file("n2.csv"), "Nadia");   // a grid she collected from Claire
    Decision d;
    d.kind = DecisionKind::NotRetained;
    d.motive = "Projet insuffisant";
    d.date = *Date::parse("30/06/2023");
    EXPECT_THROW(s->decide(id(*s, "P"), d, "Claire"), InputError);
    EXPECT_THROW(s->close("fin", "Claire"), InputError);
    s->decide(id(*s, "P"), d, "Nadia");
}

// Trial #13: the coordinator filed a 5 as « Jean Dubois »'s own rating, with
// nothing saying she typed it. A rating is filed by its reviewer; the
// coordinator's import of collected grids is journaled « saisi par … pour … »;
// an instructor imports only his own ratings.
TEST(Team, RatingsAreFiledByTheirReviewerOrMarkedAsCollected) {
    test::TempDir dir;
    auto s = campaign(dir);
    s->add_person({"Nadia", Role::Coordinator, "ARS"}, "Nadia");
    s->add_person({"Claire", Role::Instructor, "ARS"}, "Nadia");
    s->add_person({"Julien", Role::Instructor, "ARS"}, "Nadia");
    s->add_person({"Paul", Role::CommitteeMember, "ARS"}, "Nadia");
    s->assign(id(*s, "P"), "Claire", true, "Nadia");
    s->assign(id(*s, "P"), "Julien", true, "Nadia");
    auto message = [](const std::function<void()>& f) {
        try {
            f();
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    // The window's rating panel and `rate` call put_rating: the coordinator
    // cannot rate in Claire's name, and is told who may.
    std::string m = message([&] { s->put_rating({id(*s, "P"), "Claire", "A.1", 5, "Très bien"}, "Nadia"); });
    EXPECT_NE(m.find("Seul l'instructeur affecté note le dossier, en son nom"), std::string::npos) << m;
    EXPECT_NE(m.find("consolide"), std::string::npos) << m;
    // An instructor importing another's ratings: refused, nothing stored.
    std::ofstream(dir.file("julien.csv")) << "dossier;evaluateur;critere;note;justification\nP;Julien;A.1;5;Très bien\n";
    m = message([&] { s->import_ratings_file(dir.file("julien.csv"), "Claire"); });
    EXPECT_NE(m.find("« Claire » ne peut pas noter au nom de « Julien » : seul(e) « Julien » dépose ses notes"),
              std::string::npos) << m;
    EXPECT_TRUE(Session::open(dir.file("c.cot"))->ratings().empty());
    EXPECT_FALSE(message([&] { s->import_ratings_file(dir.file("julien.csv"), "Paul"); }).empty());
    // Her own grid: imported, under her name alone.
    std::ofstream(dir.file("claire.csv")) << "dossier;evaluateur;critere;note;justification\nP;Claire;A.1;4;Solide\n";
    s->import_ratings_file(dir.file("claire.csv"), "Claire");
    // Julien's paper grid, typed by the coordinator: accepted, journaled as such.
    s->import_ratings_file(dir.file("julien.csv"), "Nadia");
    EXPECT_EQ(s->ratings().size(), 2u);
    std::map<std::string, std::string> who;
    for (const auto& e : s->store().journal("dossier/P/note/")) who[e.entity] = e.actor;
    // The person and the account, always (issue 13.4).
    const std::string account = " (compte " + Session::os_login() + ")";
    EXPECT_EQ(who["dossier/P/note/Claire/A.1"], "Claire" + account);
    EXPECT_EQ(who["dossier/P/note/Julien/A.1"], "saisi par Nadia" + account + " pour Julien");
}

// Trial 15g G4: `users --ajouter NOM --role R` on a person already declared
// rewrote the whole person: the organisation and the voice not typed again
// were wiped, without a word. Declaring again is refused, naming the way to
// change a role; `--modifier` changes only what is given, journaled.
TEST(Team, DeclaringAPersonAgainIsRefusedAndAChangeKeepsWhatIsNotGiven) {
    test::TempDir dir;
    auto s = campaign(dir);
    s->add_person({"Nadia", Role::Coordinator, "ARS"}, "Nadia");
    s->add_person({"Paul", Role::CommitteeMember, "Conseil départemental", false}, "Nadia");
    std::string m;
    try {
        s->add_person({"Paul", Role::CommitteeMember, ""}, "Nadia");
    } catch (const InputError& e) {
        m = e.what();
    }
    EXPECT_NE(m.find("« Paul » est déjà dans l'équipe (membre de commission) ; pour changer son rôle : cotation users "
                     "FICHIER --modifier Paul --role RÔLE"),
              std::string::npos)
        << m;
    auto reopened = Session::open(dir.file("c.cot"));
    EXPECT_EQ(reopened->team().person("Paul")->organisation, "Conseil départemental");
    EXPECT_FALSE(reopened->team().person("Paul")->deliberative);
    // Only the voice given: the organisation stays; the journal says before and after.
    Session::PersonChange voice;
    voice.deliberative = true;
    reopened->change_person("paul", voice, "Nadia");
    auto changed = Session::open(dir.file("c.cot"));
    const Person* paul = changed->team().person("Paul");
    ASSERT_NE(paul, nullptr);
    EXPECT_TRUE(paul->deliberative);
    EXPECT_EQ(paul->organisation, "Conseil départemental");
    EXPECT_EQ(paul->role, Role::CommitteeMember);
    auto entries = reopened->store().journal("personne/Paul");
    ASSERT_FALSE(entries.empty());
    EXPECT_EQ(entries.back().old_value, "membre de commission (voix consultative) — Conseil départemental");
    EXPECT_EQ(entries.back().new_value, "membre de commission — Conseil départemental");
    // Nothing given that changes: refused, nothing written.
    EXPECT_THROW(reopened->change_person("Paul", voice, "Nadia"), InputError);
    EXPECT_THROW(reopened->change_person("Personne", voice, "Nadia"), InputError);
}

// The minutes of a séance held stay as voted (trial 15g G4): a member whose
// voice and organisation change after the séance is shown, counted and
// checked for the quorum as the séance recorded them.
TEST(Team, ASeancesMinutesKeepTheTeamItRecorded) {
    const Team today = [] {
        Team t;
        t.people["Paul"] = {"Paul", Role::CommitteeMember, "Autre service", true, ""};
        t.people["Zoé"] = {"Zoé", Role::CommitteeMember, "Mairie", true, ""};
        t.people["Léa"] = {"Léa", Role::CommitteeMember, "Préfecture", true, ""};
        return t;
    }();
    // Hand-written entries as store/journal_texts.cpp writes them: Paul
    // consultative at the séance (entry 3), deliberative since (entry 5); Zoé
    // declared after the séance; Léa never in the journal (an older campaign).
    std::vector<JournalRecord> entries = {
        {1, "", "Nadia", "personne", "personne/Paul", "", "membre de commission (voix consultative) — Conseil départemental — compte paul", {}},
        {3, "", "Nadia", "seance", "commission/seance", "", "…", {}},
        {5, "", "Nadia", "personne", "personne/Paul", "", "membre de commission — Autre service", {}},
        {6, "", "Nadia", "personne", "personne/Zoé", "", "membre de commission — Mairie", {}},
    };
    Team then = team_as_of(today, entries, 3);
    ASSERT_NE(then.person("Paul"), nullptr);
    EXPECT_FALSE(then.person("Paul")->deliberative);
    EXPECT_EQ(then.person("Paul")->organisation, "Conseil départemental");
    EXPECT_EQ(then.person("Zoé"), nullptr);
    ASSERT_NE(then.person("Léa"), nullptr);
    EXPECT_EQ(then.person("Léa")->organisation, "Préfecture");
    // A role-less organisation and an account: parsed apart.
    auto p = person_of_entry({1, "", "", "personne", "personne/Anne", "", "instructeur —  — compte anne", {}});
    ASSERT_TRUE(p);
    EXPECT_EQ(p->organisation, "");
    EXPECT_EQ(p->account, "anne");
}

// The same through a session: the demo's séance, then a member's voice and
// organisation changed; the committee's documents and the quorum keep the séance's.
TEST(Team, ChangingAMemberAfterTheSeanceLeavesItsMinutes) {
    test::TempDir dir;
    auto s = create_demo(dir.file("demo.cot"), "act-hlm", DemoStage::Complete);
    ASSERT_TRUE(s->meeting_check());
    const int deliberative = s->meeting_check()->deliberative;
    std::string member;
    for (const auto& [name, p] : s->team().people)
        if (p.role == Role::CommitteeMember && p.deliberative && member.empty()) member = name;
    ASSERT_FALSE(member.empty());
    const std::string organisation = s->team().person(member)->organisation;
    Session::PersonChange change;
    change.deliberative = false;
    change.organisation = "Service créé après la séance";
    s->change_person(member, change, test::demo_coordinator(*s));
    auto again = Session::open(dir.file("demo.cot"));
    EXPECT_FALSE(again->team().person(member)->deliberative);   // today's team changed
    ASSERT_TRUE(again->meeting_check());
    EXPECT_EQ(again->meeting_check()->deliberative, deliberative);   // the séance's did not
    EXPECT_TRUE(again->meeting_team().person(member)->deliberative);
    EXPECT_EQ(again->meeting_team().person(member)->organisation, organisation);
}
