#pragma once
/// Checking a scenario's expect step against what the service holds: the figures of the case's
/// position (GET /v1/cases/{id}/balance), its account balances and enforcement counts, and the
/// records a step may ask for (a statement line, an action's status, a pay-out). Every figure of
/// one step is read from one committed state.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <utility>
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

/// What an expect step compares, read from one committed state of its case: in process from the
/// repositories (read_case_facts, through the in-process back end), over HTTP from the routes (http_replay.cpp), and checked by
/// one function, so both say the same.
struct expectation_facts {
    bool case_found = false;
    /// Each of expectation_figure_names, when the case has it (the arrears figures need a schedule).
    std::map<std::string, std::int64_t, std::less<>> figures;
    /// The legs of the statement line's date, code and amount, in statement order.
    std::vector<std::pair<std::string, std::int64_t>> statement_legs;
    std::vector<std::pair<std::int64_t, std::string>> actions;            ///< id and status of each action
    std::vector<std::pair<core::civil_date, std::int64_t>> disbursements;  ///< every pay-out: date, amount
};

/// The step's checks against `facts` (read for `for_case`, the step's case with its name resolved);
/// each figure goes to `figures` with its expected and actual value.
step_result check_expectation(const expectation_step& step, core::case_id for_case, const expectation_facts& facts,
                              std::size_t index, std::vector<figure_result>& figures, const created_names& created);

/// The facts of `step`'s case (its for_case resolved) as `view` holds them.
expectation_facts read_case_facts(persistence::read_view& view, const expectation_policy& policy,
                                  const expectation_step& step);

}  // namespace cms::services
