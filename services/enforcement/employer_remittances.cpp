#include "services/enforcement/employer_remittances.hpp"

#include <map>
#include <string>

#include "core/enforcement/remittance.hpp"
#include "persistence/unit_of_work.hpp"
#include "services/enforcement/case_facts.hpp"

namespace cms::services {

namespace {

std::string month_name(date::year_month month) {
    const std::string first = core::format_iso_date(core::civil_date{month / date::day{1}});
    return first.substr(0, 7);
}

/// One order found short, as its case's notice names it.
std::string shortfall_text(const persistence::enforcement_action_row& order, const core::remittance_month& seen,
                           date::year_month month) {
    return "employer " + order.employer->name + " (deduction from earnings order " + std::to_string(order.action_id) +
           "): " + std::to_string(seen.missed()) + " of " + std::to_string(seen.expected) + " deduction(s) for " +
           month_name(month) + " not received by " + core::format_iso_date(core::remittance_due_on(month)) +
           "; the employer may be fined for each missed payment (penalty employer_missed_deduction)";
}

}  // namespace

remittance_check_counts check_employer_remittances(const transaction_runner& in_transaction, std::int64_t job_id,
                                                   core::civil_date day, std::int64_t chunk_orders) {
    remittance_check_counts counts;
    const auto month = core::month_checked_on(day);
    if (!month) return counts;
    const core::civil_date from{*month / date::day{1}};
    const core::civil_date to{*month / date::last};
    // Orders are read in chunks by id; the few found short are gathered by case first, because a
    // case's notice for the day names all its orders (one notice per case, day and kind).
    std::map<std::int64_t, std::string> short_by_case;
    for (std::int64_t after = 0;;) {
        std::size_t seen_orders = 0;
        in_transaction([&](persistence::unit_of_work& work) {
            const auto orders = work.enforcement().earnings_orders_in_force_during(from, to, after, chunk_orders);
            seen_orders = orders.size();
            for (const auto& order : orders) {
                after = order.action_id;
                if (!order.employer || !order.applied_on) continue;  // an order is made with its employer
                for_one_case(work, job_id, order.for_case, day, counts.failed, [&] {
                    const std::optional<core::civil_date> ended =
                        order.status == core::action_status::active ? std::nullopt : std::optional(order.status_on);
                    core::remittance_month seen = core::expected_in_month(
                        *month, order.employer->pay_frequency, order.employer->first_pay_day, *order.applied_on, ended);
                    if (seen.expected == 0) return;
                    for (const auto& deduction : work.enforcement().enforcement_deductions(order.action_id)) {
                        if (!(deduction.on < from) && !(to < deduction.on)) ++seen.received;
                    }
                    if (seen.missed() == 0) return;
                    ++counts.orders_short;
                    std::string& text = short_by_case[order.for_case.value];
                    text += (text.empty() ? "" : "; ") + shortfall_text(order, seen, *month);
                });
            }
        });
        if (seen_orders < static_cast<std::size_t>(chunk_orders)) break;
    }
    for (auto next = short_by_case.begin(); next != short_by_case.end();) {
        in_transaction([&](persistence::unit_of_work& work) {
            for (std::int64_t written = 0; next != short_by_case.end() && written < chunk_orders; ++next, ++written) {
                const core::case_id for_case{next->first};
                if (work.enforcement().insert_case_notice(
                        {for_case, day, core::case_notice::employer_deduction_missed, next->second, job_id, std::nullopt})) {
                    ++counts.notices;
                }
            }
        });
    }
    return counts;
}

}  // namespace cms::services
