#pragma once
// Each `cms` subcommand: takes its arguments (after the subcommand name), returns the exit code.
// They are thin: parse options, call a library function, report.
#include <string>
#include <vector>

namespace cms::tools {

using arguments = std::vector<std::string>;

int run_serve(const arguments& args);
int run_run_job(const arguments& args);
int run_generate(const arguments& args);
int run_migrate(const arguments& args);
int run_user(const arguments& args);
int run_check(const arguments& args);
int run_backup(const arguments& args);
int run_calc(const arguments& args);
int run_replay(const arguments& args);
int run_export_journal(const arguments& args);
int run_report(const arguments& args);
int run_simulate(const arguments& args);
int run_simulate_caseload(const arguments& args);
int run_calibrate(const arguments& args);
int run_reform_impact(const arguments& args);

extern const char* const serve_help;
extern const char* const run_job_help;
extern const char* const generate_help;
extern const char* const migrate_help;
extern const char* const user_help;
extern const char* const check_help;
extern const char* const backup_help;
extern const char* const calc_help;
extern const char* const replay_help;
extern const char* const export_journal_help;
extern const char* const report_help;
extern const char* const simulate_help;
extern const char* const simulate_caseload_help;
extern const char* const calibrate_help;
extern const char* const reform_impact_help;

/// True when the arguments ask for help (--help or -h anywhere).
bool wants_help(const arguments& args);

}  // namespace cms::tools
