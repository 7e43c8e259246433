#pragma once
/// Checking a scenario's expect step against what the service holds: the figures of the case's
/// position (GET /v1/cases/{id}/balance), its account balances and enforcement counts, and the
/// records a step may ask for (a statement line, an action's status, a pay-out). Every figure of
/// one step is read from one committed state.
#include <cstddef>
#include <span>
#include <vector>

#include "core/arrears/arrears.hpp"
#include "core/ledger/collection_fee_policy.hpp"
#include "persistence/read_pool.hpp"
#include "services/replay/scenario.hpp"
#include "services/replay/scenario_names.hpp"

namespace cms::services {

/// The policy the position is computed under: the fees and the arrears ageing buckets.
struct expectation_policy {
    std::span<const core::collection_fee_row> fees;
    std::span<const core::ageing_bucket> ageing_buckets;
};

/// The step's checks; each figure goes to `figures` with its expected and actual value.
step_result run_expectation_step(persistence::read_pool& readers, const expectation_policy& policy,
                                 const expectation_step& named, std::size_t index, std::vector<figure_result>& figures,
                                 const created_names& created);

}  // namespace cms::services
