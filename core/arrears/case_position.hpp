#pragma once
/// The position of a case on a date: the one set of figures every view of a case shares (its
/// balance, statement totals, write-off limits, scenario expectations, reports), computed in one
/// place from the case's ledger balances and its schedule's dues, so no view derives a figure
/// its own way or reads one back from another view's output.
///
/// Two measures answer "how much is owed", and the position keeps both:
///   - owed (ledger): what has accrued and is not yet paid off, split by creditor: maintenance
///     owed to the receiving parents, and collection fees and enforcement charges owed to the
///     state (the Secretary of State's fees are not the receiving parent's arrears);
///   - arrears (schedule): instalments that have fallen due by the date less everything paid,
///     aged by due date (arrears.hpp). Instalments fall due after the days they pay for, so a
///     case can owe accrued maintenance without being in arrears.
#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "core/arrears/arrears.hpp"
#include "core/common/civil_date.hpp"
#include "core/common/money.hpp"
#include "core/ledger/ledger_balances.hpp"

namespace cms::core {

struct case_position {
    civil_date as_of{};
    money owed_by_paying_parent;       ///< owed_to_receiving_parents + owed_to_state
    money owed_to_receiving_parents;   ///< maintenance accrued, not yet paid (every receiving parent)
    /// The same per receiving parent (by slot): what a write-off or part payment for one of them
    /// may at most settle. Sums to owed_to_receiving_parents.
    std::array<money, receiving_parents_max> owed_to_each_receiving_parent{};
    money owed_to_state;               ///< collection fees and enforcement charges accrued, not yet paid
    money paid;                        ///< everything received from the paying parent
    money credit;                      ///< received but not yet applied to anything due
    /// Empty when the case has no schedule yet (nothing can fall due).
    std::optional<arrears_position> arrears;
    /// The first instalment due after as_of, when the schedule has one.
    std::optional<amount_due> next_instalment;
};

/// The paying parent's debt in the ledger: what is due on the maintenance, fee and charge accounts.
money owed_by_paying_parent(const case_balances& balances);
/// Maintenance accrued and not yet paid, summed over every receiving parent.
money owed_to_receiving_parents(const case_balances& balances);
/// Maintenance accrued and not yet paid to one receiving parent: the arrears a write-off or a
/// part payment in their name is measured against.
money owed_to_receiving_parent(const case_balances& balances, std::uint8_t receiving_parent_slot);
/// Collection fees and enforcement charges accrued and not yet paid: owed to the state.
money owed_to_state(const case_balances& balances);

/// What a case's schedule contributes to its position: the instalments due on or before as_of
/// (in due-date order) and the next one after it. Absent when the case has no schedule.
struct schedule_dues {
    std::span<const amount_due> fallen_due;
    std::optional<amount_due> next;
};

/// The position from the balances as of `as_of` and the schedule's dues; the arrears are aged by
/// `buckets` (a validated table: see validate_bucket_table).
case_position position_of(const case_balances& balances, const std::optional<schedule_dues>& dues, civil_date as_of,
                          std::span<const ageing_bucket> buckets);

}  // namespace cms::core
