#pragma once
// The 2013 calculation policy row written out by hand for core tests (core cannot read the
// JSON file; the services tests check the shipped file loads to the same figures).
#include <doctest/doctest.h>

#include <string>
#include <variant>
#include <vector>

#include "core/calculation/calculation.hpp"
#include "core/calculation/supersession.hpp"
#include "support/fixtures.hpp"

namespace cms::test {

using testing::pence;
using testing::ymd;

inline core::calculation_rates policy_2013() {
    using core::basis_points;
    core::calculation_rates rates;
    rates.effective_from = ymd(2013, 11, 25);
    rates.nil_rate_income_below = pence(700);
    rates.flat_rate_amount = pence(700);
    rates.flat_rate_income_up_to = pence(10'000);
    rates.basic_rate_income_from = pence(20'000);
    rates.basic_plus_income_above = pence(80'000);
    rates.income_cap = pence(300'000);
    rates.reduced_rate_percent = {{{basis_points{1700}, basis_points{1410}, basis_points{1320}, basis_points{1240}},
                                   {basis_points{2500}, basis_points{2120}, basis_points{1990}, basis_points{1890}},
                                   {basis_points{3100}, basis_points{2640}, basis_points{2490}, basis_points{2380}}}};
    rates.basic_rate_percent = {basis_points{1200}, basis_points{1600}, basis_points{1900}};
    rates.basic_plus_rate_percent = {basis_points{900}, basis_points{1200}, basis_points{1500}};
    rates.relevant_other_children_reduction = {basis_points{1100}, basis_points{1400}, basis_points{1600}};
    rates.shared_care_bands = {
        {52, 103, {1, 7}, pence(0)},
        {104, 155, {2, 7}, pence(0)},
        {156, 174, {3, 7}, pence(0)},
        {175, std::nullopt, {1, 2}, pence(700)},
    };
    rates.equal_care_nights_from = 183;
    rates.benefit_flat_rate_nil_from_nights = 52;
    rates.shared_care_floor = pence(700);
    rates.default_rate_amount = {pence(3900), pence(5100), pence(6400)};
    rates.income_change_tolerance = basis_points{2500};
    return rates;
}

/// Children "c1".."cN" all with receiving parent "rp1" and no shared care.
inline std::vector<core::qualifying_child> children_with_one_parent(int count) {
    std::vector<core::qualifying_child> children;
    for (int i = 1; i <= count; ++i) children.push_back({"c" + std::to_string(i), "rp1", 0});
    return children;
}

inline core::calculation_input input_for(std::int64_t income_pence, std::vector<core::qualifying_child> children,
                                         int relevant_other_children = 0, int other_supported_children = 0) {
    core::calculation_input input;
    input.business_date = ymd(2025, 6, 1);
    input.paying_parent.gross_weekly_income = pence(income_pence);
    input.paying_parent.relevant_other_children = relevant_other_children;
    input.paying_parent.other_supported_children = other_supported_children;
    input.children = std::move(children);
    return input;
}

/// Runs the calculation and fails the test on a rejection.
inline core::calculation_result calculated(const core::calculation_input& input) {
    auto outcome = core::calculate(input, policy_2013());
    REQUIRE(std::holds_alternative<core::calculation_result>(outcome));
    return std::get<core::calculation_result>(outcome);
}

inline std::int64_t sum_children(const core::calculation_result& result) {
    std::int64_t total = 0;
    for (const auto& child : result.children) total += child.weekly_amount.pence();
    return total;
}

inline std::int64_t sum_parents(const core::calculation_result& result) {
    std::int64_t total = 0;
    for (const auto& parent : result.receiving_parents) total += parent.weekly_amount.pence();
    return total;
}

/// A calculation history of one open period from 2024-01-01: £500 a week, 2 children, no other
/// relevant children -> 16% = £80.00 a week. The starting point of the supersession tests.
inline std::vector<core::calculation_period> initial_history() {
    auto input = input_for(50'000, children_with_one_parent(2));
    input.business_date = ymd(2024, 1, 1);
    return {{ymd(2024, 1, 1), std::nullopt, input, calculated(input)}};
}

}  // namespace cms::test
