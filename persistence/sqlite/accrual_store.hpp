#pragma once
// What the accrual batch reads and records besides postings and job rows (accrual_repository.hpp
// says what each does): liability terms by range scan on SQLite's C API, progress rows, and the
// revision trigger of migration 0005.
#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <span>

#include "persistence/sqlite/statement_cache.hpp"
#include "persistence/accrual_repository.hpp"

namespace cms::persistence::sqlite {

void load_case_terms(database_ref database, case_terms_batch& batch, std::int64_t first_id, std::int64_t last_id,
                     std::span<const core::collection_fee_row> fee_policy);
std::optional<date::year_month> last_completed_period(database_ref database);
void mark_period_complete(database_ref database, date::year_month period, std::int64_t job_id);
std::optional<date::year_month> earliest_liability_month(database_ref database);
std::int64_t liability_terms_revision(database_ref database);
bool chunk_done(database_ref database, date::year_month period, std::int64_t first_case_id,
                std::int64_t last_case_id);
void record_chunk(database_ref database, date::year_month period, std::int64_t first_case_id,
                  std::int64_t last_case_id, std::int64_t job_id);

}  // namespace cms::persistence::sqlite
