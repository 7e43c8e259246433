#include "services/reports/service_types_report.hpp"

#include <vector>

#include "services/reports/case_pages.hpp"
#include "services/reports/compliance_report.hpp"

namespace cms::services {

service_types_report read_service_types_report(persistence::read_pool& readers, core::civil_date as_of) {
    service_types_report report;
    report.as_of = as_of;
    report.quarter = last_quarter_ended_by(as_of);
    std::vector<core::case_coverage_facts> cases;
    auto session = readers.borrow(persistence::read_consistency::snapshot);
    for_each_page_of_cases(*session, [&](std::span<const persistence::case_summary> page) {
        for (persistence::case_coverage_row& row :
             session->reports().case_coverage_of_cases(page.front().id.value, page.back().id.value, as_of)) {
            cases.push_back(std::move(row.facts));
        }
    });
    report.cases_read = static_cast<std::int64_t>(cases.size());
    report.summary = core::summarise_service_types(cases, as_of);
    // The arrangements on Collect and Pay at the quarter's end, as the compliance report counts them.
    const core::civil_date from = report.quarter.first_day();
    const core::civil_date to = report.quarter.last_day();
    for_each_collect_and_pay_case(*session, from, to, to, [&](const persistence::case_summary&, std::span<const core::transfer> legs) {
        core::count_arrangement(report.paying, core::maintenance_between(legs, from, to));
    });
    return report;
}

}  // namespace cms::services
