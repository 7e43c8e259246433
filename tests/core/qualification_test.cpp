// When a child stops qualifying (Child Support Act 1991, s55): their 16th birthday, or 20th in
// full-time non-advanced education; a 29 February birthday falls on 1 March in a common year.
// And the supersession that removes them from the calculation.
#include <doctest/doctest.h>

#include "core/calculation/supersession.hpp"
#include "core/cases/qualification.hpp"
#include "calculation_test_policy.hpp"
#include "support/fixtures.hpp"

using namespace cms::core;
using cms::testing::ymd;

TEST_CASE("a child stops qualifying on their 16th birthday, or 20th in full-time non-advanced education") {
    CHECK(stops_qualifying_on(ymd(2009, 6, 15), false) == ymd(2025, 6, 15));
    CHECK(stops_qualifying_on(ymd(2009, 6, 15), true) == ymd(2029, 6, 15));
    // Born on 29 February: in a common year the birthday is reached on 1 March.
    CHECK(stops_qualifying_on(ymd(2008, 2, 29), false) == ymd(2024, 2, 29));
    CHECK(stops_qualifying_on(ymd(2008, 2, 29), true) == ymd(2028, 2, 29));
    CHECK(anniversary_of(ymd(2008, 2, 29), 17) == ymd(2025, 3, 1));
    // The same day age_in_years says they reach it.
    CHECK(age_in_years(ymd(2008, 2, 29), ymd(2025, 2, 28)) == 16);
    CHECK(age_in_years(ymd(2008, 2, 29), ymd(2025, 3, 1)) == 17);
}

TEST_CASE("a child leaving the calculation supersedes it for those who remain; the last one leaving ends it") {
    const std::vector<calculation_rates> policy{cms::test::policy_2013()};
    calculation_input input;
    input.business_date = ymd(2024, 1, 1);
    input.paying_parent.gross_weekly_income = money::from_pence(50'000);
    input.children = {{"1", "rp", 0}, {"2", "rp", 0}};
    const auto first = calculate(input, policy.front());
    REQUIRE(std::holds_alternative<calculation_result>(first));
    const std::vector<calculation_period> history{
        {ymd(2024, 1, 1), std::nullopt, input, std::get<calculation_result>(first)}};

    circumstance_change leaving;
    leaving.effective_date = ymd(2024, 6, 15);
    leaving.children_leaving = {"2"};
    const auto decision = decide_supersession(history, leaving, policy);
    REQUIRE(decision.outcome == supersession_outcome::superseded);
    REQUIRE(decision.history.size() == 2);
    CHECK(decision.history[0].effective_to == ymd(2024, 6, 15));
    CHECK(decision.history[1].input.children.size() == 1);
    CHECK(decision.history[1].input.children[0].id == "1");
    // One child costs less than two at the same income.
    CHECK(decision.history[1].result.weekly_amount < decision.history[0].result.weekly_amount);

    leaving.children_leaving = {"1", "2"};
    CHECK(decide_supersession(history, leaving, policy).outcome == supersession_outcome::no_qualifying_child_left);
    leaving.children_leaving = {"7"};
    CHECK(decide_supersession(history, leaving, policy).outcome == supersession_outcome::unknown_child);
}
