#include "services/generation/payer_behaviour.hpp"

#include <array>
#include <utility>

namespace cms::services {

namespace {

constexpr std::array<std::pair<payer_behaviour, std::string_view>, 6> behaviour_names = {{
    {payer_behaviour::pays_on_time, "pays_on_time"},
    {payer_behaviour::pays_late, "pays_late"},
    {payer_behaviour::pays_part, "pays_part"},
    {payer_behaviour::stops_paying, "stops_paying"},
    {payer_behaviour::never_pays, "never_pays"},
    {payer_behaviour::pays_under_enforcement, "pays_under_enforcement"},
}};

/// Late payers pay within a quarter of their due date in the model; more than that is a parent
/// who stopped, and belongs to stops_paying.
constexpr std::int32_t days_late_max = 90;

}  // namespace

std::string_view to_string(payer_behaviour behaviour) {
    for (const auto& [value, name] : behaviour_names) {
        if (value == behaviour) return name;
    }
    return "unknown";
}

std::optional<payer_behaviour> parse_payer_behaviour(std::string_view text) {
    for (const auto& [value, name] : behaviour_names) {
        if (name == text) return value;
    }
    return std::nullopt;
}

std::optional<std::string_view> check_payer_profile(const payer_profile& profile) {
    if (to_string(profile.behaviour) == "unknown") return "behaviour: not one of the six";
    if (profile.behaviour == payer_behaviour::pays_late && (profile.days_late < 1 || profile.days_late > days_late_max)) {
        return "days_late: a late payer pays 1 to 90 days after the due date";
    }
    if (profile.behaviour == payer_behaviour::pays_part &&
        (profile.paid_share_bp < 1 || profile.paid_share_bp > 9'999)) {
        return "paid_share_bp: a part payer pays 1 to 9,999 basis points of each instalment";
    }
    if (profile.instalments_before_stopping < 0) return "instalments_before_stopping: must not be negative";
    if (profile.net_weekly_earnings.is_negative()) return "net_weekly_earnings: must not be negative";
    if (!profile.employed && !profile.net_weekly_earnings.is_zero()) {
        return "net_weekly_earnings: only an employed parent has earnings an order is made against";
    }
    return std::nullopt;
}

std::optional<instalment_payment> payment_for_instalment(const payer_profile& profile, std::int64_t index,
                                                         core::civil_date due_on, core::money due,
                                                         bool enforcement_in_force) {
    if (due.is_zero() || due.is_negative()) return std::nullopt;
    switch (profile.behaviour) {
        case payer_behaviour::pays_on_time: return instalment_payment{due_on, due};
        case payer_behaviour::pays_late: return instalment_payment{core::add_days(due_on, profile.days_late), due};
        case payer_behaviour::pays_part: {
            const core::money part =
                due.apply_basis_points(core::basis_points{profile.paid_share_bp}, core::rounding::toward_zero);
            if (part.is_zero()) return std::nullopt;
            return instalment_payment{due_on, part};
        }
        case payer_behaviour::stops_paying:
            if (index < profile.instalments_before_stopping) return instalment_payment{due_on, due};
            return std::nullopt;
        case payer_behaviour::never_pays: return std::nullopt;
        case payer_behaviour::pays_under_enforcement:
            if (enforcement_in_force) return instalment_payment{due_on, due};
            return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace cms::services
