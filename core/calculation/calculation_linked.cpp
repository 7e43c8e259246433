// Several receiving parents (Sch 1 para 6; domain rules §1.3): a paying parent with qualifying
// children in the care of different receiving parents has one calculation. Every child is counted
// for the rate and the per-child split, shared care and the floor act per child over all of them,
// and each case is payable the shares of its own children. Each case stores its own input (its
// children, and its paying parent's other cases' children on that date), so the calculation of one
// case can be worked out again, and explained, from that case alone.
#include <string>

#include "calculation_detail.hpp"

namespace cms::core::detail {

namespace {

/// A rejection of the whole family's input, with the field named as this case's input names it:
/// children past the case's own are the other cases' children.
calculation_rejection as_case_rejection(calculation_rejection rejection, std::size_t case_children) {
    const std::string prefix = "qualifying_children[";
    if (!rejection.field.starts_with(prefix)) return rejection;
    const std::size_t close = rejection.field.find(']');
    if (close == std::string::npos) return rejection;
    const std::size_t index = std::stoul(rejection.field.substr(prefix.size(), close - prefix.size()));
    if (index < case_children) return rejection;
    rejection.field = "other_cases_children[" + std::to_string(index - case_children) + "]" + rejection.field.substr(close + 1);
    return rejection;
}

}  // namespace

calculation_outcome calculate_with_other_cases(const calculation_input& input, const calculation_rates& policy) {
    if (input.children.empty()) {
        return calculation_rejection{calculation_rejection_kind::no_qualifying_children, "qualifying_children",
                                     "at least one qualifying child is needed"};
    }
    calculation_input family = input;
    family.other_cases_children.clear();
    family.children.insert(family.children.end(), input.other_cases_children.begin(), input.other_cases_children.end());
    calculation_outcome outcome = calculate(family, policy);
    if (auto* rejection = std::get_if<calculation_rejection>(&outcome)) {
        return as_case_rejection(std::move(*rejection), input.children.size());
    }
    calculation_result whole = std::get<calculation_result>(std::move(outcome));

    // The case's children come first in the family's input and its result keeps that order.
    // The family's apportionment step already shows each receiving parent's amount.
    calculation_result mine;
    mine.rate = whole.rate;
    mine.steps = std::move(whole.steps);
    for (std::size_t i = 0; i < input.children.size(); ++i) {
        mine.children.push_back(whole.children[i]);
        mine.weekly_amount += whole.children[i].weekly_amount;
    }
    for (const receiving_parent_amount& parent : whole.receiving_parents) {
        money own;
        for (std::size_t i = 0; i < input.children.size(); ++i) {
            if (input.children[i].receiving_parent == parent.id) own += whole.children[i].weekly_amount;
        }
        bool in_case = false;
        for (const qualifying_child& child : input.children) in_case = in_case || child.receiving_parent == parent.id;
        if (in_case) mine.receiving_parents.push_back({parent.id, own});
    }
    mine.steps.push_back(make_step(
        "this_case_share",
        {{"amount_for_all_cases", format_pounds(whole.weekly_amount)},
         {"children_in_all_cases", std::to_string(family.children.size())},
         {"children_in_this_case", std::to_string(input.children.size())}},
        format_pounds(mine.weekly_amount),
        "The paying parent's " + std::to_string(family.children.size()) +
            " qualifying children in all their cases were calculated together (one calculation, "
            "apportioned per child); this case's " + std::to_string(input.children.size()) +
            " child(ren) carry " + format_pounds(mine.weekly_amount) + " of the " +
            format_pounds(whole.weekly_amount) + " a week, and the rest is payable in the other cases."));
    return mine;
}

}  // namespace cms::core::detail
