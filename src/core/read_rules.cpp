#include "read_rules.h"

#include <cctype>

#include "french.h"

namespace cotation {

DossierReading dossier_reading(const Team& team, const std::optional<std::string>& reader, std::int64_t dossier,
                               const std::string& organisme) {
    if (!reader || team.open_mode()) return {};
    const Person* p = team.person(*reader);
    if (!p) return {false, "« " + *reader + " » n'est pas déclaré(e) dans cette campagne : les notes des évaluateurs ne lui sont pas lisibles."};
    if (team.in_conflict(*reader, organisme))
        return {false, "« " + *reader + " » a déclaré un lien avec « " + organisme +
                           " » : les notes des autres évaluateurs de ce dossier ne lui sont pas lisibles."};
    if (!team.sees_others(*reader, dossier, organisme))
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
