// Benchmark (not a test): a synthetic national caseload generated and lived for a year (issue #16:
// 1,000,000 cases in under 10 minutes on the 2-core machine). Prints cases generated a second,
// case-years simulated a second, peak memory, and, measured in the same run, the time this
// machine's SQLite takes to insert as many rows as the run wrote in as many commits, so each
// figure reads as a ratio to the ceiling of the stack. Never fails on timing.
//
//   cms-bench-caseload [--cases N] [--days D] [--seed S] [--keep DIR]
//
// Timed, one: `cms generate`'s function writes N cases (the shipped parameters) opening in the
// 30 days before 2025-01-01. Timed, two: `cms simulate-caseload`'s function lives them from the
// earliest opening through D days after 2025-01-01 (default 365): the daily jobs, enforcement and
// every payment. Both on a database whose commits skip the fsync (it is thrown away), as the
// replay benchmark's. A case-year is a followed case lived for 365 days.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "persistence/sqlite/sqlite_benchmark.hpp"
#include "persistence/sqlite/sqlite_store.hpp"
#include "services/generation/caseload_generator.hpp"
#include "services/runtime/cli_arguments.hpp"
#include "services/simulation/caseload_simulation.hpp"
#include "bench_caseload.hpp"

namespace {

using cms::bench::peak_rss_mib;
using cms::bench::seconds_since;
namespace core = cms::core;
namespace services = cms::services;

}  // namespace

int main(int argc, char** argv) {
    spdlog::set_level(spdlog::level::warn);  // each daily job logs a line: thousands around the figures
    try {
        const services::cli_arguments options(std::vector<std::string>(argv + 1, argv + argc),
                                              {"cases", "days", "seed", "keep"}, {});
        services::caseload_options caseload;
        caseload.cases_count = options.integer("cases", 1, 10'000'000).value_or(100'000);
        caseload.seed = static_cast<std::uint64_t>(options.integer("seed", 0, INT64_MAX).value_or(2025));
        caseload.start = *core::parse_iso_date("2025-01-01");
        caseload.opened_span_days = 30;
        const std::int64_t days = options.integer("days", 1, 3'660).value_or(365);
        namespace fs = std::filesystem;
        const fs::path directory = options.value("keep").value_or(
            (fs::temp_directory_path() / ("cms-bench-caseload-" + std::to_string(getpid()))).string());
        fs::create_directories(directory);
        const std::string path = (directory / "caseload.db").string();
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
        const auto store = cms::persistence::open_sqlite_store(path, cms::persistence::system_wall_clock(),
                                                               cms::persistence::commit_durability::unsynced);

        auto started = std::chrono::steady_clock::now();
        services::caseload_result generated;
        {
            const auto connection = store->open_write_connection();
            generated = services::generate_caseload(*connection, caseload, {});
        }
        const double generate_seconds = seconds_since(started);
        const std::int64_t generated_rows = cms::persistence::sqlite_database_row_count(path);
        std::printf("generated %lld cases (%lld on Collect and Pay) in %.2f s = %.0f cases/s, %lld rows\n",
                    static_cast<long long>(generated.cases_count), static_cast<long long>(generated.collect_and_pay_count),
                    generate_seconds, static_cast<double>(generated.cases_count) / generate_seconds,
                    static_cast<long long>(generated_rows));

        services::caseload_simulation_options simulating;
        simulating.through = core::add_days(caseload.start, days - 1);
        started = std::chrono::steady_clock::now();
        const services::caseload_simulation_result simulated = services::simulate_caseload(*store, simulating);
        const double simulate_seconds = seconds_since(started);
        if (simulated.scheduled_jobs_failed > 0) {
            std::fprintf(stderr, "cms-bench-caseload: a scheduled job failed: %s\n", simulated.first_job_failure.c_str());
            return 1;
        }
        // The followed cases opened evenly over the 30 days before the start: 15 more days each.
        const double case_years =
            static_cast<double>(simulated.cases_followed) * static_cast<double>(simulated.days - 15) / 365.0;
        const std::int64_t simulated_rows = cms::persistence::sqlite_database_row_count(path) - generated_rows;
        const std::int64_t commits = simulated.commits;
        const double ceiling_seconds =
            cms::persistence::time_sqlite_insert_in_transactions_seconds((directory / "ceiling.db").string(),
                                                                         simulated_rows, commits, false);
        std::printf("simulated %lld days of %lld followed cases: %lld payments, %lld steps applied, %lld deductions, "
                    "%lld rows, in %.2f s\n",
                    static_cast<long long>(simulated.days), static_cast<long long>(simulated.cases_followed),
                    static_cast<long long>(simulated.payments), static_cast<long long>(simulated.enforcement.applied),
                    static_cast<long long>(simulated.enforcement.deductions), static_cast<long long>(simulated_rows),
                    simulate_seconds);
        std::printf("ceiling: plain SQLite inserts of %lld rows in %lld commits took %.3f s\n",
                    static_cast<long long>(simulated_rows), static_cast<long long>(commits), ceiling_seconds);
        const double total_seconds = generate_seconds + simulate_seconds;
        std::printf("caseload bench: %lld cases generated at %.0f cases/s; %.0f case-years simulated at %.0f case-years/s, "
                    "%.3f of the insert ceiling; %lld cases for a year in %.0f s (%.1f min); peak RSS %ld MiB\n",
                    static_cast<long long>(generated.cases_count), static_cast<double>(generated.cases_count) / generate_seconds,
                    case_years, case_years / simulate_seconds, ceiling_seconds / simulate_seconds,
                    static_cast<long long>(generated.cases_count), total_seconds, total_seconds / 60.0, peak_rss_mib());
        if (!options.value("keep")) fs::remove_all(directory);
        return 0;
    } catch (const services::usage_error& error) {
        std::fprintf(stderr, "cms-bench-caseload: %s\n", error.what());
        return 2;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "cms-bench-caseload: %s\n", error.what());
        return 1;
    }
}
