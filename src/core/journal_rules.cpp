#include "journal_rules.h"

#include <algorithm>
#include <cctype>

#include "team.h"

namespace cotation {

const std::vector<std::string>& coordinator_actions() {
    static const std::vector<std::string> kinds = {
        "decision",          "consolidation",      "campagne.cloture", "campagne.reouverture",
        "campagne.grille",   "campagne.parametre", "campagne.procedure", "campagne.autorite",
        "campagne.regles_territoriales", "refus_prealable",   "seance",             "territoire.repartition", "personne"};
    return kinds;
}

bool coordinator_action(const std::string& action) {
    const auto& k = coordinator_actions();
    return std::find(k.begin(), k.end(), action) != k.end();
}

EntryAuthor entry_author(const std::string& actor) {
    std::string body = actor;
    const std::string keyed = "saisi par ";
    if (body.rfind(keyed, 0) == 0) body = body.substr(keyed.size());
    EntryAuthor a;
    const std::string mark = " (compte ";
    const auto at = body.find(mark);
    if (at == std::string::npos) {
        a.person = body;
        return a;
    }
    a.person = body.substr(0, at);
    const auto close = body.find(')', at + mark.size());
    a.account = body.substr(at + mark.size(), close == std::string::npos ? std::string::npos : close - at - mark.size());
    return a;
}

namespace {

// « 2026-11-30T17:21:00Z » or with a fraction (« …:00.25Z »): the seconds and
// the fraction as comparable text; nullopt for a form Cotation never writes.
std::optional<std::string> instant_key(const std::string& at) {
    if (at.size() < 20 || at.back() != 'Z') return std::nullopt;
    static const char* const shape = "dddd-dd-ddTdd:dd:dd";
    for (std::size_t i = 0; i < 19; ++i) {
        const bool digit = std::isdigit(static_cast<unsigned char>(at[i])) != 0;
        if (shape[i] == 'd' ? !digit : at[i] != shape[i]) return std::nullopt;
    }
    std::string fraction;
    if (at.size() > 20) {
        if (at[19] != '.') return std::nullopt;
        fraction = at.substr(20, at.size() - 21);
        if (fraction.empty() || fraction.size() > 9 ||
            !std::all_of(fraction.begin(), fraction.end(), [](unsigned char c) { return std::isdigit(c) != 0; }))
            return std::nullopt;
    }
    fraction.resize(9, '0');
    return at.substr(0, 19) + fraction;
}

bool system_entry(const JournalRecord& e) {
    // Written by Cotation itself, in nobody's name: a schema migration, the
    // digests of rows written before the ledger.
    return e.actor == "cotation" && (e.action == "schema.migration" || e.action == "journal.empreintes");
}

// Applies a « personne » entry (sqlite_campaign.cpp, pg_mutations.cpp: « ROLE[ (voix
// consultative)] — ORGANISATION[ — compte LOGIN] »).
void apply_person(Team& team, const JournalRecord& e) {
    if (e.action != "personne" || e.entity.rfind("personne/", 0) != 0) return;
    Person p;
    p.name = e.entity.substr(9);
    const std::string dash = " — ";
    std::string role = e.new_value.substr(0, e.new_value.find(dash));
    const std::string advisory = " (voix consultative)";
    if (auto v = role.find(advisory); v != std::string::npos) {
        role.resize(v);
        p.deliberative = false;
    }
    auto r = role_from_text(role);
    if (!r) return;
    p.role = *r;
    const std::string mark = dash + "compte ";
    if (auto a = e.new_value.rfind(mark); a != std::string::npos) p.account = e.new_value.substr(a + mark.size());
    const Person* known = team.person(p.name);
    team.people[known ? known->name : p.name] = p;
}

std::string quoted(const std::string& s) { return "« " + s + " »"; }

}  // namespace

std::string journal_instant_text(const std::string& at) {
    if (!instant_key(at)) return at;
    return at.substr(8, 2) + "/" + at.substr(5, 2) + "/" + at.substr(0, 4) + " à " + at.substr(11, 5) + " UTC";
}

namespace {
// Seconds since 1970 of « 2026-11-30T17:21:00Z » (its first 19 characters), on the proleptic Gregorian calendar.
std::optional<long long> epoch_seconds(const std::string& at) {
    if (!instant_key(at)) return std::nullopt;
    const long long y0 = std::stoll(at.substr(0, 4)), m = std::stoll(at.substr(5, 2)), d = std::stoll(at.substr(8, 2));
    const long long y = y0 - (m <= 2);
    const long long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1, doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const long long days = era * 146097 + doe - 719468;
    return days * 86400 + std::stoll(at.substr(11, 2)) * 3600 + std::stoll(at.substr(14, 2)) * 60 + std::stoll(at.substr(17, 2));
}
}  // namespace

bool dated_in_future(const std::string& at, const std::string& now) {
    const auto a = epoch_seconds(at), n = epoch_seconds(now);
    return a && n && *a - *n > kJournalClockAheadSeconds;
}

std::optional<UnwrittenEntry> first_unwritten_entry(const std::vector<JournalRecord>& entries, JournalHome home,
                                                    const std::string& now) {
    // On a file, names without an account are those of a server's entries
    // copied into it: accepted up to the last copy.
    std::size_t copied_until = 0;
    for (std::size_t i = 0; i < entries.size(); ++i)
        if (entries[i].action == "campagne.copie") copied_until = i;
    Team team;
    std::optional<std::string> previous_key;
    const JournalRecord* previous = nullptr;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const JournalRecord& e = entries[i];
        auto refuse = [&](const std::string& why) {
            return UnwrittenEntry{e.seq, e.at, e.actor, e.action, why};
        };
        const auto key = instant_key(e.at);
        if (!key) return refuse("sa date « " + e.at + " » n'est pas une date que Cotation écrit (AAAA-MM-JJThh:mm:ssZ, en UTC)");
        if (previous_key && *key < *previous_key)
            return refuse("elle est datée d'avant l'entrée " + std::to_string(previous->seq) + " (" +
                          journal_instant_text(previous->at) +
                          ") qui la précède, alors que Cotation ne date jamais une entrée avant la précédente");
        // After the author's rules, which name a forged entry more precisely.
        auto future = [&]() -> std::optional<UnwrittenEntry> {
            if (now.empty() || !dated_in_future(e.at, now)) return std::nullopt;
            return refuse("elle est datée du " + journal_instant_text(e.at) + ", après l'heure de ce poste (" +
                          journal_instant_text(now) + "), alors que Cotation date chaque entrée de l'heure du poste qui "
                          "l'écrit (celle d'un autre poste du partage peut avancer de quelques minutes, pas d'un jour)");
        };
        previous_key = key;
        previous = &e;
        // Cotation's own name signs its migrations and row digests, nothing else.
        if (e.actor == "cotation" && !system_entry(e))
            return refuse("« cotation » n'inscrit que les migrations de schéma et les empreintes de lignes, pas une entrée " +
                          quoted(e.action));
        const EntryAuthor who = entry_author(e.actor);
        // A name without an account is a server's entry: the server set it
        // from the connected role and refused the coordinator's kinds to
        // the other roles (pg_roles.cpp); on a file, one copied from a server.
        const bool server_written = who.account.empty() && (home == JournalHome::Server || i < copied_until);
        if (!system_entry(e) && e.action != "campagne.copie" && !team.open_mode() && !server_written) {
            const Person* p = team.person(who.person);
            if (who.account.empty()) {
                // On a file Cotation writes the account of every entry; a team
                // without any account is a file older than accounts (names only).
                if (team.accounts_declared())
                    return refuse("son auteur " + quoted(who.person) +
                                  " n'est suivi d'aucun compte, alors que Cotation inscrit sur un fichier le compte "
                                  "depuis lequel chaque personne agit");
                if (auto f = future()) return f;
                apply_person(team, e);
                continue;
            }
            if (team.accounts_declared()) {
                if (!p) {
                    return refuse(quoted(who.person) + " n'était pas déclaré(e) dans l'équipe à cette date : aucun compte ne lui "
                                  "était lié, et l'entrée dit le compte " + quoted(who.account));
                } else if (p->account != who.account) {
                    return refuse(p->account.empty()
                                      ? quoted(p->name) + " n'avait pas de compte lié à cette date (personne ne pouvait agir en "
                                                          "son nom), et l'entrée dit le compte " + quoted(who.account)
                                      : quoted(p->name) + " était lié(e) à cette date au compte " + quoted(p->account) +
                                            ", pas au compte " + quoted(who.account) + " que dit l'entrée");
                }
            }
            if (coordinator_action(e.action) && (!p || p->role != Role::Coordinator))
                return refuse("une entrée " + quoted(e.action) + " est du coordonnateur, et " + quoted(who.person) +
                              (p ? std::string(" était ") + role_label(p->role) + " à cette date"
                                 : std::string(" n'était pas déclaré(e) dans l'équipe à cette date")));
        }
        if (auto f = future()) return f;
        apply_person(team, e);
    }
    return std::nullopt;
}

std::string unwritten_text(const UnwrittenEntry& u) {
    return "entrée " + std::to_string(u.seq) + " (" + journal_instant_text(u.at) + ", par " + quoted(u.actor) + ", " +
           u.action + ") : Cotation ne l'aurait pas écrite, " + u.why +
           " ; entrée ajoutée hors de Cotation, avec une empreinte recalculée";
}

}  // namespace cotation
