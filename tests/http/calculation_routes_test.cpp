// The calculation routes over the router: what-if calculations (no key, nothing written) and a
// case's changes of circumstances and calculation history.
#include <doctest/doctest.h>

#include "services/http/api_router.hpp"
#include "services/http/calculation_routes.hpp"
#include "services/http/case_routes.hpp"
#include "support/service_fixture.hpp"

using namespace cms::services;
using nlohmann::json;

namespace {

struct calculation_router_fixture : cms::testing::service_fixture {
    api_router router;
    calculation_router_fixture() {
        add_case_routes(router, cases);
        add_calculation_routes(router, cases);
    }

    api_response call(const std::string& method, const std::string& target, const std::string& body = "",
                      std::optional<std::string> key = std::nullopt) {
        std::promise<api_response> answered;
        auto future = answered.get_future();
        router.handle(api_request{method, target, "application/json", std::move(key), body, std::nullopt},
                      [&answered](api_response response) { answered.set_value(std::move(response)); });
        return future.get();
    }
};

/// The second worked example of core/calculation/README.md: £500 a week, 2 children, 1 relevant other child.
json worked_example() {
    return {{"date", "2025-01-15"},
            {"paying_parent",
             {{"gross_weekly_income_pence", 50'000}, {"benefit", "none"}, {"nil_rate_reason", nullptr},
              {"relevant_other_children", 1}, {"other_supported_children", 0}}},
            {"qualifying_children",
             {{{"id", "c1"}, {"receiving_parent", "rp"}, {"shared_care_nights", 0}},
              {{"id", "c2"}, {"receiving_parent", "rp"}, {"shared_care_nights", 0}}}}};
}

}  // namespace

TEST_CASE("POST /v1/calculations answers a what-if question without a key and writes nothing") {
    calculation_router_fixture fixture;
    const int journal_before = fixture.count("command_journal");
    const auto answer = fixture.call("POST", "/v1/calculations", worked_example().dump());
    REQUIRE(answer.status == 200);
    CHECK(answer.content_type == "application/json");
    const json body = json::parse(answer.body);
    // 16% x (£500 - 11% = £445) = £71.20, £35.60 a child.
    CHECK(body["rate"] == "basic");
    CHECK(body["weekly_amount_pence"] == 7'120);
    CHECK(body["children"][1] == json{{"id", "c2"}, {"weekly_amount_pence", 3'560}});
    CHECK_FALSE(body["steps"].empty());
    CHECK(fixture.count("command_journal") == journal_before);

    json bad = worked_example();
    bad["paying_parent"]["benefit"] = "lottery";
    const auto refused = fixture.call("POST", "/v1/calculations", bad.dump());
    CHECK(refused.status == 400);
    CHECK(refused.content_type == "application/problem+json");
    CHECK(json::parse(refused.body)["field"] == "paying_parent.benefit");

    json no_policy = worked_example();
    no_policy["date"] = "2013-01-01";   // before the first rates row (2013-11-25)
    CHECK(json::parse(fixture.call("POST", "/v1/calculations", no_policy.dump()).body)["field"] == "date");
    CHECK(json::parse(fixture.call("POST", "/v1/calculations", "{\"date\": ").body)["field"] == "body");
}

TEST_CASE("a case's income change and calculation history over HTTP") {
    calculation_router_fixture fixture;
    const std::string case_path = "/v1/cases/" + std::to_string(fixture.open_family());
    const json change = {{"effective_date", "2025-02-01"}, {"gross_weekly_income_pence", 20'000}};
    CHECK(fixture.call("POST", case_path + "/income", change.dump()).status == 400);   // no key
    const auto accepted = fixture.call("POST", case_path + "/income", change.dump(), std::string("inc-1"));
    REQUIRE(accepted.status == 201);
    CHECK(json::parse(accepted.body)["weekly_amount_pence"] == 3'200);

    const auto care = fixture.call("POST", case_path + "/shared-care",
                                   json{{"effective_date", "2025-03-01"},
                                        {"children", {{{"child_number", 1}, {"shared_care_nights", 10}}}}}
                                       .dump(),
                                   std::string("care-1"));
    CHECK(care.status == 200);   // 0 -> 10 nights: still below the first band (52)

    const auto history = fixture.call("GET", case_path + "/calculation");
    REQUIRE(history.status == 200);
    const json view = json::parse(history.body);
    REQUIRE(view["history"].size() == 2);
    CHECK(view["history"][0]["weekly_amount_pence"] == 1'950);
    CHECK(view["history"][1]["weekly_amount_pence"] == 3'200);
    CHECK(fixture.call("GET", "/v1/cases/999/calculation").status == 404);
}
