// Where a caseload's money went (core/statistics/money_flows.hpp): each kind of leg to its flow,
// reversals netted off, legs outside the period left out.
#include <doctest/doctest.h>

#include <vector>

#include "core/statistics/money_flows.hpp"

namespace cms::core {

namespace {

civil_date on(unsigned day_of_month) { return civil_date{date::year{2027} / date::May / date::day{day_of_month}}; }

transfer leg(account_kind debit, account_kind credit, std::int64_t pence, transfer_code code, unsigned day_of_month) {
    return make_transfer(case_id{1}, {debit, 0}, {credit, 0}, money::from_pence(pence), code, 0, {}, on(day_of_month));
}

}  // namespace

TEST_CASE("money flows: collected, fees of each side and pay-outs, net of reversals, within the period") {
    const std::vector<transfer> legs = {
        // A payment of 1200p on 3 May: 1000p of maintenance and 200p of collection fee.
        leg(account_kind::payments_unallocated, account_kind::maintenance_due, 1'000, transfer_code::payment_allocated, 3),
        leg(account_kind::payments_unallocated, account_kind::collection_fee_due, 200, transfer_code::payment_allocated, 3),
        // Passed on on 4 May: 40p kept back (4%), 960p paid out.
        leg(account_kind::owed_to_receiving_parent, account_kind::fee_income, 40, transfer_code::receiving_parent_fee, 4),
        leg(account_kind::owed_to_receiving_parent, account_kind::cash_paid_out, 960, transfer_code::paid_out, 4),
        // Half the payment reversed on 10 May: 500p of maintenance and 100p of fee taken back, and
        // 20p of the receiving parent's fee with it.
        leg(account_kind::maintenance_due, account_kind::payments_unallocated, 500, transfer_code::allocation_reversed, 10),
        leg(account_kind::collection_fee_due, account_kind::payments_unallocated, 100, transfer_code::allocation_reversed, 10),
        leg(account_kind::fee_income, account_kind::owed_to_receiving_parent, 20, transfer_code::receiving_parent_fee_reversed, 10),
        // Accrual moves no money; a payment on 31 May is outside a period ending on the 30th.
        leg(account_kind::maintenance_due, account_kind::owed_to_receiving_parent, 3'000, transfer_code::maintenance_accrued, 30),
        leg(account_kind::payments_unallocated, account_kind::maintenance_due, 700, transfer_code::payment_allocated, 31),
    };
    money_flows flows;
    add_money_flows(flows, legs, on(1), on(30));
    CHECK(flows.maintenance_collected == money::from_pence(1'000 - 500));
    CHECK(flows.paying_parent_fees == money::from_pence(200 - 100));
    CHECK(flows.receiving_parent_fees == money::from_pence(40 - 20));
    CHECK(flows.paid_to_receiving_parents == money::from_pence(960));

    money_flows later;
    add_money_flows(later, legs, on(31), on(31));
    CHECK(later.maintenance_collected == money::from_pence(700));
    CHECK(later.paid_to_receiving_parents.is_zero());
}

}  // namespace cms::core
