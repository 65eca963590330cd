// Campaigns on a PostgreSQL server (docs/serveur.md): partager, exporter.
#include <iostream>
#include <string>

#include "app/share.h"
#include "store/pg_store.h"
#include "cli/command.h"
#include "core/error.h"
#include "core/french.h"
#include "core/invisible.h"

namespace cotation::cli {

namespace {

int copy(const Args& a, bool to_server) {
    std::string from = a.get("SOURCE"), to = a.get("DESTINATION");
    if (to_server && (names_server_campaign(from) || !names_server_campaign(to)))
        throw UsageError(
            "cotation partager FICHIER postgresql://hôte/base?campagne=RÉF : le fichier d'abord, le serveur ensuite.");
    if (!to_server && (!names_server_campaign(from) || names_server_campaign(to)))
        throw UsageError(
            "cotation exporter postgresql://hôte/base?campagne=RÉF FICHIER : le serveur d'abord, le fichier ensuite.");
    // The name said (--par, COTATION_UTILISATEUR), never $USER: the account signs the copy (trial 15d F4).
    CopyReport r = copy_campaign(from, to, a.claimed());
    // French plural: 0 and 1 take the singular.
    auto count = [](auto n, const char* one, const char* many) { return std::to_string(n) + " " + (n > 1 ? many : one); };
    std::cout << (to_server  ? "Campagne partagée sur le serveur : "
                  : r.closed ? "Copie figée enregistrée : "
                             : "Copie enregistrée : ")
              << count(r.dossiers, "dossier", "dossiers") << ", " << count(r.ratings, "note", "notes")
              << (r.closed ? ", close comme la source" : "") << ".\n"
              << "Journal de la source vérifié et repris tel quel (" << count(r.source_entries, "entrée", "entrées") << ", tête "
              << r.source_head.text() << "), suivi d'une entrée pour la copie ; journal de la copie vérifié ("
              << count(r.copy_entries, "entrée", "entrées") << ", tête " << r.copy_head.text() << ").\n"
              << "La copie prolonge la tête de la source : cotation journal verify "
              << (to_server ? campaign_for_command(to) : to) << " --tete " << r.source_head.text() << "\n";
    // Two campaigns from here on, which nothing keeps together (trial 22 m5): said.
    if (to_server)
        std::cout << "Le fichier " << fr::quote_path(from) << " reste tel qu'il était, modifiable : l'équipe travaille "
                     "désormais sur le serveur ; gardez le fichier comme sauvegarde du partage, sans plus le modifier (ce qui "
                     "y serait changé ne passe pas sur le serveur).\n";
    else if (!r.closed)
        std::cout << "La campagne du serveur est ouverte : la copie l'est aussi, et ce qui y serait changé ne passe pas sur "
                     "le serveur. Pour une archive figée, le coordonnateur clôt la campagne (cotation close) avant de "
                     "l'exporter.\n";
    // The server's name is an address; the documents keep the campaign's reference (trial 15 F9).
    if (std::string name = parse_pg_uri(to_server ? to : from).campaign; !r.reference.empty() && name != r.reference)
        std::cout << "Attention : sur le serveur, la campagne s'appelle « " << name << " », mais sa référence reste « "
                  << r.reference << " » : c'est elle que portent ses documents et son classement.\n";
    return 0;
}

// The team's rights on the server, printed for the service to read, or applied.
int roles(const Args& a) {
    if (a.get("ACTION") != "roles")
        throw UsageError(
            "cotation serveur roles postgresql://hôte/base?campagne=RÉF [--appliquer] : seule l'action « roles » existe.");
    std::string uri = a.get("ADRESSE");
    if (!names_server_campaign(uri))
        throw UsageError("cotation serveur roles : « " + uri + " » n'est pas une adresse postgresql://hôte/base?campagne=RÉF.");
    if (!a.has("--appliquer")) {
        std::cout << pg_roles_sql(uri);
        return 0;
    }
    const auto missing = apply_pg_roles(uri);
    PgTeamRoles g = pg_team_roles(parse_pg_uri(uri).campaign);
    std::cout << "Droits de l'équipe appliqués par le serveur : groupes « " << g.coordinator << " », « " << g.instructor
              << " » et « " << g.committee << " ».\n";
    if (!missing.empty())
        std::cout << "Attention : le serveur n'a pas de rôle de connexion pour " << fr::join(missing, ", ", "et")
                  << (missing.size() > 1 ? " : ces personnes ne peuvent pas encore se connecter."
                                         : " : cette personne ne peut pas encore se connecter.")
                  << " Le service crée chaque rôle (createuser --pwprompt "
                     "LOGIN, et GRANT CONNECT ON DATABASE : docs/serveur.md, étape 3), puis relance cette commande.\n";
    return 0;
}

}  // namespace

void add_server_commands(Cli& cli) {
    cli.command("partager", Area::Campaign, "met une campagne sur un serveur PostgreSQL (copie vérifiée, journal compris)")
        .positional("SOURCE", "fichier de la campagne")
        .positional("DESTINATION", "adresse postgresql://hôte:port/base?campagne=RÉFÉRENCE (nouvelle campagne)")
        .acting()
        .run([](const Args& a) { return copy(a, true); });
    cli.command("exporter", Area::Campaign, "copie figée d'une campagne du serveur dans un fichier (archivage, journal compris)")
        .positional("SOURCE", "adresse postgresql://hôte:port/base?campagne=RÉFÉRENCE")
        .positional("DESTINATION", "fichier à créer (jamais écrasé)")
        .acting()
        .run([](const Args& a) { return copy(a, false); });
    cli.command("serveur", Area::Campaign, "droits de l'équipe sur une campagne du serveur (rôles PostgreSQL)")
        .positional("ACTION", "roles")
        .positional("ADRESSE", "adresse postgresql://hôte:port/base?campagne=RÉFÉRENCE")
        .flag("--appliquer", "les applique (sinon : affiche le SQL)")
        .run(roles);
}

}  // namespace cotation::cli
