#pragma once
// Refusal of a dossier before the evaluation (« refus préalable », « rejet
// avant évaluation »: as the procedure names it), and lifting it. Pure rules.
#include <optional>
#include <string>

#include "date.h"
#include "procedure.h"
#include "procedure_def.h"

namespace cotation {

// « refus préalable », « rejet avant évaluation »: as the procedure calls it.
std::string rejection_name(const ProcedureDef& p);

struct RejectionFacts {
    std::string reference;
    std::optional<Date> deadline;    // campagne.date_limite
    std::optional<Date> deposited;   // the dossier's date_depot
    bool decided = false;            // the dossier already has a decision
};

// Empty when the procedure allows this refusal on this ground now, else why.
std::string prior_rejection_refusal(const ProcedureDef& p, const RejectionFacts& f, RejectionGround ground,
                                    const std::string& motive);
// Lifting (the committee's revision): the dossier must be refused, a reason given.
std::string lift_refusal(const ProcedureDef& p, const std::string& reference, bool rejected, const std::string& reason);

}  // namespace cotation
