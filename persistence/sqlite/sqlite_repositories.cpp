#include "persistence/sqlite/sqlite_repositories.hpp"

#include <stdexcept>

#include "persistence/sqlite/accrual_store.hpp"
#include "persistence/sqlite/arrears_agreement_store.hpp"
#include "persistence/sqlite/arrears_request_store.hpp"
#include "persistence/sqlite/payment_store.hpp"
#include "persistence/sqlite/penalty_store.hpp"
#include "persistence/sqlite/audit_store.hpp"
#include "persistence/sqlite/calculation_store.hpp"
#include "persistence/sqlite/case_store.hpp"
#include "persistence/sqlite/enforcement_store.hpp"
#include "persistence/sqlite/job_store.hpp"
#include "persistence/sqlite/journal_store.hpp"
#include "persistence/sqlite/payer_profile_store.hpp"
#include "persistence/sqlite/report_store.hpp"
#include "persistence/sqlite/user_store.hpp"

namespace cms::persistence::sqlite {

// cases

std::optional<core::parent_record> sqlite_repositories::find_parent(core::parent_id id) {
    return sqlite::find_parent(database_, id);
}
std::optional<core::case_record> sqlite_repositories::find_case(core::case_id id) {
    return sqlite::find_case(database_, id);
}
std::optional<core::civil_date> sqlite_repositories::find_case_opened_on(core::case_id id) {
    return sqlite::find_case_opened_on(database_, id);
}
std::optional<core::payment_schedule> sqlite_repositories::find_payment_schedule(core::case_id id) {
    return sqlite::find_payment_schedule(database_, id);
}
std::vector<payment_row> sqlite_repositories::list_payments(core::case_id id) {
    return sqlite::list_payments(database_, id);
}
std::optional<payment_row> sqlite_repositories::find_payment(core::payment_id id) {
    return sqlite::find_payment(database_, id);
}
std::vector<payment_row> sqlite_repositories::list_payments_page(core::case_id id, std::int64_t after_id,
                                                                std::int64_t limit) {
    return sqlite::list_payments_page(database_, id, after_id, limit);
}
std::vector<case_summary> sqlite_repositories::cases_of_paying_parent(core::parent_id paying) {
    return sqlite::cases_of_paying_parent(database_, paying);
}
std::vector<case_summary> sqlite_repositories::list_cases(const case_filter& filter, std::int64_t after_id,
                                                          std::int64_t limit) {
    return sqlite::list_cases(database_, filter, after_id, limit);
}
std::optional<case_closure_row> sqlite_repositories::find_case_closure(core::case_id id) {
    return sqlite::find_case_closure(database_, id);
}
void sqlite_repositories::close_case(const case_closure_row& closure) { sqlite::close_case(database_, closure); }
void sqlite_repositories::set_case_service(core::case_id for_case, core::service_type service) {
    sqlite::set_case_service(database_, for_case, service);
}
std::vector<qualification_end> sqlite_repositories::waiting_qualification_ends(core::civil_date through,
                                                                               std::optional<core::case_id> only_case,
                                                                               std::int64_t limit) {
    return sqlite::waiting_qualification_ends(database_, through, only_case, limit);
}
void sqlite_repositories::record_qualification_end(const qualification_end& ended, const std::string& outcome,
                                                   std::optional<core::command_id> done_by) {
    sqlite::record_qualification_end(database_, ended, outcome, done_by);
}
std::optional<payment_reversal_row> sqlite_repositories::find_payment_reversal(core::payment_id id) {
    return sqlite::find_payment_reversal(database_, id);
}
bool sqlite_repositories::counted_towards_part_payment(core::command_id recorded_by) {
    return sqlite::counted_towards_part_payment(database_, recorded_by);
}
void sqlite_repositories::insert_payment_reversal(const payment_reversal_row& reversal) {
    sqlite::insert_payment_reversal(database_, reversal);
}
std::int64_t sqlite_repositories::highest_case_id() { return sqlite::highest_case_id(database_); }
core::parent_id sqlite_repositories::insert_parent(const core::new_parent& parent, core::command_id cause) {
    return sqlite::insert_parent(database_, parent, cause);
}
void sqlite_repositories::append_liability_terms(core::case_id for_case, int receiving_parent_slot,
                                                 core::civil_date effective_from,
                                                 std::optional<core::money> weekly_amount,
                                                 std::optional<core::service_type> service, core::command_id cause) {
    sqlite::append_liability_terms(database_, for_case, receiving_parent_slot, effective_from, weekly_amount, service,
                                   cause);
}
core::case_id sqlite_repositories::insert_case(const core::new_case& opened, core::civil_date opened_on,
                                               core::command_id cause) {
    return sqlite::insert_case(database_, opened, opened_on, cause);
}
core::payment_id sqlite_repositories::insert_payment(const core::new_payment& payment, core::command_id cause) {
    return sqlite::insert_payment(database_, payment, cause);
}
generated_parents sqlite_repositories::insert_generated_parents(const generated_case& generated) {
    if (!generated_cases_) generated_cases_.emplace(raw_database_);
    return generated_cases_->insert_parents(generated);
}
core::case_id sqlite_repositories::insert_generated_case(const generated_case& generated, generated_parents parents) {
    if (!generated_cases_) generated_cases_.emplace(raw_database_);
    return generated_cases_->insert_case(generated, parents);
}
std::vector<payer_profile_row> sqlite_repositories::list_payer_profiles_page(std::int64_t after_case_id,
                                                                             std::int64_t limit) {
    return sqlite::list_payer_profiles_page(database_, after_case_id, limit);
}

// calculations

std::vector<calculation_row> sqlite_repositories::list_calculations(core::case_id id) {
    return sqlite::list_calculations(database_, id);
}
std::optional<core::money> sqlite_repositories::weekly_amount_in_force(core::case_id id, core::civil_date day) {
    return sqlite::weekly_amount_in_force(database_, id, day);
}
std::int64_t sqlite_repositories::append_calculation(const calculation_row& row) {
    return sqlite::append_calculation(database_, row);
}
void sqlite_repositories::amend_calculation(const calculation_row& row) { sqlite::amend_calculation(database_, row); }
std::int64_t sqlite_repositories::insert_calculation_row(const calculation_row& row) {
    return sqlite::insert_calculation_row(database_, row);
}

// ledger

std::vector<posting> sqlite_repositories::list_postings(core::case_id for_case, core::civil_date from,
                                                        core::civil_date to) {
    if (auto remembered = ledger_memo_.postings(for_case, from, to)) return std::move(*remembered);
    std::vector<posting> read = sqlite::list_postings(database_, for_case, from, to);
    if (ledger_memo_.remembering() && item_ledger_memo::whole_ledger(from, to)) ledger_memo_.remember(for_case, read);
    return read;
}
std::vector<posting> sqlite_repositories::list_postings_of_cases(std::int64_t first_id, std::int64_t last_id,
                                                                core::civil_date from, core::civil_date to) {
    return sqlite::list_postings_of_cases(database_, first_id, last_id, from, to);
}
std::optional<posting> sqlite_repositories::find_posting(core::case_id for_case, const core::transfer_cause& cause) {
    return sqlite::find_posting(database_, for_case, cause);
}
std::optional<ledger_head> sqlite_repositories::replayed_ledger_head(core::case_id for_case) {
    const std::vector<posting> postings = list_postings(for_case, core::ledger_epoch, core::ledger_end);
    if (postings.empty()) return std::nullopt;
    ledger_head head{core::case_balances(for_case), postings.back().business_date, postings.back().cause, {}, 0};
    for (const posting& each : postings) head.add(each.legs);
    return head;
}
std::optional<ledger_head> sqlite_repositories::ledger_head_of(core::case_id for_case) {
    // A read connection keeps no heads: computing one would cost the replay the caller does anyway.
    if (!ledger_heads_) return std::nullopt;
    {
        if (auto remembered = ledger_heads_->find(for_case)) {
            if (verify_ledger_heads_) {
                const auto replayed = replayed_ledger_head(for_case);
                if (!replayed || !(*replayed == *remembered)) {
                    throw std::logic_error("the remembered ledger head of case " + std::to_string(for_case.value) +
                                           " is not the replay of its postings");
                }
            }
            return remembered;
        }
    }
    auto replayed = replayed_ledger_head(for_case);
    if (replayed) ledger_heads_->remember(*replayed);
    return replayed;
}
void sqlite_repositories::transaction_began() {
    if (!ledger_heads_) return;
    cached_statement version(database_, "PRAGMA data_version");
    version.executeStep();
    ledger_heads_->transaction_began(version.getColumn(0).getInt64());
}
void sqlite_repositories::transaction_ended(bool committed) {
    if (!ledger_heads_) return;
    if (committed) {
        ledger_heads_->transaction_committed();
    } else {
        ledger_heads_->transaction_rolled_back();
    }
}
std::vector<core::case_id> sqlite_repositories::cases_posted_by_command(core::command_id command) {
    return sqlite::cases_posted_by_command(database_, command);
}
std::vector<core::case_id> sqlite_repositories::cases_holding_credit(std::int64_t first_id, std::int64_t last_id) {
    return sqlite::cases_holding_credit(database_, first_id, last_id);
}
void sqlite_repositories::mark_holding_credit(core::case_id for_case, bool holding) {
    sqlite::mark_holding_credit(database_, for_case, holding);
}
// pay-out

std::vector<core::case_id> sqlite_repositories::cases_holding_collections(std::int64_t after_id, std::int64_t limit) {
    return sqlite::cases_holding_collections(database_, after_id, limit);
}
std::vector<disbursement_row> sqlite_repositories::disbursements_of_case(core::case_id for_case,
                                                                         std::optional<disbursement_cursor> after,
                                                                         std::int64_t limit) {
    return sqlite::disbursements_of_case(database_, for_case, after, limit);
}
std::optional<core::civil_date> sqlite_repositories::last_payout_day() { return sqlite::last_payout_day(database_); }
void sqlite_repositories::mark_holding_collections(core::case_id for_case, bool holding) {
    sqlite::mark_holding_collections(database_, for_case, holding);
}
void sqlite_repositories::insert_disbursement(const disbursement_row& row) {
    sqlite::insert_disbursement(database_, row);
}
void sqlite_repositories::mark_payout_day_complete(core::civil_date paid_on, std::int64_t job_id) {
    sqlite::mark_payout_day_complete(database_, paid_on, job_id);
}

bool sqlite_repositories::insert_posting(std::span<const core::transfer> legs) {
    if (!postings_) postings_.emplace(raw_database_);
    if (!postings_->insert(legs)) return false;
    ledger_memo_.note_inserted(legs);
    if (ledger_heads_) ledger_heads_->note_inserted(legs);
    return true;
}

// journal

std::optional<recorded_command> sqlite_repositories::find_command_by_key(const std::string& idempotency_key) {
    return sqlite::find_command_by_key(database_, idempotency_key);
}
core::command_id sqlite_repositories::append_command(const journal_entry& entry) {
    return sqlite::append_command(database_, entry);
}
void sqlite_repositories::record_command_outcome(core::command_id id, int status_code,
                                                 const std::string& response_json) {
    sqlite::record_command_outcome(database_, id, status_code, response_json);
}

// accrual

void sqlite_repositories::load_case_terms(case_terms_batch& batch, std::int64_t first_id, std::int64_t last_id,
                                          std::span<const core::collection_fee_row> fee_policy) {
    sqlite::load_case_terms(database_, batch, first_id, last_id, fee_policy);
}
std::int64_t sqlite_repositories::liability_terms_revision() { return sqlite::liability_terms_revision(database_); }
bool sqlite_repositories::chunk_done(date::year_month period, std::int64_t first_case_id, std::int64_t last_case_id) {
    return sqlite::chunk_done(database_, period, first_case_id, last_case_id);
}
std::optional<date::year_month> sqlite_repositories::last_completed_period() {
    return sqlite::last_completed_period(database_);
}
std::optional<date::year_month> sqlite_repositories::earliest_liability_month() {
    return sqlite::earliest_liability_month(database_);
}
void sqlite_repositories::record_chunk(date::year_month period, std::int64_t first_case_id, std::int64_t last_case_id,
                                       std::int64_t job_id) {
    sqlite::record_chunk(database_, period, first_case_id, last_case_id, job_id);
}
void sqlite_repositories::mark_period_complete(date::year_month period, std::int64_t job_id) {
    sqlite::mark_period_complete(database_, period, job_id);
}

// jobs

std::optional<job_record> sqlite_repositories::find_job(std::int64_t job_id) { return sqlite::find_job(database_, job_id); }
std::vector<case_failure> sqlite_repositories::failures_of_job(std::int64_t job_id, std::size_t limit) {
    return sqlite::failures_of_job(database_, job_id, limit);
}
std::vector<case_failure> sqlite_repositories::failures_of_case(std::int64_t case_id) {
    return sqlite::failures_of_case(database_, case_id);
}
std::int64_t sqlite_repositories::start_job(const std::string& kind, core::civil_date through) {
    return sqlite::start_job(database_, kind, through);
}
void sqlite_repositories::add_job_counts(std::int64_t job_id, std::int64_t cases_processed,
                                         std::int64_t postings_written, std::int64_t cases_failed) {
    sqlite::add_job_counts(database_, job_id, cases_processed, postings_written, cases_failed);
}
void sqlite_repositories::finish_job(std::int64_t job_id, const std::string& status, const std::string& detail) {
    sqlite::finish_job(database_, job_id, status, detail);
}
std::vector<std::int64_t> sqlite_repositories::mark_running_jobs_interrupted(const std::string& detail) {
    return sqlite::mark_running_jobs_interrupted(database_, detail);
}
void sqlite_repositories::record_case_failure(const case_failure& failure) {
    sqlite::record_case_failure(database_, failure);
}

// arrears requests

std::optional<arrears_request_row> sqlite_repositories::find_arrears_request(std::int64_t id) {
    return sqlite::find_arrears_request(database_, id);
}
std::vector<arrears_request_row> sqlite_repositories::list_arrears_requests(bool pending_only, std::int64_t after_id,
                                                                            std::int64_t limit) {
    return sqlite::list_arrears_requests(database_, pending_only, after_id, limit);
}
std::vector<arrears_request_row> sqlite_repositories::open_part_payment_agreements(core::case_id for_case) {
    return sqlite::open_part_payment_agreements(database_, for_case);
}
void sqlite_repositories::insert_part_payment_receipt(std::int64_t request_id, core::command_id cause,
                                                      core::civil_date received_on, core::money amount) {
    sqlite::insert_part_payment_receipt(database_, request_id, cause, received_on, amount);
}
void sqlite_repositories::insert_part_payment_settlement(std::int64_t request_id, core::command_id cause,
                                                         const part_payment_settlement_row& settlement) {
    sqlite::insert_part_payment_settlement(database_, request_id, cause, settlement);
}
std::int64_t sqlite_repositories::insert_arrears_request(const arrears_request_row& row, core::command_id cause) {
    return sqlite::insert_arrears_request(database_, row, cause);
}
void sqlite_repositories::insert_arrears_decision(std::int64_t request_id, const arrears_decision_row& decision,
                                                  core::command_id cause) {
    sqlite::insert_arrears_decision(database_, request_id, decision, cause);
}

// users

std::optional<user_row> sqlite_repositories::find_active_user_by_token_hash(const std::string& token_sha256_hex) {
    return sqlite::find_active_user_by_token_hash(database_, token_sha256_hex);
}
bool sqlite_repositories::user_name_taken(const std::string& name) { return sqlite::user_name_taken(database_, name); }
std::vector<user_listing> sqlite_repositories::list_users(std::int64_t after_id, std::int64_t limit) {
    return sqlite::list_users(database_, after_id, limit);
}
std::optional<user_listing> sqlite_repositories::find_user(std::int64_t id) { return sqlite::find_user(database_, id); }
std::int64_t sqlite_repositories::insert_user(const std::string& name, core::role role,
                                              const std::string& token_sha256_hex) {
    users_changed_ = true;
    return sqlite::insert_user(database_, name, role, token_sha256_hex);
}
void sqlite_repositories::upsert_user_token(const std::string& name, core::role role,
                                            const std::string& token_sha256_hex) {
    users_changed_ = true;
    sqlite::upsert_user_token(database_, name, role, token_sha256_hex);
}
bool sqlite_repositories::revoke_user(const std::string& name) {
    users_changed_ = true;
    return sqlite::revoke_user(database_, name);
}

// audit and reports

std::vector<audit_entry> sqlite_repositories::list_audit_entries(const audit_filter& filter) {
    return sqlite::list_audit_entries(database_, filter);
}
caseload_summary sqlite_repositories::summarise_caseload(core::civil_date as_of) {
    return sqlite::summarise_caseload(database_, as_of);
}
std::vector<action_with_events> sqlite_repositories::actions_with_events(std::int64_t after_action_id, std::int64_t limit) {
    return sqlite::actions_with_events(database_, after_action_id, limit);
}
std::vector<latest_payment_of_case> sqlite_repositories::latest_payments_of_cases(std::int64_t first_id, std::int64_t last_id,
                                                                                  core::civil_date through) {
    return sqlite::latest_payments_of_cases(database_, first_id, last_id, through);
}
std::vector<case_coverage_row> sqlite_repositories::case_coverage_of_cases(std::int64_t first_id, std::int64_t last_id,
                                                                           core::civil_date on) {
    return sqlite::case_coverage_of_cases(database_, first_id, last_id, on);
}

std::vector<enforcement_action_row> sqlite_repositories::enforcement_actions_of_case(core::case_id for_case) {
    return sqlite::enforcement_actions_of_case(database_, for_case);
}
std::optional<enforcement_action_row> sqlite_repositories::find_enforcement_action(std::int64_t action_id) {
    return sqlite::find_enforcement_action(database_, action_id);
}
std::vector<enforcement_event_row> sqlite_repositories::enforcement_events(std::int64_t action_id) {
    return sqlite::enforcement_events(database_, action_id);
}
std::int64_t sqlite_repositories::insert_enforcement_action(const enforcement_action_row& row) {
    return sqlite::insert_enforcement_action(database_, row);
}
void sqlite_repositories::update_enforcement_action(const enforcement_action_row& row) {
    sqlite::update_enforcement_action(database_, row);
}
void sqlite_repositories::insert_enforcement_event(const enforcement_event_row& row) {
    sqlite::insert_enforcement_event(database_, row);
}

std::vector<missed_payment_row> sqlite_repositories::missed_payments_of_case(core::case_id for_case) {
    return sqlite::missed_payments_of_case(database_, for_case);
}
std::vector<case_notice_row> sqlite_repositories::case_notices_of_case(core::case_id for_case) {
    return sqlite::case_notices_of_case(database_, for_case);
}
std::vector<case_schedule_row> sqlite_repositories::collect_and_pay_schedules(std::int64_t after_id, std::int64_t limit,
                                                                              core::civil_date on) {
    return sqlite::collect_and_pay_schedules(database_, after_id, limit, on);
}
std::vector<case_schedule_row> sqlite_repositories::collect_and_pay_schedules_due_on(std::int64_t after_id,
                                                                                    std::int64_t limit,
                                                                                    core::civil_date on,
                                                                                    core::civil_date due) {
    return sqlite::collect_and_pay_schedules_due_on(database_, after_id, limit, on, due);
}
std::vector<missed_payment_row> sqlite_repositories::missed_payments_detected_on(core::civil_date detected_on,
                                                                                 std::int64_t after_id, std::int64_t limit) {
    return sqlite::missed_payments_detected_on(database_, detected_on, after_id, limit);
}
std::vector<core::case_id> sqlite_repositories::cases_with_proposals(std::int64_t after_id, std::int64_t limit) {
    return sqlite::cases_with_proposals(database_, after_id, limit);
}
std::optional<core::civil_date> sqlite_repositories::last_missed_due_date(core::case_id for_case) {
    return sqlite::last_missed_due_date(database_, for_case);
}
std::optional<core::civil_date> sqlite_repositories::last_closed_day() { return sqlite::last_closed_day(database_); }
bool sqlite_repositories::insert_missed_payment(const missed_payment_row& row) {
    return sqlite::insert_missed_payment(database_, row);
}
bool sqlite_repositories::insert_case_notice(const case_notice_row& row) { return sqlite::insert_case_notice(database_, row); }
void sqlite_repositories::mark_day_closed(core::civil_date day, std::int64_t job_id) {
    sqlite::mark_day_closed(database_, day, job_id);
}
std::vector<enforcement_deduction_row> sqlite_repositories::enforcement_deductions(std::int64_t action_id) {
    return sqlite::enforcement_deductions(database_, action_id);
}
std::vector<enforcement_action_row> sqlite_repositories::actions_before_a_court(std::int64_t after_id,
                                                                               std::int64_t limit) {
    return sqlite::actions_before_a_court(database_, after_id, limit);
}
std::vector<enforcement_action_row> sqlite_repositories::earnings_orders_in_force_during(core::civil_date from,
                                                                                        core::civil_date to,
                                                                                        std::int64_t after_id,
                                                                                        std::int64_t limit) {
    return sqlite::earnings_orders_in_force_during(database_, from, to, after_id, limit);
}
bool sqlite_repositories::insert_enforcement_deduction(const enforcement_deduction_row& row) {
    return sqlite::insert_enforcement_deduction(database_, row);
}
std::vector<penalty_row> sqlite_repositories::penalties_of_case(core::case_id for_case) {
    return sqlite::penalties_of_case(database_, for_case);
}
std::int64_t sqlite_repositories::insert_penalty(const penalty_row& row) { return sqlite::insert_penalty(database_, row); }
std::vector<arrears_agreement_row> sqlite_repositories::arrears_agreements_of_case(core::case_id for_case) {
    return sqlite::arrears_agreements_of_case(database_, for_case);
}
std::vector<arrears_agreement_row> sqlite_repositories::active_arrears_agreements() {
    return sqlite::active_arrears_agreements(database_);
}
std::int64_t sqlite_repositories::insert_arrears_agreement(const arrears_agreement_row& row) {
    return sqlite::insert_arrears_agreement(database_, row);
}
void sqlite_repositories::update_arrears_agreement(const arrears_agreement_row& row) {
    sqlite::update_arrears_agreement(database_, row);
}

}  // namespace cms::persistence::sqlite
