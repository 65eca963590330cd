#include "team_history.h"

#include <set>

#include "people.h"

namespace cotation {

std::optional<Person> person_of_entry(const JournalRecord& e) {
    if (e.action != "personne" || e.entity.rfind("personne/", 0) != 0) return std::nullopt;
    Person p;
    p.name = e.entity.substr(9);
    const std::string dash = " — ", mark = dash + "compte ";
    const std::string& v = e.new_value;
    const auto first = v.find(dash);
    std::string role = v.substr(0, first);
    const std::string advisory = " (voix consultative)";
    if (auto a = role.find(advisory); a != std::string::npos) {
        role.resize(a);
        p.deliberative = false;
    }
    auto r = role_from_text(role);
    if (!r) return std::nullopt;
    p.role = *r;
    std::string rest = first == std::string::npos ? "" : v.substr(first + dash.size());
    // The account is last; the organisation is what stands between (it may hold a dash itself).
    if (auto m = rest.rfind(mark); m != std::string::npos) {
        p.account = rest.substr(m + mark.size());
        rest.resize(m);
    }
    p.organisation = rest;
    return p;
}

Team team_as_of(const Team& today, const std::vector<JournalRecord>& entries, std::int64_t upto) {
    Team team = today;
    std::set<std::string> named_before, named_after;
    for (const auto& e : entries) {
        auto p = person_of_entry(e);
        if (!p) continue;
        const std::string key = person_key(p->name);
        if (e.seq > upto) {
            named_after.insert(key);
            continue;
        }
        named_before.insert(key);
        for (auto& [name, known] : team.people)
            if (person_key(name) == key) {
                known.role = p->role;
                known.organisation = p->organisation;
                known.deliberative = p->deliberative;
            }
    }
    for (auto it = team.people.begin(); it != team.people.end();)
        if (const std::string key = person_key(it->first); named_after.count(key) && !named_before.count(key))
            it = team.people.erase(it);
        else
            ++it;
    return team;
}

}  // namespace cotation
