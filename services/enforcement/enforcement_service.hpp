#pragma once
/// Enforcement actions through the single writer: a caseworker takes a step of the ladder, records
/// what came of it, and reads a case's actions. The rules are core's (core/enforcement/); this
/// gathers the facts they need (service type and arrears on the business date, the case's earlier
/// actions), writes the action and its events, and posts the enforcement charge when an order is
/// made, all in the command's one transaction.
#include <memory>
#include <vector>

#include "core/enforcement/action.hpp"
#include "core/enforcement/escalation.hpp"
#include "core/enforcement/ladder.hpp"
#include "core/ledger/collection_fee_policy.hpp"
#include "persistence/enforcement_repository.hpp"
#include "persistence/read_pool.hpp"
#include "persistence/writer.hpp"
#include "services/clock/business_clock.hpp"
#include "services/commands/commands.hpp"
#include "services/policy/enforcement_policy_loader.hpp"

namespace cms::services {

using persistence::enforcement_action_history;
using persistence::enforcement_action_list;

/// Why the switch `command` asks for would be refused on `business_date` (core::check_service_switch
/// with the case's facts read from `view`), or nothing (service_switching.cpp). The switch
/// command checks with it; it only reads, so a caller may ask before sending one.
std::optional<core::rejection> service_switch_refusal(persistence::read_view& view, const switch_service_command& command,
                                                     core::civil_date business_date,
                                                     std::span<const core::collection_fee_row> fees);

class enforcement_service {
public:
    enforcement_service(persistence::writer& writer, persistence::read_pool& readers, const business_clock& clock,
                        core::enforcement_ladder ladder, std::vector<core::collection_fee_row> collection_fees,
                        std::vector<core::missed_payment_policy> missed_payment_policy = load_missed_payment_policy(std::nullopt),
                        std::vector<core::penalty_rule> penalty_rules = load_penalty_rules(std::nullopt));

    /// Refused with the precondition it fails when the ladder does not allow the step today.
    /// The ladder it applies (loaded at start).
    const core::enforcement_ladder& ladder() const { return *ladder_; }

    void apply_step(apply_enforcement_command command, const command_context& context, outcome_callback done);
    /// Refused when the life cycle has no such move from the action's status.
    void record_event(enforcement_event_command command, const command_context& context, outcome_callback done);
    query_result<enforcement_action_list> list_actions(core::case_id for_case);

    /// A Direct Pay warning notice on the business date (service_switching.cpp).
    void record_warning_notice(warning_notice_command command, const command_context& context, outcome_callback done);
    /// Direct Pay <-> Collect and Pay from a date, refused as core::check_service_switch says.
    void switch_service(switch_service_command command, const command_context& context, outcome_callback done);
    /// A deduction under an active deduction order (order_deductions.cpp): the employer's, cut to
    /// the share of that period's earnings; the bank's, skipped when it would leave the account
    /// below its floor. What was taken is a payment on the case, allocated as any other.
    void record_deduction(deduction_command command, const command_context& context, outcome_callback done);
    /// A financial penalty (imposed_penalties.cpp): checked against the dated rule of its kind,
    /// recorded, and posted as a penalty_imposed transfer on the case's penalty accounts.
    void impose_penalty(penalty_command command, const command_context& context, outcome_callback done);
    /// An arrears agreement from the business date (arrears_agreements.cpp): refused off Collect
    /// and Pay, with nothing in arrears, beside another active agreement or an order applied for
    /// or in force, or when the instalment does not fit the income share. Open proposals are
    /// withdrawn: escalation waits while the agreement is kept.
    void make_arrears_agreement(arrears_agreement_command command, const command_context& context,
                                outcome_callback done);

private:
    persistence::writer& writer_;
    persistence::read_pool& readers_;
    const business_clock& clock_;
    /// Shared with writer work, which may outlive a call.
    std::shared_ptr<const core::enforcement_ladder> ladder_;
    std::shared_ptr<const std::vector<core::collection_fee_row>> collection_fees_;
    std::shared_ptr<const std::vector<core::missed_payment_policy>> missed_payment_policy_;
    std::shared_ptr<const std::vector<core::penalty_rule>> penalty_rules_;
};

}  // namespace cms::services
