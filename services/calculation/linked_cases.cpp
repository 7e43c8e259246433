#include "services/calculation/linked_cases.hpp"

#include <string>

#include "services/cases/case_service.hpp"
#include "services/commands/command_refusal.hpp"
#include "services/wire/stored_calculation.hpp"

namespace cms::services {

namespace {

/// One case of the paying parent as the apportionment sees it.
struct member {
    core::case_id id;
    core::civil_date opened_on;
    std::optional<core::civil_date> closed_from;
    std::vector<core::calculation_period> history;  ///< stored, oldest first; never empty
};

bool open_on(const member& one, core::civil_date day) {
    return !(day < one.opened_on) && (!one.closed_from || day < *one.closed_from);
}

/// The children of the period in force on `day` (the first period's before it starts).
const std::vector<core::qualifying_child>& children_on(const member& one, core::civil_date day) {
    const core::calculation_period* in_force = &one.history.front();
    for (const auto& period : one.history) {
        if (!(day < period.effective_from)) in_force = &period;
    }
    return in_force->input.children;
}

std::vector<member> members_of(persistence::read_view& view, core::parent_id paying) {
    std::vector<member> members;
    for (const persistence::case_summary& summary : view.cases().cases_of_paying_parent(paying)) {
        const auto rows = view.calculations().list_calculations(summary.id);
        if (rows.empty()) continue;
        member one{summary.id, summary.opened_on, std::nullopt, calculation_history(rows)};
        if (const auto closure = view.cases().find_case_closure(summary.id)) one.closed_from = closure->effective_date;
        members.push_back(std::move(one));
    }
    return members;
}

std::vector<core::qualifying_child> children_beside(const std::vector<member>& members, core::case_id excluded,
                                                    core::civil_date on) {
    std::vector<core::qualifying_child> children;
    for (const member& other : members) {
        if (other.id == excluded || !open_on(other, on)) continue;
        for (core::qualifying_child child : children_on(other, on)) {
            child.id = std::to_string(other.id.value) + "/" + child.id;
            children.push_back(std::move(child));
        }
    }
    return children;
}

}  // namespace

std::vector<core::qualifying_child> other_cases_children(persistence::read_view& view, core::parent_id paying,
                                                         core::case_id excluded, core::civil_date on) {
    return children_beside(members_of(view, paying), excluded, on);
}

std::variant<std::vector<linked_recalculation>, core::rejection> linked_recalculations(
    persistence::read_view& view, core::parent_id paying, core::case_id changed,
    const std::optional<core::calculation_period>& changed_period, core::civil_date from,
    std::span<const core::calculation_rates> rates) {
    std::vector<member> members = members_of(view, paying);
    // The changed case as it is from `from` on, whatever is stored for it yet.
    for (member& one : members) {
        if (one.id != changed) continue;
        if (changed_period) {
            one.history = {*changed_period};
            one.closed_from.reset();
        } else {
            one.closed_from = from;
        }
    }
    std::vector<linked_recalculation> recalculated;
    for (const member& other : members) {
        if (other.id == changed || !open_on(other, from)) continue;
        core::circumstance_change change;
        change.effective_date = from;
        change.other_cases_children = children_beside(members, other.id, from);
        if (changed_period) change.paying_parent = changed_period->input.paying_parent;
        const core::supersession_decision decision = core::decide_supersession(other.history, change, rates);
        const std::string which = "case " + std::to_string(other.id.value) + " of the same paying parent";
        if (decision.outcome == core::supersession_outcome::no_change) continue;
        if (decision.outcome != core::supersession_outcome::superseded) {
            return core::rejection{core::rejection_code::conflicting_state, "effective_date",
                                   which + " cannot be recalculated from " + core::format_iso_date(from) + ": " +
                                       decision.detail};
        }
        if (const auto charged = charged_through(view, other.id); charged && !(*charged < from)) {
            return core::rejection{core::rejection_code::conflicting_state, "effective_date",
                                   which + " is charged through " + core::format_iso_date(*charged) +
                                       ", so its amount cannot change from " + core::format_iso_date(from)};
        }
        const bool amends = decision.history.back().effective_from == other.history.back().effective_from;
        recalculated.push_back({other.id, decision.history.back(), amends});
    }
    return recalculated;
}

void write_linked_recalculations(persistence::unit_of_work& work, const std::vector<linked_recalculation>& recalculated,
                                 core::command_id cause) {
    for (const linked_recalculation& one : recalculated) {
        const auto row = calculation_row_for(one.for_case, one.next, "linked_case_change", cause);
        if (one.amends) {
            work.calculations().amend_calculation(row);
        } else {
            work.calculations().append_calculation(row);
        }
    }
}

void recalculate_linked_cases(persistence::unit_of_work& work, core::parent_id paying, core::case_id changed,
                              const std::optional<core::calculation_period>& changed_period, core::civil_date from,
                              std::span<const core::calculation_rates> rates, core::command_id cause) {
    auto planned = linked_recalculations(work, paying, changed, changed_period, from, rates);
    if (const auto* refused = std::get_if<core::rejection>(&planned)) detail::refuse(*refused);
    write_linked_recalculations(work, std::get<std::vector<linked_recalculation>>(planned), cause);
}

}  // namespace cms::services
