#pragma once
/// Parents, cases, children and payments as rows, and back.
#include <SQLiteCpp/Database.h>

#include <optional>
#include <vector>

#include "cms/core/case_records.hpp"

namespace cms::persistence {

struct payment_row {
    core::payment_id id;
    core::new_payment details;
};

core::parent_id insert_parent(SQLite::Database& database, const core::new_parent& parent,
                              core::command_id cause);
std::optional<core::parent_record> find_parent(SQLite::Database& database, core::parent_id id);

core::case_id insert_case(SQLite::Database& database, const core::new_case& opened,
                          core::civil_date opened_on, core::command_id cause);
std::optional<core::case_record> find_case(SQLite::Database& database, core::case_id id);

core::payment_id insert_payment(SQLite::Database& database, const core::new_payment& payment,
                                core::command_id cause);
/// Payments of a case in the order received (then recorded).
std::vector<payment_row> list_payments(SQLite::Database& database, core::case_id id);

}  // namespace cms::persistence
