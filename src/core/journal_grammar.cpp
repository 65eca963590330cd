#include "journal_grammar.h"

namespace cotation::journal_text {

namespace {
const std::string kDossier = "dossier/";
const std::string kConflict = "/conflit/";
const std::string kAccount = " (compte ";
const std::string kKeyed = "saisi par ";
const std::string kFor = " pour ";
const std::string kMotive = " ; motif : ";
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

std::string keyed_for(const std::string& signed_by, const std::string& reviewer) {
    return kKeyed + signed_by + kFor + reviewer;
}

std::string with_motive(const std::string& signed_by, const std::string& motive) {
    return motive.empty() ? signed_by : signed_by + kMotive + motive;
}

std::string with_note(const std::string& signed_by, const std::string& note) {
    return note.empty() ? signed_by : signed_by + kDash + note;
}

Signature signature_of(const std::string& actor) {
    const bool keyed = actor.rfind(kKeyed, 0) == 0;
    const std::string body = keyed ? actor.substr(kKeyed.size()) : actor;
    // From the left: a motive or a note that follows is free text.
    for (auto at = body.find(kAccount); at != std::string::npos; at = body.find(kAccount, at + 1)) {
        const auto close = body.find_first_of(" ()", at + kAccount.size());
        if (close == std::string::npos || body[close] != ')' || close == at + kAccount.size()) continue;
        Signature s{body.substr(0, at), body.substr(at + kAccount.size(), close - at - kAccount.size()), "", "", ""};
        const std::string tail = body.substr(close + 1);
        if (tail.empty()) return s;
        if (keyed && tail.rfind(kFor, 0) == 0) s.for_person = tail.substr(kFor.size());
        else if (tail.rfind(kMotive, 0) == 0) s.motive = tail.substr(kMotive.size());
        else if (tail.rfind(kDash, 0) == 0) s.note = tail.substr(kDash.size());
        else continue;
        return s;
    }
    // Unsigned (an older file, a server's entry): a motive still reads as one.
    if (const auto m = body.find(kMotive); m != std::string::npos)
        return {body.substr(0, m), "", "", body.substr(m + kMotive.size()), ""};
    return {body, "", "", "", ""};
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
