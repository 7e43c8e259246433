#pragma once
/// The pay-out's rows (schemas/sql/sqlite/0014_payouts.sql): the cases holding money collected
/// for receiving parents, disbursements and completed pay-out dates.
#include <SQLiteCpp/Database.h>

#include <optional>
#include <vector>

#include "persistence/sqlite/statement_cache.hpp"
#include "persistence/payout_repository.hpp"

namespace cms::persistence::sqlite {

std::vector<core::case_id> cases_holding_collections(database_ref database, std::int64_t after_id,
                                                    std::int64_t limit);
void mark_holding_collections(database_ref database, core::case_id for_case, bool holding);
std::vector<disbursement_row> disbursements_of_case(database_ref database, core::case_id for_case,
                                                    std::optional<disbursement_cursor> after, std::int64_t limit);
void insert_disbursement(database_ref database, const disbursement_row& row);
std::optional<core::civil_date> last_payout_day(database_ref database);
void mark_payout_day_complete(database_ref database, core::civil_date paid_on, std::int64_t job_id);

}  // namespace cms::persistence::sqlite
