#pragma once
/// Arrears agreements (schemas/sql/sqlite/0020_arrears_agreements.sql).
#include <vector>

#include "persistence/enforcement_repository.hpp"
#include "persistence/sqlite/statement_cache.hpp"

namespace cms::persistence::sqlite {

std::vector<arrears_agreement_row> arrears_agreements_of_case(database_ref database, core::case_id for_case);
std::vector<arrears_agreement_row> active_arrears_agreements(database_ref database);
std::int64_t insert_arrears_agreement(database_ref database, const arrears_agreement_row& row);
void update_arrears_agreement(database_ref database, const arrears_agreement_row& row);

}  // namespace cms::persistence::sqlite
