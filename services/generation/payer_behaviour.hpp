#pragma once
/// How a generated paying parent behaves, and what they pay of each instalment (issue #16: the
/// generator draws a profile per case from the parameter file's mix; `cms simulate-caseload`
/// makes the payments from it). A simulation's assumption, not a rule of the service: the
/// published statistics give the shares of paying parents who pay nothing, some, or nearly all
/// of what is due in a quarter (GOV.UK, "Child Maintenance Service statistics"), and the mix of
/// behaviours is fitted to reproduce them.
///
/// Pure and deterministic: every random draw was made when the profile was generated, so the
/// same profile gives the same payments, and a simulation can be stopped and resumed.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/cases/case_records.hpp"
#include "core/common/civil_date.hpp"
#include "core/common/money.hpp"

namespace cms::services {

/// Stored by name; never rename one.
enum class payer_behaviour : std::uint8_t {
    pays_on_time = 1,        ///< every instalment in full on its due date
    pays_late,               ///< every instalment in full, `days_late` days after it is due
    pays_part,               ///< `paid_share_bp` of every instalment, on its due date
    stops_paying,            ///< in full for `instalments_before_stopping` instalments, then nothing
    never_pays,              ///< nothing, whatever happens
    pays_under_enforcement,  ///< nothing until an enforcement action is in force, then in full
};
inline constexpr std::size_t payer_behaviour_count = 6;
std::string_view to_string(payer_behaviour behaviour);
std::optional<payer_behaviour> parse_payer_behaviour(std::string_view text);

/// What the generator draws for a case beyond the case itself: the behaviour and its
/// parameters, how the parent pays, and what the enforcement ladder's first rungs need
/// (an employer for a deduction from earnings order, an account for a deduction order).
struct payer_profile {
    payer_behaviour behaviour = payer_behaviour::pays_on_time;
    std::int32_t days_late = 0;                    ///< pays_late: 1..
    std::int32_t paid_share_bp = 10'000;           ///< pays_part: 1..9,999 basis points
    std::int32_t instalments_before_stopping = 0;  ///< stops_paying: 0..
    core::payment_method method = core::payment_method::standing_order;
    bool employed = false;
    core::money net_weekly_earnings;  ///< when employed: what a deduction order is made against
    bool has_bank_account = false;
    friend bool operator==(const payer_profile&, const payer_profile&) = default;
};

/// A profile whose parameters fit its behaviour; the reason otherwise ("days_late: ...").
std::optional<std::string_view> check_payer_profile(const payer_profile& profile);

struct instalment_payment {
    core::civil_date received_on;
    core::money amount;
};

/// What the parent pays of instalment `index` (0 the first), due on `due_on` for `due`:
/// nothing, or an amount received on a day. `enforcement_in_force`: an enforcement action is in
/// force on the case on the day it falls due (pays_under_enforcement pays from then; the other
/// behaviours ignore it, because a deduction order takes its money from the employer or bank
/// instead). A part payment is rounded down to the penny: the parent pays no more than the
/// share (rounding::toward_zero).
std::optional<instalment_payment> payment_for_instalment(const payer_profile& profile, std::int64_t index,
                                                         core::civil_date due_on, core::money due,
                                                         bool enforcement_in_force);

}  // namespace cms::services
