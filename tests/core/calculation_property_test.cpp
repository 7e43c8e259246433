// Seeded property checks over many generated cases: the weekly amount never falls when income
// rises with everything else fixed, and per-child and per-parent amounts add up to the total.
// The generator is a fixed splitmix64, so a failure reproduces from the printed seed.
#include <doctest/doctest.h>

#include <sstream>

#include "calculation_test_policy.hpp"
#include "core/common/splitmix64.hpp"

using namespace cms::test;

namespace {

using cms::core::splitmix64;

std::string describe(const cms::core::calculation_input& input) {
    std::ostringstream text;
    text << "income=" << input.paying_parent.gross_weekly_income.pence()
         << "p benefit=" << cms::core::to_string(input.paying_parent.benefit)
         << " roc=" << input.paying_parent.relevant_other_children
         << " other_supported=" << input.paying_parent.other_supported_children << " children=[";
    for (const auto& child : input.children) {
        text << child.id << "/" << child.receiving_parent << "/" << child.shared_care_nights << "n ";
    }
    text << "]";
    return text.str();
}

}  // namespace

TEST_CASE("property: more income never means less maintenance; breakdowns add up") {
    constexpr std::uint64_t seed = 20'131'125;
    constexpr int cases = 3'000;
    // Nights drawn from the band edges and equal care as well as at random.
    const std::vector<int> nights = {0, 51, 52, 103, 104, 155, 156, 174, 175, 182, 183, 366};
    // Incomes concentrated around the band edges, plus anything up to £4,000.
    const std::vector<std::int64_t> edges = {0, 699, 700, 10'000, 10'001, 19'999, 20'000, 80'000, 80'001,
                                             299'999, 300'000};
    splitmix64 random{seed};
    for (int i = 0; i < cases; ++i) {
        std::vector<cms::core::qualifying_child> children;
        const auto child_count = 1 + random.below(5);
        const auto parent_count = 1 + random.below(3);
        for (std::int64_t c = 0; c < child_count; ++c) {
            const int night = random.below(2) == 0 ? nights[static_cast<std::size_t>(random.below(12))]
                                                   : static_cast<int>(random.below(367));
            std::string child_id = "c";
            child_id += std::to_string(c);
            std::string parent_id = "rp";
            parent_id += std::to_string(random.below(parent_count));
            children.push_back({child_id, parent_id, night});
        }
        const std::int64_t income = random.below(3) == 0
                                        ? edges[static_cast<std::size_t>(random.below(11))] + random.below(3) - 1
                                        : random.below(400'000);
        const std::int64_t rise = random.below(3) == 0 ? 1 : random.below(50'000);
        auto lower = input_for(std::max<std::int64_t>(income, 0), children,
                               static_cast<int>(random.below(5)), static_cast<int>(random.below(4)));
        if (random.below(8) == 0) lower.paying_parent.benefit = cms::core::benefit_status::flat_rate_benefit;
        auto higher = lower;
        higher.paying_parent.gross_weekly_income = lower.paying_parent.gross_weekly_income + pence(rise);

        INFO("seed=", seed, " case=", i, " lower: ", describe(lower), " rise=", rise, "p");
        const auto low = calculated(lower);
        const auto high = calculated(higher);
        CHECK(high.weekly_amount >= low.weekly_amount);
        for (const auto* result : {&low, &high}) {
            CHECK(sum_children(*result) == result->weekly_amount.pence());
            CHECK(sum_parents(*result) == result->weekly_amount.pence());
            for (const auto& child : result->children) CHECK_FALSE(child.weekly_amount.is_negative());
        }
    }
}
