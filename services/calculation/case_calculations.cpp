#include "services/calculation/case_calculations.hpp"


namespace cms::services {

core::calculation_input opening_calculation_input(const open_case_command& command, core::civil_date effective_from) {
    core::calculation_input input;
    input.business_date = effective_from;
    input.paying_parent = command.circumstances;
    for (std::size_t i = 0; i < command.opened.children.size(); ++i) {
        input.children.push_back({std::to_string(i + 1), std::to_string(command.opened.receiving_parent.value),
                                  command.shared_care_nights.at(i)});
    }
    return input;
}

core::rejection case_calculation_rejection(const core::calculation_rejection& rejection,
                                           std::string_view circumstances_prefix) {
    constexpr std::string_view parent_prefix = "paying_parent.";
    constexpr std::string_view children_prefix = "qualifying_children";
    std::string field = rejection.field;
    if (field.starts_with(parent_prefix)) {
        field = std::string(circumstances_prefix) + field.substr(parent_prefix.size());
    } else if (field.starts_with(children_prefix)) {
        field = "children" + field.substr(children_prefix.size());
    }
    return {core::rejection_code::invalid_field, field, rejection.message};
}

}  // namespace cms::services
