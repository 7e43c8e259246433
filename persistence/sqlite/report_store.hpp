#pragma once
/// Aggregates for reports: counts and sums over the whole caseload, never a person's details.
#include <SQLiteCpp/Database.h>

#include "persistence/sqlite/statement_cache.hpp"
#include "persistence/report_repository.hpp"

namespace cms::persistence::sqlite {

/// One read transaction's figures as of `as_of` (business dates).
caseload_summary summarise_caseload(database_ref database, core::civil_date as_of);

}  // namespace cms::persistence::sqlite
