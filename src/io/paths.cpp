#include "paths.h"

#include <cstdlib>
#include <filesystem>

namespace cotation::io {

std::string resolve_data_root(const char* env, const std::string& exe, const std::string& source_tree,
                              const std::string& installed_rel) {
    namespace fs = std::filesystem;
    if (env && *env) return env;
    std::error_code ec;
    fs::path installed;
    if (!exe.empty()) {
        // PREFIX/bin/cotation -> PREFIX/share/cotation, wherever PREFIX is.
        installed = fs::path(exe).parent_path().parent_path() / installed_rel;
        if (fs::is_directory(installed / "scoring-grids", ec)) return installed.lexically_normal().string();
    }
    if (!source_tree.empty()) return source_tree;
    // Nothing found: name the installed place, so that a missing grid is
    // reported where the package should have put it.
    return installed.empty() ? installed_rel : installed.lexically_normal().string();
}

std::string data_root() {
    std::error_code ec;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return resolve_data_root(std::getenv("COTATION_DATA_DIR"), ec ? std::string() : exe.string(),
                             COTATION_SOURCE_DIR, COTATION_INSTALL_DATA_DIR);
}

std::string grid_path(const std::string& name) { return data_root() + "/scoring-grids/" + name; }
std::string reference_path(const std::string& name) { return data_root() + "/data/" + name; }

}  // namespace cotation::io
