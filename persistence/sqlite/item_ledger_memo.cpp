#include "persistence/sqlite/item_ledger_memo.hpp"

#include <algorithm>
#include <tuple>

#include "persistence/sqlite/ledger_store.hpp"

namespace cms::persistence::sqlite {

namespace {

/// The ledger's order, as list_postings' ORDER BY states it: business date, then stored cause
/// kind descending (opening batch steps, commands, closing batch steps), then cause reference.
auto order_key(const posting& entry) {
    const cause_columns cause = to_columns(entry.cause);
    return std::make_tuple(entry.business_date, -cause.kind, cause.ref);
}

}  // namespace

void item_ledger_memo::start_item() {
    remembering_ = true;
    for_case_.reset();
    postings_.clear();
}

void item_ledger_memo::end_item() {
    remembering_ = false;
    for_case_.reset();
    postings_.clear();
}

bool item_ledger_memo::whole_ledger(core::civil_date from, core::civil_date to) {
    return !(core::ledger_epoch < from) && !(to < core::ledger_end);
}

std::optional<std::vector<posting>> item_ledger_memo::postings(core::case_id for_case, core::civil_date from,
                                                               core::civil_date to) const {
    if (!remembering_ || !for_case_ || *for_case_ != for_case) return std::nullopt;
    std::vector<posting> within;
    within.reserve(postings_.size());
    for (const posting& entry : postings_) {
        if (!(entry.business_date < from) && !(to < entry.business_date)) within.push_back(entry);
    }
    return within;
}

void item_ledger_memo::remember(core::case_id for_case, std::vector<posting> all) {
    if (!remembering_) return;
    for_case_ = for_case;
    postings_ = std::move(all);
}

void item_ledger_memo::note_inserted(std::span<const core::transfer> legs) {
    if (!remembering_ || !for_case_ || legs.empty() || legs.front().for_case != *for_case_) return;
    posting inserted;
    inserted.for_case = legs.front().for_case;
    // As a read would return it: the cause through its stored columns, legs numbered by position.
    inserted.cause = from_columns(to_columns(legs.front().cause));
    inserted.business_date = legs.front().business_date;
    inserted.legs.assign(legs.begin(), legs.end());
    for (std::size_t i = 0; i < inserted.legs.size(); ++i) {
        core::transfer& leg = inserted.legs[i];
        leg.id = {};
        leg.leg = static_cast<std::uint16_t>(i);
        leg.cause = inserted.cause;
        leg.corrects.reset();
    }
    const auto key = order_key(inserted);
    const auto at = std::upper_bound(postings_.begin(), postings_.end(), key,
                                     [](const auto& wanted, const posting& entry) { return wanted < order_key(entry); });
    postings_.insert(at, std::move(inserted));
}

}  // namespace cms::persistence::sqlite
