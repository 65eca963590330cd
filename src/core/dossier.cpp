#include "dossier.h"

namespace cotation {

Value Dossier::get(const std::string& id) const {
    auto text = [](const std::string& s) { return s.empty() ? Value{} : Value{s}; };
    if (id == "organisme") return text(organisme);
    if (id == "siret") return text(siret);
    if (id == "finess") return text(finess);
    if (id == "commune") return text(commune);
    auto it = facts.find(id);
    return it == facts.end() ? Value{} : it->second;
}

}  // namespace cotation
