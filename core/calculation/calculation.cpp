// The statutory calculation pipeline: status checks, cap, rate band, per-child split, shared
// care, floor and apportionment, each recorded as a step. See calculation.hpp for the order and
// the rounding and remainder-penny rules.
#include "core/calculation/calculation.hpp"

#include <algorithm>
#include <string>

#include "calculation_detail.hpp"

namespace cms::core {

namespace {

using detail::make_step;

std::optional<calculation_rejection> check_paying_parent(const paying_parent_circumstances& parent) {
    if (parent.gross_weekly_income.is_negative()) {
        return calculation_rejection{calculation_rejection_kind::negative_income,
                                     "paying_parent.gross_weekly_income_pence",
                                     "gross weekly income must not be negative"};
    }
    if (parent.relevant_other_children < 0) {
        return calculation_rejection{calculation_rejection_kind::negative_child_count,
                                     "paying_parent.relevant_other_children", "must not be negative"};
    }
    if (parent.other_supported_children < 0) {
        return calculation_rejection{calculation_rejection_kind::negative_child_count,
                                     "paying_parent.other_supported_children", "must not be negative"};
    }
    return std::nullopt;
}

/// Splits `total` equally over the children marked liable; the others get nil.
std::vector<money> split_over_liable(money total, const std::vector<bool>& liable) {
    const auto liable_count = static_cast<std::size_t>(std::count(liable.begin(), liable.end(), true));
    std::vector<money> amounts(liable.size());
    if (liable_count == 0) return amounts;
    const std::vector<money> shares = detail::split_equally(total, liable_count);
    std::size_t next = 0;
    for (std::size_t i = 0; i < liable.size(); ++i) {
        if (liable[i]) amounts[i] = shares[next++];
    }
    return amounts;
}

std::string ids_of(const std::vector<qualifying_child>& children, const std::vector<bool>& pick) {
    std::string text;
    for (std::size_t i = 0; i < children.size(); ++i) {
        if (!pick[i]) continue;
        if (!text.empty()) text += ", ";
        text += children[i].id;
    }
    return text;
}

/// The flat rate because of a prescribed benefit (Sch 1 para 4(1)(b),(c)), with para 8: a
/// receiving parent whose child stays 52+ nights with the paying parent gets nil, for all of
/// their children (CMO reading), the others keep their apportioned share.
std::vector<money> benefit_flat_rate(const calculation_input& input, const std::vector<bool>& liable,
                                     const calculation_rates& policy,
                                     std::vector<calculation_step>& steps) {
    const auto& children = input.children;
    std::vector<money> amounts = split_over_liable(policy.flat_rate_amount, liable);
    steps.push_back(make_step(
        "flat_rate_benefit", {{"benefit", to_string(input.paying_parent.benefit)}},
        format_pounds(policy.flat_rate_amount),
        "The paying parent (or partner) gets a prescribed benefit, so the flat rate of " +
            format_pounds(policy.flat_rate_amount) +
            " applies whatever the number of children, split equally per child."));
    for (std::size_t i = 0; i < children.size(); ++i) {
        if (!liable[i] || children[i].shared_care_nights < policy.benefit_flat_rate_nil_from_nights) {
            continue;
        }
        std::vector<bool> same_parent(children.size(), false);
        for (std::size_t j = 0; j < children.size(); ++j) {
            if (children[j].receiving_parent == children[i].receiving_parent && !amounts[j].is_zero()) {
                same_parent[j] = true;
                amounts[j] = money{};
            }
        }
        if (std::none_of(same_parent.begin(), same_parent.end(), [](bool b) { return b; })) continue;
        steps.push_back(make_step(
            "flat_rate_benefit_shared_care",
            {{"child", children[i].id},
             {"nights", std::to_string(children[i].shared_care_nights)},
             {"receiving_parent", children[i].receiving_parent}},
            format_pounds(money{}),
            "On the benefit flat rate, child " + children[i].id + " stays at least " +
                std::to_string(policy.benefit_flat_rate_nil_from_nights) +
                " nights with the paying parent, so nothing is payable to " +
                children[i].receiving_parent + " (children: " + ids_of(children, same_parent) + ")."));
    }
    return amounts;
}

/// Reduced, basic or basic plus, then the case children's share, the per-child split, shared
/// care and the floor.
calculation_rate income_rate(const calculation_input& input, money capped_income,
                             const std::vector<bool>& liable, const calculation_rates& policy,
                             std::vector<money>& amounts, std::vector<calculation_step>& steps) {
    const auto& parent = input.paying_parent;
    const auto liable_count = static_cast<std::int64_t>(std::count(liable.begin(), liable.end(), true));
    const std::int64_t counted = liable_count + parent.other_supported_children;
    const int counted_for_rate = static_cast<int>(std::min<std::int64_t>(counted, 3));
    const detail::band_outcome band = detail::income_band_amount(
        capped_income, counted_for_rate, parent.relevant_other_children, policy, steps);

    money payable = band.amount;
    if (parent.other_supported_children > 0) {
        payable = band.amount.multiply_fraction(liable_count, counted, rounding::half_up);
        steps.push_back(make_step(
            "other_supported_children_share",
            {{"amount_for_all_children", format_pounds(band.amount)},
             {"case_children", std::to_string(liable_count)},
             {"other_supported_children", std::to_string(parent.other_supported_children)}},
            format_pounds(payable),
            "The rate counted " + std::to_string(counted) + " children but only the " +
                std::to_string(liable_count) + " in this case are payable: " +
                format_pounds(band.amount) + " x " + std::to_string(liable_count) + "/" +
                std::to_string(counted) + " = " + format_pounds(payable) +
                " (rounded half-up to the penny)."));
    }

    amounts = split_over_liable(payable, liable);
    std::string shares;
    for (std::size_t i = 0; i < amounts.size(); ++i) {
        if (!liable[i]) continue;
        shares += (shares.empty() ? "" : ", ") + input.children[i].id + " " + format_pounds(amounts[i]);
    }
    steps.push_back(make_step(
        "split_per_child",
        {{"amount", format_pounds(payable)}, {"children", std::to_string(liable_count)}},
        shares,
        format_pounds(payable) + " is split equally between " + std::to_string(liable_count) +
            " child(ren); any remainder pennies go one each to the children listed first."));

    money after_shared_care;
    for (std::size_t i = 0; i < amounts.size(); ++i) {
        if (!liable[i]) continue;
        amounts[i] = detail::apply_shared_care(input.children[i], amounts[i], policy, steps);
        after_shared_care += amounts[i];
    }

    // Floor (Sch 1 para 7(7)): never below the flat rate while a child carries liability; the
    // floored total is re-split equally per child as para 6 apportions it.
    if (after_shared_care < policy.shared_care_floor) {
        amounts = split_over_liable(policy.shared_care_floor, liable);
        steps.push_back(make_step(
            "floor",
            {{"amount_after_shared_care", format_pounds(after_shared_care)},
             {"floor", format_pounds(policy.shared_care_floor)}},
            format_pounds(policy.shared_care_floor),
            format_pounds(after_shared_care) + " is below the minimum of " +
                format_pounds(policy.shared_care_floor) + ", so " +
                format_pounds(policy.shared_care_floor) +
                " is payable, split equally per child (remainder pennies to the children listed "
                "first)."));
    }
    return band.rate;
}

}  // namespace

calculation_outcome calculate(const calculation_input& input, const calculation_rates& policy) {
    if (!input.other_cases_children.empty()) return detail::calculate_with_other_cases(input, policy);
    if (auto rejection = check_paying_parent(input.paying_parent)) return *rejection;
    if (auto rejection =
            detail::check_children_and_policy(input.business_date, input.children, policy)) {
        return *rejection;
    }
    const auto& parent = input.paying_parent;
    const auto& children = input.children;
    calculation_result result;
    auto& steps = result.steps;
    std::vector<money> amounts(children.size());

    // Equal care (reg 50): the paying parent is not the NRP for a child they care for at least as
    // much as the receiving parent, so that child is left out of the count and carries nil.
    std::vector<bool> liable(children.size());
    std::vector<bool> equal(children.size());
    for (std::size_t i = 0; i < children.size(); ++i) {
        equal[i] = children[i].shared_care_nights >= policy.equal_care_nights_from;
        liable[i] = !equal[i];
    }
    if (std::find(equal.begin(), equal.end(), true) != equal.end()) {
        steps.push_back(make_step(
            "equal_care",
            {{"children", ids_of(children, equal)},
             {"equal_care_nights_from", std::to_string(policy.equal_care_nights_from)}},
            format_pounds(money{}),
            "Children with at least " + std::to_string(policy.equal_care_nights_from) +
                " nights a year with the paying parent are in equal care, so this parent is not "
                "liable for them and they are not counted: " + ids_of(children, equal) + "."));
    }

    if (parent.nil_reason != nil_rate_reason::none) {
        steps.push_back(make_step("nil_rate_status", {{"reason", to_string(parent.nil_reason)}},
                                  format_pounds(money{}),
                                  std::string("The paying parent is in a nil-rate group (") +
                                      to_string(parent.nil_reason) + "), so nothing is payable."));
        detail::finish_result(result, calculation_rate::nil, children, amounts);
        return result;
    }
    if (std::find(liable.begin(), liable.end(), true) == liable.end()) {
        steps.push_back(make_step("no_liable_children", {}, format_pounds(money{}),
                                  "Every child is in equal care, so nothing is payable."));
        detail::finish_result(result, calculation_rate::nil, children, amounts);
        return result;
    }
    if (parent.benefit != benefit_status::none) {
        amounts = benefit_flat_rate(input, liable, policy, steps);
        detail::finish_result(result, calculation_rate::flat, children, amounts);
        return result;
    }

    const money capped = std::min(parent.gross_weekly_income, policy.income_cap);
    steps.push_back(make_step(
        "income_cap",
        {{"gross_weekly_income", format_pounds(parent.gross_weekly_income)},
         {"cap", format_pounds(policy.income_cap)}},
        format_pounds(capped),
        capped < parent.gross_weekly_income
            ? "Income above " + format_pounds(policy.income_cap) + " a week is ignored, so " +
                  format_pounds(capped) + " is used."
            : "Income is not above the " + format_pounds(policy.income_cap) + " cap; " +
                  format_pounds(capped) + " is used."));

    if (capped < policy.nil_rate_income_below) {
        steps.push_back(make_step(
            "nil_rate_income", {{"gross_weekly_income", format_pounds(capped)}},
            format_pounds(money{}),
            "Income is below " + format_pounds(policy.nil_rate_income_below) +
                " a week, so the nil rate applies."));
        detail::finish_result(result, calculation_rate::nil, children, amounts);
        return result;
    }
    if (capped <= policy.flat_rate_income_up_to) {
        amounts = split_over_liable(policy.flat_rate_amount, liable);
        steps.push_back(make_step(
            "flat_rate_income", {{"gross_weekly_income", format_pounds(capped)}},
            format_pounds(policy.flat_rate_amount),
            "Income is between " + format_pounds(policy.nil_rate_income_below) + " and " +
                format_pounds(policy.flat_rate_income_up_to) + ", so the flat rate of " +
                format_pounds(policy.flat_rate_amount) +
                " applies, split equally per child; shared care does not change the flat rate."));
        detail::finish_result(result, calculation_rate::flat, children, amounts);
        return result;
    }

    const calculation_rate rate = income_rate(input, capped, liable, policy, amounts, steps);
    detail::finish_result(result, rate, children, amounts);
    return result;
}

calculation_outcome calculate_default_rate(civil_date business_date,
                                           const std::vector<qualifying_child>& children,
                                           const calculation_rates& policy) {
    if (auto rejection = detail::check_children_and_policy(business_date, children, policy)) {
        return *rejection;
    }
    calculation_result result;
    const int count = static_cast<int>(std::min<std::size_t>(children.size(), 3));
    const money amount = policy.default_rate_amount[qualifying_children_column(count)];
    result.steps.push_back(make_step(
        "default_rate", {{"qualifying_children", std::to_string(children.size())}},
        format_pounds(amount),
        "There is not enough information for a calculation, so the default rate for " +
            std::to_string(children.size()) + " child(ren) of " + format_pounds(amount) +
            " applies, split equally per child (remainder pennies to the children listed first)."));
    const std::vector<money> amounts = split_over_liable(amount, std::vector<bool>(children.size(), true));
    detail::finish_result(result, calculation_rate::default_rate, children, amounts);
    return result;
}

}  // namespace cms::core
