// Picking the policy row in force (half-open rows) and shared-care band lookup.
#include <doctest/doctest.h>

#include "calculation_test_policy.hpp"

using namespace cms::test;

TEST_CASE("rates_in_force picks the half-open row for the date") {
    auto first = policy_2013();
    first.effective_to = ymd(2020, 4, 6);
    auto second = policy_2013();
    second.effective_from = ymd(2020, 4, 6);
    second.flat_rate_amount = pence(800);
    const std::vector<cms::core::calculation_rates> rows = {first, second};

    CHECK(cms::core::rates_in_force(rows, ymd(2013, 11, 24)) == nullptr);   // before the first row
    CHECK(cms::core::rates_in_force(rows, ymd(2013, 11, 25)) == &rows[0]);  // from is inclusive
    CHECK(cms::core::rates_in_force(rows, ymd(2020, 4, 5)) == &rows[0]);
    CHECK(cms::core::rates_in_force(rows, ymd(2020, 4, 6)) == &rows[1]);    // to is exclusive
    CHECK(cms::core::rates_in_force(rows, ymd(2099, 1, 1)) == &rows[1]);    // open-ended

    auto gap = rows;
    gap[1].effective_from = ymd(2021, 1, 1);
    CHECK(cms::core::rates_in_force(gap, ymd(2020, 6, 1)) == nullptr);
}

TEST_CASE("shared-care band lookup at the edges") {
    const auto policy = policy_2013();
    CHECK(cms::core::shared_care_band_for(policy, 51) == nullptr);
    CHECK(cms::core::shared_care_band_for(policy, 52)->reduction == cms::core::fraction{1, 7});
    CHECK(cms::core::shared_care_band_for(policy, 103)->reduction == cms::core::fraction{1, 7});
    CHECK(cms::core::shared_care_band_for(policy, 104)->reduction == cms::core::fraction{2, 7});
    CHECK(cms::core::shared_care_band_for(policy, 174)->reduction == cms::core::fraction{3, 7});
    CHECK(cms::core::shared_care_band_for(policy, 175)->reduction == cms::core::fraction{1, 2});
    CHECK(cms::core::shared_care_band_for(policy, 366)->extra_reduction_per_child == pence(700));
}

TEST_CASE("qualifying children column caps at 3+") {
    CHECK(cms::core::qualifying_children_column(1) == 0);
    CHECK(cms::core::qualifying_children_column(2) == 1);
    CHECK(cms::core::qualifying_children_column(3) == 2);
    CHECK(cms::core::qualifying_children_column(7) == 2);
}
