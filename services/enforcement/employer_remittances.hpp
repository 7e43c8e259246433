#pragma once
// The daily close's check of what employers paid over under deduction from earnings orders
// (core/enforcement/remittance.hpp). Internal to services/enforcement/ (close_day_job.cpp).
#include <cstdint>

#include "core/common/civil_date.hpp"
#include "services/ledger/accrual_job.hpp"

namespace cms::services {

struct remittance_check_counts {
    std::int64_t orders_short = 0;  ///< orders with fewer deductions than pay days
    std::int64_t notices = 0;       ///< cases given an employer_deduction_missed notice
    std::int64_t failed = 0;        ///< cases the check could not read (recorded against them)
};

/// On the 20th of a month, for each deduction from earnings order in force during the month
/// before: the deductions recorded for that month against the pay days it expected. A case with
/// an order short gets one employer_deduction_missed notice for the day, naming each order, the
/// deductions missed and the £500 fine per missed payment the employer may face; a caseworker
/// imposes it (POST /v1/cases/{id}/penalties, kind employer_missed_deduction). Any other day does
/// nothing. Keyed by (case, day, kind), so a rerun of the day repeats nothing.
remittance_check_counts check_employer_remittances(const transaction_runner& in_transaction, std::int64_t job_id,
                                                   core::civil_date day, std::int64_t chunk_orders);

}  // namespace cms::services
