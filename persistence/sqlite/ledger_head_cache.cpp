#include "persistence/sqlite/ledger_head_cache.hpp"

#include <algorithm>
#include <cstring>

namespace cms::persistence::sqlite {

namespace {

/// One moved account in `totals`: its index in core::case_balances, its debits, its credits.
constexpr std::size_t account_bytes = 1 + 2 * sizeof(std::int64_t);
/// What a remembered head costs besides its totals: the map's node and bucket, roughly.
constexpr std::size_t entry_overhead_bytes = 96;

}  // namespace

ledger_head_cache::ledger_head_cache(std::size_t bytes_max) : bytes_max_(bytes_max) {}

void ledger_head_cache::transaction_began(std::int64_t data_version) {
    // Another connection committed since this one last looked: what it wrote is not here.
    if (data_version_ && *data_version_ != data_version) forget_all();
    data_version_ = data_version;
    in_transaction_ = true;
    touched_.clear();
    item_starts_.clear();
}

void ledger_head_cache::transaction_committed() {
    in_transaction_ = false;
    touched_.clear();
    item_starts_.clear();
}

void ledger_head_cache::transaction_rolled_back() {
    forget_from(0);
    in_transaction_ = false;
    item_starts_.clear();
}

void ledger_head_cache::item_began() { item_starts_.push_back(touched_.size()); }

void ledger_head_cache::item_released() {
    if (!item_starts_.empty()) item_starts_.pop_back();
}

void ledger_head_cache::item_rolled_back() {
    if (item_starts_.empty()) return;
    forget_from(item_starts_.back());
    item_starts_.pop_back();
}

std::optional<ledger_head> ledger_head_cache::find(core::case_id for_case) const {
    if (!in_transaction_) return std::nullopt;
    const auto found = heads_.find(for_case.value);
    if (found == heads_.end()) return std::nullopt;
    return head_of(for_case, found->second);
}

ledger_head_cache::entry ledger_head_cache::entry_of(const ledger_head& head) {
    entry remembered{head.last_business_date, head.last_cause, pack(head.balances), std::nullopt, head.charge_legs};
    if (!(head.taken_back == core::settlements_taken_back{})) remembered.taken_back = head.taken_back;
    return remembered;
}

ledger_head ledger_head_cache::head_of(core::case_id for_case, const entry& remembered) {
    return ledger_head{unpack(for_case, remembered.totals), remembered.last_business_date, remembered.last_cause,
                       remembered.taken_back.value_or(core::settlements_taken_back{}), remembered.charge_legs};
}

void ledger_head_cache::remember(const ledger_head& head) {
    if (!in_transaction_) return;
    const std::int64_t case_number = head.balances.for_case().value;
    if (const auto found = heads_.find(case_number); found != heads_.end()) {
        bytes_ -= entry_overhead_bytes + found->second.totals.size();
        heads_.erase(found);
    }
    entry remembered = entry_of(head);
    const std::size_t cost = entry_overhead_bytes + remembered.totals.size();
    if (bytes_ + cost > bytes_max_) forget_all();
    heads_.emplace(case_number, std::move(remembered));
    bytes_ += cost;
    touched(head.balances.for_case());
}

void ledger_head_cache::note_inserted(std::span<const core::transfer> legs) {
    if (legs.empty()) return;
    const core::case_id for_case = legs.front().for_case;
    const auto found = heads_.find(for_case.value);
    if (found == heads_.end()) return;
    if (!in_transaction_) {  // never expected: forget rather than guess
        bytes_ -= entry_overhead_bytes + found->second.totals.size();
        heads_.erase(found);
        return;
    }
    ledger_head head = head_of(for_case, found->second);
    head.add(legs);
    const core::transfer& first = legs.front();
    if (core::precedes(head.last_business_date, head.last_cause, first.business_date, first.cause)) {
        head.last_business_date = first.business_date;
        head.last_cause = first.cause;
    }
    bytes_ -= found->second.totals.size();
    found->second = entry_of(head);
    bytes_ += found->second.totals.size();
    touched(for_case);
}

std::vector<std::uint8_t> ledger_head_cache::pack(const core::case_balances& balances) {
    std::vector<std::uint8_t> totals;
    for (std::size_t i = 0; i < core::case_balances::account_count; ++i) {
        const core::account_totals& account = balances.totals(core::case_balances::account_at(i));
        if (account.debits.is_zero() && account.credits.is_zero()) continue;
        const std::int64_t debits = account.debits.pence();
        const std::int64_t credits = account.credits.pence();
        const std::size_t at = totals.size();
        totals.resize(at + account_bytes);
        totals[at] = static_cast<std::uint8_t>(i);
        std::memcpy(totals.data() + at + 1, &debits, sizeof debits);
        std::memcpy(totals.data() + at + 1 + sizeof debits, &credits, sizeof credits);
    }
    return totals;
}

core::case_balances ledger_head_cache::unpack(core::case_id for_case, const std::vector<std::uint8_t>& totals) {
    core::case_balances balances(for_case);
    for (std::size_t at = 0; at + account_bytes <= totals.size(); at += account_bytes) {
        std::int64_t debits = 0;
        std::int64_t credits = 0;
        std::memcpy(&debits, totals.data() + at + 1, sizeof debits);
        std::memcpy(&credits, totals.data() + at + 1 + sizeof debits, sizeof credits);
        core::account_totals& account = balances.totals(core::case_balances::account_at(totals[at]));
        account.debits = core::money::from_pence(debits);
        account.credits = core::money::from_pence(credits);
    }
    return balances;
}

void ledger_head_cache::touched(core::case_id for_case) { touched_.push_back(for_case.value); }

void ledger_head_cache::forget_from(std::size_t first_touched) {
    for (std::size_t i = first_touched; i < touched_.size(); ++i) {
        const auto found = heads_.find(touched_[i]);
        if (found == heads_.end()) continue;
        bytes_ -= entry_overhead_bytes + found->second.totals.size();
        heads_.erase(found);
    }
    touched_.resize(std::min(first_touched, touched_.size()));
}

void ledger_head_cache::forget_all() {
    heads_.clear();
    bytes_ = 0;
    // `touched_` and the open items' starts stay: forgetting by id skips what is already gone.
}

}  // namespace cms::persistence::sqlite
