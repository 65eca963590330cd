#include "paths.h"

#include <cstdlib>
#include <filesystem>

namespace cotation::io {

std::string data_root() {
    namespace fs = std::filesystem;
    if (const char* env = std::getenv("COTATION_DATA_DIR"); env && *env) return env;
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        fs::path installed = exe.parent_path().parent_path() / COTATION_INSTALL_DATA_DIR;
        if (fs::exists(installed / "scoring-grids", ec)) return installed.string();
    }
    return COTATION_SOURCE_DIR;
}

std::string grid_path(const std::string& name) { return data_root() + "/scoring-grids/" + name; }
std::string template_path(const std::string& name) { return data_root() + "/templates/" + name; }
std::string reference_path(const std::string& name) { return data_root() + "/data/" + name; }

}  // namespace cotation::io
