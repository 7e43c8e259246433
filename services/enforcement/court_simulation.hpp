#pragma once
// Simulated court decisions (core/enforcement/court_outcomes.hpp): for a replay or a synthetic
// caseload, where no court will ever decide the applications the service makes.
#include <cstdint>
#include <span>
#include <string>

#include "core/enforcement/court_outcomes.hpp"
#include "persistence/read_pool.hpp"
#include "services/enforcement/enforcement_service.hpp"

namespace cms::services {

struct court_simulation_options {
    core::civil_date through;  ///< decisions whose day (application + the court's lead time) is on or before it
    std::uint64_t seed = 0;
    std::string actor = "court-simulation";  ///< journaled and audited as the actor of each decision
    std::int64_t chunk_actions = 1'000;      ///< applications read at a time
};

struct court_simulation_result {
    std::int64_t granted = 0;
    std::int64_t refused = 0;
    std::int64_t waiting = 0;   ///< before a court whose lead time has not yet passed, or with no table row
    std::int64_t failed = 0;    ///< decisions the life cycle refused (e.g. a sanction beside one it may not run with)
    std::string first_failure;  ///< the first such refusal, for the job's report
};

/// Decides every application still before a court whose decision day has come by
/// `options.through`: draws it from `table` with the seed and records it through the enforcement
/// service as a caseworker's event would be (the same life cycle, charges and journal), keyed
/// "court-simulation-<seed>-<action id>", so a rerun repeats each decision instead of drawing
/// again. Decisions are made in the order of the applications.
court_simulation_result simulate_court_decisions(enforcement_service& enforcement, persistence::read_pool& readers,
                                                 std::span<const core::court_outcome_row> table,
                                                 const court_simulation_options& options);

}  // namespace cms::services
