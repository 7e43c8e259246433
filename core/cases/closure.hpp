#pragma once
/// Ending a case (the receiving parent asks CMS to stop, a parent dies, no child qualifies any
/// more, the parents live together): liability stops from the effective date, the last period
/// charged by the day (accrual charges weekly / 7 a day, so a weekly amount of nil from that date
/// is all it takes); arrears stay collectable and payments are still taken.
/// Sources: Child Support Act 1991, Schedule 1 para 16 (cancellation of a maintenance
/// calculation: the person with care asks, a person dies, a child stops qualifying, the parents
/// live together); GOV.UK, "Child Maintenance Service: if your circumstances change".
#include <optional>
#include <string_view>

#include "core/common/civil_date.hpp"
#include "core/common/rejection.hpp"

namespace cms::core {

enum class closure_reason : std::uint8_t {
    receiving_parent_asked = 1,
    parent_died,
    no_qualifying_child,
    parents_live_together,
};
std::string_view to_string(closure_reason reason);
std::optional<closure_reason> parse_closure_reason(std::string_view text);

/// What a closure is checked against.
struct closure_context {
    civil_date opened_on{};
    civil_date business_date{};
    bool already_closed = false;
    /// The last day the monthly accrual has charged this case through, if it has charged any.
    std::optional<civil_date> charged_through;
    /// The start of the case's latest liability term (its opening, or its latest supersession).
    civil_date latest_term_from{};
};

/// A closure takes effect on a day from the case's opening to the business date, on a case still
/// open, and after the days already charged: charging is never taken back here (a backdated
/// closure would need the accrual corrections that are not built), so such a date is refused
/// with the first date it could be. It must also come after the latest change of the liability
/// terms, which it ends: a change dated on or after it would start charging again.
std::optional<rejection> check_closure(civil_date effective_date, const closure_context& context);

}  // namespace cms::core
