#pragma once
/// Arrangements and children covered by service type on a date: the statistics' "children
/// covered" measure, split Direct Pay and Collect and Pay (README.md in this folder). Also the
/// share of Collect and Pay arrangements that paid some or nothing in a quarter.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/cases/case_records.hpp"
#include "core/common/civil_date.hpp"
#include "core/statistics/compliance.hpp"

namespace cms::core {

/// One case as the measure needs it.
struct case_coverage_facts {
    civil_date opened_on{};
    std::optional<civil_date> closed_from;  ///< the closure's effective date: liability stops that day
    /// The service in force on the date (the case's liability terms); nothing before its first term.
    std::optional<service_type> service_on_date;
    /// Each child's last-qualifying boundary: the day they stop qualifying, when one is recorded.
    std::vector<std::optional<civil_date>> children_stop_qualifying_on;
};

struct service_type_coverage {
    std::int64_t arrangements = 0;  ///< cases open on the date
    std::int64_t children = 0;      ///< children of those cases still qualifying on the date
};

struct service_types_summary {
    service_type_coverage direct_pay;
    service_type_coverage collect_and_pay;
    service_type_coverage all;
};

/// A case is an arrangement on `on` when it opened on or before it and was not closed by then
/// (a closure effective on `on` has stopped it). Its children are covered unless they stopped
/// qualifying on or before `on`.
service_types_summary summarise_service_types(std::span<const case_coverage_facts> cases, civil_date on);

/// Collect and Pay arrangements (cases) due to pay in a quarter that paid some or nothing of it,
/// each case on its own figures (maintenance_between), unlike compliance, which sums a paying
/// parent's cases.
struct arrangements_paying {
    std::int64_t due_to_pay = 0;
    std::int64_t paid_some = 0;
    std::int64_t paid_nothing = 0;
};

/// Counts one case's quarter into `into`; a case with nothing due is left out.
void count_arrangement(arrangements_paying& into, const maintenance_in_period& arrangement);

}  // namespace cms::core
