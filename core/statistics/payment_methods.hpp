#pragma once
/// The payment methods of the Collect and Pay paying parents who paid nothing of what was due in a
/// quarter, beside those of every paying parent due to pay, so that the shares can be compared
/// (the statistics count nil payers and payments by method: README.md in this folder).
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/cases/case_records.hpp"
#include "core/statistics/compliance.hpp"

namespace cms::core {

/// A paying parent due to pay in the quarter: their compliance band and their method (nothing
/// when none is recorded).
struct paying_parent_method {
    compliance_band band = compliance_band::paid_nothing;
    std::optional<payment_method> method;
};

struct method_count {
    std::optional<payment_method> method;  ///< nothing: "none_recorded"
    std::int64_t paid_nothing = 0;
    std::int64_t due_to_pay = 0;  ///< every paying parent due to pay, whatever their band
};

struct nil_payer_methods_summary {
    std::vector<method_count> methods;  ///< each method in the enum's order, then none recorded; rows with a count only
    std::int64_t paid_nothing = 0;
    std::int64_t due_to_pay = 0;
};

/// The method's name as payments store it, or "none_recorded".
std::string_view method_name(const std::optional<payment_method>& method);

nil_payer_methods_summary summarise_nil_payer_methods(std::span<const paying_parent_method> paying_parents);

}  // namespace cms::core
