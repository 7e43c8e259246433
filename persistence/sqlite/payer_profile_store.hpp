#pragma once
// Generated cases' payer profiles (migration 0025) as rows, and back; written by
// generated_case_inserter with its case.
#include <cstdint>
#include <vector>

#include "persistence/case_repository.hpp"
#include "persistence/sqlite/statement_cache.hpp"

namespace cms::persistence::sqlite {

std::vector<payer_profile_row> list_payer_profiles_page(database_ref database, std::int64_t after_case_id,
                                                        std::int64_t limit);

}  // namespace cms::persistence::sqlite
