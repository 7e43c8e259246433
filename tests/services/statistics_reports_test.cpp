// The statistics reports read from a replayed history (services/reports/): Collect and Pay
// compliance (maintenance due and paid in a quarter summed by paying parent, each paying parent in
// one band; the figures worked out from the rules in the comments), and arrears by area (each
// case's position grouped by its paying parent's local authority, region and nation; a generated
// caseload's regions adding up to England).
#include <doctest/doctest.h>

#include <array>
#include <map>
#include <string>

#include "persistence/read_pool.hpp"
#include "services/generation/caseload_generator.hpp"
#include "services/simulation/caseload_simulation.hpp"
#include "services/reports/reference_data.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/reports/arrears_report.hpp"
#include "persistence/sqlite/sqlite_store.hpp"
#include "services/replay/scenario.hpp"
#include "services/reports/compliance_report.hpp"
#include "support/report_scenarios.hpp"
#include "support/test_support.hpp"

using cms::testing::family;
using cms::testing::payment;

TEST_CASE("compliance in a quarter: each paying parent due to pay in one band, by maintenance paid") {
    // Each family is charged, by the accrual dated each month's last day, 100p a day of
    // maintenance and 20p a day of collection fee: January 3100p + 620p, February 2800p + 560p,
    // March 3100p + 620p. Maintenance due in 2025-Q1: 9000p a family.
    //  - "full" pays 10800p on 5 March: January and February (5900p + 1180p) are settled, and
    //    the 3720p left waits as credit, applied to March's charges (3100p + 620p) when March is
    //    accrued, dated 31 March: 9000p of maintenance paid, over 90%.
    //  - "part" pays 7080p on 5 March: January and February settled, 5900p of 9000p (65.6%).
    //  - "none" pays nothing.
    //  - "april" pays 10800p on 2 April: after the quarter, so nothing in it.
    const std::string text = R"({"scenario": "compliance", "steps": [)" + family("full") + "," + family("part") + "," +
                             family("none") + "," + family("april") + "," + payment("full", "2025-03-05", 10800) +
                             "," + payment("part", "2025-03-05", 7080) + "," +
                             payment("april", "2025-04-02", 10800) + "]}";
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("compliance.db");
    const auto replayed = cms::services::replay_scenario(cms::services::parse_scenario(text), path);
    REQUIRE(replayed.all_passed());

    const auto store = cms::persistence::open_sqlite_store(path);
    cms::persistence::read_pool readers(*store, 1);
    const auto quarter = *cms::core::parse_reporting_quarter("2025-Q1");
    const cms::services::compliance_report report = cms::services::read_compliance_report(readers, quarter);
    CHECK(report.cases_read == 4);
    CHECK(report.summary.paying_parents_due == 4);
    CHECK(report.summary.paid_over_90_percent == 1);
    CHECK(report.summary.paid_up_to_90_percent == 1);
    CHECK(report.summary.paid_nothing == 2);
    CHECK(report.summary.maintenance_due.pence() == 4 * 9000);
    CHECK(report.summary.maintenance_paid.pence() == 9000 + 5900);

    // The fourth quarter of 2024 is before any case opened: nobody was due to pay.
    const auto before = cms::services::read_compliance_report(readers, *cms::core::parse_reporting_quarter("2024-Q4"));
    CHECK(before.summary.paying_parents_due == 0);
    CHECK(before.cases_read == 4);
}

TEST_CASE("the default quarter is the last one ended by the date") {
    using cms::services::last_quarter_ended_by;
    CHECK(last_quarter_ended_by(*cms::core::parse_iso_date("2025-03-31")) == cms::core::reporting_quarter{2025, 1});
    CHECK(last_quarter_ended_by(*cms::core::parse_iso_date("2025-03-30")) == cms::core::reporting_quarter{2024, 4});
    CHECK(last_quarter_ended_by(*cms::core::parse_iso_date("2025-01-01")) == cms::core::reporting_quarter{2024, 4});
    CHECK(last_quarter_ended_by(*cms::core::parse_iso_date("2025-12-31")) == cms::core::reporting_quarter{2025, 4});
    CHECK(last_quarter_ended_by(*cms::core::parse_iso_date("2025-07-15")) == cms::core::reporting_quarter{2025, 2});
}

TEST_CASE("arrears by area: each case's position, grouped by its paying parent's area, ranked and named") {
    // Two families in Birmingham, one in Cardiff, one in Dorset; two of them pay nothing.
    const std::string text = R"({"scenario": "areas", "steps": [)" + family("brum-paid") + "," + family("brum-none") +
                             "," + family("cardiff", "W06000015") + "," + family("dorset", "E06000059") + "," +
                             payment("brum-paid", "2025-03-05", 7080) + "," + payment("dorset", "2025-03-05", 3000) +
                             R"(, {"on": "2025-04-10", "run_job": "close_day", "through": "2025-04-09"}]})";
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("areas.db");
    const auto replayed = cms::services::replay_scenario(cms::services::parse_scenario(text), path);
    REQUIRE(replayed.all_passed());

    const auto store = cms::persistence::open_sqlite_store(path);
    cms::persistence::read_pool readers(*store, 1);
    const auto fees = cms::services::load_collection_fees(std::nullopt);
    const cms::services::ageing_table ageing = cms::services::load_arrears_ageing(std::nullopt);
    const auto as_of = *cms::core::parse_iso_date("2025-04-09");
    // Each case's arrears as its balance route gives them (cases 1 to 4 in the order opened).
    std::array<cms::core::arrears_by_creditor, 4> owed{};
    {
        auto session = readers.borrow(cms::persistence::read_consistency::snapshot);
        for (std::int64_t id = 1; id <= 4; ++id) {
            const auto position = cms::services::case_position_of(*session, cms::core::case_id{id}, as_of, fees, ageing.buckets);
            REQUIRE(position.arrears.has_value());
            owed[static_cast<std::size_t>(id - 1)] = *position.arrears;
        }
    }
    // Paying nothing, three instalments (February to April) are owed: more than the one who paid
    // for January and February, or the one who paid part.
    CHECK(owed[1].total > owed[0].total);
    CHECK(owed[2].total == owed[1].total);
    CHECK(owed[3].total > owed[0].total);
    CHECK(owed[3].total < owed[1].total);

    const cms::services::arrears_report report = cms::services::read_arrears_by_area(readers, as_of, fees, ageing.buckets);
    CHECK(report.cases_read == 4);
    const auto& areas = report.summary.areas;
    REQUIRE(areas.size() == 3);
    // Birmingham's two cases together owe most; then Cardiff (nothing paid); then Dorset.
    CHECK(areas[0].area_code == "E08000025");
    CHECK(areas[0].cases_in_arrears == (owed[0].total.is_zero() ? 1 : 2));
    CHECK(areas[0].total == owed[0].total + owed[1].total);
    CHECK(areas[0].maintenance == owed[0].maintenance + owed[1].maintenance);
    CHECK(areas[1].area_code == "W06000015");
    CHECK(areas[1].total == owed[2].total);
    CHECK(areas[1].owed_to_state == owed[2].owed_to_state());
    CHECK(areas[2].area_code == "E06000059");
    CHECK(areas[2].total == owed[3].total);
    REQUIRE(report.summary.nations.size() == 2);
    CHECK(report.summary.nations[0].area_code == "england");
    CHECK(report.summary.nations[0].total == owed[0].total + owed[1].total + owed[3].total);
    CHECK(report.summary.nations[1].area_code == "wales");
    CHECK(report.summary.all.total == owed[0].total + owed[1].total + owed[2].total + owed[3].total);
}

TEST_CASE("arrears by region: a generated caseload's regions add up to England, each the sum of its areas") {
    cms::testing::temporary_directory directory;
    const auto store = cms::persistence::open_sqlite_store(directory.file("generated.db"), cms::persistence::system_wall_clock(),
                                                           cms::persistence::commit_durability::unsynced);
    // Cases opened in the two months before 2025-01-01, parents placed by population across
    // England's districts, then lived to the end of April: the behaviours that pay late, part or
    // nothing leave arrears all over the country.
    cms::services::caseload_options options;
    options.cases_count = 400;
    options.seed = 16;
    options.start = *cms::core::parse_iso_date("2025-01-01");
    options.opened_span_days = 60;
    cms::services::generate_caseload(*store->open_write_connection(), options, {});
    const auto as_of = *cms::core::parse_iso_date("2025-04-30");
    cms::services::caseload_simulation_options simulating;
    simulating.through = as_of;
    cms::services::simulate_caseload(*store, simulating);

    cms::persistence::read_pool readers(*store, 1);
    const auto fees = cms::services::load_collection_fees(std::nullopt);
    const cms::services::ageing_table ageing = cms::services::load_arrears_ageing(std::nullopt);
    const cms::core::arrears_by_area_summary summary =
        cms::services::read_arrears_by_area(readers, as_of, fees, ageing.buckets).summary;
    // The generator places parents in England's listed districts only.
    REQUIRE(summary.nations.size() == 1);
    const cms::core::area_arrears& england = summary.nations[0];
    CHECK(england.area_code == "england");
    INFO("cases in arrears: ", england.cases_in_arrears, " in ", summary.regions.size(), " regions");
    // Every region: the smallest, the North East (4.7% of the population), expects about 16 of 351.
    REQUIRE(summary.regions.size() == 9);

    std::map<std::string, std::string> region_of;
    for (const auto& area : cms::services::local_authorities()) region_of.emplace(area.code, area.region_code);
    std::map<std::string, cms::core::area_arrears> areas_summed;  // by region
    for (const cms::core::area_arrears& area : summary.areas) {
        cms::core::area_arrears& sum = areas_summed[region_of.at(area.area_code)];
        sum.cases_in_arrears += area.cases_in_arrears;
        sum.maintenance += area.maintenance;
        sum.owed_to_state += area.owed_to_state;
        sum.total += area.total;
    }
    cms::core::area_arrears regions_summed;
    for (std::size_t index = 0; index < summary.regions.size(); ++index) {
        const cms::core::area_arrears& region = summary.regions[index];
        CAPTURE(region.area_code);
        CHECK(!cms::services::reference_name(region.area_code).empty());  // no "unknown": every area listed
        if (index > 0) CHECK(region.total <= summary.regions[index - 1].total);
        const cms::core::area_arrears& of_areas = areas_summed.at(region.area_code);
        CHECK(region.cases_in_arrears == of_areas.cases_in_arrears);
        CHECK(region.maintenance == of_areas.maintenance);
        CHECK(region.owed_to_state == of_areas.owed_to_state);
        CHECK(region.total == of_areas.total);
        regions_summed.cases_in_arrears += region.cases_in_arrears;
        regions_summed.maintenance += region.maintenance;
        regions_summed.owed_to_state += region.owed_to_state;
        regions_summed.total += region.total;
    }
    CHECK(areas_summed.size() == summary.regions.size());
    CHECK(regions_summed.cases_in_arrears == england.cases_in_arrears);
    CHECK(regions_summed.maintenance == england.maintenance);
    CHECK(regions_summed.owed_to_state == england.owed_to_state);
    CHECK(regions_summed.total == england.total);
    CHECK(england.total == summary.all.total);
}
