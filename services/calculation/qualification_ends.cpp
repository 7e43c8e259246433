#include "services/calculation/qualification_ends.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/calculation/supersession.hpp"
#include "services/calculation/linked_cases.hpp"
#include "services/cases/case_service.hpp"
#include "services/commands/command_submission.hpp"
#include "services/wire/stored_calculation.hpp"

namespace cms::services {

namespace {

/// The children of one case whose qualification ends on one day.
struct case_day {
    core::case_id for_case;
    core::civil_date ends_on;
    std::vector<persistence::qualification_end> children;
};

std::vector<case_day> grouped(const std::vector<persistence::qualification_end>& waiting) {
    std::vector<case_day> days;
    for (const auto& row : waiting) {
        if (days.empty() || days.back().for_case != row.for_case || days.back().ends_on != row.ends_on) {
            days.push_back({row.for_case, row.ends_on, {}});
        }
        days.back().children.push_back(row);
    }
    return days;
}

enum class ending_kind { recalculate, close, not_applied };

struct decided_ending {
    ending_kind kind = ending_kind::not_applied;
    std::string detail;                            ///< why not, for not_applied
    std::optional<core::calculation_period> next;  ///< the new period, for recalculate
    std::vector<linked_recalculation> linked;      ///< the paying parent's other cases, following
    bool amends = false;                           ///< `next` replaces a calculation of that day
};

decided_ending not_applied(std::string detail) {
    return {ending_kind::not_applied, std::move(detail), std::nullopt, {}, false};
}

/// `ending` with the paying parent's other cases recalculated from the same day, or not applied
/// when one of them cannot be.
decided_ending with_linked_cases(persistence::unit_of_work& work, const core::case_record& record, const case_day& day,
                                 decided_ending ending, std::span<const core::calculation_rates> rates) {
    auto linked = linked_recalculations(work, record.details.paying_parent, day.for_case, ending.next, day.ends_on, rates);
    if (const auto* refused = std::get_if<core::rejection>(&linked)) {
        return not_applied(refused->detail);
    }
    ending.linked = std::get<std::vector<linked_recalculation>>(std::move(linked));
    return ending;
}

decided_ending decide(persistence::unit_of_work& work, const case_day& day, std::span<const core::calculation_rates> rates,
                      core::civil_date business_date) {
    const auto record = work.cases().find_case(day.for_case);
    if (!record) return not_applied("the case does not exist");
    if (const auto closure = work.cases().find_case_closure(day.for_case)) {
        return not_applied("the case was closed from " + core::format_iso_date(closure->effective_date));
    }
    const auto rows = work.calculations().list_calculations(day.for_case);
    bool no_child_left = false;
    if (rows.empty()) {
        // A case opened without a stored calculation (a generated caseload): nothing to
        // recalculate, but a case whose every child has stopped qualifying still ends.
        no_child_left = day.children.size() == record->details.children.size();
        if (!no_child_left) return not_applied("the case has no stored calculation to recalculate");
    } else {
        core::circumstance_change change;
        change.effective_date = day.ends_on;
        for (const auto& child : day.children) change.children_leaving.push_back(std::to_string(child.child_number));
        const core::supersession_decision decision = core::decide_supersession(calculation_history(rows), change, rates);
        if (decision.outcome == core::supersession_outcome::superseded) {
            // A calculation already starting that day (another case of the paying parent changed
            // that day too) is amended: the accrual has not charged the day.
            const bool amends = decision.history.back().effective_from == rows.back().effective_from;
            if (const auto charged = charged_through(work, day.for_case); charged && !(*charged < day.ends_on)) {
                return not_applied("the case is charged through " + core::format_iso_date(*charged));
            }
            return with_linked_cases(work, *record, day,
                                     {ending_kind::recalculate, {}, decision.history.back(), {}, amends}, rates);
        }
        if (decision.outcome != core::supersession_outcome::no_qualifying_child_left) {
            return not_applied(decision.detail);
        }
        no_child_left = true;
    }
    if (auto refused = closure_refusal(work, day.for_case, day.ends_on, std::max(business_date, day.ends_on))) {
        return not_applied("the case cannot be closed from that day: " + refused->detail);
    }
    return with_linked_cases(work, *record, day, {ending_kind::close, {}, {}, {}, false}, rates);
}

}  // namespace

qualification_ends_result end_qualifications(persistence::unit_of_work& work, core::civil_date through,
                                             std::optional<core::case_id> only_case, std::int64_t limit,
                                             std::span<const core::calculation_rates> rates,
                                             core::civil_date business_date) {
    qualification_ends_result result;
    for (const case_day& day : grouped(work.cases().waiting_qualification_ends(through, only_case, limit))) {
        const decided_ending ending = decide(work, day, rates, business_date);
        if (ending.kind == ending_kind::not_applied) {
            for (const auto& child : day.children) {
                work.cases().record_qualification_end(child, "not_applied: " + ending.detail, std::nullopt);
            }
            ++result.not_applied;
            continue;
        }
        nlohmann::json request = {{"case_id", day.for_case.value}, {"ends_on", core::format_iso_date(day.ends_on)},
                                  {"child_numbers", nlohmann::json::array()}};
        for (const auto& child : day.children) request["child_numbers"].push_back(child.child_number);
        const std::string key = "end-qualification:" + std::to_string(day.for_case.value) + ":" +
                                core::format_iso_date(day.ends_on);
        const char* outcome = ending.kind == ending_kind::close ? "case_closed" : "recalculated";
        apply_journaled(work, business_date, "end_qualification", request.dump(), command_context{key, "system"},
                        [&](persistence::unit_of_work& unit, core::command_id cause) {
                            if (ending.kind == ending_kind::close) {
                                write_closure(unit, day.for_case, core::closure_reason::no_qualifying_child, day.ends_on,
                                              cause);
                            } else {
                                const auto row =
                                    calculation_row_for(day.for_case, *ending.next, "child_stopped_qualifying", cause);
                                if (ending.amends) {
                                    unit.calculations().amend_calculation(row);
                                } else {
                                    unit.calculations().append_calculation(row);
                                }
                            }
                            write_linked_recalculations(unit, ending.linked, cause);
                            for (const auto& child : day.children) {
                                unit.cases().record_qualification_end(child, outcome, cause);
                            }
                            nlohmann::json answered = request;
                            answered["outcome"] = outcome;
                            if (ending.next) answered["weekly_amount_pence"] = ending.next->result.weekly_amount.pence();
                            return answer{answer_kind::created, answered.dump()};
                        });
        ++(ending.kind == ending_kind::close ? result.closed : result.recalculated);
    }
    return result;
}

qualification_ends_result end_qualifications_through(const transaction_runner& in_transaction, core::civil_date through,
                                                     std::span<const core::calculation_rates> rates,
                                                     core::civil_date business_date) {
    qualification_ends_result total;
    for (;;) {
        qualification_ends_result chunk;
        in_transaction([&](persistence::unit_of_work& work) {
            chunk = end_qualifications(work, through, std::nullopt, qualification_ends_chunk, rates, business_date);
        });
        // Every row read is recorded, so each chunk makes progress and an empty one is the end.
        if (chunk.recalculated + chunk.closed + chunk.not_applied == 0) return total;
        total.recalculated += chunk.recalculated;
        total.closed += chunk.closed;
        total.not_applied += chunk.not_applied;
    }
}

}  // namespace cms::services
