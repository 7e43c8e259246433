// The `cms calc` JSON surface: strict parsing with field paths, and the response shape.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "services/wire/calculation_json.hpp"
#include "services/policy/policy_loader.hpp"

namespace {

using nlohmann::json;

json valid_request() {
    return json::parse(R"({
        "date": "2025-06-01",
        "paying_parent": {"gross_weekly_income_pence": 50000, "benefit": "none", "nil_rate_reason": null,
                          "relevant_other_children": 1, "other_supported_children": 0},
        "qualifying_children": [{"id": "c1", "receiving_parent": "rpA", "shared_care_nights": 0},
                                {"id": "c2", "receiving_parent": "rpB", "shared_care_nights": 110}]})");
}

std::vector<cms::core::calculation_rates> shipped_rows() {
    return cms::services::load_calculation_rates_file(std::string(CMS_SOURCE_DIR) +
                                                      "/schemas/policy/calculation_rates.json");
}

}  // namespace

TEST_CASE("a valid request parses to the core input") {
    const auto parsed = cms::services::parse_calculation_request(valid_request());
    REQUIRE(parsed.input.has_value());
    CHECK_FALSE(parsed.error.has_value());
    CHECK(cms::core::format_iso_date(parsed.input->business_date) == "2025-06-01");
    CHECK(parsed.input->paying_parent.gross_weekly_income.pence() == 50'000);
    CHECK(parsed.input->paying_parent.relevant_other_children == 1);
    REQUIRE(parsed.input->children.size() == 2);
    CHECK(parsed.input->children[1].receiving_parent == "rpB");
    CHECK(parsed.input->children[1].shared_care_nights == 110);
}

TEST_CASE("the worked example end to end: £71.20, one child at 110 nights -> £61.03") {
    const auto rows = shipped_rows();
    const auto response = cms::services::run_calculation_request(valid_request(), rows);
    REQUIRE(response.result.has_value());
    const json& body = *response.result;
    CHECK(body["rate"] == "basic");
    CHECK(body["weekly_amount_pence"] == 6'103);            // 3560 + 3560 x 5/7 (2543)
    CHECK(body["children"][0] == json{{"id", "c1"}, {"weekly_amount_pence", 3'560}});
    CHECK(body["children"][1] == json{{"id", "c2"}, {"weekly_amount_pence", 2'543}});
    CHECK(body["receiving_parents"][0] == json{{"id", "rpA"}, {"weekly_amount_pence", 3'560}});
    CHECK(body["receiving_parents"][1] == json{{"id", "rpB"}, {"weekly_amount_pence", 2'543}});
    REQUIRE(body["steps"].is_array());
    const json& first = body["steps"][0];
    CHECK(first["rule"] == "income_cap");
    CHECK(first["inputs"][0]["name"] == "gross_weekly_income");
    CHECK(first.contains("explanation"));
    CHECK(body["steps"].back()["rule"] == "apportion_to_receiving_parents");
}

TEST_CASE("nil_rate_reason and benefit values map to the core enums") {
    json request = valid_request();
    request["paying_parent"]["nil_rate_reason"] = "prisoner";
    const auto parsed = cms::services::parse_calculation_request(request);
    REQUIRE(parsed.input.has_value());
    CHECK(parsed.input->paying_parent.nil_reason == cms::core::nil_rate_reason::prisoner);
    request["paying_parent"]["nil_rate_reason"] = nullptr;
    request["paying_parent"]["benefit"] = "partner_income_related_benefit";
    const auto response = cms::services::run_calculation_request(request, shipped_rows());
    REQUIRE(response.result.has_value());
    CHECK((*response.result)["rate"] == "flat");
    // Benefit flat rate with c2 at 110 nights (>= 52): rpB gets nil, rpA keeps its 350p.
    CHECK((*response.result)["weekly_amount_pence"] == 350);
}

TEST_CASE("invalid requests name the field") {
    struct row {
        const char* what;
        void (*edit)(json&);
        const char* field;
        const char* message_part;
    };
    const std::vector<row> rows = {
        {"missing date", [](json& r) { r.erase("date"); }, "date", "missing"},
        {"bad date", [](json& r) { r["date"] = "2025-02-29"; }, "date", "not a valid"},
        {"missing income", [](json& r) { r["paying_parent"].erase("gross_weekly_income_pence"); },
         "paying_parent.gross_weekly_income_pence", "missing"},
        {"float income", [](json& r) { r["paying_parent"]["gross_weekly_income_pence"] = 500.0; },
         "paying_parent.gross_weekly_income_pence", "floating-point"},
        {"string income", [](json& r) { r["paying_parent"]["gross_weekly_income_pence"] = "500"; },
         "paying_parent.gross_weekly_income_pence", "got a string"},
        {"negative income", [](json& r) { r["paying_parent"]["gross_weekly_income_pence"] = -1; },
         "paying_parent.gross_weekly_income_pence", "at least 0"},
        {"unknown benefit", [](json& r) { r["paying_parent"]["benefit"] = "jsa"; },
         "paying_parent.benefit", "unknown value \"jsa\""},
        {"unknown nil reason", [](json& r) { r["paying_parent"]["nil_rate_reason"] = "none"; },
         "paying_parent.nil_rate_reason", "unknown value"},
        {"negative ROC", [](json& r) { r["paying_parent"]["relevant_other_children"] = -1; },
         "paying_parent.relevant_other_children", "at least 0"},
        {"unknown parent field", [](json& r) { r["paying_parent"]["net_income_pence"] = 1; },
         "paying_parent.net_income_pence", "unknown field"},
        {"unknown top field", [](json& r) { r["case_id"] = 7; }, "case_id", "unknown field"},
        {"children not an array", [](json& r) { r["qualifying_children"] = json::object(); },
         "qualifying_children", "expected an array"},
        {"no children", [](json& r) { r["qualifying_children"] = json::array(); },
         "qualifying_children", "at least one"},
        {"nights above 366", [](json& r) { r["qualifying_children"][1]["shared_care_nights"] = 367; },
         "qualifying_children[1].shared_care_nights", "at most 366"},
        {"float nights", [](json& r) { r["qualifying_children"][0]["shared_care_nights"] = 52.0; },
         "qualifying_children[0].shared_care_nights", "floating-point"},
        {"empty id", [](json& r) { r["qualifying_children"][0]["id"] = ""; },
         "qualifying_children[0].id", "empty"},
        {"duplicate id", [](json& r) { r["qualifying_children"][1]["id"] = "c1"; },
         "qualifying_children[1].id", "duplicate"},
        {"unknown child field", [](json& r) { r["qualifying_children"][0]["age"] = 4; },
         "qualifying_children[0].age", "unknown field"},
        {"missing receiving parent", [](json& r) { r["qualifying_children"][0].erase("receiving_parent"); },
         "qualifying_children[0].receiving_parent", "missing"},
    };
    for (const row& r : rows) {
        CAPTURE(r.what);
        json request = valid_request();
        r.edit(request);
        const auto parsed = cms::services::parse_calculation_request(request);
        CHECK_FALSE(parsed.input.has_value());
        REQUIRE(parsed.error.has_value());
        CHECK(parsed.error->field == r.field);
        CHECK(parsed.error->message.find(r.message_part) != std::string::npos);
    }
    const auto not_object = cms::services::parse_calculation_request(json::array());
    REQUIRE(not_object.error.has_value());
    CHECK(not_object.error->field == "");
}

TEST_CASE("a date before any policy row is an error on date") {
    json request = valid_request();
    request["date"] = "2013-01-01";
    const auto response = cms::services::run_calculation_request(request, shipped_rows());
    REQUIRE(response.error.has_value());
    CHECK(response.error->field == "date");
    CHECK(cms::services::field_error_to_json(*response.error)["field"] == "date");
}
