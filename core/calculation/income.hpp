#pragma once
/// Income over time (SI 2012/2677 regs 19-23, 34-35), pure: the weekly figure from an HMRC
/// yearly amount, which of historic and current income is used, the 25% tolerance for acting on
/// a change, and the annual review dates.
#include <optional>

#include "core/common/civil_date.hpp"
#include "core/common/money.hpp"

namespace cms::core {

/// Historic weekly income from the HMRC figure for a tax year: yearly / 365 x 7, rounded
/// half-up to the penny (reg 35). A leap year still divides by 365, as the regulation says.
money historic_weekly_income(money yearly_income);

/// True when `changed` differs from `reference` by at least `tolerance` of `reference`
/// (exact integer comparison: |changed - reference| x 10000 >= reference x bp). A change from a
/// nil reference to a positive amount always counts; equal amounts never do.
bool differs_by_at_least(money reference, money changed, basis_points tolerance);

enum class income_source {
    historic,       ///< the HMRC figure
    current,        ///< the parent's current income
    none,           ///< neither is known: the default rate applies
};

enum class income_source_reason {
    historic_within_tolerance,   ///< current income differs by less than the tolerance (or unknown)
    current_differs,             ///< reg 34(2): current differs by at least the tolerance
    no_historic_figure,          ///< reg 34(2A): HMRC held no figure or could not supply it
    no_income_information,
};

struct income_choice {
    income_source source = income_source::none;
    income_source_reason reason = income_source_reason::no_income_information;
    money weekly_income;          ///< the figure to use (nil when source is none)
};

/// Reg 34: use historic income unless current income differs from it by at least the
/// tolerance (25%), or there is no historic figure.
income_choice choose_income(std::optional<money> historic_weekly,
                            std::optional<money> current_weekly, basis_points tolerance);

/// Reg 23: a reported change of income between reviews is acted on only when it moves the
/// income used in the calculation in force by at least the tolerance.
bool income_change_is_acted_on(money income_in_use, money new_income, basis_points tolerance);

/// The `review_number`-th annual review date (1 = the first, 12 months after the initial
/// effective date). Always counted from the initial date, so a 29 Feb start reviews on
/// 28 Feb in common years and on 29 Feb again in leap years (month-end clamp).
civil_date annual_review_date(civil_date initial_effective_date, int review_number);

/// The first annual review date on or after `day` (never the initial effective date itself).
civil_date next_annual_review_date(civil_date initial_effective_date, civil_date day);

/// Whether `day` is one of the case's annual review dates.
bool is_annual_review_date(civil_date initial_effective_date, civil_date day);

}  // namespace cms::core
