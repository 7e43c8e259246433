// Names and text formatting for the calculation: the stable strings the JSON surface uses and
// the helpers steps use to show amounts, percentages and fractions.
#include <utility>

#include "calculation_detail.hpp"

namespace cms::core {

const char* to_string(calculation_rate rate) {
    switch (rate) {
        case calculation_rate::nil: return "nil";
        case calculation_rate::flat: return "flat";
        case calculation_rate::reduced: return "reduced";
        case calculation_rate::basic: return "basic";
        case calculation_rate::basic_plus: return "basic_plus";
        case calculation_rate::default_rate: return "default";
    }
    return "unknown";
}

const char* to_string(benefit_status status) {
    switch (status) {
        case benefit_status::none: return "none";
        case benefit_status::flat_rate_benefit: return "flat_rate_benefit";
        case benefit_status::partner_income_related_benefit: return "partner_income_related_benefit";
    }
    return "unknown";
}

const char* to_string(nil_rate_reason reason) {
    switch (reason) {
        case nil_rate_reason::none: return "none";
        case nil_rate_reason::student: return "student";
        case nil_rate_reason::child: return "child";
        case nil_rate_reason::prisoner: return "prisoner";
        case nil_rate_reason::care_home: return "care_home";
        case nil_rate_reason::income_related_benefit_aged_16_17: return "income_related_benefit_aged_16_17";
        case nil_rate_reason::work_based_training_allowance: return "work_based_training_allowance";
    }
    return "unknown";
}

const char* to_string(calculation_rejection_kind kind) {
    switch (kind) {
        case calculation_rejection_kind::no_qualifying_children: return "no_qualifying_children";
        case calculation_rejection_kind::negative_income: return "negative_income";
        case calculation_rejection_kind::negative_child_count: return "negative_child_count";
        case calculation_rejection_kind::shared_care_nights_out_of_range:
            return "shared_care_nights_out_of_range";
        case calculation_rejection_kind::empty_id: return "empty_id";
        case calculation_rejection_kind::duplicate_child_id: return "duplicate_child_id";
        case calculation_rejection_kind::policy_not_in_force: return "policy_not_in_force";
    }
    return "unknown";
}

namespace detail {

std::string format_percent(basis_points rate) {
    const bool negative = rate.value < 0;
    const std::int64_t magnitude = negative ? -rate.value : rate.value;
    const std::int64_t hundredths = magnitude % 100;
    std::string text = negative ? "-" : "";
    text += std::to_string(magnitude / 100);
    text.push_back('.');
    text.push_back(static_cast<char>('0' + hundredths / 10));
    text.push_back(static_cast<char>('0' + hundredths % 10));
    text.push_back('%');
    return text;
}

std::string format_fraction(fraction value) {
    return std::to_string(value.numerator) + "/" + std::to_string(value.denominator);
}

calculation_step make_step(std::string rule, std::vector<named_value> inputs, std::string result,
                           std::string explanation) {
    return calculation_step{std::move(rule), std::move(inputs), std::move(result),
                            std::move(explanation)};
}

}  // namespace detail
}  // namespace cms::core
