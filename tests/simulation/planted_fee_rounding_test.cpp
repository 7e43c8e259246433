// A fault planted in this test executable only: the collection fee rounded down instead of half
// up. This file's definition of core::collection_fee_rounded_pence takes the place of
// core/ledger/fee_rounding.cpp, which defines nothing else, so the linker never pulls that
// archive member in (a static library's member is linked only for a symbol still undefined).
// The simulation must find the fault, and reduce it to a scenario of a few steps that still fails.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "core/ledger/fee_rounding.hpp"
#include "services/replay/scenario.hpp"
#include "services/simulation/simulation.hpp"
#include "support/test_support.hpp"

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

    // Replayed on its own, with no model beside it, as `cms replay FILE` does: only the last step
    // fails, on that figure, production's value beside the model's.
    testing::temporary_directory directory;
    replay_options plain;
    plain.synced_commits = false;
    const replay_result replayed = replay_scenario(parse_scenario(found.reduced_scenario), directory.file("reduced.db"), plain);
    REQUIRE(replayed.failed_steps_count() == 1);
    CHECK_FALSE(replayed.steps.back().passed);
    bool figure_failed = false;
    for (const figure_result& figure : replayed.figures) {
        if (figure.name != found.disagreement->figure || figure.passed()) continue;
        figure_failed = true;
        CHECK(figure.actual == found.disagreement->production);
        CHECK(figure.expected == found.disagreement->model);
    }
    CHECK(figure_failed);
}

}  // namespace cms::services
