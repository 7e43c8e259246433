#pragma once
/// A paying parent with several cases (one per receiving parent) who makes one payment: how it is
/// split between the cases (domain rules §1.3 and §4). The split is a dated policy row
/// (schemas/policy/payment_apportionment.json): which rule applies is the service's choice, not
/// law, so it can change from a date. Each case's share is then allocated inside that case like a
/// payment to it (allocation.hpp), with its own receiving parent's fee.
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/common/civil_date.hpp"
#include "core/common/ids.hpp"
#include "core/common/money.hpp"

namespace cms::core {

enum class apportionment_method {
    /// A short payment is split pro rata to what each case is owed (the default): every receiving
    /// parent bears the shortfall in proportion.
    pro_rata_to_owed,
    /// What each case is owed is settled in turn, the case opened first first.
    oldest_case_first,
};

struct apportionment_row {
    civil_date effective_from;
    apportionment_method method = apportionment_method::pro_rata_to_owed;
};

/// The row in force on `on` (the last starting on or before it), or none. Rows ascend.
const apportionment_row* apportionment_in_force(std::span<const apportionment_row> rows, civil_date on);
/// Ascending effective dates and at least one row.
bool valid_apportionment_rows(std::span<const apportionment_row> rows);

struct apportionment_claim {
    case_id for_case;
    money owed;           ///< what a payment received that day could settle in the case (>= 0)
    money weekly_amount;  ///< in force that day; where money beyond every debt goes (>= 0)
};

struct apportioned_share {
    case_id for_case;
    money amount;
    friend bool operator==(const apportioned_share&, const apportioned_share&) = default;
};

/// Splits `amount` (> 0) between `claims` (non-empty, oldest case first). Up to what all cases are
/// owed, by `method`; beyond it, the rest pro rata to the weekly amounts (credit each case applies
/// as its dues fall), or all to the first case when no case has a weekly amount. Pro rata shares
/// are rounded down and the pennies left go one each to the largest remainders (ties to the
/// earlier claim): the shares add up to `amount` exactly and none exceeds its claim while the
/// payment is short. One share per claim, in the claims' order (a share may be zero).
std::vector<apportioned_share> apportion_payment(money amount, std::span<const apportionment_claim> claims,
                                                 apportionment_method method);

const char* to_string(apportionment_method method);
std::optional<apportionment_method> parse_apportionment_method(std::string_view text);

}  // namespace cms::core
