// Results and decisions: rank, accord, consolidate, decide, letters.
#include <algorithm>
#include <iostream>

#include "app/accounts.h"
#include "app/input.h"
#include "app/session.h"
#include "cli/command.h"
#include "core/french.h"
#include "core/invisible.h"
#include "io/csv.h"

namespace cotation::cli {

namespace {

// A number as a French spreadsheet reads one (LibreOffice and Excel in
// French, the CSV's readers): decimal comma, no thousands separator, six
// decimals at most (736/3 -> 245,333333; 231.5 -> 231,5). « 736/3 » was
// read as a date, « 231.5 » as text (trial 2 of issue 13).
// A text cell a spreadsheet never runs: a value starting with = + - @ (an
// organisation named « =HYPERLINK(…) », trial 13 F15) is a formula to
// LibreOffice and Excel; it is written after an apostrophe, as a text.
std::string sheet_text(const std::string& text) {
    if (!text.empty() && std::string("=+-@\t\r").find(text[0]) != std::string::npos) return io::csv_field("'" + text);
    return io::csv_field(text);
}

std::string sheet_number(const Rational& v) {
    std::string s = fr::number(v, 6);
    for (const char* space : {"\u00A0", "\u202F", " "})
        for (std::size_t i; (i = s.find(space)) != std::string::npos;) s.erase(i, std::string(space).size());
    return s;
}

void rank_csv(Session& s) {
    const Ranking& r = s.committee_proposal();   // the marks the committee votes on, as rank prints them
    const Grid& g = s.grid();
    std::cout << "rang;dossier;organisme;total";
    for (const auto& t : g.themes) std::cout << ";" << t.id;
    // « proposition » stays the ranking's proposal (scripts read it); the
    // decision recorded, empty while there is none, comes last.
    std::cout << ";proposition;observations;decision\n";
    auto decision = [&](const RankEntry& e) {
        auto it = s.decisions().find(s.dossiers()[e.dossier].id);
        return it == s.decisions().end() ? std::string() : io::csv_field(decision_label(it->second.kind));
    };
    // What the reader may not read has neither total nor place, and comes
    // last: its row among the others would say where it stands (core/read_rules.h).
    const RankingReading rr = ranking_reading(s);
    for (std::size_t i : rr.shown) {
        const RankEntry& e = r.ranked[i];
        const Dossier& d = s.dossiers()[e.dossier];
        std::cout << (rr.places ? std::to_string(e.rank) : std::string()) << ";" << sheet_text(d.reference) << ";"
                  << sheet_text(d.organisme) << ";" << sheet_number(e.score.total);
        for (const auto& t : e.score.themes) std::cout << ";" << sheet_number(t);
        std::string obs;
        for (const auto& o : observations(g, e)) obs += (obs.empty() ? "" : " | ") + o;
        std::cout << ";" << proposal_label(e.proposal) << ";" << sheet_text(obs) << ";" << decision(e) << "\n";
    }
    std::vector<const RankEntry*> masked;
    for (std::size_t i : rr.hidden) masked.push_back(&r.ranked[i]);
    for (const auto& e : r.pending) {
        const Dossier& d = s.dossiers()[e.dossier];
        // Never rated: no rank, and no total of 0 a sheet would sort among the scores (trial 13c F4).
        const bool unrated = e.proposal == Proposal::Unrated;
        if (!s.reading(d.id).others) {
            masked.push_back(&e);
            continue;
        }
        std::cout << ";" << sheet_text(d.reference) << ";" << sheet_text(d.organisme) << ";"
                  << (unrated ? std::string() : sheet_number(e.score.total));
        for (const auto& t : e.score.themes) std::cout << ";" << (unrated ? std::string() : sheet_number(t));
        std::cout << ";" << proposal_label(e.proposal) << ";" << sheet_text(e.proposal_reason) << ";" << decision(e) << "\n";
    }
    std::sort(masked.begin(), masked.end(), [&](const RankEntry* x, const RankEntry* y) {
        return s.dossiers()[x->dossier].reference < s.dossiers()[y->dossier].reference;
    });
    for (const RankEntry* e : masked) {
        const Dossier& d = s.dossiers()[e->dossier];
        std::cout << ";" << sheet_text(d.reference) << ";" << sheet_text(d.organisme) << ";masqué";
        for (std::size_t t = 0; t < g.themes.size(); ++t) std::cout << ";";
        std::cout << ";masqué;" << io::csv_field(s.reading(d.id).why) << ";\n";
    }
    for (const auto& e : r.ineligible) {
        const Dossier& d = s.dossiers()[e.dossier];
        std::string reasons = fr::join(e.apart_reasons(), " | ");
        std::cout << ";" << sheet_text(d.reference) << ";" << sheet_text(d.organisme) << ";";
        for (std::size_t t = 0; t < g.themes.size(); ++t) std::cout << ";";
        std::cout << ";" << proposal_label(e.proposal) << ";" << sheet_text(reasons) << ";" << decision(e) << "\n";
    }
}

void rank_margins(Session& s) {
    const Ranking& r = s.ranking();
    const RankingSolidity& sol = s.solidity();
    std::cout << "\nSolidité de l'ordre (plus petit changement qui mettrait deux voisins à égalité) :\n";
    for (const auto& m : sol.margins) {
        const auto& up = s.dossiers()[r.ranked[m.upper].dossier].reference;
        const auto& low = s.dossiers()[r.ranked[m.lower].dossier].reference;
        std::cout << "  " << up << " / " << low << " : écart " << fr::number(m.gap) << " pts ; ";
        if (m.coefficient_change)
            std::cout << "coefficient " << m.coefficient_criterion << " " << (m.coefficient_direction > 0 ? "+" : "−")
                      << fr::number(*m.coefficient_change);
        else
            std::cout << "aucun coefficient seul";
        std::cout << " ; ";
        if (m.rating_change)
            std::cout << "note " << m.rating_criterion << " de " << (m.rating_of_lower ? low : up) << " "
                      << (m.rating_of_lower ? "+" : "−") << fr::number(*m.rating_change) << " point";
        else
            std::cout << "aucune note seule";
        std::cout << "\n";
    }
    std::cout << "Rangs fragiles (une note d'un point peut les changer) :";
    bool any = false;
    for (std::size_t i = 0; i < sol.fragile.size(); ++i)
        if (sol.fragile[i]) {
            std::cout << " " << s.dossiers()[r.ranked[i].dossier].reference;
            any = true;
        }
    std::cout << (any ? "\n" : " aucun\n");
}

int rank(const Args& a) {
    auto s = Session::open_read_only(a.file());   // a reading command writes nothing
    // On a server, a member to whom others' ratings are hidden (issue 15).
    if (auto partial = s->store().partial_reading(); !partial.empty()) throw InputError(partial);
    s->set_reader(a.reader(*s));
    // Ranked all the same, but never silently on rows changed outside Cotation (trial 13b F18).
    if (auto warning = s->outside_change_warning(); !warning.empty()) std::cerr << warning << "\n";
    if (const auto& rules = s->territory_rules_error(); !rules.empty()) std::cerr << rules << "\n";
    if (a.has("--csv")) {
        rank_csv(*s);
        return 0;
    }
    const Ranking& r = s->committee_proposal();
    const Grid& g = s->grid();
    // Neither total nor place of what the reader may not read (core/read_rules.h).
    const RankingReading rr = ranking_reading(*s);
    std::cout << "Classement — " << s->campaign().reference << " (" << fr::number(g.max_total()) << " points)\n";
    for (std::size_t i : rr.shown) {
        const RankEntry& e = r.ranked[i];
        const Dossier& d = s->dossiers()[e.dossier];
        std::string status = proposal_label(e.proposal);
        // Passed over by the allocation the committee votes on (its rule, e.g.
        // the territorial balance), not by capacity alone: say which (trial finding 2).
        if (e.proposal == Proposal::NotRetained && !e.proposal_reason.empty() &&
            e.proposal_reason != s->ranking().ranked[i].proposal_reason)
            status = "écarté — " + e.proposal_reason;
        // Granted part of its request (the remainder): the motive it suggests.
        if (e.proposal == Proposal::Retained && !e.proposal_reason.empty()) status += " — " + e.proposal_reason;
        if (auto it = s->decisions().find(d.id); it != s->decisions().end())
            status = std::string("décision : ") + decision_label(it->second.kind);
        if (rr.places) std::cout << (e.rank < 10 ? " " : "") << e.rank << (e.ex_aequo ? "=" : " ");
        else std::cout << "  ·";
        std::cout << " " << d.reference << "  " << fr::number(e.score.total) << " pts  " << d.organisme << "  [" << status << "]";
        auto missing = e.eligibility.blocking_missing_facts();
        if (!missing.empty()) {
            std::cout << "  ⚠ non décidable, manque : ";
            std::cout << fr::join(missing);
        }
        // Ranked on part of the grid, and said (trial 13d F7).
        if (auto incomplete = incomplete_rating(g, e); !incomplete.empty()) std::cout << "  ⚠ " << incomplete;
        std::cout << "\n";
        for (const auto& n : e.set_aside) std::cout << "      – " << n << "\n";   // not in the total (trial 13 F22)
    }
    std::vector<const RankEntry*> masked;
    for (std::size_t i : rr.hidden) masked.push_back(&r.ranked[i]);
    // Nobody rated them: no total, no place, no proposal (trial 13c F4).
    std::vector<const RankEntry*> pending, unrated;
    for (const auto& e : r.pending)
        (!s->reading(s->dossiers()[e.dossier].id).others ? masked
         : e.proposal == Proposal::Unrated                ? unrated
                                                          : pending)
            .push_back(&e);
    if (!unrated.empty()) std::cout << "Dossiers non notés, hors classement (aucune note justifiée) :\n";
    for (const RankEntry* e : unrated) {
        const Dossier& d = s->dossiers()[e->dossier];
        std::cout << "  " << d.reference << "  " << d.organisme << "  [non noté]";
        if (auto missing = e->eligibility.blocking_missing_facts(); !missing.empty())
            std::cout << "  ⚠ non décidable, manque : " << fr::join(missing);
        std::cout << "\n";
        for (const auto& n : e->set_aside) std::cout << "      – " << n << "\n";
    }
    if (!pending.empty()) std::cout << "En attente d'arbitrage du coordonnateur, hors classement :\n";
    for (const RankEntry* e : pending) {
        const Dossier& d = s->dossiers()[e->dossier];
        std::cout << "  " << d.reference << "  " << fr::number(e->score.total) << " pts provisoires  " << d.organisme << " — "
                  << e->proposal_reason << "\n";
        for (const auto& n : e->set_aside) std::cout << "      – " << n << "\n";
    }
    std::sort(masked.begin(), masked.end(), [&](const RankEntry* x, const RankEntry* y) {
        return s->dossiers()[x->dossier].reference < s->dossiers()[y->dossier].reference;
    });
    if (!masked.empty()) std::cout << "Dossiers dont ni le total ni la place ne vous sont lisibles :\n";
    for (const RankEntry* e : masked) {
        const Dossier& d = s->dossiers()[e->dossier];
        std::cout << "  " << d.reference << "  " << d.organisme << " — " << s->reading(d.id).why << "\n";
    }
    if (!rr.places)
        std::cout
            << "Rangs non affichés (·) : l'écart qu'un dossier masqué laisserait entre les rangs des autres dirait sa place.\n";
    // A request for missing pieces before its deadline: awaiting, not irrecevable (core/pieces.h).
    auto awaiting = [&](const RankEntry& e) {
        const Dossier& d = s->dossiers()[e.dossier];
        return e.prior_rejection.empty() && s->pieces_requested(d.id) ? pieces_verdict(s->pieces(d.id)) : std::string();
    };
    bool any_awaiting = false, any_ineligible = false;
    for (const auto& e : r.ineligible) (awaiting(e).empty() ? any_ineligible : any_awaiting) = true;
    for (bool pass_awaiting : {true, false}) {
        if (pass_awaiting ? !any_awaiting : !any_ineligible) continue;
        std::cout << (pass_awaiting ? "Dossiers en attente de pièces, non classés :\n"
                                    : "Dossiers irrecevables, non classés :\n");
        for (const auto& e : r.ineligible) {
            std::string wait = awaiting(e);
            if (wait.empty() == pass_awaiting) continue;
            const Dossier& d = s->dossiers()[e.dossier];
            std::cout << "  " << d.reference << "  " << d.organisme << (pass_awaiting ? " — e" + wait.substr(1) : std::string())
                      << "\n";
            for (const auto& m : e.apart_reasons()) std::cout << "      – " << m << "\n";
        }
    }
    if (a.has("--marges")) {
        if (rr.places) rank_margins(*s);
        else
            std::cout
                << "\nSolidité de l'ordre non affichée : les marges entre voisins diraient la place des dossiers masqués.\n";
    }
    // The rules the proposal applies, each with its status (trial 1011B F2).
    if (const auto lines = s->allocation_rule_lines(); !lines.empty()) {
        std::cout << "Règles de répartition :\n";
        for (const auto& l : lines)
            std::cout << "  – " << l << "\n";
    }
    std::cout << Ranking::tie_rule() << "\n";
    return 0;
}

int agreement(const Args& a) {
    auto s = Session::open_read_only(a.file());   // a reading command writes nothing
    // Each reviewer's deviation is made of every dossier's ratings: shown only
    // to a reader who may read them all (core/read_rules.h).
    s->set_reader(a.reader(*s));
    for (const auto& d : s->dossiers())
        if (DossierReading dr = s->reading(d.id); !dr.others) {
            std::cout << "Accord entre évaluateurs non affiché : il est fait des notes de tous les dossiers, dont " << d.reference
                      << " — " << dr.why << "\n";
            return 0;
        }
    const Agreement& ag = s->agreement();
    std::cout << "Accord entre évaluateurs — alpha de Krippendorff (métrique d'intervalle) : "
              << (ag.alpha ? fr::number(*ag.alpha, 3) : std::string("non calculable")) << "\n";
    std::cout << "  " << ag.units << " couples (dossier, critère) notés par au moins deux évaluateurs, " << ag.values
              << " notes\n";
    std::cout << "Écart moyen de chaque évaluateur à la note consolidée :\n";
    for (const auto& r : ag.reviewers)
        std::cout << "  " << r.reviewer << " : " << (r.mean_offset > Rational(0) ? "+" : "") << fr::number(r.mean_offset, 2)
                  << " point sur " << r.ratings << " notes\n";
    std::cout << "Ces chiffres éclairent le coordonnateur ; les notes ne sont jamais recalculées à partir d'eux.\n";
    return 0;
}

int consolidate(const Args& a) {
    auto s = Session::open(a.file());
    if (a.has("--dossier")) {
        const Dossier d = dossier_of(*s, a.get("--dossier"));
        std::string criterion = a.need("--critere", "avec --dossier");
        Rational note = input::rating("--note", a.need("--note", "avec --dossier"), s->grid().scale_min, s->grid().scale_max);
        s->consolidate(d.id, criterion, note, a.get("--motif"), a.actor(*s));
        std::cout << "Note consolidée enregistrée : " << d.reference << ", " << criterion << " = " << a.get("--note") << ".\n";
        return 0;
    }
    // Without --dossier: what the coordinator still has to decide. A mean and
    // a spread give the ratings away: none for a dossier the reader may not read.
    s->set_reader(a.reader(*s));
    const Ranking& r = s->ranking();
    std::size_t open = 0, masked = 0;
    for (const auto* list : {&r.ranked, &r.pending})
        for (const auto& e : *list) {
            const Dossier& d = s->dossiers()[e.dossier];
            if (!s->reading(d.id).others) {
                ++masked;
                continue;
            }
            std::size_t k = 0;
            for (const auto& t : s->grid().themes)
                for (const auto& c : t.criteria) {
                    const CriterionScore& cs = e.score.criteria[k++];
                    if (!cs.flagged) continue;
                    std::cout << d.reference << ";" << c.id << ";moyenne " << fr::number(*cs.mean) << ";écart " << cs.spread
                              << ";" << (cs.decided ? "arbitré : " + fr::number(*cs.rating) : std::string("à arbitrer")) << "\n";
                    open += cs.decided ? 0 : 1;
                }
            // Means and spreads above leave them out: say so (trial 13 F22).
            for (const auto& n : e.set_aside) std::cout << d.reference << ";" << n << "\n";
        }
    std::cout << fr::plural(open, "critère") << " à arbitrer";
    if (masked)
        std::cout << " (hors " << fr::plural(masked, "dossier")
                  << " dont les notes ne vous sont pas lisibles)";
    std::cout << ".\n";
    return 0;
}

int decide(const Args& a) {
    auto s = Session::open(a.file());
    const Dossier dossier = dossier_of(*s, a.get("--dossier"));
    Decision d;
    d.kind = input::decision("--decision", a.get("--decision"));
    d.motive = a.get("--motif");
    d.date = a.has("--date") ? input::date("--date", a.get("--date")) : s->letter_date();
    if (a.has("--places")) d.places = input::places("--places", a.get("--places"));
    if (a.has("--avis")) d.committee_opinion = input::decision("--avis", a.get("--avis"));
    d.departure_reason = a.get("--ecart");
    s->decide(dossier.id, d, a.actor(*s));
    // Places granted in the grid's own unit (UPHV: lits, CRT: missions).
    auto granted = s->decisions().find(dossier.id);
    std::string places = granted != s->decisions().end() && granted->second.places
                             ? " (" + s->ranking().model.places_text(*granted->second.places) + ")"
                             : "";
    std::cout << "Décision enregistrée : " << dossier.reference << " — " << decision_label(d.kind) << places << ".\n";
    return 0;
}

int letters(const Args& a) {
    std::string out = a.get("--out");
    // A word outside the list is a usage error (code 2), named with its option.
    report::Format format =
        report::parse_format(input::one_of("--format", a.get("--format", "pdf"), {"pdf", "odt", "both", "les-deux", "pdf+odt"}));
    auto s = Session::open_for_documents(a.file());   // writes files, never the campaign
    s->set_reader(a.reader(*s));
    auto files = s->write_letters(out, only_dossier(*s, a), 0, format, a.has("--remplacer"));
    std::size_t n = format == report::Format::Both ? files.size() / 2 : files.size();
    std::cout << fr::plural(n, "lettre") << " " << fr::agree(n, "écrite")
              << (format == report::Format::Both ? " (PDF et ODT)" : format == report::Format::Odt ? " (ODT)" : "")
              << " dans " << fr::quote_path(out) << ".\n";
    // The dossiers without a letter are said of the whole batch only, not
    // of the one letter asked with --dossier (trial 13H).
    if (a.has("--dossier")) return report_batch(files);
    if (std::size_t pending = count_pending(s->ranking(), Proposal::Pending))
        std::cout << fr::plural(pending, "dossier")
                  << " en attente d'arbitrage : pas de lettre avant la décision du coordonnateur.\n";
    std::size_t unrated = 0;
    for (const auto& e : s->ranking().pending)
        unrated += e.proposal == Proposal::Unrated && !s->decisions().count(s->dossiers()[e.dossier].id);
    if (unrated)
        std::cout << fr::plural(unrated, "dossier") << " " << fr::agree(unrated, "non noté")
                  << " : pas de lettre sans décision enregistrée.\n";
    return report_batch(files);
}

}  // namespace

void add_results_commands(Cli& cli) {
    cli.command("rank", Area::Results, "classement (recevables puis irrecevables)")
        .file()
        .flag("--csv", "au format CSV (séparateur ;), pour un tableur")
        .flag("--marges", "solidité de l'ordre entre voisins")
        .option("--par", "NOM", "qui lit (défaut : COTATION_UTILISATEUR) : sur une équipe, la personne du compte")
        .run(rank);
    cli.command("accord", Area::Results, "accord entre évaluateurs (alpha de Krippendorff)")
        .file()
        .option("--par", "NOM", "qui lit (défaut : COTATION_UTILISATEUR) : sur une équipe, la personne du compte")
        .run(agreement);
    cli.command("consolidate", Area::Results,
                "critères signalés (écart ≥ 2 points ou note 0) ; avec --dossier, note consolidée du coordonnateur")
        .file()
        .option("--dossier", "REF", "dossier à arbitrer (avec --critere et --note)")
        .option("--critere", "ID", "critère arbitré (ex. II.6)")
        .option("--note", "N", "note consolidée, sur l'échelle de la grille")
        .option("--motif", "TEXTE", "motif, obligatoire si la note s'écarte de la moyenne")
        .acting()
        .run(consolidate);
    cli.command("decide", Area::Results, "décision de l'autorité (les lettres la suivent)")
        .file()
        .required("--dossier", "REF", "dossier décidé")
        .required("--decision", "retenu|non-retenu|liste-complementaire|irrecevable", "la décision")
        .option("--motif", "TEXTE", "motif (obligatoire sauf pour un dossier retenu)")
        .option("--places", "N", "capacité accordée (défaut : celle demandée)")
        .option("--date", "JJ/MM/AAAA", "date de la décision (défaut : date des courriers)")
        .option("--avis", "DÉCISION", "avis de la commission, s'il diffère du classement adopté")
        .option("--ecart", "TEXTE", "raison de s'écarter de l'avis de la commission")
        .acting()
        .run(decide);
    cli.command("letters", Area::Results, "lettres de notification (PDF, ODT ou les deux)")
        .file()
        .required("--out", "DOSSIER", "dossier où écrire les lettres")
        .option("--dossier", "REF", "la lettre de ce dossier seulement")
        .option("--format", "pdf|odt|both", "PDF à signer, ODT à modifier avant signature, ou les deux (défaut : pdf)")
        .flag("--remplacer", "remplace aussi les ODT modifiés depuis que Cotation les a écrits (copie gardée à côté)")
        .option("--par", "NOM", "qui lit (défaut : COTATION_UTILISATEUR) : sur une équipe, la personne du compte")
        .run(letters);
}

}  // namespace cotation::cli
