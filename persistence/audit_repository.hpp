#pragma once
/// Reading the audit trail: journal entries with their outcomes, filtered and paged. The
/// journal is append-only, so paging by id ("after this entry") is stable while writes go on.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cms::persistence {

struct audit_filter {
    /// Entries about this case: commands whose request names it (case_id) and the command that
    /// opened it.
    std::optional<std::int64_t> case_id;
    std::optional<std::string> actor;
    std::optional<std::string> business_date_from;  ///< YYYY-MM-DD, inclusive
    std::optional<std::string> business_date_to;    ///< YYYY-MM-DD, inclusive
    std::int64_t after_id = 0;                      ///< entries with a larger id only
    std::size_t entries_max = 100;
};

struct audit_entry {
    std::int64_t id = 0;
    std::string idempotency_key;
    std::string command_type;
    std::string actor;
    std::string business_date;
    std::string recorded_at_utc;
    std::string request_json;
    int status_code = 0;
    std::string response_json;
};

class audit_queries {
public:
    virtual ~audit_queries() = default;
    /// Entries matching every given filter, oldest first, at most entries_max of them.
    virtual std::vector<audit_entry> list_audit_entries(const audit_filter& filter) = 0;
};

}  // namespace cms::persistence
