// Paying out to receiving parents: exactly what was collected for them is passed on, what they
// were overpaid is kept back first, a later posting that takes money back limits what is paid,
// and the ledger refuses any pay-out of money that was not collected.
#include <doctest/doctest.h>

#include <vector>

#include "core/payments/payout.hpp"
#include "core/payments/reversal.hpp"
#include "support/fixtures.hpp"
#include "support/ledger_accounts.hpp"

using namespace cms::core;
using cms::testing::pence;
using cms::testing::ymd;
using namespace cms::testing::accounts;

namespace {

constexpr case_id the_case{7};
constexpr account_ref recoverable{account_kind::recoverable_from_receiving_parent, 0};
const transfer_cause accrual = transfer_cause::from_batch(batch_job::monthly_accrual, date::year{2025} / 1);
const transfer_cause payment_cause = transfer_cause::from_command(command_id{10});
const civil_date payout_day = ymd(2025, 2, 10);
const transfer_cause payout_cause = transfer_cause::from_batch_day(batch_job::payout, payout_day);

transfer leg(account_ref debit, account_ref credit, std::int64_t amount_pence, transfer_code code,
             transfer_cause cause, std::uint16_t number) {
    return make_transfer(the_case, debit, credit, pence(amount_pence), code, number, cause, ymd(2025, 2, 10));
}

/// January charged 10,000p of maintenance and 2,000p of fee; 5,000p was paid towards it, less
/// the 4% receiving-parent fee: 4,800p is held for the receiving parent.
std::vector<std::vector<transfer>> paid_january() {
    return {{leg(maintenance_due, owed_to_rp, 10'000, transfer_code::maintenance_accrued, accrual, 0),
             leg(fee_due, fee_income, 2'000, transfer_code::collection_fee_accrued, accrual, 1)},
            {leg(cash_received, unallocated, 5'000, transfer_code::payment_received, payment_cause, 0),
             leg(unallocated, maintenance_due, 5'000, transfer_code::payment_allocated, payment_cause, 1),
             leg(owed_to_rp, fee_income, 200, transfer_code::receiving_parent_fee, payment_cause, 2)}};
}

case_balances replayed(const std::vector<std::vector<transfer>>& ledger) {
    case_balances balances(the_case);
    for (const auto& posting : ledger) REQUIRE(apply_transfers(balances, posting).status == apply_status::ok);
    return balances;
}

std::vector<transfer> payout_legs(const payout_plan& plan) {
    std::array<transfer, payout_transfers_max> legs{};
    const std::size_t count = payout_transfers(the_case, plan, payout_cause, payout_day, legs);
    return {legs.begin(), legs.begin() + static_cast<std::ptrdiff_t>(count)};
}

}  // namespace

TEST_CASE("a pay-out passes on what was collected for the receiving parent, less the fee already kept") {
    auto ledger = paid_january();
    const case_balances before = replayed(ledger);
    REQUIRE(before.held_for_receiving_parent(0) == pence(4'800));

    const payout_plan plan = plan_payout(before, {});
    REQUIRE(plan.count == 1);
    CHECK(plan.list()[0].paid == pence(4'800));
    CHECK(plan.list()[0].recovered.is_zero());
    CHECK(plan.paid_total() == pence(4'800));

    ledger.push_back(payout_legs(plan));
    REQUIRE(ledger.back().size() == 1);
    CHECK(ledger.back()[0].code == transfer_code::paid_out);
    const case_balances after = replayed(ledger);
    CHECK(after.held_for_receiving_parent(0).is_zero());
    CHECK(after.balance(cash_paid_out) == pence(4'800));
    // The cash still held is exactly the fee the state kept on that payment.
    CHECK(after.cash_held() == pence(200));
    CHECK(check_balances(after).violation == ledger_violation::none);
    // Paid out, nothing more to pay.
    CHECK(plan_payout(after, {}).count == 0);
}

TEST_CASE("nothing is paid out when nothing was collected, nor from credit not yet applied") {
    const std::vector<std::vector<transfer>> ledger{
        {leg(maintenance_due, owed_to_rp, 10'000, transfer_code::maintenance_accrued, accrual, 0)},
        {leg(cash_received, unallocated, 3'000, transfer_code::payment_received, payment_cause, 0)}};
    CHECK(plan_payout(replayed(ledger), {}).count == 0);
}

TEST_CASE("money taken back later in the ledger is not paid out") {
    auto ledger = paid_january();
    const case_balances at_place = replayed(ledger);
    // A reversal of the payment, recorded after the pay-out's place but before it ran.
    std::vector<transfer> reversal;
    const auto reversed = reverse_payment(ledger[1], ledger, basis_points{400}, transfer_cause::from_command(command_id{11}),
                                          payout_day, reversal);
    REQUIRE(reversed.status == reversal_status::ok);
    const std::vector<std::vector<transfer>> later{reversal};
    CHECK(plan_payout(at_place, later).count == 0);
}

TEST_CASE("what a receiving parent was overpaid is kept back from their next pay-out first") {
    auto ledger = paid_january();
    ledger.push_back(payout_legs(plan_payout(replayed(ledger), {})));  // 4,800p paid out
    // The payment bounces after it was paid out: 4,800p becomes recoverable from the receiving parent.
    std::vector<transfer> reversal;
    const auto reversed = reverse_payment(ledger[1], ledger, basis_points{400}, transfer_cause::from_command(command_id{11}),
                                          payout_day, reversal);
    REQUIRE(reversed.status == reversal_status::ok);
    CHECK(reversed.recoverable == pence(4'800));
    ledger.push_back(reversal);
    const case_balances after_reversal = replayed(ledger);
    CHECK(after_reversal.balance(recoverable) == pence(4'800));
    CHECK(after_reversal.held_for_receiving_parent(0).is_zero());
    CHECK(after_reversal.cash_held() == pence(-4'800));
    CHECK(check_balances(after_reversal).violation == ledger_violation::none);
    CHECK(plan_payout(after_reversal, {}).count == 0);

    // A new payment of 6,000p settles the 5,000p due again and leaves 1,000p of credit: held is
    // 4,800p, of which all 4,800p is kept back.
    const transfer_cause second = transfer_cause::from_command(command_id{12});
    ledger.push_back({leg(cash_received, unallocated, 6'000, transfer_code::payment_received, second, 0),
                      leg(unallocated, maintenance_due, 5'000, transfer_code::payment_allocated, second, 1),
                      leg(owed_to_rp, fee_income, 200, transfer_code::receiving_parent_fee, second, 2)});
    const payout_plan plan = plan_payout(replayed(ledger), {});
    REQUIRE(plan.count == 1);
    CHECK(plan.list()[0].recovered == pence(4'800));
    CHECK(plan.list()[0].paid.is_zero());
    ledger.push_back(payout_legs(plan));
    const case_balances settled = replayed(ledger);
    CHECK(settled.balance(recoverable).is_zero());
    CHECK(settled.held_for_receiving_parent(0).is_zero());
    CHECK(settled.balance(cash_paid_out) == pence(4'800));
    CHECK(check_balances(settled).violation == ledger_violation::none);
}

TEST_CASE("a recovery smaller than what is held is kept back and the rest paid") {
    case_balances balances = replayed(paid_january());  // 4,800p held
    balances.totals(recoverable).debits += pence(1'000);
    balances.totals(owed_to_rp).credits += pence(1'000);  // as overpayment_recoverable would: 5,800p held
    const payout_plan plan = plan_payout(balances, {});
    REQUIRE(plan.count == 1);
    CHECK(plan.list()[0].recovered == pence(1'000));
    CHECK(plan.list()[0].paid == pence(4'800));
}

TEST_CASE("the ledger refuses a pay-out of money that was not collected") {
    case_balances balances = replayed(paid_january());
    const transfer overpaid = leg(owed_to_rp, cash_paid_out, 4'801, transfer_code::paid_out, payout_cause, 0);
    const apply_result refused = apply_transfers(balances, std::span(&overpaid, 1));
    CHECK(refused.status == apply_status::exceeds_limit);
    CHECK(balances.balance(cash_paid_out).is_zero());  // nothing applied
    // The same state reached behind the limits' back is named by the checker.
    balances.totals(owed_to_rp).debits += pence(4'801);
    balances.totals(cash_paid_out).credits += pence(4'801);
    CHECK(check_balances(balances).violation == ledger_violation::paid_out_more_than_collected);
}

TEST_CASE("a day's pay-out comes after that day's commands and before the next day's accrual") {
    const transfer_cause command = transfer_cause::from_command(command_id{1'000'000});
    CHECK(precedes(payout_day, command, payout_day, payout_cause));
    CHECK_FALSE(precedes(payout_day, payout_cause, payout_day, command));
    const transfer_cause next_day_accrual = transfer_cause::from_batch(batch_job::monthly_accrual, date::year{2025} / 2);
    CHECK(precedes(payout_day, payout_cause, ymd(2025, 2, 11), next_day_accrual));
    CHECK(format_batch_key({batch_job::payout, the_case, date::year{2025} / 2, 10}) == "payout:7:2025-02-10");
}
