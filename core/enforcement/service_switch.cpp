#include "core/enforcement/service_switch.hpp"

#include <string>

#include "core/common/enum_names.hpp"

namespace cms::core {

namespace {

constexpr enum_name_table<service_switch_reason, 3> reason_names{{
    {service_switch_reason::missed_payment_reported, "missed_payment_reported"},
    {service_switch_reason::paying_parent_asked, "paying_parent_asked"},
    {service_switch_reason::both_parents_agree, "both_parents_agree"},
}};

rejection conflict(const char* field, std::string detail) {
    return rejection{rejection_code::conflicting_state, field, std::move(detail)};
}

}  // namespace

std::string_view to_string(service_switch_reason reason) { return name_in(reason_names, reason); }
std::optional<service_switch_reason> parse_service_switch_reason(std::string_view text) {
    return value_named(reason_names, text);
}

std::optional<rejection> check_service_switch(service_type to, service_switch_reason reason, civil_date effective_date,
                                              const service_switch_context& context) {
    const bool to_collect = to == service_type::collect_and_pay;
    if (to_collect == (reason == service_switch_reason::both_parents_agree)) {
        return rejection{rejection_code::invalid_field, "reason",
                         to_collect ? "must be missed_payment_reported or paying_parent_asked for a move to collect_and_pay"
                                    : "must be both_parents_agree for a move to direct_pay"};
    }
    if (effective_date < context.opened_on || context.business_date < effective_date) {
        return rejection{rejection_code::invalid_field, "effective_date",
                         "must be from the case's opening to the business date"};
    }
    if (context.closed) return conflict("case_id", "the case is closed");
    if (context.current == to) return conflict("to", "the case is already on " + std::string(to_collect ? "collect_and_pay" : "direct_pay"));
    if (context.charged_through && !(*context.charged_through < effective_date)) {
        return conflict("effective_date", "the accrual has charged the case through " + format_iso_date(*context.charged_through) +
                                              "; the first date a switch may take effect is " +
                                              format_iso_date(add_days(*context.charged_through, 1)));
    }
    if (!(context.latest_term_from < effective_date)) {
        return conflict("effective_date", "must be after the case's latest change of terms, " +
                                              format_iso_date(context.latest_term_from));
    }
    if (reason == service_switch_reason::missed_payment_reported) {
        const civil_date window_from = add_months_clamped(effective_date, -12);
        if (!context.last_warning_on || *context.last_warning_on < window_from) {
            return conflict("reason", "a Direct Pay case moves to Collect and Pay after a missed payment only when a warning "
                                      "notice was given in the 12 months before (since " + format_iso_date(window_from) +
                                      "; SI 2014/1386 reg 6)");
        }
    }
    if (!to_collect && context.enforcement_pending) {
        return conflict("to", "an enforcement action is pending or in force; it must end before the case leaves Collect and Pay");
    }
    return std::nullopt;
}

}  // namespace cms::core
