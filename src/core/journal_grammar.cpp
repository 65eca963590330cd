#include "journal_grammar.h"

namespace cotation::journal_text {

namespace {
const std::string kDossier = "dossier/";
const std::string kConflict = "/conflit/";
const std::string kAccount = " (compte ";
const std::string kKeyed = "saisi par ";
const std::string kFor = " pour ";
const std::string kDash = " — ";
const std::string kAccountInLine = " — compte ";
const std::string kConsultative = " (voix consultative)";
}   // namespace

std::string dossier_entity(const std::string& reference) { return kDossier + reference; }

std::string dossier_entity(const std::string& reference, const std::string& kind, const std::string& rest) {
    return kDossier + reference + "/" + kind + (rest.empty() ? "" : "/" + rest);
}

std::optional<std::pair<std::string, std::string>> dossier_part(const std::string& entity, const std::string& kind) {
    const std::string mark = "/" + kind + "/";
    const auto at = entity.rfind(mark);
    if (entity.rfind(kDossier, 0) != 0 || at == std::string::npos || at < kDossier.size()) return std::nullopt;
    return std::make_pair(entity.substr(kDossier.size(), at - kDossier.size()), entity.substr(at + mark.size()));
}

std::optional<std::string> after_dossier(const std::string& entity) {
    if (entity.rfind(kDossier, 0) != 0 || entity.size() == kDossier.size()) return std::nullopt;
    return entity.substr(kDossier.size());
}

std::string person_entity(const std::string& name) { return kPeople + name; }

std::optional<std::string> person_of(const std::string& entity) {
    const std::string people = kPeople;
    if (entity.rfind(people, 0) != 0 || entity.size() == people.size() || conflict_of(entity)) return std::nullopt;
    return entity.substr(people.size());
}

std::string conflict_entity(const std::string& reviewer, const std::string& organisme) {
    return kPeople + reviewer + kConflict + organisme;
}

std::optional<ConflictEntity> conflict_of(const std::string& entity) {
    const std::string people = kPeople;
    if (entity.rfind(people, 0) != 0) return std::nullopt;
    // The first mark: a person's name holds no « /conflit/ », an organisation may.
    const auto at = entity.find(kConflict, people.size());
    if (at == std::string::npos) return std::nullopt;
    return ConflictEntity{entity.substr(people.size(), at - people.size()), entity.substr(at + kConflict.size())};
}

std::string signed_actor(const std::string& person, const std::string& account) {
    return account.empty() ? person : person + kAccount + account + ")";
}

std::string keyed_for(const std::string& signed_by, const std::string& reviewer) { return kKeyed + signed_by + kFor + reviewer; }

Signature signature_of(const std::string& actor) {
    const bool keyed = actor.rfind(kKeyed, 0) == 0;
    const std::string body = keyed ? actor.substr(kKeyed.size()) : actor;
    // From the right: a name may hold « (compte » itself, the signature is last.
    for (auto at = body.rfind(kAccount); at != std::string::npos;
         at = at == 0 ? std::string::npos : body.rfind(kAccount, at - 1)) {
        const auto close = body.find_first_of(" ()", at + kAccount.size());
        if (close == std::string::npos || body[close] != ')' || close == at + kAccount.size()) continue;
        const std::string tail = body.substr(close + 1);
        if (!tail.empty() && !(keyed && tail.rfind(kFor, 0) == 0)) continue;
        return {body.substr(0, at), body.substr(at + kAccount.size(), close - at - kAccount.size()),
                tail.empty() ? "" : tail.substr(kFor.size())};
    }
    return {body, "", ""};
}

std::string fields_text(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [k, v] : fields)
        out += (out.empty() ? "" : "; ") + k + "=" + v;
    return out;
}

std::optional<std::string> field_of(const std::string& text, const std::string& key) {
    const std::string mark = key + "=";
    std::size_t at = 0;
    if (text.rfind(mark, 0) != 0) {
        at = text.find("; " + mark);
        if (at == std::string::npos) return std::nullopt;
        at += 2;
    }
    const auto end = text.find("; ", at);
    return text.substr(at + mark.size(), end == std::string::npos ? std::string::npos : end - at - mark.size());
}

std::string person_text(const PersonLine& p) {
    return p.role + (p.deliberative ? "" : kConsultative) + kDash + p.organisation +
           (p.account.empty() ? "" : kAccountInLine + p.account);
}

PersonLine person_line_of(const std::string& text) {
    PersonLine p;
    const auto first = text.find(kDash);
    p.role = text.substr(0, first);
    if (const auto a = p.role.find(kConsultative); a != std::string::npos) {
        p.role.resize(a);
        p.deliberative = false;
    }
    std::string rest = first == std::string::npos ? "" : text.substr(first + kDash.size());
    // The account is last; the organisation is what stands between (it may
    // hold a dash itself, or be empty: « rôle —  — compte x »).
    if (const auto m = rest.rfind(kAccountInLine); m != std::string::npos) {
        p.account = rest.substr(m + kAccountInLine.size());
        rest.resize(m);
    }
    p.organisation = rest;
    return p;
}

}   // namespace cotation::journal_text
