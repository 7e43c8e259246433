// End to end: `cms calc` with a request on standard input, and `cms serve` under a policy
// directory (a good one serves POST /v1/calculations; a broken one stops the start).
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "services/http/http_client.hpp"
#include "server_process.hpp"
#include "support/test_support.hpp"

using nlohmann::json;

namespace {

struct shell_result {
    int exit_status = -1;
    std::string output;   ///< standard output
    std::string errors;   ///< standard error
};

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string quoted(const std::string& text) { return "'" + text + "'"; }

/// Runs `cms ARGUMENTS` with `input` on standard input, through the shell (arguments are test
/// constants and temporary paths, quoted). A server that wrongly starts is stopped by timeout.
shell_result run_cms_with_input(const std::string& arguments, const std::string& input) {
    cms::testing::temporary_directory directory;
    const std::string input_path = directory.file("stdin");
    const std::string error_path = directory.file("stderr");
    std::ofstream(input_path) << input;
    const std::string command = "timeout 20 " + quoted(cms::testing::cms_binary()) + " " + arguments + " < " +
                                quoted(input_path) + " 2> " + quoted(error_path);
    shell_result result;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    std::size_t read = 0;
    while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, read);
    const int status = pclose(pipe);
    result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.errors = read_file(error_path);
    return result;
}

/// The third worked example of core/calculation/README.md: £1,200 a week, 1 child.
json worked_example() {
    return {{"date", "2025-01-15"},
            {"paying_parent",
             {{"gross_weekly_income_pence", 120'000}, {"benefit", "none"}, {"nil_rate_reason", nullptr},
              {"relevant_other_children", 0}, {"other_supported_children", 0}}},
            {"qualifying_children", {{{"id", "c1"}, {"receiving_parent", "rp"}, {"shared_care_nights", 0}}}}};
}

const std::filesystem::path shipped_policy = std::filesystem::path(CMS_SOURCE_DIR) / "schemas" / "policy";

/// A policy directory holding every shipped table (the server reads all of them from it), with
/// calculation_rates.json replaced by `calculation_rates`.
void write_policy_dir(const std::filesystem::path& directory, const json& calculation_rates) {
    std::filesystem::create_directories(directory);
    for (const auto& file : std::filesystem::directory_iterator(shipped_policy)) {
        std::filesystem::copy_file(file.path(), directory / file.path().filename(),
                                   std::filesystem::copy_options::overwrite_existing);
    }
    std::ofstream(directory / "calculation_rates.json") << calculation_rates.dump(2);
}

}  // namespace

TEST_CASE("cms calc prints the calculation of the request on standard input") {
    const auto answer = run_cms_with_input("calc", worked_example().dump());
    REQUIRE(answer.exit_status == 0);
    const json body = json::parse(answer.output);
    // Basic plus: 12% x £800 + 9% x £400 = £96 + £36 = £132.00.
    CHECK(body["rate"] == "basic_plus");
    CHECK(body["weekly_amount_pence"] == 13'200);
    CHECK_FALSE(body["steps"].empty());
    CHECK(answer.errors.empty());

    json bad = worked_example();
    bad["qualifying_children"][0]["shared_care_nights"] = 400;
    const auto refused = run_cms_with_input("calc", bad.dump());
    CHECK(refused.exit_status == 1);
    CHECK(refused.output.empty());
    CHECK(refused.errors.find("qualifying_children[0].shared_care_nights") != std::string::npos);

    const auto not_json = run_cms_with_input("calc", "{\"date\": ");
    CHECK(not_json.exit_status == 1);
    CHECK(not_json.errors == "cms calc: (request): standard input is not valid JSON (UTF-8 text) at byte 10\n");
    const auto repeated = run_cms_with_input("calc", R"({"date": "2025-01-15", "date": "2025-01-16"})");
    CHECK(repeated.exit_status == 1);
    CHECK(repeated.errors == "cms calc: date: appears more than once in the same object\n");

    const auto help = run_cms_with_input("calc --help", "");
    CHECK(help.exit_status == 0);
    CHECK(help.output.find("usage: cms calc") != std::string::npos);
}

TEST_CASE("cms serve refuses to start on a broken policy directory, naming file, row and problem") {
    cms::testing::temporary_directory directory;
    const std::filesystem::path policy = directory.path() / "policy";
    // Two rows where the second starts inside the first, which is open-ended.
    json table = json::parse(read_file((shipped_policy / "calculation_rates.json").string()));
    json second = table["rows"][0];
    second["effective_from"] = "2014-01-01";
    table["rows"].push_back(second);
    write_policy_dir(policy, table);

    const std::string database = directory.file("cms.db");
    const auto refused = run_cms_with_input(
        "serve --db " + quoted(database) + " --port 0 --policy-dir " + quoted(policy.string()), "");
    CHECK(refused.exit_status == 1);
    CHECK(refused.errors.find("calculation_rates.json") != std::string::npos);
    CHECK(refused.errors.find("row 2") != std::string::npos);
    CHECK(refused.errors.find("overlaps row 1") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(database));   // stopped before touching the database

    const auto missing = run_cms_with_input(
        "serve --db " + quoted(database) + " --port 0 --policy-dir " + quoted(directory.file("nowhere")), "");
    CHECK(missing.exit_status == 1);
    CHECK(missing.errors.find("calculation_rates.json") != std::string::npos);

    const auto calc_refused = run_cms_with_input("calc --policy-dir " + quoted(policy.string()), worked_example().dump());
    CHECK(calc_refused.exit_status == 1);
    CHECK(calc_refused.errors.find("overlaps row 1") != std::string::npos);
}

TEST_CASE("cms serve with a policy directory answers POST /v1/calculations over HTTP") {
    cms::testing::temporary_directory directory;
    // A copy of the shipped table with a £10 flat rate from 2025: proves the directory, not
    // the built-in table, is used.
    json table = json::parse(read_file((shipped_policy / "calculation_rates.json").string()));
    table["rows"][0]["effective_to"] = "2025-01-01";
    json changed = table["rows"][0];
    changed["effective_from"] = "2025-01-01";
    changed["effective_to"] = nullptr;
    changed["flat_rate_pence"] = 1'000;
    changed["nil_rate_income_below_pence"] = 1'000;
    changed["shared_care_floor_pence"] = 1'000;
    table["rows"].push_back(changed);
    const std::filesystem::path policy = directory.path() / "policy";
    write_policy_dir(policy, table);

    cms::testing::server_process server(directory.file("cms.db"),
                                        {"--business-date", "2025-01-15", "--policy-dir", policy.string()},
                                        directory.file("server.log"));
    cms::services::http_client client(server.port(), server.token("analyst"));
    json request = worked_example();
    request["paying_parent"]["gross_weekly_income_pence"] = 15'000;   // reduced rate: flat + 17% x £50
    const auto answer = client.post("/v1/calculations", request.dump());
    REQUIRE(answer.status == 200);
    CHECK(answer.json()["weekly_amount_pence"] == 1'850);   // £10 + £8.50 (shipped table: £15.50)

    request["date"] = "2024-06-01";   // the first row still applies before 2025
    CHECK(client.post("/v1/calculations", request.dump()).json()["weekly_amount_pence"] == 1'550);

    request["paying_parent"].erase("benefit");
    const auto refused = client.post("/v1/calculations", request.dump());
    CHECK(refused.status == 400);
    CHECK(refused.json()["field"] == "paying_parent.benefit");
}

TEST_CASE("a policy directory lacking a table stops serve, calc and run-job, naming the missing file") {
    cms::testing::temporary_directory directory;
    const std::filesystem::path only_rates = directory.path() / "only_rates";
    std::filesystem::create_directories(only_rates);
    std::filesystem::copy_file(shipped_policy / "calculation_rates.json", only_rates / "calculation_rates.json");
    const std::string database = directory.file("cms.db");

    const auto serve = run_cms_with_input(
        "serve --db " + quoted(database) + " --port 0 --policy-dir " + quoted(only_rates.string()), "");
    CHECK(serve.exit_status == 1);
    CHECK(serve.errors.find((only_rates / "collection_fees.json").string() + ": missing") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(database));  // stopped before touching the database

    const auto run_job = run_cms_with_input("run-job accrue --db " + quoted(database) +
                                                " --through 2025-01-31 --policy-dir " + quoted(only_rates.string()),
                                            "");
    CHECK(run_job.exit_status == 1);
    CHECK(run_job.errors.find("collection_fees.json: missing") != std::string::npos);

    const std::filesystem::path empty = directory.path() / "empty";
    std::filesystem::create_directories(empty);
    const auto calc = run_cms_with_input("calc --policy-dir " + quoted(empty.string()), worked_example().dump());
    CHECK(calc.exit_status == 1);
    CHECK(calc.errors.find((empty / "calculation_rates.json").string() + ": missing") != std::string::npos);
    CHECK(calc.output.empty());

    // A table the command would not read is still required: a directory is one set of policy.
    const std::filesystem::path no_ageing = directory.path() / "no_ageing";
    std::filesystem::create_directories(no_ageing);
    for (const char* table : {"calculation_rates.json", "collection_fees.json"}) {
        std::filesystem::copy_file(shipped_policy / table, no_ageing / table);
    }
    const auto calc_without_ageing =
        run_cms_with_input("calc --policy-dir " + quoted(no_ageing.string()), worked_example().dump());
    CHECK(calc_without_ageing.exit_status == 1);
    CHECK(calc_without_ageing.errors.find((no_ageing / "arrears_ageing.json").string() + ": missing") !=
          std::string::npos);
    CHECK(calc_without_ageing.output.empty());
    const auto run_job_without_ageing = run_cms_with_input(
        "run-job accrue --db " + quoted(database) + " --through 2025-01-31 --policy-dir " + quoted(no_ageing.string()),
        "");
    CHECK(run_job_without_ageing.exit_status == 1);
    CHECK(run_job_without_ageing.errors.find("arrears_ageing.json: missing") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(database));  // refused before the database was touched
}
