#pragma once
/// Financial penalties (schemas/sql/sqlite/0022_penalties.sql).
#include <vector>

#include "persistence/enforcement_repository.hpp"
#include "persistence/sqlite/statement_cache.hpp"

namespace cms::persistence::sqlite {

std::vector<penalty_row> penalties_of_case(database_ref database, core::case_id for_case);
std::int64_t insert_penalty(database_ref database, const penalty_row& row);

}  // namespace cms::persistence::sqlite
