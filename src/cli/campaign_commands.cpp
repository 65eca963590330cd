// Campaign: demo, new, param, grid check|preview|apply.
#include <filesystem>
#include <algorithm>
#include <iostream>
#include <set>

#include "core/enums.h"
#include "app/demo.h"
#include "app/input.h"
#include "app/session.h"
#include "cli/command.h"
#include "core/french.h"
#include "core/logo.h"
#include "io/csv.h"
#include "io/grid_reader.h"
#include "store/open_store.h"
#include "core/invisible.h"

namespace cotation::cli {

namespace {

int grid_check(const Args& a) {
    Grid g = io::read_grid_file(a.get("GRILLE.xml"));
    std::cout << "Grille « " << g.title << " », identifiant " << g.id << ", version " << g.version << " (" << g.status << ")\n";
    if (!g.form_id.empty()) {
        std::size_t inputs = 0;
        for (const auto& f : g.facts) inputs += f.derived ? 0 : 1;
        std::cout << "Formulaire « " << g.form_title << " », identifiant " << g.form_id << ", version " << g.form_version
                  << " : " << inputs << " faits à déclarer\n";
    }
    for (const auto& t : g.themes)
        std::cout << "  " << t.id << " — " << t.label << " : " << fr::plural(t.criteria.size(), "critère")
                  << ", " << fr::number(g.theme_max(t)) << " points\n";
    std::cout << g.criterion_count() << " critères, " << fr::number(g.max_total()) << " points au total ; " << g.rules.size()
              << " règles de conformité, " << g.documents.size() << " pièces exigées.\n";
    // The documents' templates must only name values this grid gives.
    auto problems = Session::check_grid_templates(g);
    for (const auto& p : problems) std::cerr << p << "\n";
    return problems.empty() ? 0 : 1;
}

void print_grid_change(Session& s, const GridChange& c) {
    std::cout << "Maximum : " << fr::number(c.max_before) << " → " << fr::number(c.max_after) << " points\n";
    for (const auto& x : c.changed_coefficients) std::cout << "  coefficient " << x << "\n";
    for (const auto& x : c.removed_criteria) std::cout << "  critère retiré : " << x << "\n";
    for (const auto& x : c.added_criteria) std::cout << "  critère ajouté : " << x << "\n";
    std::cout << "dossier;organisme;total avant;total après;rang avant;rang après;recevabilité avant;recevabilité après\n";
    for (const auto& d : c.dossiers) {
        const Dossier& x = s.dossiers()[d.dossier];
        std::cout << x.reference << ";" << io::csv_field(x.organisme) << ";" << fr::number(d.before) << ";" << fr::number(d.after)
                  << ";" << (d.rank_before ? std::to_string(d.rank_before) : "") << ";"
                  << (d.rank_after ? std::to_string(d.rank_after) : "") << ";" << d.verdict_before << ";" << d.verdict_after
                  << "\n";
    }
}

int grid_change(const Args& a, bool apply) {
    auto s = Session::open(a.file());
    auto candidate = s->read_candidate_grid(a.get("GRILLE.xml"));
    std::string actor = apply ? a.actor(*s) : "";
    std::cout << "Grille de la campagne : " << s->grid().id << " version " << s->grid().version << " → " << candidate.grid.id
              << " version " << candidate.grid.version << "\n";
    print_grid_change(*s, s->preview_grid_change(candidate));
    if (apply) {
        s->apply_grid_change(candidate, a.get("--motif"), actor);
        std::cout << "Nouvelle grille appliquée ; l'ancienne version est conservée dans l'historique de la campagne.\n";
    }
    return 0;
}

int new_campaign(const Args& a) {
    NewCampaign nc;
    nc.reference = a.get("--reference", default_campaign_reference(a.file()));
    if (nc.reference.empty())
        throw InputError("Référence de la campagne manquante : donnez --reference RÉF, ou « ?campagne=RÉF » dans l'adresse "
                         "du serveur. Rien n'a été créé.");
    nc.title = a.get("--titre");
    nc.authority = a.get("--autorite");
    nc.signatory = a.get("--signataire");
    nc.city = a.get("--ville");
    if (a.has("--type-autorite")) nc.authority_kind = input::authority_kind("--type-autorite", a.get("--type-autorite"));
    nc.signatory_title = a.get("--qualite");
    nc.tribunal = a.get("--tribunal");
    for (const auto& p : a.all("--param")) {
        auto [name, value] = input::name_value("--param", p, "campagne.nom=valeur");
        nc.parameters[name] = value;
    }
    auto s = Session::create(a.file(), a.get("--grid"), nc, a.actor());
    // A server's URI is shown without its password (issue 15).
    const std::string where = names_server_campaign(a.file()) ? campaign_for_command(a.file()) : a.file();
    std::cout << "Campagne « " << s->campaign().reference << " » créée dans " << where << " (grille " << s->grid().id
              << " version " << s->grid().version << ").\n";
    // Parameters the rules read but that the grid leaves to the campaign.
    std::set<std::string> listed;
    auto to_fill = [&](const std::string& id, const std::string& label, const char* value) {
        if (s->campaign().parameters.count(id) || !listed.insert(id).second) return;
        std::cout << "  À renseigner : " << id << " (" << label << ") : cotation param " << where << " " << id << "=" << value
                  << "\n";
    };
    for (const auto& p : s->grid().parameters)
        to_fill(p.def.id, p.def.label, p.def.type == FactType::Date ? "JJ/MM/AAAA" : "valeur");
    // And every date the procedure's calendar counts from (campagne.date_publication
    // for the publication step), whether the grid declares it or not.
    const auto& steps = s->procedure().steps;
    for (const auto& st : steps) {
        if (!st.due) continue;
        const std::string& anchor = st.due->anchor;
        if (std::any_of(steps.begin(), steps.end(), [&](const StepDef& o) { return o.id == anchor; })) continue;
        std::string id = anchor.rfind("campagne.", 0) == 0 ? anchor : "campagne." + anchor;
        std::string label = st.label;
        for (const auto& f : Grid::procedure_parameters())
            if (f.id == id) label = f.label;
        to_fill(id, label, "JJ/MM/AAAA");
    }
    return 0;
}

int authority(const Args& a) {
    auto s = Session::open(a.file());
    // Option -> field of input::authority_field, in the order shown.
    static const std::pair<const char*, const char*> fields[] = {
        {"--type", "type"},       {"--nom", "nom"},     {"--adresse", "adresse"},   {"--signataire", "signataire"},
        {"--qualite", "qualite"}, {"--ville", "ville"}, {"--tribunal", "tribunal"}, {"--adresse-tribunal", "adresse_tribunal"},
        {"--logo", "logo"}, {"--cosignataires", "cosignataires"}};
    // Every option read first, then written at once: all or nothing.
    Authority next = s->authority();
    bool changed = false;
    for (const auto& [option, field] : fields)
        if (a.has(option)) {
            changed = true;
            input::authority_field(next, field, a.get(option));
        }
    if (changed) s->set_authority(next, a.actor(*s));
    const Authority& au = s->authority();
    std::cout << "Autorité : " << au.name << " (" << authority_kind_label(au.kind) << ")\n";
    for (const auto& line : au.address) std::cout << "  " << line << "\n";
    std::cout << "Signataire : " << (au.signatory.empty() ? "(nom non renseigné)" : au.signatory) << " — "
              << au.signatory_title << "\n";
    std::cout << "Ville de signature : " << au.city << "\n";
    std::cout << "Recours contentieux : " << au.tribunal << (au.tribunal_address.empty() ? "" : ", " + au.tribunal_address)
              << "\n";
    if (!au.logo.empty()) std::cout << "Logo : " << logo_description(au.logo) << "\n";
    for (const auto& c : parse_cosignatories(au.cosignatories))
        std::cout << "Cosignataire (département " << c.departement << ") : " << enum_label(c.civility) << " " << c.name << "\n";
    if (changed) std::cout << "Autorité modifiée (journal).\n";
    return 0;
}

int param(const Args& a) {
    auto s = Session::open(a.file());
    std::vector<std::pair<std::string, std::string>> changes;
    for (const auto& text : a.all("PARAMÈTRE")) changes.push_back(input::name_value("Paramètre", text, "campagne.nom=valeur"));
    if (!changes.empty()) {
        std::string actor = a.actor(*s);
        const auto before = s->campaign().parameters;
        // all or nothing; after the vote or the decisions, only with a motive
        s->set_parameters(input::parameters(s->grid(), changes), actor, a.has("--motif") ? a.get("--motif") : "");
        // What changed, said first (trial of issue 12: an empty value cleared a date without a word).
        for (const auto& [name, value] : changes) {
            const FactDef* def = s->grid().fact(fr::trim(name));
            auto was = before.find(def ? def->id : name);
            const std::string old = was == before.end() || !def ? std::string() : display(*def, was->second);
            if (fr::trim(value).empty())
                std::cout << (def ? def->id : name)
                          << (old.empty() ? std::string(" n'était pas renseigné : rien n'a changé")
                                          : " effacé (il valait " + old + ")")
                          << ".\n";
            else if (def)
                if (auto now = s->campaign().parameters.find(def->id); now != s->campaign().parameters.end())
                    std::cout << def->id << " enregistré : " << display(*def, now->second)
                              << (old.empty() ? std::string() : " (il valait " + old + ")") << ".\n";
        }
        std::cout << "\n";
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

int demo(const Args& a) {
    std::string stage = input::one_of("--etape", a.get("--etape", "complete"), {"instruction", "complete"});
    auto s =
        create_demo(a.file(), a.get("--appel", "act-hlm"), stage == "instruction" ? DemoStage::Instruction : DemoStage::Complete);
    std::cout << "Campagne de démonstration « " << s->campaign().reference << " » créée dans " << fr::quote_path(a.file())
              << " : " << s->dossiers().size() << " dossiers, " << s->ratings().size() << " notes.\n";
    return 0;
}

}  // namespace

void add_campaign_commands(Cli& cli) {
    cli.command("demo", Area::Campaign,
                "crée une campagne de démonstration : équipe, notes consolidées, puis (complete) séance et décisions")
        .file("fichier de la campagne à créer")
        .option("--appel,--call", "act-hlm|crt|uphv", "l'appel (défaut : act-hlm)")
        .option("--etape", "instruction|complete", "jusqu'où aller (défaut : complete)")
        .run(demo);

    cli.command("new", Area::Campaign, "crée une campagne vide sur une grille")
        .file("fichier de la campagne à créer")
        .required("--grid", "GRILLE.xml", "grille de l'appel (copiée dans la campagne)")
        .option("--reference", "REF", "référence de l'appel (défaut : le nom du fichier, ou campagne= de l'adresse du serveur)")
        .option("--titre", "TEXTE", "intitulé de l'appel")
        .option("--autorite", "TEXTE", "autorité qui lance l'appel (défaut : celle de la grille)")
        .option("--type-autorite", "ars|departement|autre", "nature de l'autorité : fixe les voies de recours")
        .option("--signataire", "NOM", "nom de la personne qui signe")
        .option("--qualite", "TEXTE", "qualité du signataire (« Le Président du Conseil départemental »)")
        .option("--ville", "VILLE", "ville de signature des lettres")
        .option("--tribunal", "TEXTE", "tribunal administratif compétent pour les recours")
        .repeated("--param", "campagne.nom=valeur", "paramètre de la campagne")
        .acting()
        .run(new_campaign);

    cli.command("autorite", Area::Campaign,
                "affiche ou modifie l'autorité qui lance l'appel et signe ses décisions")
        .file()
        .option("--type", "ars|departement|autre", "nature de l'autorité (fixe les voies de recours)")
        .option("--nom", "TEXTE", "nom de l'autorité")
        .option("--adresse", "« ligne 1 | ligne 2 »", "adresse postale, lignes séparées par |")
        .option("--signataire", "NOM", "nom de la personne qui signe")
        .option("--qualite", "TEXTE", "qualité du signataire")
        .option("--ville", "VILLE", "ville de signature")
        .option("--tribunal", "TEXTE", "tribunal administratif compétent")
        .option("--adresse-tribunal", "TEXTE", "adresse du tribunal")
        .option("--logo", "FICHIER.png", "logo imprimé en tête des documents")
        .option("--cosignataires", "« 16=Mme Annie Dupont | 17=M. Paul Roy »",
                "président ou présidente du conseil départemental qui cosigne un arrêté conjoint, par département")
        .acting()
        .run(authority);

    cli.command("param", Area::Campaign, "affiche ou modifie les paramètres de la campagne")
        .file()
        .positionals("PARAMÈTRE", "campagne.nom=valeur : paramètre à modifier (valeur vide : l'efface)")
        .option("--motif", "TEXTE", "pourquoi un paramètre change après le vote de la commission ou les décisions (journalisé)")
        .acting()
        .run(param);

    cli.group("grid", Area::Campaign, "la grille : vérifier, comparer, changer de version");
    cli.command("grid check", Area::Campaign, "vérifie une grille et en affiche le résumé")
        .positional("GRILLE.xml", "fichier de la grille")
        .run(grid_check);
    cli.command("grid preview", Area::Campaign, "ce que changerait une nouvelle version de la grille")
        .file()
        .positional("GRILLE.xml", "nouvelle version de la grille")
        .run([](const Args& a) { return grid_change(a, false); });
    cli.command("grid apply", Area::Campaign, "passe la campagne à cette version (motif au journal)")
        .file()
        .positional("GRILLE.xml", "nouvelle version de la grille")
        .required("--motif", "TEXTE", "raison du changement, inscrite au journal")
        .acting()
        .run([](const Args& a) { return grid_change(a, true); });
}

}  // namespace cotation::cli
