#include "session.h"

#include <pwd.h>
#include <sys/stat.h>

#include <algorithm>
#include <unordered_map>
#include <filesystem>
#include <set>

#include "app/accounts.h"
#include "app/input.h"
#include "app/session_internal.h"
#include "core/journal_grammar.h"
#include "core/campaign_rules.h"
#include "core/error.h"
#include "core/french.h"
#include "core/people.h"
#include "core/read_rules.h"
#include "core/review_rules.h"
#include "store/journal.h"
#include "store/open_store.h"
#include "core/invisible.h"

namespace cotation {
using session_detail::require;

void Session::add_person(const Person& input, const std::string& actor) {
    auto w = writing();   // checks and write in one transaction (issue 13.5)
    Person p = input;
    // Typed anywhere (window, command line, file): one spelling per person, in NFC (trial 13d F3).
    p.name = fr::trim(fr::nfc(p.name));
    p.organisation = fr::nfc(p.organisation);
    p.account = fr::trim(p.account);
    if (p.name.empty()) throw InputError("Le nom de la personne est obligatoire.");
    require(name_refusal(p.name, "Le nom " + fr::quote(p.name)));
    require(name_refusal(p.organisation, "L'organisation de " + fr::quote(p.name)));
    const Person* known = snap_.team.person(p.name);
    // « paul roy » beside « Paul Roy »: one person, declared once, shown as first spelt.
    if (known && known->name != p.name)
        throw InputError("« " + p.name + " » fait déjà partie de l'équipe sous le nom « " + known->name +
                         " » (même nom à la casse, aux accents ou aux espaces près) : une personne n'est déclarée qu'une fois ; "
                         "rien n'a été enregistré.");
    // Declared again (trial 15g G4): --ajouter rewrote the whole person, and an
    // organisation or a voice not typed again was silently wiped.
    if (known)
        throw InputError(fr::quote(known->name) + " est déjà dans l'équipe (" + role_label(known->role) +
                         ") ; pour changer son rôle : cotation users FICHIER --modifier " + fr::shell_word(known->name) +
                         " --role RÔLE (seul ce qui est donné change, au journal ; de même --organisation et --voix). "
                         "Rien n'a été enregistré.");
    if (!p.account.empty()) require(account_refusal(p.account));
    // The first coordinator is bound to the account declaring them (issue
    // 13.4): a team is never left without an account to act from.
    if (p.account.empty() && p.role == Role::Coordinator && !snap_.team.accounts_declared() && !names_trusted())
        p.account = os_login();
    authenticate(actor);
    // The first person of a team-less file: from its owner's account only (trial 13b F11).
    // (Not when tests simulate another login than the process's: no owner to compare.)
    const passwd* process = ::getpwuid(::geteuid());
    const bool simulated = !process || !process->pw_name || os_login() != process->pw_name;
    if (snap_.team.open_mode() && !names_trusted() && !simulated) require(first_declaration_refusal(file_owner(), os_login()));
    require(snap_.team.may_put_person(actor, os_login(), p, store_->owns_campaign()));
    store_->put_person(p, journal_actor(actor));
    snap_.team.people[p.name] = p;
    meeting_check_.reset();
}

void Session::change_person(const std::string& named, const PersonChange& change, const std::string& actor) {
    auto w = writing();   // checks and write in one transaction (issue 13.5)
    const Person* known = snap_.team.person(named);
    if (!known)
        throw InputError(fr::quote(named) + " n'est pas dans l'équipe : déclarez cette personne avec --ajouter ; rien n'a été "
                         "enregistré.");
    Person p = *known;
    if (change.role) p.role = *change.role;
    if (change.deliberative) p.deliberative = *change.deliberative;
    if (change.organisation) {
        p.organisation = fr::nfc(*change.organisation);
        require(name_refusal(p.organisation, "L'organisation de " + fr::quote(p.name)));
    }
    if (change.account) {
        const std::string account = fr::trim(*change.account);
        if (!known->account.empty() && account != known->account)
            throw InputError(fr::quote(known->name) + " agit déjà depuis le compte « " + known->account +
                             " » : le coordonnateur le change explicitement, au journal : cotation users FICHIER "
                             "--changer-compte " + fr::shell_word(known->name) + " --compte " + fr::shell_word(account) + ".");
        require(account_refusal(account));
        p.account = account;
    }
    if (p.role == known->role && p.deliberative == known->deliberative && p.organisation == known->organisation &&
        p.account == known->account)
        throw InputError(fr::quote(known->name) + " : rien à changer (rôle, organisation et voix sont déjà ceux donnés).");
    authenticate(actor);
    require(snap_.team.may_put_person(actor, os_login(), p, store_->owns_campaign()));
    store_->put_person(p, journal_actor(actor));   // before and after, in the journal
    snap_.team.people[p.name] = p;
    meeting_check_.reset();
}

void Session::assign(std::int64_t dossier_id, const std::string& named, bool add, const std::string& actor) {
    auto w = writing();   // checks and write in one transaction (issue 13.5)
    const std::string reviewer = canonical_person(snap_.team, named);   // « paul roy » is Paul Roy
    authenticate(actor);
    if (add) require(snap_.team.may_assign(actor, reviewer, organisation_of(dossier_id)));
    else require(snap_.team.may_coordinate(actor));
    store_->assign(dossier_id, reviewer, add, journal_actor(actor));
    if (add) snap_.team.assignments[dossier_id].insert(reviewer);
    else snap_.team.assignments[dossier_id].erase(reviewer);
}

void Session::declare_conflict(const std::string& named, const std::string& declared, const std::string& declaration,
                               const std::string& actor, std::optional<Date> signed_on) {
    auto w = writing();   // checks and write in one transaction (issue 13.5)
    authenticate(actor);
    const std::string reviewer = canonical_person(snap_.team, named);
    require(snap_.team.may_declare_conflict(actor, reviewer, declaration, signed_on, today()));
    // The organisation is one of the candidates, found by its identifier or
    // its name as a reader compares it; a link with nobody protects nothing.
    // Before any dossier of it (trial 15): the name or identifier as typed, which covers the dossiers
    // filed later under it (declared_alone).
    auto organisme = designated_organisme(snap_.dossiers, declared);
    std::string identifiers = declared_identifiers(snap_.dossiers, declared);
    if (!organisme) {
        require(text_refusal(declared, "Le nom de l'organisme du lien"));
        auto alone = declared_alone(declared);
        if (!alone)
            throw InputError("Lien déclaré par « " + reviewer + " » : " + fr::quote(fr::trim(declared)) +
                             " n'est ni un nom d'organisme ni un SIREN, SIRET ou FINESS ; rien n'a été enregistré.");
        organisme = alone->organisme;
        identifiers = alone->identifiers;
    }
    ConflictDeclaration c{reviewer, *organisme, fr::trim(declaration), actor, signed_on.value_or(today()), identifiers};
    // Declared again with nothing new to cover: refused, the first declaration kept as its declarer
    // wrote it (trial 15: the text, date and author were replaced).
    // The same organisation, or identifiers it already covers however they are typed (trial 23 M1:
    // « SIREN 418 802 195 » then « 418802195 »).
    for (const ConflictDeclaration& before : snap_.team.conflicts)
        if (before.reviewer == reviewer) {
            bool adds = false;
            for (std::size_t at = 0, end; at < c.identifiers.size(); at = end + 1) {
                end = c.identifiers.find(' ', at);
                if (end == std::string::npos) end = c.identifiers.size();
                const std::string token = c.identifiers.substr(at, end - at);
                adds |= (" " + before.identifiers + " ").find(" " + token + " ") == std::string::npos;
            }
            const bool same = organisation_key(before.organisme) == organisation_key(c.organisme);
            if (!adds && (same || !c.identifiers.empty()))
                throw InputError("« " + reviewer + " » a déjà déclaré un lien avec « " + before.organisme + " » le " +
                                 before.declared_on.french_numeric() + " (« " + before.declaration + " », enregistré par " +
                                 before.declared_by + ") ; cette déclaration couvre déjà les mêmes dossiers : rien n'a été "
                                 "enregistré.");
        }
    // The store ends the assignments of every dossier the link covers (the
    // same SIREN or FINESS under another name too: trial 13b F8), in its entry.
    store_->declare_conflict(c, journal_actor(actor));
    // The store replaces the declaration of the same person and organisme (adding identifiers).
    std::erase_if(snap_.team.conflicts,
                  [&](const ConflictDeclaration& x) { return x.reviewer == c.reviewer && x.organisme == c.organisme; });
    snap_.team.conflicts.push_back(c);
    meeting_check_.reset();
    for (auto& [id, reviewers] : snap_.team.assignments)
        if (declaration_covers(c, organisation_of(id))) reviewers.erase(reviewer);
    // The ratings already given on that dossier stop counting (trial 13 F22).
    index_ratings_counted();
    invalidate();
}

// Ratings given before their author declared a link with the dossier's
// organisme do not count (core/conflict_ratings.h, trial 13 F22).
void Session::index_ratings_counted() {
    rating_index_ = index_ratings(snap_.ratings);
    set_aside_ = set_aside_conflicted(snap_.team, snap_.dossiers, rating_index_);
}

void Session::note_set_aside(Ranking& r) const {
    if (set_aside_.empty()) return;
    for (auto* list : {&r.ranked, &r.pending, &r.ineligible})
        for (auto& e : *list) {
            e.set_aside.clear();
            if (auto it = set_aside_.find(snap_.dossiers[e.dossier].id); it != set_aside_.end())
                for (const auto& s : it->second) e.set_aside.push_back(set_aside_text(s));
        }
}

void Session::submit(std::int64_t dossier_id, const std::string& named, const std::string& actor) {
    auto w = writing();   // checks and write in one transaction (issue 13.5)
    const std::string reviewer = canonical_person(snap_.team, named);
    authenticate(actor);
    require(submission_for_refusal(snap_.team, actor, reviewer));
    // A dossier their declared link covers: that, not « notes incomplètes » (trial 22 m3).
    if (!snap_.team.open_mode() && snap_.team.in_conflict(reviewer, organisation_of(dossier_id)))
        require("« " + reviewer + " » a déclaré un lien avec " + snap_.team.link_text(reviewer, organisation_of(dossier_id)) +
                " : ce dossier ne lui est pas confié, il n'y a pas de notes à soumettre.");
    require(submission_refusal(grid_, ratings_of(dossier_id), reviewer));
    store_->submit(dossier_id, reviewer, journal_actor(actor));
    snap_.team.submitted[dossier_id].insert(reviewer);
}

std::vector<const Rating*> Session::visible_ratings(std::int64_t dossier_id, const std::string& viewer) const {
    std::optional<std::string> who = viewer;
    return readable_ratings(dossier_reading(snap_.team, who, dossier_id, organisation_of(dossier_id)), who,
                            ratings_of(dossier_id));
}

DossierReading Session::reading(std::int64_t dossier_id) const {
    return dossier_reading(snap_.team, reader_, dossier_id, organisation_of(dossier_id));
}

std::vector<JournalEntry> Session::readable_journal(const std::string& prefix) {
    std::vector<JournalEntry> out;
    // The dossier's entries, each checked against what the reader may see of
    // that dossier (one reading per dossier, found by its reference).
    std::map<std::string, DossierReading> by_reference;
    std::unordered_map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < snap_.dossiers.size(); ++i) position[snap_.dossiers[i].reference] = i;
    for (auto& e : store_->journal(prefix)) {
        const auto after = journal_text::after_dossier(e.entity);
        if (!after) {
            out.push_back(std::move(e));
            continue;
        }
        // The longest reference that prefixes the entity (references may hold « / »).
        const Dossier* d = nullptr;
        std::string rest;
        const std::string body = *after;
        for (std::size_t cut = body.size();; cut = body.rfind('/', cut - 1)) {
            if (auto i = position.find(body.substr(0, cut)); i != position.end()) {
                d = &snap_.dossiers[i->second];
                rest = cut < body.size() ? body.substr(cut + 1) : "";
                break;
            }
            if (cut == 0 || cut == std::string::npos) break;
        }
        if (!d) {
            out.push_back(std::move(e));
            continue;
        }
        auto it = by_reference.find(d->reference);
        if (it == by_reference.end()) it = by_reference.emplace(d->reference, reading(d->id)).first;
        if (journal_entity_readable(it->second, reader_, rest)) out.push_back(std::move(e));
    }
    return out;
}

namespace {
bool& named_actors_simulated() {
    static bool on = false;
    return on;
}
}  // namespace

void Session::simulate_named_actors(bool on) { named_actors_simulated() = on; }

bool Session::names_trusted() const { return replaying_script_ || named_actors_simulated(); }

std::string Session::file_owner() const {
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0) return "";
    if (const passwd* pw = ::getpwuid(st.st_uid); pw && pw->pw_name) return pw->pw_name;
    return "";
}

std::string Session::acting_person(const std::string& claimed) const {
    std::string why;
    auto who = snap_.team.identify(claimed, os_login(), why);
    if (who) return *who;
    // The team changed in raw SQL (trial 13e F10: an account rewritten sent the
    // user to fix accounts): said for what it is, before any advice on accounts.
    if (auto changed = store_->outside_changes({"campaign", "person"}); !changed.empty()) {
        std::string text;
        for (std::size_t i = 0; i < changed.size() && i < 20; ++i) text += "\n  " + changed[i];
        throw InputError("L'équipe de la campagne " + fr::quote_path(campaign_for_command(path_)) +
                         " a été modifiée hors de Cotation "
                         "(rôles, comptes) : personne n'y est reconnu tant qu'elle ne répond pas à son journal ; rien n'a été "
                         "enregistré :" +
                         text + "\nLe coordonnateur fait vérifier le journal (cotation journal verify " +
                         campaign_for_command(path_) + ") et reprend la dernière sauvegarde de la campagne.");
    }
    // A team declared before accounts were bound: nobody acts until the
    // coordinator is bound, by the file's owner only (a name is no proof).
    if (!snap_.team.accounts_declared()) {
        std::string coordinator;
        for (const auto& [name, p] : snap_.team.people)
            if (p.role == Role::Coordinator && coordinator.empty()) coordinator = name;
        const std::string owner = file_owner();
        why += " Personne n'a encore de compte dans cette équipe : " +
               (owner.empty() ? std::string("le propriétaire du fichier de la campagne")
                              : "le propriétaire du fichier de la campagne (compte « " + owner + " »)") +
               " lie d'abord le coordonnateur à son propre compte : cotation users FICHIER --changer-compte " +
               fr::shell_word(coordinator) + " --compte " + (owner.empty() ? std::string("LOGIN") : fr::shell_word(owner)) + ".";
    }
    throw InputError(why);
}

void Session::authenticate(const std::string& actor) const {
    if (snap_.team.open_mode() || names_trusted()) return;   // nobody declared: one person works alone
    const std::string acting = acting_person(actor);
    require(acting == canonical_person(snap_.team, actor) ? "" : "« " + actor + " » n'agit pas depuis son compte.");
}

std::string Session::journal_actor(const std::string& actor) const {
    // Always both: the person said and the account the program ran from.
    return journal_text::signed_actor(actor, os_login());
}

bool account_exists(const std::string& login) { return ::getpwnam(login.c_str()) != nullptr; }

std::string unknown_account_refusal(const std::string& login, const std::string& name) {
    if (account_exists(login)) return "";
    std::string lower = login;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string hint = lower != login && account_exists(lower)
                                 ? " (les noms de connexion distinguent les majuscules : le compte « " + lower + " » existe)"
                                 : "";
    return "Aucun compte « " + login + " » n'existe sur ce poste" + hint + " : personne ne pourrait agir au nom de « " + name +
           " » depuis ce poste. Vérifiez le nom de connexion ; rien n'a été enregistré. Si cette personne travaille depuis un "
           "autre poste du partage où ce compte existe, redites la commande avec --autre-poste.";
}

void change_account(Session& s, const std::string& name, const std::string& login, const std::string& actor) {
    // The checks and the write in one transaction (issue 13.5); a campaign
    // changed by another program since it was opened is not checked on a stale reading.
    WriteScope w(s.store(), [] {
        throw InputError("La campagne a été modifiée par un autre programme depuis son ouverture : relancez la commande.");
    });
    const Team& team = s.team();
    const Person* known = team.person(name);
    if (!known)
        throw InputError("« " + name +
                         " » ne fait pas partie de l'équipe de cette campagne : déclarez cette personne avec --ajouter.");
    Person p = *known;
    const std::string account = fr::trim(login), me = Session::os_login();
    require(account_refusal(account));
    if (account == p.account)
        throw InputError("« " + p.name + " » agit déjà depuis le compte « " + account + " » : rien à changer.");
    std::string acting = actor;
    if (!team.accounts_declared()) {
        // A team made before accounts were bound: the file's owner binds its
        // coordinator to their own account, once; nobody else claims anyone.
        const std::string owner = s.file_owner();
        if (p.role != Role::Coordinator || account != me || owner.empty() || owner != me)
            throw InputError("Personne n'a encore de compte dans cette équipe : seul le propriétaire du fichier de la campagne" +
                             (owner.empty() ? std::string() : " (compte « " + owner + " »)") +
                             " lie d'abord un coordonnateur à son propre compte, depuis ce compte ; « " + p.name + " » " +
                             (p.role == Role::Coordinator
                                  ? "ne peut donc pas recevoir le compte « " + account + " » depuis « " + me + " »."
                                  : "n'est pas coordonnateur.") +
                             " Rien n'a été enregistré.");
        acting = p.name;
    } else {
        acting = s.acting_person(actor);   // bound to the account running the command
        if (acting != canonical_person(team, actor)) throw InputError("« " + actor + " » n'agit pas depuis son compte.");
    }
    if (p.account.empty()) {
        // No account to change yet: a declaration, with its rules (the first is the coordinator's own).
        p.account = account;
        require(team.may_put_person(acting, me, p));
    } else {
        require(team.may_coordinate(acting));
        if (const Person* other = team.person_of_account(account); other && other->name != p.name)
            throw InputError("Le compte « " + account + " » est déjà celui de « " + other->name + " ».");
        // The coordinator moving their own account away from the one they act from would lock everybody out.
        // Not so on a server for a coordinator bound to root or postgres (a
        // file made as root, trial 15g G10): the campaign's owner, the
        // service, hands her to her own login, which `serveur roles` needs;
        // the owner keeps every right on the campaign anyway.
        const bool handed_by_owner = administrative_account(known->account) && s.store().owns_campaign();
        if (p.role == Role::Coordinator && team.person_of_account(me) == known && account != me && !handed_by_owner)
            throw InputError("Le coordonnateur change son propre compte depuis ce nouveau compte (vous agissez depuis « " + me +
                             " ») : sans quoi plus personne ne pourrait agir sur la campagne.");
        p.account = account;
    }
    // Journaled as every declaration: role — organisation — compte, before and after.
    s.store().put_person(p, journal_text::signed_actor(acting, me));
}

RankingReading ranking_reading(Session& s) {
    const Ranking& r = s.ranking();
    std::vector<bool> readable;
    readable.reserve(r.ranked.size());
    for (const auto& e : r.ranked) readable.push_back(s.reading(s.dossiers()[e.dossier].id).others);
    return ranking_reading(readable);
}

void require_reads_everything(Session& s, const std::string& what) {
    // On a server the role's own reading may be partial, whoever is named (trial 23 M2: the
    // coverage and the map ranked on an instructor's part of the ratings).
    if (auto partial = s.store().partial_reading(); !partial.empty()) throw InputError(partial);
    if (!s.reader()) return;   // nobody declared: one person reads all
    for (const auto& d : s.dossiers()) {
        DossierReading r = s.reading(d.id);
        if (r.others) continue;
        std::string why = r.why;
        if (!why.empty() && why.back() == '.') why.pop_back();
        if (!r.others)
            throw InputError(what + " donne les totaux et les rangs de tous les dossiers ; « " + *s.reader() +
                             " » ne lit pas ceux du dossier « " + d.reference + " » (" + why +
                             ") : ce document revient à qui lit tous les dossiers, le coordonnateur. Rien n'a été écrit.");
    }
}

}  // namespace cotation

namespace cotation {

Organisation Session::organisation_of(std::int64_t dossier_id) const {
    const Dossier* d = dossier_by_id(dossier_id);
    return d ? identity_of(*d) : Organisation{};
}

std::vector<std::string> Session::outside_changes() const {
    auto out = store_->outside_changes();
    for (auto& broken : decision_rule_breaks()) out.push_back(std::move(broken));
    out.insert(out.end(), unreadable_.begin(), unreadable_.end());
    return out;
}

std::string Session::outside_change_warning() const {
    auto changed = outside_changes();
    if (changed.empty()) return "";
    std::string text = "ATTENTION : la campagne a été modifiée hors de Cotation ; le classement est calculé sur des données "
                       "dont le journal ne répond plus :";
    for (std::size_t i = 0; i < changed.size() && i < 20; ++i) text += "\n  " + changed[i];
    if (changed.size() > 20) text += "\n  … et " + std::to_string(changed.size() - 20) + " autres";
    return text + "\nFaites vérifier le journal (cotation journal verify) ; décisions et documents sont refusés d'ici là.";
}

std::string Session::clock_warning() const {
    const JournalHead head = store_->journal_head();
    return clock_behind_warning(head.entries, head.at, utc_now_iso());
}

void Session::require_no_outside_change(const std::string& refused) const {
    auto problems = outside_changes();
    if (problems.empty()) return;
    std::string text;
    for (std::size_t i = 0; i < problems.size() && i < 20; ++i) text += "\n  " + problems[i];
    if (problems.size() > 20) text += "\n  … et " + std::to_string(problems.size() - 20) + " autres";
    throw InputError("La campagne " + fr::quote_path(campaign_for_command(path_)) +
                     " a été modifiée hors de Cotation (données, décisions ou "
                     "protection dont le journal ne répond plus) ; " +
                     refused + " :" + text + "\nLe coordonnateur fait vérifier le journal (cotation journal verify " +
                     campaign_for_command(path_) + ") et reprend la dernière sauvegarde de la campagne.");
}

}  // namespace cotation
