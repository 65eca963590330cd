// Access enforced by the PostgreSQL server itself (docs/serveur.md, « Ce que
// la base fait respecter »): one login role per person, the team's groups
// set by `cotation serveur roles`, then each role tries what it must not do,
// through the store (what every command calls) and through raw SQL, and the
// database refuses. Runs under ctest's store.postgresql (throw-away cluster).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <chrono>
#include <ctime>
#include <future>
#include <sys/wait.h>

#include <string>
#include <tuple>
#include <vector>

#ifdef COTATION_POSTGRESQL
#include <libpq-fe.h>

#include "store/ledger.h"
#include "store/pg_ledger.h"
#include "store/pg_store.h"
#include "store/write_check.h"
#include "store_history.h"
#endif
#include "core/read_rules.h"
#include "core/error.h"
#include "store/campaign_store.h"
#include "test_support.h"

namespace cotation {
namespace {

#ifdef COTATION_POSTGRESQL

struct SqlResult {
    bool ok = false;
    std::string error;   // the server's message when refused
    std::vector<std::vector<std::string>> rows;
};

// Raw SQL on the campaign's schema, as the role of the URI.
SqlResult sql(const std::string& uri, const std::string& schema, const std::string& text) {
    SqlResult out;
    PGconn* c = PQconnectdb(uri.c_str());
    EXPECT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
    PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);   // « role … does not exist, skipping »
    PQclear(PQexec(c, ("SET search_path TO \"" + schema + "\"").c_str()));
    PGresult* r = PQexec(c, text.c_str());
    auto st = PQresultStatus(r);
    out.ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
    if (!out.ok) out.error = PQresultErrorMessage(r);
    for (int i = 0; out.ok && i < PQntuples(r); ++i) {
        out.rows.emplace_back();
        for (int j = 0; j < PQnfields(r); ++j) out.rows.back().push_back(PQgetvalue(r, i, j));
    }
    PQclear(r);
    PQfinish(c);
    return out;
}

// A campaign with a coordinator, two instructors and a committee member, each
// with a login role of their own:
//   dossier 1 (Asso Alpha): assigned to Inès and Jean, Jean rated and submitted;
//   dossier 2 (Asso Beta):  assigned to Jean only, rated by him, submitted;
//   dossier 3 (Asso Gamma): Inès declared a link with Asso Gamma; Jean rated, submitted.
class PgAccess : public ::testing::Test {
protected:
    void SetUp() override {
        if (test::pg_server().empty()) GTEST_SKIP() << "COTATION_TEST_PG_URI non défini (ctest -R store.postgresql)";
        std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
        tag_ = "acc" + std::to_string(std::hash<std::string>{}(name) % 100000);
        ref_ = "ACCES-" + tag_;
        admin_ = test::pg_server() + (test::pg_server().find('?') == std::string::npos ? "?" : "&") + "campagne=" + ref_;
        drop_pg_campaign(admin_);
        Campaign c;
        c.reference = ref_;
        c.title = "Appel à candidatures « habitat inclusif » 2025";
        PinnedGrid g{"essai", "1", "essai.xml", "<grille id=\"essai\" version=\"1\"/>", "", "", "", ""};
        auto s = create_pg_store(admin_, c, g, "service informatique");
        auto d = [](const std::string& ref, const std::string& org) {
            Dossier x;
            x.reference = ref;
            x.organisme = org;
            return x;
        };
        ids_ = s->add_dossiers({d("D1", "Asso Alpha"), d("D2", "Asso Beta"), d("D3", "Asso Gamma")}, "service");
        for (const auto& [who, role, account] : people())
            s->put_person(Person{who, role, "Département", true, account}, "service");
        for (const auto& [who, role, account] : people())
            sql(test::pg_server(), ref_, "DROP ROLE IF EXISTS " + account + "; CREATE ROLE " + account + " LOGIN PASSWORD 'mdp-" +
                                       account + "'");
        s->assign(ids_[0], "Inès Martin", true, "service");
        s->assign(ids_[0], "Jean Bernard", true, "service");
        s->assign(ids_[1], "Jean Bernard", true, "service");
        s->assign(ids_[2], "Jean Bernard", true, "service");
        s->declare_conflict({"Inès Martin", "Asso Gamma", "administratrice de l'association", "service", Date{2025, 5, 2}},
                            "service");
        s->put_ratings({{ids_[0], "Jean Bernard", "I.1", 4, "projet solide"},
                        {ids_[1], "Jean Bernard", "I.1", 2, "peu de partenaires"},
                        {ids_[2], "Jean Bernard", "I.1", 3, "correct"}},
                       "service");
        for (auto id : ids_) s->submit(id, "Jean Bernard", "service");
        apply_pg_roles(admin_);
    }
    void TearDown() override {
        if (test::pg_server().empty()) return;
        drop_pg_campaign(admin_);
        for (const auto& [who, role, account] : people()) sql(test::pg_server(), ref_, "DROP ROLE IF EXISTS " + account);
        PgTeamRoles g = pg_team_roles(ref_);
        for (const auto& r : {g.coordinator, g.instructor, g.committee})
            sql(test::pg_server(), ref_, "DROP ROLE IF EXISTS \"" + r + "\"");
    }
    std::vector<std::tuple<std::string, Role, std::string>> people() const {
        return {{"Claire Durand", Role::Coordinator, "coord_" + tag_},
                {"Inès Martin", Role::Instructor, "ines_" + tag_},
                {"Jean Bernard", Role::Instructor, "jean_" + tag_},
                {"Marc Petit", Role::CommitteeMember, "marc_" + tag_}};
    }
    std::string account(const std::string& who) const {
        for (const auto& [w, r, a] : people())
            if (w == who) return a;
        return "";
    }
    // The store as that person, through their own login role.
    std::string uri(const std::string& who) const { return test::pg_uri_as(account(who), "mdp-" + account(who)) + "?campagne=" + ref_; }
    std::unique_ptr<CampaignStore> as(const std::string& who) const { return open_pg_store(uri(who)); }
    SqlResult raw(const std::string& who, const std::string& text) const {
        return sql(test::pg_uri_as(account(who), "mdp-" + account(who)), ref_, text);
    }
    std::string reviewer_id(const std::string& who) {
        auto r = sql(test::pg_server(), ref_, "SELECT id FROM reviewer WHERE name = '" + who + "'");
        return r.rows.empty() ? "0" : r.rows[0][0];
    }

    std::string tag_, ref_, admin_;
    std::vector<std::int64_t> ids_;
};

// The day on the server's clock (UTC): a member's own link is declared that
// day, not back-dated (trial 15e F1).
Date server_day() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

std::size_t ratings_of(const CampaignSnapshot& s, std::int64_t dossier, const std::string& reviewer) {
    std::size_t n = 0;
    for (const auto& r : s.ratings) n += r.dossier_id == dossier && r.reviewer == reviewer;
    return n;
}

TEST_F(PgAccess, InstructorRatesOnlyTheDossiersAssignedToThem) {
    auto ines = as("Inès Martin");
    // Assigned: accepted (the control that the refusals below are about the dossier).
    ines->put_ratings({{ids_[0], "Inès Martin", "I.1", 3, "à préciser"}}, "Inès Martin");
    EXPECT_THROW(ines->put_ratings({{ids_[1], "Inès Martin", "I.1", 4, "hors affectation"}}, "Inès Martin"), Error);
    std::string me = reviewer_id("Inès Martin");
    auto r = raw("Inès Martin", "INSERT INTO rating(dossier_id, reviewer_id, criterion, value, justification, updated_at) "
                                "VALUES (" + std::to_string(ids_[1]) + ", " + me + ", 'I.2', 5, 'direct', now())");
    EXPECT_FALSE(r.ok);
    // Said in French, naming the table, the row and the rule (trial 15d F3), not row-level security's English.
    EXPECT_NE(r.error.find("note refusée (table « rating », dossier « D2 », critère « I.2 ») : ce dossier n'est pas affecté à "
                           "Inès Martin"),
              std::string::npos)
        << r.error;
    EXPECT_EQ(r.error.find("row-level security"), std::string::npos) << r.error;
    // In another's name, on her own dossier.
    r = raw("Inès Martin", "INSERT INTO rating(dossier_id, reviewer_id, criterion, value, justification, updated_at) VALUES (" +
                               std::to_string(ids_[0]) + ", " + reviewer_id("Jean Bernard") + ", 'I.2', 5, 'direct', now())");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("une note ne s'écrit qu'au nom de la personne connectée, Inès Martin"), std::string::npos) << r.error;
    // Nor in someone else's name on an assigned dossier (a row she may not change: silently none, docs/serveur.md).
    r = raw("Inès Martin", "UPDATE rating SET value = 0 WHERE dossier_id = " + std::to_string(ids_[0]) +
                               " AND reviewer_id = " + reviewer_id("Jean Bernard") + " RETURNING 1");
    EXPECT_TRUE(r.ok && r.rows.empty()) << "aucune ligne d'un autre ne doit être modifiable : " << r.error;
    auto check = sql(test::pg_server(), ref_, "SELECT value FROM rating WHERE reviewer_id = " + reviewer_id("Jean Bernard") +
                                            " AND dossier_id = " + std::to_string(ids_[0]));
    ASSERT_EQ(check.rows.size(), 1u);
    EXPECT_EQ(check.rows[0][0], "4");   // Jean's 4 of SetUp, untouched
}

TEST_F(PgAccess, OthersRatingsAreHiddenUntilOneSubmittedOnesOwn) {
    auto ines = as("Inès Martin");
    // Jean's rating of D1 exists (SetUp) but Inès has not submitted hers.
    EXPECT_EQ(ratings_of(ines->load(), ids_[0], "Jean Bernard"), 0u);
    auto r = raw("Inès Martin", "SELECT count(*) FROM rating WHERE dossier_id = " + std::to_string(ids_[0]));
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.rows[0][0], "0");
    r = raw("Inès Martin", "SELECT count(*) FROM journal WHERE action = 'note'");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.rows[0][0], "0");   // nor through the journal's old and new values
    ines->put_ratings({{ids_[0], "Inès Martin", "I.1", 3, "à préciser"}}, "Inès Martin");
    ines->submit(ids_[0], "Inès Martin", "Inès Martin");
    EXPECT_EQ(ratings_of(ines->load(), ids_[0], "Jean Bernard"), 1u);
    EXPECT_EQ(ratings_of(ines->load(), ids_[1], "Jean Bernard"), 0u);   // D2: not hers, not submitted
}

TEST_F(PgAccess, RatingsOfADossierWithADeclaredLinkAreNeverVisible) {
    auto r = raw("Inès Martin", "SELECT count(*) FROM rating WHERE dossier_id = " + std::to_string(ids_[2]));
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.rows[0][0], "0");
    // Submitting on it (to unlock the others' ratings) is refused too.
    r = raw("Inès Martin", "INSERT INTO submission(dossier_id, reviewer, submitted_at) VALUES (" + std::to_string(ids_[2]) +
                               ", 'Inès Martin', now())");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("row-level security"), std::string::npos) << r.error;
    // A committee member reads the ratings, except after declaring a link.
    auto marc = as("Marc Petit");
    EXPECT_EQ(ratings_of(marc->load(), ids_[1], "Jean Bernard"), 1u);
    marc->declare_conflict({"Marc Petit", "Asso Beta", "trésorier", "Marc Petit", server_day()}, "Marc Petit");
    EXPECT_EQ(ratings_of(marc->load(), ids_[1], "Jean Bernard"), 0u);
    r = raw("Marc Petit", "SELECT count(*) FROM rating WHERE dossier_id = " + std::to_string(ids_[1]));
    EXPECT_EQ(r.rows.at(0)[0], "0");
}

// What a trial did in raw SQL as a member of the team (trial 15 F2, F3, F4,
// F7): withdraw a declared link to read the ratings it hides, submit nothing
// to read the others' ratings then rate, change a submitted rating, drop an
// assignment without a link, give an opinion on a dossier one is linked with.
TEST_F(PgAccess, NoLinkWithdrawnNoEmptySubmissionNoChangeAfterSubmitting) {
    const std::string d1 = std::to_string(ids_[0]), d2 = std::to_string(ids_[1]);
    // F2: Marc's link with Asso Beta cannot be turned into a link with another organisme.
    auto marc = as("Marc Petit");
    marc->declare_conflict({"Marc Petit", "Asso Beta", "trésorier", "Marc Petit", server_day()}, "Marc Petit");
    auto r = raw("Marc Petit", "UPDATE conflict SET organisme = 'Asso Inconnue' WHERE reviewer = 'Marc Petit'");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("lien d'intérêts déclaré ne se retire pas"), std::string::npos) << r.error;
    EXPECT_EQ(ratings_of(marc->load(), ids_[1], "Jean Bernard"), 0u);
    // Re-wording it stays possible (the declarer's own text), by Cotation,
    // which journals it; in raw SQL, without its entry, it is refused (trial 15d F2).
    r = raw("Marc Petit", "UPDATE conflict SET declaration = 'trésorier adjoint' WHERE reviewer = 'Marc Petit'");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("sans entrée du journal qui la nomme"), std::string::npos) << r.error;
    EXPECT_NO_THROW(marc->declare_conflict({"Marc Petit", "Asso Beta", "trésorier adjoint", "Marc Petit", server_day()},
                                           "Marc Petit"));
    // F7: no opinion on that dossier.
    r = raw("Marc Petit", "INSERT INTO member_opinion(dossier_id, member, opinion, comment) VALUES (" + d2 +
                              ", 'Marc Petit', 'favorable', 'x')");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("row-level security"), std::string::npos) << r.error;
    // F3: Inès (D1 assigned, nothing rated) cannot submit to unlock Jean's rating.
    r = raw("Inès Martin", "INSERT INTO submission(dossier_id, reviewer, submitted_at) VALUES (" + d1 + ", 'Inès Martin', now())");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("row-level security"), std::string::npos) << r.error;
    auto ines = as("Inès Martin");
    EXPECT_EQ(ratings_of(ines->load(), ids_[0], "Jean Bernard"), 0u);
    // Rated then submitted: her rating no longer changes, by the store or raw SQL.
    ines->put_ratings({{ids_[0], "Inès Martin", "I.1", 3, "à préciser"}}, "Inès Martin");
    ines->submit(ids_[0], "Inès Martin", "Inès Martin");
    EXPECT_THROW(ines->put_ratings({{ids_[0], "Inès Martin", "I.1", 5, "après lecture"}}, "Inès Martin"), Error);
    r = raw("Inès Martin", "UPDATE rating SET value = 5 WHERE dossier_id = " + d1 + " AND reviewer_id = " +
                               reviewer_id("Inès Martin") + " RETURNING 1");
    EXPECT_TRUE(r.ok && r.rows.empty()) << "une note soumise ne change plus : " << r.error;
    auto check = sql(test::pg_server(), ref_, "SELECT value FROM rating WHERE reviewer_id = " + reviewer_id("Inès Martin") +
                                            " AND dossier_id = " + d1);
    ASSERT_EQ(check.rows.size(), 1u);
    EXPECT_EQ(check.rows[0][0], "3");
    // F4: Jean has no link with Asso Beta: his assignment to D2 stays. He holds no DELETE (trial 15f F2),
    // and the owner's function that a link lets him use deletes nothing without one.
    r = raw("Jean Bernard", "DELETE FROM assignment WHERE dossier_id = " + d2 + " AND reviewer = 'Jean Bernard' RETURNING 1");
    EXPECT_FALSE(r.ok && !r.rows.empty()) << r.error;
    r = raw("Jean Bernard", "SELECT cotation_remove_assignment(" + d2 + ", 'Jean Bernard')");
    EXPECT_TRUE(r.ok) << r.error;
    check = sql(test::pg_server(), ref_, "SELECT count(*) FROM assignment WHERE dossier_id = " + d2 + " AND reviewer = 'Jean Bernard'");
    EXPECT_EQ(check.rows.at(0)[0], "1");
}

TEST_F(PgAccess, CommitteeMemberCannotRate) {
    auto marc = as("Marc Petit");
    EXPECT_THROW(marc->put_ratings({{ids_[0], "Marc Petit", "I.1", 5, "avis"}}, "Marc Petit"), Error);
    auto r = raw("Marc Petit", "INSERT INTO rating(dossier_id, reviewer_id, criterion, value, justification, updated_at) "
                               "VALUES (" + std::to_string(ids_[0]) + ", " + reviewer_id("Jean Bernard") +
                                   ", 'I.9', 5, 'direct', now())");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("permission denied"), std::string::npos) << r.error;
}

TEST_F(PgAccess, OnlyTheCoordinatorConsolidatesDecidesAndCloses) {
    Decision d;
    d.kind = DecisionKind::Retained;
    d.motive = "meilleur projet";
    d.date = Date{2025, 6, 1};
    for (const std::string who : {"Inès Martin", "Jean Bernard", "Marc Petit"}) {
        auto s = as(who);
        EXPECT_THROW(s->put_consolidation(ids_[0], {"I.1", Rational(4), "écart", who}, who), Error) << who;
        EXPECT_THROW(s->put_decision(ids_[0], d, who), Error) << who;
        // « d'enregistrer », never « de enregistrer » (trial 15 F9).
        std::string m = test::message_of([&] { s->put_decision(ids_[0], d, who); });
        EXPECT_NE(m.find("» d'enregistrer une décision"), std::string::npos) << m;
        EXPECT_THROW(s->close("fin", who), Error) << who;
        for (const char* q : {"UPDATE campaign SET closed_at = now()",
                              "INSERT INTO consolidation(dossier_id, criterion, value, author, decided_at) VALUES (1, 'I.1', '4', 'x', now())",
                              "INSERT INTO decision(dossier_id, kind, motive, decided_on, author, recorded_at) VALUES (1, 'retenu', 'x', '2025-06-01', 'x', now())"}) {
            auto r = raw(who, q);
            EXPECT_FALSE(r.ok) << who << " : " << q;
            EXPECT_NE(r.error.find("permission denied"), std::string::npos) << r.error;
        }
    }
    EXPECT_TRUE(as("Inès Martin")->closed_since().empty());
    auto claire = as("Claire Durand");
    claire->put_consolidation(ids_[0], {"I.1", Rational(4), "écart de notes", "Claire Durand"}, "Claire Durand");
    claire->put_decision(ids_[0], d, "Claire Durand");
    claire->close("instruction terminée", "Claire Durand");
    EXPECT_FALSE(claire->closed_since().empty());
}

TEST_F(PgAccess, JournalNamesTheDatabaseRoleAndIsAppendOnlyForTheTeam) {
    // A typed name does not decide who acts: the role does. (Inès: Jean has
    // submitted D1, and a submitted rating no longer changes.)
    auto ines = as("Inès Martin");
    ines->put_ratings({{ids_[0], "Inès Martin", "I.2", 5, "bon ancrage"}}, "Quelqu'un d'autre");
    auto last = sql(test::pg_server(), ref_, "SELECT actor, db_role FROM journal ORDER BY seq DESC LIMIT 1");
    ASSERT_EQ(last.rows.size(), 1u);
    EXPECT_EQ(last.rows[0][0], "Inès Martin (compte " + account("Inès Martin") + ")");   // as on a file (trial 15b F15)
    EXPECT_EQ(last.rows[0][1], account("Inès Martin"));
    // An entry in another's name, in raw SQL: refused.
    auto r = raw("Jean Bernard", "INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash) "
                                 "VALUES (9999, 'x', 'Claire Durand', 'note', 'x', '', '', '', '')");
    EXPECT_FALSE(r.ok);
    // (A member's entry naming no row is refused first since trial 15b F8;
    // the coordinator's « note » must say what its rating holds since trial 15f F6.)
    EXPECT_NE(r.error.find("ne nomme aucune ligne"), std::string::npos) << r.error;
    r = raw("Claire Durand", "INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash) "
                             "VALUES (9999, 'x', 'Jean Bernard', 'note', 'x', '', '', '', '')");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("entrée « note » du journal refusée : elle doit nommer une seule note"), std::string::npos) << r.error;
    // In another's name, another kind: row-level security.
    r = raw("Claire Durand", "INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash) "
                             "VALUES (9999, 'x', 'Jean Bernard', 'campagne.parametre', 'x', '', '', '', '')");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("row-level security"), std::string::npos) << r.error;
    // Changing or removing entries: refused to every role of the team, the coordinator included.
    for (const std::string who : {"Claire Durand", "Jean Bernard", "Marc Petit"}) {
        for (const char* q : {"UPDATE journal SET actor = 'x'", "DELETE FROM journal", "TRUNCATE journal"}) {
            auto x = raw(who, q);
            EXPECT_FALSE(x.ok && !x.rows.empty()) << who << " : " << q;
            auto n = sql(test::pg_server(), ref_, "SELECT count(*) FROM journal WHERE actor = 'x'");
            EXPECT_EQ(n.rows.at(0)[0], "0") << who << " : " << q;
        }
    }
    EXPECT_TRUE(as("Claire Durand")->verify_journal().ok);
    // Inès does not read Jean's ratings yet: her verification says why, not « falsifié ».
    try {
        as("Inès Martin")->verify_journal();
        ADD_FAILURE() << "vérification partielle acceptée";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("rôle du coordonnateur"), std::string::npos) << e.what();
    }
}

// Trial 15 F1: a member inserted, in raw SQL and in their own name, an
// entry with a false hash, seq and time; the journal no longer verified, for
// ever. The server now chains every entry itself (journal_chain).
TEST_F(PgAccess, TheServerChainsAJournalEntryForgedInRawSql) {
    auto head = sql(test::pg_server(), ref_, "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1");
    ASSERT_EQ(head.rows.size(), 1u);
    const long long seq = std::stoll(head.rows[0][0]);
    // (The coordinator's: a member's entry naming no row is refused since trial 15b F8, below.)
    auto r = raw("Claire Durand", "INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash) "
                                  "VALUES (1, '2099-01-01T12:00:00Z', 'Claire Durand', 'procedure', 'procedure/essai', "
                                  "'', '5', 'bidon', 'bidon')");
    ASSERT_TRUE(r.ok) << r.error;
    auto forged = sql(test::pg_server(), ref_, "SELECT seq, prev_hash, hash, at > '2099' FROM journal ORDER BY seq DESC LIMIT 1");
    ASSERT_EQ(forged.rows.size(), 1u);
    EXPECT_EQ(std::stoll(forged.rows[0][0]), seq + 1);   // not 1: after the head
    EXPECT_EQ(forged.rows[0][1], head.rows[0][1]);       // chained on the head
    EXPECT_EQ(forged.rows[0][2].size(), 64u);            // computed, not « bidon »
    EXPECT_EQ(forged.rows[0][3], "f");                   // the server's time, not the year 2099
    // The chain verifies, and Cotation's own entries follow it.
    auto claire = as("Claire Durand");
    EXPECT_TRUE(claire->verify_journal().ok);
    as("Inès Martin")->put_ratings({{ids_[0], "Inès Martin", "I.2", 4, "bon ancrage"}}, "Inès Martin");
    claire->put_consolidation(ids_[0], {"I.1", Rational(4), "écart", "Claire Durand"}, "Claire Durand");
    auto check = claire->verify_journal();
    EXPECT_TRUE(check.ok) << (check.problems.empty() ? "" : check.problems.front());
    EXPECT_EQ(check.head.entries, seq + 3);
}

// Trial 15b F8: an instructor's « decision » written in raw SQL showed in
// `journal show` and the Journal view as genuine. What only the coordinator
// does is journaled by the coordinator's role: refused to another; the
// coordinator's own entries go on.
TEST_F(PgAccess, AnEntryOnlyTheCoordinatorWritesIsRefusedToAnotherRole) {
    auto r = raw("Jean Bernard", "INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash) "
                                 "VALUES (0, '', 'Jean Bernard', 'decision', 'dossier/D1', '', 'retenu (faux)', '', '')");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("une entrée « decision » du journal est du coordonnateur"), std::string::npos) << r.error;
    auto claire = as("Claire Durand");
    claire->put_consolidation(ids_[0], {"I.1", Rational(4), "écart", "Claire Durand"}, "Claire Durand");
    auto check = claire->verify_journal();
    EXPECT_TRUE(check.ok) << (check.problems.empty() ? "" : check.problems.front());
}

// Trial 15 F9: a coordinator's raw « UPDATE campaign SET closed_at = NULL »
// reopened a closed campaign with no reason in the journal; `partager`
// without the right to create said « faire cette opération »; a demo made by
// root gave the server a LOGIN role « root », coordinator.
TEST_F(PgAccess, RawReopeningNoCreateRightAndAdministrativeAccountsAreRefused) {
    auto claire = as("Claire Durand");
    claire->close("instruction terminée", "Claire Durand");
    auto r = raw("Claire Durand", "UPDATE campaign SET closed_at = NULL");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("ne se rouvre que par Cotation"), std::string::npos) << r.error;
    EXPECT_FALSE(claire->closed_since().empty());
    claire->reopen("une note à corriger", "Claire Durand");   // through Cotation: the reason journaled
    EXPECT_TRUE(claire->closed_since().empty());
    EXPECT_TRUE(claire->verify_journal().ok);

    Campaign c;
    c.reference = ref_ + "-B";
    PinnedGrid g{"essai", "1", "essai.xml", "<grille id=\"essai\" version=\"1\"/>", "", "", "", ""};
    std::string m = test::message_of([&] { create_pg_store(uri("Inès Martin") + "-B", c, g, "Inès Martin"); });
    EXPECT_NE(m.find("il lui manque le droit CREATE sur la base"), std::string::npos) << m;

    // (« postgres »: no such role on the throw-away cluster, whose superuser is « cotation »;
    // a role of that name the service made itself would be its own choice.)
    open_pg_store(admin_)->put_person(Person{"Claire Durand", Role::Coordinator, "Département", true, "postgres"}, "service");
    m = test::message_of([&] { apply_pg_roles(admin_); });
    EXPECT_NE(m.find("a pour compte « postgres », un compte d'administration"), std::string::npos) << m;
    EXPECT_NE(m.find("--changer-compte 'Claire Durand' --compte LOGIN"), std::string::npos) << m;
    EXPECT_NE(pg_roles_sql(admin_).find("-- Claire Durand : lié au compte « postgres »"), std::string::npos);
    EXPECT_EQ(pg_roles_sql(admin_).find("CREATE ROLE \"postgres\""), std::string::npos);
    EXPECT_EQ(sql(test::pg_server(), ref_, "SELECT count(*) FROM pg_roles WHERE rolname = 'postgres'").rows.at(0)[0], "0");
}

// Trial 15b F7: the coordinator reopened a closed campaign in SQL, the
// UPDATE with an entry « campagne.reouverture » typed beside it: accepted,
// then `journal verify` said the campaign row differed and `exporter`
// refused to archive. The reopening's entry must name the campaign's row as
// the transaction leaves it, as Cotation's does: refused, still closed, the
// journal intact; Cotation's reopening passes.
TEST_F(PgAccess, AReopeningTypedInSqlBesideTheUpdateIsRefused) {
    auto claire = as("Claire Durand");
    claire->close("instruction terminée", "Claire Durand");
    const auto count = [&] { return sql(test::pg_server(), ref_, "SELECT count(*) FROM journal").rows.at(0)[0]; };
    const std::string before = count();
    auto r = raw("Claire Durand",
                 "UPDATE campaign SET closed_at = NULL; "
                 "INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash, rows) VALUES "
                 "(0, '', 'Claire Durand', 'campagne.reouverture', 'campagne/etat', 'close', 'rouverte — motif inventé en SQL', "
                 "'', '', '')");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("ne se rouvre que par Cotation"), std::string::npos) << r.error;
    EXPECT_FALSE(claire->closed_since().empty());
    EXPECT_EQ(count(), before);
    EXPECT_TRUE(claire->verify_journal().ok);
    claire->reopen("une note à corriger", "Claire Durand");
    EXPECT_TRUE(claire->closed_since().empty());
    EXPECT_TRUE(claire->verify_journal().ok);
}

// Trial 15b F10: the setup had the coordinator share the campaign under the
// owner's account, which can do anything (down to suspending the journal's
// triggers). Applying the team's rights is refused while a person of the
// team holds the owner's rights (here the coordinator's role made a member
// of the owner, the test server's « cotation »), naming them; once revoked it passes.
TEST_F(PgAccess, TheTeamsRightsAreNotAppliedWhileAPersonHoldsTheOwners) {
    const std::string owner =
        sql(test::pg_server(), ref_, "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = '" + ref_ + "'").rows.at(0)[0];
    sql(test::pg_server(), ref_, "GRANT \"" + owner + "\" TO " + account("Claire Durand"));
    std::string m = test::message_of([&] { apply_pg_roles(admin_); });
    sql(test::pg_server(), ref_, "REVOKE \"" + owner + "\" FROM " + account("Claire Durand"));
    EXPECT_NE(m.find("Claire Durand, de l'équipe, détient par son compte « " + account("Claire Durand") +
                     " » les droits du propriétaire de la campagne"),
              std::string::npos)
        << m;
    EXPECT_NE(m.find("aucun droit n'a été appliqué"), std::string::npos) << m;
    EXPECT_NO_THROW(apply_pg_roles(admin_));
    // Trial 15f F7: a team changed in SQL by the coordinator (Marc made coordinator) is not applied: named, refused.
    ASSERT_TRUE(raw("Claire Durand", "UPDATE person SET role = 'coordinateur' WHERE name = 'Marc Petit'").ok);
    m = test::message_of([&] { apply_pg_roles(admin_); });
    EXPECT_NE(m.find("l'équipe n'est pas celle que le journal a enregistrée ; aucun droit n'a été appliqué : table person, "
                     "ligne name='Marc Petit' : diffère"), std::string::npos) << m;
    const PgTeamRoles g = pg_team_roles(ref_);
    EXPECT_EQ(raw("Marc Petit", "SELECT pg_has_role('" + g.coordinator + "', 'MEMBER')").rows.at(0)[0], "f");
}

// Trial 15b F1: after « SET ROLE » to the committee group, current_user was
// the group, the person vanished from the link test, and a member linked
// with a dossier read all its ratings. The person is the login role.
TEST_F(PgAccess, SetRoleToTheGroupKeepsThePersonAndTheirLink) {
    const std::string d1 = std::to_string(ids_[0]), d2 = std::to_string(ids_[1]);
    as("Marc Petit")->declare_conflict({"Marc Petit", "Asso Beta", "trésorier", "Marc Petit", server_day()}, "Marc Petit");
    PgTeamRoles g = pg_team_roles(ref_);
    auto r = raw("Marc Petit", "SET ROLE \"" + g.committee + "\"; SELECT count(*) FROM rating WHERE dossier_id = " + d2);
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.rows.at(0)[0], "0");
    r = raw("Marc Petit", "SET ROLE \"" + g.committee + "\"; SELECT count(*) FROM journal WHERE action = 'note' AND entity LIKE 'dossier/D2/%'");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.rows.at(0)[0], "0");
    // The control: D1, without a link, he reads (Jean's rating).
    r = raw("Marc Petit", "SET ROLE \"" + g.committee + "\"; SELECT count(*) FROM rating WHERE dossier_id = " + d1);
    EXPECT_EQ(r.rows.at(0)[0], "1");
    // Inès, as her group, has not submitted D1: nothing of Jean's.
    r = raw("Inès Martin", "SET ROLE \"" + g.instructor + "\"; SELECT count(*) FROM rating WHERE dossier_id = " + d1);
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.rows.at(0)[0], "0");
}

// Trial 15b F2: groups were named from the campaign's first 40 bytes; two
// campaigns sharing them shared their groups, and the instructor of one was
// the coordinator of the other.
TEST_F(PgAccess, TwoCampaignsSharingTheirFirst40BytesHaveTheirOwnGroups) {
    ASSERT_EQ(pg_team_roles(ref_).coordinator, ref_ + "/coordonnateur");   // a short name keeps its groups
    const std::string base = ref_ + std::string(40 - ref_.size(), 'X');
    const std::string a = base + "-A", b = base + "-B";
    PgTeamRoles ga = pg_team_roles(a), gb = pg_team_roles(b);
    EXPECT_NE(ga.coordinator, gb.coordinator);
    EXPECT_NE(ga.instructor, gb.instructor);
    EXPECT_NE(ga.committee, gb.committee);
    EXPECT_LE(ga.coordinator.size(), 63u);
    // A cut in the middle of « é » would not be a valid name.
    EXPECT_LE(pg_team_roles(std::string(35, 'x') + "éééééééééé").coordinator.size(), 63u);
    auto uri_of = [&](const std::string& name) { return test::pg_server() + (test::pg_server().find('?') == std::string::npos ? "?" : "&") + "campagne=" + name; };
    auto drop = [&] {
        for (const auto& name : {a, b}) {
            drop_pg_campaign(uri_of(name));
            PgTeamRoles g = pg_team_roles(name);
            for (const auto& r : {g.coordinator, g.instructor, g.committee}) sql(test::pg_server(), ref_, "DROP ROLE IF EXISTS \"" + r + "\"");
        }
    };
    drop();
    PinnedGrid grid{"essai", "1", "essai.xml", "<grille id=\"essai\" version=\"1\"/>", "", "", "", ""};
    // Jean coordinates B and instructs A; Claire coordinates A.
    for (const auto& [name, jean] : {std::pair{a, Role::Instructor}, std::pair{b, Role::Coordinator}}) {
        Campaign c;
        c.reference = name;
        auto s = create_pg_store(uri_of(name), c, grid, "service");
        s->put_person(Person{"Jean Bernard", jean, "Département", true, account("Jean Bernard")}, "service");
        if (name == a) s->put_person(Person{"Claire Durand", Role::Coordinator, "Département", true, account("Claire Durand")}, "service");
        apply_pg_roles(uri_of(name));
    }
    auto r = sql(test::pg_uri_as(account("Jean Bernard"), "mdp-" + account("Jean Bernard")), a, "UPDATE campaign SET closed_at = now()");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("permission denied"), std::string::npos) << r.error;
    EXPECT_TRUE(open_pg_store(uri_of(a))->closed_since().empty());
    drop();
}

// Trial 15b F5: in SQL an instructor submitted with 5 ratings of 17, then
// read the others'. The database asks, as the core, a justified rating for
// every criterion of the campaign's grid.
TEST_F(PgAccess, SubmittingInSqlNeedsEveryCriterionOfTheGrid) {
    sql(test::pg_server(), ref_, "UPDATE campaign SET grid_xml = '<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                           "<grid id=\"essai\" version=\"1\" title=\"Essai\" scale-max=\"5\"><theme id=\"I\">"
                           "<criterion id=\"I.1\"/><criterion id=\"I.2\"/></theme></grid>'");
    const std::string d1 = std::to_string(ids_[0]);
    std::string me;
    const std::string submit = "INSERT INTO submission(dossier_id, reviewer, submitted_at) VALUES (" + d1 + ", 'Inès Martin', now())";
    as("Inès Martin")->put_ratings({{ids_[0], "Inès Martin", "I.1", 3, "à préciser"}}, "Inès Martin");
    auto r = raw("Inès Martin", submit);   // I.2 missing
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("row-level security"), std::string::npos) << r.error;
    me = reviewer_id("Inès Martin");
    // Her ratings through the store, which journals them (a rating written
    // in SQL without its entry is refused since trial 15d F2); the store
    // itself does not check the justification, the server's submission does.
    as("Inès Martin")->put_ratings({{ids_[0], "Inès Martin", "I.2", 4, "  "}}, "Inès Martin");
    r = raw("Inès Martin", submit);   // I.2 not justified
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(raw("Inès Martin", "SELECT count(*) FROM rating WHERE dossier_id = " + d1).rows.at(0)[0], "2");   // hers only
    as("Inès Martin")->put_ratings({{ids_[0], "Inès Martin", "I.2", 4, "bon ancrage"}}, "Inès Martin");
    // Now allowed by the policy; in raw SQL it still needs its entry (trial 15d F2), by Cotation it passes.
    r = raw("Inès Martin", submit);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("de la table « submission » a été écrite"), std::string::npos) << r.error;
    EXPECT_NO_THROW(as("Inès Martin")->submit(ids_[0], "Inès Martin", "Inès Martin"));
    EXPECT_EQ(raw("Inès Martin", "SELECT count(*) FROM rating WHERE dossier_id = " + d1).rows.at(0)[0], "3");   // and Jean's
}

// Trial 15b F6: consolidated ratings (and their journal entries) were read
// by a member linked with the dossier and by an instructor who had not submitted.
TEST_F(PgAccess, ConsolidatedRatingsFollowTheRuleOfRatings) {
    auto claire = as("Claire Durand");
    claire->put_consolidation(ids_[0], {"I.1", Rational(4), "écart", "Claire Durand"}, "Claire Durand");
    claire->put_consolidation(ids_[2], {"I.1", Rational(3), "écart", "Claire Durand"}, "Claire Durand");
    auto count = [&](const std::string& who, const std::string& q) {
        auto r = raw(who, q);
        EXPECT_TRUE(r.ok) << r.error;
        return r.ok ? r.rows.at(0)[0] : std::string("?");
    };
    const std::string table = "SELECT count(*) FROM consolidation", journal = "SELECT count(*) FROM journal WHERE action = 'consolidation'";
    EXPECT_EQ(count("Inès Martin", table), "0");   // D1 not submitted, D3 linked
    EXPECT_EQ(count("Inès Martin", journal), "0");
    EXPECT_EQ(count("Marc Petit", table), "2");    // the control: a committee member without a link
    EXPECT_EQ(count("Marc Petit", journal), "2");
    auto ines = as("Inès Martin");
    ines->put_ratings({{ids_[0], "Inès Martin", "I.1", 3, "à préciser"}}, "Inès Martin");
    ines->submit(ids_[0], "Inès Martin", "Inès Martin");
    EXPECT_EQ(count("Inès Martin", table), "1");   // D1 now; D3 never
    EXPECT_EQ(count("Inès Martin", journal), "1");
}

// Trial 15b F4: a member inserted in SQL an entry whose « rows » gave false
// digests of untouched rows: `journal verify` accused them and `exporter`
// refused, for ever. From anyone but the owner, each row an entry vouches
// for must be one its transaction wrote, with the digest it has now.
TEST_F(PgAccess, AJournalEntryCannotVouchForRowsItsTransactionDidNotWrite) {
    // The dossier D1's true digest, as the journal last gave it.
    auto last = sql(test::pg_server(), ref_, "SELECT substring(rows FROM E'dossier\\tid=1\\t([0-9a-f]+)') FROM journal "
                                       "WHERE rows LIKE E'%dossier\\tid=1\\t%' ORDER BY seq DESC LIMIT 1");
    ASSERT_EQ(last.rows.size(), 1u);
    const std::string truth = last.rows[0][0];
    ASSERT_EQ(truth.size(), 32u);
    auto entry = [&](const std::string& rows) {
        return "INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash, rows) VALUES "
               "(0, '', 'Jean Bernard', 'note', 'dossier/D1/note/Jean Bernard/I.1', '', 'x', '', '', E'" + rows + "')";
    };
    const std::string rating_key = "rating\\tdossier_id=" + std::to_string(ids_[0]) + ", reviewer_id=" + reviewer_id("Jean Bernard") +
                                   ", criterion=''I.1''\\t";
    for (const std::string& forged : {rating_key + std::string(32, '0') + "\\n",          // a false digest
                                      std::string("dossier\\tid=1\\t") + truth + "\\n",   // true, but not written by it
                                      std::string("dossier\\tid=1\\t-\\n"),               // « removed », still there
                                      std::string("journal\\tseq=1\\t") + truth + "\\n"}) {
        auto r = raw("Jean Bernard", entry(forged));
        EXPECT_FALSE(r.ok) << forged;
        EXPECT_NE(r.error.find("entrée du journal refusée"), std::string::npos) << r.error;
    }
    // Without rows it is refused too (trial 15b F8, AMembersOwnEntryMustNameARowItsTransactionWrote);
    // everything still verifies.
    EXPECT_FALSE(raw("Jean Bernard", entry("")).ok);
    auto claire = as("Claire Durand");
    auto check = claire->verify_journal();
    EXPECT_TRUE(check.ok) << (check.problems.empty() ? "" : check.problems.front());
    // Cotation's own writes, from a member, inside a savepoint too, still pass.
    as("Inès Martin")->put_ratings({{ids_[0], "Inès Martin", "I.1", 3, "à préciser"}}, "Inès Martin");
    as("Marc Petit")->declare_conflict({"Marc Petit", "Asso Beta", "trésorier", "Marc Petit", server_day()}, "Marc Petit");
    check = claire->verify_journal();
    EXPECT_TRUE(check.ok) << (check.problems.empty() ? "" : check.problems.front());
}

// Trial 15b F8: a member's entry of their own kind typed in SQL (a « note »
// covering no row, or only a row « removed » that never existed) was chained
// and shown by `journal show` as Cotation's. It must name a row its own
// transaction wrote; the member's entries written by Cotation go on,
// a document removed (its only line « - ») included.
TEST_F(PgAccess, AMembersOwnEntryMustNameARowItsTransactionWrote) {
    auto entry = [&](const std::string& who, const std::string& action, const std::string& rows) {
        return "INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash, rows) VALUES "
               "(0, '', '" + who + "', '" + action + "', 'dossier/D1/note/" + who + "/I.3', '', '5 — inventée', '', '', E'" +
               rows + "')";
    };
    const std::string never = "rating\\tdossier_id=" + std::to_string(ids_[0]) + ", reviewer_id=99, criterion=''I.9''\\t-\\n";
    const auto count = [&] { return sql(test::pg_server(), ref_, "SELECT count(*) FROM journal").rows.at(0)[0]; };
    const std::string before = count();
    for (const auto& [who, action, rows] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"Inès Martin", "note", ""}, {"Inès Martin", "note", never}, {"Jean Bernard", "soumission", ""},
             {"Marc Petit", "avis", ""}, {"Inès Martin", "dossier.piece", ""}}) {
        auto r = raw(who, entry(who, action, rows));
        EXPECT_FALSE(r.ok) << who << " " << action << " " << rows;
        // A rating « removed » is refused before the rows are read (trial 15c F6).
        EXPECT_NE(r.error.find(rows == never ? "ou pas sur ces lignes" : "ne nomme aucune ligne écrite par cette transaction"),
                  std::string::npos)
            << r.error;
    }
    EXPECT_EQ(count(), before);
    // The same member through Cotation: a rating, a document received then removed.
    auto ines = as("Inès Martin");
    ines->put_ratings({{ids_[0], "Inès Martin", "I.3", 5, "bon partenariat"}}, "Inès Martin");
    Dossier d = ines->load().dossiers.at(0), with = d;
    with.documents.insert("budget");
    ines->update_dossier(d, with, "Inès Martin");
    ines->update_dossier(with, d, "Inès Martin");
    EXPECT_EQ(std::stoll(count()), std::stoll(before) + 3);
    auto check = as("Claire Durand")->verify_journal();
    EXPECT_TRUE(check.ok) << (check.problems.empty() ? "" : check.problems.front());
}

// Trial 15c F5: a member rewrote one of their own rows as it was (so that
// the transaction wrote it, its digest unchanged) and inserted an entry of
// another kind naming it: an instructor's « affectation », a committee
// member's « note » naming their link. Both were chained as genuine. A
// member's entry is of a kind their role writes, on rows of that kind's
// tables; Cotation's own entries of theirs still pass.
TEST_F(PgAccess, AMembersEntryIsOfAKindTheirRoleWritesOnRowsOfThatKind) {
    as("Inès Martin")->put_ratings({{ids_[0], "Inès Martin", "I.2", 3, "à préciser"}}, "Inès Martin");
    as("Marc Petit")->declare_conflict({"Marc Petit", "Asso Beta", "trésorier", "Marc Petit", server_day()}, "Marc Petit");
    // The rows line of one table from the member's last entry of that kind, as a SQL literal.
    auto line_of = [&](const std::string& action, const std::string& table) {
        auto r = sql(test::pg_server(), ref_, "SELECT rows FROM journal WHERE action = '" + action + "' ORDER BY seq DESC LIMIT 1");
        std::string rows = r.rows.at(0)[0], out;
        for (std::size_t at = 0; at < rows.size();) {
            auto end = rows.find('\n', at);
            std::string l = rows.substr(at, end == std::string::npos ? std::string::npos : end - at);
            if (l.rfind(table + "\t", 0) == 0) out += l + "\n";
            at = end == std::string::npos ? rows.size() : end + 1;
        }
        std::string quoted;
        for (char c : out) quoted += c == '\'' ? std::string("''") : std::string(1, c);
        return quoted;
    };
    auto entry = [&](const std::string& who, const std::string& action, const std::string& entity, const std::string& rows) {
        return "INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash, rows) VALUES "
               "(0, '', '" + who + "', '" + action + "', '" + entity + "', '', 'inventée', '', '', '" + rows + "')";
    };
    const std::string rating = line_of("note", "rating"), link = line_of("conflit", "conflict");
    ASSERT_FALSE(rating.empty());
    ASSERT_FALSE(link.empty());
    const auto count = [&] { return sql(test::pg_server(), ref_, "SELECT count(*) FROM journal").rows.at(0)[0]; };
    const std::string before = count();
    const std::string ines = reviewer_id("Inès Martin");
    auto r = raw("Inès Martin", "UPDATE rating SET value = value WHERE dossier_id = " + std::to_string(ids_[0]) +
                                    " AND reviewer_id = " + ines + " AND criterion = 'I.2'; " +
                                    entry("Inès Martin", "affectation", "dossier/D1/affectation/Inès Martin", rating));
    EXPECT_FALSE(r.ok) << "affectation par une instructrice";
    EXPECT_NE(r.error.find("n'inscrit pas d'entrée « "), std::string::npos) << r.error;
    r = raw("Marc Petit", "UPDATE conflict SET declaration = declaration WHERE reviewer = 'Marc Petit'; " +
                              entry("Marc Petit", "note", "dossier/D1/note/Marc Petit/I.1", link));
    EXPECT_FALSE(r.ok) << "note par un membre de commission";
    EXPECT_NE(r.error.find("n'inscrit pas d'entrée « "), std::string::npos) << r.error;
    // An instructor's own kind on another kind's rows: a « soumission » naming a rating.
    r = raw("Inès Martin", "UPDATE rating SET value = value WHERE dossier_id = " + std::to_string(ids_[0]) +
                               " AND reviewer_id = " + ines + " AND criterion = 'I.2'; " +
                               entry("Inès Martin", "soumission", "dossier/D1/soumission/Inès Martin", rating));
    EXPECT_FALSE(r.ok) << "soumission nommant une note";
    EXPECT_EQ(count(), before);
    // The control: the same rewrite with an entry of its kind passes, worded
    // as Cotation words it (trial 15d F2: the wording is the row's).
    r = raw("Inès Martin", "UPDATE rating SET value = value WHERE dossier_id = " + std::to_string(ids_[0]) +
                               " AND reviewer_id = " + ines + " AND criterion = 'I.2'; " +
                               "INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash, rows) "
                               "VALUES (0, '', 'Inès Martin', 'note', 'dossier/D1/note/Inès Martin/I.2', '3 — à préciser', "
                               "'3 — à préciser', '', '', '" + rating + "')");
    EXPECT_TRUE(r.ok) << r.error;
    // Cotation's own entries of members still pass.
    as("Inès Martin")->put_ratings({{ids_[0], "Inès Martin", "I.3", 4, "bon"}}, "Inès Martin");
    as("Marc Petit")->declare_conflict({"Marc Petit", "Asso Alpha", "adhérent", "Marc Petit", server_day()}, "Marc Petit");
    EXPECT_EQ(std::stoll(count()), std::stoll(before) + 3);
}

// Trial 15d F2: an instructor changed her own rating in psql, under her own
// role, with no journal entry: accepted, then `journal verify` named the
// row and `exporter` refused the whole team's campaign. At the commit, every
// row a member's transaction wrote must be given, as the transaction leaves
// it, by the last entry of that transaction naming it; and a « note » entry
// says what the rating row holds (not a wording of the member's choice).
TEST_F(PgAccess, AMembersRowsWrittenInSqlWithoutTheirEntryAreRefusedAtCommit) {
    as("Inès Martin")->put_ratings({{ids_[0], "Inès Martin", "I.2", 3, "à préciser"}}, "Inès Martin");
    const std::string ines = reviewer_id("Inès Martin"), d1 = std::to_string(ids_[0]);
    const std::string where = " WHERE dossier_id = " + d1 + " AND reviewer_id = " + ines + " AND criterion = 'I.2'";
    auto r = sql(test::pg_server(), ref_, "SELECT rows FROM journal WHERE action = 'note' ORDER BY seq DESC LIMIT 1");
    std::string line;   // the rating's line of its entry, as a SQL literal's text
    const std::string rows = r.rows.at(0)[0];
    for (char c : rows.substr(0, rows.find('\n') + 1)) line += c == '\'' ? std::string("''") : std::string(1, c);
    ASSERT_EQ(line.rfind("rating\t", 0), 0u) << line;
    auto note = [&](const std::string& old_value, const std::string& new_value) {
        return "INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash, rows) VALUES "
               "(0, '', 'Inès Martin', 'note', 'dossier/D1/note/Inès Martin/I.2', '" + old_value + "', '" + new_value +
               "', '', '', '" + line + "')";
    };
    const auto count = [&] { return sql(test::pg_server(), ref_, "SELECT count(*) FROM journal").rows.at(0)[0]; };
    const auto value = [&] {
        return sql(test::pg_server(), ref_, "SELECT value || ' — ' || justification FROM rating" + where).rows.at(0)[0];
    };
    const std::string before = count();
    // Her own rating, changed in SQL with no entry: refused at the commit, in French, naming the row.
    r = raw("Inès Martin", "UPDATE rating SET value = 5" + where);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("la ligne « dossier_id=" + d1 + ", reviewer_id=" + ines + ", criterion='I.2' » de la table « rating » "
                           "a été écrite par le rôle « " + account("Inès Martin") + " » sans entrée du journal qui la nomme"),
              std::string::npos)
        << r.error;
    // A fact of an assigned dossier the same way.
    r = raw("Inès Martin", "INSERT INTO dossier_fact(dossier_id, fact, value) VALUES (" + d1 + ", 'places', '99')");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("de la table « dossier_fact » a été écrite"), std::string::npos) << r.error;
    // With a « note » entry of her wording: the row says 3 — à préciser.
    r = raw("Inès Martin", "UPDATE rating SET value = value" + where + "; " + note("", "5 — inventée"));
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("entrée « note » du journal refusée"), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("dossier/D1/note/Inès Martin/I.2 : « 3 — à préciser »"), std::string::npos) << r.error;
    // The right wording, after which the row is changed again: refused at the commit.
    r = raw("Inès Martin", "UPDATE rating SET value = value" + where + "; " + note("3 — à préciser", "3 — à préciser") +
                               "; UPDATE rating SET value = 5" + where);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("n'est plus telle que l'entrée n° "), std::string::npos) << r.error;
    EXPECT_EQ(count(), before);
    EXPECT_EQ(value(), "3 — à préciser");
    // Cotation's own writes of a member pass: a rating, a piece received then removed, a link.
    auto mine = as("Inès Martin");
    mine->put_ratings({{ids_[0], "Inès Martin", "I.2", 4, "revu"}}, "Inès Martin");
    Dossier d = mine->load().dossiers.at(0), with = d;
    with.documents.insert("budget");
    with.facts["places"] = Rational(12);
    mine->update_dossier(d, with, "Inès Martin");
    mine->update_dossier(with, d, "Inès Martin");
    as("Marc Petit")->declare_conflict({"Marc Petit", "Asso Beta", "trésorier", "Marc Petit", server_day()}, "Marc Petit");
    EXPECT_EQ(value(), "4 — revu");
    auto check = as("Claire Durand")->verify_journal();
    EXPECT_TRUE(check.ok) << (check.problems.empty() ? "" : check.problems.front());
}

// Trial 15e F1: in psql, under their own role, members changed rows and
// appended entries with the rows' true digests but texts of their own: a
// link back-dated and « signed » by the coordinator, an opinion turned
// défavorable under an entry saying favorable, « huit » in a fact under an
// entry « 6 ». Each entry's text is compared with its row, a member's link is
// signed by them and dated by the server, and an entry bears the role's person.
// Digests computed here as ledger.cpp does (« col='val'; », 32 hex digits; the
// organisation's key that Cotation writes last, issue 15 N1).
TEST_F(PgAccess, AMembersEntryMustSayWhatItsRowHoldsSignedAndDatedByTheServer) {
    auto ines = as("Inès Martin");
    ines->declare_conflict({"Inès Martin", "Asso Beta", "sœur cadre", "Inès Martin", server_day()}, "Inès Martin");
    as("Marc Petit")->put_opinion(ids_[0], {"Marc Petit", Opinion::Favourable, "Bon projet"}, "Marc Petit");
    const std::string d1 = std::to_string(ids_[0]);
    auto line = [](const std::string& table, const std::string& key, const std::string& row) {
        std::string out = table + "\t" + key + "\t" + row_ledger::digest(row) + "\n", quoted;
        for (char c : out) quoted += c == '\'' ? std::string("''") : std::string(1, c);
        return quoted;
    };
    auto entry = [](const std::string& actor, const std::string& action, const std::string& entity, const std::string& old_value,
                    const std::string& new_value, const std::string& rows) {
        return "INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash, rows) VALUES "
               "(0, '', '" + actor + "', '" + action + "', '" + entity + "', '" + old_value + "', '" + new_value +
               "', '', '', '" + rows + "')";
    };
    const auto count = [&] { return sql(test::pg_server(), ref_, "SELECT count(*) FROM journal").rows.at(0)[0]; };
    const std::string before = count();
    // Back-dated and signed by the coordinator, the entry true to the row.
    const std::string link_key = "reviewer='Inès Martin', organisme='Asso Beta'";
    auto r = raw("Inès Martin", "UPDATE conflict SET declared_on = '2019-01-15', declared_by = 'Claire Durand' "
                                "WHERE reviewer = 'Inès Martin' AND organisme = 'Asso Beta'; " +
                                    entry("Inès Martin (compte x)", "conflit", "personne/Inès Martin/conflit/Asso Beta", "",
                                          "sœur cadre (déclaré le 15/01/2019 par Claire Durand)",
                                          line("conflict", link_key, "reviewer='Inès Martin';organisme='Asso Beta';declaration="
                                                                     "'sœur cadre';declared_on='2019-01-15';declared_by="
                                                                     "'Claire Durand';organisation_key='asso beta';")));
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("est signé de son nom (« Inès Martin ») et daté du jour du serveur"), std::string::npos) << r.error;
    // The opinion changed, the entry saying favorable.
    r = raw("Marc Petit", "UPDATE member_opinion SET opinion = 'défavorable', comment = 'Projet insuffisant' "
                          "WHERE dossier_id = " + d1 + "; " +
                              entry("Marc Petit", "avis", "dossier/D1/avis/Marc Petit", "favorable — Bon projet",
                                    "favorable — Bon projet (orthographe corrigée)",
                                    line("member_opinion", "dossier_id=" + d1 + ", member='Marc Petit'",
                                         "dossier_id=" + d1 + ";member='Marc Petit';opinion='défavorable';comment="
                                         "'Projet insuffisant';")));
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("entrée « avis » du journal refusée : elle doit nommer une seule ligne écrite par cette transaction "
                           "et dire ce qu'elle porte (dossier/D1/avis/Marc Petit : « défavorable — Projet insuffisant »)"),
              std::string::npos)
        << r.error;
    // A fact the row says « huit », the entry 6.
    r = raw("Inès Martin", "INSERT INTO dossier_fact(dossier_id, fact, value) VALUES (" + d1 + ", 'places', 'huit'); " +
                               entry("Inès Martin", "dossier.fait", "dossier/D1/places", "", "6",
                                     line("dossier_fact", "dossier_id=" + d1 + ", fact='places'",
                                          "dossier_id=" + d1 + ";fact='places';value='huit';")));
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("(dossier/D1/places : « huit »)"), std::string::npos) << r.error;
    // Trial 15f F5: the commune changed (it decides eligibility), the identity's entry « orthographe → orthographe corrigée ».
    r = raw("Inès Martin", "UPDATE dossier SET commune = '13203' WHERE id = " + d1 + "; " +
                               entry("Inès Martin", "dossier.identite", "dossier/D1", "orthographe", "orthographe corrigée",
                                     line("dossier", "id=" + d1, "id=" + d1 + ";reference='D1';organisme='Asso Alpha';"
                                                                 "commune='13203';organisation_key='asso alpha';")));
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("(dossier/D1 : « reference=D1; organisme=Asso Alpha; siret=; finess=; commune=13203 »)"),
              std::string::npos) << r.error;
    // Trial 15f F6: the coordinator's entries too: a decision « non retenu » under an entry « retenu (15) ».
    r = raw("Claire Durand", "INSERT INTO decision(dossier_id, kind, motive, decided_on, author, recorded_at) VALUES (" + d1 +
                                 ", 'non retenu', 'm', '2025-06-01', 'Claire Durand', '2025-06-01T00:00:00Z'); " +
                                 entry("Claire Durand", "decision", "dossier/D1/decision", "", "retenu (15) — m",
                                       line("decision", "dossier_id=" + d1, "dossier_id=" + d1 + ";kind='non retenu';motive='m';"
                                            "decided_on='2025-06-01';author='Claire Durand';"
                                            "recorded_at='2025-06-01T00:00:00Z';")));
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("(dossier/D1/decision : « non retenu — m »)"), std::string::npos) << r.error;
    // And a submitted rating does not change by her either.
    r = raw("Claire Durand", "UPDATE rating SET value = 0 WHERE dossier_id = " + d1 + " AND reviewer_id = " +
                                 reviewer_id("Jean Bernard"));
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("les notes de « Jean Bernard » sur ce dossier sont soumises : elles ne changent plus, par le "
                           "coordonnateur non plus"), std::string::npos) << r.error;
    EXPECT_EQ(count(), before);
    // The control: an entry true to its row passes, signed by the role's person whatever its text says.
    r = raw("Inès Martin", "UPDATE conflict SET declaration = 'sœur cadre de santé' WHERE reviewer = 'Inès Martin' "
                               "AND organisme = 'Asso Beta'; " +
                               entry("Claire Durand", "conflit", "personne/Inès Martin/conflit/Asso Beta", "",
                                     "sœur cadre de santé (déclaré le " + server_day().french_numeric() + " par Inès Martin)",
                                     line("conflict", link_key, "reviewer='Inès Martin';organisme='Asso Beta';declaration="
                                                                "'sœur cadre de santé';declared_on='" + server_day().iso() +
                                                                "';declared_by='Inès Martin';organisation_key='asso beta';")));
    EXPECT_TRUE(r.ok) << r.error;
    EXPECT_EQ(sql(test::pg_server(), ref_, "SELECT actor FROM journal ORDER BY seq DESC LIMIT 1").rows.at(0)[0],
              "Inès Martin (compte " + account("Inès Martin") + ")");
    auto check = as("Claire Durand")->verify_journal();
    EXPECT_TRUE(check.ok) << (check.problems.empty() ? "" : check.problems.front());
}

// Trial 15e F2: the coordinator changed a submitted rating in SQL; the next
// write of that rating through Cotation took the tampered value as its
// former one, and `journal verify` said intact. A write first compares the
// rows it touches with what the journal last gave them; it refuses, names
// the row, and the change stays named by `journal verify`.
TEST_F(PgAccess, AWriteThroughCotationDoesNotLaunderARowChangedInSql) {
    // Inès's rating, not submitted (a submitted one no longer changes, by the coordinator either: trial 15f F6).
    as("Inès Martin")->put_ratings({{ids_[0], "Inès Martin", "I.1", 2, "peu de partenaires"}}, "Inès Martin");
    const std::string ines = reviewer_id("Inès Martin"), d1 = std::to_string(ids_[0]);
    auto r = raw("Claire Durand", "UPDATE rating SET value = 1 WHERE dossier_id = " + d1 + " AND reviewer_id = " + ines +
                                      " AND criterion = 'I.1'");
    ASSERT_TRUE(r.ok) << r.error;
    auto claire = as("Claire Durand");
    try {
        claire->put_ratings({{ids_[0], "Inès Martin", "I.1", 1, "revu par la coordination"}}, "Claire Durand");
        ADD_FAILURE() << "une note changée en SQL a été réécrite par Cotation";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("a été modifiée hors de Cotation là où cette modification écrit"), std::string::npos)
            << e.what();
        EXPECT_NE(std::string(e.what()).find("table rating, ligne dossier_id=" + d1 + " (« D1 »), reviewer_id=" + ines +
                                             ", criterion='I.1' : diffère de ce que le journal a enregistré"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_EQ(sql(test::pg_server(), ref_, "SELECT justification FROM rating WHERE dossier_id = " + d1 + " AND reviewer_id = " +
                                           ines).rows.at(0)[0],
              "peu de partenaires");
    EXPECT_FALSE(claire->verify_journal().ok);
    // Put back as the journal has it, the same write passes.
    ASSERT_TRUE(raw("Claire Durand", "UPDATE rating SET value = 2 WHERE dossier_id = " + d1 + " AND reviewer_id = " + ines +
                                         " AND criterion = 'I.1'").ok);
    claire->put_ratings({{ids_[0], "Inès Martin", "I.1", 1, "revu par la coordination"}}, "Claire Durand");
    EXPECT_TRUE(claire->verify_journal().ok);
}

// The deferred check's cost on a member's import (docs/serveur.md): one
// write of `n` ratings by an instructor, timed. Run by hand (not in CI):
// --gtest_filter=PgAccess.DISABLED_* --gtest_also_run_disabled_tests.
TEST_F(PgAccess, DISABLED_AMembersLargeImportTimed) {
    for (int n : {50, 100, 200, 400}) {
        std::vector<Rating> many;
        for (int i = 0; i < n; ++i)
            many.push_back({ids_[0], "Inès Martin", "C" + std::to_string(n) + "." + std::to_string(i), i % 5, "import"});
        auto t0 = std::chrono::steady_clock::now();
        as("Inès Martin")->put_ratings(many, "Inès Martin");
        std::fprintf(stderr, "%d notes : %.2f s\n", n, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
}

// Trial 15e F3: on a closed campaign the coordinator appended a « decision »
// in SQL, which verified and went into the archive. The journal is closed
// with the campaign; its reopening still follows.
TEST_F(PgAccess, AClosedCampaignsJournalTakesOnlyItsReopening) {
    auto claire = as("Claire Durand");
    claire->close("fin de l'instruction", "Claire Durand");
    auto r = raw("Claire Durand", "INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash) "
                                  "VALUES (0, '', 'Claire Durand', 'decision', 'dossier/D1/decision', 'liste complémentaire', "
                                  "'retenu — décision modifiée', '', '')");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("entrée « decision » du journal refusée : la campagne est close, son journal aussi"),
              std::string::npos)
        << r.error;
    claire->reopen("erreur matérielle", "Claire Durand");
    EXPECT_TRUE(claire->closed_since().empty());
    auto check = claire->verify_journal();
    EXPECT_TRUE(check.ok) << (check.problems.empty() ? "" : check.problems.front());
}

// A write refused at its commit by a deferred check of the server (here the
// reopening's: an entry written after it) left the writer's scope open in
// its lost-update check: every later write of that connection compared with
// the reading of before the refused one, and another's change since then was
// a conflict even once read again. The scope ends; the write made knowingly passes.
TEST_F(PgAccess, AWriteRefusedAtItsCommitLeavesNoStaleReading) {
    auto claire = as("Claire Durand");
    claire->load();
    claire->close("instruction terminée", "Claire Durand");
    std::string m = test::message_of([&] {
        WriteScope w(*claire, [&] { claire->load(); });
        claire->reopen("une note à corriger", "Claire Durand");
        claire->put_ratings({{ids_[0], "Claire Durand", "I.9", 1, "après la réouverture"}}, "Claire Durand");
    });
    EXPECT_NE(m.find("ne se rouvre que par Cotation"), std::string::npos) << m;
    EXPECT_FALSE(claire->closed_since().empty());
    claire->reopen("une note à corriger", "Claire Durand");
    as("Inès Martin")->put_ratings({{ids_[0], "Inès Martin", "I.2", 3, "à préciser"}}, "Inès Martin");
    claire->load();   // read again: Inès's rating is known
    EXPECT_NO_THROW(claire->put_ratings({{ids_[0], "Inès Martin", "I.2", 2, "revu en équipe"}}, "Claire Durand"));
}

// Trial 15c F6: the check of an entry's rows runs with the owner's rights;
// a member's entry declaring « removed » another's rating was refused when
// that rating existed (« n'est pas telle que cette transaction l'a
// laissée ») and went on when it did not: an oracle of who rated what before
// submitting. Inès (not submitted D1) probes Jean's I.1 of D1, which exists,
// and his I.9, which does not: the same refusal, whatever the table holds.
TEST_F(PgAccess, AnEntrysRowsTellNothingOfRatingsOneMayNotRead) {
    const std::string jean = reviewer_id("Jean Bernard");
    auto probe = [&](const std::string& action, const std::string& criterion) {
        return raw("Inès Martin",
                   "INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash, rows) VALUES "
                   "(0, '', 'Inès Martin', '" + action + "', 'dossier/D1/budget', 'reçue', 'manquante', '', '', "
                   "E'rating\\tdossier_id=" + std::to_string(ids_[0]) + ", reviewer_id=" + jean + ", criterion=''" + criterion +
                   "''\\t-\\n')")
            .error;
    };
    for (const char* action : {"dossier.piece", "note"}) {
        const std::string exists = probe(action, "I.1"), absent = probe(action, "I.9");
        EXPECT_FALSE(exists.empty()) << action;
        EXPECT_EQ(exists, absent) << action;
        EXPECT_EQ(exists.find("n'est pas telle"), std::string::npos) << exists;
    }
}

// Trial 15b F9: on the server an instructor could not register a dossier,
// which the core and a file allow (Team::may_instruct). Its reference and
// organisme, which decide who reads its ratings, stay the coordinator's.
TEST_F(PgAccess, AnInstructorRegistersAndCompletesDossiersButDoesNotRenameThem) {
    Dossier d;
    d.reference = "D4";
    d.organisme = "Asso Delta";
    d.facts["places"] = "12";
    auto ines = as("Inès Martin");
    auto ids = ines->add_dossiers({d}, "Inès Martin");
    ASSERT_EQ(ids.size(), 1u);
    Dossier after = d;
    after.id = ids[0];
    after.commune = "Marseille";
    ines->update_dossier(d, after, "Inès Martin");
    auto r = sql(test::pg_server(), ref_, "SELECT commune FROM dossier WHERE reference = 'D4'");
    EXPECT_EQ(r.rows.at(0)[0], "Marseille");
    // Her link is with Asso Gamma (D3): renaming it away would show her its ratings.
    r = raw("Inès Martin", "UPDATE dossier SET organisme = 'Asso Gamma bis' WHERE id = " + std::to_string(ids_[2]));
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("ne changent que par le coordonnateur"), std::string::npos) << r.error;
    r = raw("Inès Martin", "UPDATE dossier SET reference = 'D9' WHERE id = " + std::to_string(ids_[1]));
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(raw("Inès Martin", "SELECT count(*) FROM rating WHERE dossier_id = " + std::to_string(ids_[2])).rows.at(0)[0], "0");
    // A committee member still registers none.
    d.reference = "D5";
    EXPECT_THROW(as("Marc Petit")->add_dossiers({d}, "Marc Petit"), Error);
    EXPECT_TRUE(as("Claire Durand")->verify_journal().ok);
}

// Trial 15b F14: refused the ranking for a declared link, a committee
// member read « the ranking is read under a committee member's role ».
TEST_F(PgAccess, ALinkedCommitteeMemberIsToldTheLinkKeepsTheRankingFromThem) {
    auto marc = as("Marc Petit");
    EXPECT_EQ(marc->partial_reading(), "");   // no link: he reads every rating
    marc->declare_conflict({"Marc Petit", "Asso Beta", "trésorier", "Marc Petit", server_day()}, "Marc Petit");
    std::string m = as("Marc Petit")->partial_reading();
    EXPECT_NE(m.find("déclaré un lien d'intérêts : D2 ;"), std::string::npos) << m;
    EXPECT_NE(m.find("membre de la commission qui n'a déclaré aucun lien"), std::string::npos) << m;
}

// Trial 15b F13: the coordinator changed an instructor's rating; her form's
// conflict message could not say who nor when: the entry was hidden from her.
TEST_F(PgAccess, OnesOwnRatingsHistoryIsReadableWhoeverChangedThem) {
    as("Inès Martin")->put_ratings({{ids_[0], "Inès Martin", "I.1", 3, "à préciser"}}, "Inès Martin");
    as("Claire Durand")->put_ratings({{ids_[0], "Inès Martin", "I.1", 4, "revue en réunion"}}, "Claire Durand");
    auto ines = as("Inès Martin");
    const std::string entity = "dossier/D1/note/Inès Martin/I.1";
    // (« NOM (compte LOGIN) », as on a file: trial 15b F15)
    EXPECT_EQ(last_change(*ines, entity).find(" (par Claire Durand (compte " + account("Claire Durand") + "), le "), 0u)
        << last_change(*ines, entity);
    EXPECT_EQ(ratings_of(ines->load(), ids_[0], "Jean Bernard"), 0u);   // Jean's stay hidden
    auto r = raw("Inès Martin", "SELECT count(*) FROM journal WHERE entity LIKE 'dossier/D1/note/Jean%'");
    EXPECT_EQ(r.rows.at(0)[0], "0");
}

// Trial 15c F4: the ranking adopted in session (rank, total) was read in SQL
// by an instructor who had not submitted, while `rank` refused her. Now the
// rule of ratings: Inès (nothing submitted) reads no row and not the
// session's journal entry (it lists the voted ranks); Jean, who submitted
// D1 to D3, the coordinator and the committee read all three.
TEST_F(PgAccess, TheSessionsRankingIsReadUnderTheRuleOfRatings) {
    Meeting m;
    m.date = Date{2025, 6, 12};
    m.president = "Marc Petit";
    // Totals as SetUp's ratings give them (Jean's I.1: 4, 3, 2), ranked by hand.
    m.voted = {{"D1", 1, "4", DecisionKind::Retained}, {"D3", 2, "3", DecisionKind::Retained},
               {"D2", 3, "2", DecisionKind::NotRetained}};
    as("Claire Durand")->put_meeting(m, "Claire Durand");
    auto count = [&](const std::string& who, const std::string& q) {
        auto r = raw(who, q);
        EXPECT_TRUE(r.ok) << who << " : " << r.error;
        return r.ok ? r.rows.at(0)[0] : std::string("?");
    };
    EXPECT_EQ(count("Inès Martin", "SELECT count(*) FROM meeting_ranking"), "0");
    EXPECT_EQ(count("Inès Martin", "SELECT count(*) FROM journal WHERE action = 'seance'"), "0");
    for (const std::string who : {"Jean Bernard", "Claire Durand", "Marc Petit"}) {
        EXPECT_EQ(count(who, "SELECT count(*) FROM meeting_ranking"), "3") << who;
        EXPECT_EQ(count(who, "SELECT count(*) FROM journal WHERE action = 'seance'"), "1") << who;
    }
    EXPECT_TRUE(as("Inès Martin")->load().meeting->voted.empty());
    // Once she submitted D1, its row is hers to read, and only it.
    auto ines = as("Inès Martin");
    ines->put_ratings({{ids_[0], "Inès Martin", "I.1", 3, "à préciser"}}, "Inès Martin");
    ines->submit(ids_[0], "Inès Martin", "Inès Martin");
    EXPECT_EQ(count("Inès Martin", "SELECT string_agg(reference || ':' || total, ',') FROM meeting_ranking"), "D1:4");
    EXPECT_EQ(count("Inès Martin", "SELECT count(*) FROM journal WHERE action = 'seance'"), "0");
    // The coordinator still rewrites the session (its rows removed and written again).
    m.president = "Claire Durand";
    as("Claire Durand")->put_meeting(m, "Claire Durand");
    EXPECT_EQ(count("Claire Durand", "SELECT count(*) FROM meeting_ranking"), "3");
    EXPECT_TRUE(as("Claire Durand")->verify_journal().ok);
}

// A connection of one's own kept open, as a psql session left in a transaction.
struct HeldConnection {
    PGconn* c;
    HeldConnection(const std::string& uri, const std::string& schema) : c(PQconnectdb(uri.c_str())) {
        EXPECT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
        PQclear(PQexec(c, ("SET search_path TO \"" + schema + "\"").c_str()));
    }
    ~HeldConnection() { PQfinish(c); }
    std::string run(const std::string& text) {   // "" when accepted, else the server's message
        PGresult* r = PQexec(c, text.c_str());
        auto st = PQresultStatus(r);
        std::string e = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? "" : PQresultErrorMessage(r);
        PQclear(r);
        return e;
    }
    std::string run_value(const std::string& text) {   // the first column of the first row
        PGresult* r = PQexec(c, text.c_str());
        std::string v = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
        PQclear(r);
        return v;
    }
};

// Trial 15f F3: a 9 on a scale of 0 to 5, typed in SQL by an instructor
// with a well-formed entry, was kept, verified and counted for nothing
// without a word. The server refuses a rating outside the campaign grid's
// scale, to the coordinator too (the owner, who copies campaigns, is not
// held). This campaign's grid declares no scale: 0 to 5 (grid.h).
TEST_F(PgAccess, ARatingOutsideTheGridsScaleIsRefusedByTheServer) {
    as("Inès Martin")->put_ratings({{ids_[0], "Inès Martin", "I.1", 3, "à préciser"}}, "Inès Martin");
    const std::string d1 = std::to_string(ids_[0]), ines = reviewer_id("Inès Martin");
    auto r = raw("Inès Martin", "INSERT INTO rating(dossier_id, reviewer_id, criterion, value, justification, updated_at) "
                                "VALUES (" + d1 + ", " + ines + ", 'I.2', 9, 'x', now())");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("note refusée (table « rating », dossier « D1 », critère « I.2 ») : 9 est hors de l'échelle "
                           "de la grille de la campagne (0 à 5)"), std::string::npos) << r.error;
    const std::string change = "BEGIN; UPDATE rating SET value = 6 WHERE reviewer_id = " + ines + " AND dossier_id = " + d1 +
                               "; ROLLBACK";
    r = raw("Claire Durand", change);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("6 est hors de l'échelle de la grille de la campagne (0 à 5)"), std::string::npos) << r.error;
    // A grid on 0 to 10 (its root's scale-max) admits the 6.
    ASSERT_TRUE(sql(test::pg_server(), ref_,
                    "UPDATE campaign SET grid_xml = '<grid id=\"essai\" version=\"1\" scale-max=\"10\"/>'").ok);
    r = raw("Claire Durand", change);
    EXPECT_TRUE(r.ok) << r.error;
}

// Trial 15c F3: UPDATE on the journal, granted « for LOCK TABLE », let an
// instructor lock it ACCESS EXCLUSIVE and freeze every reader of the team.
// Trial 15f F2: the same with any table a member wrote (rating,
// member_opinion…): UPDATE, DELETE or TRUNCATE on a table allows every lock
// mode. Members now hold INSERT and column UPDATE only, and delete through
// the owner's functions: no mode that blocks a reader is theirs to take on
// any table of the campaign, and what they write and remove still passes.
TEST_F(PgAccess, NoMemberOfTheTeamCanLockATableAgainstTheOthers) {
    const auto tables = sql(test::pg_server(), ref_, "SELECT tablename FROM pg_tables WHERE schemaname = '" + ref_ + "'").rows;
    ASSERT_GT(tables.size(), 20u);
    for (const std::string who : {"Inès Martin", "Marc Petit"}) {
        HeldConnection h(test::pg_uri_as(account(who), "mdp-" + account(who)), ref_);
        for (const auto& t : tables) {
            ASSERT_EQ(h.run("BEGIN"), "");
            // SHARE, the weakest mode that blocks a writer: every stronger one needs the same rights.
            std::string e = h.run("LOCK TABLE \"" + t[0] + "\" IN SHARE MODE");
            EXPECT_NE(e.find("permission denied"), std::string::npos) << who << " : " << t[0] << " : " << e;
            h.run("ROLLBACK");
        }
    }
    for (const char* mode : {"ACCESS EXCLUSIVE", "SHARE"}) {
        HeldConnection h(test::pg_uri_as(account("Claire Durand"), "mdp-" + account("Claire Durand")), ref_);
        ASSERT_EQ(h.run("BEGIN"), "");
        std::string e = h.run(std::string("LOCK TABLE journal IN ") + mode + " MODE");
        EXPECT_NE(e.find("permission denied"), std::string::npos) << mode << " : " << e;
    }
    // What they write still reaches the journal (INSERT is enough).
    as("Inès Martin")->put_ratings({{ids_[0], "Inès Martin", "I.1", 3, "à préciser"}}, "Inès Martin");
    as("Inès Martin")->put_ratings({{ids_[0], "Inès Martin", "I.1", 4, "précisé"}}, "Inès Martin");
    auto last = sql(test::pg_server(), ref_, "SELECT db_role FROM journal ORDER BY seq DESC LIMIT 1");
    EXPECT_EQ(last.rows.at(0)[0], account("Inès Martin"));
    // An instructor removes a dossier's fact and document; a declared link ends one's own assignment.
    Dossier d;
    d.reference = "D4";
    d.organisme = "Asso Delta";
    d.facts["places"] = "12";
    d.documents.insert("statuts");
    auto ines = as("Inès Martin");
    d.id = ines->add_dossiers({d}, "Inès Martin").at(0);
    Dossier after = d;
    after.facts.clear();
    after.documents.clear();
    ines->update_dossier(d, after, "Inès Martin");
    const std::string d4 = std::to_string(d.id);
    EXPECT_EQ(sql(test::pg_server(), ref_, "SELECT (SELECT count(*) FROM dossier_fact WHERE dossier_id = " + d4 +
                                           ") + (SELECT count(*) FROM dossier_document WHERE dossier_id = " + d4 + ")")
                  .rows.at(0)[0], "0");
    as("Jean Bernard")->declare_conflict({"Jean Bernard", "Asso Beta", "trésorier", "Jean Bernard", server_day()},
                                         "Jean Bernard");
    EXPECT_EQ(sql(test::pg_server(), ref_, "SELECT count(*) FROM assignment WHERE reviewer = 'Jean Bernard'").rows.at(0)[0], "2");
    // Nobody else's: the owner's function deletes no more than the policy did.
    EXPECT_TRUE(raw("Marc Petit", "SELECT cotation_remove_assignment(" + std::to_string(ids_[0]) + ", 'Inès Martin')").ok);
    EXPECT_FALSE(raw("Marc Petit", "SELECT cotation_remove_fact(" + std::to_string(d.id) + ", 'places')").ok);
    EXPECT_EQ(sql(test::pg_server(), ref_, "SELECT count(*) FROM assignment WHERE reviewer = 'Inès Martin'").rows.at(0)[0], "1");
    EXPECT_TRUE(as("Claire Durand")->verify_journal().ok);
}

// Trial 15c F3: a lock held by a member (here the advisory lock every
// writer lines up on, which any role may take) froze the others' writes
// without a word. Now the write gives up after the lock timeout, says in
// French who holds the lock, and nothing is written.
TEST_F(PgAccess, AWriteWaitingForAnothersLockGivesUpSayingWhoHoldsIt) {
    HeldConnection jean(test::pg_uri_as(account("Jean Bernard"), "mdp-" + account("Jean Bernard")), ref_);
    ASSERT_EQ(jean.run("SELECT pg_advisory_lock('journal'::regclass::oid::bigint)"), "");
    auto ines = as("Inès Martin");
    const auto start = std::chrono::steady_clock::now();
    auto write = std::async(std::launch::async, [&] {
        return test::message_of([&] { ines->put_ratings({{ids_[0], "Inès Martin", "I.1", 3, "à préciser"}}, "Inès Martin"); });
    });
    if (write.wait_for(std::chrono::seconds(20)) != std::future_status::ready) {
        jean.run("SELECT pg_advisory_unlock_all()");   // lets the write end, to fail rather than hang
        write.wait();
        FAIL() << "l'écriture attend encore le verrou après 20 s";
    }
    const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::string m = write.get();
    EXPECT_NE(m.find("la campagne est occupée : Jean Bernard (compte " + account("Jean Bernard") + ") y tient un verrou"),
              std::string::npos) << m;
    EXPECT_NE(m.find("rien n'a été enregistré"), std::string::npos) << m;
    // Trial 15e F7: a session's advisory lock outlives any transaction; the way to end it is said, with its holder's process.
    EXPECT_NE(m.find("ne se lève qu'à la fin de sa connexion"), std::string::npos) << m;
    EXPECT_NE(m.find("SELECT pg_terminate_backend(" + jean.run_value("SELECT pg_backend_pid()") + ")"), std::string::npos) << m;
    EXPECT_GE(waited, 4.0);   // the lock timeout, 5 s
    EXPECT_LT(waited, 15.0);
    EXPECT_EQ(sql(test::pg_server(), ref_, "SELECT count(*) FROM rating r JOIN reviewer v ON v.id = r.reviewer_id "
                                           "WHERE v.name = 'Inès Martin'").rows.at(0)[0], "0");
    // Once the lock is released, the same write passes on the same connection.
    ASSERT_EQ(jean.run("SELECT pg_advisory_unlock_all()"), "");
    ines->put_ratings({{ids_[0], "Inès Martin", "I.1", 3, "à préciser"}}, "Inès Martin");
    EXPECT_TRUE(as("Claire Durand")->verify_journal().ok);
}

// A table locked by the coordinator (a psql session left open; she keeps
// DELETE on her tables): a reading gives up too, in French, instead of
// freezing the window's poll, and names her (trial 15f F2: the reading's
// snapshot transaction could no longer ask who held the lock).
TEST_F(PgAccess, AReadingWaitingForALockGivesUpInFrench) {
    HeldConnection owner(test::pg_uri_as(account("Claire Durand"), "mdp-" + account("Claire Durand")), ref_);
    ASSERT_EQ(owner.run("BEGIN"), "");
    ASSERT_EQ(owner.run("LOCK TABLE rating IN ACCESS EXCLUSIVE MODE"), "");
    auto ines = as("Inès Martin");
    auto read = std::async(std::launch::async, [&] { return test::message_of([&] { ines->load(); }); });
    if (read.wait_for(std::chrono::seconds(20)) != std::future_status::ready) {
        owner.run("ROLLBACK");
        read.wait();
        FAIL() << "la lecture attend encore le verrou après 20 s";
    }
    std::string m = read.get();
    EXPECT_NE(m.find("la campagne est occupée : Claire Durand (compte " + account("Claire Durand") + ") y tient un verrou"),
              std::string::npos) << m;
    owner.run("ROLLBACK");
    EXPECT_EQ(test::message_of([&] { ines->load(); }), "");
}

// Trial 15g G7: a psql transaction left open after a mere reading (BEGIN;
// SELECT … FROM rating) held `serveur roles --appliquer`, whose policies need
// the table alone, and the refusal said « une autre connexion ». The rights
// are applied under a bounded wait, and the refusal names the holder (who,
// which program, since when) and what to do.
TEST_F(PgAccess, ApplyingTheRightsBesideAnIdleTransactionNamesItsHolder) {
    const std::string as_jean = test::pg_uri_as(account("Jean Bernard"), "mdp-" + account("Jean Bernard"));
    HeldConnection jean(as_jean + (as_jean.find('?') == std::string::npos ? "?" : "&") + "application_name=psql", ref_);
    ASSERT_EQ(jean.run("BEGIN"), "");
    ASSERT_EQ(jean.run("SELECT count(*) FROM rating"), "");
    const auto start = std::chrono::steady_clock::now();
    auto apply = std::async(std::launch::async, [&] { return test::message_of([&] { apply_pg_roles(admin_); }); });
    if (apply.wait_for(std::chrono::seconds(40)) != std::future_status::ready) {
        jean.run("ROLLBACK");
        apply.wait();
        FAIL() << "l'application des droits attend encore après 40 s";
    }
    const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::string m = apply.get();
    EXPECT_NE(m.find("aucun droit n'a été appliqué"), std::string::npos) << m;
    EXPECT_NE(m.find("Jean Bernard (compte " + account("Jean Bernard") + ")"), std::string::npos) << m;
    EXPECT_NE(m.find("application « psql »"), std::string::npos) << m;
    EXPECT_NE(m.find("transaction ouverte depuis le "), std::string::npos) << m;
    EXPECT_NE(m.find("SELECT pg_terminate_backend(" + jean.run_value("SELECT pg_backend_pid()") + ")"), std::string::npos) << m;
    EXPECT_NE(m.find("idle_in_transaction_session_timeout"), std::string::npos) << m;
    EXPECT_EQ(m.find("une autre connexion"), std::string::npos) << m;
    EXPECT_LT(waited, 30.0);
    // Once the transaction ends, the same command passes.
    ASSERT_EQ(jean.run("ROLLBACK"), "");
    EXPECT_EQ(test::message_of([&] { apply_pg_roles(admin_); }), "");
}

// pg13's leftover: a reading that gives up on a lock has nothing to record;
// it says so rather than « rien n'a été enregistré ».
TEST_F(PgAccess, AReadingThatGivesUpSaysNothingWasRead) {
    HeldConnection owner(test::pg_server(), ref_);
    ASSERT_EQ(owner.run("BEGIN"), "");
    ASSERT_EQ(owner.run("LOCK TABLE rating IN ACCESS EXCLUSIVE MODE"), "");
    auto ines = as("Inès Martin");
    auto read = std::async(std::launch::async, [&] { return test::message_of([&] { ines->load(); }); });
    if (read.wait_for(std::chrono::seconds(20)) != std::future_status::ready) {
        owner.run("ROLLBACK");
        read.wait();
        FAIL() << "la lecture attend encore le verrou après 20 s";
    }
    std::string m = read.get();
    owner.run("ROLLBACK");
    EXPECT_NE(m.find("la campagne est occupée"), std::string::npos) << m;
    EXPECT_EQ(m.find("rien n'a été enregistré"), std::string::npos) << m;
    EXPECT_NE(m.find("la lecture n'a pas abouti"), std::string::npos) << m;
}

int run(const std::string& command, std::string& out) {
    FILE* p = popen((command + " 2>&1").c_str(), "r");
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    int status = pclose(p);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_F(PgAccess, CliPrintsTheRightsAndAMemberCannotGrantThem) {
    std::string out;
    ASSERT_EQ(run(std::string(COTATION_CLI) + " serveur roles '" + admin_ + "'", out), 0) << out;
    PgTeamRoles g = pg_team_roles(ref_);
    EXPECT_NE(out.find("GRANT \"" + g.instructor + "\" TO \"" + account("Inès Martin") + "\""), std::string::npos) << out;
    EXPECT_NE(out.find("ENABLE ROW LEVEL SECURITY"), std::string::npos);
    // An instructor applying it (to become coordinator): the database refuses.
    out.clear();
    EXPECT_NE(run(std::string(COTATION_CLI) + " serveur roles '" + uri("Inès Martin") + "' --appliquer", out), 0) << out;
    EXPECT_NE(out.find("Campagne partagée"), std::string::npos) << out;
    auto member = sql(test::pg_server(), ref_, "SELECT pg_has_role('" + account("Inès Martin") + "', '" + g.coordinator + "', 'MEMBER')");
    EXPECT_EQ(member.rows.at(0)[0], "f");
}

// Issue 15 N1: the server decided whether a person declared a link with a
// dossier's organisation by comparing the names exactly, where the core
// (declaration_covers, read_rules.cpp) compares their keys (case, accents,
// spaces and punctuation aside) and the SIREN and FINESS a link keeps. The
// server's rule (cotation_covers, pg_roles.cpp) is the core's, written in SQL
// over the key Cotation stores with each dossier and link: for every case
// below, both answer alike, and the answer is the one written by hand.
namespace {
std::string covers_literal(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}
}  // namespace

TEST_F(PgAccess, TheServersLinkRuleIsTheCores) {
    struct Case {
        const char* why;
        std::string link, identifiers, organisme, siret, finess;
        bool covered;   // by hand, from read_rules.cpp
    };
    const std::string nbsp = "\u00A0";
    const std::vector<Case> cases = {
        {"le même nom", "Asso Alpha", "", "Asso Alpha", "", "", true},
        // Both keys « association les eglantiers »: case, accent, hyphen, double space and final dot aside.
        {"casse, accents, ponctuation", "Association Les Églantiers", "", "ASSOCIATION  LES-EGLANTIERS.", "", "", true},
        // The Cyrillic « А » (U+0410) reads as the Latin « a » (french.cpp, latin_look_alike).
        {"lettre cyrillique semblable", "\u0410sso Alpha", "", "Asso Alpha", "", "", true},
        {"un autre nom", "Asso Alpha", "", "Asso Beta", "", "", false},
        // Punctuation separates words: « association a b c » is not « association abc ».
        {"sigle ponctué", "Association ABC", "", "Association A.B.C.", "", "", false},
        // Two names without a letter or a digit: both keys empty, one name for the core.
        {"noms sans lettre ni chiffre", "***", "", "--", "", "", true},
        // SIRET 775 672 272 00011: its SIREN is its first 9 digits, 775672272.
        {"SIREN du SIRET", "Groupe Entraide", "siren:775672272", "Entraide du Littoral", "775 672 272 00011", "", true},
        {"SIRET en points et tirets", "Groupe Entraide", "siren:775672272", "Autre nom", "775.672.272-00011", "", true},
        {"SIRET en espaces insécables", "Groupe Entraide", "siren:775672272", "Autre nom",
         "775" + nbsp + "672" + nbsp + "272" + nbsp + "00011", "", true},
        {"SIRET de 13 chiffres", "Groupe Entraide", "siren:775672272", "Autre nom", "7756722720001", "", false},
        {"SIRET avec une lettre", "Groupe Entraide", "siren:775672272", "Autre nom", "77567227200O11", "", false},
        {"jeton plus long", "Groupe Entraide", "siren:7756722721", "Autre nom", "77567227200011", "", false},
        {"jeton parmi d'autres", "Groupe Entraide", "finess:130001234 siren:775672272", "Autre nom", "77567227200011", "", true},
        {"FINESS", "Soleil Gestion", "finess:130001234", "Maison Soleil", "", "130 001 234", true},
        {"FINESS de 8 chiffres", "Soleil Gestion", "finess:13000123", "Maison Soleil", "", "13000123", false},
        {"FINESS pris pour un SIREN", "Soleil Gestion", "siren:130001234", "Maison Soleil", "", "130001234", false},
        {"SIREN pris pour un FINESS", "Groupe Entraide", "finess:775672272", "Autre nom", "77567227200011", "", false},
        {"identifiants absents du lien", "Groupe Entraide", "", "Autre nom", "77567227200011", "130001234", false},
        {"identifiants absents du dossier", "Groupe Entraide", "siren:775672272 finess:130001234", "Autre nom", "", "", false},
        // Trial 15 (helper, fresh context): the typographic apostrophe, French
        // quotes and a capital Œ are punctuation and a letter like the others:
        // both keys « ehpad d aunis », « residence l oeuvre ».
        {"apostrophe typographique", "EHPAD d'Aunis", "", "EHPAD d\u2019Aunis", "", "", true},
        {"guillemets et Œ", "Résidence « L'Œuvre »", "", "RESIDENCE L OEUVRE", "", "", true},
        // A Corsican FINESS (2A then 7 digits), written in lower case with spaces on the dossier.
        {"FINESS de Corse", "Casa Serena", "finess:2A0001234", "Autre nom", "", "2a 000 1234", true},
        {"FINESS de Corse, un autre", "Casa Serena", "finess:2A0001234", "Autre nom", "", "2B0001234", false},
        {"FINESS à lettre hors Corse", "Casa Serena", "finess:2C0001234", "Autre nom", "", "2C0001234", false},
    };
    for (const auto& c : cases) {
        ConflictDeclaration link;
        link.reviewer = "Inès Martin";
        link.organisme = c.link;
        link.identifiers = c.identifiers;
        const bool core = declaration_covers(link, Organisation(c.organisme, c.siret, c.finess));
        EXPECT_EQ(core, c.covered) << c.why;
        // The keys as the stores write them (organisation_key of each name).
        auto r = sql(test::pg_server(), ref_,
                     "SELECT cotation_covers(" + covers_literal(c.link) + ", " + covers_literal(organisation_key(c.link)) + ", " +
                         covers_literal(c.identifiers) + ", " + covers_literal(c.organisme) + ", " +
                         covers_literal(organisation_key(c.organisme)) + ", " + covers_literal(c.siret) + ", " +
                         covers_literal(c.finess) + ")");
        ASSERT_TRUE(r.ok) << c.why << " : " << r.error;
        EXPECT_EQ(r.rows.at(0)[0], core ? "t" : "f") << c.why;
    }
}

// Issue 15 N1, through the database as each instructor: a link written
// another way (case, accents, punctuation), one by the SIREN, one by the
// FINESS. Inès submitted her own ratings of D4 to D7 before the coordinator
// transcribed her links: Jean's ratings are then hers to read but for a link.
// Jean rated them, submitted nothing: he may rate again but for a link. D7,
// whose organisation no link names, is the control.
TEST_F(PgAccess, ALinkCoversItsOrganisationWrittenOtherwiseOrByItsSirenOrFiness) {
    auto dossier = [](const std::string& ref, const std::string& org, const std::string& siret, const std::string& finess) {
        Dossier x;
        x.reference = ref;
        x.organisme = org;
        x.siret = siret;
        x.finess = finess;
        return x;
    };
    std::vector<std::int64_t> ids;
    {
        auto service = open_pg_store(admin_);
        ids = service->add_dossiers({dossier("D4", "ASSOCIATION  LES-EGLANTIERS.", "", ""),
                                     dossier("D5", "Entraide du Littoral", "775 672 272 00011", ""),
                                     dossier("D6", "Maison Soleil", "", "130 001 234"),
                                     dossier("D7", "Asso Témoin", "", "")},
                                    "service");
        for (auto id : ids)
            for (const char* who : {"Inès Martin", "Jean Bernard"}) service->assign(id, who, true, "service");
    }
    auto ines = as("Inès Martin");
    auto jean = as("Jean Bernard");
    for (auto id : ids) {
        ines->put_ratings({{id, "Inès Martin", "I.1", 3, "lu"}}, "Inès Martin");
        ines->submit(id, "Inès Martin", "Inès Martin");
        jean->put_ratings({{id, "Jean Bernard", "I.1", 4, "solide"}}, "Jean Bernard");
    }
    auto count = [&](const std::string& who, const std::string& query) {
        auto r = raw(who, query);
        EXPECT_TRUE(r.ok) << r.error;
        return r.ok && !r.rows.empty() ? r.rows[0][0] : std::string("?");
    };
    auto ratings_sql = [](std::int64_t id) { return "SELECT count(*) FROM rating WHERE dossier_id = " + std::to_string(id); };
    for (auto id : ids) EXPECT_EQ(count("Inès Martin", ratings_sql(id)), "2");   // hers and Jean's, before any link
    // The links, as the coordinator transcribes them: none names D4 to D6 as filed.
    std::vector<ConflictDeclaration> links;
    for (const char* who : {"Inès Martin", "Jean Bernard"}) {
        links.push_back({who, "Association Les Églantiers", "administrateur", "Claire Durand", server_day(), ""});
        links.push_back({who, "Entraide Provence", "salarié", "Claire Durand", server_day(), "siren:775672272"});
        links.push_back({who, "Soleil Gestion", "conjoint directeur", "Claire Durand", server_day(), "finess:130001234"});
    }
    auto claire = as("Claire Durand");
    for (const auto& l : links) claire->declare_conflict(l, "Claire Durand");
    // Each link ended, in its own entry, the assignments it covers (trial 12b
    // N1): Jean keeps D7 alone. Given again by the service (as raw SQL could),
    // D4 to D6 still refuse his rating: the link does, below.
    {
        const auto team = claire->load().team;
        for (std::size_t i = 0; i < 4; ++i) {
            auto a = team.assignments.find(ids[i]);
            EXPECT_EQ(a != team.assignments.end() && a->second.count("Jean Bernard") > 0, i == 3) << i;
        }
        auto service = open_pg_store(admin_);
        for (std::size_t i = 0; i < 3; ++i) service->assign(ids[i], "Jean Bernard", true, "service");
    }
    // The core's answer first: link i covers D(4 + i) and never D7.
    const auto filed = claire->load().dossiers;
    auto filed_as = [&](std::int64_t id) {
        for (const auto& d : filed)
            if (d.id == id) return identity_of(d);
        return Organisation{};
    };
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_TRUE(declaration_covers(links[i], filed_as(ids[i]))) << i;
        EXPECT_FALSE(declaration_covers(links[i], filed_as(ids[3]))) << i;
        EXPECT_NE(links[i].organisme, filed_as(ids[i]).name);   // not the exact name: the server compared only that
    }
    for (std::size_t i = 0; i < 4; ++i) {
        const bool linked = i < 3;
        const std::string ref = "D" + std::to_string(4 + i);
        // Inès reads her own rating alone (1) on D4 to D6, Jean's too (2) on D7: in raw SQL, in the
        // journal's old and new values, and through the store.
        EXPECT_EQ(count("Inès Martin", ratings_sql(ids[i])), linked ? "1" : "2") << ref;
        EXPECT_EQ(count("Inès Martin", "SELECT count(*) FROM journal WHERE action = 'note' AND entity LIKE 'dossier/" + ref +
                                           "/note/Jean Bernard/%'"),
                  linked ? "0" : "1")
            << ref;
        EXPECT_EQ(ratings_of(ines->load(), ids[i], "Jean Bernard"), linked ? 0u : 1u) << ref;
        // Jean, assigned, nothing submitted: he rates D7 alone, by the store or in raw SQL.
        auto r = raw("Jean Bernard", "INSERT INTO rating(dossier_id, reviewer_id, criterion, value, justification, updated_at) "
                                     "VALUES (" + std::to_string(ids[i]) + ", " + reviewer_id("Jean Bernard") +
                                         ", 'I.3', 2, 'direct', now())");
        EXPECT_FALSE(r.ok) << ref;   // without its journal entry at best, refused at commit
        if (linked)
            EXPECT_NE(r.error.find("dossier « " + ref + " », critère « I.3 ») : Jean Bernard a déclaré un lien d'intérêts avec "
                                   "son organisme"),
                      std::string::npos)
                << r.error;
        else
            EXPECT_EQ(r.error.find("lien d'intérêts"), std::string::npos) << r.error;
        if (linked)
            EXPECT_THROW(jean->put_ratings({{ids[i], "Jean Bernard", "I.2", 5, "après lecture"}}, "Jean Bernard"), Error) << ref;
        else
            EXPECT_NO_THROW(jean->put_ratings({{ids[i], "Jean Bernard", "I.2", 5, "revu"}}, "Jean Bernard")) << ref;
    }
    // Nor does he take a dossier out of his link: its SIRET, its key, his link's SIREN.
    auto r = raw("Jean Bernard", "UPDATE dossier SET siret = '' WHERE id = " + std::to_string(ids[1]));
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("Le SIRET et le FINESS du dossier « D5 » ne changent que par le coordonnateur"), std::string::npos)
        << r.error;
    r = raw("Jean Bernard", "UPDATE dossier SET organisation_key = 'autre' WHERE id = " + std::to_string(ids[0]));
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("ne changent que par le coordonnateur"), std::string::npos) << r.error;
    for (const char* change : {"identifiers = ''", "organisation_key = 'autre'"}) {
        r = raw("Jean Bernard", std::string("UPDATE conflict SET ") + change +
                                    " WHERE reviewer = 'Jean Bernard' AND organisme = 'Entraide Provence'");
        EXPECT_FALSE(r.ok) << change;
        EXPECT_NE(r.error.find("lien d'intérêts déclaré ne se retire pas"), std::string::npos) << r.error;
    }
    // Through Cotation, what changes no link passes: D5's commune, D7's SIRET.
    auto now = [&](std::int64_t id) {
        for (const auto& d : jean->load().dossiers)
            if (d.id == id) return d;
        return Dossier{};
    };
    Dossier d5 = now(ids[1]), d5b = d5, d7 = now(ids[3]), d7b = d7;
    d5b.commune = "Marseille";
    d7b.siret = "77567227200011";   // now D7 too is covered by the SIREN link
    EXPECT_NO_THROW(jean->update_dossier(d5, d5b, "Jean Bernard"));
    EXPECT_NO_THROW(jean->update_dossier(d7, d7b, "Jean Bernard"));
    EXPECT_EQ(count("Inès Martin", ratings_sql(ids[3])), "1");   // and hidden from Inès from then on
    auto check = claire->verify_journal();
    EXPECT_TRUE(check.ok) << (check.problems.empty() ? "" : check.problems.front());
}

// Issue 15 N1: a campaign of the server's schema 19, whose team's rights a
// version before applied (links matched by their exact name, no key column,
// the journal vouching for its rows without one), opened by its owner: the
// migration gives every dossier and link its key, its entry vouches for the
// rows it changed, and the rules of links read the keys at once, before the
// owner applies the rights again.
TEST_F(PgAccess, ACampaignOfTheSchemaBeforeGetsItsKeysAndItsLinkRulesAtOpening) {
    std::int64_t d4 = 0;
    {
        auto service = open_pg_store(admin_);
        Dossier d;
        d.reference = "D4";
        d.organisme = "ASSOCIATION  LES-EGLANTIERS.";
        d4 = service->add_dossiers({d}, "service").at(0);
        service->declare_conflict({"Jean Bernard", "Association Les Églantiers", "administrateur", "service", Date{2025, 5, 2}},
                                  "service");
        // Assigned after the link (the link ends the assignments it covers: trial 12b N1), as the version before left it.
        service->assign(d4, "Jean Bernard", true, "service");
    }
    const std::string s = "\"" + ref_ + "\".", coordinator = covers_literal(pg_team_roles(ref_).coordinator);
    {
        // Back to schema 19, its rules as the version before wrote them (pg_roles.cpp then).
        PgAddress a = parse_pg_uri(admin_);
        pg::PgConn c(a);
        c.exec("SET search_path TO " + pg::quote_identifier(a.campaign));
        c.exec("ALTER TABLE dossier DROP COLUMN organisation_key; ALTER TABLE conflict DROP COLUMN organisation_key");
        c.exec("CREATE OR REPLACE FUNCTION " + s + "cotation_linked(d bigint) RETURNS boolean LANGUAGE sql STABLE AS $f$ "
               "SELECT EXISTS (SELECT 1 FROM " + s + "conflict c JOIN " + s + "dossier x ON x.organisme = c.organisme "
               "WHERE x.id = d AND c.reviewer = " + s + "cotation_me()) $f$");
        c.exec("CREATE OR REPLACE FUNCTION " + s + "conflict_kept() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN "
               "IF NOT pg_has_role(session_user, " + coordinator + ", 'MEMBER') AND (NEW.organisme IS DISTINCT FROM "
               "OLD.organisme OR NEW.reviewer IS DISTINCT FROM OLD.reviewer) THEN RAISE EXCEPTION 'lien'; END IF; "
               "RETURN NEW; END $f$");
        c.exec("CREATE OR REPLACE FUNCTION " + s + "dossier_kept() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN "
               "IF (NEW.reference IS DISTINCT FROM OLD.reference OR NEW.organisme IS DISTINCT FROM OLD.organisme) "
               "AND NOT pg_has_role(session_user, " + coordinator + ", 'MEMBER') AND NOT pg_has_role(session_user, "
               "(SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'MEMBER') THEN RAISE EXCEPTION 'dossier'; "
               "END IF; RETURN NEW; END $f$");
        // Its journal as it was: the digests of the dossiers and links without a key (each written once).
        auto entries = test::without_organisation_keys(pg::ledger::journal_entries(c), pg::ledger::current(c));
        c.exec("ALTER TABLE journal DISABLE TRIGGER journal_append_only");
        for (const auto& e : entries)
            c.exec("UPDATE journal SET rows = $1, prev_hash = $2, hash = $3 WHERE seq = $4",
                   {e.rows, e.prev_hash, e.hash, std::to_string(e.seq)});
        c.exec("ALTER TABLE journal ENABLE TRIGGER journal_append_only; UPDATE schema_version SET version = 19");
    }
    const std::string linked = "SELECT cotation_linked(" + std::to_string(d4) + ")";
    EXPECT_EQ(raw("Jean Bernard", linked).rows.at(0)[0], "f");   // the exact name: « Association Les Églantiers » ≠ D4's
    open_pg_store(admin_);   // the owner opens it: schema 20
    EXPECT_EQ(sql(test::pg_server(), ref_, "SELECT version FROM schema_version").rows.at(0)[0],
              std::to_string(pg_schema_version()));
    // Both keys « association les eglantiers » (by hand: case, accents, hyphen, spaces and dot aside); D1's « asso alpha ».
    EXPECT_EQ(sql(test::pg_server(), ref_, "SELECT organisation_key FROM dossier WHERE reference = 'D4'").rows.at(0)[0],
              "association les eglantiers");
    EXPECT_EQ(sql(test::pg_server(), ref_, "SELECT organisation_key FROM conflict WHERE reviewer = 'Jean Bernard'").rows.at(0)[0],
              "association les eglantiers");
    EXPECT_EQ(sql(test::pg_server(), ref_, "SELECT organisation_key FROM dossier WHERE reference = 'D1'").rows.at(0)[0],
              "asso alpha");
    // One entry vouches for the rows it changed: 4 dossiers (D1 to D4) and 2 links (Inès's, Jean's).
    auto last = sql(test::pg_server(), ref_, "SELECT action, old_value, new_value, rows FROM journal ORDER BY seq DESC LIMIT 1");
    ASSERT_EQ(last.rows.size(), 1u);
    EXPECT_EQ(last.rows[0][0], "schema.migration");
    EXPECT_EQ(last.rows[0][1], "schéma 19");
    EXPECT_EQ(last.rows[0][2], "schéma " + std::to_string(pg_schema_version()) +
                                   " — clé de l'organisme des dossiers et des liens d'intérêts");
    EXPECT_EQ(std::count(last.rows[0][3].begin(), last.rows[0][3].end(), '\n'), 6) << last.rows[0][3];
    auto check = as("Claire Durand")->verify_journal();
    EXPECT_TRUE(check.ok) << (check.problems.empty() ? "" : check.problems.front());
    // The rules read the keys at once: Jean's link covers D4, and he no longer rates it.
    EXPECT_EQ(raw("Jean Bernard", linked).rows.at(0)[0], "t");
    auto r = raw("Jean Bernard", "INSERT INTO rating(dossier_id, reviewer_id, criterion, value, justification, updated_at) "
                                 "VALUES (" + std::to_string(d4) + ", " + reviewer_id("Jean Bernard") + ", 'I.1', 2, 'x', now())");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("Jean Bernard a déclaré un lien d'intérêts avec son organisme"), std::string::npos) << r.error;
    EXPECT_THROW(as("Jean Bernard")->put_ratings({{d4, "Jean Bernard", "I.1", 2, "x"}}, "Jean Bernard"), Error);
    // And an instructor's change of a dossier through Cotation, which writes its key, passes (the column's grant with them).
    auto jean = as("Jean Bernard");
    Dossier d1 = jean->load().dossiers.at(0), moved = d1;
    moved.commune = "Marseille";
    EXPECT_NO_THROW(jean->update_dossier(d1, moved, "Jean Bernard"));
    check = as("Claire Durand")->verify_journal();
    EXPECT_TRUE(check.ok) << (check.problems.empty() ? "" : check.problems.front());
}

// Issue 15 N1, what stays: the key is written by the client. Jean, linked
// with « Association Les Églantiers », registers in raw SQL a dossier of
// « ASSOCIATION  LES-EGLANTIERS. » under another key, with an entry true to
// its row: the server takes it, and his link misses it; `journal verify`
// names the key (and `exporter` refuses the campaign).
TEST_F(PgAccess, AKeyWrittenWrongInSqlIsNamedByJournalVerify) {
    as("Claire Durand")->declare_conflict({"Jean Bernard", "Association Les Églantiers", "administrateur", "Claire Durand",
                                           server_day(), ""},
                                          "Claire Durand");
    const std::string id = sql(test::pg_server(), ref_, "SELECT max(id) + 1 FROM dossier").rows.at(0)[0];
    // The row as ledger.cpp writes it (« col='val'; »), its key last; the entry as journal_texts.cpp writes it.
    const std::string row = "id=" + id + ";reference='D8';organisme='ASSOCIATION  LES-EGLANTIERS.';organisation_key='autre';";
    std::string rows = "dossier\tid=" + id + "\t" + row_ledger::digest(row) + "\n", quoted;
    for (char c : rows) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    auto r = raw("Jean Bernard",
                 "INSERT INTO dossier(id, reference, organisme, organisation_key) VALUES (" + id +
                     ", 'D8', 'ASSOCIATION  LES-EGLANTIERS.', 'autre'); "
                     "INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash, rows) VALUES "
                     "(0, '', 'Jean Bernard', 'dossier.ajout', 'dossier/D8', '', "
                     "'organisme=ASSOCIATION  LES-EGLANTIERS.; siret=; finess=; commune=; ; pieces=', '', '', '" + quoted + "')");
    ASSERT_TRUE(r.ok) << r.error;   // the server cannot compute a key (Unicode normalisation, look-alike letters)
    EXPECT_EQ(raw("Jean Bernard", "SELECT cotation_linked(" + id + ")").rows.at(0)[0], "f");
    auto check = as("Claire Durand")->verify_journal();
    EXPECT_FALSE(check.ok);
    ASSERT_EQ(check.problems.size(), 1u) << check.problems.front();
    // The core's key of that name, by hand: « association les eglantiers ».
    EXPECT_EQ(check.problems[0], "table dossier, ligne id=" + id + " (« D8 ») : la clé de son organisme est « autre » et non "
                                 "« association les eglantiers » (écrite hors de Cotation ; les droits d'un serveur comparent "
                                 "les liens d'intérêts par elle)");
}

#else
TEST(PgAccess, NeedsPostgreSQL) { GTEST_SKIP() << "construction sans PostgreSQL (COTATION_POSTGRESQL=OFF)"; }
#endif

}  // namespace
}  // namespace cotation

// Trial 12b N1: an instructor declaring her own link that covers two of her
// dossiers (the organisation written two ways) was refused by the server: the
// session wrote an « affectation » entry per other spelling, which an
// instructor may not write. The link's own entry now ends every assignment it
// covers (as declaration_covers decides); the others stay.
TEST_F(PgAccess, AnInstructorsOwnLinkEndsEveryAssignmentItCoversInItsEntry) {
    {
        auto s = open_pg_store(admin_);
        Dossier x;
        x.reference = "D4";
        x.organisme = "ASSO  BETA.";   // the key of « Asso Beta »: « asso beta »
        const auto added = s->add_dossiers({x}, "service");
        s->assign(added.at(0), "Jean Bernard", true, "service");
    }
    auto jean = as("Jean Bernard");
    EXPECT_NO_THROW(jean->declare_conflict({"Jean Bernard", "Asso Beta", "président", "Jean Bernard", server_day()},
                                           "Jean Bernard"));
    const auto snap = jean->load();
    std::vector<std::string> still;   // the references Jean is still assigned to
    for (const auto& [id, reviewers] : snap.team.assignments)
        if (reviewers.count("Jean Bernard"))
            for (const auto& d : snap.dossiers)
                if (d.id == id) still.push_back(d.reference);
    std::sort(still.begin(), still.end());
    EXPECT_EQ(still, (std::vector<std::string>{"D1", "D3"}));
    EXPECT_TRUE(open_pg_store(admin_)->verify_journal().ok);
}
