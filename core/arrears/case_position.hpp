#pragma once
/// The position of a case on a date: the one set of figures every view of a case shares (its
/// balance, write-off and part-payment limits, scenario expectations, reports), computed in one
/// place, so no view derives a figure its own way or reads one back from another view's output.
///
/// One definition (core/arrears/README.md):
///   - due: what the payment plan asked for on or before the date (instalments, each asking for
///     the maintenance and collection fee accrued over the days it covers), and enforcement
///     charges from the day they are charged;
///   - arrears: what fell due *before* the date and is unpaid, split by creditor: maintenance owed
///     to each receiving parent, and the collection fee and enforcement charges owed to the state
///     (the Secretary of State's fees are not the receiving parent's arrears), and aged by bucket.
///     Unpaid means not settled in the ledger (by a payment or a write-off) and not covered by
///     credit the paying parent holds (money received that nothing due could take yet).
///   - balance: what the ledger has charged (accrued) and not yet settled. It is a running ledger
///     figure, not "owed": a month's liability is charged when it has accrued, and falls due when
///     the plan's instalment asks for it.
#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "core/arrears/arrears.hpp"
#include "core/common/civil_date.hpp"
#include "core/common/money.hpp"
#include "core/ledger/ledger_balances.hpp"

namespace cms::core {

/// What the payment plan (and the enforcement charges) made due, as the position needs it.
struct plan_dues {
    /// Every amount that fell due on or before as_of, oldest first (instalment totals, and each
    /// enforcement charge on its date): the total due and the ageing are read from it.
    std::span<const amount_due> fallen_due;
    /// Of those, what fell due before as_of, by creditor.
    std::array<money, receiving_parents_max> maintenance_before{};  ///< per receiving parent slot
    money collection_fee_before;
    money enforcement_charges_before;
    /// The first instalment due after as_of, when the plan has one.
    std::optional<amount_due> next;
};

/// Arrears by creditor, aged. `total` = maintenance + collection_fee + enforcement_charges =
/// the sum of the buckets.
struct arrears_by_creditor {
    std::array<money, receiving_parents_max> maintenance_by_receiving_parent{};
    money maintenance;          ///< owed to the receiving parents
    money collection_fee;       ///< owed to the state
    money enforcement_charges;  ///< owed to the state
    money total;
    std::array<money, ageing_buckets_max> bucket_amounts{};  ///< index = ageing table row
    std::size_t bucket_count = 0;
    std::optional<civil_date> oldest_unpaid_due_date;
    std::int64_t days_overdue = 0;  ///< as_of - oldest unpaid due date; 0 when nothing is in arrears

    money owed_to_state() const { return collection_fee + enforcement_charges; }
};

struct case_position {
    civil_date as_of{};
    money due;        ///< fell due on or before as_of
    money due_today;  ///< of which on as_of itself: due, not yet arrears
    money paid;       ///< everything received from the paying parent on or before as_of
    money credit;     ///< received but not yet applied to anything due in the ledger
    money balance;    ///< charged in the ledger and not yet settled (see above)
    /// Empty when the case has no payment plan (nothing can fall due).
    std::optional<arrears_by_creditor> arrears;
    std::optional<amount_due> next_instalment;
    /// What a write-off or a part payment for one receiving parent may at most settle: their
    /// maintenance arrears, no more than the ledger holds as due to them (arrears for days the
    /// monthly accrual has not yet charged cannot be written off before they are charged).
    std::array<money, receiving_parents_max> arrears_settleable{};
};

/// Charged in the ledger and not yet settled, on the maintenance, fee and charge accounts.
money ledger_balance(const case_balances& balances);

/// What the ledger took back from a case's due accounts after settling them: an allocation
/// reversed when its payment bounced (core/payments/reversal.hpp), a correction of a settlement.
/// A due account's credits count everything that ever settled it, so these are subtracted to
/// leave what is settled now: a bounced payment's instalment is owed, and in arrears, again.
struct settlements_taken_back {
    std::array<money, receiving_parents_max> maintenance{};  ///< per receiving parent slot
    money collection_fee;
    money enforcement_charges;

    /// Counts `leg` when it debits a due account other than as a charge (the only other debits
    /// a due account takes undo a settlement).
    void count(const transfer& leg);

    friend bool operator==(const settlements_taken_back&, const settlements_taken_back&) = default;
};

enum class position_status : std::uint8_t { ok = 0, invalid_dues };

/// The position from the balances as of `as_of` (postings on as_of included), what of their
/// settlements was taken back by then, and the plan's dues;
/// arrears are aged by `buckets` (a validated table: see validate_bucket_table). Credit counts
/// against arrears in the default allocation order: maintenance (pro rata to what each receiving
/// parent is in arrears), then the collection fee, then enforcement charges.
/// Returns invalid_dues (and an empty position) when the dues are not in date order or negative.
position_status position_of(const case_balances& balances, const settlements_taken_back& taken_back,
                            const std::optional<plan_dues>& dues, civil_date as_of,
                            std::span<const ageing_bucket> buckets, case_position& out);

}  // namespace cms::core
