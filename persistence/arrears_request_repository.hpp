#pragma once
/// Write-off and part-payment requests, and the one decision each may get.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/arrears/write_off.hpp"

namespace cms::persistence {

struct arrears_decision_row {
    bool approved = false;
    std::string decided_by;
    core::civil_date decided_on;
    std::string note;
    core::money written_off;
};

struct arrears_request_row {
    std::int64_t id = 0;
    core::case_id for_case;
    core::arrears_request request;
    std::string consent_reference;  ///< part payments: where the written consent is filed
    std::string requested_by;
    core::civil_date requested_on;
    core::civil_date approvable_from;
    std::optional<arrears_decision_row> decision;
};

class arrears_request_queries {
public:
    virtual ~arrears_request_queries() = default;
    virtual std::optional<arrears_request_row> find_arrears_request(std::int64_t id) = 0;
    /// Requests in id order after `after_id`, at most `limit`; only undecided ones when `pending_only`.
    virtual std::vector<arrears_request_row> list_arrears_requests(bool pending_only, std::int64_t after_id,
                                                                   std::int64_t limit) = 0;
};

class arrears_request_repository : public arrears_request_queries {
public:
    virtual std::int64_t insert_arrears_request(const arrears_request_row& row, core::command_id cause) = 0;
    virtual void insert_arrears_decision(std::int64_t request_id, const arrears_decision_row& decision,
                                         core::command_id cause) = 0;
};

}  // namespace cms::persistence
