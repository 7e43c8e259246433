#include "services/http/ledger_views.hpp"

#include <algorithm>
#include <vector>

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
        if (shown.next_arrears_part) next_instalment["arrears_agreement_pence"] = shown.next_arrears_part->pence();
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

namespace {

/// One dated item of a statement's events: what happened, in a sentence, with the ids and the
/// amount a reader may follow.
struct event_item {
    core::civil_date on;
    nlohmann::json item;
};

nlohmann::json event_json(core::civil_date on, const char* kind, std::string detail) {
    return {{"on", core::format_iso_date(on)}, {"kind", kind}, {"detail", std::move(detail)}};
}

nlohmann::json statement_events_view(const statement_events& events) {
    std::vector<event_item> items;
    for (const auto& shown : events.actions) {
        const std::string step(core::to_string(shown.action.step));
        for (const auto& event : shown.events) {
            nlohmann::json item = event_json(event.on, "enforcement_event",
                                             step + " " + std::string(core::to_string(event.event)) + ": " +
                                                 std::string(core::to_string(event.status_after)) +
                                                 (event.note.empty() ? "" : " (" + event.note + ")"));
            item["action_id"] = shown.action.action_id;
            items.push_back({event.on, std::move(item)});
        }
        for (const auto& deduction : shown.deductions) {
            nlohmann::json item = event_json(deduction.on, "deduction",
                                             step + ": " + core::format_pounds(deduction.taken) + " taken of " +
                                                 core::format_pounds(deduction.wanted) + " (" +
                                                 std::string(core::to_string(deduction.outcome)) + ")");
            item["action_id"] = shown.action.action_id;
            item["amount_pence"] = deduction.taken.pence();
            items.push_back({deduction.on, std::move(item)});
        }
    }
    for (const auto& missed : events.missed_payments) {
        nlohmann::json item = event_json(missed.detected_on, "missed_payment",
                                         "instalment due " + core::format_iso_date(missed.due_date) + " missed; " +
                                             core::format_pounds(missed.arrears) + " in arrears");
        item["amount_pence"] = missed.arrears.pence();
        items.push_back({missed.detected_on, std::move(item)});
    }
    for (const auto& notice : events.notices) {
        items.push_back({notice.on, event_json(notice.on, "notice",
                                               std::string(core::to_string(notice.kind)) + ": " + notice.detail)});
    }
    for (const auto& agreement : events.agreements) {
        const std::string which = "arrears agreement " + std::to_string(agreement.agreement_id);
        nlohmann::json made = event_json(agreement.made_on, "arrears_agreement",
                                         which + " made: " + core::format_pounds(agreement.arrears_instalment) +
                                             " added to each instalment");
        made["amount_pence"] = agreement.arrears_instalment.pence();
        items.push_back({agreement.made_on, std::move(made)});
        if (agreement.status != core::arrears_agreement_status::active) {
            items.push_back({agreement.status_on,
                             event_json(agreement.status_on, "arrears_agreement",
                                        which + " " + std::string(core::to_string(agreement.status)))});
        }
    }
    for (const auto& penalty : events.penalties) {
        nlohmann::json item = event_json(penalty.imposed_on, "penalty",
                                         std::string(core::to_string(penalty.kind)) + " against the " +
                                             (penalty.employer_name.empty() ? std::string(core::to_string(penalty.payer))
                                                                            : "employer " + penalty.employer_name) +
                                             ": " + core::format_pounds(penalty.amount));
        item["amount_pence"] = penalty.amount.pence();
        items.push_back({penalty.imposed_on, std::move(item)});
    }
    // By date; the same day keeps the order above (actions, missed payments, notices, ...).
    std::stable_sort(items.begin(), items.end(), [](const event_item& a, const event_item& b) { return a.on < b.on; });
    nlohmann::json out = nlohmann::json::array();
    for (auto& item : items) out.push_back(std::move(item.item));
    return out;
}

}  // namespace

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
            {"lines", std::move(lines)},
            {"events", statement_events_view(page.events)}};
}

}  // namespace cms::services
