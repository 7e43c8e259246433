// Input checks and result assembly shared by the statutory and default-rate calculations.
#include <set>
#include <string>

#include "calculation_detail.hpp"

namespace cms::core::detail {

namespace {

calculation_rejection reject(calculation_rejection_kind kind, std::string field, std::string message) {
    return calculation_rejection{kind, std::move(field), std::move(message)};
}

}  // namespace

std::optional<calculation_rejection> check_children_and_policy(
    civil_date business_date, const std::vector<qualifying_child>& children,
    const calculation_rates& policy) {
    if (children.empty()) {
        return reject(calculation_rejection_kind::no_qualifying_children, "qualifying_children",
                      "at least one qualifying child is needed");
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < children.size(); ++i) {
        const qualifying_child& child = children[i];
        const std::string path = "qualifying_children[" + std::to_string(i) + "]";
        if (child.id.empty()) {
            return reject(calculation_rejection_kind::empty_id, path + ".id", "id must not be empty");
        }
        if (child.receiving_parent.empty()) {
            return reject(calculation_rejection_kind::empty_id, path + ".receiving_parent",
                          "receiving_parent must not be empty");
        }
        if (!seen.insert(child.id).second) {
            return reject(calculation_rejection_kind::duplicate_child_id, path + ".id",
                          "child id '" + child.id + "' appears more than once");
        }
        if (child.shared_care_nights < 0 || child.shared_care_nights > 366) {
            return reject(calculation_rejection_kind::shared_care_nights_out_of_range,
                          path + ".shared_care_nights", "shared_care_nights must be 0..366");
        }
    }
    if (!is_in_force(policy, business_date)) {
        return reject(calculation_rejection_kind::policy_not_in_force, "date",
                      "the calculation policy row is not in force on " +
                          format_iso_date(business_date));
    }
    return std::nullopt;
}

void finish_result(calculation_result& result, calculation_rate rate,
                   const std::vector<qualifying_child>& children, const std::vector<money>& amounts) {
    result.rate = rate;
    result.children.clear();
    money total;
    for (std::size_t i = 0; i < children.size(); ++i) {
        result.children.push_back({children[i].id, amounts[i]});
        total += amounts[i];
    }
    result.receiving_parents = apportion_to_receiving_parents(children, amounts, result.steps);
    result.weekly_amount = total;
}

}  // namespace cms::core::detail
