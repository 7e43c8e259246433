// The reform's side-by-side (services/simulation/reform_impact.hpp): one caseload lived under
// today's fees and under the 2027 reform's, compared over April to September 2027.
#include <doctest/doctest.h>

#include <cstdio>

#include "services/simulation/reform_impact.hpp"
#include "support/test_support.hpp"

using namespace cms;

namespace {

/// part / whole in hundredths of a percent, for the ranges below.
std::int64_t basis_points(core::money part, core::money whole) { return part.pence() * 10'000 / whole.pence(); }

/// True when `value` is within `tolerance_bp` basis points of `pinned`.
bool near(core::money value, std::int64_t pinned, std::int64_t tolerance_bp) {
    return std::llabs(value.pence() - pinned) * 10'000 <= pinned * tolerance_bp;
}

}  // namespace

TEST_CASE("the 2027 reform against today's fees, on one generated caseload") {
    testing::temporary_directory directory;
    services::reform_impact_options options;
    options.directory = directory.path().string();
    options.caseload.cases_count = 400;
    options.caseload.seed = 1;
    options.caseload.start = *core::parse_iso_date("2027-04-01");
    options.from = *core::parse_iso_date("2027-04-01");
    options.through = *core::parse_iso_date("2027-09-30");
    const services::reform_impact impact = services::run_reform_impact(options);
    const core::money_flows& now = impact.current.flows;
    const core::money_flows& then = impact.reform.flows;
    MESSAGE("current: fees " << now.paying_parent_fees.pence() << "p / " << now.receiving_parent_fees.pence()
                             << "p, maintenance " << now.maintenance_collected.pence() << "p, paid out "
                             << now.paid_to_receiving_parents.pence() << "p");
    MESSAGE("reform:  fees " << then.paying_parent_fees.pence() << "p / " << then.receiving_parent_fees.pence()
                             << "p, maintenance " << then.maintenance_collected.pence() << "p, paid out "
                             << then.paid_to_receiving_parents.pence() << "p");
    CHECK(impact.current.simulated.scheduled_jobs_failed == 0);
    CHECK(impact.reform.simulated.scheduled_jobs_failed == 0);

    // What the rates say. Receiving parents: 4% of what is passed on today, 2% under the reform
    // (kept back from each pay-out, rounded per pay-out).
    const auto kept_back_bp = [](const core::money_flows& flows) {
        return basis_points(flows.receiving_parent_fees, flows.receiving_parent_fees + flows.paid_to_receiving_parents);
    };
    CHECK((kept_back_bp(now) >= 390 && kept_back_bp(now) <= 420));
    CHECK((kept_back_bp(then) >= 190 && kept_back_bp(then) <= 215));
    // Paying parents: at most 20% on top of the maintenance they pay today (a payment settles
    // maintenance before the fee, so part payers pay less), 2% under the reform; what they paid in
    // the window also settles fees that fell due before it at 20%, so the reform's is above 2% of
    // maintenance but far below today's.
    CHECK(basis_points(now.paying_parent_fees, now.maintenance_collected) <= 2'000);
    CHECK(basis_points(then.paying_parent_fees, then.maintenance_collected) > 200);
    CHECK(then.paying_parent_fees.pence() * 3 < now.paying_parent_fees.pence());
    // Parents pay a share of what is asked, and the reform asks less: less money comes in, and
    // less reaches receiving parents, though a smaller share is kept back from it.
    CHECK(then.paid_to_receiving_parents < now.paid_to_receiving_parents);

    // Pinned from this run (400 cases, seed 1), within 0.5%: a change to the rules, the generator
    // or the simulation that moves them must say why. Last moved by the case events (closures and
    // write-offs; no moves between the services here) and the behaviour mix refitted with them.
    CHECK(near(now.paying_parent_fees, 1'124'246, 50));
    CHECK(near(then.paying_parent_fees, 298'620, 50));
    CHECK(near(now.paid_to_receiving_parents, 8'612'988, 50));
    CHECK(near(then.paid_to_receiving_parents, 8'208'766, 50));
}
