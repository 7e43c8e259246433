#pragma once
/// Money as a whole number of pence, with checked arithmetic and named rounding.
///
/// Why a class and not a bare int64_t: it stops pence being mixed with counts or basis points,
/// and every operation that could overflow or round says so in its name.
#include <compare>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace cms::core {

/// 128-bit intermediate for products of two int64 values; __extension__ keeps -Wpedantic quiet
/// about a GCC/Clang built-in type that ISO C++ lacks.
__extension__ typedef __int128 wide_int;

/// Thrown when money arithmetic would leave the int64 range. Amounts are range-checked at the
/// edges, so reaching this is a bug; it is an exception (not a wrap) so a command fails whole.
class money_overflow : public std::overflow_error {
public:
    using std::overflow_error::overflow_error;
};

/// How a division is rounded to the penny. Every call site names one.
enum class rounding {
    half_up,          ///< ties go away from zero: 0.5p -> 1p, -0.5p -> -1p (commercial rounding)
    toward_zero,      ///< truncate: 0.9p -> 0p, -0.9p -> 0p
    half_even,        ///< ties go to the even penny (banker's rounding)
};

/// Basis points: 1 bp = 0.01%, so 2000 bp = 20%. Rates never use floating point.
struct basis_points {
    std::int64_t value = 0;
    friend constexpr auto operator<=>(basis_points, basis_points) = default;
};

class money {
public:
    constexpr money() = default;
    static constexpr money from_pence(std::int64_t pence) { return money(pence); }
    /// Whole pounds, checked: from_pounds(3000) is £3,000.00.
    static money from_pounds(std::int64_t pounds);

    constexpr std::int64_t pence() const { return pence_; }
    constexpr bool is_zero() const { return pence_ == 0; }
    constexpr bool is_negative() const { return pence_ < 0; }

    friend constexpr auto operator<=>(money, money) = default;

    money operator+(money other) const;
    money operator-(money other) const;
    money operator-() const;
    money& operator+=(money other) { return *this = *this + other; }
    money& operator-=(money other) { return *this = *this - other; }
    /// Multiply by a whole count (e.g. weeks), checked.
    money times(std::int64_t count) const;

    /// This amount × bp / 10000, rounded as named. 0.5 of a penny goes where `how` says.
    money apply_basis_points(basis_points rate, rounding how) const;
    /// This amount × numerator / denominator, rounded as named (e.g. 5/7 for shared care,
    /// 7 days out of 365). denominator must be positive.
    money multiply_fraction(std::int64_t numerator, std::int64_t denominator, rounding how) const;

private:
    constexpr explicit money(std::int64_t pence) : pence_(pence) {}
    std::int64_t pence_ = 0;
};

/// Divides numerator/denominator (denominator > 0) with the named rounding; throws money_overflow
/// if the result leaves int64. Exposed because rates and days use the same rule as money.
std::int64_t divide_rounded(wide_int numerator, std::int64_t denominator, rounding how);

/// "£1,234.56", "-£0.05". UTF-8 pound sign; thousands separated by commas.
std::string format_pounds(money amount);

}  // namespace cms::core
