#pragma once
/// `cms export-journal`: a database's command journal written as a scenario file
/// (schemas/scenario.schema.json), so that replaying it on an empty database (`cms replay`) sends
/// the same commands, on the same business dates, under the same keys and actors.
///
/// Each journaled command the scenario vocabulary has becomes a command step: its business date
/// is the step's `on`, its request is the body less the ids its URL named (those become the
/// step's case, payment, paying_parent, action or request), and an answer that was not 2xx
/// becomes the step's expect_status. What an accepted step created is named after its kind and
/// original id ("as": "case_3"), and later steps give that name wherever the request gave the id,
/// so the file replays whatever ids the new database hands out. An id no exported step created
/// under a name (a payment split off a paying parent's payment, an action the daily close
/// proposed) is kept as an id and counted. A journaled accrual (start_job) is a run_job accrue
/// step; clock moves (set_business_date) are carried by the dates. Entries no step expresses (the
/// users' administration, the system's end_qualification) are left out and counted. The one bulk
/// entry of `cms generate` (generate_caseload) is refused: its cases were written straight to
/// the store, not by commands, so nothing could replay them.
///
/// The header keeps the scenario as text: no JSON type in a service header outside http/ and wire/.
#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>

#include "persistence/unit_of_work.hpp"
#include "services/replay/scenario.hpp"

namespace cms::services {

struct journal_export_options {
    std::string scenario_name = "exported command journal";
    /// When the replay runs the batch jobs (scenario.hpp, scenario_jobs). daily: as the server's
    /// scheduler runs them, a tick for each day between steps (run_scheduled_jobs); when a clock
    /// move after the last command took the journal to a later date, a last run_job close_day
    /// step on that date makes the schedule run through it. as_written: only journaled accruals.
    scenario_jobs jobs = scenario_jobs::daily;
    /// Journal entries read per query.
    std::size_t page_entries = 500;
};

struct journal_export {
    std::string scenario_text;         ///< the scenario file, read back by the scenario parser before it is returned
    std::size_t entries_read = 0;      ///< journal entries, every one
    std::size_t command_steps = 0;
    std::size_t refused_steps = 0;     ///< command steps with an expect_status (answers that were not 2xx)
    std::size_t job_steps = 0;         ///< journaled accruals, and on the daily schedule the last date's close
    std::size_t clock_moves = 0;       ///< set_business_date entries: the dates carry them
    std::size_t references_by_id = 0; ///< ids kept as ids: no exported step created them under a name
    std::map<std::string, std::size_t> left_out;  ///< entries no scenario step expresses, by command type
};

/// A journal that cannot be written as a scenario: the bulk generator's entry, nothing a step
/// expresses, more than a scenario file holds. The message says which and why, in our words.
class journal_export_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Reads every journal entry in id order through `view` (give it a snapshot, so a server writing
/// meanwhile cannot split the export) and writes the scenario. Throws journal_export_error.
journal_export export_journal(persistence::read_view& view, const journal_export_options& options = {});

}  // namespace cms::services
