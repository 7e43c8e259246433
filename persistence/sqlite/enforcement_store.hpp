#pragma once
/// Enforcement actions and their events, missed payments, case notices and closed days
/// (schemas/sql/sqlite/0017_enforcement_actions.sql, 0018_close_of_day.sql, 0021_order_deductions.sql).
#include <optional>
#include <vector>

#include "persistence/enforcement_repository.hpp"
#include "persistence/sqlite/statement_cache.hpp"

namespace cms::persistence::sqlite {

std::vector<enforcement_action_row> enforcement_actions_of_case(database_ref database, core::case_id for_case);
std::optional<enforcement_action_row> find_enforcement_action(database_ref database, std::int64_t action_id);
std::vector<enforcement_event_row> enforcement_events(database_ref database, std::int64_t action_id);
std::int64_t insert_enforcement_action(database_ref database, const enforcement_action_row& row);
void update_enforcement_action(database_ref database, const enforcement_action_row& row);
void insert_enforcement_event(database_ref database, const enforcement_event_row& row);
std::vector<missed_payment_row> missed_payments_of_case(database_ref database, core::case_id for_case);
std::vector<case_notice_row> case_notices_of_case(database_ref database, core::case_id for_case);
std::vector<case_schedule_row> collect_and_pay_schedules(database_ref database, std::int64_t after_id, std::int64_t limit,
                                                         core::civil_date on);
std::vector<case_schedule_row> collect_and_pay_schedules_due_on(database_ref database, std::int64_t after_id,
                                                                std::int64_t limit, core::civil_date on, core::civil_date due);
std::vector<missed_payment_row> missed_payments_detected_on(database_ref database, core::civil_date detected_on,
                                                            std::int64_t after_id, std::int64_t limit);
std::vector<core::case_id> cases_with_proposals(database_ref database, std::int64_t after_id, std::int64_t limit);
std::optional<core::civil_date> last_missed_due_date(database_ref database, core::case_id for_case);
std::optional<core::civil_date> last_closed_day(database_ref database);
bool insert_missed_payment(database_ref database, const missed_payment_row& row);
bool insert_case_notice(database_ref database, const case_notice_row& row);
void mark_day_closed(database_ref database, core::civil_date day, std::int64_t job_id);
bool insert_enforcement_deduction(database_ref database, const enforcement_deduction_row& row);
std::vector<enforcement_deduction_row> enforcement_deductions(database_ref database, std::int64_t action_id);
std::vector<enforcement_action_row> actions_before_a_court(database_ref database, std::int64_t after_id,
                                                          std::int64_t limit);
std::vector<enforcement_action_row> earnings_orders_in_force_during(database_ref database, core::civil_date from,
                                                                   core::civil_date to, std::int64_t after_id,
                                                                   std::int64_t limit);

}  // namespace cms::persistence::sqlite
