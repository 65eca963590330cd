#include "dossier.h"

#include <variant>

#include "french.h"
#include "invisible.h"

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

Dossier merged_dossier(const Dossier& current, const Dossier& typed, const std::set<std::string>& fields) {
    Dossier out = current;
    for (const auto& f : fields) {
        if (f == "reference") out.reference = typed.reference;
        else if (f == "organisme") out.organisme = typed.organisme;
        else if (f == "siret") out.siret = typed.siret;
        else if (f == "finess") out.finess = typed.finess;
        else if (f == "commune") out.commune = typed.commune;
        else if (auto it = typed.facts.find(f); it != typed.facts.end()) out.facts[f] = it->second;
        else out.facts.erase(f);
    }
    return out;
}

std::string unknown_dossier(const std::string& reference) {
    bool number = reference.rfind("n°", 0) == 0;
    return "Dossier " + (number ? reference : "« " + reference + " »") + " inconnu de la campagne.";
}

std::string reference_refusal(const std::vector<Dossier>& dossiers, const std::string& reference, std::int64_t except_id,
                              const std::string& where) {
    const std::string typed = fr::trim(reference), key = fr::name_key(reference);
    for (const auto& d : dossiers) {
        if (d.id == except_id) continue;
        if (d.reference == typed)
            return where + " : la référence " + fr::quote(typed) + " est déjà celle d'un autre dossier de la campagne. Rien n'a "
                           "été enregistré.";
        if (fr::name_key(d.reference) == key)
            return where + " : la référence " + fr::quote(reference) + " est déjà celle du dossier " + fr::quote(d.reference) +
                   " (les références ne diffèrent pas par la casse, les espaces ni des caractères qui se ressemblent). Rien "
                   "n'a été enregistré.";
    }
    return "";
}

std::string dossier_texts_refusal(const Dossier& d, const std::string& where) {
    // The characters only: a length is the importers' bound (an old campaign may hold longer names).
    auto refusal = [&](const std::string& text, const std::string& what, const char* allowed) -> std::string {
        if (!fr::trim(text).empty() && !fr::given(text))
            return where + " : " + what + " ne contient aucun caractère visible (seulement des espaces ou des caractères "
                                          "qui ne s'impriment pas) ; retapez-le. Rien n'a été enregistré.";
        if (std::string c = fr::first_invisible(text, allowed); !c.empty())
            return where + " : " + what + " contient un caractère de contrôle ou invisible (" + c +
                   " : saut de ligne, tabulation, espace sans largeur, inversion du sens d'écriture…) : deux noms "
                   "sembleraient identiques ; retapez-le. Rien n'a été enregistré.";
        return "";
    };
    for (const auto& [text, what] : {std::pair<const std::string*, const char*>{&d.reference, "la référence"},
                                     {&d.organisme, "l'organisme"}, {&d.siret, "le SIRET"}, {&d.finess, "le FINESS"},
                                     {&d.commune, "la commune"}})
        if (std::string why = refusal(*text, what, ""); !why.empty()) return why;
    for (const auto& [name, value] : d.facts) {
        std::vector<std::string> texts;
        if (const auto* one = std::get_if<std::string>(&value)) texts.push_back(*one);
        if (const auto* list = std::get_if<std::vector<std::string>>(&value)) texts = *list;
        for (const auto& t : texts)   // a text fact may hold lines (an address)
            if (std::string why = refusal(t, "le fait « " + name + " »", "\n"); !why.empty()) return why;
    }
    return "";
}

}  // namespace cotation
