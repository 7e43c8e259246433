#pragma once
/// The calibration check (issue #16 point 4): published figures (schemas/calibration/targets.json)
/// against the same measures of a simulated caseload, read through the reports' own functions.
///
/// The model has no inflow of new cases and no trend over the years, so each figure is compared
/// with the simulated caseload's at the end of its run, whatever the figure's own period: a
/// quarter's measure with the last quarter ended by the run's last day, a date's measure with
/// that day. The targets' periods say when the figure was published, for the reader.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/civil_date.hpp"
#include "persistence/read_pool.hpp"
#include "services/generation/caseload_generator.hpp"
#include "services/simulation/caseload_simulation.hpp"

namespace cms::services {

/// The measures a target may name: each a share in basis points.
enum class calibration_measure : std::uint8_t {
    compliance_paid_nothing = 1,
    compliance_paid_up_to_90_percent,
    compliance_paid_over_90_percent,
    compliance_paid_share_of_due,
    service_types_collect_and_pay_children,
    service_types_collect_and_pay_arrangements,
    unpaid_since_start_unpaid_share,
};
std::string_view to_string(calibration_measure measure);

struct calibration_target {
    std::string id;
    std::string description;
    std::string period;  ///< as published: YYYY-Qn or YYYY-MM-DD
    calibration_measure measure = calibration_measure::compliance_paid_nothing;
    std::int64_t published_bp = 0;
    std::int64_t tolerance_bp = 0;
    bool used_in_fitting = false;
    std::string source;
};

/// A target the project cannot check yet, and why.
struct unavailable_target {
    std::string id;
    std::string why;
};

struct calibration_targets {
    std::vector<calibration_target> targets;
    std::vector<unavailable_target> unavailable;
};

/// The registry compiled in from schemas/calibration/targets.json.
const calibration_targets& embedded_calibration_targets();
/// Reads a registry strictly; throws std::invalid_argument naming the target and field.
calibration_targets parse_calibration_targets(std::string_view json_text);

struct calibration_result {
    calibration_target target;
    std::int64_t simulated_bp = 0;
    /// |simulated - published| in basis points: the tolerances are in the figure's own points.
    std::int64_t difference_bp = 0;
    /// |simulated - published| / published, in basis points of the published figure (rounded half up).
    std::int64_t relative_error_bp = 0;
    bool within_tolerance = false;
};

/// Every target's simulated value as of `as_of` (the run's last day), in the registry's order.
std::vector<calibration_result> measure_calibration_targets(persistence::read_pool& readers, core::civil_date as_of,
                                                            const calibration_targets& registry);

/// One calibration run: a caseload generated into `database_path` (a new file, left for the
/// caller to keep or remove), lived to `through`, and measured on that day.
struct calibration_run_options {
    std::string database_path;
    caseload_options caseload;  ///< cases, seed, start and parameters
    core::civil_date through;
    std::uint64_t court_seed = 1;
};

struct calibration_run {
    caseload_result generated;
    caseload_simulation_result simulated;
    std::vector<calibration_result> results;
};

/// Throws std::invalid_argument when the file exists (a calibration never writes into a
/// caseload it did not make) or the options cannot be run. The file's commits skip the fsync:
/// it is rebuilt by running again.
calibration_run run_calibration(const calibration_run_options& options, const calibration_targets& registry);

}  // namespace cms::services
