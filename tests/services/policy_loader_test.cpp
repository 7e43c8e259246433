// The policy loader: the shipped table loads to the statutory figures, and broken tables fail
// with a message naming the file, the row and the problem.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "services/policy/policy_loader.hpp"

namespace {

using cms::services::parse_calculation_rates;
using cms::services::policy_load_error;
using nlohmann::json;

const std::string shipped_path = std::string(CMS_SOURCE_DIR) + "/schemas/policy/calculation_rates.json";

json shipped_table() {
    std::ifstream in(shipped_path);
    REQUIRE(in.good());
    return json::parse(in);
}

/// The error message from loading `table`, or "" when it loads.
std::string load_error(const json& table) {
    try {
        parse_calculation_rates(table.dump(), "calculation_rates.json");
    } catch (const policy_load_error& error) {
        return error.what();
    }
    return "";
}

std::string load_error_text(const std::string& text) {
    try {
        parse_calculation_rates(text, "calculation_rates.json");
    } catch (const policy_load_error& error) {
        return error.what();
    }
    return "";
}

}  // namespace

TEST_CASE("the shipped calculation_rates.json loads with the statutory figures") {
    const auto rows = cms::services::load_calculation_rates_file(shipped_path);
    REQUIRE(rows.size() == 1);
    const auto& row = rows[0];
    CHECK(cms::core::format_iso_date(row.effective_from) == "2013-11-25");
    CHECK_FALSE(row.effective_to.has_value());
    CHECK(row.nil_rate_income_below.pence() == 700);
    CHECK(row.flat_rate_amount.pence() == 700);
    CHECK(row.flat_rate_income_up_to.pence() == 10'000);
    CHECK(row.basic_rate_income_from.pence() == 20'000);
    CHECK(row.basic_plus_income_above.pence() == 80'000);
    CHECK(row.income_cap.pence() == 300'000);
    CHECK(row.reduced_rate_percent[0][0].value == 1'700);
    CHECK(row.reduced_rate_percent[0][1].value == 1'410);
    CHECK(row.reduced_rate_percent[1][2].value == 1'990);
    CHECK(row.reduced_rate_percent[2][3].value == 2'380);
    CHECK(row.basic_rate_percent[2].value == 1'900);
    CHECK(row.basic_plus_rate_percent[1].value == 1'200);
    CHECK(row.relevant_other_children_reduction[0].value == 1'100);
    REQUIRE(row.shared_care_bands.size() == 4);
    CHECK(row.shared_care_bands[1].nights_from == 104);
    CHECK(row.shared_care_bands[1].reduction == cms::core::fraction{2, 7});
    CHECK(row.shared_care_bands[3].extra_reduction_per_child.pence() == 700);
    CHECK(row.equal_care_nights_from == 183);
    CHECK(row.default_rate_amount[0].pence() == 3'900);
    CHECK(row.default_rate_amount[2].pence() == 6'400);
    CHECK(row.income_change_tolerance.value == 2'500);
}

TEST_CASE("overlapping rows are refused naming both rows") {
    json table = shipped_table();
    json first = table["rows"][0];
    first["effective_from"] = "2013-07-01";
    json second = first;
    second["effective_from"] = "2014-01-01";
    table["rows"] = json::array({first, second});
    CHECK(load_error(table) ==
          "calculation_rates.json: row 2: effective_from 2014-01-01 overlaps row 1 (2013-07-01..open)");

    // Half-open: a row may start on the previous row's effective_to.
    table["rows"][0]["effective_to"] = "2014-01-01";
    CHECK(load_error(table) == "");
    table["rows"][0]["effective_to"] = "2014-01-02";
    CHECK(load_error(table) ==
          "calculation_rates.json: row 2: effective_from 2014-01-01 overlaps row 1 (2013-07-01..2014-01-02)");
}

TEST_CASE("a floating-point percentage is refused, even a whole one") {
    json table = shipped_table();
    table["rows"][0]["reduced_rate_bp"][1][0] = 2500.0;
    const std::string message = load_error(table);
    CHECK(message.find("calculation_rates.json: row 1: reduced_rate_bp[1][0]: expected an integer, got the "
                       "floating-point number") == 0);
    table = shipped_table();
    table["rows"][0]["basic_rate_bp"][0] = 12.5;
    CHECK(load_error(table).find("row 1: basic_rate_bp[0]: expected an integer") != std::string::npos);
}

TEST_CASE("malformed tables name the file, row and problem") {
    struct row {
        const char* what;
        void (*edit)(json&);
        const char* expected;
    };
    const std::vector<row> rows = {
        {"missing field", [](json& t) { t["rows"][0].erase("basic_rate_bp"); },
         "calculation_rates.json: row 1: basic_rate_bp: required field is missing"},
        {"unknown field", [](json& t) { t["rows"][0]["flat_rate_pounds"] = 7; },
         "calculation_rates.json: row 1: flat_rate_pounds: unknown field"},
        {"unknown top-level field", [](json& t) { t["extra"] = true; },
         "calculation_rates.json: extra: unknown field"},
        {"string amount", [](json& t) { t["rows"][0]["income_cap_pence"] = "300000"; },
         "calculation_rates.json: row 1: income_cap_pence: expected an integer, got a string"},
        {"percentage over 100%", [](json& t) { t["rows"][0]["basic_plus_rate_bp"][2] = 10'001; },
         "calculation_rates.json: row 1: basic_plus_rate_bp[2]: must be between 0 and 10000, got 10001"},
        {"short T table row", [](json& t) { t["rows"][0]["reduced_rate_bp"][2].erase(3); },
         "calculation_rates.json: row 1: reduced_rate_bp[2]: expected exactly 4 entries, got 3"},
        {"bad date", [](json& t) { t["rows"][0]["effective_from"] = "2013-02-30"; },
         "calculation_rates.json: row 1: effective_from: \"2013-02-30\" is not a valid YYYY-MM-DD date"},
        {"effective_to not after from", [](json& t) { t["rows"][0]["effective_to"] = "2013-11-25"; },
         "calculation_rates.json: row 1: effective_to: 2013-11-25 must be after effective_from 2013-11-25 "
         "(it is exclusive)"},
        {"income bands out of order", [](json& t) { t["rows"][0]["basic_rate_income_from_pence"] = 10'000; },
         "calculation_rates.json: row 1: basic_rate_income_from_pence: must be above "
         "flat_rate_income_up_to_pence (10000), got 10000"},
        {"gap between shared-care bands", [](json& t) { t["rows"][0]["shared_care_bands"][2]["nights_from"] = 157; },
         "calculation_rates.json: row 1: shared_care_bands[2].nights_from: band starts at 157 but the previous "
         "band ends at 155; bands must be contiguous and ascending"},
        {"closed last band", [](json& t) { t["rows"][0]["shared_care_bands"][3]["nights_to"] = 366; },
         "calculation_rates.json: row 1: shared_care_bands[3].nights_to: the last band must be open-ended (null)"},
        {"fraction above 1", [](json& t) { t["rows"][0]["shared_care_bands"][0]["reduction"]["numerator"] = 8; },
         "calculation_rates.json: row 1: shared_care_bands[0].reduction: fraction 8/7 is more than 1"},
        {"float nights", [](json& t) { t["rows"][0]["equal_care_nights_from"] = 182.5; },
         "calculation_rates.json: row 1: equal_care_nights_from: expected an integer, got the floating-point "
         "number 182.5 (policy numbers are integers: pence, basis points or nights)"},
        {"no rows", [](json& t) { t["rows"] = json::array(); },
         "calculation_rates.json: rows: expected 1 to 10000 entries, got 0"},
        {"wrong table", [](json& t) { t["table"] = "fees"; },
         "calculation_rates.json: table: expected \"calculation_rates\""},
    };
    for (const row& r : rows) {
        CAPTURE(r.what);
        json table = shipped_table();
        r.edit(table);
        CHECK(load_error(table) == r.expected);
    }
}

TEST_CASE("rows out of date order are refused") {
    json table = shipped_table();
    json later = table["rows"][0];
    table["rows"][0]["effective_from"] = "2020-01-01";
    table["rows"][0]["effective_to"] = "2021-01-01";
    table["rows"].push_back(later);   // 2013-11-25, open: before row 1
    CHECK(load_error(table) == "calculation_rates.json: row 2: effective_from 2013-11-25 is not after row 1's "
                               "2020-01-01; rows must be in date order");
}

TEST_CASE("text that is not JSON and a missing file are load errors") {
    CHECK(load_error_text("{\"rows\": [") == "calculation_rates.json: the text is not valid JSON (UTF-8 text) at byte 11");
    CHECK(load_error_text("[]") == "calculation_rates.json: expected an object, got an array");
    CHECK_THROWS_AS(cms::services::load_calculation_rates_file("/nonexistent/calculation_rates.json"),
                    policy_load_error);
}

TEST_CASE("a key given twice in one object is refused, naming it, rather than the last one winning") {
    std::string text = shipped_table().dump();
    const std::string field = "\"income_cap_pence\":";
    const auto at = text.find(field);
    REQUIRE(at != std::string::npos);
    text.insert(at, field + "1,");  // the first row now says its cap twice
    CHECK(load_error_text(text) == "calculation_rates.json: rows[0].income_cap_pence: appears more than once in the same object");
}
