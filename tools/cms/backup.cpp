// `cms backup`: an online, consistent copy of a database, verified with the same checks as
// `cms check` before it is reported as good.
#include <cstdio>

#include "persistence/sqlite/sqlite_store.hpp"
#include "services/runtime/cli_arguments.hpp"
#include "subcommands.hpp"

namespace cms::tools {

const char* const backup_help =
    "usage: cms backup --db PATH --to FILE\n"
    "\n"
    "Copies the database at PATH to FILE (which must not exist) while the server may be\n"
    "running, using SQLite's online backup: the copy is one consistent snapshot. The copy is\n"
    "then checked as 'cms check' would; a copy that fails is reported and exits 1.\n";

int run_backup(const arguments& args) {
    const services::cli_arguments options(args, {"db", "to"}, {});
    const std::string source = options.required("db");
    const std::string target = options.required("to");
    persistence::open_sqlite_store(source)->backup_to(target);
    if (const auto failure = persistence::open_sqlite_store(target)->check()) {
        std::fprintf(stderr, "cms backup: the copy at %s FAILED %s: %s\n", target.c_str(),
                     failure->check_name.c_str(), failure->violation.c_str());
        return 1;
    }
    std::printf("cms backup: %s copied to %s and checked ok\n", source.c_str(), target.c_str());
    return 0;
}

}  // namespace cms::tools
