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

std::string missing_statement_line(const expectation_facts& facts, const expected_statement_line& line) {
    std::string that_day;
    for (const auto& [code, amount_pence] : facts.statement_legs) {
        if (code == line.code && amount_pence == line.amount_pence) return {};
        that_day += (that_day.empty() ? "" : ", ") + code + " " + std::to_string(amount_pence);
    }
    return "statement line " + core::format_iso_date(line.business_date) + " " + line.code + " " +
           std::to_string(line.amount_pence) + " expected, actual lines that day: " +
           (that_day.empty() ? "none" : that_day);
}

std::string wrong_action_status(const expectation_facts& facts, const expected_action_status& expected,
                                const created_names& created) {
    std::int64_t action_id = expected.action_id;
    if (expected.action_name) {
        const auto id = created_id(*expected.action_name, created);
        if (const auto* why = std::get_if<std::string>(&id)) return *why;
        action_id = std::get<std::int64_t>(id);
    }
    for (const auto& [id, status] : facts.actions) {
        if (id != action_id) continue;
        if (status == expected.status) return {};
        return "action " + std::to_string(action_id) + " status expected " + expected.status + ", actual " + status;
    }
    return "action " + std::to_string(action_id) + " status expected " + expected.status + ", actual none: the case has no such action";
}

std::string missing_disbursement(const expectation_facts& facts, const expected_disbursement& expected) {
    std::string that_day;
    for (const auto& [paid_on, amount_pence] : facts.disbursements) {
        if (paid_on != expected.paid_on) continue;
        if (amount_pence == expected.amount_pence) return {};
        that_day += (that_day.empty() ? "" : ", ") + std::to_string(amount_pence);
    }
    return "disbursement on " + core::format_iso_date(expected.paid_on) + " of " + std::to_string(expected.amount_pence) +
           " expected, actual that day: " + (that_day.empty() ? "none" : that_day);
}

std::string shown(const std::optional<std::int64_t>& figure) {
    return figure ? std::to_string(*figure) : std::string("none");
}

}  // namespace

expectation_facts read_case_facts(persistence::read_view& view, const expectation_policy& policy,
                                  const expectation_step& step) {
    expectation_facts facts;
    if (!view.cases().find_case(step.for_case)) return facts;
    facts.case_found = true;
    const std::optional<enforcement_counts> enforcement = count_enforcement(view, step.for_case);
    const std::optional<core::case_position> position =
        case_position_of(view, step.for_case, step.as_of, policy.fees, policy.ageing_buckets);
    const std::optional<core::case_balances> balances = balances_as_of(view.ledger(), step.for_case, step.as_of);
    const std::optional<core::money> weekly = view.calculations().weekly_amount_in_force(step.for_case, step.as_of);
    for (const std::string_view name : expectation_figure_names) {
        const std::string figure_name(name);
        if (const auto actual = actual_figure(position, balances, weekly, enforcement, figure_name)) {
            facts.figures.emplace(figure_name, *actual);
        }
    }
    if (step.statement_line) {
        const core::civil_date day = step.statement_line->business_date;
        for (const persistence::posting& posting : view.ledger().list_postings(step.for_case, day, day)) {
            for (const core::transfer& leg : posting.legs) facts.statement_legs.emplace_back(core::to_string(leg.code), leg.amount.pence());
        }
    }
    for (const auto& action : view.enforcement().enforcement_actions_of_case(step.for_case)) {
        facts.actions.emplace_back(action.action_id, core::to_string(action.status));
    }
    if (step.disbursement) {
        constexpr std::int64_t page_size = 500;
        std::optional<persistence::disbursement_cursor> after;
        for (;;) {
            const auto page = view.payouts().disbursements_of_case(step.for_case, after, page_size);
            for (const auto& row : page) facts.disbursements.emplace_back(row.paid_on, row.paid.pence());
            if (static_cast<std::int64_t>(page.size()) < page_size) break;
            after = persistence::disbursement_cursor{page.back().paid_on, page.back().receiving_parent_slot};
        }
    }
    return facts;
}

step_result check_expectation(const expectation_step& step, core::case_id for_case, const expectation_facts& facts,
                              std::size_t index, std::vector<figure_result>& figures, const created_names& created) {
    step_result result;
    result.action = "expect";
    result.status = 200;
    if (!facts.case_found) result.detail = "no case " + std::to_string(for_case.value) + "; ";
    for (const expected_figure& expected : step.figures) {
        const auto found = facts.figures.find(expected.name);
        const std::optional<std::int64_t> actual =
            found == facts.figures.end() ? std::nullopt : std::optional<std::int64_t>(found->second);
        figure_result figure{index, expected.name, expected.value, actual};
        if (!figure.passed()) {
            result.passed = false;
            result.detail += expected.name + " expected " + std::to_string(expected.value) + ", actual " +
                             shown(figure.actual) + "; ";
        }
        figures.push_back(std::move(figure));
    }
    std::size_t records = 0;
    if (facts.case_found) {
        std::vector<std::string> missing;
        if (step.statement_line) missing.push_back(missing_statement_line(facts, *step.statement_line));
        if (step.action_status) missing.push_back(wrong_action_status(facts, *step.action_status, created));
        if (step.disbursement) missing.push_back(missing_disbursement(facts, *step.disbursement));
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
        result.detail = "case " + std::to_string(for_case.value) + " as of " + core::format_iso_date(step.as_of) + ": " +
                        std::to_string(step.figures.size()) + " figure(s)" +
                        (records == 0 ? "" : " and " + std::to_string(records) + " record(s)") + " as expected";
    } else {
        result.detail.resize(result.detail.size() - 2);  // the last "; "
    }
    return result;
}

}  // namespace cms::services
