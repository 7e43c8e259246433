#include "services/reports/enforcement_report.hpp"

#include <vector>

namespace cms::services {

namespace {

constexpr std::int64_t actions_page_size = 1'000;

}  // namespace

enforcement_report read_enforcement_report(persistence::read_pool& readers, core::reporting_quarter quarter) {
    enforcement_report report;
    report.quarter = quarter;
    std::vector<core::enforcement_action_facts> actions;
    auto session = readers.borrow(persistence::read_consistency::snapshot);
    for (std::int64_t after = 0;;) {
        const auto page = session->reports().actions_with_events(after, actions_page_size);
        for (const persistence::action_with_events& action : page) actions.push_back(action.facts);
        if (static_cast<std::int64_t>(page.size()) < actions_page_size) break;
        after = page.back().action_id;
    }
    report.actions_read = static_cast<std::int64_t>(actions.size());
    report.summary = core::summarise_enforcement_activity(actions, quarter.first_day(), quarter.last_day());
    return report;
}

}  // namespace cms::services
