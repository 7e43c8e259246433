#pragma once
/// A paying parent's cases with different receiving parents share one calculation (domain rules
/// §1.3; Child Support Act 1991 Sch 1 para 6): each case's stored input holds its own children and
/// the children of the parent's other cases on that date (core::calculation_input::
/// other_cases_children), so every case's amount is its children's share of the whole.
///
/// When one case changes from a date (opened, closed, a child stops qualifying, income or shared
/// care), each other open case of the paying parent is worked out again from the same date: the
/// children it counts beside its own, and the parent's circumstances (income and status are the
/// parent's), follow the changed case. Each is a new calculation with reason `linked_case_change`
/// caused by the same command. A case that cannot be recalculated from that date (a later
/// calculation already in force, a day the accrual has already charged) refuses the whole change.
///
/// Cases without a stored calculation (a generated caseload) are neither counted nor recalculated.
#include <optional>
#include <span>
#include <variant>
#include <vector>

#include "core/calculation/supersession.hpp"
#include "core/common/ids.hpp"
#include "core/common/rejection.hpp"
#include "persistence/unit_of_work.hpp"

namespace cms::services {

/// The children of `paying`'s cases other than `excluded` with a calculation in force on `on`,
/// each named "<case id>/<child id>", by case id then child.
std::vector<core::qualifying_child> other_cases_children(persistence::read_view& view, core::parent_id paying,
                                                         core::case_id excluded, core::civil_date on);

struct linked_recalculation {
    core::case_id for_case;
    core::calculation_period next;
    /// The case's calculation already starts that day (two cases opened the same day): it is
    /// amended, which is safe because no accrual has charged the day.
    bool amends = false;
};

/// What `changed` becoming `changed_period` from `from` (closed from `from` when absent) means for
/// `paying`'s other cases open on that day: the new calculations, or why one cannot be made.
std::variant<std::vector<linked_recalculation>, core::rejection> linked_recalculations(
    persistence::read_view& view, core::parent_id paying, core::case_id changed,
    const std::optional<core::calculation_period>& changed_period, core::civil_date from,
    std::span<const core::calculation_rates> rates);

/// Appends each recalculation (and the liability term it starts) with reason linked_case_change.
void write_linked_recalculations(persistence::unit_of_work& work, const std::vector<linked_recalculation>& recalculated,
                                 core::command_id cause);

/// Both, inside a command: throws the refusal (detail::refuse) when a case cannot follow.
void recalculate_linked_cases(persistence::unit_of_work& work, core::parent_id paying, core::case_id changed,
                              const std::optional<core::calculation_period>& changed_period, core::civil_date from,
                              std::span<const core::calculation_rates> rates, core::command_id cause);

}  // namespace cms::services
