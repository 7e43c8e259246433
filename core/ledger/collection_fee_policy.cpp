#include "core/ledger/collection_fee_policy.hpp"

#include <algorithm>

namespace cms::core {

namespace {

bool rate_in_range(basis_points rate) { return rate.value >= 0 && rate.value <= 10'000; }

}  // namespace

const char* to_string(fee_policy_status status) {
    switch (status) {
        case fee_policy_status::ok: return "ok";
        case fee_policy_status::invalid_date: return "invalid_date";
        case fee_policy_status::not_ascending: return "not_ascending";
        case fee_policy_status::rate_out_of_range: return "rate_out_of_range";
    }
    return "unknown";
}

fee_policy_check validate_fee_policy(std::span<const collection_fee_row> rows) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (!rows[i].effective_from.ok()) return {fee_policy_status::invalid_date, i};
        if (i > 0 && !(rows[i - 1].effective_from < rows[i].effective_from)) {
            return {fee_policy_status::not_ascending, i};
        }
        if (!rate_in_range(rows[i].paying_parent_fee) ||
            !rate_in_range(rows[i].receiving_parent_fee)) {
            return {fee_policy_status::rate_out_of_range, i};
        }
    }
    return {fee_policy_status::ok, rows.size()};
}

const collection_fee_row* fee_row_in_force(std::span<const collection_fee_row> rows,
                                           civil_date day) {
    // The first row starting after `day`; the one before it is in force.
    const auto after = std::upper_bound(
        rows.begin(), rows.end(), day,
        [](civil_date wanted, const collection_fee_row& row) { return wanted < row.effective_from; });
    if (after == rows.begin()) return nullptr;
    return &*(after - 1);
}

}  // namespace cms::core
