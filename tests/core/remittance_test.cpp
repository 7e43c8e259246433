// An employer's remittances under a deduction from earnings order (core/enforcement/remittance.hpp):
// the 19th-of-next-month deadline, the pay days a month expects with and without a known first
// pay day, and the window an order's start and end leave of a month.
#include <doctest/doctest.h>

#include "core/enforcement/remittance.hpp"

using namespace cms::core;

namespace {

civil_date day(const char* text) { return *parse_iso_date(text); }
date::year_month month(int year, unsigned number) { return date::year{year} / date::month{number}; }

}  // namespace

TEST_CASE("a month's deductions are due by the 19th of the next month, checked on the 20th") {
    CHECK(remittance_due_on(month(2025, 3)) == day("2025-04-19"));
    CHECK(remittance_due_on(month(2025, 12)) == day("2026-01-19"));
    CHECK(month_checked_on(day("2025-04-20")) == month(2025, 3));
    CHECK(month_checked_on(day("2026-01-20")) == month(2025, 12));
    CHECK_FALSE(month_checked_on(day("2025-04-19")).has_value());
    CHECK_FALSE(month_checked_on(day("2025-04-21")).has_value());
}

TEST_CASE("with the first pay day known, the month's pay days are counted exactly") {
    const auto friday = day("2025-01-03");
    // March 2025 has four Fridays (7, 14, 21, 28), May five (2, 9, 16, 23, 30).
    CHECK(expected_pay_days(payment_frequency::weekly, friday, day("2025-03-01"), day("2025-03-31")) == 4);
    CHECK(expected_pay_days(payment_frequency::weekly, friday, day("2025-05-01"), day("2025-05-31")) == 5);
    CHECK(expected_pay_days(payment_frequency::fortnightly, day("2025-01-10"), day("2025-05-01"), day("2025-05-31")) == 3);
    // Monthly on the 31st: February's pay day is its last day.
    CHECK(expected_pay_days(payment_frequency::monthly, day("2025-01-31"), day("2025-02-01"), day("2025-02-28")) == 1);
    // Nothing before the first pay day, nothing in an empty window.
    CHECK(expected_pay_days(payment_frequency::weekly, day("2025-03-21"), day("2025-03-01"), day("2025-03-31")) == 2);
    CHECK(expected_pay_days(payment_frequency::weekly, friday, day("2025-03-10"), day("2025-03-09")) == 0);
}

TEST_CASE("without a first pay day only the fewest pay days any pay day gives are expected") {
    // May 2025 may hold five weekly pay days, but a Monday payroll has only four: expect four.
    CHECK(expected_pay_days(payment_frequency::weekly, std::nullopt, day("2025-05-01"), day("2025-05-31")) == 4);
    CHECK(expected_pay_days(payment_frequency::fortnightly, std::nullopt, day("2025-02-01"), day("2025-02-28")) == 2);
    CHECK(expected_pay_days(payment_frequency::four_weekly, std::nullopt, day("2025-02-01"), day("2025-02-28")) == 1);
    CHECK(expected_pay_days(payment_frequency::weekly, std::nullopt, day("2025-03-17"), day("2025-03-31")) == 2);
    // A monthly pay day is certain only in a whole calendar month.
    CHECK(expected_pay_days(payment_frequency::monthly, std::nullopt, day("2025-02-01"), day("2025-02-28")) == 1);
    CHECK(expected_pay_days(payment_frequency::monthly, std::nullopt, day("2025-03-02"), day("2025-03-31")) == 0);
}

TEST_CASE("an order's month starts 7 days after it was made, or on the employer's first pay day, and ends with it") {
    // Made on 10 March, no first pay day: deductions expected from the 17th (two weeks' worth).
    const auto march = expected_in_month(month(2025, 3), payment_frequency::weekly, std::nullopt, day("2025-03-10"),
                                         std::nullopt);
    CHECK(march.from == day("2025-03-17"));
    CHECK(march.to == day("2025-03-31"));
    CHECK(march.expected == 2);
    // Ended on 14 May: the window stops the day before.
    const auto may = expected_in_month(month(2025, 5), payment_frequency::weekly, std::nullopt, day("2025-03-10"),
                                       day("2025-05-14"));
    CHECK(may.to == day("2025-05-13"));
    CHECK(may.expected == 1);
    // The employer's first pay day stands even inside the 7 days.
    const auto named = expected_in_month(month(2025, 3), payment_frequency::monthly, day("2025-03-14"), day("2025-03-10"),
                                         std::nullopt);
    CHECK(named.from == day("2025-03-14"));
    CHECK(named.expected == 1);
    // Made after the month: nothing expected in it.
    CHECK(expected_in_month(month(2025, 2), payment_frequency::weekly, std::nullopt, day("2025-03-10"), std::nullopt)
              .expected == 0);
}

TEST_CASE("missed counts only pay days short, never a surplus") {
    remittance_month month_seen;
    month_seen.expected = 4;
    month_seen.received = 3;
    CHECK(month_seen.missed() == 1);
    month_seen.received = 5;  // a late deduction of the month before, counted in this one
    CHECK(month_seen.missed() == 0);
}
