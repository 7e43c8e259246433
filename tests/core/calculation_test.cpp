// Rate bands at every income boundary and by number of children; expected figures are worked
// by hand from the rules of core/calculation/README.md in the comment on each row (half-up to the penny).
#include <doctest/doctest.h>

#include "calculation_test_policy.hpp"

using cms::core::calculation_rate;
using namespace cms::test;

namespace {

struct band_row {
    std::int64_t income_pence;
    int children;
    int relevant_other_children;
    calculation_rate rate;
    std::int64_t weekly_pence;
    const char* working;
};

void check_rows(const std::vector<band_row>& rows) {
    for (const band_row& row : rows) {
        CAPTURE(row.income_pence);
        CAPTURE(row.children);
        CAPTURE(row.relevant_other_children);
        CAPTURE(row.working);
        const auto result = calculated(input_for(row.income_pence, children_with_one_parent(row.children),
                                                 row.relevant_other_children));
        CHECK(result.rate == row.rate);
        CHECK(result.weekly_amount.pence() == row.weekly_pence);
        CHECK(sum_children(result) == row.weekly_pence);
        CHECK(sum_parents(result) == row.weekly_pence);
    }
}

}  // namespace

TEST_CASE("income boundaries at £7, £100, £200, £800 and £3,000 (1 child, no other children)") {
    using r = calculation_rate;
    check_rows({
        {0, 1, 0, r::nil, 0, "no income: below £7"},
        {699, 1, 0, r::nil, 0, "£6.99 < £7: nil"},
        {700, 1, 0, r::flat, 700, "£7.00: flat £7"},
        {701, 1, 0, r::flat, 700, "£7.01: flat £7"},
        {9'999, 1, 0, r::flat, 700, "£99.99: flat £7"},
        {10'000, 1, 0, r::flat, 700, "£100.00 is still flat (reduced is 'over £100')"},
        {10'001, 1, 0, r::reduced, 700, "7 + 0.01 x 17% = 0.17p -> 0p: £7.00"},
        {10'300, 1, 0, r::reduced, 751, "7 + 3.00 x 17% = 51p: £7.51"},
        {19'999, 1, 0, r::reduced, 2'400, "7 + 99.99 x 17% = 1699.83p -> 1700p: £24.00"},
        {20'000, 1, 0, r::basic, 2'400, "12% x 200 = £24.00 (meets reduced at £200)"},
        {20'001, 1, 0, r::basic, 2'400, "12% x 200.01 = 2400.12p -> £24.00"},
        {79'999, 1, 0, r::basic, 9'600, "12% x 799.99 = 9599.88p -> £96.00"},
        {80'000, 1, 0, r::basic, 9'600, "12% x 800 = £96.00"},
        {80'001, 1, 0, r::basic_plus, 9'600, "96 + 9% x 0.01 = 0.09p -> 0p: £96.00"},
        {299'999, 1, 0, r::basic_plus, 29'400, "96 + 9% x 2199.99 = 96 + 197.9991 -> 19800p: £294.00"},
        {300'000, 1, 0, r::basic_plus, 29'400, "96 + 9% x 2200 = 96 + 198 = £294.00"},
        {300'001, 1, 0, r::basic_plus, 29'400, "capped at £3,000: £294.00"},
        {10'000'000, 1, 0, r::basic_plus, 29'400, "£100,000 capped at £3,000: £294.00"},
    });
}

TEST_CASE("income boundaries with 2 and 3 children") {
    using r = calculation_rate;
    check_rows({
        {10'000, 2, 0, r::flat, 700, "flat £7 whatever the number of children"},
        {10'001, 2, 0, r::reduced, 700, "7 + 0.01 x 25% = 0.25p -> 0p"},
        {19'999, 2, 0, r::reduced, 3'200, "7 + 99.99 x 25% = 2499.75p -> 2500p: £32.00"},
        {20'000, 2, 0, r::basic, 3'200, "16% x 200 = £32.00"},
        {80'001, 2, 0, r::basic_plus, 12'800, "16% x 800 = 128 + 12% x 0.01 -> 0: £128.00"},
        {300'001, 2, 0, r::basic_plus, 39'200, "128 + 12% x 2200 = 128 + 264 = £392.00"},
        {10'001, 3, 0, r::reduced, 700, "7 + 0.01 x 31% = 0.31p -> 0p"},
        {19'999, 3, 0, r::reduced, 3'800, "7 + 99.99 x 31% = 3099.69p -> 3100p: £38.00"},
        {20'000, 3, 0, r::basic, 3'800, "19% x 200 = £38.00"},
        {300'001, 3, 0, r::basic_plus, 48'200, "19% x 800 = 152 + 15% x 2200 = 330: £482.00"},
    });
}

TEST_CASE("reduced rate at £150 for 1-4 children and 0-4 relevant other children (T table)") {
    using r = calculation_rate;
    // £150 is £50 over £100; amount = 700p + 5000p x T.
    check_rows({
        {15'000, 1, 0, r::reduced, 1'550, "5000 x 17.0% = 850"},
        {15'000, 1, 1, r::reduced, 1'405, "5000 x 14.1% = 705"},
        {15'000, 1, 2, r::reduced, 1'360, "5000 x 13.2% = 660"},
        {15'000, 1, 3, r::reduced, 1'320, "5000 x 12.4% = 620"},
        {15'000, 1, 4, r::reduced, 1'320, "4 ROC uses the 3+ column: 620"},
        {15'000, 2, 0, r::reduced, 1'950, "5000 x 25.0% = 1250 (worked example £19.50)"},
        {15'000, 2, 1, r::reduced, 1'760, "5000 x 21.2% = 1060"},
        {15'000, 2, 2, r::reduced, 1'695, "5000 x 19.9% = 995"},
        {15'000, 2, 3, r::reduced, 1'645, "5000 x 18.9% = 945"},
        {15'000, 2, 4, r::reduced, 1'645, "3+ column: 945"},
        {15'000, 3, 0, r::reduced, 2'250, "5000 x 31.0% = 1550"},
        {15'000, 3, 1, r::reduced, 2'020, "5000 x 26.4% = 1320"},
        {15'000, 3, 2, r::reduced, 1'945, "5000 x 24.9% = 1245"},
        {15'000, 3, 3, r::reduced, 1'890, "5000 x 23.8% = 1190"},
        {15'000, 3, 4, r::reduced, 1'890, "3+ column: 1190"},
        {15'000, 4, 0, r::reduced, 2'250, "4 children use the 3+ row: 1550"},
        {15'000, 4, 1, r::reduced, 2'020, "3+ row: 1320"},
        {15'000, 4, 2, r::reduced, 1'945, "3+ row: 1245"},
        {15'000, 4, 3, r::reduced, 1'890, "3+ row: 1190"},
        {15'000, 4, 4, r::reduced, 1'890, "3+ row, 3+ column: 1190"},
    });
}

TEST_CASE("basic rate at £500 for 1-4 children and 0-4 relevant other children") {
    using r = calculation_rate;
    // Income after ROC reduction: 0 -> 500, 1 -> 445 (89%), 2 -> 430 (86%), 3+ -> 420 (84%).
    check_rows({
        {50'000, 1, 0, r::basic, 6'000, "12% x 500"},
        {50'000, 1, 1, r::basic, 5'340, "12% x 445"},
        {50'000, 1, 2, r::basic, 5'160, "12% x 430"},
        {50'000, 1, 3, r::basic, 5'040, "12% x 420"},
        {50'000, 1, 4, r::basic, 5'040, "12% x 420 (3+)"},
        {50'000, 2, 0, r::basic, 8'000, "16% x 500"},
        {50'000, 2, 1, r::basic, 7'120, "16% x 445 = 71.20 (worked example)"},
        {50'000, 2, 2, r::basic, 6'880, "16% x 430"},
        {50'000, 2, 3, r::basic, 6'720, "16% x 420"},
        {50'000, 2, 4, r::basic, 6'720, "16% x 420 (3+)"},
        {50'000, 3, 0, r::basic, 9'500, "19% x 500"},
        {50'000, 3, 1, r::basic, 8'455, "19% x 445"},
        {50'000, 3, 2, r::basic, 8'170, "19% x 430"},
        {50'000, 3, 3, r::basic, 7'980, "19% x 420"},
        {50'000, 4, 0, r::basic, 9'500, "4 children: 19% x 500"},
        {50'000, 4, 1, r::basic, 8'455, "19% x 445"},
        {50'000, 4, 4, r::basic, 7'980, "19% x 420"},
    });
}

TEST_CASE("basic plus at £1,200 for 1-3 children and 0-3 relevant other children") {
    using r = calculation_rate;
    // Income after ROC: 1200, 1068, 1032, 1008; basic on the first 800, plus-rate on the rest.
    check_rows({
        {120'000, 1, 0, r::basic_plus, 13'200, "96 + 9% x 400 = 36: £132.00 (worked example)"},
        {120'000, 2, 0, r::basic_plus, 17'600, "128 + 12% x 400 = 48"},
        {120'000, 3, 0, r::basic_plus, 21'200, "152 + 15% x 400 = 60"},
        {120'000, 1, 1, r::basic_plus, 12'012, "96 + 9% x 268 = 24.12"},
        {120'000, 2, 1, r::basic_plus, 16'016, "128 + 12% x 268 = 32.16"},
        {120'000, 3, 1, r::basic_plus, 19'220, "152 + 15% x 268 = 40.20"},
        {120'000, 1, 2, r::basic_plus, 11'688, "96 + 9% x 232 = 20.88"},
        {120'000, 2, 3, r::basic_plus, 15'296, "128 + 12% x 208 = 24.96"},
        {120'000, 3, 3, r::basic_plus, 18'320, "152 + 15% x 208 = 31.20"},
        {85'000, 1, 1, r::basic_plus, 9'078, "850 x 89% = 756.50 < 800: all basic, 12% x 756.50 = 90.78"},
    });
}

TEST_CASE("the worked examples of core/calculation/README.md") {
    SUBCASE("£150, 2 children, no other children -> £19.50") {
        const auto result = calculated(input_for(15'000, children_with_one_parent(2)));
        CHECK(result.rate == calculation_rate::reduced);
        CHECK(result.weekly_amount.pence() == 1'950);
    }
    SUBCASE("£500, 2 children, 1 other child -> £71.20, £35.60 per child") {
        const auto result = calculated(input_for(50'000, children_with_one_parent(2), 1));
        CHECK(result.weekly_amount.pence() == 7'120);
        CHECK(result.children[0].weekly_amount.pence() == 3'560);
        CHECK(result.children[1].weekly_amount.pence() == 3'560);
    }
    SUBCASE("£1,200, 1 child -> £132.00") {
        const auto result = calculated(input_for(120'000, children_with_one_parent(1)));
        CHECK(result.weekly_amount.pence() == 13'200);
    }
    SUBCASE("£35.60 per child, one child at 110 nights -> £25.43, total £61.03") {
        auto children = children_with_one_parent(2);
        children[1].shared_care_nights = 110;
        const auto result = calculated(input_for(50'000, children, 1));
        // 3560 x 5/7 = 2542.857p -> 2543p half-up.
        CHECK(result.children[0].weekly_amount.pence() == 3'560);
        CHECK(result.children[1].weekly_amount.pence() == 2'543);
        CHECK(result.weekly_amount.pence() == 6'103);
    }
}

TEST_CASE("per-child split puts remainder pennies on the children listed first") {
    // £500, 4 children, 1 ROC: 8455p / 4 = 2113 r 3 -> 2114, 2114, 2114, 2113.
    const auto result = calculated(input_for(50'000, children_with_one_parent(4), 1));
    REQUIRE(result.children.size() == 4);
    CHECK(result.children[0].weekly_amount.pence() == 2'114);
    CHECK(result.children[1].weekly_amount.pence() == 2'114);
    CHECK(result.children[2].weekly_amount.pence() == 2'114);
    CHECK(result.children[3].weekly_amount.pence() == 2'113);
    CHECK(result.weekly_amount.pence() == 8'455);
}

TEST_CASE("status checks: nil-rate reasons and benefits come before income") {
    auto student = input_for(50'000, children_with_one_parent(2));
    student.paying_parent.nil_reason = cms::core::nil_rate_reason::student;
    const auto nil = calculated(student);
    CHECK(nil.rate == calculation_rate::nil);
    CHECK(nil.weekly_amount.pence() == 0);
    CHECK(nil.steps.front().rule == "nil_rate_status");

    // A prescribed benefit gives the flat rate whatever the income (brief's pipeline order).
    auto on_benefit = input_for(50'000, children_with_one_parent(2));
    on_benefit.paying_parent.benefit = cms::core::benefit_status::partner_income_related_benefit;
    const auto flat = calculated(on_benefit);
    CHECK(flat.rate == calculation_rate::flat);
    CHECK(flat.weekly_amount.pence() == 700);
    CHECK(flat.children[0].weekly_amount.pence() == 350);
}

TEST_CASE("steps explain the figure in order") {
    const auto result = calculated(input_for(50'000, children_with_one_parent(2), 1));
    std::vector<std::string> rules;
    for (const auto& step : result.steps) rules.push_back(step.rule);
    CHECK(rules == std::vector<std::string>{"income_cap", "relevant_other_children_reduction",
                                            "basic_rate", "split_per_child", "shared_care",
                                            "shared_care", "apportion_to_receiving_parents"});
    CHECK(result.steps[1].result == "\xC2\xA3" "445.00");
    CHECK(result.steps[2].result == "\xC2\xA3" "71.20");
}

TEST_CASE("rejections are values naming the field") {
    using kind = cms::core::calculation_rejection_kind;
    const auto policy = policy_2013();
    auto reject_kind = [&](const cms::core::calculation_input& input) {
        const auto outcome = cms::core::calculate(input, policy);
        REQUIRE(std::holds_alternative<cms::core::calculation_rejection>(outcome));
        return std::get<cms::core::calculation_rejection>(outcome);
    };
    CHECK(reject_kind(input_for(1'000, {})).kind == kind::no_qualifying_children);
    CHECK(reject_kind(input_for(-1, children_with_one_parent(1))).field ==
          "paying_parent.gross_weekly_income_pence");
    auto twins = children_with_one_parent(2);
    twins[1].id = "c1";
    CHECK(reject_kind(input_for(1'000, twins)).field == "qualifying_children[1].id");
    auto too_many_nights = children_with_one_parent(1);
    too_many_nights[0].shared_care_nights = 367;
    CHECK(reject_kind(input_for(1'000, too_many_nights)).kind == kind::shared_care_nights_out_of_range);
    auto too_early = input_for(1'000, children_with_one_parent(1));
    too_early.business_date = ymd(2013, 11, 24);
    CHECK(reject_kind(too_early).kind == kind::policy_not_in_force);
}
