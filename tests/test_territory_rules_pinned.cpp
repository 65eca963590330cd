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

#include "app/demo.h"
#include "app/session.h"
#include "app/territory.h"
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

}  // namespace

// A grid given with its own rules file beside it: those rules, not the
// shipped ones; editing or removing the file afterwards changes nothing.
TEST(TerritoryRulesPinned, TakenBesideTheGridAtCreationThenNeverReadAgain) {
    test::TempDir dir;
    fs::create_directories(dir.path / "g");
    const std::string grid = (dir.path / "g" / "uphv-17-2019.xml").string();
    fs::copy_file(test::source_dir() + "/scoring-grids/uphv-17-2019.xml", grid);
    const std::string rules = (dir.path / "g" / "uphv-17-2019.territoire.txt").string();
    std::ofstream(rules) << uphv_rules_with_quota(2);
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
