#pragma once
// A journal entry said to a person, as a conflict shows it to the second
// writer (trial 15c F8: « dossier.fait « dossier/UPHV-2019-02/places » :
// 8 → 10 » where the form says « Lits demandés pour l'unité »): what changed,
// in words, with its values as the form shows them. The grid gives the labels
// of facts, pieces, criteria and parameters; without it (a store alone),
// the same sentence with their identifiers.
#include <string>

#include "campaign_store.h"

namespace cotation {

struct Grid;

// « « Nombre de places » du dossier E-1 : 5 → 10 », « note de Ali au critère
// I.1 (« Qualité du projet ») du dossier E-1 : (aucune) → 4 — solide ».
std::string change_in_words(const JournalEntry& e, const Grid* grid);

}  // namespace cotation
