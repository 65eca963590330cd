#pragma once
// Writing many documents at once: each document is a job (its dossier, its
// name, the function that writes it); the jobs run on every core, one
// failing job is reported and the others are written, a progress callback
// follows them and a cancel flag stops the jobs not yet started.
#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "documents.h"
#include "pdf_letter.h"

namespace cotation::report {

struct DocumentJob {
    std::string dossier;    // reference of the dossier; empty for a campaign document
    std::string document;   // what failures show: the template as found, or the document's name
    std::string stem;       // folder + "/" + document_stem(...): the files are stem + ".pdf" / ".odt"
    Format format = Format::Pdf;
    // Writes the files (stem.pdf and/or stem.odt) and returns them; throws
    // with a French message. Runs on a worker thread: reads only.
    std::function<std::vector<std::string>(const DocumentJob&)> write;
    std::string warning = {};   // added to the batch's warnings when the document is written
};

// Follows a batch: `progress` is called after each document (from the worker
// threads, one call at a time) with the number done, the total and the last
// document's name; `cancel`, once set, leaves the jobs not yet started
// unwritten (the batch says it was cancelled).
struct BatchControl {
    std::function<void(std::size_t done, std::size_t total, const std::string& last)> progress;
    const std::atomic<bool>* cancel = nullptr;
    bool cancelled() const { return cancel && cancel->load(); }
    // An ODT is there to be edited before signing (trial 1011B F9): one found
    // in the folder that is not, byte for byte, the one Cotation last wrote
    // there (its digest in kOdtDigests) is kept and the batch says so, unless
    // this is set (cotation documents --remplacer); it is then replaced, and
    // the edited file kept beside it, copied whole as
    // « NAME-avant-remplacement.odt », the batch saying where.
    bool replace_edited = false;
    // The command that replaces it, named in the warning.
    std::string replace_command = "cotation documents … --remplacer";
};

// The file, in each folder a batch writes ODT into, where the digest of each
// ODT written is kept, one « SHA-1  name » a line (as sha1sum writes them).
inline constexpr const char* kOdtDigests = ".cotation-empreintes";

// Runs the jobs. Names are checked first: two jobs whose files would have
// the same name (compared without case, as Windows and macOS compare them)
// both fail, neither is written, never one over the other.
DocumentBatch run_jobs(const std::vector<DocumentJob>& jobs, const BatchControl* control = nullptr);

// The folder where a batch writes, created when missing (Error naming it otherwise).
void make_folder(const std::string& out_dir);

}  // namespace cotation::report
