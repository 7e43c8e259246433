#include "services/replay/scenario_expectations.hpp"

#include "persistence/read_pool.hpp"
#include "services/ledger/ledger_service.hpp"

namespace cms::services {

namespace {

/// Counts of a case's enforcement, as of the step's business date.
struct enforcement_counts {
    std::int64_t missed_payments = 0;
    std::int64_t proposed_actions = 0;
    std::int64_t actions_in_force = 0;
    std::int64_t active_agreements = 0;
    std::int64_t broken_agreements = 0;
    std::int64_t employer_deduction_notices = 0;
};

enforcement_counts count_enforcement(persistence::read_view& view, core::case_id for_case) {
    enforcement_counts counts;
    counts.missed_payments = static_cast<std::int64_t>(view.enforcement().missed_payments_of_case(for_case).size());
    for (const auto& action : view.enforcement().enforcement_actions_of_case(for_case)) {
        if (action.status == core::action_status::proposed) ++counts.proposed_actions;
        if (core::in_force(action.status)) ++counts.actions_in_force;
    }
    for (const auto& agreement : view.enforcement().arrears_agreements_of_case(for_case)) {
        if (agreement.status == core::arrears_agreement_status::active) ++counts.active_agreements;
        if (agreement.status == core::arrears_agreement_status::broken) ++counts.broken_agreements;
    }
    for (const auto& notice : view.enforcement().case_notices_of_case(for_case)) {
        if (notice.kind == core::case_notice::employer_deduction_missed) ++counts.employer_deduction_notices;
    }
    return counts;
}

/// A figure of the case's position, or the weekly amount in force; none when the case has no
/// such figure (no case, no schedule yet for the arrears figures).
std::optional<std::int64_t> actual_figure(const std::optional<core::case_position>& position,
                                          const std::optional<core::case_balances>& balances,
                                          const std::optional<core::money>& weekly,
                                          const std::optional<enforcement_counts>& enforcement, const std::string& name) {
    if (name == "weekly_amount_pence") return weekly ? std::optional(weekly->pence()) : std::nullopt;
    if (name == "missed_payments") return enforcement ? std::optional(enforcement->missed_payments) : std::nullopt;
    if (name == "proposed_actions") return enforcement ? std::optional(enforcement->proposed_actions) : std::nullopt;
    if (name == "actions_in_force") return enforcement ? std::optional(enforcement->actions_in_force) : std::nullopt;
    if (name == "active_arrears_agreements") {
        return enforcement ? std::optional(enforcement->active_agreements) : std::nullopt;
    }
    if (name == "broken_arrears_agreements") {
        return enforcement ? std::optional(enforcement->broken_agreements) : std::nullopt;
    }
    if (name == "employer_deduction_notices") {
        return enforcement ? std::optional(enforcement->employer_deduction_notices) : std::nullopt;
    }
    if (!position || !balances) return std::nullopt;
    if (name == "paid_out_pence") return balances->balance({core::account_kind::cash_paid_out, 0}).pence();
    if (name == "recoverable_pence") return balances->recoverable_total().pence();
    if (name == "penalties_due_pence") return balances->balance({core::account_kind::penalties_due, 0}).pence();
    if (name == "enforcement_charges_due_pence") {
        return balances->balance({core::account_kind::enforcement_charges_due, 0}).pence();
    }
    if (name == "held_for_receiving_parents_pence") {
        core::money held;
        for (std::uint8_t slot = 0; slot < core::receiving_parents_max; ++slot) {
            held += balances->held_for_receiving_parent(slot);
        }
        return held.pence();
    }
    if (name == "due_pence") return position->due.pence();
    if (name == "due_today_pence") return position->due_today.pence();
    if (name == "paid_pence") return position->paid.pence();
    if (name == "credit_pence") return position->credit.pence();
    if (name == "ledger_balance_pence") return position->balance.pence();
    if (!position->arrears) return std::nullopt;
    const core::arrears_by_creditor& arrears = *position->arrears;
    if (name == "arrears_pence") return arrears.total.pence();
    if (name == "maintenance_arrears_pence") return arrears.maintenance.pence();
    if (name == "state_arrears_pence") return arrears.owed_to_state().pence();
    if (name == "days_overdue") return arrears.days_overdue;
    return std::nullopt;
}

/// Whether the case's postings of the line's date hold a leg of its code and amount; if not,
/// what they do hold, so the tester sees the nearest miss.
std::string missing_statement_line(persistence::read_view& view, core::case_id for_case,
                                   const expected_statement_line& line) {
    std::string that_day;
    for (const persistence::posting& posting : view.ledger().list_postings(for_case, line.business_date, line.business_date)) {
        for (const core::transfer& leg : posting.legs) {
            if (core::to_string(leg.code) == line.code && leg.amount.pence() == line.amount_pence) return {};
            that_day += (that_day.empty() ? "" : ", ") + std::string(core::to_string(leg.code)) + " " +
                        std::to_string(leg.amount.pence());
        }
    }
    return "statement line " + core::format_iso_date(line.business_date) + " " + line.code + " " +
           std::to_string(line.amount_pence) + " expected, actual lines that day: " +
           (that_day.empty() ? "none" : that_day);
}

std::string wrong_action_status(persistence::read_view& view, core::case_id for_case,
                                const expected_action_status& expected, const created_names& created) {
    std::int64_t action_id = expected.action_id;
    if (expected.action_name) {
        const auto id = created_id(*expected.action_name, created);
        if (const auto* why = std::get_if<std::string>(&id)) return *why;
        action_id = std::get<std::int64_t>(id);
    }
    for (const auto& action : view.enforcement().enforcement_actions_of_case(for_case)) {
        if (action.action_id != action_id) continue;
        if (core::to_string(action.status) == expected.status) return {};
        return "action " + std::to_string(action_id) + " status expected " + expected.status + ", actual " +
               std::string(core::to_string(action.status));
    }
    return "action " + std::to_string(action_id) + " status expected " + expected.status + ", actual none: the case has no such action";
}

std::string missing_disbursement(persistence::read_view& view, core::case_id for_case, const expected_disbursement& expected) {
    constexpr std::int64_t page_size = 500;
    std::string that_day;
    std::optional<persistence::disbursement_cursor> after;
    for (;;) {
        const auto page = view.payouts().disbursements_of_case(for_case, after, page_size);
        for (const auto& row : page) {
            if (row.paid_on != expected.paid_on) continue;
            if (row.paid.pence() == expected.amount_pence) return {};
            that_day += (that_day.empty() ? "" : ", ") + std::to_string(row.paid.pence());
        }
        if (static_cast<std::int64_t>(page.size()) < page_size) break;
        after = persistence::disbursement_cursor{page.back().paid_on, page.back().receiving_parent_slot};
    }
    return "disbursement on " + core::format_iso_date(expected.paid_on) + " of " + std::to_string(expected.amount_pence) +
           " expected, actual that day: " + (that_day.empty() ? "none" : that_day);
}

std::string shown(const std::optional<std::int64_t>& figure) {
    return figure ? std::to_string(*figure) : std::string("none");
}

}  // namespace

step_result run_expectation_step(persistence::read_pool& readers, const expectation_policy& policy,
                                 const expectation_step& named, std::size_t index, std::vector<figure_result>& figures,
                                 const created_names& created) {
    step_result result;
    result.action = "expect";
    result.status = 200;
    const auto for_case = case_expected(named, created);
    if (const auto* why = std::get_if<std::string>(&for_case)) {
        result.passed = false;
        result.detail = *why;
        return result;
    }
    expectation_step step = named;
    step.for_case = std::get<core::case_id>(for_case);
    // Every figure from one committed state.
    auto session = readers.borrow(persistence::read_consistency::snapshot);
    std::optional<core::case_position> position;
    std::optional<core::case_balances> balances;
    std::optional<core::money> weekly;
    std::optional<enforcement_counts> enforcement;
    if (session->cases().find_case(step.for_case)) {
        enforcement = count_enforcement(*session, step.for_case);
        position = case_position_of(*session, step.for_case, step.as_of, policy.fees, policy.ageing_buckets);
        balances = balances_as_of(session->ledger(), step.for_case, step.as_of);
        weekly = session->calculations().weekly_amount_in_force(step.for_case, step.as_of);
    } else {
        result.detail = "no case " + std::to_string(step.for_case.value) + "; ";
    }
    for (const expected_figure& expected : step.figures) {
        figure_result figure{index, expected.name, expected.value, actual_figure(position, balances, weekly, enforcement, expected.name)};
        if (!figure.passed()) {
            result.passed = false;
            result.detail += expected.name + " expected " + std::to_string(expected.value) + ", actual " +
                             shown(figure.actual) + "; ";
        }
        figures.push_back(std::move(figure));
    }
    std::size_t records = 0;
    if (position) {
        std::vector<std::string> missing;
        if (step.statement_line) missing.push_back(missing_statement_line(*session, step.for_case, *step.statement_line));
        if (step.action_status) missing.push_back(wrong_action_status(*session, step.for_case, *step.action_status, created));
        if (step.disbursement) missing.push_back(missing_disbursement(*session, step.for_case, *step.disbursement));
        records = missing.size();
        for (const std::string& why : missing) {
            if (why.empty()) continue;
            result.passed = false;
            result.detail += why + "; ";
        }
    } else if (step.statement_line || step.action_status || step.disbursement) {
        result.passed = false;
    }
    if (result.passed) {
        result.detail = "case " + std::to_string(step.for_case.value) + " as of " + core::format_iso_date(step.as_of) +
                        ": " + std::to_string(step.figures.size()) + " figure(s)" +
                        (records == 0 ? "" : " and " + std::to_string(records) + " record(s)") + " as expected";
    } else {
        result.detail.resize(result.detail.size() - 2);  // the last "; "
    }
    return result;
}

}  // namespace cms::services
