#include <doctest/doctest.h>

#include <array>
#include <vector>

#include "core/ledger/ledger_balances.hpp"
#include "support/fixtures.hpp"
#include "support/ledger_accounts.hpp"

using namespace cms::core;

namespace {

using cms::testing::pence;
using cms::testing::ymd;

constexpr case_id the_case{7};

transfer make(transfer_code code, account_ref debit, account_ref credit, std::int64_t amount_pence,
              std::uint16_t leg = 0, std::int64_t command = 100) {
    transfer t;
    t.id = transfer_id{static_cast<std::int64_t>(command * 100 + leg)};
    t.for_case = the_case;
    t.debit = debit;
    t.credit = credit;
    t.amount = pence(amount_pence);
    t.code = code;
    t.leg = leg;
    t.cause = transfer_cause::from_command(command_id{command});
    t.business_date = ymd(2024, 4, 2);
    return t;
}

using namespace cms::testing::accounts;

/// A month on Collect and Pay, end to end: £310 accrued, 20% fee £62, £372 paid and allocated,
/// 4% of £310 = £12.40 kept, £297.60 paid out.
std::vector<transfer> one_month_journal() {
    return {
        make(transfer_code::maintenance_accrued, maintenance_due, owed_to_rp, 31'000, 0, 1),
        make(transfer_code::collection_fee_accrued, fee_due, fee_income, 6'200, 1, 1),
        make(transfer_code::payment_received, cash_received, unallocated, 37'200, 0, 2),
        make(transfer_code::payment_allocated, unallocated, maintenance_due, 31'000, 1, 2),
        make(transfer_code::payment_allocated, unallocated, fee_due, 6'200, 2, 2),
        make(transfer_code::receiving_parent_fee, owed_to_rp, fee_income, 1'240, 3, 2),
        make(transfer_code::paid_out, owed_to_rp, cash_paid_out, 29'760, 0, 3),
    };
}

}  // namespace

TEST_CASE("the chart of accounts states each account's normal side") {
    CHECK(normal_side_of(account_kind::maintenance_due) == normal_side::debit);
    CHECK(normal_side_of(account_kind::cash_received) == normal_side::debit);
    CHECK(normal_side_of(account_kind::owed_to_receiving_parent) == normal_side::credit);
    CHECK(normal_side_of(account_kind::fee_income) == normal_side::credit);
    CHECK(normal_side_of(account_kind::cash_paid_out) == normal_side::credit);
    // Every account maps to a distinct storage slot and back.
    for (std::size_t i = 0; i < case_balances::account_count; ++i) {
        case_balances balances(the_case);
        balances.totals(case_balances::account_at(i)).debits = pence(1);
        for (std::size_t j = 0; j < case_balances::account_count; ++j) {
            CHECK((balances.totals(case_balances::account_at(j)).debits == pence(1)) == (i == j));
        }
    }
}

TEST_CASE("a month of accrual, payment, allocation and payout balances to the penny") {
    const auto journal = one_month_journal();
    REQUIRE(validate_transfers(journal).status == transfer_status::ok);
    case_balances balances(the_case);
    REQUIRE(apply_transfers(balances, journal).status == apply_status::ok);
    CHECK(balances.balance(maintenance_due) == pence(0));
    CHECK(balances.balance(fee_due) == pence(0));
    CHECK(balances.balance(owed_to_rp) == pence(0));
    CHECK(balances.balance(unallocated) == pence(0));
    CHECK(balances.balance(fee_income) == pence(7'440));
    CHECK(balances.balance(cash_received) == pence(37'200));
    CHECK(balances.balance(cash_paid_out) == pence(29'760));
    CHECK(balances.cash_held() == pence(7'440));  // the state's fees, still held
    CHECK(check_balances(balances).violation == ledger_violation::none);
    CHECK(check_journal(journal, balances).violation == ledger_violation::none);
}

TEST_CASE("malformed transfers are refused with a named reason") {
    auto t = make(transfer_code::maintenance_accrued, maintenance_due, owed_to_rp, 100);
    CHECK(validate_transfer(t) == transfer_status::ok);

    auto zero = t;
    zero.amount = pence(0);
    CHECK(validate_transfer(zero) == transfer_status::amount_not_positive);
    auto negative = t;
    negative.amount = pence(-5);
    CHECK(validate_transfer(negative) == transfer_status::amount_not_positive);

    auto causeless = t;
    causeless.cause = transfer_cause{};
    CHECK(validate_transfer(causeless) == transfer_status::missing_cause);
    auto zero_command = t;
    zero_command.cause = transfer_cause::from_command(command_id{0});
    CHECK(validate_transfer(zero_command) == transfer_status::missing_cause);

    auto same = make(transfer_code::correction, fee_income, fee_income, 100);
    same.corrects = transfer_id{1};
    CHECK(validate_transfer(same) == transfer_status::debit_equals_credit);

    auto wrong_pair = make(transfer_code::maintenance_accrued, fee_due, owed_to_rp, 100);
    CHECK(validate_transfer(wrong_pair) == transfer_status::accounts_do_not_match_code);
    auto crossed_parents = make(transfer_code::maintenance_accrued, maintenance_due,
                                {account_kind::owed_to_receiving_parent, 1}, 100);
    CHECK(validate_transfer(crossed_parents) == transfer_status::accounts_do_not_match_code);

    auto slotted = make(transfer_code::collection_fee_accrued, {account_kind::collection_fee_due, 2},
                        fee_income, 100);
    CHECK(validate_transfer(slotted) == transfer_status::slot_on_case_level_account);
    auto far_slot = make(transfer_code::maintenance_accrued, {account_kind::maintenance_due, 8},
                         {account_kind::owed_to_receiving_parent, 8}, 100);
    CHECK(validate_transfer(far_slot) == transfer_status::slot_out_of_range);

    auto orphan_correction = make(transfer_code::correction, owed_to_rp, maintenance_due, 100);
    CHECK(validate_transfer(orphan_correction) == transfer_status::correction_without_original);

    // validate_transfers names the first bad one.
    const std::array batch{t, t, causeless, zero};
    const auto first = validate_transfers(batch);
    CHECK(first.status == transfer_status::missing_cause);
    CHECK(first.index == 2);
}

TEST_CASE("a batch applies all or nothing, and limits hold") {
    case_balances balances(the_case);
    // Paying out more than the receiving parent is owed would take owed_to_rp below zero.
    const std::array batch{
        make(transfer_code::maintenance_accrued, maintenance_due, owed_to_rp, 1'000, 0, 1),
        make(transfer_code::paid_out, owed_to_rp, cash_paid_out, 1'500, 1, 1)};
    const auto result = apply_transfers(balances, batch);
    CHECK(result.status == apply_status::exceeds_limit);
    CHECK(balances == case_balances(the_case));  // nothing applied

    auto other_case = batch[0];
    other_case.for_case = case_id{8};
    const std::array wrong{other_case};
    CHECK(apply_transfers(balances, wrong).status == apply_status::wrong_case);

    auto causeless = batch[0];
    causeless.cause = {};
    const std::array invalid{batch[0], causeless};
    const auto refused = apply_transfers(balances, invalid);
    CHECK(refused.status == apply_status::invalid_transfer);
    CHECK(refused.index == 1);
    CHECK(refused.transfer_problem == transfer_status::missing_cause);
}

TEST_CASE("the invariant check finds an unbalanced cache, a causeless transfer and a stale cache") {
    const auto journal = one_month_journal();
    case_balances balances(the_case);
    REQUIRE(apply_transfers(balances, journal).status == apply_status::ok);

    // Deliberately unbalanced: a debit with no matching credit.
    case_balances unbalanced = balances;
    unbalanced.totals(maintenance_due).debits += pence(1);
    CHECK(check_balances(unbalanced).violation == ledger_violation::debits_not_equal_credits);
    CHECK(check_journal(journal, unbalanced).violation == ledger_violation::debits_not_equal_credits);

    // A transfer without a cause in the stored journal.
    auto tampered = journal;
    tampered[4].cause = transfer_cause{};
    const auto found = check_journal(tampered, balances);
    CHECK(found.violation == ledger_violation::invalid_transfer);
    CHECK(found.index == 4);
    CHECK(found.transfer_problem == transfer_status::missing_cause);

    // A cache that balances but is not what the journal replays to.
    case_balances stale = balances;
    stale.totals(fee_income).credits += pence(10);
    stale.totals(fee_due).debits += pence(10);
    const auto differs = check_journal(journal, stale);
    CHECK(differs.violation == ledger_violation::cache_differs_from_replay);

    // A balance below its limit is named too.
    case_balances overdrawn(the_case);
    overdrawn.totals(owed_to_rp).debits = pence(5);
    overdrawn.totals(maintenance_due).credits = pence(5);
    const auto below = check_balances(overdrawn);
    CHECK(below.violation == ledger_violation::balance_below_zero);
}

TEST_CASE("a correction is a new transfer naming the original, and nets it to zero") {
    auto original = make(transfer_code::maintenance_accrued, maintenance_due, owed_to_rp, 4'321, 0, 5);
    const auto reversal = make_correction(original, transfer_cause::from_command(command_id{6}), 0,
                                          ymd(2024, 5, 1));
    CHECK(reversal.code == transfer_code::correction);
    CHECK(reversal.corrects == original.id);
    CHECK(reversal.debit == original.credit);
    CHECK(reversal.credit == original.debit);
    CHECK(validate_transfer(reversal) == transfer_status::ok);
    case_balances balances(the_case);
    const std::array both{original, reversal};
    REQUIRE(apply_transfers(balances, both).status == apply_status::ok);
    CHECK(balances.balance(maintenance_due) == pence(0));
    CHECK(balances.totals(maintenance_due).debits == pence(4'321));  // history kept, not erased
}

TEST_CASE("batch keys are deterministic text") {
    const batch_key key{batch_job::monthly_accrual, case_id{123456}, date::year{2024} / date::month{3}};
    CHECK(format_batch_key(key) == "accrue:123456:2024-03");
    std::array<char, batch_key_chars_max> buffer{};
    const batch_key largest{batch_job::enforcement_charges, case_id{INT64_MIN}, date::year{2024} / date::month{12}};
    const std::size_t length = write_batch_key(largest, buffer);
    CHECK(std::string(buffer.data(), length) == "charge:-9223372036854775808:2024-12");
}
