#pragma once
/// Supersession of a calculation by a change of income or shared care, or by a child ceasing to
/// qualify (core/cases/qualification.hpp), pure. A change that is
/// acted on closes the period in force the day before its effective date and opens a new
/// period from that date; the old amount stays for the past.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/calculation/calculation.hpp"

namespace cms::core {

/// One stretch of a case's calculation history, half-open [effective_from, effective_to).
struct calculation_period {
    civil_date effective_from;
    std::optional<civil_date> effective_to;
    calculation_input input;      ///< input.business_date == effective_from
    calculation_result result;
};

struct shared_care_change {
    std::string child_id;
    int shared_care_nights = 0;
};

struct circumstance_change {
    civil_date effective_date;
    std::optional<money> new_gross_weekly_income;
    std::vector<shared_care_change> shared_care;
    /// Income from the annual review (reg 19-20): acted on whenever it differs, without the
    /// 25% tolerance that applies to changes reported between reviews (reg 23).
    bool annual_review = false;
    /// Children (by id) who stop qualifying from the effective date: they leave the calculation,
    /// and the amount is worked out again for those who remain.
    std::vector<std::string> children_leaving;
    /// The paying parent's circumstances as decided on another of their cases: income and status
    /// are the parent's, not a case's, so every case of theirs follows (acted on when different).
    std::optional<paying_parent_circumstances> paying_parent;
    /// The children of the paying parent's other cases from the effective date (a case opened,
    /// closed or recalculated beside this one): acted on whenever the list differs.
    std::optional<std::vector<qualifying_child>> other_cases_children;
};

enum class supersession_outcome {
    superseded,
    income_change_below_tolerance,
    no_shared_care_band_change,
    no_change,
    no_calculation_history,
    before_initial_effective_date,
    /// The change is dated before the latest period starts. Re-deciding later periods is the
    /// caller's job (replay the changes in date order), so it is refused rather than guessed.
    earlier_than_latest_period,
    unknown_child,
    no_policy_in_force,
    calculation_rejected,
    /// Every child has left: nothing is calculated, and the case ends (a closure, not a period).
    no_qualifying_child_left,
};

struct supersession_decision {
    supersession_outcome outcome = supersession_outcome::no_change;
    std::string detail;
    /// The history after the decision: unchanged unless superseded, in which case the last
    /// period ends at the effective date (or is replaced when it starts that same day) and a new
    /// open-ended period follows.
    std::vector<calculation_period> history;
    std::optional<calculation_rejection> rejection;   ///< set for calculation_rejected
};

/// Decides whether `change` supersedes the latest period of `history` (ordered, last one
/// open-ended), using the policy row in force on the change's effective date for the tolerance,
/// the shared-care bands and the new calculation. Of a combined change only the parts that are
/// acted on are applied (e.g. a band change with a sub-tolerance income change keeps the old
/// income).
supersession_decision decide_supersession(const std::vector<calculation_period>& history,
                                          const circumstance_change& change,
                                          std::span<const calculation_rates> policy_rows);

const char* to_string(supersession_outcome outcome);

}  // namespace cms::core
