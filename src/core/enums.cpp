#include "enums.h"

#include <array>

#include "french.h"

namespace cotation {

namespace enum_detail {
std::string key(std::string_view text) {
    std::string out;
    for (char c : fr::folded(text))
        if (c != ' ' && c != '-' && c != '_') out += c;
    return out;
}
}  // namespace enum_detail

namespace {
// The role is stored « coordinateur » since the first campaigns; the texts
// (and every message) say « coordonnateur ».
constexpr std::array<EnumRow<Role>, 3> kRoles{{
    {Role::Coordinator, "coordinateur", "coordonnateur", "coordonnatrice|coordinatrice"},
    {Role::Instructor, "instructeur", "instructeur", "instructrice"},
    {Role::CommitteeMember, "membre de commission", "membre de commission", "commission|membre"},
}};
constexpr std::array<EnumRow<DecisionKind>, 4> kDecisions{{
    {DecisionKind::Retained, "retenu", "retenu", ""},
    {DecisionKind::NotRetained, "non retenu", "non retenu", ""},
    {DecisionKind::Complementary, "liste complémentaire", "liste complémentaire", ""},
    {DecisionKind::Ineligible, "irrecevable", "irrecevable", ""},
}};
constexpr std::array<EnumRow<Vote>, 3> kVotes{{
    {Vote::For, "pour", "pour", ""},
    {Vote::Against, "contre", "contre", ""},
    {Vote::Abstain, "abstention", "abstention", "abstient"},
}};
constexpr std::array<EnumRow<Opinion>, 3> kOpinions{{
    {Opinion::Favourable, "favorable", "favorable", ""},
    {Opinion::Unfavourable, "défavorable", "défavorable", ""},
    {Opinion::Reserved, "réservé", "réservé", "reserve(e)|réservée"},
}};
// The code is what the procedure files name (<ground code="hors-delai">); the
// numbers are the 1°, 2°, 3° of art. R. 313-6.
constexpr std::array<EnumRow<RejectionGround>, 3> kGrounds{{
    {RejectionGround::Late, "hors-delai", "déposé après la date limite de dépôt", "1|1°|tardif"},
    {RejectionGround::Irregular, "irregulier", "dossier incomplet ou irrégulier", "2|2°|irregularite"},
    {RejectionGround::OffTopic, "hors-sujet", "étranger à l'objet de l'appel", "3|3°|etranger"},
}};
constexpr std::array<EnumRow<Presence>, 3> kPresences{{
    {Presence::Present, "présent", "présent(e)", "presente"},
    {Presence::Absent, "absent", "absent(e)", "absente"},
    {Presence::Represented, "représenté", "représenté(e)", "representee"},
}};
constexpr std::array<EnumRow<AuthorityKind>, 3> kAuthorities{{
    {AuthorityKind::Ars, "ars", "ARS", "agence régionale de santé"},
    {AuthorityKind::Departement, "departement", "Département", "conseil départemental"},
    {AuthorityKind::Other, "autre", "autre autorité", ""},
}};
}  // namespace

template <> std::span<const EnumRow<Role>> enum_rows<Role>() { return kRoles; }
template <> std::span<const EnumRow<DecisionKind>> enum_rows<DecisionKind>() { return kDecisions; }
template <> std::span<const EnumRow<Vote>> enum_rows<Vote>() { return kVotes; }
template <> std::span<const EnumRow<Opinion>> enum_rows<Opinion>() { return kOpinions; }
template <> std::span<const EnumRow<RejectionGround>> enum_rows<RejectionGround>() { return kGrounds; }
template <> std::span<const EnumRow<Presence>> enum_rows<Presence>() { return kPresences; }
template <> std::span<const EnumRow<AuthorityKind>> enum_rows<AuthorityKind>() { return kAuthorities; }

}  // namespace cotation
