#pragma once
// Writes a grid back to its XML format (docs/grid-format.md), for the grid
// editor's "save as a new version". Facts that come from the grid's form are
// not written: the grid keeps naming its form.
#include <string>

#include "core/grid.h"

namespace cotation::io {

std::string write_grid_xml(const Grid& grid);

}  // namespace cotation::io
