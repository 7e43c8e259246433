#pragma once
/// Collect and Pay compliance as the Department for Work and Pensions publishes it: of the paying
/// parents due to pay through Collect and Pay in a quarter, the share who paid nothing, who paid
/// some but at most 90% of the maintenance due in the quarter, and who paid more than 90% ("Child
/// Maintenance Service statistics", GOV.UK, quarterly; README.md in this folder).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/common/civil_date.hpp"
#include "core/common/money.hpp"
#include "core/ledger/ledger.hpp"

namespace cms::core {

/// A calendar quarter as the statistics name them: 1 is January to March.
struct reporting_quarter {
    int year = 2025;
    int number = 1;  ///< 1 to 4
    civil_date first_day() const;
    civil_date last_day() const;
    friend bool operator==(const reporting_quarter&, const reporting_quarter&) = default;
};

/// "2025-Q1" (the quarter's number 1 to 4, year 1900 to 9999); nothing for any other text.
std::optional<reporting_quarter> parse_reporting_quarter(std::string_view text);
std::string format_reporting_quarter(reporting_quarter quarter);
/// The quarter a day falls in.
reporting_quarter quarter_containing(civil_date day);
/// The quarter after `quarter` (2025-Q4 -> 2026-Q1) and before it (2026-Q1 -> 2025-Q4).
reporting_quarter next_quarter(reporting_quarter quarter);
reporting_quarter previous_quarter(reporting_quarter quarter);
/// Quarters from `from` to `to`, both counted: 1 when equal, 0 when `to` is before `from`.
std::int64_t quarters_from_to(reporting_quarter from, reporting_quarter to);

/// Maintenance (not fees or charges) that fell due and that was paid towards it in a period.
struct maintenance_in_period {
    money due;   ///< maintenance the monthly accrual charged, dated in the period
    money paid;  ///< paid towards maintenance in the period (allocations less those reversed)
};

/// From transfers of one case (of any dates), those dated within [from, to]. Due is what the
/// accrual charged to the maintenance accounts (the liability accrued, the comparison the
/// statistics have made since 2013); paid is what payments (deductions included) settled of
/// them, less settlements a reversal took back, both on their business dates. Credit a paying
/// parent held counts when it settles a charge, not when it was received; written-off amounts
/// are not paid.
maintenance_in_period maintenance_between(std::span<const transfer> transfers, civil_date from, civil_date to);

enum class compliance_band { paid_nothing, paid_up_to_90_percent, paid_over_90_percent };
const char* to_string(compliance_band band);

/// The band of a paying parent whose cases' figures are summed in `period`; nothing when nothing
/// fell due (not "due to pay" in the period, so outside the measure). Paid nothing means nothing
/// net: a payment reversed within the period does not count. Over 90% is strictly more than
/// nine tenths of what fell due, compared in whole pence (paid x 10 > due x 9), no rounding.
std::optional<compliance_band> compliance_band_of(const maintenance_in_period& period);

struct compliance_summary {
    std::int64_t paying_parents_due = 0;  ///< due to pay in the period
    std::int64_t paid_nothing = 0;
    std::int64_t paid_up_to_90_percent = 0;
    std::int64_t paid_over_90_percent = 0;
    money maintenance_due;   ///< of the paying parents due to pay
    money maintenance_paid;  ///< of the same paying parents
};

/// Counts one paying parent (their cases' figures summed) into the summary; one not due to pay
/// is left out.
void count_paying_parent(compliance_summary& summary, const maintenance_in_period& paying_parent);

/// `part` of `whole` in basis points (hundredths of a percent), rounded half up; 0 when `whole`
/// is 0. The statistics publish whole percentages; basis points keep two more digits for
/// comparison with them.
basis_points share_basis_points(std::int64_t part, std::int64_t whole);

}  // namespace cms::core
