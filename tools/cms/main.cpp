// cms: the command-line entry point. Dispatches to a subcommand; every failure is one clear line
// on standard error and a non-zero exit code (2 for usage, 1 for everything else).

#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

#include "persistence/fault_points.hpp"
#include "services/runtime/cli_arguments.hpp"
#include "subcommands.hpp"

namespace {

const char* const overview =
    "cms - Child Maintenance Service (2012 scheme) Collect and Pay backend\n"
    "\n"
    "usage: cms <command> [options]\n"
    "\n"
    "commands:\n"
    "  serve     run the HTTP/JSON API on a SQLite database\n"
    "  migrate   create or upgrade a database to this program's schema\n"
    "  run-job   run a batch job (accrue, disburse) over the whole caseload\n"
    "  generate  append a synthetic caseload: real areas, drawn circumstances, payer behaviours\n"
    "  user      add or revoke an API user (bearer token and role)\n"
    "  check     verify a database's invariants\n"
    "  backup    take an online, consistent copy of a database\n"
    "  calc      the statutory weekly calculation of a JSON request, with its steps\n"
    "  replay    replay scenario files on a simulated business clock, in process or --against a server\n"
    "  export-journal  write a database's command journal as a scenario file\n"
    "  report    a statistics report of a database, in JSON, CSV or HTML\n"
    "  simulate  check a seeded random history day by day against a reference model\n"
    "  simulate-caseload  live a generated caseload day by day: payments, jobs, enforcement\n"
    "  calibrate --check  simulate a caseload and compare its figures with published statistics\n"
    "  reform-impact  one caseload under today's fees and the 2027 reform's, side by side\n"
    "\n"
    "Run 'cms <command> --help' for a command's options.\n";

struct subcommand {
    std::string_view name;
    int (*run)(const cms::tools::arguments&);
    const char* const* help;
};

const subcommand subcommands[] = {
    {"serve", &cms::tools::run_serve, &cms::tools::serve_help},
    {"migrate", &cms::tools::run_migrate, &cms::tools::migrate_help},
    {"run-job", &cms::tools::run_run_job, &cms::tools::run_job_help},
    {"generate", &cms::tools::run_generate, &cms::tools::generate_help},
    {"user", &cms::tools::run_user, &cms::tools::user_help},
    {"check", &cms::tools::run_check, &cms::tools::check_help},
    {"backup", &cms::tools::run_backup, &cms::tools::backup_help},
    {"calc", &cms::tools::run_calc, &cms::tools::calc_help},
    {"replay", &cms::tools::run_replay, &cms::tools::replay_help},
    {"export-journal", &cms::tools::run_export_journal, &cms::tools::export_journal_help},
    {"report", &cms::tools::run_report, &cms::tools::report_help},
    {"simulate", &cms::tools::run_simulate, &cms::tools::simulate_help},
    {"simulate-caseload", &cms::tools::run_simulate_caseload, &cms::tools::simulate_caseload_help},
    {"calibrate", &cms::tools::run_calibrate, &cms::tools::calibrate_help},
    {"reform-impact", &cms::tools::run_reform_impact, &cms::tools::reform_impact_help},
};

}  // namespace

int main(int argc, char** argv) {
    // A crash test arms a fault point from outside (README, "Testing"); a wrong name must not
    // leave the test believing a point was armed, so it stops the program here.
    try {
        cms::persistence::arm_fault_from_environment();
    } catch (const cms::persistence::fault_spec_error& error) {
        std::fprintf(stderr, "cms: %s\n", error.what());
        return 2;
    }
    if (argc < 2) {
        std::fputs(overview, stderr);
        return 2;
    }
    const std::string_view name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        std::fputs(overview, stdout);
        return 0;
    }
    const cms::tools::arguments args(argv + 2, argv + argc);
    for (const subcommand& command : subcommands) {
        if (command.name != name) continue;
        if (cms::tools::wants_help(args)) {
            std::fputs(*command.help, stdout);
            return 0;
        }
        try {
            return command.run(args);
        } catch (const cms::services::usage_error& error) {
            std::fprintf(stderr, "cms %s: %s\n\n%s", argv[1], error.what(), *command.help);
            return 2;
        } catch (const std::exception& error) {
            std::fprintf(stderr, "cms %s: %s\n", argv[1], error.what());
            return 1;
        }
    }
    std::fprintf(stderr, "cms: unknown command '%s'\n\n%s", argv[1], overview);
    return 2;
}
