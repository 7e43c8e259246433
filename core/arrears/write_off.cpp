#include "core/arrears/write_off.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/common/enum_names.hpp"

namespace cms::core {

namespace {

constexpr enum_name_table<write_off_reason, 5> reason_names{{
    {write_off_reason::receiving_parent_asked_to_stop, "receiving_parent_asked_to_stop"},
    {write_off_reason::receiving_parent_died, "receiving_parent_died"},
    {write_off_reason::paying_parent_died_nothing_recoverable, "paying_parent_died_nothing_recoverable"},
    {write_off_reason::paying_parent_told_no_further_action, "paying_parent_told_no_further_action"},
    {write_off_reason::small_balance_case_ended, "small_balance_case_ended"},
}};

std::string money_text(money amount) { return std::to_string(amount.pence()) + "p"; }

}  // namespace

std::string_view to_string(write_off_reason reason) {
    return name_in(reason_names, reason);
}

std::optional<write_off_reason> parse_write_off_reason(std::string_view text) {
    return value_named(reason_names, text);
}

std::string_view to_string(approval_kind kind) {
    return kind == approval_kind::write_off ? "write_off" : "part_payment";
}

std::optional<approval_kind> parse_approval_kind(std::string_view text) {
    if (text == "write_off") return approval_kind::write_off;
    if (text == "part_payment") return approval_kind::part_payment;
    return std::nullopt;
}

std::optional<rejection> check_arrears_request(const arrears_request& request, money arrears_owed,
                                               civil_date requested_on, const write_off_policy& policy) {
    if (request.receiving_parent_slot >= receiving_parents_max) {
        return rejection{rejection_code::invalid_field, "receiving_parent_slot", "names no receiving parent"};
    }
    if (request.amount <= money{}) {
        return rejection{rejection_code::invalid_field, "amount_pence", "must be more than zero"};
    }
    if (arrears_owed <= money{}) {
        return rejection{rejection_code::conflicting_state, "receiving_parent_slot",
                         "no arrears are owed to this receiving parent"};
    }
    if (request.kind == approval_kind::write_off) {
        if (!request.reason) return rejection{rejection_code::invalid_field, "reason", "is required for a write-off"};
        if (request.amount > arrears_owed) {
            return rejection{rejection_code::conflicting_state, "amount_pence",
                             "is more than the " + money_text(arrears_owed) + " of arrears owed"};
        }
        if (*request.reason == write_off_reason::small_balance_case_ended) {
            if (requested_on < policy.small_balance_from) {
                return rejection{rejection_code::invalid_field, "reason",
                                 "small-balance write-offs exist only from " +
                                     format_iso_date(policy.small_balance_from)};
            }
            // The whole balance, and under the limit: the power is to clear a small remainder.
            if (request.amount != arrears_owed || arrears_owed >= policy.small_balance_max) {
                return rejection{rejection_code::invalid_field, "amount_pence",
                                 "a small-balance write-off clears the whole balance, which must be under " +
                                     money_text(policy.small_balance_max)};
            }
        }
        return std::nullopt;
    }
    // Part payment: less than owed, never nothing, and only with the receiving parent's consent.
    if (!request.receiving_parent_consented) {
        return rejection{rejection_code::invalid_field, "receiving_parent_consent",
                         "a part payment needs the receiving parent's written consent"};
    }
    if (request.amount >= arrears_owed) {
        return rejection{rejection_code::conflicting_state, "amount_pence",
                         "must be less than the " + money_text(arrears_owed) + " of arrears owed"};
    }
    return std::nullopt;
}

civil_date earliest_approval_date(const arrears_request& request, civil_date requested_on,
                                  const write_off_policy& policy) {
    if (request.kind == approval_kind::write_off && request.reason == write_off_reason::small_balance_case_ended) {
        return requested_on;
    }
    return add_days(requested_on, policy.representation_days);
}

approved_write_off amount_to_write_off(const arrears_request& request, money arrears_owed_now) {
    if (request.kind == approval_kind::write_off) {
        if (request.amount > arrears_owed_now) {
            return {rejection{rejection_code::conflicting_state, "amount_pence",
                              "the arrears owed are now " + money_text(arrears_owed_now) +
                                  ", less than the amount to write off; ask again"},
                    {}};
        }
        return {std::nullopt, request.amount};
    }
    if (request.amount >= arrears_owed_now) {
        return {rejection{rejection_code::conflicting_state, "amount_pence",
                          "the arrears owed are now " + money_text(arrears_owed_now) +
                              ", not more than the accepted amount; nothing is left to write off"},
                {}};
    }
    return {std::nullopt, arrears_owed_now - request.amount};
}

transfer write_off_transfer(case_id for_case, std::uint8_t receiving_parent_slot, money amount, command_id cause,
                            civil_date business_date, std::uint16_t leg) {
    return make_transfer(for_case, {account_kind::owed_to_receiving_parent, receiving_parent_slot},
                         {account_kind::maintenance_due, receiving_parent_slot}, amount, transfer_code::write_off, leg,
                         transfer_cause::from_command(cause), business_date);
}

std::string_view to_string(agreement_state state) {
    switch (state) {
        case agreement_state::awaiting_payment: return "awaiting_payment";
        case agreement_state::settled: return "settled";
        case agreement_state::lapsed: return "lapsed";
    }
    return "unknown";
}

part_payment_agreement make_agreement(const arrears_request& request, money remainder, civil_date approved_on,
                                      const write_off_policy& policy) {
    return {approved_on, add_days(approved_on, policy.part_payment_pay_within_days), request.amount, remainder};
}

agreement_state agreement_state_on(const part_payment_agreement& agreement, bool settled, civil_date today) {
    if (settled) return agreement_state::settled;
    return agreement.pay_by < today ? agreement_state::lapsed : agreement_state::awaiting_payment;
}

bool counts_towards(const part_payment_agreement& agreement, civil_date received_on) {
    return !(received_on < agreement.agreed_on) && !(agreement.pay_by < received_on);
}

agreement_settlement settle_agreement(const part_payment_agreement& agreement, money received_towards,
                                      money settleable) {
    if (received_towards < agreement.accepted) return {};
    return {true, std::max(money{}, std::min(agreement.remainder, settleable))};
}

}  // namespace cms::core
