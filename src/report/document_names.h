#pragma once
// File names of the documents Cotation writes: « <dossier>-<document>.pdf »
// (or .odt), the document part in French (lettre, arrete, demande-pieces,
// compte-rendu, dossier-commission, proces-verbal).
//
// The dossier part comes from data (a reference typed by a person), so it is
// escaped, never taken as a path: ASCII letters, digits and « - » are kept,
// a space becomes « + », every other byte « _XX » (its two hexadecimal
// digits; « _ » and « + » themselves included). The escaping is injective:
// `A/B`, `A_B`, `A.B` and `A B` give `A_2FB`, `A_5FB`, `A_2EB` and `A+B`, so
// two distinct references never
// give the same name (issue: one PDF silently overwrote another). A name
// still too long for a file system is cut and given a hash of the whole
// reference; the batch refuses any collision that remains (case-insensitive
// file systems included) as an error, never as an overwrite.
#include <map>
#include <string>
#include <string_view>

namespace cotation::report {

// The reference as a file-name part (safe characters only, injective).
std::string file_part(std::string_view reference);

// "<file_part(reference)>-<document>", e.g. "ACT-2023-01-lettre".
std::string document_stem(std::string_view reference, std::string_view document);

// Names given out in one batch, to refuse a collision (two documents meant
// for the same file) instead of overwriting. Not thread-safe: claim the
// names before writing in parallel.
class NameRegistry {
public:
    // Reserves `name` for `owner` ("dossier « A/B », lettre"); throws Error
    // naming both owners when the name (compared without case, as Windows and
    // macOS do) is already taken.
    void claim(const std::string& name, const std::string& owner);

private:
    std::map<std::string, std::string> taken_;   // lower-case name -> owner
};

}  // namespace cotation::report
