#include <doctest/doctest.h>

#include "services/http/api_router.hpp"
#include "services/http/case_routes.hpp"
#include "services/wire/json_fields.hpp"
#include "support/service_fixture.hpp"

using namespace cms::services;

namespace {

struct router_fixture : cms::testing::service_fixture {
    api_router router;
    router_fixture() {
        add_health_route(router, clock);
        add_case_routes(router, cases);
        router.add({"GET", "/v1/pages", access_family::case_read,
                    [](const api_request&, const route_context& route, const response_callback& respond) {
                        respond(json_answer(200, {{"limit", query_integer(route.query, "limit", 1, 10, 5)}}));
                    },
                    {"limit", "after_id"}});
    }

    api_response call(const std::string& method, const std::string& target, const std::string& body = "",
                      std::optional<std::string> key = std::nullopt,
                      const std::string& content_type = "application/json",
                      std::optional<std::string> authorization = std::nullopt) {
        std::promise<api_response> answered;
        auto future = answered.get_future();
        router.handle(api_request{method, target, content_type, std::move(key), body, std::move(authorization)},
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


TEST_CASE("an id written other than canonically names no resource: 404") {
    router_fixture fixture;
    const auto case_number = fixture.open_family();
    const std::string id = std::to_string(case_number);
    CHECK(fixture.call("GET", "/v1/cases/" + id).status == 200);
    CHECK(fixture.call("GET", "/v1/cases/0" + id).status == 404);
    CHECK(fixture.call("GET", "/v1/cases/+" + id).status == 404);
    CHECK(fixture.call("GET", "/v1/cases/00").status == 404);
    CHECK(fixture.call("GET", "/v1/cases/" + id + "0").status == 404);  // another id, no such case
}

TEST_CASE("a 405 lists the path's methods in Allow") {
    router_fixture fixture;
    const auto wrong = fixture.call("DELETE", "/v1/cases/1");
    CHECK(wrong.status == 405);
    CHECK(wrong.allow == "GET");
    CHECK(fixture.call("GET", "/v1/cases").allow == "POST");
    CHECK(fixture.call("POST", "/health").allow == "GET");
    CHECK(fixture.call("GET", "/health").allow.empty());
}

TEST_CASE("a query parameter the route does not read, or one given twice, is a 400 naming it") {
    router_fixture fixture;
    CHECK(fixture.call("GET", "/v1/pages?limit=2&after_id=1").status == 200);
    const auto misspelt = fixture.call("GET", "/v1/pages?limt=2");
    CHECK(misspelt.status == 400);
    CHECK(problem(misspelt)["field"] == "limt");
    CHECK(problem(misspelt)["detail"] == "limt is not a parameter of this resource");
    const auto twice = fixture.call("GET", "/v1/pages?limit=2&limit=3");
    CHECK(twice.status == 400);
    CHECK(problem(twice)["field"] == "limit");
    const auto none_taken = fixture.call("GET", "/health?verbose=1");
    CHECK(none_taken.status == 400);
    CHECK(problem(none_taken)["field"] == "verbose");
    CHECK(fixture.call("GET", "/health?").status == 200);  // an empty query names nothing
}

TEST_CASE("as_of defaults to the business date and may not be after it") {
    const auto today = *cms::core::parse_iso_date("2025-03-01");
    CHECK(query_as_of("", today) == today);
    CHECK(query_as_of("as_of=2025-02-28", today) == *cms::core::parse_iso_date("2025-02-28"));
    CHECK(query_as_of("as_of=2025-03-01", today) == today);
    CHECK_THROWS_WITH_AS(query_as_of("as_of=2025-03-02", today),
                         "must not be after the business date 2025-03-01", field_error);
}

TEST_CASE("a header value with bytes outside printable ASCII is a 400 naming the header, on any route") {
    router_fixture fixture;
    const auto case_number = fixture.open_family();
    const std::string target = "/v1/cases/" + std::to_string(case_number) + "/payments";
    const std::string body = cms::testing::payment_body(100).dump();
    const auto key = fixture.call("POST", target, body, std::string("a\xff" "b"));
    CHECK(key.status == 400);
    CHECK(key.content_type == "application/problem+json");
    CHECK(problem(key)["field"] == "Idempotency-Key");
    CHECK(fixture.call("GET", "/health", "", std::string("\xff")).status == 400);  // even where unused
    const auto token = fixture.call("GET", "/health", "", std::nullopt, "application/json", std::string("Bearer \xff\xfe"));
    CHECK(token.status == 400);
    CHECK(problem(token)["field"] == "Authorization");
    CHECK(fixture.count("payments") == 0);
}

TEST_CASE("a body that repeats a key is a 400 naming the key, and writes nothing") {
    router_fixture fixture;
    const auto case_number = fixture.open_family();
    const std::string target = "/v1/cases/" + std::to_string(case_number) + "/payments";
    std::string body = cms::testing::payment_body(100).dump();
    body.insert(1, "\"amount_pence\":100000,");
    const auto repeated = fixture.call("POST", target, body, std::string("k1"));
    CHECK(repeated.status == 400);
    CHECK(problem(repeated)["field"] == "amount_pence");
    CHECK(problem(repeated)["detail"] == "amount_pence appears more than once in the same object");
    CHECK(fixture.count("payments") == 0);
}
