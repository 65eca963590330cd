#pragma once
// Reads a grid file (scoring-grids/*.xml, schema in docs/grid-format.md).
#include <string>

#include "core/grid.h"

namespace cotation::io {

// Parses and compiles; throws GridError/InputError naming file, line, element.
Grid read_grid(const std::string& xml, const std::string& file_name);
Grid read_grid_file(const std::string& path);

}  // namespace cotation::io
