// The procedure kind and the issuing authority as campaign data: a campaign
// made with Session::create on a shipped grid follows the grid's procedure
// (an appel à candidatures for the three of them) and starts with the grid's
// authority; the routes of appeal follow the authority's kind; a campaign
// made before schema 9 migrates without losing anything. Expected texts are
// read by hand from the grids, procedures/*.xml and templates/voies-recours-*.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "app/demo.h"
#include "app/session.h"
#include "core/error.h"
#include "core/people.h"
#include "io/grid_writer.h"
#include "report/authority_variables.h"
#include "report/template.h"
#include "store/campaign_store.h"
#include "store_history.h"
#include "test_support.h"

using namespace cotation;

namespace {
std::string grid(const char* name) { return test::source_dir() + "/scoring-grids/" + name; }

std::optional<Date> step_done(const Session& s, const std::string& id) {
    for (const auto& st : s.calendar(Date{2023, 5, 1}))
        if (st.id == id) return st.done;
    return std::nullopt;
}

// The UPHV call as a new user makes it: `cotation new`, seven EHPAD… here
// two dossiers, a coordinator, three committee members and a meeting.
std::unique_ptr<Session> uphv_campaign(const test::TempDir& dir) {
    NewCampaign nc;
    nc.reference = "AAC n°1/2019";
    nc.parameters["campagne.date_publication"] = "01/07/2019";
    nc.parameters["campagne.date_limite"] = "30/09/2019";
    nc.parameters["campagne.date_commission"] = "15/11/2019";
    nc.parameters["campagne.date_courrier"] = "29/11/2019";
    auto s = Session::create(dir.file("uphv.cot"), grid("uphv-17-2019.xml"), nc, "Coord");
    std::ofstream(dir.file("d.csv")) << "reference;organisme;siret;finess;commune;places;budget_annuel;date_depot\n"
                                        "U1;EHPAD Les Tilleuls;;;17300;8;43 800;20/09/2019\n"
                                        "U2;EHPAD La Roseraie;;;17299;8;43 800;02/10/2019\n";
    s->add_person({"Coord", Role::Coordinator, "Département"}, "Coord");
    for (const char* m : {"A", "B", "C"}) s->add_person({m, Role::CommitteeMember, "Département"}, "Coord");
    s->import_dossiers_file(dir.file("d.csv"), "Coord");
    return s;
}
}  // namespace

TEST(Authority, NewCampaignTakesTheGridsAuthorityAndProcedure) {
    test::TempDir dir;
    auto s = uphv_campaign(dir);
    // <authority> of uphv-17-2019.xml, from the call's correspondence address.
    const Authority& a = s->authority();
    EXPECT_EQ(a.kind, AuthorityKind::Departement);
    EXPECT_EQ(a.name, "Département de la Charente-Maritime");
    EXPECT_EQ(a.signatory_title, "Le Président du Conseil départemental de la Charente-Maritime");
    EXPECT_EQ(a.city, "La Rochelle");
    EXPECT_EQ(a.tribunal, "tribunal administratif de Poitiers");
    ASSERT_EQ(a.address.size(), 4u);
    EXPECT_EQ(a.address[3], "17076 La Rochelle Cedex 9");
    EXPECT_EQ(s->procedure().id, "appel-a-candidatures");
    EXPECT_EQ(s->procedure().nature, "appel à candidatures");
    // Reopened from the file alone: the pinned procedure text, with the grid's step.
    auto again = Session::open(dir.file("uphv.cot"));
    EXPECT_EQ(again->authority(), a);
    ASSERT_NE(again->procedure().step("ouverture"), nullptr);
    EXPECT_EQ(again->procedure().step("ouverture")->due->anchor, "campagne.ouverture_max");

    // `cotation new --autorite --signataire --ville` still override the grid's.
    NewCampaign nc;
    nc.reference = "AAC CRT Gironde";
    nc.authority = "Agence régionale de santé Nouvelle-Aquitaine, délégation de la Gironde";
    nc.signatory = "Jeanne Martin";
    nc.city = "Bordeaux";
    auto crt = Session::create(dir.file("crt.cot"), grid("crt-2022.xml"), nc, "test");
    EXPECT_EQ(crt->authority().kind, AuthorityKind::Ars);
    EXPECT_EQ(crt->authority().name, "Agence régionale de santé Nouvelle-Aquitaine, délégation de la Gironde");
    EXPECT_EQ(crt->authority().signatory, "Jeanne Martin");
    EXPECT_EQ(crt->authority().signatory_title, "Le Directeur général de l'Agence régionale de santé Nouvelle-Aquitaine");
    // One tribunal (a new user's trial, docs10 item 4): `cotation param` said
    // the grid parameter's « tribunal administratif compétent » where the
    // documents said the authority's « tribunal administratif de Bordeaux »
    // (crt-2022.xml, <authority tribunal=…>).
    EXPECT_EQ(crt->authority().tribunal, "tribunal administratif de Bordeaux");
    ASSERT_TRUE(crt->campaign().parameters.count("campagne.tribunal"));
    EXPECT_EQ(to_canonical(crt->campaign().parameters.at("campagne.tribunal")), "tribunal administratif de Bordeaux");
    crt.reset();
    auto crt_again = Session::open(dir.file("crt.cot"));
    EXPECT_EQ(to_canonical(crt_again->campaign().parameters.at("campagne.tribunal")), "tribunal administratif de Bordeaux");
}

TEST(Authority, EditedByTheCoordinatorOnlyAndJournaled) {
    test::TempDir dir;
    auto s = uphv_campaign(dir);
    EXPECT_THROW(cotation::test::set_authority_field(*s, "signataire", "Sylvie Marcilly", "A"), InputError);   // a committee member
    cotation::test::set_authority_field(*s, "signataire", "Sylvie Marcilly", "Coord");
    cotation::test::set_authority_field(*s, "adresse_tribunal", "15 rue de Blossac, 86020 Poitiers", "Coord");
    cotation::test::set_authority_field(*s, "adresse", "Direction de l'Autonomie | 85, boulevard de la République | 17076 La Rochelle Cedex 9", "Coord");
    EXPECT_THROW(cotation::test::set_authority_field(*s, "type", "prefecture", "Coord"), InputError);
    EXPECT_THROW(cotation::test::set_authority_field(*s, "qualite", " ", "Coord"), InputError);   // a title is required
    EXPECT_THROW(cotation::test::set_authority_field(*s, "couleur", "bleu", "Coord"), InputError);
    std::ofstream(dir.file("logo.png")) << "GIF89a";
    EXPECT_THROW(cotation::test::set_authority_field(*s, "logo", dir.file("logo.png"), "Coord"), InputError);   // not a PNG
    // The former way, a parameter of the grid, sets the authority's tribunal.
    cotation::test::set_parameter(*s, "campagne.tribunal", "tribunal administratif de Bordeaux", "Coord");
    EXPECT_EQ(s->authority().tribunal, "tribunal administratif de Bordeaux");
    auto again = Session::open(dir.file("uphv.cot"));
    EXPECT_EQ(again->authority().tribunal, "tribunal administratif de Bordeaux");
    EXPECT_EQ(again->authority().signatory, "Sylvie Marcilly");
    EXPECT_EQ(again->authority().address,
              (std::vector<std::string>{"Direction de l'Autonomie", "85, boulevard de la République", "17076 La Rochelle Cedex 9"}));
    auto journal = again->store().journal("campagne/autorite/signataire");
    ASSERT_EQ(journal.size(), 1u);
    EXPECT_EQ(journal[0].actor, "Coord (compte " + Session::os_login() + ")");   // person and account
    EXPECT_EQ(journal[0].new_value, "Sylvie Marcilly");
    // Trial 1011C F9: a joint order's co-signatory, declared with its civility and name (file schema 17),
    // kept on reopening and journaled; an entry without a civility is refused, nothing written.
    EXPECT_THROW(cotation::test::set_authority_field(*again, "cosignataires", "17=Annie Dupont", "Coord"), InputError);
    cotation::test::set_authority_field(*again, "cosignataires", "17 = madame Annie Dupont", "Coord");
    EXPECT_EQ(Session::open(dir.file("uphv.cot"))->authority().cosignatories, "17=Mme Annie Dupont");
    ASSERT_EQ(again->store().journal("campagne/autorite/cosignataires").size(), 1u);
    EXPECT_TRUE(again->store().verify_journal().ok);
}

// The co-signatories' form (core/procedure_def.h), by hand: « | » or lines
// between entries, the civility as typed, the title from the civility and
// the Département's article (fr::of_departement).
TEST(Authority, CoSignatoriesAreDeclaredWithCivilityAndName) {
    auto list = parse_cosignatories("16=Mme Annie Dupont | 2A = Monsieur Paul-Marie Santoni\n");
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].departement, "16");
    EXPECT_EQ(list[0].civility, Civility::Madame);
    EXPECT_EQ(list[0].name, "Annie Dupont");
    EXPECT_EQ(list[1].civility, Civility::Monsieur);
    EXPECT_EQ(list[1].name, "Paul-Marie Santoni");
    EXPECT_EQ(list[0].title("de la Charente"), "La Présidente du Conseil départemental de la Charente");
    EXPECT_EQ(list[1].title("de la Corse-du-Sud"), "Le Président du Conseil départemental de la Corse-du-Sud");
    EXPECT_EQ(cosignatories_text(list), "16=Mme Annie Dupont\n2A=M. Paul-Marie Santoni");
    Authority a;
    a.cosignatories = cosignatories_text(list);
    EXPECT_EQ(cosignatory_of(a, "2A")->name, "Paul-Marie Santoni");
    EXPECT_FALSE(cosignatory_of(a, "17"));
    EXPECT_EQ(test::message_of([] { parse_cosignatories("16=Annie Dupont"); }),
              "Cosignataire « 16=Annie Dupont » : attendu DÉPARTEMENT=CIVILITÉ NOM (« 16=Mme Annie Dupont »). "
              "La civilité (Mme ou M.) et le nom sont requis.");
    EXPECT_THROW(parse_cosignatories("16=Mme A | 16=M. B"), InputError);
    EXPECT_THROW(parse_cosignatories("Mme Annie Dupont"), InputError);
    EXPECT_TRUE(parse_cosignatories("  ").empty());
}

// The UPHV campaign shows no article R. 313-x and no « commission
// d'information et de sélection » in its calendar, minutes and committee file.
TEST(Authority, UphvCampaignSpeaksOfItsOwnProcedure) {
    test::TempDir dir;
    auto s = uphv_campaign(dir);
    for (const auto& st : s->calendar(Date{2019, 11, 10})) {
        EXPECT_EQ(st.basis.find("R. 313"), std::string::npos) << st.id;
        EXPECT_EQ(st.label.find("R. 313"), std::string::npos) << st.id;
        EXPECT_EQ(st.label.find("commission d'information"), std::string::npos) << st.id;
    }
    Meeting m = s->meeting_draft();
    EXPECT_EQ(m.date, (Date{2019, 11, 15}));   // the committee's date
    m.president = "A";
    for (const char* n : {"A", "B", "C"}) m.attendance[n] = {Presence::Present, ""};
    m.votes = {{"A", Vote::For}, {"B", Vote::For}, {"C", Vote::Abstain}};
    s->put_meeting(m, "Coord");
    s->write_committee_file(dir.file("dossier.pdf"));
    s->write_minutes(dir.file("pv.pdf"));
    for (const char* f : {"dossier.pdf", "pv.pdf"}) {
        std::string text = test::pdf_words(dir.file(f));
        ASSERT_FALSE(text.empty()) << f;
        EXPECT_EQ(text.find("R. 313"), std::string::npos) << f << " : " << text;
        EXPECT_EQ(text.find("commission d'information"), std::string::npos) << f;
        EXPECT_EQ(text.find("ppel à projets"), std::string::npos) << f;
        // Signed by the Département's president (the grid's <authority>).
        EXPECT_NE(text.find("Département de la Charente-Maritime"), std::string::npos) << f;
    }
    std::string pv = test::pdf_words(dir.file("pv.pdf"));
    EXPECT_NE(pv.find("Procès-verbal de la commission de sélection"), std::string::npos) << pv;
    // Dated by the campaign, not by the clock: the committee file on the
    // instruction step's due date, the committee's date (15 novembre 2019).
    EXPECT_NE(test::pdf_words(dir.file("dossier.pdf")).find("La Rochelle, le 15 novembre 2019"), std::string::npos);
    EXPECT_EQ(s->committee_file_date(), (Date{2019, 11, 15}));
    s->record_step("instruction", Date{2019, 10, 30}, "Coord");
    EXPECT_EQ(s->committee_file_date(), (Date{2019, 10, 30}));
    EXPECT_THROW(s->record_step("rapports", Date{2019, 10, 30}, "Coord"), InputError);   // a step of the CASF only
}

// Routes of appeal: an ARS decision (ACT HLM) offers the hierarchical appeal to
// the minister in charge of health; the Département's (UPHV) does not.
TEST(Authority, RoutesOfAppealFollowTheAuthoritysKind) {
    test::TempDir dir;
    auto recourse = [](const std::string& text) {
        auto at = text.find("Voies et délais de recours");
        EXPECT_NE(at, std::string::npos) << text;
        return at == std::string::npos ? std::string() : text.substr(at);
    };
    // UPHV: U2 deposited on 02/10/2019, after the deadline of 30/09/2019.
    auto uphv = uphv_campaign(dir);
    std::int64_t u2 = uphv->dossiers()[*uphv->find("U2")].id;
    uphv->reject_prior(u2, RejectionGround::Late, "Reçu le 02/10/2019 pour une date limite au 30/09/2019.", "Coord",
                       Date{2019, 10, 3});
    auto written = uphv->write_letters(dir.file("uphv"), "U2");
    ASSERT_EQ(written.size(), 1u);
    std::string dep = test::pdf_words(written.written[0]);
    std::string dep_recourse = recourse(dep);
    EXPECT_NE(dep_recourse.find("recours gracieux auprès du Président du Conseil départemental"), std::string::npos) << dep_recourse;
    EXPECT_NE(dep_recourse.find("tribunal administratif de Poitiers"), std::string::npos) << dep_recourse;
    EXPECT_EQ(dep_recourse.find("ministre"), std::string::npos) << dep_recourse;
    EXPECT_EQ(dep_recourse.find("hiérarchique"), std::string::npos) << dep_recourse;
    EXPECT_EQ(dep.find("R. 313"), std::string::npos) << dep;
    EXPECT_NE(dep.find("rejet avant évaluation"), std::string::npos) << dep;
    EXPECT_NE(dep.find("Le Président du Conseil départemental de la Charente-Maritime"), std::string::npos) << dep;

    // ACT HLM (ARS PACA): the demo's late dossier, refused before the evaluation.
    auto act = create_demo(dir.file("act.cot"), "act-hlm", DemoStage::Instruction);
    written = act->write_letters(dir.file("act"), "ACT-2023-09");
    ASSERT_EQ(written.size(), 1u);
    std::string ars_recourse = recourse(test::pdf_words(written.written[0]));
    EXPECT_NE(ars_recourse.find("recours hiérarchique auprès du ministre chargé de la santé"), std::string::npos) << ars_recourse;
    EXPECT_NE(ars_recourse.find("tribunal administratif de Marseille"), std::string::npos) << ars_recourse;
}

TEST(Authority, VariablesForEveryDocument) {
    Campaign c;
    c.authority = {AuthorityKind::Ars, "ARS PACA", {"132 boulevard de Paris", "13003 Marseille"}, "", "Le Directeur général",
                   "Marseille", "tribunal administratif de Marseille", "", ""};
    c.procedure.nature = "appel à candidatures";
    c.procedure.committee = CommitteeRules{};
    c.procedure.committee->name = "commission de sélection";
    report::Variables v;
    v["campagne.tribunal"] = "paramètre de la grille";
    report::add_authority_variables(v, c);
    EXPECT_EQ(v["autorite.type"], "ars");
    EXPECT_EQ(v["autorite.adresse"], "132 boulevard de Paris\n13003 Marseille");
    EXPECT_EQ(v["campagne.tribunal"], "tribunal administratif de Marseille");   // the authority's wins
    EXPECT_EQ(v["procedure.nature_titre"], "Appel à candidatures");
    EXPECT_EQ(v["procedure.commission"], "commission de sélection");
    // {{> voies-recours}} is voies-recours-ars when it exists, else the common one.
    std::map<std::string, std::string> files{{"voies-recours", "commun"}, {"voies-recours-ars", "propre à l'ARS"}};
    auto load = [&](const std::string& name) {
        auto it = files.find(name);
        if (it == files.end()) throw InputError("Modèle « " + name + " » introuvable.");
        return it->second;
    };
    auto blocks = report::expand_template("{{> voies-recours}}\n", "t", v, load);
    ASSERT_EQ(blocks.size(), 1u);
    EXPECT_EQ(blocks[0].text, "propre à l'ARS");
    v["autorite.type"] = "departement";
    EXPECT_EQ(report::expand_template("{{> voies-recours}}\n", "t", v, load)[0].text, "commun");
}

// A campaign written by schema 8 (CASF steps built in, signatory holding the
// title) opens in schema 9 with its data, the procedure its grid names, and
// the authority read from its old fields.
TEST(Authority, SchemaEightCampaignIsMigrated) {
    test::TempDir dir;
    {
        NewCampaign nc;
        nc.reference = "AAC ACT HLM PACA 2023";
        nc.parameters["campagne.date_limite"] = "28/04/2023";
        auto s = Session::create(dir.file("c.cot"), grid("act-hlm-paca-2023.xml"), nc, "test");
        std::ofstream(dir.file("d.csv")) << "reference;organisme;siret;finess;commune;places;budget_annuel;date_depot\n"
                                            "D1;Org;;;13203;10;126 000;28/04/2023\n";
        s->import_dossiers_file(dir.file("d.csv"), "test");
        s->put_rating({s->dossiers()[0].id, "Claire", "I.1", 4, "Solide."}, "Claire");
        s->record_step("instruction", Date{2023, 4, 20}, "test");
    }
    // The ledger's additions (schema 12) undone, then the territory tables
    // (schema 10: their triggers name campaign.closed_at), then the rest.
    test::sql(dir.file("c.cot"), test::before_ledger_sql(dir.file("c.cot")) +
                           "DROP TABLE offer_structure; DROP TABLE campaign_zone; DROP TABLE territory_origin; DROP TABLE allocation_choice; " +
        "ALTER TABLE campaign DROP COLUMN procedure_name; ALTER TABLE campaign DROP COLUMN procedure_xml; "
        "ALTER TABLE campaign DROP COLUMN authority_kind; ALTER TABLE campaign DROP COLUMN authority_address; "
        "ALTER TABLE campaign DROP COLUMN signatory_title; ALTER TABLE campaign DROP COLUMN tribunal; "
        "ALTER TABLE campaign DROP COLUMN tribunal_address; ALTER TABLE campaign DROP COLUMN logo; "
        "UPDATE campaign SET signatory = 'Le Directeur général de l''Agence régionale de santé Provence-Alpes-Côte d''Azur'; "
        "ALTER TABLE person DROP COLUMN account; "   // schema 13's column (issue 13.4)
        "PRAGMA user_version = 8");
    auto s = Session::open(dir.file("c.cot"));
    EXPECT_EQ(s->procedure().id, "appel-a-candidatures");   // the procedure its grid names
    EXPECT_EQ(s->authority().kind, AuthorityKind::Ars);      // read from « Agence régionale de santé … »
    EXPECT_EQ(s->authority().signatory_title, "Le Directeur général de l'Agence régionale de santé Provence-Alpes-Côte d'Azur");
    EXPECT_EQ(s->authority().signatory, "");
    EXPECT_EQ(s->authority().tribunal, "tribunal administratif de Marseille");   // was campagne.tribunal
    ASSERT_EQ(s->dossiers().size(), 1u);
    ASSERT_EQ(s->ratings().size(), 1u);
    // No piece recorded: completeness « non renseignée », not irrecevable (trial 13b F3).
    EXPECT_TRUE(s->ranking().ineligible.empty());
    const auto& r = s->ranking();
    const auto& entry = r.ranked.empty() ? r.pending : r.ranked;
    ASSERT_EQ(entry.size(), 1u);
    EXPECT_EQ(entry[0].score.total, Rational(32));   // I.1 coefficient 8 × 4
    EXPECT_EQ(*step_done(*s, "instruction"), (Date{2023, 4, 20}));
    auto pinned = s->store().journal("campagne/procedure");
    ASSERT_EQ(pinned.size(), 1u);
    EXPECT_EQ(pinned[0].actor, "migration");
    EXPECT_TRUE(s->store().verify_journal().ok);
    // Pinned once: the second opening changes nothing.
    auto again = Session::open(dir.file("c.cot"));
    EXPECT_EQ(again->store().journal("campagne/procedure").size(), 1u);
    EXPECT_EQ(again->procedure().id, "appel-a-candidatures");
}

// A grid that names the CASF appel à projets gets its articles, its
// « commission d'information et de sélection » and its refusal grounds; a
// procedure an authority writes beside its grid, without prior rejection,
// refuses one.
TEST(Authority, ProcedureNamedByTheGridIncludingOneOfTheAuthoritysOwn) {
    test::TempDir dir;
    std::filesystem::create_directories(dir.path / "scoring-grids");
    std::filesystem::create_directories(dir.path / "procedures");
    auto write_grid = [&](const std::string& name, const std::string& procedure) {
        std::ofstream(dir.file("scoring-grids/" + name))
            << "<grid id=\"g\" version=\"1\" title=\"Essai\" procedure=\"" << procedure << "\">\n"
            << "<theme id=\"A\" label=\"T\"><criterion id=\"A.1\" label=\"U\" coefficient=\"2\"/></theme>\n</grid>\n";
    };
    write_grid("casf.xml", "appel-a-projets-casf");
    NewCampaign nc;
    nc.reference = "AAP essai";
    nc.authority = "Agence régionale de santé Occitanie";
    nc.signatory_title = "Le Directeur général de l'Agence régionale de santé Occitanie";
    nc.authority_kind = AuthorityKind::Ars;
    nc.parameters["campagne.date_limite"] = "28/04/2023";
    nc.parameters["campagne.date_commission"] = "15/06/2023";
    auto s = Session::create(dir.file("casf.cot"), dir.file("scoring-grids/casf.xml"), nc, "test");
    EXPECT_EQ(s->procedure().id, "appel-a-projets-casf");
    EXPECT_EQ(s->procedure().committee_name(), "commission d'information et de sélection");
    EXPECT_EQ(s->authority().kind, AuthorityKind::Ars);
    auto steps = s->calendar(Date{2023, 5, 25});
    ASSERT_FALSE(steps.empty());
    bool questions = false;
    for (const auto& st : steps)
        if (st.id == "questions") {
            questions = true;
            EXPECT_EQ(*st.due, (Date{2023, 4, 20}));   // 28/04 − 8 days (art. R. 313-4-2)
            EXPECT_EQ(st.basis, "art. R. 313-4-2");
        }
    EXPECT_TRUE(questions);
    EXPECT_TRUE(s->procedure().recordable("rapports"));

    // The authority's own procedure, beside its grid: no committee, no prior rejection.
    std::ofstream(dir.file("procedures/ami.xml"))
        << "<procedure id=\"ami\" version=\"1\" nature=\"appel à manifestation d'intérêt\" title=\"AMI\">\n"
        << "<step id=\"depot\" label=\"Dépôt\" due=\"date_limite\"/>\n"
        << "<step id=\"choix\" label=\"Choix\" due=\"depot + 1 mois\" obligation=\"oui\" done=\"decisions\"/>\n</procedure>\n";
    write_grid("ami.xml", "ami");
    nc.reference = "AMI essai";
    auto ami = Session::create(dir.file("ami.cot"), dir.file("scoring-grids/ami.xml"), nc, "test");
    EXPECT_EQ(ami->procedure().nature, "appel à manifestation d'intérêt");
    EXPECT_FALSE(ami->procedure().committee);
    auto ami_steps = ami->calendar(Date{2023, 5, 1});
    ASSERT_EQ(ami_steps.size(), 2u);
    EXPECT_EQ(*ami_steps[1].due, (Date{2023, 5, 28}));   // 28/04 + 1 month
    std::ofstream(dir.file("d.csv")) << "reference;organisme;siret;finess;commune;places;budget_annuel;date_depot\n"
                                        "M1;Org;;;13203;1;1;30/04/2023\n";
    ami->import_dossiers_file(dir.file("d.csv"), "test");
    EXPECT_THROW(ami->reject_prior(ami->dossiers()[0].id, RejectionGround::Late, "Hors délai", "test"), InputError);
    Meeting m;
    m.president = "X";
    EXPECT_THROW(ami->put_meeting(m, "test"), InputError);   // no committee in this procedure

    // A grid naming a procedure that does not exist: the message names it.
    write_grid("inconnue.xml", "appel-inconnu");
    nc.reference = "X";
    try {
        Session::create(dir.file("x.cot"), dir.file("scoring-grids/inconnue.xml"), nc, "test");
        ADD_FAILURE() << "procédure inconnue acceptée";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("Procédure « appel-inconnu » introuvable"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(dir.file("x.cot")));   // nothing written
}

// The grid editor writes the grid back: its procedure and authority survive.
TEST(Authority, GridWriterKeepsProcedureAndAuthority) {
    Grid g = io::read_grid_file(grid("uphv-17-2019.xml"));
    Grid again = io::read_grid(io::write_grid_xml(g), "réécrite.xml", io::forms_beside(grid("uphv-17-2019.xml")));
    EXPECT_EQ(again.procedure.procedure_id, "appel-a-candidatures");
    EXPECT_EQ(again.procedure.committee_name, g.procedure.committee_name);
    ASSERT_EQ(again.procedure.steps.size(), 1u);
    EXPECT_EQ(again.procedure.steps[0].id, "ouverture");
    EXPECT_EQ(again.procedure.after, (std::vector<std::string>{"notification"}));
    EXPECT_EQ(again.procedure.steps[0].due, g.procedure.steps[0].due);
    ASSERT_TRUE(again.default_authority);
    EXPECT_EQ(*again.default_authority, *g.default_authority);
}

// None of the three shipped calls is a CASF appel à projets: no rule, document
// or parameter of their grids may rest on an article R. 313-x (the CASF's
// procedure of L. 313-1-1), as the ACT HLM deadline once did (R. 313-4-1).
TEST(Authority, ShippedAppelsACandidaturesCiteNoCasfProcedureArticle) {
    for (const char* name : {"act-hlm-paca-2023.xml", "crt-2022.xml", "uphv-17-2019.xml"}) {
        Grid g = io::read_grid_file(test::source_dir() + "/scoring-grids/" + name);
        ASSERT_EQ(g.procedure.procedure_id, "appel-a-candidatures") << name;
        auto check = [&](const std::string& what, const std::string& source) {
            EXPECT_EQ(source.find("R. 313"), std::string::npos) << name << ", " << what << " : " << source;
        };
        for (const auto& r : g.rules) check("règle " + r.id, r.source);
        for (const auto& d : g.documents) check("pièce " + d.id, d.source);
        for (const auto& p : g.parameters) check("paramètre " + p.def.id, p.def.source);
    }
}

// `cotation autorite` reads every option before writing: one bad option
// leaves the authority as it was (no name changed with a refused title), and
// the type is read by the enum table, with the message listing its codes.
TEST(Authority, CliOptionsAreWrittenAllOrNothing) {
    test::TempDir dir;
    std::string f = dir.file("uphv.cot");
    ASSERT_EQ(test::cli("new " + f + " --grid " + test::source_dir() + "/scoring-grids/uphv-17-2019.xml").code, 0);
    const std::string before = Session::open_read_only(f)->authority().name;
    auto r = test::cli("autorite " + f + " --nom 'Département de la Charente-Maritime' --qualite ' '");
    EXPECT_NE(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("la qualité du signataire est obligatoire"), std::string::npos) << r.out;
    EXPECT_EQ(Session::open_read_only(f)->authority().name, before);
    r = test::cli("autorite " + f + " --nom 'Département de la Charente-Maritime' --type prefecture");
    EXPECT_NE(r.out.find("Autorité, type : « prefecture » n'est pas une valeur admise (ars, departement ou autre)."),
              std::string::npos)
        << r.out;
    EXPECT_EQ(Session::open_read_only(f)->authority().name, before);
    r = test::cli("autorite " + f + " --nom 'Département de la Charente-Maritime' --type departement");
    ASSERT_EQ(r.code, 0) << r.out;
    auto s = Session::open_read_only(f);
    EXPECT_EQ(s->authority().name, "Département de la Charente-Maritime");
    EXPECT_EQ(s->authority().kind, AuthorityKind::Departement);
}

// Trial 13f F5: U+202E (and other invisible format characters) went through
// `new --titre/--autorite/--reference` and the text of a parameter, into the
// letters' recourse paragraph. The rule every other typed text follows, the field named.
TEST(Authority, InvisibleCharactersRefusedAtCreationAndInParameters) {
    test::TempDir dir;
    const std::string rlo = "\u202e", shy = "\u00ad", tag = "\U000E0041";
    auto created = [&](NewCampaign nc) {
        return test::message_of([&] { Session::create(dir.file("n.cot"), grid("uphv-17-2019.xml"), nc, "Coord"); });
    };
    NewCampaign nc;
    nc.reference = "AAC n°1/2019";
    nc.title = "AAC " + rlo + "9102 VHPU";
    std::string m = created(nc);
    EXPECT_NE(m.find("L'intitulé de l'appel contient un caractère de contrôle ou invisible (U+202E"), std::string::npos) << m;
    nc.title = "AAC" + tag;
    EXPECT_NE(created(nc).find("L'intitulé de l'appel contient"), std::string::npos);
    nc.title = "";
    nc.reference = "AAC " + shy + "1";
    m = created(nc);
    EXPECT_NE(m.find("La référence de la campagne contient un caractère de contrôle ou invisible (U+00AD"), std::string::npos)
        << m;
    nc.reference = "AAC n°1/2019";
    nc.authority = "ARS " + rlo + "ASIRO";
    EXPECT_NE(created(nc).find("Autorité : le nom contient"), std::string::npos);
    nc.authority = "";
    nc.parameters["campagne.tribunal"] = "tribunal " + rlo + "sreitioP";
    EXPECT_NE(created(nc).find("Le paramètre « campagne.tribunal » contient"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(dir.file("n.cot")));   // nothing created
    // On a campaign: the parameter's text is refused, the tribunal unchanged.
    auto s = uphv_campaign(dir);
    const std::string before = s->authority().tribunal;
    m = test::message_of([&] { test::set_parameter(*s, "campagne.tribunal", "tribunal " + rlo + "sreitioP", "Coord"); });
    EXPECT_NE(m.find("Le paramètre « campagne.tribunal » contient un caractère de contrôle ou invisible (U+202E"),
              std::string::npos)
        << m;
    EXPECT_EQ(Session::open(dir.file("uphv.cot"))->authority().tribunal, before);
    // The same core rules, read directly: the authority's fields and a list parameter's items.
    Authority a;
    a.address = {"1 rue " + rlo + "x"};
    EXPECT_NE(authority_refusal(a).find("Autorité : la ligne d'adresse"), std::string::npos);
    EXPECT_NE(parameter_text_refusal("campagne.liste", std::vector<std::string>{"ok", "b" + rlo}).find("campagne.liste"),
              std::string::npos);
    EXPECT_EQ(parameter_text_refusal("campagne.tribunal", std::string("tribunal administratif de Poitiers")), "");
    // Each one the trial typed in --titre, named by its code point.
    for (const char* c : {"\u2068", "\u061c", "\U000E0041", "\u00ad", "\u2060", "\ufeff", "\u202e", "\u200b"}) {
        const std::string why = campaign_texts_refusal("AAC", std::string("AAC ") + c + "2019");
        EXPECT_NE(why.find("L'intitulé de l'appel contient un caractère de contrôle ou invisible (U+"), std::string::npos) << why;
    }
    EXPECT_EQ(campaign_texts_refusal("AAC n°1/2019", "Appel à candidatures « UPHV »\nsecond alinéa"), "");
}
