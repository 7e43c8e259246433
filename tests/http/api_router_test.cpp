#include <doctest/doctest.h>

#include "services/http/api_router.hpp"
#include "services/http/case_routes.hpp"
#include "support/service_fixture.hpp"

using namespace cms::services;

namespace {

struct router_fixture : cms::testing::service_fixture {
    api_router router;
    router_fixture() {
        add_health_route(router, clock);
        add_case_routes(router, cases);
    }

    api_response call(const std::string& method, const std::string& target, const std::string& body = "",
                      std::optional<std::string> key = std::nullopt,
                      const std::string& content_type = "application/json") {
        std::promise<api_response> answered;
        auto future = answered.get_future();
        router.handle(api_request{method, target, content_type, std::move(key), body, std::nullopt},
                      [&answered](api_response response) { answered.set_value(std::move(response)); });
        return future.get();
    }
};

nlohmann::json problem(const api_response& response) { return nlohmann::json::parse(response.body); }

}  // namespace

TEST_CASE("commands need JSON and an Idempotency-Key; refusals are problem+json naming it") {
    router_fixture fixture;
    const auto case_number = fixture.open_family();
    const std::string target = "/v1/cases/" + std::to_string(case_number) + "/payments";
    const std::string body = cms::testing::payment_body(100).dump();

    const auto no_key = fixture.call("POST", target, body);
    CHECK(no_key.status == 400);
    CHECK(no_key.content_type == "application/problem+json");
    CHECK(problem(no_key)["field"] == "Idempotency-Key");

    const auto bad_key = fixture.call("POST", target, body, std::string("has space"));
    CHECK(bad_key.status == 400);

    const auto not_json = fixture.call("POST", target, body, std::string("k"), "text/plain");
    CHECK(not_json.status == 415);

    const auto accepted = fixture.call("POST", target, body, std::string("k"));
    CHECK(accepted.status == 201);
    CHECK(accepted.content_type == "application/json");
    CHECK(fixture.count("payments") == 1);
}

TEST_CASE("unknown resources, bad ids and wrong methods are 404 and 405") {
    router_fixture fixture;
    CHECK(fixture.call("GET", "/health").status == 200);
    CHECK(fixture.call("GET", "/nothing-here").status == 404);
    CHECK(fixture.call("GET", "/v1/cases/abc").status == 404);
    CHECK(fixture.call("GET", "/v1/cases/0").status == 404);
    CHECK(fixture.call("GET", "/v1/cases/-1").status == 404);
    CHECK(fixture.call("GET", "/v1/cases/99999999999999999999").status == 404);
    CHECK(fixture.call("DELETE", "/v1/cases/1").status == 405);
    CHECK(fixture.call("GET", "/v1/cases").status == 405);
    CHECK(fixture.call("POST", "/health").status == 405);
}

TEST_CASE("malformed and mistyped bodies are 400 naming the field, and write nothing") {
    router_fixture fixture;
    const auto case_number = fixture.open_family();
    const std::string target = "/v1/cases/" + std::to_string(case_number) + "/payments";
    const auto malformed = fixture.call("POST", target, "{\"amount_pence\":", std::string("k1"));
    CHECK(malformed.status == 400);
    CHECK(problem(malformed)["field"] == "body");
    auto unknown_field = cms::testing::payment_body(100);
    unknown_field["note"] = "hello";
    const auto unknown = fixture.call("POST", target, unknown_field.dump(), std::string("k2"));
    CHECK(unknown.status == 400);
    CHECK(problem(unknown)["field"] == "note");
    CHECK(fixture.count("payments") == 0);
}
