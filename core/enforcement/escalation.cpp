#include "core/enforcement/escalation.hpp"

#include <algorithm>

#include "core/common/enum_names.hpp"

namespace cms::core {

namespace {

constexpr enum_name_table<case_notice, 10> notice_names{{
    {case_notice::missed_payment_contact, "missed_payment_contact"},
    {case_notice::arrears_notice, "arrears_notice"},
    {case_notice::enforcement_proposed, "enforcement_proposed"},
    {case_notice::escalation_stopped, "escalation_stopped"},
    {case_notice::direct_pay_warning, "direct_pay_warning"},
    {case_notice::service_switched, "service_switched"},
    {case_notice::arrears_agreement_made, "arrears_agreement_made"},
    {case_notice::arrears_agreement_broken, "arrears_agreement_broken"},
    {case_notice::arrears_agreement_completed, "arrears_agreement_completed"},
    {case_notice::employer_deduction_missed, "employer_deduction_missed"},
}};

constexpr std::int64_t policy_days_max = 366;

bool tried(std::span<const enforcement_action_state> history, enforcement_step step) {
    return std::any_of(history.begin(), history.end(), [step](const enforcement_action_state& action) {
        return action.step == step && action.applied_on.has_value();
    });
}

bool ended_without_success(std::span<const enforcement_action_state> history, enforcement_step step) {
    return std::any_of(history.begin(), history.end(), [step](const enforcement_action_state& action) {
        return action.step == step && (action.status == action_status::failed || action.status == action_status::expired);
    });
}

}  // namespace

std::string_view to_string(case_notice notice) { return name_in(notice_names, notice); }
std::optional<case_notice> parse_case_notice(std::string_view text) { return value_named(notice_names, text); }

const missed_payment_policy* missed_payment_policy_on(std::span<const missed_payment_policy> rows, civil_date on) {
    const missed_payment_policy* found = nullptr;
    for (const missed_payment_policy& row : rows) {
        if (!(on < row.effective_from)) found = &row;
    }
    return found;
}

bool valid_missed_payment_policy(std::span<const missed_payment_policy> rows) {
    if (rows.empty()) return false;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const missed_payment_policy& row = rows[i];
        if (i > 0 && !(rows[i - 1].effective_from < row.effective_from)) return false;
        if (row.grace_days < 0 || row.grace_days > policy_days_max) return false;
        if (row.proposal_after_days < 0 || row.proposal_after_days > policy_days_max) return false;
        if (row.compliant_instalments < 1 || row.compliant_instalments > 52) return false;
        if (row.agreement_income_share_max.value <= 0 || row.agreement_income_share_max.value > 10'000) return false;
    }
    return true;
}

std::optional<civil_date> instalment_to_check(const payment_schedule& schedule, civil_date closing_day,
                                              std::int64_t grace_days) {
    const civil_date due = add_days(closing_day, -grace_days);
    if (count_due_dates(schedule, due, due) != 1) return std::nullopt;
    return due;
}

bool is_missed(std::optional<civil_date> oldest_unpaid_due_date, civil_date due_date) {
    return oldest_unpaid_due_date && !(due_date < *oldest_unpaid_due_date);
}

std::optional<enforcement_step> step_to_propose(std::span<const enforcement_action_state> history) {
    for (const enforcement_action_state& action : history) {
        if (action.status == action_status::proposed || action.status == action_status::applied_for ||
            in_force(action.status)) {
            return std::nullopt;
        }
    }
    using s = enforcement_step;
    if (!tried(history, s::deduction_from_earnings_order) && !tried(history, s::regular_deduction_order)) {
        return s::deduction_from_earnings_order;
    }
    const bool order_granted = std::any_of(history.begin(), history.end(), [](const enforcement_action_state& action) {
        return action.step == s::liability_order &&
               (in_force(action.status) || action.status == action_status::succeeded || action.status == action_status::failed);
    });
    if (!order_granted) {
        const bool deduction_failed = ended_without_success(history, s::deduction_from_earnings_order) ||
                                      ended_without_success(history, s::regular_deduction_order);
        if (deduction_failed && !tried(history, s::liability_order)) return s::liability_order;
        return std::nullopt;
    }
    if (!tried(history, s::enforcement_agents)) return s::enforcement_agents;
    return std::nullopt;
}

bool is_compliant(const payment_schedule& schedule, civil_date last_missed_due_date, civil_date closing_day,
                  std::optional<civil_date> oldest_unpaid_due_date, const missed_payment_policy& policy) {
    if (oldest_unpaid_due_date && !(closing_day < *oldest_unpaid_due_date)) return false;
    if (closing_day < last_missed_due_date) return false;
    return count_due_dates(schedule, add_days(last_missed_due_date, 1), closing_day) >= policy.compliant_instalments;
}

}  // namespace cms::core
