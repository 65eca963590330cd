#pragma once
#include <memory>
#include <string>

#include "session.h"

namespace cotation {

// The calls that have a demo campaign (demo/<call>/).
bool demo_exists(const std::string& call);

// How far the demo campaign has gone: rated and consolidated (instruction),
// or through the committee's meeting and the decisions (complete).
enum class DemoStage { Instruction, Complete };

// Creates a demo campaign at `path` through the ordinary paths, as its team
// would: the grid file, dossiers.csv, the team (equipe.csv, liens.csv,
// affectations.csv), prior rejections (refus.csv), notes.csv, consolidation,
// then the meeting (seance.csv), members' opinions (avis.csv) and decisions.
std::unique_ptr<Session> create_demo(const std::string& path, const std::string& call = "act-hlm",
                                     DemoStage stage = DemoStage::Complete);

}  // namespace cotation
