#include "services/http/ledger_views.hpp"

#include "persistence/ledger_repository.hpp"

namespace cms::services {

namespace {

std::string cause_text(const core::transfer_cause& cause) {
    if (cause.kind == core::cause_kind::command) return "command:" + std::to_string(cause.command.value);
    const std::string job = core::key_prefix(cause.job);
    if (cause.day != 0) {  // a daily step: "payout:2025-01-31"
        return job + ":" + core::format_iso_date(cause.period.year() / cause.period.month() / date::day{cause.day});
    }
    return job + ":" + persistence::format_period(cause.period);
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
        const core::arrears_by_creditor& owed = *position.arrears;
        nlohmann::json aged = nlohmann::json::array();
        for (std::size_t i = 0; i < owed.bucket_count; ++i) {
            aged.push_back({{"bucket", std::string(buckets[i].label)}, {"amount_pence", owed.bucket_amounts[i].pence()}});
        }
        nlohmann::json by_receiving_parent = nlohmann::json::array();
        for (std::size_t slot = 0; slot < core::receiving_parents_max; ++slot) {
            const core::money maintenance = owed.maintenance_by_receiving_parent[slot];
            if (maintenance.is_zero()) continue;
            by_receiving_parent.push_back({{"receiving_parent_slot", slot},
                                           {"maintenance_pence", maintenance.pence()},
                                           {"settleable_pence", position.arrears_settleable[slot].pence()}});
        }
        arrears = {{"arrears_pence", owed.total.pence()},
                   {"maintenance_pence", owed.maintenance.pence()},
                   {"owed_to_state_pence", owed.owed_to_state().pence()},
                   {"collection_fee_pence", owed.collection_fee.pence()},
                   {"enforcement_charges_pence", owed.enforcement_charges.pence()},
                   {"by_receiving_parent", std::move(by_receiving_parent)},
                   {"days_overdue", owed.days_overdue},
                   {"oldest_unpaid_due_date", date_or_null(owed.oldest_unpaid_due_date)},
                   {"buckets", std::move(aged)}};
    }
    nlohmann::json next_instalment = nullptr;
    if (position.next_instalment) {
        next_instalment = {{"due_date", core::format_iso_date(position.next_instalment->due_date)},
                           {"amount_pence", position.next_instalment->amount.pence()}};
    }
    return {{"case_id", shown.for_case.value},
            {"as_of", core::format_iso_date(shown.as_of)},
            {"due_pence", position.due.pence()},
            {"due_today_pence", position.due_today.pence()},
            {"paid_pence", position.paid.pence()},
            {"credit_pence", position.credit.pence()},
            {"ledger_balance_pence", position.balance.pence()},
            {"arrears", std::move(arrears)},
            {"next_instalment", std::move(next_instalment)},
            {"accounts", std::move(accounts)}};
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
                         {"ledger_balance_after_pence", line.balance_after.pence()}});
    }
    return {{"case_id", page.for_case.value},
            {"from", core::format_iso_date(page.request.from)},
            {"to", core::format_iso_date(page.request.to)},
            {"opening_ledger_balance_pence", page.opening_balance.pence()},
            {"closing_ledger_balance_pence", page.closing_balance.pence()},
            {"page", page.request.page},
            {"page_size", page.request.page_size},
            {"lines_total", page.lines_total},
            {"lines", std::move(lines)}};
}

}  // namespace cms::services
