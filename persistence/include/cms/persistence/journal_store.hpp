#pragma once
/// Rows of the append-only command journal and the outcome each command answered.
#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>

#include "core/common/ids.hpp"

namespace cms::persistence {

struct journal_entry {
    std::string idempotency_key;
    std::string command_type;
    std::string actor;
    std::string business_date;  ///< YYYY-MM-DD
    std::string request_json;   ///< canonical form: keys sorted, so equal requests are equal text
};

struct recorded_command {
    core::command_id id;
    journal_entry entry;
    int status_code = 0;
    std::string response_json;
};

std::optional<recorded_command> find_command_by_key(SQLite::Database& database,
                                                    const std::string& idempotency_key);

/// Appends the entry (the key is UNIQUE: a duplicate throws) and returns its id.
core::command_id append_command(SQLite::Database& database, const journal_entry& entry);

void record_command_outcome(SQLite::Database& database, core::command_id id, int status_code,
                            const std::string& response_json);

}  // namespace cms::persistence
