// End to end: `cms replay` on the example scenarios and on bad ones, checking exit codes, what it
// prints, and its --report against a live server's answers.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include <nlohmann/json.hpp>

#include "services/http/http_client.hpp"
#include "server_process.hpp"
#include "services/replay/scenario_report.hpp"
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
    // Each lists the cases its own steps created, not the other's.
    const nlohmann::json shared = nlohmann::json::parse(file_text(report));
    REQUIRE(shared["scenarios"].size() == 2);
    REQUIRE(shared["scenarios"][0]["cases"].size() == 1);
    CHECK(shared["scenarios"][0]["cases"][0]["case_id"] == 1);
    REQUIRE(shared["scenarios"][1]["cases"].size() == 1);
    CHECK(shared["scenarios"][1]["cases"][0]["case_id"] == 2);
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
    cms::services::http_client client(server.port(), server.token("caseworker"));
    for (const auto& reported : cases) {
        const std::string path = "/v1/cases/" + std::to_string(reported["case_id"].get<std::int64_t>());
        INFO(path);
        CHECK(client.get(path + "/balance").json() == reported["balance"]);
        // The report numbers the commands its statements show (journal ids differ between back ends).
        const nlohmann::json live = nlohmann::json::array({{{"statement", client.get(path + "/statement").json()}}});
        CHECK(nlohmann::json::parse(cms::services::with_commands_numbered(live.dump()))[0]["statement"] ==
              reported["statement"]);
        CHECK(client.get(path + "/enforcement-actions").json() == reported["enforcement"]);
        CHECK(client.get(path + "/disbursements").json() == reported["disbursements"]);
    }
}

namespace {

std::string scenario_path(const std::string& name) {
    return (std::filesystem::path(CMS_SOURCE_DIR) / "tests" / "scenarios" / name).string();
}

/// A user of `name` and `role` on the database, and its token (cms user add prints it first).
std::string add_user(const std::string& database, const std::string& name, const std::string& role) {
    const auto added = cms::testing::run_cms({"user", "add", "--db", database, "--name", name, "--role", role});
    REQUIRE(added.exit_status == 0);
    return added.output.substr(0, added.output.find('\n'));
}

/// A fresh database (cms user add creates it) with the users a replay --against sends as, its tokens file, and a server on
/// it with a simulated clock that only the replay moves.
struct replay_server {
    /// Its business date starts at `start`, on or before the first date replayed against it.
    explicit replay_server(cms::testing::temporary_directory& directory, const std::string& start = "2014-01-01")
        : database(directory.file("server.db")), tokens(directory.file("tokens.json")) {
        const nlohmann::json file = {{"batch", add_user(database, "night-batch", "batch")},
                                     {"actors", {{"replay", add_user(database, "replay", "supervisor")}}}};
        std::ofstream(tokens) << file.dump();
        server.emplace(database, std::vector<std::string>{"--clock", "simulated", "--business-date", start},
                       directory.file("server.log"));
        url = "http://127.0.0.1:" + std::to_string(server->port());
    }
    std::string database;
    std::string tokens;
    std::optional<cms::testing::server_process> server;
    std::string url;
};

}  // namespace

TEST_CASE("cms replay --against a live server prints and reports what the replay in process does, byte for byte") {
    // Accruals written as steps (2014); enforcement (a deduction order, penalties) with refusals
    // on the daily schedule; a pay-out, a refused reversal and a reversal after the pay-out. Each
    // on a fresh server and a fresh database: several files to one server would share its
    // caseload and its jobs, as `--db` shares one database.
    for (const std::string& file :
         {scenario_path("collection_fees_from_2014.json"), scenario_path("penalties.json"), payout_path}) {
        INFO(file);
        cms::testing::temporary_directory directory;
        replay_server live(directory);
        const std::string against = "--against " + live.url + " --tokens " + (quoted)(live.tokens) + " --verbose ";
        const std::string in_process = "--verbose ";  // a fresh temporary database, as the server's is fresh
        const auto over_http = replay(against + "--report " + quoted(directory.file("http.json")) + " " + quoted(file));
        const auto local = replay(in_process + "--report " + quoted(directory.file("local.json")) + " " + quoted(file));
        INFO(over_http.output);
        CHECK(over_http.exit_status == 0);
        CHECK(local.exit_status == 0);
        CHECK(over_http.output == local.output);
        const std::string report = file_text(directory.file("http.json"));
        CHECK(report == file_text(directory.file("local.json")));
        CHECK_FALSE(nlohmann::json::parse(report)["scenarios"][0]["cases"].empty());

        // Again on another fresh server: the same bytes (a rerun on the same server is not the
        // same: a refused command is not journaled, and is judged again on the server's later
        // date). Once is enough to show it; each server costs a start.
        if (file != payout_path) continue;
        cms::testing::temporary_directory again_directory;
        replay_server again(again_directory);
        REQUIRE(replay("--against " + again.url + " --tokens " + (quoted)(again.tokens) + " --report " +
                       quoted(again_directory.file("http.json")) + " " + quoted(file))
                    .exit_status == 0);
        CHECK(file_text(again_directory.file("http.json")) == report);
    }
}

TEST_CASE("several files to one server report as several files into one database: each its own cases") {
    cms::testing::temporary_directory directory;
    replay_server live(directory, "2025-01-01");
    // In date order, as one server's clock goes (January, then March).
    const std::string files = quoted(payout_path) + " " + quoted(scenario_path("schedule_weekly_first_instalment.json"));
    const auto over_http = replay("--against " + live.url + " --tokens " + (quoted)(live.tokens) + " --report " +
                                  quoted(directory.file("http.json")) + " " + files);
    const auto local = replay("--db " + quoted(directory.file("shared.db")) + " --report " +
                              quoted(directory.file("local.json")) + " " + files);
    INFO(over_http.output);
    CHECK(over_http.exit_status == 0);
    CHECK(over_http.output == local.output);
    const std::string report = file_text(directory.file("http.json"));
    CHECK(report == file_text(directory.file("local.json")));
    const nlohmann::json scenarios = nlohmann::json::parse(report)["scenarios"];
    REQUIRE(scenarios.size() == 2);
    REQUIRE(scenarios[0]["cases"].size() == 1);
    CHECK(scenarios[0]["cases"][0]["case_id"] == 1);
    REQUIRE(scenarios[1]["cases"].size() == 1);
    CHECK(scenarios[1]["cases"][0]["case_id"] == 2);
}

TEST_CASE("cms replay --against refuses what a server cannot honour, and a clock it cannot move back") {
    cms::testing::temporary_directory directory;
    // Near the pay-out scenario: the tick below closes the day before, and from then on every
    // day is closed one by one, so a server started years earlier would close them all first.
    replay_server live(directory, "2025-01-01");
    const std::string against = "--against " + live.url + " --tokens " + (quoted)(live.tokens) + " ";
    // A policy override: the server has one policy.
    const auto reform = replay(against + quoted(scenario_path("fee_reform_2027.json")));
    CHECK(reform.exit_status == 2);
    CHECK(reform.output.find("fee_reform_2027.json: policy: ") != std::string::npos);
    // An actor without a token: refused before anything is sent.
    const auto four_eyes = replay(against + quoted(scenario_path("write_off_representations_window.json")));
    CHECK(four_eyes.exit_status == 2);
    CHECK(four_eyes.output.find("no token for actor ann.caseworker") != std::string::npos);
    CHECK(replay("--against " + live.url + " " + quoted(payout_path)).exit_status == 2);  // no --tokens
    CHECK(replay("--against ftp://x " + quoted(payout_path)).exit_status == 2);

    // The jobs it runs, asked for directly: one with nothing to do says so; a bad kind is refused.
    cms::services::http_client batch(live.server->port(), nlohmann::json::parse(file_text(live.tokens))["batch"]);
    const auto idle = batch.post("/v1/jobs", R"({"kind": "accrue", "through": "2025-01-01", "in_place": true})",
                                 {{"Idempotency-Key", "idle-accrual"}});
    CHECK(idle.status == 200);
    CHECK(idle.json() == nlohmann::json{{"kind", "accrue"}, {"through", "2025-01-01"}, {"passed", true},
                                        {"detail", "nothing to post through 2025-01-01"}});
    // The first tick closes the day before; the next on that date finds it closed: nothing ran.
    const auto tick = batch.post("/v1/jobs", R"({"kind": "scheduled_tick"})", {{"Idempotency-Key", "first-tick"}});
    CHECK(tick.status == 200);
    CHECK(tick.json()["jobs"][0]["job"] == "close_day");
    const auto again = batch.post("/v1/jobs", R"({"kind": "scheduled_tick"})", {{"Idempotency-Key", "idle-tick"}});
    CHECK(again.status == 200);
    CHECK(again.json() == nlohmann::json{{"kind", "scheduled_tick"}, {"business_date", "2025-01-01"},
                                         {"jobs", nlohmann::json::array()}});
    const auto sweep = batch.post("/v1/jobs", R"({"kind": "sweep"})", {{"Idempotency-Key", "sweep"}});
    CHECK(sweep.status == 400);
    CHECK(sweep.json()["field"] == "kind");
    const auto background = batch.post("/v1/jobs", R"({"kind": "close_day", "through": "2024-12-31", "in_place": false})",
                                       {{"Idempotency-Key", "background"}});
    CHECK(background.status == 400);
    CHECK(background.json()["field"] == "in_place");

    // The server's clock only moves forward: after 2025, a file from 2018 stops the replay.
    REQUIRE(replay(against + quoted(payout_path)).exit_status == 0);
    const auto back = replay(against + quoted(scenario_path("passport_power_dated.json")));
    CHECK(back.exit_status == 1);
    CHECK(back.output.find("cannot move to 2018-06-01") != std::string::npos);
}

TEST_CASE("a server on the system clock runs no job in place: its scheduler runs them") {
    cms::testing::temporary_directory directory;
    cms::testing::server_process server(directory.file("cms.db"), {}, directory.file("server.log"));
    cms::services::http_client batch(server.port(), server.token("batch"));
    const auto refused = batch.post("/v1/jobs", R"({"kind": "scheduled_tick"})", {{"Idempotency-Key", "tick"}});
    CHECK(refused.status == 400);
    CHECK(refused.json()["field"] == "in_place");
    // `--clock simulated` stands alone: no scheduler beside it, no --business-date with system.
    CHECK(cms::testing::run_cms({"serve", "--db", directory.file("x.db"), "--clock", "simulated",
                                 "--scheduler-interval-seconds", "60"})
              .exit_status == 2);
    CHECK(cms::testing::run_cms({"serve", "--db", directory.file("x.db"), "--clock", "system", "--business-date",
                                 "2025-01-01"})
              .exit_status == 2);
}
