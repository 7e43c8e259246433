#pragma once
/// The application service for parents, cases and payments: parse, check with core rules,
/// persist through the single writer, answer. HTTP handlers and the demo loader both call this,
/// so a rule lives in one place whatever the entry point.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/calculation/calculation_policy.hpp"
#include "core/access/authorisation.hpp"
#include "core/cases/case_rules.hpp"
#include "core/arrears/write_off.hpp"
#include "persistence/read_pool.hpp"
#include "persistence/writer.hpp"
#include "services/runtime/business_clock.hpp"
#include "services/commands/command_outcome.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/policy/policy_tables.hpp"

namespace cms::services {

/// Who sent a command and under which client-supplied key.
struct command_context {
    std::string idempotency_key;
    std::string actor;
};

/// Called exactly once with the outcome; may run on the writer thread, so it must only hand
/// the outcome on (e.g. post it to the connection's executor).
using outcome_callback = std::function<void(command_outcome)>;

class case_service {
public:
    /// `calculation_rates` (validated, see policy_tables.hpp) set every case's weekly amount.
    case_service(persistence::writer& writer, persistence::read_pool& readers,
                 const business_clock& clock, core::case_limits limits = {},
                 std::vector<core::calculation_rates> calculation_rates = embedded_calculation_rates(),
                 std::vector<core::collection_fee_row> collection_fees = load_collection_fees(std::nullopt));

    void register_parent(const nlohmann::json& body, const command_context& context,
                         outcome_callback done);
    /// The weekly amount is the statutory calculation of the body's circumstances, stored with
    /// its steps (calculation_service.cpp has the change-of-circumstances commands).
    void open_case(const nlohmann::json& body, const command_context& context, outcome_callback done);
    void record_payment(core::case_id for_case, const nlohmann::json& body,
                        const command_context& context, outcome_callback done);

    /// Changes of circumstances from an effective date; each supersedes the calculation when
    /// core says the rules act on it (25% income tolerance, shared-care band, status), and is
    /// journaled either way. Defined in calculation_service.cpp.
    void record_income(core::case_id for_case, const nlohmann::json& body, const command_context& context,
                       outcome_callback done);
    void record_shared_care(core::case_id for_case, const nlohmann::json& body, const command_context& context,
                            outcome_callback done);

    /// Write-offs and part payments (arrears_approvals.cpp): a request is journaled and waits;
    /// a decision by another user whose role may approve (four eyes) approves or rejects it,
    /// and only an approval moves the ledger. `approver_role` is absent without access control,
    /// and then nothing can be approved.
    void request_arrears_action(core::case_id for_case, core::approval_kind kind, const nlohmann::json& body,
                                const command_context& context, outcome_callback done);
    void decide_arrears_request(std::int64_t request_id, bool approve, std::optional<core::role> approver_role,
                                const nlohmann::json& body, const command_context& context, outcome_callback done);
    command_outcome list_arrears_requests(bool pending_only, std::int64_t after_id, std::int64_t limit);

    command_outcome get_parent(core::parent_id id);
    command_outcome get_case(core::case_id id);
    /// The calculation in force and every past one (calculation_service.cpp).
    command_outcome get_calculation(core::case_id id);

    const std::vector<core::calculation_rates>& calculation_rates() const { return *calculation_rates_; }

private:
    /// Runs `apply` in the writer under the journal's idempotency rule. `apply` writes the rows
    /// of an accepted command and returns its outcome, or throws to refuse it (nothing written).
    using apply_function = std::function<command_outcome(persistence::unit_of_work&, core::command_id)>;
    void submit(const std::string& command_type, nlohmann::json canonical_request,
                const command_context& context, apply_function apply, outcome_callback done);

    persistence::writer& writer_;
    persistence::read_pool& readers_;
    const business_clock& clock_;
    core::case_limits limits_;
    core::write_off_policy write_off_policy_;
    /// Shared with writer work, which may outlive a call.
    std::shared_ptr<const std::vector<core::calculation_rates>> calculation_rates_;
    /// Fee rates (the receiving parent's fee applies when a payment is allocated).
    std::shared_ptr<const std::vector<core::collection_fee_row>> collection_fees_;
};

}  // namespace cms::services
