#include "core/enforcement/penalties.hpp"

#include <algorithm>
#include <string>

#include "core/common/enum_names.hpp"

namespace cms::core {

namespace {

constexpr enum_name_table<penalty_kind, 4> kind_names{{
    {penalty_kind::information_offence, "information_offence"},
    {penalty_kind::employer_information_offence, "employer_information_offence"},
    {penalty_kind::employer_missed_deduction, "employer_missed_deduction"},
    {penalty_kind::late_payment, "late_payment"},
}};

constexpr enum_name_table<penalty_payer, 2> payer_names{{
    {penalty_payer::paying_parent, "paying_parent"},
    {penalty_payer::employer, "employer"},
}};

rejection refusal(rejection_code code, const char* field, std::string detail) { return {code, field, std::move(detail)}; }

bool positive(const std::optional<money>& amount) { return amount && amount->pence() > 0; }

}  // namespace

std::string_view to_string(penalty_kind kind) { return name_in(kind_names, kind); }
std::optional<penalty_kind> parse_penalty_kind(std::string_view text) { return value_named(kind_names, text); }
std::string_view to_string(penalty_payer payer) { return name_in(payer_names, payer); }
std::optional<penalty_payer> parse_penalty_payer(std::string_view text) { return value_named(payer_names, text); }

penalty_payer payer_of(penalty_kind kind) {
    return kind == penalty_kind::employer_information_offence || kind == penalty_kind::employer_missed_deduction
               ? penalty_payer::employer
               : penalty_payer::paying_parent;
}

const penalty_rule* penalty_rule_on(std::span<const penalty_rule> rows, penalty_kind kind, civil_date on) {
    const penalty_rule* found = nullptr;
    for (const penalty_rule& row : rows) {
        if (row.kind == kind && !(on < row.effective_from)) found = &row;
    }
    return found;
}

bool valid_penalty_rules(std::span<const penalty_rule> rows) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const penalty_rule& row = rows[i];
        const int amounts = (row.amount_max ? 1 : 0) + (row.amount_fixed ? 1 : 0) +
                            (row.weekly_maintenance_share_per_week ? 1 : 0);
        if (amounts != 1) return false;
        if ((row.amount_max && !positive(row.amount_max)) || (row.amount_fixed && !positive(row.amount_fixed))) return false;
        if (row.weekly_maintenance_share_per_week &&
            (row.weekly_maintenance_share_per_week->value <= 0 || row.weekly_maintenance_share_per_week->value > 10'000)) {
            return false;
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (rows[j].kind == row.kind && !(rows[j].effective_from < row.effective_from)) return false;
        }
    }
    return true;
}

penalty_decision decide_penalty(penalty_kind kind, std::optional<money> asked, const penalty_rule* rule,
                                const penalty_facts& facts) {
    penalty_decision decision;
    if (rule == nullptr) {
        decision.refused = refusal(rejection_code::invalid_field, "kind", "has no penalty rule in force that day");
        return decision;
    }
    if (!rule->applies_to_2012_scheme) {
        decision.refused = refusal(rejection_code::conflicting_state, "kind",
                                   "does not apply to 2012-scheme cases (the late-payment penalty of s41A is a "
                                   "2003-scheme power)");
        return decision;
    }
    if (payer_of(kind) == penalty_payer::employer &&
        facts.named_action_step != enforcement_step::deduction_from_earnings_order) {
        decision.refused = refusal(rejection_code::invalid_field, "action_id",
                                   "must name the deduction from earnings order of the employer penalised");
        return decision;
    }
    if (asked && asked->pence() <= 0) {
        decision.refused = refusal(rejection_code::invalid_field, "amount_pence", "must be at least 1");
        return decision;
    }
    if (rule->amount_fixed) {
        if (asked && *asked != *rule->amount_fixed) {
            decision.refused = refusal(rejection_code::invalid_field, "amount_pence",
                                       "must be " + format_pounds(*rule->amount_fixed) + ", the fixed penalty");
            return decision;
        }
        decision.amount = *rule->amount_fixed;
        return decision;
    }
    money limit;
    if (rule->amount_max) {
        limit = *rule->amount_max;
    } else {
        // Each whole week the oldest unpaid amount is overdue counts once.
        const std::int64_t weeks = std::max<std::int64_t>(0, facts.days_overdue / 7);
        limit = facts.weekly_maintenance.apply_basis_points(*rule->weekly_maintenance_share_per_week, rounding::toward_zero)
                    .times(weeks);
    }
    if (!asked) {
        decision.refused = refusal(rejection_code::invalid_field, "amount_pence", "is required for this penalty");
        return decision;
    }
    if (*asked > limit) {
        decision.refused = refusal(rejection_code::invalid_field, "amount_pence",
                                   "must be at most " + format_pounds(limit) + " for this penalty");
        return decision;
    }
    decision.amount = *asked;
    return decision;
}

transfer penalty_transfer(case_id for_case, money amount, command_id cause, civil_date imposed_on) {
    return make_transfer(for_case, {account_kind::penalties_due, 0}, {account_kind::penalty_income, 0}, amount,
                         transfer_code::penalty_imposed, 0, transfer_cause::from_command(cause), imposed_on);
}

}  // namespace cms::core
