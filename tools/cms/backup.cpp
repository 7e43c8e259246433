// `cms backup`: an online, consistent copy of a database, verified with the same checks as
// `cms check` before it is reported as good.
#include <SQLiteCpp/Database.h>

#include <cstdio>

#include "cms/persistence/backup.hpp"
#include "cms/persistence/database_checks.hpp"
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
    persistence::backup_database(source, target);
    SQLite::Database copy(target, SQLite::OPEN_READONLY);
    if (const auto failure = persistence::run_database_checks(copy)) {
        std::fprintf(stderr, "cms backup: the copy at %s FAILED %s: %s\n", target.c_str(),
                     failure->check_name.c_str(), failure->violation.c_str());
        return 1;
    }
    std::printf("cms backup: %s copied to %s and checked ok\n", source.c_str(), target.c_str());
    return 0;
}

}  // namespace cms::tools
