// `cms replay`: replays a scenario file on a simulated business clock (services/scenario.hpp)
// and reports each step and every expectation.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include "services/runtime/cli_arguments.hpp"
#include "services/wire/json_fields.hpp"
#include "services/replay/scenario.hpp"
#include "subcommands.hpp"

namespace cms::tools {

// Declared extern first: main.cpp names it, and a namespace-scope const is otherwise internal.
extern const char* const replay_help;
const char* const replay_help =
    "usage: cms replay --scenario FILE [--db PATH]\n"
    "\n"
    "Replays a scenario file (schemas/scenario.schema.json): each step on its own business\n"
    "date, commands through the same services as the HTTP API (the step's key is the command's\n"
    "idempotency key, the actor is 'replay'), accrual jobs, and expectations on a case's balance.\n"
    "Prints one line per step and a summary. Replaying again on the same database writes nothing\n"
    "more.\n"
    "Exit status: 0 when every step passed (commands accepted or answered with their\n"
    "expect_status, jobs succeeded, expectations matched), 1 when any failed, 2 for a bad\n"
    "scenario file ('cms replay: FILE: FIELD: PROBLEM' on standard error) or bad options.\n"
    "  --scenario FILE   the scenario (JSON)\n"
    "  --db PATH         the database to replay into (created when missing); by default a fresh\n"
    "                    temporary database, removed afterwards\n";

namespace {

/// A fresh database in a private temporary directory, removed with it.
class temporary_database {
public:
    temporary_database() {
        std::string pattern = (std::filesystem::temp_directory_path() / "cms-replay-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary directory");
        directory_ = pattern;
    }
    ~temporary_database() {
        std::error_code ignored;
        std::filesystem::remove_all(directory_, ignored);
    }
    temporary_database(const temporary_database&) = delete;
    temporary_database& operator=(const temporary_database&) = delete;
    std::string path() const { return (directory_ / "replay.db").string(); }

private:
    std::filesystem::path directory_;
};

std::optional<std::string> read_scenario_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) return std::nullopt;
    std::string text;
    char buffer[4096];
    while (file.read(buffer, sizeof buffer) || file.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(file.gcount()));
        // Past the limit is enough for the parser to refuse the file by its size.
        if (text.size() > services::scenario_bytes_max) break;
    }
    if (file.bad()) return std::nullopt;
    return text;
}

std::string what_happened(const services::scenario_step& step, const services::step_result& result) {
    std::string text;
    if (const auto* command = std::get_if<services::command_step>(&step.action)) {
        text = "key " + command->key + ": " + std::to_string(result.status);
        if (result.created_id) text += ", id " + std::to_string(*result.created_id);
        if (!result.detail.empty()) text += ", " + result.detail;
        return text;
    }
    return result.detail;
}

}  // namespace

int run_replay(const arguments& args) {
    const services::cli_arguments options(args, {"scenario", "db"}, {});
    const std::string scenario_path = options.required("scenario");
    const auto text = read_scenario_file(scenario_path);
    if (!text) {
        std::fprintf(stderr, "cms replay: %s: cannot be read\n", scenario_path.c_str());
        return 2;
    }
    services::scenario played;
    try {
        played = services::parse_scenario(*text);
    } catch (const services::field_error& refused) {
        std::fprintf(stderr, "cms replay: %s: %s\n", scenario_path.c_str(),
                     services::describe_scenario_error(refused.field(), refused.what()).c_str());
        return 2;
    }

    // The step lines already say what each job did; the services' progress logs would bury them.
    spdlog::set_level(spdlog::level::warn);
    std::optional<temporary_database> temporary;
    std::string database_path;
    if (auto given = options.value("db")) {
        database_path = *given;
    } else {
        database_path = temporary.emplace().path();
    }
    const services::replay_result result = services::replay_scenario(played, database_path);
    for (const auto& step : result.steps) {
        std::printf("%-4s %4zu %s %-18s %s\n", step.passed ? "ok" : "FAIL", step.index,
                    core::format_iso_date(step.on).c_str(), step.action.c_str(),
                    what_happened(played.steps[step.index], step).c_str());
    }
    std::size_t figures_passed = 0;
    for (const auto& figure : result.figures) figures_passed += figure.passed() ? 1 : 0;
    std::printf("cms replay: %s: %zu step(s), %zu failed; %zu of %zu expected figure(s) matched%s%s\n",
                played.name.c_str(), result.steps.size(), result.failed_steps_count(), figures_passed,
                result.figures.size(), temporary ? "" : "; database ", temporary ? "" : database_path.c_str());
    return result.all_passed() ? 0 : 1;
}

}  // namespace cms::tools
