#pragma once
/// Moving a case between Direct Pay and Collect and Pay.
///
/// A paying parent on Direct Pay who misses a payment can be moved to Collect and Pay, but only
/// if they were given a notice in the previous 12 months warning that this would be considered
/// (Child Support (Management of Payments and Arrears) Regulations 2009 reg 3A, inserted for
/// 2012-scheme cases by SI 2014/1386 reg 6). A paying parent may also ask for Collect and Pay.
/// From the switch date the collection fees run (the accrual reads the service in force each
/// day) and the service collects what is owed, Direct Pay arrears included; enforcement powers
/// work only on Collect and Pay (Commons Library CBP-7774). Back to Direct Pay needs both parents
/// to agree, and is refused while an enforcement action is pending or in force.
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/cases/case_records.hpp"
#include "core/common/civil_date.hpp"
#include "core/common/rejection.hpp"

namespace cms::core {

enum class service_switch_reason : std::uint8_t {
    missed_payment_reported = 1,  ///< to Collect and Pay: needs a warning notice in the previous 12 months
    paying_parent_asked,          ///< to Collect and Pay
    both_parents_agree,           ///< to Direct Pay
};
std::string_view to_string(service_switch_reason reason);
std::optional<service_switch_reason> parse_service_switch_reason(std::string_view text);

/// What a switch is checked against.
struct service_switch_context {
    service_type current = service_type::direct_pay;  ///< in force the day before the switch
    civil_date opened_on{};
    civil_date business_date{};
    bool closed = false;
    /// The last day the monthly accrual has charged the case through: a switch on or before it
    /// would change days already charged (charging is never taken back here).
    std::optional<civil_date> charged_through;
    /// The start of the case's latest liability term: a switch must come after it.
    civil_date latest_term_from{};
    /// The latest Direct Pay warning notice on or before the switch date.
    std::optional<civil_date> last_warning_on;
    /// An enforcement action is proposed, applied for or in force.
    bool enforcement_pending = false;
};

/// Why the switch to `to` from `effective_date` for `reason` is refused, or nothing.
std::optional<rejection> check_service_switch(service_type to, service_switch_reason reason, civil_date effective_date,
                                              const service_switch_context& context);

}  // namespace cms::core
