#pragma once
/// Plain records of parents, cases, children and payments, as the rules see them.
#include <optional>
#include <string>
#include <vector>

#include "core/common/civil_date.hpp"
#include "core/common/ids.hpp"
#include "core/common/money.hpp"

namespace cms::core {

enum class parent_role { paying, receiving };
enum class service_type { collect_and_pay, direct_pay };
/// How often the paying parent pays, following their pay cycle (GOV.UK, "Manage your child
/// maintenance case"; see core/payments/README.md).
enum class payment_frequency : std::uint8_t {
    weekly = 1,       ///< every 7 days from the first due date
    fortnightly,      ///< every 14 days
    four_weekly,      ///< every 28 days
    monthly,          ///< on the anchor day of each month, clamped to the month's last day
};
/// deduction_from_account: taken from a bank or building society account under a regular or lump
/// sum deduction order (Child Support Act 1991 ss32A-32K).
enum class payment_method {
    standing_order, direct_debit, debit_card, deduction_from_earnings, deduction_from_benefit, bank_transfer, cheque,
    deduction_from_account,
};

struct new_parent {
    parent_role role = parent_role::paying;
    std::string full_name;
    civil_date date_of_birth;
    std::string local_authority_code;  ///< ONS GSS code of the area, e.g. E06000059
};

struct parent_record {
    parent_id id;
    new_parent details;
};

struct child_details {
    std::string full_name;
    civil_date date_of_birth;
    /// In full-time non-advanced education or approved training: qualifies until 20, not 16
    /// (qualification.hpp).
    bool full_time_non_advanced_education = false;
};

struct new_case {
    parent_id paying_parent;
    parent_id receiving_parent;
    std::vector<child_details> children;
    service_type service = service_type::collect_and_pay;
    money weekly_amount;  ///< given for now; the statutory calculation replaces it
    payment_frequency frequency = payment_frequency::monthly;
    /// The first instalment's due date; by default one period after the case opens.
    std::optional<civil_date> first_due_date;
};

struct case_record {
    case_id id;
    new_case details;
    civil_date opened_on;
};

struct new_payment {
    case_id for_case;
    money amount;
    civil_date received_on;
    payment_method method = payment_method::standing_order;
    std::string reference;
};

const char* to_string(parent_role role);
const char* to_string(service_type service);
const char* to_string(payment_method method);
const char* to_string(payment_frequency frequency);  // defined in core/payments/schedule.cpp
std::optional<parent_role> parse_parent_role(std::string_view text);
std::optional<service_type> parse_service_type(std::string_view text);
std::optional<payment_method> parse_payment_method(std::string_view text);
std::optional<payment_frequency> parse_payment_frequency(std::string_view text);

/// The first due date a case gets when the opening command names none: one period after it
/// opens (a month, clamped, for monthly).
civil_date default_first_due_date(payment_frequency frequency, civil_date opened_on);

}  // namespace cms::core
