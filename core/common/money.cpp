#include "core/common/money.hpp"

#include <limits>

namespace cms::core {

namespace {

std::int64_t checked_narrow(wide_int value) {
    if (value > std::numeric_limits<std::int64_t>::max() ||
        value < std::numeric_limits<std::int64_t>::min()) {
        throw money_overflow("money arithmetic overflowed the int64 pence range");
    }
    return static_cast<std::int64_t>(value);
}

}  // namespace

std::int64_t divide_rounded(wide_int numerator, std::int64_t denominator, rounding how) {
    if (denominator <= 0) {
        throw std::invalid_argument("divide_rounded: denominator must be positive");
    }
    const bool negative = numerator < 0;
    const wide_int magnitude = negative ? -numerator : numerator;
    wide_int quotient = magnitude / denominator;
    const wide_int remainder = magnitude % denominator;
    // Compare 2*remainder with the denominator to find ties without floating point.
    const wide_int twice_remainder = remainder * 2;
    switch (how) {
        case rounding::toward_zero:
            break;
        case rounding::half_up:
            if (twice_remainder >= denominator) ++quotient;
            break;
        case rounding::half_even:
            if (twice_remainder > denominator ||
                (twice_remainder == denominator && quotient % 2 == 1)) {
                ++quotient;
            }
            break;
    }
    return checked_narrow(negative ? -quotient : quotient);
}

money money::from_pounds(std::int64_t pounds) {
    return money(checked_narrow(static_cast<wide_int>(pounds) * 100));
}

money money::operator+(money other) const {
    std::int64_t result = 0;
    if (__builtin_add_overflow(pence_, other.pence_, &result)) {
        throw money_overflow("money addition overflowed");
    }
    return money(result);
}

money money::operator-(money other) const {
    std::int64_t result = 0;
    if (__builtin_sub_overflow(pence_, other.pence_, &result)) {
        throw money_overflow("money subtraction overflowed");
    }
    return money(result);
}

money money::operator-() const { return money(0) - *this; }

money money::times(std::int64_t count) const {
    std::int64_t result = 0;
    if (__builtin_mul_overflow(pence_, count, &result)) {
        throw money_overflow("money multiplication overflowed");
    }
    return money(result);
}

money money::apply_basis_points(basis_points rate, rounding how) const {
    return multiply_fraction(rate.value, 10'000, how);
}

money money::multiply_fraction(std::int64_t numerator, std::int64_t denominator,
                               rounding how) const {
    // int64 * int64 always fits in wide_int, so only the final narrowing can overflow.
    return money(divide_rounded(static_cast<wide_int>(pence_) * numerator, denominator, how));
}

std::string format_pounds(money amount) {
    // Work in unsigned magnitude so INT64_MIN formats rather than overflowing on negation.
    const bool negative = amount.is_negative();
    const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(amount.pence())
                                             : static_cast<std::uint64_t>(amount.pence());
    const std::string pounds_digits = std::to_string(magnitude / 100);
    const std::uint64_t pence_part = magnitude % 100;

    std::string grouped;
    grouped.reserve(pounds_digits.size() + pounds_digits.size() / 3);
    for (std::size_t i = 0; i < pounds_digits.size(); ++i) {
        if (i > 0 && (pounds_digits.size() - i) % 3 == 0) grouped.push_back(',');
        grouped.push_back(pounds_digits[i]);
    }
    std::string text = negative ? "-\xC2\xA3" : "\xC2\xA3";
    text += grouped;
    text.push_back('.');
    text.push_back(static_cast<char>('0' + pence_part / 10));
    text.push_back(static_cast<char>('0' + pence_part % 10));
    return text;
}

}  // namespace cms::core
