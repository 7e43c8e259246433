#include <doctest/doctest.h>

#include "services/runtime/cli_arguments.hpp"

using cms::services::cli_arguments;
using cms::services::usage_error;

TEST_CASE("options take values, switches do not, and anything else is refused by name") {
    const cli_arguments parsed({"--db", "x.db", "--port=9000", "--demo-caseload"}, {"db", "port"},
                               {"demo-caseload"});
    CHECK(parsed.required("db") == "x.db");
    CHECK(parsed.integer("port", 0, 65'535) == 9000);
    CHECK(parsed.has("demo-caseload"));
    CHECK_FALSE(parsed.value("host").has_value());

    CHECK_THROWS_WITH_AS(cli_arguments({"--dbb", "x"}, {"db"}, {}), "unknown option --dbb", usage_error);
    CHECK_THROWS_WITH_AS(cli_arguments({"--db"}, {"db"}, {}), "option --db needs a value", usage_error);
    CHECK_THROWS_WITH_AS(cli_arguments({"stray"}, {"db"}, {}), "unexpected argument 'stray'", usage_error);
    CHECK_THROWS_WITH_AS(cli_arguments({}, {"db"}, {}).required("db"), "option --db is required", usage_error);
    const cli_arguments bad_port({"--port", "70000"}, {"port"}, {});
    CHECK_THROWS_AS(bad_port.integer("port", 0, 65'535), usage_error);
    const cli_arguments words({"--port", "80x"}, {"port"}, {});
    CHECK_THROWS_AS(words.integer("port", 0, 65'535), usage_error);
}

TEST_CASE("bare arguments are kept in order only where the subcommand allows them") {
    using cms::services::positional_arguments;
    const cli_arguments parsed({"a.json", "--db", "x.db", "b.json", "--verbose", "--", "--c.json"}, {"db"},
                               {"verbose"}, positional_arguments::allowed);
    CHECK(parsed.positionals() == std::vector<std::string>{"a.json", "b.json", "--c.json"});
    CHECK(parsed.required("db") == "x.db");
    CHECK(parsed.has("verbose"));
    // An option's value is never taken for a bare argument.
    CHECK(cli_arguments({"--db", "a.json"}, {"db"}, {}, positional_arguments::allowed).positionals().empty());
    CHECK_THROWS_WITH_AS(cli_arguments({"--dbb", "a.json"}, {"db"}, {}, positional_arguments::allowed),
                         "unknown option --dbb", usage_error);
    CHECK_THROWS_WITH_AS(cli_arguments({"a.json"}, {"db"}, {}, positional_arguments::refused),
                         "unexpected argument 'a.json'", usage_error);
    CHECK_THROWS_WITH_AS(cli_arguments({"--"}, {"db"}, {}), "unknown option --", usage_error);
}
