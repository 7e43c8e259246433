#include "services/reports/case_pages.hpp"

namespace cms::services {

void for_each_page_of_cases(persistence::read_view& session,
                            const std::function<void(std::span<const persistence::case_summary>)>& visit_page) {
    for (std::int64_t after = 0;;) {
        const auto cases = session.cases().list_cases({}, after, report_cases_page_size);
        if (cases.empty()) break;
        visit_page(cases);
        if (static_cast<std::int64_t>(cases.size()) < report_cases_page_size) break;
        after = cases.back().id.value;
    }
}

std::int64_t for_each_collect_and_pay_case(
    persistence::read_view& session, core::civil_date from, core::civil_date to, core::civil_date collect_and_pay_on,
    const std::function<void(const persistence::case_summary&, std::span<const core::transfer>)>& visit) {
    std::int64_t cases_read = 0;
    std::vector<core::transfer> legs;
    for_each_page_of_cases(session, [&](std::span<const persistence::case_summary> cases) {
        const std::int64_t first = cases.front().id.value;
        const std::int64_t last = cases.back().id.value;
        const auto terms = session.reports().case_coverage_of_cases(first, last, collect_and_pay_on);
        // One range read of the page's postings, by case id, instead of a query a case.
        const auto postings = session.ledger().list_postings_of_cases(first, last, from, to);
        auto term = terms.begin();
        auto posted = postings.begin();
        for (const persistence::case_summary& listed : cases) {
            ++cases_read;
            while (term != terms.end() && term->for_case.value < listed.id.value) ++term;
            while (posted != postings.end() && posted->for_case.value < listed.id.value) ++posted;
            const bool collect_and_pay = term != terms.end() && term->for_case == listed.id &&
                                         term->facts.service_on_date == core::service_type::collect_and_pay;
            if (!collect_and_pay) continue;
            legs.clear();
            for (; posted != postings.end() && posted->for_case.value == listed.id.value; ++posted) {
                legs.insert(legs.end(), posted->legs.begin(), posted->legs.end());
            }
            visit(listed, legs);
        }
    });
    return cases_read;
}

}  // namespace cms::services
