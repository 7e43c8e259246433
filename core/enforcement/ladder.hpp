#pragma once
/// The enforcement ladder as data: the steps the service can take against a Collect and Pay paying
/// parent who does not pay, and for each step, from a date, what must be true before it may be
/// taken, whether a court decides it, what it is charged and the limits it works within.
/// The rows come from schemas/policy/enforcement_ladder.json (services/policy loads them); this
/// header only says what a row means and how a step is checked against a case's history.
/// Sources: Child Support Act 1991 ss31-33, 35-40B; Child Support (Collection and Enforcement)
/// Regulations 1992 (SI 1992/1989); Child Support Fees Regulations 2014 (SI 2014/612) regs 10, 12;
/// GOV.UK "Child maintenance: what happens if payments are not made" (core/enforcement/README.md).
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/common/civil_date.hpp"
#include "core/common/money.hpp"
#include "core/common/rejection.hpp"

namespace cms::core {

/// Stored by name; never rename one.
enum class enforcement_step : std::uint8_t {
    deduction_from_earnings_order = 1,  ///< s31: the employer deducts from pay (£50)
    regular_deduction_order,            ///< s32A: regular deductions from a bank account (£50)
    lump_sum_deduction_order,           ///< s32E: a lump sum from an account, arrears only (£200)
    liability_order,                    ///< s33: the magistrates' court (sheriff) finds the sum due (£300)
    enforcement_agents,                 ///< s35: taking control of goods under a liability order
    charging_order,                     ///< s36: a charge on property under a liability order
    order_for_sale,                     ///< the property charged is sold
    driving_licence_disqualification,   ///< s39A-40B: up to 2 years
    passport_disqualification,          ///< s39A as amended: from 14 Dec 2018, up to 2 years
    committal,                          ///< s39A-40: up to 6 weeks
};
inline constexpr std::size_t enforcement_step_count = 10;
std::string_view to_string(enforcement_step step);
std::optional<enforcement_step> parse_enforcement_step(std::string_view text);

/// A fact a step needs about the case or the application, named in the policy table.
enum class ladder_precondition : std::uint8_t {
    collect_and_pay = 1,        ///< enforcement powers work only on Collect and Pay
    arrears,                    ///< the paying parent owes maintenance that fell due before today
    employer_known,             ///< the application names an employer and the net earnings
    bank_account_known,         ///< the application names the paying parent's account
    /// a deduction order failed or ended without clearing the debt, or the application says why
    /// deductions are inappropriate (self-employed, frequent changes of job, retired: s33(1)(b))
    deduction_inappropriate_or_ineffective,
    liability_order_granted,    ///< a liability order was granted and not withdrawn
};
std::string_view to_string(ladder_precondition precondition);
std::optional<ladder_precondition> parse_ladder_precondition(std::string_view text);

/// What one step's rules are from a date (one row of the ladder table).
struct ladder_step_rule {
    enforcement_step step = enforcement_step::deduction_from_earnings_order;
    civil_date effective_from{};
    std::vector<ladder_precondition> preconditions;
    /// At least one of these steps was tried before (applied for or made), when any are listed.
    std::vector<enforcement_step> after_one_of;
    /// Never in force at the same time as one of these (a licence disqualification and a
    /// committal order are alternatives: Child Support Act 1991 s39A-40B, inserted by the Child Support, Pensions and Social Security Act 2000 s16).
    std::vector<enforcement_step> never_with;
    /// Days from the case's latest step being tried to this one (0: no wait).
    std::int64_t min_days_after_previous = 0;
    /// True when a court decides (liability order, court sanctions): the step is applied for and
    /// granted or refused. False when the service makes the order itself.
    bool court = false;
    /// How long a court usually takes to decide (days), for plans and simulation.
    std::int64_t court_lead_days = 0;
    /// The enforcement charge when the order is made (0: none). An application a court refuses
    /// costs nothing (Fees Regs 2014 reg 12(b)).
    money charge;
    /// Deduction orders: the share of net earnings or income that may be taken at most.
    std::optional<basis_points> deduction_max_share;
    /// Bank orders: the balance below which no deduction is taken, by frequency.
    std::optional<money> account_floor_monthly;
    std::optional<money> account_floor_weekly;
    /// Sanctions: the longest period the order may run, in days (0: no limit).
    std::int64_t duration_days_max = 0;
    /// The court must find wilful refusal or culpable neglect before granting (Child Support Act 1991 s39A).
    bool needs_court_finding = false;
};

/// Every row of the ladder table. A step's rule on a date is its row with the latest
/// effective_from on or before that date; a step with no such row is not available then.
struct enforcement_ladder {
    std::vector<ladder_step_rule> rows;
    const ladder_step_rule* rule_on(enforcement_step step, civil_date on) const;
};

/// What is wrong with a ladder table, if anything (row index in `row`).
struct ladder_check {
    bool ok = true;
    std::size_t row = 0;
    std::string_view problem;
};
/// Rows of one step must have increasing dates; deduction rules must name their limits; a step
/// that needs a court finding must be decided by a court.
ladder_check validate_ladder(const enforcement_ladder& ladder);

}  // namespace cms::core
