#pragma once
// Decision letters of a campaign, one PDF per dossier, from templates/.
#include <string>
#include <vector>

#include "core/date.h"
#include "core/dossier.h"
#include "core/grid.h"
#include "core/scoring.h"
#include "pdf_letter.h"
#include "template.h"

namespace cotation::report {

struct LetterContext {
    const Grid& grid;
    const Campaign& campaign;
    const std::vector<Dossier>& dossiers;
    const Ranking& ranking;
    Date letter_date;
    std::string templates_dir;
    const DecisionIndex* decisions = nullptr;   // when recorded, letters follow them
};

// The template chosen for an entry and the values it can use.
std::string template_for(const RankEntry& e, const Decision* decision = nullptr);   // "lettre-retenu.txt", ...
Variables letter_variables(const LetterContext& ctx, const RankEntry& e, std::size_t ranked_count);

// Writes one letter per dossier (or only `only_reference`) into out_dir, as
// PDF, ODT or both, and returns the files written. `limit` caps the number
// of letters (0: all).
std::vector<std::string> write_letters(const LetterContext& ctx, const std::string& out_dir,
                                       const std::string& only_reference = "", std::size_t limit = 0,
                                       Format format = Format::Pdf);

}  // namespace cotation::report
