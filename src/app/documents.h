#pragma once
// Every document of a campaign in one action (`cotation documents`, the
// window's « Documents… »): a small registry of document kinds, each with its
// code (the French part of its file names), its label and the function that
// lists its jobs; one batch runs them all on every core, with progress and
// cancel (report/batch.h). A document that fails is reported, the others are
// written.
//
// Adding a kind (the orders, the requests for missing pieces): one entry in
// document_kinds() (documents.cpp) whose function returns the Session's jobs
// for it (Session::letter_jobs, order_jobs…: one job a dossier).
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/dossier.h"
#include "report/batch.h"
#include "report/documents.h"
#include "report/pdf_letter.h"

namespace cotation {

class Session;

struct DocumentRequest {
    std::string out_dir;
    report::Format format = report::Format::Pdf;
    std::string only_reference;   // one dossier's documents only (and no campaign document); empty: all
};

struct DocumentKind {
    std::string code;    // file part and identifier: "lettre", "compte-rendu", "dossier-commission"…
    std::string label;   // French, for messages: "lettres de décision"
    bool per_dossier;    // false: one document for the campaign
    // The jobs of this kind. Runs on the caller's thread (may compute the
    // ranking); the jobs' write functions run on worker threads and only
    // read. Throws (French message) when the kind cannot be prepared at all
    // (a date to set); appends to `notes` when it has nothing to write yet
    // (no meeting: no minutes).
    std::function<std::vector<report::DocumentJob>(Session&, const DocumentRequest&, std::vector<std::string>& notes)> jobs;
};

// The kinds, in the order of the batch: letters, instruction reports,
// committee file, minutes (and the orders' kinds when they come).
const std::vector<DocumentKind>& document_kinds();
// Their labels in one French sentence part, for the window that writes them
// all: « Lettres de décision, …, arrêtés des dossiers retenus et demandes de
// pièces complémentaires » (trial 1011 #25: it named four of the six).
std::string document_kinds_text();

// Each ranked dossier's place in the territory, for its instruction report
// (documents_territory.cpp): reference -> French lines (commune and EPCI,
// nearest existing structure, what it adds alone to the existing offer,
// zones its intervention territory overlaps); empty without a territory.
std::map<std::string, std::vector<std::string>> instruction_territory(Session& session);

// The batch in two steps, for a window that runs the second on another
// thread: prepare on the session's thread (ranking, templates, contexts;
// throws for an unknown dossier or a folder that cannot be made), then run
// (reads only) and gather the notes, failures and warnings.
struct PreparedDocuments {
    std::vector<report::DocumentJob> jobs;
    std::vector<std::string> notes;                     // nothing to write yet (no meeting: no minutes)
    std::vector<report::DocumentFailure> unprepared;    // a kind that could not be prepared, and why
    // The files of an earlier run this one does not write again (an order of
    // a dossier no longer retained, trial 1011G M1): names that a per-dossier
    // kind prepared without failure would give the dossiers asked for.
    std::vector<std::string> left_over;
};
PreparedDocuments prepare_documents(Session& s, const DocumentRequest& r);
report::DocumentBatch run_documents(const Session& s, const PreparedDocuments& p, const report::BatchControl* control = nullptr);

// Both steps: writes every document (of one dossier with only_reference) into out_dir.
// Files: <dossier>-<code>.pdf|.odt, <campaign>-<code> for the campaign's own.
// Failures name the dossier and document; notes and warnings in warnings.
report::DocumentBatch write_documents(Session& s, const DocumentRequest& r, const report::BatchControl* control = nullptr);

}  // namespace cotation
