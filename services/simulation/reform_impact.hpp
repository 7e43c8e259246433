#pragma once
/// The reform's impact (issue #16 point 5): one generated caseload lived twice, under today's
/// collection fees and under the 2027 reform's table (schemas/policy/collection_fees_reform_2027.json:
/// 2% for the paying parent, 2% for the receiving parent from 1 April 2027), and the money of a
/// window of days side by side: fees paid by each side, maintenance collected, what reached
/// receiving parents, and compliance in the window's last quarter.
///
/// Not modelled, so the figures understate the reform: its 20% fee for a "non-compliant" paying
/// parent (the reform table charges every paying parent 2%: the compliance test is UNCONFIRMED),
/// the end of Direct Pay (Direct Pay cases stay Direct Pay: both sides are lived without moves
/// between the services, closures and write-offs as the parameters say), and any change in how
/// parents pay when fees change (the same profiles pay the same share of what is asked).
#include <cstdint>
#include <string>

#include "core/common/civil_date.hpp"
#include "core/statistics/compliance.hpp"
#include "core/statistics/money_flows.hpp"
#include "services/generation/caseload_generator.hpp"
#include "services/simulation/caseload_simulation.hpp"

namespace cms::services {

struct reform_impact_options {
    std::string directory;      ///< where the two databases are written (must exist)
    caseload_options caseload;  ///< cases, seed, start, parameters
    core::civil_date from;      ///< the window compared
    core::civil_date through;   ///< the last day lived, the window's end
    std::uint64_t court_seed = 1;
};

struct reform_side {
    core::money_flows flows;
    core::compliance_summary compliance;  ///< the last quarter ended by `through`
    caseload_simulation_result simulated;
};

struct reform_impact {
    caseload_result generated;
    reform_side current;  ///< schemas/policy/collection_fees.json
    reform_side reform;   ///< schemas/policy/collection_fees_reform_2027.json
};

/// Throws std::invalid_argument when either database exists already or the options cannot run.
reform_impact run_reform_impact(const reform_impact_options& options);

/// The legs of every case dated in [from, to], summed: one range read a page of cases.
core::money_flows read_money_flows(persistence::read_pool& readers, core::civil_date from, core::civil_date to);

}  // namespace cms::services
