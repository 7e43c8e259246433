#pragma once
/// The draws of one generated case from the caseload parameters, in a fixed order from one
/// SplitMix64 stream, so a seed gives the same caseload on every platform (the standard
/// library's distributions are not fixed by the standard). Integer arithmetic throughout.
#include <cstdint>
#include <string>
#include <vector>

#include "core/calculation/calculation.hpp"
#include "core/cases/case_records.hpp"
#include "core/common/splitmix64.hpp"
#include "services/generation/caseload_parameters.hpp"
#include "services/generation/payer_behaviour.hpp"
#include "services/reports/reference_data.hpp"

namespace cms::services {

/// Local authorities drawn in proportion to their population: cumulative integer weights and a
/// binary search, so a draw costs a few comparisons among 326 areas.
class area_picker {
public:
    /// `areas` must outlive the picker and have a positive total population.
    explicit area_picker(const std::vector<local_authority>& areas);
    const local_authority& draw(core::splitmix64& random) const;

private:
    const std::vector<local_authority>& areas_;
    std::vector<std::int64_t> cumulative_;  ///< population of areas 0..i
};

/// What is drawn for one case before it is written and calculated.
struct drawn_case {
    const local_authority* area = nullptr;
    core::civil_date opened_on;
    core::service_type service = core::service_type::collect_and_pay;
    std::vector<core::civil_date> children_born;  ///< eldest first
    core::civil_date paying_born;
    core::civil_date receiving_born;
    core::paying_parent_circumstances circumstances;
    int shared_care_nights = 0;  ///< of every child of the case
    core::payment_frequency frequency = core::payment_frequency::monthly;
    payer_profile profile;
};

/// How a run draws: the parameters with the run's overrides applied.
struct case_draw_settings {
    const caseload_parameters* parameters = nullptr;
    const area_picker* areas = nullptr;
    core::civil_date start;  ///< cases open before it; every child is under 16 on it
    std::int64_t opened_span_days = 365;
    std::int64_t collect_and_pay_bp = 0;
};

/// One case's draws, in this order: area, opening day, service, children and their births,
/// parents' births, status and income, relevant other children, shared care, frequency,
/// employment, bank account, method, behaviour and its parameter.
drawn_case draw_case(const case_draw_settings& settings, core::splitmix64& random);

}  // namespace cms::services
