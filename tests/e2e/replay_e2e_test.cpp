// End to end: `cms replay` on the example scenario and on bad ones, checking exit codes and
// what it prints.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "server_process.hpp"
#include "support/test_support.hpp"

namespace {

const std::string example_path =
    (std::filesystem::path(CMS_SOURCE_DIR) / "tests" / "scenarios" / "one_family_first_year.json").string();

/// Runs `cms replay ARGUMENTS` through the shell (arguments are quoted test paths), standard
/// error merged into the output so a refusal's message can be checked.
cms::testing::cms_run_result replay(const std::string& arguments) {
    const std::string command = "timeout 120 '" + cms::testing::cms_binary() + "' replay " + arguments + " 2>&1";
    cms::testing::cms_run_result result;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    for (std::size_t got = std::fread(buffer, 1, sizeof buffer, pipe); got > 0;
         got = std::fread(buffer, 1, sizeof buffer, pipe)) {
        result.output.append(buffer, got);
    }
    const int status = pclose(pipe);
    result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

nlohmann::json example_json() {
    std::ifstream file(example_path);
    return nlohmann::json::parse(file);
}

std::string quoted(const std::string& text) { return "'" + text + "'"; }

}  // namespace

TEST_CASE("cms replay passes the example scenario on a fresh temporary database") {
    const auto replayed = replay("--scenario " + quoted(example_path));
    INFO(replayed.output);
    CHECK(replayed.exit_status == 0);
    CHECK(replayed.output.find("ok      0 2025-01-15 register_parent") != std::string::npos);
    CHECK(replayed.output.find("one family's first year: 35 step(s), 0 failed; 34 of 34 expected figure(s) matched") !=
          std::string::npos);
    CHECK(replayed.output.find("FAIL") == std::string::npos);
}

TEST_CASE("cms replay into a given database keeps it, and a second replay passes unchanged") {
    cms::testing::temporary_directory directory;
    const std::string database = directory.file("kept.db");
    CHECK(replay("--scenario " + quoted(example_path) + " --db " + quoted(database)).exit_status == 0);
    CHECK(std::filesystem::exists(database));
    const auto again = replay("--scenario " + quoted(example_path) + " --db " + quoted(database));
    INFO(again.output);
    CHECK(again.exit_status == 0);
    CHECK(again.output.find("nothing to post") != std::string::npos);
    CHECK(cms::testing::run_cms({"check", "--db", database}).exit_status == 0);
}

TEST_CASE("cms replay exits 1 when an expectation fails, naming the figure") {
    cms::testing::temporary_directory directory;
    auto scenario = example_json();
    scenario["steps"].back()["expect"]["paid_pence"] = 1;
    const std::string path = directory.file("wrong.json");
    std::ofstream(path) << scenario.dump();
    const auto replayed = replay("--scenario " + quoted(path));
    INFO(replayed.output);
    CHECK(replayed.exit_status == 1);
    CHECK(replayed.output.find("paid_pence expected 1, actual 239001") != std::string::npos);
    CHECK(replayed.output.find("1 failed; 33 of 34") != std::string::npos);
}

TEST_CASE("cms replay exits 2 for a bad scenario file, naming the field, and writes nothing") {
    cms::testing::temporary_directory directory;
    auto scenario = example_json();
    scenario["steps"][5]["body"]["amount_pence"] = 0;
    const std::string path = directory.file("bad.json");
    std::ofstream(path) << scenario.dump();
    const std::string database = directory.file("untouched.db");
    const auto refused = replay("--scenario " + quoted(path) + " --db " + quoted(database));
    CHECK(refused.exit_status == 2);
    CHECK(refused.output.find("steps[5].body.amount_pence: must be at least 1") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(database));

    CHECK(replay("--scenario " + quoted(directory.file("missing.json"))).exit_status == 2);
    CHECK(replay("").exit_status == 2);
}
