#pragma once
/// The whole ledger of the last case read, remembered for the rest of one writer item (one
/// command's savepoint) and kept in step with that item's own inserts.
///
/// Why: a payment reads its case's ledger to allocate, then the writer replays the same ledger
/// after the command to check its invariants (services/ledger/ledger_invariants.hpp). Reading
/// it twice from SQLite was about a tenth of the writer's time per payment (issue #13). Within
/// one item the single writer is the only one changing the file, and every posting goes through
/// insert_posting, so the remembered list is exactly what the table holds; the memo is dropped
/// when the item ends (released or rolled back), so nothing outlives the savepoint it was read in.
#include <optional>
#include <span>
#include <vector>

#include "persistence/ledger_repository.hpp"

namespace cms::persistence::sqlite {

class item_ledger_memo {
public:
    /// Starts remembering (at SAVEPOINT); anything remembered before is forgotten.
    void start_item();
    /// Stops and forgets (at RELEASE or ROLLBACK TO).
    void end_item();

    /// Whether a list of every posting of `for_case` should be remembered now.
    bool remembering() const { return remembering_; }
    /// Only a list over the whole ledger (core::ledger_epoch to core::ledger_end) is remembered;
    /// postings of `for_case` in [from, to] in ledger order,
    /// when this case's whole ledger is remembered.
    std::optional<std::vector<posting>> postings(core::case_id for_case, core::civil_date from,
                                                 core::civil_date to) const;
    /// Remembers `all` as every posting of `for_case`, in ledger order.
    void remember(core::case_id for_case, std::vector<posting> all);
    /// A posting this item has just written: placed in ledger order if its case is remembered.
    void note_inserted(std::span<const core::transfer> legs);

    /// The widest range: a list asked for over it is the whole ledger.
    static bool whole_ledger(core::civil_date from, core::civil_date to);

private:
    bool remembering_ = false;
    std::optional<core::case_id> for_case_;
    std::vector<posting> postings_;
};

}  // namespace cms::persistence::sqlite
