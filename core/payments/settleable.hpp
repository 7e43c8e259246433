#pragma once
/// How much of each due account a payment may settle when it lands in a case's ledger before
/// postings already there (a payment received on a date that was already accrued, or backdated
/// behind later payments).
///
/// A case's ledger is replayed in date order, and every balance must stay within its limit at
/// every point (no due account below zero). A payment received on date D sits at D's place in
/// that order, but it is allocated now, when later postings may already have settled, written
/// off or (at accrual) added to what was due at D. So at D it may settle at most what each due
/// account holds there *and at every later point*: the lowest balance from its place on. What it
/// cannot settle stays with the case as credit (payments_unallocated).
#include <array>
#include <optional>
#include <span>
#include <vector>

#include "core/ledger/ledger_balances.hpp"

namespace cms::core {

struct settleable_dues {
    std::array<money, receiving_parents_max> maintenance{};  ///< per receiving parent slot
    money collection_fee;
    money enforcement_charges;
    /// Credit (payments_unallocated) held there and at every later point: what applying credit
    /// at that place may use without leaving a later posting short.
    money credit;
};

/// `at_place`: the case's balances replayed up to the payment's place; `later`: the postings
/// after it, in ledger order. Nothing when a later posting does not apply to the balances (a
/// ledger already broken: the caller stops rather than allocate on it).
std::optional<settleable_dues> settleable_from(const case_balances& at_place,
                                               std::span<const std::vector<transfer>> later);

}  // namespace cms::core
