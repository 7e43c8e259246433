#pragma once
/// The application service for parents, cases and payments: check with core rules, persist
/// through the single writer, answer. HTTP handlers, scenario replay and the demo loader all
/// call this with typed commands (services/commands/commands.hpp), so a rule lives in one place
/// whatever the entry point.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/calculation/calculation_policy.hpp"
#include "core/access/authorisation.hpp"
#include "core/cases/case_rules.hpp"
#include "core/cases/closure.hpp"
#include "core/arrears/write_off.hpp"
#include "persistence/arrears_request_repository.hpp"
#include "persistence/calculation_repository.hpp"
#include "persistence/case_repository.hpp"
#include "persistence/job_repository.hpp"
#include "persistence/read_pool.hpp"
#include "persistence/unit_of_work.hpp"
#include "persistence/writer.hpp"
#include "services/clock/business_clock.hpp"
#include "services/commands/commands.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/policy/policy_tables.hpp"

namespace cms::services {

/// GET /v1/cases/{id}: the case with the weekly amount in force, its parents, payments, and the
/// batch failures recorded against it (so no case is ever silently left behind).
struct case_details {
    core::case_record record;
    core::parent_record paying;
    core::parent_record receiving;
    std::vector<persistence::payment_row> payments;
    std::vector<persistence::case_failure> batch_failures;
    std::optional<persistence::case_closure_row> closure;  ///< set once the case is closed
};

/// GET /v1/approvals: a page of requests, and the id to ask from for the next page when full.
struct arrears_request_page {
    std::vector<persistence::arrears_request_row> requests;
    std::optional<std::int64_t> next_after_id;
};

/// GET /v1/cases/{id}/calculation: every stored calculation, oldest first, and the business
/// date that picks the one in force.
struct calculation_history_view {
    core::case_id for_case;
    std::vector<persistence::calculation_row> rows;
    core::civil_date today;
};

/// Listing and search pages (case_listing.cpp): cursor-paginated by id; a full page carries the
/// id to ask after for the next.
inline constexpr std::int64_t listing_page_size_max = 500;

struct payment_page {
    core::case_id for_case;
    std::vector<persistence::payment_row> payments;
    std::optional<std::int64_t> next_after_id;
};

/// GET /v1/cases/{id}/disbursements: what was paid out to the case's receiving parents, by date.
/// Paged by date, so a page never splits one date's rows: it may hold up to
/// receiving_parents_max - 1 rows beyond the limit.
struct disbursement_page {
    core::case_id for_case;
    std::vector<persistence::disbursement_row> disbursements;
    std::optional<core::civil_date> next_after_date;
};

/// GET /v1/payments/{id}: the payment, the legs of its posting (cash received, its allocation,
/// the receiving parent's fee), and its reversal with that posting's legs, if it was reversed.
struct payment_details {
    persistence::payment_row payment;
    std::vector<core::transfer> legs;
    std::optional<persistence::payment_reversal_row> reversal;
    std::vector<core::transfer> reversal_legs;
};

/// A case listing narrowed beyond what the store filters: `arrears_above` keeps only cases whose
/// arrears on the business date (the one definition: core/arrears/case_position.hpp) exceed it.
struct case_search {
    persistence::case_filter filter;
    std::optional<core::money> arrears_above;
};

/// Cases an arrears search looks at per request, at most: arrears are a replay of each case's
/// ledger, not a column, so a page is bounded by work done rather than by matches found.
inline constexpr std::int64_t arrears_search_scanned_max = 2'000;

struct case_page {
    std::vector<persistence::case_summary> cases;
    /// With an arrears search, each listed case's arrears in the same order.
    std::vector<core::money> arrears;
    /// Present when more may follow; with an arrears search a page may then hold fewer than the
    /// limit (even none): ask again after this id.
    std::optional<std::int64_t> next_after_id;
};

/// The last day the monthly accrual has charged the case through, if it has charged any month: a
/// change of its amount from that day or before would leave charged days at the old figure.
std::optional<core::civil_date> charged_through(persistence::read_view& view, core::case_id for_case);

/// Closing a case inside the caller's unit of work (case_closure.cpp), for the closure command and
/// for a case whose last child stops qualifying: why core's closure rule refuses `effective_date`,
/// or nothing; then the closure written (a nil term from that date, the closure row, status).
/// It only reads, so a caller may ask it before sending a closure (a simulated caseworker does).
std::optional<core::rejection> closure_refusal(persistence::read_view& view, core::case_id for_case,
                                               core::civil_date effective_date, core::civil_date business_date);
persistence::case_closure_row write_closure(persistence::unit_of_work& work, core::case_id for_case,
                                            core::closure_reason reason, core::civil_date effective_date,
                                            core::command_id cause);

/// Arrears owed to one receiving parent that a write-off or part payment may settle, as the case's
/// position counts them (arrears_approvals.cpp): what a request is checked against, and what a
/// caller may read before sending one.
core::money arrears_owed(persistence::read_view& view, core::case_id for_case, std::uint8_t slot, core::civil_date as_of,
                         std::span<const core::collection_fee_row> fees);

class case_service {
public:
    /// `calculation_rates` (validated, see policy_tables.hpp) set every case's weekly amount.
    case_service(persistence::writer& writer, persistence::read_pool& readers,
                 const business_clock& clock, core::case_limits limits = {},
                 std::vector<core::calculation_rates> calculation_rates = embedded_calculation_rates(),
                 std::vector<core::collection_fee_row> collection_fees = load_collection_fees(std::nullopt),
                 std::vector<core::apportionment_row> payment_apportionment = load_payment_apportionment(std::nullopt));

    void register_parent(register_parent_command command, const command_context& context, outcome_callback done);
    /// The weekly amount is the statutory calculation of the command's circumstances, stored
    /// with its steps (calculation_service.cpp has the change-of-circumstances commands).
    void open_case(open_case_command command, const command_context& context, outcome_callback done);
    void record_payment(record_payment_command command, const command_context& context, outcome_callback done);
    /// Ends a case from a date (case_closure.cpp).
    void close_case(close_case_command command, const command_context& context, outcome_callback done);
    /// One payment by a paying parent split between their Collect and Pay cases (open, or closed
    /// with something owed) by the apportionment policy in force on its date; each share is a
    /// payment to its case, all under one command (services/payments/parent_payments.cpp).
    void record_parent_payment(record_parent_payment_command command, const command_context& context,
                               outcome_callback done);
    /// Takes a payment back (services/payments/payment_reversal.cpp).
    void reverse_payment(reverse_payment_command command, const command_context& context, outcome_callback done);

    /// Changes of circumstances from an effective date; each supersedes the calculation when
    /// core says the rules act on it (25% income tolerance, shared-care band, status), and is
    /// journaled either way. Defined in calculation_service.cpp.
    void record_income(income_change_command command, const command_context& context, outcome_callback done);
    void record_shared_care(shared_care_change_command command, const command_context& context,
                            outcome_callback done);

    /// Write-offs and part payments (arrears_approvals.cpp): a request is journaled and waits;
    /// a decision by another user whose role may approve (four eyes) approves or rejects it,
    /// and only an approval moves the ledger. `approver_role` is absent without access control,
    /// and then nothing can be approved.
    void request_arrears_action(arrears_request_command command, const command_context& context,
                                outcome_callback done);
    void decide_arrears_request(arrears_decision_command command, std::optional<core::role> approver_role,
                                const command_context& context, outcome_callback done);
    arrears_request_page list_arrears_requests(bool pending_only, std::int64_t after_id, std::int64_t limit);

    query_result<core::parent_record> get_parent(core::parent_id id);
    query_result<payment_page> list_payments(core::case_id id, std::int64_t after_id, std::int64_t limit);
    query_result<payment_details> get_payment(core::payment_id id);
    /// Pay-outs dated after `after_date` (all when absent), oldest first.
    query_result<disbursement_page> list_disbursements(core::case_id id, std::optional<core::civil_date> after_date,
                                                       std::int64_t limit);
    /// Cases matching `filter`; a filter naming a parent that does not exist is not_found.
    query_result<case_page> list_cases(const case_search& search, std::int64_t after_id, std::int64_t limit);
    query_result<case_details> get_case(core::case_id id);
    /// The calculation in force and every past one (calculation_service.cpp).
    query_result<calculation_history_view> get_calculation(core::case_id id);

    const std::vector<core::calculation_rates>& calculation_rates() const { return *calculation_rates_; }
    const core::case_limits& limits() const { return limits_; }

private:
    /// Runs `apply` in the writer under the journal's idempotency rule. `apply` writes the rows
    /// of an accepted command and returns its answer, or throws to refuse it (nothing written).
    using apply_function = std::function<answer(persistence::unit_of_work&, core::command_id)>;
    void submit(const std::string& command_type, std::string request_json, const command_context& context,
                apply_function apply, outcome_callback done);

    persistence::writer& writer_;
    persistence::read_pool& readers_;
    const business_clock& clock_;
    core::case_limits limits_;
    core::write_off_policy write_off_policy_;
    /// Shared with writer work, which may outlive a call.
    std::shared_ptr<const std::vector<core::calculation_rates>> calculation_rates_;
    /// Fee rates (the receiving parent's fee applies when a payment is allocated).
    std::shared_ptr<const std::vector<core::collection_fee_row>> collection_fees_;
    /// How a paying parent's one payment is split between their cases, by date.
    std::shared_ptr<const std::vector<core::apportionment_row>> payment_apportionment_;
};

}  // namespace cms::services
