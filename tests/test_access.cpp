// Who reads (issue 13.3) and who acts (issue 13.4): the core's rules, then
// each read path (ratings view, journal, instruction ratings, ranking) and
// the binding of a person to the system account they act from.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "app/accounts.h"
#include "app/session.h"
#include "core/error.h"
#include "core/people.h"
#include "core/ranking_reading.h"
#include "core/read_rules.h"
#include "test_support.h"

using namespace cotation;

namespace {
Team blind_team() {
    Team t;
    t.people["Nadia"] = {"Nadia", Role::Coordinator, "ARS", true, ""};
    t.people["Claire"] = {"Claire", Role::Instructor, "ARS", true, ""};
    t.people["Julien"] = {"Julien", Role::Instructor, "ARS", true, ""};
    t.conflicts.push_back({"Nadia", "Association Alpha", "ancienne salariée", "Nadia", Date{2023, 1, 2}});
    return t;
}

Dossier dossier(std::int64_t id, const std::string& ref, const std::string& org, const std::string& siret,
                const std::string& finess) {
    Dossier d;
    d.id = id;
    d.reference = ref;
    d.organisme = org;
    d.siret = siret;
    d.finess = finess;
    return d;
}

// Two dossiers of two organisations, Nadia coordinating, Claire and Julien
// instructing P; Léa on the committee.
std::unique_ptr<Session> campaign(const test::TempDir& dir) {
    auto s = test::small_campaign(dir, {{"A.1", "1"}}, {"P;Association Alpha", "Q;Fondation Bêta"});
    s->add_person({"Nadia", Role::Coordinator, "ARS"}, "Nadia");
    s->add_person({"Claire", Role::Instructor, "ARS"}, "Nadia");
    s->add_person({"Julien", Role::Instructor, "ARS"}, "Nadia");
    s->add_person({"Léa", Role::CommitteeMember, "URIOPSS"}, "Nadia");
    std::int64_t p = s->dossiers()[*s->find("P")].id;
    s->assign(p, "Claire", true, "Nadia");
    s->assign(p, "Julien", true, "Nadia");
    s->put_rating({p, "Claire", "A.1", 4, "Solide."}, "Claire");
    s->put_rating({p, "Julien", "A.1", 2, "Fragile."}, "Julien");
    return s;
}

// A declared person's first account (users --modifier NOM --compte): declaring
// them again is refused since trial 15g G4.
void bind_account(Session& s, const std::string& name, const std::string& account, const std::string& actor) {
    Session::PersonChange c;
    c.account = account;
    s.change_person(name, c, actor);
}

Session::PersonChange role_change(Role r) {
    Session::PersonChange c;
    c.role = r;
    return c;
}
std::int64_t id(Session& s, const std::string& ref) { return s.dossiers()[*s.find(ref)].id; }
}  // namespace

TEST(ReadRules, BlindRatingAndDeclaredLinks) {
    Team t = blind_team();
    // Not assigned to dossier 1: never to read its others' ratings, said so (trial 23 m4: told to submit first).
    EXPECT_EQ(dossier_reading(t, std::string("Claire"), 1, "Fondation Bêta").why,
              "« Claire » n'est pas affecté(e) à ce dossier : un instructeur ne lit les notes des autres évaluateurs que des "
              "dossiers qui lui sont affectés, une fois les siennes soumises.");
    t.assignments[1] = {"Claire", "Julien"};
    // Claire has not submitted dossier 1: her own ratings only.
    DossierReading r = dossier_reading(t, std::string("Claire"), 1, "Fondation Bêta");
    EXPECT_FALSE(r.others);
    EXPECT_EQ(r.why, "Notation à l'aveugle : « Claire » lit les notes des autres évaluateurs de ce dossier après avoir soumis les siennes.");
    t.submitted[1].insert("Claire");
    EXPECT_TRUE(dossier_reading(t, std::string("Claire"), 1, "Fondation Bêta").others);
    // The coordinator reads everything but the dossiers of an organisation she declared a link with.
    EXPECT_TRUE(dossier_reading(t, std::string("Nadia"), 1, "Fondation Bêta").others);
    r = dossier_reading(t, std::string("Nadia"), 2, "ASSOCIATION alpha");   // the name as a reader compares it
    EXPECT_FALSE(r.others);
    EXPECT_EQ(r.why, "« Nadia » a déclaré un lien avec « Association Alpha », qui couvre « ASSOCIATION alpha » : les notes "
                     "des autres évaluateurs de ce dossier ne lui sont pas lisibles.");
    EXPECT_FALSE(dossier_reading(t, std::string("Intrus"), 1, "Fondation Bêta").others);
    // Nobody named on a declared team: nothing (trial 18; it used to read everything).
    EXPECT_FALSE(dossier_reading(t, std::nullopt, 1, "Fondation Bêta").others);
    // The journal: one's own rating, never another's nor a consolidation.
    DossierReading blind{false, "x"};
    std::optional<std::string> claire = "Claire";
    EXPECT_TRUE(journal_entity_readable(blind, claire, "note/Claire/A.1"));
    EXPECT_FALSE(journal_entity_readable(blind, claire, "note/Julien/A.1"));
    EXPECT_FALSE(journal_entity_readable(blind, claire, "note/Claire B/A.1"));   // a name that only starts the same
    EXPECT_FALSE(journal_entity_readable(blind, claire, "consolidation/A.1"));
    EXPECT_TRUE(journal_entity_readable(blind, claire, ""));                     // the dossier itself
    EXPECT_TRUE(journal_entity_readable(blind, claire, "decision"));
}

TEST(ReadRules, DeclarationsDesignateACandidateByIdentifierOrName) {
    std::vector<Dossier> ds{dossier(1, "A", "Association Escale Santé Marseille", "41872300300012", "130041007"),
                            dossier(2, "B", "Fondation Bêta", "", "")};
    EXPECT_EQ(designated_organisme(ds, "41872300300012"), "Association Escale Santé Marseille");      // SIRET
    EXPECT_EQ(designated_organisme(ds, "418 723 003"), "Association Escale Santé Marseille");         // SIREN, spaced
    EXPECT_EQ(designated_organisme(ds, "130041007"), "Association Escale Santé Marseille");           // FINESS
    EXPECT_EQ(designated_organisme(ds, "  association escale-sante, MARSEILLE. "), "Association Escale Santé Marseille");
    EXPECT_EQ(designated_organisme(ds, "fondation beta"), "Fondation Bêta");
    EXPECT_EQ(designated_organisme(ds, "Org X"), std::nullopt);
    EXPECT_EQ(designated_organisme(ds, "999999999"), std::nullopt);
    EXPECT_EQ(organisation_key("  Association  ALPHA-Santé. "), "association alpha sante");
    // Trial 15: French typography is punctuation like any other, Œ and Æ spelt out.
    EXPECT_EQ(organisation_key("EHPAD d\u2019Aunis"), "ehpad d aunis");
    EXPECT_EQ(organisation_key("Résidence « L'Œuvre »"), "residence l oeuvre");
    EXPECT_EQ(organisation_key("Cæcilia"), "caecilia");
    // A Corsican FINESS (« 2A » then 7 digits) designates its dossier, as a link then covers it.
    std::vector<Dossier> corse{dossier(3, "C", "Casa Serena", "", "2A0001234")};
    EXPECT_EQ(designated_organisme(corse, "2a 000 1234"), "Casa Serena");
    EXPECT_EQ(declared_identifiers(corse, "2A0001234"), "finess:2A0001234");
    EXPECT_EQ(designated_organisme(corse, "2C0001234"), std::nullopt);
}

TEST(ReadPaths, RatingsViewJournalAndRankingHideWhatTheReaderMayNotRead) {
    test::TempDir dir;
    auto s = campaign(dir);
    std::int64_t p = id(*s, "P");
    // The ratings view (workbench): Claire, not submitted, sees her own rating only.
    ASSERT_EQ(s->visible_ratings(p, "Claire").size(), 1u);
    EXPECT_EQ(s->visible_ratings(p, "Claire")[0]->reviewer, "Claire");
    EXPECT_EQ(s->visible_ratings(p, "Nadia").size(), 2u);
    // The journal (journal show --dossier P --par Claire): Julien's rating is not listed.
    s->set_reader(std::string("Claire"));
    auto entries = s->readable_journal("dossier/P");
    bool own = false, other = false;
    for (const auto& e : entries) {
        own = own || e.entity == "dossier/P/note/Claire/A.1";
        other = other || e.entity == "dossier/P/note/Julien/A.1";
    }
    EXPECT_TRUE(own);
    EXPECT_FALSE(other);
    EXPECT_FALSE(s->reading(p).others);   // ranking, consolidation and reports mask P for her
    s->submit(p, "Claire", "Claire");
    EXPECT_TRUE(s->reading(p).others);
    EXPECT_EQ(s->visible_ratings(p, "Claire").size(), 2u);
    // A declared link: Léa never reads P's ratings, submitted or not.
    s->declare_conflict("Léa", "association ALPHA", "Administratrice", "Nadia");
    EXPECT_EQ(s->team().conflicts.back().organisme, "Association Alpha");   // the candidate it designates
    s->set_reader(std::string("Léa"));
    EXPECT_FALSE(s->reading(p).others);
    EXPECT_TRUE(s->reading(id(*s, "Q")).others);
    for (const auto& e : s->readable_journal("dossier/P")) EXPECT_EQ(e.entity.find("/note/"), std::string::npos) << e.entity;
    EXPECT_TRUE(s->visible_ratings(p, "Léa").empty());
}

// A link names an organisation: a candidate, or one whose dossier has not
// come in yet (trial 15; Team.ALinkDeclaredBeforeItsDossierCoversItAndIsNotReplaced);
// a text that is neither a name nor an identifier protects nobody.
TEST(ReadPaths, ADeclarationNamingNoOrganisationIsRefused) {
    test::TempDir dir;
    auto s = campaign(dir);
    try {
        s->declare_conflict("Julien", " — ", "Administrateur", "Nadia");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), "Lien déclaré par « Julien » : « — » n'est ni un nom d'organisme ni un SIREN, SIRET "
                                         "ou FINESS ; rien n'a été enregistré.");
    }
    EXPECT_TRUE(Session::open(dir.file("c.cot"))->team().conflicts.empty());
}

TEST(Accounts, WithoutAccountsNobodyActs) {
    test::TempDir dir;
    auto s = campaign(dir);   // a team replayed under names, no account declared
    EXPECT_FALSE(s->team().accounts_declared());
    Session::simulate_named_actors(false);
    Session::simulate_os_login(std::string("quelquun"));
    // Trial 2 of session 17: any account claimed anyone; now nobody is anyone's.
    EXPECT_THROW(s->acting_person("Julien"), InputError);
    EXPECT_THROW(s->acting_person("Nadia"), InputError);
    Session::simulate_os_login(std::nullopt);
    Session::simulate_named_actors(true);
}

TEST(Accounts, TheFirstAccountIsTheCoordinatorsOwn) {
    test::TempDir dir;
    auto s = campaign(dir);
    Session::simulate_os_login(std::string("nadia"));
    // Not the coordinator's, or not from her own account: refused with the way to do it.
    EXPECT_THROW(bind_account(*s, "Claire", "claire", "Nadia"), InputError);
    EXPECT_FALSE(s->team().accounts_declared());
    try {
        bind_account(*s, "Nadia", "autre", "Nadia");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("vous agissez depuis « nadia », pas « autre »"), std::string::npos) << e.what();
    }
    bind_account(*s, "Nadia", "nadia", "Nadia");
    Session::simulate_named_actors(false);   // bound: from now on names are claims
    bind_account(*s, "Claire", "claire", "Nadia");
    EXPECT_TRUE(s->team().accounts_declared());
    auto reopened = Session::open(dir.file("c.cot"));
    EXPECT_EQ(reopened->team().person("Claire")->account, "claire");
    // The journal records the person and the account.
    auto j = reopened->store().journal("personne/Claire");
    ASSERT_FALSE(j.empty());
    EXPECT_EQ(j.back().actor, "Nadia (compte nadia)");
    EXPECT_NE(j.back().new_value.find("compte claire"), std::string::npos) << j.back().new_value;
    Session::simulate_os_login(std::nullopt);
    Session::simulate_named_actors(true);
}

TEST(Accounts, AnUndeclaredPersonCannotDecide) {
    test::TempDir dir;
    auto s = campaign(dir);
    Session::simulate_os_login(std::string("nadia"));
    bind_account(*s, "Nadia", "nadia", "Nadia");
    Session::simulate_named_actors(false);   // bound: from now on names are claims
    Decision d;
    d.kind = DecisionKind::NotRetained;
    d.motive = "hors sujet";
    // From an account declared for nobody, even naming the coordinator.
    Session::simulate_os_login(std::string("intrus"));
    try {
        s->decide(id(*s, "Q"), d, "Nadia");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), "« Nadia » agit depuis le compte « nadia » ; vous agissez depuis le compte « intrus ».");
    }
    try {
        s->acting_person("");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("Le compte « intrus » n'est déclaré pour personne dans cette campagne", 0), 0u)
            << e.what();
    }
    EXPECT_TRUE(s->decisions().empty());
    Session::simulate_os_login(std::nullopt);
    Session::simulate_named_actors(true);
}

TEST(Accounts, AnInstructorCannotMakeHimselfCoordinator) {
    test::TempDir dir;
    auto s = campaign(dir);
    Session::simulate_os_login(std::string("nadia"));
    bind_account(*s, "Nadia", "nadia", "Nadia");
    Session::simulate_named_actors(false);   // bound: from now on names are claims
    bind_account(*s, "Julien", "julien", "Nadia");
    Session::simulate_os_login(std::string("julien"));
    // As himself: only the coordinator changes roles.
    try {
        s->change_person("Julien", role_change(Role::Coordinator), "Julien");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), "Cette action revient au coordonnateur ; « Julien » est instructeur.");
    }
    // Claiming to be the coordinator from his own account.
    try {
        s->change_person("Julien", role_change(Role::Coordinator), "Nadia");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), "« Nadia » ne peut pas agir depuis le compte « julien », qui est celui de « Julien ».");
    }
    // Nor rate for someone else by naming them.
    EXPECT_THROW(s->put_rating({id(*s, "P"), "Claire", "A.1", 5, "x"}, "Claire"), InputError);
    EXPECT_EQ(Session::open(dir.file("c.cot"))->team().person("Julien")->role, Role::Instructor);
    Session::simulate_os_login(std::nullopt);
    Session::simulate_named_actors(true);
}

namespace {
// On a declared team each person reads and acts from their own account
// (issue 13.4): the test, one account, takes the account of the person a
// command names (--par, COTATION_UTILISATEUR), as the coordinator would
// have bound it; a command naming nobody runs from an account bound to nobody.
void take_the_account_of_who_is_named(const std::string& args, const std::string& env) {
    std::smatch m;
    std::string name;
    if (std::regex_search(args, m, std::regex("--par '([^']*)'")) || std::regex_search(args, m, std::regex("--par (\\S+)")) ||
        std::regex_search(env, m, std::regex("COTATION_UTILISATEUR='([^']*)'")) ||
        std::regex_search(env, m, std::regex("COTATION_UTILISATEUR=(\\S+)")))
        name = m[1];
    if (!std::regex_search(args, m, std::regex("(\\S+\\.cot)")) || !std::filesystem::exists(m[1].str())) return;
    const std::string file = m[1];
    auto s = Session::open(file);
    if (s->team().open_mode()) return;
    if (!name.empty() && s->team().person(name)) {
        test::bind_this_account(file, name);
        return;
    }
    if (!name.empty() || !s->team().accounts_declared()) return;
    // Nobody named: this account is nobody's (the coordinator keeps an account elsewhere).
    for (const auto& [n, person] : s->team().people)
        if (person.account == Session::os_login()) {
            Person moved = person;
            moved.account = person.role == Role::Coordinator ? "compte-ailleurs" : "";
            s->store().put_person(moved, test::coordinator_actor(*s, Session::os_login()));   // as Cotation journals it
        }
}

std::string cli(const std::string& args, const std::string& env = "env -u COTATION_UTILISATEUR") {
    take_the_account_of_who_is_named(args, env);
    std::string out;
    FILE* p = popen((env + " " + std::string(COTATION_CLI) + " " + args + " 2>&1").c_str(), "r");
    char buf[4096];
    while (std::size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    pclose(p);
    return out;
}
}  // namespace

// The command line's read paths: journal show --dossier and rank, for Claire
// who has not submitted P (Julien rated it 2, she 4).
TEST(ReadPaths, CommandLineJournalAndRanking) {
    test::TempDir dir;
    campaign(dir);
    const std::string f = dir.file("c.cot");
    std::string j = cli("journal show " + f + " --dossier P --par Claire");
    EXPECT_NE(j.find("dossier/P/note/Claire/A.1"), std::string::npos) << j;
    EXPECT_EQ(j.find("dossier/P/note/Julien/A.1"), std::string::npos) << j;
    // Nobody named on a declared team (no account): who reads is asked, nothing is listed.
    std::string anon = cli("journal show " + f + " --dossier P");
    EXPECT_NE(anon.find("n'est déclaré pour personne dans cette campagne"), std::string::npos) << anon;
    EXPECT_EQ(anon.find("dossier/P/note/Julien/A.1"), std::string::npos) << anon;
    EXPECT_EQ(anon.find("dossier/P/note/Claire/A.1"), std::string::npos) << anon;
    std::string r = cli("rank " + f, "COTATION_UTILISATEUR=Claire");
    // P awaits arbitration (a spread of 2 points): listed apart with the masked, neither total nor reason.
    EXPECT_NE(r.find("  P  Association Alpha — Notation à l'aveugle"), std::string::npos) << r;
    EXPECT_EQ(r.find("pts provisoires"), std::string::npos) << r;
    EXPECT_NE(cli("rank " + f + " --csv", "COTATION_UTILISATEUR=Claire").find(";P;Association Alpha;masqué;"), std::string::npos);
    EXPECT_NE(cli("rank " + f, "COTATION_UTILISATEUR=Nadia").find("P  3 pts provisoires"), std::string::npos);   // (4 + 2) / 2
}

// The instruction report (rapports): Thomas Petit declared a link with
// Entraide Santé Carpentras (demo/act-hlm/liens.csv), whose dossier
// ACT-2023-11 Claire Martin and Julien Roux rated: his copy of its report
// lists none of their ratings; the coordinator's lists them.
TEST(ReadPaths, InstructionReportLeavesOutWhatTheReaderMayNotRead) {
    test::TempDir dir;
    const std::string f = dir.file("demo.cot");
    ASSERT_NE(cli("demo " + f).find("demo.cot"), std::string::npos);
    cli("rapports " + f + " --out " + dir.file("lien") + " --dossier ACT-2023-11 --par 'Thomas Petit (ARS, DD 84)'");
    std::string linked = test::pdf_words(dir.file("lien/ACT-2023-11-compte-rendu.pdf"));
    ASSERT_NE(linked.find("ACT-2023-11"), std::string::npos) << linked;
    EXPECT_EQ(linked.find("Claire Martin (ARS, DD 13) :"), std::string::npos) << linked;
    EXPECT_EQ(linked.find("Julien Roux (ARS, siège) :"), std::string::npos) << linked;
    // Nor the rank, totals and means the others' ratings make.
    EXPECT_NE(linked.find("Masqué pour ce lecteur"), std::string::npos) << linked;
    EXPECT_EQ(linked.find("dossiers classés"), std::string::npos) << linked;
    EXPECT_EQ(linked.find("(moyenne de"), std::string::npos) << linked;
    // Nor a point of attention drawn from the part of the ratings he sees (trial 22 m4: « cotation
    // incomplète : 0 critère noté », whereas two instructors had rated every criterion).
    EXPECT_EQ(linked.find("cotation incomplète"), std::string::npos) << linked;
    EXPECT_NE(linked.find("Appréciation de la cotation masquée pour ce lecteur"), std::string::npos) << linked;
    cli("rapports " + f + " --out " + dir.file("coord") + " --dossier ACT-2023-11 --par 'Nathalie Girard (ARS, pôle médico-social)'");
    std::string full = test::pdf_words(dir.file("coord/ACT-2023-11-compte-rendu.pdf"));
    EXPECT_NE(full.find("Claire Martin (ARS, DD 13) :"), std::string::npos) << full;
    EXPECT_EQ(full.find("Masqué pour ce lecteur"), std::string::npos) << full;
    // `documents`, the batch of every document, gives every dossier's total
    // and place (letters, committee file): refused to him (trial 13 F5).
    std::string batch = cli("documents " + f + " --out " + dir.file("lot") + " --dossier ACT-2023-11 --par 'Thomas Petit (ARS, DD 84)'");
    EXPECT_NE(batch.find("ce document revient à qui lit tous les dossiers, le coordonnateur"), std::string::npos) << batch;
    EXPECT_FALSE(std::filesystem::exists(dir.file("lot/ACT-2023-11-compte-rendu.pdf")));
}

// ---- Session 18: nobody named, the ranking's places, names and accounts ----

TEST(ReadRules, NobodyNamedOnADeclaredTeamReadsNoRatings) {
    Team t = blind_team();
    DossierReading r = dossier_reading(t, std::nullopt, 1, "Fondation Bêta");
    EXPECT_FALSE(r.others);
    EXPECT_NE(r.why.find("--par NOM"), std::string::npos) << r.why;
    // A campaign worked alone (nobody declared) reads everything, as before.
    EXPECT_TRUE(dossier_reading(Team{}, std::nullopt, 1, "Fondation Bêta").others);
    // Another spelling of a declared name is that person: the link holds.
    EXPECT_FALSE(dossier_reading(t, std::string("  nadia "), 1, "Association Alpha").others);
    EXPECT_TRUE(dossier_reading(t, std::string("NADIA"), 1, "Fondation Bêta").others);
}

TEST(ReadRules, PlacesShowOnlyWhenNoRankedDossierIsHidden) {
    // Ranked A, B, C; B hidden: A and C in order, B apart, no place (a gap 1, 3 would say B is 2nd).
    RankingReading r = ranking_reading({true, false, true});
    EXPECT_EQ(r.shown, (std::vector<std::size_t>{0, 2}));
    EXPECT_EQ(r.hidden, (std::vector<std::size_t>{1}));
    EXPECT_FALSE(r.places);
    EXPECT_TRUE(ranking_reading({true, true}).places);
}

namespace {
// P (Association Alpha) rated 4 by Claire and Julien, Q (Fondation Bêta) 3 by
// Claire: both ranked, P 1st and Q 2nd (one criterion, coefficient 1: the
// totals are the ratings). Léa (committee) declared a link with Alpha.
std::unique_ptr<Session> ranked_campaign(const test::TempDir& dir) {
    auto s = campaign(dir);
    std::int64_t p = id(*s, "P"), q = id(*s, "Q");
    s->put_rating({p, "Julien", "A.1", 4, "Solide aussi."}, "Julien");
    s->assign(q, "Claire", true, "Nadia");
    s->put_rating({q, "Claire", "A.1", 3, "Correct."}, "Claire");
    s->declare_conflict("Léa", "Association Alpha", "Administratrice", "Nadia");
    return s;
}
}  // namespace

// The window's ranking and dossier lists read ranking_reading(Session&).
TEST(ReadPaths, WindowRankingKeepsAHiddenDossiersPlaceFromItsReader) {
    test::TempDir dir;
    auto s = ranked_campaign(dir);
    ASSERT_EQ(s->ranking().ranked.size(), 2u);
    s->set_reader(std::string("Léa"));
    RankingReading r = ranking_reading(*s);
    ASSERT_EQ(r.shown.size(), 1u);
    EXPECT_EQ(s->dossiers()[s->ranking().ranked[r.shown[0]].dossier].reference, "Q");
    ASSERT_EQ(r.hidden.size(), 1u);
    EXPECT_EQ(s->dossiers()[s->ranking().ranked[r.hidden[0]].dossier].reference, "P");
    EXPECT_FALSE(r.places);
    s->set_reader(std::string("Nadia"));
    EXPECT_TRUE(ranking_reading(*s).places);
}

TEST(ReadPaths, RankNeverShowsAHiddenDossiersPlace) {
    test::TempDir dir;
    ranked_campaign(dir);
    const std::string f = dir.file("c.cot");
    std::string lea = cli("rank " + f + " --marges", "COTATION_UTILISATEUR=Léa");
    EXPECT_EQ(lea.find(" 1  P"), std::string::npos) << lea;
    EXPECT_EQ(lea.find(" 2  Q"), std::string::npos) << lea;   // Q's 2 would say P is 1st
    EXPECT_NE(lea.find("  · Q  3 pts"), std::string::npos) << lea;
    EXPECT_NE(lea.find("  P  Association Alpha — « Léa » a déclaré un lien"), std::string::npos) << lea;
    EXPECT_NE(lea.find("Solidité de l'ordre non affichée"), std::string::npos) << lea;
    // The export (rank --csv): P last, neither rank nor total nor proposal.
    std::string csv = cli("rank " + f + " --csv", "COTATION_UTILISATEUR=Léa");
    auto q = csv.find("\n;Q;Fondation Bêta;3;"), p = csv.find("\n;P;Association Alpha;masqué;");
    ASSERT_NE(q, std::string::npos) << csv;
    ASSERT_NE(p, std::string::npos) << csv;
    EXPECT_LT(q, p) << csv;
    EXPECT_EQ(csv.find("\n1;"), std::string::npos) << csv;
    // The coordinator reads both, with their places.
    std::string nadia = cli("rank " + f, "COTATION_UTILISATEUR=Nadia");
    EXPECT_NE(nadia.find(" 1  P  4 pts"), std::string::npos) << nadia;
    EXPECT_NE(nadia.find(" 2  Q  3 pts"), std::string::npos) << nadia;
    EXPECT_NE(cli("rank " + f + " --csv", "COTATION_UTILISATEUR=Nadia").find("\n1;P;Association Alpha;4;"), std::string::npos);
    // Nobody named: asked who reads (rank takes no --par), no total, no place.
    std::string anon = cli("rank " + f);
    EXPECT_NE(anon.find("n'est déclaré pour personne dans cette campagne"), std::string::npos) << anon;
    EXPECT_EQ(anon.find("4 pts"), std::string::npos) << anon;
    EXPECT_EQ(anon.find(" 1  P"), std::string::npos) << anon;
}

TEST(ReadPaths, WithoutAccountsNobodyNamedReadsNoRatingsInReports) {
    test::TempDir dir;
    auto s = ranked_campaign(dir);
    cotation::test::set_parameter(*s, "campagne.date_commission", "15/06/2023", "Nadia");
    const std::string f = dir.file("c.cot");
    // Trial 18: without --par the report gave every rating; now who reads is asked, nothing written.
    std::string anon = cli("rapports " + f + " --out " + dir.file("anon") + " --dossier P");
    EXPECT_NE(anon.find("n'est déclaré pour personne dans cette campagne"), std::string::npos) << anon;
    EXPECT_FALSE(std::filesystem::exists(dir.file("anon/P-compte-rendu.pdf")));
    // The core rule behind it: a session read by nobody named masks P's ratings.
    s->set_reader(std::nullopt);
    EXPECT_FALSE(s->reading(id(*s, "P")).others);
    cli("rapports " + f + " --out " + dir.file("coord") + " --dossier P --par Nadia");
    std::string coord = test::pdf_words(dir.file("coord/P-compte-rendu.pdf"));
    EXPECT_NE(coord.find("Solide aussi."), std::string::npos) << coord;
}

TEST(Team, AnotherSpellingOfADeclaredNameIsThatPerson) {
    test::TempDir dir;
    auto s = campaign(dir);
    s->add_person({"Paul Roy", Role::Instructor, "ARS"}, "Nadia");
    for (const char* other : {"paul roy", "  PAUL   ROY ", "Paul Rôy"}) {
        try {
            s->add_person({other, Role::Instructor, "ARS"}, "Nadia");
            FAIL() << other;
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find("fait déjà partie de l'équipe sous le nom « Paul Roy »"), std::string::npos) << e.what();
        }
    }
    auto reopened = Session::open(dir.file("c.cot"));
    EXPECT_EQ(reopened->team().people.count("paul roy"), 0u);
    EXPECT_EQ(reopened->team().people.size(), 5u);   // Nadia, Claire, Julien, Léa, Paul Roy
    // Named another way, it is him, under his first spelling.
    reopened->assign(id(*reopened, "Q"), "paul  ROY", true, "Nadia");
    EXPECT_EQ(reopened->team().assignments.at(id(*reopened, "Q")).count("Paul Roy"), 1u);
    EXPECT_NE(cli("users " + dir.file("c.cot")).find("Paul Roy — instructeur"), std::string::npos);
}

TEST(Accounts, ALoginMustBeAPlausibleAccountName) {
    EXPECT_EQ(account_refusal("proy"), "");
    EXPECT_EQ(account_refusal("paul.roy"), "");
    EXPECT_EQ(account_refusal("p_roy-2"), "");
    EXPECT_NE(account_refusal("Paul Roy").find("sans espace"), std::string::npos);
    EXPECT_NE(account_refusal("-rf").find("commencer par « - »"), std::string::npos);
    EXPECT_NE(account_refusal("1001").find("numéro d'utilisateur"), std::string::npos);
    EXPECT_NE(account_refusal("é").find("sans accent"), std::string::npos);
    EXPECT_NE(account_refusal(std::string(33, 'a')).find("trop long"), std::string::npos);
    EXPECT_NE(account_refusal("a;rm").find("n'est pas un nom de connexion"), std::string::npos);
}

TEST(Accounts, CommandLineRefusesABadLoginAndAnUnknownOneUnlessOnAnotherWorkstation) {
    test::TempDir dir;
    campaign(dir);
    const std::string f = dir.file("c.cot");
    const std::string me = Session::os_login();
    std::string bad = cli("users " + f + " --changer-compte Nadia --compte 'nadia girard'");
    EXPECT_NE(bad.find("n'est pas un nom de connexion"), std::string::npos) << bad;
    EXPECT_TRUE(Session::open(f)->team().person("Nadia")->account.empty());
    // The file's owner (this account) binds the coordinator of a team without accounts to itself.
    std::string ok = cli("users " + f + " --changer-compte Nadia --compte " + me);
    EXPECT_EQ(ok.find("Attention : aucun compte"), std::string::npos) << ok;   // this very account exists
    // Trial 13 F18: a login unknown on this workstation is refused, nothing written…
    std::string unknown = cli("users " + f + " --ajouter Zoé --role instructeur --compte zoe-inconnue-ici", "COTATION_UTILISATEUR=Nadia");
    EXPECT_NE(unknown.find("Aucun compte « zoe-inconnue-ici » n'existe sur ce poste : personne ne pourrait agir au nom de « Zoé »"),
              std::string::npos) << unknown;
    EXPECT_NE(unknown.find("rien n'a été enregistré"), std::string::npos) << unknown;
    EXPECT_EQ(Session::open(f)->team().person("Zoé"), nullptr);
    // … the same login in capitals names the account that exists (« root » for « ROOT »).
    std::string upper = me;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper != me) {
        std::string cased = cli("users " + f + " --ajouter Zoé --role instructeur --compte " + upper, "COTATION_UTILISATEUR=Nadia");
        EXPECT_NE(cased.find("le compte « " + me + " » existe"), std::string::npos) << cased;
        EXPECT_EQ(Session::open(f)->team().person("Zoé"), nullptr);
    }
    // … unless the coordinator says the person works from another workstation of the share: then a warning.
    unknown = cli("users " + f + " --ajouter Zoé --role instructeur --compte zoe-inconnue-ici --autre-poste", "COTATION_UTILISATEUR=Nadia");
    EXPECT_NE(unknown.find("Attention : aucun compte « zoe-inconnue-ici » n'existe sur ce poste"), std::string::npos) << unknown;
    EXPECT_EQ(Session::open(f)->team().person("Zoé")->account, "zoe-inconnue-ici");
}

TEST(Accounts, DeclaringSomeoneAgainNeverMovesTheirAccount) {
    test::TempDir dir;
    auto s = campaign(dir);
    Session::simulate_os_login(std::string("nadia"));
    bind_account(*s, "Nadia", "nadia", "Nadia");
    Session::simulate_named_actors(false);   // bound: from now on names are claims
    bind_account(*s, "Julien", "julien", "Nadia");
    // Declared again: refused, whatever the account (trial 15g G4).
    try {
        s->add_person({"Julien", Role::Instructor, "ARS", true, "jroux"}, "Nadia");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("« Julien » est déjà dans l'équipe (instructeur)"), std::string::npos) << e.what();
    }
    // Nor does --modifier move an account: that is --changer-compte.
    try {
        bind_account(*s, "Julien", "jroux", "Nadia");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("« Julien » agit déjà depuis le compte « julien » : le coordonnateur le change "
                                             "explicitement"),
                  std::string::npos) << e.what();
    }
    EXPECT_EQ(s->team().person("Julien")->account, "julien");
    // A role changed (--modifier --role): account kept.
    s->change_person("Julien", role_change(Role::CommitteeMember), "Nadia");
    EXPECT_EQ(s->team().person("Julien")->account, "julien");
    // The explicit change: the coordinator only, journaled with both accounts.
    Session::simulate_os_login(std::string("julien"));
    EXPECT_THROW(change_account(*s, "Julien", "jroux", "Julien"), InputError);
    Session::simulate_os_login(std::string("nadia"));
    change_account(*s, "julien", "jroux", "Nadia");
    auto reopened = Session::open(dir.file("c.cot"));
    EXPECT_EQ(reopened->team().person("Julien")->account, "jroux");
    auto j = reopened->store().journal("personne/Julien");
    ASSERT_FALSE(j.empty());
    EXPECT_NE(j.back().old_value.find("compte julien"), std::string::npos) << j.back().old_value;
    EXPECT_NE(j.back().new_value.find("compte jroux"), std::string::npos) << j.back().new_value;
    EXPECT_EQ(j.back().actor, "Nadia (compte nadia)");
    // Nor may the coordinator move her own account away from the one she acts from.
    EXPECT_THROW(change_account(*s, "Nadia", "ailleurs", "Nadia"), InputError);
    Session::simulate_os_login(std::nullopt);
    Session::simulate_named_actors(true);
}

// Trial finding 33: the only coordinator demoting herself left a campaign nobody could decide on.
TEST(Team, TheLastCoordinatorIsNeverDemoted) {
    test::TempDir dir;
    auto s = campaign(dir);   // Nadia is the only coordinator
    // A role changes through --modifier, not by declaring again (trial 15g G4).
    auto role = [](Role r) {
        Session::PersonChange c;
        c.role = r;
        return c;
    };
    try {
        s->change_person("Nadia", role(Role::Instructor), "Nadia");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("La campagne doit garder un coordonnateur : « Nadia » est le seul."), std::string::npos)
            << e.what();
    }
    EXPECT_EQ(Session::open(dir.file("c.cot"))->team().person("Nadia")->role, Role::Coordinator);
    // A hand-over: another coordinator first, then the change.
    s->change_person("Claire", role(Role::Coordinator), "Nadia");
    s->change_person("Nadia", role(Role::Instructor), "Nadia");
    EXPECT_EQ(Session::open(dir.file("c.cot"))->team().person("Nadia")->role, Role::Instructor);
}

// Trial finding 12: the consolidation listing and the agreement gave ratings
// away (a mean and a spread) to Claire, who has not submitted P.
TEST(ReadPaths, ConsolidationListingAndAgreementFollowTheReadRules) {
    test::TempDir dir;
    campaign(dir);   // P: Claire 4, Julien 2 on A.1, a spread of 2 to arbitrate
    const std::string f = dir.file("c.cot");
    std::string nadia = cli("consolidate " + f + " --par Nadia");
    EXPECT_NE(nadia.find("P;A.1;moyenne 3;écart 2;à arbitrer"), std::string::npos) << nadia;   // (4 + 2) / 2
    std::string claire = cli("consolidate " + f + " --par Claire");
    EXPECT_EQ(claire.find("P;A.1"), std::string::npos) << claire;
    EXPECT_NE(claire.find("dont les notes ne vous sont pas lisibles)"), std::string::npos) << claire;   // P, and Q she has not rated
    EXPECT_EQ(cli("consolidate " + f).find("P;A.1"), std::string::npos);   // nobody named
    std::string accord = cli("accord " + f, "COTATION_UTILISATEUR=Claire");
    EXPECT_NE(accord.find("Accord entre évaluateurs non affiché"), std::string::npos) << accord;
    EXPECT_NE(cli("accord " + f, "COTATION_UTILISATEUR=Nadia").find("alpha de Krippendorff"), std::string::npos);
}
