#pragma once
// Completeness (documents) and conformity (rules) of one dossier.
#include <string>
#include <vector>

#include "dossier.h"
#include "grid.h"

namespace cotation {

enum class Outcome { Passed, Failed, Undecidable, NotApplicable };
const char* outcome_label(Outcome o);   // "conforme", "non conforme", ...

struct RuleResult {
    const RuleDef* rule = nullptr;
    Outcome outcome = Outcome::Passed;
    std::vector<std::string> missing;   // labels of the missing facts
};

struct DocumentResult {
    const DocumentDef* document = nullptr;
    bool received = false;
};

struct EligibilityReport {
    std::vector<DocumentResult> documents;
    std::vector<RuleResult> rules;

    bool complete() const;         // every eliminating document received
    bool eliminated() const;       // an eliminating rule failed or a required document is missing
    bool undecidable() const;      // not eliminated, but an eliminating rule could not be decided
    bool has_attention() const;    // a point of attention failed
    // One line per failure: "Pièce manquante : budget prévisionnel", "Territoire : ...".
    std::vector<std::string> elimination_reasons() const;
    std::vector<std::string> missing_facts() const;   // labels, no duplicates
    // Only those that leave an eliminating rule undecided (the ranking's flag).
    std::vector<std::string> blocking_missing_facts() const;
    std::vector<std::string> attention_points() const;
};

// The value of any name a rule can read: a campaign parameter, a dossier
// fact, or a derived table total (sum of the rows given; missing when no row is).
Value fact_value(const Grid& grid, const Campaign& campaign, const Dossier& dossier, const std::string& name);

// "Recevable", "Irrecevable", "À compléter" (not decidable: a fact is missing).
const char* verdict_label(const EligibilityReport& r);

EligibilityReport check_eligibility(const Grid& grid, const Campaign& campaign, const Dossier& dossier);

}  // namespace cotation
