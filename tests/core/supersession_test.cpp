// Supersession: which changes are acted on and how the history is split at the effective date.
#include <doctest/doctest.h>

#include "calculation_test_policy.hpp"
#include "core/calculation/supersession.hpp"

using namespace cms::test;
using cms::core::supersession_outcome;

namespace {

cms::core::supersession_decision decide(const cms::core::circumstance_change& change,
                                        const std::vector<cms::core::calculation_period>& history = initial_history()) {
    const std::vector<cms::core::calculation_rates> rows = {policy_2013()};
    return cms::core::decide_supersession(history, change, rows);
}

}  // namespace

TEST_CASE("an income change of 25% or more supersedes from its date; the past keeps the old amount") {
    cms::core::circumstance_change change{ymd(2024, 6, 1), pence(62'500), {}, false, {}, std::nullopt, std::nullopt};
    const auto decision = decide(change);
    REQUIRE(decision.outcome == supersession_outcome::superseded);
    REQUIRE(decision.history.size() == 2);
    CHECK(decision.history[0].effective_to == ymd(2024, 6, 1));
    CHECK(decision.history[0].result.weekly_amount.pence() == 8'000);
    CHECK(decision.history[1].effective_from == ymd(2024, 6, 1));
    CHECK_FALSE(decision.history[1].effective_to.has_value());
    CHECK(decision.history[1].result.weekly_amount.pence() == 10'000);   // 16% x 625
}

TEST_CASE("an income change under 25% between reviews is not acted on, but is at the annual review") {
    cms::core::circumstance_change change{ymd(2024, 6, 1), pence(60'000), {}, false, {}, std::nullopt, std::nullopt};  // +20%
    const auto below = decide(change);
    CHECK(below.outcome == supersession_outcome::income_change_below_tolerance);
    CHECK(below.history.size() == 1);

    cms::core::circumstance_change review{ymd(2025, 1, 1), pence(60'000), {}, true, {}, std::nullopt, std::nullopt};
    const auto at_review = decide(review);
    REQUIRE(at_review.outcome == supersession_outcome::superseded);
    CHECK(at_review.history.back().result.weekly_amount.pence() == 9'600);   // 16% x 600
}

TEST_CASE("shared care changes are acted on only when the band changes") {
    cms::core::circumstance_change same_band{ymd(2024, 3, 1), std::nullopt, {{"c1", 40}}, false, {}, std::nullopt, std::nullopt};
    CHECK(decide(same_band).outcome == supersession_outcome::no_shared_care_band_change);

    cms::core::circumstance_change new_band{ymd(2024, 3, 1), std::nullopt, {{"c1", 52}}, false, {}, std::nullopt, std::nullopt};
    const auto decision = decide(new_band);
    REQUIRE(decision.outcome == supersession_outcome::superseded);
    // 4000 x 6/7 = 3428.57 -> 3429, plus 4000 for c2.
    CHECK(decision.history.back().result.weekly_amount.pence() == 7'429);

    cms::core::circumstance_change unknown{ymd(2024, 3, 1), std::nullopt, {{"nobody", 52}}, false, {}, std::nullopt, std::nullopt};
    CHECK(decide(unknown).outcome == supersession_outcome::unknown_child);
}

TEST_CASE("a combined change applies only the parts that are acted on") {
    // Income +20% (ignored) with a band change for c2 (acted on): income stays £500.
    cms::core::circumstance_change change{ymd(2024, 3, 1), pence(60'000), {{"c2", 104}}, false, {}, std::nullopt, std::nullopt};
    const auto decision = decide(change);
    REQUIRE(decision.outcome == supersession_outcome::superseded);
    CHECK(decision.history.back().input.paying_parent.gross_weekly_income.pence() == 50'000);
    // c1 4000, c2 4000 x 5/7 = 2857.14 -> 2857.
    CHECK(decision.history.back().result.weekly_amount.pence() == 6'857);
}

TEST_CASE("dates outside the history are refused; a same-day change replaces the period") {
    cms::core::circumstance_change early{ymd(2023, 12, 31), pence(100'000), {}, false, {}, std::nullopt, std::nullopt};
    CHECK(decide(early).outcome == supersession_outcome::before_initial_effective_date);
    CHECK(decide(early, {}).outcome == supersession_outcome::no_calculation_history);

    cms::core::circumstance_change first{ymd(2024, 6, 1), pence(100'000), {}, false, {}, std::nullopt, std::nullopt};
    const auto split = decide(first).history;
    cms::core::circumstance_change retro{ymd(2024, 5, 1), pence(20'000), {}, false, {}, std::nullopt, std::nullopt};
    CHECK(decide(retro, split).outcome == supersession_outcome::earlier_than_latest_period);

    cms::core::circumstance_change same_day{ymd(2024, 6, 1), pence(200'000), {}, false, {}, std::nullopt, std::nullopt};
    const auto replaced = decide(same_day, split);
    REQUIRE(replaced.outcome == supersession_outcome::superseded);
    REQUIRE(replaced.history.size() == 2);
    // 2 children at £2,000: 128 + 12% x 1200 = 128 + 144 = £272.00.
    CHECK(replaced.history[1].result.weekly_amount.pence() == 27'200);
}
