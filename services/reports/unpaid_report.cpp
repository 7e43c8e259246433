#include "services/reports/unpaid_report.hpp"

#include "services/reports/case_pages.hpp"

namespace cms::services {

unpaid_report read_unpaid_report(persistence::read_pool& readers, core::civil_date as_of) {
    unpaid_report report;
    report.as_of = as_of;
    // The database is the service: everything it ever posted is "since the service began".
    const core::civil_date since = core::civil_date{date::year{1900}, date::January, date::day{1}};
    core::maintenance_in_period totals;
    core::money written_off;
    auto session = readers.borrow(persistence::read_consistency::snapshot);
    report.cases_read = for_each_collect_and_pay_case(*session, since, as_of, as_of, [&](const persistence::case_summary&,
                                                                                        std::span<const core::transfer> legs) {
        const core::maintenance_in_period figures = core::maintenance_between(legs, since, as_of);
        totals.due += figures.due;
        totals.paid += figures.paid;
        written_off += core::maintenance_written_off_between(legs, since, as_of);
    });
    report.figures = core::summarise_unpaid(totals, written_off);
    return report;
}

}  // namespace cms::services
