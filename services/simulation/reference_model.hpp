#pragma once
/// The reference model `cms simulate` compares production with: a second, independent
/// implementation of the figures of a Collect and Pay case, written from the published rules
/// (their sources are listed at the top of reference_model.cpp) and the service's documented
/// policy (core/payments/README.md), not from the production code. It calls nothing in core/calculation, core/ledger, core/arrears,
/// core/payments or core/schedules, and reads the scenario file itself (its own JSON reading),
/// so a mistake in production's reading of a rule, or in the parsers, shows as a disagreement.
///
/// It covers the histories the simulation generates (simulation.hpp), and only those: one case
/// per paying parent, Collect and Pay from opening, a prescribed benefit or a nil-rate reason
/// (student) for some, shared care below the equal-care band, payments to one case, reversals,
/// income changes beyond or within the 25% tolerance or at an annual review, shared-care changes,
/// closures, and collection-fee policy overrides. Enforcement, write-offs, several receiving
/// parents and Direct Pay are not modelled: the generator never makes them, and a command or
/// policy table it does not know, or a Direct Pay case, is refused (std::invalid_argument).
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/civil_date.hpp"

namespace cms::services {

/// A case's figures at the end of a day, as GET /v1/cases/{id}/balance on that date names them.
struct model_figures {
    std::int64_t weekly_amount_pence = 0;
    std::int64_t due_pence = 0;
    std::int64_t due_today_pence = 0;
    std::int64_t paid_pence = 0;
    std::int64_t credit_pence = 0;
    std::int64_t ledger_balance_pence = 0;
    std::int64_t arrears_pence = 0;
};

/// The figures by name, in the order an expect step lists them.
std::vector<std::pair<std::string, std::int64_t>> named_figures(const model_figures& figures);

/// Every case's figures at the end of every day from its opening to the scenario's last day,
/// by case name (the open_case step's "as").
struct model_run {
    std::map<std::string, std::map<core::civil_date, model_figures>> cases;
};

/// Runs the model over a scenario file's text ("jobs": "daily": each month is charged on its last
/// day, before that day's commands). Throws std::invalid_argument for a scenario outside what
/// the model covers, naming the step.
model_run run_reference_model(std::string_view scenario_text);

/// The statutory weekly amount by income, for a paying parent with no benefit or nil-rate reason: gross
/// weekly income, relevant other children, and each child's shared-care nights a year. The
/// generator uses it to size payments.
std::int64_t model_weekly_amount_pence(std::int64_t gross_weekly_income_pence, std::int64_t relevant_other_children,
                                       const std::vector<std::int64_t>& nights);

}  // namespace cms::services
