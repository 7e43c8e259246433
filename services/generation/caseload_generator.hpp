#pragma once
/// A synthetic caseload (issue #16): N cases with their parents, children, statutory calculation,
/// payment schedule and payer profile, drawn from the caseload parameters
/// (caseload_parameters.hpp) by one seeded SplitMix64 stream in a fixed order, so the same seed
/// and parameters give the same caseload, row for row. Written straight to the store in bulk
/// chunks on a write connection the caller owns, under one journal entry that names them all
/// (`cms generate`, the benchmarks, the batch tests).
#include <array>
#include <cstdint>
#include <functional>
#include <optional>

#include "core/common/civil_date.hpp"
#include "persistence/store.hpp"
#include "services/generation/caseload_parameters.hpp"
#include "services/generation/payer_behaviour.hpp"

namespace cms::services {

/// Real ONS codes of English districts the command history generator draws parents' areas from,
/// so area reports read naturally. The caseload generator draws every English district instead,
/// weighted by population (services/reports/reference_data.hpp).
inline constexpr std::array<const char*, 12> generated_area_codes = {
    "E06000059", "E07000052", "E07000053", "E09000021", "E08000003", "E08000025",
    "E06000023", "E08000035", "E06000018", "E07000178", "E09000033", "E08000012",
};

struct caseload_options {
    std::int64_t cases_count = 1'000;
    std::uint64_t seed = 1;
    /// Cases open on the days before this one (the parameters' span of days), and every child is
    /// under 16 on it, so every case is open with all its children qualifying on this day.
    core::civil_date start;
    /// What is drawn from; the compiled-in schemas/calibration/caseload_parameters.json if none.
    std::optional<caseload_parameters> parameters;
    /// Overrides of two parameters: the span of opening days (1..3,650) and the Collect and Pay
    /// share in basis points (a benchmark wants every case on Collect and Pay).
    std::optional<std::int64_t> opened_span_days;
    std::optional<std::int64_t> collect_and_pay_bp;
    /// Cases per transaction: bounds the writer's hold and the WAL's growth.
    std::int64_t chunk_cases = 50'000;
};

/// What was written, and the mix actually drawn (for the summary a run prints).
struct caseload_result {
    std::int64_t first_case_id = 0;
    std::int64_t last_case_id = 0;
    std::int64_t cases_count = 0;
    std::int64_t collect_and_pay_count = 0;
    std::int64_t children_count = 0;
    /// Indexed by payer_behaviour's value - 1 (pays_on_time first).
    std::array<std::int64_t, payer_behaviour_count> behaviour_counts{};
};

/// Appends the caseload; `on_progress(cases_written)` after each chunk. Throws
/// std::invalid_argument for options out of range (nothing written), and when the calculation
/// policy is not in force on every day a case may open.
caseload_result generate_caseload(persistence::write_connection& connection, const caseload_options& options,
                                  const std::function<void(std::int64_t)>& on_progress);

}  // namespace cms::services
