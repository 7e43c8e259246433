// The one position of a case: what is owed, split by creditor, what was paid and is credit, and
// the schedule's arrears, all from the balances and the dues.
#include <doctest/doctest.h>

#include <array>
#include <vector>

#include "core/arrears/case_position.hpp"
#include "core/arrears/write_off.hpp"
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


/// A plan whose three instalments (due 10 Jan, 10 Feb, 10 Mar, £120 each) ask for exactly what
/// the ledger above accrued: £200 and £100 of maintenance and the £60 fee.
const std::array<amount_due, 3> three_instalments = {{{ymd(2025, 1, 10), pence(12'000)},
                                                      {ymd(2025, 2, 10), pence(12'000)},
                                                      {ymd(2025, 3, 10), pence(12'000)}}};

plan_dues all_three_before() {
    plan_dues dues;
    dues.fallen_due = three_instalments;
    dues.maintenance_before[0] = pence(20'000);
    dues.maintenance_before[1] = pence(10'000);
    dues.collection_fee_before = pence(6'000);
    dues.next = amount_due{ymd(2025, 4, 10), pence(12'000)};
    return dues;
}

case_position position_on(const case_balances& balances, const std::optional<plan_dues>& dues, civil_date as_of,
                          const settlements_taken_back& taken_back = {}) {
    case_position position;
    REQUIRE(position_of(balances, taken_back, dues, as_of, buckets, position) == position_status::ok);
    return position;
}

}  // namespace

TEST_CASE("without a payment plan nothing falls due; the ledger balance and the credit are still shown") {
    const case_position position = position_on(two_parent_balances(), std::nullopt, ymd(2025, 3, 31));
    CHECK(position.as_of == ymd(2025, 3, 31));
    CHECK(position.balance == pence(2'000 + 10'000 + 6'000));
    CHECK(ledger_balance(two_parent_balances()) == position.balance);
    CHECK(position.paid == pence(25'000));
    CHECK(position.credit == pence(7'000));
    CHECK(position.due.is_zero());
    CHECK_FALSE(position.arrears.has_value());
    CHECK_FALSE(position.next_instalment.has_value());
    for (const money limit : position.arrears_settleable) CHECK(limit.is_zero());
}

TEST_CASE("arrears are split by creditor, credit counts against them, and the total is aged") {
    const case_position position = position_on(two_parent_balances(), all_three_before(), ymd(2025, 3, 31));
    CHECK(position.due == pence(36'000));
    CHECK(position.due_today.is_zero());
    REQUIRE(position.arrears.has_value());
    const arrears_by_creditor& arrears = *position.arrears;
    // Unpaid before credit: £20 to the first parent, £100 to the second, the £60 fee. The £70 of
    // credit goes to maintenance pro rata (£11.67 and £58.33), so £8.33 and £41.67 stay unpaid.
    CHECK(arrears.maintenance_by_receiving_parent[0] == pence(833));
    CHECK(arrears.maintenance_by_receiving_parent[1] == pence(4'167));
    CHECK(arrears.maintenance == pence(5'000));
    CHECK(arrears.collection_fee == pence(6'000));
    CHECK(arrears.owed_to_state() == pence(6'000));
    CHECK(arrears.total == pence(11'000));
    // Paid and credit settle the oldest dues first: £110 of March's instalment is unpaid, 21 days.
    CHECK(arrears.bucket_amounts[0] == pence(11'000));
    CHECK(arrears.bucket_amounts[1] == pence(0));
    CHECK(arrears.oldest_unpaid_due_date == ymd(2025, 3, 10));
    CHECK(arrears.days_overdue == 21);
    // A write-off may settle at most the parent's arrears, and no more than the ledger holds due.
    CHECK(position.arrears_settleable[0] == pence(833));
    CHECK(position.arrears_settleable[1] == pence(4'167));
    REQUIRE(position.next_instalment.has_value());
    CHECK(position.next_instalment->due_date == ymd(2025, 4, 10));
}

TEST_CASE("an allocation a reversal took back is owed, and in arrears, again") {
    // The £180 allocated to the first parent's maintenance came from a payment that bounced: the
    // reversal debits the due account with the £180 and takes the £250 back out of cash.
    const auto cause = transfer_cause::from_command(command_id{2});
    const civil_date on = ymd(2025, 3, 20);
    case_balances balances = two_parent_balances();
    const std::vector<transfer> reversal = {
        make_transfer(the_case, maintenance_due_rp0, unallocated, pence(18'000), transfer_code::allocation_reversed, 0, cause, on),
        make_transfer(the_case, unallocated, cash_received, pence(25'000), transfer_code::payment_reversed, 1, cause, on),
    };
    REQUIRE(apply_transfers(balances, reversal).status == apply_status::ok);
    settlements_taken_back taken_back;
    for (const transfer& leg : reversal) taken_back.count(leg);
    CHECK(taken_back.maintenance[0] == pence(18'000));
    CHECK(taken_back.collection_fee.is_zero());

    const case_position position = position_on(balances, all_three_before(), ymd(2025, 3, 31), taken_back);
    CHECK(position.paid.is_zero());
    CHECK(position.credit.is_zero());
    CHECK(position.balance == pence(20'000 + 10'000 + 6'000));
    REQUIRE(position.arrears.has_value());
    // Nothing is settled any more: everything that fell due is in arrears, as if never paid.
    CHECK(position.arrears->maintenance_by_receiving_parent[0] == pence(20'000));
    CHECK(position.arrears->maintenance_by_receiving_parent[1] == pence(10'000));
    CHECK(position.arrears->collection_fee == pence(6'000));
    CHECK(position.arrears->total == pence(36'000));
    CHECK(position.arrears->oldest_unpaid_due_date == ymd(2025, 1, 10));
    // Without what was taken back the £180 would still count as settled: the defect this guards.
    CHECK(position_on(balances, all_three_before(), ymd(2025, 3, 31)).arrears->total == pence(18'000));
}

TEST_CASE("what falls due today is due but not yet arrears") {
    plan_dues dues = all_three_before();
    // On 10 March only January's and February's instalments fell due before the day.
    dues.maintenance_before = {};
    dues.maintenance_before[0] = pence(13'000);
    dues.maintenance_before[1] = pence(7'000);
    dues.collection_fee_before = pence(4'000);
    const case_position position = position_on(two_parent_balances(), dues, ymd(2025, 3, 10));
    CHECK(position.due == pence(36'000));
    CHECK(position.due_today == pence(12'000));
    REQUIRE(position.arrears.has_value());
    // The first parent was paid ahead (£180 of £130); the credit covers the second's £70; the
    // £40 fee is left, the newest part of February's instalment, 28 days overdue.
    CHECK(position.arrears->maintenance.is_zero());
    CHECK(position.arrears->collection_fee == pence(4'000));
    CHECK(position.arrears->total == pence(4'000));
    CHECK(position.arrears->days_overdue == 28);
    CHECK(position.arrears->bucket_amounts[0] == pence(4'000));
}

TEST_CASE("a write-off reduces the arrears by exactly what it writes off") {
    case_balances balances = two_parent_balances();
    const case_position before = position_on(balances, all_three_before(), ymd(2025, 3, 31));
    const transfer leg = write_off_transfer(the_case, 1, pence(3'000), command_id{9}, ymd(2025, 3, 20));
    REQUIRE(apply_transfers(balances, std::span(&leg, 1)).status == apply_status::ok);
    const case_position after = position_on(balances, all_three_before(), ymd(2025, 3, 31));
    REQUIRE(after.arrears.has_value());
    CHECK(after.arrears->total == before.arrears->total - pence(3'000));
    CHECK(after.arrears->maintenance == before.arrears->maintenance - pence(3'000));
    CHECK(after.balance == before.balance - pence(3'000));
}

TEST_CASE("dues out of date order are refused, not shown") {
    plan_dues dues = all_three_before();
    const std::array<amount_due, 2> reversed = {{{ymd(2025, 2, 10), pence(1)}, {ymd(2025, 1, 10), pence(1)}}};
    dues.fallen_due = reversed;
    case_position position;
    CHECK(position_of(two_parent_balances(), {}, dues, ymd(2025, 3, 31), buckets, position) ==
          position_status::invalid_dues);
}
