// End to end: `cms replay` on the example scenarios and on bad ones, checking exit codes, what it
// prints, and its --report against a live server's answers.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "http_client.hpp"
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

/// Pays out, then reverses a payment: its report has disbursements and a statement.
const std::string payout_path =
    (std::filesystem::path(CMS_SOURCE_DIR) / "tests" / "scenarios" / "reversal_after_payout.json").string();

nlohmann::json example_json() {
    std::ifstream file(example_path);
    return nlohmann::json::parse(file);
}

/// The example with step 5's payment of 0p, which the parser refuses: bad.json in `directory`.
std::string write_zero_payment(cms::testing::temporary_directory& directory) {
    auto scenario = example_json();
    scenario["steps"][5]["body"]["amount_pence"] = 0;
    const std::string path = directory.file("bad.json");
    std::ofstream(path) << scenario.dump();
    return path;
}

std::string file_text(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

/// The line of `output` holding `text`, or "" when none does.
std::string line_with(const std::string& output, const std::string& text) {
    const auto at = output.find(text);
    if (at == std::string::npos) return {};
    const auto start = output.rfind('\n', at);
    const auto first = start == std::string::npos ? 0 : start + 1;
    return output.substr(first, output.find('\n', at) - first);
}

std::string quoted(const std::string& text) { return "'" + text + "'"; }

}  // namespace

TEST_CASE("cms replay passes the example scenario on a fresh temporary database") {
    const auto replayed = replay("--scenario " + quoted(example_path));
    INFO(replayed.output);
    CHECK(replayed.exit_status == 0);
    CHECK(replayed.output == "pass  " + example_path + "  (35 steps, 34 figures, 363 scheduled jobs)\ncms replay: 1 of 1 scenario(s) passed\n");

    // --verbose adds a line per step.
    const auto verbose = replay(quoted(example_path) + " --verbose");
    INFO(verbose.output);
    CHECK(verbose.exit_status == 0);
    CHECK(verbose.output.find("ok      0 2025-01-15 register_parent") != std::string::npos);
    CHECK(verbose.output.find("pass  " + example_path + "  (35 steps, 34 figures, 363 scheduled jobs)") != std::string::npos);
}

TEST_CASE("cms replay into a given database keeps it, and a second replay passes unchanged") {
    cms::testing::temporary_directory directory;
    const std::string database = directory.file("kept.db");
    CHECK(replay("--scenario " + quoted(example_path) + " --db " + quoted(database)).exit_status == 0);
    CHECK(std::filesystem::exists(database));
    const auto again = replay("--scenario " + quoted(example_path) + " --db " + quoted(database) + " --verbose");
    INFO(again.output);
    CHECK(again.exit_status == 0);
    CHECK(again.output.find("nothing to post") != std::string::npos);
    CHECK(cms::testing::run_cms({"check", "--db", database}).exit_status == 0);
}

TEST_CASE("cms replay exits 1 when an expectation fails, showing expected and actual side by side") {
    cms::testing::temporary_directory directory;
    auto scenario = example_json();
    scenario["steps"].back()["expect"]["paid_pence"] = 1;
    const std::string path = directory.file("wrong.json");
    std::ofstream(path) << scenario.dump();
    const auto replayed = replay(quoted(example_path) + " " + quoted(path));
    INFO(replayed.output);
    CHECK(replayed.exit_status == 1);
    CHECK(replayed.output.find("pass  " + example_path + "  (35 steps, 34 figures, 363 scheduled jobs)") != std::string::npos);
    CHECK(replayed.output.find("FAIL  " + path + "  (1 of 35 steps failed, 0 of 363 scheduled jobs)") != std::string::npos);
    CHECK(replayed.output.find("      step 34  2026-01-01  expect\n") != std::string::npos);
    // The figure's row sits under a header, each value in its column; the figures that matched
    // are not listed.
    const std::string header = line_with(replayed.output, " figure ");
    const std::string row = line_with(replayed.output, "paid_pence");
    REQUIRE_FALSE(header.empty());
    REQUIRE_FALSE(row.empty());
    CHECK(row.find(" 1 ") != std::string::npos);
    CHECK(header.find("expected") == row.find(" 1 ") + 1);
    CHECK(header.find("actual") == row.find("239001"));
    CHECK(replayed.output.find("due_pence") == std::string::npos);
    CHECK(replayed.output.find("cms replay: 1 of 2 scenario(s) passed") != std::string::npos);
}

TEST_CASE("cms replay shows a failed command's expected and actual status and the refusal") {
    cms::testing::temporary_directory directory;
    auto scenario = example_json();
    scenario["steps"][5]["expect_status"] = 422;  // a payment the service accepts
    const std::string path = directory.file("accepted.json");
    std::ofstream(path) << scenario.dump();
    const auto replayed = replay(quoted(path));
    INFO(replayed.output);
    CHECK(replayed.exit_status == 1);
    CHECK(replayed.output.find("FAIL  " + path + "  (1 of 35 steps failed, 0 of 363 scheduled jobs)") != std::string::npos);
    CHECK(replayed.output.find("      step 5  ") != std::string::npos);
    CHECK(replayed.output.find("status  expected 422  actual 201\n      step") == std::string::npos);  // nothing more to say
    CHECK(replayed.output.find("status  expected 422  actual 201") != std::string::npos);

    // A refusal's detail is shown under the statuses.
    auto refused = example_json();
    refused["steps"][5]["body"]["received_on"] = "2025-01-01";  // before the case opened
    const std::string refused_path = directory.file("refused.json");
    std::ofstream(refused_path) << refused.dump();
    const auto shown = replay(quoted(refused_path));
    INFO(shown.output);
    CHECK(shown.exit_status == 1);
    const std::string status_line = line_with(shown.output, "status  expected 2xx  actual 4");
    REQUIRE_FALSE(status_line.empty());
    const auto after = shown.output.find(status_line) + status_line.size() + 1;
    CHECK(shown.output.substr(after).rfind("          ", 0) == 0);
    CHECK(shown.output.substr(after).find("received_on") != std::string::npos);
    CHECK(replayed.output.find("cms replay: 0 of 1 scenario(s) passed") != std::string::npos);
}

TEST_CASE("cms replay runs several files, each on its own fresh database, one line each") {
    const auto replayed = replay(quoted(example_path) + " " + quoted(payout_path) + " " + quoted(example_path));
    INFO(replayed.output);
    CHECK(replayed.exit_status == 0);
    // The example twice: on a shared database the second would find its keys already used.
    CHECK(replayed.output == "pass  " + example_path + "  (35 steps, 34 figures, 363 scheduled jobs)\n" + "pass  " + payout_path +
                                 "  (16 steps, 15 figures, 28 scheduled jobs)\n" + "pass  " + example_path +
                                 "  (35 steps, 34 figures, 363 scheduled jobs)\n" + "cms replay: 3 of 3 scenario(s) passed\n");
}

TEST_CASE("cms replay --db replays every file into that one database, in the order given") {
    cms::testing::temporary_directory directory;
    const std::string database = directory.file("shared.db");
    const std::string report = directory.file("report.json");
    // Whether the example's figures hold beside another family is not the point here (its
    // accrual jobs then post for both); which cases each scenario's database holds is.
    replay("--db " + quoted(database) + " --report " + quoted(report) + " " + quoted(payout_path) + " " +
           quoted(example_path));
    const nlohmann::json shared = nlohmann::json::parse(file_text(report));
    REQUIRE(shared["scenarios"].size() == 2);
    CHECK(shared["scenarios"][0]["cases"].size() == 1);
    REQUIRE(shared["scenarios"][1]["cases"].size() == 2);
    CHECK(shared["scenarios"][1]["cases"][0]["case_id"] == 1);
    CHECK(shared["scenarios"][1]["cases"][1]["case_id"] == 2);
    CHECK(std::filesystem::exists(database));
}

TEST_CASE("cms replay exits 2 for a bad scenario file, naming the field, and writes nothing") {
    cms::testing::temporary_directory directory;
    const std::string path = write_zero_payment(directory);
    const std::string database = directory.file("untouched.db");
    const auto refused = replay("--scenario " + quoted(path) + " --db " + quoted(database));
    CHECK(refused.exit_status == 2);
    CHECK(refused.output.find("steps[5].body.amount_pence: must be at least 1") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(database));

    CHECK(replay("--scenario " + quoted(directory.file("missing.json"))).exit_status == 2);
    CHECK(replay("").exit_status == 2);
}

TEST_CASE("cms replay refuses every file when one among good ones is malformed, and runs nothing") {
    cms::testing::temporary_directory directory;
    const std::string bad = write_zero_payment(directory);
    const std::string also_bad = directory.file("also_bad.json");
    std::ofstream(also_bad) << "{\"scenario\": \"x\"}";
    const std::string database = directory.file("untouched.db");
    // The good file first: it would have run, had the files not all been read first.
    const auto refused =
        cms::testing::run_cms({"replay", "--db", database, example_path, bad, payout_path, also_bad});
    INFO(refused.output, refused.errors);
    CHECK(refused.exit_status == 2);
    CHECK(refused.errors.find("cms replay: " + bad + ": steps[5].body.amount_pence: must be at least 1\n") !=
          std::string::npos);
    CHECK(refused.errors.find("cms replay: " + also_bad + ": ") != std::string::npos);
    CHECK(refused.errors.find(example_path) == std::string::npos);
    CHECK(refused.output.empty());
    CHECK_FALSE(std::filesystem::exists(database));

    CHECK(cms::testing::run_cms({"replay", "--verbose"}).exit_status == 2);
    CHECK(cms::testing::run_cms({"replay", "--dbx", database, example_path}).exit_status == 2);
}

TEST_CASE("cms replay --report is the same bytes on every replay, and holds what the routes answer") {
    cms::testing::temporary_directory directory;
    const std::string first = directory.file("first.json");
    const std::string second = directory.file("second.json");
    REQUIRE(replay(quoted(example_path) + " " + quoted(payout_path) + " --report " + quoted(first)).exit_status == 0);
    REQUIRE(replay(quoted(example_path) + " " + quoted(payout_path) + " --report " + quoted(second)).exit_status == 0);
    const std::string text = file_text(first);
    CHECK(text == file_text(second));
    const nlohmann::json report = nlohmann::json::parse(text);
    CHECK(text == report.dump(2) + "\n");
    REQUIRE(report["scenarios"].size() == 2);
    CHECK(report["scenarios"][0]["file"] == example_path);
    CHECK(report["scenarios"][0]["name"] == "one family's first year");
    CHECK(report["scenarios"][0]["passed"] == true);
    CHECK(report["scenarios"][0]["cases"].size() == 1);
    CHECK(report["scenarios"][0]["cases"][0]["balance"]["ledger_balance_pence"] == 5362);

    // The same scenario into a kept database, then a server on it at the scenario's last date:
    // each case's four bodies are the report's.
    const std::string database = directory.file("kept.db");
    const std::string kept = directory.file("kept.json");
    REQUIRE(replay(quoted(payout_path) + " --db " + quoted(database) + " --report " + quoted(kept)).exit_status == 0);
    const nlohmann::json kept_report = nlohmann::json::parse(file_text(kept));
    CHECK(kept_report["scenarios"][0]["cases"] == report["scenarios"][1]["cases"]);
    const nlohmann::json& cases = kept_report["scenarios"][0]["cases"];
    REQUIRE_FALSE(cases.empty());
    CHECK_FALSE(cases[0]["disbursements"]["disbursements"].empty());
    cms::testing::server_process server(database, {"--business-date", "2025-02-11"}, directory.file("server.log"));
    cms::testing::http_client client(server.port(), server.token("caseworker"));
    for (const auto& reported : cases) {
        const std::string path = "/v1/cases/" + std::to_string(reported["case_id"].get<std::int64_t>());
        INFO(path);
        CHECK(client.get(path + "/balance").json() == reported["balance"]);
        CHECK(client.get(path + "/statement").json() == reported["statement"]);
        CHECK(client.get(path + "/enforcement-actions").json() == reported["enforcement"]);
        CHECK(client.get(path + "/disbursements").json() == reported["disbursements"]);
    }
}
