#include "rejection_rules.h"

#include "french.h"
#include "people.h"

namespace cotation {

std::string rejection_name(const ProcedureDef& p) {
    return p.prior_rejection ? p.prior_rejection->name : std::string("refus préalable");
}

std::string prior_rejection_refusal(const ProcedureDef& p, const RejectionFacts& f, RejectionGround ground,
                                    const std::string& motive) {
    const std::string dossier = "Le dossier « " + f.reference + " »";
    if (!p.prior_rejection) return "La procédure « " + p.title + " » ne prévoit pas de rejet avant l'évaluation.";
    if (!p.ground(ground_code(ground)))
        return "Motif « " + std::string(ground_code(ground)) + " » : la procédure « " + p.title + " » ne le prévoit pas.";
    if (!fr::given(motive))
        return "Le " + rejection_name(p) + " du dossier « " + f.reference + " » doit être motivé" +
               (p.prior_rejection->basis.empty() ? "" : " (" + p.prior_rejection->basis + ")") + ".";
    // Printed in its letter as typed (trial 13c F7).
    if (auto why = text_refusal(motive, "Le motif du " + rejection_name(p)); !why.empty()) return why;
    if (ground == RejectionGround::Late) {
        if (!f.deadline)
            return "La date limite de dépôt (campagne.date_limite) n'est pas renseignée : le dépôt tardif ne peut pas être "
                   "constaté.";
        if (!f.deposited) return "La date de dépôt du dossier « " + f.reference + " » n'est pas renseignée.";
        if (*f.deposited <= *f.deadline)
            return dossier + " a été déposé le " + f.deposited->french_numeric() + ", au plus tard à la date limite du " +
                   f.deadline->french_numeric() + " : il n'est pas hors délai.";
    }
    if (f.decided) return dossier + " a déjà une décision : le " + rejection_name(p) + " vient avant la décision.";
    return "";
}

std::string lift_refusal(const ProcedureDef& p, const std::string& reference, bool rejected, const std::string& reason) {
    if (!rejected) return "Ce dossier n'a pas de " + rejection_name(p) + ".";
    if (!fr::given(reason))
        return "Lever le " + rejection_name(p) + " du dossier « " + reference + " » demande un motif (révision demandée).";
    return text_refusal(reason, "Le motif de la levée du " + rejection_name(p));
}

}  // namespace cotation
