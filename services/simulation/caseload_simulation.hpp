#pragma once
/// `cms simulate-caseload`: a generated caseload lived day by day (issue #16 point 2). Each
/// simulated day, as a server on a simulated clock would live it:
///   1. the business date moves (the journaled set_business_date command, as POST /v1/clock);
///   2. the scheduler's jobs run (batch_scheduler.hpp, run_scheduled_jobs: the month-end accrual,
///      the daily close with missed payments and proposed enforcement, the pay-out);
///   3. enforcement acts: courts decide the applications whose day has come, and the daily
///      close's proposals are applied for as the parent's circumstances allow
///      (simulated_enforcement.hpp);
///   4. every paying parent pays what their profile says of the instalments that fall to be paid
///      that day (payer_behaviour.hpp), through the one sequence every payment shares
///      (services/payments/payment_intake.hpp), a chunk of payments a journaled command; while a
///      deduction order is active the employer or bank pays instead, a deduction on each due date;
///   5. the write-offs whose notice has run are decided, then cases close, move between Direct
///      Pay and Collect and Pay, and have arrears written off, at the caseload parameters' chances
///      (simulated_case_events.hpp).
///
/// The cases followed (followed_caseload.hpp) are the open cases with a generated profile: those
/// on Collect and Pay with a schedule in force on the last simulated day, paid from their first
/// due date, and those on Direct Pay, for whom only events are drawn. A case that closes (by an
/// event, or when its last child stops qualifying) is followed no more; one that moves is
/// followed on its new service, paid from its first due date on Collect and Pay. The instalment
/// asked for is the schedule's (core/payments/schedule.hpp: maintenance and collection fee over
/// the days it covers). Deterministic: the profiles hold every payment's draw, and every other
/// draw comes from the seed, so the same database and options give the same result. Resumable:
/// a run starts on the day after the last closed day, and each chunk of payments and each event
/// is keyed by its day, so a run stopped at any point and started again records nothing twice.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/common/civil_date.hpp"
#include "core/common/ids.hpp"
#include "core/ledger/collection_fee_policy.hpp"
#include "persistence/store.hpp"
#include "services/generation/caseload_parameters.hpp"
#include "services/generation/payer_behaviour.hpp"
#include "services/simulation/followed_caseload.hpp"
#include "services/simulation/simulated_case_events.hpp"
#include "services/simulation/simulated_enforcement.hpp"

namespace cms::services {

/// One simulated day, for progress.
struct simulated_day {
    core::civil_date day;
    std::int64_t payments = 0;
    std::int64_t paid_pence = 0;
};

struct caseload_simulation_options {
    /// The first day simulated; by default the day after the last closed day, or on a first run
    /// the day the earliest followed case's liability starts, so every case is lived from its
    /// opening (a generated caseload's cases open before its --start).
    std::optional<core::civil_date> from;
    core::civil_date through;
    /// Draws the courts' decisions (court_simulation.hpp): the same seed, the same decisions.
    std::uint64_t seed = 1;
    /// The chance an active deduction order fails on a due date (caseload_parameters.hpp), drawn
    /// from the seed, the action and the day.
    std::int64_t deduction_order_fails_bp = 0;
    /// The chances of closures, moves and write-offs (caseload_parameters.hpp); none by default.
    case_event_parameters events;
    /// The collection fees the run charges (a reform's table, issue #16 point 5); the compiled-in
    /// table when empty.
    std::vector<core::collection_fee_row> collection_fees;
    /// Payments per journaled command and transaction: bounds the writer's hold.
    std::int64_t payments_per_command = 5'000;
    std::function<void(const simulated_day&)> on_day;
};

struct caseload_simulation_result {
    core::civil_date first_day;
    std::int64_t days = 0;
    std::int64_t cases_followed = 0;
    std::int64_t payments = 0;
    std::int64_t paid_pence = 0;
    /// Payments the service refused (a case closed meanwhile): none unless a rule the simulation
    /// means to keep was broken; the first one's words.
    std::int64_t payments_refused = 0;
    std::string first_refusal;
    simulated_enforcement_counts enforcement;
    simulated_case_event_counts events;
    std::int64_t commits = 0;  ///< transactions the writer committed (its groups), for the benchmark's ceiling
    /// Scheduled jobs that did not start, failed or left cases unposted, and the first one.
    std::int64_t scheduled_jobs_failed = 0;
    std::string first_job_failure;
};

/// Sets the options' chances from a caseload parameter file: deduction orders failing and the
/// case events.
void use_parameters(caseload_simulation_options& options, const caseload_parameters& parameters);

/// Runs the days from `options.from` through `options.through` on `store`, holding its batch-job
/// lock as `cms serve` does, so no server may run on it meanwhile. Throws std::invalid_argument
/// for options that cannot be run (no first day, `through` before it).
caseload_simulation_result simulate_caseload(persistence::store& store, const caseload_simulation_options& options,
                                             const payer_profile_page& profiles);
/// The same, with the profiles `cms generate` stored beside the cases (migration 0025).
caseload_simulation_result simulate_caseload(persistence::store& store, const caseload_simulation_options& options);

}  // namespace cms::services
