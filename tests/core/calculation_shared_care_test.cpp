// Shared care, equal care, the £7 floor, benefit flat rate, other supported children, several
// receiving parents and the default rate. Expected figures worked by hand on each row.
#include <doctest/doctest.h>

#include "calculation_test_policy.hpp"

using cms::core::calculation_rate;
using cms::core::qualifying_child;
using namespace cms::test;

TEST_CASE("shared care bands at every boundary (1 child, £500, basic 12% = £60.00)") {
    struct row {
        int nights;
        std::int64_t weekly_pence;
        const char* working;
    };
    const std::vector<row> rows = {
        {0, 6'000, "no shared care"},
        {51, 6'000, "below 52: no reduction"},
        {52, 5'143, "6000 x 6/7 = 5142.857 -> 5143"},
        {103, 5'143, "still 1/7"},
        {104, 4'286, "6000 x 5/7 = 4285.714 -> 4286"},
        {155, 4'286, "still 2/7"},
        {156, 3'429, "6000 x 4/7 = 3428.571 -> 3429"},
        {174, 3'429, "still 3/7"},
        {175, 2'300, "6000 / 2 = 3000 - 700 = 2300"},
        {182, 2'300, "182 of 365 is still less than the receiving parent's 183"},
        {183, 0, "equal care: not liable for this child"},
        {366, 0, "equal care"},
    };
    for (const row& r : rows) {
        CAPTURE(r.nights);
        CAPTURE(r.working);
        const auto result = calculated(input_for(50'000, {{"c1", "rp1", r.nights}}));
        CHECK(result.weekly_amount.pence() == r.weekly_pence);
        CHECK(sum_children(result) == r.weekly_pence);
    }
}

TEST_CASE("equal care leaves the child out of the count") {
    // 2 children at £500: one at 183 nights is not counted, so the rate is 12% for 1 child =
    // £60.00 for the other; at 182 nights both count: 16% = 80.00, 40.00 each, 40/2 - 7 = 13.00.
    const auto equal = calculated(input_for(50'000, {{"c1", "rp1", 0}, {"c2", "rp1", 183}}));
    CHECK(equal.rate == calculation_rate::basic);
    CHECK(equal.children[0].weekly_amount.pence() == 6'000);
    CHECK(equal.children[1].weekly_amount.pence() == 0);
    CHECK(equal.weekly_amount.pence() == 6'000);

    const auto nearly = calculated(input_for(50'000, {{"c1", "rp1", 0}, {"c2", "rp1", 182}}));
    CHECK(nearly.children[0].weekly_amount.pence() == 4'000);
    CHECK(nearly.children[1].weekly_amount.pence() == 1'300);
    CHECK(nearly.weekly_amount.pence() == 5'300);

    const auto all_equal = calculated(input_for(50'000, {{"c1", "rp1", 200}}));
    CHECK(all_equal.rate == calculation_rate::nil);
    CHECK(all_equal.weekly_amount.pence() == 0);
}

TEST_CASE("the £7 floor after shared care") {
    struct row {
        std::int64_t income_pence;
        std::vector<int> nights;
        std::vector<std::int64_t> child_pence;
        const char* working;
    };
    const std::vector<row> rows = {
        {15'000, {175}, {700}, "£150 1 child: 1550/2 = 775 - 700 = 75 < 700 -> floor 700"},
        {20'000, {175}, {700}, "£200: 2400/2 - 700 = 500 < 700 -> 700"},
        {25'000, {175}, {800}, "£250: 3000/2 - 700 = 800 >= 700: no floor"},
        {15'000, {175, 175}, {350, 350}, "1950 -> 975 each; 487.5->488 - 700 < 0 -> 0; floor 700 split"},
        {15'000, {175, 0}, {0, 975}, "975 + 0 = 975 >= 700: no floor"},
        {12'000, {175, 175, 175}, {234, 233, 233},
         "3 children £120: 700 + 2000 x 31% = 1320, 440 each, 220 - 700 -> 0; floor 700 = 234/233/233"},
    };
    for (const row& r : rows) {
        CAPTURE(r.working);
        std::vector<qualifying_child> children;
        for (std::size_t i = 0; i < r.nights.size(); ++i) {
            children.push_back({"c" + std::to_string(i + 1), "rp1", r.nights[i]});
        }
        const auto result = calculated(input_for(r.income_pence, children));
        REQUIRE(result.children.size() == r.child_pence.size());
        for (std::size_t i = 0; i < r.child_pence.size(); ++i) {
            CHECK(result.children[i].weekly_amount.pence() == r.child_pence[i]);
        }
        CHECK(sum_children(result) == result.weekly_amount.pence());
    }
}

TEST_CASE("flat rate and shared care") {
    using cms::core::benefit_status;
    struct row {
        benefit_status benefit;
        std::int64_t income_pence;
        std::vector<qualifying_child> children;
        std::vector<std::int64_t> child_pence;
        const char* working;
    };
    const auto benefit = benefit_status::flat_rate_benefit;
    const auto none = benefit_status::none;
    const std::vector<row> rows = {
        {benefit, 0, {{"c1", "rp1", 51}, {"c2", "rp1", 0}}, {350, 350}, "51 nights: £7 split 350/350"},
        {benefit, 0, {{"c1", "rp1", 52}, {"c2", "rp1", 0}}, {0, 0}, "52 nights: nil for rp1's children"},
        {benefit, 0, {{"c1", "rpA", 52}, {"c2", "rpB", 0}}, {0, 350}, "rpA nil, rpB keeps its 350"},
        {benefit, 50'000, {{"c1", "rp1", 0}}, {700}, "benefit flat rate ignores income"},
        {none, 5'000, {{"c1", "rp1", 52}, {"c2", "rp1", 175}}, {350, 350}, "low income: shared care ignored"},
        {none, 10'000, {{"c1", "rp1", 0}, {"c2", "rp1", 0}, {"c3", "rp2", 0}}, {234, 233, 233},
         "700 / 3 = 233 r 1 -> first child 234"},
        {none, 5'000, {{"c1", "rp1", 183}, {"c2", "rp1", 0}}, {0, 700}, "equal-care child not counted"},
    };
    for (const row& r : rows) {
        CAPTURE(r.working);
        auto input = input_for(r.income_pence, r.children);
        input.paying_parent.benefit = r.benefit;
        const auto result = calculated(input);
        CHECK(result.rate == calculation_rate::flat);
        for (std::size_t i = 0; i < r.child_pence.size(); ++i) {
            CHECK(result.children[i].weekly_amount.pence() == r.child_pence[i]);
        }
        CHECK(sum_children(result) == result.weekly_amount.pence());
        CHECK(sum_parents(result) == result.weekly_amount.pence());
    }
}

TEST_CASE("other supported children count for the rate but only the case children's share is payable") {
    struct row {
        std::int64_t income_pence;
        int case_children;
        int other_supported;
        std::int64_t weekly_pence;
        const char* working;
    };
    const std::vector<row> rows = {
        {50'000, 1, 1, 4'000, "2 counted: 16% x 500 = 8000 x 1/2 = 4000"},
        {50'000, 1, 2, 3'167, "3 counted: 19% x 500 = 9500 x 1/3 = 3166.67 -> 3167"},
        {50'000, 2, 2, 4'750, "4 counted uses the 3+ rate: 19% x 500 = 9500 x 2/4 = 4750"},
        {15'000, 1, 1, 975, "2 counted: 7 + 50 x 25% = 1950 x 1/2 = 975"},
        {10'001, 1, 2, 700, "3 counted: 700 x 1/3 = 233 < 700 -> floor 700"},
        {5'000, 1, 3, 700, "flat rate: the full £7 is payable"},
    };
    for (const row& r : rows) {
        CAPTURE(r.working);
        const auto result = calculated(input_for(r.income_pence, children_with_one_parent(r.case_children), 0,
                                                 r.other_supported));
        CHECK(result.weekly_amount.pence() == r.weekly_pence);
        CHECK(sum_children(result) == r.weekly_pence);
    }
}

TEST_CASE("two and three receiving parents get their children's amounts") {
    SUBCASE("three children, two receiving parents, £500") {
        // 19% x 500 = 9500 / 3 = 3166 r 2 -> 3167, 3167, 3166; rpA has c1 + c2 = 6334, rpB 3166.
        const auto result = calculated(input_for(50'000, {{"c1", "rpA", 0}, {"c2", "rpA", 0}, {"c3", "rpB", 0}}));
        REQUIRE(result.receiving_parents.size() == 2);
        CHECK(result.receiving_parents[0].id == "rpA");
        CHECK(result.receiving_parents[0].weekly_amount.pence() == 6'334);
        CHECK(result.receiving_parents[1].id == "rpB");
        CHECK(result.receiving_parents[1].weekly_amount.pence() == 3'166);
    }
    SUBCASE("three receiving parents, £1,200") {
        // 152 + 15% x 400 = 21200 / 3 = 7066 r 2 -> 7067, 7067, 7066.
        const auto result = calculated(input_for(120'000, {{"c1", "rp1", 0}, {"c2", "rp2", 0}, {"c3", "rp3", 0}}));
        REQUIRE(result.receiving_parents.size() == 3);
        CHECK(result.receiving_parents[0].weekly_amount.pence() == 7'067);
        CHECK(result.receiving_parents[1].weekly_amount.pence() == 7'067);
        CHECK(result.receiving_parents[2].weekly_amount.pence() == 7'066);
        CHECK(sum_parents(result) == 21'200);
    }
    SUBCASE("shared care with one of two receiving parents (worked example split)") {
        // £500, 2 children, 1 ROC: 3560 each; rpB's child at 110 nights: 2543. Total 6103.
        const auto result = calculated(input_for(50'000, {{"c1", "rpA", 0}, {"c2", "rpB", 110}}, 1));
        CHECK(result.receiving_parents[0].weekly_amount.pence() == 3'560);
        CHECK(result.receiving_parents[1].weekly_amount.pence() == 2'543);
        CHECK(result.weekly_amount.pence() == 6'103);
    }
}

TEST_CASE("default rate (reg 49 as made: £39 / £51 / £64), apportioned per child") {
    const auto policy = policy_2013();
    auto run = [&](std::vector<qualifying_child> children) {
        auto outcome = cms::core::calculate_default_rate(ymd(2025, 1, 1), children, policy);
        REQUIRE(std::holds_alternative<cms::core::calculation_result>(outcome));
        return std::get<cms::core::calculation_result>(outcome);
    };
    CHECK(run(children_with_one_parent(1)).weekly_amount.pence() == 3'900);
    const auto two = run({{"c1", "rpA", 200}, {"c2", "rpB", 0}});   // shared care not used
    CHECK(two.rate == calculation_rate::default_rate);
    CHECK(two.receiving_parents[0].weekly_amount.pence() == 2'550);
    CHECK(two.receiving_parents[1].weekly_amount.pence() == 2'550);
    // 6400 / 3 = 2133 r 1 -> 2134, 2133, 2133; rpA has c1 + c2.
    const auto three = run({{"c1", "rpA", 0}, {"c2", "rpA", 0}, {"c3", "rpB", 0}});
    CHECK(three.receiving_parents[0].weekly_amount.pence() == 4'267);
    CHECK(three.receiving_parents[1].weekly_amount.pence() == 2'133);
    CHECK(run(children_with_one_parent(4)).children[3].weekly_amount.pence() == 1'600);  // 6400/4
    CHECK(std::holds_alternative<cms::core::calculation_rejection>(
        cms::core::calculate_default_rate(ymd(2025, 1, 1), {}, policy)));
}
