#pragma once
/// The statutory-calculation policy (2012 scheme) as plain data: one effective-dated row holds
/// every rate, band and amount the calculation reads, so a rule change is a new row and a replay
/// of the past uses the row that was in force then. Rows are loaded from
/// schemas/policy/calculation_rates.json by services/policy_loader; nothing here reads a file.
///
/// Effective dating is HALF-OPEN: a row is in force on d when effective_from <= d and
/// (no effective_to or d < effective_to). effective_to is the first day the row no longer applies.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/common/civil_date.hpp"
#include "core/common/money.hpp"

namespace cms::core {

/// An exact fraction such as 2/7; 0 <= numerator <= denominator, denominator > 0.
struct fraction {
    std::int64_t numerator = 0;
    std::int64_t denominator = 1;
    friend constexpr bool operator==(fraction, fraction) = default;
};

/// One shared-care band, nights per year with the paying parent, both ends inclusive.
/// The last band is open-ended (no nights_to).
struct shared_care_band {
    int nights_from = 0;
    std::optional<int> nights_to;
    fraction reduction;                 ///< share of the child's amount taken off
    money extra_reduction_per_child;    ///< the further £7 a week in the 175+ band
};

/// Index helpers for the "by number of qualifying children" columns: 1, 2, 3+ children.
inline constexpr std::size_t qualifying_children_columns = 3;
/// Rows of the reduced-rate table by relevant other children: 0, 1, 2, 3+.
inline constexpr std::size_t relevant_other_children_columns = 4;

struct calculation_rates {
    civil_date effective_from;
    std::optional<civil_date> effective_to;   ///< exclusive; none = open-ended

    money nil_rate_income_below;      ///< income below this (after cap) is nil rate (£7)
    money flat_rate_amount;           ///< £7; also the base of the reduced rate
    money flat_rate_income_up_to;     ///< income up to and including this is flat rate (£100)
    money basic_rate_income_from;     ///< income from this is basic rate (£200); reduced in between
    money basic_plus_income_above;    ///< income above this is charged at basic plus (£800)
    money income_cap;                 ///< income above this is ignored (£3,000)

    /// T% of income above flat_rate_income_up_to, [qualifying children 1,2,3+][ROC 0,1,2,3+].
    std::array<std::array<basis_points, relevant_other_children_columns>, qualifying_children_columns>
        reduced_rate_percent;
    std::array<basis_points, qualifying_children_columns> basic_rate_percent;       ///< 12/16/19%
    std::array<basis_points, qualifying_children_columns> basic_plus_rate_percent;  ///< 9/12/15%
    /// Income reduction for 1, 2, 3+ relevant other children before basic/basic plus (11/14/16%).
    std::array<basis_points, 3> relevant_other_children_reduction;

    std::vector<shared_care_band> shared_care_bands;   ///< ordered, contiguous
    /// Nights from which care counts as equal (or more): the paying parent is then not the
    /// non-resident parent for that child (reg 50), so the child carries no liability.
    int equal_care_nights_from = 183;
    /// Benefit flat rate: shared care of at least this many nights makes that receiving
    /// parent's share nil (Sch 1 para 8).
    int benefit_flat_rate_nil_from_nights = 52;
    money shared_care_floor;          ///< shared care cannot take reduced/basic/basic plus below £7

    std::array<money, qualifying_children_columns> default_rate_amount;  ///< 1, 2, 3+ children
    basis_points income_change_tolerance;   ///< 25%: smaller income changes are not acted on
};

/// True when `row` is in force on `day` (half-open, see top of file).
bool is_in_force(const calculation_rates& row, civil_date day);

/// The row in force on `day`, or nullptr when none is (before the first row or in a gap).
/// Rows are assumed non-overlapping (the loader guarantees it); the first match wins.
const calculation_rates* rates_in_force(std::span<const calculation_rates> rows, civil_date day);

/// Column for a count of qualifying children: 1 -> 0, 2 -> 1, 3 or more -> 2. count must be >= 1.
std::size_t qualifying_children_column(int count);

/// The shared-care band for `nights`, or nullptr below the first band (no reduction).
const shared_care_band* shared_care_band_for(const calculation_rates& row, int nights);

}  // namespace cms::core
