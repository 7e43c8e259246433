#pragma once
/// Civil (calendar) dates, on Howard Hinnant's date library.
///
/// The business date is always passed in: nothing here reads a clock. Month arithmetic has one
/// policy, stated once: adding months keeps the day of month when it exists and otherwise clamps
/// to that month's last day (31 Jan + 1 month = 28/29 Feb).
#include <date/date.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cms::core {

using civil_date = date::year_month_day;

/// Parses exactly "YYYY-MM-DD" (four-digit year 1900..9999) and rejects impossible dates such as
/// 2023-02-29. Returns nothing on any deviation, so callers name the bad field themselves.
std::optional<civil_date> parse_iso_date(std::string_view text);

/// "YYYY-MM-DD".
std::string format_iso_date(civil_date day);

/// Adds (or, when negative, subtracts) whole months, clamping to the month's last day.
civil_date add_months_clamped(civil_date day, int months);

/// The anchor-day rule used by schedules: day `anchor_day` (1..31) of the month, clamped.
civil_date day_of_month_clamped(date::year_month month, unsigned anchor_day);

civil_date add_days(civil_date day, std::int64_t days);

/// Signed count of days from `from` to `to` (to - from).
std::int64_t days_between(civil_date from, civil_date to);

/// Whole years of age on `on` for someone born on `born` (a 29 Feb birthday counts from 1 Mar in
/// common years, the usual legal reading in England and Wales).
int age_in_years(civil_date born, civil_date on);

}  // namespace cms::core
