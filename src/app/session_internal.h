#pragma once
// Helpers shared by the files of Session (session*.cpp), not part of its interface.
#include <string>

#include "core/error.h"
#include "core/team.h"

namespace cotation::session_detail {

// A rule's refusal (empty: allowed) becomes the error the user reads.
inline void require(const std::string& refusal) {
    if (!refusal.empty()) throw InputError(refusal);
}

}  // namespace cotation::session_detail
