#include "campaign_dates.h"
#include "pieces_dates.h"

namespace cotation {

CampaignCalendar campaign_calendar(const CampaignParameters& p, std::optional<Date> meeting) {
    CampaignCalendar c;
    c.opening = p.date(param::kPublicationDate);
    c.deadline = p.deadline();
    c.committee = meeting ? meeting : p.committee_date();
    c.letters = p.letters_date();
    return c;
}

namespace {
struct Named {
    const char* label;   // « la date limite de dépôt »
    const char* param;   // the parameter to correct, or "" (the meeting)
    std::optional<Date> day;
    std::string text() const {
        return std::string(label) + " (" + day->french_numeric() + (*param ? std::string(", ") + param : "") + ")";
    }
};
std::string out_of_order(const Named& before, const Named& after) {
    return "Calendrier incohérent : " + after.text() + " précède " + before.text() + " ; corrigez l'une des deux dates.";
}
}  // namespace

std::vector<std::string> calendar_problems(const CampaignCalendar& c) {
    const std::vector<Named> order{{"la date de publication de l'avis", param::kPublicationDate, c.opening},
                                   {"la date limite de dépôt", param::kDeadline, c.deadline},
                                   {"la date de la commission", "", c.committee},
                                   {"la date des courriers", param::kLettersDate, c.letters}};
    std::vector<std::string> out;
    // Each set date against the latest set date before it: one message per
    // date out of order, not one per pair.
    for (std::size_t k = 1; k < order.size(); ++k) {
        if (!order[k].day) continue;
        for (std::size_t j = k; j-- > 0;)
            if (order[j].day) {
                if (*order[k].day < *order[j].day) out.push_back(out_of_order(order[j], order[k]));
                break;
            }
    }
    return out;
}

std::string meeting_date_problem(const CampaignCalendar& c, const Date& day) {
    if (c.deadline && day < *c.deadline)
        return "Séance du " + day.french_numeric() + " : elle précède la date limite de dépôt des dossiers (" +
               c.deadline->french_numeric() + ") ; la commission se réunit une fois les dossiers reçus.";
    if (c.opening && day < *c.opening)
        return "Séance du " + day.french_numeric() + " : elle précède la publication de l'avis (" + c.opening->french_numeric() +
               ").";
    return "";
}

std::string meeting_after_decisions_problem(const Date& day, std::optional<Date> first_decision) {
    if (!first_decision || day <= *first_decision) return "";
    return "Séance du " + day.french_numeric() + " : une décision est déjà enregistrée le " + first_decision->french_numeric() +
           " ; l'autorité décide après l'avis de la commission. Indiquez la date réelle de la séance, ou redatez les décisions "
           "(cotation decide) après elle.";
}

std::string meeting_planned_notice(std::optional<Date> planned, const Date& meeting) {
    if (!planned || *planned == meeting) return "";
    return "La séance du " + meeting.french_numeric() + " n'est pas à la date prévue (campagne.date_commission = " +
           planned->french_numeric() + ") : le calendrier, le visa des arrêtés et les documents prennent la date de la séance.";
}

std::string order_visa_warning(bool has_committee, bool meeting_recorded) {
    if (!has_committee || meeting_recorded) return "";
    return "Aucune séance de la commission n'est enregistrée : les arrêtés ne visent pas son avis (à relire avant signature ; "
           "enregistrez la séance avec cotation seance).";
}

std::string decision_date_problem(const CampaignCalendar& c, const Date& day) {
    if (c.committee && day < *c.committee)
        return "Décision datée du " + day.french_numeric() + " : elle précède la commission (" + c.committee->french_numeric() +
               ") ; l'autorité décide après l'avis de la commission.";
    if (c.deadline && day < *c.deadline)
        return "Décision datée du " + day.french_numeric() + " : elle précède la date limite de dépôt des dossiers (" +
               c.deadline->french_numeric() + ").";
    return "";
}

std::string done_after_today_problem(const std::string& what, const Date& day, const Date& today) {
    if (!(today < day)) return "";
    return what + " datée du " + day.french_numeric() + " : c'est après aujourd'hui (" + today.french_numeric() +
           ") ; on enregistre ce qui est fait, à la date où il l'a été.";
}

std::string pieces_request_date_problem(const CampaignCalendar& c, const Date& day, std::optional<Date> previous) {
    if (c.committee && day > *c.committee)
        return "Demande de pièces datée du " + day.french_numeric() + " : elle suit la commission (" +
               c.committee->french_numeric() +
               "), qui examine des dossiers complets ; indiquez la date de la demande (--date JJ/MM/AAAA).";
    if (previous && day < *previous)
        return "Demande de pièces datée du " + day.french_numeric() + " : une demande a déjà été faite le " +
               previous->french_numeric() + " ; une demande ne remplace pas une demande plus récente.";
    return "";
}

ReceiptPosition receipt_position(const CampaignCalendar& c, const Date& received) {
    if (c.opening && received < *c.opening) return ReceiptPosition::BeforeOpening;
    if (c.deadline && received > *c.deadline) return ReceiptPosition::Late;
    return ReceiptPosition::InWindow;
}

std::string receipt_problem(const CampaignCalendar& c, const Date& received) {
    if (receipt_position(c, received) != ReceiptPosition::BeforeOpening) return "";
    return "date de dépôt " + received.french_numeric() + " antérieure à la publication de l'avis (" +
           c.opening->french_numeric() + ") : un dossier ne peut être reçu avant l'ouverture de l'appel (date mal saisie ?)";
}

}  // namespace cotation
