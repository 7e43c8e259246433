#include "core/cases/case_rules.hpp"

#include <string>

#include "core/cases/qualification.hpp"

namespace cms::core {

namespace {

rejection invalid(std::string field, std::string detail) {
    return rejection{rejection_code::invalid_field, std::move(field), std::move(detail)};
}

std::optional<rejection> check_name(const std::string& name, const std::string& field,
                                    const case_limits& limits) {
    if (name.empty()) return invalid(field, "must not be empty");
    if (name.size() > limits.name_bytes_max) {
        return invalid(field, "must be at most " + std::to_string(limits.name_bytes_max) + " bytes");
    }
    for (const unsigned char c : name) {
        if (c < 0x20 || c == 0x7f) return invalid(field, "must not contain control characters");
    }
    return std::nullopt;
}

}  // namespace

bool is_area_code_shape(std::string_view code) {
    if (code.size() != 9) return false;
    if (code[0] != 'E' && code[0] != 'W' && code[0] != 'S') return false;
    for (std::size_t i = 1; i < code.size(); ++i) {
        if (code[i] < '0' || code[i] > '9') return false;
    }
    return true;
}

std::optional<rejection> check_new_parent(const new_parent& parent, civil_date business_date,
                                          const case_limits& limits) {
    if (auto bad = check_name(parent.full_name, "full_name", limits)) return bad;
    if (parent.date_of_birth > business_date) {
        return invalid("date_of_birth", "must not be after the business date " + format_iso_date(business_date));
    }
    const int age_years = age_in_years(parent.date_of_birth, business_date);
    if (age_years < limits.parent_age_years_min || age_years > limits.parent_age_years_max) {
        return invalid("date_of_birth", "gives an age of " + std::to_string(age_years) +
                                            ", outside " + std::to_string(limits.parent_age_years_min) +
                                            ".." + std::to_string(limits.parent_age_years_max));
    }
    if (!is_area_code_shape(parent.local_authority_code)) {
        return invalid("local_authority_code", "must be an ONS GSS code such as E06000059");
    }
    return std::nullopt;
}

std::optional<rejection> check_new_case(const new_case& opened, const parent_record& paying,
                                        const parent_record& receiving, civil_date business_date,
                                        const case_limits& limits) {
    if (paying.id == receiving.id) {
        return invalid("receiving_parent_id", "must differ from paying_parent_id");
    }
    if (paying.details.role != parent_role::paying) {
        return rejection{rejection_code::conflicting_state, "paying_parent_id", "names a receiving parent"};
    }
    if (receiving.details.role != parent_role::receiving) {
        return rejection{rejection_code::conflicting_state, "receiving_parent_id", "names a paying parent"};
    }
    if (opened.children.empty()) return invalid("children", "a case needs at least one qualifying child");
    if (opened.children.size() > limits.children_count_max) {
        return invalid("children", "at most " + std::to_string(limits.children_count_max) + " children");
    }
    for (std::size_t i = 0; i < opened.children.size(); ++i) {
        const child_details& child = opened.children[i];
        const std::string prefix = "children[" + std::to_string(i) + "].";
        if (auto bad = check_name(child.full_name, prefix + "full_name", limits)) return bad;
        if (child.date_of_birth > business_date) {
            return invalid(prefix + "date_of_birth", "must not be after the business date");
        }
        if (age_in_years(child.date_of_birth, business_date) >= limits.child_age_years_limit) {
            return invalid(prefix + "date_of_birth",
                           "a qualifying child must be under " + std::to_string(limits.child_age_years_limit));
        }
        if (!(business_date < stops_qualifying_on(child.date_of_birth, child.full_time_non_advanced_education))) {
            return invalid(prefix + "full_time_non_advanced_education",
                           "a child of 16 to 19 qualifies only in full-time non-advanced education or approved "
                           "training (set it to true)");
        }
    }
    if (opened.first_due_date) {
        const std::int64_t days_ahead = days_between(business_date, *opened.first_due_date);
        if (days_ahead < 1 || days_ahead > limits.first_due_days_max) {
            return invalid("payment_schedule.first_due_date",
                           "must be 1 to " + std::to_string(limits.first_due_days_max) +
                               " days after the case opens on " + format_iso_date(business_date));
        }
    }
    if (opened.weekly_amount.is_negative() || opened.weekly_amount > limits.weekly_amount_max) {
        return invalid("weekly_amount_pence",
                       "must be between 0 and " + std::to_string(limits.weekly_amount_max.pence()));
    }
    return std::nullopt;
}

std::optional<rejection> check_new_payment(const new_payment& payment, civil_date case_opened_on,
                                           civil_date business_date, const case_limits& limits) {
    if (payment.amount <= money{}) return invalid("amount_pence", "must be a positive number of pence");
    if (payment.amount > limits.payment_amount_max) {
        return invalid("amount_pence", "must be at most " + std::to_string(limits.payment_amount_max.pence()));
    }
    if (payment.received_on > business_date) {
        return invalid("received_on", "must not be after the business date " + format_iso_date(business_date));
    }
    if (payment.received_on < case_opened_on) {
        return invalid("received_on", "is before the case was opened on " + format_iso_date(case_opened_on));
    }
    if (payment.reference.size() > limits.reference_bytes_max) {
        return invalid("reference", "must be at most " + std::to_string(limits.reference_bytes_max) + " bytes");
    }
    for (const unsigned char c : payment.reference) {
        if (c < 0x20 || c == 0x7f) return invalid("reference", "must not contain control characters");
    }
    return std::nullopt;
}

}  // namespace cms::core
