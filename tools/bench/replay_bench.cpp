// Benchmark (not a test): scenario replay of a generated caseload with the full daily rules
// (issue #15). Prints simulated case-years per second, peak memory, and, measured in the same
// run, the time this machine's SQLite takes to insert as many rows as the replay wrote, so the
// figure reads as a ratio to the ceiling of the stack. Never fails on timing.
//
//   cms-bench-replay [--cases N] [--days D] [--seed S] [--synced] [--keep DIR]
//
// Set-up (not timed): services/generation/command_history drives N cases through the real
// commands day by day for D days (parents registered, Collect and Pay cases opened in the first
// third of the days, instalments paid in full, short, over or not at all, some reversed, some
// incomes changed), and `cms export-journal`'s function writes that journal as a scenario with
// "jobs": "daily". Timed: replay_scenario on an empty database, as `cms replay` does, which
// moves the clock one day at a time and runs the scheduler's tick each day (the month-end
// accrual, the daily close with missed payments and proposals, the pay-out) between the commands.
// By default the replay's commits skip the fsync, as `cms replay` does for its temporary
// databases; --synced makes every commit durable, as `cms replay --db` does.
//
// A case-year is a case followed for 365 days: the sum over cases of the days from its opening
// to the last day, over 365.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "persistence/sqlite/sqlite_benchmark.hpp"
#include "persistence/sqlite/sqlite_store.hpp"
#include "services/generation/command_history.hpp"
#include "services/replay/journal_export.hpp"
#include "services/replay/scenario.hpp"
#include "services/runtime/cli_arguments.hpp"
#include "bench_caseload.hpp"

namespace {

using cms::bench::peak_rss_mib;
using cms::bench::seconds_since;
namespace core = cms::core;
namespace services = cms::services;

/// Days each opened case is followed by the scenario, from its open_case step's date to the last
/// step's date, both counted.
std::int64_t case_days_of(const services::scenario& replayed) {
    if (replayed.steps.empty()) return 0;
    const core::civil_date last = replayed.steps.back().on;
    std::int64_t case_days = 0;
    for (const services::scenario_step& step : replayed.steps) {
        const auto* command = std::get_if<services::command_step>(&step.action);
        if (command == nullptr || command->command != services::scenario_command::open_case) continue;
        case_days += core::days_between(step.on, last) + 1;
    }
    return case_days;
}

}  // namespace

int main(int argc, char** argv) {
    // Each job logs a line when it ends; a year of days is thousands of lines around the figures.
    spdlog::set_level(spdlog::level::warn);
    try {
        const services::cli_arguments options(std::vector<std::string>(argv + 1, argv + argc),
                                              {"cases", "days", "seed", "keep"}, {"synced"});
        services::command_history_options history;
        history.cases_count = options.integer("cases", 1, services::command_history_cases_max).value_or(1'000);
        history.days = options.integer("days", 2, services::command_history_days_max).value_or(365);
        history.seed = static_cast<std::uint64_t>(options.integer("seed", 0, INT64_MAX).value_or(2025));
        const bool synced = options.has("synced");
        namespace fs = std::filesystem;
        const fs::path directory = options.value("keep").value_or(
            (fs::temp_directory_path() / ("cms-bench-replay-" + std::to_string(getpid()))).string());
        fs::create_directories(directory);
        const std::string generated_path = (directory / "generated.db").string();
        const std::string replayed_path = (directory / "replayed.db").string();
        fs::remove(generated_path);
        fs::remove(replayed_path);

        auto started = std::chrono::steady_clock::now();
        services::scenario replayed;
        {
            const auto store = cms::persistence::open_sqlite_store(generated_path, cms::persistence::system_wall_clock(),
                                                                   cms::persistence::commit_durability::unsynced);
            const services::command_history_result made = services::generate_command_history(*store, history);
            const auto connection = store->open_read_connection();
            connection->begin_snapshot();
            const services::journal_export exported = services::export_journal(connection->view());
            connection->end_snapshot();
            replayed = services::parse_scenario(exported.scenario_text);
            std::printf("set-up: %lld cases over %lld days generated (%lld commands, %lld payments, %lld refused) "
                        "and exported as %zu steps in %.2f s\n",
                        static_cast<long long>(made.cases_opened), static_cast<long long>(history.days),
                        static_cast<long long>(made.commands_accepted), static_cast<long long>(made.payments),
                        static_cast<long long>(made.commands_refused), replayed.steps.size(), seconds_since(started));
        }

        services::replay_options replaying;
        replaying.synced_commits = synced;
        started = std::chrono::steady_clock::now();
        const services::replay_result result = services::replay_scenario(replayed, replayed_path, replaying);
        const double replay_seconds = seconds_since(started);
        if (!result.all_passed()) {
            std::fprintf(stderr, "cms-bench-replay: the replay did not pass: %zu steps and %zu scheduled jobs failed\n",
                         result.failed_steps_count(), result.failed_scheduled_jobs_count());
            return 1;
        }
        const double case_years = static_cast<double>(case_days_of(replayed)) / 365.0;
        // The ceiling writes as many rows in as many commits: a replay commits each command (its
        // order matters) and each scheduled job at least once.
        const std::int64_t rows = cms::persistence::sqlite_database_row_count(replayed_path);
        const auto commits = static_cast<std::int64_t>(result.steps.size() + result.scheduled_jobs.size());
        const double ceiling_seconds =
            cms::persistence::time_sqlite_insert_in_transactions_seconds(replayed_path, rows, commits, synced);
        std::printf("replayed %zu steps and %zu scheduled jobs (%s commits) in %.2f s: %lld rows in the database\n",
                    result.steps.size(), result.scheduled_jobs.size(), synced ? "synced" : "unsynced", replay_seconds,
                    static_cast<long long>(rows));
        std::printf("ceiling: plain SQLite inserts of %lld rows in %lld commits took %.3f s\n", static_cast<long long>(rows),
                    static_cast<long long>(commits), ceiling_seconds);
        std::printf("replay bench: %.0f case-years in %.2f s = %.0f case-years/s, %.3f of the insert ceiling, "
                    "peak RSS %ld MiB\n",
                    case_years, replay_seconds, case_years / replay_seconds, ceiling_seconds / replay_seconds,
                    peak_rss_mib());
        if (!options.value("keep")) fs::remove_all(directory);
        return 0;
    } catch (const services::usage_error& error) {
        std::fprintf(stderr, "cms-bench-replay: %s\n", error.what());
        return 2;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "cms-bench-replay: %s\n", error.what());
        return 1;
    }
}
