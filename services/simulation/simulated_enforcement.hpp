#pragma once
/// The enforcement of a simulated caseload (issue #16 point 2): what caseworkers, courts,
/// employers and banks would do, through the same enforcement service and life cycle as the API.
///
/// - A proposal of the daily close is acted on the day after it is made, as a caseworker would:
///   the proposal is withdrawn and the step the paying parent's circumstances allow is applied
///   for instead (core/enforcement/ladder.hpp): a deduction from earnings order when they are
///   employed (their profile's earnings, paid on the case's schedule), else a regular deduction
///   order when they have an account, else a liability order, saying why deductions cannot work.
///   A proposal of a later rung (a liability order after a deduction order failed, enforcement
///   agents under a granted one) is applied as proposed.
/// - Courts decide applications with the seeded outcome table (court_simulation.hpp).
/// - Employers and banks pay over a deduction on each of the case's due dates while a deduction
///   order is active, except that on each due date the order fails with the chance the caseload
///   parameters give (the parent left the job, the account is empty: `deduction_order_fails_bp`,
///   drawn from the seed, the action and the day), recorded as the order's `fail` outcome, after
///   which the daily close proposes the next rung. An account that has money is assumed to hold
///   enough above its floor (`simulated_account_balance_pence`).
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "core/common/civil_date.hpp"
#include "core/common/ids.hpp"
#include "persistence/read_pool.hpp"
#include "persistence/writer.hpp"
#include "services/clock/business_clock.hpp"
#include "services/enforcement/enforcement_service.hpp"
#include "services/generation/payer_behaviour.hpp"

namespace cms::services {

/// The balance a simulated bank reports when a regular deduction is taken: enough above the
/// floor for any instalment of the generated caseload (an assumption: the DWP publishes no
/// account balances).
inline constexpr std::int64_t simulated_account_balance_pence = 500'000;

/// A followed case's paying parent as enforcement sees them: their profile, and the pay cycle
/// their case's schedule follows (an employer's pay days).
struct simulated_payer {
    const payer_profile* profile = nullptr;
    core::payment_frequency pay_frequency = core::payment_frequency::monthly;
};

struct simulated_enforcement_counts {
    std::int64_t applied = 0;             ///< steps applied for or made
    std::int64_t refused = 0;             ///< applications or deductions the service refused
    std::string first_refusal;
    std::int64_t deductions = 0;          ///< deductions paid over under orders
    std::int64_t orders_failed = 0;       ///< deduction orders that failed on a due date
    std::int64_t court_granted = 0;
    std::int64_t court_refused = 0;
};

class simulated_enforcement {
public:
    simulated_enforcement(persistence::writer& writer, persistence::read_pool& readers, const business_clock& clock,
                          std::uint64_t seed, std::int64_t deduction_order_fails_bp,
                          std::vector<core::collection_fee_row> collection_fees);

    /// Applies a step for each proposal open on a case `payer_of` knows (a null profile for others).
    void act_on_proposals(core::civil_date day, const std::function<simulated_payer(core::case_id)>& payer_of);
    /// Reads the actions not yet final of the cases `followed` names, a page of actions a range
    /// read: a run that goes on from an earlier one must know the orders that one made.
    void load_open_actions(const std::function<bool(core::case_id)>& followed);
    /// Court decisions whose day has come.
    void decide_applications(core::civil_date day);
    /// An enforcement action in force on the case (granted or active).
    bool in_force(core::case_id case_id) const;
    /// A deduction order active on the case: its deductions replace the parent's own payments.
    bool deducting(core::case_id case_id) const;
    /// The employer's or bank's deduction on a due date of a case that is deducting.
    void take_deduction(core::case_id case_id, core::civil_date day, const simulated_payer& payer);

    const simulated_enforcement_counts& counts() const { return counts_; }

private:
    struct order_in_force {
        std::int64_t action_id = 0;
        core::enforcement_step step = core::enforcement_step::liability_order;
        core::action_status status = core::action_status::applied_for;
    };
    bool run(const std::string& key, const std::function<void(outcome_callback)>& submit);
    void refresh(core::case_id case_id);

    persistence::read_pool& readers_;
    const business_clock& clock_;
    std::uint64_t seed_;
    std::int64_t deduction_order_fails_bp_;
    enforcement_service enforcement_;
    std::vector<core::court_outcome_row> court_outcomes_;
    /// Per case, its actions that are not final, as last read.
    std::map<std::int64_t, std::vector<order_in_force>> actions_;
    simulated_enforcement_counts counts_;
};

}  // namespace cms::services
