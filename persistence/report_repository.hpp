#pragma once
/// Aggregates for reports: counts and sums over the whole caseload, never a person's details.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/cases/case_records.hpp"
#include "core/common/civil_date.hpp"
#include "core/common/ids.hpp"
#include "core/statistics/enforcement_activity.hpp"
#include "core/statistics/service_types.hpp"

namespace cms::persistence {

struct caseload_summary {
    /// "collect_and_pay/open" -> count, over cases opened on or before the date.
    std::map<std::string, std::int64_t> cases_by_service_and_status;
    std::int64_t payments_count = 0;
    std::int64_t payments_pence = 0;  ///< received on or before the date
    std::int64_t arrears_requests_pending = 0;
    std::int64_t arrears_requests_approved = 0;
    std::int64_t written_off_pence = 0;  ///< approved write-offs and part-payment remainders
    std::string last_accrued_period;   ///< "YYYY-MM", empty when none
};

/// One enforcement action with every event, oldest first (the enforcement statistics).
struct action_with_events {
    std::int64_t action_id = 0;
    core::case_id for_case;
    core::enforcement_action_facts facts;
};

/// A case's latest payment received on or before a date (the method statistics).
struct latest_payment_of_case {
    core::case_id for_case;
    core::payment_method method = core::payment_method::standing_order;
    core::civil_date received_on;
    core::payment_id payment;
};

/// A case as the children-covered measure reads it on a date.
struct case_coverage_row {
    core::case_id for_case;
    core::case_coverage_facts facts;
};

class report_queries {
public:
    virtual ~report_queries() = default;
    /// The figures as of `as_of` (business dates), from one consistent state of the store.
    virtual caseload_summary summarise_caseload(core::civil_date as_of) = 0;
    /// Up to `limit` enforcement actions with ids above `after_action_id`, by id, each with its
    /// events in order: two reads a page, whatever the number of cases.
    virtual std::vector<action_with_events> actions_with_events(std::int64_t after_action_id, std::int64_t limit) = 0;
    /// The latest payment (by received date, then id) of each case first_id..last_id received on
    /// or before `through`, reversed or not, in case order; cases without one are left out. One
    /// range read for a page of cases.
    virtual std::vector<latest_payment_of_case> latest_payments_of_cases(std::int64_t first_id, std::int64_t last_id,
                                                                         core::civil_date through) = 0;
    /// Cases first_id..last_id in id order with their opening, closure, the service of their
    /// liability terms in force on `on` and each child's qualification end: two range reads.
    virtual std::vector<case_coverage_row> case_coverage_of_cases(std::int64_t first_id, std::int64_t last_id,
                                                                  core::civil_date on) = 0;
};

}  // namespace cms::persistence
