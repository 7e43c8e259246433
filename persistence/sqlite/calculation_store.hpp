#pragma once
/// A case's statutory calculations (table `calculations`, append-only) and the liability
/// segments a new calculation appends. The request and result are stored as JSON text made by
/// the services layer; this file only moves them to and from rows.
#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>
#include <vector>

#include "persistence/sqlite/statement_cache.hpp"
#include "persistence/calculation_repository.hpp"

namespace cms::persistence::sqlite {

/// Appends the calculation and the liability segment (receiving parent slot 0) it starts, from
/// the same effective date, so the accrual batch charges the new amount from that day.
/// Refuses (throws SQLite::Exception) a second row for the same case and date.
std::int64_t append_calculation(database_ref database, const calculation_row& row);

/// Appends only the calculation row; for opening a case, whose first segment insert_case writes.
std::int64_t insert_calculation_row(database_ref database, const calculation_row& row);
/// calculation_repository::amend_calculation.
void amend_calculation(database_ref database, const calculation_row& row);

/// A case's calculations, oldest first (effective_from, then id).
std::vector<calculation_row> list_calculations(database_ref database, core::case_id id);

/// The weekly amount of the latest liability segment (slot 0) starting on or before `day`, or
/// none when the case has no segment yet in force that day.
std::optional<core::money> weekly_amount_in_force(database_ref database, core::case_id id,
                                                  core::civil_date day);

}  // namespace cms::persistence::sqlite
