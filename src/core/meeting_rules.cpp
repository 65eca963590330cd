#include "meeting_rules.h"

#include "enums.h"
#include "french.h"
#include "people.h"

namespace cotation {

std::string vote_change_after_decisions_refusal(const std::optional<Meeting>& recorded, const Meeting& next,
                                                std::optional<Date> first_decision) {
    if (!first_decision || !recorded) return "";
    const bool votes = recorded->votes != next.votes, attendance = recorded->attendance != next.attendance;
    // Its date and who presided too: the minutes would contradict the
    // decisions that cite them (trial 13I M1).
    const bool held = recorded->date != next.date || recorded->president != next.president;
    if (!votes && !attendance && !held) return "";
    return std::string("Séance du ") + recorded->date.french_numeric() + " : " +
           (votes ? "son vote ne peut plus changer"
            : attendance ? "ses présences ne peuvent plus changer"
                         : "sa date et sa présidence ne peuvent plus changer") +
           ", une décision ayant déjà été prise après elle (le " + first_decision->french_numeric() +
           ") sur l'avis qu'elle a rendu. Rien n'a été enregistré. Une observation peut encore être ajoutée "
           "(--observation NOM=TEXTE).";
}

std::string allocation_change_after_vote_refusal(const std::optional<Meeting>& recorded, const std::string& reason) {
    if (!recorded || recorded->votes.empty() || fr::given(reason)) return "";
    return "La commission a voté le " + recorded->date.french_numeric() +
           " sur la répartition qui lui était soumise : la changer après la séance demande un motif (--motif), que le "
           "procès-verbal et le dossier de la commission citent sous « Modifié après la séance ». Rien n'a été enregistré.";
}

std::string territory_change_after_vote_refusal(const std::optional<Meeting>& recorded, const std::string& reason,
                                                const std::string& what) {
    if (!recorded || recorded->votes.empty() || fr::given(reason)) return "";
    return "La commission a voté le " + recorded->date.french_numeric() + " sur des chiffres de couverture calculés avec " +
           what +
           " d'alors : un remplacement après la séance demande un motif (--motif), journalisé et cité avec la provenance des "
           "données. Rien n'a été enregistré.";
}

std::string complete_meeting(const Team& team, Meeting& m) {
    auto member = [&](const std::string& name) {
        const Person* p = team.person(name);
        return p && p->role == Role::CommitteeMember;
    };
    // A member represented without a holder of the mandate: the first thing
    // the meeting form (and --represente NOM=) is told, before the president.
    for (const auto& [name, a] : m.attendance)
        if (a.presence == Presence::Represented && !fr::given(a.proxy))
            return "« " + name + " » se fait représenter : choisissez le membre qui détient son mandat.";
    if (!fr::given(m.president)) return "Désignez le président ou la présidente de séance (--president NOM).";
    if (!member(m.president) || !team.person(m.president)->deliberative)
        return "Le président de séance « " + m.president + " » doit être membre de la commission avec voix délibérative.";
    for (const auto& [name, a] : m.attendance) {
        if (!member(name)) return "« " + name + " » n'est pas membre de la commission.";
        if (a.presence == Presence::Represented && !member(a.proxy))
            return "Mandat de « " + name + " » : « " + a.proxy + " » n'est pas membre de la commission.";
    }
    if (auto p = m.attendance.find(m.president); p != m.attendance.end() && p->second.presence != Presence::Present)
        return "Le président de séance « " + m.president + " » doit être présent.";
    for (const auto& [name, v] : m.votes)
        if (!member(name)) return "Vote de « " + name + " » : ce n'est pas un membre de la commission.";
    for (const auto& [name, text] : m.observations)
        if (!member(name)) return "Observation de « " + name + " » : ce n'est pas un membre de la commission.";
    for (auto& [name, text] : m.observations) {
        text = fr::trim(text);
        // Printed in the minutes as typed: the bounds of every typed text (trial 13c F7).
        if (auto why = text_refusal(text, "L'observation de « " + name + " »"); !why.empty()) return why;
    }
    m.attendance[m.president].presence = Presence::Present;
    return "";
}

std::optional<Civility> civility_from_text(const std::string& text) { return enum_from_text<Civility>(fr::trim(text)); }

std::string president_quality(const Meeting& m, const Authority& a) {
    if (m.president_civility == Civility::Madame) return "présidente de séance";
    if (m.president_civility == Civility::Monsieur) return "président de séance";
    if (!m.president.empty() && fr::trim(a.signatory) == fr::trim(m.president)) {
        const std::string& t = a.signatory_title;
        if (t.find("Présidente") != std::string::npos || t.find("présidente") != std::string::npos) return "présidente de séance";
        if (t.find("Président") != std::string::npos || t.find("président") != std::string::npos) return "président de séance";
    }
    return "à la présidence de la séance";
}

std::string of_president(const Meeting& m) {
    if (m.president_civility == Civility::Madame) return "de la présidente";
    if (m.president_civility == Civility::Monsieur) return "du président";
    return "de la présidence de séance";
}

std::string civility_missing_notice(const Meeting& m) {
    if (m.president_civility) return "";
    return "Civilité de « " + m.president + " », président ou présidente de séance, non donnée : le procès-verbal dit « " +
           m.president + ", à la présidence de la séance ». Pour « présidente » ou « président », enregistrez de nouveau la "
           "séance avec sa civilité (--civilite Mme ou M.).";
}

}  // namespace cotation
