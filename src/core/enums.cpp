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
// Stored as the documents abbreviate them (review 12D N3: the window mapped
// its list by position to literals of its own).
constexpr std::array<EnumRow<Civility>, 2> kCivilities{{
    {Civility::Madame, "Mme", "Mme", "Madame"},
    {Civility::Monsieur, "M.", "M.", "M|Monsieur"},
}};
constexpr std::array<EnumRow<Presence>, 3> kPresences{{
    // Labels of a table column (« Présence »), in the administration's generic
    // masculine, never « (e) » (trial 13H); the feminine forms are accepted.
    {Presence::Present, "présent", "présent", "présente|presente|présent(e)"},
    {Presence::Absent, "absent", "absent", "absente|absent(e)"},
    {Presence::Represented, "représenté", "représenté", "représentée|representee|représenté(e)"},
}};
constexpr std::array<EnumRow<AuthorityKind>, 3> kAuthorities{{
    {AuthorityKind::Ars, "ars", "ARS", "agence régionale de santé"},
    {AuthorityKind::Departement, "departement", "Département", "conseil départemental"},
    {AuthorityKind::Other, "autre", "autre autorité", ""},
}};
// Not stored (computed from the ratings): the code is the label.
constexpr std::array<EnumRow<Proposal>, 5> kProposals{{
    {Proposal::Retained, "proposé", "proposé", "propose|retenu"},
    {Proposal::NotRetained, "non retenu", "non retenu", ""},
    {Proposal::Ineligible, "irrecevable", "irrecevable", ""},
    {Proposal::Pending, "en attente d'arbitrage", "en attente d'arbitrage", "en attente"},
    {Proposal::Unrated, "non noté", "non noté", "en attente de notes"},
}};
// Computed from the pieces received and the requests (never stored).
constexpr std::array<EnumRow<PiecesState>, 6> kPiecesStates{{
    {PiecesState::Complete, "complet", "complet", ""},
    {PiecesState::Askable, "a-demander", "pièces à demander", ""},
    {PiecesState::NotAskable, "incomplet", "incomplet", ""},
    {PiecesState::Requested, "demandees", "pièces demandées", ""},
    {PiecesState::Received, "recues", "pièces reçues", ""},
    {PiecesState::Expired, "expire", "délai des pièces expiré", ""},
}};
// The code is what grid files write (<parameter role="capacite">); None writes nothing.
constexpr std::array<EnumRow<ParameterRole>, 5> kParameterRoles{{
    {ParameterRole::None, "", "aucun", ""},
    {ParameterRole::Capacity, "capacite", "capacité (places)", ""},
    {ParameterRole::CapacityDossiers, "capacite-dossiers", "capacité (dossiers)", ""},
    {ParameterRole::Unit, "unite", "unité d'attribution", ""},
    {ParameterRole::Cap, "plafond", "plafond par unité ou par place", ""},
}};
constexpr std::array<EnumRow<StepState>, 5> kStepStates{{
    {StepState::Done, "fait", "fait", ""},
    {StepState::Upcoming, "a-venir", "à venir", ""},
    {StepState::Soon, "proche", "proche", ""},
    {StepState::Overdue, "en-retard", "en retard", ""},
    {StepState::Undated, "a-dater", "à dater", ""},
}};
constexpr std::array<EnumRow<Outcome>, 4> kOutcomes{{
    {Outcome::Passed, "conforme", "conforme", ""},
    {Outcome::Failed, "non-conforme", "non conforme", ""},
    {Outcome::Undecidable, "non-decidable", "non décidable", ""},
    {Outcome::NotApplicable, "sans-objet", "sans objet", ""},
}};
// The code is what grid files write (<fact type="oui-non">) and what messages show.
constexpr std::array<EnumRow<FactType>, 8> kFactTypes{{
    {FactType::Number, "nombre", "nombre", ""},
    {FactType::Amount, "montant", "montant", ""},
    {FactType::Date, "date", "date", ""},
    {FactType::Bool, "oui-non", "oui-non", ""},
    {FactType::Text, "texte", "texte", ""},
    {FactType::Code, "code", "code", ""},
    {FactType::CodeList, "codes", "codes", ""},
    {FactType::Territory, "territoire", "territoire", ""},
}};
// The rule language's types, as its error messages name them.
constexpr std::array<EnumRow<ExprType>, 5> kExprTypes{{
    {ExprType::Number, "nombre", "nombre", ""},
    {ExprType::Date, "date", "date", ""},
    {ExprType::Bool, "vrai/faux", "vrai/faux", ""},
    {ExprType::Text, "texte", "texte", ""},
    {ExprType::List, "liste", "liste", ""},
}};
// The code is what grid files write (<rule effect="vigilance">).
constexpr std::array<EnumRow<RuleEffect>, 2> kRuleEffects{{
    {RuleEffect::Eliminating, "eliminatoire", "éliminatoire", ""},
    {RuleEffect::Attention, "vigilance", "point de vigilance", ""},
}};
// The code is what a call's territorial rules file writes (« zone = epci »).
constexpr std::array<EnumRow<allocation::ZoneKind>, 4> kZoneKinds{{
    {allocation::ZoneKind::Epci, "epci", "EPCI", ""},
    {allocation::ZoneKind::Departement, "departement", "département", ""},
    {allocation::ZoneKind::Groups, "groupes", "groupe de communes", ""},
    {allocation::ZoneKind::None, "aucune", "aucune", ""},
}};
// Why the allocation passes over a dossier (never stored: documents and views).
constexpr std::array<EnumRow<allocation::Constraint>, 8> kConstraints{{
    {allocation::Constraint::None, "aucune", "", ""},
    {allocation::Constraint::MinScore, "score-minimal", "score minimal", ""},
    {allocation::Constraint::Capacity, "capacite", "capacité", ""},
    {allocation::Constraint::Envelope, "enveloppe", "enveloppe", ""},
    {allocation::Constraint::ZoneQuota, "equilibre-territorial", "équilibre territorial", ""},
    {allocation::Constraint::DistanceChosen, "distance-retenus", "distance entre sites retenus", ""},
    {allocation::Constraint::DistanceExisting, "distance-existant", "distance à l'offre existante", ""},
    {allocation::Constraint::Unlocated, "non-localise", "site non localisé", ""},
}};
// The code is stored with a recorded allocation (campaign files, journal).
constexpr std::array<EnumRow<allocation::Followed>, 2> kFollowed{{
    {allocation::Followed::Ranking, "classement", "ordre du classement sous les règles de répartition", ""},
    {allocation::Followed::Variant, "variante", "variante du coordonnateur", ""},
}};
// How a step of a procedure file is known to be done (attribute « done »)
// and when it applies (« when »): the codes are the files' own words.
constexpr std::array<EnumRow<StepDone>, 4> kStepDone{{
    {StepDone::DateReached, "date", "faite à sa date", ""},
    {StepDone::Recorded, "declaree", "faite quand l'autorité la déclare", ""},
    {StepDone::Meeting, "seance", "faite quand la séance de la commission est enregistrée", ""},
    {StepDone::Decisions, "decisions", "faite quand chaque dossier a sa décision", ""},
}};
constexpr std::array<EnumRow<StepCondition>, 3> kStepConditions{{
    {StepCondition::Always, "toujours", "toujours", ""},
    {StepCondition::PriorRejections, "refus-prealables", "quand des dossiers sont écartés avant l'évaluation", ""},
    {StepCondition::Committee, "commission", "quand l'appel réunit une commission", ""},
}};
}  // namespace

template <> std::span<const EnumRow<Role>> enum_rows<Role>() { return kRoles; }
template <> std::span<const EnumRow<DecisionKind>> enum_rows<DecisionKind>() { return kDecisions; }
template <> std::span<const EnumRow<Vote>> enum_rows<Vote>() { return kVotes; }
template <> std::span<const EnumRow<Opinion>> enum_rows<Opinion>() { return kOpinions; }
template <> std::span<const EnumRow<RejectionGround>> enum_rows<RejectionGround>() { return kGrounds; }
template <> std::span<const EnumRow<Presence>> enum_rows<Presence>() { return kPresences; }
template <> std::span<const EnumRow<Civility>> enum_rows<Civility>() { return kCivilities; }
template <> std::span<const EnumRow<AuthorityKind>> enum_rows<AuthorityKind>() { return kAuthorities; }
template <> std::span<const EnumRow<Proposal>> enum_rows<Proposal>() { return kProposals; }
template <> std::span<const EnumRow<PiecesState>> enum_rows<PiecesState>() { return kPiecesStates; }
template <> std::span<const EnumRow<ParameterRole>> enum_rows<ParameterRole>() { return kParameterRoles; }
template <> std::span<const EnumRow<StepState>> enum_rows<StepState>() { return kStepStates; }
template <> std::span<const EnumRow<Outcome>> enum_rows<Outcome>() { return kOutcomes; }
template <> std::span<const EnumRow<FactType>> enum_rows<FactType>() { return kFactTypes; }
template <> std::span<const EnumRow<ExprType>> enum_rows<ExprType>() { return kExprTypes; }
template <> std::span<const EnumRow<RuleEffect>> enum_rows<RuleEffect>() { return kRuleEffects; }
template <> std::span<const EnumRow<allocation::ZoneKind>> enum_rows<allocation::ZoneKind>() { return kZoneKinds; }
template <> std::span<const EnumRow<allocation::Constraint>> enum_rows<allocation::Constraint>() { return kConstraints; }
template <> std::span<const EnumRow<allocation::Followed>> enum_rows<allocation::Followed>() { return kFollowed; }
template <> std::span<const EnumRow<StepDone>> enum_rows<StepDone>() { return kStepDone; }
template <> std::span<const EnumRow<StepCondition>> enum_rows<StepCondition>() { return kStepConditions; }

}  // namespace cotation
