#include <doctest/doctest.h>

#include <vector>

#include "core/payments/settleable.hpp"

using namespace cms::core;

namespace {

const case_id the_case{7};
const civil_date on = civil_date{date::year{2025}, date::March, date::day{1}};

transfer leg(account_ref debit, account_ref credit, std::int64_t pence, std::uint16_t number,
             transfer_code code = transfer_code::payment_allocated) {
    return make_transfer(the_case, debit, credit, money::from_pence(pence), code, number,
                         transfer_cause::from_command(command_id{1}), on);
}

}  // namespace

TEST_CASE("what a posting may settle is the lowest balance of each due account from its place on") {
    const account_ref maintenance{account_kind::maintenance_due, 0};
    const account_ref owed_to_parent{account_kind::owed_to_receiving_parent, 0};
    const account_ref fee_due{account_kind::collection_fee_due, 0};
    const account_ref fee_income{account_kind::fee_income, 0};
    const account_ref cash{account_kind::cash_received, 0};
    const account_ref unallocated{account_kind::payments_unallocated, 0};

    case_balances at_place(the_case);
    const std::vector<transfer> accrued = {leg(maintenance, owed_to_parent, 1'000, 0, transfer_code::maintenance_accrued),
                                           leg(fee_due, fee_income, 200, 1, transfer_code::collection_fee_accrued)};
    REQUIRE(apply_transfers(at_place, accrued).status == apply_status::ok);

    // Later: 700 of the maintenance paid, then another 500 accrued.
    const std::vector<std::vector<transfer>> later = {
        {leg(cash, unallocated, 700, 0, transfer_code::payment_received), leg(unallocated, maintenance, 700, 1)},
        {leg(maintenance, owed_to_parent, 500, 0, transfer_code::maintenance_accrued)}};
    const auto settleable = settleable_from(at_place, later);
    REQUIRE(settleable.has_value());
    CHECK(settleable->maintenance[0] == money::from_pence(300));  // 1000, then 300, then 800: lowest 300
    CHECK(settleable->collection_fee == money::from_pence(200));
    CHECK(settleable->enforcement_charges.is_zero());
    CHECK(settleable->maintenance[1].is_zero());

    // With nothing later, everything at the place may be settled.
    CHECK(settleable_from(at_place, {})->maintenance[0] == money::from_pence(1'000));

    // A later posting that cannot apply means a broken ledger: no answer.
    const std::vector<std::vector<transfer>> broken = {{leg(unallocated, maintenance, 5'000, 0)}};
    CHECK_FALSE(settleable_from(at_place, broken).has_value());
}
