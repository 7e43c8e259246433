#pragma once
/// A synthetic caseload for volume: N valid parents and cases written straight to the store in
/// bulk on a write connection the caller owns (one journal entry per run names them all), for benchmarks and batch tests. The
/// statistics work extends it with realistic behaviour; today it draws plausible amounts,
/// schedules and opening dates from a seeded generator, so the same seed gives the same caseload.
#include <array>
#include <cstdint>
#include <functional>

#include "core/common/civil_date.hpp"
#include "persistence/store.hpp"

namespace cms::services {

/// Real ONS codes of English districts the generators draw parents' areas from, so area reports
/// read naturally. Weighting by population belongs to the statistics work.
inline constexpr std::array<const char*, 12> generated_area_codes = {
    "E06000059", "E07000052", "E07000053", "E09000021", "E08000003", "E08000025",
    "E06000023", "E08000035", "E06000018", "E07000178", "E09000033", "E08000012",
};

struct caseload_options {
    std::int64_t cases_count = 1'000;
    std::uint64_t seed = 1;
    /// Cases open on dates spread over the `opened_span_days` before this date.
    core::civil_date opened_by;
    std::int64_t opened_span_days = 365;
    /// Share of cases on Collect and Pay, in basis points (the rest Direct Pay).
    std::int64_t collect_and_pay_bp = 10'000;
    /// Rows per transaction: bounds the writer's hold and the WAL's growth.
    std::int64_t chunk_cases = 50'000;
};

struct caseload_result {
    std::int64_t first_case_id = 0;
    std::int64_t last_case_id = 0;
};

/// Appends the caseload; `on_progress(cases_written)` after each chunk.
caseload_result generate_caseload(persistence::write_connection& connection, const caseload_options& options,
                                  const std::function<void(std::int64_t)>& on_progress);

}  // namespace cms::services
