#pragma once
/// Aggregates for reports: counts and sums over the whole caseload, never a person's details.
#include <SQLiteCpp/Database.h>

#include "persistence/sqlite/statement_cache.hpp"
#include "persistence/report_repository.hpp"

namespace cms::persistence::sqlite {

/// One read transaction's figures as of `as_of` (business dates).
caseload_summary summarise_caseload(database_ref database, core::civil_date as_of);

std::vector<action_with_events> actions_with_events(database_ref database, std::int64_t after_action_id, std::int64_t limit);
std::vector<latest_payment_of_case> latest_payments_of_cases(database_ref database, std::int64_t first_id, std::int64_t last_id,
                                                             core::civil_date through);
std::vector<case_coverage_row> case_coverage_of_cases(database_ref database, std::int64_t first_id, std::int64_t last_id,
                                                      core::civil_date on);

}  // namespace cms::persistence::sqlite
