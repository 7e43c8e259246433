#pragma once
/// The append-only command journal and the outcome each command answered: what makes a
/// repeated idempotency key answer the original result.
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

class journal_queries {
public:
    virtual ~journal_queries() = default;
    virtual std::optional<recorded_command> find_command_by_key(const std::string& idempotency_key) = 0;
};

class journal_repository : public journal_queries {
public:
    /// Appends the entry (the key is unique: a duplicate throws) and returns its id.
    virtual core::command_id append_command(const journal_entry& entry) = 0;
    virtual void record_command_outcome(core::command_id id, int status_code, const std::string& response_json) = 0;
};

}  // namespace cms::persistence
