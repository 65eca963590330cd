#pragma once
// What a person may read of a dossier's ratings (issue 13.3), decided once
// here for every read path of the command line and the workbench: the
// ratings view, the journal, instruction reports, ranking and consolidation
// views, exports. Blind rating: an instructor sees the others' ratings of a
// dossier only after submitting their own; a person who declared a link with
// the dossier's organisme never sees them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dossier.h"
#include "team.h"

namespace cotation {

struct DossierReading {
    bool others = true;   // the other reviewers' ratings, and what they reveal (means, consolidation, totals)
    std::string why;      // when not: why, in French
};

// `reader`: the person reading; nullopt when nobody is identified on a
// campaign without accounts (everything, as before accounts existed).
DossierReading dossier_reading(const Team& team, const std::optional<std::string>& reader, std::int64_t dossier,
                               const Organisation& organisation);

// The ratings among `ratings` (of that dossier) the reader may see.
std::vector<const Rating*> readable_ratings(const DossierReading& r, const std::optional<std::string>& reader,
                                            const std::vector<const Rating*>& ratings);

// A journal entry of the dossier, by what follows « dossier/REF/ » in its
// entity (« note/REVIEWER/CRIT », « consolidation/CRIT », empty for the
// dossier itself; references may hold a « / », so the caller cuts the
// prefix): someone else's rating or a consolidation only when others are readable.
bool journal_entity_readable(const DossierReading& r, const std::optional<std::string>& reader, const std::string& rest);

}  // namespace cotation

namespace cotation {

// ---- Declared links: which organisation a declaration names ----
// A name as compared: case, accents, spaces and punctuation do not matter
// (« Association  ALPHA-Santé. » = « association alpha sante »).
std::string organisation_key(const std::string& name);
// The organisme of `dossiers` that `declared` designates: by identifier
// (SIREN: 9 digits, the start of a SIRET; SIRET: 14; FINESS: 9, spaces
// allowed) or by normalised name; nullopt when it designates none.
std::optional<std::string> designated_organisme(const std::vector<Dossier>& dossiers, const std::string& declared);

// A link declared before any dossier of its organisation (trial 15: a
// declaration of interests is signed when the instruction begins, before
// every dossier has come in): the name as typed, or for a SIREN, SIRET or
// FINESS the identifier it stores (« siren:… », « finess:… »), so that it
// covers the dossiers filed later under that name or identifier; nullopt when
// `declared` holds neither a name nor an identifier.
struct DeclaredAlone {
    std::string organisme, identifiers;
};
std::optional<DeclaredAlone> declared_alone(const std::string& declared);

// Who files a dossier, as links are matched against it.
inline Organisation identity_of(const Dossier& d) { return {d.organisme, d.siret, d.finess}; }
// The identifiers a declaration naming `declared` stores: the SIREN (from
// the SIRET) and FINESS of every dossier it designates (by identifier or
// normalised name), « siren:… finess:… », so that it covers the
// organisation's other dossiers filed under another name, imported before
// or after the declaration (trial 13b F8).
std::string declared_identifiers(const std::vector<Dossier>& dossiers, const std::string& declared);
// Does the declaration cover that organisation: same normalised name, or a
// SIREN or FINESS in common?
bool declaration_covers(const ConflictDeclaration& c, const Organisation& o);
// The references of the dossiers the declaration covers (declaration_covers),
// in the dossiers' order: what the committee view and file list beside it
// (review 12C M1: they matched the exact name only).
std::vector<std::string> covered_references(const ConflictDeclaration& c, const std::vector<Dossier>& dossiers);

}  // namespace cotation
