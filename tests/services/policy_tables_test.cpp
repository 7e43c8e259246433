// Where the policy comes from: the tables compiled into the program, or a --policy-dir.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "services/policy/policy_loader.hpp"
#include "services/policy/policy_tables.hpp"
#include "support/test_support.hpp"

using namespace cms::services;

namespace {

const std::filesystem::path shipped_policy_dir = std::filesystem::path(CMS_SOURCE_DIR) / "schemas" / "policy";

}  // namespace

TEST_CASE("the built-in calculation rates are the shipped schemas/policy table") {
    const auto& built_in = embedded_calculation_rates();
    const auto from_file = load_calculation_rates(shipped_policy_dir);
    REQUIRE(built_in.size() == from_file.size());
    REQUIRE_FALSE(built_in.empty());
    CHECK(built_in[0].effective_from == from_file[0].effective_from);
    CHECK(built_in[0].flat_rate_amount.pence() == 700);
    CHECK(built_in[0].income_change_tolerance.value == 2'500);
    CHECK(load_calculation_rates(std::nullopt).size() == built_in.size());
    bool embedded_schema = false;
    for (const auto& file : embedded_policy_files()) embedded_schema |= file.file_name == "calculation_rates.json";
    CHECK(embedded_schema);
}

TEST_CASE("a policy directory with a broken or missing table is refused, naming the file and row") {
    cms::testing::temporary_directory directory;
    CHECK_THROWS_WITH_AS(load_calculation_rates(directory.path()), doctest::Contains("calculation_rates.json"),
                         policy_load_error);

    std::ifstream shipped(shipped_policy_dir / "calculation_rates.json");
    std::string text((std::istreambuf_iterator<char>(shipped)), std::istreambuf_iterator<char>());
    const std::string field = "\"flat_rate_pence\": 700";
    REQUIRE(text.find(field) != std::string::npos);
    text.replace(text.find(field), field.size(), "\"flat_rate_pence\": 7.5");
    std::ofstream(directory.file("calculation_rates.json")) << text;
    try {
        load_calculation_rates(directory.path());
        FAIL("accepted a fractional amount");
    } catch (const policy_load_error& error) {
        const std::string message = error.what();
        CHECK(message.find("calculation_rates.json") != std::string::npos);
        CHECK(message.find("row 1") != std::string::npos);
        CHECK(message.find("flat_rate_pence") != std::string::npos);
    }
}
