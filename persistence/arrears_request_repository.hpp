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
    core::money written_off;  ///< by the decision itself (a write-off); 0 for a part payment
    /// An approved part payment's agreement (pay_by and remainder); absent otherwise.
    std::optional<core::part_payment_agreement> agreement;
};

/// The payment that completed a part-payment agreement, and what it wrote off.
struct part_payment_settlement_row {
    core::civil_date settled_on;
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
    /// Part payments: received towards the agreement so far, and its settlement once complete.
    core::money received_towards;
    std::optional<part_payment_settlement_row> settlement;
    /// Derived by the service from the rows and the business date, for views; never stored.
    std::optional<core::agreement_state> agreement_state;
};

class arrears_request_queries {
public:
    virtual ~arrears_request_queries() = default;
    virtual std::optional<arrears_request_row> find_arrears_request(std::int64_t id) = 0;
    /// Requests in id order after `after_id`, at most `limit`; only undecided ones when `pending_only`.
    virtual std::vector<arrears_request_row> list_arrears_requests(bool pending_only, std::int64_t after_id,
                                                                   std::int64_t limit) = 0;
    /// The case's approved part-payment agreements not yet settled, in id order.
    virtual std::vector<arrears_request_row> open_part_payment_agreements(core::case_id for_case) = 0;
};

class arrears_request_repository : public arrears_request_queries {
public:
    virtual std::int64_t insert_arrears_request(const arrears_request_row& row, core::command_id cause) = 0;
    virtual void insert_arrears_decision(std::int64_t request_id, const arrears_decision_row& decision,
                                         core::command_id cause) = 0;
    /// A payment (its command) counted `amount` towards a part-payment agreement.
    virtual void insert_part_payment_receipt(std::int64_t request_id, core::command_id cause, core::civil_date received_on,
                                             core::money amount) = 0;
    virtual void insert_part_payment_settlement(std::int64_t request_id, core::command_id cause,
                                                const part_payment_settlement_row& settlement) = 0;
};

}  // namespace cms::persistence
