// Financial penalties (core/enforcement/penalties.hpp): each kind against its dated rule, at the
// limits; the 2012 scheme has no late-payment penalty; the transfer stays on the penalty accounts.
#include <doctest/doctest.h>

#include <vector>

#include "core/enforcement/penalties.hpp"
#include "core/arrears/case_position.hpp"
#include "core/ledger/ledger_balances.hpp"

using namespace cms::core;

namespace {

civil_date day(const char* text) { return *parse_iso_date(text); }
money pence(std::int64_t value) { return money::from_pence(value); }

std::vector<penalty_rule> rules(bool late_payment_for_2012) {
    std::vector<penalty_rule> rows(4);
    rows[0] = {penalty_kind::information_offence, day("2012-12-10"), pence(100'000), std::nullopt, std::nullopt, true};
    rows[1] = {penalty_kind::employer_information_offence, day("2012-12-10"), pence(100'000), std::nullopt, std::nullopt, true};
    rows[2] = {penalty_kind::employer_missed_deduction, day("2012-12-10"), std::nullopt, pence(50'000), std::nullopt, true};
    rows[3] = {penalty_kind::late_payment, day("2012-12-10"), std::nullopt, std::nullopt, basis_points{2'500},
               late_payment_for_2012};
    return rows;
}

penalty_decision decide(const std::vector<penalty_rule>& rows, penalty_kind kind, std::optional<std::int64_t> asked,
                        const penalty_facts& facts = {}) {
    return decide_penalty(kind, asked ? std::optional(pence(*asked)) : std::nullopt,
                          penalty_rule_on(rows, kind, day("2025-03-01")), facts);
}

}  // namespace

TEST_CASE("an information offence is fined up to £1,000, not a penny more") {
    const auto rows = rules(false);
    REQUIRE(valid_penalty_rules(rows));
    CHECK(decide(rows, penalty_kind::information_offence, 100'000).amount == pence(100'000));
    const auto over = decide(rows, penalty_kind::information_offence, 100'001);
    REQUIRE(over.refused);
    CHECK(over.refused->field == "amount_pence");
    CHECK(decide(rows, penalty_kind::information_offence, std::nullopt).refused->field == "amount_pence");
    CHECK(payer_of(penalty_kind::information_offence) == penalty_payer::paying_parent);
}

TEST_CASE("an employer's penalty names its deduction from earnings order; a missed payment is £500 exactly") {
    const auto rows = rules(false);
    penalty_facts deo;
    deo.named_action_step = enforcement_step::deduction_from_earnings_order;
    CHECK(decide(rows, penalty_kind::employer_missed_deduction, std::nullopt, deo).amount == pence(50'000));
    CHECK(decide(rows, penalty_kind::employer_missed_deduction, 50'000, deo).amount == pence(50'000));
    CHECK(decide(rows, penalty_kind::employer_missed_deduction, 40'000, deo).refused->field == "amount_pence");
    const auto unnamed = decide(rows, penalty_kind::employer_missed_deduction, std::nullopt);
    REQUIRE(unnamed.refused);
    CHECK(unnamed.refused->field == "action_id");
    penalty_facts bank;
    bank.named_action_step = enforcement_step::regular_deduction_order;
    CHECK(decide(rows, penalty_kind::employer_information_offence, 1'000, bank).refused->field == "action_id");
    CHECK(payer_of(penalty_kind::employer_missed_deduction) == penalty_payer::employer);
}

TEST_CASE("the late-payment penalty is refused for the 2012 scheme, and capped at 25% a week where a policy allows it") {
    penalty_facts overdue;
    overdue.weekly_maintenance = pence(1'950);
    overdue.days_overdue = 20;  // two whole weeks
    const auto refused = decide(rules(false), penalty_kind::late_payment, 100, overdue);
    REQUIRE(refused.refused);
    CHECK(refused.refused->code == rejection_code::conflicting_state);
    const auto rows = rules(true);
    CHECK(decide(rows, penalty_kind::late_payment, 974, overdue).amount == pence(974));  // 2 x 487 (487.5 down)
    CHECK(decide(rows, penalty_kind::late_payment, 975, overdue).refused->field == "amount_pence");
    overdue.days_overdue = 6;
    CHECK(decide(rows, penalty_kind::late_payment, 1, overdue).refused);  // no whole week yet
}

TEST_CASE("no penalty before its rule, and a table with two amounts on a row or dates out of order is refused") {
    const auto rows = rules(false);
    const auto early = decide_penalty(penalty_kind::information_offence, pence(100),
                                      penalty_rule_on(rows, penalty_kind::information_offence, day("2012-12-09")), {});
    REQUIRE(early.refused);
    CHECK(early.refused->field == "kind");
    auto two_amounts = rows;
    two_amounts[0].amount_fixed = pence(1);
    CHECK_FALSE(valid_penalty_rules(two_amounts));
    auto out_of_order = rows;
    out_of_order.push_back(out_of_order[0]);
    CHECK_FALSE(valid_penalty_rules(out_of_order));
}

TEST_CASE("a penalty's transfer is on the penalty accounts only: maintenance and fees are untouched") {
    case_balances balances(case_id{7});
    const transfer leg = penalty_transfer(case_id{7}, pence(50'000), command_id{3}, day("2025-03-01"));
    CHECK(validate_transfer(leg) == transfer_status::ok);
    REQUIRE(apply_transfers(balances, std::span<const transfer>(&leg, 1)).status == apply_status::ok);
    CHECK(balances.balance({account_kind::penalties_due, 0}) == pence(50'000));
    CHECK(balances.balance({account_kind::penalty_income, 0}) == pence(50'000));
    CHECK(balances.balance({account_kind::maintenance_due, 0}).is_zero());
    CHECK(balances.balance({account_kind::fee_income, 0}).is_zero());
    CHECK(ledger_balance(balances).is_zero());
    transfer wrong = leg;
    wrong.credit = {account_kind::fee_income, 0};
    CHECK(validate_transfer(wrong) != transfer_status::ok);
}
