#include "services/arrears/part_payments.hpp"

#include <algorithm>

namespace cms::services {

void count_towards_agreements(persistence::unit_of_work& work, core::case_id for_case, payment_posting& posting,
                              core::command_id cause) {
    for (auto& row : work.arrears_requests().open_part_payment_agreements(for_case)) {
        if (!row.decision || !row.decision->agreement) continue;
        const core::part_payment_agreement& agreement = *row.decision->agreement;
        // A payment received after the pay-by date finds the agreement lapsed: it is an ordinary
        // payment and writes nothing off.
        if (!core::counts_towards(agreement, posting.received_on)) continue;
        const std::uint8_t slot = row.request.receiving_parent_slot;
        const core::money share = posting.allocation.by_receiving_parent[slot].maintenance();
        if (share <= core::money{}) continue;
        work.arrears_requests().insert_part_payment_receipt(row.id, cause, posting.received_on, share);
        const auto settled = core::settle_agreement(agreement, row.received_towards + share,
                                                    posting.maintenance_settleable_after[slot]);
        if (!settled.settles) continue;
        if (settled.written_off > core::money{}) {
            const core::transfer leg = core::write_off_transfer(for_case, slot, settled.written_off, cause,
                                                                posting.received_on,
                                                                static_cast<std::uint16_t>(posting.legs.size()));
            add_legs(posting, std::span(&leg, 1));
            posting.maintenance_settleable_after[slot] -= settled.written_off;
        }
        work.arrears_requests().insert_part_payment_settlement(row.id, cause, {posting.received_on, settled.written_off});
    }
}

void derive_agreement_state(persistence::arrears_request_row& row, core::civil_date today) {
    if (!row.decision || !row.decision->agreement) return;
    row.agreement_state = core::agreement_state_on(*row.decision->agreement, row.settlement.has_value(), today);
}

}  // namespace cms::services
