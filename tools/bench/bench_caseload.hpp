#pragma once
// What the batch benchmarks share: a generated Collect and Pay caseload opened during 2024 whose
// months through December 2024 count as already accrued (steady state: this run is January's),
// and the process's peak memory.
#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdio>

#include "persistence/store.hpp"
#include "persistence/unit_of_work.hpp"
#include "services/generation/caseload_generator.hpp"

namespace cms::bench {

inline double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

inline long peak_rss_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;  // ru_maxrss is KiB on Linux
}

inline void generate_steady_caseload(persistence::write_connection& connection, std::int64_t cases) {
    services::caseload_options caseload;
    caseload.cases_count = cases;
    caseload.seed = 2025;
    caseload.start = *core::parse_iso_date("2025-01-01");
    caseload.opened_span_days = 366;
    caseload.collect_and_pay_bp = 10'000;  // the batch is measured on Collect and Pay cases
    const auto started = std::chrono::steady_clock::now();
    services::generate_caseload(connection, caseload, nullptr);
    std::printf("generated %lld Collect and Pay cases opened during 2024 in %.2f s\n", static_cast<long long>(cases),
                seconds_since(started));
    // Steady state: every month to December 2024 was accrued by earlier runs.
    persistence::in_transaction(connection, [](persistence::unit_of_work& work) {
        const std::int64_t job = work.jobs().start_job("accrue", *core::parse_iso_date("2024-12-31"));
        for (date::year_month month = date::year{2024} / 1; month <= date::year{2024} / 12; month += date::months{1}) {
            work.accrual().mark_period_complete(month, job);
        }
        work.jobs().finish_job(job, "succeeded", "benchmark set-up");
    });
}

}  // namespace cms::bench
