// A fault planted in this test executable only: the collection fee rounded down instead of half
// up. This file's definition of core::collection_fee_rounded_pence takes the place of
// core/ledger/fee_rounding.cpp, which defines nothing else, so the linker never pulls that
// archive member in (a static library's member is linked only for a symbol still undefined).
// The simulation must find the fault, and reduce it to a scenario of a few steps that still fails.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "core/ledger/fee_rounding.hpp"
#include "services/simulation/simulation.hpp"

namespace cms::core {

std::int64_t collection_fee_rounded_pence(wide_int fee_weighted) {
    return static_cast<std::int64_t>(fee_weighted / (7 * 10'000));  // the planted fault: rounded down
}

}  // namespace cms::core

namespace cms::services {

TEST_CASE("a fee rounded the wrong way is found by the simulation and reduced to a few steps") {
    spdlog::set_level(spdlog::level::warn);  // a replay's jobs log every simulated day
    simulation_options options;
    options.seed = 3;
    options.cases_count = 3;
    options.days = 60;
    const simulation_result found = run_simulation(options);
    REQUIRE(found.disagreement.has_value());
    CHECK_FALSE(found.disagreement->case_name.empty());
    REQUIRE(found.disagreement->production.has_value());
    // Rounded down, production asks for less fee than the model: a penny or so per period.
    CHECK(*found.disagreement->production < found.disagreement->model);
    INFO(found.reduced_scenario);
    CHECK(found.reduced_steps <= 8);
    CHECK(found.reduced_steps < found.generated_steps);

    // The reduced file ends in an expect step of the model's figures, and replaying it (as
    // `cms replay` does) fails on the same figure of the same case.
    const auto reduced = nlohmann::json::parse(found.reduced_scenario);
    CHECK(reduced.at("steps").back().contains("expect"));
    const simulation_result again = check_scenario_against_model(found.reduced_scenario);
    REQUIRE(again.disagreement.has_value());
    CHECK(again.disagreement->case_name == found.disagreement->case_name);
    CHECK(again.disagreement->figure == found.disagreement->figure);
}

}  // namespace cms::services
