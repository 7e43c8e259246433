#pragma once
/// The daily pay-out: passes on to each receiving parent what was collected for them, as one
/// ledger posting per case and date (core/payments/payout.hpp) and one disbursement record per
/// receiving parent and date, written in the same transaction.
///
/// A pay-out dated D closes its day: it passes on everything collected on or before D, less the
/// 4% fee the payments' own postings already kept (at the rate in force on each collection date),
/// and first keeps back what a receiving parent was overpaid. It visits only the cases listed as
/// holding collected money (cases_holding_collections), in chunks, one transaction each.
///
/// Idempotent and crash-safe like the accrual: each case's posting is keyed by (case, payout,
/// date), so a rerun after a kill at any point pays nobody twice, and a case is taken off the
/// list only in the transaction that leaves it holding nothing, so nobody is missed. Pay-outs
/// move forward: a date before the last completed one is refused, and a case that already has a
/// later pay-out is not paid for an earlier date.
#include <cstdint>
#include <optional>
#include <string>

#include "core/common/civil_date.hpp"
#include "core/common/money.hpp"
#include "services/ledger/accrual_job.hpp"

namespace cms::services {

struct payout_job_options {
    core::civil_date through;
    /// Listed cases per chunk (one transaction each).
    std::int64_t chunk_cases = 1'000;
    /// A job row created beforehand (the HTTP route answers with its id before the job runs).
    std::optional<std::int64_t> existing_job_id;
};

struct payout_job_result {
    std::int64_t job_id = 0;
    std::int64_t cases_visited = 0;
    std::int64_t cases_paid = 0;
    std::int64_t disbursements = 0;
    core::money paid_total;
    std::string status;  ///< succeeded or failed
    std::string detail;
};

/// What paying out one case did.
struct case_payout {
    std::int64_t disbursements = 0;
    core::money paid;
};

/// Pays out one case for `on` inside the caller's unit of work (nothing when it holds nothing,
/// was already paid out for `on`, or has a later pay-out); takes it off the list when it then
/// holds nothing. Throws if the ledger would break a limit (a bug).
case_payout pay_out_case(persistence::unit_of_work& work, core::case_id for_case, core::civil_date on,
                         std::int64_t job_id);

/// Runs the pay-out dated `options.through` over every listed case, then records the date as
/// complete. A `through` before the last completed date pays nothing and says so in `detail`.
payout_job_result run_payout_job(const transaction_runner& in_transaction, const payout_job_options& options);

/// True when no pay-out has completed for `through` or a later date (the check of an explicit
/// pay-out: `cms run-job disburse`, a scenario's run_job step).
bool payout_due(persistence::payout_queries& payouts, core::civil_date through);

/// The schedule's check (the daily close, and the scheduler's pay-out after it): a pay-out is
/// due and some case holds collected money. A day on which nothing is held is skipped with no
/// job row; a later pay-out passes on everything collected up to its date, so nothing is lost.
bool scheduled_payout_has_work(persistence::payout_queries& payouts, core::civil_date through);

}  // namespace cms::services
