// Every document of a campaign in one command: `cotation documents`.
#include <filesystem>
#include <unistd.h>

#include <iostream>

#include "app/documents.h"
#include "app/input.h"
#include "app/accounts.h"
#include "app/session.h"
#include "cli/command.h"
#include "core/french.h"
#include "report/pdf_letter.h"
#include "core/invisible.h"

namespace cotation::cli {
namespace {

int documents(const Args& a) {
    DocumentRequest r;
    r.out_dir = a.get("--out");
    r.format =
        report::parse_format(input::one_of("--format", a.get("--format", "pdf"), {"pdf", "odt", "both", "les-deux", "pdf+odt"}));
    auto s = Session::open_for_documents(a.file());
    r.only_reference = only_dossier(*s, a);
    s->set_reader(a.reader(*s));   // instruction reports show what their reader may read (core/read_rules.h)
    // Progress on stderr, for a person watching a terminal (or asked for):
    // one line rewritten in place on a terminal, a line per tenth otherwise.
    const bool tty = isatty(STDERR_FILENO) != 0;
    report::BatchControl control;
    control.replace_edited = a.has("--remplacer");   // else an edited ODT is kept (trial 1011B F9)
    std::size_t shown = 0;
    if (tty || a.has("--progres"))
        control.progress = [&](std::size_t done, std::size_t total, const std::string&) {
            if (tty) {
                std::cerr << "\rDocuments : " << done << " sur " << total << std::flush;
                if (done == total) std::cerr << "\n";
            } else if (done == total || done * 10 / total > shown) {
                shown = done * 10 / total;
                std::cerr << "Documents : " << done << " sur " << total << "\n";
            }
        };
    std::error_code ec;
    const bool folder_there = std::filesystem::exists(r.out_dir, ec);
    auto batch = write_documents(*s, r, &control);
    // A folder made for the batch is said (trial 1011G m11: a typo made a tree without a word).
    if (!folder_there && std::filesystem::is_directory(r.out_dir, ec))
        std::cout << "Dossier " << fr::quote_path(r.out_dir) << " créé.\n";
    std::size_t n = batch.written.size();
    std::cout << fr::plural(n, "fichier") << " " << fr::agree(n, "écrit") << " dans " << fr::quote_path(r.out_dir) << ".\n";
    return report_batch(batch);
}

}  // namespace

void add_document_commands(Cli& cli) {
    cli.command("documents", Area::Results,
                "tous les documents de la campagne : lettres, arrêtés, demandes de pièces, comptes rendus d'instruction, "
                "dossier de la commission, procès-verbal (PDF, ODT ou les deux)")
        .file()
        .required("--out", "DOSSIER", "dossier où écrire les documents (<dossier>-<document>.pdf|.odt)")
        .option("--format", "pdf|odt|both", "PDF à signer, ODT à modifier avant signature, ou les deux (défaut : pdf)")
        .option("--dossier", "REF", "les documents de ce dossier seulement")
        .option("--par", "NOM", "qui lit : les comptes rendus taisent ce que cette personne ne peut pas lire")
        .flag("--remplacer", "remplace aussi les ODT modifiés depuis que Cotation les a écrits (sinon gardés et signalés)")
        .flag("--progres", "affiche l'avancement sur la sortie d'erreur même hors d'un terminal")
        .run(documents);
}

}  // namespace cotation::cli
