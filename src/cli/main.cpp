// cotation — the command line of Cotation, a thin shell over the same core
// and session as the workbench. Each area declares its commands in its own
// file (cli/*_commands.cpp) over the declarative layer of cli/command.h.
#include <csignal>

#include "cli/command.h"

int main(int argc, char** argv) {
    // Past a file-size limit (ulimit -f) a write fails with EFBIG and is said
    // in French, instead of the process dying silently of SIGXFSZ (trial 13e F9).
    std::signal(SIGXFSZ, SIG_IGN);
    cotation::cli::Cli cli;
    cotation::cli::add_campaign_commands(cli);
    cotation::cli::add_dossier_commands(cli);
    cotation::cli::add_results_commands(cli);
    cotation::cli::add_team_commands(cli);
    cotation::cli::add_procedure_commands(cli);
    cotation::cli::add_journal_commands(cli);
    cotation::cli::add_territory_commands(cli);
    cotation::cli::add_document_commands(cli);
    cotation::cli::add_order_commands(cli);
#ifdef COTATION_POSTGRESQL
    cotation::cli::add_server_commands(cli);
#endif
    return cli.main(argc, argv);
}
