#pragma once
/// The invariants any cms database must hold, as a list of named checks that `cms check`, the
/// crash test and `cms backup` run. Each check reports its first violation only: one concrete
/// row to look at is more useful than a flood, and the check stays fast on a large database.
///
/// To add a check (e.g. the ledger's "debits equal credits"), add a database_check to the list
/// in database_checks.cpp; nothing else needs to change.
#include <SQLiteCpp/Database.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "persistence/store.hpp"

namespace cms::persistence::sqlite {

struct database_check {
    std::string name;         ///< short, stable, snake_case: printed by `cms check`
    std::string description;  ///< one sentence: what must be true
    /// The first violation in words, or nothing when the database holds the invariant.
    std::function<std::optional<std::string>(SQLite::Database&)> first_violation;
};

/// SQLite's structural check, `pragma` being "quick_check" (every page and record, fast enough
/// for each start) or "integrity_check" (also every index against its table): nothing when the
/// file is sound, else its first `problems_shown_max` problem lines and how many there are. A
/// file SQLite calls corrupt or not a database at all is damage too, not an exception.
std::optional<store_damage> structural_damage(SQLite::Database& database, const std::string& pragma,
                                              std::size_t problems_shown_max);

/// Every check, cheapest and most fundamental first (integrity before foreign keys before
/// the journal rules), so the first failure reported is the root cause where possible.
const std::vector<database_check>& database_checks();

/// Runs the checks in order and stops at the first failure; nothing when all pass.
std::optional<check_failure> run_database_checks(SQLite::Database& database);

}  // namespace cms::persistence::sqlite
