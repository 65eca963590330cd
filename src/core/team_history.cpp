#include "team_history.h"

#include <set>

#include "journal_grammar.h"
#include "people.h"

namespace cotation {

std::optional<Person> person_of_entry(const JournalRecord& e) {
    const auto name = journal_text::person_of(e.entity);
    if (e.action != "personne" || !name) return std::nullopt;
    const auto line = journal_text::person_line_of(e.new_value);
    auto r = role_from_text(line.role);
    if (!r) return std::nullopt;
    Person p;
    p.name = *name;
    p.role = *r;
    p.deliberative = line.deliberative;
    p.organisation = line.organisation;
    p.account = line.account;
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
