#include "demo.h"

#include <filesystem>
#include <sstream>

#include "core/error.h"
#include "io/paths.h"
#include "io/xml_tree.h"

namespace cotation {

bool demo_exists(const std::string& call) {
    return std::filesystem::exists(io::data_root() + "/demo/" + call + "/campagne.txt");
}

std::unique_ptr<Session> create_demo(const std::string& path, const std::string& call) {
    std::string dir = io::data_root() + "/demo/" + call;
    if (!demo_exists(call)) throw InputError("Pas de campagne de démonstration pour l'appel « " + call + " ».");
    // campagne.txt: "clé = valeur" lines (grille, reference, titre, autorite, …, campagne.x).
    NewCampaign nc;
    std::string grid, pending_ref;
    std::istringstream in(io::read_file(dir + "/campagne.txt"));
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto eq = line.find(" = ");
        if (eq == std::string::npos) continue;
        std::string k = line.substr(0, eq), v = line.substr(eq + 3);
        if (k == "grille") grid = v;
        else if (k == "reference") nc.reference = v;
        else if (k == "titre") nc.title = v;
        else if (k == "autorite") nc.authority = v;
        else if (k == "signataire") nc.signatory = v;
        else if (k == "ville") nc.city = v;
        else if (k == "arbitrage_en_attente") pending_ref = v;
        else nc.parameters[k] = v;
    }
    const std::string actor = "démonstration";
    auto s = Session::create(path, io::grid_path(grid), nc, actor);
    s->import_dossiers_file(dir + "/dossiers.csv", actor);
    if (std::filesystem::exists(dir + "/notes.csv")) s->import_ratings_file(dir + "/notes.csv", actor);
    // The demo coordinator has settled every flagged criterion at the mean,
    // except for one dossier left to show a pending decision.
    for (const auto& d : s->dossiers()) {
        if (d.reference == pending_ref) continue;
        DossierScore score = score_dossier(s->grid(), s->ratings_of(d.id));
        std::size_t k = 0;
        for (const auto& t : s->grid().themes)
            for (const auto& c : t.criteria) {
                const CriterionScore& cs = score.criteria[k++];
                if (cs.flagged && cs.mean)
                    s->consolidate(d.id, c.id, cs.mean->canonical(), "Arbitrage de démonstration : moyenne des évaluateurs retenue.",
                                   "Coordination (démonstration)");
            }
    }
    return s;
}

}  // namespace cotation
