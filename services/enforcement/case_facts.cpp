#include "services/enforcement/case_facts.hpp"

#include <spdlog/spdlog.h>

#include <array>

#include "core/ledger/accrual.hpp"
#include "persistence/case_terms_batch.hpp"
#include "services/ledger/ledger_service.hpp"

namespace cms::services {

core::enforcement_action_state state_of(const persistence::enforcement_action_row& row) {
    return {row.action_id, row.step, row.status, row.applied_on, row.until};
}

namespace {

core::money weekly_in_force(std::span<const core::weekly_amount_segment> history, core::civil_date on) {
    core::money weekly;
    for (const auto& segment : history) {
        if (!(on < segment.effective_from)) weekly = segment.weekly_amount;
    }
    return weekly;
}

}  // namespace

core::enforcement_case_facts ladder_facts(const case_facts& facts) {
    return {facts.collect_and_pay, facts.maintenance_arrears, facts.history, facts.arrears_agreement_kept_since};
}

case_facts gather_facts(persistence::unit_of_work& work, core::case_id for_case, core::civil_date on,
                        std::span<const core::collection_fee_row> fees) {
    case_facts facts;
    persistence::case_terms_batch terms;
    work.accrual().load_case_terms(terms, for_case.value, for_case.value, fees);
    if (!terms.cases().empty()) {
        const core::accrual_terms& case_terms = terms.cases().front().terms;
        facts.collect_and_pay =
            core::service_in_force(case_terms.service_history, on) == core::service_type::collect_and_pay;
        core::money weekly;
        for (const auto& liability : case_terms.receiving_parents) weekly += weekly_in_force(liability.weekly_history, on);
        const core::collection_fee_row* fee = core::fee_row_in_force(fees, on);
        // The collection fee the paying parent pays on top, as a weekly figure for the deduction
        // rate (the ledger accrues it by the day; this is the rate an order asks for).
        const core::money fee_weekly = facts.collect_and_pay && fee != nullptr
                                           ? weekly.apply_basis_points(fee->paying_parent_fee, core::rounding::half_up)
                                           : core::money{};
        facts.weekly_maintenance = weekly;
        facts.weekly_due = weekly + fee_weekly;
    }
    // Ageing plays no part here; one open bucket is a valid table (as for write-offs).
    static constexpr std::array<core::ageing_bucket, 1> one_bucket{{{"1+", 1, std::nullopt}}};
    const core::case_position position = case_position_of(work, for_case, on, fees, one_bucket);
    if (position.arrears) {
        facts.maintenance_arrears = position.arrears->maintenance;
        facts.arrears_total = position.arrears->total;
        facts.days_overdue = position.arrears->days_overdue;
    }
    facts.actions = work.enforcement().enforcement_actions_of_case(for_case);
    for (const auto& row : facts.actions) facts.history.push_back(state_of(row));
    for (const auto& agreement : work.enforcement().arrears_agreements_of_case(for_case)) {
        if (agreement.status == core::arrears_agreement_status::active) facts.arrears_agreement_kept_since = agreement.made_on;
    }
    return facts;
}

persistence::enforcement_action_history view_of(persistence::enforcement_queries& enforcement,
                                                const persistence::enforcement_action_row& row) {
    return {row, enforcement.enforcement_events(row.action_id), enforcement.enforcement_deductions(row.action_id)};
}

std::int64_t withdraw_open_proposals(persistence::unit_of_work& work, core::case_id for_case, core::civil_date day,
                                     const std::string& note, std::optional<core::command_id> cause,
                                     std::optional<std::int64_t> job_id) {
    std::int64_t withdrawn = 0;
    for (auto action : work.enforcement().enforcement_actions_of_case(for_case)) {
        if (action.status != core::action_status::proposed) continue;
        action.status = core::action_status::withdrawn;
        action.status_on = day;
        work.enforcement().update_enforcement_action(action);
        const auto index = static_cast<std::int64_t>(work.enforcement().enforcement_events(action.action_id).size());
        work.enforcement().insert_enforcement_event({action.action_id, index, core::action_event::withdraw, action.status,
                                                     day, std::nullopt, std::nullopt, note, cause, job_id});
        ++withdrawn;
    }
    return withdrawn;
}

void for_one_case(persistence::unit_of_work& work, std::int64_t job_id, core::case_id for_case, core::civil_date day,
                  std::int64_t& failed, const std::function<void()>& per_case) {
    try {
        per_case();
    } catch (const std::exception& error) {
        spdlog::error("close of day {}: case {} failed: {}", core::format_iso_date(day), for_case.value, error.what());
        work.jobs().record_case_failure({for_case.value, job_id, core::format_iso_date(day),
                                         "the daily close could not check this case; the cause is in the log", ""});
        ++failed;
    }
}

}  // namespace cms::services
