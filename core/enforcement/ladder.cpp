#include "core/enforcement/ladder.hpp"

#include <algorithm>

#include "core/common/enum_names.hpp"

namespace cms::core {

namespace {

constexpr enum_name_table<enforcement_step, enforcement_step_count> step_names{{
    {enforcement_step::deduction_from_earnings_order, "deduction_from_earnings_order"},
    {enforcement_step::regular_deduction_order, "regular_deduction_order"},
    {enforcement_step::lump_sum_deduction_order, "lump_sum_deduction_order"},
    {enforcement_step::liability_order, "liability_order"},
    {enforcement_step::enforcement_agents, "enforcement_agents"},
    {enforcement_step::charging_order, "charging_order"},
    {enforcement_step::order_for_sale, "order_for_sale"},
    {enforcement_step::driving_licence_disqualification, "driving_licence_disqualification"},
    {enforcement_step::passport_disqualification, "passport_disqualification"},
    {enforcement_step::committal, "committal"},
}};

constexpr enum_name_table<ladder_precondition, 6> precondition_names{{
    {ladder_precondition::collect_and_pay, "collect_and_pay"},
    {ladder_precondition::arrears, "arrears"},
    {ladder_precondition::employer_known, "employer_known"},
    {ladder_precondition::bank_account_known, "bank_account_known"},
    {ladder_precondition::deduction_inappropriate_or_ineffective, "deduction_inappropriate_or_ineffective"},
    {ladder_precondition::liability_order_granted, "liability_order_granted"},
}};

bool is_deduction_order(enforcement_step step) {
    return step == enforcement_step::deduction_from_earnings_order ||
           step == enforcement_step::regular_deduction_order;
}

}  // namespace

std::string_view to_string(enforcement_step step) { return name_in(step_names, step); }
std::optional<enforcement_step> parse_enforcement_step(std::string_view text) { return value_named(step_names, text); }
std::string_view to_string(ladder_precondition precondition) { return name_in(precondition_names, precondition); }
std::optional<ladder_precondition> parse_ladder_precondition(std::string_view text) {
    return value_named(precondition_names, text);
}

const ladder_step_rule* enforcement_ladder::rule_on(enforcement_step step, civil_date on) const {
    const ladder_step_rule* found = nullptr;
    for (const ladder_step_rule& row : rows) {
        if (row.step != step || on < row.effective_from) continue;
        if (!found || found->effective_from < row.effective_from) found = &row;
    }
    return found;
}

ladder_check validate_ladder(const enforcement_ladder& ladder) {
    for (std::size_t i = 0; i < ladder.rows.size(); ++i) {
        const ladder_step_rule& row = ladder.rows[i];
        for (std::size_t j = 0; j < i; ++j) {
            if (ladder.rows[j].step == row.step && !(ladder.rows[j].effective_from < row.effective_from)) {
                return {false, i, "a step's rows must have increasing effective_from dates"};
            }
        }
        if (row.charge.is_negative()) return {false, i, "the charge must not be negative"};
        if (is_deduction_order(row.step) && !row.deduction_max_share) {
            return {false, i, "a deduction order must name deduction_max_of_income_bp"};
        }
        if (row.deduction_max_share && (row.deduction_max_share->value <= 0 || row.deduction_max_share->value > 10'000)) {
            return {false, i, "deduction_max_of_income_bp must be from 1 to 10000"};
        }
        if (row.step == enforcement_step::regular_deduction_order &&
            (!row.account_floor_monthly || !row.account_floor_weekly)) {
            return {false, i, "a regular deduction order must name both account floors"};
        }
        if (row.needs_court_finding && !row.court) return {false, i, "only a court can make a finding"};
        if (row.court_lead_days < 0 || row.min_days_after_previous < 0 || row.duration_days_max < 0) {
            return {false, i, "day counts must not be negative"};
        }
        if (std::find(row.never_with.begin(), row.never_with.end(), row.step) != row.never_with.end()) {
            return {false, i, "a step cannot exclude itself"};
        }
    }
    return {};
}

}  // namespace cms::core
