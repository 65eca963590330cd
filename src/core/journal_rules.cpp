#include "journal_rules.h"
#include "journal_copies.h"

#include "french.h"
#include "read_rules.h"
#include "team_history.h"

#include <algorithm>
#include <cctype>
#include <map>


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
    auto p = person_of_entry(e);
    if (!p) return;
    const Person* known = team.person(p->name);
    team.people[known ? known->name : p->name] = *p;
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

std::string clock_behind_warning(std::int64_t seq, const std::string& at, const std::string& now) {
    const auto a = epoch_seconds(at), n = epoch_seconds(now);
    if (!a || !n || *a - *n <= kJournalClockBehindSeconds) return "";
    const long long minutes = (*a - *n) / 60;
    return "ATTENTION : la dernière entrée du journal (" + std::to_string(seq) + ") est datée du " + journal_instant_text(at) +
           ", " + (minutes >= 120 ? fr::plural(minutes / 60, "heure") : fr::plural(minutes, "minute")) +
           " après l'heure de ce poste (" + journal_instant_text(now) +
           ") : l'horloge de ce poste retarde, ou cette entrée a été ajoutée hors de Cotation. Ce qui est enregistré "
           "maintenant prend sa date ; faites vérifier l'horloge et le journal (cotation journal verify).";
}

std::vector<std::string> row_tables(const std::string& rows) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < rows.size()) {
        std::size_t end = rows.find('\n', start);
        if (end == std::string::npos) end = rows.size();
        const std::size_t tab = rows.find('\t', start);
        if (tab != std::string::npos && tab < end) {
            std::string table = rows.substr(start, tab - start);
            if (std::find(out.begin(), out.end(), table) == out.end()) out.push_back(std::move(table));
        }
        start = end + 1;
    }
    return out;
}

const std::vector<std::string>* action_tables(const std::string& action) {
    using T = std::vector<std::string>;
    static const std::map<std::string, T> tables = {
        {"dossier.ajout", {"dossier", "dossier_fact", "dossier_document"}},
        {"dossier.identite", {"dossier"}},
        {"dossier.fait", {"dossier_fact"}},
        {"dossier.piece", {"dossier_document"}},
        {"note", {"rating", "reviewer"}},   // a reviewer's first rating adds them
        {"consolidation", {"consolidation"}},
        {"decision", {"decision"}},
        {"refus_prealable", {"prior_rejection"}},
        {"affectation", {"assignment"}},
        {"soumission", {"submission"}},
        {"avis", {"member_opinion"}},
        {"personne", {"person"}},
        {"conflit", {"conflict", "assignment"}},   // the declared link ends the assignments it touches
        {"procedure", {"procedure_step"}},
        {"seance", {"meeting", "meeting_attendance", "meeting_vote", "meeting_observation", "meeting_ranking"}},
        {"campagne.creation", {"campaign"}},
        {"campagne.parametre", {"campaign_parameter"}},
        {"campagne.autorite", {"campaign"}},
        {"campagne.cloture", {"campaign"}},
        {"campagne.reouverture", {"campaign"}},
        {"campagne.procedure", {"campaign"}},
        {"campagne.regles_territoriales", {"campaign"}},
        {"campagne.grille", {"campaign", "grid_history"}},
        {"territoire.offre", {"offer_structure", "territory_origin"}},
        {"territoire.zones", {"campaign_zone", "territory_origin"}},
        {"territoire.repartition", {"allocation_choice"}},
        {"journal.empreintes", {"reviewer"}},   // put_ratings: a reviewer added, no note changed
        // A copy takes the rows as the copied entries vouched for them, and
        // writes none itself (store/copy_file.cpp, pg_copy.cpp: the ledger is
        // armed after the rows are in). Trial 13f F1: a forged copy entry
        // carried decision, rating, person and campaign rows.
        {"campagne.copie", {}},
    };
    if (action == "schema.migration") return nullptr;
    static const T none;
    auto it = tables.find(action);
    return it == tables.end() ? &none : &it->second;
}


std::optional<UnwrittenEntry> first_unwritten_entry(const std::vector<JournalRecord>& entries, JournalHome home,
                                                    const std::string& now, KnownSchemas known) {
    return JournalReplay(home, known).feed(entries, now);
}

std::optional<UnwrittenEntry> JournalReplay::feed(const std::vector<JournalRecord>& entries, const std::string& now) {
    // The copies, those given and those fed: on a file, the ratings written
    // before a copy from a server are the server's, judged by its rights
    // (pg_roles.cpp, rating_refused).
    std::map<std::int64_t, bool> copies = copies_;
    for (const auto& e : entries)
        if (e.action == "campagne.copie") copies[e.seq] = journal_copies::from_server(e);
    const JournalHome home = home_;
    // The home an entry was written in: the kind the next copy came from, or the replay's own.
    auto written_home = [&](std::int64_t seq) {
        auto next = copies.upper_bound(seq);
        return next == copies.end() ? home : next->second ? JournalHome::Server : JournalHome::File;
    };
    Team& team = team_;
    for (const JournalRecord& e : entries) {
        auto refuse = [&](const std::string& why) {
            return UnwrittenEntry{e.seq, e.at, e.actor, e.action, why};
        };
        const auto key = instant_key(e.at);
        if (!key) return refuse("sa date « " + e.at + " » n'est pas une date que Cotation écrit (AAAA-MM-JJThh:mm:ssZ, en UTC)");
        if (previous_key_ && *key < *previous_key_)
            return refuse("elle est datée d'avant l'entrée " + std::to_string(previous_.seq) + " (" +
                          journal_instant_text(previous_.at) +
                          ") qui la précède, alors que Cotation ne date jamais une entrée avant la précédente");
        // After the author's rules, which name a forged entry more precisely.
        auto future = [&]() -> std::optional<UnwrittenEntry> {
            if (now.empty() || !dated_in_future(e.at, now)) return std::nullopt;
            return refuse("elle est datée du " + journal_instant_text(e.at) + ", après l'heure de ce poste (" +
                          journal_instant_text(now) + "), alors que Cotation date chaque entrée de l'heure du poste qui "
                          "l'écrit (celle d'un autre poste du partage peut avancer de quelques minutes, pas d'un jour)");
        };
        previous_key_ = key;
        previous_ = JournalRecord{e.seq, e.at, "", "", "", "", "", {}};
        // Cotation's own name signs its migrations and row digests, nothing else.
        if (e.actor == "cotation" && !system_entry(e))
            return refuse("« cotation » n'inscrit que les migrations de schéma et les empreintes de lignes, pas une entrée " +
                          quoted(e.action));
        if (e.action == "campagne.copie") migrated_to_ = 0;   // the copy's home numbers its own schemas
        if (system_entry(e) && e.action == "schema.migration") {
            // One of this program's migrations, with the rows it writes (trial 13e F2, issue 13 G1b).
            if (auto why = journal_copies::migration_refusal(e, migrated_to_, rows_seen_, known_); !why.empty())
                return refuse(why);
            migrated_to_ = journal_copies::schema_number(e.new_value);
        }
        if (!e.tables.empty()) rows_seen_ = true;
        // The rows an entry vouches for belong to the tables its change writes (trial 13e F2, F3).
        if (const auto* allowed = action_tables(e.action))
            for (const auto& table : e.tables) {
                if (table == "schema_version") continue;   // an older server journal's header row
                if (std::find(allowed->begin(), allowed->end(), table) == allowed->end())
                    return refuse("elle porte l'empreinte d'une ligne de la table « " + table + " », qu'une entrée " +
                                  quoted(e.action) + " n'écrit pas" +
                                  (e.action == "campagne.copie"
                                       ? " (une copie reprend les lignes telles que les entrées copiées les ont enregistrées, "
                                         "et n'en écrit aucune)"
                                       : std::string()) +
                                  (allowed->empty() ? std::string()
                                                    : " (elle écrit : " + [&] {
                                                          std::string list;
                                                          for (const auto& t : *allowed) list += (list.empty() ? "" : ", ") + t;
                                                          return list;
                                                      }() + ")"));
            }
        // A copy where a copy begins a campaign, signed by an account of the team (issue 13 G1).
        if (e.action == "campagne.copie") {
            if (auto why = journal_copies::copy_refusal(e, written_home(e.seq), team); !why.empty()) return refuse(why);
        }
        // Written by Cotation taking in an older campaign's territory: no person's name to check.
        const bool takeover = (e.actor == kLegacyTerritoryActor || e.actor == kGridOfferActor) &&
                              (e.action == "territoire.offre" || e.action == "territoire.zones");
        const EntryAuthor who = entry_author(e.actor);
        // A name without an account is a server's entry: the server set it
        // from the connected role and refused the coordinator's kinds to
        // the other roles (pg_roles.cpp).
        // On a file, never for an entry a copy follows (issue 13 G1: a forged copy made every entry before it
        // « copied from a server »): the server writes the account of each member's entry (pg_journal_rights.cpp).
        const bool server_written = who.account.empty() && home == JournalHome::Server;
        if (!system_entry(e) && !takeover && e.action != "campagne.copie" && !team.open_mode() && !server_written) {
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
                apply_review(e);
                continue;
            }
            if (team.accounts_declared()) {
                if (!p) {
                    return refuse(quoted(who.person) + " ne faisait pas partie de l'équipe à cette date : aucun compte ne lui "
                                  "était lié, et l'entrée dit le compte " + quoted(who.account));
                } else if (p->account != who.account) {
                    return refuse(p->account.empty()
                                      ? quoted(p->name) + " n'avait pas de compte lié à cette date (personne ne pouvait agir en "
                                                          "son nom), et l'entrée dit le compte " + quoted(who.account)
                                      : quoted(p->name) + " avait à cette date le compte " + quoted(p->account) +
                                            ", pas le compte " + quoted(who.account) + " que dit l'entrée");
                }
            }
            if (coordinator_action(e.action) && (!p || p->role != Role::Coordinator))
                return refuse("une entrée " + quoted(e.action) + " est du coordonnateur, et " + quoted(who.person) +
                              (p ? std::string(" était ") + role_label(p->role) + " à cette date"
                                 : std::string(" ne faisait pas partie de l'équipe à cette date")));
            // A rating: the rights Session::put_rating asks the team, at that point (trial 13f F2), on
            // a file; a server applies its own as it writes (pg_roles.cpp, rating_refused). The entries
            // a file took from a server are judged by the server's rights (its coordinator writes any
            // rating not yet submitted): a copy, whoever signs it, exempts none (trial 15 M1).
            if (e.action == "note" && home == JournalHome::File)
                if (std::string why = rating_refusal(e, who, written_home(e.seq) == JournalHome::Server); !why.empty()) {
                    if (why.back() == '.') why.pop_back();   // the session's sentence, inside this one
                    return refuse("la note n'aurait pas été acceptée à cette date : " + why);
                }
        }
        if (auto f = future()) return f;
        apply_person(team, e);
        apply_review(e);
    }
    return std::nullopt;
}

using journal_text::dossier_part;
using journal_text::field_of;

void JournalReplay::apply_review(const JournalRecord& e) {
    auto name = [&](const std::string& n) {
        const Person* p = team_.person(n);
        return p ? p->name : n;
    };
    if (const auto added = journal_text::after_dossier(e.entity); e.action == "dossier.ajout" && added) {
        const std::int64_t id = static_cast<std::int64_t>(organisme_.size()) + 1;   // organisme_ keeps every dossier seen
        dossier_ids_[*added] = id;
        organisme_[id] = field_of(e.new_value, "organisme").value_or("");
    } else if (const auto ref = journal_text::after_dossier(e.entity); e.action == "dossier.identite" && ref) {
        auto it = dossier_ids_.find(*ref);
        if (it == dossier_ids_.end()) return;
        const std::int64_t id = it->second;
        if (auto o = field_of(e.new_value, "organisme")) organisme_[id] = *o;
        if (auto r = field_of(e.new_value, "reference"); r && *r != it->first) {
            dossier_ids_.erase(it);
            dossier_ids_[*r] = id;
        }
    } else if (e.action == "affectation") {
        auto part = dossier_part(e.entity, "affectation");
        if (!part) return;
        auto it = dossier_ids_.find(part->first);
        if (it == dossier_ids_.end()) return;
        if (e.new_value == "retiré") team_.assignments[it->second].erase(name(part->second));
        else team_.assignments[it->second].insert(name(part->second));
    } else if (e.action == "soumission") {
        auto part = dossier_part(e.entity, "soumission");
        if (!part) return;
        if (auto it = dossier_ids_.find(part->first); it != dossier_ids_.end())
            team_.submitted[it->second].insert(name(part->second));
    } else if (const auto link = journal_text::conflict_of(e.entity); e.action == "conflit" && link) {
        // sqlite_campaign.cpp: the link ends the reviewer's assignments to the dossiers filed under that name.
        const std::string &reviewer = link->reviewer, &organisme = link->organisme;
        for (auto& [id, reviewers] : team_.assignments)
            if (organisme_[id] == organisme || organisation_key(organisme_[id]) == organisation_key(organisme))
                reviewers.erase(reviewer);
    }
}

std::string JournalReplay::rating_refusal(const JournalRecord& e, const EntryAuthor& who, bool server_rights) const {
    auto part = dossier_part(e.entity, "note");
    if (!part) return "";
    auto it = dossier_ids_.find(part->first);
    if (it == dossier_ids_.end()) return "";   // a dossier the replay did not see added: not judged
    const auto slash = part->second.rfind('/');
    if (slash == std::string::npos) return "";
    const Person* reviewer = team_.person(part->second.substr(0, slash));
    const std::string rated = reviewer ? reviewer->name : part->second.substr(0, slash);
    // The coordinator imports the grids she collected, each checked as its reviewer's own (Session::import_ratings_file).
    const bool collects = team_.may_coordinate(who.person).empty();
    // On a server, the coordinator's rating is refused only once its reviewer submitted (rating_refused).
    if (collects && server_rights) {
        auto s = team_.submitted.find(it->second);
        return s != team_.submitted.end() && s->second.count(rated) ? "« " + rated + " » a déjà soumis ses notes pour ce dossier."
                                                                    : "";
    }
    const Person* author = team_.person(who.person);
    const std::string acting = collects ? rated : (author ? author->name : who.person);
    auto o = organisme_.find(it->second);
    return team_.may_rate(acting, rated, it->second, Organisation{o == organisme_.end() ? "" : o->second, "", ""});
}

std::string unwritten_text(const UnwrittenEntry& u) {
    return "entrée " + std::to_string(u.seq) + " (" + journal_instant_text(u.at) + ", par " + quoted(u.actor) + ", " +
           u.action + ") : Cotation ne l'aurait pas écrite, " + u.why +
           " ; entrée ajoutée hors de Cotation, avec une empreinte recalculée";
}

}  // namespace cotation
