#pragma once
/// The ledger seen from a case: posting a received payment (allocated by the policy order),
/// balances and arrears as of a date, and a paginated statement with a running balance.
#include <cstdint>
#include <span>
#include <vector>

#include "core/payments/allocation.hpp"
#include "core/arrears/arrears.hpp"
#include "core/arrears/case_position.hpp"
#include "core/ledger/collection_fee_policy.hpp"
#include "core/ledger/ledger_balances.hpp"
#include "persistence/enforcement_repository.hpp"
#include "persistence/unit_of_work.hpp"

namespace cms::services {

using core::ledger_end;
using core::ledger_epoch;

/// Posts a received payment as one posting caused by its command, dated `received_on`: the cash
/// received, then its allocation (maintenance, then the collection fee, enforcement charges last;
/// the receiving parent's fee kept from maintenance) against what the case owes at that place in
/// the ledger and still owes at every later point (core/payments/settleable.hpp), so a payment
/// received on an accrued date or backdated behind later postings settles nothing twice. What is
/// left over stays unallocated, as credit. Throws if the ledger would break a limit (a bug).
void post_payment(persistence::unit_of_work& work, core::case_id for_case, core::money amount,
                  core::civil_date received_on, core::command_id cause,
                  std::span<const core::collection_fee_row> fee_policy);

/// What a payment received on `received_on` could settle in the case, however large: the
/// maintenance, collection fee and charges due at its place and every later point (the weight a
/// paying parent's payment is split by between their cases: core/payments/apportionment.hpp).
core::money settleable_total(persistence::read_view& view, core::case_id for_case, core::civil_date received_on);

/// The posting post_payment writes, computed but not yet written, so the command can add legs the
/// payment causes (a part-payment agreement it completes) to the same posting.
struct payment_posting {
    std::vector<core::transfer> legs;
    core::case_balances balances;  ///< at the payment's place in the ledger, after `legs`
    core::payment_allocation allocation;
    /// Per receiving parent slot: maintenance still settleable at the payment's place (and every
    /// later point) after its allocation; a write-off the payment causes may take no more.
    std::array<core::money, core::receiving_parents_max> maintenance_settleable_after{};
    core::civil_date received_on;
};
payment_posting prepare_payment(persistence::unit_of_work& work, core::case_id for_case, core::money amount,
                                core::civil_date received_on, core::command_id cause,
                                std::span<const core::collection_fee_row> fee_policy);
/// Appends legs to the posting; throws if they would break a ledger limit (a bug: the command is
/// rolled back).
void add_legs(payment_posting& posting, std::span<const core::transfer> legs);
/// Writes the posting, and lists the case as holding credit when part of the payment waits.
void write_payment(persistence::unit_of_work& work, const payment_posting& posting);
/// Lists the case as holding money for a receiving parent when the legs settle maintenance, so
/// the daily pay-out finds it (payout_job.hpp). Every writer of such legs calls it.
void note_collections(persistence::unit_of_work& work, std::span<const core::transfer> legs);

/// The receiving parent's fee rate on `on`: the fee table's, on a day the case is on Collect and
/// Pay; none on Direct Pay.
core::basis_points receiving_parent_fee_on(persistence::unit_of_work& work, core::case_id for_case, core::civil_date on,
                                           std::span<const core::collection_fee_row> fee_policy);

/// Replays the case's postings with a business date on or before `as_of`.
core::case_balances balances_as_of(persistence::ledger_queries& ledger, core::case_id for_case, core::civil_date as_of);

/// The case's position on `as_of` (core/arrears/case_position.hpp): its balances replayed to that
/// date, and its schedule's instalments due by then and the next one. Every view of a case's
/// figures starts from this.
core::case_position case_position_of(persistence::read_view& view, core::case_id for_case, core::civil_date as_of,
                                     std::span<const core::collection_fee_row> fee_policy,
                                     std::span<const core::ageing_bucket> buckets);

/// GET /v1/cases/{id}/balance: every account's balance, and the case's position (what fell due by
/// the payment plan, and the arrears by creditor, aged into the policy's buckets).
struct case_balance {
    core::case_id for_case;
    core::civil_date as_of;
    core::case_balances balances;
    core::case_position position;
    /// Under an arrears agreement being kept: what the next instalment (included in
    /// position.next_instalment) asks for towards the arrears.
    std::optional<core::money> next_arrears_part;
};
case_balance balance_of(persistence::read_view& view, core::case_id for_case, core::civil_date as_of,
                        std::span<const core::collection_fee_row> fee_policy,
                        std::span<const core::ageing_bucket> buckets);

/// GET /v1/cases/{id}/statement: every leg with a business date in [from, to], oldest first,
/// with the running ledger balance (charged and not yet settled), `page_size` legs a page.
struct statement_page_request {
    core::civil_date from;
    core::civil_date to;
    std::int64_t page = 1;
    std::int64_t page_size = 100;
};
inline constexpr std::int64_t statement_page_size_max = 500;

struct statement_line {
    core::transfer leg;
    core::money balance_after;  ///< charged and not yet settled after this leg
};
/// What happened on the case besides its ledger legs, dated within a statement's range (every
/// page shows all of them: they are few beside the legs): enforcement actions' events and
/// deductions, missed payments, notices, arrears agreements made or ended, and penalties.
struct statement_events {
    std::vector<persistence::enforcement_action_history> actions;  ///< only their events and deductions in range
    std::vector<persistence::missed_payment_row> missed_payments;
    std::vector<persistence::case_notice_row> notices;
    std::vector<persistence::arrears_agreement_row> agreements;  ///< made or ended in range
    std::vector<persistence::penalty_row> penalties;
};

struct statement_page {
    core::case_id for_case;
    statement_page_request request;
    core::money opening_balance;  ///< before `from`
    core::money closing_balance;  ///< after the last leg up to `to`
    std::int64_t lines_total = 0;
    std::vector<statement_line> lines;  ///< this page's
    statement_events events;
};
statement_page statement_of(persistence::ledger_queries& ledger, core::case_id for_case,
                            const statement_page_request& request);

}  // namespace cms::services
