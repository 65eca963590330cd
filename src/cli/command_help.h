#pragma once
// The help's side of the command line (command_help.cpp): section titles,
// the French formatter, the texts under the help. Used by command.cpp only.
#include <functional>
#include <memory>
#include <vector>

#include "command.h"

namespace CLI {
class Formatter;
}

namespace cotation::cli {

const char* area_title(Area a);   // the general help's section for an area

// CLI11's formatter in French; `command_of` gives the declared command of a
// CLI11 app (or null), `commands_under` the commands below an app in help order.
std::shared_ptr<CLI::Formatter> french_formatter(std::function<const Command*(const CLI::App*)> command_of,
                                                std::function<std::vector<const Command*>(const CLI::App*)> commands_under);

extern const char* const kEpilogue;       // under the general help
extern const char* const kActingFooter;   // under the help of a command that records a change

}  // namespace cotation::cli
