#pragma once
/// Pay-out to receiving parents: the cases that hold money collected for them, the disbursement
/// records (one per receiving parent and pay-out date, beside the pay-out's ledger posting) and
/// the pay-out dates completed. Schema: schemas/sql/sqlite/0014_payouts.sql.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/common/civil_date.hpp"
#include "core/common/ids.hpp"
#include "core/common/money.hpp"

namespace cms::persistence {

/// What one receiving parent of a case was paid on one date.
struct disbursement_row {
    core::case_id for_case;
    core::civil_date paid_on;
    std::uint8_t receiving_parent_slot = 0;
    core::parent_id receiving_parent;
    core::money paid;       ///< passed on to them
    core::money recovered;  ///< kept back against an earlier overpayment
    std::int64_t job_id = 0;
};

/// Where a page of a case's disbursements starts: after this (date, slot).
struct disbursement_cursor {
    core::civil_date paid_on;
    std::uint8_t receiving_parent_slot = 0;
};

class payout_queries {
public:
    virtual ~payout_queries() = default;
    /// Up to `limit` listed cases with ids above `after_id`, in id order (the pay-out's chunks).
    virtual std::vector<core::case_id> cases_holding_collections(std::int64_t after_id, std::int64_t limit) = 0;
    /// A case's disbursements by date then slot, after `after` when given.
    virtual std::vector<disbursement_row> disbursements_of_case(core::case_id for_case,
                                                                std::optional<disbursement_cursor> after,
                                                                std::int64_t limit) = 0;
    /// The latest pay-out date every listed case was paid out for, if any.
    virtual std::optional<core::civil_date> last_payout_day() = 0;
};

class payout_repository : public payout_queries {
public:
    /// Lists the case as holding collected money (idempotent), or takes it off the list.
    virtual void mark_holding_collections(core::case_id for_case, bool holding) = 0;
    virtual void insert_disbursement(const disbursement_row& row) = 0;
    /// Records the date as complete (idempotent).
    virtual void mark_payout_day_complete(core::civil_date paid_on, std::int64_t job_id) = 0;
};

}  // namespace cms::persistence
