#pragma once
/// Collect and Pay maintenance due since the service began and the part of it unpaid at a date:
/// the statistics' national table of unpaid maintenance ("7% of all maintenance due since CMS
/// began" at June 2025; README.md in this folder).
#include <span>

#include "core/common/civil_date.hpp"
#include "core/common/money.hpp"
#include "core/ledger/ledger.hpp"
#include "core/statistics/compliance.hpp"

namespace cms::core {

struct unpaid_since_start {
    money due;           ///< maintenance accrued since the first posting, up to the date
    money paid;          ///< what payments settled of it (reversals taken back)
    money unpaid;        ///< due less paid: still owed, or written off
    money written_off;   ///< of the unpaid, what approved write-offs and part payments wrote off
    money still_owed;    ///< of the unpaid, what is still owed to receiving parents
    basis_points unpaid_share;  ///< unpaid of due, rounded half up (share_basis_points)
};

/// Maintenance written off (the write_off transfer from maintenance due) in [from, to].
money maintenance_written_off_between(std::span<const transfer> transfers, civil_date from, civil_date to);

/// The figures from the totals of every case: `period` as maintenance_between gives them and what
/// was written off, both over the same days.
unpaid_since_start summarise_unpaid(const maintenance_in_period& period, money written_off);

}  // namespace cms::core
