#include <cstdio>

#include "services/runtime/damaged_store.hpp"
#include "services/runtime/cli_arguments.hpp"
#include "subcommands.hpp"

namespace cms::tools {

const char* const migrate_help =
    "usage: cms migrate --db PATH\n"
    "\n"
    "Creates the SQLite database at PATH if it does not exist and applies every schema\n"
    "migration it has not yet recorded. Safe to run again.\n";

int run_migrate(const arguments& args) {
    const services::cli_arguments options(args, {"db"}, {});
    const std::string path = options.required("db");
    const int applied = services::open_sound_sqlite_store(path)->migrate();
    std::printf("cms migrate: %s: %d migration(s) applied\n", path.c_str(), applied);
    return 0;
}

}  // namespace cms::tools
