#include "core/statistics/service_types.hpp"

namespace cms::core {

service_types_summary summarise_service_types(std::span<const case_coverage_facts> cases, civil_date on) {
    service_types_summary summary;
    for (const case_coverage_facts& one : cases) {
        if (on < one.opened_on || !one.service_on_date) continue;
        if (one.closed_from && !(on < *one.closed_from)) continue;
        std::int64_t children = 0;
        for (const auto& stops : one.children_stop_qualifying_on) {
            if (!stops || on < *stops) ++children;
        }
        service_type_coverage& row =
            *one.service_on_date == service_type::direct_pay ? summary.direct_pay : summary.collect_and_pay;
        for (service_type_coverage* into : {&row, &summary.all}) {
            ++into->arrangements;
            into->children += children;
        }
    }
    return summary;
}

void count_arrangement(arrangements_paying& into, const maintenance_in_period& arrangement) {
    const auto band = compliance_band_of(arrangement);
    if (!band) return;
    ++into.due_to_pay;
    if (*band == compliance_band::paid_nothing) {
        ++into.paid_nothing;
    } else {
        ++into.paid_some;
    }
}

}  // namespace cms::core
