#pragma once
/// The rules a new parent, case or payment must meet, checked against the business date.
///
/// Each function returns the first broken rule (naming the client's field) or nothing. They take
/// what they need as arguments, so the same check runs for HTTP, the journal and replays.
#include <optional>

#include "core/cases/case_records.hpp"
#include "core/common/rejection.hpp"

namespace cms::core {

/// Limits on what a single command may carry; larger values are typing errors, not cases.
struct case_limits {
    money payment_amount_max = money::from_pounds(1'000'000);
    money weekly_amount_max = money::from_pounds(3'000);
    std::size_t children_count_max = 20;
    std::size_t name_bytes_max = 200;
    std::size_t reference_bytes_max = 100;
    int parent_age_years_min = 10;
    int parent_age_years_max = 120;
    /// A qualifying child is under 16, or under 20 in full-time non-advanced education or approved
    /// training (Child Support Act 1991, section 55). Only this outer age is checked here.
    int child_age_years_limit = 20;
    /// The first payment is usually made within 12 weeks of the payment arrangements being made
    /// (GOV.UK, "Manage your child maintenance case").
    std::int64_t first_due_days_max = 84;
};

std::optional<rejection> check_new_parent(const new_parent& parent, civil_date business_date,
                                          const case_limits& limits);

/// `paying` and `receiving` are the records the case names (already looked up).
std::optional<rejection> check_new_case(const new_case& opened, const parent_record& paying,
                                        const parent_record& receiving, civil_date business_date,
                                        const case_limits& limits);

/// `case_opened_on`: the day the paid case opened (a payment received before it is refused).
std::optional<rejection> check_new_payment(const new_payment& payment, civil_date case_opened_on,
                                           civil_date business_date, const case_limits& limits);

/// True for an ONS GSS area code shape: a country letter (E, W, S) and eight digits.
bool is_area_code_shape(std::string_view code);

}  // namespace cms::core
