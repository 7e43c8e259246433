#include "services/reports/nil_payers_report.hpp"

#include <tuple>
#include <unordered_map>
#include <vector>

#include "services/reports/case_pages.hpp"
#include "services/reports/compliance_report.hpp"

namespace cms::services {

nil_payers_report read_nil_payers_report(persistence::read_pool& readers, core::reporting_quarter quarter) {
    nil_payers_report report;
    report.quarter = quarter;
    auto session = readers.borrow(persistence::read_consistency::snapshot);
    const quarter_by_paying_parent population = read_quarter_by_paying_parent(*session, quarter);
    report.cases_read = population.cases_read;
    // The latest payment of each paying parent due to pay, over all their cases.
    std::unordered_map<std::int64_t, persistence::latest_payment_of_case> latest;
    for_each_page_of_cases(*session, [&](std::span<const persistence::case_summary> cases) {
        const auto payments =
            session->reports().latest_payments_of_cases(cases.front().id.value, cases.back().id.value, quarter.last_day());
        auto payment = payments.begin();
        for (const persistence::case_summary& listed : cases) {
            while (payment != payments.end() && payment->for_case.value < listed.id.value) ++payment;
            if (payment == payments.end() || payment->for_case != listed.id) continue;
            if (!population.figures.contains(listed.paying_parent.value)) continue;
            const auto [found, inserted] = latest.try_emplace(listed.paying_parent.value, *payment);
            auto later = [](const persistence::latest_payment_of_case& p) { return std::tuple(p.received_on, p.payment.value); };
            if (!inserted && later(found->second) < later(*payment)) found->second = *payment;
        }
    });
    std::vector<core::paying_parent_method> paying_parents;
    for (const auto& [paying_parent, figures] : population.figures) {
        const auto band = core::compliance_band_of(figures);
        if (!band) continue;
        const auto payment = latest.find(paying_parent);
        paying_parents.push_back(
            {*band, payment == latest.end() ? std::nullopt : std::optional<core::payment_method>(payment->second.method)});
    }
    report.summary = core::summarise_nil_payer_methods(paying_parents);
    return report;
}

}  // namespace cms::services
