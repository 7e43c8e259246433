#include "core/cases/case_records.hpp"

#include <array>
#include <utility>

namespace cms::core {

namespace {

template <typename Enum, std::size_t count>
std::optional<Enum> find_by_name(const std::array<std::pair<Enum, const char*>, count>& names,
                                 std::string_view text) {
    for (const auto& [value, name] : names) {
        if (text == name) return value;
    }
    return std::nullopt;
}

template <typename Enum, std::size_t count>
const char* name_of(const std::array<std::pair<Enum, const char*>, count>& names, Enum value) {
    for (const auto& [candidate, name] : names) {
        if (candidate == value) return name;
    }
    return "unknown";
}

constexpr std::array<std::pair<parent_role, const char*>, 2> parent_role_names{{
    {parent_role::paying, "paying"},
    {parent_role::receiving, "receiving"},
}};

constexpr std::array<std::pair<service_type, const char*>, 2> service_type_names{{
    {service_type::collect_and_pay, "collect_and_pay"},
    {service_type::direct_pay, "direct_pay"},
}};

constexpr std::array<std::pair<payment_method, const char*>, 8> payment_method_names{{
    {payment_method::standing_order, "standing_order"},
    {payment_method::direct_debit, "direct_debit"},
    {payment_method::debit_card, "debit_card"},
    {payment_method::deduction_from_earnings, "deduction_from_earnings"},
    {payment_method::deduction_from_benefit, "deduction_from_benefit"},
    {payment_method::bank_transfer, "bank_transfer"},
    {payment_method::cheque, "cheque"},
    {payment_method::deduction_from_account, "deduction_from_account"},
}};

}  // namespace

const char* to_string(parent_role role) { return name_of(parent_role_names, role); }
const char* to_string(service_type service) { return name_of(service_type_names, service); }
const char* to_string(payment_method method) { return name_of(payment_method_names, method); }

std::optional<parent_role> parse_parent_role(std::string_view text) {
    return find_by_name(parent_role_names, text);
}
std::optional<service_type> parse_service_type(std::string_view text) {
    return find_by_name(service_type_names, text);
}
std::optional<payment_method> parse_payment_method(std::string_view text) {
    return find_by_name(payment_method_names, text);
}

std::optional<payment_frequency> parse_payment_frequency(std::string_view text) {
    for (const auto frequency : {payment_frequency::weekly, payment_frequency::fortnightly,
                                 payment_frequency::four_weekly, payment_frequency::monthly}) {
        if (text == to_string(frequency)) return frequency;
    }
    return std::nullopt;
}

civil_date default_first_due_date(payment_frequency frequency, civil_date opened_on) {
    switch (frequency) {
        case payment_frequency::weekly:
            return add_days(opened_on, 7);
        case payment_frequency::fortnightly:
            return add_days(opened_on, 14);
        case payment_frequency::four_weekly:
            return add_days(opened_on, 28);
        case payment_frequency::monthly:
            break;
    }
    return add_months_clamped(opened_on, 1);
}

}  // namespace cms::core
