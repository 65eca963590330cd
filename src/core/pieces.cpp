#include "pieces.h"
#include "enums.h"

#include "eligibility.h"
#include "french.h"

namespace cotation {

int pieces_delay_days(const Campaign& campaign) {
    auto it = campaign.parameters.find("campagne.delai_pieces");
    if (it != campaign.parameters.end())
        if (const auto* r = std::get_if<Rational>(&it->second); r && r->is_integer() && r->num() >= 1 && r->num() <= 366)
            return static_cast<int>(r->num());
    return default_pieces_delay_days;
}

const char* pieces_state_label(PiecesState s) { return enum_label(s); }

namespace {
std::string labels(const std::vector<const DocumentDef*>& docs) {
    std::vector<std::string> out;
    for (const auto* d : docs) out.push_back("« " + d->label + " »");
    std::string s;
    for (std::size_t i = 0; i < out.size(); ++i) s += (i == 0 ? "" : i + 1 == out.size() ? " et " : ", ") + out[i];
    return s;
}
}  // namespace

PiecesStatus pieces_status(const Grid& grid, const Dossier& dossier, std::optional<Date> requested, int delay_days,
                           const Date& today) {
    PiecesStatus st;
    bool incomplete = false;
    for (const auto& doc : grid.documents) {
        if (dossier.documents.count(doc.id)) continue;
        if (doc.askable) st.to_ask.push_back(&doc);
        if (!doc.eliminating) continue;
        incomplete = true;
        if (!doc.askable) st.not_askable.push_back(&doc);
    }
    if (requested) {
        st.requested = requested;
        st.due = requested->plus_days(delay_days);
        st.days_left = st.due->days_since_epoch() - today.days_since_epoch();
    }
    if (!incomplete) st.state = requested ? PiecesState::Received : PiecesState::Complete;
    else if (!st.not_askable.empty()) st.state = PiecesState::NotAskable;
    else if (!requested) st.state = PiecesState::Askable;
    else st.state = st.days_left >= 0 ? PiecesState::Requested : PiecesState::Expired;
    return st;
}

std::string PiecesStatus::summary() const {
    switch (state) {
        case PiecesState::Complete: return "Dossier complet.";
        case PiecesState::Askable:
            return "Dossier incomplet : " + labels(to_ask) + (to_ask.size() > 1 ? " peuvent" : " peut") +
                   " être demandé" + (to_ask.size() > 1 ? "es" : "e") + " au candidat (demande de pièces complémentaires).";
        case PiecesState::NotAskable:
            return "Dossier incomplet : " + labels(not_askable) + (not_askable.size() > 1 ? " ne peuvent" : " ne peut") +
                   " pas être demandé" + (not_askable.size() > 1 ? "es" : "e") +
                   " après le dépôt (pièce du projet) ; le dossier est irrecevable.";
        case PiecesState::Requested:
            return "Pièces demandées le " + requested->french_numeric() + " : " + labels(to_ask) + " ; réponse attendue au plus tard le " +
                   due->french_numeric() + ". Pas de lettre d'irrecevabilité avant cette date.";
        case PiecesState::Received:
            return "Pièces demandées le " + requested->french_numeric() + " reçues : dossier complet.";
        case PiecesState::Expired:
            return "Pièces demandées le " + requested->french_numeric() + " non reçues au " + due->french_numeric() +
                   " : le dossier reste incomplet, donc irrecevable ; la lettre d'irrecevabilité peut être envoyée.";
    }
    return "";
}

std::string pieces_request_refusal(const PiecesStatus& st, const std::string& reference) {
    std::string who = "Dossier « " + reference + " » : ";
    switch (st.state) {
        case PiecesState::Askable:
        case PiecesState::Requested:   // a new request (new date) replaces the previous one
        case PiecesState::Expired:
            return "";
        case PiecesState::Complete:
        case PiecesState::Received:
            return who + "aucune pièce exigée ne manque ; pas de demande de pièces complémentaires.";
        case PiecesState::NotAskable:
            return who + st.summary() + " Une demande de pièces ne vaut que pour les pièces que la grille déclare demandables "
                                        "(<document complement=\"oui\">).";
    }
    return "";
}

CalendarStep pieces_step(const std::string& reference, const PiecesStatus& st) {
    CalendarStep s;
    s.id = "pieces/" + reference;
    s.label = "Pièces complémentaires du dossier " + reference +
              (st.requested ? " (demandées le " + st.requested->french_numeric() + ")" : std::string());
    s.basis = "demande de pièces complémentaires";
    s.due = st.due;
    s.days_left = st.days_left;
    switch (st.state) {
        case PiecesState::Received:
        case PiecesState::Complete: s.state = StepState::Done; break;
        case PiecesState::Expired: s.state = StepState::Overdue; break;
        default: s.state = st.days_left <= calendar_warning_days ? StepState::Soon : StepState::Upcoming; break;
    }
    return s;
}

}  // namespace cotation
