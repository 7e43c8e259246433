#pragma once
/// The payment methods of the Collect and Pay paying parents who paid nothing in a quarter
/// (issue #16), beside those of every paying parent due to pay: the compliance report's
/// population, each paying parent with the method of their latest payment
/// (core/statistics/payment_methods.hpp).
#include "core/statistics/compliance.hpp"
#include "core/statistics/payment_methods.hpp"
#include "persistence/read_pool.hpp"

namespace cms::services {

struct nil_payers_report {
    core::reporting_quarter quarter;
    core::nil_payer_methods_summary summary;
    std::int64_t cases_read = 0;
};

/// The paying parents due to pay in the quarter and their bands, as read_compliance_report counts
/// them; each one's method is that of their latest payment received on or before the quarter's
/// last day, in any of their cases (the system records no arranged method for a case), or none
/// recorded. One snapshot; a range read of the latest payments a page of cases.
nil_payers_report read_nil_payers_report(persistence::read_pool& readers, core::reporting_quarter quarter);

}  // namespace cms::services
