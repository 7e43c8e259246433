#pragma once
/// Aggregates for reports: counts and sums over the whole caseload, never a person's details.
#include <cstdint>
#include <map>
#include <string>

#include "core/common/civil_date.hpp"

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

class report_queries {
public:
    virtual ~report_queries() = default;
    /// The figures as of `as_of` (business dates), from one consistent state of the store.
    virtual caseload_summary summarise_caseload(core::civil_date as_of) = 0;
};

}  // namespace cms::persistence
