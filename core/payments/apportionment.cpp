#include "core/payments/apportionment.hpp"

#include <algorithm>

#include "core/payments/allocation.hpp"

namespace cms::core {

const apportionment_row* apportionment_in_force(std::span<const apportionment_row> rows, civil_date on) {
    const apportionment_row* in_force = nullptr;
    for (const apportionment_row& row : rows) {
        if (!(on < row.effective_from)) in_force = &row;
    }
    return in_force;
}

bool valid_apportionment_rows(std::span<const apportionment_row> rows) {
    if (rows.empty()) return false;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        if (!(rows[i - 1].effective_from < rows[i].effective_from)) return false;
    }
    return true;
}

std::vector<apportioned_share> apportion_payment(money amount, std::span<const apportionment_claim> claims,
                                                 apportionment_method method) {
    std::vector<apportioned_share> shares;
    for (const apportionment_claim& claim : claims) shares.push_back({claim.for_case, money{}});
    if (claims.empty() || amount.pence() <= 0) return shares;
    std::vector<money> owed;
    money owed_total;
    for (const apportionment_claim& claim : claims) {
        owed.push_back(claim.owed);
        owed_total += claim.owed;
    }
    const money to_debts = std::min(amount, owed_total);
    std::vector<money> parts(claims.size());
    if (method == apportionment_method::pro_rata_to_owed) {
        split_pro_rata(to_debts, owed, parts);
    } else {
        money left = to_debts;
        for (std::size_t i = 0; i < claims.size(); ++i) {
            parts[i] = std::min(left, owed[i]);
            left -= parts[i];
        }
    }
    for (std::size_t i = 0; i < claims.size(); ++i) shares[i].amount = parts[i];

    const money beyond = amount - to_debts;
    if (beyond.is_zero()) return shares;
    std::vector<money> weekly;
    for (const apportionment_claim& claim : claims) weekly.push_back(claim.weekly_amount);
    if (split_pro_rata(beyond, weekly, parts)) {
        for (std::size_t i = 0; i < claims.size(); ++i) shares[i].amount += parts[i];
    } else {
        shares.front().amount += beyond;  // no case charges anything: the first holds it as credit
    }
    return shares;
}

const char* to_string(apportionment_method method) {
    switch (method) {
        case apportionment_method::pro_rata_to_owed: return "pro_rata_to_owed";
        case apportionment_method::oldest_case_first: return "oldest_case_first";
    }
    return "unknown";
}

std::optional<apportionment_method> parse_apportionment_method(std::string_view text) {
    for (const auto method : {apportionment_method::pro_rata_to_owed, apportionment_method::oldest_case_first}) {
        if (text == to_string(method)) return method;
    }
    return std::nullopt;
}

}  // namespace cms::core
