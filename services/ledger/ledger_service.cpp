#include "services/ledger/ledger_service.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <stdexcept>
#include <vector>

#include "core/payments/schedule.hpp"
#include "core/payments/settleable.hpp"
#include "persistence/case_terms_batch.hpp"

namespace cms::services {

namespace {


core::account_ref account(core::account_kind kind, std::uint8_t slot = 0) { return {kind, slot}; }

/// How a leg moves the ledger balance: + when a due account is debited, - when credited.
core::money balance_change(const core::transfer& leg) {
    const auto is_due = [](core::account_kind kind) {
        return kind == core::account_kind::maintenance_due || kind == core::account_kind::collection_fee_due ||
               kind == core::account_kind::enforcement_charges_due;
    };
    core::money change;
    if (is_due(leg.debit.kind)) change += leg.amount;
    if (is_due(leg.credit.kind)) change -= leg.amount;
    return change;
}

}  // namespace

namespace {

/// The head's balances, when the connection keeps heads and every posting of the case is dated on
/// or before `through`: then they are what replaying the case's postings up to `through` gives,
/// without reading them. A head
/// whose totals break a limit means the stored ledger is wrong: stop, never show it.
std::optional<core::case_balances> head_through(persistence::ledger_queries& ledger, core::case_id for_case,
                                                core::civil_date through) {
    auto head = ledger.ledger_head_of(for_case);
    if (!head || through < head->last_business_date) return std::nullopt;
    if (core::check_balances(head->balances).violation != core::ledger_violation::none) {
        throw std::runtime_error("ledger of case " + std::to_string(for_case.value) + " breaks a limit");
    }
    return head->balances;
}

}  // namespace

core::case_balances balances_as_of(persistence::ledger_queries& ledger, core::case_id for_case, core::civil_date as_of) {
    if (auto at_head = head_through(ledger, for_case, as_of)) return *at_head;
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

namespace {

/// The case's balances at `received_on`'s place in the ledger (into `balances`), and what a
/// payment there may settle of each due account.
core::settleable_dues settleable_at(persistence::read_view& view, core::case_id for_case, core::civil_date received_on,
                                    core::case_balances& balances) {
    std::vector<std::vector<core::transfer>> later;
    // Nearly every payment lands at the end of its case's ledger: nothing comes later, and the
    // balances there are the head's (persistence/ledger_repository.hpp).
    if (auto at_head = head_through(view.ledger(), for_case, received_on)) {
        balances = *at_head;
        const auto settleable = core::settleable_from(balances, later);
        if (!settleable) throw std::runtime_error("ledger of case " + std::to_string(for_case.value) + " breaks a limit");
        return *settleable;
    }
    for (auto& stored : view.ledger().list_postings(for_case, ledger_epoch, ledger_end)) {
        if (received_on < stored.business_date) {
            later.push_back(std::move(stored.legs));
        } else if (core::apply_transfers(balances, stored.legs).status != core::apply_status::ok) {
            throw std::runtime_error("ledger of case " + std::to_string(for_case.value) + " breaks a limit");
        }
    }
    const auto settleable = core::settleable_from(balances, later);
    if (!settleable) throw std::runtime_error("ledger of case " + std::to_string(for_case.value) + " breaks a limit");
    return *settleable;
}

}  // namespace

core::money settleable_total(persistence::read_view& view, core::case_id for_case, core::civil_date received_on) {
    core::case_balances balances(for_case);
    const core::settleable_dues dues = settleable_at(view, for_case, received_on, balances);
    core::money total = dues.collection_fee + dues.enforcement_charges;
    for (const core::money maintenance : dues.maintenance) total += maintenance;
    return total;
}

payment_posting prepare_payment(persistence::unit_of_work& work, core::case_id for_case, core::money amount,
                                core::civil_date received_on, core::command_id cause,
                                std::span<const core::collection_fee_row> fee_policy) {
    // The posting takes its place in the ledger's order (persistence/ledger_repository.hpp): after
    // everything dated on or before `received_on` (that day's batch steps, then its commands, of
    // which this one is the latest), before everything dated later. It may settle only what
    // stays due at every later point (core/payments/settleable.hpp), so a payment backdated
    // behind later payments, write-offs or accruals never settles anything twice.
    payment_posting posting{{}, core::case_balances(for_case), {}, {}, received_on};
    const auto settleable = settleable_at(work, for_case, received_on, posting.balances);
    std::array<core::maintenance_claim, core::receiving_parents_max> maintenance{};
    std::size_t claims = 0;
    for (std::uint8_t slot = 0; slot < core::receiving_parents_max; ++slot) {
        const core::money due = settleable.maintenance[slot];
        if (due > core::money{}) maintenance[claims++] = {slot, due};
    }
    const core::amounts_owed owed{std::span(maintenance).first(claims), {}, settleable.collection_fee,
                                  settleable.enforcement_charges};
    posting.allocation = core::allocate_payment(amount, owed, core::allocation_policy{},
                                                receiving_parent_fee_on(work, for_case, received_on, fee_policy));
    if (posting.allocation.status != core::allocation_status::ok) {
        throw std::runtime_error(std::string("payment allocation refused: ") + core::to_string(posting.allocation.status));
    }
    std::array<core::transfer, 1 + core::allocation_transfers_max> legs{};
    const auto transfer_cause = core::transfer_cause::from_command(cause);
    legs[0] = core::make_transfer(for_case, account(core::account_kind::cash_received),
                                  account(core::account_kind::payments_unallocated), amount,
                                  core::transfer_code::payment_received, 0, transfer_cause, received_on);
    const std::size_t allocated = core::allocation_transfers(for_case, posting.allocation, transfer_cause, received_on,
                                                             1, std::span(legs).subspan(1));
    for (std::uint8_t slot = 0; slot < core::receiving_parents_max; ++slot) {
        posting.maintenance_settleable_after[slot] =
            settleable.maintenance[slot] - posting.allocation.by_receiving_parent[slot].maintenance();
    }
    add_legs(posting, std::span(legs).first(1 + allocated));
    return posting;
}

void add_legs(payment_posting& posting, std::span<const core::transfer> legs) {
    if (core::apply_transfers(posting.balances, legs).status != core::apply_status::ok) {
        throw std::runtime_error("payment posting would break a ledger limit");
    }
    posting.legs.insert(posting.legs.end(), legs.begin(), legs.end());
}

core::basis_points receiving_parent_fee_on(persistence::unit_of_work& work, core::case_id for_case, core::civil_date on,
                                           std::span<const core::collection_fee_row> fee_policy) {
    // The receiving parent's fee is taken only from what the service collects: on a day the case
    // is on Direct Pay there is no collection fee of either kind (GOV.UK, "Manage your child
    // maintenance case: how to pay": collection fees are not charged on Direct Pay).
    persistence::case_terms_batch terms;
    work.accrual().load_case_terms(terms, for_case.value, for_case.value, fee_policy);
    const bool collected = !terms.cases().empty() &&
                           core::service_in_force(terms.cases().front().terms.service_history, on) ==
                               core::service_type::collect_and_pay;
    const core::collection_fee_row* fees = core::fee_row_in_force(fee_policy, on);
    return collected && fees != nullptr ? fees->receiving_parent_fee : core::basis_points{0};
}

void write_payment(persistence::unit_of_work& work, const payment_posting& posting) {
    work.ledger().insert_posting(posting.legs);
    // What nothing charged could take waits as credit; the accrual applies it (credit_application.hpp).
    if (posting.allocation.unallocated > core::money{}) work.ledger().mark_holding_credit(posting.legs.front().for_case, true);
    note_collections(work, posting.legs);
}

void note_collections(persistence::unit_of_work& work, std::span<const core::transfer> legs) {
    for (const core::transfer& leg : legs) {
        if (leg.code == core::transfer_code::payment_allocated && leg.credit.kind == core::account_kind::maintenance_due) {
            work.payouts().mark_holding_collections(leg.for_case, true);
            return;
        }
    }
}

void post_payment(persistence::unit_of_work& work, core::case_id for_case, core::money amount,
                  core::civil_date received_on, core::command_id cause,
                  std::span<const core::collection_fee_row> fee_policy) {
    write_payment(work, prepare_payment(work, for_case, amount, received_on, cause, fee_policy));
}

namespace {

/// A case's ledger replayed to the end of `as_of`, keeping what the position needs on the way:
/// each enforcement charge (due when charged) and the settlements taken back.
struct replayed_ledger {
    core::case_balances at_end;
    std::vector<core::amount_due> charges;
    core::settlements_taken_back taken_back;  ///< through the end of as_of, as at_end
};

replayed_ledger replay_to(persistence::ledger_queries& ledger, core::case_id for_case, core::civil_date as_of) {
    // The missed-payment check asks for the position on a day on or after the case's last
    // posting: then, unless a charge must be dated, the head holds all of it.
    if (const auto head = ledger.ledger_head_of(for_case);
        head && head->last_business_date <= as_of && head->charge_legs == 0) {
        if (core::check_balances(head->balances).violation != core::ledger_violation::none) {
            throw std::runtime_error("ledger of case " + std::to_string(for_case.value) + " breaks a limit");
        }
        return {head->balances, {}, head->taken_back};
    }
    replayed_ledger replayed{core::case_balances(for_case), {}, {}};
    for (const auto& posting : ledger.list_postings(for_case, ledger_epoch, as_of)) {
        if (core::apply_transfers(replayed.at_end, posting.legs).status != core::apply_status::ok) {
            throw std::runtime_error("ledger of case " + std::to_string(for_case.value) + " breaks a limit");
        }
        for (const auto& leg : posting.legs) {
            if (leg.code == core::transfer_code::enforcement_charge) replayed.charges.push_back({leg.business_date, leg.amount});
            replayed.taken_back.count(leg);
        }
    }
    return replayed;
}

/// The position from a replayed ledger and the case's payment plan: the instalments due on or
/// before as_of (each asking for what accrued over the days it covers), what of it fell due
/// before as_of per creditor, and the next instalment.
core::case_position position_from(persistence::read_view& view, core::case_id for_case, const replayed_ledger& replayed,
                                  core::civil_date as_of, std::span<const core::collection_fee_row> fee_policy,
                                  std::span<const core::ageing_bucket> buckets) {
    persistence::case_terms_batch terms;
    view.accrual().load_case_terms(terms, for_case.value, for_case.value, fee_policy);
    const auto schedule = view.cases().find_payment_schedule(for_case);
    core::case_position position;
    const auto build = [&](const std::optional<core::plan_dues>& dues) {
        if (core::position_of(replayed.at_end, replayed.taken_back, dues, as_of, buckets, position) !=
            core::position_status::ok) {
            throw std::runtime_error("the payment plan of case " + std::to_string(for_case.value) + " is not in date order");
        }
        return position;
    };
    if (terms.cases().empty() || !schedule) return build(std::nullopt);
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
    if (due_count > 0) list(schedule->first_due_date, as_of, instalments);
    std::vector<core::amount_due> fallen_due;
    for (const auto& item : instalments) fallen_due.push_back({item.due_date, item.total});
    fallen_due.insert(fallen_due.end(), replayed.charges.begin(), replayed.charges.end());
    std::stable_sort(fallen_due.begin(), fallen_due.end(),
                     [](const core::amount_due& a, const core::amount_due& b) { return a.due_date < b.due_date; });

    core::plan_dues dues;
    dues.fallen_due = fallen_due;
    // The instalments due before as_of together ask for everything accrued through the day before
    // the last of them (instalments tile the timeline), per receiving parent.
    const auto last_before = std::find_if(instalments.rbegin(), instalments.rend(),
                                          [&](const core::instalment& item) { return item.due_date < as_of; });
    if (last_before != instalments.rend()) {
        for (const auto& liability : accrual.receiving_parents) {
            const auto accrued = core::accrued_through(liability.weekly_history, accrual.service_history,
                                                       accrual.fee_policy, last_before->covers_to);
            dues.maintenance_before[liability.receiving_parent_slot] = accrued.maintenance;
            dues.collection_fee_before += accrued.collection_fee;
        }
    }
    // The charges themselves: the account's debits would also count an allocation to a charge
    // that a reversal took back, which settlements_taken_back already counts against what is settled.
    for (const core::amount_due& charge : replayed.charges) {
        if (charge.due_date < as_of) dues.enforcement_charges_before += charge.amount;
    }
    const core::civil_date next_due =
        core::due_date_at(*schedule, core::first_index_on_or_after(*schedule, core::add_days(as_of, 1)));
    std::array<core::instalment, 1> next{};
    if (list(next_due, next_due, next) == 1) dues.next = core::amount_due{next[0].due_date, next[0].total};
    return build(dues);
}

}  // namespace

core::case_position case_position_of(persistence::read_view& view, core::case_id for_case, core::civil_date as_of,
                                     std::span<const core::collection_fee_row> fee_policy,
                                     std::span<const core::ageing_bucket> buckets) {
    return position_from(view, for_case, replay_to(view.ledger(), for_case, as_of), as_of, fee_policy, buckets);
}

case_balance balance_of(persistence::read_view& view, core::case_id for_case, core::civil_date as_of,
                        std::span<const core::collection_fee_row> fee_policy,
                        std::span<const core::ageing_bucket> buckets) {
    const replayed_ledger replayed = replay_to(view.ledger(), for_case, as_of);
    return case_balance{for_case, as_of, replayed.at_end,
                        position_from(view, for_case, replayed, as_of, fee_policy, buckets), std::nullopt};
}

statement_page statement_of(persistence::ledger_queries& ledger, core::case_id for_case,
                            const statement_page_request& request) {
    statement_page page{for_case, request, {}, {}, 0, {}, {}};
    // Opening balance: everything before `from`.
    page.opening_balance = core::ledger_balance(balances_as_of(ledger, for_case, core::add_days(request.from, -1)));
    const std::int64_t first_line = (request.page - 1) * request.page_size;
    core::money running = page.opening_balance;
    for (const auto& posting : ledger.list_postings(for_case, request.from, request.to)) {
        for (const auto& leg : posting.legs) {
            running += balance_change(leg);
            if (page.lines_total >= first_line && page.lines_total < first_line + request.page_size) {
                page.lines.push_back({leg, running});
            }
            ++page.lines_total;
        }
    }
    page.closing_balance = running;
    return page;
}

}  // namespace cms::services
