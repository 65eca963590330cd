#pragma once
// The relative widths of an ODT table's columns, in hundredths of a
// character, as the PDF sizes its own (odt_columns.cpp).
#include <cstddef>
#include <vector>

#include "template.h"

namespace cotation::report {

std::vector<std::size_t> odt_column_widths(const Block& b);

}  // namespace cotation::report
