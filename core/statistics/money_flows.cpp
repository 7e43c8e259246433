#include "core/statistics/money_flows.hpp"

namespace cms::core {

void add_money_flows(money_flows& into, std::span<const transfer> legs, civil_date from, civil_date to) {
    for (const transfer& leg : legs) {
        if (leg.business_date < from || to < leg.business_date) continue;
        switch (leg.code) {
            case transfer_code::payment_allocated:
                if (leg.credit.kind == account_kind::maintenance_due) into.maintenance_collected += leg.amount;
                if (leg.credit.kind == account_kind::collection_fee_due) into.paying_parent_fees += leg.amount;
                break;
            case transfer_code::allocation_reversed:
                if (leg.debit.kind == account_kind::maintenance_due) into.maintenance_collected -= leg.amount;
                if (leg.debit.kind == account_kind::collection_fee_due) into.paying_parent_fees -= leg.amount;
                break;
            case transfer_code::receiving_parent_fee: into.receiving_parent_fees += leg.amount; break;
            case transfer_code::receiving_parent_fee_reversed: into.receiving_parent_fees -= leg.amount; break;
            case transfer_code::paid_out: into.paid_to_receiving_parents += leg.amount; break;
            default: break;
        }
    }
}

}  // namespace cms::core
