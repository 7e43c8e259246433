// The compiled-in reference data (services/reports/reference_data.hpp): the local authorities of
// England as schemas/reference/ holds them, each in its ONS region, and the CSV reader's refusals.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include "services/reports/reference_data.hpp"

using cms::services::parse_local_authorities;
using cms::services::reference_data_error;

TEST_CASE("the compiled-in local authorities are England's 326 districts, quoted names whole") {
    const auto& areas = cms::services::local_authorities();
    REQUIRE(areas.size() == 326);
    CHECK(areas.front().code == "E06000001");
    CHECK(areas.front().name == "Hartlepool");
    CHECK(areas.front().population == 93458);
    bool hull_found = false;
    std::int64_t population = 0;
    for (const auto& area : areas) {
        population += area.population;
        if (area.code == "E06000010") hull_found = area.name == "Kingston upon Hull, City of";
    }
    CHECK(hull_found);
    // England's mid-year population about 2019 was about 56 million.
    CHECK(population > 55'000'000);
    CHECK(population < 58'000'000);
}

TEST_CASE("every district is in its ONS region: the 2018 counts, London the E09 codes, plausible shares") {
    // ONS, Local Authority District to Region (December 2018) Lookup in England: the number of
    // districts in each region. A district filed under the wrong region changes two counts.
    const std::map<std::string, std::pair<std::string, std::int64_t>> expected = {
        {"E12000001", {"North East", 12}},    {"E12000002", {"North West", 39}},
        {"E12000003", {"Yorkshire and The Humber", 21}}, {"E12000004", {"East Midlands", 40}},
        {"E12000005", {"West Midlands", 30}}, {"E12000006", {"East of England", 47}},
        {"E12000007", {"London", 33}},        {"E12000008", {"South East", 67}},
        {"E12000009", {"South West", 37}},
    };
    std::map<std::string, std::int64_t> districts;
    std::map<std::string, std::int64_t> population;
    std::int64_t england = 0;
    for (const auto& area : cms::services::local_authorities()) {
        CAPTURE(area.code);
        const auto region = expected.find(area.region_code);
        REQUIRE(region != expected.end());
        CHECK(area.region_name == region->second.first);
        // London is exactly the London boroughs and the City (GSS entity E09).
        CHECK((area.code.rfind("E09", 0) == 0) == (area.region_code == "E12000007"));
        ++districts[area.region_code];
        population[area.region_code] += area.population;
        england += area.population;
    }
    for (const auto& [code, region] : expected) {
        CAPTURE(region.first);
        CHECK(districts[code] == region.second);
        CHECK(cms::services::reference_name(code) == region.first);
    }
    // Shares of England's population in the ONS mid-year estimates about 2019, within a point:
    // London and the South East about 16% each, the North East about 4.7%.
    auto share_bp = [&](const char* code) { return population[code] * 10'000 / england; };
    CHECK(share_bp("E12000007") > 1'500);
    CHECK(share_bp("E12000007") < 1'700);
    CHECK(share_bp("E12000008") > 1'550);
    CHECK(share_bp("E12000008") < 1'750);
    CHECK(share_bp("E12000001") > 420);
    CHECK(share_bp("E12000001") < 520);
    CHECK(cms::services::reference_name("E08000025") == "Birmingham");
    CHECK(cms::services::reference_name("W06000015").empty());  // Wales is not listed
}

TEST_CASE("the CSV reader takes RFC 4180 quotes and refuses bad rows by line") {
    const std::string header = "code,name,population,region_code,region_name\n";
    const auto areas = parse_local_authorities("code,name,population,region_code,region_name\r\n"
                                               "E1,\"A \"\"B\"\", C\",10,E12000001,North East\r\n\nE2,D,0,E12000001,North East\n");
    REQUIRE(areas.size() == 2);
    CHECK(areas[0].name == "A \"B\", C");
    CHECK(areas[0].region_code == "E12000001");
    CHECK(areas[0].region_name == "North East");
    CHECK(areas[1].population == 0);
    auto refusal = [](const std::string& text) {
        try {
            (void)parse_local_authorities(text);
        } catch (const reference_data_error& refused) {
            return std::string(refused.what());
        }
        return std::string("accepted");
    };
    CHECK(refusal("code,name,population\nE1,A,1\n") == "line 1: expected code,name,population,region_code,region_name");
    CHECK(refusal("id,name,population,region_code,region_name\n") ==
          "line 1: the header must be code,name,population,region_code,region_name");
    CHECK(refusal(header + "E1,A,ten,E12000001,North East\n") == "line 2: population must be a whole number");
    CHECK(refusal(header + "E1,A,-1,E12000001,North East\n") == "line 2: population must be a whole number");
    CHECK(refusal(header + "E1,A,1,E12000001,North East\nE1,B,2,E12000001,North East\n") == "line 3: code E1 is repeated");
    CHECK(refusal(header + "E1,\"A,1,E12000001,North East\n") == "line 2: a quote is not closed");
    CHECK(refusal(header + ",A,1,E12000001,North East\n") == "line 2: a code and a name are required");
    CHECK(refusal(header + "E1,A,1\n") == "line 2: expected code,name,population,region_code,region_name");
    const std::string no_region = "line 2: a region code (E12 and six digits) and a region name are required";
    CHECK(refusal(header + "E1,A,1,,North East\n") == no_region);
    CHECK(refusal(header + "E1,A,1,E1200001,North East\n") == no_region);   // eight characters
    CHECK(refusal(header + "E1,A,1,E0600001X,North East\n") == no_region);  // not E12
    CHECK(refusal(header + "E1,A,1,E1200000X,North East\n") == no_region);  // not six digits
    CHECK(refusal(header + "E1,A,1,E12000001,\n") == no_region);
    // One region, one name, both ways: a mistyped code or name is refused where it is.
    CHECK(refusal(header + "E1,A,1,E12000001,North East\nE2,B,1,E12000001,North West\n") ==
          "line 3: region E12000001 North West does not match an earlier row");
    CHECK(refusal(header + "E1,A,1,E12000001,North East\nE2,B,1,E12000002,North East\n") ==
          "line 3: region E12000002 North East does not match an earlier row");
}
