#pragma once
// Reads a procedure file (procedures/*.xml: the kind of call, its steps and
// due dates, its committee and prior rejection) and, inside a grid, the
// <procedure> it amends and the <authority> a campaign starts with. Every
// error names the file and the line (format: docs/procedure.md).
#include <functional>
#include <string>

#include "core/procedure_def.h"

namespace cotation::io {

struct XmlElement;

ProcedureDef read_procedure(const std::string& xml, const std::string& file_name);

// From a grid's root element: its procedure="…" attribute and <procedure>
// child; its <authority> child (nullopt when absent).
ProcedureAmendment read_procedure_amendment(const XmlElement& grid_root, const std::string& file_name);
std::optional<Authority> read_authority(const XmlElement& grid_root, const std::string& file_name);

// The procedure a grid names when it names none.
inline const char* default_procedure_id() { return "appel-a-candidatures"; }

struct ProcedureText {
    std::string xml, file_name;
};
// procedures/<id>.xml beside the grid's folder (scoring-grids/../procedures),
// else in the data folder.
using ProcedureLoader = std::function<ProcedureText(const std::string& id)>;
ProcedureLoader procedures_beside(const std::string& grid_path);

}  // namespace cotation::io
