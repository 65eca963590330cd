// Orders (arrêtés) and requests for missing pieces: arretes, pieces.
#include <iostream>
#include <set>

#include "app/input.h"
#include "app/session.h"
#include "core/french.h"
#include "cli/command.h"
#include "core/invisible.h"

namespace cotation::cli {

namespace {

report::Format format_of(const Args& a) {
    // A word outside the list is a usage error (code 2), named with its option.
    return report::parse_format(
        input::one_of("--format", a.get("--format", "pdf"), {"pdf", "odt", "both", "les-deux", "pdf+odt"}));
}

std::string written_text(std::size_t n, report::Format format, const char* one, const char* many, bool feminine) {
    const auto count = static_cast<long long>(n);
    return fr::plural(count, one, many) + " " + fr::agree(count, feminine ? "écrite" : "écrit") +
           (format == report::Format::Both ? " (PDF et ODT)" : format == report::Format::Odt ? " (ODT)" : "");
}

int orders(const Args& a) {
    report::Format format = format_of(a);
    auto s = Session::open_for_documents(a.file());   // writes files, never the campaign
    s->set_reader(a.reader(*s));   // --par, as every command that writes documents (trial 13c F10)
    std::string out = a.get("--out");
    auto batch = s->write_orders(out, only_dossier(*s, a), format);
    std::size_t n = format == report::Format::Both ? batch.size() / 2 : batch.size();
    std::cout << written_text(n, format, "arrêté", "arrêtés", false) << " dans " << fr::quote_path(out) << ".\n";
    if (n == 0 && batch.failures.empty()) std::cout << "Aucun dossier retenu : pas d'arrêté.\n";
    return report_batch(batch);
}

// `--recues identite,comptes`: the pieces the candidate sent, received on
// `--date` (default today) and ticked on the dossier (journaled), which closes
// the request once none is missing; late, only with `--motif`.
void record_received(Session& s, const Dossier& dossier, const Args& a) {
    std::set<std::string> ids;
    std::string known, list = a.get("--recues");
    for (const auto& doc : s.grid().documents) known += (known.empty() ? "" : ", ") + doc.id;
    std::size_t from = 0;
    while (from <= list.size()) {
        std::size_t comma = list.find(',', from);
        std::string id = fr::trim(list.substr(from, comma == std::string::npos ? std::string::npos : comma - from));
        from = comma == std::string::npos ? list.size() + 1 : comma + 1;
        if (id.empty()) continue;
        bool found = false;
        for (const auto& doc : s.grid().documents) found = found || doc.id == id;
        if (!found) throw UsageError("--recues : pièce « " + id + " » inconnue de la grille (pièces : " + known + ").");
        ids.insert(id);
    }
    Date on = a.has("--date") ? input::date("--date", a.get("--date")) : Session::today();
    PiecesStatus st = s.receive_pieces(dossier.id, ids, on, a.get("--motif"), a.actor(s));
    std::cout << "Pièces reçues enregistrées pour " << dossier.reference << " : " << st.summary() << "\n";
}

int pieces(const Args& a) {
    bool ask = a.has("--demander");
    bool received = a.has("--recues");
    std::string only = a.get("--dossier");
    if (ask && only.empty()) throw UsageError("--demander s'emploie avec --dossier REF.");
    if (received && only.empty()) throw UsageError("--recues s'emploie avec --dossier REF.");
    if (a.has("--date") && !ask && !received) throw UsageError("--date s'emploie avec --demander ou --recues.");
    if (ask && received) throw UsageError("--demander et --recues ne vont pas ensemble : une commande par date.");
    if (a.has("--motif") && !received) throw UsageError("--motif s'emploie avec --recues (pièces reçues hors délai).");
    if (a.has("--format") && !a.has("--out")) throw UsageError("--format s'emploie avec --out DOSSIER.");
    // The letters' format and folder checked before the demand is recorded:
    // a bad one recorded the step and wrote no letter (trial 1011G2 M1).
    const report::Format format = format_of(a);
    const std::string out = a.get("--out");
    auto s = ask || received ? Session::open(a.file())
             : a.has("--out") ? Session::open_for_documents(a.file())   // letters written: a damaged file refused first
                              : Session::open_read_only(a.file());
    if (!only.empty()) only = dossier_of(*s, only).reference;   // as the campaign spells it
    if (received) {
        const Dossier d = dossier_of(*s, only);
        record_received(*s, d, a);
    }
    if (ask) {
        const Dossier d = dossier_of(*s, only);
        if (!out.empty()) report::make_folder(out);
        Date on = a.has("--date") ? input::date("--date", a.get("--date")) : Session::today();
        s->request_pieces(d.id, on, a.actor(*s));
        std::cout << "Demande de pièces enregistrée pour " << d.reference << " : " << s->pieces(d.id).summary() << "\n";
    }
    int listed = 0;
    for (const Dossier& d : s->dossiers()) {
        if (!only.empty() && d.reference != only) continue;
        PiecesStatus st = s->pieces(d.id);
        if (only.empty() && st.state == PiecesState::Complete) continue;
        std::cout << d.reference << " — " << d.organisme << " : [" << pieces_state_label(st.state) << "] " << st.summary()
                  << "\n";
        ++listed;
    }
    if (!listed) std::cout << "Aucun dossier incomplet.\n";
    if (!a.has("--out")) return 0;
    auto batch = s->write_pieces_requests(out, only, format);
    std::size_t n = format == report::Format::Both ? batch.size() / 2 : batch.size();
    std::cout << written_text(n, format, "demande de pièces", "demandes de pièces", true) << " dans " << fr::quote_path(out)
              << ".\n";
    return report_batch(batch);
}

}  // namespace

void add_order_commands(Cli& cli) {
    cli.command("arretes", Area::Results, "arrêtés des dossiers retenus (PDF, ODT ou les deux)")
        .file()
        .required("--out", "DOSSIER", "dossier où écrire les arrêtés")
        .option("--dossier", "REF", "l'arrêté de ce dossier seulement")
        .option("--format", "pdf|odt|both", "PDF à signer, ODT à modifier avant signature, ou les deux (défaut : pdf)")
        .option("--par", "NOM", "qui écrit (défaut : COTATION_UTILISATEUR) : sur une équipe, la personne du compte")
        .run(orders);
    cli.command("pieces", Area::Dossiers, "pièces manquantes ; demande de pièces complémentaires et sa lettre")
        .file()
        .option("--dossier", "REF", "ce dossier seulement (obligatoire avec --demander)")
        .flag("--demander",
              "enregistre la demande de pièces complémentaires (délai : campagne.delai_pieces, 15 jours par défaut)")
        .option("--recues", "PIECE,PIECE", "pièces reçues du candidat (identifiants de la grille), cochées sur le dossier")
        .option("--date", "JJ/MM/AAAA", "date de la demande, ou de la réception avec --recues (défaut : aujourd'hui)")
        .option("--motif", "TEXTE", "avec --recues : décision motivée d'admettre des pièces reçues hors délai")
        .option("--out", "DOSSIER", "écrit la lettre de demande (du dossier, sinon de chaque demande en attente)")
        .option("--format", "pdf|odt|both", "format des lettres (défaut : pdf)")
        .acting()
        .run(pieces);
}

}  // namespace cotation::cli
