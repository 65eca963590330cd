#include "change_words.h"

#include <vector>

#include "core/french.h"
#include "core/grid.h"

namespace cotation {

namespace {
std::vector<std::string> parts_of(const std::string& entity) {
    std::vector<std::string> p;
    for (std::size_t start = 0;;) {
        auto slash = entity.find('/', start);
        p.push_back(entity.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    return p;
}

std::string or_empty(const std::string& v, const char* empty = "(vide)") { return v.empty() ? empty : v; }
std::string arrow(const std::string& before, const std::string& after, const char* empty = "(vide)") {
    return or_empty(before, empty) + " → " + or_empty(after, empty);
}

// A fact's stored value (« 2023-03-31 », « 12600.5 ») as the form shows it.
std::string fact_value(const FactDef* def, const std::string& canonical) {
    if (!def || canonical.empty()) return canonical;
    auto v = from_canonical(def->type, canonical);
    return v ? display(*def, *v) : canonical;
}

std::string criterion_words(const Grid* grid, const std::string& id) {
    const Criterion* c = grid ? grid->criterion(id) : nullptr;
    return "critère " + id + (c && !c->label.empty() ? " (" + fr::quote(c->label, 120) + ")" : "");
}

// « reference=…; organisme=…; siret=… » (snapshot_rows.h) → field -> value.
std::vector<std::pair<std::string, std::string>> identity_fields(const std::string& text) {
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t start = 0; start < text.size();) {
        auto end = text.find("; ", start);
        std::string item = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        auto eq = item.find('=');
        if (eq != std::string::npos) out.emplace_back(item.substr(0, eq), item.substr(eq + 1));
        if (end == std::string::npos) break;
        start = end + 2;
    }
    return out;
}

std::string identity_label(const std::string& field) {
    if (field == "reference") return "Référence";
    if (field == "organisme") return "Organisme gestionnaire";
    if (field == "siret") return "SIRET";
    if (field == "finess") return "FINESS";
    if (field == "commune") return "Commune (code INSEE)";
    return field;
}

std::string dossier_change(const JournalEntry& e, const std::vector<std::string>& p, const Grid* grid) {
    const std::string of = "du dossier " + p[1];
    if (p.size() == 2) {
        if (e.action == "dossier.identite") {
            // Only the fields that differ, each by the name the form gives it.
            auto before = identity_fields(e.old_value), after = identity_fields(e.new_value);
            std::string out;
            for (std::size_t i = 0; i < after.size(); ++i) {
                const std::string old = i < before.size() ? before[i].second : "";
                if (old == after[i].second) continue;
                out += (out.empty() ? "" : " ; ") + fr::quote(identity_label(after[i].first)) + " " + of + " : " +
                       arrow(old, after[i].second);
            }
            if (!out.empty()) return out;
        }
        if (e.action == "dossier.ajout") return "dossier " + p[1] + " enregistré";
        return "dossier " + p[1] + " : " + arrow(e.old_value, e.new_value);
    }
    const std::string& kind = p[2];
    if (p.size() == 3 && e.action == "dossier.fait") {
        const FactDef* def = grid ? grid->fact(kind) : nullptr;
        return fr::quote(def ? def->label : kind, 120) + " " + of + " : " +
               arrow(fact_value(def, e.old_value), fact_value(def, e.new_value), "non renseigné");
    }
    if (p.size() == 3 && e.action == "dossier.piece") {
        std::string label = kind;
        if (grid)
            for (const auto& d : grid->documents)
                if (d.id == kind) label = d.label;
        return "pièce " + fr::quote(label, 120) + " " + of + " : " + arrow(e.old_value, e.new_value);
    }
    if (kind == "note" && p.size() == 5)
        return "note de " + p[3] + " au " + criterion_words(grid, p[4]) + " " + of + " : " +
               arrow(e.old_value, e.new_value, "(aucune)");
    if (kind == "consolidation" && p.size() == 4)
        return "note arbitrée du " + criterion_words(grid, p[3]) + " " + of + " : " + arrow(e.old_value, e.new_value, "(aucune)");
    if (kind == "decision" && p.size() == 3)
        return "décision sur le dossier " + p[1] + " : " + arrow(e.old_value, e.new_value, "(aucune)");
    if (kind == "affectation" && p.size() == 4)
        return "affectation de " + p[3] + " au dossier " + p[1] + " : " + arrow(e.old_value, e.new_value, "non affecté");
    if (kind == "soumission" && p.size() == 4) return "soumission des notes de " + p[3] + " sur le dossier " + p[1];
    if (kind == "avis" && p.size() == 4)
        return "avis de " + p[3] + " sur le dossier " + p[1] + " : " + arrow(e.old_value, e.new_value, "(aucun)");
    if (kind == "refus-prealable" && p.size() == 3)
        return "refus préalable du dossier " + p[1] + " : " + arrow(e.old_value, e.new_value, "(aucun)");
    return fr::quote(e.entity) + " : " + arrow(e.old_value, e.new_value);
}
}  // namespace

std::string change_in_words(const JournalEntry& e, const Grid* grid) {
    const auto p = parts_of(e.entity);
    if (p.size() >= 2 && p[0] == "dossier") return dossier_change(e, p, grid);
    if (p.size() == 2 && p[0] == "personne")
        return "membre de l'équipe " + p[1] + " : " + arrow(e.old_value, e.new_value, "(absent)");
    if (p.size() == 4 && p[0] == "personne" && p[2] == "conflit")
        return "lien d'intérêts déclaré par " + p[1] + " avec " + fr::quote(p[3]) + " : " +
               arrow(e.old_value, e.new_value, "(aucun)");
    if (p.size() == 2 && p[0] == "procedure")
        return "étape " + fr::quote(p[1]) + " du calendrier : " + arrow(e.old_value, e.new_value);
    if (e.entity == "commission/seance") return "séance de la commission : " + arrow(e.old_value, e.new_value, "(aucune)");
    if (e.entity == "campagne/etat") return "état de la campagne : " + arrow(e.old_value, e.new_value);
    if (e.entity == "campagne/grille") return "grille de la campagne : " + arrow(e.old_value, e.new_value);
    if (e.entity == "campagne/procedure") return "procédure de la campagne : " + arrow(e.old_value, e.new_value);
    if (e.entity == "campagne/regles_territoriales")
        return "règles territoriales de l'appel : " + arrow(e.old_value, e.new_value, "(non figées)");
    if (p.size() == 3 && p[0] == "campagne" && p[1] == "autorite")
        return "autorité de la campagne, champ " + fr::quote(p[2]) + " : " + arrow(e.old_value, e.new_value);
    if (p.size() >= 2 && p[0] == "campagne" && (p[1] == "offre" || p[1] == "zones" || p[1] == "repartition"))
        return std::string(p[1] == "offre"   ? "offre du territoire"
                           : p[1] == "zones" ? "zones du territoire"
                                             : "répartition des places") +
               " : " + arrow(e.old_value, e.new_value);
    if (p.size() == 2 && p[0] == "campagne" && e.action == "campagne.parametre") {
        const FactDef* def = grid ? grid->fact(p[1]) : nullptr;
        return "paramètre " + fr::quote(def ? def->label : p[1], 120) + " de la campagne : " +
               arrow(fact_value(def, e.old_value), fact_value(def, e.new_value), "non renseigné");
    }
    return fr::quote(e.entity) + " : " + arrow(e.old_value, e.new_value);
}

}  // namespace cotation
