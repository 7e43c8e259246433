// One paying parent, children with several receiving parents (one case each): one calculation
// apportioned per child (Sch 1 para 6), and one payment split between the cases.
#include <doctest/doctest.h>

#include "core/payments/apportionment.hpp"
#include "calculation_test_policy.hpp"

namespace cms::test {

namespace {

core::calculation_input case_with_others(std::int64_t income_pence, std::vector<core::qualifying_child> own,
                                         std::vector<core::qualifying_child> others) {
    core::calculation_input input = input_for(income_pence, std::move(own));
    input.other_cases_children = std::move(others);
    return input;
}

bool has_step(const core::calculation_result& result, const std::string& rule) {
    for (const auto& step : result.steps) {
        if (step.rule == rule) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("every child of the paying parent counts for the rate, and each case is payable its own children's share") {
    // £500 a week, 2 children in all (one with each receiving parent): basic 16% = £80.00, £40.00
    // a child. On its own a case with one child would be 12% = £60.00.
    const auto alone = calculated(input_for(50'000, {{"1", "rp-a", 0}}));
    CHECK(alone.weekly_amount == pence(6'000));
    const auto first = calculated(case_with_others(50'000, {{"1", "rp-a", 0}}, {{"8/1", "rp-b", 0}}));
    const auto second = calculated(case_with_others(50'000, {{"1", "rp-b", 0}}, {{"7/1", "rp-a", 0}}));
    CHECK(first.weekly_amount == pence(4'000));
    CHECK(second.weekly_amount == pence(4'000));
    CHECK(first.rate == core::calculation_rate::basic);
    REQUIRE(first.children.size() == 1);  // only this case's children are in the result
    CHECK(first.children[0].id == "1");
    REQUIRE(first.receiving_parents.size() == 1);
    CHECK(first.receiving_parents[0].id == "rp-a");
    CHECK(first.receiving_parents[0].weekly_amount == pence(4'000));
    CHECK(has_step(first, "this_case_share"));
}

TEST_CASE("shares follow the children: 2 with one receiving parent and 1 with another, with remainder pennies") {
    // £400 a week, 3 children: 19% = £76.00; £25.34, £25.33, £25.33 in the order the whole family
    // is listed (the case's own children first).
    const auto two = calculated(case_with_others(40'000, {{"1", "rp-a", 0}, {"2", "rp-a", 0}}, {{"9/1", "rp-b", 0}}));
    const auto one = calculated(case_with_others(40'000, {{"1", "rp-b", 0}}, {{"5/1", "rp-a", 0}, {"5/2", "rp-a", 0}}));
    CHECK(two.weekly_amount == pence(5'067));
    CHECK(one.weekly_amount == pence(2'534));
    // The two cases together are within a penny of the one calculation (each case puts the
    // remainder penny on its own first child).
    CHECK(two.weekly_amount.pence() + one.weekly_amount.pence() - 7'600 <= 1);
}

TEST_CASE("shared care reduces only the share of the child who stays with the paying parent") {
    // £500, 2 children: £40.00 each. The child in the other case stays 104 nights (2/7 off) and
    // does not change this case's share.
    const auto mine = calculated(case_with_others(50'000, {{"1", "rp-a", 0}}, {{"8/1", "rp-b", 104}}));
    CHECK(mine.weekly_amount == pence(4'000));
    const auto theirs = calculated(case_with_others(50'000, {{"1", "rp-b", 104}}, {{"7/1", "rp-a", 0}}));
    CHECK(theirs.weekly_amount == pence(2'857));  // 40.00 x 5/7 = 28.571 -> 28.57
}

TEST_CASE("the flat rate is apportioned per child across the receiving parents") {
    auto input = case_with_others(5'000, {{"1", "rp-a", 0}}, {{"8/1", "rp-b", 0}});
    CHECK(calculated(input).weekly_amount == pence(350));
    input.paying_parent.gross_weekly_income = pence(50'000);
    input.paying_parent.benefit = core::benefit_status::flat_rate_benefit;
    CHECK(calculated(input).weekly_amount == pence(350));
}

TEST_CASE("a bad child of another case is named as the other case's") {
    const auto outcome =
        core::calculate(case_with_others(50'000, {{"1", "rp-a", 0}}, {{"8/1", "rp-b", 400}}), policy_2013());
    REQUIRE(std::holds_alternative<core::calculation_rejection>(outcome));
    CHECK(std::get<core::calculation_rejection>(outcome).field == "other_cases_children[0].shared_care_nights");
    const auto none = core::calculate(case_with_others(50'000, {}, {{"8/1", "rp-b", 0}}), policy_2013());
    REQUIRE(std::holds_alternative<core::calculation_rejection>(none));
    CHECK(std::get<core::calculation_rejection>(none).kind == core::calculation_rejection_kind::no_qualifying_children);
}

TEST_CASE("a change in the other cases' children supersedes; the same list does not") {
    const std::vector<core::calculation_rates> rows = {policy_2013()};
    auto history = initial_history();  // £500, 2 children with rp1: £80.00
    core::circumstance_change change;
    change.effective_date = ymd(2024, 3, 1);
    change.other_cases_children = std::vector<core::qualifying_child>{{"9/1", "rp2", 0}};
    const auto decision = core::decide_supersession(history, change, rows);
    REQUIRE(decision.outcome == core::supersession_outcome::superseded);
    // 3 children: 19% of £500 = £95.00, this case's 2 carry £63.34.
    CHECK(decision.history.back().result.weekly_amount == pence(6'334));

    core::circumstance_change same;
    same.effective_date = ymd(2024, 4, 1);
    same.other_cases_children = std::vector<core::qualifying_child>{{"9/1", "rp2", 0}};
    const auto again = core::decide_supersession(decision.history, same, rows);
    CHECK(again.outcome == core::supersession_outcome::no_change);

    core::circumstance_change income;
    income.effective_date = ymd(2024, 5, 1);
    income.paying_parent = decision.history.back().input.paying_parent;
    income.paying_parent->gross_weekly_income = pence(51'000);  // under the 25% tolerance, but decided on another case
    const auto followed = core::decide_supersession(decision.history, income, rows);
    CHECK(followed.outcome == core::supersession_outcome::superseded);
}

TEST_CASE("a short payment is split pro rata to what each case is owed, to the penny") {
    const std::vector<core::apportionment_claim> claims{{core::case_id{1}, pence(30'000), pence(4'000)},
                                                        {core::case_id{2}, pence(10'000), pence(4'000)}};
    const auto shares = core::apportion_payment(pence(20'000), claims, core::apportionment_method::pro_rata_to_owed);
    REQUIRE(shares.size() == 2);
    CHECK(shares[0].amount == pence(15'000));
    CHECK(shares[1].amount == pence(5'000));
    // Odd pennies go to the largest remainders; the shares always add up.
    const auto odd = core::apportion_payment(pence(1), claims, core::apportionment_method::pro_rata_to_owed);
    CHECK(odd[0].amount + odd[1].amount == pence(1));
    CHECK(odd[0].amount == pence(1));
    const std::vector<core::apportionment_claim> thirds{{core::case_id{1}, pence(100), {}},
                                                        {core::case_id{2}, pence(100), {}},
                                                        {core::case_id{3}, pence(100), {}}};
    const auto split = core::apportion_payment(pence(100), thirds, core::apportionment_method::pro_rata_to_owed);
    CHECK(split[0].amount == pence(34));  // ties go to the earlier case
    CHECK(split[1].amount == pence(33));
    CHECK(split[2].amount == pence(33));
}

TEST_CASE("oldest case first settles each case's debt in turn") {
    const std::vector<core::apportionment_claim> claims{{core::case_id{1}, pence(30'000), pence(4'000)},
                                                        {core::case_id{2}, pence(10'000), pence(4'000)}};
    const auto shares = core::apportion_payment(pence(35'000), claims, core::apportionment_method::oldest_case_first);
    CHECK(shares[0].amount == pence(30'000));
    CHECK(shares[1].amount == pence(5'000));
}

TEST_CASE("money beyond every debt goes pro rata to the weekly amounts, or to the first case") {
    const std::vector<core::apportionment_claim> claims{{core::case_id{1}, pence(1'000), pence(3'000)},
                                                        {core::case_id{2}, pence(0), pence(1'000)}};
    const auto shares = core::apportion_payment(pence(5'000), claims, core::apportionment_method::pro_rata_to_owed);
    CHECK(shares[0].amount == pence(1'000 + 3'000));
    CHECK(shares[1].amount == pence(1'000));
    const std::vector<core::apportionment_claim> closed{{core::case_id{1}, pence(0), pence(0)},
                                                        {core::case_id{2}, pence(0), pence(0)}};
    const auto credit = core::apportion_payment(pence(700), closed, core::apportionment_method::pro_rata_to_owed);
    CHECK(credit[0].amount == pence(700));
    CHECK(credit[1].amount == pence(0));
}

TEST_CASE("the apportionment row in force is the last starting on or before the day") {
    const std::vector<core::apportionment_row> rows{{ymd(2012, 12, 10), core::apportionment_method::pro_rata_to_owed},
                                                    {ymd(2027, 1, 1), core::apportionment_method::oldest_case_first}};
    CHECK(core::valid_apportionment_rows(rows));
    CHECK(core::apportionment_in_force(rows, ymd(2012, 12, 9)) == nullptr);
    CHECK(core::apportionment_in_force(rows, ymd(2026, 12, 31))->method == core::apportionment_method::pro_rata_to_owed);
    CHECK(core::apportionment_in_force(rows, ymd(2027, 1, 1))->method == core::apportionment_method::oldest_case_first);
}

}  // namespace cms::test
