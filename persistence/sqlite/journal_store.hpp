#pragma once
/// Rows of the append-only command journal and the outcome each command answered.
#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>

#include "persistence/sqlite/statement_cache.hpp"
#include "persistence/journal_repository.hpp"

namespace cms::persistence::sqlite {

std::optional<recorded_command> find_command_by_key(database_ref database,
                                                    const std::string& idempotency_key);

/// Appends the entry (the key is UNIQUE: a duplicate throws) and returns its id.
core::command_id append_command(database_ref database, const journal_entry& entry);

void record_command_outcome(database_ref database, core::command_id id, int status_code,
                            const std::string& response_json);

}  // namespace cms::persistence::sqlite
