// Services answer in their own terms: a typed command in, an answer or a named refusal out, with
// no status code or JSON document in sight (services/commands/command_outcome.hpp). These look at
// the outcome itself; the other services tests look at it as the API renders it.
#include <doctest/doctest.h>

#include <future>

#include "services/wire/command_parsing.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

services::command_outcome pay(testing::service_fixture& fixture, const std::string& key, std::int64_t case_number,
                              std::int64_t amount_pence) {
    std::promise<services::command_outcome> answered;
    auto future = answered.get_future();
    fixture.cases.record_payment(
        services::parse_record_payment(testing::payment_body(amount_pence), core::case_id{case_number},
                                       fixture.cases.limits()),
        {key, "tester"}, [&answered](services::command_outcome outcome) { answered.set_value(std::move(outcome)); });
    return future.get();
}

}  // namespace

TEST_CASE("a refused command names its kind and field, and an accepted one is created with its body") {
    testing::service_fixture fixture;
    const auto case_number = fixture.open_family();

    const auto missing_case = pay(fixture, "pay-missing", case_number + 1, 1950);
    const services::refusal* refused = services::refusal_of(missing_case);
    REQUIRE(refused != nullptr);
    CHECK(refused->kind == services::refusal_kind::not_found);
    CHECK(refused->field == "case_id");

    const auto accepted = pay(fixture, "pay-1", case_number, 1950);
    REQUIRE(services::refusal_of(accepted) == nullptr);
    const auto& created = std::get<services::answer>(accepted);
    CHECK(created.kind == services::answer_kind::created);
    CHECK(nlohmann::json::parse(created.body_json)["amount_pence"] == 1950);

    // A repeat is answered with the very bytes first answered; other values are key_reused.
    const auto repeated = pay(fixture, "pay-1", case_number, 1950);
    REQUIRE(services::refusal_of(repeated) == nullptr);
    CHECK(std::get<services::answer>(repeated).body_json == created.body_json);
    const auto changed = pay(fixture, "pay-1", case_number, 2000);
    REQUIRE(services::refusal_of(changed) != nullptr);
    CHECK(services::refusal_of(changed)->kind == services::refusal_kind::key_reused);
    CHECK(services::refusal_of(changed)->field == "amount_pence");
}

TEST_CASE("a read of a record that does not exist is a not_found refusal on its id") {
    testing::service_fixture fixture;
    const auto parent = fixture.cases.get_parent(core::parent_id{42});
    REQUIRE(std::holds_alternative<services::refusal>(parent));
    CHECK(std::get<services::refusal>(parent).kind == services::refusal_kind::not_found);
    CHECK(std::get<services::refusal>(parent).field == "parent_id");
}

TEST_CASE("the API maps every refusal kind to one status") {
    using services::refusal_kind;
    const std::pair<refusal_kind, int> expected[] = {
        {refusal_kind::invalid_request, 400}, {refusal_kind::invalid_field, 422},
        {refusal_kind::not_found, 404},       {refusal_kind::conflicting_state, 409},
        {refusal_kind::key_reused, 409},      {refusal_kind::job_running, 409},
        {refusal_kind::real_clock, 409},      {refusal_kind::clock_backwards, 422},
        {refusal_kind::four_eyes, 403},       {refusal_kind::role_may_not_decide, 403},
        {refusal_kind::overloaded, 503},      {refusal_kind::job_not_started, 503},
        {refusal_kind::internal, 500}};
    // No structured binding: clang 14 cannot capture one in doctest's CAPTURE.
    for (const auto& pair : expected) {
        const int status = pair.second;
        const auto response = services::to_api_response(services::refusal{pair.first, "x is wrong", "x"});
        CAPTURE(status);
        CHECK(response.status == status);
        CHECK(response.content_type == "application/problem+json");
        const auto body = nlohmann::json::parse(response.body);
        CHECK(body["status"] == status);
        CHECK(body["field"] == "x");
    }
}
