#pragma once
/// What a court decides on an application, drawn in simulation from a dated probability table.
///
/// A caseworker records a real court's decision (action.hpp). A simulation has no court, so the
/// decision on each application still before one is drawn: granted with the table's share for
/// its step, else refused; a sanction that needs a finding (Child Support Act 1991 s39A) is
/// granted on a finding of wilful refusal with the table's share, else of culpable neglect, for
/// the longest period the ladder allows. The decision falls on the day the court's usual lead
/// time ends (ladder.hpp, court_lead_days). No public source gives these shares: they are
/// UNCONFIRMED defaults in schemas/policy/court_outcomes.json, there to be varied.
///
/// The draw is a pure function of (seed, action id): the same seed decides the same application
/// the same way on every run, whatever else the run does, so a simulation is reproducible and a
/// rerun of a decision is a repeat, not a second draw.
#include <cstdint>
#include <optional>
#include <span>

#include "core/common/money.hpp"
#include "core/enforcement/action.hpp"
#include "core/enforcement/ladder.hpp"

namespace cms::core {

struct court_outcome_row {
    enforcement_step step = enforcement_step::liability_order;
    civil_date effective_from{};
    basis_points granted_share;         ///< of applications, granted
    basis_points wilful_refusal_share;  ///< of findings where one is needed, wilful refusal
};

/// The step's row in force on `day` (the latest starting on or before it), or none.
const court_outcome_row* court_outcome_on(std::span<const court_outcome_row> rows, enforcement_step step,
                                          civil_date day);

/// Rows valid: shares within 0..10000, each step's rows on strictly increasing dates.
bool valid_court_outcome_rows(std::span<const court_outcome_row> rows);

/// A uniform draw in 0..9999 from (seed, action id, which draw of the application).
std::int64_t draw_basis_points(std::uint64_t seed, std::int64_t action_id, std::uint32_t draw);

/// The day a court decides an application made on `applied_on` under `rule`.
civil_date decided_on(const ladder_step_rule& rule, civil_date applied_on);

/// The decision, as the outcome a caseworker would record: grant (with a finding and `until` for
/// a sanction that needs them) or refuse, dated decided_on().
action_outcome draw_court_decision(const court_outcome_row& row, const ladder_step_rule& rule, civil_date applied_on,
                                   std::uint64_t seed, std::int64_t action_id);

}  // namespace cms::core
