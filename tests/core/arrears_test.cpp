#include <doctest/doctest.h>

#include <array>

#include "core/arrears/arrears.hpp"
#include "support/fixtures.hpp"

using namespace cms::core;

namespace {

using cms::testing::pence;
using cms::testing::ymd;

const std::array<ageing_bucket, 5> standard_buckets{
    ageing_bucket{"1-30", 1, 30},     ageing_bucket{"31-90", 31, 90},
    ageing_bucket{"91-180", 91, 180}, ageing_bucket{"181-365", 181, 365},
    ageing_bucket{"over 365", 366, std::nullopt}};

}  // namespace

TEST_CASE("the bucket table must start at 1, have no gaps or overlaps, and end open") {
    CHECK(validate_bucket_table(standard_buckets).status == bucket_table_status::ok);
    CHECK(validate_bucket_table({}).status == bucket_table_status::empty);

    const std::array starts_at_zero{ageing_bucket{"0-30", 0, 30}, ageing_bucket{"31+", 31, std::nullopt}};
    CHECK(validate_bucket_table(starts_at_zero).status == bucket_table_status::first_not_one);

    const std::array gap{ageing_bucket{"1-30", 1, 30}, ageing_bucket{"32+", 32, std::nullopt}};
    const auto gap_check = validate_bucket_table(gap);
    CHECK(gap_check.status == bucket_table_status::gap);
    CHECK(gap_check.bucket == 1);

    const std::array overlap{ageing_bucket{"1-30", 1, 30}, ageing_bucket{"30+", 30, std::nullopt}};
    CHECK(validate_bucket_table(overlap).status == bucket_table_status::overlap);

    const std::array closed_end{ageing_bucket{"1-30", 1, 30}, ageing_bucket{"31-90", 31, 90}};
    CHECK(validate_bucket_table(closed_end).status == bucket_table_status::last_not_open);

    const std::array open_middle{ageing_bucket{"1+", 1, std::nullopt}, ageing_bucket{"31+", 31, std::nullopt}};
    CHECK(validate_bucket_table(open_middle).status == bucket_table_status::open_before_last);

    const std::array inverted{ageing_bucket{"1-30", 1, 30}, ageing_bucket{"31-20", 31, 20},
                              ageing_bucket{"21+", 21, std::nullopt}};
    CHECK(validate_bucket_table(inverted).status == bucket_table_status::max_below_min);
}

TEST_CASE("ageing puts each unpaid due in its bucket at the boundary days, oldest paid first") {
    // As of 31 Dec 2024. Days overdue, counted by hand:
    //   31 Dec 2023 -> 366 (2024 is a leap year), 1 Jan 2024 -> 365, 1 Oct -> 91, 2 Oct -> 90,
    //   30 Nov -> 31, 1 Dec -> 30, 30 Dec -> 1, 31 Dec -> 0 (fallen due, not yet overdue),
    //   1 Jan 2025 -> not yet due.
    const std::array dues{
        amount_due{ymd(2023, 12, 31), pence(1'000)}, amount_due{ymd(2024, 1, 1), pence(2'000)},
        amount_due{ymd(2024, 10, 1), pence(3'000)},  amount_due{ymd(2024, 10, 2), pence(4'000)},
        amount_due{ymd(2024, 11, 30), pence(5'000)}, amount_due{ymd(2024, 12, 1), pence(6'000)},
        amount_due{ymd(2024, 12, 30), pence(7'000)}, amount_due{ymd(2024, 12, 31), pence(8'000)},
        amount_due{ymd(2025, 1, 1), pence(9'000)}};
    // £15 paid settles all of the 366-day due and £5 of the 365-day one.
    const auto position = age_arrears(dues, pence(1'500), ymd(2024, 12, 31), standard_buckets);
    REQUIRE(position.status == arrears_status::ok);
    CHECK(position.fallen_due == pence(36'000));
    // Due on 31 Dec itself (£80) is due but not yet arrears.
    CHECK(position.arrears == pence(34'500 - 8'000));
    CHECK(position.paid_ahead == pence(0));
    CHECK(position.bucket_count == 5);
    CHECK(position.bucket_amounts[0] == pence(6'000 + 7'000));  // 30 and 1 days
    CHECK(position.bucket_amounts[1] == pence(4'000 + 5'000));  // 90 and 31 days
    CHECK(position.bucket_amounts[2] == pence(3'000));          // 91 days
    CHECK(position.bucket_amounts[3] == pence(1'500));          // 365 days, part paid
    CHECK(position.bucket_amounts[4] == pence(0));              // 366 days, paid
    CHECK(position.due_today_unpaid == pence(8'000));
    CHECK(position.oldest_unpaid_due_date == ymd(2024, 1, 1));
    CHECK(position.days_overdue == 365);

    // With nothing paid the 366-day due lands in the open bucket.
    const auto unpaid = age_arrears(dues, pence(0), ymd(2024, 12, 31), standard_buckets);
    CHECK(unpaid.bucket_amounts[4] == pence(1'000));
    CHECK(unpaid.days_overdue == 366);
}

TEST_CASE("paying more than fell due leaves no arrears and a credit") {
    const std::array dues{amount_due{ymd(2024, 1, 31), pence(5'000)}, amount_due{ymd(2024, 2, 29), pence(5'000)}};
    const auto position = age_arrears(dues, pence(12'000), ymd(2024, 3, 1), standard_buckets);
    CHECK(position.arrears == pence(0));
    CHECK(position.paid_ahead == pence(2'000));
    CHECK(!position.oldest_unpaid_due_date);
    CHECK(position.days_overdue == 0);
}

TEST_CASE("bad input to ageing is a named result") {
    const std::array unordered{amount_due{ymd(2024, 2, 1), pence(1)}, amount_due{ymd(2024, 1, 1), pence(1)}};
    CHECK(age_arrears(unordered, pence(0), ymd(2024, 3, 1), standard_buckets).status ==
          arrears_status::dues_not_in_date_order);
    const std::array negative{amount_due{ymd(2024, 1, 1), pence(-1)}};
    CHECK(age_arrears(negative, pence(0), ymd(2024, 3, 1), standard_buckets).status ==
          arrears_status::negative_amount);
    const std::array gap{ageing_bucket{"1-30", 1, 30}, ageing_bucket{"32+", 32, std::nullopt}};
    const auto bad_table = age_arrears(negative, pence(0), ymd(2024, 3, 1), gap);
    CHECK(bad_table.status == arrears_status::invalid_bucket_table);
    CHECK(bad_table.table_problem.status == bucket_table_status::gap);
}
