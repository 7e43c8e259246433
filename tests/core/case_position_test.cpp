// The one position of a case: what is owed, split by creditor, what was paid and is credit, and
// the schedule's arrears, all from the balances and the dues.
#include <doctest/doctest.h>

#include <array>
#include <vector>

#include "core/arrears/case_position.hpp"
#include "support/fixtures.hpp"
#include "support/ledger_accounts.hpp"

using namespace cms::core;
using cms::testing::pence;
using cms::testing::ymd;

namespace {

constexpr case_id the_case{3};
using namespace cms::testing::accounts;
constexpr account_ref maintenance_due_rp0 = maintenance_due_of(0);
constexpr account_ref maintenance_due_rp1 = maintenance_due_of(1);
constexpr account_ref owed_to_rp0 = owed_to_rp_of(0);
constexpr account_ref owed_to_rp1 = owed_to_rp_of(1);

constexpr std::array<ageing_bucket, 2> buckets = {{{"1-30", 1, 30}, {"31+", 31, std::nullopt}}};

/// Two receiving parents: £200 and £100 of maintenance accrued, a £60 fee; £250 received, of
/// which £180 was applied to the first parent's maintenance and £70 waits unallocated.
case_balances two_parent_balances() {
    const auto cause = transfer_cause::from_command(command_id{1});
    const civil_date on = ymd(2025, 3, 1);
    const std::vector<transfer> journal = {
        make_transfer(the_case, maintenance_due_rp0, owed_to_rp0, pence(20'000), transfer_code::maintenance_accrued, 0, cause, on),
        make_transfer(the_case, maintenance_due_rp1, owed_to_rp1, pence(10'000), transfer_code::maintenance_accrued, 1, cause, on),
        make_transfer(the_case, fee_due, fee_income, pence(6'000), transfer_code::collection_fee_accrued, 2, cause, on),
        make_transfer(the_case, cash_received, unallocated, pence(25'000), transfer_code::payment_received, 3, cause, on),
        make_transfer(the_case, unallocated, maintenance_due_rp0, pence(18'000), transfer_code::payment_allocated, 4, cause, on),
    };
    case_balances balances(the_case);
    REQUIRE(apply_transfers(balances, journal).status == apply_status::ok);
    return balances;
}

}  // namespace

TEST_CASE("what is owed is split between the receiving parents' maintenance and the state's fees") {
    const case_balances balances = two_parent_balances();
    CHECK(owed_to_receiving_parents(balances) == pence(2'000 + 10'000));
    CHECK(owed_to_state(balances) == pence(6'000));
    CHECK(owed_by_paying_parent(balances) == pence(18'000));

    const case_position position = position_of(balances, std::nullopt, ymd(2025, 3, 31), buckets);
    CHECK(position.as_of == ymd(2025, 3, 31));
    CHECK(position.owed_to_receiving_parents == pence(12'000));
    CHECK(owed_to_receiving_parent(balances, 0) == pence(2'000));
    CHECK(owed_to_receiving_parent(balances, 1) == pence(10'000));
    CHECK(position.owed_to_each_receiving_parent[0] == pence(2'000));
    CHECK(position.owed_to_each_receiving_parent[1] == pence(10'000));
    for (std::uint8_t slot = 2; slot < receiving_parents_max; ++slot) {
        CHECK(position.owed_to_each_receiving_parent[slot] == money{});
    }
    CHECK(position.owed_to_state == pence(6'000));
    CHECK(position.owed_by_paying_parent == position.owed_to_receiving_parents + position.owed_to_state);
    CHECK(position.paid == pence(25'000));
    CHECK(position.credit == pence(7'000));
    CHECK_FALSE(position.arrears.has_value());  // no schedule: nothing can have fallen due
    CHECK_FALSE(position.next_instalment.has_value());
}

TEST_CASE("the schedule's arrears are what fell due less everything paid, aged by due date") {
    const case_balances balances = two_parent_balances();
    const std::array<amount_due, 3> fallen = {{{ymd(2025, 1, 10), pence(12'000)},
                                               {ymd(2025, 2, 10), pence(12'000)},
                                               {ymd(2025, 3, 10), pence(12'000)}}};
    const amount_due next{ymd(2025, 4, 10), pence(12'000)};
    const case_position position = position_of(balances, schedule_dues{fallen, next}, ymd(2025, 3, 31), buckets);
    REQUIRE(position.arrears.has_value());
    CHECK(position.arrears->fallen_due == pence(36'000));
    CHECK(position.arrears->paid == pence(25'000));
    CHECK(position.arrears->arrears == pence(11'000));
    // The oldest dues are settled first: January's and February's are paid and £10 of March's,
    // so £110 of March's instalment is unpaid, 21 days overdue.
    CHECK(position.arrears->bucket_amounts[0] == pence(11'000));
    CHECK(position.arrears->bucket_amounts[1] == pence(0));
    CHECK(position.arrears->oldest_unpaid_due_date == ymd(2025, 3, 10));
    CHECK(position.arrears->days_overdue == 21);
    REQUIRE(position.next_instalment.has_value());
    CHECK(position.next_instalment->due_date == ymd(2025, 4, 10));
}
