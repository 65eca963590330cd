#pragma once
// The command line's declarative layer over CLI11. A command declares its
// positionals and options once, with their French help; the parsing, the
// generated help and every usage error (exit 2: unknown option or argument,
// missing value, option given twice, missing required option) come from that
// declaration. A command is a few lines in the file of its area:
//
//   cli.command("rank", Area::Results, "classement (recevables puis irrecevables)")
//       .file()
//       .flag("--csv", "au format CSV (séparateur ;)")
//       .run([](const Args& a) { ... return 0; });
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace cotation::report {
struct DocumentBatch;
}

namespace cotation {
class Session;
struct Dossier;
}

namespace cotation::cli {

// The command line itself is wrong (exit 2).
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The sections of the general help, in this order.
enum class Area { Campaign, Dossiers, Results, Team, Procedure, Journal, Territory };

class Command;

// What a handler reads: the values of its command's declared arguments, by
// their first name ("FICHIER", "--dossier").
class Args {
public:
    explicit Args(const Command& c) : c_(c) {}
    const std::string& file() const;                                             // the FICHIER positional
    std::string get(const std::string& name, const std::string& fallback = "") const;   // once-only value
    std::vector<std::string> all(const std::string& name) const;                 // every value, in order
    bool has(const std::string& name) const;                                     // given at least once
    // The option's value, which the command cannot do without in this use
    // (e.g. --critere with --dossier): a usage error naming it otherwise.
    std::string need(const std::string& name, const std::string& when) const;
    // Who records the change. Without a team: --par, else
    // $COTATION_UTILISATEUR, else $USER. With a declared team: the person
    // bound to the system account running the command; --par or
    // COTATION_UTILISATEUR, when given, must name that person (issue 13.4).
    std::string actor(const Session& s) const;
    std::string actor() const;   // no campaign yet (cotation new)
    // Who reads (blind rating, declared links): as who acts; nullopt without a team.
    std::optional<std::string> reader(const Session& s) const;
    // The name said by --par, else COTATION_UTILISATEUR ("" when neither).
    std::string claimed() const;

private:
    const Command& c_;
    mutable bool warned_ = false;   // the outside-change warning, said once (actor(const Session&))
};

class Command {
public:
    using Handler = std::function<int(const Args&)>;

    // Positionals, in order.
    Command& file(const std::string& help = "fichier de la campagne");   // FICHIER
    Command& positional(const std::string& name, const std::string& help);   // required
    Command& positionals(const std::string& name, const std::string& help);  // zero or more
    // Options. `names`: "--appel,--call"; `value`: how the help names the value.
    Command& option(const std::string& names, const std::string& value, const std::string& help);     // at most once
    Command& required(const std::string& names, const std::string& value, const std::string& help);   // exactly once
    Command& repeated(const std::string& names, const std::string& value, const std::string& help);   // any number
    Command& flag(const std::string& names, const std::string& help);
    // --par NOM: the command records a change under someone's name.
    Command& acting();
    Command& run(Handler h);

    // Used by the parser and the help.
    const std::string& path() const { return path_; }   // "grid apply"
    const CLI::App* app() const { return app_; }
    std::string synopsis() const;                       // "FICHIER --out DOSSIER [--dossier REF]"
    std::vector<std::string> synopsis_parts() const;    // "FICHIER", "--out DOSSIER", "[--dossier REF]"
    std::string valid_options() const;                  // "--csv, --marges, -h/--help"

private:
    friend class Cli;
    friend class Args;
    enum class Kind { Positional, Positionals, Option, Required, Repeated, Flag };
    struct Arg {
        Kind kind;
        std::string name, value;   // first name; value label
        CLI::Option* opt = nullptr;
    };
    Command(CLI::App* app, std::string path) : app_(app), path_(std::move(path)) {}
    Command& add(Kind kind, const std::string& names, const std::string& value, const std::string& help);
    const Arg& arg(const std::string& name) const;
    void check() const;   // counts, extras: after parsing

    CLI::App* app_;
    std::string path_;
    std::vector<Arg> args_;
    Handler handler_;
};

class Cli {
public:
    Cli();
    ~Cli();
    // `path`: "rank", or "grid check" for a command under a group of commands.
    Command& command(const std::string& path, Area area, const std::string& summary);
    // A group of commands ("grid", "journal") and what it does.
    void group(const std::string& name, Area area, const std::string& summary);
    int main(int argc, char** argv);   // the exit code: 0, 1 (data) or 2 (usage)

private:
    Command* selected() const;
    std::string prefix() const;
    std::string help(const CLI::App* app) const;
    std::unique_ptr<CLI::App> app_;
    std::vector<std::unique_ptr<Command>> commands_;
};

// Prints a batch's warnings and failures (stderr) after the files written;
// the exit code: 0, or 1 when a document could not be written.
int report_batch(const report::DocumentBatch& b);

// The dossier a command names by its reference (« Dossier « X » inconnu de la campagne. » otherwise).
// A copy: a write reloads the campaign when another program changed it, which
// would leave a reference into the old snapshot dangling (two `decide` at once
// printed freed memory).
Dossier dossier_of(const Session& s, const std::string& reference);
// The dossier `--dossier` names, as the campaign spells its reference (« act-2023-01 »
// is ACT-2023-01 in every command, trial 13H); "" when the option is not given.
std::string only_dossier(const Session& s, const Args& a);

// The commands of each area (one file each).
void add_campaign_commands(Cli& cli);
void add_dossier_commands(Cli& cli);
void add_results_commands(Cli& cli);
void add_team_commands(Cli& cli);
void add_procedure_commands(Cli& cli);
void add_journal_commands(Cli& cli);
void add_territory_commands(Cli& cli);
void add_server_commands(Cli& cli);   // COTATION_POSTGRESQL builds only
void add_order_commands(Cli& cli);
void add_document_commands(Cli& cli);

}  // namespace cotation::cli
