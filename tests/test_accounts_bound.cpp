// Who is acting on a declared team (issue 13.4, trial 2 of session 17): every
// act is bound to the system account it comes from. A team declared without
// accounts (the demos, `users --ajouter … coordinateur` without --compte)
// let any account claim the coordinator; each hole has its test here.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "app/accounts.h"
#include "app/demo.h"
#include "app/session.h"
#include "core/error.h"
#include "store/journal.h"
#include "test_support.h"

using namespace cotation;

namespace {
// The Accounts tests act as the shells do: names are claims, checked
// against the (simulated) account. Other suites replay names as a script.
struct BoundAccounts {
    explicit BoundAccounts(const std::string& login) {
        Session::simulate_named_actors(false);
        Session::simulate_os_login(login);
    }
    ~BoundAccounts() {
        Session::simulate_os_login(std::nullopt);
        Session::simulate_named_actors(true);
    }
    void as(const std::string& login) const { Session::simulate_os_login(login); }
};

std::unique_ptr<Session> empty_campaign(const test::TempDir& dir) {
    return test::small_campaign(dir, {{"A.1", "1"}}, {"P;Association Alpha"});
}

Decision not_retained() {
    Decision d;
    d.kind = DecisionKind::NotRetained;
    d.motive = "hors sujet";
    return d;
}

}  // namespace

// Hole 1: `users --ajouter NOM --role coordinateur` without --compte left the
// coordinator claimable by any account. Now bound to the declaring account.
TEST(Accounts, TheFirstCoordinatorIsBoundToTheDeclaringAccount) {
    test::TempDir dir;
    auto s = empty_campaign(dir);
    BoundAccounts acct("nadia");
    s->add_person({"Nadia", Role::Coordinator, "ARS"}, "Nadia");
    EXPECT_EQ(Session::open(dir.file("c.cot"))->team().person("Nadia")->account, "nadia");
    acct.as("intrus");
    EXPECT_EQ(test::message_of<InputError>([&] { s->acting_person("Nadia"); }),
              "« Nadia » agit depuis le compte « nadia » ; vous agissez depuis le compte « intrus ».");
    EXPECT_NE(test::message_of<InputError>([&] { s->acting_person(""); }).find("Le compte « intrus » n'est déclaré pour personne"), std::string::npos);
    EXPECT_FALSE(test::message_of<InputError>([&] { s->decide(s->dossiers()[0].id, not_retained(), "Nadia"); }).empty());
    EXPECT_TRUE(s->decisions().empty());
    acct.as("nadia");
    EXPECT_EQ(s->acting_person(""), "Nadia");
    // Trial 13 F28: another spelling of her name, from her account, is her.
    EXPECT_EQ(s->acting_person("  NADIA "), "Nadia");
}

// Hole 2: a person declared without an account was claimable by anybody
// naming them; now by nobody, and the message says who binds them.
TEST(Accounts, APersonWithoutAnAccountIsClaimedByNobody) {
    test::TempDir dir;
    auto s = empty_campaign(dir);
    BoundAccounts acct("nadia");
    s->add_person({"Nadia", Role::Coordinator, "ARS"}, "Nadia");
    s->add_person({"Claire", Role::Instructor, "ARS"}, "Nadia");   // no account
    s->assign(s->dossiers()[0].id, "Claire", true, "Nadia");
    acct.as("claire");
    const std::string why = test::message_of<InputError>([&] { s->acting_person("Claire"); });
    EXPECT_EQ(why, "« Claire » n'a pas de compte déclaré : personne ne peut agir en son nom. Le coordonnateur, depuis son propre "
                   "compte, le lie au compte depuis lequel « Claire » travaille : cotation users FICHIER --changer-compte "
                   "Claire --compte LOGIN.");
    EXPECT_FALSE(test::message_of<InputError>([&] { s->put_rating({s->dossiers()[0].id, "Claire", "A.1", 3, "x"}, "Claire"); }).empty());
    // Not even from the coordinator's own account, naming her.
    acct.as("nadia");
    EXPECT_NE(test::message_of<InputError>([&] { s->acting_person("Claire"); }).find("qui est celui de « Nadia »"), std::string::npos);
    // The coordinator binds her; then she acts, from her account only.
    change_account(*s, "Claire", "claire", "Nadia");
    s = Session::open(dir.file("c.cot"));
    acct.as("claire");
    EXPECT_EQ(s->acting_person(""), "Claire");
    s->put_rating({s->dossiers()[0].id, "Claire", "A.1", 3, "x"}, "Claire");
    EXPECT_EQ(s->ratings().size(), 1u);
}

// Hole 3: with nobody bound, any account moved the coordinator's account to
// itself with `users --changer-compte`. Only the coordinator, from their
// account, changes accounts; a team made before accounts (nobody bound) is
// bound by the file's owner only.
TEST(Accounts, NobodyMovesAnAccountButTheBoundCoordinator) {
    test::TempDir dir;
    auto s = empty_campaign(dir);
    s->add_person({"Nadia", Role::Coordinator, "ARS"}, "Nadia");   // as a script: no account
    s->add_person({"Julien", Role::Instructor, "ARS"}, "Nadia");
    ASSERT_FALSE(s->team().accounts_declared());
    BoundAccounts acct("intrus");
    const std::string why = test::message_of<InputError>([&] { change_account(*s, "Nadia", "intrus", "Nadia"); });
    EXPECT_NE(why.find("seul le propriétaire du fichier de la campagne"), std::string::npos) << why;
    EXPECT_FALSE(test::message_of<InputError>([&] { s->acting_person("Nadia"); }).empty());
    EXPECT_EQ(Session::open(dir.file("c.cot"))->team().person("Nadia")->account, "");
    // The owner of the file binds the coordinator to their own account, not an instructor.
    const std::string owner = s->file_owner();
    ASSERT_FALSE(owner.empty());
    acct.as(owner);
    EXPECT_FALSE(test::message_of<InputError>([&] { change_account(*s, "Julien", owner, "Julien"); }).empty());
    change_account(*s, "Nadia", owner, "");
    s = Session::open(dir.file("c.cot"));
    EXPECT_EQ(s->team().person("Nadia")->account, owner);
    EXPECT_EQ(s->store().journal("personne/Nadia").back().actor, "Nadia (compte " + owner + ")");
    // Now bound: another account cannot move it, nor bind Julien.
    acct.as("intrus");
    EXPECT_FALSE(test::message_of<InputError>([&] { change_account(*s, "Nadia", "intrus", "Nadia"); }).empty());
    EXPECT_FALSE(test::message_of<InputError>([&] { change_account(*s, "Julien", "intrus", "Nadia"); }).empty());
    EXPECT_EQ(Session::open(dir.file("c.cot"))->team().person("Julien")->account, "");
}

// Hole 4: the demos declared their team without accounts. The coordinator is
// bound to the account that made the demo, the others to nobody.
TEST(Accounts, ADemoBindsItsCoordinatorToTheAccountThatMadeIt) {
    test::TempDir dir;
    BoundAccounts acct("nadia");
    create_demo(dir.file("demo.cot"), "act-hlm", DemoStage::Instruction);
    auto s = Session::open(dir.file("demo.cot"));
    const std::string coordinator = test::demo_coordinator(*s);
    EXPECT_EQ(s->team().person(coordinator)->account, "nadia");
    EXPECT_EQ(s->acting_person(""), coordinator);
    acct.as("intrus");
    EXPECT_FALSE(test::message_of<InputError>([&] { s->acting_person(coordinator); }).empty());
    EXPECT_FALSE(test::message_of<InputError>([&] { change_account(*s, coordinator, "intrus", coordinator); }).empty());
    for (const auto& entry : s->team().people)
        if (const std::string& name = entry.first; name != coordinator) {
            const auto& p = entry.second;   // named: clang does not let a lambda capture a structured binding
            EXPECT_EQ(p.account, "") << name;
            EXPECT_FALSE(test::message_of<InputError>([&] { s->acting_person(name); }).empty()) << name;
        }
}

// Hole 5: the journal recorded the account only once accounts were declared.
TEST(Accounts, TheJournalAlwaysRecordsThePersonAndTheAccount) {
    test::TempDir dir;
    auto s = empty_campaign(dir);
    BoundAccounts acct("nadia");
    cotation::test::set_parameter(*s, "campagne.date_limite", "28/04/2023", "Nadia");   // nobody declared yet
    EXPECT_EQ(s->store().journal("campagne/campagne.date_limite").back().actor, "Nadia (compte nadia)");
    s->add_person({"Nadia", Role::Coordinator, "ARS"}, "Nadia");
    EXPECT_EQ(s->store().journal("personne/Nadia").back().actor, "Nadia (compte nadia)");
}

// Only the coordinator, from their own account, changes roles.
TEST(Accounts, OnlyTheBoundCoordinatorChangesRoles) {
    test::TempDir dir;
    auto s = empty_campaign(dir);
    BoundAccounts acct("nadia");
    s->add_person({"Nadia", Role::Coordinator, "ARS"}, "Nadia");
    s->add_person({"Julien", Role::Instructor, "ARS", true, "julien"}, "Nadia");
    acct.as("julien");
    EXPECT_FALSE(test::message_of<InputError>([&] { s->add_person({"Julien", Role::Coordinator, "ARS"}, "Nadia"); }).empty());
    EXPECT_FALSE(test::message_of<InputError>([&] { s->add_person({"Julien", Role::Coordinator, "ARS"}, "Julien"); }).empty());
    EXPECT_EQ(Session::open(dir.file("c.cot"))->team().person("Julien")->role, Role::Instructor);
}

// Trial 13 F5: an instructor who had not submitted read every total and
// place through `repartition`, `commission`, `pv`, `letters`, `documents`
// while `rank` hid them. Those give every dossier's total: refused to a
// reader for whom a dossier is hidden, allowed to the coordinator.
TEST(ReadPaths, DocumentsOfEveryDossierBelongToWhoReadsThemAll) {
    test::TempDir dir;
    const std::string f = dir.file("demo.cot");
    create_demo(f, "act-hlm", DemoStage::Complete);
    {
        auto s = Session::open_read_only(f);
        // Julien Roux has not submitted ACT-2023-03 (demo/act-hlm: non_soumis).
        s->set_reader(std::string("Julien Roux (ARS, siège)"));
        const std::string why = test::message_of<InputError>([&] { require_reads_everything(*s, "La répartition"); });
        EXPECT_EQ(why.rfind("La répartition donne les totaux et les rangs de tous les dossiers ; « Julien Roux (ARS, siège) » ne lit "
                            "pas ceux du dossier",
                            0),
                  0u)
            << why;
        // The session itself refuses, whoever calls it (the window wrote the
        // committee file for him: trial of issue 12, M3); nothing written.
        for (const bool minutes : {false, true}) {
            const std::string out = dir.file(minutes ? "pv-fenetre.pdf" : "commission-fenetre.pdf");
            const std::string refused = test::message_of<InputError>(
                [&] { s->write_committee_document(out, minutes, report::Format::Pdf, false); });
            EXPECT_NE(refused.find("ce document revient à qui lit tous les dossiers"), std::string::npos) << refused;
            EXPECT_FALSE(std::filesystem::exists(out));
        }
        EXPECT_NE(test::message_of<InputError>([&] { s->write_letters(dir.file("lettres-fenetre")); })
                      .find("Une lettre de notification donne les totaux"),
                  std::string::npos);
        s->set_reader(test::demo_coordinator(*s));
        EXPECT_EQ(test::message_of<InputError>([&] { require_reads_everything(*s, "La répartition"); }), "");
    }
    // Each command, from the account bound to Julien Roux.
    test::bind_this_account(f, "Julien Roux (ARS, siège)");
    for (const std::string& c : {"letters " + f + " --out " + dir.file("l"), "commission " + f + " --out " + dir.file("c.pdf"),
                                 "pv " + f + " --out " + dir.file("pv.pdf"), "documents " + f + " --out " + dir.file("d"),
                                 "repartition " + f}) {
        test::Ran r = test::cli(c + " 2>&1");
        EXPECT_EQ(r.code, 1) << c << "\n" << r.out;
        EXPECT_NE(r.out.find("ce document revient à qui lit tous les dossiers, le coordonnateur"), std::string::npos) << c << "\n" << r.out;
        EXPECT_EQ(r.out.find("points"), std::string::npos) << c << "\n" << r.out;
    }
    EXPECT_FALSE(std::filesystem::exists(dir.file("l")) && !std::filesystem::is_empty(dir.file("l")));
    test::bind_this_account(f, "Nathalie Girard (ARS, pôle médico-social)");
    EXPECT_EQ(test::cli("letters " + f + " --out " + dir.file("l2") + " 2>&1").code, 0);
}

// Trial 2 of session 17: `letters` refused a read-only campaign although it
// writes nothing into it; so did `commission`, `pv` and `rapports`.
TEST(ReadOnlyCampaign, DocumentCommandsReadAReadOnlyCampaign) {
    test::TempDir dir;
    namespace fs = std::filesystem;
    fs::create_directory(dir.file("ro"));
    const std::string f = dir.file("ro") + "/demo.cot";
    create_demo(f, "act-hlm", DemoStage::Complete);
    // Root writes anywhere: the commands then run as « nobody », bound to the coordinator.
    const bool root = ::geteuid() == 0;
    std::string run_as;
    if (root) {
        auto s = Session::open(f);
        Person c = *s->team().person(test::demo_coordinator(*s));
        c.account = "nobody";
        s->store().put_person(c, test::coordinator_actor(*s, Session::os_login()));   // as Cotation journals it
        run_as = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
    }
    fs::create_directory(dir.file("out"));
    fs::permissions(dir.path, fs::perms(0755));
    fs::permissions(dir.file("out"), fs::perms(0777));
    fs::permissions(f, fs::perms(0444));
    fs::permissions(dir.file("ro"), fs::perms(0555));
    for (const std::string& c : {"letters " + f + " --out " + dir.file("out/l"), "commission " + f + " --out " + dir.file("out/c.pdf"),
                                 "pv " + f + " --out " + dir.file("out/pv.pdf"), "rapports " + f + " --out " + dir.file("out/r")}) {
        test::Ran r = test::shell("cd " + dir.path.string() + " && " + run_as + std::string(COTATION_CLI) + " " + c);
        EXPECT_EQ(r.code, 0) << c << "\n" << r.out;
        EXPECT_EQ(r.out.find("lecture seule"), std::string::npos) << c << "\n" << r.out;
    }
    EXPECT_FALSE(fs::is_empty(dir.file("out/l")));
    // Creating in that folder is refused in French, naming it (it answered in English).
    for (const std::string& c : {"new " + dir.file("ro") + "/n.cot --grid " + test::source_dir() + "/scoring-grids/crt-2022.xml",
                                 "demo " + dir.file("ro") + "/d.cot"}) {
        test::Ran r = test::shell("cd " + dir.path.string() + " && " + run_as + std::string(COTATION_CLI) + " " + c);
        EXPECT_EQ(r.code, 1) << c << "\n" << r.out;
        EXPECT_NE(r.out.find("Impossible de créer la campagne"), std::string::npos) << c << "\n" << r.out;
        EXPECT_NE(r.out.find("n'accepte pas d'écriture de ce compte"), std::string::npos) << c << "\n" << r.out;
    }
    fs::permissions(dir.file("ro"), fs::perms(0755));
    fs::permissions(f, fs::perms(0644));
}

// Trial 13 R1: on a shared folder, whoever became the file's owner (copy,
// then rename over it) made the first binding of a coordinator unseen.
// The journal says who bound each coordinator, from which account, and
// `users` and `journal verify` print it.
TEST(AccountsBound, TheCoordinatorsBindingIsShownWithTheAccountItCameFrom) {
    std::vector<JournalEntry> j(3);
    j[0] = {1, "2023-05-02T09:00:00Z", "Nathalie Girard (compte eve)", "personne", "personne/Nathalie Girard", "",
            "coordonnateur — ARS — compte eve"};
    j[1] = {2, "2023-05-03T09:00:00Z", "Nathalie Girard (compte eve)", "personne", "personne/Julien Roux", "",
            "instructeur — ARS"};   // no account: no binding
    j[2] = {3, "2023-05-04T10:00:00Z", "Nathalie Girard (compte eve)", "personne", "personne/Nathalie Girard",
            "coordonnateur — ARS — compte eve", "coordonnateur — ARS PACA — compte eve"};   // same account: not a new binding
    auto b = account_bindings(j);
    ASSERT_EQ(b.size(), 1u);
    EXPECT_EQ(binding_text(b[0]), "coordonnateur lié au compte eve par le compte eve le 02/05/2023");
    // As a user reads it: the demo's coordinator bound to this account by this account, today.
    test::TempDir dir;
    const std::string f = dir.file("d.cot");
    ASSERT_EQ(test::cli("demo " + f + " --appel act-hlm").code, 0);
    const std::string me = Session::os_login();
    const std::string line = "« Nathalie Girard (ARS, pôle médico-social) » : coordonnateur lié au compte " + me + " par le compte " + me + " le ";
    // `users` says it on the coordinator's own line (trial 1011G m19: a line of its own read as a repeat).
    const std::string listed = "Nathalie Girard (ARS, pôle médico-social) — coordonnateur, ARS PACA, direction de l'offre "
                               "médico-sociale, compte " + me + " (lié par le compte " + me + " le ";
    EXPECT_NE(test::cli("users " + f).out.find(listed), std::string::npos) << test::cli("users " + f).out;
    EXPECT_EQ(test::cli("users " + f).out.find(line), std::string::npos) << test::cli("users " + f).out;
    EXPECT_NE(test::cli("journal verify " + f).out.find(line), std::string::npos) << test::cli("journal verify " + f).out;
}

// Trial 13f F3: `journal verify` listed the coordinators from the journal's
// bindings alone. Claire, bound as instructor (entry 2) then promoted with
// the same account (entry 3: no new binding), was missing; Mallory, coordinator
// in the rows with no entry binding her, too. The lines now follow the rows.
TEST(AccountsBound, CoordinatorLinesFollowTheTeamAsItsRowsStand) {
    std::vector<JournalEntry> j(3);
    j[0] = {1, "2023-05-02T09:00:00Z", "Nathalie Girard (compte eve)", "personne", "personne/Nathalie Girard", "",
            "coordonnateur — ARS — compte eve"};
    j[1] = {2, "2023-05-03T09:00:00Z", "Nathalie Girard (compte eve)", "personne", "personne/Claire Martin", "",
            "instructeur — ARS — compte claire"};
    j[2] = {3, "2023-05-04T09:00:00Z", "Nathalie Girard (compte eve)", "personne", "personne/Claire Martin",
            "instructeur — ARS — compte claire", "coordonnateur — ARS — compte claire"};
    std::map<std::string, Person, fr::CollateLess> people;
    people["Claire Martin"] = {"Claire Martin", Role::Coordinator, "ARS", true, "claire"};
    people["Julien Roux"] = {"Julien Roux", Role::Instructor, "ARS", true, "julien"};   // not a coordinator: no line
    people["Mallory"] = {"Mallory", Role::Coordinator, "ARS", true, "mallory"};
    people["Nathalie Girard"] = {"Nathalie Girard", Role::Coordinator, "ARS", true, "eve"};
    people["Paul"] = {"Paul", Role::Coordinator, "ARS", true, ""};
    EXPECT_EQ(coordinator_lines(people, j),
              (std::vector<std::string>{
                  "« Claire Martin » : coordonnateur lié au compte claire par le compte eve le 03/05/2023.",
                  "« Mallory » : coordonnateur lié au compte mallory, sans entrée « personne » du journal qui l'y ait lié "
                  "(changement fait hors de Cotation).",
                  "« Nathalie Girard » : coordonnateur lié au compte eve par le compte eve le 02/05/2023.",
                  "« Paul » : coordonnateur sans compte lié."}));
}

// #17: a campaign without a team, run with $USER empty (a service, `env -i`):
// the journal names the system account, never « inconnu ».
TEST(Accounts, EmptyUserVariableNamesTheSystemAccountNeverInconnu) {
    test::TempDir dir;
    const std::string f = dir.file("c.cot");
    const test::Ran r = test::shell("USER= COTATION_UTILISATEUR= " + std::string(COTATION_CLI) + " new " + f + " --grid " +
                                    test::source_dir() + "/scoring-grids/uphv-17-2019.xml --reference 'AAC UPHV'");
    ASSERT_EQ(r.code, 0) << r.out;
    const std::string me = Session::os_login();
    auto s = Session::open(f);
    const auto created = s->store().journal("campagne");
    ASSERT_FALSE(created.empty());
    EXPECT_EQ(created[0].actor, me + " (compte " + me + ")");
    for (const auto& e : s->store().journal("")) EXPECT_EQ(e.actor.find("inconnu"), std::string::npos) << e.actor;
}
