#pragma once
/// What `cms generate` draws a synthetic caseload from: the shares and ranges of
/// schemas/calibration/caseload_parameters.json (its README says where each figure comes from),
/// compiled in like the policy tables (services/embed_policy.cmake), or a file of the same shape
/// (`cms generate --parameters FILE`), which the calibration of issue #16 rewrites.
///
/// Integers only: shares in basis points, money in pence. Read strictly: an unknown field, a
/// float, a value out of range, a range whose min is above its max, or a mix whose shares do not
/// add up to exactly 10,000 is refused with policy_load_error (services/wire/policy_json_reader.hpp)
/// naming the file and the field: "caseload_parameters.json: behaviours.pays_late.days_late_max:
/// must be between 1 and 90, got 200".
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/arrears/write_off.hpp"
#include "core/calculation/calculation.hpp"
#include "core/cases/case_records.hpp"
#include "core/common/splitmix64.hpp"
#include "services/generation/payer_behaviour.hpp"
#include "services/policy/policy_tables.hpp"

namespace cms::services {

inline constexpr std::int64_t shares_total_bp = 10'000;

/// One outcome of a mix and its share; a mix's shares add up to shares_total_bp.
template <typename T>
struct share_of {
    T value{};
    std::int64_t share_bp = 0;
};

/// One outcome of a whole mix (its shares add up to 10,000), by walking its cumulative shares:
/// one roll below 10,000.
template <typename T>
const T& draw_share(const std::vector<share_of<T>>& mix, core::splitmix64& random) {
    std::int64_t roll = random.below(shares_total_bp);
    for (const share_of<T>& item : mix) {
        if (roll < item.share_bp) return item.value;
        roll -= item.share_bp;
    }
    return mix.back().value;  // unreachable for a whole mix; the parser refuses any other
}

/// A band of values, drawn evenly from `from` to `to` (inclusive) once the band is drawn by its share.
struct value_range {
    std::int64_t from = 0;
    std::int64_t to = 0;
};

/// A behaviour's share and the inclusive range its one parameter is drawn from (days late, the
/// share paid, the instalments paid before stopping; 0..0 for the behaviours without one).
struct behaviour_parameters {
    std::int64_t share_bp = 0;
    std::int32_t low = 0;
    std::int32_t high = 0;
};

/// Why a simulated case closes (core/cases/closure.hpp has the closure reasons; a death is told
/// apart by whose, because it decides which write-off follows).
enum class closure_cause : std::uint8_t {
    receiving_parent_asked = 1,
    parents_live_together,
    paying_parent_died,
    receiving_parent_died,
};

/// `cms simulate-caseload`'s events beyond payments and enforcement
/// (services/simulation/simulated_case_events.hpp). Each yearly chance is a rate: a day's chance
/// is its 365th.
struct case_event_parameters {
    /// A case open on a day closes that day (children ageing out close cases as well, by the
    /// daily jobs' own rule).
    std::int64_t closure_per_year_bp = 0;
    std::vector<share_of<closure_cause>> closure_causes;
    /// A Collect and Pay case with arrears has them written off, for one of the reasons that
    /// leave the case open (receiving parent asked to stop, paying parent told no further action).
    std::int64_t write_off_per_year_bp = 0;
    std::vector<share_of<core::write_off_reason>> write_off_reasons;
    /// A Collect and Pay case with no arrears, its first instalment due at least
    /// `to_direct_pay_paying_days_min` days before, moves to Direct Pay (both parents agree).
    std::int64_t to_direct_pay_per_year_bp = 0;
    std::int64_t to_direct_pay_paying_days_min = 182;
    /// On a Direct Pay case whose paying parent does not pay in full, the receiving parent
    /// reports it: a warning notice, or, after one in the previous 12 months, Collect and Pay.
    std::int64_t non_payment_reported_per_year_bp = 0;
};

struct caseload_parameters {
    std::string source;  ///< the file they were read from, for the journal and messages
    std::int64_t opened_span_days = 365;
    std::int64_t collect_and_pay_bp = 0;
    std::vector<share_of<int>> children_collect_and_pay;
    std::vector<share_of<int>> children_direct_pay;
    int parent_age_at_eldest_birth_years_min = 18;
    int parent_age_at_eldest_birth_years_max = 45;
    std::int64_t relevant_other_children_bp = 0;
    std::vector<share_of<int>> relevant_other_children_counts;
    std::int64_t nil_rate_bp = 0;
    std::vector<share_of<core::nil_rate_reason>> nil_rate_reasons;
    std::int64_t flat_rate_benefit_bp = 0;
    std::vector<share_of<value_range>> gross_weekly_income_pence;  ///< `to` is a penny below the file's to_pence
    std::vector<share_of<value_range>> shared_care_nights;
    std::vector<share_of<core::payment_frequency>> frequencies;
    std::vector<share_of<core::payment_method>> methods;
    std::int64_t employed_bp = 0;
    std::int64_t net_earnings_of_gross_bp = 0;
    std::int64_t bank_account_bp = 0;
    /// Indexed by payer_behaviour's value - 1 (pays_on_time first).
    std::array<behaviour_parameters, payer_behaviour_count> behaviours{};
    /// `cms simulate-caseload`: the chance, on each due date of an active deduction order, that
    /// the employer or bank has nothing to take (the parent left the job, the account is empty)
    /// and the order fails, so the ladder moves on.
    std::int64_t deduction_order_fails_bp = 0;
    case_event_parameters events;
};

/// The calibration files of schemas/calibration/ (generated at build time, like the policy tables).
const std::vector<embedded_policy_file>& embedded_calibration_files();

inline constexpr std::string_view caseload_parameters_file_name = "caseload_parameters.json";

/// Parses and checks `json_text`; `source` names it in errors. Throws policy_load_error.
caseload_parameters parse_caseload_parameters(std::string_view json_text, const std::string& source);

/// The compiled-in caseload_parameters.json. Throws policy_load_error if it is broken.
caseload_parameters embedded_caseload_parameters();
/// `parameters` when given, else the compiled-in ones: what a run of a caseload takes the rates
/// it was generated with from.
caseload_parameters parameters_or_embedded(const std::optional<caseload_parameters>& parameters);

/// A parameter file; an unreadable one is a policy_load_error too.
caseload_parameters load_caseload_parameters_file(const std::filesystem::path& path);

}  // namespace cms::services
