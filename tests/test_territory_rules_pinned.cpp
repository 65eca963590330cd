// The call's territorial rules are pinned in the campaign (schema 14): taken
// at `cotation new` from `<grid>.territoire.txt` beside the grid given (a
// custom grid brings its own), never read again from the file; a campaign
// made before takes the shipped file once, at its first opening, journaled.
// Expected values: scoring-grids/uphv-17-2019.territoire.txt says
// `max_par_zone = 1` (one unit per EPCI); the tests write 2 or 3 instead.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/demo.h"
#include "app/session.h"
#include "app/territory.h"
#include "io/reference_data.h"
#include "io/territory_rules.h"
#include "store_history.h"
#include "test_support.h"

using namespace cotation;

namespace {

namespace fs = std::filesystem;

// The shipped UPHV rules with another quota per EPCI.
std::string uphv_rules_with_quota(int quota) {
    std::string text = test::slurp(test::source_dir() + "/scoring-grids/uphv-17-2019.territoire.txt");
    const std::string line = "max_par_zone = 1";
    const auto at = text.find(line);
    EXPECT_NE(at, std::string::npos);
    text.replace(at, line.size(), "max_par_zone = " + std::to_string(quota));
    return text;
}

std::unique_ptr<Session> uphv_campaign(const std::string& file, const std::string& grid) {
    NewCampaign nc;
    nc.reference = "AAC UPHV 17";
    return Session::create(file, grid, nc, "test");
}

double quota(Session& s) { return TerritoryStudy(s).rules().max_units_per_zone.value_or(-1); }

// COTATION_DATA_DIR pointed at a copy of the data whose scoring-grids/ may
// be edited, restored at the end.
struct DataCopy {
    test::TempDir dir;
    std::string before;
    DataCopy() {
        const char* v = std::getenv("COTATION_DATA_DIR");
        before = v ? v : "";
        for (const auto& e : fs::directory_iterator(test::source_dir()))
            if (e.path().filename() != "scoring-grids" && e.path().filename() != "build")
                fs::create_directory_symlink(e.path(), dir.path / e.path().filename());
        fs::copy(test::source_dir() + "/scoring-grids", dir.path / "scoring-grids");
        setenv("COTATION_DATA_DIR", dir.path.c_str(), 1);
    }
    ~DataCopy() {
        if (before.empty()) unsetenv("COTATION_DATA_DIR");
        else setenv("COTATION_DATA_DIR", before.c_str(), 1);
    }
    std::string rules() const { return (dir.path / "scoring-grids" / "uphv-17-2019.territoire.txt").string(); }
};

// The rules file a grid of this folder is read with.
std::string rules_beside(const std::string& grid) {
    return (fs::path(grid).parent_path() / "uphv-17-2019.territoire.txt").string();
}
// The shipped UPHV grid copied into a folder of `dir`, with a rules file of
// that quota beside it; returns the grid's path.
std::string uphv_grid_with_rules_beside(const test::TempDir& dir, int quota) {
    fs::create_directories(dir.path / "g");
    const std::string grid = (dir.path / "g" / "uphv-17-2019.xml").string();
    fs::copy_file(test::source_dir() + "/scoring-grids/uphv-17-2019.xml", grid);
    std::ofstream(rules_beside(grid)) << uphv_rules_with_quota(quota);
    return grid;
}
}  // namespace

// A grid given with its own rules file beside it: those rules, not the
// shipped ones; editing or removing the file afterwards changes nothing.
TEST(TerritoryRulesPinned, TakenBesideTheGridAtCreationThenNeverReadAgain) {
    test::TempDir dir;
    const std::string grid = uphv_grid_with_rules_beside(dir, 2);
    const std::string rules = rules_beside(grid);
    {
        auto s = uphv_campaign(dir.file("c.cot"), grid);
        EXPECT_EQ(quota(*s), 2);   // the file beside the grid, not the shipped one (1)
        EXPECT_EQ(s->territory_rules_text(), uphv_rules_with_quota(2));
    }
    std::ofstream(rules) << uphv_rules_with_quota(3);
    EXPECT_EQ(quota(*Session::open(dir.file("c.cot"))), 2);
    fs::remove(rules);
    auto s = Session::open(dir.file("c.cot"));
    EXPECT_EQ(quota(*s), 2);
    EXPECT_TRUE(s->territory_rules_notice().empty());
    EXPECT_TRUE(s->store().journal("campagne/regles_territoriales").empty());   // pinned at creation, nothing to say
}

// A broken rules file beside the grid: `cotation new` refuses it, naming the
// file and the line, and makes no campaign.
TEST(TerritoryRulesPinned, BrokenRulesFileBesideTheGridIsRefusedAtCreation) {
    test::TempDir dir;
    fs::create_directories(dir.path / "g");
    const std::string grid = (dir.path / "g" / "uphv-17-2019.xml").string();
    fs::copy_file(test::source_dir() + "/scoring-grids/uphv-17-2019.xml", grid);
    std::ofstream((dir.path / "g" / "uphv-17-2019.territoire.txt").string()) << "departements = 17\nzone = canton\n";
    const std::string why = test::message_of([&] { uphv_campaign(dir.file("c.cot"), grid); });
    EXPECT_NE(why.find("uphv-17-2019.territoire.txt"), std::string::npos) << why;
    EXPECT_NE(why.find("ligne 2"), std::string::npos) << why;
    EXPECT_FALSE(fs::exists(dir.file("c.cot")));
}

// A campaign made before schema 14 takes the shipped file once, at its
// first opening (journaled as the migration, said in French); editing the
// shipped file afterwards changes nothing.
TEST(TerritoryRulesPinned, CampaignMadeBeforeTakesTheShippedFileOnceAtMigration) {
    DataCopy data;
    test::TempDir dir;
    uphv_campaign(dir.file("c.cot"), test::source_dir() + "/scoring-grids/uphv-17-2019.xml");
    // Back to schema 11 (before the ledger, the links' identifiers and the pinned rules).
    test::sql(dir.file("c.cot"), test::before_ledger_sql(dir.file("c.cot")) + "PRAGMA user_version = 11");
    std::ofstream(data.rules()) << uphv_rules_with_quota(2);   // the shipped file as it stands at migration
    {
        auto s = Session::open(dir.file("c.cot"));
        EXPECT_EQ(quota(*s), 2);
        EXPECT_NE(s->territory_rules_notice().find("reprises du fichier livré « uphv-17-2019.territoire.txt » et figées"),
                  std::string::npos)
            << s->territory_rules_notice();
        const auto pinned = s->store().journal("campagne/regles_territoriales");
        ASSERT_EQ(pinned.size(), 1u);
        EXPECT_EQ(pinned[0].actor, "migration");
        EXPECT_NE(pinned[0].new_value.find("uphv-17-2019.territoire.txt — campagne antérieure aux règles figées"),
                  std::string::npos)
            << pinned[0].new_value;
        EXPECT_TRUE(s->store().verify_journal().ok);
    }
    std::ofstream(data.rules()) << uphv_rules_with_quota(3);
    auto s = Session::open(dir.file("c.cot"));
    EXPECT_EQ(quota(*s), 2);
    EXPECT_EQ(s->store().journal("campagne/regles_territoriales").size(), 1u);   // once
    EXPECT_TRUE(s->territory_rules_notice().empty());
}

// Rules that no longer read (a pinned text changed outside Cotation, or a
// code the reference data does not know): the committee's proposal — which
// the ranking, the decisions and the documents draw — throws nothing; it is
// the capacity-only proposal, and the error names the file and the line.
TEST(TerritoryRulesPinned, UnreadableRulesLeaveTheRankingDrawnWithoutThemAndSaySo) {
    test::TempDir dir;
    create_demo(dir.file("d.cot"), "uphv", DemoStage::Instruction);
    for (const auto& [text, said] : std::vector<std::pair<std::string, std::string>>{
             {"departements = 17\nzone = canton\n", "ligne 2"},
             {"departements = 17\nzone = groupes\ngroupe Nord = 99999\n", "« 99999 » n'est ni une commune"}}) {
        // Pinned as they are (the store reads nothing of them): what a text
        // changed outside Cotation, or a commune gone from the reference data, leaves.
        // In the coordinator's name from her account, as Cotation journals it (trial 13e F1: the journal stays sound).
        {
            auto w = Session::open(dir.file("d.cot"));
            w->store().pin_territory_rules("uphv-17-2019.territoire.txt", text, "essai",
                                           test::demo_coordinator(*w) + " (compte " + Session::os_login() + ")");
        }
        auto s = Session::open(dir.file("d.cot"));
        const Ranking* proposal = nullptr;
        EXPECT_NO_THROW(proposal = &s->committee_proposal()) << text;
        ASSERT_NE(proposal, nullptr);
        EXPECT_EQ(proposal->ranked.size(), s->ranking().ranked.size());
        for (std::size_t i = 0; i < proposal->ranked.size(); ++i)   // the capacity-only proposal, unchanged
            EXPECT_EQ(proposal->ranked[i].proposal, s->ranking().ranked[i].proposal);
        const std::string& error = s->territory_rules_error();
        EXPECT_EQ(error.rfind("Règles territoriales illisibles (« " + dir.file("d.cot") +
                                  " (règles territoriales uphv-17-2019.territoire.txt) »",
                              0),
                  0u)
            << error;
        EXPECT_NE(error.find(said), std::string::npos) << error;
        EXPECT_NE(error.find("sans la règle territoriale de l'appel"), std::string::npos) << error;
        // `rank` draws the ranking and says it once.
        std::string coordinator = test::demo_coordinator(*s);
        for (std::size_t at = 0; (at = coordinator.find('\'', at)) != std::string::npos; at += 4)
            coordinator.replace(at, 1, "'\\''");
        const test::Ran r = test::cli("rank " + dir.file("d.cot") + " --par '" + coordinator + "'");
        EXPECT_EQ(r.code, 0) << r.out;
        std::size_t times = 0;
        for (auto at = r.out.find("Règles territoriales illisibles"); at != std::string::npos;
             at = r.out.find("Règles territoriales illisibles", at + 1))
            ++times;
        EXPECT_EQ(times, 1u) << r.out;
    }
}

namespace {
// The shipped UPHV rules as a campaign pinned them before statuses existed:
// the same text without its « statut » lines.
std::string uphv_rules_without_statuses() {
    std::istringstream in(test::slurp(test::source_dir() + "/scoring-grids/uphv-17-2019.territoire.txt"));
    std::string out;
    for (std::string line; std::getline(in, line);)
        if (line.rfind("statut ", 0) != 0) out += line + "\n";
    return out;
}
}   // namespace

// Trial 1011B F2: a campaign whose rules were pinned before statuses existed
// reads every rule as a proposal (the safe reading), says why, and never
// prints one as the call's rule; a file (`cotation new`) must declare them.
TEST(TerritoryRulesPinned, RulesPinnedBeforeStatusesAreProposalsNeverTheCalls) {
    test::TempDir dir;
    create_demo(dir.file("d.cot"), "uphv", DemoStage::Instruction);
    {
        auto s = Session::open(dir.file("d.cot"));
        // Shipped file: the envelope is the call's (cahier des charges 4-1), the EPCI quota the tool's proposal.
        const allocation::Rules r = TerritoryStudy(*s).rules();
        EXPECT_TRUE(r.status_of("enveloppe").call());
        EXPECT_EQ(r.status_of("enveloppe").section, "4-1 Le budget : « 44 000 €/an/unité », pour 3 unités");
        EXPECT_FALSE(r.status_of("max_par_zone").call());
        EXPECT_EQ(r.status_of("max_par_zone").author, "l'outil");
        s->store().pin_territory_rules("uphv-17-2019.territoire.txt", uphv_rules_without_statuses(), "essai", "test");
    }
    auto s = Session::open(dir.file("d.cot"));
    EXPECT_TRUE(s->territory_rules_error().empty()) << s->territory_rules_error();
    const allocation::Rules r = TerritoryStudy(*s).rules();
    for (const char* key : {"departements", "max_par_zone", "places_par_unite", "enveloppe", "distance_min_retenus"}) {
        EXPECT_FALSE(r.status_of(key).call()) << key;
        EXPECT_NE(r.status_of(key).reason.find("avant que son statut soit déclaré"), std::string::npos) << key;
    }
    const auto lines = s->allocation_rule_lines();
    ASSERT_FALSE(lines.empty());
    // The capacity is no rule of the file: campagne.places, whose grid cites the call (« 3 X 8 lits »).
    EXPECT_EQ(lines[0].rfind("Capacité : 24 lits — règle de l'appel (Cahier des charges", 0), 0u) << lines[0];
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const std::string& l = lines[i];
        // Nor is the cap: campagne.financement_max (role « plafond »), whose grid cites 4-1 (« 44 000 €/an/unité »).
        if (l.rfind("Plafond : ", 0) == 0) {
            EXPECT_EQ(l.rfind("Plafond : 44\u00A0000\u00A0€ par an et par unité ; un dossier qui demande plus compte pour ce "
                              "plafond — règle de l'appel (Cahier des charges",
                              0),
                      0u)
                << l;
            continue;
        }
        EXPECT_EQ(l.find("règle de l'appel ("), std::string::npos) << l;
        EXPECT_NE(l.find("proposition, non une règle de l'appel"), std::string::npos) << l;
    }
    // The same text as a file: refused, the first rule without status named by its line
    // (line 8: « departements = 17 » after the 7 lines of comments).
    const std::string why = test::message_of(
        [&] { io::read_territory_rules(uphv_rules_without_statuses(), "u.txt", io::ReferenceData::instance()); });
    EXPECT_EQ(why.rfind("« u.txt », ligne 8 : « departements » sans statut", 0), 0u) << why;
}

// `grid apply` with a grid whose rules file changed: the campaign's pinned
// rules follow it, checked first and journaled with the grid's version and
// motive; a rules file that does not read leaves grid and rules as they were.
TEST(TerritoryRulesPinned, GridApplyPinsTheNewGridsRulesWhenTheyChanged) {
    test::TempDir dir;
    const std::string grid = uphv_grid_with_rules_beside(dir, 2);
    const std::string rules = rules_beside(grid);
    uphv_campaign(dir.file("c.cot"), grid);
    // Version 2 of the grid beside rules with a quota of 3.
    std::string xml = test::slurp(grid);
    xml.replace(xml.find("version=\"1\" status"), 18, "version=\"2\" status");
    std::ofstream(grid) << xml;
    auto s = Session::open(dir.file("c.cot"));
    const std::string actor = test::demo_coordinator(*s);
    // A status missing: refused before anything is written (grid still version 1, quota 2).
    std::ofstream(rules) << uphv_rules_with_quota(3) + "score_min = 100\n";
    const std::string why = test::message_of([&] { s->apply_grid_change(s->read_candidate_grid(grid), "v2", actor); });
    EXPECT_NE(why.find("« score_min » sans statut"), std::string::npos) << why;
    EXPECT_EQ(Session::open(dir.file("c.cot"))->grid().version, "1");
    EXPECT_EQ(quota(*Session::open(dir.file("c.cot"))), 2);
    std::ofstream(rules) << uphv_rules_with_quota(3);
    s = Session::open(dir.file("c.cot"));
    s->apply_grid_change(s->read_candidate_grid(grid), "Quota arrêté par le Département", actor);
    EXPECT_EQ(s->grid().version, "2");
    EXPECT_EQ(quota(*s), 3);
    EXPECT_EQ(quota(*Session::open(dir.file("c.cot"))), 3);
    const auto pinned = s->store().journal("campagne/regles_territoriales");
    ASSERT_EQ(pinned.size(), 1u);
    EXPECT_NE(pinned[0].new_value.find("grille « uphv-17-2019 » version 2 : règles de « uphv-17-2019.territoire.txt » — "
                                       "Quota arrêté par le Département"),
              std::string::npos)
        << pinned[0].new_value;
    EXPECT_TRUE(s->store().verify_journal().ok);
}
