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
// reference; the batch (batch.h, run_jobs) refuses any collision that
// remains (case-insensitive file systems included) as an error, never as an
// overwrite.
#include <string>
#include <string_view>

namespace cotation::report {

// The reference as a file-name part (safe characters only, injective).
std::string file_part(std::string_view reference);

// The campaign's reference as a file-name part a secretary recognises (trial
// finding 14: « AAC n°1/2019 » gave « AAC+n_C2_B01_2F2019 »): accents
// dropped (« é » -> « e », « œ » -> « oe »), every run of other signs one
// « - », none at either end: « AAC-n1-2019 ». Not injective, which a
// campaign's own documents (one committee file, one set of minutes) need
// not be; the batch still refuses a collision. Empty: « campagne ».
std::string readable_part(std::string_view reference);

// "<file_part(reference)>-<document>", e.g. "ACT-2023-01-lettre".
std::string document_stem(std::string_view reference, std::string_view document);

}  // namespace cotation::report
