#pragma once
/// The policy a scenario replays under: the shipped tables, with the scenario's overrides from a
/// date (e.g. the announced 2027 fee reform: "policy": [{"table": "collection_fees",
/// "effective_from": "2027-04-01", "row": {"paying_parent_fee_bp": 200, "receiving_parent_fee_bp": 200}}]).
///
/// An override is a row of a dated table that applies from its date on: earlier rows are cut at
/// that date (a half-open row's effective_to becomes the date), rows from that date on are
/// dropped, and the new row is appended. The result is read by the table's own loader
/// (services/policy/), so an override is held to every rule the shipped table is; a refusal names
/// the override ("policy[0]: collection_fees.json: row 3: paying_parent_fee_bp: ...").
#include <vector>

#include "core/calculation/calculation_policy.hpp"
#include "core/enforcement/escalation.hpp"
#include "core/ledger/collection_fee_policy.hpp"
#include "core/payments/apportionment.hpp"
#include "services/replay/scenario.hpp"

namespace cms::services {

/// The tables an override may change: those whose rows are dated and not keyed by anything else.
inline constexpr const char* overridable_policy_tables =
    "calculation_rates, collection_fees, missed_payments, payment_apportionment";

struct replay_policy {
    std::vector<core::calculation_rates> calculation_rates;
    std::vector<core::collection_fee_row> collection_fees;
    std::vector<core::apportionment_row> payment_apportionment;
    std::vector<core::missed_payment_policy> missed_payments;
};

/// The shipped tables with `played.policy` applied in file order. Throws field_error naming
/// "policy[i]" when an override breaks its table's rules.
replay_policy policy_of(const scenario& played);

}  // namespace cms::services
