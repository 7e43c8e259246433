#pragma once
/// Payment schedules: when the paying parent pays, and how much each instalment is.
///
/// Frequencies follow the paying parent's pay cycle: weekly, fortnightly, four-weekly or monthly
/// (GOV.UK, "Manage your child maintenance case"). Due dates are computed from the instalment
/// number, never by stepping from the previous date, so monthly clamping never accumulates:
/// anchor day 31 gives 31 Jan, 29 Feb, 31 Mar, 30 Apr, ... and finding any date is O(1).
///
/// Instalment amounts: instalment k is due on d(k) and asks for what accrued over
/// [d(k-1), d(k) - 1] (for k = 0, from the accrual start), i.e. a payment covers the days up to
/// the day before it is due, plus the agreed arrears instalment. The first instalment therefore
/// carries the "initial period" between the effective date and the first collection
/// (no public source says how CMS spreads it; here it is due up front). Because the covered
/// periods tile the timeline and accrual rounds cumulatively, instalments add up exactly to what
/// accrued.
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/ledger/accrual.hpp"

namespace cms::core {

// payment_frequency and its to_string live in case_records.hpp: a case's opening command names
// the frequency, and this header already depends on case_records.hpp through accrual.hpp.

struct payment_schedule {
    payment_frequency frequency = payment_frequency::monthly;
    civil_date first_due_date{};  ///< instalment 0
    /// Monthly only: 1..31; first_due_date must be this day of its month, clamped. Ignored for
    /// the day-based frequencies.
    unsigned anchor_day = 0;
};

enum class schedule_status : std::uint8_t {
    ok = 0,
    invalid_date,
    unknown_frequency,
    anchor_day_out_of_range,      ///< monthly anchor outside 1..31
    first_due_date_off_anchor,    ///< monthly first_due_date is not the (clamped) anchor day
    output_too_small,
};
const char* to_string(schedule_status status);

schedule_status validate_schedule(const payment_schedule& schedule);

/// The due date of instalment `index` (>= 0). Precondition: a valid schedule.
civil_date due_date_at(const payment_schedule& schedule, std::int64_t index);

/// The number of the first instalment due on or after `day` (0 if `day` is on or before the
/// first due date). O(1).
std::int64_t first_index_on_or_after(const payment_schedule& schedule, civil_date day);

/// How many instalments fall due in [from, to] inclusive (0 when to < from). O(1).
std::int64_t count_due_dates(const payment_schedule& schedule, civil_date from, civil_date to);

struct due_dates_result {
    schedule_status status = schedule_status::ok;
    std::int64_t first_index = 0;  ///< number of the first instalment in range
    std::size_t count = 0;         ///< due dates in range (all of them, even if output_too_small)
};

/// Writes the due dates in [from, to] inclusive, oldest first, to the front of `out`.
due_dates_result due_dates_between(const payment_schedule& schedule, civil_date from,
                                   civil_date to, std::span<civil_date> out);

/// An agreed arrears repayment: `per_instalment` is added to each instalment until `total` has
/// been asked for; the last one asks only for what is left.
struct arrears_plan {
    money per_instalment;
    money total;
};

/// What a schedule needs beyond its dates.
struct instalment_terms {
    payment_schedule schedule{};
    civil_date accrual_start{};  ///< first day instalment 0 covers; on or before its due date
    arrears_plan arrears{};
};

/// One instalment of the plan.
struct instalment {
    std::int64_t index = 0;
    civil_date due_date{};
    civil_date covers_from{};    ///< first accrual day paid for
    civil_date covers_to{};      ///< last accrual day paid for (due_date - 1)
    accrual_amounts accrued{};   ///< maintenance and collection fee over the covered days
    money arrears_part;
    money total;                 ///< accrued.maintenance + accrued.collection_fee + arrears_part
};

enum class instalment_status : std::uint8_t {
    ok = 0,
    invalid_schedule,          ///< see `schedule_problem`
    invalid_accrual_terms,     ///< see `accrual_problem`
    accrual_start_after_first_due,
    negative_arrears_plan,
    output_too_small,
};
const char* to_string(instalment_status status);

struct instalments_result {
    instalment_status status = instalment_status::ok;
    schedule_status schedule_problem = schedule_status::ok;
    accrual_status accrual_problem = accrual_status::ok;
    std::size_t count = 0;  ///< instalments due in range (all of them, even if output_too_small)
};

/// The instalments due in [from, to] inclusive, oldest first, written to the front of `out`.
/// Cost: one accrual sweep per instalment, no allocation.
instalments_result instalments_between(const instalment_terms& terms,
                                       const accrual_terms& accrual, civil_date from,
                                       civil_date to, std::span<instalment> out);

}  // namespace cms::core
