// A letter template (templates/*.txt) expanded with typical values and one
// included template.
#include "fuzz_common.h"
#include "report/template.h"

COTATION_FUZZ_TARGET({
    static const cotation::report::Variables vars{
        {"organisme", "Association Escale Santé"}, {"reference", "ACT-2023-01"}, {"date", "3 avril 2023"},
        {"motifs", "premier motif\nsecond motif"}, {"vide", ""}, {"montant", "189 000 €"}};
    cotation::report::expand_template(input, "lettre.txt", vars, [&](const std::string& name) -> std::string {
        if (name == "voies-recours") return "## Voies de recours\nRecours dans les deux mois.\n{{organisme}}\n";
        if (name == "boucle") return input;   // an include that includes itself
        throw cotation::InputError("modèle « " + name + " » introuvable");
    });
})
