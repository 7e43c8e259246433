// schemas/openapi.json is the API's contract for other programs. It is written by hand, so this
// test keeps it true: the document and the server's route table list exactly the same operations,
// each with the same access family, and every command route documents its Idempotency-Key.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "services/http/api_routes.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/policy/enforcement_policy_loader.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

nlohmann::json read_openapi() {
    std::ifstream file(std::string(CMS_SOURCE_DIR) + "/schemas/openapi.json");
    REQUIRE(file.good());
    return nlohmann::json::parse(std::string(std::istreambuf_iterator<char>(file), {}));
}

std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return text;
}

/// "post /v1/cases/{id}/payments" -> its route, from the server's own route table.
std::map<std::string, services::route> served_routes() {
    testing::service_fixture fixture;
    const services::batch_job_lock jobs_lock(fixture.path);
    services::job_runner jobs(jobs_lock, services::writer_transactions(fixture.writer), fixture.store.get(),
                              services::load_collection_fees(std::nullopt));
    services::api_router router;
    const services::api_routes routes(router, {fixture.writer, fixture.readers, fixture.clock, &fixture.clock,
                                               fixture.cases, jobs, services::load_collection_fees(std::nullopt),
                                               services::load_arrears_ageing(std::nullopt),
                                               services::load_enforcement_ladder(std::nullopt),
                                               services::load_missed_payment_policy(std::nullopt),
                                               services::load_penalty_rules(std::nullopt)});
    std::map<std::string, services::route> operations;
    for (const auto& entry : router.routes()) operations[lower(entry.method) + " " + entry.pattern] = entry;
    return operations;
}

/// "post /v1/cases/{id}/payments" -> access family name.
std::map<std::string, std::string> served_operations() {
    std::map<std::string, std::string> operations;
    for (const auto& [name, entry] : served_routes()) {
        operations[name] = std::string(core::access_family_name(entry.family));
    }
    return operations;
}

}  // namespace

TEST_CASE("the OpenAPI document lists exactly the served operations, each with its access family") {
    const nlohmann::json document = read_openapi();
    CHECK(document["openapi"] == "3.0.3");
    std::map<std::string, std::string> documented;
    for (const auto& [path, methods] : document["paths"].items()) {
        for (const auto& [method, operation] : methods.items()) {
            const std::string where = method + " " + path;  // clang 14 cannot capture a binding in a doctest macro
            REQUIRE_MESSAGE(operation.contains("x-access-family"), where);
            documented[method + " " + path] = operation["x-access-family"].get<std::string>();
        }
    }
    const auto served = served_operations();
    CHECK(served.size() >= 25);
    for (const auto& [operation, family] : served) {
        const std::string& name = operation;  // clang 14 cannot capture a binding in INFO
        INFO(name);
        REQUIRE(documented.count(operation) == 1);
        CHECK(documented.at(operation) == family);
    }
    for (const auto& [operation, family] : documented) {
        const std::string& name = operation;
        INFO(name);
        CHECK(served.count(operation) == 1);
    }
}

TEST_CASE("every documented operation that takes an Idempotency-Key is a POST, and public ones need no token") {
    const nlohmann::json document = read_openapi();
    for (const auto& [path, methods] : document["paths"].items()) {
        for (const auto& [method, operation] : methods.items()) {
            const std::string where = method + " " + path;  // clang 14 cannot capture a binding in INFO
            INFO(where);
            bool takes_key = false;
            for (const auto& parameter : operation.value("parameters", nlohmann::json::array())) {
                if (parameter.value("$ref", "") == "#/components/parameters/IdempotencyKey") takes_key = true;
            }
            if (takes_key) CHECK(method == "post");
            const bool is_public = operation["x-access-family"] == "public_health";
            CHECK(is_public == (operation.contains("security") && operation["security"].empty()));
            CHECK(is_public != operation["responses"].contains("401"));
        }
    }
}

TEST_CASE("every route takes exactly the query parameters its operation documents (others are a 400)") {
    const nlohmann::json document = read_openapi();
    for (const auto& [operation, entry] : served_routes()) {
        const std::string& name = operation;  // clang 14 cannot capture a binding in INFO
        INFO(name);
        const auto space = operation.find(' ');
        const nlohmann::json& documented = document["paths"][operation.substr(space + 1)][operation.substr(0, space)];
        std::set<std::string> documented_names;
        for (const auto& parameter : documented.value("parameters", nlohmann::json::array())) {
            if (parameter.value("in", "") == "query") documented_names.insert(parameter["name"].get<std::string>());
        }
        CHECK(std::set<std::string>(entry.query_parameters.begin(), entry.query_parameters.end()) == documented_names);
    }
}
