// Simulated court decisions (services/enforcement/court_simulation.hpp): nothing is decided before
// the court's lead time has passed; each decision is the one core draws for (seed, action), goes
// through the life cycle with its charge, and a rerun repeats it; the table's shares are honoured.
#include <doctest/doctest.h>

#include <vector>

#include "services/enforcement/court_simulation.hpp"
#include "services/policy/enforcement_policy_loader.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/wire/enforcement_json.hpp"
#include "support/database_probe.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

core::civil_date day(const char* text) { return *core::parse_iso_date(text); }

struct court_fixture : testing::service_fixture {
    services::enforcement_service enforcement{writer, readers, clock, services::load_enforcement_ladder(std::nullopt),
                                              services::load_collection_fees(std::nullopt)};
    std::vector<core::court_outcome_row> table = services::load_court_outcomes(std::nullopt);

    /// Families that missed their first instalment, each with a liability order applied for on 3 March 2025.
    std::vector<std::int64_t> applications(int families) {
        std::vector<std::int64_t> families_opened;
        for (int i = 0; i < families; ++i) families_opened.push_back(open_family("family-" + std::to_string(i) + "-"));
        clock.set(day("2025-03-03"));
        std::vector<std::int64_t> actions;
        for (const std::int64_t case_number : families_opened) {
            const auto applied = run([&](services::outcome_callback done) {
                enforcement.apply_step(
                    services::parse_apply_enforcement(
                        {{"step", "liability_order"}, {"deduction_inappropriate", "self-employed"}},
                        core::case_id{case_number}),
                    {"lo-" + std::to_string(case_number), "alice"}, std::move(done));
            });
            REQUIRE(applied.status == 201);
            actions.push_back(applied.body["action_id"].get<std::int64_t>());
        }
        return actions;
    }
    services::court_simulation_result decide(const char* through, std::uint64_t seed,
                                             std::span<const core::court_outcome_row> rows) {
        services::court_simulation_options options;
        options.through = day(through);
        options.seed = seed;
        options.chunk_actions = 3;  // chunk boundaries exercised
        return services::simulate_court_decisions(enforcement, readers, rows, options);
    }
    std::string status_of(std::int64_t action_id) {
        return testing::sql_text(path, "SELECT status FROM enforcement_actions WHERE id = " + std::to_string(action_id));
    }
};

}  // namespace

TEST_CASE("a simulated court decides each application once its lead time has passed, as core draws it") {
    court_fixture fixture;
    const auto actions = fixture.applications(8);
    // The liability order's court takes 154 days (the ladder's lead time): 4 August 2025.
    fixture.clock.set(day("2025-08-05"));
    const auto early = fixture.decide("2025-08-03", 42, fixture.table);
    CHECK(early.waiting == 8);
    CHECK(early.granted + early.refused == 0);
    CHECK(fixture.count("enforcement_action_events") == 8);

    const auto decided = fixture.decide("2025-08-04", 42, fixture.table);
    CHECK(decided.waiting == 0);
    CHECK(decided.failed == 0);
    CHECK(decided.granted + decided.refused == 8);
    const core::ladder_step_rule& rule = *fixture.enforcement.ladder().rule_on(core::enforcement_step::liability_order,
                                                                               day("2025-03-03"));
    const core::court_outcome_row& row =
        *core::court_outcome_on(fixture.table, core::enforcement_step::liability_order, day("2025-08-04"));
    std::int64_t granted = 0;
    for (const std::int64_t action : actions) {
        const auto drawn = core::draw_court_decision(row, rule, day("2025-03-03"), 42, action);
        CHECK(drawn.on == day("2025-08-04"));
        const bool grant = drawn.event == core::action_event::grant;
        granted += grant ? 1 : 0;
        CHECK(fixture.status_of(action) == (grant ? "granted" : "refused"));
        // A granted liability order is charged £300 when granted; a refused one costs nothing.
        CHECK(testing::sql_integer(fixture.path, "SELECT charge_pence FROM enforcement_actions WHERE id = " +
                                                     std::to_string(action)) == (grant ? 30'000 : 0));
    }
    CHECK(decided.granted == granted);
    CHECK(testing::sql_integer(fixture.path, "SELECT COUNT(*) FROM command_journal WHERE actor = 'court-simulation'"
                                             " AND command_type = 'record_enforcement_event'") == 8);

    // Decided: a rerun finds nothing before a court, and writes nothing.
    const auto again = fixture.decide("2025-08-04", 42, fixture.table);
    CHECK(again.granted + again.refused + again.waiting == 0);
    CHECK(fixture.count("enforcement_action_events") == 16);
    CHECK_FALSE(fixture.store->check().has_value());
}

TEST_CASE("the table's share decides: all granted at 100%, all refused at 0%") {
    for (const std::int64_t share : {10'000, 0}) {
        court_fixture fixture;
        const auto actions = fixture.applications(4);
        std::vector<core::court_outcome_row> rows = {
            {core::enforcement_step::liability_order, day("2012-12-10"), core::basis_points{share}, core::basis_points{0}}};
        fixture.clock.set(day("2025-08-05"));
        const auto decided = fixture.decide("2025-08-04", 7, rows);
        CHECK(decided.granted == (share > 0 ? 4 : 0));
        CHECK(decided.refused == (share > 0 ? 0 : 4));
        for (const std::int64_t action : actions) CHECK(fixture.status_of(action) == (share > 0 ? "granted" : "refused"));
    }
}
