#include "core/calculation/supersession.hpp"

#include <algorithm>

#include "core/calculation/income.hpp"

namespace cms::core {

namespace {

/// Which shared-care "band" a number of nights falls in, comparable between two counts:
/// -1 below the first band, the band's index, or a value past the last for equal care.
int band_key(const calculation_rates& policy, int nights) {
    if (nights >= policy.equal_care_nights_from) {
        return static_cast<int>(policy.shared_care_bands.size());
    }
    for (std::size_t i = 0; i < policy.shared_care_bands.size(); ++i) {
        const shared_care_band& band = policy.shared_care_bands[i];
        if (nights >= band.nights_from && (!band.nights_to || nights <= *band.nights_to)) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

supersession_decision refuse(const std::vector<calculation_period>& history,
                             supersession_outcome outcome, std::string detail) {
    supersession_decision decision;
    decision.outcome = outcome;
    decision.detail = std::move(detail);
    decision.history = history;
    return decision;
}

}  // namespace

supersession_decision decide_supersession(const std::vector<calculation_period>& history,
                                          const circumstance_change& change,
                                          std::span<const calculation_rates> policy_rows) {
    const date::sys_days effective{change.effective_date};
    if (history.empty()) {
        return refuse(history, supersession_outcome::no_calculation_history, "no calculation yet");
    }
    if (effective < date::sys_days{history.front().effective_from}) {
        return refuse(history, supersession_outcome::before_initial_effective_date,
                      "change dated before the initial effective date " +
                          format_iso_date(history.front().effective_from));
    }
    const calculation_period& latest = history.back();
    if (effective < date::sys_days{latest.effective_from}) {
        return refuse(history, supersession_outcome::earlier_than_latest_period,
                      "change dated before the latest period starting " +
                          format_iso_date(latest.effective_from));
    }
    const calculation_rates* policy = rates_in_force(policy_rows, change.effective_date);
    if (policy == nullptr) {
        return refuse(history, supersession_outcome::no_policy_in_force,
                      "no calculation policy in force on " + format_iso_date(change.effective_date));
    }

    calculation_input next = latest.input;
    next.business_date = change.effective_date;
    bool acted = false;
    std::string not_acted;
    supersession_outcome refusal = supersession_outcome::no_change;

    if (change.new_gross_weekly_income) {
        const money old_income = latest.input.paying_parent.gross_weekly_income;
        const money new_income = *change.new_gross_weekly_income;
        const bool income_acted =
            new_income != old_income &&
            (change.annual_review ||
             income_change_is_acted_on(old_income, new_income, policy->income_change_tolerance));
        if (income_acted) {
            next.paying_parent.gross_weekly_income = new_income;
            acted = true;
        } else if (new_income != old_income) {
            refusal = supersession_outcome::income_change_below_tolerance;
            not_acted = "income change from " + format_pounds(old_income) + " to " +
                        format_pounds(new_income) + " is under the tolerance";
        }
    }
    if (change.paying_parent && *change.paying_parent != next.paying_parent) {
        next.paying_parent = *change.paying_parent;
        acted = true;
    }
    if (change.other_cases_children && *change.other_cases_children != next.other_cases_children) {
        next.other_cases_children = *change.other_cases_children;
        acted = true;
    }
    for (const shared_care_change& care : change.shared_care) {
        auto child = std::find_if(next.children.begin(), next.children.end(),
                                  [&](const qualifying_child& c) { return c.id == care.child_id; });
        if (child == next.children.end()) {
            return refuse(history, supersession_outcome::unknown_child,
                          "no qualifying child '" + care.child_id + "' in the case");
        }
        if (band_key(*policy, child->shared_care_nights) != band_key(*policy, care.shared_care_nights)) {
            child->shared_care_nights = care.shared_care_nights;
            acted = true;
        } else if (child->shared_care_nights != care.shared_care_nights &&
                   refusal == supersession_outcome::no_change) {
            refusal = supersession_outcome::no_shared_care_band_change;
            not_acted = "shared care for child " + care.child_id + " stays in the same band";
        }
    }
    for (const std::string& leaving : change.children_leaving) {
        auto child = std::find_if(next.children.begin(), next.children.end(),
                                  [&](const qualifying_child& c) { return c.id == leaving; });
        if (child == next.children.end()) {
            return refuse(history, supersession_outcome::unknown_child,
                          "no qualifying child '" + leaving + "' in the case");
        }
        next.children.erase(child);
        acted = true;
    }
    if (acted && next.children.empty()) {
        return refuse(history, supersession_outcome::no_qualifying_child_left,
                      "no qualifying child is left from " + format_iso_date(change.effective_date));
    }
    if (!acted) return refuse(history, refusal, not_acted.empty() ? "nothing changed" : not_acted);

    calculation_outcome outcome = calculate(next, *policy);
    if (auto* rejection = std::get_if<calculation_rejection>(&outcome)) {
        supersession_decision decision =
            refuse(history, supersession_outcome::calculation_rejected, rejection->message);
        decision.rejection = *rejection;
        return decision;
    }
    supersession_decision decision;
    decision.outcome = supersession_outcome::superseded;
    decision.history = history;
    if (latest.effective_from == change.effective_date) {
        decision.history.pop_back();
    } else {
        decision.history.back().effective_to = change.effective_date;
    }
    decision.history.push_back({change.effective_date, std::nullopt, next,
                                std::get<calculation_result>(std::move(outcome))});
    decision.detail = "superseded from " + format_iso_date(change.effective_date) + ": " +
                      format_pounds(latest.result.weekly_amount) + " -> " +
                      format_pounds(decision.history.back().result.weekly_amount) + " a week";
    return decision;
}

const char* to_string(supersession_outcome outcome) {
    switch (outcome) {
        case supersession_outcome::superseded: return "superseded";
        case supersession_outcome::income_change_below_tolerance: return "income_change_below_tolerance";
        case supersession_outcome::no_shared_care_band_change: return "no_shared_care_band_change";
        case supersession_outcome::no_change: return "no_change";
        case supersession_outcome::no_calculation_history: return "no_calculation_history";
        case supersession_outcome::before_initial_effective_date: return "before_initial_effective_date";
        case supersession_outcome::earlier_than_latest_period: return "earlier_than_latest_period";
        case supersession_outcome::unknown_child: return "unknown_child";
        case supersession_outcome::no_policy_in_force: return "no_policy_in_force";
        case supersession_outcome::calculation_rejected: return "calculation_rejected";
        case supersession_outcome::no_qualifying_child_left: return "no_qualifying_child_left";
    }
    return "unknown";
}

}  // namespace cms::core
