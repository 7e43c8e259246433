#pragma once
/// The write-offs report (issue #16): arrears written off in a run of quarters by reason, with
/// the remainders of completed part payments (core/statistics/write_offs.hpp).
#include "core/statistics/compliance.hpp"
#include "core/statistics/write_offs.hpp"
#include "persistence/read_pool.hpp"

namespace cms::services {

struct write_offs_report {
    core::reporting_quarter from;
    core::reporting_quarter to;
    core::write_offs_summary summary;
    std::int64_t requests_read = 0;  ///< every write-off and part-payment request, decided or not
};

/// Reads every arrears request in one snapshot, a page at a time. A write-off counts when a
/// second person approved it (four eyes), on the day of approval, for what the approval wrote
/// off; a part payment's remainder on the day the accepted amount was completed. Rejected and
/// pending requests write nothing off.
write_offs_report read_write_offs_report(persistence::read_pool& readers, core::reporting_quarter from,
                                         core::reporting_quarter to);

}  // namespace cms::services
