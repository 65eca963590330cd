// Territory: coverage, allocation under the call's territorial rules, map,
// existing offer. Thin shell over TerritoryStudy (app/territory.h); the
// machine-readable outputs (--csv) are fixed so that a script can check them.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

#include "core/french.h"
#include "app/accounts.h"
#include "app/session.h"
#include "app/territory.h"
#include "cli/command.h"
#include "core/error.h"
#include "io/offer.h"
#include "core/invisible.h"

namespace cotation::cli {

namespace {

// "A,B , C" -> {"A", "B", "C"}; an empty item is a usage error naming the option.
std::vector<std::string> list_of(const Args& a, const std::string& option) {
    std::vector<std::string> out;
    if (!a.has(option)) return out;
    const std::string text = a.get(option);
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = text.find(',', start);
        std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (item.empty()) throw UsageError(option + " : liste « " + text + " » avec un élément vide (attendu : D1,D2,…)");
        if (std::find(out.begin(), out.end(), item) != out.end())
            throw UsageError(option + " : « " + item + " » cité deux fois dans « " + text + " »");
        out.push_back(item);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

// Every reference must be a ranked dossier: only those are candidate sites.
// Another spelling of a reference (« uphv-2019-01 ») is that dossier, as in
// every other command (trial 13I m1): it is given back as the campaign spells it.
// In a variant, « REF=5 » grants part of a request (the number is checked with the rules).
void check_candidates(const TerritoryStudy& t, const Session& s, const std::string& option, std::vector<std::string>& refs) {
    for (auto& item : refs) {
        const auto eq = option == "--variante" ? item.find('=') : std::string::npos;
        std::string r = fr::trim(item.substr(0, eq));
        const std::string share = eq == std::string::npos ? "" : item.substr(eq);
        if (!t.candidate(r)) {
            const std::string key = fr::name_key(r);
            for (const auto& d : s.dossiers())
                if (fr::name_key(d.reference) == key) r = d.reference;
        }
        if (!t.candidate(r)) {
            // « A-01=2,5 »: a decimal comma read as the list's separator (trial 1011G m7).
            if (!r.empty() && std::all_of(r.begin(), r.end(), [](char c) { return c >= '0' && c <= '9'; }))
                throw InputError(option + " : « " + r +
                                 " » n'est pas un dossier : la virgule sépare les dossiers, et un nombre de places accordé "
                                 "est entier (« REF=5 »).");
            // A dossier of the campaign that is not ranked is said as such (trial 1011G m8).
            for (const auto& d : s.dossiers())
                if (d.reference == r)
                    throw InputError(option + " : le dossier « " + r +
                                     " » n'est pas classé (irrecevable, en attente d'une pièce, d'une note ou d'un "
                                     "arbitrage : cotation check " + s.path() + " --dossier " + r +
                                     " le dit) ; seuls les dossiers classés sont des sites candidats.");
            throw InputError(option + " : dossier « " + r +
                             " » inconnu ou non classé (seuls les dossiers classés sont des sites candidats).");
        }
        item = r + share;
    }
}

// The set shown: --avec when given, the existing offer alone with
// --offre-seule, else the recorded allocation when there is one, else the
// allocation in ranking order; `which` says which, `code` names it for a CSV.
std::vector<std::string> shown_set(const Args& a, const TerritoryStudy& t, const Session& s, std::string& which,
                                   std::string& code) {
    if (a.has("--offre-seule") && a.has("--avec")) throw UsageError("--offre-seule et --avec s'excluent : l'un ou l'autre");
    code = a.has("--avec") ? "avec" : a.has("--offre-seule") ? "offre_existante" : t.recorded() ? "repartition_enregistree"
                                                                                                  : "ordre_du_classement";
    if (a.has("--offre-seule")) {
        which = "Offre existante seule";
        return {};
    }
    auto refs = list_of(a, "--avec");
    check_candidates(t, s, "--avec", refs);
    if (a.has("--avec")) {
        which = TerritoryStudy::asked_set(refs);
        return refs;
    }
    std::vector<std::string> ranked;
    for (const auto& r : t.default_set(which)) {
        if (t.candidate(TerritoryStudy::reference_of(r))) ranked.push_back(r);
        else
            which +=
                " (" + TerritoryStudy::reference_of(r) + " n'est plus classé : laissé de côté)";   // set aside since recorded
    }
    return ranked;
}

// The sets but the offer alone follow the ranking: read by whoever reads every dossier (trial 23 M2).
void require_ranking_read(const Args& a, Session& s, const std::string& what) {
    if (a.has("--offre-seule")) return;
    s.set_reader(a.reader(s));
    require_reads_everything(s, what);
}

int couverture(const Args& a) {
    auto s = Session::open(a.file());
    require_ranking_read(a, *s, "La couverture des candidatures");
    TerritoryStudy t(*s);
    std::string which, code;
    const auto refs = shown_set(a, t, *s, which, code);
    // --communes is only a CSV table (one row per commune): it implies --csv.
    // The CSV outputs keep their columns: the summary says the set in its
    // last row, the communes' table on the error output.
    if (a.has("--communes")) {
        std::cerr << "Ensemble montré : " << which << ".\n";
        std::cout << t.communes_csv(refs);
    } else if (a.has("--csv")) {
        std::cout << t.summary_csv(refs, code);
    } else {
        std::cout << "Ensemble montré : " << which << ".\n" << t.summary_text(refs);
    }
    return 0;
}

int repartition(const Args& a) {
    if (a.has("--motif") && !a.has("--enregistrer")) throw UsageError("--motif ne vaut qu'avec --enregistrer");
    if (a.has("--retirer") && (a.has("--enregistrer") || a.has("--variante")))
        throw UsageError("--retirer retire la répartition enregistrée : sans --enregistrer ni --variante");
    auto s = Session::open(a.file());
    s->set_reader(a.reader(*s));
    require_reads_everything(*s, "La répartition");   // totals and places of every dossier (trial 13 F5)
    TerritoryStudy t(*s);
    for (const auto& n : t.notices()) std::cerr << n << "\n";
    auto variant = list_of(a, "--variante");
    check_candidates(t, *s, "--variante", variant);
    if (a.has("--retirer")) {
        t.withdraw_allocation(a.actor(*s));
        std::cout << "Répartition enregistrée retirée : l'avis de la commission suivra la proposition du classement.\n";
        return 0;
    }
    if (a.has("--indicateurs") && !a.has("--csv")) throw UsageError("--indicateurs ne vaut qu'avec --csv");
    // The CSV keeps its columns: what waits (notes, arbitrations) goes to the error output.
    if (a.has("--csv")) std::cerr << t.waiting_text();
    std::cout << (!a.has("--csv")            ? t.repartition_text(variant)
                  : a.has("--indicateurs") ? t.repartition_figures_csv(variant)
                                           : t.repartition_csv(variant));
    if (a.has("--enregistrer")) {
        t.record_allocation(variant, a.has("--motif") ? a.get("--motif") : "", a.actor(*s));
        std::cout << t.recorded_text() << "\n";
    } else if (!a.has("--csv")) {
        std::cout << t.recorded_text() << "\n";
    }
    return 0;
}

int carte(const Args& a) {
    const std::string out = a.get("--out");
    const std::string ext = fr::lower_ascii(std::filesystem::path(out).extension().string());
    if (ext != ".png" && ext != ".pdf")
        throw UsageError("--out « " + out +
                         " » : extension .png ou .pdf attendue (usage : cotation carte FICHIER --out CARTE.png|CARTE.pdf)");
    auto s = Session::open(a.file());
    require_ranking_read(a, *s, "La carte des candidatures");
    TerritoryStudy t(*s);
    std::string which, code;
    const auto refs = shown_set(a, t, *s, which, code);
    // Above the map, the offer follows at once: « Offre existante seule. Offre existante : … » said it twice.
    t.write_map(out, refs, a.has("--offre-seule") ? "Sans candidature" : which);   // written whole: temporary, then renamed
    std::cout << "Carte écrite : " << fr::quote_path(out) << " (" << which << ").\n";
    return 0;
}

int offre(const Args& a) {
    if (a.has("--import") && a.has("--fichier"))
        throw UsageError("--import et --fichier remplacent tous deux l'offre existante : un seul à la fois");
    if (a.has("--categorie") && !a.has("--import")) throw UsageError("--categorie ne vaut qu'avec --import");
    if (a.has("--motif") && !a.has("--import") && !a.has("--fichier") && !a.has("--zones"))
        throw UsageError("--motif ne vaut qu'avec --import, --fichier ou --zones");
    const std::string motive = a.has("--motif") ? a.get("--motif") : "";
    auto s = Session::open(a.file());
    TerritoryStudy t(*s);
    for (const auto& n : t.notices()) std::cout << n << "\n";
    // Every file is checked before anything is stored: a bad zones file
    // leaves the offer as it was too.
    if (a.has("--zones")) t.check_zones_file(a.get("--zones"));
    if (a.has("--import")) {
        const auto cats = list_of(a, "--categorie");
        if (cats.empty()) a.need("--categorie", "avec --import");
        const auto before = t.offer();
        const auto x = t.import_offer(a.get("--import"), std::set<std::string>(cats.begin(), cats.end()), a.actor(*s), motive);
        std::cout << "Extrait FINESS « " << a.get("--import") << " » (" << x.encoding << ", extraction du " << x.extraction_date
                  << ") : " << fr::plural(x.kept, "structure") << " " << fr::agree(x.kept, "gardée") << " sur "
                  << fr::plural(x.rows, "ligne") << " « structureet », " << x.located << " " << fr::agree(x.located, "localisée")
                  << ", " << fr::agree(x.kept, "rangée") << " dans la campagne (journal), à la place de l'offre précédente ("
                  << fr::plural(before.structures.size(), "structure") << ", " << fr::plural(before.capacity(), "place") << ").\n"
                  << (x.notice.empty() ? "" : x.notice + "\n");
        for (const auto& m : x.misplaced) std::cout << "Attention : " << m << "\n";
        std::cout << x.attribution() << "\n"
                  << "Les capacités ne sont pas dans cet extrait : exportez l'offre (--exporter OFFRE.csv), saisissez-les, "
                     "puis reprenez le fichier (--fichier OFFRE.csv).\n";
    }
    if (a.has("--fichier")) {
        const std::string notice = t.set_offer_file(a.get("--fichier"), a.actor(*s), motive);
        if (!notice.empty()) std::cout << notice << "\n";
        std::cout << "Offre existante remplacée par « " << a.get("--fichier") << " » (journal).\n";
    }
    if (a.has("--zones")) {
        for (const auto& w : t.set_zones_file(a.get("--zones"), a.actor(*s), motive)) std::cerr << w << "\n";
        std::cout << "Zones de la campagne remplacées par « " << a.get("--zones") << " » (journal).\n";
    }
    if (a.has("--exporter")) {
        io::write_offer_file(t.offer(), a.get("--exporter"));   // written whole
        std::cout << "Offre existante écrite dans « " << a.get("--exporter") << " ».\n";
    }
    std::cout << t.offer_text();
    return 0;
}

}  // namespace

void add_territory_commands(Cli& cli) {
    cli.command("couverture", Area::Territory, "couverture du territoire : distances au site le plus proche, population au-delà")
        .file()
        .option("--avec", "D1,D2,…",
                "ces dossiers classés ajoutés à l'offre existante (défaut : la répartition enregistrée, sinon l'ordre du "
                "classement sous les règles de l'appel)")
        .flag("--offre-seule", "l'offre existante seule, sans aucun dossier")
        .flag("--csv", "indicateurs au format CSV (indicateur;valeur, point décimal)")
        .flag("--communes",
              "une ligne par commune : code_insee;commune;population;distance_km;site (CSV, deux décimales, point ; implique "
              "--csv)")
        .acting()
        .run(couverture);
    cli.command("repartition", Area::Territory,
                "répartition dans l'ordre du classement sous les règles de répartition (de l'appel ou proposées)")
        .file()
        .option("--variante", "D1,D2=N,…",
                "la variante du coordonnateur, comparée à l'ordre du classement ; D2=N accorde N places de sa demande "
                "(attribution partielle, là où l'appel la permet)")
        .flag("--csv",
              "un dossier par ligne au format CSV (dossier;rang;score;places;cout;commune;zone;classement;contrainte;motif…, "
              "point décimal)")
        .flag("--indicateurs", "avec --csv : les chiffres comparés (indicateur;classement[;variante]) au lieu des dossiers")
        .flag("--enregistrer",
              "enregistre la répartition suivie (la variante si donnée, sinon l'ordre du classement) : l'avis de la commission "
              "la suivra")
        .option("--motif", "TEXTE",
                "pourquoi la variante s'écarte de l'ordre du classement (exigé dans ce cas), avec --enregistrer")
        .flag("--retirer", "retire la répartition enregistrée")
        .acting()
        .run(repartition);
    cli.command("carte", Area::Territory, "carte du territoire (communes par distance, offre existante, candidatures)")
        .file()
        .required("--out", "CARTE.png|CARTE.pdf", "fichier écrit (PNG, ou PDF vectoriel A4 paysage)")
        .option("--avec", "D1,D2,…",
                "ces dossiers classés choisis (défaut : la répartition enregistrée, sinon l'ordre du classement sous les "
                "règles de l'appel)")
        .flag("--offre-seule", "l'offre existante seule, sans aucun dossier")
        .acting()
        .run(carte);
    cli.command("offre", Area::Territory, "offre existante de la campagne : afficher, importer un extrait FINESS, remplacer")
        .file()
        .option("--import", "EXTRAIT.csv",
                "extrait FINESS (format Etalab), filtré par catégorie et par les départements de la campagne")
        .option("--categorie", "C1,C2,…", "catégories FINESS gardées (categetab, par exemple 500 pour les EHPAD), avec --import")
        .option("--fichier", "OFFRE.csv", "remplace l'offre par ce fichier (finess;nom;categorie;…, voir docs/couverture.md)")
        .option("--zones", "ZONES.csv", "remplace les zones de la campagne (zone;libelle;communes), par exemple des zones DRAD")
        .option("--exporter", "OFFRE.csv",
                "écrit l'offre de la campagne dans ce fichier (pour saisir les capacités, puis --fichier)")
        .option("--motif", "TEXTE",
                "pourquoi l'offre ou les zones sont remplacées (exigé après le vote de la commission ; journalisé)")
        .acting()
        .run(offre);
}

}  // namespace cotation::cli
