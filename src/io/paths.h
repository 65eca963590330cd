#pragma once
#include <string>

namespace cotation::io {

// The folder holding scoring-grids/, forms/, templates/, data/, demo/ and
// procedures/. In order: $COTATION_DATA_DIR; share/cotation beside the
// executable's folder (/usr/bin/cotation -> /usr/share/cotation once the
// package is installed, any prefix of `cmake --install` too); the source tree
// when run from a build (left out of package builds, which carry no path of
// the build machine).
std::string data_root();
std::string grid_path(const std::string& name);        // scoring-grids/NAME
std::string reference_path(const std::string& name);   // data/NAME

// The rule of data_root(), on explicit inputs so that it can be tested:
// `env` is $COTATION_DATA_DIR (null or empty: unset), `exe` the program's
// absolute path, `source_tree` the build's source folder ("" in a package
// build), `installed_rel` the data folder relative to the prefix
// ("share/cotation"). A candidate counts when it holds scoring-grids/.
std::string resolve_data_root(const char* env, const std::string& exe, const std::string& source_tree,
                              const std::string& installed_rel);

}  // namespace cotation::io
