// The command line's help in French, laid out from the commands'
// declarations: CLI11's formatter with French labels, synopses wrapped by
// characters (not bytes), the general help by area.
#include <CLI/CLI.hpp>

#include "command_help.h"

namespace cotation::cli {

const char* area_title(Area a) {
    switch (a) {
        case Area::Campaign: return "Campagne";
        case Area::Dossiers: return "Dossiers et notes";
        case Area::Results: return "Résultats et décisions";
        case Area::Team: return "Équipe";
        case Area::Procedure: return "Procédure et commission";
        case Area::Journal: return "Clôture et journal";
        case Area::Territory: return "Territoire";
    }
    return "";
}

namespace {

std::size_t columns(const std::string& s) {   // characters, not bytes (UTF-8)
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

// Lays out the parts of a synopsis ("--out DOSSIER", "[--csv]") after `lead`
// in lines of at most `width` characters, never breaking a part;
// continuation lines are indented by `indent`.
std::string wrap(const std::string& lead, const std::vector<std::string>& parts, std::size_t width, std::size_t indent) {
    std::string out, line = lead;
    for (const auto& part : parts) {
        if (columns(line) > indent && columns(line) + 1 + columns(part) > width) {
            out += line + "\n";
            line = std::string(indent, ' ') + part;
        } else {
            line += (line.empty() || line.back() == ' ' ? "" : " ") + part;
        }
    }
    return out + line;
}

// CLI11's help in French: its labels, our usage line ("Usage : cotation rank
// FICHIER [--csv]…"), and the general help listing every command by area.
class FrenchFormatter : public CLI::Formatter {
public:
    std::function<const Command*(const CLI::App*)> command_of;
    std::function<std::vector<const Command*>(const CLI::App*)> commands_under;

    FrenchFormatter() {
        label("Positionals", "Arguments");
        label("OPTIONS", "OPTIONS");
        label("REQUIRED", "(obligatoire)");
        label("SUBCOMMAND", "COMMANDE");
        label("SUBCOMMANDS", "COMMANDES");
        label("TEXT", "TEXTE");
        column_width(34);
    }

    std::string make_description(const CLI::App* app) const override {
        const std::string& d = app->get_description();
        return d.empty() ? "" : d + "\n\n";
    }

    std::string make_usage(const CLI::App* app, std::string name) const override {
        const Command* c = command_of(app);
        return wrap("Usage : " + name + " ", c ? c->synopsis_parts() : std::vector<std::string>{"COMMANDE [ARGUMENTS] [OPTIONS]"},
                    100, 8) +
               "\n";
    }

    std::string make_subcommands(const CLI::App* app, CLI::AppFormatMode) const override {
        std::string out;
        std::string current;
        for (const Command* c : commands_under(app)) {
            const CLI::App* sub = c->app();
            if (sub->get_group() != current) {
                current = sub->get_group();
                out += "\n" + current + " :\n";
            }
            out += wrap("  " + c->path() + " ", c->synopsis_parts(), 100, 8) + "\n";
            out += "      " + sub->get_description() + "\n";
        }
        return out;
    }

    // Names padded by characters, not bytes: « --avis DÉCISION » lines up.
    std::string make_option(const CLI::Option* opt, bool is_positional) const override {
        std::string left = "  " + make_option_name(opt, is_positional) + make_option_opts(opt);
        std::string desc = make_option_desc(opt);
        std::size_t width = get_column_width();
        if (columns(left) >= width) return left + "\n" + std::string(width, ' ') + desc + "\n";
        return left + std::string(width - columns(left), ' ') + desc + "\n";
    }

    // « Options : », with the space French puts before a colon.
    std::string make_group(std::string group, bool is_positional, std::vector<const CLI::Option*> opts) const override {
        std::string out = "\n" + group + " :\n";
        for (const CLI::Option* o : opts) out += make_option(o, is_positional);
        return out;
    }

    std::string make_footer(const CLI::App* app) const override {
        const std::string& f = app->get_footer();
        return f.empty() ? "" : f + "\n";
    }
};

}  // namespace

const char* const kEpilogue = R"(Variables d'environnement
  COTATION_DATA_DIR     dossier des grilles (scoring-grids/), modèles (templates/) et données
                        de référence (data/) ; sinon ../share/cotation à côté du programme
                        installé, sinon les sources (cotation --version affiche celui en usage)
  COTATION_UTILISATEUR  qui agit, quand --par n'est pas donné
  USER                  à défaut, le nom de session ; sur une campagne dont l'équipe est
                        déclarée, il ne vaut que s'il nomme une personne déclarée

Aide d'une commande : cotation COMMANDE --help (ou cotation aide COMMANDE).
Formats des fichiers : docs/formats.md. Code de sortie : 0 si tout va bien,
1 en cas d'erreur sur les données, 2 en cas d'erreur d'usage.)";

const char* const kActingFooter = R"(Qui agit : sans équipe déclarée, --par NOM, sinon la variable COTATION_UTILISATEUR,
sinon USER (nom de session). Sur une campagne dont l'équipe est déclarée, c'est la
personne liée au compte du système qui lance la commande (cotation users) ; --par
ou COTATION_UTILISATEUR, s'ils sont donnés, doivent la nommer.)";

std::shared_ptr<CLI::Formatter> french_formatter(std::function<const Command*(const CLI::App*)> command_of,
                                                std::function<std::vector<const Command*>(const CLI::App*)> commands_under) {
    auto f = std::make_shared<FrenchFormatter>();
    f->command_of = std::move(command_of);
    f->commands_under = std::move(commands_under);
    return f;
}

}  // namespace cotation::cli
