// `cms user add|revoke`: API users. A new user's token is printed once and stored only as its
// SHA-256, so it cannot be shown again; a lost token is replaced by revoking and adding a user.
#include <cstdio>

#include "core/access/authorisation.hpp"
#include "services/runtime/damaged_store.hpp"
#include "services/runtime/cli_arguments.hpp"
#include "services/access/token.hpp"
#include "subcommands.hpp"

namespace cms::tools {

const char* const user_help =
    "usage: cms user add    --db PATH --name NAME --role ROLE\n"
    "       cms user revoke --db PATH --name NAME\n"
    "\n"
    "add     creates an API user and prints its bearer token once (only a hash is stored).\n"
    "        NAME: 1 to 64 of A-Z a-z 0-9 . _ -\n"
    "        ROLE: caseworker, supervisor, batch, analyst, auditor or admin\n"
    "revoke  stops the user's token working at once; the user stays in the audit trail.\n"
    "The database is created and migrated if needed; the server may be running.\n";

namespace {

std::string checked_name(const services::cli_arguments& options) {
    const std::string name = options.required("name");
    if (!services::is_valid_user_name(name)) {
        throw services::usage_error("--name must be 1 to 64 of A-Z a-z 0-9 . _ -");
    }
    return name;
}

int add_user(const arguments& rest) {
    const services::cli_arguments options(rest, {"db", "name", "role"}, {});
    const std::string path = options.required("db");
    const std::string name = checked_name(options);
    const auto held = core::parse_role(options.required("role"));
    if (!held) throw services::usage_error("--role must be caseworker, supervisor, batch, analyst, auditor or admin");
    const auto connection = services::open_sound_sqlite_store(path)->open_write_connection();
    bool taken = false;
    const std::string token = services::generate_token();
    persistence::in_transaction(*connection, [&](persistence::unit_of_work& work) {
        taken = work.users().user_name_taken(name);
        if (!taken) work.users().insert_user(name, *held, services::sha256_hex(token));
    });
    if (taken) {
        std::fprintf(stderr, "cms user: a user named %s already exists\n", name.c_str());
        return 1;
    }
    std::printf("%s\n", token.c_str());
    std::fprintf(stderr, "cms user: added %s (%s); the token above is shown only now\n", name.c_str(),
                 std::string(core::role_name(*held)).c_str());
    return 0;
}

int revoke(const arguments& rest) {
    const services::cli_arguments options(rest, {"db", "name"}, {});
    const std::string path = options.required("db");
    const std::string name = checked_name(options);
    const auto connection = services::open_sound_sqlite_store(path)->open_write_connection();
    bool revoked = false;
    persistence::in_transaction(*connection,
                                [&](persistence::unit_of_work& work) { revoked = work.users().revoke_user(name); });
    if (!revoked) {
        std::fprintf(stderr, "cms user: no active user named %s\n", name.c_str());
        return 1;
    }
    std::printf("cms user: revoked %s\n", name.c_str());
    return 0;
}

}  // namespace

int run_user(const arguments& args) {
    if (args.empty()) throw services::usage_error("say add or revoke");
    const arguments rest(args.begin() + 1, args.end());
    if (args[0] == "add") return add_user(rest);
    if (args[0] == "revoke") return revoke(rest);
    throw services::usage_error("unknown user action '" + args[0] + "'");
}

}  // namespace cms::tools
