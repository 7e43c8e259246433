#include "core/calculation/status_change.hpp"

#include <array>
#include <string>

namespace cms::core {

namespace {

/// Outcomes of decide_supersession after which the status parts may still supersede: the
/// change was valid, only (some of) it was not acted on.
bool status_may_still_apply(supersession_outcome outcome) {
    switch (outcome) {
        case supersession_outcome::superseded:
        case supersession_outcome::income_change_below_tolerance:
        case supersession_outcome::no_shared_care_band_change:
        case supersession_outcome::no_change:
            return true;
        default:
            return false;
    }
}

template <typename Value>
void apply(Value& current, const std::optional<Value>& wanted, bool& changed) {
    if (wanted && current != *wanted) {
        current = *wanted;
        changed = true;
    }
}

}  // namespace

supersession_decision decide_change_of_circumstances(const std::vector<calculation_period>& history,
                                                     const circumstance_change& change,
                                                     const status_change& status,
                                                     std::span<const calculation_rates> policy_rows) {
    supersession_decision first = decide_supersession(history, change, policy_rows);
    if (!status_may_still_apply(first.outcome)) return first;

    calculation_input next = first.history.back().input;
    next.business_date = change.effective_date;
    bool changed = false;
    apply(next.paying_parent.benefit, status.benefit, changed);
    apply(next.paying_parent.nil_reason, status.nil_reason, changed);
    apply(next.paying_parent.relevant_other_children, status.relevant_other_children, changed);
    apply(next.paying_parent.other_supported_children, status.other_supported_children, changed);
    if (!changed) return first;

    // decide_supersession found a row in force on this date, or it would have refused.
    const calculation_rates* policy = rates_in_force(policy_rows, change.effective_date);
    calculation_outcome outcome = calculate(next, *policy);
    if (auto* rejection = std::get_if<calculation_rejection>(&outcome)) {
        supersession_decision refused;
        refused.outcome = supersession_outcome::calculation_rejected;
        refused.detail = rejection->message;
        refused.history = history;
        refused.rejection = *rejection;
        return refused;
    }
    supersession_decision decision;
    decision.outcome = supersession_outcome::superseded;
    decision.history = std::move(first.history);
    // The period from the change's date (new, or the latest one if it starts that day) is
    // replaced; an earlier latest period ends the day the change takes effect.
    if (decision.history.back().effective_from == change.effective_date) decision.history.pop_back();
    if (!decision.history.empty()) decision.history.back().effective_to = change.effective_date;
    decision.history.push_back({change.effective_date, std::nullopt, next,
                                std::get<calculation_result>(std::move(outcome))});
    decision.detail = "superseded from " + format_iso_date(change.effective_date) + ": " +
                      format_pounds(history.back().result.weekly_amount) + " -> " +
                      format_pounds(decision.history.back().result.weekly_amount) + " a week";
    if (first.outcome != supersession_outcome::superseded && first.outcome != supersession_outcome::no_change) {
        decision.detail += " (" + first.detail + ")";
    }
    return decision;
}

std::optional<benefit_status> parse_benefit_status(std::string_view text) {
    for (benefit_status status : {benefit_status::none, benefit_status::flat_rate_benefit,
                                  benefit_status::partner_income_related_benefit}) {
        if (text == to_string(status)) return status;
    }
    return std::nullopt;
}

std::optional<nil_rate_reason> parse_nil_rate_reason(std::string_view text) {
    for (nil_rate_reason reason :
         {nil_rate_reason::none, nil_rate_reason::student, nil_rate_reason::child, nil_rate_reason::prisoner,
          nil_rate_reason::care_home, nil_rate_reason::income_related_benefit_aged_16_17,
          nil_rate_reason::work_based_training_allowance}) {
        if (text == to_string(reason)) return reason;
    }
    return std::nullopt;
}

}  // namespace cms::core
