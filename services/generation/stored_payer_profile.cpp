#include "services/generation/stored_payer_profile.hpp"

#include <stdexcept>
#include <string>

namespace cms::services {

persistence::payer_profile_row payer_profile_to_row(const payer_profile& profile) {
    persistence::payer_profile_row row;
    row.behaviour = std::string(to_string(profile.behaviour));
    row.days_late = profile.days_late;
    row.paid_share_bp = profile.paid_share_bp;
    row.instalments_before_stopping = profile.instalments_before_stopping;
    row.method = profile.method;
    row.employed = profile.employed;
    row.net_weekly_earnings = profile.net_weekly_earnings;
    row.has_bank_account = profile.has_bank_account;
    return row;
}

payer_profile payer_profile_from_row(const persistence::payer_profile_row& row) {
    const auto behaviour = parse_payer_behaviour(row.behaviour);
    if (!behaviour) {
        throw std::runtime_error("the payer profile of case " + std::to_string(row.for_case.value) +
                                 " has an unknown behaviour \"" + row.behaviour + "\"");
    }
    payer_profile profile;
    profile.behaviour = *behaviour;
    profile.days_late = row.days_late;
    profile.paid_share_bp = row.paid_share_bp;
    profile.instalments_before_stopping = row.instalments_before_stopping;
    profile.method = row.method;
    profile.employed = row.employed;
    profile.net_weekly_earnings = row.net_weekly_earnings;
    profile.has_bank_account = row.has_bank_account;
    return profile;
}

std::vector<std::pair<core::case_id, payer_profile>> list_payer_profiles(persistence::case_queries& cases,
                                                                       std::int64_t after_case_id, std::int64_t limit) {
    std::vector<std::pair<core::case_id, payer_profile>> page;
    for (const persistence::payer_profile_row& row : cases.list_payer_profiles_page(after_case_id, limit)) {
        page.emplace_back(row.for_case, payer_profile_from_row(row));
    }
    return page;
}

}  // namespace cms::services
