#include <doctest/doctest.h>

#include <array>
#include <vector>

#include "core/payments/schedule.hpp"
#include "support/fixtures.hpp"

using namespace cms::core;

namespace {

using cms::testing::pence;
using cms::testing::ymd;

std::vector<civil_date> dates_between(const payment_schedule& schedule, civil_date from, civil_date to) {
    std::vector<civil_date> out(100);
    const auto result = due_dates_between(schedule, from, to, out);
    REQUIRE(result.status == schedule_status::ok);
    out.resize(result.count);
    return out;
}

}  // namespace

TEST_CASE("monthly anchor 31 clamps each month from the anchor, never from the previous date") {
    const payment_schedule schedule{payment_frequency::monthly, ymd(2024, 1, 31), 31};
    REQUIRE(validate_schedule(schedule) == schedule_status::ok);
    // 13 months, 1 Jan 2024 .. 31 Jan 2025, written out by hand.
    const std::vector<civil_date> expected{
        ymd(2024, 1, 31), ymd(2024, 2, 29), ymd(2024, 3, 31), ymd(2024, 4, 30), ymd(2024, 5, 31),
        ymd(2024, 6, 30), ymd(2024, 7, 31), ymd(2024, 8, 31), ymd(2024, 9, 30), ymd(2024, 10, 31),
        ymd(2024, 11, 30), ymd(2024, 12, 31), ymd(2025, 1, 31)};
    CHECK(dates_between(schedule, ymd(2024, 1, 1), ymd(2025, 1, 31)) == expected);
}

TEST_CASE("monthly anchors 29 and 30 across a common and a leap February") {
    const payment_schedule anchor_29{payment_frequency::monthly, ymd(2023, 1, 29), 29};
    const auto dates_29 = dates_between(anchor_29, ymd(2023, 1, 1), ymd(2024, 3, 31));
    REQUIRE(dates_29.size() == 15);  // Jan 2023 .. Mar 2024
    CHECK(dates_29[1] == ymd(2023, 2, 28));
    CHECK(dates_29[2] == ymd(2023, 3, 29));
    CHECK(dates_29[13] == ymd(2024, 2, 29));
    CHECK(dates_29[14] == ymd(2024, 3, 29));
    const payment_schedule anchor_30{payment_frequency::monthly, ymd(2024, 1, 30), 30};
    const auto dates_30 = dates_between(anchor_30, ymd(2024, 1, 1), ymd(2024, 3, 31));
    CHECK(dates_30 == std::vector<civil_date>{ymd(2024, 1, 30), ymd(2024, 2, 29), ymd(2024, 3, 30)});
    // A first due date that is not the clamped anchor is refused: the 31st in Feb is the 29th.
    CHECK(validate_schedule({payment_frequency::monthly, ymd(2024, 2, 28), 31}) ==
          schedule_status::first_due_date_off_anchor);
    CHECK(validate_schedule({payment_frequency::monthly, ymd(2024, 2, 29), 31}) == schedule_status::ok);
    CHECK(validate_schedule({payment_frequency::monthly, ymd(2024, 2, 1), 0}) ==
          schedule_status::anchor_day_out_of_range);
    CHECK(validate_schedule({payment_frequency::monthly, ymd(2024, 2, 1), 32}) ==
          schedule_status::anchor_day_out_of_range);
}

TEST_CASE("each frequency over 13 months from Friday 5 Jan 2024") {
    // 13 months = 5 Jan 2024 .. 4 Feb 2025 inclusive = 397 days (2024 is a leap year), so the
    // last possible offset is 396 days.
    const civil_date from = ymd(2024, 1, 5);
    const civil_date to = ymd(2025, 2, 4);
    // Weekly: floor(396 / 7) + 1 = 56 + 1 = 57; last = +392 days = 31 Jan 2025.
    const payment_schedule weekly{payment_frequency::weekly, from, 0};
    const auto weekly_dates = dates_between(weekly, from, to);
    CHECK(weekly_dates.size() == 57);
    CHECK(weekly_dates.front() == ymd(2024, 1, 5));
    CHECK(weekly_dates[1] == ymd(2024, 1, 12));
    CHECK(weekly_dates.back() == ymd(2025, 1, 31));
    // Fortnightly: floor(396 / 14) + 1 = 28 + 1 = 29; last = +392 days = 31 Jan 2025.
    const payment_schedule fortnightly{payment_frequency::fortnightly, from, 0};
    const auto fortnightly_dates = dates_between(fortnightly, from, to);
    CHECK(fortnightly_dates.size() == 29);
    CHECK(fortnightly_dates[1] == ymd(2024, 1, 19));
    CHECK(fortnightly_dates.back() == ymd(2025, 1, 31));
    // Four-weekly: floor(396 / 28) + 1 = 14 + 1 = 15; last = +392 days = 31 Jan 2025.
    const payment_schedule four_weekly{payment_frequency::four_weekly, from, 0};
    const auto four_weekly_dates = dates_between(four_weekly, from, to);
    CHECK(four_weekly_dates.size() == 15);
    CHECK(four_weekly_dates[1] == ymd(2024, 2, 2));
    CHECK(four_weekly_dates.back() == ymd(2025, 1, 31));
    // Monthly on the 5th: 5 Jan 2024 .. 5 Jan 2025 = 13 (5 Feb 2025 is after the range).
    const payment_schedule monthly{payment_frequency::monthly, from, 5};
    const auto monthly_dates = dates_between(monthly, from, to);
    CHECK(monthly_dates.size() == 13);
    CHECK(monthly_dates.back() == ymd(2025, 1, 5));
}

TEST_CASE("a range in the middle of a schedule jumps straight to its first instalment") {
    // 1 Mar 2024 is 56 days after 5 Jan 2024, so instalment 8; March Fridays: 1, 8, 15, 22, 29.
    const payment_schedule weekly{payment_frequency::weekly, ymd(2024, 1, 5), 0};
    std::array<civil_date, 10> out{};
    const auto result = due_dates_between(weekly, ymd(2024, 3, 1), ymd(2024, 3, 31), out);
    CHECK(result.first_index == 8);
    CHECK(result.count == 5);
    CHECK(out[4] == ymd(2024, 3, 29));
    // From the day after a due date, the next is the following week.
    CHECK(first_index_on_or_after(weekly, ymd(2024, 3, 2)) == 9);
    CHECK(count_due_dates(weekly, ymd(2024, 3, 31), ymd(2024, 3, 1)) == 0);
    std::array<civil_date, 2> small{};
    const auto too_small = due_dates_between(weekly, ymd(2024, 3, 1), ymd(2024, 3, 31), small);
    CHECK(too_small.status == schedule_status::output_too_small);
    CHECK(too_small.count == 5);
}

TEST_CASE("instalments ask for what accrued since the previous one, plus the arrears instalment") {
    // £61.03/wk from 1 Jan 2024, £70.01/wk from 10 Jun 2024, Collect and Pay at 20%.
    const std::array history{weekly_amount_segment{ymd(2024, 1, 1), pence(6'103)},
                             weekly_amount_segment{ymd(2024, 6, 10), pence(7'001)}};
    const std::array parents{receiving_parent_liability{0, history}};
    const std::array service{service_segment{ymd(2024, 1, 1), service_type::collect_and_pay}};
    const std::array fees{collection_fee_row{ymd(2014, 8, 11), basis_points{2000}, basis_points{400}}};
    const accrual_terms accrual{parents, service, fees};
    const instalment_terms terms{{payment_frequency::monthly, ymd(2024, 1, 31), 31},
                                 ymd(2024, 1, 1),
                                 arrears_plan{pence(1'000), pence(2'500)}};
    std::array<instalment, 20> out{};
    const auto result = instalments_between(terms, accrual, ymd(2024, 1, 1), ymd(2025, 1, 31), out);
    REQUIRE(result.status == instalment_status::ok);
    REQUIRE(result.count == 13);

    // Instalment 0 (31 Jan) covers 1..30 Jan: 30 x 6103 = 183090 / 7 = 26155.71 -> 26156p,
    // fee 183090 / 35 = 5231.14 -> 5231p, plus £10 of arrears.
    CHECK(out[0].covers_from == ymd(2024, 1, 1));
    CHECK(out[0].covers_to == ymd(2024, 1, 30));
    CHECK(out[0].accrued.maintenance == pence(26'156));
    CHECK(out[0].accrued.collection_fee == pence(5'231));
    CHECK(out[0].arrears_part == pence(1'000));
    CHECK(out[0].total == pence(26'156 + 5'231 + 1'000));
    // The arrears plan: £10, £10, then the £5 left, then nothing.
    CHECK(out[1].arrears_part == pence(1'000));
    CHECK(out[2].arrears_part == pence(500));
    CHECK(out[3].arrears_part == pence(0));
    CHECK(out[1].covers_from == ymd(2024, 1, 31));

    // All 13 instalments cover 1 Jan 2024 .. 30 Jan 2025: 161 days at 6103 (to 9 Jun) and 235 days
    // at 7001: W = 982583 + 1645235 = 2627818; / 7 = 375402.57 -> 375403p; fee W / 35 =
    // 75080.51 -> 75081p. The instalments add up to exactly that.
    money maintenance;
    money fee;
    for (std::size_t i = 0; i < result.count; ++i) {
        maintenance += out[i].accrued.maintenance;
        fee += out[i].accrued.collection_fee;
    }
    CHECK(maintenance == pence(375'403));
    CHECK(fee == pence(75'081));

    // Asking for the middle of the plan gives the same instalments.
    std::array<instalment, 3> middle{};
    const auto part = instalments_between(terms, accrual, ymd(2024, 6, 1), ymd(2024, 8, 31), middle);
    REQUIRE(part.count == 3);
    CHECK(middle[0].index == 5);
    CHECK(middle[0].accrued == out[5].accrued);
    CHECK(middle[2].total == out[7].total);

    const instalment_terms late{{payment_frequency::monthly, ymd(2024, 1, 31), 31}, ymd(2024, 2, 1), {}};
    CHECK(instalments_between(late, accrual, ymd(2024, 1, 1), ymd(2024, 3, 1), out).status ==
          instalment_status::accrual_start_after_first_due);
}
