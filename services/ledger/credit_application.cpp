#include "services/ledger/credit_application.hpp"

#include <array>
#include <stdexcept>
#include <vector>

#include "core/payments/allocation.hpp"
#include "core/payments/settleable.hpp"
#include "services/ledger/ledger_service.hpp"

namespace cms::services {

namespace {

[[noreturn]] void broken(core::case_id for_case) {
    throw std::runtime_error("ledger of case " + std::to_string(for_case.value) + " breaks a limit");
}

}  // namespace

bool apply_credit(persistence::unit_of_work& work, core::case_id for_case, date::year_month period,
                  core::civil_date applied_from, std::span<const core::collection_fee_row> fee_policy) {
    const auto cause = core::transfer_cause::from_batch(core::batch_job::apply_credit, period);
    auto postings = work.ledger().list_postings(for_case, ledger_epoch, ledger_end);
    core::civil_date on = applied_from;
    for (const auto& stored : postings) {
        if (stored.cause == cause) return false;  // applied by an earlier run
        if (on < stored.business_date) on = stored.business_date;
    }
    // Replay to the application's place; what comes after it bounds what it may use.
    core::case_balances at_place(for_case);
    core::case_balances at_end(for_case);
    std::vector<std::vector<core::transfer>> later;
    for (auto& stored : postings) {
        if (core::apply_transfers(at_end, stored.legs).status != core::apply_status::ok) broken(for_case);
        if (core::precedes(stored.business_date, stored.cause, on, cause)) {
            if (core::apply_transfers(at_place, stored.legs).status != core::apply_status::ok) broken(for_case);
        } else {
            later.push_back(std::move(stored.legs));
        }
    }
    const core::money held_at_end = at_end.balance({core::account_kind::payments_unallocated, 0});
    const auto settleable = core::settleable_from(at_place, later);
    if (!settleable) broken(for_case);
    std::array<core::maintenance_claim, core::receiving_parents_max> maintenance{};
    std::size_t claims = 0;
    core::money chargeable = settleable->collection_fee + settleable->enforcement_charges;
    for (std::uint8_t slot = 0; slot < core::receiving_parents_max; ++slot) {
        const core::money due = settleable->maintenance[slot];
        if (due > core::money{}) maintenance[claims++] = {slot, due};
        chargeable += due;
    }
    const core::money usable = std::min(settleable->credit, chargeable);
    if (usable <= core::money{}) {
        if (held_at_end.is_zero()) work.ledger().mark_holding_credit(for_case, false);
        return false;
    }
    const core::amounts_owed owed{std::span(maintenance).first(claims), {}, settleable->collection_fee,
                                  settleable->enforcement_charges};
    const auto allocation = core::allocate_payment(usable, owed, core::allocation_policy{},
                                                   receiving_parent_fee_on(work, for_case, on, fee_policy));
    if (allocation.status != core::allocation_status::ok) {
        throw std::runtime_error(std::string("credit allocation refused: ") + core::to_string(allocation.status));
    }
    std::array<core::transfer, core::allocation_transfers_max> legs{};
    const std::size_t count = core::allocation_transfers(for_case, allocation, cause, on, 0, legs);
    const auto posting = std::span<const core::transfer>(legs).first(count);
    if (core::apply_transfers(at_place, posting).status != core::apply_status::ok) {
        throw std::runtime_error("credit application would break a ledger limit");
    }
    if (!work.ledger().insert_posting(posting)) return false;
    note_collections(work, posting);
    if (held_at_end == usable - allocation.unallocated) work.ledger().mark_holding_credit(for_case, false);
    return true;
}

}  // namespace cms::services
