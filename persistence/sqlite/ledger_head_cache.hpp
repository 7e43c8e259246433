#pragma once
/// The write connection's memory of its cases' ledger heads (persistence/ledger_repository.hpp):
/// each case's account totals over all its postings and its latest posting, kept in step with
/// every posting this connection writes, so a payment or a pay-out at the end of a case's ledger
/// need not read and replay the case's postings (issue #13: reading them was most of a
/// payment's cost; issue #16: of a simulated day's).
///
/// What makes it safe to trust:
/// - Only the write connection keeps one, and every posting it writes goes through
///   sqlite_repositories::insert_posting, which tells the cache (`note_inserted`).
/// - A head is remembered only inside a transaction, and every case remembered or changed inside
///   a work item or a transaction is forgotten when that item or transaction rolls back: what is
///   left is exactly what was committed.
/// - Another connection's commit (a second process, a backup restore, a tool) changes SQLite's
///   `PRAGMA data_version` on this connection; `transaction_began` compares it and forgets
///   everything when it moved.
/// - With CMS_VERIFY_LEDGER_HEADS=1 in the environment (the test suite sets it), every head the
///   cache answers is compared with a replay of the case's postings, and a difference throws.
/// A case not remembered is replayed from its postings, as before the cache.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "persistence/ledger_repository.hpp"

namespace cms::persistence::sqlite {

class ledger_head_cache {
public:
    /// `bytes_max`: a bound on what the remembered heads take; past it everything is forgotten
    /// at once (simple, and rare: a million cases take about 200 MiB).
    explicit ledger_head_cache(std::size_t bytes_max);

    /// At the start of a write transaction, with the connection's data_version then.
    void transaction_began(std::int64_t data_version);
    void transaction_committed();
    void transaction_rolled_back();
    void item_began();
    void item_released();
    void item_rolled_back();

    /// The remembered head of the case, if any (only inside a transaction).
    std::optional<ledger_head> find(core::case_id for_case) const;
    /// Remembers a head just computed from the case's postings (only inside a transaction).
    void remember(const ledger_head& head);
    /// A posting this connection has just written: added to its case's head if remembered.
    void note_inserted(std::span<const core::transfer> legs);

    std::size_t cases_remembered() const { return heads_.size(); }

private:
    struct entry {
        core::civil_date last_business_date;
        core::transfer_cause last_cause;
        std::vector<std::uint8_t> totals;  ///< packed: only the accounts that moved
        /// Most cases never have a settlement taken back: then nothing is kept.
        std::optional<core::settlements_taken_back> taken_back;
        std::int64_t charge_legs = 0;
    };
    static entry entry_of(const ledger_head& head);
    static ledger_head head_of(core::case_id for_case, const entry& remembered);
    static std::vector<std::uint8_t> pack(const core::case_balances& balances);
    static core::case_balances unpack(core::case_id for_case, const std::vector<std::uint8_t>& totals);
    void touched(core::case_id for_case);
    void forget_from(std::size_t first_touched);
    void forget_all();

    std::size_t bytes_max_;
    std::size_t bytes_ = 0;
    bool in_transaction_ = false;
    std::optional<std::int64_t> data_version_;
    std::unordered_map<std::int64_t, entry> heads_;
    /// Cases remembered or changed in this transaction, in order; an item's start is an index.
    std::vector<std::int64_t> touched_;
    std::vector<std::size_t> item_starts_;
};

}  // namespace cms::persistence::sqlite
