#pragma once
// The orders (arrêtés) of the retained dossiers and the requests for
// missing pieces (demandes de pièces complémentaires), from templates/
// (templates/<grid id>/arrete.txt first, else templates/arrete.txt;
// demande-pieces.txt likewise). Each document is built by a function a batch
// can call per dossier (order_document, pieces_document), then written as
// PDF, ODT or both like the letters (letters.h).
#include <optional>
#include <string>
#include <vector>

#include "core/pieces.h"
#include "documents.h"
#include "letters.h"

namespace cotation::report {

const char* order_template();            // "arrete.txt"
const char* pieces_template();           // "demande-pieces.txt"

// A dossier gets an order when it is retained: by the authority's decision,
// else (before any decision) by the proposal, as its letter is chosen.
bool gets_order(const LetterContext& ctx, const RankEntry& e);

// The letter's values plus: `visas` (one line per text the grid cites with a
// visa, « Vu … ; »), `date_arrete` (the decision's date, else the letters'),
// `date_commission` (campagne.date_commission, in words; empty when unset),
// `places_arrete` (places granted, else asked), `vigilance` (the open
// vigilance points of the instruction, one per line), `sans_vigilance`
// (« oui » when there is none), `applique` (the points of rules marked
// arrete="applique", which the order applies), and `<id>.libelle` and
// `<id>.liste` (labels and codes, one per line) for each fact or parameter
// whose codes have labels (categorie_porteur.libelle), and `<id>.<code>`
// (« oui » when that code is chosen: categorie_porteur.354).
Variables order_variables(const LetterContext& ctx, const RankEntry& e, std::size_t ranked_count);
Variables order_variable_names(const Grid& grid, const Campaign& campaign);

// The letter's values plus `pieces_manquantes` (one line per piece asked),
// `piece_unique` / `pieces_plusieurs` (« oui » for one piece / several),
// `date_demande`, `date_limite_pieces` (in words) and `delai_pieces`
// (« 15 jours »).
Variables pieces_variables(const LetterContext& ctx, const RankEntry& e, const PiecesStatus& status);
Variables pieces_variable_names(const Grid& grid, const Campaign& campaign);

struct Document {
    LetterHeader header;
    std::vector<Block> blocks;
};

// What to check before signing an order: no FINESS, open vigilance points.
std::vector<std::string> order_warnings(const LetterContext& ctx, const RankEntry& e);

// One document; `templates` must have been checked (check_order_templates)
// so that expanding only reads. Throws InputError on a value missing, and
// when a fact of the dossier the order cites outside a condition is empty.
Document order_document(const LetterContext& ctx, const TemplateSet& templates, const RankEntry& e);
Document pieces_document(const LetterContext& ctx, const TemplateSet& templates, const RankEntry& e, const PiecesStatus& status);

// Every problem of the order and pieces templates for this grid (unknown
// value, unbalanced block: template, line, grid). Loads them into `templates`.
std::vector<std::string> check_order_templates(TemplateSet& templates, const Grid& grid, const Campaign& campaign);

// One order per retained dossier (or only `only_reference`) into out_dir:
// <dossier>-arrete.pdf|.odt. A dossier without FINESS is in the warnings.
DocumentBatch write_orders(const LetterContext& ctx, const std::string& out_dir, const std::string& only_reference = "",
                           Format format = Format::Pdf);

struct PiecesJob {
    const RankEntry* entry = nullptr;
    PiecesStatus status;   // requested and due set
};
// One request per job: <dossier>-demande-pieces.pdf|.odt, dated by its request.
DocumentBatch write_pieces_requests(const LetterContext& ctx, const std::vector<PiecesJob>& jobs, const std::string& out_dir,
                                    Format format = Format::Pdf);

}  // namespace cotation::report
