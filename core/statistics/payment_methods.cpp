#include "core/statistics/payment_methods.hpp"

namespace cms::core {

namespace {

/// The methods as stored, in the enum's order (payment_method has no count of its own).
constexpr payment_method all_methods[] = {
    payment_method::standing_order,          payment_method::direct_debit, payment_method::debit_card,
    payment_method::deduction_from_earnings, payment_method::deduction_from_benefit, payment_method::bank_transfer,
    payment_method::cheque,                  payment_method::deduction_from_account,
};

}  // namespace

std::string_view method_name(const std::optional<payment_method>& method) {
    return method ? std::string_view(to_string(*method)) : std::string_view("none_recorded");
}

nil_payer_methods_summary summarise_nil_payer_methods(std::span<const paying_parent_method> paying_parents) {
    std::vector<method_count> rows;
    for (const payment_method method : all_methods) rows.push_back({method, 0, 0});
    rows.push_back({std::nullopt, 0, 0});
    nil_payer_methods_summary summary;
    for (const paying_parent_method& parent : paying_parents) {
        method_count& row = parent.method ? rows[static_cast<std::size_t>(*parent.method)] : rows.back();
        ++row.due_to_pay;
        ++summary.due_to_pay;
        if (parent.band == compliance_band::paid_nothing) {
            ++row.paid_nothing;
            ++summary.paid_nothing;
        }
    }
    for (const method_count& row : rows) {
        if (row.due_to_pay > 0) summary.methods.push_back(row);
    }
    return summary;
}

}  // namespace cms::core
