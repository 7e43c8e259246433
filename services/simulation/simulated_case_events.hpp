#pragma once
/// What else happens to a simulated caseload's cases (issue #16 point 2): closures, moves between
/// Direct Pay and Collect and Pay, and arrears written off, each through the service a caseworker
/// uses (case_service's closure and arrears requests, enforcement_service's warning notice and
/// switch), journaled under a key made of the event, the case and the day, so a run that goes on
/// from a stopped one records nothing twice.
///
/// Each day, for each case followed (followed_caseload.hpp), in a fixed order, one draw per event
/// from the run's seed, the event, the case and the day (so a day lived again draws the same),
/// at the yearly chances of the caseload parameters (case_event_parameters), a day's chance the
/// year's 365th:
///   1. closure, for a cause of the mix: a Direct Pay case on any day, a Collect and Pay case on
///      its due dates only (the yearly chance spread over its instalments), after the day's
///      payment, so the instalment just paid covers the days up to the closure and nothing the
///      simulation would have paid falls due after it. First, on Collect and Pay with arrears,
///      a write-off is asked for: arrears under £7 from 26 February 2024 for any cause
///      (small_balance_case_ended, SI 2024/87, no notice), else a death's
///      (receiving_parent_died; paying_parent_died_nothing_recoverable, the estate assumed to
///      yield nothing), 1991 Act s41E. Then the case closes from that day (Sch 1 para 16).
///   2. write-off, a Collect and Pay case with arrears and no write-off waiting: all the arrears
///      owed to the receiving parent, for a reason of the mix that leaves the case open.
///   3. to Direct Pay, a Collect and Pay case with no arrears whose first instalment fell due at
///      least `to_direct_pay_paying_days_min` days before (both parents agree; refused by the
///      service while enforcement is pending).
///   4. non-payment reported, a Direct Pay case whose paying parent would not pay the latest
///      instalment in full by their profile: the warning notice, or, when one was given in the
///      previous 12 months, the move to Collect and Pay (SI 2014/1386 reg 6).
/// A closure or move is sent only when the service's own rule, read first, allows it on the day
/// (a closure or switch may not reach into days the month-end accrual has charged, nor come on
/// the day of another change of terms), so nothing is refused; on a day it would be, the case
/// simply has no such event.
///
/// Write-offs need four eyes: each is asked for by the simulated caseworker and decided by the
/// simulated supervisor once the parents' 30 days for representations have run (reg. 13H; for a
/// small balance, which needs no notice, the next day): approved, or rejected when the arrears
/// have fallen below the amount meanwhile (the parent paid some of them).
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/common/civil_date.hpp"
#include "core/common/splitmix64.hpp"
#include "core/ledger/collection_fee_policy.hpp"
#include "persistence/read_pool.hpp"
#include "persistence/writer.hpp"
#include "services/cases/case_service.hpp"
#include "services/clock/business_clock.hpp"
#include "services/enforcement/enforcement_service.hpp"
#include "services/generation/caseload_parameters.hpp"
#include "services/simulation/followed_caseload.hpp"

namespace cms::services {

/// Journaled and audited as: the caseworker who asks, and the supervisor who decides (four eyes).
inline constexpr const char* simulated_caseworker = "caseworker.simulation";
inline constexpr const char* simulated_supervisor = "supervisor.simulation";

/// The events drawn, each its own stream of the run's seed.
enum class case_event : std::uint8_t { closure = 1, write_off, to_direct_pay, non_payment_reported };

/// The draw for `event` on `for_case` on `day`: the same for the same seed, whatever else the run did.
core::splitmix64 case_event_draw(std::uint64_t seed, case_event event, core::case_id for_case, core::civil_date day);
/// True with a day's share of a yearly chance: `per_year_bp` in 365 x 10,000.
bool happens_today(core::splitmix64& draw, std::int64_t per_year_bp);

struct simulated_case_event_counts {
    std::int64_t closures = 0;            ///< closed by an event (children ageing out are the jobs')
    std::int64_t to_direct_pay = 0;
    std::int64_t warning_notices = 0;
    std::int64_t to_collect_and_pay = 0;
    std::int64_t write_offs_requested = 0;
    std::int64_t write_offs_approved = 0;
    std::int64_t write_offs_rejected = 0;  ///< the arrears fell below the amount during the notice
    std::int64_t written_off_pence = 0;
    std::int64_t refused = 0;              ///< commands the service refused: none unless a pre-check missed a rule
    std::string first_refusal;
};

class simulated_case_events {
public:
    simulated_case_events(persistence::writer& writer, persistence::read_pool& readers, const business_clock& clock,
                          std::uint64_t seed, case_event_parameters parameters,
                          std::vector<core::collection_fee_row> collection_fees);

    /// The simulated caseworker's write-offs still waiting for a decision: a run that goes on from
    /// an earlier one decides those it asked for.
    void load_pending_write_offs();
    /// The day's events for one followed, open case; true when it closed or moved, so the caller
    /// reads it again.
    bool act_on(const followed_case& followed, core::civil_date day);
    /// Decides each waiting write-off asked for before `day` whose notice has run by it. Called
    /// before the day's act_on, so what a case may be asked for today does not depend on whether
    /// its earlier request was decided today: a run that lives the day again after a stop finds
    /// today's decisions made, and must ask for what one run asked for.
    void decide_write_offs(core::civil_date day);

    const simulated_case_event_counts& counts() const { return counts_; }

private:
    struct waiting_write_off {
        std::int64_t request_id = 0;
        core::case_id for_case;
        core::money amount;
        core::civil_date requested_on;
        core::civil_date approvable_from;
    };
    bool on_collect_and_pay(const followed_case& followed, core::civil_date day);
    bool on_direct_pay(const followed_case& followed, core::civil_date day);
    /// Closes the case if the closure rule allows it today, after asking for the write-off its
    /// cause brings; true when it closed.
    bool close(const followed_case& followed, closure_cause cause, core::civil_date day);
    void request_write_off(core::case_id for_case, core::write_off_reason reason, core::money amount, core::civil_date day);
    bool switch_service(core::case_id for_case, core::service_type to, core::service_switch_reason reason,
                        core::civil_date day);
    /// Runs one command and waits for its outcome; a refusal is counted. The answer's body, or nothing.
    std::optional<std::string> run(const std::string& key, const std::function<void(outcome_callback)>& submit);

    persistence::read_pool& readers_;
    std::uint64_t seed_;
    case_event_parameters parameters_;
    std::vector<core::collection_fee_row> fees_;
    case_service cases_;
    enforcement_service enforcement_;
    std::map<std::int64_t, waiting_write_off> waiting_;  ///< by request id: decided in the order asked
    std::set<std::int64_t> cases_waiting_;               ///< case ids with a write-off waiting
    simulated_case_event_counts counts_;
};

}  // namespace cms::services
