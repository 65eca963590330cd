#include "command.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <utility>

#include "app/input.h"
#include "app/session.h"
#include "command_help.h"
#include "core/error.h"
#include "core/french.h"
#include "io/paths.h"
#include "io/terminal_output.h"
#include "report/documents.h"
#include "store/campaign_store.h"
#include "core/invisible.h"
#include "core/people.h"

#ifndef COTATION_VERSION
#define COTATION_VERSION "?"
#endif

namespace cotation::cli {

namespace {

// Option names as the help shows them: "--appel,--call" -> "--appel".
std::string first_name(const std::string& names) { return names.substr(0, names.find(',')); }

std::string guillemets(const std::string& s) { return fr::quote(s); }

}  // namespace

// A variable of the environment, refused when it is not UTF-8 (issue 13.13); "" when unset.
std::string checked_environment(const char* name);
void require_utf8_arguments(const std::vector<std::string>& args);

Dossier dossier_of(const Session& s, const std::string& reference) {
    auto i = s.find(reference);
    // Another spelling of a reference (case, spaces) is that dossier, as
    // the import compares them: two references never differ only so.
    if (!i) {
        const std::string key = fr::name_key(reference);
        for (std::size_t k = 0; k < s.dossiers().size() && !key.empty(); ++k)
            if (fr::name_key(s.dossiers()[k].reference) == key) i = k;
    }
    if (!i) throw InputError(unknown_dossier(reference));
    return s.dossiers()[*i];
}

std::string only_dossier(const Session& s, const Args& a) {
    return a.has("--dossier") ? dossier_of(s, a.get("--dossier")).reference : std::string();
}

// ---- Args ----

const std::string& Args::file() const {
    const auto& r = c_.arg("FICHIER").opt->results();
    static const std::string none;
    return r.empty() ? none : r.front();
}

namespace {
// Names, references and texts typed with decomposed accents (macOS writes
// them so) are the NFC ones (trial 13d F3); a path stays the system's bytes.
bool path_label(const std::string& label) {
    for (const char* path : {"FICHIER", "DOSSIER", "SOURCE", "DESTINATION", "ADRESSE"})
        if (label == path) return true;
    return label.find('.') != std::string::npos && label.find('=') == std::string::npos;   // « GRILLE.xml », « PV.pdf »
}
std::string typed_value(const std::string& name, const std::string& label, const std::string& v) {
    return path_label(name) || path_label(label) ? v : fr::nfc(v);
}
}  // namespace

std::string Args::get(const std::string& name, const std::string& fallback) const {
    const auto& a = c_.arg(name);
    const auto& r = a.opt->results();
    return r.empty() ? fallback : typed_value(a.name, a.value, r.front());
}

std::vector<std::string> Args::all(const std::string& name) const {
    const auto& a = c_.arg(name);
    std::vector<std::string> out;
    for (const auto& v : a.opt->results()) out.push_back(typed_value(a.name, a.value, v));
    return out;
}

bool Args::has(const std::string& name) const { return c_.arg(name).opt->count() > 0; }

std::string Args::need(const std::string& name, const std::string& when) const {
    std::string v = get(name);
    if (v.empty()) {
        const auto& a = c_.arg(name);
        throw UsageError("l'option " + a.name + " " + a.value + " est obligatoire " + when + " (usage : cotation " +
                         c_.path() + " " + c_.synopsis() + ")");
    }
    return v;
}

std::string Args::actor() const {
    // The name the journal records for the act: the rule of every name (trial 13g G2).
    auto named = [](const std::string& name, const char* source) {
        if (std::string why = name_refusal(name, std::string("Le nom donné par ") + source); !why.empty())
            throw InputError(why);
        return name;
    };
    std::string p = get("--par");
    if (!p.empty()) return named(p, "--par");
    if (std::string u = checked_environment("COTATION_UTILISATEUR"); !u.empty()) return named(fr::nfc(u), "COTATION_UTILISATEUR");
    if (std::string u = checked_environment("USER"); !u.empty()) return named(fr::nfc(u), "USER");
    // $USER empty or unset (a service, `env -i`, a cron job): the system
    // account running the command, never « inconnu » (#17).
    return Session::os_login();
}

std::string Args::actor(const Session& s) const {
    // A declared team: the person is the one bound to the system account
    // running the command; --par may only name that person (issue 13.4).
    std::string who = s.team().open_mode() ? actor() : s.acting_person(claimed());
    // A change to a campaign changed outside Cotation is made, but not in
    // silence (trial 13f F7: `param` said nothing): the warning `rank` prints.
    if (!warned_) {
        warned_ = true;
        if (std::string w = s.outside_change_warning(); !w.empty()) std::cerr << w << "\n";
        if (std::string w = s.clock_warning(); !w.empty()) std::cerr << w << "\n";   // trial 13f F8
    }
    return who;
}

std::string Args::claimed() const {
    // The name said (--par, else COTATION_UTILISATEUR): on a team, a claim
    // the account must match, never a proof.
    std::string p;
    try {
        p = get("--par");
    } catch (const std::logic_error&) {
    }
    if (!p.empty()) return p;
    return fr::nfc(checked_environment("COTATION_UTILISATEUR"));
}

std::optional<std::string> Args::reader(const Session& s) const {
    if (s.team().open_mode()) return std::nullopt;
    // Some reading commands take --par (journal show, rapports), others
    // (rank) only the account: who reads is bound to it as who acts is.
    return s.acting_person(claimed());
}

// ---- Command ----

Command& Command::add(Kind kind, const std::string& names, const std::string& value, const std::string& help) {
    CLI::Option* o = nullptr;
    std::string text = help;
    // No variable is bound (a non-const string argument would be taken for
    // one): handlers read the raw results through Args.
    switch (kind) {
        case Kind::Positional: o = app_->add_option(names)->required(); break;
        case Kind::Positionals:
            o = app_->add_option(names)->expected(0, CLI::detail::expected_max_vector_size)->allow_extra_args();
            break;
        case Kind::Flag: o = app_->add_flag(names); break;
        case Kind::Repeated: text += " (répétable)"; [[fallthrough]];
        case Kind::Option:
        case Kind::Required:
            // One value per occurrence, every occurrence kept: the counts are
            // checked here, with French messages, rather than by CLI11.
            o = app_->add_option(names)->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
            if (kind == Kind::Required) o->required();
            break;
    }
    o->description(text);
    o->type_name(value);
    args_.push_back({kind, first_name(names), value, o});
    return *this;
}

Command& Command::file(const std::string& help) { return positional("FICHIER", help); }
Command& Command::positional(const std::string& name, const std::string& help) { return add(Kind::Positional, name, "", help); }
Command& Command::positionals(const std::string& name, const std::string& help) { return add(Kind::Positionals, name, "", help); }
Command& Command::option(const std::string& n, const std::string& v, const std::string& h) { return add(Kind::Option, n, v, h); }
Command& Command::required(const std::string& n, const std::string& v, const std::string& h) {
    return add(Kind::Required, n, v, h);
}
Command& Command::repeated(const std::string& n, const std::string& v, const std::string& h) {
    return add(Kind::Repeated, n, v, h);
}
Command& Command::flag(const std::string& n, const std::string& h) { return add(Kind::Flag, n, "", h); }

Command& Command::acting() {
    option("--par", "NOM", "qui agit (défaut : COTATION_UTILISATEUR, sinon USER)");
    app_->footer(kActingFooter);
    return *this;
}

Command& Command::run(Handler h) {
    handler_ = std::move(h);
    return *this;
}

const Command::Arg& Command::arg(const std::string& name) const {
    for (const auto& a : args_)
        if (a.name == name) return a;
    // A handler reading an argument its command never declared: a programming error.
    throw std::logic_error("cotation " + path_ + " : argument non déclaré " + name);
}

std::string Command::synopsis() const { return fr::join(synopsis_parts(), " "); }

std::vector<std::string> Command::synopsis_parts() const {
    std::vector<std::string> parts;
    for (const auto& a : args_) {
        switch (a.kind) {
            case Kind::Positional: parts.push_back(a.name); break;
            case Kind::Positionals: parts.push_back("[" + a.name + "]..."); break;
            case Kind::Required: parts.push_back(a.name + " " + a.value); break;
            case Kind::Option: parts.push_back("[" + a.name + " " + a.value + "]"); break;
            case Kind::Repeated: parts.push_back("[" + a.name + " " + a.value + "]..."); break;
            case Kind::Flag: parts.push_back("[" + a.name + "]"); break;
        }
    }
    return parts;
}

std::string Command::valid_options() const {
    std::vector<std::string> names;
    for (const auto& a : args_)
        if (a.kind != Kind::Positional && a.kind != Kind::Positionals) names.push_back(a.opt->get_name(false, true));
    names.push_back("-h/--help");
    return fr::join(names, ", ");
}

void Command::check() const {
    // Unknown options first: a mistyped --out is the cause of a missing --out.
    std::vector<std::string> extra = app_->remaining();
    if (!extra.empty()) {
        std::vector<std::string> options, others;
        for (const auto& e : extra) {
            if (e.size() > 1 && e[0] == '-')
                options.push_back(guillemets(e.substr(0, e.find('='))));   // --x=1: the option's name
            else others.push_back(guillemets(e));
        }
        if (!options.empty())
            throw UsageError(std::string("option") + (options.size() > 1 ? "s inconnues " : " inconnue ") +
                             fr::join(options, ", ") + " ; options de « " + path_ + " » : " + valid_options());
        throw UsageError(std::string("argument") + (others.size() > 1 ? "s" : "") + " en trop " + fr::join(others, ", ") +
                         " ; usage : cotation " + path_ + " " + synopsis());
    }
    for (const auto& a : args_) {
        std::size_t n = a.opt->results().size();
        if (a.kind == Kind::Positional && n == 0)
            throw UsageError("il manque " + a.name + " ; usage : cotation " + path_ + " " + synopsis());
        if (a.kind == Kind::Required && n == 0)
            throw UsageError("l'option " + a.name + " " + a.value + " est obligatoire ; usage : cotation " +
                             path_ + " " + synopsis());
        if ((a.kind == Kind::Option || a.kind == Kind::Required) && n > 1)
            throw UsageError("l'option " + a.name + " est donnée " + std::to_string(n) +
                             " fois ; elle n'attend qu'une valeur");
    }
}

// ---- Cli ----

Cli::Cli()
    : app_(std::make_unique<CLI::App>("cotation — instruction des appels à candidatures (ARS, Départements)", "cotation")) {
    auto command_of = [this](const CLI::App* a) -> const Command* {
        for (const auto& c : commands_)
            if (c->app_ == a) return c.get();
        return nullptr;
    };
    auto commands_under = [this](const CLI::App* a) {
        // Commands in area order, then in declaration order.
        std::vector<const Command*> out;
        for (int area = 0; area <= static_cast<int>(Area::Territory); ++area)
            for (const auto& c : commands_) {
                if (c->app_->get_group() != area_title(static_cast<Area>(area))) continue;
                for (const CLI::App* p = c->app_->get_parent(); p; p = p->get_parent())
                    if (p == a) {
                        out.push_back(c.get());
                        break;
                    }
            }
        return out;
    };
    app_->formatter(french_formatter(command_of, commands_under));
    app_->set_help_flag("-h,--help", "affiche cette aide");
    app_->option_defaults()->group("Options");
    app_->allow_extras();           // unknown arguments are reported by Command::check, in French
    app_->require_subcommand(0, 1);  // one command per call: what follows it is its arguments
    static const std::string version_help = "version du programme, dossier des données et version du schéma des campagnes";
    app_->add_flag("--version", version_help);
}

Cli::~Cli() = default;

namespace {
CLI::App* find_or_add(CLI::App* parent, const std::string& name, const std::string& group) {
    for (CLI::App* s : parent->get_subcommands([](CLI::App*) { return true; }))
        if (s->get_name() == name) return s;
    CLI::App* s = parent->add_subcommand(name, "");
    s->group(group);
    return s;
}
}  // namespace

void Cli::group(const std::string& name, Area area, const std::string& summary) {
    CLI::App* g = find_or_add(app_.get(), name, area_title(area));
    g->description(summary);
    g->require_subcommand(1, 1);
}

Command& Cli::command(const std::string& path, Area area, const std::string& summary) {
    CLI::App* parent = app_.get();
    std::string rest = path;
    for (auto sp = rest.find(' '); sp != std::string::npos; sp = rest.find(' ')) {
        parent = find_or_add(parent, rest.substr(0, sp), area_title(area));
        rest = rest.substr(sp + 1);
    }
    CLI::App* sub = parent->add_subcommand(rest, summary);
    sub->group(area_title(area));
    commands_.push_back(std::unique_ptr<Command>(new Command(sub, path)));
    return *commands_.back();
}

Command* Cli::selected() const {
    const CLI::App* a = app_.get();
    for (auto subs = a->get_subcommands(); !subs.empty(); subs = a->get_subcommands()) a = subs.front();
    for (const auto& c : commands_)
        if (c->app_ == a) return c.get();
    return nullptr;
}

// "cotation rank : " before a message, or "cotation : " outside a command.
std::string Cli::prefix() const {
    std::string path;
    for (const CLI::App* a = app_.get(); !a->get_subcommands().empty();) {
        a = a->get_subcommands().front();
        path += " " + a->get_name();
    }
    return "cotation" + path + " : ";
}

namespace {
// Where `text` stops being UTF-8 (« octet 0xE9 à la position 6 »), or "".
std::string utf8_fault(const std::string& text) {
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = fr::utf8_length(text, i);
        if (n == 0) {
            char byte[8];
            std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[i]));
            return std::string("octet ") + byte + " à la position " + std::to_string(i + 1);
        }
        i += n;
    }
    return "";
}
}  // namespace

// Every argument is text the campaign may keep (a name, a motive, a
// parameter): bytes that are not UTF-8 (a terminal in Latin-1, a script in
// Windows-1252) are refused naming the option, never stored raw nor echoed
// (issue 13.13).
void require_utf8_arguments(const std::vector<std::string>& args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string fault = utf8_fault(args[i]);
        if (fault.empty()) continue;
        const std::string& a = args[i];
        std::string what;
        if (a.size() > 2 && a.compare(0, 2, "--") == 0 && a.find('=') != std::string::npos &&
            utf8_fault(a.substr(0, a.find('='))).empty())
            what = "la valeur de l'option " + a.substr(0, a.find('='));
        else if (!a.empty() && a[0] == '-')
            what = "l'option n° " + std::to_string(i + 1);
        else if (i > 0 && args[i - 1].size() > 1 && args[i - 1][0] == '-' && args[i - 1].find('=') == std::string::npos &&
                 utf8_fault(args[i - 1]).empty())
            what = "la valeur de l'option " + args[i - 1];
        else
            what = "l'argument n° " + std::to_string(i + 1);
        throw UsageError(what + " n'est pas du texte UTF-8 valide (" + fault +
                         ") : donnez-la depuis un terminal en UTF-8 ; rien n'a été fait.");
    }
}

std::string checked_environment(const char* name) {
    const char* v = std::getenv(name);
    if (!v || !*v) return "";
    if (std::string fault = utf8_fault(v); !fault.empty())
        throw UsageError(std::string("la variable ") + name + " n'est pas du texte UTF-8 valide (" + fault +
                         ") ; rien n'a été fait.");
    return v;
}

int Cli::main(int argc, char** argv) {
    // Nothing printed carries a control character, whoever wrote the message (trial 13g G3).
    io::TerminalSafeStream safe_out(std::cout), safe_err(std::cerr);
    app_->footer(kEpilogue);
    std::vector<std::string> args(argv + 1, argv + argc);
    // « cotation aide [COMMANDE] » is « cotation [COMMANDE] --help ».
    if (!args.empty() && args.front() == "aide") {
        args.erase(args.begin());
        args.push_back("--help");
    }
    if (args.empty()) {
        std::cout << app_->help();
        return 2;
    }
    try {
        require_utf8_arguments(args);
        try {
            std::vector<std::string> reversed(args.rbegin(), args.rend());   // CLI11 takes them last first
            app_->parse(reversed);
        } catch (const CLI::CallForHelp&) {
            std::cout << app_->help();
            return 0;
        } catch (const CLI::RequiredError&) {
            if (Command* c = selected()) c->check();   // names what is missing, in French
            // A group of commands (grid, journal) without one of its commands.
            const CLI::App* g = app_.get();
            for (auto subs = g->get_subcommands(); !subs.empty(); subs = g->get_subcommands()) g = subs.front();
            std::vector<std::string> names;
            for (const CLI::App* s : g->get_subcommands([](const CLI::App*) { return true; })) names.push_back(s->get_name());
            auto extra = g->remaining();
            throw UsageError(
                (extra.empty() ? "il manque la commande" : "commande inconnue « " + g->get_name() + " " + extra.front() + " »") +
                " ; commandes de « " + g->get_name() + " » : " + fr::join(names, ", ") + " (cotation " + g->get_name() +
                " --help)");
        } catch (const CLI::ArgumentMismatch& e) {
            // "--out: 1 required TEXT missing": an option given without its value.
            std::string what = e.what();
            std::string name = what.substr(0, what.find(':'));
            if (Command* c = selected())
                for (const auto& a : c->args_)
                    if (a.opt->check_name(name)) throw UsageError("l'option " + a.name + " attend une valeur (" + a.value + ")");
            throw UsageError("ligne de commande incorrecte (" + what + ")");
        } catch (const CLI::ParseError& e) {
            throw UsageError("ligne de commande incorrecte (" + std::string(e.what()) + ")");
        }
        Command* c = selected();
        if (!c) {
            // No command: what is left is a mistyped command or an option before it.
            std::vector<std::string> extra = app_->remaining();
            if (!extra.empty() && extra.front().size() > 1 && extra.front()[0] == '-')
                throw UsageError("option inconnue « " + extra.front() + " » (options : -h/--help, --version ; "
                                 "les options d'une commande se donnent après elle)");
            if (!extra.empty()) throw UsageError("commande inconnue « " + extra.front() + " » (cotation --help pour la liste)");
            if (app_->get_option("--version")->count()) {
                std::cout << "cotation " << COTATION_VERSION << "\n"
                          << "Dossier des données : " << io::data_root() << "\n"
                          << "Schéma des fichiers de campagne : version " << sqlite_schema_version() << "\n";
                return 0;
            }
            std::cout << app_->help();
            return 2;
        }
        c->check();
        return c->handler_(Args(*c));
    } catch (const UsageError& e) {
        std::cerr << prefix() << e.what() << "\n";
        return 2;
    } catch (const input::FormError& e) {   // a value outside the command's list of words
        std::cerr << prefix() << e.what() << "\n";
        return 2;
    } catch (const Error& e) {
        std::cerr << prefix() << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << prefix() << "erreur inattendue : " << e.what() << "\n";
        return 1;
    }
}

int report_batch(const report::DocumentBatch& b) {
    for (const auto& w : b.warnings) std::cerr << "Attention : " << fr::after_colon(w) << "\n";
    for (std::size_t i = 0; i < b.failures.size(); ++i) std::cerr << "Non écrit : " << b.failure(i) << "\n";
    if (!b.ok())
        std::cerr << fr::plural(b.failures.size(), "document non écrit", "documents non écrits")
                  << (b.written.empty() ? " ; aucun fichier écrit.\n" : " ; les autres l'ont été.\n");
    return b.ok() ? 0 : 1;
}

}  // namespace cotation::cli
