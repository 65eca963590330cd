// Dossiers and ratings: import, rate, check.
#include <iostream>

#include "app/session.h"
#include "cli/command.h"
#include "core/eligibility.h"
#include "core/french.h"

namespace cotation::cli {

namespace {

int import(const Args& a) {
    auto s = Session::open(a.file());
    std::size_t n = s->import_dossiers_file(a.get("DOSSIERS.csv"), a.actor(*s));
    std::cout << n << " dossier" << (n > 1 ? "s" : "") << " importé" << (n > 1 ? "s" : "") << ".\n";
    if (!s->import_notice().empty()) std::cout << s->import_notice() << "\n";
    return 0;
}

int rate(const Args& a) {
    auto s = Session::open(a.file());
    std::size_t n = s->import_ratings_file(a.get("NOTES.csv"), a.actor(*s));
    std::size_t without = 0;
    for (const auto& r : s->ratings())
        if (!rating_counts(s->grid(), r)) ++without;
    std::cout << n << " note" << (n > 1 ? "s" : "") << " importée" << (n > 1 ? "s" : "") << ".\n";
    if (!s->import_notice().empty()) std::cout << s->import_notice() << "\n";
    if (without)
        std::cout << "Attention : " << without << " note" << (without > 1 ? "s" : "") << " sans justification ne compte"
                  << (without > 1 ? "nt" : "") << " pas.\n";
    return 0;
}

int check(const Args& a) {
    auto s = Session::open_read_only(a.file());   // a reading command writes nothing
    std::string only = a.get("--dossier");
    if (!only.empty()) dossier_of(*s, only);
    for (const Dossier& d : s->dossiers()) {
        if (!only.empty() && d.reference != only) continue;
        auto rep = check_eligibility(s->grid(), s->campaign(), d);
        // A request awaiting its answer: not irrecevable before its deadline (core/pieces.h).
        std::string awaiting = s->pieces_requested(d.id) ? pieces_verdict(s->pieces(d.id)) : "";
        std::cout << d.reference << " — " << d.organisme << " : " << (awaiting.empty() ? verdict_label(rep) : awaiting) << "\n";
        for (const auto& doc : rep.documents)
            if (!doc.received) std::cout << "  [pièce manquante] " << doc.document->label << " (" << doc.document->source << ")\n";
        // A request for missing pieces: its state and deadline (cotation pieces).
        if (s->pieces_requested(d.id)) {
            PiecesStatus st = s->pieces(d.id);
            std::cout << "  [" << pieces_state_label(st.state) << "] " << st.summary() << "\n";
        }
        for (const auto& r : rep.rules) {
            if (r.outcome == Outcome::Passed) continue;
            if (r.outcome == Outcome::NotApplicable) {
                // One cause, one ground: a rule whose prerequisite failed is named, not repeated.
                if (r.blocked_by)
                    std::cout << "  [sans objet] " << r.rule->label << " : dépend de « " << r.blocked_by->label << " »\n";
                continue;
            }
            std::cout << "  [" << outcome_label(r.outcome) << (r.rule->effect == RuleEffect::Attention ? ", vigilance" : "") << "] "
                      << r.rule->label;
            if (r.outcome == Outcome::Failed) std::cout << " : " << r.message;   // with the values compared
            else {
                std::cout << " : manque ";
                std::cout << fr::join(r.missing);
            }
            std::cout << " (" << r.rule->source << ")\n";
        }
    }
    return 0;
}

}  // namespace

void add_dossier_commands(Cli& cli) {
    cli.command("import", Area::Dossiers, "importe des dossiers (tout ou rien)")
        .file()
        .positional("DOSSIERS.csv", "dossiers, une ligne chacun (docs/formats.md)")
        .acting()
        .run(import);
    cli.command("rate", Area::Dossiers, "importe des notes (tout ou rien)")
        .file()
        .positional("NOTES.csv", "notes : dossier, évaluateur, critère, note, justification (docs/formats.md)")
        .acting()
        .run(rate);
    cli.command("check", Area::Dossiers, "complétude et conformité de chaque dossier")
        .file()
        .option("--dossier", "REF", "ce dossier seulement")
        .run(check);
}

}  // namespace cotation::cli
