// Benchmark (not a test): generates a Collect and Pay caseload, accrues one month over it with
// the real job, and in the same run times a plain SQLite bulk insert of as many rows as the
// accrual wrote, so the figures are read as a ratio to this machine's ceiling (README, "Accrual benchmark").
// Prints both times, their ratio, cases per second and peak memory. Never fails on timing.
//
//   cms-bench-accrual [--cases N] [--chunk-cases N] [--credit-holders N] [--keep DIR]
//
// --credit-holders (default: 1% of the cases) have paid £100 ahead on 31 December 2024, so the
// run also applies their credit to January's charges (services/ledger/credit_application.hpp).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "persistence/sqlite/sqlite_benchmark.hpp"
#include "persistence/sqlite/sqlite_store.hpp"
#include "services/ledger/accrual_job.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/generation/caseload_generator.hpp"
#include "services/runtime/cli_arguments.hpp"
#include "bench_caseload.hpp"
#include "services/policy/ledger_policy_loader.hpp"

using cms::bench::peak_rss_mib;
using cms::bench::seconds_since;

int main(int argc, char** argv) {
    try {
        const cms::services::cli_arguments options(std::vector<std::string>(argv + 1, argv + argc),
                                                   {"cases", "chunk-cases", "credit-holders", "keep"}, {});
        const std::int64_t cases = options.integer("cases", 1, 100'000'000).value_or(1'000'000);
        namespace fs = std::filesystem;
        const fs::path directory = options.value("keep").value_or(
            (fs::temp_directory_path() / ("cms-bench-" + std::to_string(getpid()))).string());
        fs::create_directories(directory);
        const std::string path = (directory / "bench.db").string();
        fs::remove(path);

        const auto store = cms::persistence::open_sqlite_store(path);
        const auto connection = store->open_write_connection();
        cms::bench::generate_steady_caseload(*connection, cases);
        auto started = std::chrono::steady_clock::now();
        // Some paying parents paid ahead: their payments wait as credit for January's charges.
        const std::int64_t credit_holders =
            options.integer("credit-holders", 0, cases).value_or(std::max<std::int64_t>(1, cases / 100));
        const auto fees_for_payments = cms::services::load_collection_fees(std::nullopt);
        cms::persistence::in_transaction(*connection, [&](cms::persistence::unit_of_work& work) {
            const std::int64_t spacing = credit_holders > 0 ? cases / credit_holders : 0;
            for (std::int64_t i = 0; i < credit_holders; ++i) {
                // A command id far above the generator's, one per payment (the journal is not
                // needed for the figure; `cms check` is not run on the benchmark's database).
                const cms::core::command_id cause{1'000'000'000'000 + i};
                cms::services::post_payment(work, cms::core::case_id{1 + i * spacing}, cms::core::money::from_pence(10'000),
                                            *cms::core::parse_iso_date("2024-12-31"), cause, fees_for_payments);
            }
        });
        std::printf("%lld cases paid 10000p ahead, waiting as credit\n", static_cast<long long>(credit_holders));
        // Steady state again: the caseload was written long before the month's run, so its pages
        // are in the database file, not in a write-ahead log of a million fresh rows.
        cms::persistence::checkpoint_sqlite_database(path);
        const auto fees = cms::services::load_collection_fees(std::nullopt);
        cms::services::accrual_job_options job;
        job.through = *cms::core::parse_iso_date("2025-01-31");
        // The job's own default chunk size unless told otherwise: the figure is the real configuration's.
        job.chunk_cases = options.integer("chunk-cases", 1, 10'000'000).value_or(job.chunk_cases);
        job.read_ahead_store = store.get();  // as `cms run-job` does: read ahead on a second connection

        // As `cms run-job` does: the batch connection leaves foreign keys to `cms check` (see there).
        connection->set_reference_checks(false);
        started = std::chrono::steady_clock::now();
        const auto result = cms::services::run_accrual_job(cms::services::direct_transactions(*connection), fees, job, nullptr);
        const double accrual_seconds = seconds_since(started);
        const long accrual_peak_mib = peak_rss_mib();
        const double bulk_seconds = cms::persistence::time_sqlite_bulk_insert_seconds(path, result.postings_written);

        std::printf("accrual of 2025-01: %lld cases, %lld postings (accruals and credit applications), status %s,"
                    " in %.3f s (%.0f cases/s)\n",
                    static_cast<long long>(result.cases_processed), static_cast<long long>(result.postings_written),
                    result.status.c_str(), accrual_seconds,
                    static_cast<double>(result.cases_processed) / accrual_seconds);
        std::printf("plain bulk insert of %lld rows of the same shape: %.3f s\n",
                    static_cast<long long>(result.postings_written), bulk_seconds);
        std::printf("ratio accrual / bulk insert: %.2f (target <= 1.5); accrual target <= 2 s\n",
                    accrual_seconds / bulk_seconds);
        std::printf("peak memory (RSS) after the accrual: %ld MiB (target <= 512)\n", accrual_peak_mib);
        if (!options.value("keep")) fs::remove_all(directory);
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "cms-bench-accrual: %s\n", error.what());
        return 1;
    }
}
