#pragma once
#include <memory>
#include <string>

#include "session.h"

namespace cotation {

// The calls that have a demo campaign (demo/<call>/).
bool demo_exists(const std::string& call);

// Creates a demo campaign at `path` through the ordinary paths: the grid file,
// then the CSV imports of demo/<call>/dossiers.csv and ratings.csv.
std::unique_ptr<Session> create_demo(const std::string& path, const std::string& call = "act-hlm");

}  // namespace cotation
