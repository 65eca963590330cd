#pragma once
// Dossiers and ratings from CSV files (formats in docs/formats.md), and the
// validation of one dossier's fields shared with the workbench's form.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/dossier.h"
#include "core/grid.h"
#include "core/people.h"
#include "reference_data.h"

namespace cotation::io {

// The first columns of a dossiers file, in order.
const std::vector<std::string>& dossier_base_columns();
inline constexpr const char* kDocumentsColumn = "pieces_recues";

// Longest texts an import or the form accepts (free-text facts: kMaxTextChars
// in core/fact.h); docs/formats.md lists them.
inline constexpr std::size_t kMaxReferenceChars = 40;
inline constexpr std::size_t kMaxOrganisationChars = kMaxNameChars;   // also a reviewer's name (core/people.h)
inline constexpr std::size_t kMaxJustificationChars = kMaxMotiveChars;

// Validates one field ("siret", "commune", "places", a grid fact, ...) typed
// as text. Returns an empty string when valid, else the reason in French.
std::string validate_field(const Grid& grid, const ReferenceData& ref, const std::string& column,
                           const std::string& text, Value* out = nullptr);

// What the import and the form would refuse in a dossier as stored: each
// identity field and fact (issue 15 G5: values typed in SQL under
// well-formed entries), as (field, reason in French), by validate_field on
// the value written as a person types it.
std::vector<std::pair<std::string, std::string>> stored_dossier_refusals(const Grid& grid, const ReferenceData& ref,
                                                                         const Dossier& d);

// Builds a dossier from named fields; `errors` receives "colonne : raison".
Dossier build_dossier(const Grid& grid, const ReferenceData& ref,
                      const std::map<std::string, std::string>& fields,
                      std::vector<std::pair<std::string, std::string>>& errors);

// Every row must be valid or nothing is returned: throws InputError listing
// up to 20 refused rows, each with file, line and column.
std::vector<Dossier> import_dossiers_csv(const Grid& grid, const ReferenceData& ref, const std::string& content,
                                         const std::string& file_name,
                                         // True when the campaign already holds this reference:
                                         // reported with its line, among the other errors.
                                         const std::function<bool(const std::string&)>& taken = {},
                                         // The receipt date (date_depot) against the call's
                                         // calendar: a message when refused (core/campaign_dates.h).
                                         const std::function<std::string(const Date&)>& check_receipt = {});

// Ratings: dossier;evaluateur;critere;note;justification. `reference_to_id`
// maps dossier references of the campaign. Same all-or-nothing rule.
// Reviewer names are trimmed with spaces collapsed, and a name equal to one of
// `known_reviewers` (or to an earlier line) but for case is written as that one.
std::vector<Rating> import_ratings_csv(const Grid& grid, const std::map<std::string, std::int64_t>& reference_to_id,
                                       const std::string& content, const std::string& file_name,
                                       const std::vector<std::string>& known_reviewers = {},
                                       // Why this reviewer may not rate this dossier (team rules), empty
                                       // when they may: reported with its line, among the other errors.
                                       const std::function<std::string(const Rating&)>& may_rate = {});

}  // namespace cotation::io
