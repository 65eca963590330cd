#include "campaign_rules.h"

#include "french.h"

namespace cotation {

std::string closing_refusal(const Ranking& ranking, const std::vector<Dossier>& dossiers,
                            const std::function<bool(std::size_t dossier)>& decided) {
    const std::size_t pending = count_pending(ranking, Proposal::Pending);
    if (pending)
        return fr::plural(pending, "dossier") + (pending > 1 ? " attendent" : " attend") +
               " encore un arbitrage du coordonnateur : la campagne ne peut pas être close.";
    std::vector<std::string> refs;
    for (const auto& e : ranking.pending)
        if (e.proposal == Proposal::Unrated && !decided(e.dossier))
            refs.push_back(e.dossier < dossiers.size() ? dossiers[e.dossier].reference : "?");
    const std::size_t undecided = refs.size();
    if (undecided == 0) return "";
    // Ten named at most: the message stays a message (a campaign of 1 500).
    if (undecided > 10) {
        const std::size_t more = undecided - 10;
        refs.resize(10);
        refs.push_back(fr::plural(more, "autre"));
    }
    return fr::plural(undecided, "dossier") + " " + fr::agree(undecided, "non noté") + " (" + fr::join(refs, ", ", "et") + ")" +
           (undecided > 1 ? " n'ont" : " n'a") + " pas de décision et ne recevrai" + (undecided > 1 ? "ent" : "t") +
           " aucune lettre : décidez-" + (undecided > 1 ? "les" : "le") +
           " (cotation decide … --decision non-retenu --motif … --ecart « raison de l'absence d'évaluation ») avant de clore "
           "la campagne.";
}

std::string reopening_refusal(const std::string& reason) {
    if (fr::given(reason)) return "";   // spaces or invisible characters alone are no motive (trial 13d F4)
    return "Rouvrir une campagne close demande le motif écrit du coordonnateur : il est inscrit au journal.";
}

std::string submission_for_refusal(const Team& team, const std::string& actor, const std::string& reviewer) {
    if (team.open_mode()) return "";
    if (actor != reviewer)
        return "Chacun soumet ses propres notes : « " + actor + " » ne peut pas soumettre pour « " + reviewer + " ».";
    // Who does not rate has nothing to submit (trial 23 m4: a committee member was told « notes incomplètes »).
    if (const Person* p = team.person(reviewer); p && p->role != Role::Instructor)
        return "Seuls les instructeurs notent et soumettent leurs notes ; « " + p->name + " » est " + role_label(p->role) + ".";
    return "";
}

std::string pieces_request_moment_refusal(const std::string& reference, const Date& on,
                                          const std::optional<Date>& deadline, bool set_apart) {
    const std::string who = "Dossier « " + reference + " » : ";
    if (set_apart) return who + "déjà écarté avant l'évaluation ; pas de demande de pièces.";
    if (deadline && on < *deadline)
        return who + "une demande de pièces se fait après la date limite de dépôt (" + deadline->french_numeric() +
               ") ; avant, le candidat complète lui-même son dossier.";
    return "";
}

std::string dossier_addition_refusal(std::size_t decisions, const std::string& where) {
    if (decisions == 0) return "";
    return where + " : " + fr::plural(static_cast<long long>(decisions), "décision") +
           (decisions > 1 ? " de l'autorité sont enregistrées" : " de l'autorité est enregistrée") +
           " pour cette campagne ; aucun dossier ne peut plus y être ajouté après les décisions. Rien n'a été enregistré.";
}

}  // namespace cotation
