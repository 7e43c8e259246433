#pragma once
/// Payment reversals (migration 0012); a payment by id is in case_store.hpp.
#include <SQLiteCpp/Database.h>

#include <optional>

#include "persistence/sqlite/statement_cache.hpp"
#include "persistence/case_repository.hpp"

namespace cms::persistence::sqlite {

std::optional<payment_reversal_row> find_payment_reversal(database_ref database, core::payment_id id);
bool counted_towards_part_payment(database_ref database, core::command_id recorded_by);
void insert_payment_reversal(database_ref database, const payment_reversal_row& reversal);

}  // namespace cms::persistence::sqlite
