#include "read_rules.h"

#include <cctype>

#include "french.h"
#include "ranking_reading.h"

namespace cotation {

DossierReading dossier_reading(const Team& team, const std::optional<std::string>& reader, std::int64_t dossier,
                               const std::string& organisme) {
    if (team.open_mode()) return {};
    // A declared team and nobody said to be reading: nobody's ratings. Without
    // accounts a name given is a claim, but omitting it no longer reads all.
    if (!reader)
        return {false, "Personne n'est désigné(e) comme lecteur : les notes des évaluateurs ne sont lisibles qu'à une personne "
                       "déclarée (dites qui lit : --par NOM ou COTATION_UTILISATEUR)."};
    const Person* p = team.person(*reader);
    if (!p) return {false, "« " + *reader + " » n'est pas déclaré(e) dans cette campagne : les notes des évaluateurs ne lui sont pas lisibles."};
    if (team.in_conflict(p->name, organisme))
        return {false, "« " + *reader + " » a déclaré un lien avec « " + organisme +
                           " » : les notes des autres évaluateurs de ce dossier ne lui sont pas lisibles."};
    if (!team.sees_others(p->name, dossier, organisme))
        return {false, "Notation à l'aveugle : « " + *reader +
                           " » lit les notes des autres évaluateurs de ce dossier après avoir soumis les siennes."};
    return {};
}

std::vector<const Rating*> readable_ratings(const DossierReading& r, const std::optional<std::string>& reader,
                                            const std::vector<const Rating*>& ratings) {
    if (r.others) return ratings;
    std::vector<const Rating*> out;
    for (const Rating* x : ratings)
        if (reader && x->reviewer == *reader) out.push_back(x);
    return out;
}

RankingReading ranking_reading(const std::vector<bool>& readable) {
    RankingReading out;
    for (std::size_t i = 0; i < readable.size(); ++i) (readable[i] ? out.shown : out.hidden).push_back(i);
    out.places = out.hidden.empty();
    return out;
}

bool journal_entity_readable(const DossierReading& r, const std::optional<std::string>& reader, const std::string& rest) {
    if (r.others) return true;
    if (rest.rfind("note/", 0) == 0) return reader && rest.compare(5, reader->size() + 1, *reader + "/") == 0;
    return rest.rfind("consolidation/", 0) != 0;
}

std::string organisation_key(const std::string& name) {
    std::string out;
    bool space = false;
    for (char c : fr::folded(name)) {
        unsigned char u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || u >= 0x80) {
            if (space && !out.empty()) out += ' ';
            space = false;
            out += c;
        } else {
            space = true;   // spaces and punctuation separate words, nothing more
        }
    }
    return out;
}

namespace {
std::string digits_of(const std::string& text) {
    std::string d;
    for (char c : text)
        if (std::isdigit(static_cast<unsigned char>(c))) d += c;
        else if (c != ' ' && c != '.' && c != '-' && static_cast<unsigned char>(c) != 0xC2 && static_cast<unsigned char>(c) != 0xA0)
            return "";   // letters: a name, not an identifier
    return d;
}
}  // namespace

std::optional<std::string> designated_organisme(const std::vector<Dossier>& dossiers, const std::string& declared) {
    std::string digits = digits_of(fr::trim(declared));
    if (digits.size() == 9 || digits.size() == 14) {
        for (const auto& d : dossiers) {
            std::string siret = digits_of(d.siret), finess = digits_of(d.finess);
            if ((digits.size() == 14 && siret == digits) || (digits.size() == 9 && siret.size() == 14 && siret.compare(0, 9, digits) == 0) ||
                (digits.size() == 9 && finess == digits))
                return d.organisme;
        }
        return std::nullopt;
    }
    std::string key = organisation_key(declared);
    if (key.empty()) return std::nullopt;
    for (const auto& d : dossiers)
        if (organisation_key(d.organisme) == key) return d.organisme;
    return std::nullopt;
}

}  // namespace cotation
