#include "core/cases/closure.hpp"

#include <array>
#include <utility>

#include "core/common/enum_names.hpp"

namespace cms::core {

namespace {

constexpr enum_name_table<closure_reason, 4> reason_names{{
    {closure_reason::receiving_parent_asked, "receiving_parent_asked"},
    {closure_reason::parent_died, "parent_died"},
    {closure_reason::no_qualifying_child, "no_qualifying_child"},
    {closure_reason::parents_live_together, "parents_live_together"},
}};

}  // namespace

std::string_view to_string(closure_reason reason) {
    return name_in(reason_names, reason);
}

std::optional<closure_reason> parse_closure_reason(std::string_view text) {
    return value_named(reason_names, text);
}

std::optional<rejection> check_closure(civil_date effective_date, const closure_context& context) {
    if (context.already_closed) return rejection{rejection_code::conflicting_state, "case_id", "is already closed"};
    if (effective_date < context.opened_on) {
        return rejection{rejection_code::invalid_field, "effective_date",
                         "must not be before the case opened on " + format_iso_date(context.opened_on)};
    }
    if (context.business_date < effective_date) {
        return rejection{rejection_code::invalid_field, "effective_date",
                         "must not be after the business date " + format_iso_date(context.business_date)};
    }
    if (!(context.latest_term_from < effective_date)) {
        return rejection{rejection_code::conflicting_state, "effective_date",
                         "must be after " + format_iso_date(context.latest_term_from) +
                             ", when the case's liability last changed; a closure may take effect from " +
                             format_iso_date(add_days(context.latest_term_from, 1))};
    }
    if (context.charged_through && !(*context.charged_through < effective_date)) {
        return rejection{rejection_code::conflicting_state, "effective_date",
                         "falls on a day already charged (through " + format_iso_date(*context.charged_through) +
                             "); a closure may take effect from " + format_iso_date(add_days(*context.charged_through, 1))};
    }
    return std::nullopt;
}

}  // namespace cms::core
