#pragma once
// The one place where text a person types (an option of the command line, a
// field of the workbench) becomes a typed value. Every message names the
// input — an option such as « --date » or a field label — and the text as
// typed, in one wording per kind of value.
#include <string>
#include <utility>

#include "core/date.h"
#include "core/fact.h"
#include "core/grid.h"
#include "core/procedure_def.h"
#include "core/error.h"
#include "core/procedure.h"
#include "core/rational.h"
#include "core/scoring.h"
#include "core/team.h"

namespace cotation::input {

// The text is not one of the words the input accepts, or not of the shape it
// declares (NOM=VALEUR): the command line reports it as a usage error.
class FormError : public InputError {
public:
    using InputError::InputError;
};

// « --date : « 31/02/2023 » n'est pas une date (JJ/MM/AAAA). »
Date date(const std::string& what, const std::string& text);
// French notation: "3,5", "12 600", "1/3".
Rational number(const std::string& what, const std::string& text);
// A capacity: a number of places or units, zero or more.
Rational places(const std::string& what, const std::string& text);
// A rating on the grid's scale (`min`–`max`).
Rational rating(const std::string& what, const std::string& text, int min, int max);

// Closed lists of words; the message lists the accepted ones.
DecisionKind decision(const std::string& what, const std::string& text);   // retenu, non-retenu, …
Role role(const std::string& what,
          const std::string& text);   // coordinateur, instructeur, membre-de-commission (codes of the enum table)
Vote vote(const std::string& what, const std::string& text);               // pour, contre, abstention
Opinion opinion(const std::string& what, const std::string& text);         // favorable, defavorable, reserve
RejectionGround ground(const std::string& what, const std::string& text);
AuthorityKind authority_kind(const std::string& what,
                             const std::string& text);   // ars, departement, autre  // hors-delai, irregulier, hors-sujet
// One word among `words` (compared without case or accents), returned as listed.
std::string one_of(const std::string& what, const std::string& text, std::initializer_list<const char*> words);

// Campaign parameters typed as a person types them (« campagne.places » = « 7 »),
// read by the grid's definitions: each name must be a parameter of `grid`.
// Empty text means « not set » (a missing value). The first bad one is thrown.
using TypedParameters = std::vector<std::pair<std::string, Value>>;
TypedParameters parameters(const Grid& grid, const std::vector<std::pair<std::string, std::string>>& texts);

// One field of the authority as a person types it (`cotation autorite --type ars`):
// "type" (ars, departement, autre), "adresse" (lines separated by « | » or a
// line break), or a text field; an unknown field names the known ones.
const std::vector<std::string>& authority_field_names();
void authority_field(Authority& authority, const std::string& field, const std::string& text);

// "NOM=VALEUR" (split at the last '=', both sides trimmed); `shape` names the
// expected form in the message, e.g. "NOM=pour|contre|abstention".
std::pair<std::string, std::string> name_value(const std::string& what, const std::string& text, const std::string& shape);

}  // namespace cotation::input
