#pragma once
// Reads a grid file (scoring-grids/*.xml, schema in docs/grid-format.md).
#include <functional>
#include <string>

#include "core/grid.h"

namespace cotation::io {

struct FormText {
    std::string xml;
    std::string file_name;   // for messages
};
// Finds the text of the form a grid names (<grid form="…">).
using FormLoader = std::function<FormText(const std::string& form_id)>;

// Parses and compiles; throws GridError/InputError naming file, line, element.
Grid read_grid(const std::string& xml, const std::string& file_name, const FormLoader& forms = {});
// Reads the form from forms/ beside the grid's folder (scoring-grids/../forms).
Grid read_grid_file(const std::string& path);
FormLoader forms_beside(const std::string& grid_path);

}  // namespace cotation::io
