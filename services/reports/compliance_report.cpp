#include "services/reports/compliance_report.hpp"

#include "services/reports/case_pages.hpp"

namespace cms::services {

core::reporting_quarter last_quarter_ended_by(core::civil_date as_of) {
    core::reporting_quarter quarter = core::quarter_containing(as_of);
    return quarter.last_day() == as_of ? quarter : core::previous_quarter(quarter);
}

quarter_by_paying_parent read_quarter_by_paying_parent(persistence::read_view& session, core::reporting_quarter quarter) {
    quarter_by_paying_parent read;
    const core::civil_date from = quarter.first_day();
    const core::civil_date to = quarter.last_day();
    read.cases_read = for_each_collect_and_pay_case(session, from, to, to, [&](const persistence::case_summary& listed,
                                                                                 std::span<const core::transfer> legs) {
        const core::maintenance_in_period figures = core::maintenance_between(legs, from, to);
        if (figures.due.is_zero() && figures.paid.is_zero()) return;
        core::maintenance_in_period& parent = read.figures[listed.paying_parent.value];
        parent.due += figures.due;
        parent.paid += figures.paid;
    });
    return read;
}

compliance_report read_compliance_report(persistence::read_pool& readers, core::reporting_quarter quarter) {
    compliance_report report;
    report.quarter = quarter;
    auto session = readers.borrow(persistence::read_consistency::snapshot);
    const quarter_by_paying_parent read = read_quarter_by_paying_parent(*session, quarter);
    report.cases_read = read.cases_read;
    for (const auto& [paying_parent, figures] : read.figures) core::count_paying_parent(report.summary, figures);
    return report;
}

}  // namespace cms::services
