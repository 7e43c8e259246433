#include "services/http/ledger_views.hpp"

#include "persistence/ledger_repository.hpp"

namespace cms::services {

namespace {

std::string cause_text(const core::transfer_cause& cause) {
    if (cause.kind == core::cause_kind::command) return "command:" + std::to_string(cause.command.value);
    return std::string(core::key_prefix(cause.job)) + ":" + persistence::format_period(cause.period);
}

nlohmann::json date_or_null(const std::optional<core::civil_date>& day) {
    return day ? nlohmann::json(core::format_iso_date(*day)) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json balance_view(const case_balance& shown, std::span<const core::ageing_bucket> buckets) {
    nlohmann::json accounts = nlohmann::json::array();
    for (std::size_t i = 0; i < core::case_balances::account_count; ++i) {
        const core::account_ref ref = core::case_balances::account_at(i);
        const core::money balance = shown.balances.balance(ref);
        if (balance.is_zero()) continue;
        nlohmann::json entry = {{"account", core::to_string(ref.kind)}, {"balance_pence", balance.pence()}};
        if (core::is_per_receiving_parent(ref.kind)) entry["receiving_parent_slot"] = ref.receiving_parent_slot;
        accounts.push_back(std::move(entry));
    }
    const core::case_position& position = shown.position;
    nlohmann::json arrears = nullptr;
    if (position.arrears) {
        const core::arrears_position& aged_position = *position.arrears;
        nlohmann::json aged = nlohmann::json::array();
        for (std::size_t i = 0; i < aged_position.bucket_count; ++i) {
            aged.push_back({{"bucket", std::string(buckets[i].label)}, {"amount_pence", aged_position.bucket_amounts[i].pence()}});
        }
        arrears = {{"fallen_due_pence", aged_position.fallen_due.pence()},
                   {"paid_pence", aged_position.paid.pence()},
                   {"arrears_pence", aged_position.arrears.pence()},
                   {"paid_ahead_pence", aged_position.paid_ahead.pence()},
                   {"due_today_pence", aged_position.not_yet_overdue.pence()},
                   {"days_overdue", aged_position.days_overdue},
                   {"oldest_unpaid_due_date", date_or_null(aged_position.oldest_unpaid_due_date)},
                   {"buckets", std::move(aged)}};
    }
    nlohmann::json next_instalment = nullptr;
    if (position.next_instalment) {
        next_instalment = {{"due_date", core::format_iso_date(position.next_instalment->due_date)},
                           {"amount_pence", position.next_instalment->amount.pence()}};
    }
    return {{"case_id", shown.for_case.value},
            {"as_of", core::format_iso_date(shown.as_of)},
            {"owed_by_paying_parent_pence", position.owed_by_paying_parent.pence()},
            {"owed_to_receiving_parents_pence", position.owed_to_receiving_parents.pence()},
            {"owed_to_state_pence", position.owed_to_state.pence()},
            {"credit_pence", position.credit.pence()},
            {"accounts", std::move(accounts)},
            {"arrears", std::move(arrears)},
            {"next_instalment", std::move(next_instalment)}};
}

nlohmann::json statement_view(const statement_page& page) {
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& line : page.lines) {
        const core::transfer& leg = line.leg;
        lines.push_back({{"business_date", core::format_iso_date(leg.business_date)},
                         {"cause", cause_text(leg.cause)},
                         {"leg", leg.leg},
                         {"code", core::to_string(leg.code)},
                         {"debit", core::to_string(leg.debit.kind)},
                         {"credit", core::to_string(leg.credit.kind)},
                         {"amount_pence", leg.amount.pence()},
                         {"owed_after_pence", line.owed_after.pence()}});
    }
    return {{"case_id", page.for_case.value},
            {"from", core::format_iso_date(page.request.from)},
            {"to", core::format_iso_date(page.request.to)},
            {"opening_owed_pence", page.opening_owed.pence()},
            {"closing_owed_pence", page.closing_owed.pence()},
            {"page", page.request.page},
            {"page_size", page.request.page_size},
            {"lines_total", page.lines_total},
            {"lines", std::move(lines)}};
}

}  // namespace cms::services
