#pragma once
/// Arrears as of a date, aged into buckets from a policy table.
///
/// Due = what fell due on or before the date; arrears = what fell due *before* the date and is
/// unpaid (the one definition every view of a case uses: core/arrears/README.md). Payments
/// settle the oldest amount due first, so what remains unpaid is always the newest dues, and each
/// unpaid part is aged by its own due date (as Apache Fineract's delinquency ranges do).
///
/// Days overdue = as_of - due date. Something due today is due but not yet in arrears: it is 0
/// days overdue and sits in `due_today_unpaid`; the bucket table starts at day 1, and the buckets
/// always add up to the arrears.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/common/civil_date.hpp"
#include "core/common/money.hpp"

namespace cms::core {

/// One amount that falls due on a date (typically an instalment's total).
struct amount_due {
    civil_date due_date{};
    money amount;
};

/// A row of the ageing policy table: amounts `min_days`..`max_days` overdue (inclusive), or
/// `min_days` and more when `max_days` is empty (the open last bucket).
struct ageing_bucket {
    std::string_view label;             ///< e.g. "1-30"; points at caller-owned policy text
    std::int64_t min_days = 1;
    std::optional<std::int64_t> max_days;
};

/// Most buckets a table may have, so results are a fixed array.
inline constexpr std::size_t ageing_buckets_max = 12;

enum class bucket_table_status : std::uint8_t {
    ok = 0,
    empty,
    too_many_buckets,
    first_not_one,        ///< the first bucket must start at 1 day overdue
    max_below_min,
    gap,                  ///< this bucket starts after the previous one's max + 1
    overlap,              ///< this bucket starts on or before the previous one's max
    open_before_last,     ///< only the last bucket may be open-ended
    last_not_open,        ///< the last bucket must be open-ended
};
const char* to_string(bucket_table_status status);

struct bucket_table_check {
    bucket_table_status status = bucket_table_status::ok;
    std::size_t bucket = 0;  ///< the offending row
};

/// Checks the table as given (rows in ascending order): starts at 1, no gaps, no overlaps,
/// exactly the last row open.
bucket_table_check validate_bucket_table(std::span<const ageing_bucket> buckets);

enum class arrears_status : std::uint8_t {
    ok = 0,
    invalid_bucket_table,   ///< see `table_problem`
    invalid_date,
    dues_not_in_date_order,
    negative_amount,        ///< a due amount or the amount paid is negative
};
const char* to_string(arrears_status status);

struct arrears_position {
    arrears_status status = arrears_status::ok;
    bucket_table_check table_problem{};
    money fallen_due;          ///< due on or before as_of
    money paid;                ///< as given
    money arrears;             ///< due before as_of and unpaid: fallen_due - paid - due_today_unpaid, >= 0
    money paid_ahead;          ///< paid - fallen_due when positive (a credit for later dues)
    money due_today_unpaid;    ///< unpaid and due on as_of itself: due, not yet arrears
    std::array<money, ageing_buckets_max> bucket_amounts{};  ///< index = table row
    std::size_t bucket_count = 0;
    std::optional<civil_date> oldest_unpaid_due_date;
    std::int64_t days_overdue = 0;  ///< as_of - oldest unpaid due date; 0 when nothing unpaid
};

/// Ages what is unpaid on `as_of`. `dues` must be in due-date order; `paid` is everything paid
/// towards them on or before `as_of`. O(dues + buckets), no allocation.
arrears_position age_arrears(std::span<const amount_due> dues, money paid, civil_date as_of,
                             std::span<const ageing_bucket> buckets);

}  // namespace cms::core
