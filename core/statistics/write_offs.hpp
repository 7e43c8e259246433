#pragma once
/// Arrears written off in a period, by the statutory reason (core/arrears/write_off.hpp), and the
/// remainders written off when part payments in full and final satisfaction were completed
/// (README.md in this folder). The statistics publish write-offs with the arrears tables.
#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "core/arrears/write_off.hpp"
#include "core/common/civil_date.hpp"
#include "core/common/money.hpp"

namespace cms::core {

/// One approved write-off: its reason, the day the second person approved it, and what the ledger
/// wrote off then. Every write-off moves maintenance owed to a receiving parent
/// (write_off_transfer); fees and enforcement charges owed to the state are never written off.
struct approved_write_off_fact {
    write_off_reason reason = write_off_reason::receiving_parent_asked_to_stop;
    civil_date approved_on{};
    money written_off;
};

/// A part payment's remainder, written off the day the accepted amount was completed.
struct part_payment_remainder_fact {
    civil_date settled_on{};
    money written_off;
};

struct write_off_count {
    std::int64_t count = 0;
    money maintenance;
};

inline constexpr std::array<write_off_reason, 5> write_off_reasons = {
    write_off_reason::receiving_parent_asked_to_stop, write_off_reason::receiving_parent_died,
    write_off_reason::paying_parent_died_nothing_recoverable, write_off_reason::paying_parent_told_no_further_action,
    write_off_reason::small_balance_case_ended,
};

struct write_offs_summary {
    std::array<write_off_count, write_off_reasons.size()> by_reason{};  ///< indexed as write_off_reasons
    write_off_count approved_write_offs;      ///< the sum of by_reason
    write_off_count part_payment_remainders;  ///< settled in the period
};

/// Write-offs approved in [from, to] by reason (an approval that wrote off nothing, the arrears
/// having been paid, is not counted), and part-payment remainders settled in it.
write_offs_summary summarise_write_offs(std::span<const approved_write_off_fact> write_offs,
                                        std::span<const part_payment_remainder_fact> remainders, civil_date from,
                                        civil_date to);

}  // namespace cms::core
