#pragma once
/// Changes of the paying parent's status between reviews, pure: a prescribed benefit starting
/// or stopping, a nil-rate reason, and the counts of relevant other children and of children
/// supported elsewhere. Unlike income (acted on only from a 25% change) and shared care (only
/// when the band changes), each of these changes the rate or the count of children outright, so
/// any difference supersedes.
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/calculation/supersession.hpp"

namespace cms::core {

/// Only the fields that are set are compared and applied.
struct status_change {
    std::optional<benefit_status> benefit;
    std::optional<nil_rate_reason> nil_reason;
    std::optional<int> relevant_other_children;
    std::optional<int> other_supported_children;
};

/// decide_supersession for `change` (income and shared care), then the status parts: when any
/// differs from the circumstances in force from the change's date, the period from that date is
/// calculated again with them (and with whatever part of `change` was acted on). A refusal of
/// decide_supersession (unknown child, date before the latest period, ...) is returned as is.
supersession_decision decide_change_of_circumstances(const std::vector<calculation_period>& history,
                                                     const circumstance_change& change,
                                                     const status_change& status,
                                                     std::span<const calculation_rates> policy_rows);

std::optional<benefit_status> parse_benefit_status(std::string_view text);
/// "none" and the reasons of to_string(nil_rate_reason).
std::optional<nil_rate_reason> parse_nil_rate_reason(std::string_view text);

}  // namespace cms::core
