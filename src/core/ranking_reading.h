#pragma once
// What a reader may see of a ranking (issue 13.3): the ranked dossiers whose
// ratings the reader may read (core/read_rules.h), in ranking order; the
// others apart, with neither total nor place. A place shows only when no
// ranked dossier is hidden: the gap a hidden dossier leaves in the others'
// ranks (or its row's position in a list) would tell where it stands.
#include <cstddef>
#include <vector>

namespace cotation {

struct RankingReading {
    std::vector<std::size_t> shown;    // positions in the ranking, in order
    std::vector<std::size_t> hidden;   // positions of the dossiers the reader may not read
    bool places = true;                // ranks (and margins between neighbours) may be shown
};
// `readable[i]`: whether the reader may read the i-th ranked dossier (DossierReading::others).
RankingReading ranking_reading(const std::vector<bool>& readable);

}  // namespace cotation
