#pragma once
/// Ledger postings: all legs of one cause (a command, or a batch step for one case and period)
/// form one immutable posting keyed by (case, cause), so a rerun can never post twice.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/ledger/ledger.hpp"
#include "core/arrears/case_position.hpp"
#include "core/ledger/ledger_balances.hpp"

namespace cms::persistence {

/// One stored posting.
struct posting {
    core::case_id for_case;
    core::transfer_cause cause;
    core::civil_date business_date;
    std::vector<core::transfer> legs;  ///< leg numbers are their position
};

/// A case's ledger head: the totals of every posting of the case, and where its ledger ends. A posting placed after `last` in the ledger's order sees
/// exactly these balances before it, so it need not replay the case's postings.
struct ledger_head {
    core::case_balances balances;      ///< summed, limits not checked (the writer checks them)
    core::civil_date last_business_date;
    core::transfer_cause last_cause;   ///< the latest posting in the ledger's order
    /// What a case's position needs besides the balances (core/arrears/case_position.hpp): the
    /// settlements taken back, summed, and how many enforcement charge legs there are (a
    /// position dates each charge, so a case with any is replayed).
    core::settlements_taken_back taken_back;
    std::int64_t charge_legs = 0;

    /// Adds one posting's legs (limits not checked).
    void add(std::span<const core::transfer> legs) {
        core::add_transfers(balances, legs);
        for (const core::transfer& leg : legs) {
            taken_back.count(leg);
            if (leg.code == core::transfer_code::enforcement_charge) ++charge_legs;
        }
    }
    friend bool operator==(const ledger_head&, const ledger_head&) = default;
    /// Whether a posting dated `business_date` with `cause` comes after every posting of the case.
    bool ends_before(core::civil_date business_date, const core::transfer_cause& cause) const {
        return core::precedes(last_business_date, last_cause, business_date, cause);
    }
};

class ledger_queries {
public:
    virtual ~ledger_queries() = default;
    /// Every posting of a case with a business date in [from, to], in the ledger's order: by
    /// business date; on one date, batch steps before commands (a month's accrual is dated its
    /// last day, so a payment received that day settles it), then by cause (a command's id, so
    /// commands in the order they were applied). Every replay of a case uses this order. Throws
    /// on a stored posting that does not decode into valid legs.
    virtual std::vector<posting> list_postings(core::case_id for_case, core::civil_date from, core::civil_date to) = 0;
    /// The postings of cases first_id..last_id (inclusive) dated in [from, to], by case id, then
    /// each case's in the ledger's order: one range scan for a report that reads a page of cases.
    virtual std::vector<posting> list_postings_of_cases(std::int64_t first_id, std::int64_t last_id, core::civil_date from,
                                                        core::civil_date to) = 0;
    /// The case's posting with this cause, or nothing. Throws on one that does not decode into
    /// valid legs.
    virtual std::optional<posting> find_posting(core::case_id for_case, const core::transfer_cause& cause) = 0;
    /// The case's ledger head where this connection keeps heads (the write connection:
    /// persistence/sqlite/ledger_head_cache.hpp); nothing on a connection that keeps none, and
    /// when the case has no posting. Nothing means: replay the postings.
    virtual std::optional<ledger_head> ledger_head_of(core::case_id for_case) = 0;
    /// The cases that have a posting caused by `command` (what the writer checks after it).
    virtual std::vector<core::case_id> cases_posted_by_command(core::command_id command) = 0;
    /// Cases first_id..last_id (inclusive) listed as possibly holding credit, in id order (one
    /// range scan: the accrual asks once per chunk).
    virtual std::vector<core::case_id> cases_holding_credit(std::int64_t first_id, std::int64_t last_id) = 0;
};

class ledger_repository : public ledger_queries {
public:
    /// Writes the legs (1 to 32, sharing case, cause and business date) as one posting (a back end
    /// that keeps ledger heads keeps them in step); false, and nothing written, when a posting
    /// with the same (case, cause) exists. The batch's hot
    /// path: called once per case and month, so a back end keeps its statement prepared.
    virtual bool insert_posting(std::span<const core::transfer> legs) = 0;
    /// Lists the case as holding credit (idempotent), or takes it off the list.
    virtual void mark_holding_credit(core::case_id for_case, bool holding) = 0;
};

}  // namespace cms::persistence
