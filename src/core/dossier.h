#pragma once
// A campaign (one call) and the dossiers answering it.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "fact.h"
#include "procedure_def.h"

namespace cotation {

struct Campaign {
    std::string reference;     // "AAC ACT HLM PACA 2023"
    std::string title;
    Authority authority;       // who issues the call and signs its decisions
    FactValues parameters;     // "campagne.places" -> 73, ...
    // The procedure it follows: the text pinned at creation, with what the
    // grid adds (committee's name, the call's own steps).
    ProcedureDef procedure;
    std::string created_on;    // ISO date the campaign was created (dates a document when nothing else does)
};

// The one message for a dossier the campaign does not have: `reference` as
// typed (« ACT-9 »), or its number when only that is known (« n°12 »).
std::string unknown_dossier(const std::string& reference);

struct Dossier {
    std::int64_t id = 0;
    std::string reference;     // unique within the campaign
    std::string organisme, siret, finess, commune;
    FactValues facts;          // places, budget_annuel, date_depot and the grid's facts
    std::set<std::string> documents;   // ids of documents received

    // Value of any fact the rules can read, identity fields included.
    Value get(const std::string& name) const;
};

// A dossier's reference among the campaign's others (all but `except_id`):
// refused when it is another's already, or differs from one only as a
// reader would not see (case, spaces, look-alike characters); `where` names
// the input. Empty when it may be used.
std::string reference_refusal(const std::vector<Dossier>& dossiers, const std::string& reference, std::int64_t except_id,
                              const std::string& where);

// Why a dossier typed in a form or a command cannot be stored, or "": its
// reference, organisation and identity fields follow the rule of names, its
// text facts that of texts (people.h; trial 13g G2: look-alike dossiers made
// with U+034F or U+3164). `where` names the input (« Nouveau dossier »).
std::string dossier_texts_refusal(const Dossier& d, const std::string& where);

// The dossier as it stands (`current`) with only the named fields taken from
// `typed` (identity fields by name: reference, organisme, siret, finess,
// commune; any other name is a fact, removed when `typed` has none): what a
// form writes when another person changed the dossier's other fields since
// it was opened (trial 15d: their changes are kept, not overwritten). The
// pieces are always `current`'s.
Dossier merged_dossier(const Dossier& current, const Dossier& typed, const std::set<std::string>& fields);

struct Rating {
    std::int64_t dossier_id = 0;
    std::string reviewer;
    std::string criterion;
    int value = 0;
    std::string justification;
};

}  // namespace cotation
