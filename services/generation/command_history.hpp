#pragma once
/// A made-up history driven through the real services, one command at a time: what caseworkers
/// and a server's scheduler would leave in a database over a few months. Unlike the bulk caseload
/// generator (caseload_generator.hpp), every change is a journaled command, so the journal holds
/// the whole history: `cms export-journal` writes it as a scenario and its replay on an empty
/// database reproduces every transfer and balance (tests/services/journal_export_test.cpp).
///
/// Day by day on a simulated clock from `start`: the clock is moved one day with the journaled
/// set_business_date command (as POST /v1/clock), then what the server's scheduler runs after a
/// clock move (batch_scheduler.hpp, run_scheduled_jobs: the month-end accrual, the daily close,
/// the pay-out), then that day's commands: parents registered and Collect and Pay cases opened
/// with their incomes (some paying parents with a second case, who then pay once for both), each
/// instalment paid in full, short, over or not at all, some payments reversed days later, some
/// incomes changed. Every draw comes from one SplitMix64 stream seeded with `seed`, in a fixed
/// order, so the same options give the same journal, byte for byte. Children are young enough
/// that none stops qualifying within ten years.
#include <cstdint>
#include <string>

#include "core/common/civil_date.hpp"
#include "persistence/store.hpp"

namespace cms::services {

/// Bounds on the options, so a typing slip cannot ask for a decade of days or a national caseload.
inline constexpr std::int64_t command_history_cases_max = 10'000;
inline constexpr std::int64_t command_history_days_max = 3'660;

struct command_history_options {
    std::int64_t cases_count = 40;
    /// Business days simulated, `start` being the first; cases open in the first third of them.
    std::int64_t days = 120;
    std::uint64_t seed = 1;
    core::civil_date start{date::year{2025} / date::January / 6};
};

struct command_history_result {
    std::int64_t commands_accepted = 0;  ///< clock moves included
    /// Commands the service refused: none unless the generator broke a rule it means to keep; a
    /// refusal writes nothing to the journal, so the history goes on without it.
    std::int64_t commands_refused = 0;
    std::string first_refusal;  ///< the first refused command's key and the service's words
    /// Scheduled jobs that did not start, failed, or left cases unposted: none unless the history
    /// broke a rule the jobs keep (the scheduler would retry them on its next tick).
    std::int64_t scheduled_jobs_failed = 0;
    std::string first_job_failure;  ///< the first one: job, through, day and what became of it
    std::int64_t cases_opened = 0;
    std::int64_t payments = 0;  ///< a paying parent's one payment split between cases counts once
    std::int64_t reversals = 0;
    std::int64_t income_changes = 0;
    core::civil_date last_day;  ///< the business date the history ends on
};

/// Makes the history in `store` (created and migrated when missing; the caller chooses the back
/// end), holding its batch-job lock as `cms serve` does, so no server may run on it meanwhile. Keys
/// are prefixed with the seed ("g7-c3-pay2"), so a second run with the same options answers
/// every command from the journal and writes nothing more. Throws std::invalid_argument for
/// options out of bounds, and whatever opening the database throws.
command_history_result generate_command_history(persistence::store& store, const command_history_options& options);

}  // namespace cms::services
