#pragma once
// The people of a campaign and what each may do. Pure rules: the session asks
// them before writing anything.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "date.h"
#include "french.h"

namespace cotation {

enum class Role { Coordinator, Instructor, CommitteeMember };
const char* role_label(Role r);   // as shown: "coordonnateur", … (enums.h)
const char* role_code(Role r);    // as stored: "coordinateur", …
std::optional<Role> role_from_text(const std::string& text);

struct Person {
    std::string name;
    Role role = Role::Instructor;
    std::string organisation;   // "ARS", "Département", …
    // A committee member votes (voix délibérative) or advises (voix
    // consultative), art. R. 313-1, II and III.
    bool deliberative = true;
    // The operating-system account this person works from on a campaign file
    // (`cotation users --ajouter NOM --compte LOGIN`); empty: none declared.
    std::string account = {};
};

struct ConflictDeclaration {
    std::string reviewer, organisme, declaration, declared_by;
    Date declared_on;
    // The organisation's identifiers when known (« siren:419514906 finess:840000012 »,
    // read_rules.h): a link covers every dossier of that SIREN or FINESS,
    // whatever name it is filed under (trial 13b F8).
    std::string identifiers = {};
};

// Whom a dossier is filed by, as a declared link is matched against it:
// its name and identifiers (read_rules.h: identity_of(const Dossier&)).
struct Organisation {
    std::string name, siret, finess;
    Organisation() = default;
    Organisation(std::string n, std::string s, std::string f) : name(std::move(n)), siret(std::move(s)), finess(std::move(f)) {}
    // A name alone, for tests and literals only: a std::string does not
    // convert, so that no caller forgets the identifiers of a dossier.
    Organisation(const char* n) : name(n) {}   // NOLINT(google-explicit-constructor)
};

// Everything needed to decide who may do what.
struct Team {
    // In French collation order (fr::collate_less): every list of people reads so.
    std::map<std::string, Person, fr::CollateLess> people;
    std::map<std::int64_t, std::set<std::string>> assignments;     // dossier id -> reviewers
    std::vector<ConflictDeclaration> conflicts;
    std::map<std::int64_t, std::set<std::string>> submitted;       // dossier id -> reviewers who submitted

    // No people declared: a single instructor works alone, nothing is checked.
    bool open_mode() const { return people.empty(); }
    const Person* person(const std::string& name) const;
    bool in_conflict(const std::string& reviewer, const Organisation& organisation) const;
    // The link a refusal names: « « LIEN » », and when it covers the dossier under
    // another name or by its SIREN or FINESS, « « LIEN », qui couvre « ORGANISME » »
    // (trial 15: the refusal named the dossier's organisation alone, never declared).
    std::string link_text(const std::string& reviewer, const Organisation& organisation) const;

    // Each returns an empty string when allowed, else the reason in French.
    std::string may_coordinate(const std::string& actor) const;
    // Dossiers are registered and completed by instructors and the coordinator.
    std::string may_instruct(const std::string& actor) const;
    std::string may_rate(const std::string& actor, const std::string& reviewer, std::int64_t dossier,
                         const Organisation& organisation) const;
    std::string may_assign(const std::string& actor, const std::string& reviewer, const Organisation& organisation) const;
    // ---- Who is acting (issue 13.4) ----
    // A declared team binds every action to the account it comes from: a
    // person without an account is claimed by nobody (the coordinator binds
    // them). Without people (open mode) one person works alone, named freely.
    bool accounts_declared() const;   // at least one person has an account
    const Person* person_of_account(const std::string& login) const;
    // The person acting from `login` when `claimed` (--par, may be empty) is
    // said: the bound person, or the refusal in `why`. Open mode: `claimed`.
    std::optional<std::string> identify(const std::string& claimed, const std::string& login, std::string& why) const;
    // May `actor` (acting from `login`) declare or change `p`? Only the
    // coordinator changes roles and accounts; the first account declared is
    // the coordinator's own, from the account running the command, so that
    // nobody binds a campaign they then cannot act on.
    // `by_owner`: the campaign's owner acts (on a server, the service's role that
    // owns the campaign): it may bind the first coordinator to another account
    // than its own (trial 15f F1: the service's account is never hers).
    std::string may_put_person(const std::string& actor, const std::string& login, const Person& p,
                               bool by_owner = false) const;
    // May `actor` record the link `reviewer` declares? The person is declared,
    // one declares for oneself unless coordinating, the link is described
    // (nature, period) and not dated after `today`.
    std::string may_declare_conflict(const std::string& actor, const std::string& reviewer,
                                     const std::string& declaration, const std::optional<Date>& signed_on,
                                     const Date& today) const;

    // Blind rating: a reviewer sees the others' ratings of a dossier only
    // after submitting theirs, and never when in conflict with its organisme.
    bool sees_others(const std::string& viewer, std::int64_t dossier, const Organisation& organisation) const;
};

}  // namespace cotation
