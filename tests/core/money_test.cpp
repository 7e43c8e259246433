#include <doctest/doctest.h>

#include <limits>

#include "core/common/money.hpp"

using cms::core::basis_points;
using cms::core::format_pounds;
using cms::core::money;
using cms::core::money_overflow;
using cms::core::rounding;

TEST_CASE("money adds and subtracts exactly, including negatives") {
    const money a = money::from_pence(1'050);
    const money b = money::from_pence(-2'075);
    CHECK((a + b).pence() == -1'025);
    CHECK((a - b).pence() == 3'125);
    CHECK((-a).pence() == -1'050);
    CHECK(money::from_pounds(3'000).pence() == 300'000);
}

TEST_CASE("money arithmetic overflow is an error, never a wrap") {
    const money top = money::from_pence(std::numeric_limits<std::int64_t>::max());
    const money bottom = money::from_pence(std::numeric_limits<std::int64_t>::min());
    CHECK_THROWS_AS(top + money::from_pence(1), money_overflow);
    CHECK_THROWS_AS(bottom - money::from_pence(1), money_overflow);
    CHECK_THROWS_AS(-bottom, money_overflow);
    CHECK_THROWS_AS(top.times(2), money_overflow);
    CHECK_THROWS_AS(money::from_pounds(std::numeric_limits<std::int64_t>::max() / 10), money_overflow);
    CHECK_THROWS_AS(top.multiply_fraction(3, 2, rounding::half_up), money_overflow);
    // A large product that comes back into range does not overflow: the intermediate is 128-bit.
    CHECK(top.multiply_fraction(7, 7, rounding::half_up) == top);
}

TEST_CASE("basis points round half up to the penny, away from zero on ties") {
    // 20% of £61.03 = 1220.6p -> 1221p.
    CHECK(money::from_pence(6'103).apply_basis_points(basis_points{2'000}, rounding::half_up).pence() == 1'221);
    // 4% of 12.5p = 0.5p: a tie.
    CHECK(money::from_pence(1'250).apply_basis_points(basis_points{400}, rounding::half_up).pence() == 50);
    CHECK(money::from_pence(1'250).apply_basis_points(basis_points{4}, rounding::half_up).pence() == 1);
    CHECK(money::from_pence(-1'250).apply_basis_points(basis_points{4}, rounding::half_up).pence() == -1);
    CHECK(money::from_pence(1'250).apply_basis_points(basis_points{4}, rounding::toward_zero).pence() == 0);
    CHECK(money::from_pence(1'249).apply_basis_points(basis_points{4}, rounding::half_up).pence() == 0);
}

TEST_CASE("exact fractions round as named") {
    // £35.60 x 5/7 = 2542.857p -> 2543p (worked example 4 of core/calculation/README.md: £25.43).
    CHECK(money::from_pence(3'560).multiply_fraction(5, 7, rounding::half_up).pence() == 2'543);
    CHECK(money::from_pence(3'560).multiply_fraction(5, 7, rounding::toward_zero).pence() == 2'542);
    // Banker's rounding: 2.5 -> 2, 3.5 -> 4.
    CHECK(money::from_pence(5).multiply_fraction(1, 2, rounding::half_even).pence() == 2);
    CHECK(money::from_pence(7).multiply_fraction(1, 2, rounding::half_even).pence() == 4);
    CHECK(money::from_pence(7).multiply_fraction(1, 2, rounding::half_up).pence() == 4);
    CHECK(money::from_pence(-7).multiply_fraction(1, 2, rounding::half_up).pence() == -4);
    CHECK_THROWS_AS(money::from_pence(7).multiply_fraction(1, 0, rounding::half_up), std::invalid_argument);
}

TEST_CASE("format_pounds groups thousands and keeps the sign in front of the pound sign") {
    CHECK(format_pounds(money::from_pence(123'456)) == "\xC2\xA3" "1,234.56");
    CHECK(format_pounds(money::from_pence(0)) == "\xC2\xA3" "0.00");
    CHECK(format_pounds(money::from_pence(5)) == "\xC2\xA3" "0.05");
    CHECK(format_pounds(money::from_pence(-5)) == "-\xC2\xA3" "0.05");
    CHECK(format_pounds(money::from_pence(100'000'000)) == "\xC2\xA3" "1,000,000.00");
    CHECK(format_pounds(money::from_pence(99'999)) == "\xC2\xA3" "999.99");
    CHECK(format_pounds(money::from_pence(std::numeric_limits<std::int64_t>::min())) ==
          "-\xC2\xA3" "92,233,720,368,547,758.08");
}
