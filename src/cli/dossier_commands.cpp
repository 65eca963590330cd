// Dossiers and ratings: import, rate, check.
#include <iostream>
#include <set>

#include "app/session.h"
#include "cli/command.h"
#include "core/eligibility.h"
#include "core/french.h"

namespace cotation::cli {

namespace {

int import(const Args& a) {
    auto s = Session::open(a.file());
    std::size_t n = s->import_dossiers_file(a.get("DOSSIERS.csv"), a.actor(*s));
    std::cout << fr::plural(n, "dossier") << " " << fr::agree(n, "importé") << ".\n";
    if (!s->import_notice().empty()) std::cout << s->import_notice() << "\n";
    return 0;
}

int rate(const Args& a) {
    auto s = Session::open(a.file());
    // The ratings as they were: the warning counts only those this file
    // brought, never a colleague's earlier one (trial 13b F6).
    auto key = [](const Rating& r) {
        return std::to_string(r.dossier_id) + "\n" + r.reviewer + "\n" + r.criterion + "\n" + std::to_string(r.value) + "\n" +
               r.justification;
    };
    std::set<std::string> before;
    for (const auto& r : s->ratings()) before.insert(key(r));
    std::size_t n = s->import_ratings_file(a.get("NOTES.csv"), a.actor(*s));
    std::vector<std::string> without;
    for (const auto& r : s->ratings())
        if (!rating_counts(s->grid(), r) && !before.count(key(r)))
            if (const Dossier* d = s->dossier_by_id(r.dossier_id))
                without.push_back(d->reference + ", " + r.reviewer + ", " + r.criterion);
    std::cout << fr::plural(n, "note") << " " << fr::agree(n, "importée") << ".\n";
    if (!s->import_notice().empty()) std::cout << s->import_notice() << "\n";
    if (!without.empty())
        std::cout << "Attention : " << fr::plural(without.size(), "note") << " de " << a.get("NOTES.csv")
                  << " sans justification ne " << fr::agree(without.size(), "compte", "comptent") << " pas : "
                  << fr::join(without, " ; ") << ".\n";
    return 0;
}

int check(const Args& a) {
    auto s = Session::open_read_only(a.file());   // a reading command writes nothing
    const std::string only = only_dossier(*s, a);
    for (const Dossier& d : s->dossiers()) {
        if (!only.empty() && d.reference != only) continue;
        auto rep = check_eligibility(s->grid(), s->campaign(), d);
        s->note_changed_figures(d, rep);   // a figure the authority changed is not the text's (trial 14)
        // A request awaiting its answer: not irrecevable before its deadline (core/pieces.h).
        std::string awaiting = s->pieces_requested(d.id) ? pieces_verdict(s->pieces(d.id)) : "";
        std::cout << d.reference << " — " << d.organisme << " : " << (awaiting.empty() ? verdict_label(rep) : awaiting) << "\n";
        for (const auto& doc : rep.documents)
            if (!doc.received)
                std::cout << (doc.unknown ? "  [pièce non renseignée] " : "  [pièce manquante] ") << doc.document->label << " ("
                          << doc.document->source << ")\n";
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
            std::cout << "  [" << outcome_label(r.outcome) << (r.rule->effect == RuleEffect::Attention ? ", vigilance" : "")
                      << "] " << r.rule->label;
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
