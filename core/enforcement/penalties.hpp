#pragma once
/// Financial penalties, payable to the state and never mixed with maintenance: each is a
/// `penalty_imposed` transfer on the case's own penalty accounts (core/ledger/ledger.hpp), which
/// no payment is allocated to.
///
/// - An information offence: a paying parent who does not give, or gives false, information is
///   fined up to £1,000 (Child Support Act 1991 s14A, inserted by the Child Support, Pensions and
///   Social Security Act 2000).
/// - Employers: up to £1,000 for not giving information, and £500 for each payment under a
///   deduction from earnings order they fail to make (GOV.UK "Child maintenance for employers:
///   making payments").
/// - The late-payment penalty of the 2003 scheme: up to 25% of the weekly maintenance for each
///   week in arrears (1991 Act s41A as substituted by the 2000 Act). The 2012 scheme has none, so
///   its row is off for 2012-scheme cases (every case here); a policy may turn it on to model a
///   reform. Whether s41A is repealed is UNCONFIRMED.
///
/// A penalty is recorded as a court or the Secretary of State imposed it; this checks it against
/// the dated rule in force (schemas/policy/penalties.json).
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/common/civil_date.hpp"
#include "core/common/ids.hpp"
#include "core/common/money.hpp"
#include "core/common/rejection.hpp"
#include "core/enforcement/action.hpp"
#include "core/ledger/ledger.hpp"

namespace cms::core {

enum class penalty_kind : std::uint8_t {
    information_offence = 1,       ///< the paying parent
    employer_information_offence,  ///< an employer under a deduction from earnings order
    employer_missed_deduction,     ///< an employer, for one payment not made under the order
    late_payment,                  ///< 2003 scheme only, unless a policy says otherwise
};
std::string_view to_string(penalty_kind kind);
std::optional<penalty_kind> parse_penalty_kind(std::string_view text);

enum class penalty_payer : std::uint8_t { paying_parent = 1, employer };
std::string_view to_string(penalty_payer payer);
std::optional<penalty_payer> parse_penalty_payer(std::string_view text);
/// Who pays each kind: the employer kinds their employer, the others the paying parent.
penalty_payer payer_of(penalty_kind kind);

/// One dated row: exactly one of the three amounts says how much.
struct penalty_rule {
    penalty_kind kind = penalty_kind::information_offence;
    civil_date effective_from{};
    std::optional<money> amount_max;    ///< up to this
    std::optional<money> amount_fixed;  ///< exactly this
    std::optional<basis_points> weekly_maintenance_share_per_week;  ///< late payment: per week in arrears
    bool applies_to_2012_scheme = true;
};

/// The row of `kind` in force on `on` (rows of a kind in ascending date order), or nullptr.
const penalty_rule* penalty_rule_on(std::span<const penalty_rule> rows, penalty_kind kind, civil_date on);
/// Every kind's rows ascending by date, each with exactly one positive amount.
bool valid_penalty_rules(std::span<const penalty_rule> rows);

/// What a penalty on a case is checked against.
struct penalty_facts {
    std::optional<enforcement_step> named_action_step;  ///< the action an employer penalty names
    money weekly_maintenance;                           ///< in force on the day (late payment)
    std::int64_t days_overdue = 0;                      ///< of the oldest unpaid amount (late payment)
};

struct penalty_decision {
    std::optional<rejection> refused;
    money amount;
};

/// The amount to impose (a fixed amount when none is asked), or why not: no rule that day; a
/// rule off for the 2012 scheme; an employer penalty that names no deduction from earnings
/// order; an amount above the limit, other than the fixed one, or nil.
penalty_decision decide_penalty(penalty_kind kind, std::optional<money> asked, const penalty_rule* rule,
                                const penalty_facts& facts);

/// The one leg: penalties_due <- penalty_income.
transfer penalty_transfer(case_id for_case, money amount, command_id cause, civil_date imposed_on);

}  // namespace cms::core
