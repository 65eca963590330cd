#pragma once
// French identifiers an instruction team checks on every dossier.
#include <string>
#include <string_view>

namespace cotation::ids {

bool luhn_ok(std::string_view digits);
// SIRET: 14 digits, Luhn key (La Poste's 356 000 000 establishments use the
// sum-of-digits-modulo-5 rule instead, as INSEE documents).
bool siret_ok(std::string_view siret);
// FINESS: 9 characters, département (2A/2B for Corse) + 6 + key by Luhn on the
// digits. For Corse the key cannot be checked this way and only the form is.
bool finess_ok(std::string_view finess);
// INSEE commune code -> département code ("13201" -> "13", "2A004" -> "2A",
// "97411" -> "974"). Empty when the code is not of the form.
std::string departement_of_commune(std::string_view insee);

}  // namespace cotation::ids
