#pragma once
/// Parents, cases, children, liability terms and payments: what a case command reads and writes.
/// Part of the persistence interface (persistence/README.md): typed in core terms, no database
/// type or query text, so any back end can implement it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/cases/case_records.hpp"
#include "core/cases/closure.hpp"
#include "core/payments/reversal.hpp"
#include "core/payments/schedule.hpp"

namespace cms::persistence {

struct payment_row {
    core::payment_id id;
    core::new_payment details;
    core::command_id recorded_by;  ///< the record_payment command, which caused its ledger posting
    std::optional<core::civil_date> reversed_on;  ///< when it was taken back, if it was
};

/// A payment taken back, and why (migration 0012).
struct payment_reversal_row {
    core::payment_id payment;
    core::case_id for_case;
    core::reversal_reason reason = core::reversal_reason::bounced_direct_debit;
    std::string note;
    core::civil_date reversed_on;
    core::money amount;
    core::command_id reversed_by;
};

/// Why and from when a case was closed (migration 0013).
struct case_closure_row {
    core::case_id for_case;
    core::closure_reason reason = core::closure_reason::receiving_parent_asked;
    core::civil_date effective_date;
    core::command_id closed_by;
};

/// A case as a listing shows it (GET /v1/cases, /v1/parents/{id}/cases).
struct case_summary {
    core::case_id id;
    core::parent_id paying_parent;
    core::parent_id receiving_parent;
    core::service_type service = core::service_type::collect_and_pay;
    std::string status;  ///< open or closed
    core::civil_date opened_on;
};

/// The day a child of a case stops qualifying (core/cases/qualification.hpp), while it waits.
struct qualification_end {
    core::case_id for_case;
    int child_number = 1;  ///< 1-based, as the case's children are numbered
    core::civil_date ends_on;
};

/// What a case listing is narrowed to; every field left out matches every case.
struct case_filter {
    std::optional<std::string> status;
    std::optional<core::service_type> service;
    std::optional<core::parent_id> parent;  ///< as the paying or the receiving parent
};

/// What `cms generate` drew for a generated case's paying parent (migration 0025): persistence's
/// own row of services' payer_profile (services/generation/payer_behaviour.hpp), the behaviour
/// by its stored name, converted there.
struct payer_profile_row {
    core::case_id for_case;  ///< on insert, ignored: the case written with it
    std::string behaviour;   ///< pays_on_time, pays_late, pays_part, stops_paying, never_pays, pays_under_enforcement
    std::int32_t days_late = 0;
    std::int32_t paid_share_bp = 10'000;
    std::int32_t instalments_before_stopping = 0;
    core::payment_method method = core::payment_method::standing_order;
    bool employed = false;
    core::money net_weekly_earnings;
    bool has_bank_account = false;
    friend bool operator==(const payer_profile_row&, const payer_profile_row&) = default;
};

struct generated_child {
    std::string name;
    core::civil_date born;  ///< under 16 throughout: qualifies until the 16th birthday, no education recorded
};

/// One synthetic case with its two parents, its children, first liability term, payment schedule,
/// opening calculation and payer profile, written in bulk by the caseload generator under one
/// journal entry: the parents first (insert_generated_parents), so the calculation can name the
/// receiving parent by id as a case's stored calculation does, then the rest.
struct generated_case {
    std::string paying_name;
    core::civil_date paying_born;
    std::string receiving_name;
    core::civil_date receiving_born;
    std::vector<generated_child> children;  ///< eldest first; at least one
    std::string local_authority_code;       ///< of both parents
    core::service_type service = core::service_type::collect_and_pay;
    core::money weekly_amount;
    core::civil_date opened_on;
    core::payment_frequency frequency = core::payment_frequency::monthly;
    core::civil_date first_due_date;  ///< a monthly schedule's anchor is this day
    /// The opening calculation as a case's calculations row keeps it (reason case_opened, from
    /// opened_on): the rate's name, the request and the result as JSON text made by services.
    std::string calculation_rate;
    std::string calculation_input_json;
    std::string calculation_result_json;
    payer_profile_row profile;
    core::command_id cause;
};

struct generated_parents {
    core::parent_id paying;
    core::parent_id receiving;
};

class case_queries {
public:
    virtual ~case_queries() = default;
    virtual std::optional<core::parent_record> find_parent(core::parent_id id) = 0;
    virtual std::optional<core::case_record> find_case(core::case_id id) = 0;
    /// The day the case opened, or nothing when there is no such case: one keyed read, for the
    /// paths that need no more of the case (a payment's checks).
    virtual std::optional<core::civil_date> find_case_opened_on(core::case_id id) = 0;
    /// The payment schedule in force (the latest row), if the case has one.
    virtual std::optional<core::payment_schedule> find_payment_schedule(core::case_id id) = 0;
    /// Payments of a case in the order received (then recorded).
    virtual std::vector<payment_row> list_payments(core::case_id id) = 0;
    virtual std::optional<payment_row> find_payment(core::payment_id id) = 0;
    /// A page of a case's payments in id order after `after_id`, at most `limit`.
    virtual std::vector<payment_row> list_payments_page(core::case_id id, std::int64_t after_id, std::int64_t limit) = 0;
    /// A page of the cases matching `filter` in id order after `after_id`, at most `limit`.
    virtual std::vector<case_summary> list_cases(const case_filter& filter, std::int64_t after_id, std::int64_t limit) = 0;
    /// Every case in which `paying` is the paying parent, open or closed, by id (by index: a
    /// parent has a handful, however large the caseload).
    virtual std::vector<case_summary> cases_of_paying_parent(core::parent_id paying) = 0;
    virtual std::optional<payment_reversal_row> find_payment_reversal(core::payment_id id) = 0;
    virtual std::optional<case_closure_row> find_case_closure(core::case_id id) = 0;
    /// True when a part-payment agreement counted money from the payment `recorded_by` recorded.
    virtual bool counted_towards_part_payment(core::command_id recorded_by) = 0;
    /// A page of generated cases' payer profiles in case id order after `after_case_id`, at most
    /// `limit` (a case written by a command has none).
    virtual std::vector<payer_profile_row> list_payer_profiles_page(std::int64_t after_case_id,
                                                                    std::int64_t limit) = 0;
    /// The largest case id, 0 when there is no case.
    virtual std::int64_t highest_case_id() = 0;
    /// Children's qualification ends still waiting, dated on or before `through`, in date, case
    /// and child order; of one case only when given; at most `limit`.
    virtual std::vector<qualification_end> waiting_qualification_ends(core::civil_date through,
                                                                      std::optional<core::case_id> only_case,
                                                                      std::int64_t limit) = 0;
};

class case_repository : public case_queries {
public:
    virtual core::parent_id insert_parent(const core::new_parent& parent, core::command_id cause) = 0;
    /// Appends a row to a case's liability terms history from `effective_from`: the weekly amount
    /// owed to one receiving parent and the service type. Either may be left out to carry forward
    /// the value in force before that date (a supersession changes the amount only; a switch to
    /// Collect and Pay changes the service only). A second row for the same date is refused
    /// (throws): terms are appended, never replaced.
    virtual void append_liability_terms(core::case_id for_case, int receiving_parent_slot,
                                        core::civil_date effective_from, std::optional<core::money> weekly_amount,
                                        std::optional<core::service_type> service, core::command_id cause) = 0;
    /// Writes the case, its children (with the day each stops qualifying, waiting), its schedule.
    virtual core::case_id insert_case(const core::new_case& opened, core::civil_date opened_on,
                                      core::command_id cause) = 0;
    /// Records what was done about a child's qualification end ("recalculated", "case_closed",
    /// or "not_applied: why"), and the command that did it; it then waits no longer.
    virtual void record_qualification_end(const qualification_end& ended, const std::string& outcome,
                                          std::optional<core::command_id> done_by) = 0;
    virtual core::payment_id insert_payment(const core::new_payment& payment, core::command_id cause) = 0;
    virtual void insert_payment_reversal(const payment_reversal_row& reversal) = 0;
    /// Records the closure and marks the case closed (its liability is stopped separately, by a
    /// nil term appended from the effective date).
    virtual void close_case(const case_closure_row& closure) = 0;
    /// The case's service type as listings and the daily close read it (the service in force each
    /// day is in its liability terms).
    virtual void set_case_service(core::case_id for_case, core::service_type service) = 0;
    /// Writes a generated case's two parents (both in its area); their ids. Meant, with the next,
    /// for a loop of many in one unit of work, so a back end may keep its prepared statements
    /// between calls.
    virtual generated_parents insert_generated_parents(const generated_case& generated) = 0;
    /// Writes the case between `parents` and everything it needs (children and their
    /// qualification ends, first liability term, schedule, calculation, payer profile); its id.
    virtual core::case_id insert_generated_case(const generated_case& generated, generated_parents parents) = 0;
};

}  // namespace cms::persistence
