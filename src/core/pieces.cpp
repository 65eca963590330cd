#include "pieces.h"
#include "enums.h"

#include "campaign_parameters.h"
#include "eligibility.h"
#include "french.h"

namespace cotation {

int pieces_delay_days(const Campaign& campaign) {
    auto it = campaign.parameters.find(param::kPiecesDelay);
    if (it != campaign.parameters.end())
        if (const auto* r = std::get_if<Rational>(&it->second); r && r->is_integer() && r->num() >= 1 && r->num() <= 366)
            return static_cast<int>(r->num());
    return default_pieces_delay_days;
}

const char* pieces_state_label(PiecesState s) { return enum_label(s); }

namespace {
// Easter Sunday (anonymous Gregorian algorithm).
Date easter(int y) {
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451, month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    return Date{y, month, day};
}
bool day_off(const Date& d) {
    long wd = (d.days_since_epoch() % 7 + 7 + 3) % 7;   // 1970-01-01 was a Thursday: 0 = Monday
    return wd >= 5 || french_public_holiday(d);
}
std::string labels(const std::vector<const DocumentDef*>& docs) {
    std::vector<std::string> out;
    for (const auto* d : docs) out.push_back("« " + d->label + " »");
    std::string s;
    for (std::size_t i = 0; i < out.size(); ++i) s += (i == 0 ? "" : i + 1 == out.size() ? " et " : ", ") + out[i];
    return s;
}
}  // namespace

bool french_public_holiday(const Date& d) {
    static const int fixed[][2] = {{1, 1}, {5, 1}, {5, 8}, {7, 14}, {8, 15}, {11, 1}, {11, 11}, {12, 25}};
    for (const auto& f : fixed)
        if (d.month == f[0] && d.day == f[1]) return true;
    Date e = easter(d.year);
    for (long off : {1L, 39L, 50L})   // lundi de Pâques, Ascension, lundi de Pentecôte
        if (e.plus_days(off) == d) return true;
    return false;
}

Date pieces_due_date(const Date& requested, int delay_days) {
    Date due = requested.plus_days(delay_days);
    while (day_off(due)) due = due.plus_days(1);
    return due;
}

std::string pieces_period_words(const PiecesStatus& st) {
    if (!st.requested) return "";
    return fr::plural(st.delay_days, "jour", "jours");
}

std::string pieces_deadline_words(const PiecesStatus& st) {
    if (!st.requested || !st.due) return "";
    std::string out = st.due->french_weekday() + " " + st.due->french_long();
    if (st.due_moved) {
        const Date end = st.requested->plus_days(st.delay_days);
        out += " (le délai expirant le " + end.french_weekday() + " " + end.french_long() +
               ", l'échéance est reportée au premier jour ouvré suivant)";
    }
    return out;
}

bool pieces_late(const PiecesStatus& st, const Date& received) { return st.due && received > *st.due; }

std::string pieces_receipt_problem(const PiecesStatus& st, const Date& received, const Date& today) {
    if (!st.requested)
        return "aucune demande de pièces enregistrée : les pièces se cochent alors dans le dossier (pieces_recues).";
    if (received < *st.requested)
        return "pièces reçues le " + received.french_numeric() + " : c'est avant la demande du " +
               st.requested->french_numeric() + " ; indiquez la date de réception (--date JJ/MM/AAAA).";
    if (received > today)
        return "pièces reçues le " + received.french_numeric() +
               " : cette date n'est pas encore venue ; indiquez la date de réception.";
    return "";
}

std::string pieces_verdict(const PiecesStatus& st) {
    if (!st.awaiting()) return "";
    return "En attente de pièces (jusqu'au " + st.due->french_numeric() + ")";
}

PiecesStatus pieces_status(const Grid& grid, const Dossier& dossier, std::optional<Date> requested, int delay_days,
                           const Date& today, std::optional<Date> received) {
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
        st.due = pieces_due_date(*requested, delay_days);
        st.due_moved = *st.due != requested->plus_days(delay_days);
        st.delay_days = delay_days;
        st.received = received;
        st.days_left = st.due->days_since_epoch() - today.days_since_epoch();
    }
    if (!incomplete) st.state = requested ? PiecesState::Received : PiecesState::Complete;
    else if (!st.not_askable.empty()) st.state = PiecesState::NotAskable;
    else if (!requested) st.state = PiecesState::Askable;
    // An answer recorded late leaves the pieces unticked: expired, whatever today is.
    else
        st.state = st.days_left >= 0 && !(received && pieces_late(st, *received)) ? PiecesState::Requested : PiecesState::Expired;
    return st;
}

bool piece_required_by_text(const Grid& grid, const DocumentDef& doc) {
    return grid.cites_a_text(doc.source);
}

std::string piece_with_citation(const Grid& grid, const DocumentDef& doc) {
    if (!piece_required_by_text(grid, doc)) return doc.label;
    std::string where = grid.cite(doc.source);
    if (auto quote = where.find(" : «"); quote != std::string::npos) where.erase(quote);
    return doc.label + " (" + fr::trim(where) + ")";
}

std::string PiecesStatus::summary() const {
    switch (state) {
        case PiecesState::Complete: return "Dossier complet.";
        case PiecesState::Askable:
            // « la pièce » / « les pièces » carries the agreement, whatever
            // the gender of the labels (« « Budget » … ne peuvent pas être
            // demandées », a new user's trial).
            return "Dossier incomplet : " + std::string(to_ask.size() > 1 ? "les pièces " : "la pièce ") + labels(to_ask) +
                   (to_ask.size() > 1 ? " peuvent" : " peut") + " être demandée" + (to_ask.size() > 1 ? "s" : "") +
                   " au candidat (demande de pièces complémentaires).";
        case PiecesState::NotAskable:
            return "Dossier incomplet : " + std::string(not_askable.size() > 1 ? "les pièces " : "la pièce ") +
                   labels(not_askable) + (not_askable.size() > 1 ? " ne peuvent" : " ne peut") + " pas être demandée" +
                   (not_askable.size() > 1 ? "s" : "") +
                   " après le dépôt (pièce du projet) ; le dossier est irrecevable.";
        case PiecesState::Requested:
            return "Pièces demandées le " + requested->french_numeric() + " : " + labels(to_ask) +
                   " ; réponse attendue au plus tard le " + due->french_numeric() +
                   (due_moved
                        ? " (le délai expirait un samedi, un dimanche ou un jour férié : il est prorogé au premier jour ouvrable)"
                        : "") +
                   ". Pas de lettre d'irrecevabilité avant cette date.";
        case PiecesState::Received:
            if (received && *received > *due)
                return "Pièces demandées le " + requested->french_numeric() + " reçues hors délai (le " +
                       received->french_numeric() + ", échéance le " + due->french_numeric() +
                       "), admises par décision motivée : dossier complet.";
            return "Pièces demandées le " + requested->french_numeric() + " reçues" +
                   (received ? " le " + received->french_numeric() : std::string()) + " : dossier complet.";
        case PiecesState::Expired:
            if (received && *received > *due)
                return "Pièces demandées le " + requested->french_numeric() + " reçues hors délai (le " +
                       received->french_numeric() + ", échéance le " + due->french_numeric() +
                       ") : le dossier reste incomplet, donc irrecevable, sauf décision motivée de les admettre (--motif).";
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
