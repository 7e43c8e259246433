#pragma once
// Every repository of the persistence interface on one SQLite connection: each method moves
// records to and from rows with the statements in this folder's *_store.cpp files. One object
// per connection, living as long as it, so the statements of the hot paths (the batch's
// postings, the generator's inserts) are prepared once and reused.
#include <SQLiteCpp/Database.h>

#include <memory>
#include <optional>
#include <utility>

#include "persistence/unit_of_work.hpp"
#include "persistence/sqlite/generated_case_inserter.hpp"
#include "persistence/sqlite/item_ledger_memo.hpp"
#include "persistence/sqlite/ledger_head_cache.hpp"
#include "persistence/sqlite/ledger_store.hpp"
#include "persistence/sqlite/payout_store.hpp"
#include "persistence/sqlite/statement_cache.hpp"

namespace cms::persistence::sqlite {

class sqlite_repositories final : public unit_of_work,
                                  public case_repository,
                                  public calculation_repository,
                                  public ledger_repository,
                                  public payout_repository,
                                  public journal_repository,
                                  public accrual_repository,
                                  public job_repository,
                                  public arrears_request_repository,
                                  public user_repository,
                                  public enforcement_repository,
                                  public audit_queries,
                                  public report_queries {
public:
    /// `statements` is the connection's one statement cache, owned with the connection.
    sqlite_repositories(SQLite::Database& database, statement_cache& statements)
        : raw_database_(database), database_(database, statements) {}

    /// The writer's item (savepoint) boundaries: what is remembered for one item ends with it
    /// (item_ledger_memo.hpp).
    void item_started() {
        ledger_memo_.start_item();
        if (ledger_heads_) ledger_heads_->item_began();
    }
    void item_ended(bool rolled_back) {
        ledger_memo_.end_item();
        if (!ledger_heads_) return;
        if (rolled_back) {
            ledger_heads_->item_rolled_back();
        } else {
            ledger_heads_->item_released();
        }
    }
    /// The write connection keeps its cases' ledger heads in memory (ledger_head_cache.hpp);
    /// `verify`: every head it answers is compared with a replay (for tests).
    void keep_ledger_heads(std::size_t bytes_max, bool verify) {
        ledger_heads_.emplace(bytes_max);
        verify_ledger_heads_ = verify;
    }
    /// The write connection's transaction boundaries, for the heads it keeps.
    void transaction_began();
    void transaction_ended(bool committed);
    /// Whether users or tokens were changed since the last call (the write connection announces
    /// such a change once its transaction commits: users_changes.hpp).
    bool take_users_changed() { return std::exchange(users_changed_, false); }

    case_repository& cases() override { return *this; }
    calculation_repository& calculations() override { return *this; }
    ledger_repository& ledger() override { return *this; }
    payout_repository& payouts() override { return *this; }
    journal_repository& journal() override { return *this; }
    accrual_repository& accrual() override { return *this; }
    job_repository& jobs() override { return *this; }
    arrears_request_repository& arrears_requests() override { return *this; }
    user_repository& users() override { return *this; }
    audit_queries& audit() override { return *this; }
    report_queries& reports() override { return *this; }
    enforcement_repository& enforcement() override { return *this; }

    // cases
    std::optional<core::parent_record> find_parent(core::parent_id id) override;
    std::optional<core::case_record> find_case(core::case_id id) override;
    std::optional<core::civil_date> find_case_opened_on(core::case_id id) override;
    std::optional<core::payment_schedule> find_payment_schedule(core::case_id id) override;
    std::vector<payment_row> list_payments(core::case_id id) override;
    std::optional<payment_row> find_payment(core::payment_id id) override;
    std::vector<payment_row> list_payments_page(core::case_id id, std::int64_t after_id, std::int64_t limit) override;
    std::vector<case_summary> list_cases(const case_filter& filter, std::int64_t after_id, std::int64_t limit) override;
    std::vector<case_summary> cases_of_paying_parent(core::parent_id paying) override;
    std::optional<payment_reversal_row> find_payment_reversal(core::payment_id id) override;
    std::optional<case_closure_row> find_case_closure(core::case_id id) override;
    void close_case(const case_closure_row& closure) override;
    void set_case_service(core::case_id for_case, core::service_type service) override;
    std::vector<qualification_end> waiting_qualification_ends(core::civil_date through,
                                                              std::optional<core::case_id> only_case,
                                                              std::int64_t limit) override;
    void record_qualification_end(const qualification_end& ended, const std::string& outcome,
                                  std::optional<core::command_id> done_by) override;
    bool counted_towards_part_payment(core::command_id recorded_by) override;
    void insert_payment_reversal(const payment_reversal_row& reversal) override;
    std::int64_t highest_case_id() override;
    core::parent_id insert_parent(const core::new_parent& parent, core::command_id cause) override;
    void append_liability_terms(core::case_id for_case, int receiving_parent_slot, core::civil_date effective_from,
                                std::optional<core::money> weekly_amount, std::optional<core::service_type> service,
                                core::command_id cause) override;
    core::case_id insert_case(const core::new_case& opened, core::civil_date opened_on, core::command_id cause) override;
    core::payment_id insert_payment(const core::new_payment& payment, core::command_id cause) override;
    generated_parents insert_generated_parents(const generated_case& generated) override;
    core::case_id insert_generated_case(const generated_case& generated, generated_parents parents) override;
    std::vector<payer_profile_row> list_payer_profiles_page(std::int64_t after_case_id, std::int64_t limit) override;

    // calculations
    std::vector<calculation_row> list_calculations(core::case_id id) override;
    std::optional<core::money> weekly_amount_in_force(core::case_id id, core::civil_date day) override;
    std::int64_t append_calculation(const calculation_row& row) override;
    std::int64_t insert_calculation_row(const calculation_row& row) override;
    void amend_calculation(const calculation_row& row) override;

    // ledger
    std::vector<posting> list_postings(core::case_id for_case, core::civil_date from, core::civil_date to) override;
    std::vector<posting> list_postings_of_cases(std::int64_t first_id, std::int64_t last_id, core::civil_date from,
                                                core::civil_date to) override;
    std::vector<core::case_id> cases_posted_by_command(core::command_id command) override;
    std::optional<posting> find_posting(core::case_id for_case, const core::transfer_cause& cause) override;
    std::optional<ledger_head> ledger_head_of(core::case_id for_case) override;
    /// The case's head computed from its postings: nothing when it has none.
    std::optional<ledger_head> replayed_ledger_head(core::case_id for_case);
    bool insert_posting(std::span<const core::transfer> legs) override;
    std::vector<core::case_id> cases_holding_credit(std::int64_t first_id, std::int64_t last_id) override;
    void mark_holding_credit(core::case_id for_case, bool holding) override;

    // pay-out
    std::vector<core::case_id> cases_holding_collections(std::int64_t after_id, std::int64_t limit) override;
    std::vector<disbursement_row> disbursements_of_case(core::case_id for_case, std::optional<disbursement_cursor> after,
                                                        std::int64_t limit) override;
    std::optional<core::civil_date> last_payout_day() override;
    void mark_holding_collections(core::case_id for_case, bool holding) override;
    void insert_disbursement(const disbursement_row& row) override;
    void mark_payout_day_complete(core::civil_date paid_on, std::int64_t job_id) override;

    // journal
    std::optional<recorded_command> find_command_by_key(const std::string& idempotency_key) override;
    core::command_id append_command(const journal_entry& entry) override;
    void record_command_outcome(core::command_id id, int status_code, const std::string& response_json) override;

    // accrual
    void load_case_terms(case_terms_batch& batch, std::int64_t first_id, std::int64_t last_id,
                         std::span<const core::collection_fee_row> fee_policy) override;
    std::int64_t liability_terms_revision() override;
    bool chunk_done(date::year_month period, std::int64_t first_case_id, std::int64_t last_case_id) override;
    std::optional<date::year_month> last_completed_period() override;
    std::optional<date::year_month> earliest_liability_month() override;
    void record_chunk(date::year_month period, std::int64_t first_case_id, std::int64_t last_case_id,
                      std::int64_t job_id) override;
    void mark_period_complete(date::year_month period, std::int64_t job_id) override;

    // jobs
    std::optional<job_record> find_job(std::int64_t job_id) override;
    std::vector<case_failure> failures_of_job(std::int64_t job_id, std::size_t limit) override;
    std::vector<case_failure> failures_of_case(std::int64_t case_id) override;
    std::int64_t start_job(const std::string& kind, core::civil_date through) override;
    void add_job_counts(std::int64_t job_id, std::int64_t cases_processed, std::int64_t postings_written,
                        std::int64_t cases_failed) override;
    void finish_job(std::int64_t job_id, const std::string& status, const std::string& detail) override;
    std::vector<std::int64_t> mark_running_jobs_interrupted(const std::string& detail) override;
    void record_case_failure(const case_failure& failure) override;

    // arrears requests
    std::optional<arrears_request_row> find_arrears_request(std::int64_t id) override;
    std::vector<arrears_request_row> list_arrears_requests(bool pending_only, std::int64_t after_id,
                                                           std::int64_t limit) override;
    std::vector<arrears_request_row> open_part_payment_agreements(core::case_id for_case) override;
    std::int64_t insert_arrears_request(const arrears_request_row& row, core::command_id cause) override;
    void insert_part_payment_receipt(std::int64_t request_id, core::command_id cause, core::civil_date received_on,
                                     core::money amount) override;
    void insert_part_payment_settlement(std::int64_t request_id, core::command_id cause,
                                        const part_payment_settlement_row& settlement) override;
    void insert_arrears_decision(std::int64_t request_id, const arrears_decision_row& decision,
                                 core::command_id cause) override;

    // users
    std::optional<user_row> find_active_user_by_token_hash(const std::string& token_sha256_hex) override;
    bool user_name_taken(const std::string& name) override;
    std::vector<user_listing> list_users(std::int64_t after_id, std::int64_t limit) override;
    std::optional<user_listing> find_user(std::int64_t id) override;
    std::int64_t insert_user(const std::string& name, core::role role, const std::string& token_sha256_hex) override;
    void upsert_user_token(const std::string& name, core::role role, const std::string& token_sha256_hex) override;
    bool revoke_user(const std::string& name) override;

    // audit and reports
    std::vector<audit_entry> list_audit_entries(const audit_filter& filter) override;
    caseload_summary summarise_caseload(core::civil_date as_of) override;
    std::vector<action_with_events> actions_with_events(std::int64_t after_action_id, std::int64_t limit) override;
    std::vector<latest_payment_of_case> latest_payments_of_cases(std::int64_t first_id, std::int64_t last_id,
                                                                 core::civil_date through) override;
    std::vector<case_coverage_row> case_coverage_of_cases(std::int64_t first_id, std::int64_t last_id,
                                                          core::civil_date on) override;

    // enforcement
    std::vector<enforcement_action_row> enforcement_actions_of_case(core::case_id for_case) override;
    std::optional<enforcement_action_row> find_enforcement_action(std::int64_t action_id) override;
    std::vector<enforcement_event_row> enforcement_events(std::int64_t action_id) override;
    std::int64_t insert_enforcement_action(const enforcement_action_row& row) override;
    void update_enforcement_action(const enforcement_action_row& row) override;
    void insert_enforcement_event(const enforcement_event_row& row) override;
    std::vector<missed_payment_row> missed_payments_of_case(core::case_id for_case) override;
    std::vector<case_notice_row> case_notices_of_case(core::case_id for_case) override;
    std::vector<case_schedule_row> collect_and_pay_schedules(std::int64_t after_id, std::int64_t limit,
                                                             core::civil_date on) override;
    std::vector<case_schedule_row> collect_and_pay_schedules_due_on(std::int64_t after_id, std::int64_t limit,
                                                                    core::civil_date on, core::civil_date due) override;
    std::vector<missed_payment_row> missed_payments_detected_on(core::civil_date detected_on, std::int64_t after_id,
                                                                std::int64_t limit) override;
    std::vector<core::case_id> cases_with_proposals(std::int64_t after_id, std::int64_t limit) override;
    std::optional<core::civil_date> last_missed_due_date(core::case_id for_case) override;
    std::optional<core::civil_date> last_closed_day() override;
    bool insert_missed_payment(const missed_payment_row& row) override;
    bool insert_case_notice(const case_notice_row& row) override;
    void mark_day_closed(core::civil_date day, std::int64_t job_id) override;
    std::vector<enforcement_deduction_row> enforcement_deductions(std::int64_t action_id) override;
    std::vector<enforcement_action_row> actions_before_a_court(std::int64_t after_id, std::int64_t limit) override;
    std::vector<enforcement_action_row> earnings_orders_in_force_during(core::civil_date from, core::civil_date to,
                                                                       std::int64_t after_id, std::int64_t limit) override;
    bool insert_enforcement_deduction(const enforcement_deduction_row& row) override;
    std::vector<penalty_row> penalties_of_case(core::case_id for_case) override;
    std::int64_t insert_penalty(const penalty_row& row) override;
    std::vector<arrears_agreement_row> arrears_agreements_of_case(core::case_id for_case) override;
    std::vector<arrears_agreement_row> active_arrears_agreements() override;
    std::int64_t insert_arrears_agreement(const arrears_agreement_row& row) override;
    void update_arrears_agreement(const arrears_agreement_row& row) override;

private:
    SQLite::Database& raw_database_;
    /// What the store functions are given: the connection with its statement cache.
    database_ref database_;
    /// Prepared on first use and kept: they must be finalised before the connection closes,
    /// which the owner guarantees by destroying this object first.
    std::optional<posting_inserter> postings_;
    std::optional<generated_case_inserter> generated_cases_;
    item_ledger_memo ledger_memo_;
    std::optional<ledger_head_cache> ledger_heads_;
    bool verify_ledger_heads_ = false;
    bool users_changed_ = false;
};

}  // namespace cms::persistence::sqlite
