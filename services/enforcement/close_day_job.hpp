#pragma once
/// The daily close: for each day not yet closed, up to `through`, in this order:
///   1. the monthly accrual, when the day ends a month not yet posted (it applies credit held);
///   2. missed-payment detection: each open Collect and Pay case whose instalment's grace period
///      ends that day and which still owes something that fell due by then gets a missed payment,
///      a missed-payment contact and an arrears notice (core/enforcement/escalation.hpp);
///   3. escalation: cases whose missed payment is `proposal_after_days` old and which are still in
///      arrears get the next step of the ladder proposed; cases with proposals that have become
///      compliant have them withdrawn;
///   4. the pay-out of the day (services/ledger/payout_job.hpp);
/// then the day is recorded as closed.
///
/// Idempotent per (day, case): a missed payment is keyed by (case, due date), a notice by (case,
/// day, kind), a proposal is made only where none is open, and the accrual and pay-out are keyed
/// as they always are; so a rerun, or a restart after a kill at any point, repeats nothing and a
/// day is marked closed only once all its steps are done. Days are closed one at a time, oldest
/// first; with none closed before, the first run closes `through` alone. A case that fails is
/// recorded against it (visible on the job and on the case) and the rest go on.
#include <cstdint>
#include <span>
#include <string>

#include "core/calculation/calculation_policy.hpp"
#include "core/enforcement/escalation.hpp"
#include "core/enforcement/ladder.hpp"
#include "core/ledger/collection_fee_policy.hpp"
#include "persistence/enforcement_repository.hpp"
#include "services/ledger/accrual_job.hpp"

namespace cms::services {

struct close_day_options {
    core::civil_date through;
    /// Cases per chunk (one transaction each).
    std::int64_t chunk_cases = 2'000;
    /// Days one run closes at most; the rest wait for the next run.
    std::int64_t catch_up_days_max = 400;
    /// Passed to the accrual (accrual_job_options).
    persistence::store* read_ahead_store = nullptr;
    std::span<const core::calculation_rates> calculation_rates;
};

struct close_day_result {
    std::int64_t job_id = 0;
    std::int64_t days_closed = 0;
    std::int64_t missed_payments = 0;
    std::int64_t proposals = 0;
    std::int64_t proposals_withdrawn = 0;
    std::int64_t employer_deductions_missed = 0;  ///< employer_deduction_missed notices (remittance.hpp)
    std::int64_t cases_failed = 0;
    std::string status;  ///< succeeded or failed
    std::string detail;
};

/// "N day(s) closed, N missed payment(s), ...": what a run did, as the CLI, the scheduler's log and
/// scenario replay report it.
std::string summary_of(const close_day_result& result);

/// True when `through` is after the last closed day (or no day was ever closed).
bool close_day_due(persistence::enforcement_queries& enforcement, core::civil_date through);

close_day_result run_close_day_job(const transaction_runner& in_transaction,
                                   std::span<const core::collection_fee_row> fees,
                                   std::span<const core::missed_payment_policy> missed_payment_policy,
                                   const close_day_options& options);

}  // namespace cms::services
