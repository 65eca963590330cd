// The store's conformance suite, run against every back end: the SQLite file
// (always) and a PostgreSQL server when COTATION_TEST_PG_URI names one (ctest
// starts a throw-away cluster for it: tests/CMakeLists.txt, scripts/pg-cluster.sh).
// Whatever the back end, the same mutations give the same snapshot, the same
// journal and the same refusals.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fcntl.h>
#include <sys/wait.h>

#include <chrono>
#include <csignal>

#include <cstdlib>
#include <filesystem>
#include <cctype>
#include <fstream>
#include <functional>
#include <unistd.h>
#include <sstream>
#include <thread>

#include "app/demo.h"
#include "app/session.h"
#include "core/enums.h"
#include "core/error.h"
#include "io/reference_data.h"
#include "io/territory_rules.h"
#include "store/campaign_store.h"
#include "store/journal.h"
#include "store/ledger.h"
#include "store/sqlite_ledger.h"
#include "store_history.h"
#include "test_support.h"
#ifdef COTATION_POSTGRESQL
#include <libpq-fe.h>

#include "app/share.h"
#include "io/grid_reader.h"
#include "store/campaign_copy.h"
#include "store/pg_conn.h"
#include "store/pg_ledger.h"
#include "store/pg_store.h"
#endif

using namespace cotation;

namespace {

enum class Backend { Sqlite, Postgres };

Campaign sample_campaign(const std::string& reference) {
    Campaign c;
    c.reference = reference;
    c.title = "Appel à candidatures « habitat inclusif » 2025";
    c.authority.kind = AuthorityKind::Departement;
    c.authority.name = "Département de la Charente-Maritime";
    c.authority.address = {"85 boulevard de la République", "17076 La Rochelle Cedex 9"};
    c.authority.signatory_title = "La Présidente du Conseil départemental";
    c.authority.city = "La Rochelle";
    c.authority.tribunal = "tribunal administratif de Poitiers";
    c.parameters["campagne.places"] = Rational(73);
    c.parameters["campagne.date_limite"] = Date{2025, 4, 28};
    return c;
}

PinnedGrid sample_grid() { return test::pinned_test_grid(); }

Dossier dossier(const std::string& reference, const std::string& organisme, int places) {
    Dossier d;
    d.reference = reference;
    d.organisme = organisme;
    // Values the import accepts (a valid SIRET key, Saintes' INSEE code): a copy
    // runs the import's checks on what it copies (issue 15 G5).
    d.siret = "73282932000074";
    d.commune = "17415";
    d.facts["places"] = Rational(places);
    d.facts["date_depot"] = Date{2025, 4, 2};
    d.documents = {"budget", "projet"};
    return d;
}

// One campaign on one back end, with a raw SQL door beside the store, as
// anyone holding the file or a database role could use it.
class Harness {
public:
    Harness(Backend b, const std::string& name) : backend_(b) {
        static int counter = 0;
        if (b == Backend::Sqlite) {
            path_ = dir_.file(name + ".cot");
        } else {
            // A schema per test, removed at the end: tests stay independent
            // on one cluster.
            reference_ = "essai_" + name + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
            path_ = test::pg_server() + "?campagne=" + reference_;
        }
    }
    ~Harness() {
#ifdef COTATION_POSTGRESQL
        if (backend_ == Backend::Postgres) raw("DROP SCHEMA IF EXISTS \"" + reference_ + "\" CASCADE", false);
#endif
    }
    std::unique_ptr<CampaignStore> create(const Campaign& c, const PinnedGrid& grid = sample_grid(),
                                          const CreationRest& rest = {}) {
#ifdef COTATION_POSTGRESQL
        if (backend_ == Backend::Postgres) return create_pg_store(path_, c, grid, "Claire Coordinatrice", rest);
#endif
        return create_sqlite_store(path_, c, grid, "Claire Coordinatrice", rest);
    }
    std::unique_ptr<CampaignStore> open() {
#ifdef COTATION_POSTGRESQL
        if (backend_ == Backend::Postgres) return open_pg_store(path_);
#endif
        return open_sqlite_store(path_);
    }
    const std::string& path() const { return path_; }   // the file, or the server's address
    // Runs SQL outside the store; returns the database's refusal, empty if it ran.
    std::string raw(const std::string& statement, bool in_campaign = true) {
        if (backend_ == Backend::Sqlite) {
            sqlite3* db = nullptr;
            sqlite3_open(path_.c_str(), &db);
            char* err = nullptr;
            int rc = sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &err);
            std::string msg = rc == SQLITE_OK ? "" : err ? err : "erreur";
            sqlite3_free(err);
            sqlite3_close(db);
            return msg;
        }
#ifdef COTATION_POSTGRESQL
        PGconn* c = PQconnectdb(test::pg_server().c_str());
        std::string sql = std::string("SET client_min_messages TO warning; ") +
                          (in_campaign ? "SET search_path TO \"" + reference_ + "\"; " : "") + statement;
        PGresult* r = PQexec(c, sql.c_str());
        auto st = PQresultStatus(r);
        std::string msg = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? "" : PQresultErrorMessage(r);
        if (PQstatus(c) != CONNECTION_OK) msg = PQerrorMessage(c);
        PQclear(r);
        PQfinish(c);
        return msg;
#else
        (void)in_campaign;
        return "PostgreSQL absent de cette construction";
#endif
    }
    // The first column of the first row of a query (PostgreSQL only).
    std::string value(const std::string& query) {
#ifdef COTATION_POSTGRESQL
        PGconn* c = PQconnectdb(test::pg_server().c_str());
        PGresult* r = PQexec(c, ("SET search_path TO \"" + reference_ + "\"; " + query).c_str());
        std::string v = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) ? PQgetvalue(r, 0, 0) : PQresultErrorMessage(r);
        PQclear(r);
        PQfinish(c);
        return v;
#else
        return query;
#endif
    }
    const std::string& address() const { return path_; }

private:
    Backend backend_;
    test::TempDir dir_;
    std::string path_, reference_;
};

// Everything a snapshot holds, as text: two snapshots are equal when their
// texts are (the core's types carry no operator==).
std::string describe(const CampaignSnapshot& s) {
    std::ostringstream o;
    const Campaign& c = s.campaign;
    const Authority& a = c.authority;
    o << "campagne " << c.reference << " | " << c.title << " | créée " << (c.created_on.empty() ? "?" : "oui") << "\n"
      << "autorité " << authority_kind_code(a.kind) << " | " << a.name << " | " << a.signatory << " | " << a.signatory_title
      << " | " << a.city << " | " << a.tribunal << " | " << a.tribunal_address << " | " << a.logo << "\n";
    for (const auto& l : a.address) o << "adresse " << l << "\n";
    for (const auto& [k, v] : c.parameters) o << "paramètre " << k << " = " << to_canonical(v) << "\n";
    o << "grille " << s.grid_name << " " << s.grid_xml << " | formulaire " << s.form_name << " " << s.form_xml
      << " | procédure " << s.procedure_name << " " << s.procedure_xml << "\n";
    for (const auto& d : s.dossiers) {
        o << "dossier " << d.id << " " << d.reference << " | " << d.organisme << " | " << d.siret << " | " << d.finess
          << " | " << d.commune << "\n";
        for (const auto& [k, v] : d.facts) o << "  fait " << k << " = " << to_canonical(v) << "\n";
        for (const auto& x : d.documents) o << "  pièce " << x << "\n";
    }
    for (const auto& r : s.ratings)
        o << "note " << r.dossier_id << " " << r.reviewer << " " << r.criterion << " " << r.value << " " << r.justification << "\n";
    std::map<std::int64_t, std::map<std::string, ConsolidationDecision>> cons(s.consolidation.begin(), s.consolidation.end());
    for (const auto& [id, m] : cons)
        for (const auto& [k, d] : m)
            o << "consolidation " << id << " " << k << " " << d.value.canonical() << " " << d.reason << " " << d.author << "\n";
    std::map<std::int64_t, Decision> dec(s.decisions.begin(), s.decisions.end());
    for (const auto& [id, d] : dec)
        o << "décision " << id << " " << decision_label(d.kind) << " " << d.motive << " " << d.date.iso() << " "
          << (d.places ? d.places->canonical() : "-") << " " << (d.committee_opinion ? decision_label(*d.committee_opinion) : "-")
          << " " << d.departure_reason << " " << d.author << "\n";
    for (const auto& [n, p] : s.team.people)
        o << "personne " << n << " " << role_label(p.role) << " " << p.organisation << " " << p.deliberative << "\n";
    for (const auto& [id, rs] : s.team.assignments)
        for (const auto& r : rs) o << "affectation " << id << " " << r << "\n";
    for (const auto& x : s.team.conflicts)
        o << "conflit " << x.reviewer << " " << x.organisme << " " << x.declaration << " " << x.declared_by << " "
          << x.declared_on.iso() << "\n";
    for (const auto& [id, rs] : s.team.submitted)
        for (const auto& r : rs) o << "soumission " << id << " " << r << "\n";
    std::map<std::int64_t, PriorRejection> prior(s.prior_rejections.begin(), s.prior_rejections.end());
    for (const auto& [id, p] : prior)
        o << "refus " << id << " " << ground_code(p.ground) << " " << p.motive << " " << p.date.iso() << " " << p.author << "\n";
    for (const auto& [k, d] : s.steps_done) o << "étape " << k << " " << d.iso() << "\n";
    if (s.meeting) {
        const Meeting& m = *s.meeting;
        o << "séance " << m.date.iso() << " " << (m.president_civility ? enum_code(*m.president_civility) : "") << " " << m.president << "\n";
        for (const auto& [n, x] : m.attendance) o << "  présence " << n << " " << static_cast<int>(x.presence) << " " << x.proxy << "\n";
        for (const auto& [n, v] : m.votes) o << "  vote " << n << " " << vote_label(v) << "\n";
        for (const auto& [n, t] : m.observations) o << "  observation " << n << " " << t << "\n";
        for (const auto& e : m.voted)
            o << "  voté " << e.reference << " " << e.rank << " " << e.total << " "
              << (e.opinion ? decision_label(*e.opinion) : "-") << "\n";
    }
    std::map<std::int64_t, std::vector<MemberOpinion>> ops(s.opinions.begin(), s.opinions.end());
    for (const auto& [id, v] : ops)
        for (const auto& x : v) o << "avis " << id << " " << x.member << " " << opinion_label(x.opinion) << " " << x.comment << "\n";
    return o.str();
}

// The journal without what depends on the moment (time, hence hashes).
std::string describe(const std::vector<JournalEntry>& journal) {
    std::ostringstream o;
    for (const auto& e : journal)
        o << e.seq << " " << e.actor << " " << e.action << " " << e.entity << " [" << e.old_value << "] → [" << e.new_value << "]\n";
    return o.str();
}

// The whole life of a campaign, every mutation of the interface once or more.
void play_campaign(CampaignStore& s) {
    const std::string coord = "Claire Coordinatrice";
    // Loaded first, as the session does on opening: SqliteStore journals an
    // empty old value for set_parameter until load() has filled its cache
    // of parameters (store's to fix; PgStore reads the table).
    s.load();
    auto ids = s.add_dossiers({dossier("HI-2025-01", "Association Les Tilleuls", 12),
                               dossier("HI-2025-02", "Habitat et Humanisme", 8),
                               dossier("HI-2025-03", "Maison Relais Aunis", 20)},
                              coord);
    s.put_person({"Claire Coordinatrice", Role::Coordinator, "Département", true}, coord);
    s.put_person({"Ali Instructeur", Role::Instructor, "Département", true}, coord);
    s.put_person({"Béa Instructrice", Role::Instructor, "ARS", true}, coord);
    s.put_person({"Marc Membre", Role::CommitteeMember, "UDAF", false}, coord);
    s.assign(ids[0], "Ali Instructeur", true, coord);
    s.assign(ids[0], "Béa Instructrice", true, coord);
    s.assign(ids[1], "Ali Instructeur", true, coord);
    s.assign(ids[1], "Béa Instructrice", true, coord);
    s.assign(ids[2], "Béa Instructrice", true, coord);
    s.declare_conflict({"Béa Instructrice", "Habitat et Humanisme", "administratrice de l'association", coord, Date{2025, 5, 2}},
                       coord);
    s.put_ratings({{ids[0], "Ali Instructeur", "projet", 14, "projet solide"},
                   {ids[0], "Ali Instructeur", "budget", 12, ""},
                   {ids[0], "Béa Instructrice", "projet", 10, "peu d'appui"},
                   {ids[1], "Ali Instructeur", "projet", 16, "très bon"}},
                  "Ali Instructeur");
    s.put_ratings({{ids[0], "Ali Instructeur", "projet", 15, "projet solide, partenariats signés"},
                   {ids[0], "Ali Instructeur", "budget", 12, ""}},
                  "Ali Instructeur");
    s.submit(ids[0], "Ali Instructeur", "Ali Instructeur");
    s.put_consolidation(ids[0], {"projet", Rational(25, 2), "écart de 5 points arbitré", coord}, coord);
    s.put_consolidation(ids[0], {"projet", Rational(13), "après relecture", coord}, coord);
    s.put_prior_rejection(ids[2], PriorRejection{RejectionGround::Late, "déposé le 30 avril", Date{2025, 5, 3}, coord}, coord);
    s.record_step("avis_commission", Date{2025, 6, 12}, coord);
    Meeting m;
    m.date = Date{2025, 6, 12};
    m.president = "Claire Coordinatrice";
    m.president_civility = Civility::Madame;   // the file's schema 15, the server's 16 (trial 1011B F8)
    m.attendance["Marc Membre"] = {Presence::Represented, "Claire Coordinatrice"};
    m.attendance["Claire Coordinatrice"] = {Presence::Present, ""};
    m.votes["Claire Coordinatrice"] = Vote::For;
    m.observations = {{"Marc Membre", "priorité au dossier HI-2025-02"}, {"Claire Coordinatrice", "accord"}};
    m.voted = {{"HI-2025-02", 1, "16", DecisionKind::Retained}, {"HI-2025-01", 2, "27/2", std::nullopt},
               {"HI-2025-03", 0, "", std::nullopt}};
    // The file's schema 16, the server's 17 (trial 1011C F2): the rules as voted, one a line.
    m.voted_rules = {"Capacité : 73 places — règle de l'appel (Annexe 1, titre)", "Au plus 20 places par zone (département)"};
    s.put_meeting(m, coord);
    s.put_opinion(ids[1], {"Marc Membre", Opinion::Reserved, "à revoir"}, coord);
    s.put_opinion(ids[1], {"Marc Membre", Opinion::Favourable, "levée de réserve"}, coord);
    Decision d;
    d.kind = DecisionKind::Retained;
    d.motive = "meilleur projet";
    d.date = Date{2025, 7, 1};
    d.places = Rational(8);
    d.committee_opinion = DecisionKind::Retained;
    d.author = coord;
    s.put_decision(ids[1], d, coord);
    s.set_parameter("campagne.places", "80", coord);
    s.set_parameter("campagne.date_limite", "", coord);
    Authority a = sample_campaign("x").authority;
    a.city = "Saintes";
    a.signatory = "Sylvie Marcilly";
    s.set_authority(a, coord);
    Dossier before = s.load().dossiers[0];
    Dossier after = before;
    after.commune = "Rochefort";
    after.facts["places"] = Rational(14);
    after.documents.erase("budget");
    after.documents.insert("statuts");
    s.update_dossier(before, after, coord);
    PinnedGrid g2 = sample_grid();
    g2.version = "2";
    g2.xml = "<grille id=\"essai\" version=\"2\"/>";
    s.change_grid(g2, {{"campagne.bonus", "1"}}, "critère ajouté par l'arrêté", coord);
}

class StoreConformance : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        if (GetParam() == Backend::Postgres) {
#ifndef COTATION_POSTGRESQL
            GTEST_SKIP() << "construction sans PostgreSQL (COTATION_POSTGRESQL=OFF)";
#endif
            if (test::pg_server().empty())
                GTEST_SKIP() << "COTATION_TEST_PG_URI non défini : la suite PostgreSQL tourne par « ctest -R "
                                "store.postgresql » (scripts/pg-cluster.sh démarre un serveur jetable)";
        }
        h_ = std::make_unique<Harness>(GetParam(), sanitized_name());
    }
    static std::string sanitized_name() {
        std::string n = ::testing::UnitTest::GetInstance()->current_test_info()->name();
        std::string out;
        for (char c : n) out += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
        return out.substr(0, 24);
    }
    std::unique_ptr<Harness> h_;
};

TEST_P(StoreConformance, CreatesAndReopensTheSameCampaign) {
    {
        auto s = h_->create(sample_campaign("HI 2025"));
        auto snap = s->load();
        EXPECT_EQ(snap.campaign.reference, "HI 2025");
        EXPECT_EQ(snap.campaign.authority.address.size(), 2u);
        EXPECT_EQ(snap.campaign.authority.kind, AuthorityKind::Departement);
        EXPECT_EQ(to_canonical(snap.campaign.parameters.at("campagne.places")), "73");
        EXPECT_EQ(snap.procedure_name, "appel-a-candidatures.xml");
        EXPECT_EQ(snap.campaign.created_on.size(), 10u);
        // Creation, then the authority's 6 fields given (type, nom, adresse,
        // qualite, ville, tribunal), then the 2 parameters: 9 entries.
        auto j = s->journal();
        ASSERT_EQ(j.size(), 9u);
        EXPECT_EQ(j[0].action, "campagne.creation");
        EXPECT_EQ(j[0].new_value, "HI 2025 — grille essai version 1 — procédure appel-a-candidatures.xml");
        EXPECT_EQ(j[0].prev_hash, kJournalGenesis);
        EXPECT_TRUE(s->verify_journal().ok);
    }
    auto again = h_->open();
    EXPECT_EQ(again->load().campaign.title, "Appel à candidatures « habitat inclusif » 2025");
    EXPECT_EQ(again->journal("campagne/autorite/").size(), 6u);
}

TEST_P(StoreConformance, DuplicateDossierIsRefusedAndNothingIsStored) {
    auto s = h_->create(sample_campaign("HI 2025"));
    s->add_dossiers({dossier("HI-01", "A", 5), dossier("HI-02", "B", 6)}, "Claire");
    std::size_t entries = s->journal().size();
    try {
        s->add_dossiers({dossier("HI-03", "C", 7), dossier("HI-01", "A bis", 5)}, "Claire");
        FAIL() << "doublon accepté";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("« HI-01 » existe déjà"), std::string::npos) << e.what();
    }
    auto snap = s->load();
    ASSERT_EQ(snap.dossiers.size(), 2u);   // HI-03, added before the duplicate, rolled back with it
    EXPECT_EQ(snap.dossiers[1].reference, "HI-02");
    EXPECT_EQ(s->journal().size(), entries);
    // Ids as SQLite gives them (the next after the greatest), the refused batch leaving no gap.
    EXPECT_EQ(s->add_dossiers({dossier("HI-04", "D", 7)}, "Claire").at(0), 3);
    // The database refuses a duplicate reference itself.
    EXPECT_NE(h_->raw("INSERT INTO dossier(reference, organisme) VALUES ('HI-02', 'X')"), "");
}

TEST_P(StoreConformance, RatingsReplaceAndOnlyChangesAreJournaled) {
    auto s = h_->create(sample_campaign("HI 2025"));
    auto ids = s->add_dossiers({dossier("HI-01", "A", 5)}, "Claire");
    s->put_ratings({{ids[0], "Ali", "projet", 12, "correct"}}, "Ali");
    std::size_t entries = s->journal().size();
    s->put_ratings({{ids[0], "Ali", "projet", 12, "correct"}}, "Ali");   // unchanged: no entry
    EXPECT_EQ(s->journal().size(), entries);
    s->put_ratings({{ids[0], "Ali", "projet", 15, "revu"}}, "Ali");
    auto j = s->journal("dossier/HI-01/note/");
    ASSERT_EQ(j.size(), 2u);
    EXPECT_EQ(j[1].old_value, "12 — correct");
    EXPECT_EQ(j[1].new_value, "15 — revu");
    // A batch naming an unknown dossier stores none of its ratings.
    EXPECT_THROW(s->put_ratings({{ids[0], "Ali", "budget", 9, ""}, {999, "Ali", "projet", 3, ""}}, "Ali"), InputError);
    auto snap = s->load();
    ASSERT_EQ(snap.ratings.size(), 1u);
    EXPECT_EQ(snap.ratings[0].value, 15);
    // Out of the scale, refused by the database itself.
    EXPECT_NE(h_->raw("UPDATE rating SET value = 21"), "");
}

TEST_P(StoreConformance, TeamConflictEndsAssignment) {
    auto s = h_->create(sample_campaign("HI 2025"));
    auto ids = s->add_dossiers({dossier("HI-01", "Les Tilleuls", 5), dossier("HI-02", "Aunis", 6)}, "Claire");
    s->put_person({"Ali", Role::Instructor, "ARS", true}, "Claire");
    s->put_person({"Marc", Role::CommitteeMember, "UDAF", false}, "Claire");
    s->assign(ids[0], "Ali", true, "Claire");
    s->assign(ids[1], "Ali", true, "Claire");
    s->declare_conflict({"Ali", "Les Tilleuls", "ancien salarié", "Ali", Date{2025, 5, 2}}, "Ali");
    s->submit(ids[1], "Ali", "Ali");
    auto snap = s->load();
    EXPECT_FALSE(snap.team.people.at("Marc").deliberative);
    EXPECT_EQ(snap.team.assignments.count(ids[0]), 0u);   // the link ended it
    EXPECT_EQ(snap.team.assignments.at(ids[1]).count("Ali"), 1u);
    ASSERT_EQ(snap.team.conflicts.size(), 1u);
    EXPECT_EQ(snap.team.conflicts[0].declared_on.iso(), "2025-05-02");
    EXPECT_EQ(snap.team.submitted.at(ids[1]).count("Ali"), 1u);
    EXPECT_EQ(s->journal("personne/Marc")[0].new_value, "membre de commission (voix consultative) — UDAF");
}

TEST_P(StoreConformance, ClosedCampaignIsLockedByTheDatabaseUntilReopened) {
    auto s = h_->create(sample_campaign("HI 2025"));
    auto ids = s->add_dossiers({dossier("HI-01", "A", 5)}, "Claire");
    s->put_ratings({{ids[0], "Ali", "projet", 12, ""}}, "Ali");
    s->close("classement arrêté", "Claire");
    EXPECT_FALSE(s->closed_since().empty());
    EXPECT_THROW(s->close("encore", "Claire"), InputError);
    EXPECT_THROW(s->put_ratings({{ids[0], "Ali", "projet", 13, ""}}, "Ali"), InputError);
    EXPECT_THROW(s->add_dossiers({dossier("HI-02", "B", 5)}, "Claire"), InputError);
    EXPECT_THROW(s->set_parameter("campagne.places", "1", "Claire"), InputError);
    // Around the application: the database refuses too.
    EXPECT_NE(h_->raw("UPDATE rating SET value = 20"), "");
    EXPECT_NE(h_->raw("INSERT INTO dossier(reference, organisme) VALUES ('HI-09', 'X')"), "");
    EXPECT_NE(h_->raw("INSERT INTO consolidation(dossier_id, criterion, value, author, decided_at) "
                      "VALUES (1, 'projet', '12', 'x', '2025-01-01T00:00:00Z')"),
              "");
    EXPECT_NE(h_->raw("INSERT INTO decision(dossier_id, kind, motive, decided_on, author, recorded_at) "
                      "VALUES (1, 'retenu', 'x', '2025-01-01', 'x', '2025-01-01T00:00:00Z')"),
              "");
    // The procedure's text may still be pinned (a campaign made before procedures were data).
    s->pin_procedure("appel-a-candidatures.xml", "<procedure v='2'/>", "ouverture", "Claire");
    EXPECT_EQ(s->load().ratings.at(0).value, 12);
    s->reopen("erreur de saisie signalée", "Claire");
    EXPECT_TRUE(s->closed_since().empty());
    EXPECT_EQ(h_->raw("UPDATE rating SET justification = 'corrigé'"), "");
    auto j = s->journal("campagne/etat");
    ASSERT_EQ(j.size(), 2u);
    EXPECT_EQ(j[0].new_value, "close — classement arrêté");
    EXPECT_EQ(j[1].new_value, "rouverte — erreur de saisie signalée");
    // The raw UPDATE above came from another connection: the SQLite store
    // refuses a change decided on its older reading (StaleCampaign) until it
    // reads the campaign again.
    s->load();
    EXPECT_THROW(s->reopen("deux fois", "Claire"), InputError);
}

// Schema 14 (file) / 15 (server): the call's territorial rules pinned in
// the campaign. Made by this version: pinned (empty text, the test grid has
// none). Made before (the columns absent, schema 13 / 14): NULL after the
// migration, pinned once by the session, even on a closed campaign, journaled;
// nothing else of a closed campaign's row may change.
TEST_P(StoreConformance, TerritoryRulesArePinnedAndAnOlderCampaignGetsThemOnce) {
    const bool pg = GetParam() == Backend::Postgres;
    {
        PinnedGrid g = sample_grid();
        g.territory_rules_name = "essai.territoire.txt";
        g.territory_rules = "zone = epci\nmax_par_zone = 1\nstatut max_par_zone = appel | Avis n°2 | §2\n";
        auto s = h_->create(sample_campaign("HI 2025"), g);
        const auto snap = s->load();
        ASSERT_TRUE(snap.territory_rules);
        EXPECT_EQ(*snap.territory_rules, g.territory_rules);
        EXPECT_EQ(snap.territory_rules_name, "essai.territoire.txt");
        // Each rule's status is pinned with the rules (trial 1011B F2): in their text, on both back ends.
        const auto r =
            io::read_territory_rules(*snap.territory_rules, "essai", io::ReferenceData::instance(), io::RulesSource::Pinned);
        EXPECT_TRUE(r.status_of("max_par_zone").call());
        EXPECT_EQ(r.status_of("max_par_zone").section, "§2");
    }
    // On the server, a campaign of schema 14 never had these columns: its
    // journal vouched for its row without them. Made again with them empty
    // (an empty cell leaves a row's digest as without the column), the
    // columns dropped below leave the row as the journal gives it; with
    // values dropped under the journal, the next write would rightly refuse
    // a row changed outside Cotation (trial 15e F2).
#ifdef COTATION_POSTGRESQL
    if (pg) {
        drop_pg_campaign(h_->path());
        h_->create(sample_campaign("HI 2025"), sample_grid());
    }
#endif
    // Back to the schema before, whose campaign row had no such columns.
    // A file is taken back to before its ledger too (test::before_ledger_sql): a
    // column dropped under a journal that vouched for it is a change made
    // outside Cotation, rightly named at the next write; a file older than the
    // ledger has every row vouched for by its migration.
    ASSERT_EQ(h_->raw(pg ? "ALTER TABLE campaign DROP COLUMN territory_rules; ALTER TABLE campaign DROP COLUMN "
                           "territory_rules_name; UPDATE schema_version SET version = 14"
                         : test::before_ledger_sql(h_->path()) + "PRAGMA user_version = 11"),   // drops the columns too
              "");
    auto s = h_->open();
    EXPECT_FALSE(s->load().territory_rules);   // not pinned: the session takes the shipped file
    s->close("classement arrêté", "Claire");
    s->pin_territory_rules("essai.territoire.txt", "zone = departement\nmax_par_zone = 2\n", "campagne antérieure", "migration");
    const auto snap = s->load();
    ASSERT_TRUE(snap.territory_rules);
    EXPECT_EQ(*snap.territory_rules, "zone = departement\nmax_par_zone = 2\n");
    // Pinned before statuses existed (no statut line): a proposal, never the call's rule.
    const auto old_rules =
        io::read_territory_rules(*snap.territory_rules, "essai", io::ReferenceData::instance(), io::RulesSource::Pinned);
    EXPECT_FALSE(old_rules.status_of("max_par_zone").call());
    EXPECT_NE(old_rules.status_of("max_par_zone").reason.find("tenue pour une proposition"), std::string::npos);
    const auto j = s->journal("campagne/regles_territoriales");
    ASSERT_EQ(j.size(), 1u);
    EXPECT_EQ(j[0].actor, "migration");
    EXPECT_EQ(j[0].new_value, "essai.territoire.txt — campagne antérieure");
    EXPECT_TRUE(s->verify_journal().ok);
    // Closed: the rest of the row is still locked by the database.
    EXPECT_NE(h_->raw("UPDATE campaign SET title = 'autre'"), "");
}

TEST_P(StoreConformance, JournalIsAppendOnlyAndVerifies) {
    auto s = h_->create(sample_campaign("HI 2025"));
    play_campaign(*s);
    auto check = s->verify_journal();
    EXPECT_TRUE(check.ok) << (check.problems.empty() ? "" : check.problems[0]);
    EXPECT_EQ(check.entries, static_cast<std::int64_t>(s->journal().size()));
    EXPECT_NE(h_->raw("UPDATE journal SET new_value = 'falsifié' WHERE seq = 3"), "");
    EXPECT_NE(h_->raw("DELETE FROM journal WHERE seq = 3"), "");
    auto j = s->journal();
    for (std::size_t i = 1; i < j.size(); ++i) ASSERT_EQ(j[i].prev_hash, j[i - 1].hash);
    EXPECT_EQ(journal_hash(j.back()), j.back().hash);
}

// The ledger (ledger.h), one row digest for both back ends: a change made
// around Cotation by whoever may write the database (the file's owner, the
// server's database owner in psql) is named with its table and row.
TEST_P(StoreConformance, JournalVerifyNamesRowsChangedOutsideCotation) {
    auto s = h_->create(sample_campaign("HI 2025"));
    play_campaign(*s);
    auto clean = s->verify_journal();
    ASSERT_TRUE(clean.ok) << (clean.problems.empty() ? "" : clean.problems[0]);
    EXPECT_GT(clean.rows, 20);   // the data were compared (3 dossiers, their ratings, people…)
    JournalHead head = s->journal_head();
    EXPECT_TRUE(s->verify_journal(head).ok);
    // play_campaign: Ali (reviewer 1) rated HI-2025-02 (id 2) « projet » 16;
    // HI-2025-01 (id 1) has no decision; HI-2025-03 is id 3.
    ASSERT_EQ(h_->raw("UPDATE rating SET value = 9 WHERE dossier_id = 2"), "");
    ASSERT_EQ(h_->raw("DELETE FROM prior_rejection WHERE dossier_id = 3; DELETE FROM assignment WHERE dossier_id = 3; "
                      "DELETE FROM dossier WHERE id = 3"),
              "");
    ASSERT_EQ(h_->raw("INSERT INTO decision(dossier_id, kind, motive, decided_on, author, recorded_at) "
                      "VALUES (1, 'retenu', 'ajout', '2025-07-01', 'x', '2025-07-01T00:00:00Z')"),
              "");
    auto check = s->verify_journal(head);   // the chain still extends the head: the data do not
    EXPECT_FALSE(check.ok);
    auto named = [&](const std::string& start, const std::string& what) {
        for (const auto& p : check.problems)
            if (p.rfind(start, 0) == 0 && p.find(what) != std::string::npos) return true;
        return false;
    };
    EXPECT_TRUE(named("table rating, ligne dossier_id=2 (« HI-2025-02 »), reviewer_id=1, criterion='projet'",
                      "diffère de ce que le journal a enregistré"));
    EXPECT_TRUE(named("table dossier, ligne id=3", "absente des données"));
    EXPECT_TRUE(named("table decision, ligne dossier_id=1 (« HI-2025-01 »)", "absente du journal"));
    for (const auto& p : check.problems) EXPECT_NE(p.rfind("entrée", 0), 0u) << p;   // the chain holds
}

TEST_P(StoreConformance, WholeCampaignRoundTrips) {
    std::string before;
    {
        auto s = h_->create(sample_campaign("HI 2025"));
        play_campaign(*s);
        before = describe(s->load());
        EXPECT_EQ(s->grid_versions().size(), 1u);
    }
    auto s = h_->open();
    auto snap = s->load();
    // What was stored is what the store said it held. The parameter removed
    // is left out: SqliteStore::load keeps it with an empty value until the
    // file is opened again (its cache of raw parameters; store's to fix).
    auto strip = [](std::string text) {
        auto at = text.find("paramètre campagne.date_limite = \n");
        if (at != std::string::npos) text.erase(at, std::string("paramètre campagne.date_limite = \n").size());
        return text;
    };
    EXPECT_EQ(describe(snap), strip(before));
    // Hand-checked against play_campaign: the last consolidation, the
    // replaced rating, the lifted reserve, the parameter removed.
    EXPECT_EQ(snap.consolidation.at(snap.dossiers[0].id).at("projet").value.canonical(), "13");
    EXPECT_EQ(snap.ratings.size(), 4u);
    EXPECT_EQ(snap.opinions.at(snap.dossiers[1].id).at(0).comment, "levée de réserve");
    EXPECT_EQ(snap.campaign.parameters.count("campagne.date_limite"), 0u);
    EXPECT_EQ(to_canonical(snap.campaign.parameters.at("campagne.bonus")), "1");
    EXPECT_EQ(snap.campaign.authority.city, "Saintes");
    EXPECT_EQ(snap.dossiers[0].commune, "Rochefort");
    EXPECT_EQ(snap.team.assignments.at(snap.dossiers[1].id).count("Béa Instructrice"), 0u);
    ASSERT_TRUE(snap.meeting);
    EXPECT_EQ(snap.meeting->voted.size(), 3u);
    EXPECT_EQ(snap.meeting->president_civility, Civility::Madame);
    EXPECT_EQ(snap.meeting->voted_rules, (std::vector<std::string>{"Capacité : 73 places — règle de l'appel (Annexe 1, titre)",
                                                                    "Au plus 20 places par zone (département)"}));
    EXPECT_EQ(snap.meeting->observations.at(0).second, "priorité au dossier HI-2025-02");
}

// The territory tables (schema 10) on both back ends: stored whole, read
// back as written, journaled, locked by the database once closed.
TEST_P(StoreConformance, TerritoryIsStoredJournaledAndLockedWhenClosed) {
    Offer offer;
    offer.origin = "offre-17.csv";
    offer.structures.push_back({"170000011", "EHPAD Les Tilleuls", "500", "EHPAD", "17300", "public", "CCAS", 80, 4, 6,
                                geo::LonLat{-0.9585, 45.9392}, "offre-17.csv, ligne 2"});
    offer.structures.push_back({"", "Accueil de jour Le Phare", "", "AJ", "17000", "", "", 0, 0, 12, std::nullopt,
                                "offre-17.csv, ligne 3"});
    std::vector<coverage::Area> zones{{"Z1", "Aunis", {"17300", "17000"}}, {"Z2", "Saintonge", {"17100"}}};
    // HI-2025-01 for part of its request (10 places), kept as « HI-2025-01=10 » and read back.
    allocation::Recorded choice{allocation::Followed::Variant, {"HI-2025-02", "HI-2025-01"}, {{"HI-2025-01", 10}},
                                "couverture de la Saintonge",
                                "2025-06-02T09:00:00Z", "Claire"};
    {
        auto s = h_->create(sample_campaign("HI 2025"));
        EXPECT_FALSE(s->load_territory().offer);
        s->put_offer(offer, "import FINESS", "Claire");
        s->put_zones(zones, "zones-17.csv", "zones DRAD", "Claire");
        s->put_allocation(choice, "Claire");
    }
    auto s = h_->open();
    TerritoryRecord t = s->load_territory();
    ASSERT_TRUE(t.offer);
    ASSERT_EQ(t.offer->structures.size(), 2u);
    EXPECT_EQ(t.offer->origin, "offre-17.csv");
    EXPECT_EQ(t.offer->structures[0].permanent, 80);
    ASSERT_TRUE(t.offer->structures[0].position);
    EXPECT_DOUBLE_EQ(t.offer->structures[0].position->lat, 45.9392);   // kept exactly (17 digits)
    EXPECT_FALSE(t.offer->structures[1].position);
    EXPECT_EQ(t.offer->capacity(), 102);   // 80 + 4 + 6 + 12, by hand
    ASSERT_TRUE(t.zones);
    EXPECT_EQ(t.zones->at(0).communes, (std::vector<std::string>{"17300", "17000"}));
    EXPECT_EQ(t.zones_origin, "zones-17.csv");
    ASSERT_TRUE(t.allocation);
    EXPECT_EQ(t.allocation->retained, (std::vector<std::string>{"HI-2025-02", "HI-2025-01"}));
    EXPECT_EQ(t.allocation->granted, (std::map<std::string, double>{{"HI-2025-01", 10}}));
    EXPECT_EQ(t.allocation->followed, allocation::Followed::Variant);
    // One entry for each replacement and one per structure or zone.
    EXPECT_EQ(s->journal("campagne/offre").size(), 3u);
    EXPECT_EQ(s->journal("campagne/zones").size(), 3u);
    auto rep = s->journal("campagne/repartition");
    ASSERT_EQ(rep.size(), 1u);
    EXPECT_EQ(rep[0].new_value, "variante : HI-2025-02 HI-2025-01=10 — motif : couverture de la Saintonge");
    EXPECT_TRUE(s->verify_journal().ok);
    s->close("fin", "Claire");
    EXPECT_THROW(s->put_allocation(std::nullopt, "Claire"), InputError);
    EXPECT_NE(h_->raw("DELETE FROM campaign_zone"), "");
    EXPECT_NE(h_->raw("INSERT INTO territory_origin(what, origin) VALUES ('offre', 'x') ON CONFLICT DO NOTHING"), "");
    s->reopen("erratum", "Claire");
    s->put_allocation(std::nullopt, "Claire");
    EXPECT_FALSE(s->load_territory().allocation);
}

// The territory's texts pass the store's one door for text (review 12D M6:
// they had a statement wrapper of their own that let any bytes through): a
// name that is not UTF-8 is refused and the offer already stored stays whole.
// One EHPAD of 80 + 4 + 6 places in Rochefort (17300), read from `origin`.
Offer one_structure_offer(const std::string& origin) {
    Offer offer;
    offer.origin = origin;
    offer.structures.push_back({"170000011", "EHPAD Les Tilleuls", "500", "EHPAD", "17300", "public", "CCAS", 80, 4, 6,
                                std::nullopt, origin + ", ligne 2"});
    return offer;
}

TEST_P(StoreConformance, ATerritoryTextThatIsNotUtf8IsRefusedAndNothingChanges) {
    const Offer offer = one_structure_offer("offre-17.csv");
    auto s = h_->create(sample_campaign("HI 2025"));
    s->put_offer(offer, "import FINESS", "Claire");
    Offer bad = offer;
    bad.structures[0].name = "EHPAD Sant\xE9";   // Windows-1252 « é » read as raw bytes
    EXPECT_THROW(s->put_offer(bad, "import FINESS", "Claire"), InputError);
    EXPECT_THROW(s->put_zones({{"Z1", "Aunis \xE9", {"17300"}}}, "zones-17.csv", "zones DRAD", "Claire"), InputError);
    TerritoryRecord t = s->load_territory();
    ASSERT_TRUE(t.offer);
    ASSERT_EQ(t.offer->structures.size(), 1u);
    EXPECT_EQ(t.offer->structures[0].name, "EHPAD Les Tilleuls");
    EXPECT_FALSE(t.zones);
    EXPECT_EQ(s->journal("campagne/offre").size(), 2u);   // the first import: its replacement and its one structure
    EXPECT_TRUE(s->verify_journal().ok);
}

// What a creation writes with the campaign (the offer shipped with the UPHV
// grid) is all or nothing with it (trial 13H: `new` killed between the two
// left a campaign of 19 entries of 29, without its offer).
TEST_P(StoreConformance, WhatACreationAddsIsAllOrNothingWithIt) {
    const Offer offer = one_structure_offer("offre livrée");
    const auto failing = [&](CampaignStore& store) {
        store.put_offer(offer, "offre livrée avec la grille", "Claire");
        throw InputError("interrompue");
    };
    EXPECT_THROW(h_->create(sample_campaign("HI 2025"), sample_grid(), failing), InputError);
    EXPECT_THROW(h_->open(), InputError);   // no campaign at all, not one without its offer
    auto s = h_->create(sample_campaign("HI 2025"), sample_grid(),
                        [&](CampaignStore& store) { store.put_offer(offer, "offre livrée avec la grille", "Claire"); });
    s.reset();
    s = h_->open();
    ASSERT_TRUE(s->load_territory().offer);
    EXPECT_EQ(s->journal("campagne/offre").size(), 2u);   // its replacement and its one structure
    EXPECT_TRUE(s->verify_journal().ok);
}

// A head kept outside the campaign (`journal verify --tete`), on both back ends.
TEST_P(StoreConformance, JournalExtendsAHeadKeptOutside) {
    auto s = h_->create(sample_campaign("HI 2025"));
    play_campaign(*s);
    JournalHead head = s->journal_head();
    // By the coordinator: `journal verify` names a parameter set by someone else (trial 13c F1).
    s->set_parameter("campagne.places", "81", "Claire Coordinatrice");
    EXPECT_TRUE(s->verify_journal(head).ok);
    EXPECT_TRUE(s->verify_journal(parse_journal_head(head.short_text())).ok);
    JournalHead forged = head;
    forged.hash = std::string(forged.hash.size(), forged.hash[0] == 'a' ? 'b' : 'a');
    EXPECT_FALSE(s->verify_journal(forged).ok);
}

// Two windows (or two workstations) on one campaign: inside the second
// one's write scope (which reloads the campaign when stale), its change of
// the cell the first one changed since its reading is refused with who
// changed what; its change of another cell passes; the same on a file and on
// a server (issue 15).
TEST_P(StoreConformance, SecondWriterOfTheSameCellIsRefusedWithWhatChanged) {
    auto ids = h_->create(sample_campaign("HI 2025"))
                   ->add_dossiers({dossier("HI-01", "Association Alpha", 10)}, "Claire");
    auto first = h_->open(), second = h_->open(), third = h_->open();
    first->load();
    second->load();
    third->load();
    auto write = [&](CampaignStore& s, const Rating& r, const std::string& who) {
        WriteScope w(s, [&] { s.load(); });
        s.put_ratings({r}, who);
    };
    write(*first, {ids[0], "Ali", "projet", 3, "correct"}, "Ali");
    write(*third, {ids[0], "Béa", "projet", 4, "solide"}, "Béa");   // another cell: passes
    std::string m;
    try {
        write(*second, {ids[0], "Ali", "projet", 1, "faible"}, "Béa");   // Ali's, decided on a reading without his 3
    } catch (const StaleCampaign& e) {
        m = e.what();
    }
    EXPECT_NE(m.find("rien n'a été enregistré"), std::string::npos) << m;
    EXPECT_NE(m.find("Ali : note de Ali au critère projet du dossier HI-01 : (aucune) → 3 — correct"), std::string::npos) << m;
    auto stored = h_->open()->load().ratings;
    ASSERT_EQ(stored.size(), 2u);
    for (const auto& r : stored) EXPECT_EQ(r.value, r.reviewer == "Ali" ? 3 : 4) << r.reviewer;
    // Once it read again, the change is its own decision: it passes.
    second->load();
    write(*second, {ids[0], "Ali", "projet", 1, "faible"}, "Béa");
    write(*first, {ids[0], "Ali", "budget", 2, "juste"}, "Ali");   // its own earlier change is no conflict
    EXPECT_TRUE(h_->open()->verify_journal().ok);
}

// Two windows on one file, as Sessions: the second one's change of a rating
// the first one changed since its reading is refused (it used to reload and
// pass silently, overwriting it); its change of another rating passes.
TEST(SharedFile, TwoSessionsOnOneFileRefuseTheLostUpdate) {
    test::TempDir dir;
    const std::string file = dir.file("demo.cot");
    create_demo(file, "act-hlm", DemoStage::Instruction);
    test::forget_accounts(file);   // reviewers named, as in a team without accounts
    auto a = Session::open(file), b = Session::open(file);
    // Two ratings their reviewers have not submitted yet (so still theirs to change).
    std::vector<Rating> open;
    for (const auto& r : a->ratings()) {
        auto sub = a->team().submitted.find(r.dossier_id);
        if (sub == a->team().submitted.end() || !sub->second.count(r.reviewer)) open.push_back(r);
    }
    ASSERT_GE(open.size(), 2u);
    Rating r1 = open[0], r2 = open[1];
    ASSERT_FALSE(r1.reviewer == r2.reviewer && r1.criterion == r2.criterion && r1.dossier_id == r2.dossier_id);
    Rating changed = r1;
    changed.value = r1.value == 1 ? 2 : 1;
    changed.justification = "revue en séance";
    a->put_rating(changed, r1.reviewer);
    Rating mine = r1;
    mine.value = r1.value == 3 ? 4 : 3;
    mine.justification = "autre avis";
    std::string m;
    try {
        b->put_rating(mine, r1.reviewer);
    } catch (const StaleCampaign& e) {
        m = e.what();
    }
    EXPECT_EQ(m.rfind("Campagne « " + file + " » : rien n'a été enregistré.", 0), 0u) << m;
    EXPECT_NE(m.find("critère " + r1.criterion), std::string::npos) << m;
    EXPECT_NE(m.find("→ " + std::to_string(changed.value) + " — revue en séance"), std::string::npos) << m;
    // Read from the store: a session without a reader shows no rating, and the loop would pass empty.
    std::size_t found = 0;
    for (const auto& r : open_sqlite_store_read_only(file)->load().ratings)
        if (r.dossier_id == r1.dossier_id && r.reviewer == r1.reviewer && r.criterion == r1.criterion) {
            ++found;
            EXPECT_EQ(r.value, changed.value);
        }
    EXPECT_EQ(found, 1u);
    // Another rating: passes, reloading what the first window did.
    Rating other = r2;
    other.value = r2.value == 2 ? 3 : 2;
    other.justification = "précisé";
    b->put_rating(other, r2.reviewer);
    EXPECT_TRUE(open_sqlite_store_read_only(file)->verify_journal().ok);
}

// The window re-reads a campaign another person changed (its watch), while
// a rating form still shows the old rating: saving it over the new one is
// refused, naming what it is now, then passes once shown again (trial 15 F5:
// an imported rating was overwritten in silence from the other window).
TEST(SharedFile, AFormSavedOverARatingChangedSinceItWasShownIsRefused) {
    test::TempDir dir;
    const std::string file = dir.file("demo.cot");
    create_demo(file, "act-hlm", DemoStage::Instruction);
    test::forget_accounts(file);   // reviewers named, as in a team without accounts
    auto a = Session::open(file), b = Session::open(file);
    std::optional<Rating> r1;
    for (const auto& r : b->ratings()) {
        auto sub = b->team().submitted.find(r.dossier_id);
        if (sub == b->team().submitted.end() || !sub->second.count(r.reviewer)) r1 = r;
    }
    ASSERT_TRUE(r1);
    const std::optional<Rating> shown = r1;   // what b's form shows
    Rating changed = *r1;
    changed.value = r1->value == 1 ? 2 : 1;
    changed.justification = "revue en séance";
    a->put_rating(changed, r1->reviewer);
    b = Session::open(file);   // the window's watch opened the campaign afresh; the form was not refilled
    Rating mine = *r1;
    mine.value = r1->value == 3 ? 4 : 3;
    mine.justification = "autre avis";
    std::string m = test::message_of<StaleCampaign>([&] { b->put_rating_seen(mine, shown, r1->reviewer); });
    EXPECT_NE(m.find("a changé depuis qu'elle est affichée"), std::string::npos) << m;
    EXPECT_NE(m.find("maintenant " + std::to_string(changed.value) + " — revue en séance"), std::string::npos) << m;
    // Who changed it and when, from the journal (trial 15b F13).
    const auto entries = open_sqlite_store_read_only(file)->journal("");
    ASSERT_FALSE(entries.empty());
    EXPECT_NE(m.find("(par " + entries.back().actor + ", le " + french_timestamp(entries.back().at) + ")"), std::string::npos) << m;
    auto value_stored = [&] {
        for (const auto& r : open_sqlite_store_read_only(file)->load().ratings)
            if (r.dossier_id == r1->dossier_id && r.reviewer == r1->reviewer && r.criterion == r1->criterion) return r.value;
        return -1;
    };
    EXPECT_EQ(value_stored(), changed.value);
    // Shown as it is now: the reviewer's choice, saved.
    b->put_rating_seen(mine, changed, r1->reviewer);
    EXPECT_EQ(value_stored(), mine.value);
    EXPECT_TRUE(open_sqlite_store_read_only(file)->verify_journal().ok);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformance, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const ::testing::TestParamInfo<Backend>& p) {
                             return p.param == Backend::Sqlite ? std::string("SQLite") : std::string("PostgreSQL");
                         });

// The same life on both back ends: the same snapshot and the same journal
// (but for the moments and hence the hashes).
TEST(StoreBackends, SameSnapshotAndJournalOnBoth) {
#ifndef COTATION_POSTGRESQL
    GTEST_SKIP() << "construction sans PostgreSQL";
#else
    if (test::pg_server().empty()) GTEST_SKIP() << "COTATION_TEST_PG_URI non défini (ctest -R store.postgresql)";
    Harness file(Backend::Sqlite, "identique"), server(Backend::Postgres, "identique");
    auto a = file.create(sample_campaign("HI 2025"));
    auto b = server.create(sample_campaign("HI 2025"));
    play_campaign(*a);
    play_campaign(*b);
    // As opened again (SqliteStore::load shows a removed parameter as empty
    // until then: WholeCampaignRoundTrips).
    a = file.open();
    b = server.open();
    EXPECT_EQ(describe(a->load()), describe(b->load()));
    EXPECT_EQ(describe(a->journal()), describe(b->journal()));
    EXPECT_EQ(a->closed_since(), b->closed_since());
#endif
}

#ifdef COTATION_POSTGRESQL
TEST(PgUri, ParsesCampaignAndHidesPassword) {
    auto a = parse_pg_uri("postgresql://anne:secret@db.ars.local:5433/cotation?campagne=AAC%20HI%202025&sslmode=require");
    EXPECT_EQ(a.campaign, "AAC HI 2025");
    EXPECT_EQ(a.uri_without_campaign, "postgresql://anne:secret@db.ars.local:5433/cotation?sslmode=require");
    EXPECT_EQ(a.shown, "postgresql://anne@db.ars.local:5433/cotation?campagne=AAC HI 2025");
    EXPECT_TRUE(is_pg_uri("postgres://h/b"));
    EXPECT_FALSE(is_pg_uri("/tmp/postgresql://x.cot"));
}

// Trial 15g G6: `cotation new` without --reference took a server address's
// last path part for a file name (« cd17?campagne=AAC-HI-2025 »).
TEST(PgUri, ANewCampaignsDefaultReferenceIsTheAddressesCampaign) {
    EXPECT_EQ(default_campaign_reference("postgresql://nadia@serveur/cd17?campagne=AAC-HI-2025"), "AAC-HI-2025");
    EXPECT_EQ(default_campaign_reference("postgresql://serveur/cd17?campagne=AAC%20HI"), "AAC HI");
    EXPECT_EQ(default_campaign_reference("postgresql://serveur/cd17"), "");
    EXPECT_EQ(default_campaign_reference("archives/uphv-2019.cot"), "uphv-2019");
}

TEST(PgUri, MalformedAddressesAreRefusedInFrench) {
    auto message = [](const std::string& uri) {
        try {
            parse_pg_uri(uri);
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("accepté");
    };
    std::string m = message("postgresql://anne:secret@hote:notaport/base?campagne=X");
    EXPECT_NE(m.find("malformée"), std::string::npos) << m;
    EXPECT_EQ(m.find("secret"), std::string::npos) << m;   // never the password
    m = message("postgresql://hote/?password=secret&campagne=X");
    EXPECT_EQ(m.find("secret"), std::string::npos) << m;
    // A reference is taken as written: « + » is no space in a URI.
    EXPECT_EQ(parse_pg_uri("postgresql://hote/base?campagne=A+B%2FC").campaign, "A+B/C");
    EXPECT_NE(message("postgresql://hote:5432/?campagne=X").find("il manque le nom de la base"), std::string::npos);
    EXPECT_NE(message("postgresql://hote/base?campagne=").find("campagne= est vide"), std::string::npos);
    EXPECT_NE(message("postgresql://hote/base?campagne=A%2").find("%-codage invalide"), std::string::npos);
    EXPECT_NE(message("postgresql://hote/base?campagne=pg_x").find("« pg_ »"), std::string::npos);
    EXPECT_NE(message("postgresql://hote/base?campagne=" + std::string(64, 'x')).find("63 octets"), std::string::npos);
    EXPECT_THROW(open_pg_store("postgresql://hote/base"), InputError);   // no campaign named
    // Trial 15c F10: a port out of range, an unknown parameter, said in French before any connection.
    m = message("postgresql://hote:99999/base?campagne=X");
    EXPECT_NE(m.find("le port « 99999 » n'est pas un numéro de port (de 1 à 65535)"), std::string::npos) << m;
    EXPECT_NE(message("postgresql://hote:0/base?campagne=X").find("le port « 0 »"), std::string::npos);
    m = message("postgresql://hote/base?campagne=X&foo=bar");
    EXPECT_NE(m.find("paramètre « foo » inconnu"), std::string::npos) << m;
    EXPECT_EQ(m.find("invalid"), std::string::npos) << m;
    // Trial 22 M1: libpq's English quoted the address, password included.
    m = message("postgresql://nadia:MonSecret@[::1/aac?campagne=x");
    EXPECT_EQ(m.find("MonSecret"), std::string::npos) << m;
    EXPECT_NE(m.find("le crochet « [ » de l'adresse IPv6 de l'hôte n'est pas refermé"), std::string::npos) << m;
    m = message("postgresql://nadia:Mon%ZZSecret@127.0.0.1:5432/aac?campagne=X");
    EXPECT_EQ(m.find("Secret"), std::string::npos) << m;
    EXPECT_NE(m.find("un « % » n'est pas suivi de deux chiffres hexadécimaux"), std::string::npos) << m;
    // Checked by libpq as it connects (no server needed to refuse it).
    try {
        open_pg_store("postgresql://127.0.0.1:1/aac?campagne=X&connect_timeout=abc&password=MonSecret");
        m = "accepté";
    } catch (const std::exception& e) {
        m = e.what();
    }
    EXPECT_EQ(m.find("MonSecret"), std::string::npos) << m;
    EXPECT_NE(m.find("valeur « abc » invalide pour le paramètre « connect_timeout » : un nombre entier"), std::string::npos) << m;
    try {
        open_pg_store("postgresql://127.0.0.1:1/aac?campagne=X&target_session_attrs=bad");
        m = "accepté";
    } catch (const std::exception& e) {
        m = e.what();
    }
    EXPECT_NE(m.find("valeur « bad » invalide pour le paramètre « target_session_attrs »"), std::string::npos) << m;
    // Trial 22 m6: one slash was looked for as a file (« La campagne … n'existe pas »).
    EXPECT_TRUE(names_server_campaign("postgresql:/hote/base?campagne=X"));
    EXPECT_NE(message("postgresql:/hote/base?campagne=X").find("elle doit commencer par postgresql://"), std::string::npos);
    // A cause libpq words in a way not translated still never shows a password.
    EXPECT_EQ(pg::without_secrets("at \"postgresql://u:p4ss@h/b\" and p4ss", "postgresql://u:p4ss@h/b"),
              "at \"postgresql://u:…@h/b\" and …");
}

// Trial 15c F10: « postgresql://claire@::1:5544/… », the brackets lost.
TEST(PgUri, AnIPv6HostKeepsItsBrackets) {
    EXPECT_EQ(parse_pg_uri("postgresql://claire@[::1]:5544/cotation?campagne=C").shown,
              "postgresql://claire@[::1]:5544/cotation?campagne=C");
    EXPECT_EQ(parse_pg_uri("postgresql://claire@127.0.0.1:5544/cotation?campagne=C").shown,
              "postgresql://claire@127.0.0.1:5544/cotation?campagne=C");
}

TEST(PgStore, ServerRefusalsNameTheCampaign) {
    if (test::pg_server().empty()) GTEST_SKIP() << "COTATION_TEST_PG_URI non défini (ctest -R store.postgresql)";
    Harness h(Backend::Postgres, "refus");
    h.create(sample_campaign("HI 2025"));
    // The same reference again: refused, nothing overwritten.
    EXPECT_THROW(h.create(sample_campaign("HI 2025")), InputError);
    EXPECT_EQ(h.open()->load().campaign.reference, "HI 2025");
    // A schema that is not a campaign is left alone.
    Harness other(Backend::Postgres, "autre");
    std::string foreign = "\"" + other.address().substr(other.address().find("campagne=") + 9) + "\"";
    ASSERT_EQ(other.raw("CREATE SCHEMA " + foreign + "; CREATE TABLE " + foreign + ".x(i int)", false), "");
    try {
        other.open();
        FAIL() << "schéma étranger ouvert";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("n'est pas une campagne Cotation"), std::string::npos) << e.what();
    }
    EXPECT_THROW(open_pg_store(test::pg_server() + "?campagne=absente_" + std::to_string(::getpid())), InputError);
}
#endif

#ifdef COTATION_POSTGRESQL
// The ranking as the committee reads it: order, rank, total, proposal, and
// who waits or is set apart.
std::string ranking_text(Session& s) {
    std::ostringstream o;
    const Ranking& r = s.ranking();
    auto line = [&](const char* part, const RankEntry& e) {
        o << part << " " << s.dossiers()[e.dossier].reference << " " << e.rank << (e.ex_aequo ? " ex aequo " : " ")
          << e.score.total.canonical() << " " << static_cast<int>(e.proposal) << "\n";
    };
    for (const auto& e : r.ranked) line("classé", e);
    for (const auto& e : r.pending) line("en attente", e);
    for (const auto& e : r.ineligible) line("écarté", e);
    return o.str();
}

// partager then exporter: the demo campaign (rated, consolidated, voted,
// decided, closed) goes to the server and comes back as a frozen file with
// the same ranking, decisions and team, and every journal verifies.
TEST(Share, ServerCopyAndFrozenExportKeepTheRankingAndVerifiedJournals) {
    if (test::pg_server().empty()) GTEST_SKIP() << "COTATION_TEST_PG_URI non défini (ctest -R store.postgresql)";
    test::TempDir dir;
    std::string file = dir.file("demo.cot"), back = dir.file("retour.cot");
    std::string uri = test::pg_server() + "?campagne=partage_" + std::to_string(::getpid());
    struct Drop {
        std::string uri;
        ~Drop() {
            try {
                drop_pg_campaign(uri);
            } catch (...) {
            }
        }
    } drop{uri};
    create_demo(file, "act-hlm", DemoStage::Complete);
    {
        // Zones and a recorded allocation travel with the campaign (schema 10).
        // By the demo's coordinator, from the account bound to them (journal verify, trial 13c F1).
        const std::string coord = test::demo_coordinator(*Session::open(file)) + " (compte " + Session::os_login() + ")";
        auto f = open_sqlite_store(file);
        f->put_zones({{"Z1", "Aunis", {"17300", "17000"}}}, "zones-17.csv", "zones DRAD", coord);
        f->put_allocation(allocation::Recorded{allocation::Followed::Ranking, {"AAC-01"}, {}, "", "2025-06-02T09:00:00Z",
                                               "Claire Coordinatrice"},
                          coord);
        f->close("décisions prises", coord);   // a copy of a closed campaign is closed
    }
    CopyReport up = copy_campaign(file, uri, "Claire Coordinatrice");
    CopyReport down = copy_campaign(uri, back, "Claire Coordinatrice");
    EXPECT_GT(up.dossiers, 0u);
    EXPECT_EQ(down.dossiers, up.dossiers);
    EXPECT_EQ(down.ratings, up.ratings);
    EXPECT_EQ(down.source_entries, up.copy_entries);   // the server's journal, verified before the export

    auto original = Session::open_read_only(file);
    auto frozen = Session::open_read_only(back);
    ASSERT_FALSE(original->ranking().ranked.empty());
    EXPECT_EQ(ranking_text(*frozen), ranking_text(*original));
    // Decisions, team, meeting, opinions, consolidation: the whole snapshot.
    EXPECT_EQ(describe(open_sqlite_store_read_only(back)->load()), describe(open_sqlite_store_read_only(file)->load()));
    auto server = open_pg_store(uri);
    EXPECT_TRUE(server->verify_journal().ok);
    EXPECT_TRUE(open_sqlite_store_read_only(back)->verify_journal().ok);
    for (CampaignStore* copy : {server.get(), static_cast<CampaignStore*>(nullptr)}) {
        auto frozen_store = open_sqlite_store_read_only(back);
        TerritoryRecord t = (copy ? copy : frozen_store.get())->load_territory();
        ASSERT_TRUE(t.zones);
        EXPECT_EQ(t.zones->at(0).communes, (std::vector<std::string>{"17300", "17000"}));
        ASSERT_TRUE(t.allocation);
        EXPECT_EQ(t.allocation->retained, std::vector<std::string>{"AAC-01"});
        EXPECT_EQ(t.offer.has_value(), open_sqlite_store_read_only(file)->load_territory().offer.has_value());
    }
    EXPECT_TRUE(up.closed);
    EXPECT_TRUE(down.closed);
    EXPECT_FALSE(server->closed_since().empty());
    EXPECT_FALSE(frozen->store().closed_since().empty());
    // The source's journal carried as it is (its closing included), then the copy's own entry.
    EXPECT_EQ(server->journal().back().action, "campagne.copie");
    EXPECT_EQ(server->journal().size(), open_sqlite_store_read_only(file)->journal().size() + 1);

    // Neither overwrites: the same copies again are refused, the targets unchanged.
    EXPECT_THROW(copy_campaign(file, uri, "Claire Coordinatrice"), InputError);
    EXPECT_THROW(copy_campaign(uri, back, "Claire Coordinatrice"), InputError);
    EXPECT_EQ(server->journal().size(), static_cast<std::size_t>(up.copy_entries));
}

// Two workstations writing at once: each mutation waits for the other's
// (the journal's lock), none is lost, the chain stays whole.
TEST(PgStore, ConcurrentWritersKeepTheJournalChained) {
    if (test::pg_server().empty()) GTEST_SKIP() << "COTATION_TEST_PG_URI non défini (ctest -R store.postgresql)";
    Harness h(Backend::Postgres, "concurrence");
    auto ids = h.create(sample_campaign("HI 2025"))->add_dossiers({dossier("HI-01", "A", 5)}, "Claire");
    auto write = [&](const std::string& reviewer) {
        auto s = h.open();
        for (int i = 0; i < 40; ++i) s->put_ratings({{ids[0], reviewer, "projet", i % 21, ""}}, reviewer);
    };
    std::thread a(write, "Ali"), b(write, "Béa");
    a.join();
    b.join();
    auto s = h.open();
    auto check = s->verify_journal();
    EXPECT_TRUE(check.ok) << (check.problems.empty() ? "" : check.problems[0]);
    // Creation (9 entries, as above), the dossier, then 40 ratings by each.
    EXPECT_EQ(check.entries, 9 + 1 + 80);
    EXPECT_EQ(s->load().ratings.size(), 2u);
    // Each entry also names the database role that wrote it (the test cluster's only role).
    EXPECT_EQ(h.value("SELECT count(*) FROM journal WHERE db_role = session_user"), "90");
}

// Trial 15 F6: after a server restart an open window never read the campaign
// again, and every save failed. The session's backend ended by the server
// (as a restart does): the next statement outside a transaction connects
// anew, with the campaign's search_path and the ledger's temporary table.
TEST(PgStore, ALostConnectionIsMadeAnewAtTheNextStatement) {
    if (test::pg_server().empty()) GTEST_SKIP() << "COTATION_TEST_PG_URI non défini (ctest -R store.postgresql)";
    Harness h(Backend::Postgres, "reconnexion");
    auto ids = h.create(sample_campaign("HI 2025"))->add_dossiers({dossier("HI-01", "A", 5)}, "Claire");
    auto s = h.open();
    const JournalHead before = s->journal_head();
    // Every other backend of Cotation on this cluster (this test's raw SQL is not one).
    ASSERT_EQ(h.raw("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'cotation' "
                    "AND pid <> pg_backend_pid()"),
              "");
    for (int i = 0; i < 200 && h.value("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'cotation'") != "0"; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    // The statement that meets the dead connection fails (its outcome is unknown)…
    try {
        s->journal_head();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("a été perdue"), std::string::npos) << e.what();
    }
    // …the next one reconnects: the head is read, a rating is saved, its rows noted.
    EXPECT_EQ(s->journal_head().hash, before.hash);
    s->put_ratings({{ids[0], "Ali", "projet", 4, "après reconnexion"}}, "Ali");
    EXPECT_EQ(s->journal_head().entries, before.entries + 1);
    auto check = s->verify_journal();
    EXPECT_TRUE(check.ok) << (check.problems.empty() ? "" : check.problems[0]);
    EXPECT_EQ(s->load().ratings.size(), 1u);
}

// A campaign written by a later Cotation is not opened (nor migrated back).
TEST(PgStore, NewerSchemaIsRefused) {
    if (test::pg_server().empty()) GTEST_SKIP() << "COTATION_TEST_PG_URI non défini (ctest -R store.postgresql)";
    Harness h(Backend::Postgres, "recent");
    h.create(sample_campaign("HI 2025"));
    ASSERT_EQ(h.raw("UPDATE schema_version SET version = 99"), "");
    try {
        h.open();
        FAIL() << "schéma 99 ouvert";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("schéma 99, cette version lit jusqu'au schéma " + std::to_string(pg_schema_version())),
                  std::string::npos)
            << e.what();
    }
}

// A source whose journal does not verify is not copied: nothing on the server.
TEST(Share, AlteredSourceJournalIsRefusedAndNothingIsCopied) {
    if (test::pg_server().empty()) GTEST_SKIP() << "COTATION_TEST_PG_URI non défini (ctest -R store.postgresql)";
    Harness file(Backend::Sqlite, "altere");
    file.create(sample_campaign("HI 2025"))->add_dossiers({dossier("HI-01", "A", 5)}, "Claire");
    ASSERT_EQ(file.raw("DROP TRIGGER journal_no_update; UPDATE journal SET new_value = 'falsifié' WHERE seq = 2"), "");
    std::string uri = test::pg_server() + "?campagne=altere_" + std::to_string(::getpid());
    try {
        copy_campaign(file.address(), uri, "Claire");
        FAIL() << "source altérée copiée";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("ne se vérifie pas"), std::string::npos) << e.what();
    }
    EXPECT_THROW(open_pg_store(uri), InputError);   // « n'existe pas sur le serveur »
}


// The same through the command line, as a coordinator would (11 dossiers and
// 336 ratings: the act-hlm demo's, as `cotation demo` reports them).
TEST(Share, CommandLinePartagerThenExporter) {
    if (test::pg_server().empty()) GTEST_SKIP() << "COTATION_TEST_PG_URI non défini (ctest -R store.postgresql)";
    test::TempDir dir;
    std::string file = dir.file("demo.cot"), back = dir.file("archive.cot"), out;
    std::string uri = test::pg_server() + "?campagne=cli_" + std::to_string(::getpid());
    struct Drop {
        std::string uri;
        ~Drop() {
            try {
                drop_pg_campaign(uri);
            } catch (...) {
            }
        }
    } drop{uri};
    ASSERT_EQ(test::run_cli("demo " + file, out), 0) << out;
    ASSERT_EQ(test::run_cli("partager " + file + " '" + uri + "' --par 'Claire'", out), 0) << out;
    EXPECT_NE(out.find("Campagne partagée sur le serveur : 11 dossiers, 336 notes."), std::string::npos) << out;
    // Trial 22 m5: the file and the server are two campaigns from here on, said.
    EXPECT_NE(out.find("reste tel qu'il était, modifiable : l'équipe travaille désormais sur le serveur"), std::string::npos)
        << out;
    ASSERT_EQ(test::run_cli("exporter '" + uri + "' " + back, out), 0) << out;
    // An open campaign's copy is no frozen archive: said so, and how to make one.
    EXPECT_NE(out.find("Copie enregistrée : 11 dossiers, 336 notes"), std::string::npos) << out;
    EXPECT_NE(out.find("Pour une archive figée, le coordonnateur clôt la campagne"), std::string::npos) << out;
    EXPECT_EQ(out.find("secret"), std::string::npos);
    ASSERT_EQ(test::run_cli("journal verify " + back, out), 0) << out;
    EXPECT_NE(out.find("Journal intact"), std::string::npos) << out;
    // The head the original's documents print is extended by the archive.
    ASSERT_EQ(test::run_cli("journal tete " + file, out), 0) << out;
    std::string head = out.substr(out.rfind('\n', out.size() - 2) + 1);
    head.erase(head.find_last_not_of('\n') + 1);
    ASSERT_NE(head.find(':'), std::string::npos) << out;   // N:EMPREINTE, its last line
    ASSERT_EQ(test::run_cli("journal verify " + back + " --tete " + head, out), 0) << out;
    EXPECT_NE(out.find("La campagne prolonge la tête donnée (" + head + ")"), std::string::npos) << out;
    // The same documents: a dossier's letter and order word for word but for
    // the journal's head their footer prints (trial 13c F1), two entries
    // further in the archive, as the instruction report's.
    ASSERT_EQ(test::run_cli("documents " + file + " --out " + dir.file("docs-source") + " --dossier ACT-2023-01", out), 0) << out;
    ASSERT_EQ(test::run_cli("documents " + back + " --out " + dir.file("docs-archive") + " --dossier ACT-2023-01", out), 0) << out;
    for (const char* doc : {"ACT-2023-01-lettre.pdf", "ACT-2023-01-arrete.pdf"}) {
        auto without_head = [](std::string w) {
            const std::string mark = "Tête du journal de la campagne : ";
            for (auto at = w.find(mark); at != std::string::npos; at = w.find(mark, at + mark.size())) {
                auto end = w.find(' ', at + mark.size());
                w.erase(at + mark.size(), end == std::string::npos ? std::string::npos : end - at - mark.size());
            }
            return w;
        };
        const std::string x = without_head(test::pdf_words(dir.file("docs-source") + "/" + doc)),
                          y = without_head(test::pdf_words(dir.file("docs-archive") + "/" + doc));
        EXPECT_NE(x.find("Tête du journal de la campagne : "), std::string::npos) << doc;
        EXPECT_EQ(x, y) << doc;
    }
}

// The commands refuse what they cannot do, in French, before touching anything.
TEST(ShareCli, BadAddressesAndOrderAreRefused) {
    test::TempDir dir;
    std::string out, target = dir.file("copie.cot");
    EXPECT_EQ(test::run_cli("exporter 'postgresql://anne:secret@hote:x/base?campagne=A' " + target, out), 1) << out;
    EXPECT_NE(out.find("malformée : le port « x » n'est pas un nombre"), std::string::npos) << out;
    EXPECT_EQ(out.find("secret"), std::string::npos) << out;
    EXPECT_EQ(test::run_cli("partager 'postgresql://hote/base?campagne=A' " + target, out), 2) << out;
    EXPECT_NE(out.find("le fichier d'abord, le serveur ensuite"), std::string::npos) << out;
    // A server that does not answer: a French message, no file made.
    EXPECT_EQ(test::run_cli("exporter 'postgresql://127.0.0.1:1/base?campagne=A' " + target, out), 1) << out;
    EXPECT_NE(out.find("Impossible de joindre le serveur"), std::string::npos) << out;
    // Said in French, not libpq's « Connection refused » (trial 15 F8).
    EXPECT_NE(out.find("aucun serveur ne répond à cette adresse"), std::string::npos) << out;
    EXPECT_EQ(out.find("Connection refused"), std::string::npos) << out;
    EXPECT_FALSE(std::filesystem::exists(target));
}

// The copy's journal is the source's, entry for entry (same content, same
// row digests, same hashes), then one entry recording the copy; it verifies
// against a head of the source kept outside; state and grid history alike.
void expect_carried(CampaignStore& source, CampaignStore& copy, const std::string& from) {
    auto a = source.journal(""), b = copy.journal("");
    ASSERT_EQ(b.size(), a.size() + 1);
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(b[i].seq, a[i].seq);
        EXPECT_EQ(b[i].at, a[i].at);
        EXPECT_EQ(b[i].actor, a[i].actor);
        EXPECT_EQ(b[i].rows, a[i].rows) << "entrée " << a[i].seq;
        ASSERT_EQ(b[i].hash, a[i].hash) << "entrée " << a[i].seq;
    }
    EXPECT_EQ(b.back().action, "campagne.copie");
    EXPECT_EQ(b.back().rows, "");   // the copy changes no row
    EXPECT_NE(b.back().new_value.find("copie de « " + from + " »"), std::string::npos) << b.back().new_value;
    EXPECT_EQ(b.back().prev_hash, a.back().hash);
    JournalHead head = source.journal_head();
    EXPECT_EQ(head.entries, static_cast<std::int64_t>(a.size()));
    JournalCheck check = copy.verify_journal(head);
    EXPECT_TRUE(check.ok) << (check.problems.empty() ? "" : check.problems.front());
    EXPECT_EQ(check.rows, source.verify_journal().rows);   // every row, and no other, vouched for
    EXPECT_EQ(copy.grid_versions(), source.grid_versions());
    EXPECT_EQ(describe(copy.load()), describe(source.load()));
    EXPECT_EQ(copy.closed_since().empty(), source.closed_since().empty());
}

// Every mutation of the interface (booleans, dates, instants, rationals, a
// grid version change, a closing), on either back end, goes to the other and
// back with its journal: file → server → file and server → file → server.
TEST(Share, EveryMutationTravelsWithItsJournalBothWays) {
    if (test::pg_server().empty()) GTEST_SKIP() << "COTATION_TEST_PG_URI non défini (ctest -R store.postgresql)";
    for (Backend origin : {Backend::Sqlite, Backend::Postgres}) {
        bool file_first = origin == Backend::Sqlite;
        Harness source(origin, "origine"), middle(file_first ? Backend::Postgres : Backend::Sqlite, "milieu"),
            back(origin, "retour");
        {
            auto s = source.create(sample_campaign("HI 2025"));
            play_campaign(*s);
            s->put_zones({{"Z1", "Aunis", {"17300", "17000"}}}, "zones-17.csv", "zones DRAD", "Claire Coordinatrice");
            s->close("décisions prises", "Claire Coordinatrice");
        }
        auto src = source.open();
        ASSERT_EQ(src->grid_versions().size(), 1u);   // the grid changed once: one version in the history
        copy_campaign(source.address(), middle.address(), "Claire Coordinatrice");
        auto mid = middle.open();
        expect_carried(*src, *mid, file_first ? source.address() : parse_pg_uri(source.address()).shown);
        copy_campaign(middle.address(), back.address(), "Claire Coordinatrice");
        auto end = back.open();
        expect_carried(*mid, *end, file_first ? parse_pg_uri(middle.address()).shown : middle.address());
        // Back where it started: the source's head, extended by the two copies.
        EXPECT_EQ(end->journal().size(), src->journal().size() + 2);
        EXPECT_TRUE(end->verify_journal(src->journal_head()).ok);
        EXPECT_EQ(describe(end->load()), describe(src->load()));
        TerritoryRecord t = end->load_territory();
        ASSERT_TRUE(t.zones);
        EXPECT_EQ(t.zones->at(0).communes, (std::vector<std::string>{"17300", "17000"}));
        // A copy of a closed campaign is closed, by its own lock.
        EXPECT_THROW(end->set_parameter("campagne.places", "90", "Claire Coordinatrice"), InputError);
        if (file_first) {
            // The server's identity sequences continue after the copied rows:
            // a new grid version there is a new history row, not a duplicate key.
            mid->reopen("nouvelle version de la grille", "Claire Coordinatrice");
            PinnedGrid g3 = sample_grid();
            g3.version = "3";
            g3.xml = "<grille id=\"essai\" version=\"3\"/>";
            mid->change_grid(g3, {}, "arrêté modificatif", "Claire Coordinatrice");
            EXPECT_EQ(mid->grid_versions().size(), 2u);
            EXPECT_TRUE(mid->verify_journal().ok);
        }
    }
}

// A campaign made with `cotation new` from each shipped grid, with dossiers
// and ratings on its own criteria: file → server → file keeps the journal
// (count and head), the ranking and the grid history.
TEST(Share, CampaignsOfEveryShippedGridRoundTrip) {
    if (test::pg_server().empty()) GTEST_SKIP() << "COTATION_TEST_PG_URI non défini (ctest -R store.postgresql)";
    int grids = 0;
    for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() + "/scoring-grids")) {
        if (entry.path().extension() != ".xml") continue;
        ++grids;
        SCOPED_TRACE(entry.path().filename().string());
        test::TempDir dir;
        std::string file = dir.file("c.cot"), back = dir.file("retour.cot"), out;
        std::string uri = test::pg_server() + "?campagne=grille_" + std::to_string(::getpid()) + "_" + std::to_string(grids);
        struct Drop {
            std::string uri;
            ~Drop() {
                try {
                    drop_pg_campaign(uri);
                } catch (...) {
                }
            }
        } drop{uri};
        ASSERT_EQ(test::run_cli("new " + file + " --grid " + entry.path().string(), out), 0) << out;
        Grid grid = io::read_grid_file(entry.path().string());
        {
            auto s = open_sqlite_store(file);
            s->load();
            // One mission each: within every shipped form's bounds (CRT: 0 to 1).
            auto ids = s->add_dossiers({dossier("D-01", "Association A", 1), dossier("D-02", "Association B", 1)}, "Claire");
            std::vector<Rating> ratings;
            int v = grid.scale_max;
            for (const auto& theme : grid.themes)
                for (const auto& c : theme.criteria) {
                    ratings.push_back({ids[0], "Ali", c.id, v, "solide"});
                    ratings.push_back({ids[1], "Ali", c.id, v > grid.scale_min ? v - 1 : v, ""});
                }
            s->put_ratings(ratings, "Ali");
            s->put_person({"Ali", Role::Instructor, "ARS", false}, "Claire");
            // A grid history of one version: the same texts, moved to a revised version.
            CampaignSnapshot snap = s->load();
            PinnedGrid revised{grid.id, grid.version + "-rév", snap.grid_name, snap.grid_xml, snap.form_name, snap.form_xml,
                               snap.procedure_name, snap.procedure_xml};
            s->change_grid(revised, {}, "arrêté modificatif", "Claire");
            ASSERT_EQ(s->grid_versions().size(), 1u);
        }
        CopyReport up = copy_campaign(file, uri, "Claire");
        CopyReport down = copy_campaign(uri, back, "Claire");
        EXPECT_EQ(up.source_head.text(), open_sqlite_store_read_only(file)->journal_head().text());
        EXPECT_EQ(up.copy_entries, up.source_entries + 1);
        EXPECT_EQ(down.source_head.text(), up.copy_head.text());
        EXPECT_EQ(down.copy_entries, up.source_entries + 2);
        // As a user checks it: the copy extends the head the source printed.
        ASSERT_EQ(test::run_cli("journal verify " + back + " --tete " + up.source_head.text(), out), 0) << out;
        ASSERT_EQ(test::run_cli("journal verify '" + uri + "' --tete " + up.source_head.text(), out), 0) << out;
        auto original = Session::open_read_only(file);
        auto frozen = Session::open_read_only(back);
        const Ranking& r = original->ranking();
        ASSERT_EQ(r.ranked.size() + r.pending.size() + r.ineligible.size(), 2u) << ranking_text(*original);
        EXPECT_EQ(ranking_text(*frozen), ranking_text(*original));
        EXPECT_EQ(open_sqlite_store_read_only(back)->grid_versions(), open_sqlite_store_read_only(file)->grid_versions());
        EXPECT_EQ(open_pg_store(uri)->grid_versions(), open_sqlite_store_read_only(file)->grid_versions());
    }
    EXPECT_EQ(grids, 3);   // act-hlm-paca-2023, crt-2022, uphv-17-2019
}

// A server campaign whose journal was altered (its owner, trigger taken
// off) is not exported: the message names the source and the entry, and no
// file, not even a hidden temporary one, is left.
TEST(Share, AlteredServerJournalIsRefusedNamingTheEntryAndNoFileIsLeft) {
    if (test::pg_server().empty()) GTEST_SKIP() << "COTATION_TEST_PG_URI non défini (ctest -R store.postgresql)";
    Harness server(Backend::Postgres, "altere_serveur");
    server.create(sample_campaign("HI 2025"))->add_dossiers({dossier("HI-01", "A", 5)}, "Claire");
    ASSERT_EQ(server.raw("ALTER TABLE journal DISABLE TRIGGER journal_append_only; "
                         "UPDATE journal SET new_value = 'falsifié' WHERE seq = 2"),
              "");
    test::TempDir dir;
    std::string target = dir.file("copie.cot");
    std::string m;
    try {
        copy_campaign(server.address(), target, "Claire");
    } catch (const InputError& e) {
        m = e.what();
    }
    EXPECT_NE(m.find("Le journal de « " + parse_pg_uri(server.address()).shown + " » ne se vérifie pas (entrée 2"),
              std::string::npos)
        << m;
    EXPECT_TRUE(std::filesystem::is_empty(dir.path)) << "fichier laissé";
}

// The copy is verified where it arrives, before it exists for anyone: rows
// that do not match the carried journal are refused, nothing left behind.
TEST(Share, CopyWhoseRowsDoNotMatchItsJournalLeavesNothing) {
    if (test::pg_server().empty()) GTEST_SKIP() << "COTATION_TEST_PG_URI non défini (ctest -R store.postgresql)";
    Harness file(Backend::Sqlite, "source");
    {
        auto s = file.create(sample_campaign("HI 2025"));
        auto ids = s->add_dossiers({dossier("HI-01", "A", 5)}, "Claire");
        s->put_ratings({{ids[0], "Ali", "projet", 12, ""}}, "Ali");
    }
    CampaignRows rows = read_file_rows(file.address());
    bool altered = false;
    for (auto& t : rows.tables)
        if (t.name == "rating")
            for (std::size_t i = 0; i < t.columns.size(); ++i)
                if (t.columns[i] == "value") {
                    t.rows.at(0)[i].value = "20";   // in transit, not in the journal
                    altered = true;
                }
    ASSERT_TRUE(altered);
    CopyNote note{"Claire (compte claire)", "campagne.copie", "campagne/copie", "",
                  "copie de « essai.cot » : journal repris tel quel (" + std::to_string(rows.journal.size()) +
                      " entrées, tête 0:00)"};   // as share.cpp signs and words it
    std::string uri = test::pg_server() + "?campagne=arrivee_" + std::to_string(::getpid());
    try {
        write_server_copy(uri, rows, note);
        FAIL() << "copie incohérente enregistrée sur le serveur";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("le journal de la copie ne se vérifie pas (table rating, ligne dossier_id=1"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_THROW(open_pg_store(uri), InputError);   // nothing on the server
    test::TempDir dir;
    try {
        write_file_copy(dir.file("copie.cot"), rows, note);
        FAIL() << "copie incohérente enregistrée dans un fichier";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("aucun fichier n'a été enregistré"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(std::filesystem::is_empty(dir.path)) << "fichier laissé";
}

// A server address without campagne= names the copy by the campaign's
// reference, as a creation does.
TEST(Share, ServerCopyWithoutCampaignIsNamedByItsReference) {
    if (test::pg_server().empty()) GTEST_SKIP() << "COTATION_TEST_PG_URI non défini (ctest -R store.postgresql)";
    std::string reference = "sans_campagne_" + std::to_string(::getpid());
    Harness file(Backend::Sqlite, "reference");
    file.create(sample_campaign(reference))->add_dossiers({dossier("HI-01", "A", 5)}, "Claire");
    std::string uri = test::pg_server() + "?campagne=" + reference;
    struct Drop {
        std::string uri;
        ~Drop() {
            try {
                drop_pg_campaign(uri);
            } catch (...) {
            }
        }
    } drop{uri};
    CopyReport r = copy_campaign(file.address(), test::pg_server(), "Claire");
    auto copy = open_pg_store(uri);
    EXPECT_EQ(copy->load().campaign.reference, reference);
    EXPECT_EQ(static_cast<std::int64_t>(copy->journal().size()), r.source_entries + 1);
    EXPECT_TRUE(copy->verify_journal(r.source_head).ok);
    EXPECT_EQ(r.reference, reference);
    // Under another name on the server: the command says which reference the documents keep (trial 15 F9).
    // Copied by no named person, the journal names the account (« inconnu » before).
    Drop other{uri + "_b"};
    std::string out, user = std::getenv("USER") ? std::getenv("USER") : "";
    // Trial 15d F4: a $USER of another person (« claire », under `su`) signed the copy; the account does.
    ::setenv("USER", "claire-essai-15d", 1);
    int rc = test::run_cli("partager '" + file.address() + "' '" + other.uri + "'", out);
    if (!user.empty()) ::setenv("USER", user.c_str(), 1);
    else ::unsetenv("USER");
    ASSERT_EQ(rc, 0) << out;
    EXPECT_NE(out.find("sur le serveur, la campagne s'appelle « " + reference + "_b », mais sa référence reste « " + reference + " »"),
              std::string::npos)
        << out;
    auto b = open_pg_store(other.uri);
    EXPECT_EQ(b->load().campaign.reference, reference);
    std::string copier = b->journal().back().actor;
    EXPECT_EQ(copier.rfind("compte ", 0), 0u) << copier;
    EXPECT_EQ(copier.find("claire-essai-15d"), std::string::npos) << copier;
    // A name given is said with the account it came from.
    Drop named{uri + "_c"};
    ASSERT_EQ(test::run_cli("partager '" + file.address() + "' '" + named.uri + "' --par 'Nadia Roussel'", out), 0) << out;
    copier = open_pg_store(named.uri)->journal().back().actor;
    EXPECT_EQ(copier.rfind("Nadia Roussel (compte ", 0), 0u) << copier;
}

// Runs the command line and kills it (SIGKILL) after `ms` milliseconds;
// true when it was killed before it ended.
bool killed_after(const std::vector<std::string>& args, int ms) {
    pid_t pid = ::fork();
    if (pid == 0) {
        int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, 1);
        ::dup2(null, 2);
        std::vector<char*> argv{const_cast<char*>(COTATION_CLI)};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(COTATION_CLI, argv.data());
        ::_exit(127);
    }
    int status = 0;
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < end) {
        if (::waitpid(pid, &status, WNOHANG) == pid) return false;   // ended by itself
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    return WIFSIGNALED(status);
}

// A copy killed at any moment leaves, at its destination, nothing or the
// whole verified copy: never a half campaign on the server, never a file
// under its final name that is not whole.
TEST(Share, KilledCopyLeavesNothingOrTheWholeVerifiedCopy) {
    if (test::pg_server().empty()) GTEST_SKIP() << "COTATION_TEST_PG_URI non défini (ctest -R store.postgresql)";
    test::TempDir dir;
    std::string file = dir.file("demo.cot"), base = test::pg_server() + "?campagne=tue_" + std::to_string(::getpid());
    create_demo(file, "act-hlm", DemoStage::Complete);
    JournalHead head = open_sqlite_store_read_only(file)->journal_head();
    struct Drop {
        std::vector<std::string> uris;
        ~Drop() {
            for (const auto& u : uris) try {
                    drop_pg_campaign(u);
                } catch (...) {
                }
        }
    } drop;
    int killed = 0, whole = 0;
    // A copy of this demo takes about 0.3 s on an idle machine; the last one is left to end.
    const int delays[] = {0, 40, 80, 120, 160, 200, 250, 300, 400, 600, 10000};
    for (int i = 0; i < 11; ++i) {
        std::string uri = base + "_" + std::to_string(i), back = dir.file("retour" + std::to_string(i) + ".cot");
        drop.uris.push_back(uri);
        killed += killed_after({"partager", file, uri, "--par", "Claire"}, delays[i]);
        try {
            auto copy = open_pg_store(uri);
            JournalCheck c = copy->verify_journal(head);
            EXPECT_TRUE(c.ok) << (c.problems.empty() ? "" : c.problems.front());
            EXPECT_EQ(c.entries, head.entries + 1);
            ++whole;
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find("n'existe pas"), std::string::npos) << e.what();
            continue;
        }
        killed += killed_after({"exporter", uri, back, "--par", "Claire"}, delays[i]);
        if (std::filesystem::exists(back)) {
            JournalCheck c = open_sqlite_store_read_only(back)->verify_journal(head);
            EXPECT_TRUE(c.ok) << (c.problems.empty() ? "" : c.problems.front());
            EXPECT_EQ(c.entries, head.entries + 2);
        }
    }
    // Both outcomes seen: some copies killed before the end, some whole.
    EXPECT_GT(killed, 0);
    EXPECT_GT(whole, 0);
    // A killed export leaves its temporary file alone, without SQLite's side
    // files; the next export to that name removes it (trial 15 F9).
    auto leftovers = [&](const std::string& name) {
        std::vector<std::string> out;
        for (const auto& e : std::filesystem::directory_iterator(dir.path))
            if (std::string n = e.path().filename().string(); n.rfind(".retour" + name, 0) == 0) out.push_back(n);
        return out;
    };
    for (const auto& n : leftovers(""))
        EXPECT_TRUE(!n.ends_with("-wal") && !n.ends_with("-shm")) << n;
    for (int i = 0; i < 10; ++i) {
        if (leftovers(std::to_string(i) + ".cot.").empty()) continue;
        std::string out;
        ASSERT_EQ(test::run_cli("exporter '" + base + "_" + std::to_string(i) + "' '" + dir.file("retour" + std::to_string(i) + ".cot") +
                              "' --par Claire",
                          out),
                  0)
            << out;
        EXPECT_TRUE(leftovers(std::to_string(i) + ".cot.").empty());
        break;
    }
}
#endif

}  // namespace

// One row digest for both back ends: the rendering PostgreSQL hands its cells
// to (row_ledger::row_text) is the one SQLite's ledger computes in SQL with
// quote(), empty values left out; a drift would make a copied journal fail.
TEST(RowLedger, SharedRenderingIsSqlitesQuote) {
    cotation::test::TempDir dir;
    std::string path = dir.file("r.db");
    cotation::sqlite::Db db(path, true);
    db.exec("CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT, c TEXT, d INTEGER, e TEXT, f INTEGER)");
    db.exec("INSERT INTO t VALUES (2, 'l''été', NULL, 0, '', -7)");
    auto rows = cotation::sqlite::ledger::current(db);
    using cotation::row_ledger::Cell;
    std::vector<Cell> cells{{Cell::Kind::Integer, "2"}, {Cell::Kind::Text, "l'été"}, {}, {Cell::Kind::Integer, "0"},
                            {Cell::Kind::Text, ""}, {Cell::Kind::Integer, "-7"}};
    std::vector<std::string> columns{"a", "b", "c", "d", "e", "f"};
    // By hand: c NULL, d 0 and e '' left out; the quote doubled.
    EXPECT_EQ(cotation::row_ledger::row_text(columns, cells), "a=2;b='l''été';f=-7;");
    EXPECT_EQ(cotation::row_ledger::key_text({"a"}, {cells[0]}), "a=2");
    ASSERT_EQ(rows.count({"t", "a=2"}), 1u);
    EXPECT_EQ(rows.at({"t", "a=2"}), cotation::row_ledger::digest(cotation::row_ledger::row_text(columns, cells)));
}

// The server's timestamptz text and the file's text of one instant render
// alike (values by hand: 10:15 at +02 is 08:15 UTC; 00:30 at +01 is 23:30
// UTC the day before); what is not an instant is left as it is.
TEST(RowLedger, InstantsRenderAsTheFileStoresThem) {
    using cotation::row_ledger::instant;
    EXPECT_EQ(instant("2025-05-02T08:15:00+00:00"), "2025-05-02T08:15:00Z");
    EXPECT_EQ(instant("2025-05-02 10:15:00+02"), "2025-05-02T08:15:00Z");
    EXPECT_EQ(instant("2026-12-01T00:30:00.123456+01:00"), "2026-11-30T23:30:00.123456Z");
    EXPECT_EQ(instant("2025-05-02T08:15:00Z"), "2025-05-02T08:15:00Z");
    EXPECT_EQ(instant("2025-05-02"), "2025-05-02");
    EXPECT_EQ(instant("2025-02-30T08:15:00Z"), "2025-02-30T08:15:00Z");
    EXPECT_EQ(instant("le 2 mai"), "le 2 mai");
}

// A server campaign created before schema_version left the ledger gives its
// row in its first entry; exported to a file (no such table: the version is
// the file's header), that row is neither missing nor extra. Any other row
// is still named.
TEST(RowLedger, ServerSchemaVersionRowIsNotCampaignData) {
    using cotation::row_ledger::Rows;
    Rows expected{{{"schema_version", "one=1"}, "0123456789abcdef0123456789abcdef"}, {{"rating", "k=1"}, "aa"}};
    Rows in_file{{{"rating", "k=1"}, "aa"}};
    std::vector<std::string> problems;
    cotation::row_ledger::compare(expected, in_file, {}, problems);
    EXPECT_TRUE(problems.empty()) << problems.front();
    Rows on_server = in_file;
    on_server[{"schema_version", "one=1"}] = "ffff";
    cotation::row_ledger::compare(in_file, on_server, {}, problems);
    EXPECT_TRUE(problems.empty()) << problems.front();
    in_file.erase({"rating", "k=1"});
    cotation::row_ledger::compare(expected, in_file, {}, problems);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].find("table rating, ligne k=1"), std::string::npos) << problems[0];
}

#ifdef COTATION_POSTGRESQL
namespace {
cotation::row_ledger::Rows pg_rows(const std::string& address, bool schema12 = false) {
    PgAddress a = parse_pg_uri(address);
    cotation::pg::PgConn c(a);
    c.exec("SET search_path TO " + cotation::pg::quote_identifier(a.campaign));
    return cotation::pg::ledger::current(c, schema12);
}
}  // namespace

// The same rating, at the same instant, digests the same in a file and on the
// server: a journal carried from one to the other can verify its rows.
TEST(StoreBackends, SameRowDigestsAlikeInAFileAndOnTheServer) {
    if (test::pg_server().empty()) GTEST_SKIP() << "COTATION_TEST_PG_URI non défini (ctest -R store.postgresql)";
    Harness file(Backend::Sqlite, "instant"), server(Backend::Postgres, "instant");
    for (Harness* h : {&file, &server}) {
        auto s = h->create(sample_campaign("HI 2025"));
        auto ids = s->add_dossiers({dossier("HI-01", "A", 5)}, "Claire");
        s->put_ratings({{ids[0], "Ali", "projet", 12, "solide"}}, "Ali");
    }
    ASSERT_EQ(file.raw("UPDATE rating SET updated_at = '2025-05-02T08:15:00Z'"), "");
    ASSERT_EQ(server.raw("UPDATE rating SET updated_at = '2025-05-02T10:15:00+02'"), "");
    cotation::sqlite::Db db(file.address(), false);
    auto in_file = cotation::sqlite::ledger::current(db);
    auto on_server = pg_rows(server.address());
    std::pair<std::string, std::string> key{"rating", "dossier_id=1, reviewer_id=1, criterion='projet'"};
    ASSERT_EQ(in_file.count(key), 1u);
    ASSERT_EQ(on_server.count(key), 1u);
    EXPECT_EQ(on_server.at(key), in_file.at(key));
    // Schema 12 digested the server's own text (…+00:00): another digest.
    EXPECT_NE(pg_rows(server.address(), true).at(key), in_file.at(key));
}

// A campaign of schema 12 reaching schema 13: each row whose instants now
// render differently gets its new digest in a migration entry when its old
// digest was the journal's; a row changed outside Cotation before keeps the
// old expected digest and is still named.
TEST(PgStore, Schema12InstantsAreNotedAgainButNotATamperedRow) {
    if (test::pg_server().empty()) GTEST_SKIP() << "COTATION_TEST_PG_URI non défini (ctest -R store.postgresql)";
    Harness h(Backend::Postgres, "schema12");
    {
        auto s = h.create(sample_campaign("HI 2025"));
        auto ids = s->add_dossiers({dossier("HI-01", "A", 5), dossier("HI-02", "B", 5)}, "Claire");
        s->put_ratings({{ids[0], "Ali", "projet", 12, ""}, {ids[1], "Ali", "projet", 9, ""}}, "Ali");
    }
    auto old = pg_rows(h.address(), true), now = pg_rows(h.address());
    std::pair<std::string, std::string> r1{"rating", "dossier_id=1, reviewer_id=1, criterion='projet'"},
        r2{"rating", "dossier_id=2, reviewer_id=1, criterion='projet'"};
    ASSERT_NE(old.at(r1), now.at(r1));
    // The journal as schema 12 wrote it: the old digests; r2 then altered in psql.
    cotation::row_ledger::Rows expected = old;
    expected[r2] = "0123456789abcdef0123456789abcdef";
    JournalEntry e{};
    e.rows = cotation::row_ledger::rows_text(expected);
    PgAddress a = parse_pg_uri(h.address());
    cotation::pg::PgConn c(a);
    c.exec("SET search_path TO " + cotation::pg::quote_identifier(a.campaign));
    std::string noted = cotation::pg::ledger::rerendered(c, {e});
    JournalEntry migration{};
    migration.rows = noted;
    auto after = cotation::row_ledger::expected({e, migration});
    EXPECT_EQ(after.at(r1), now.at(r1));
    EXPECT_EQ(after.at(r2), "0123456789abcdef0123456789abcdef");
    std::vector<std::string> problems;
    cotation::row_ledger::compare(after, now, {{"2", "HI-02"}}, problems);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].find("dossier_id=2 (« HI-02 »)"), std::string::npos) << problems[0];
    // A real reopening from schema 12 (this campaign's journal already holds
    // the new digests: nothing to note again): schema 13, the journal verifies.
    ASSERT_EQ(h.raw("UPDATE schema_version SET version = 12"), "");
    auto s = h.open();
    EXPECT_EQ(h.value("SELECT version FROM schema_version"), std::to_string(pg_schema_version()));
    auto check = s->verify_journal();
    EXPECT_TRUE(check.ok) << (check.problems.empty() ? "" : check.problems[0]);
}
#endif

#ifdef COTATION_POSTGRESQL
// libpq's words for two causes the trial met (trial 15b F15), said in
// French; one it does not know keeps libpq's words. The messages are libpq
// 15's, as PQerrorMessage gives them.
TEST(PgConnection, CausesSaidInFrench) {
    using cotation::pg::french_connection_error;
    EXPECT_EQ(french_connection_error("invalid sslmode value: \"bidon\"\n"),
              "paramètre sslmode « bidon » inconnu (disable, allow, prefer, require, verify-ca ou verify-full)");
    EXPECT_EQ(french_connection_error("connection to server on socket \"/run/postgresql/.s.PGSQL.5432\" failed: FATAL:  Peer "
                                      "authentication failed for user \"nadia\"\n"),
              "authentification « peer » refusée pour le rôle « nadia » : le compte de ce poste ne porte pas ce nom "
              "(connectez-vous sous le compte du même nom, ou par mot de passe)");
    // Trial 15c F10: libpq's own words, as it gives them.
    EXPECT_EQ(french_connection_error("invalid port number: \"99999\""),
              "numéro de port « 99999 » invalide (un nombre de 1 à 65535)");
    EXPECT_NE(french_connection_error("invalid URI query parameter: \"foo\"").find("paramètre « foo » inconnu"),
              std::string::npos);
    EXPECT_EQ(french_connection_error("connection to server at \"127.0.0.1\", port 5544 failed: server does not support "
                                      "SSL, but SSL was required")
                  .find("le serveur n'accepte pas les connexions chiffrées (SSL)"),
              0u);
    // Trial 15 (issue 15, N1's trial): a role without CONNECT on the database.
    EXPECT_EQ(french_connection_error("connection to server at \"127.0.0.1\", port 36865 failed: FATAL:  permission denied "
                                      "for database \"equipe\"\nDETAIL:  User does not have CONNECT privilege.\n"),
              "ce rôle n'a pas le droit de se connecter à la base « equipe » (privilège CONNECT, à demander au service "
              "informatique)");
    EXPECT_EQ(french_connection_error("something new"), "something new");
}
#endif
