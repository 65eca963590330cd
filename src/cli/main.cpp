// cotation — the command line of Cotation, a thin shell over the same core
// and session as the workbench.
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "app/demo.h"
#include "app/session.h"
#include "core/error.h"
#include "core/french.h"
#include "io/csv.h"
#include "io/grid_reader.h"
#include "io/reference_data.h"

using namespace cotation;

namespace {

const char* kHelp = R"(cotation — instruction des appels à candidatures (ARS, Départements)

Usage : cotation COMMANDE [ARGUMENTS] [OPTIONS]

Campagne
  demo FICHIER [--appel act-hlm|crt|uphv] [--etape instruction|complete]
                                       crée une campagne de démonstration : équipe, notes
                                       consolidées, puis (complete) séance et décisions
  new FICHIER --grid GRILLE.xml [--reference REF] [--titre T] [--autorite A]
      [--signataire S] [--ville V] [--param campagne.nom=valeur]...
                                       crée une campagne vide sur une grille
  param FICHIER [campagne.nom=valeur]...
                                       affiche ou modifie les paramètres de la campagne
  grid check GRILLE.xml                vérifie une grille et en affiche le résumé
  grid preview FICHIER GRILLE.xml      ce que changerait une nouvelle version de la grille
  grid apply FICHIER GRILLE.xml --motif TEXTE
                                       passe la campagne à cette version (motif au journal)

Dossiers et notes
  import FICHIER dossiers.csv          importe des dossiers (tout ou rien)
  rate FICHIER notes.csv               importe des notes (tout ou rien)
  check FICHIER [--dossier REF]        complétude et conformité de chaque dossier

Résultats
  rank FICHIER [--csv] [--marges]      classement (recevables puis irrecevables) ;
                                       --marges : solidité de l'ordre entre voisins
  accord FICHIER                       accord entre évaluateurs (alpha de Krippendorff)
  consolidate FICHIER                  critères signalés (écart ≥ 2 points ou note 0) et arbitrages
  consolidate FICHIER --dossier REF --critere ID --note N [--motif TEXTE]
                                       note consolidée du coordonnateur (motif si elle s'écarte de la moyenne)
  letters FICHIER --out DOSSIER [--dossier REF]
                                       lettres de notification en PDF

Équipe
  users FICHIER [--ajouter NOM --role coordinateur|instructeur|commission [--organisation ORG]
      [--voix deliberative|consultative]]
                                       personnes de la campagne, charge et notes dues
  assign FICHIER --dossier REF --evaluateur NOM [--retirer]
                                       affecte un dossier à un instructeur
  conflict FICHIER --evaluateur NOM --organisme ORG --declaration TEXTE
                                       déclare un lien d'intérêts (daté, au journal)
  submit FICHIER --dossier REF --par NOM
                                       soumet ses notes (les autres deviennent visibles)

Procédure et commission (CASF, art. R. 313-1 et s.)
  calendrier FICHIER [--au JJ/MM/AAAA]  échéances de la procédure : faites, proches, en retard
  calendrier FICHIER --etape ID --date JJ/MM/AAAA
                                       déclare une étape faite (reponses, rapports, notification_refus, decision)
  refus FICHIER                        refus préalables et dossiers déposés hors délai
  refus FICHIER --dossier REF --motif hors-delai|irregulier|hors-sujet --texte TEXTE
                                       refus préalable motivé (art. R. 313-6), avant la notation
  refus FICHIER --dossier REF --lever --texte MOTIF
                                       lève un refus préalable (révision demandée par la commission)
  seance FICHIER [--date JJ/MM/AAAA] [--president NOM] [--present NOM]... [--absent NOM]...
      [--represente NOM=MANDATAIRE]... [--vote NOM=pour|contre|abstention]... [--observation NOM=TEXTE]...
                                       séance de la commission : présences, quorum, vote du classement
  avis FICHIER --dossier REF --avis favorable|defavorable|reserve [--commentaire TEXTE] --par MEMBRE
                                       avis d'un membre de la commission sur un dossier
  commission FICHIER --out DOSSIER.pdf dossier de la commission (classement, déclarations d'intérêts)
  pv FICHIER --out PV.pdf              procès-verbal de la séance
  rapports FICHIER --out DOSSIER [--dossier REF]
                                       comptes rendus d'instruction (un PDF par dossier)

Journal
  decide FICHIER --dossier REF --decision retenu|non-retenu|liste-complementaire|irrecevable
      [--motif TEXTE] [--places N] [--date JJ/MM/AAAA] [--avis DÉCISION --ecart TEXTE]
                                       décision de l'autorité (les lettres la suivent)
  close FICHIER [--motif TEXTE]        clôt la campagne : plus aucune modification
  reopen FICHIER --motif TEXTE         la rouvre (motif obligatoire, inscrit au journal)
  journal show FICHIER [--dossier REF] affiche le journal des modifications
  journal verify FICHIER               vérifie que le journal n'a pas été altéré

Options communes
  --par NOM      auteur des modifications (défaut : $COTATION_UTILISATEUR ou $USER)
  -h, --help     cette aide

Formats des fichiers : docs/formats.md. Code de sortie : 0 si tout va bien,
1 en cas d'erreur sur les données, 2 en cas d'erreur d'usage.
)";

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Args {
    std::vector<std::string> positional;
    std::multimap<std::string, std::string> options;
    std::vector<std::string> flags;

    bool flag(const std::string& f) const { return std::find(flags.begin(), flags.end(), f) != flags.end(); }
    std::string option(const std::string& k, const std::string& def = "") const {
        auto it = options.find(k);
        return it == options.end() ? def : it->second;
    }
    std::vector<std::string> all(const std::string& k) const {
        std::vector<std::string> out;
        for (auto [it, end] = options.equal_range(k); it != end; ++it) out.push_back(it->second);
        return out;
    }
};

Args parse_args(int argc, char** argv) {
    static const std::vector<std::string> with_value{"--grid", "--reference", "--titre", "--autorite", "--signataire",
                                                     "--ville", "--param", "--out", "--dossier", "--par", "--appel", "--call", "--motif", "--critere", "--note", "--decision", "--date", "--places", "--avis", "--ecart",
                                                     "--ajouter", "--role", "--organisation", "--evaluateur", "--organisme",
                                                     "--declaration", "--etape", "--au", "--texte", "--president", "--present",
                                                     "--absent", "--represente", "--vote", "--observation", "--commentaire",
                                                     "--voix"};
    Args a;
    for (int i = 1; i < argc; ++i) {
        std::string s = argv[i];
        if (s.rfind("--", 0) == 0 || s == "-h") {
            auto eq = s.find('=');
            std::string key = s.substr(0, eq);
            if (std::find(with_value.begin(), with_value.end(), key) != with_value.end()) {
                if (eq != std::string::npos) a.options.emplace(key, s.substr(eq + 1));
                else if (i + 1 < argc) a.options.emplace(key, argv[++i]);
                else throw UsageError("l'option " + key + " attend une valeur");
            } else {
                a.flags.push_back(s);
            }
        } else {
            a.positional.push_back(s);
        }
    }
    return a;
}

std::string actor(const Args& a) {
    std::string p = a.option("--par");
    if (!p.empty()) return p;
    if (const char* u = std::getenv("COTATION_UTILISATEUR"); u && *u) return u;
    if (const char* u = std::getenv("USER"); u && *u) return u;
    return "inconnu";
}

// The value of an option the command cannot do without.
std::string required(const Args& a, const char* option, const char* what) {
    std::string v = a.option(option);
    if (v.empty()) throw UsageError(std::string("l'option ") + option + " " + what + " est obligatoire");
    return v;
}

void need(const Args& a, std::size_t n, const char* usage) {
    if (a.positional.size() < n) throw UsageError(std::string("usage : cotation ") + usage);
}

int cmd_grid_check(const Args& a) {
    need(a, 3, "grid check GRILLE.xml");
    Grid g = io::read_grid_file(a.positional[2]);
    std::cout << "Grille « " << g.title << " », identifiant " << g.id << ", version " << g.version << " ("
              << g.status << ")\n";
    if (!g.form_id.empty()) {
        std::size_t inputs = 0;
        for (const auto& f : g.facts) inputs += f.derived ? 0 : 1;
        std::cout << "Formulaire « " << g.form_title << " », identifiant " << g.form_id << ", version " << g.form_version
                  << " : " << inputs << " faits à déclarer\n";
    }
    for (const auto& t : g.themes)
        std::cout << "  " << t.id << " — " << t.label << " : " << t.criteria.size() << " critère"
                  << (t.criteria.size() > 1 ? "s" : "") << ", " << fr::number(g.theme_max(t)) << " points\n";
    std::cout << g.criterion_count() << " critères, " << fr::number(g.max_total()) << " points au total ; "
              << g.rules.size() << " règles de conformité, " << g.documents.size() << " pièces exigées.\n";
    return 0;
}

void print_grid_change(Session& s, const GridChange& c) {
    std::cout << "Maximum : " << fr::number(c.max_before) << " → " << fr::number(c.max_after) << " points\n";
    for (const auto& x : c.changed_coefficients) std::cout << "  coefficient " << x << "\n";
    for (const auto& x : c.removed_criteria) std::cout << "  critère retiré : " << x << "\n";
    for (const auto& x : c.added_criteria) std::cout << "  critère ajouté : " << x << "\n";
    std::cout << "dossier;organisme;total avant;total après;rang avant;rang après;recevabilité avant;recevabilité après\n";
    for (const auto& d : c.dossiers) {
        const Dossier& x = s.dossiers()[d.dossier];
        std::cout << x.reference << ";" << io::csv_field(x.organisme) << ";" << fr::number(d.before) << ";"
                  << fr::number(d.after) << ";" << (d.rank_before ? std::to_string(d.rank_before) : "") << ";"
                  << (d.rank_after ? std::to_string(d.rank_after) : "") << ";" << d.verdict_before << ";"
                  << d.verdict_after << "\n";
    }
}

int cmd_grid_change(const Args& a, bool apply) {
    need(a, 4, apply ? "grid apply FICHIER NOUVELLE_GRILLE.xml --motif TEXTE" : "grid preview FICHIER NOUVELLE_GRILLE.xml");
    auto s = Session::open(a.positional[2]);
    auto candidate = s->read_candidate_grid(a.positional[3]);
    std::cout << "Grille de la campagne : " << s->grid().id << " version " << s->grid().version << " → "
              << candidate.grid.id << " version " << candidate.grid.version << "\n";
    print_grid_change(*s, s->preview_grid_change(candidate));
    if (apply) {
        s->apply_grid_change(candidate, a.option("--motif"), actor(a));
        std::cout << "Nouvelle grille appliquée ; l'ancienne version est conservée dans l'historique de la campagne.\n";
    }
    return 0;
}

int cmd_new(const Args& a) {
    need(a, 2, "new FICHIER --grid GRILLE.xml");
    NewCampaign nc;
    std::string grid = a.option("--grid");
    if (grid.empty()) throw UsageError("l'option --grid GRILLE.xml est obligatoire");
    nc.reference = a.option("--reference");
    if (nc.reference.empty()) nc.reference = std::filesystem::path(a.positional[1]).stem().string();
    nc.title = a.option("--titre");
    nc.authority = a.option("--autorite");
    nc.signatory = a.option("--signataire");
    nc.city = a.option("--ville");
    auto range = a.options.equal_range("--param");
    for (auto it = range.first; it != range.second; ++it) {
        auto eq = it->second.find('=');
        if (eq == std::string::npos) throw UsageError("--param attend campagne.nom=valeur");
        nc.parameters[it->second.substr(0, eq)] = it->second.substr(eq + 1);
    }
    auto s = Session::create(a.positional[1], grid, nc, actor(a));
    std::cout << "Campagne « " << s->campaign().reference << " » créée dans " << a.positional[1] << " (grille "
              << s->grid().id << " version " << s->grid().version << ").\n";
    // Parameters the rules read but that the grid leaves to the campaign.
    for (const auto& p : s->grid().parameters)
        if (!s->campaign().parameters.count(p.def.id))
            std::cout << "  À renseigner : " << p.def.id << " (" << p.def.label << ") : cotation param "
                      << a.positional[1] << " " << p.def.id << "=valeur\n";
    return 0;
}

int cmd_param(const Args& a) {
    need(a, 2, "param FICHIER [campagne.nom=valeur]...");
    auto s = Session::open(a.positional[1]);
    for (std::size_t i = 2; i < a.positional.size(); ++i) {
        auto eq = a.positional[i].find('=');
        if (eq == std::string::npos) throw UsageError("« " + a.positional[i] + " » : campagne.nom=valeur attendu");
        s->set_parameter(a.positional[i].substr(0, eq), a.positional[i].substr(eq + 1), actor(a));
    }
    std::vector<const FactDef*> defs;
    for (const auto& p : s->grid().parameters) defs.push_back(&p.def);
    // The procedure's dates, which every campaign has even when its grid does not declare them.
    for (const auto& p : Grid::procedure_parameters())
        if (s->grid().fact(p.id) == &p) defs.push_back(&p);
    for (const FactDef* def : defs) {
        auto it = s->campaign().parameters.find(def->id);
        std::cout << def->id << " = " << (it == s->campaign().parameters.end() ? "(non renseigné)" : display(*def, it->second))
                  << "  — " << def->label << "\n";
    }
    return 0;
}

int cmd_demo(const Args& a) {
    need(a, 2, "demo FICHIER [--appel act-hlm|crt|uphv] [--etape instruction|complete]");
    std::string call = a.option("--appel", a.option("--call", "act-hlm"));
    std::string stage = a.option("--etape", "complete");
    if (stage != "instruction" && stage != "complete") throw UsageError("--etape attend instruction ou complete");
    auto s = create_demo(a.positional[1], call, stage == "instruction" ? DemoStage::Instruction : DemoStage::Complete);
    std::cout << "Campagne de démonstration « " << s->campaign().reference << " » créée dans " << a.positional[1]
              << " : " << s->dossiers().size() << " dossiers, " << s->ratings().size() << " notes.\n";
    return 0;
}

int cmd_import(const Args& a) {
    need(a, 3, "import FICHIER dossiers.csv");
    auto s = Session::open(a.positional[1]);
    std::size_t n = s->import_dossiers_file(a.positional[2], actor(a));
    std::cout << n << " dossier" << (n > 1 ? "s" : "") << " importé" << (n > 1 ? "s" : "") << ".\n";
    return 0;
}

int cmd_rate(const Args& a) {
    need(a, 3, "rate FICHIER notes.csv");
    auto s = Session::open(a.positional[1]);
    std::size_t n = s->import_ratings_file(a.positional[2], actor(a));
    std::size_t without = 0;
    for (const auto& r : s->ratings())
        if (!rating_counts(s->grid(), r)) ++without;
    std::cout << n << " note" << (n > 1 ? "s" : "") << " importée" << (n > 1 ? "s" : "") << ".\n";
    if (without)
        std::cout << "Attention : " << without << " note" << (without > 1 ? "s" : "")
                  << " sans justification ne compte" << (without > 1 ? "nt" : "") << " pas.\n";
    return 0;
}

int cmd_check(const Args& a) {
    need(a, 2, "check FICHIER [--dossier REF]");
    auto s = Session::open(a.positional[1]);
    std::string only = a.option("--dossier");
    if (!only.empty() && !s->find(only)) throw InputError("Dossier « " + only + " » inconnu de la campagne.");
    int eliminated = 0;
    for (std::size_t i = 0; i < s->dossiers().size(); ++i) {
        const Dossier& d = s->dossiers()[i];
        if (!only.empty() && d.reference != only) continue;
        auto rep = check_eligibility(s->grid(), s->campaign(), d);
        std::string verdict = verdict_label(rep);
        if (rep.eliminated()) ++eliminated;
        std::cout << d.reference << " — " << d.organisme << " : " << verdict << "\n";
        for (const auto& doc : rep.documents)
            if (!doc.received)
                std::cout << "  [pièce manquante] " << doc.document->label << " (" << doc.document->source << ")\n";
        for (const auto& r : rep.rules) {
            if (r.outcome == Outcome::Passed || r.outcome == Outcome::NotApplicable) continue;
            std::cout << "  [" << outcome_label(r.outcome) << (r.rule->effect == RuleEffect::Attention ? ", vigilance" : "")
                      << "] " << r.rule->label;
            if (r.outcome == Outcome::Failed) std::cout << " : " << r.rule->message;
            else {
                std::cout << " : manque ";
                for (std::size_t k = 0; k < r.missing.size(); ++k) std::cout << (k ? ", " : "") << r.missing[k];
            }
            std::cout << " (" << r.rule->source << ")\n";
        }
    }
    return 0;
}

int cmd_rank(const Args& a) {
    need(a, 2, "rank FICHIER [--csv]");
    auto s = Session::open(a.positional[1]);
    const Ranking& r = s->ranking();
    const Grid& g = s->grid();
    if (a.flag("--csv")) {
        std::cout << "rang;dossier;organisme;total";
        for (const auto& t : g.themes) std::cout << ";" << t.id;
        std::cout << ";proposition;observations\n";
        for (const auto& e : r.ranked) {
            const Dossier& d = s->dossiers()[e.dossier];
            std::cout << e.rank << ";" << io::csv_field(d.reference) << ";" << io::csv_field(d.organisme) << ";"
                      << e.score.total.canonical();
            for (const auto& t : e.score.themes) std::cout << ";" << t.canonical();
            std::string obs;
            for (const auto& o : observations(g, e)) obs += (obs.empty() ? "" : " | ") + o;
            std::cout << ";" << proposal_label(e.proposal) << ";" << io::csv_field(obs) << "\n";
        }
        for (const auto& e : r.pending) {
            const Dossier& d = s->dossiers()[e.dossier];
            std::cout << ";" << io::csv_field(d.reference) << ";" << io::csv_field(d.organisme) << ";" << e.score.total.canonical();
            for (const auto& t : e.score.themes) std::cout << ";" << t.canonical();
            std::cout << ";" << proposal_label(e.proposal) << ";" << io::csv_field(e.proposal_reason) << "\n";
        }
        for (const auto& e : r.ineligible) {
            const Dossier& d = s->dossiers()[e.dossier];
            std::string reasons;
            for (const auto& m : e.apart_reasons()) reasons += (reasons.empty() ? "" : " | ") + m;
            std::cout << ";" << io::csv_field(d.reference) << ";" << io::csv_field(d.organisme) << ";";
            for (std::size_t t = 0; t < g.themes.size(); ++t) std::cout << ";";
            std::cout << ";" << proposal_label(e.proposal) << ";" << io::csv_field(reasons) << "\n";
        }
        return 0;
    }
    std::cout << "Classement — " << s->campaign().reference << " (" << fr::number(g.max_total()) << " points)\n";
    for (const auto& e : r.ranked) {
        const Dossier& d = s->dossiers()[e.dossier];
        std::string status = proposal_label(e.proposal);
        if (auto it = s->decisions().find(d.id); it != s->decisions().end())
            status = std::string("décision : ") + decision_label(it->second.kind);
        std::cout << (e.rank < 10 ? " " : "") << e.rank << (e.ex_aequo ? "=" : " ") << " " << d.reference << "  "
                  << fr::number(e.score.total) << " pts  " << d.organisme << "  [" << status << "]";
        auto missing = e.eligibility.blocking_missing_facts();
        if (!missing.empty()) {
            std::cout << "  ⚠ non décidable, manque : ";
            for (std::size_t k = 0; k < missing.size(); ++k) std::cout << (k ? ", " : "") << missing[k];
        }
        std::cout << "\n";
    }
    if (!r.pending.empty()) std::cout << "En attente d'arbitrage du coordonnateur, hors classement :\n";
    for (const auto& e : r.pending) {
        const Dossier& d = s->dossiers()[e.dossier];
        std::cout << "  " << d.reference << "  " << fr::number(e.score.total) << " pts provisoires  " << d.organisme << " — "
                  << e.proposal_reason << "\n";
    }
    if (!r.ineligible.empty()) std::cout << "Dossiers irrecevables, non classés :\n";
    for (const auto& e : r.ineligible) {
        const Dossier& d = s->dossiers()[e.dossier];
        std::cout << "  " << d.reference << "  " << d.organisme << "\n";
        for (const auto& m : e.apart_reasons()) std::cout << "      – " << m << "\n";
    }
    if (a.flag("--marges")) {
        const RankingSolidity& sol = s->solidity();
        std::cout << "\nSolidité de l'ordre (plus petit changement qui mettrait deux voisins à égalité) :\n";
        for (const auto& m : sol.margins) {
            const auto& up = s->dossiers()[r.ranked[m.upper].dossier].reference;
            const auto& low = s->dossiers()[r.ranked[m.lower].dossier].reference;
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
                std::cout << " " << s->dossiers()[r.ranked[i].dossier].reference;
                any = true;
            }
        std::cout << (any ? "\n" : " aucun\n");
    }
    std::cout << Ranking::tie_rule() << "\n";
    return 0;
}

int cmd_consolidate(const Args& a) {
    need(a, 2, "consolidate FICHIER [--dossier REF --critere ID --note N [--motif TEXTE]]");
    auto s = Session::open(a.positional[1]);
    std::string ref = a.option("--dossier");
    if (!ref.empty()) {
        auto i = s->find(ref);
        if (!i) throw InputError("Dossier « " + ref + " » inconnu de la campagne.");
        if (a.option("--critere").empty() || a.option("--note").empty())
            throw UsageError("--critere et --note sont attendus avec --dossier");
        s->consolidate(s->dossiers()[*i].id, a.option("--critere"), a.option("--note"), a.option("--motif"), actor(a));
        std::cout << "Note consolidée enregistrée : " << ref << ", " << a.option("--critere") << " = " << a.option("--note") << ".\n";
        return 0;
    }
    // Without --dossier: what the coordinator still has to decide.
    const Ranking& r = s->ranking();
    std::size_t open = 0;
    for (const auto* list : {&r.ranked, &r.pending})
        for (const auto& e : *list) {
            const Dossier& d = s->dossiers()[e.dossier];
            std::size_t k = 0;
            for (const auto& t : s->grid().themes)
                for (const auto& c : t.criteria) {
                    const CriterionScore& cs = e.score.criteria[k++];
                    if (!cs.flagged) continue;
                    std::cout << d.reference << ";" << c.id << ";moyenne " << fr::number(*cs.mean) << ";écart " << cs.spread
                              << ";" << (cs.decided ? "arbitré : " + fr::number(*cs.rating) : std::string("à arbitrer")) << "\n";
                    open += cs.decided ? 0 : 1;
                }
        }
    std::cout << open << " critère" << (open > 1 ? "s" : "") << " à arbitrer.\n";
    return 0;
}

int cmd_decide(const Args& a) {
    need(a, 2, "decide FICHIER --dossier REF --decision retenu|non-retenu|liste-complementaire|irrecevable --motif TEXTE");
    auto s = Session::open(a.positional[1]);
    std::string ref = a.option("--dossier");
    auto i = s->find(ref);
    if (!i) throw InputError("Dossier « " + ref + " » inconnu de la campagne.");
    auto kind = decision_from_text(a.option("--decision"));
    if (!kind) throw UsageError("--decision attend retenu, non-retenu, liste-complementaire ou irrecevable");
    Decision d;
    d.kind = *kind;
    d.motive = a.option("--motif");
    std::string date = a.option("--date");
    if (date.empty()) d.date = s->letter_date();
    else if (auto parsed = Date::parse(date)) d.date = *parsed;
    else throw InputError("« " + date + " » n'est pas une date (notation attendue : 31/03/2023).");
    if (!a.option("--places").empty()) {
        auto p = fr::parse_number(a.option("--places"));
        if (!p || *p < Rational(0)) throw InputError("--places : « " + a.option("--places") + " » n'est pas une capacité.");
        d.places = *p;
    }
    if (!a.option("--avis").empty()) {
        d.committee_opinion = decision_from_text(a.option("--avis"));
        if (!d.committee_opinion) throw UsageError("--avis attend retenu, non-retenu, liste-complementaire ou irrecevable");
    }
    d.departure_reason = a.option("--ecart");
    s->decide(s->dossiers()[*i].id, d, actor(a));
    std::cout << "Décision enregistrée : " << ref << " — " << decision_label(d.kind) << ".\n";
    return 0;
}

std::int64_t dossier_id(const Session& s, const std::string& ref) {
    auto i = s.find(ref);
    if (!i) throw InputError("Dossier « " + ref + " » inconnu de la campagne.");
    return s.dossiers()[*i].id;
}

int cmd_calendar(const Args& a) {
    need(a, 2, "calendrier FICHIER [--au JJ/MM/AAAA] [--etape ID --date JJ/MM/AAAA]");
    auto s = Session::open(a.positional[1]);
    if (!a.option("--etape").empty()) {
        s->record_step(a.option("--etape"), a.option("--date"), actor(a));
        std::cout << "Étape « " << a.option("--etape") << " » déclarée faite le " << a.option("--date") << ".\n";
    }
    Date on = Session::today();
    if (!a.option("--au").empty()) {
        auto d = Date::parse(a.option("--au"));
        if (!d) throw InputError("--au : « " + a.option("--au") + " » n'est pas une date (JJ/MM/AAAA).");
        on = *d;
    }
    std::cout << "Calendrier de la procédure au " << on.french_numeric() << " :\n";
    int late = 0;
    for (const auto& st : s->calendar(on)) {
        std::cout << "  [" << step_state_label(st.state) << "] " << (st.due ? st.due->french_numeric() : "    —     ") << "  "
                  << st.label << " (" << st.basis << ")";
        if (st.state == StepState::Done && st.obligation && st.done) std::cout << " — fait le " << st.done->french_numeric();
        if (st.done_late) std::cout << ", APRÈS l'échéance";
        if (st.state == StepState::Soon) std::cout << " — dans " << st.days_left << " jour(s)";
        if (st.state == StepState::Overdue) {
            std::cout << " — dépassée de " << -st.days_left << " jour(s)";
            ++late;
        }
        std::cout << "  [" << st.id << "]\n";
    }
    for (std::size_t i : s->late_dossiers())
        std::cout << "Attention : le dossier " << s->dossiers()[i].reference
                  << " a été déposé après la date limite ; refus préalable à prononcer (art. R. 313-6, 1°).\n";
    if (late) std::cout << late << " échéance(s) dépassée(s).\n";
    return 0;
}

int cmd_refusal(const Args& a) {
    need(a, 2, "refus FICHIER [--dossier REF --motif hors-delai|irregulier|hors-sujet --texte TEXTE | --lever --texte MOTIF]");
    auto s = Session::open(a.positional[1]);
    if (!a.option("--dossier").empty()) {
        std::int64_t id = dossier_id(*s, a.option("--dossier"));
        if (a.flag("--lever")) {
            s->lift_prior_rejection(id, a.option("--texte"), actor(a));
            std::cout << "Refus préalable levé ; le dossier rejoint l'instruction.\n";
        } else {
            auto g = ground_from_text(a.option("--motif"));
            if (!g) throw UsageError("--motif attend hors-delai, irregulier ou hors-sujet (art. R. 313-6, 1° à 3°)");
            s->reject_prior(id, *g, a.option("--texte"), actor(a));
            std::cout << "Refus préalable enregistré : " << a.option("--dossier") << " — " << ground_label(*g) << ".\n";
        }
    }
    for (const auto& d : s->dossiers()) {
        auto it = s->prior_rejections().find(d.id);
        if (it == s->prior_rejections().end()) continue;
        std::cout << d.reference << " — " << d.organisme << " : " << ground_label(it->second.ground) << " — " << it->second.motive
                  << " (" << it->second.date.french_numeric() << ", " << it->second.author << ")\n";
    }
    for (std::size_t i : s->late_dossiers())
        std::cout << "Déposé hors délai, sans refus préalable : " << s->dossiers()[i].reference << "\n";
    return 0;
}

// "NOM=VALEUR" of the seance options.
std::pair<std::string, std::string> split_pair(const std::string& text, const char* option) {
    auto eq = text.rfind('=');
    if (eq == std::string::npos) throw UsageError(std::string(option) + " attend NOM=VALEUR (reçu « " + text + " »)");
    return {fr::trim(text.substr(0, eq)), fr::trim(text.substr(eq + 1))};
}

int cmd_meeting(const Args& a) {
    need(a, 2, "seance FICHIER [--date JJ/MM/AAAA] [--president NOM] [--present NOM]... [--vote NOM=pour]...");
    auto s = Session::open(a.positional[1]);
    bool change = false;
    Meeting m = s->meeting_draft();
    if (!a.option("--date").empty()) {
        auto d = Date::parse(a.option("--date"));
        if (!d) throw InputError("--date : « " + a.option("--date") + " » n'est pas une date (JJ/MM/AAAA).");
        m.date = *d;
        change = true;
    }
    if (!a.option("--president").empty()) {
        m.president = a.option("--president");
        change = true;
    }
    for (const auto& n : a.all("--present")) m.attendance[n] = {Presence::Present, ""}, change = true;
    for (const auto& n : a.all("--absent")) m.attendance[n] = {Presence::Absent, ""}, change = true;
    for (const auto& x : a.all("--represente")) {
        auto [name, proxy] = split_pair(x, "--represente");
        m.attendance[name] = {Presence::Represented, proxy};
        change = true;
    }
    for (const auto& x : a.all("--vote")) {
        auto [name, vote] = split_pair(x, "--vote");
        auto v = vote_from_text(vote);
        if (!v) throw UsageError("--vote attend NOM=pour, NOM=contre ou NOM=abstention");
        m.votes[name] = *v;
        change = true;
    }
    for (const auto& x : a.all("--observation")) {
        auto eq = x.find('=');
        if (eq == std::string::npos) throw UsageError("--observation attend NOM=TEXTE");
        m.observations.emplace_back(fr::trim(x.substr(0, eq)), x.substr(eq + 1));
        change = true;
    }
    if (change) s->put_meeting(m, actor(a));
    if (!s->meeting()) {
        std::cout << "Aucune séance enregistrée.\n";
        return 0;
    }
    MeetingCheck c = *s->meeting_check();
    std::cout << "Séance du " << s->meeting()->date.french_numeric() << ", présidée par " << s->meeting()->president << "\n"
              << "  Membres à voix délibérative : " << c.deliberative << ", présents " << c.present << ", représentés "
              << c.represented << " ; quorum " << c.quorum_needed << " : " << (c.quorum ? "atteint" : "NON ATTEINT") << "\n";
    for (const auto& i : c.interests)
        std::cout << "  " << i.member << " ne prend pas part à la délibération (lien avec " << i.organisme << ", dossier "
                  << i.dossier_reference << ")\n";
    for (const auto& p : c.problems) std::cout << "  Remarque : " << p << "\n";
    std::cout << "  " << c.outcome << "\n";
    auto changes = s->changes_since_vote();
    if (!changes.empty()) {
        std::cout << "  Depuis le vote, le classement calculé a changé (l'avis reste le classement voté) :\n";
        for (const auto& l : changes) std::cout << "    " << l << "\n";
    }
    return 0;
}

int cmd_opinion(const Args& a) {
    need(a, 2, "avis FICHIER --dossier REF --avis favorable|defavorable|reserve [--commentaire TEXTE] --par MEMBRE");
    auto s = Session::open(a.positional[1]);
    auto o = opinion_from_text(a.option("--avis"));
    if (!o) throw UsageError("--avis attend favorable, defavorable ou reserve");
    s->give_opinion(dossier_id(*s, a.option("--dossier")), {actor(a), *o, a.option("--commentaire")}, actor(a));
    std::cout << "Avis enregistré : " << a.option("--dossier") << " — " << opinion_label(*o) << ".\n";
    return 0;
}

int cmd_committee_document(const Args& a, bool minutes) {
    need(a, 2, minutes ? "pv FICHIER --out PV.pdf" : "commission FICHIER --out DOSSIER.pdf");
    std::string out = required(a, "--out", "FICHIER.pdf");
    auto s = Session::open(a.positional[1]);
    if (minutes) s->write_minutes(out);
    else s->write_committee_file(out);
    std::cout << (minutes ? "Procès-verbal" : "Dossier de la commission") << " écrit dans " << out << ".\n";
    return 0;
}

int cmd_reports(const Args& a) {
    need(a, 2, "rapports FICHIER --out DOSSIER [--dossier REF]");
    std::string out = required(a, "--out", "DOSSIER");
    auto s = Session::open(a.positional[1]);
    auto files = s->write_instruction_reports(out, a.option("--dossier"));
    std::cout << files.size() << " compte(s) rendu(s) d'instruction écrit(s) dans " << out << ".\n";
    return 0;
}

int cmd_users(const Args& a) {
    need(a, 2, "users FICHIER [--ajouter NOM --role coordinateur|instructeur|commission [--organisation ORG]]");
    auto s = Session::open(a.positional[1]);
    if (!a.option("--ajouter").empty()) {
        auto role = role_from_text(a.option("--role"));
        if (!role) throw UsageError("--role attend coordinateur, instructeur ou commission");
        std::string voice = fr::lower_ascii(a.option("--voix", "deliberative"));
        if (voice != "deliberative" && voice != "consultative") throw UsageError("--voix attend deliberative ou consultative");
        s->add_person({a.option("--ajouter"), *role, a.option("--organisation"), voice == "deliberative"}, actor(a));
    }
    if (s->team().open_mode()) {
        std::cout << "Aucune personne déclarée : la campagne est instruite par une seule personne, sans contrôle des rôles.\n";
        return 0;
    }
    for (const auto& [name, p] : s->team().people) {
        std::size_t assigned = 0, owed = 0;
        for (const auto& [id, reviewers] : s->team().assignments)
            if (reviewers.count(name)) {
                ++assigned;
                auto sub = s->team().submitted.find(id);
                if (sub == s->team().submitted.end() || !sub->second.count(name)) ++owed;
            }
        std::cout << name << " — " << role_label(p.role) << (p.role == Role::CommitteeMember && !p.deliberative ? " (voix consultative)" : "")
                  << (p.organisation.empty() ? "" : ", " + p.organisation);
        if (p.role == Role::Instructor) std::cout << " — " << assigned << " dossier(s) affecté(s), " << owed << " à soumettre";
        std::cout << "\n";
    }
    for (const auto& c : s->team().conflicts)
        std::cout << "Lien déclaré : " << c.reviewer << " / " << c.organisme << " — " << c.declaration << " ("
                  << c.declared_on.french_numeric() << ", " << c.declared_by << ")\n";
    return 0;
}

int cmd_assign(const Args& a) {
    need(a, 2, "assign FICHIER --dossier REF --evaluateur NOM [--retirer]");
    auto s = Session::open(a.positional[1]);
    auto i = s->find(a.option("--dossier"));
    if (!i) throw InputError("Dossier « " + a.option("--dossier") + " » inconnu de la campagne.");
    s->assign(s->dossiers()[*i].id, a.option("--evaluateur"), !a.flag("--retirer"), actor(a));
    std::cout << (a.flag("--retirer") ? "Affectation retirée.\n" : "Dossier affecté.\n");
    return 0;
}

int cmd_conflict(const Args& a) {
    need(a, 2, "conflict FICHIER --evaluateur NOM --organisme ORG --declaration TEXTE");
    auto s = Session::open(a.positional[1]);
    s->declare_conflict(a.option("--evaluateur"), a.option("--organisme"), a.option("--declaration"), actor(a));
    std::cout << "Lien déclaré et enregistré ; les affectations concernées sont retirées.\n";
    return 0;
}

int cmd_submit(const Args& a) {
    need(a, 2, "submit FICHIER --dossier REF --par NOM");
    auto s = Session::open(a.positional[1]);
    auto i = s->find(a.option("--dossier"));
    if (!i) throw InputError("Dossier « " + a.option("--dossier") + " » inconnu de la campagne.");
    s->submit(s->dossiers()[*i].id, actor(a), actor(a));
    std::cout << "Notes soumises ; les notes des autres évaluateurs de ce dossier sont désormais visibles.\n";
    return 0;
}

int cmd_close(const Args& a, bool reopen) {
    need(a, 2, reopen ? "reopen FICHIER --motif TEXTE" : "close FICHIER [--motif TEXTE]");
    auto s = Session::open(a.positional[1]);
    if (reopen) {
        s->reopen(a.option("--motif"), actor(a));
        std::cout << "Campagne rouverte ; le motif est inscrit au journal.\n";
    } else {
        s->close(a.option("--motif", "Décisions prises"), actor(a));
        std::cout << "Campagne close : notes, arbitrages, dossiers et grille sont verrouillés.\n";
    }
    return 0;
}

int cmd_agreement(const Args& a) {
    need(a, 2, "accord FICHIER");
    auto s = Session::open(a.positional[1]);
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

int cmd_letters(const Args& a) {
    need(a, 2, "letters FICHIER --out DOSSIER");
    std::string out = required(a, "--out", "DOSSIER");
    auto s = Session::open(a.positional[1]);
    auto files = s->write_letters(out, a.option("--dossier"));
    std::cout << files.size() << " lettre" << (files.size() > 1 ? "s" : "") << " écrite" << (files.size() > 1 ? "s" : "")
              << " dans " << out << ".\n";
    if (std::size_t n = s->ranking().pending.size())
        std::cout << n << " dossier" << (n > 1 ? "s" : "") << " en attente d'arbitrage : pas de lettre avant la décision du coordonnateur.\n";
    return 0;
}

int cmd_journal(const Args& a) {
    need(a, 3, "journal show|verify FICHIER");
    auto s = Session::open(a.positional[2]);
    if (a.positional[1] == "verify") {
        auto c = s->store().verify_journal();
        if (c.ok) {
            std::cout << "Journal intact : " << c.entries << " entrées, chaîne d'empreintes vérifiée.\n";
            return 0;
        }
        std::cout << "Journal ALTÉRÉ (" << c.entries << " entrées lues) :\n";
        for (const auto& p : c.problems) std::cout << "  " << p << "\n";
        return 1;
    }
    if (a.positional[1] != "show") throw UsageError("usage : cotation journal show|verify FICHIER");
    std::string prefix = a.option("--dossier").empty() ? "" : "dossier/" + a.option("--dossier");
    for (const auto& e : s->store().journal(prefix))
        std::cout << e.seq << "\t" << e.at << "\t" << e.actor << "\t" << e.action << "\t" << e.entity << "\t"
                  << e.old_value << " → " << e.new_value << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        Args a = parse_args(argc, argv);
        if (a.positional.empty() || a.flag("-h") || a.flag("--help") || a.positional[0] == "aide") {
            std::cout << kHelp;
            return a.positional.empty() && !a.flag("-h") && !a.flag("--help") ? 2 : 0;
        }
        const std::string& c = a.positional[0];
        if (c == "grid" && a.positional.size() > 1 && a.positional[1] == "check") return cmd_grid_check(a);
        if (c == "grid" && a.positional.size() > 1 && a.positional[1] == "preview") return cmd_grid_change(a, false);
        if (c == "grid" && a.positional.size() > 1 && a.positional[1] == "apply") return cmd_grid_change(a, true);
        if (c == "new") return cmd_new(a);
        if (c == "demo") return cmd_demo(a);
        if (c == "param") return cmd_param(a);
        if (c == "import") return cmd_import(a);
        if (c == "rate") return cmd_rate(a);
        if (c == "check") return cmd_check(a);
        if (c == "rank") return cmd_rank(a);
        if (c == "accord") return cmd_agreement(a);
        if (c == "consolidate") return cmd_consolidate(a);
        if (c == "decide") return cmd_decide(a);
        if (c == "users") return cmd_users(a);
        if (c == "calendrier") return cmd_calendar(a);
        if (c == "refus") return cmd_refusal(a);
        if (c == "seance") return cmd_meeting(a);
        if (c == "avis") return cmd_opinion(a);
        if (c == "commission") return cmd_committee_document(a, false);
        if (c == "pv") return cmd_committee_document(a, true);
        if (c == "rapports") return cmd_reports(a);
        if (c == "assign") return cmd_assign(a);
        if (c == "conflict") return cmd_conflict(a);
        if (c == "submit") return cmd_submit(a);
        if (c == "close") return cmd_close(a, false);
        if (c == "reopen") return cmd_close(a, true);
        if (c == "letters") return cmd_letters(a);
        if (c == "journal") return cmd_journal(a);
        throw UsageError("commande inconnue « " + c + " » (cotation --help pour la liste)");
    } catch (const UsageError& e) {
        std::cerr << "cotation : " << e.what() << "\n";
        return 2;
    } catch (const Error& e) {
        std::cerr << "cotation : " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "cotation : erreur inattendue : " << e.what() << "\n";
        return 1;
    }
}
