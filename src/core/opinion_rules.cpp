#include "opinion_rules.h"

#include "french.h"
#include "people.h"

namespace cotation {

std::string complete_opinion(const Team& team, const std::string& actor, const Organisation& organisation,
                             const std::string& interest_basis, MemberOpinion& op) {
    op.comment = fr::trim(op.comment);
    // Printed in the minutes as typed: the bounds of every typed text (trial 13c F7).
    if (auto why = text_refusal(op.comment, "La raison de l'avis"); !why.empty()) return why;
    if (!team.open_mode()) {
        const Person* p = team.person(actor);
        if (!p || p->role != Role::CommitteeMember)
            return "Seul un membre de la commission donne un avis ; « " + actor + " » ne l'est pas.";
        if (op.member != actor) return "« " + actor + " » ne peut pas donner un avis au nom de « " + op.member + " ».";
    }
    if (team.in_conflict(op.member, organisation))
        return "« " + op.member + " » a déclaré un lien avec " + team.link_text(op.member, organisation) +
               " : il ou elle ne prend pas part à la délibération sur ce dossier" + interest_basis + ".";
    if (op.opinion != Opinion::Favourable && op.comment.empty())
        return "Un avis « " + std::string(opinion_label(op.opinion)) + " » s'accompagne de sa raison.";
    return "";
}

}  // namespace cotation
