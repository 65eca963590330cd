// Closing and the journal: close, reopen, journal show|verify.
#include <iostream>
#include <set>

#include "app/campaign_check.h"
#include "app/session.h"
#include "cli/command.h"
#include "core/journal_grammar.h"
#include "core/french.h"
#include "core/people.h"
#include "store/journal.h"
#include "store/open_store.h"

namespace cotation::cli {

namespace {

int close(const Args& a, bool reopen) {
    auto s = Session::open(a.file());
    if (reopen) {
        s->reopen(a.get("--motif"), a.actor(*s));
        std::cout << "Campagne rouverte ; le motif est inscrit au journal.\n";
    } else {
        s->close(a.get("--motif", "Décisions prises"), a.actor(*s));
        std::cout << "Campagne close : notes, arbitrages, dossiers et grille sont verrouillés.\n";
    }
    return 0;
}

// One field of a listing line, shown as stored but for control and
// invisible characters, written as \n, \t or <U+202E>: a value can neither
// break the line nor add a column nor hide itself (trial 13 F13).
std::string shown(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = fr::utf8_length(text, i);
        if (n == 0) n = 1;
        const std::string one = text.substr(i, n);
        if (one == "\n") out += "\\n";
        else if (one == "\t") out += "\\t";
        else if (std::string c = invisible_character(one); !c.empty()) out += "<" + (c[0] == 'U' ? c : "octet") + ">";
        else out += one;
        i += n;
    }
    return out;
}

int show(const Args& a) {
    auto s = Session::open_read_only(a.file());   // a reading command writes nothing
    s->set_reader(a.reader(*s));   // others' ratings hidden as the core decides (blind rating, declared links)
    // --dossier A is that dossier exactly, never every reference starting with A.
    std::string prefix, wanted;
    if (a.has("--dossier")) wanted = dossier_of(*s, a.get("--dossier")).reference, prefix = journal_text::dossier_entity(wanted);
    // An entity names the dossier whose reference is the longest that starts
    // it: « dossier/X-10/decision » is dossier « X-10/decision » when it
    // exists, not a decision of X-10 (trial 13b F4).
    std::set<std::string> references;
    for (const auto& d : s->dossiers()) references.insert(d.reference);
    auto dossier_of_entity = [&](const std::string& entity) {
        const std::string body = entity.substr(8);
        for (std::size_t cut = body.size();; cut = body.rfind('/', cut - 1)) {
            if (references.count(body.substr(0, cut))) return body.substr(0, cut);
            if (cut == 0 || cut == std::string::npos) return std::string();
        }
    };
    for (const auto& e : s->readable_journal(prefix)) {
        if (!prefix.empty() && e.entity != prefix && e.entity.compare(0, prefix.size() + 1, prefix + "/") != 0) continue;
        if (!wanted.empty() && dossier_of_entity(e.entity) != wanted) continue;
        std::cout << e.seq << "\t" << e.at << "\t" << shown(e.actor) << "\t" << e.action << "\t" << shown(e.entity) << "\t"
                  << shown(e.old_value) << " → " << shown(e.new_value);
        // On a server, the login role that wrote it (trial 15b F8): an entry
        // typed in SQL under a member's own role is seen as theirs.
        if (!e.db_role.empty()) std::cout << "\trôle « " << shown(e.db_role) << " »";
        std::cout << "\n";
    }
    return 0;
}

int verify(const Args& a) {
    std::optional<JournalHead> head;
    if (a.has("--tete")) {
        head = parse_journal_head(a.get("--tete"));
        if (!head)
            throw UsageError("--tete « " + a.get("--tete") +
                             " » : attendu N:EMPREINTE (le nombre d'entrées et au moins 16 caractères "
                             "hexadécimaux), tel que l'imprime « cotation journal tete ».");
    }
    // The one verification the copies and the window make too (app/campaign_check.h).
    CampaignCheck check = check_campaign(a.file(), head);
    JournalCheck& c = check.journal;
    if (c.ok) {
        std::cout << "Journal intact : " << c.entries << " entrées, chaîne d'empreintes vérifiée ; les " << c.rows
                  << " lignes de données sont celles que le journal a enregistrées.\n";
        if (head) std::cout << "La campagne prolonge la tête donnée (" << a.get("--tete") << ").\n";
        std::cout << "Tête : " << c.head.text() << "\n";
        // Who controls the campaign: the team's coordinators, with the binding the journal gives them (trial 13 R1, 13f F3).
        for (const auto& line : check.coordinators) std::cout << line << "\n";
        return 0;
    }
    std::cout << "Journal ALTÉRÉ (" << fr::plural(c.entries, "entrée") << " " << fr::agree(c.entries, "lue") << ") :\n";
    for (const auto& p : c.problems) std::cout << "  " << p << "\n";
    return 1;
}

// The head to keep outside the file (a document, a message, a register):
// `journal verify --tete` later checks the campaign extends it.
int head(const Args& a) {
    auto s = Session::open_read_only(a.file());
    JournalHead h = s->store().journal_head();
    std::cout << "Tête du journal : " << h.entries << " entrées, empreinte " << h.hash << "\n"
              << h.text() << "\n";
    return 0;
}

}  // namespace

void add_journal_commands(Cli& cli) {
    cli.command("close", Area::Journal, "clôt la campagne : plus aucune modification")
        .file()
        .option("--motif", "TEXTE", "motif inscrit au journal (défaut : « Décisions prises »)")
        .acting()
        .run([](const Args& a) { return close(a, false); });
    cli.command("reopen", Area::Journal, "rouvre une campagne close (motif inscrit au journal)")
        .file()
        .required("--motif", "TEXTE", "raison de rouvrir")
        .acting()
        .run([](const Args& a) { return close(a, true); });
    cli.group("journal", Area::Journal, "le journal des modifications : afficher, vérifier");
    cli.command("journal show", Area::Journal, "affiche le journal des modifications")
        .file()
        .option("--dossier", "REF", "les entrées de ce dossier seulement")
        .option("--par", "NOM", "qui lit : les notes des autres qu'il ne peut pas lire sont omises")
        .run(show);
    cli.command("journal verify", Area::Journal,
                "vérifie le journal et que les données sont celles qu'il a enregistrées (code 1 sinon)")
        .file()
        .option("--tete", "N:EMPREINTE", "tête notée auparavant (cotation journal tete) : la campagne doit la prolonger")
        .run(verify);
    cli.command("journal tete", Area::Journal,
                "affiche la tête du journal (nombre d'entrées et empreinte) à garder hors du fichier")
        .file()
        .run(head);
}

}  // namespace cotation::cli
