#include "services/generation/caseload_draws.hpp"

#include <algorithm>
#include <stdexcept>

namespace cms::services {

namespace {

/// True `share_bp` times in 10,000.
bool draw_bp(std::int64_t share_bp, core::splitmix64& random) { return random.below(shares_total_bp) < share_bp; }

/// A band by its share, then a value evenly within it.
std::int64_t draw_band(const std::vector<share_of<value_range>>& bands, core::splitmix64& random) {
    const value_range& chosen = draw_share(bands, random);
    return random.between(chosen.from, chosen.to);
}

/// Whether the parent can pay by `method` (caseload_parameters.json, payment_method).
bool can_use(core::payment_method method, const payer_profile& profile, const core::paying_parent_circumstances& status) {
    switch (method) {
        case core::payment_method::direct_debit:
        case core::payment_method::standing_order:
        case core::payment_method::bank_transfer: return profile.has_bank_account;
        case core::payment_method::deduction_from_earnings: return profile.employed;
        case core::payment_method::deduction_from_benefit: return status.benefit == core::benefit_status::flat_rate_benefit;
        default: return true;
    }
}

/// A method among those the parent can use, in proportion to the shares (debit card and cheque
/// are open to anyone, and the parser requires them above 0 together).
core::payment_method draw_method(const caseload_parameters& parameters, const payer_profile& profile,
                                 const core::paying_parent_circumstances& status, core::splitmix64& random) {
    std::int64_t usable_bp = 0;
    for (const auto& item : parameters.methods) {
        if (can_use(item.value, profile, status)) usable_bp += item.share_bp;
    }
    std::int64_t roll = random.below(usable_bp);
    for (const auto& item : parameters.methods) {
        if (!can_use(item.value, profile, status)) continue;
        if (roll < item.share_bp) return item.value;
        roll -= item.share_bp;
    }
    return core::payment_method::debit_card;  // unreachable: the roll is below the usable total
}

void draw_status(const caseload_parameters& parameters, drawn_case& drawn, core::splitmix64& random) {
    core::paying_parent_circumstances& status = drawn.circumstances;
    const std::int64_t roll = random.below(shares_total_bp);
    if (roll < parameters.nil_rate_bp) {
        status.nil_reason = draw_share(parameters.nil_rate_reasons, random);
    } else if (roll < parameters.nil_rate_bp + parameters.flat_rate_benefit_bp) {
        status.benefit = core::benefit_status::flat_rate_benefit;
    } else {
        status.gross_weekly_income = core::money::from_pence(draw_band(parameters.gross_weekly_income_pence, random));
    }
    if (draw_bp(parameters.relevant_other_children_bp, random)) {
        status.relevant_other_children = draw_share(parameters.relevant_other_children_counts, random);
    }
}

void draw_profile(const caseload_parameters& parameters, drawn_case& drawn, core::splitmix64& random) {
    payer_profile& profile = drawn.profile;
    const core::paying_parent_circumstances& status = drawn.circumstances;
    // Only a parent with an income can be employed; nil-rate and benefit cases are not.
    const bool has_income = status.nil_reason == core::nil_rate_reason::none &&
                            status.benefit == core::benefit_status::none;
    profile.employed = draw_bp(parameters.employed_bp, random) && has_income;
    if (profile.employed) {
        // Net of tax and National Insurance; rounded down so a deduction order is never made
        // against more than the parent earns.
        profile.net_weekly_earnings = status.gross_weekly_income.apply_basis_points(
            core::basis_points{parameters.net_earnings_of_gross_bp}, core::rounding::toward_zero);
    }
    profile.has_bank_account = draw_bp(parameters.bank_account_bp, random);
    profile.method = draw_method(parameters, profile, status, random);
    std::int64_t roll = random.below(shares_total_bp);
    std::size_t chosen = payer_behaviour_count - 1;
    for (std::size_t i = 0; i < payer_behaviour_count; ++i) {
        if (roll < parameters.behaviours[i].share_bp) {
            chosen = i;
            break;
        }
        roll -= parameters.behaviours[i].share_bp;
    }
    profile.behaviour = static_cast<payer_behaviour>(chosen + 1);
    const behaviour_parameters& range = parameters.behaviours[chosen];
    const auto parameter = static_cast<std::int32_t>(random.between(range.low, range.high));
    if (profile.behaviour == payer_behaviour::pays_late) profile.days_late = parameter;
    if (profile.behaviour == payer_behaviour::pays_part) profile.paid_share_bp = parameter;
    if (profile.behaviour == payer_behaviour::stops_paying) profile.instalments_before_stopping = parameter;
}

}  // namespace

area_picker::area_picker(const std::vector<local_authority>& areas) : areas_(areas) {
    std::int64_t total = 0;
    for (const local_authority& area : areas_) {
        total += area.population;
        cumulative_.push_back(total);
    }
    if (total <= 0) throw std::invalid_argument("the local authorities have no population to draw from");
}

const local_authority& area_picker::draw(core::splitmix64& random) const {
    // The first area whose cumulative population is above the roll: each area is drawn with
    // probability population / total (an area of no population never).
    const std::int64_t roll = random.below(cumulative_.back());
    const auto found = std::upper_bound(cumulative_.begin(), cumulative_.end(), roll);
    return areas_[static_cast<std::size_t>(found - cumulative_.begin())];
}

drawn_case draw_case(const case_draw_settings& settings, core::splitmix64& random) {
    const caseload_parameters& parameters = *settings.parameters;
    drawn_case drawn;
    drawn.area = &settings.areas->draw(random);
    drawn.opened_on = core::add_days(settings.start, -random.between(1, settings.opened_span_days));
    drawn.service = draw_bp(settings.collect_and_pay_bp, random) ? core::service_type::collect_and_pay
                                                                   : core::service_type::direct_pay;
    const int children = draw_share(drawn.service == core::service_type::collect_and_pay
                                        ? parameters.children_collect_and_pay
                                        : parameters.children_direct_pay,
                                    random);
    // Under 16 on --start (their 16th birthday after it), so qualifying from the opening on,
    // and born by the day the case opens: evenly over those days, the eldest first.
    const core::civil_date born_earliest = core::add_days(core::add_months_clamped(settings.start, -16 * 12), 1);
    const std::int64_t born_window_days = core::days_between(born_earliest, drawn.opened_on);
    for (int i = 0; i < children; ++i) {
        drawn.children_born.push_back(core::add_days(born_earliest, random.between(0, born_window_days)));
    }
    std::sort(drawn.children_born.begin(), drawn.children_born.end());
    const std::int64_t age_days_min = std::int64_t{parameters.parent_age_at_eldest_birth_years_min} * 365;
    const std::int64_t age_days_max = std::int64_t{parameters.parent_age_at_eldest_birth_years_max} * 365;
    drawn.paying_born = core::add_days(drawn.children_born.front(), -random.between(age_days_min, age_days_max));
    drawn.receiving_born = core::add_days(drawn.children_born.front(), -random.between(age_days_min, age_days_max));
    draw_status(parameters, drawn, random);
    drawn.shared_care_nights = static_cast<int>(draw_band(parameters.shared_care_nights, random));
    drawn.frequency = draw_share(parameters.frequencies, random);
    draw_profile(parameters, drawn, random);
    return drawn;
}

}  // namespace cms::services
