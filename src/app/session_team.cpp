#include "session.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "app/input.h"
#include "app/session_internal.h"
#include "core/error.h"
#include "core/french.h"
#include "core/review_rules.h"

namespace cotation {
using session_detail::require;

void Session::add_person(const Person& p, const std::string& actor) {
    if (fr::trim(p.name).empty()) throw InputError("Le nom de la personne est obligatoire.");
    if (team_.open_mode() && p.role != Role::Coordinator)
        throw InputError("Déclarez d'abord le coordonnateur de la campagne : c'est lui qui déclare ensuite l'équipe.");
    if (!team_.open_mode()) require(team_.may_coordinate(actor));
    store_->put_person(p, actor);
    team_.people[p.name] = p;
    meeting_check_.reset();
}

void Session::assign(std::int64_t dossier_id, const std::string& reviewer, bool add, const std::string& actor) {
    if (add) require(team_.may_assign(actor, reviewer, organisme_of(dossier_id)));
    else require(team_.may_coordinate(actor));
    store_->assign(dossier_id, reviewer, add, actor);
    if (add) team_.assignments[dossier_id].insert(reviewer);
    else team_.assignments[dossier_id].erase(reviewer);
}

void Session::declare_conflict(const std::string& reviewer, const std::string& organisme, const std::string& declaration,
                               const std::string& actor, std::optional<Date> signed_on) {
    if (!team_.person(reviewer)) throw InputError("« " + reviewer + " » n'est pas déclaré(e) dans cette campagne.");
    if (actor != reviewer) require(team_.may_coordinate(actor));
    if (fr::trim(declaration).empty()) throw InputError("Décrivez le lien déclaré (nature, période).");
    if (signed_on && *signed_on > today()) throw InputError("Une déclaration ne peut pas être datée de l'avenir.");
    ConflictDeclaration c{reviewer, organisme, fr::trim(declaration), actor, signed_on.value_or(today())};
    store_->declare_conflict(c, actor);
    team_.conflicts.push_back(c);
    meeting_check_.reset();
    for (auto& [id, reviewers] : team_.assignments)
        if (organisme_of(id) == organisme) reviewers.erase(reviewer);
}

void Session::submit(std::int64_t dossier_id, const std::string& reviewer, const std::string& actor) {
    if (!team_.open_mode() && actor != reviewer)
        throw InputError("Chacun soumet ses propres notes : « " + actor + " » ne peut pas soumettre pour « " + reviewer + " ».");
    require(submission_refusal(grid_, ratings_of(dossier_id), reviewer));
    store_->submit(dossier_id, reviewer, actor);
    team_.submitted[dossier_id].insert(reviewer);
}

std::vector<const Rating*> Session::visible_ratings(std::int64_t dossier_id, const std::string& viewer) const {
    std::vector<const Rating*> out;
    bool all = team_.sees_others(viewer, dossier_id, organisme_of(dossier_id));
    for (const Rating* r : ratings_of(dossier_id))
        if (all || r->reviewer == viewer) out.push_back(r);
    return out;
}

}  // namespace cotation
