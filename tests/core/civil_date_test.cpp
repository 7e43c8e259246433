#include <doctest/doctest.h>

#include "core/common/civil_date.hpp"
#include "support/fixtures.hpp"

using namespace cms::core;
using date::day;
using date::month;
using date::year;

using cms::testing::ymd;

TEST_CASE("parse_iso_date accepts only real dates in YYYY-MM-DD form") {
    CHECK(parse_iso_date("2024-02-29") == ymd(2024, 2, 29));
    CHECK_FALSE(parse_iso_date("2023-02-29").has_value());
    CHECK_FALSE(parse_iso_date("2024-04-31").has_value());
    CHECK_FALSE(parse_iso_date("2024-2-29").has_value());
    CHECK_FALSE(parse_iso_date("2024-02-29T00").has_value());
    CHECK_FALSE(parse_iso_date("20x4-02-01").has_value());
    CHECK_FALSE(parse_iso_date("2024-+2-01").has_value());
    CHECK_FALSE(parse_iso_date("").has_value());
    CHECK_FALSE(parse_iso_date("1899-12-31").has_value());
    CHECK(format_iso_date(ymd(2024, 2, 9)) == "2024-02-09");
}

TEST_CASE("adding months clamps the 29th, 30th and 31st to the month's last day") {
    struct row { civil_date from; int months; civil_date expected; };
    const row rows[] = {
        {ymd(2024, 1, 31), 1, ymd(2024, 2, 29)},   // leap year
        {ymd(2023, 1, 31), 1, ymd(2023, 2, 28)},   // common year
        {ymd(2023, 1, 29), 1, ymd(2023, 2, 28)},
        {ymd(2024, 1, 29), 1, ymd(2024, 2, 29)},
        {ymd(2024, 1, 30), 1, ymd(2024, 2, 29)},
        {ymd(2024, 3, 31), 1, ymd(2024, 4, 30)},
        {ymd(2024, 2, 29), 12, ymd(2025, 2, 28)},
        {ymd(2024, 2, 29), 48, ymd(2028, 2, 29)},
        {ymd(2024, 3, 31), -1, ymd(2024, 2, 29)},
        {ymd(2025, 12, 31), 2, ymd(2026, 2, 28)},
        {ymd(2024, 8, 30), 6, ymd(2025, 2, 28)},
        {ymd(2024, 5, 15), 1, ymd(2024, 6, 15)},
    };
    for (const auto& r : rows) {
        CAPTURE(format_iso_date(r.from));
        CAPTURE(r.months);
        CHECK(add_months_clamped(r.from, r.months) == r.expected);
    }
}

TEST_CASE("month arithmetic does not drift: clamping is applied to the anchor, not accumulated") {
    // Stepping from the anchor each time keeps the 31st wherever the month has one.
    const civil_date anchor = ymd(2024, 1, 31);
    CHECK(add_months_clamped(anchor, 2) == ymd(2024, 3, 31));
    CHECK(day_of_month_clamped(date::year{2023} / date::February, 30) == ymd(2023, 2, 28));
    CHECK(day_of_month_clamped(date::year{2024} / date::February, 30) == ymd(2024, 2, 29));
    CHECK(day_of_month_clamped(date::year{2024} / date::April, 31) == ymd(2024, 4, 30));
}

TEST_CASE("day counts and ages") {
    CHECK(days_between(ymd(2024, 2, 28), ymd(2024, 3, 1)) == 2);
    CHECK(days_between(ymd(2023, 2, 28), ymd(2023, 3, 1)) == 1);
    CHECK(days_between(ymd(2024, 3, 1), ymd(2024, 2, 28)) == -2);
    CHECK(add_days(ymd(2024, 12, 31), 1) == ymd(2025, 1, 1));
    CHECK(age_in_years(ymd(2008, 2, 29), ymd(2024, 2, 28)) == 15);
    CHECK(age_in_years(ymd(2008, 2, 29), ymd(2024, 2, 29)) == 16);
    CHECK(age_in_years(ymd(2008, 2, 29), ymd(2025, 2, 28)) == 16);
    CHECK(age_in_years(ymd(2008, 2, 29), ymd(2025, 3, 1)) == 17);
}
