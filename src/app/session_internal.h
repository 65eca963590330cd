#pragma once
// Helpers shared by the files of Session (session*.cpp), not part of its interface.
#include <string>

#include "core/error.h"
#include "core/team.h"
#include "io/reference_data.h"

namespace cotation::session_detail {

// A rule's refusal (empty: allowed) becomes the error the user reads.
inline void require(const std::string& refusal) {
    if (!refusal.empty()) throw InputError(refusal);
}

// A département of the official list (data/departements.tsv), for the
// parameters that hold département codes (core/parameter_rules.h).
inline bool departement_exists(const std::string& code) {
    return !io::ReferenceData::instance().departement_name(code).empty();
}

}  // namespace cotation::session_detail
