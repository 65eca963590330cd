#include "journal_copies.h"

#include <algorithm>
#include <cctype>

namespace cotation::journal_copies {

namespace {
std::string quoted(const std::string& s) { return "« " + s + " »"; }

// What share.cpp writes: « copie de « SOURCE » : journal repris tel quel (N entrées, tête … ».
struct CopyText {
    std::string source;
    long long entries = -1;
};
std::optional<CopyText> copy_text(const std::string& text) {
    const std::string head = "copie de « ", mid = " » : journal repris tel quel (";
    if (text.rfind(head, 0) != 0) return std::nullopt;
    const auto m = text.rfind(mid);
    if (m == std::string::npos || m < head.size()) return std::nullopt;
    CopyText c;
    c.source = text.substr(head.size(), m - head.size());
    std::size_t at = m + mid.size(), end = at;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    if (end == at || end - at > 15 || text.compare(end, 1, " ") != 0) return std::nullopt;
    c.entries = std::stoll(text.substr(at, end - at));
    return c;
}
}  // namespace

int schema_number(const std::string& text) {
    const std::string mark = "schéma ";
    if (text.rfind(mark, 0) != 0) return 0;
    std::size_t end = mark.size();
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    if (end == mark.size() || end - mark.size() > 4) return 0;
    return std::stoi(text.substr(mark.size(), end - mark.size()));
}

bool from_server(const JournalRecord& copy) {
    auto c = copy_text(copy.new_value);
    return c && (c->source.rfind("postgresql://", 0) == 0 || c->source.rfind("postgres://", 0) == 0);
}

std::string copy_refusal(const JournalRecord& e, JournalHome written_in, const Team& team) {
    auto c = copy_text(e.new_value);
    if (!c)
        return "une copie dit ce qu'elle a copié (« copie de « SOURCE » : journal repris tel quel (N entrées, tête … ») »), "
               "et celle-ci dit " + quoted(e.new_value);
    if (c->entries != e.seq - 1)
        return "une copie reprend tout le journal qui la précède (" + std::to_string(e.seq - 1) +
               " entrées ici), et celle-ci dit en avoir repris " + std::to_string(c->entries);
    // `exporter` makes a file of a server's campaign, `partager` a server's campaign of a file.
    const bool server_source = from_server(e);
    if (server_source == (written_in == JournalHome::Server))
        return std::string("une copie écrite ") + (server_source ? "sur un serveur" : "dans un fichier") +
               " vient d'" + (server_source ? "un fichier" : "un serveur") + " (cotation " +
               (server_source ? "partager" : "exporter") + "), et celle-ci dit venir de " + quoted(c->source) +
               " : elle n'est pas là où une copie commence une campagne";
    // Signed by the account that made it: « NOM (compte LOGIN) » or « compte LOGIN[ (rôle « R » du serveur)] ».
    EntryAuthor copier = entry_author(e.actor);
    if (copier.account.empty() && e.actor.rfind("compte ", 0) == 0) {
        copier.person.clear();
        const auto paren = e.actor.find(" (");
        copier.account = e.actor.substr(7, paren == std::string::npos ? std::string::npos : paren - 7);
    }
    if (copier.account.empty())
        return "une copie est signée du compte qui l'a faite (« NOM (compte LOGIN) » ou « compte LOGIN »), et son auteur " +
               quoted(e.actor) + " n'en dit aucun";
    if (!team.accounts_declared()) return "";
    // A person it names is the one of that account (a name is typed, --par). The account
    // itself may be outside the team: the IT service copies (docs/serveur.md, steps 4 and 5;
    // trial 15 M1), and a copy gains its author nothing: the entries before it are judged by
    // the rules of the home they were written in (JournalReplay::feed).
    const Person* p = copier.person.empty() ? nullptr : team.person(copier.person);
    if (p && p->account != copier.account)
        return quoted(p->name) + (p->account.empty() ? std::string(" n'avait pas de compte lié à cette date")
                                                     : " avait à cette date le compte " + quoted(p->account)) +
               ", pas le compte " + quoted(copier.account) + " que dit la copie";
    return "";
}

std::string migration_refusal(const JournalRecord& e, int migrated_to, bool rows_seen, const KnownSchemas& known) {
    const int from = schema_number(e.old_value), to = schema_number(e.new_value);
    const std::string said = quoted(e.old_value) + " → " + quoted(e.new_value.substr(0, e.new_value.find(" — ")));
    if (from == 0 || to <= from || to <= migrated_to)
        return "une migration fait passer le schéma au-delà de celui qu'a atteint la précédente, et celle-ci dit " + said +
               (migrated_to ? " après une migration au schéma " + std::to_string(migrated_to) : std::string());
    if (known.highest == 0) return "";
    if (to > known.highest)
        return "aucune migration de Cotation n'atteint le schéma " + std::to_string(to) + " (cette version va jusqu'au schéma " +
               std::to_string(known.highest) + "), et celle-ci dit " + said;
    if (e.tables.empty()) return "";
    // Before the ledger: the first digests of every row, before any entry carried one.
    if (from < known.ledger) {
        if (!rows_seen) return "";
        return "une migration d'un schéma antérieur aux empreintes (" + said +
               ") vient avant toute entrée qui porte des empreintes de lignes, et celle-ci vient après";
    }
    // The server's digests of schema 12 rendered anew (pg_store.cpp).
    if (from == known.ledger && e.new_value.find("instants des empreintes") != std::string::npos) return "";
    // The organisation's key given to the dossiers and links written before it
    // (sqlite_schema.cpp, pg_store.cpp), on their rows only.
    auto crosses = [&](int keys) { return keys > 0 && from < keys && to >= keys; };
    const bool keys_only = std::all_of(e.tables.begin(), e.tables.end(),
                                       [](const std::string& t) { return t == "dossier" || t == "conflict"; });
    if (keys_only && (crosses(known.organisation_keys_file) || crosses(known.organisation_keys_server))) return "";
    return "elle porte l'empreinte d'une ligne de la table « " + e.tables.front() + " », alors que les migrations de Cotation " +
           "après le schéma " + std::to_string(known.ledger) +
           " n'ajoutent que des colonnes vides et n'écrivent aucune ligne, hors la clé de l'organisme des dossiers et des "
           "liens d'intérêts (celle-ci dit " + said + ")";
}

}  // namespace cotation::journal_copies
