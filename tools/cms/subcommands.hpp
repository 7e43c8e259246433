#pragma once
// Each `cms` subcommand: takes its arguments (after the subcommand name), returns the exit code.
// They are thin: parse options, call a library function, report.
#include <string>
#include <vector>

namespace cms::tools {

using arguments = std::vector<std::string>;

int run_serve(const arguments& args);
int run_migrate(const arguments& args);

extern const char* const serve_help;
extern const char* const migrate_help;

/// True when the arguments ask for help (--help or -h anywhere).
bool wants_help(const arguments& args);

}  // namespace cms::tools
