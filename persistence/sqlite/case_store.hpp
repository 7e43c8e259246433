#pragma once
// Parents, cases, children and payments as rows, and back (case_repository.hpp says what each does).
#include <SQLiteCpp/Database.h>

#include <optional>
#include <vector>

#include "persistence/sqlite/statement_cache.hpp"
#include "persistence/case_repository.hpp"

namespace cms::persistence::sqlite {

core::parent_id insert_parent(database_ref database, const core::new_parent& parent,
                              core::command_id cause);
std::optional<core::parent_record> find_parent(database_ref database, core::parent_id id);

/// Appends a row to a case's liability terms history from `effective_from`: the weekly amount
/// owed to one receiving parent and the service type. Either may be left out to carry forward
/// the value in force before that date (a supersession changes the amount only; a switch to
/// Collect and Pay changes the service only). A row with the same date replaces nothing: the
/// primary key refuses it.
void append_liability_terms(database_ref database, core::case_id for_case, int receiving_parent_slot,
                            core::civil_date effective_from, std::optional<core::money> weekly_amount,
                            std::optional<core::service_type> service, core::command_id cause);

core::case_id insert_case(database_ref database, const core::new_case& opened,
                          core::civil_date opened_on, core::command_id cause);
std::optional<core::case_record> find_case(database_ref database, core::case_id id);
std::optional<core::civil_date> find_case_opened_on(database_ref database, core::case_id id);

/// The payment schedule in force (the latest row), if the case has one.
std::optional<core::payment_schedule> find_payment_schedule(database_ref database, core::case_id id);

core::payment_id insert_payment(database_ref database, const core::new_payment& payment,
                                core::command_id cause);
/// Payments of a case in the order received (then recorded).
std::vector<payment_row> list_payments(database_ref database, core::case_id id);
std::optional<payment_row> find_payment(database_ref database, core::payment_id id);
std::optional<case_closure_row> find_case_closure(database_ref database, core::case_id id);
void close_case(database_ref database, const case_closure_row& closure);
void set_case_service(database_ref database, core::case_id for_case, core::service_type service);
/// Inserts a child's qualification end, waiting (insert_case and the generator's inserter).
void insert_qualification_end(database_ref database, const qualification_end& ending);
std::vector<qualification_end> waiting_qualification_ends(database_ref database, core::civil_date through,
                                                          std::optional<core::case_id> only_case, std::int64_t limit);
void record_qualification_end(database_ref database, const qualification_end& ended, const std::string& outcome,
                              std::optional<core::command_id> done_by);
std::vector<payment_row> list_payments_page(database_ref database, core::case_id id, std::int64_t after_id,
                                            std::int64_t limit);
std::vector<case_summary> cases_of_paying_parent(database_ref database, core::parent_id paying);
std::vector<case_summary> list_cases(database_ref database, const case_filter& filter, std::int64_t after_id,
                                     std::int64_t limit);

std::int64_t highest_case_id(database_ref database);

}  // namespace cms::persistence::sqlite
