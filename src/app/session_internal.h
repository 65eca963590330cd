#pragma once
// Helpers shared by the files of Session (session*.cpp), not part of its interface.
#include <string>
#include <vector>

#include "core/dossier.h"
#include "core/error.h"
#include "core/team.h"
#include "io/reference_data.h"

namespace cotation::session_detail {

// A rule's refusal (empty: allowed) becomes the error the user reads.
inline void require(const std::string& refusal) {
    if (!refusal.empty()) throw InputError(refusal);
}

// A département of the official list (data/departements.tsv), for the
// parameters that hold département codes (core/parameter_rules.h).
inline bool departement_exists(const std::string& code) {
    return !io::ReferenceData::instance().departement_name(code).empty();
}

// Dossiers among `references` whose names or addresses hold characters the
// PDF documents cannot print: one warning each, naming the dossier, the
// field and the characters (trial 13b F1; session_documents.cpp).
std::vector<std::string> unprintable_warnings(const std::vector<Dossier>& dossiers, const std::vector<std::string>& references);
// What an import of `references` says without refusing: the same SIRET or
// FINESS for several organisations (trial 13 F26), then the characters above.
std::vector<std::string> import_warnings(const std::vector<Dossier>& dossiers, const std::vector<std::string>& references);

}  // namespace cotation::session_detail
