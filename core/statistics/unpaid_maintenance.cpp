#include "core/statistics/unpaid_maintenance.hpp"

namespace cms::core {

money maintenance_written_off_between(std::span<const transfer> transfers, civil_date from, civil_date to) {
    money written_off;
    for (const transfer& leg : transfers) {
        if (leg.business_date < from || to < leg.business_date) continue;
        if (leg.code == transfer_code::write_off && leg.credit.kind == account_kind::maintenance_due) written_off += leg.amount;
    }
    return written_off;
}

unpaid_since_start summarise_unpaid(const maintenance_in_period& period, money written_off) {
    unpaid_since_start figures;
    figures.due = period.due;
    figures.paid = period.paid;
    figures.unpaid = period.due - period.paid;
    figures.written_off = written_off;
    figures.still_owed = figures.unpaid - written_off;
    figures.unpaid_share = share_basis_points(figures.unpaid.pence(), figures.due.pence());
    return figures;
}

}  // namespace cms::core
