// `cms check`: runs every named database invariant (persistence::store::check) and reports
// the first violation with exit status 1.
#include <cstdio>
#include <filesystem>

#include "persistence/sqlite/sqlite_store.hpp"
#include "services/runtime/cli_arguments.hpp"
#include "subcommands.hpp"

namespace cms::tools {

const char* const check_help =
    "usage: cms check --db PATH [--list]\n"
    "\n"
    "Verifies the database's invariants (integrity, foreign keys, the command journal and the\n"
    "rows each accepted command wrote) without changing it; safe while the server runs.\n"
    "Prints 'ok' and exits 0, or names the first failed check and its first violation and\n"
    "exits 1, all on standard output. A damaged file fails the first check, integrity: it\n"
    "prints the first few problems SQLite finds and how many more there are.\n"
    "  --list   print the checks and what each verifies\n";

int run_check(const arguments& args) {
    const services::cli_arguments options(args, {"db"}, {"list"});
    // Opening a store touches nothing, so the list is printed without a database.
    const auto store = persistence::open_sqlite_store(options.value("db").value_or(""));
    const auto checks = store->checks();
    if (options.has("list")) {
        for (const auto& check : checks) {
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
    if (const auto failure = store->check()) {
        std::printf("cms check: %s: FAILED %s: %s\n", path.c_str(), failure->check_name.c_str(),
                    failure->violation.c_str());
        return 1;
    }
    std::printf("cms check: %s: ok (%zu checks)\n", path.c_str(), checks.size());
    return 0;
}

}  // namespace cms::tools
