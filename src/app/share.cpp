#include "share.h"

#include <pwd.h>
#include <unistd.h>

#include "campaign_check.h"
#include "core/journal_grammar.h"
#include "core/error.h"
#include "core/french.h"
#include "core/people.h"
#include "session.h"
#include "store/campaign_copy.h"
#include "store/open_store.h"
#include "store/pg_store.h"
#include "core/invisible.h"

namespace cotation {

namespace {
// Who copied, when no name was given (trial 15 F9: « inconnu » for root or a
// service account outside the team): the system account, and the server's
// role when it is another.
// A name given (--par) is said with the account it came from, as every
// entry of a person is (« NOM (compte LOGIN) »): trial 15d F4, the copy was
// signed « claire », the session's $USER, under another account.
std::string copier(const std::string& actor, const std::string& server) {
    // No name but the account's own (the command line's fallback, #17): said as the account.
    const std::string login = Session::os_login();
    std::string role;
    if (auto f = server_campaign_fields(server)) role = f->user;
    if (!actor.empty() && actor != "inconnu" && actor != login)
        return journal_text::signature_of(actor).account.empty() ? journal_text::signed_actor(actor, login) : actor;
    return "compte " + login + (role.empty() || role == login ? "" : " (rôle « " + role + " » du serveur)");
}
}  // namespace

CopyReport copy_campaign(const std::string& from, const std::string& to, const std::string& actor) {
    bool from_server = names_server_campaign(from), to_server = names_server_campaign(to);
    if (from_server == to_server)
        throw InputError("La copie va d'un fichier vers un serveur ou l'inverse : « " + from + " » et « " + to +
                         " » sont tous deux " + (from_server ? "des adresses de serveur." : "des fichiers."));
    std::string source_name = from_server ? parse_pg_uri(from).shown : from;   // never a password
    CopyReport report;
    {
        // The very verification of `journal verify` (issue 15 G1: a decision of 500 places typed in SQL was
        // copied, « Journal de la source vérifié », the copies' check skipping the decision rules).
        JournalCheck check = check_campaign(from, std::nullopt, false).journal;
        if (!check.ok) {
            std::string listed;
            for (std::size_t i = 0; i < check.problems.size() && i < 20; ++i) listed += "\n  " + check.problems[i];
            if (check.problems.size() > 20) listed += "\n  … et " + std::to_string(check.problems.size() - 20) + " autres";
            throw InputError("Le journal de " + fr::quote_path(source_name) + " ne se vérifie pas (" + check.problems.front() +
                             ") ; rien n'a été copié. cotation journal verify dit « Journal ALTÉRÉ (" +
                             fr::plural(check.entries, "entrée") + " " + fr::agree(check.entries, "lue") + ") » :" + listed +
                             "\nLe coordonnateur fait vérifier le journal et reprend la dernière sauvegarde de la campagne.");
        }
    }
    CampaignRows rows = from_server ? read_server_rows(from) : read_file_rows(from);
    // A name given (--par) that is a person of the team bound to another account: the copy's entry would
    // say so, and the journal refuse it as not Cotation's (trial 23 m6). Said first, nothing copied.
    if (const std::string login = Session::os_login(); !actor.empty() && actor != "inconnu" && actor != login)
        if (const CopiedTable* people = rows.table("person"))
            for (const auto& row : people->rows) {
                std::string name, account;
                for (std::size_t i = 0; i < people->columns.size(); ++i) {
                    if (people->columns[i] == "name") name = row[i].value;
                    else if (people->columns[i] == "account") account = row[i].value;
                }
                if (!account.empty() && account != login &&
                    person_key(name) == person_key(journal_text::signature_of(actor).person))
                    throw InputError("--par nomme « " + name + " », liée au compte « " + account +
                                     " », et la copie se fait depuis le compte « " + login +
                                     " » : sans --par, elle est signée du compte qui la fait ; rien n'a été copié.");
            }
    report.source_entries = static_cast<std::int64_t>(rows.journal.size());
    if (!rows.journal.empty()) report.source_head = {rows.journal.back().seq, rows.journal.back().hash, {}};
    CopyNote note{copier(actor, from_server ? from : to), "campagne.copie", "campagne/copie", "",
                  "copie de " + fr::quote_path(source_name) + " : journal repris tel quel (" +
                      std::to_string(report.source_entries) + " entrées, tête " + report.source_head.short_text() + ")"};
    JournalCheck copy = to_server ? write_server_copy(to, rows, note) : write_file_copy(to, rows, note);
    report.copy_entries = copy.entries;
    report.copy_head = copy.head;
    if (const CopiedTable* t = rows.table("dossier")) report.dossiers = t->rows.size();
    if (const CopiedTable* t = rows.table("rating")) report.ratings = t->rows.size();
    if (const CopiedTable* t = rows.table("campaign"); t && !t->rows.empty())
        for (std::size_t i = 0; i < t->columns.size(); ++i) {
            if (t->columns[i] == "closed_at") report.closed = !t->rows[0][i].value.empty();
            else if (t->columns[i] == "reference") report.reference = t->rows[0][i].value;
        }
    return report;
}

}  // namespace cotation
