#pragma once
#include <string>

namespace cotation::io {

// The folder holding scoring-grids/, templates/ and data/: $COTATION_DATA_DIR,
// else ../share/cotation beside the executable, else the source tree.
std::string data_root();
std::string grid_path(const std::string& name);        // scoring-grids/NAME
std::string template_path(const std::string& name);    // templates/NAME
std::string reference_path(const std::string& name);   // data/NAME

}  // namespace cotation::io
