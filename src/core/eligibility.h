#pragma once
// Completeness (documents) and conformity (rules) of one dossier.
#include <map>
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
    // When failed: what the test compared (« 63,50 € + 15 € = 78,50 € > 75 € »)
    // and the rule's message with those values, as letters and reports print it.
    std::vector<std::string> compared;
    std::string message;
    // The same message without the compared values, its facts and parameters
    // filled (« Avec le complément de 20 €, … ») : what an order's prose says.
    std::string sentence = {};
    // Not evaluated (NotApplicable) because this prerequisite failed: one
    // cause gives one ground, its consequences are not repeated.
    const RuleDef* blocked_by = nullptr;
};

struct DocumentResult {
    const DocumentDef* document = nullptr;
    bool received = false;
    // No piece recorded for the dossier (empty `pieces_recues` cell or no such
    // column): its completeness is « non renseignée », undecided, never every
    // piece missing (docs/formats.md; trial 13b F3).
    bool unknown = false;
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

// A rule's sentence (RuleResult::sentence: its message, values filled, no
// compared values) with, after each figure it cites that `notes` names, the
// note in brackets (« au plus 43 800 € [montant fixé par décision … ; le
// texte de l'appel prévoit 44 000 €] par an »): a figure changed by the
// authority is never left to read as the call's section (trial 1011C F3).
std::string rule_sentence(const Grid& grid, const Campaign& campaign, const Dossier& dossier, const RuleDef& rule,
                          const std::map<std::string, std::string>& notes);

// The failed rules' message and sentence of `report` with the notes of
// figures the authority changed (changed_figure_note, by parameter): after
// the figure where the message cites it, else after the sentence naming the
// parameter (« … au-delà du plafond du 4-1 (43 800 € > 40 000 €) [Financement
// complémentaire maximal … : montant fixé par décision … ; le texte de
// l'appel prévoit 44 000 €] »). What check, the instruction reports and the
// committee file print (trial 14: a changed ceiling read as §4-1's).
void note_changed_figures(const Grid& grid, const Campaign& campaign, const Dossier& dossier, EligibilityReport& report,
                          const std::map<std::string, std::string>& notes);

// The values a rule compared, whatever its outcome (a passed rule's figures
// for an instruction report: « 15 € × 8 lits × 365 jours = 43 800 €, soit au
// plus 44 000 € »). Empty when not decidable.
std::vector<std::string> rule_values(const Grid& grid, const Campaign& campaign, const Dossier& dossier, const RuleDef& rule);

}  // namespace cotation
