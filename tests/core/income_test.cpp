// Income over time: HMRC yearly figure to weekly, reg 34 historic vs current, reg 23
// tolerance, annual review dates with the month-end clamp. Expected values worked by hand.
#include <doctest/doctest.h>

#include "calculation_test_policy.hpp"
#include "core/calculation/income.hpp"

using namespace cms::test;
using cms::core::basis_points;
using cms::core::income_source;
using cms::core::income_source_reason;

TEST_CASE("historic weekly income is yearly / 365 x 7, half-up to the penny") {
    struct row {
        std::int64_t yearly_pence;
        std::int64_t weekly_pence;
        const char* working;
    };
    const std::vector<row> rows = {
        {3'650'000, 70'000, "36,500 x 7 / 365 = 700.00 exactly"},
        {2'600'000, 49'863, "26,000 x 7 / 365 = 498.6301 -> 498.63"},
        {78, 1, "78 x 7 / 365 = 1.496p -> 1p"},
        {79, 2, "79 x 7 / 365 = 1.515p -> 2p"},
        {0, 0, "nil"},
    };
    for (const row& r : rows) {
        CAPTURE(r.working);
        CHECK(cms::core::historic_weekly_income(pence(r.yearly_pence)).pence() == r.weekly_pence);
    }
}

TEST_CASE("reg 34: current income replaces historic when it differs by at least 25%") {
    const basis_points tolerance{2500};
    struct row {
        std::optional<std::int64_t> historic;
        std::optional<std::int64_t> current;
        income_source source;
        income_source_reason reason;
        std::int64_t used;
        const char* working;
    };
    using s = income_source;
    using why = income_source_reason;
    const std::vector<row> rows = {
        {40'000, 50'000, s::current, why::current_differs, 50'000, "+10000 = exactly 25% of 40000"},
        {40'000, 49'999, s::historic, why::historic_within_tolerance, 40'000, "+9999 < 25%"},
        {40'000, 30'000, s::current, why::current_differs, 30'000, "-10000 = 25%"},
        {40'000, 30'001, s::historic, why::historic_within_tolerance, 40'000, "-9999 < 25%"},
        {0, 1, s::current, why::current_differs, 1, "nil historic, positive current counts as 25%"},
        {0, 0, s::historic, why::historic_within_tolerance, 0, "both nil: no difference"},
        {40'000, std::nullopt, s::historic, why::historic_within_tolerance, 40'000, "no current figure"},
        {std::nullopt, 12'345, s::current, why::no_historic_figure, 12'345, "HMRC held no figure"},
        {std::nullopt, std::nullopt, s::none, why::no_income_information, 0, "default rate territory"},
    };
    for (const row& r : rows) {
        CAPTURE(r.working);
        const auto choice = cms::core::choose_income(
            r.historic ? std::optional(pence(*r.historic)) : std::nullopt,
            r.current ? std::optional(pence(*r.current)) : std::nullopt, tolerance);
        CHECK(choice.source == r.source);
        CHECK(choice.reason == r.reason);
        CHECK(choice.weekly_income.pence() == r.used);
    }
}

TEST_CASE("reg 23: a change between reviews is acted on at 25% or more") {
    const basis_points tolerance{2500};
    CHECK(cms::core::income_change_is_acted_on(pence(50'000), pence(62'500), tolerance));   // +25%
    CHECK_FALSE(cms::core::income_change_is_acted_on(pence(50'000), pence(62'499), tolerance));
    CHECK(cms::core::income_change_is_acted_on(pence(50'000), pence(37'500), tolerance));   // -25%
    CHECK_FALSE(cms::core::income_change_is_acted_on(pence(50'000), pence(37'501), tolerance));
    CHECK_FALSE(cms::core::income_change_is_acted_on(pence(50'000), pence(50'000), tolerance));
    CHECK(cms::core::income_change_is_acted_on(pence(0), pence(1), tolerance));
}

TEST_CASE("annual review dates are 12-month anniversaries, clamped to month end") {
    using cms::core::annual_review_date;
    using cms::core::next_annual_review_date;
    CHECK(annual_review_date(ymd(2024, 2, 29), 1) == ymd(2025, 2, 28));
    CHECK(annual_review_date(ymd(2024, 2, 29), 3) == ymd(2027, 2, 28));
    CHECK(annual_review_date(ymd(2024, 2, 29), 4) == ymd(2028, 2, 29));   // not stuck on the 28th
    CHECK(annual_review_date(ymd(2023, 1, 31), 1) == ymd(2024, 1, 31));
    CHECK(annual_review_date(ymd(2023, 3, 30), 2) == ymd(2025, 3, 30));

    CHECK(next_annual_review_date(ymd(2024, 1, 31), ymd(2024, 1, 31)) == ymd(2025, 1, 31));
    CHECK(next_annual_review_date(ymd(2024, 1, 31), ymd(2025, 1, 31)) == ymd(2025, 1, 31));
    CHECK(next_annual_review_date(ymd(2024, 1, 31), ymd(2025, 2, 1)) == ymd(2026, 1, 31));
    CHECK(next_annual_review_date(ymd(2020, 2, 29), ymd(2030, 6, 1)) == ymd(2031, 2, 28));
    CHECK(cms::core::is_annual_review_date(ymd(2024, 2, 29), ymd(2025, 2, 28)));
    CHECK_FALSE(cms::core::is_annual_review_date(ymd(2024, 2, 29), ymd(2024, 2, 29)));
    CHECK_FALSE(cms::core::is_annual_review_date(ymd(2024, 2, 29), ymd(2025, 3, 1)));
}
