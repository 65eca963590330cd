#include "dossier.h"

namespace cotation {

Value Dossier::get(const std::string& name) const {
    auto text = [](const std::string& s) { return s.empty() ? Value{} : Value{s}; };
    if (name == "organisme") return text(organisme);
    if (name == "siret") return text(siret);
    if (name == "finess") return text(finess);
    if (name == "commune") return text(commune);
    auto it = facts.find(name);
    return it == facts.end() ? Value{} : it->second;
}

std::string unknown_dossier(const std::string& reference) {
    bool number = reference.rfind("n°", 0) == 0;
    return "Dossier " + (number ? reference : "« " + reference + " »") + " inconnu de la campagne.";
}

}  // namespace cotation
