#include "services/reports/compliance_report.hpp"

#include <unordered_map>
#include <vector>

namespace cms::services {

namespace {

/// Cases read per query while paging through the caseload.
constexpr std::int64_t cases_page_size = 1'000;

}  // namespace

core::reporting_quarter last_quarter_ended_by(core::civil_date as_of) {
    core::reporting_quarter quarter = core::quarter_containing(as_of);
    return quarter.last_day() == as_of ? quarter : core::previous_quarter(quarter);
}

compliance_report read_compliance_report(persistence::read_pool& readers, core::reporting_quarter quarter) {
    compliance_report report;
    report.quarter = quarter;
    const core::civil_date from = quarter.first_day();
    const core::civil_date to = quarter.last_day();
    std::unordered_map<std::int64_t, core::maintenance_in_period> by_paying_parent;
    std::vector<core::transfer> legs;
    auto session = readers.borrow(persistence::read_consistency::snapshot);
    for (std::int64_t after = 0;;) {
        const auto cases = session->cases().list_cases({}, after, cases_page_size);
        if (cases.empty()) break;
        // One range read of the page's postings in the quarter, by case id, instead of a query a case.
        const auto postings =
            session->ledger().list_postings_of_cases(cases.front().id.value, cases.back().id.value, from, to);
        auto posted = postings.begin();
        for (const persistence::case_summary& listed : cases) {
            ++report.cases_read;
            legs.clear();
            while (posted != postings.end() && posted->for_case.value < listed.id.value) ++posted;
            for (; posted != postings.end() && posted->for_case.value == listed.id.value; ++posted) {
                legs.insert(legs.end(), posted->legs.begin(), posted->legs.end());
            }
            const core::maintenance_in_period figures = core::maintenance_between(legs, from, to);
            if (figures.due.is_zero() && figures.paid.is_zero()) continue;
            core::maintenance_in_period& parent = by_paying_parent[listed.paying_parent.value];
            parent.due += figures.due;
            parent.paid += figures.paid;
        }
        if (static_cast<std::int64_t>(cases.size()) < cases_page_size) break;
        after = cases.back().id.value;
    }
    for (const auto& [paying_parent, figures] : by_paying_parent) core::count_paying_parent(report.summary, figures);
    return report;
}

}  // namespace cms::services
