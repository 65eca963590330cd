// The team: users, assign, conflict, submit.
#include <iostream>

#include "core/journal_grammar.h"
#include "core/error.h"
#include "core/french.h"
#include "app/accounts.h"
#include "app/input.h"
#include "core/people.h"
#include "app/session.h"
#include "cli/command.h"
#include "store/journal.h"
#include "store/pg_store.h"

namespace cotation::cli {

namespace {

// On a server, a person added or bound to another account has the rights of
// their role only once the team's rights are applied again (trial 15d:
// `users --ajouter` said nothing of it, and the person's first command was refused).
void rights_reminder(Session& s, const std::string& campaign, const std::string& person) {
    if (!is_pg_uri(campaign)) return;
    std::string shown = parse_pg_uri(campaign).shown;
    // Said to another than the owner (the coordinator), the address under the service's account
    // (trial 15f F1, trial 23 m5: hers, given as is, would fail).
    const bool owner = s.store().owns_campaign();
    if (!owner)
        if (auto scheme = shown.find("://"); scheme != std::string::npos) {
            const auto at = shown.find('@', scheme + 3), slash = shown.find('/', scheme + 3);
            const bool user = at != std::string::npos && (slash == std::string::npos || at < slash);
            shown.replace(scheme + 3, user ? at - scheme - 3 : 0, user ? "COMPTE_DU_SERVICE" : "COMPTE_DU_SERVICE@");
        }
    std::cout << "Campagne partagée : la base du serveur ne donne à « " << person
              << " » les droits de son rôle qu'une fois les droits de l'équipe appliqués de nouveau. Le service (compte "
                 "propriétaire de la campagne) lance : cotation serveur roles "
              << fr::shell_word(shown) << " --appliquer";
    if (!owner) std::cout << " ; votre propre compte n'a pas le droit de créer les rôles (CREATEROLE)";
    std::cout << " (docs/serveur.md, étape 4).\n";
}

int users(const Args& a) {
    auto s = Session::open(a.file());
    // A login unknown here is refused before anything is written, unless the
    // coordinator says the person works from another workstation (trial 13 F18).
    // (A login that cannot be one is refused first, in the session, with its own reason.)
    // On a server the account is a PostgreSQL role (docs/serveur.md, step 3), checked after the write.
    const bool served = is_pg_uri(a.file());
    if (std::string login = fr::trim(a.get("--compte"));
        !served && !login.empty() && !a.has("--autre-poste") && account_refusal(login).empty())
        if (std::string why = unknown_account_refusal(login, a.has("--ajouter")    ? a.get("--ajouter")
                                                             : a.has("--modifier") ? a.get("--modifier")
                                                                                   : a.get("--changer-compte"));
            !why.empty())
            throw InputError(why);
    if (a.has("--ajouter")) {
        Role role = input::role("--role", a.need("--role", "avec --ajouter"));
        bool deliberative =
            input::one_of("--voix", a.get("--voix", "deliberative"), {"deliberative", "consultative"}) == "deliberative";
        s->add_person({a.get("--ajouter"), role, a.get("--organisation"), deliberative, a.get("--compte")}, a.actor(*s));
        std::cout << "« " << canonical_person(s->team(), a.get("--ajouter")) << " » déclaré(e) : " << role_label(role)
                  << " (inscrit au journal). L'équipe :\n";
        rights_reminder(*s, a.file(), a.get("--ajouter"));
    } else if (a.has("--modifier")) {
        // Only what is given changes, journaled before and after (trial 15g G4).
        Session::PersonChange change;
        if (a.has("--role")) change.role = input::role("--role", a.get("--role"));
        if (a.has("--organisation")) change.organisation = a.get("--organisation");
        if (a.has("--voix"))
            change.deliberative =
                input::one_of("--voix", a.get("--voix"), {"deliberative", "consultative"}) == "deliberative";
        // A first account, as docs/equipe.md says (trial of issue 12: --compte was refused here).
        if (a.has("--compte")) change.account = a.get("--compte");
        if (!change.role && !change.organisation && !change.deliberative && !change.account)
            throw UsageError("--modifier NOM s'emploie avec --role, --organisation, --voix ou --compte (ce qui change).");
        s->change_person(a.get("--modifier"), change, a.actor(*s));
        std::cout << "Fiche de « " << canonical_person(s->team(), a.get("--modifier")) << " » modifiée (inscrit au journal).\n";
        if (change.role || change.account) rights_reminder(*s, a.file(), canonical_person(s->team(), a.get("--modifier")));
    } else if (a.has("--changer-compte")) {
        // A team without any account yet: the file's owner binds its coordinator (checked there).
        const std::string actor = s->team().accounts_declared() ? a.actor(*s) : a.claimed();
        change_account(*s, a.get("--changer-compte"), a.need("--compte", "avec --changer-compte"), actor);
        std::cout << "Compte de « " << canonical_person(s->team(), a.get("--changer-compte"))
                  << " » changé (inscrit au journal).\n";
        rights_reminder(*s, a.file(), canonical_person(s->team(), a.get("--changer-compte")));
        s = Session::open(a.file());   // the listing below shows the change
    } else if (a.has("--compte")) {
        throw UsageError(
            "--compte s'emploie avec --ajouter NOM (nouvelle personne) ou --changer-compte NOM (changement par le "
            "coordonnateur).");
    }
    // Declared for another workstation (--autre-poste): said again.
    if (std::string login = fr::trim(a.get("--compte")); !login.empty() && served) {
        if (!pg_login_role_exists(a.file(), login))
            std::cout << "Attention : le serveur n'a pas encore de rôle de connexion « " << login
                      << " » : le service le crée (createuser " << fr::shell_word(login)
                      << ", docs/serveur.md, étape 3) avant d'appliquer les droits de l'équipe.\n";
    } else if (!login.empty() && !account_exists(login))
        std::cout << "Attention : aucun compte « " << login << " » n'existe sur ce poste ; la personne ne pourra agir "
                     "que depuis un poste où ce compte existe.\n";
    if (!s->team().open_mode() && !s->team().accounts_declared())
        std::cout
            << "Personne n'a de compte dans cette équipe : personne ne peut agir. Le propriétaire du fichier de la campagne "
               "lie d'abord le coordonnateur à son propre compte : cotation users FICHIER --changer-compte NOM --compte "
            << Session::os_login() << ".\n";
    if (s->team().open_mode()) {
        std::cout << "Aucune personne déclarée : la campagne est instruite par une seule personne, sans contrôle des rôles.\n";
        return 0;
    }
    // Who bound each coordinator to its account, on its line: on a shared
    // folder the first binding decides who controls the campaign (trial 13
    // R1); a line of its own read as the coordinator's repeated (trial 1011G m19).
    std::map<std::string, std::string> bound;
    for (const auto& b : account_bindings(s->store().journal(journal_text::kPeople)))
        if (const Person* p = s->team().person(b.person); p && p->role == Role::Coordinator && p->account == b.account)
            bound[b.person] = " (lié par le compte " + (b.by_account.empty() ? std::string("inconnu") : b.by_account) +
                              (b.on.empty() ? "" : " le " + b.on) + ", journal)";
    for (const auto& [name, p] : s->team().people) {
        std::size_t assigned = 0, owed = 0;
        for (const auto& [id, reviewers] : s->team().assignments)
            if (reviewers.count(name)) {
                ++assigned;
                auto sub = s->team().submitted.find(id);
                if (sub == s->team().submitted.end() || !sub->second.count(name)) ++owed;
            }
        std::cout << name << " — " << role_label(p.role)
                  << (p.role == Role::CommitteeMember && !p.deliberative ? " (voix consultative)" : "")
                  << (p.organisation.empty() ? "" : ", " + p.organisation)
                  << (p.account.empty()
                          ? ", sans compte (personne n'agit en son nom ; le coordonnateur le lie avec --changer-compte)"
                          : ", compte " + p.account + (bound.count(name) ? bound.at(name) : ""));
        if (p.role == Role::Instructor)
            std::cout << " — " << fr::plural(assigned, "dossier") << " " << fr::agree(assigned, "affecté") << ", " << owed
                      << " à soumettre";
        std::cout << "\n";
    }
    for (const auto& c : s->team().conflicts)
        std::cout << "Lien déclaré : " << c.reviewer << " / " << c.organisme << " — " << c.declaration << " ("
                  << c.declared_on.french_numeric() << ", " << c.declared_by << ")\n";
    return 0;
}

int assign(const Args& a) {
    auto s = Session::open(a.file());
    const Dossier d = dossier_of(*s, a.get("--dossier"));
    s->assign(d.id, a.get("--evaluateur"), !a.has("--retirer"), a.actor(*s));
    std::cout << (a.has("--retirer") ? "Affectation retirée.\n" : "Dossier affecté.\n");
    return 0;
}

int conflict(const Args& a) {
    auto s = Session::open(a.file());
    s->declare_conflict(a.get("--evaluateur"), a.get("--organisme"), a.get("--declaration"), a.actor(*s));
    const ConflictDeclaration& c = s->team().conflicts.back();
    const auto covered = covered_references(c, s->dossiers());
    if (covered.empty())
        std::cout << "Lien déclaré et enregistré avec « " << c.organisme << " », dont aucun dossier n'est encore enregistré : "
                  << "il couvrira ceux qui le seront sous ce nom" << (c.identifiers.empty() ? "" : " ou cet identifiant")
                  << ".\n";
    else {
        std::string list;
        for (const auto& r : covered) list += (list.empty() ? "" : ", ") + r;
        std::cout << "Lien déclaré et enregistré avec « " << c.organisme << " » ; il couvre "
                  << fr::plural(covered.size(), "dossier") << " (" << list << ") ; les affectations concernées sont retirées.\n";
    }
    return 0;
}

int submit(const Args& a) {
    auto s = Session::open(a.file());
    const Dossier d = dossier_of(*s, a.get("--dossier"));
    std::string who = a.actor(*s);
    s->submit(d.id, who, who);
    std::cout << "Notes soumises ; les notes des autres évaluateurs de ce dossier sont désormais visibles.\n";
    return 0;
}

}  // namespace

void add_team_commands(Cli& cli) {
    cli.command("users", Area::Team, "personnes de la campagne, charge et notes dues ; avec --ajouter, déclare une personne")
        .file()
        .option("--ajouter", "NOM", "personne à déclarer (avec --role)")
        .option("--role", "coordonnateur|instructeur|commission", "son rôle")
        .option("--organisation", "ORG", "son organisation")
        .option("--voix", "deliberative|consultative", "voix d'un membre de commission (défaut : deliberative)")
        .option("--compte", "LOGIN", "compte du système depuis lequel la personne agit (le premier : celui du coordonnateur)")
        .option("--modifier", "NOM",
                "change le rôle (--role), l'organisation, la voix ou lie un premier compte (--compte) d'une personne déclarée : "
                "seul ce qui est donné (au journal)")
        .option("--changer-compte", "NOM",
                "le coordonnateur change le compte d'une personne déclarée (avec --compte, au journal)")
        .flag("--autre-poste", "le compte de --compte existe sur un autre poste du partage, pas sur celui-ci")
        .acting()
        .run(users);
    cli.command("assign", Area::Team, "affecte un dossier à un instructeur (ou retire l'affectation)")
        .file()
        .required("--dossier", "REF", "dossier à affecter")
        .required("--evaluateur", "NOM", "instructeur")
        .flag("--retirer", "retire l'affectation au lieu de la faire")
        .acting()
        .run(assign);
    cli.command("conflict", Area::Team, "déclare un lien d'intérêts (daté, au journal)")
        .file()
        .required("--evaluateur", "NOM", "personne qui déclare le lien")
        .required("--organisme", "ORG", "organisme candidat concerné")
        .required("--declaration", "TEXTE", "nature et période du lien")
        .acting()
        .run(conflict);
    cli.command("submit", Area::Team, "soumet ses notes d'un dossier (les autres deviennent visibles)")
        .file()
        .required("--dossier", "REF", "dossier noté")
        .acting()
        .run(submit);
}

}  // namespace cotation::cli
