// `cms check`: runs every named database invariant (persistence/database_checks.hpp) and reports
// the first violation with exit status 1.
#include <cstdio>
#include <filesystem>

#include "cms/persistence/database_checks.hpp"
#include "services/runtime/cli_arguments.hpp"
#include "subcommands.hpp"

namespace cms::tools {

const char* const check_help =
    "usage: cms check --db PATH [--list]\n"
    "\n"
    "Verifies the database's invariants (integrity, foreign keys, the command journal and the\n"
    "rows each accepted command wrote) without changing it; safe while the server runs.\n"
    "Prints 'ok' and exits 0, or names the first failed check and its first violation and\n"
    "exits 1.\n"
    "  --list   print the checks and what each verifies\n";

int run_check(const arguments& args) {
    const services::cli_arguments options(args, {"db"}, {"list"});
    if (options.has("list")) {
        for (const auto& check : persistence::database_checks()) {
            std::printf("%-48s %s\n", check.name.c_str(), check.description.c_str());
        }
        if (!options.value("db")) return 0;
    }
    const std::string path = options.required("db");
    // Opening read-only would create nothing, but SQLite opens a missing file lazily; say so.
    if (!std::filesystem::exists(path)) {
        std::fprintf(stderr, "cms check: no database at %s\n", path.c_str());
        return 1;
    }
    SQLite::Database database(path, SQLite::OPEN_READONLY);
    database.setBusyTimeout(5'000);
    if (const auto failure = persistence::run_database_checks(database)) {
        std::printf("cms check: %s: FAILED %s: %s\n", path.c_str(), failure->check_name.c_str(),
                    failure->violation.c_str());
        return 1;
    }
    std::printf("cms check: %s: ok (%zu checks)\n", path.c_str(), persistence::database_checks().size());
    return 0;
}

}  // namespace cms::tools
