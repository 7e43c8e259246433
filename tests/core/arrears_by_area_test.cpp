// Arrears by area (core/statistics/arrears_by_area.hpp): cases grouped by area and nation, ranked
// by total with ties by code, averages rounded half up, and cases not in arrears left out.
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
    const arrears_by_area_summary summary = summarise_arrears_by_area(cases);
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
    const arrears_by_area_summary summary = summarise_arrears_by_area(std::vector<case_arrears_in_area>{in("E06000059", 0, 0)});
    CHECK(summary.areas.empty());
    CHECK(summary.nations.empty());
    CHECK(summary.all.cases_in_arrears == 0);
    CHECK(summary.all.average_per_case.pence() == 0);
}
