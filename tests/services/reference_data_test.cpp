// The compiled-in reference data (services/reports/reference_data.hpp): the local authorities of
// England as schemas/reference/ holds them, and the CSV reader's refusals.
#include <doctest/doctest.h>

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

TEST_CASE("the CSV reader takes RFC 4180 quotes and refuses bad rows by line") {
    const auto areas = parse_local_authorities("code,name,population\r\nE1,\"A \"\"B\"\", C\",10\r\n\nE2,D,0\n");
    REQUIRE(areas.size() == 2);
    CHECK(areas[0].name == "A \"B\", C");
    CHECK(areas[1].population == 0);
    auto refusal = [](const char* text) {
        try {
            (void)parse_local_authorities(text);
        } catch (const reference_data_error& refused) {
            return std::string(refused.what());
        }
        return std::string("accepted");
    };
    CHECK(refusal("code,name\nE1,A\n") == "line 1: expected code,name,population");
    CHECK(refusal("id,name,population\n") == "line 1: the header must be code,name,population");
    CHECK(refusal("code,name,population\nE1,A,ten\n") == "line 2: population must be a whole number");
    CHECK(refusal("code,name,population\nE1,A,-1\n") == "line 2: population must be a whole number");
    CHECK(refusal("code,name,population\nE1,A,1\nE1,B,2\n") == "line 3: code E1 is repeated");
    CHECK(refusal("code,name,population\nE1,\"A,1\n") == "line 2: a quote is not closed");
    CHECK(refusal("code,name,population\n,A,1\n") == "line 2: a code and a name are required");
}
