#pragma once
/// Balances derived from transfers, and the ledger's invariant checks.
///
/// Balances are a cache: they can always be rebuilt by replaying a case's transfers from empty,
/// and check_journal does exactly that to prove a stored cache right. Everything is fixed-size
/// so the batch can keep one case_balances per case in a packed array.
#include <array>
#include <cstddef>
#include <span>

#include "core/ledger/ledger.hpp"

namespace cms::core {

/// Running totals of one account (TigerBeetle style: totals, never a single signed figure, so
/// the debits = credits invariant is checkable on the cache itself).
struct account_totals {
    money debits;
    money credits;
    friend constexpr bool operator==(const account_totals&, const account_totals&) = default;
};

/// Every account of one case.
class case_balances {
public:
    case_balances() = default;
    explicit case_balances(case_id for_case) : for_case_(for_case) {}

    case_id for_case() const { return for_case_; }
    /// Precondition: the account passed validate_transfer's slot rules.
    const account_totals& totals(account_ref account) const { return slots_[index_of(account)]; }
    /// The balance of the account at `index` (account_at(index)), without looking it up by kind.
    money balance_at(std::size_t index) const;
    account_totals& totals(account_ref account) { return slots_[index_of(account)]; }
    /// The balance on the account's normal side (see the chart in ledger.hpp).
    money balance(account_ref account) const;
    /// Cash held for the case: cash_received - cash_paid_out (below zero only while a pay-out
    /// that a reversal took back is still to be recovered; see ledger.hpp).
    money cash_held() const;
    /// Money collected for the receiving parent in `slot` and not yet paid out:
    /// owed_to_receiving_parent - maintenance_due (see ledger.hpp).
    money held_for_receiving_parent(std::uint8_t slot) const;
    /// Every receiving parent's recoverable balance, added up.
    money recoverable_total() const;

    /// Number of distinct accounts, for iteration with account_at.
    static constexpr std::size_t account_count =
        (account_kind_count - 3) + 3 * receiving_parents_max;
    static account_ref account_at(std::size_t index);

    friend bool operator==(const case_balances&, const case_balances&) = default;

private:
    static std::size_t index_of(account_ref account);
    case_id for_case_{};
    std::array<account_totals, account_count> slots_{};
};

/// Named reasons applying a batch was refused; nothing is applied when one is returned.
enum class apply_status : std::uint8_t {
    ok = 0,
    invalid_transfer,   ///< see `transfer_problem`
    wrong_case,         ///< the transfer belongs to another case
    exceeds_limit,      ///< a normal-side balance or the cash held would go below zero
};

struct apply_result {
    apply_status status = apply_status::ok;
    std::size_t index = 0;                             ///< the offending transfer
    transfer_status transfer_problem = transfer_status::ok;
    account_ref account{};                             ///< for exceeds_limit
};

/// Applies a batch all-or-nothing: every transfer is validated, then applied to a copy, then the
/// limits are checked, and only then is `balances` replaced. Linked legs (a payment and its
/// allocations) therefore land together or not at all.
apply_result apply_transfers(case_balances& balances, std::span<const transfer> batch);

/// Adds the legs to the totals without validating them or checking limits. For a stored cache that
/// must stay the exact sum of every posting written (persistence's ledger heads): whether a
/// posting breaks a limit is the writer's check to make, and it finds the breach in these sums.
void add_transfers(case_balances& balances, std::span<const transfer> legs);

/// Named invariant violations, the first one found.
enum class ledger_violation : std::uint8_t {
    none = 0,
    invalid_transfer,            ///< a stored transfer is malformed (includes missing_cause)
    wrong_case,                  ///< a transfer of another case is in this case's journal
    debits_not_equal_credits,    ///< sum of all debits != sum of all credits
    balance_below_zero,          ///< a normal-side balance (or cash held + recoverable) is negative
    paid_out_more_than_collected,  ///< a receiving parent was paid out more than was collected for them
    cache_differs_from_replay,   ///< the cached totals are not what the journal replays to
};
const char* to_string(ledger_violation violation);

struct ledger_check {
    ledger_violation violation = ledger_violation::none;
    std::size_t index = 0;                             ///< transfer index, where relevant
    transfer_status transfer_problem = transfer_status::ok;
    account_ref account{};                             ///< account, where relevant
};

/// Checks a balances cache on its own: debits = credits, no balance below its limit.
ledger_check check_balances(const case_balances& balances);

/// The batch job's closing check: every transfer is well formed and has a cause, replaying the
/// journal from empty reproduces `cached` exactly, and the cache itself balances.
ledger_check check_journal(std::span<const transfer> journal, const case_balances& cached);

}  // namespace cms::core
