#pragma once
// The team as the journal recorded it at a moment (trial 15g G4: re-declaring
// a person wiped their organisation and voice, and the minutes of a séance
// held before changed with today's team). Pure: fed the journal's
// « personne » entries.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "journal_rules.h"
#include "team.h"

namespace cotation {

// The person a « personne » entry declares (store/journal_texts.cpp:
// « RÔLE[ (voix consultative)] — ORGANISATION[ — compte LOGIN] »), or
// nullopt for another entry or a role it does not name.
std::optional<Person> person_of_entry(const JournalRecord& e);

// `today`'s team with each person's role, organisation and voice as the
// last « personne » entry up to `upto` (a séance's entry) left them; a
// person first declared after it is left out; a person the journal never
// names (a campaign older than these entries) stays as today. Links,
// assignments and submissions are today's.
Team team_as_of(const Team& today, const std::vector<JournalRecord>& entries, std::int64_t upto);

}  // namespace cotation
