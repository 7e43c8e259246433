// Per-child and per-receiving-parent mechanics: the equal split with a deterministic home for
// remainder pennies, the shared-care reduction of one child's share, and the apportionment that
// sums children into their receiving parents.
#include <algorithm>
#include <string>

#include "calculation_detail.hpp"

namespace cms::core::detail {

std::vector<money> split_equally(money total, std::size_t parts) {
    const auto count = static_cast<std::int64_t>(parts);
    const std::int64_t each = total.pence() / count;
    const std::int64_t remainder = total.pence() % count;
    std::vector<money> shares;
    shares.reserve(parts);
    for (std::int64_t i = 0; i < count; ++i) {
        shares.push_back(money::from_pence(each + (i < remainder ? 1 : 0)));
    }
    return shares;
}

money apply_shared_care(const qualifying_child& child, money share, const calculation_rates& policy,
                        std::vector<calculation_step>& steps) {
    const shared_care_band* band = shared_care_band_for(policy, child.shared_care_nights);
    const std::string nights = std::to_string(child.shared_care_nights);
    if (band == nullptr) {
        steps.push_back(make_step(
            "shared_care", {{"child", child.id}, {"nights", nights}, {"share", format_pounds(share)}},
            format_pounds(share),
            "Child " + child.id + ": " + nights +
                " nights a year with the paying parent is below the first shared-care band, so "
                "no reduction."));
        return share;
    }
    const fraction cut = band->reduction;
    const money kept = share.multiply_fraction(cut.denominator - cut.numerator, cut.denominator,
                                               rounding::half_up);
    const money after = std::max(kept - band->extra_reduction_per_child, money{});
    std::string explanation = "Child " + child.id + ": " + nights + " nights is in the " +
                              std::to_string(band->nights_from) + "-" +
                              (band->nights_to ? std::to_string(*band->nights_to) : "plus") +
                              " band, so " + format_fraction(cut) + " comes off: " +
                              format_pounds(share) + " x (1 - " + format_fraction(cut) + ") = " +
                              format_pounds(kept) + " (rounded half-up to the penny)";
    if (!band->extra_reduction_per_child.is_zero()) {
        explanation += ", less a further " + format_pounds(band->extra_reduction_per_child) +
                       " for this child (not below nil) = " + format_pounds(after);
    }
    explanation += ".";
    steps.push_back(make_step("shared_care",
                              {{"child", child.id},
                               {"nights", nights},
                               {"share", format_pounds(share)},
                               {"reduction", format_fraction(cut)},
                               {"extra_reduction", format_pounds(band->extra_reduction_per_child)}},
                              format_pounds(after), std::move(explanation)));
    return after;
}

std::vector<receiving_parent_amount> apportion_to_receiving_parents(
    const std::vector<qualifying_child>& children, const std::vector<money>& amounts,
    std::vector<calculation_step>& steps) {
    std::vector<receiving_parent_amount> parents;
    for (std::size_t i = 0; i < children.size(); ++i) {
        auto found = std::find_if(parents.begin(), parents.end(), [&](const auto& parent) {
            return parent.id == children[i].receiving_parent;
        });
        if (found == parents.end()) {
            parents.push_back({children[i].receiving_parent, amounts[i]});
        } else {
            found->weekly_amount += amounts[i];
        }
    }
    std::vector<named_value> inputs;
    money total;
    std::string explanation = "Each receiving parent gets the amounts for the children in their care:";
    for (const receiving_parent_amount& parent : parents) {
        inputs.push_back({parent.id, format_pounds(parent.weekly_amount)});
        explanation += " " + parent.id + " " + format_pounds(parent.weekly_amount) + ";";
        total += parent.weekly_amount;
    }
    explanation += " total " + format_pounds(total) + ".";
    steps.push_back(make_step("apportion_to_receiving_parents", std::move(inputs),
                              format_pounds(total), std::move(explanation)));
    return parents;
}

}  // namespace cms::core::detail
