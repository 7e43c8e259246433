#include "services/ledger/ledger_service.hpp"

#include <array>
#include <stdexcept>
#include <vector>

#include "core/payments/schedule.hpp"

namespace cms::services {

namespace {

const core::civil_date ledger_epoch{date::year{1990}, date::January, date::day{1}};

core::account_ref account(core::account_kind kind, std::uint8_t slot = 0) { return {kind, slot}; }

/// How a leg moves what the paying parent owes: + when a due account is debited, - when credited.
core::money owed_change(const core::transfer& leg) {
    const auto is_due = [](core::account_kind kind) {
        return kind == core::account_kind::maintenance_due || kind == core::account_kind::collection_fee_due ||
               kind == core::account_kind::enforcement_charges_due;
    };
    core::money change;
    if (is_due(leg.debit.kind)) change += leg.amount;
    if (is_due(leg.credit.kind)) change -= leg.amount;
    return change;
}

std::string cause_text(const core::transfer_cause& cause) {
    if (cause.kind == core::cause_kind::command) return "command:" + std::to_string(cause.command.value);
    return std::string(core::key_prefix(cause.job)) + ":" + persistence::format_period(cause.period);
}

}  // namespace

core::case_balances balances_as_of(persistence::ledger_queries& ledger, core::case_id for_case, core::civil_date as_of) {
    core::case_balances balances(for_case);
    for (const auto& posting : ledger.list_postings(for_case, ledger_epoch, as_of)) {
        const auto applied = core::apply_transfers(balances, posting.legs);
        if (applied.status != core::apply_status::ok) {
            // Stored postings that break a limit mean the ledger is wrong: stop, never show it.
            throw std::runtime_error("ledger of case " + std::to_string(for_case.value) + " breaks a limit");
        }
    }
    return balances;
}

void post_payment(persistence::unit_of_work& work, core::case_id for_case, core::money amount,
                  core::civil_date received_on, core::command_id cause,
                  std::span<const core::collection_fee_row> fee_policy) {
    core::case_balances balances = balances_as_of(work.ledger(), for_case, received_on);
    std::array<core::maintenance_claim, core::receiving_parents_max> maintenance{};
    std::size_t claims = 0;
    for (std::uint8_t slot = 0; slot < core::receiving_parents_max; ++slot) {
        const core::money due = balances.balance(account(core::account_kind::maintenance_due, slot));
        if (due > core::money{}) maintenance[claims++] = {slot, due};
    }
    const core::amounts_owed owed{std::span(maintenance).first(claims), {},
                                  balances.balance(account(core::account_kind::collection_fee_due)),
                                  balances.balance(account(core::account_kind::enforcement_charges_due))};
    const core::collection_fee_row* fees = core::fee_row_in_force(fee_policy, received_on);
    const core::basis_points receiving_parent_fee = fees ? fees->receiving_parent_fee : core::basis_points{0};
    const auto allocation = core::allocate_payment(amount, owed, core::allocation_policy{}, receiving_parent_fee);
    if (allocation.status != core::allocation_status::ok) {
        throw std::runtime_error(std::string("payment allocation refused: ") + core::to_string(allocation.status));
    }
    std::array<core::transfer, 1 + core::allocation_transfers_max> legs{};
    const auto transfer_cause = core::transfer_cause::from_command(cause);
    legs[0] = core::make_transfer(for_case, account(core::account_kind::cash_received),
                                  account(core::account_kind::payments_unallocated), amount,
                                  core::transfer_code::payment_received, 0, transfer_cause, received_on);
    const std::size_t allocated = core::allocation_transfers(for_case, allocation, transfer_cause, received_on, 1,
                                                             std::span(legs).subspan(1));
    const auto all = std::span(legs).first(1 + allocated);
    if (core::apply_transfers(balances, all).status != core::apply_status::ok) {
        throw std::runtime_error("payment posting would break a ledger limit");
    }
    work.ledger().insert_posting(all);
}

namespace {

/// The position from balances already replayed to `as_of` (so a view that also lists them
/// replays the ledger once).
core::case_position position_with_balances(persistence::read_view& view, core::case_id for_case,
                                           const core::case_balances& balances, core::civil_date as_of,
                                           std::span<const core::collection_fee_row> fee_policy,
                                           std::span<const core::ageing_bucket> buckets) {
    // The schedule's instalments due on or before as_of, and the next one after it.
    persistence::case_terms_batch terms;
    view.accrual().load_case_terms(terms, for_case.value, for_case.value, fee_policy);
    const auto schedule = view.cases().find_payment_schedule(for_case);
    if (terms.cases().empty() || !schedule) return core::position_of(balances, std::nullopt, as_of, buckets);
    const core::accrual_terms& accrual = terms.cases().front().terms;
    const core::civil_date accrual_start = accrual.receiving_parents.front().weekly_history.front().effective_from;
    const core::instalment_terms instalments_terms{*schedule, accrual_start, {}};
    const auto list = [&](core::civil_date from, core::civil_date to, std::span<core::instalment> into) {
        const auto listed = core::instalments_between(instalments_terms, accrual, from, to, into);
        if (listed.status != core::instalment_status::ok) {
            throw std::runtime_error(std::string("schedule refused: ") + core::to_string(listed.status));
        }
        return listed.count;
    };
    const std::int64_t due_count =
        as_of < schedule->first_due_date ? 0 : core::count_due_dates(*schedule, schedule->first_due_date, as_of);
    std::vector<core::instalment> instalments(static_cast<std::size_t>(due_count));
    std::vector<core::amount_due> dues;
    if (due_count > 0) {
        list(schedule->first_due_date, as_of, instalments);
        for (const auto& item : instalments) dues.push_back({item.due_date, item.total});
    }
    core::schedule_dues schedule_part{dues, std::nullopt};
    const core::civil_date next_due =
        core::due_date_at(*schedule, core::first_index_on_or_after(*schedule, core::add_days(as_of, 1)));
    std::array<core::instalment, 1> next{};
    if (list(next_due, next_due, next) == 1) schedule_part.next = core::amount_due{next[0].due_date, next[0].total};
    return core::position_of(balances, schedule_part, as_of, buckets);
}

}  // namespace

core::case_position case_position_of(persistence::read_view& view, core::case_id for_case, core::civil_date as_of,
                                     std::span<const core::collection_fee_row> fee_policy,
                                     std::span<const core::ageing_bucket> buckets) {
    return position_with_balances(view, for_case, balances_as_of(view.ledger(), for_case, as_of), as_of, fee_policy,
                                  buckets);
}

nlohmann::json balance_view(persistence::read_view& view, core::case_id for_case, core::civil_date as_of,
                            std::span<const core::collection_fee_row> fee_policy,
                            std::span<const core::ageing_bucket> buckets) {
    const core::case_balances balances = balances_as_of(view.ledger(), for_case, as_of);
    nlohmann::json accounts = nlohmann::json::array();
    for (std::size_t i = 0; i < core::case_balances::account_count; ++i) {
        const core::account_ref ref = core::case_balances::account_at(i);
        const core::money balance = balances.balance(ref);
        if (balance.is_zero()) continue;
        nlohmann::json entry = {{"account", core::to_string(ref.kind)}, {"balance_pence", balance.pence()}};
        if (core::is_per_receiving_parent(ref.kind)) entry["receiving_parent_slot"] = ref.receiving_parent_slot;
        accounts.push_back(std::move(entry));
    }
    const core::case_position position = position_with_balances(view, for_case, balances, as_of, fee_policy, buckets);
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
                   {"oldest_unpaid_due_date", aged_position.oldest_unpaid_due_date
                                                  ? nlohmann::json(core::format_iso_date(*aged_position.oldest_unpaid_due_date))
                                                  : nlohmann::json(nullptr)},
                   {"buckets", std::move(aged)}};
    }
    nlohmann::json next_instalment = nullptr;
    if (position.next_instalment) {
        next_instalment = {{"due_date", core::format_iso_date(position.next_instalment->due_date)},
                           {"amount_pence", position.next_instalment->amount.pence()}};
    }
    return {{"case_id", for_case.value},
            {"as_of", core::format_iso_date(as_of)},
            {"owed_by_paying_parent_pence", position.owed_by_paying_parent.pence()},
            {"owed_to_receiving_parents_pence", position.owed_to_receiving_parents.pence()},
            {"owed_to_state_pence", position.owed_to_state.pence()},
            {"credit_pence", position.credit.pence()},
            {"accounts", std::move(accounts)},
            {"arrears", std::move(arrears)},
            {"next_instalment", std::move(next_instalment)}};
}

nlohmann::json statement_view(persistence::ledger_queries& ledger, core::case_id for_case, const statement_page_request& request) {
    // Opening balance: everything before `from`.
    const core::money opening =
        core::owed_by_paying_parent(balances_as_of(ledger, for_case, core::add_days(request.from, -1)));
    const auto postings = ledger.list_postings(for_case, request.from, request.to);
    const std::int64_t first_line = (request.page - 1) * request.page_size;
    std::int64_t line_number = 0;
    core::money running = opening;
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& posting : postings) {
        for (const auto& leg : posting.legs) {
            running += owed_change(leg);
            if (line_number >= first_line && line_number < first_line + request.page_size) {
                lines.push_back({{"business_date", core::format_iso_date(leg.business_date)},
                                 {"cause", cause_text(leg.cause)},
                                 {"leg", leg.leg},
                                 {"code", core::to_string(leg.code)},
                                 {"debit", core::to_string(leg.debit.kind)},
                                 {"credit", core::to_string(leg.credit.kind)},
                                 {"amount_pence", leg.amount.pence()},
                                 {"owed_after_pence", running.pence()}});
            }
            ++line_number;
        }
    }
    return {{"case_id", for_case.value},
            {"from", core::format_iso_date(request.from)},
            {"to", core::format_iso_date(request.to)},
            {"opening_owed_pence", opening.pence()},
            {"closing_owed_pence", running.pence()},
            {"page", request.page},
            {"page_size", request.page_size},
            {"lines_total", line_number},
            {"lines", std::move(lines)}};
}

}  // namespace cms::services
