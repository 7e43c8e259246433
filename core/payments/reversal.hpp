#pragma once
/// Taking a payment back out of a case's ledger: a direct debit that bounced, money recorded
/// against the wrong case, or a payment recorded twice.
///
/// The reversal is a posting of its own, at the end of the case's ledger (its business date),
/// that names the payment it reverses (the reversal record, payment_reversals). Its legs, in order:
///   1. each allocation the payment made is taken back from what it settled (allocation_reversed)
///      and the receiving parent's fee kept on it is given back (receiving_parent_fee_reversed);
///   2. if the credit the payment left was applied since, so the case no longer holds it, the
///      rest is taken back from what the ledger settled, in the reverse of the default allocation
///      order (enforcement charges, then the collection fee, then maintenance, highest receiving
///      parent slot first), giving back the receiving parent's fee on maintenance at the rate in
///      force now (rounded half up: the one rounding here);
///   3. the cash itself (payment_reversed);
///   4. what remains held as credit from other payments is allocated again to what is now due
///      (payment_allocated, receiving_parent_fee), by the same policy as a payment;
///   5. if a receiving parent was already paid out money this takes back (the ledger includes a
///      pay-out), what they were overpaid is recorded as recoverable from them
///      (overpayment_recoverable); later pay-outs keep it back (payout.hpp).
/// Money is conserved: cash received falls by exactly the payment, and every other penny stays
/// allocated, held, or paid out and recoverable. Pure: no allocation beyond the output vector.
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/ledger/ledger_balances.hpp"
#include "core/payments/allocation.hpp"

namespace cms::core {

enum class reversal_reason : std::uint8_t { bounced_direct_debit = 1, wrong_case, duplicate };
std::string_view to_string(reversal_reason reason);
std::optional<reversal_reason> parse_reversal_reason(std::string_view text);

enum class reversal_status : std::uint8_t {
    ok = 0,
    not_a_payment,          ///< the posting has no payment_received leg
    wrote_off_arrears,      ///< the payment completed a part payment: its write-off stands
    ledger_short,           ///< the ledger does not hold what the payment brought (a broken ledger)
};
const char* to_string(reversal_status status);

struct payment_reversal {
    reversal_status status = reversal_status::ok;
    money amount;            ///< the payment taken back
    money reallocated;       ///< credit from other payments allocated again (step 4)
    money recoverable;       ///< paid out to receiving parents and now recoverable (step 5)
};

/// Appends the reversal's legs to `out` (its legs numbered from 0) given the payment's own
/// posting and the case's whole ledger in its order (the reversal goes at its end, or before
/// the day's pay-out, which it then counts with);
/// `receiving_parent_fee_now` is the rate in force on `on` for the case (0 on Direct Pay).
/// Nothing is appended unless the status is ok.
payment_reversal reverse_payment(std::span<const transfer> payment_legs, std::span<const std::vector<transfer>> ledger,
                                 basis_points receiving_parent_fee_now, transfer_cause cause, civil_date on,
                                 std::vector<transfer>& out);

}  // namespace cms::core
