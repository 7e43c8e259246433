// Arrears by area (core/statistics/arrears_by_area.hpp): cases grouped by area, region and nation,
// ranked by total with ties by code, averages rounded half up, and cases not in arrears left out.
#include <doctest/doctest.h>

#include <vector>

#include "core/statistics/arrears_by_area.hpp"

using namespace cms::core;

namespace {

case_arrears_in_area in(const char* code, std::int64_t maintenance_pence, std::int64_t state_pence) {
    return {code, money::from_pence(maintenance_pence), money::from_pence(state_pence)};
}

}  // namespace

TEST_CASE("nations are read from the first letter of the code") {
    CHECK(nation_of("E06000059") == "england");
    CHECK(nation_of("W06000015") == "wales");
    CHECK(nation_of("S12000036") == "scotland");
    CHECK(nation_of("N09000003") == "unknown");  // Northern Ireland is not served by the CMS
    CHECK(nation_of("") == "unknown");
}

TEST_CASE("areas are ranked by total arrears, ties by code, with half-up averages") {
    const std::vector<case_arrears_in_area> cases = {
        in("E08000025", 1000, 200),  // Birmingham: two cases, 1200 + 801 = 2001, average 1000.5 -> 1001
        in("E08000025", 800, 1),
        in("E09000021", 0, 0),       // not in arrears: left out
        in("W06000015", 1500, 0),    // Cardiff: 1500
        in("E06000059", 1500, 0),    // Dorset: 1500, ties with Cardiff, E before W
        in("E09000021", 0, 30),      // Kingston upon Thames: fees only, 30
    };
    const arrears_by_area_summary summary = summarise_arrears_by_area(cases, {});
    REQUIRE(summary.areas.size() == 4);
    CHECK(summary.areas[0].area_code == "E08000025");
    CHECK(summary.areas[0].cases_in_arrears == 2);
    CHECK(summary.areas[0].maintenance.pence() == 1800);
    CHECK(summary.areas[0].owed_to_state.pence() == 201);
    CHECK(summary.areas[0].total.pence() == 2001);
    CHECK(summary.areas[0].average_per_case.pence() == 1001);
    CHECK(summary.areas[1].area_code == "E06000059");
    CHECK(summary.areas[2].area_code == "W06000015");
    CHECK(summary.areas[3].area_code == "E09000021");
    CHECK(summary.areas[3].cases_in_arrears == 1);  // its case with nothing owed is not counted
    CHECK(summary.areas[3].total.pence() == 30);

    REQUIRE(summary.nations.size() == 2);  // no Scottish case in arrears: no row
    CHECK(summary.nations[0].area_code == "england");
    CHECK(summary.nations[0].cases_in_arrears == 4);
    CHECK(summary.nations[0].total.pence() == 2001 + 1500 + 30);
    CHECK(summary.nations[0].average_per_case.pence() == 883);  // 3531 / 4 = 882.75
    CHECK(summary.nations[1].area_code == "wales");
    CHECK(summary.nations[1].total.pence() == 1500);

    CHECK(summary.all.cases_in_arrears == 5);
    CHECK(summary.all.total.pence() == 5031);
    CHECK(summary.all.maintenance.pence() == 4800);
    CHECK(summary.all.owed_to_state.pence() == 231);
    CHECK(summary.all.average_per_case.pence() == 1006);  // 1006.2
}

TEST_CASE("no case in arrears: no areas, no nations, zero totals") {
    const arrears_by_area_summary summary = summarise_arrears_by_area(std::vector<case_arrears_in_area>{in("E06000059", 0, 0)}, {});
    CHECK(summary.areas.empty());
    CHECK(summary.regions.empty());
    CHECK(summary.nations.empty());
    CHECK(summary.all.cases_in_arrears == 0);
    CHECK(summary.all.average_per_case.pence() == 0);
}

TEST_CASE("England's cases are grouped by their area's region, ranked, and add up to England") {
    // The lookup as the reference data would give it; a region without a case in arrears gets no row.
    const std::vector<area_in_region> regions = {
        {"E08000025", "E12000005"},  // Birmingham, West Midlands
        {"E08000026", "E12000005"},  // Coventry, West Midlands
        {"E09000030", "E12000007"},  // Tower Hamlets, London
        {"E09000001", "E12000007"},  // City of London, London
        {"E09000021", "E12000007"},  // Kingston upon Thames, London
        {"E06000001", "E12000001"},  // Hartlepool, North East: no case
    };
    const std::vector<case_arrears_in_area> cases = {
        in("E08000025", 1000, 200),  // West Midlands: 1200 + 300 = 1500 in 2 cases, average 750
        in("E08000026", 300, 0),
        in("E09000030", 700, 50),    // London: 750 + 500 + 250 = 1500 in 3 cases, average 500
        in("E09000001", 500, 0),
        in("E09000001", 249, 1),
        in("E09000021", 0, 0),       // not in arrears: in no region
        in("E07000999", 40, 0),      // English, not in the lookup: region "unknown", 40
        in("W06000015", 5000, 0),    // Cardiff: Wales only, in no region of England
    };
    const arrears_by_area_summary summary = summarise_arrears_by_area(cases, regions);
    REQUIRE(summary.regions.size() == 3);
    // West Midlands and London tie at 1500: by code, E12000005 first.
    CHECK(summary.regions[0].area_code == "E12000005");
    CHECK(summary.regions[0].cases_in_arrears == 2);
    CHECK(summary.regions[0].maintenance.pence() == 1300);
    CHECK(summary.regions[0].owed_to_state.pence() == 200);
    CHECK(summary.regions[0].total.pence() == 1500);
    CHECK(summary.regions[0].average_per_case.pence() == 750);
    CHECK(summary.regions[1].area_code == "E12000007");
    CHECK(summary.regions[1].cases_in_arrears == 3);
    CHECK(summary.regions[1].maintenance.pence() == 1449);
    CHECK(summary.regions[1].owed_to_state.pence() == 51);
    CHECK(summary.regions[1].average_per_case.pence() == 500);
    CHECK(summary.regions[2].area_code == unknown_region);
    CHECK(summary.regions[2].total.pence() == 40);

    // England is 3040 in 6 cases (average 506.67 -> 507), the regions' sum; Wales stays apart.
    REQUIRE(summary.nations.size() == 2);
    CHECK(summary.nations[0].area_code == "england");
    CHECK(summary.nations[0].cases_in_arrears == 6);
    CHECK(summary.nations[0].total.pence() == 3040);
    CHECK(summary.nations[0].average_per_case.pence() == 507);
    CHECK(summary.nations[1].total.pence() == 5000);
    CHECK(summary.all.total.pence() == 8040);
    // The areas are unchanged by the lookup: Cardiff first, Birmingham next.
    REQUIRE(summary.areas.size() == 6);
    CHECK(summary.areas[0].area_code == "W06000015");
    CHECK(summary.areas[1].area_code == "E08000025");
}
