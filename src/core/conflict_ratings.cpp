#include "conflict_ratings.h"

#include <algorithm>
#include <map>
#include <set>

#include "french.h"
#include "read_rules.h"

namespace cotation {

SetAsideIndex set_aside_conflicted(const Team& team, const std::vector<Dossier>& dossiers, RatingIndex& ratings) {
    SetAsideIndex out;
    if (team.conflicts.empty()) return out;
    for (const auto& d : dossiers) {
        auto it = ratings.find(d.id);
        if (it == ratings.end()) continue;
        std::map<std::string, SetAsideRatings> removed;
        auto& list = it->second;
        list.erase(std::remove_if(list.begin(), list.end(),
                                  [&](const Rating* r) {
                                      if (!team.in_conflict(r->reviewer, identity_of(d))) return false;
                                      auto& s = removed[r->reviewer];
                                      s.reviewer = r->reviewer;
                                      ++s.count;
                                      return true;
                                  }),
                   list.end());
        if (removed.empty()) continue;
        for (auto& [name, s] : removed) {
            // The earliest declaration naming this organisme is the one that set them aside.
            // (matched as Team::in_conflict matches them).
            for (const auto& c : team.conflicts)
                if (c.reviewer == name && declaration_covers(c, identity_of(d)) &&
                    (s.declared_on.year == 0 || c.declared_on < s.declared_on))
                    s.declared_on = c.declared_on;
            out[d.id].push_back(std::move(s));
        }
    }
    return out;
}

std::vector<std::string> shared_identifier_warnings(const std::vector<Dossier>& dossiers,
                                                    const std::vector<std::string>& concerned) {
    std::vector<std::string> out;
    for (const auto& [kind, field] : {std::pair{"SIRET", &Dossier::siret}, std::pair{"FINESS", &Dossier::finess}}) {
        std::map<std::string, std::vector<const Dossier*>> by_id;   // digits only: « 170 070 007 » is 170070007
        for (const auto& d : dossiers) {
            std::string digits;
            for (char c : d.*field)
                if (c != ' ') digits += c;
            if (!digits.empty()) by_id[digits].push_back(&d);
        }
        for (const auto& [id, group] : by_id) {
            std::set<std::string> names;
            bool involved = false;
            for (const Dossier* d : group) {
                names.insert(organisation_key(d->organisme));
                involved = involved || std::find(concerned.begin(), concerned.end(), d->reference) != concerned.end();
            }
            if (names.size() < 2 || !involved) continue;
            std::string list;
            for (const Dossier* d : group)
                list += (list.empty() ? "" : ", ") + fr::quote(d->organisme) + " (" + d->reference + ")";
            out.push_back(std::string("Attention : le ") + kind + " " + id + " est porté par " + std::to_string(names.size()) +
                          " organismes différents : " + list + ". Un " + kind + " désigne un seul établissement : vérifiez-le "
                          "(un lien d'intérêts déclaré par cet identifiant les viserait tous).");
        }
    }
    return out;
}

std::string set_aside_text(const SetAsideRatings& s) {
    std::string text = "notes de " + s.reviewer + " écartées : lien d'intérêts déclaré";
    if (s.declared_on.year) text += " le " + s.declared_on.french_long();
    return text + " (" + fr::plural(s.count, "note") + ")";
}

}  // namespace cotation
