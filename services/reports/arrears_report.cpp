#include "services/reports/arrears_report.hpp"

#include <unordered_map>
#include <vector>

#include "services/ledger/ledger_service.hpp"
#include "services/reports/reference_data.hpp"

namespace cms::services {

namespace {

/// Cases read per query while paging through the caseload.
constexpr std::int64_t cases_page_size = 1'000;

/// Each listed local authority's region, from the compiled-in reference data.
const std::vector<core::area_in_region>& regions_of_areas() {
    static const std::vector<core::area_in_region> regions = [] {
        std::vector<core::area_in_region> listed;
        for (const local_authority& area : local_authorities()) listed.push_back({area.code, area.region_code});
        return listed;
    }();
    return regions;
}

}  // namespace

arrears_report read_arrears_by_area(persistence::read_pool& readers, core::civil_date as_of,
                                    std::span<const core::collection_fee_row> fees,
                                    std::span<const core::ageing_bucket> buckets) {
    arrears_report report;
    report.as_of = as_of;
    std::vector<core::case_arrears_in_area> cases;
    std::unordered_map<std::int64_t, std::string> area_of_parent;  // a parent with several cases is read once
    auto session = readers.borrow(persistence::read_consistency::snapshot);
    for (std::int64_t after = 0;;) {
        const auto page = session->cases().list_cases({}, after, cases_page_size);
        for (const persistence::case_summary& listed : page) {
            if (as_of < listed.opened_on) continue;
            ++report.cases_read;
            const core::case_position position = case_position_of(*session, listed.id, as_of, fees, buckets);
            if (!position.arrears || position.arrears->total.is_zero()) continue;
            auto area = area_of_parent.find(listed.paying_parent.value);
            if (area == area_of_parent.end()) {
                const auto parent = session->cases().find_parent(listed.paying_parent);
                area = area_of_parent.emplace(listed.paying_parent.value, parent ? parent->details.local_authority_code : "").first;
            }
            cases.push_back({area->second, position.arrears->maintenance, position.arrears->owed_to_state()});
        }
        if (static_cast<std::int64_t>(page.size()) < cases_page_size) break;
        after = page.back().id.value;
    }
    report.summary = core::summarise_arrears_by_area(cases, regions_of_areas());
    return report;
}

std::vector<arrears_at_quarter_end> read_arrears_by_quarter(persistence::read_pool& readers, core::reporting_quarter from,
                                                            core::reporting_quarter to,
                                                            std::span<const core::collection_fee_row> fees,
                                                            std::span<const core::ageing_bucket> buckets) {
    std::vector<arrears_at_quarter_end> quarters;
    for (core::reporting_quarter quarter = from; core::quarters_from_to(quarter, to) > 0; quarter = core::next_quarter(quarter)) {
        const arrears_report at_end = read_arrears_by_area(readers, quarter.last_day(), fees, buckets);
        quarters.push_back({quarter, at_end.summary.all});
    }
    return quarters;
}

}  // namespace cms::services
