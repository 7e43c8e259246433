#include "core/enforcement/arrears_agreement.hpp"

#include <algorithm>

#include "core/common/enum_names.hpp"
#include "core/enforcement/deductions.hpp"

namespace cms::core {

namespace {

constexpr enum_name_table<arrears_agreement_status, 3> status_names{{
    {arrears_agreement_status::active, "active"},
    {arrears_agreement_status::completed, "completed"},
    {arrears_agreement_status::broken, "broken"},
}};

}  // namespace

std::string_view to_string(arrears_agreement_status status) { return name_in(status_names, status); }

std::optional<arrears_agreement_status> parse_arrears_agreement_status(std::string_view text) {
    return value_named(status_names, text);
}

arrears_agreement_decision decide_arrears_agreement(const arrears_agreement_request& request) {
    arrears_agreement_decision decision;
    arrears_agreement_terms& terms = decision.terms;
    if (request.arrears.pence() <= 0) {
        decision.refused = rejection{rejection_code::conflicting_state, "case_id", "the case has no arrears to agree"};
        return decision;
    }
    terms.ongoing_per_instalment = per_pay_period(request.weekly_due, request.frequency);
    terms.clears_in_two_years = arrears_instalment(request.arrears, request.frequency);
    // Rounded down: the plan never asks for a penny beyond the share.
    const money share = request.net_income_per_period.apply_basis_points(request.income_share_max, rounding::toward_zero);
    terms.arrears_instalment_max = std::max(money{}, share - terms.ongoing_per_instalment);
    if (terms.arrears_instalment_max.is_zero()) {
        decision.refused = rejection{
            rejection_code::invalid_field, "net_income_per_period_pence",
            "leaves no room for an arrears instalment: the ongoing " + format_pounds(terms.ongoing_per_instalment) +
                " a period already reaches the most the plan may ask of this income (" + format_pounds(share) + ")"};
        return decision;
    }
    if (request.arrears_instalment_asked) {
        const money asked = *request.arrears_instalment_asked;
        if (asked > terms.arrears_instalment_max) {
            decision.refused = rejection{rejection_code::invalid_field, "arrears_instalment_pence",
                                         "must be at most " + format_pounds(terms.arrears_instalment_max) +
                                             ": ongoing plus arrears may not exceed " + format_pounds(share) +
                                             " a period of this income"};
            return decision;
        }
        if (asked > request.arrears) {
            decision.refused = rejection{rejection_code::invalid_field, "arrears_instalment_pence",
                                         "must be at most the arrears, " + format_pounds(request.arrears)};
            return decision;
        }
        terms.arrears_instalment = asked;
    } else {
        terms.arrears_instalment = std::min(terms.clears_in_two_years, terms.arrears_instalment_max);
    }
    // Rounded up: the last instalment may ask for less, never leave a remainder.
    const std::int64_t per = terms.arrears_instalment.pence();
    terms.instalments = (request.arrears.pence() + per - 1) / per;
    terms.within_two_years = terms.instalments <= pay_periods_in_two_years(request.frequency);
    return decision;
}

money arrears_allowed_after(money arrears_at_agreement, money arrears_instalment, std::int64_t instalments_due) {
    if (instalments_due <= 0) return arrears_at_agreement;
    if (arrears_instalment.pence() > 0 &&
        instalments_due >= (arrears_at_agreement.pence() + arrears_instalment.pence() - 1) / arrears_instalment.pence()) {
        return money{};
    }
    return std::max(money{}, arrears_at_agreement - arrears_instalment.times(instalments_due));
}

money arrears_part_of_next_instalment(money arrears_instalment, money arrears_now) {
    return std::max(money{}, std::min(arrears_instalment, arrears_now));
}

agreement_check check_arrears_agreement(money arrears_now, money arrears_allowed) {
    if (arrears_now.pence() <= 0) return agreement_check::completed;
    return arrears_now > arrears_allowed ? agreement_check::broken : agreement_check::kept;
}

}  // namespace cms::core
