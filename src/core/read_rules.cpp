#include "read_rules.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "french.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include "ranking_reading.h"

namespace cotation {

DossierReading dossier_reading(const Team& team, const std::optional<std::string>& reader, std::int64_t dossier,
                               const Organisation& organisation) {
    if (team.open_mode()) return {};
    // A declared team and nobody said to be reading: nobody's ratings. Without
    // accounts a name given is a claim, but omitting it no longer reads all.
    if (!reader)
        return {false, "Aucun lecteur n'est désigné : les notes des évaluateurs ne sont lisibles qu'à une personne "
                       "déclarée (dites qui lit : --par NOM ou COTATION_UTILISATEUR)."};
    const Person* p = team.person(*reader);
    if (!p)
        return {false,
                "« " + *reader +
                    " » ne fait pas partie de l'équipe de cette campagne : les notes des évaluateurs ne lui sont pas lisibles."};
    if (team.in_conflict(p->name, organisation))
        return {false, "« " + *reader + " » a déclaré un lien avec " + team.link_text(p->name, organisation) +
                           " : les notes des autres évaluateurs de ce dossier ne lui sont pas lisibles."};
    if (!team.sees_others(p->name, dossier, organisation)) {
        // Not assigned: never to submit there, so never to read (trial 23 m4: « après avoir soumis les siennes »).
        auto a = team.assignments.find(dossier);
        if (a == team.assignments.end() || !a->second.count(p->name))
            return {false, "« " + *reader + " » n'est pas affecté(e) à ce dossier : un instructeur ne lit les notes des "
                                            "autres évaluateurs que des dossiers qui lui sont affectés, une fois les siennes "
                                            "soumises."};
        return {false, "Notation à l'aveugle : « " + *reader +
                           " » lit les notes des autres évaluateurs de ce dossier après avoir soumis les siennes."};
    }
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
    // Letters and digits of any script, lower-case, without their accents
    // (NFD, marks left out; œ, æ, ß spelt out); everything else (spaces,
    // punctuation of any kind: ’ « » – …) separates words, nothing more
    // (trial 15 N1: « EHPAD d’Aunis » was another organisation than « EHPAD
    // d'Aunis » and escaped a link). Look-alike letters read as the Latin one (trial 13H).
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(fr::name_key(name));
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
    const icu::UnicodeString d = U_SUCCESS(err) ? nfd->normalize(text, err) : text;
    std::string out;
    bool space = false;
    for (int32_t i = 0; i < d.length();) {
        UChar32 c = d.char32At(i);
        i += U16_LENGTH(c);
        const auto type = u_charType(c);
        if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK) continue;
        if (!u_isalnum(c)) {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        c = u_tolower(c);
        if (c == 0x153) out += "oe";
        else if (c == 0xE6) out += "ae";
        else if (c == 0xDF) out += "ss";
        else icu::UnicodeString(c).toUTF8String(out);
    }
    return out;
}

namespace {
std::string digits_of(const std::string& text) {
    std::string d;
    for (char c : text)
        if (std::isdigit(static_cast<unsigned char>(c))) d += c;
        else if (c != ' ' && c != '.' && c != '-' && static_cast<unsigned char>(c) != 0xC2 &&
                 static_cast<unsigned char>(c) != 0xA0)
            return "";   // letters: a name, not an identifier
    return d;
}
}  // namespace

namespace {
// The SIREN of a SIRET (its first 9 digits), empty when it is not one.
std::string siren_of(const std::string& siret) {
    std::string d = digits_of(siret);
    return d.size() == 14 ? d.substr(0, 9) : "";
}
// A FINESS number: 9 characters, the département's two (« 2A », « 2B » in
// Corsica) then 7 digits; spaces, dots and hyphens between them read as
// nothing (trial 15: a Corsican FINESS designated nothing, a link by it
// covered nothing). Upper-case, empty when it is not one.
std::string finess_of(const std::string& finess) {
    std::string d;
    for (char c : finess)
        if (std::isalnum(static_cast<unsigned char>(c))) d += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        else if (c != ' ' && c != '.' && c != '-' && static_cast<unsigned char>(c) != 0xC2 &&
                 static_cast<unsigned char>(c) != 0xA0)
            return "";
    if (d.size() != 9 || !std::all_of(d.begin() + 2, d.end(), [](char c) { return c >= '0' && c <= '9'; })) return "";
    const bool corsica = d[0] == '2' && (d[1] == 'A' || d[1] == 'B');
    return corsica || (std::isdigit(static_cast<unsigned char>(d[0])) && std::isdigit(static_cast<unsigned char>(d[1]))) ? d
                                                                                                                          : "";
}

// An identifier typed with its label, as copied from a form or a Kbis
// (« SIREN 271922056 », « N° SIRET : 271 922 056 00012 », « finess: 170074850 »):
// the identifier alone (trial 22 M2: taken as a name, the link covered
// nothing), and the kind its label says (« finess », « siren » for a SIREN or
// a SIRET; trial 23 m1: a FINESS was stored as a SIREN too). Any other text
// as it is, with no kind.
struct TypedIdentifier {
    std::string text, kind;
};
TypedIdentifier identifier_text(const std::string& declared) {
    std::string t = fr::trim(declared), kind;
    bool labelled = false;
    for (bool more = true; more;) {
        more = false;
        const std::string lower = fr::lower_ascii(t.substr(0, 8));
        for (const char* label : {"numéro", "numero", "n°", "no ", "no.", "siren", "siret", "finess", ":"}) {
            const std::string l = fr::lower_ascii(label);
            if (lower.rfind(l, 0) == 0) {
                t = fr::trim(t.substr(l.size()));
                labelled = more = true;
                if (l == "finess") kind = "finess";
                else if (l == "siren" || l == "siret") kind = "siren";
                break;
            }
        }
    }
    if (labelled && (!digits_of(t).empty() || !finess_of(t).empty())) return {t, kind};
    return {fr::trim(declared), ""};
}

// The dossiers `declared` designates, in file order.
std::vector<const Dossier*> designated(const std::vector<Dossier>& dossiers, const std::string& declared_text) {
    std::vector<const Dossier*> out;
    const TypedIdentifier typed = identifier_text(declared_text);
    const std::string& declared = typed.text;
    std::string digits = typed.kind == "finess" ? std::string() : digits_of(declared);
    const std::string finess = typed.kind == "siren" ? std::string() : finess_of(declared);   // a Corsican one holds a letter
    if (digits.size() == 9 || digits.size() == 14 || !finess.empty()) {
        for (const auto& d : dossiers) {
            std::string siret = digits_of(d.siret);
            if ((digits.size() == 14 && siret == digits) ||
                (digits.size() == 9 && siret.size() == 14 && siret.compare(0, 9, digits) == 0) ||
                (!finess.empty() && finess_of(d.finess) == finess))
                out.push_back(&d);
        }
        return out;
    }
    std::string key = organisation_key(declared);
    if (key.empty()) return out;
    for (const auto& d : dossiers)
        if (organisation_key(d.organisme) == key) out.push_back(&d);
    return out;
}
}  // namespace

std::optional<std::string> designated_organisme(const std::vector<Dossier>& dossiers, const std::string& declared) {
    auto ds = designated(dossiers, declared);
    if (ds.empty()) return std::nullopt;
    return ds.front()->organisme;
}

std::optional<DeclaredAlone> declared_alone(const std::string& declared) {
    const std::string typed = fr::trim(declared);
    const TypedIdentifier identifier = identifier_text(declared);
    const std::string digits = digits_of(identifier.text), finess = finess_of(identifier.text);
    // Nine digits are a SIREN or a FINESS (designated() reads both) unless the label says which; fourteen, a SIRET.
    if (identifier.kind != "finess" && digits.size() == 14) return DeclaredAlone{typed, "siren:" + digits.substr(0, 9)};
    if (identifier.kind == "siren" && digits.size() == 9) return DeclaredAlone{typed, "siren:" + digits};
    if (identifier.kind == "finess" && !finess.empty()) return DeclaredAlone{typed, "finess:" + finess};
    if (identifier.kind.empty() && digits.size() == 9) return DeclaredAlone{typed, "siren:" + digits + " finess:" + digits};
    if (identifier.kind.empty() && !finess.empty()) return DeclaredAlone{typed, "finess:" + finess};
    if (organisation_key(typed).empty()) return std::nullopt;
    return DeclaredAlone{typed, ""};
}

std::string declared_identifiers(const std::vector<Dossier>& dossiers, const std::string& declared) {
    std::set<std::string> ids;
    for (const Dossier* d : designated(dossiers, declared)) {
        if (auto s = siren_of(d->siret); !s.empty()) ids.insert("siren:" + s);
        if (auto f = finess_of(d->finess); !f.empty()) ids.insert("finess:" + f);
    }
    std::string out;
    for (const auto& i : ids) out += (out.empty() ? "" : " ") + i;
    return out;
}

std::vector<std::string> covered_references(const ConflictDeclaration& c, const std::vector<Dossier>& dossiers) {
    std::vector<std::string> out;
    for (const auto& d : dossiers)
        if (declaration_covers(c, identity_of(d))) out.push_back(d.reference);
    return out;
}

bool declaration_covers(const ConflictDeclaration& c, const Organisation& o) {
    if (c.organisme == o.name || organisation_key(c.organisme) == organisation_key(o.name)) return true;
    if (c.identifiers.empty()) return false;
    // Whole tokens of the stored list: « siren:419514906 finess:… ».
    auto has = [&](const std::string& token) {
        std::size_t at = 0;
        while ((at = c.identifiers.find(token, at)) != std::string::npos) {
            std::size_t end = at + token.size();
            if ((at == 0 || c.identifiers[at - 1] == ' ') && (end == c.identifiers.size() || c.identifiers[end] == ' '))
                return true;
            at = end;
        }
        return false;
    };
    std::string siren = siren_of(o.siret), finess = finess_of(o.finess);
    return (!siren.empty() && has("siren:" + siren)) || (!finess.empty() && has("finess:" + finess));
}

}  // namespace cotation
