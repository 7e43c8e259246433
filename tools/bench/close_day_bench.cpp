// Benchmark (not a test): the month-end close of a Collect and Pay caseload: the daily close of
// 31 January 2025 (issue #14), which accrues January, finds the instalments missed, proposes the
// next step for payments missed a week earlier, and pays out. In the same run it times a plain
// SQLite bulk insert of as many rows as the close wrote, so the time reads as a ratio to this
// machine's ceiling. Prints the time, cases per second, the counts and peak memory; never fails
// on timing.
//
//   cms-bench-close-day [--cases N] [--paying-share-percent P] [--keep DIR]
//
// The caseload: N cases opened during 2024 (tools/bench/bench_caseload.hpp), every month to
// December accrued and every day to 30 January closed. Of the cases whose instalment falls due
// on 28 January (checked at the close of the 31st, after a 3-day grace), P% (default 65, about
// the share of Collect and Pay parents who pay something each quarter in the published
// statistics) have paid well ahead; the rest miss it. The cases whose instalment was due on 21
// January and were found missing on the 24th are still owing, so each gets a step proposed.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "persistence/sqlite/sqlite_benchmark.hpp"
#include "persistence/sqlite/sqlite_store.hpp"
#include "services/enforcement/close_day_job.hpp"
#include "services/ledger/accrual_job.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/policy/enforcement_policy_loader.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/policy/policy_tables.hpp"
#include "services/runtime/cli_arguments.hpp"
#include "bench_caseload.hpp"

namespace {

using cms::bench::peak_rss_mib;
using cms::bench::seconds_since;
namespace core = cms::core;

core::civil_date day(const char* text) { return *core::parse_iso_date(text); }

struct seeded {
    std::int64_t payers = 0;
    std::int64_t missing = 0;
    std::int64_t found_a_week_ago = 0;
};

/// Pays ahead for `paying_share_percent` of the cases due on 28 January, and records the cases
/// due on 21 January as found missing on the 24th (as that day's close would have).
seeded seed_month(cms::persistence::write_connection& connection, std::int64_t paying_share_percent) {
    seeded counts;
    const auto fees = cms::services::load_collection_fees(std::nullopt);
    cms::persistence::in_transaction(connection, [&](cms::persistence::unit_of_work& work) {
        const std::int64_t job = work.jobs().start_job("close_day", day("2025-01-30"));
        work.enforcement().mark_day_closed(day("2025-01-30"), job);
        std::int64_t command = 1'000'000'000'000;  // far above the generator's; the journal is not needed here
        for (std::int64_t after = 0;;) {
            const auto rows = work.enforcement().collect_and_pay_schedules(after, 50'000, day("2025-01-31"));
            for (const auto& row : rows) {
                after = row.for_case.value;
                if (core::count_due_dates(row.schedule, day("2025-01-28"), day("2025-01-28")) == 1) {
                    if (static_cast<std::int64_t>(row.for_case.value % 100) < paying_share_percent) {
                        // Paid well ahead: a year's liability waits as credit and covers every due.
                        cms::services::post_payment(work, row.for_case, core::money::from_pence(2'000'000),
                                                    day("2025-01-27"), core::command_id{++command}, fees);
                        ++counts.payers;
                    } else {
                        ++counts.missing;
                    }
                }
                if (core::count_due_dates(row.schedule, day("2025-01-21"), day("2025-01-21")) == 1) {
                    work.enforcement().insert_missed_payment(
                        {row.for_case, day("2025-01-21"), day("2025-01-24"), core::money::from_pence(10'000), job});
                    ++counts.found_a_week_ago;
                }
            }
            if (rows.size() < 50'000) break;
        }
        work.jobs().finish_job(job, "succeeded", "benchmark set-up");
    });
    return counts;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const cms::services::cli_arguments options(std::vector<std::string>(argv + 1, argv + argc),
                                                   {"cases", "paying-share-percent", "keep"}, {});
        const std::int64_t cases = options.integer("cases", 1, 100'000'000).value_or(1'000'000);
        const std::int64_t paying_share = options.integer("paying-share-percent", 0, 100).value_or(65);
        namespace fs = std::filesystem;
        const fs::path directory = options.value("keep").value_or(
            (fs::temp_directory_path() / ("cms-bench-close-" + std::to_string(getpid()))).string());
        fs::create_directories(directory);
        const std::string path = (directory / "bench.db").string();
        fs::remove(path);

        spdlog::set_level(spdlog::level::debug);  // the close logs each step's time at debug
        const auto store = cms::persistence::open_sqlite_store(path);
        const auto connection = store->open_write_connection();
        cms::bench::generate_steady_caseload(*connection, cases);
        const seeded counts = seed_month(*connection, paying_share);
        std::printf("due on 28 January: %lld paid ahead, %lld not paid; %lld found missing on 24 January\n",
                    static_cast<long long>(counts.payers), static_cast<long long>(counts.missing),
                    static_cast<long long>(counts.found_a_week_ago));
        // Steady state: the caseload's pages are in the database file, not in a fresh WAL.
        cms::persistence::checkpoint_sqlite_database(path);

        const auto fees = cms::services::load_collection_fees(std::nullopt);
        const auto policy = cms::services::load_missed_payment_policy(std::nullopt);
        cms::services::close_day_options job;
        job.through = day("2025-01-31");
        job.read_ahead_store = store.get();  // as `cms run-job` does
        connection->set_reference_checks(false);
        const auto started = std::chrono::steady_clock::now();
        const auto result = cms::services::run_close_day_job(cms::services::direct_transactions(*connection), fees, policy, job);
        const double close_seconds = seconds_since(started);
        const long close_peak_mib = peak_rss_mib();
        std::int64_t rows_written = 0;
        cms::persistence::in_transaction(*connection, [&](cms::persistence::unit_of_work& work) {
            for (std::int64_t id = result.job_id - 3; id <= result.job_id + 3; ++id) {
                if (const auto row = work.jobs().find_job(id)) rows_written += row->postings_written;
            }
        });
        rows_written += result.missed_payments * 3 + result.proposals * 3;  // missed payment + 2 notices; action, event, notice
        const double bulk_seconds = cms::persistence::time_sqlite_bulk_insert_seconds(path, rows_written);

        std::printf("close of 2025-01-31: status %s, %lld missed payment(s), %lld step(s) proposed, %lld case failures,"
                    " in %.3f s (%.0f cases/s)\n",
                    result.status.c_str(), static_cast<long long>(result.missed_payments),
                    static_cast<long long>(result.proposals), static_cast<long long>(result.cases_failed), close_seconds,
                    static_cast<double>(cases) / close_seconds);
        std::printf("plain bulk insert of %lld rows (what the close wrote): %.3f s; ratio close / bulk insert: %.2f\n",
                    static_cast<long long>(rows_written), bulk_seconds, close_seconds / bulk_seconds);
        std::printf("month-end close target <= 5 s for 1,000,000 cases; peak memory (RSS) after it: %ld MiB\n",
                    close_peak_mib);
        if (!options.value("keep")) fs::remove_all(directory);
        return result.status == "succeeded" ? 0 : 1;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "cms-bench-close-day: %s\n", error.what());
        return 1;
    }
}
