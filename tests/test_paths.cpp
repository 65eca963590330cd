// Where the programs find their data (src/io/paths.h): the package installs
// them under /usr/share/cotation beside /usr/bin, a build reads the source tree.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "io/paths.h"

namespace fs = std::filesystem;
using cotation::io::resolve_data_root;

namespace {
// A scratch PREFIX with bin/cotation, and share/cotation/scoring-grids/ if asked.
struct Prefix {
    fs::path dir;
    explicit Prefix(bool with_data) {
        dir = fs::temp_directory_path() / ("cotation-paths-" + std::to_string(::getpid()) + "-" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir);
        fs::create_directories(dir / "bin");
        std::ofstream(dir / "bin" / "cotation") << "";
        if (with_data) fs::create_directories(dir / "share" / "cotation" / "scoring-grids");
    }
    ~Prefix() { fs::remove_all(dir); }
    std::string exe() const { return (dir / "bin" / "cotation").string(); }
};
}  // namespace

TEST(DataRoot, EnvironmentVariableWinsOverEverything) {
    Prefix p(true);
    EXPECT_EQ(resolve_data_root("/srv/grilles-du-service", p.exe(), "/src/cotation", "share/cotation"),
              "/srv/grilles-du-service");
}

TEST(DataRoot, InstalledProgramReadsShareBesideBin) {
    // /usr/bin/cotation -> /usr/share/cotation: the package's layout, and any
    // prefix given to cmake --install.
    Prefix p(true);
    EXPECT_EQ(resolve_data_root(nullptr, p.exe(), "/src/cotation", "share/cotation"),
              (p.dir / "share" / "cotation").string());
    EXPECT_EQ(resolve_data_root("", p.exe(), "", "share/cotation"), (p.dir / "share" / "cotation").string())
        << "an empty variable counts as unset";
}

TEST(DataRoot, BuildTreeProgramReadsSourceTree) {
    // build/default/src/cotation has no share/cotation beside it.
    Prefix p(false);
    EXPECT_EQ(resolve_data_root(nullptr, p.exe(), "/src/cotation", "share/cotation"), "/src/cotation");
}

TEST(DataRoot, PackageBuildWithoutDataNamesTheInstalledPlace) {
    // A package build has no source-tree fallback: a missing data folder is
    // then reported where the package should have put it.
    Prefix p(false);
    EXPECT_EQ(resolve_data_root(nullptr, p.exe(), "", "share/cotation"), (p.dir / "share" / "cotation").string());
}

TEST(DataRoot, ThisBuildFindsTheShippedGrids) {
    // The tests run with COTATION_DATA_DIR set to the source tree (tests/CMakeLists.txt).
    EXPECT_TRUE(fs::is_directory(cotation::io::data_root() + "/scoring-grids"));
    EXPECT_TRUE(fs::is_regular_file(cotation::io::grid_path("act-hlm-paca-2023.xml")));
}
