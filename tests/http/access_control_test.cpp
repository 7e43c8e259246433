// The access check wired as the server wires it: bearer token -> user -> role -> family.
// Method: real users in the database, the real routes plus one probe route per access family
// (some families have no endpoint yet), and every role against every family.
#include <doctest/doctest.h>

#include <map>

#include "persistence/unit_of_work.hpp"
#include "services/http/access_control.hpp"
#include "services/http/api_router.hpp"
#include "services/http/audit_routes.hpp"
#include "services/http/case_routes.hpp"
#include "services/access/token.hpp"
#include "support/service_fixture.hpp"

using namespace cms::services;
using cms::core::access_family;
using cms::core::role;

namespace {

struct access_fixture : cms::testing::service_fixture {
    api_router router;
    access_control control{readers};
    std::map<role, std::string> tokens;

    access_fixture() {
        use_access_control(router, control);
        add_health_route(router, clock);
        add_case_routes(router, cases);
        add_audit_routes(router, readers);
        for (const access_family family : cms::core::all_access_families) {
            router.add({"GET", "/probe/" + std::string(cms::core::access_family_name(family)), family,
                        [](const api_request&, const route_context& context, const response_callback& respond) {
                            respond(api_response{200, "application/json", nlohmann::json{{"actor", context.actor}}.dump()});
                        }});
        }
        writer.execute([this](cms::persistence::unit_of_work& work) {
            for (const role held : cms::core::all_roles) {
                tokens[held] = generate_token();
                work.users().insert_user("user-" + std::string(cms::core::role_name(held)), held,
                                         sha256_hex(tokens[held]));
            }
        });
    }

    api_response call(const std::string& method, const std::string& target, std::optional<std::string> authorization,
                      const std::string& body = "", std::optional<std::string> key = std::nullopt) {
        std::promise<api_response> answered;
        auto future = answered.get_future();
        router.handle(api_request{method, target, "application/json", std::move(key), body, std::move(authorization)},
                      [&answered](api_response response) { answered.set_value(std::move(response)); });
        return future.get();
    }
    api_response as(role held, const std::string& method, const std::string& target, const std::string& body = "",
                    std::optional<std::string> key = std::nullopt) {
        return call(method, target, "Bearer " + tokens.at(held), body, std::move(key));
    }
};

const nlohmann::json parent_body = {{"role", "paying"},
                                    {"full_name", "A Payer"},
                                    {"date_of_birth", "1985-01-01"},
                                    {"local_authority_code", "E06000059"}};

}  // namespace

TEST_CASE("every role against every access family: allowed is 200 with the user as actor, else 403") {
    access_fixture fixture;
    for (const role held : cms::core::all_roles) {
        for (const access_family family : cms::core::all_access_families) {
            const std::string family_name(cms::core::access_family_name(family));
            INFO(cms::core::role_name(held), " -> ", family_name);
            const auto answer = fixture.as(held, "GET", "/probe/" + family_name);
            if (cms::core::role_may_use(held, family)) {
                CHECK(answer.status == 200);
                const auto actor = nlohmann::json::parse(answer.body)["actor"];
                if (family != access_family::public_health) {
                    CHECK(actor == "user-" + std::string(cms::core::role_name(held)));
                }
            } else {
                CHECK(answer.status == 403);
                CHECK(answer.content_type == "application/problem+json");
            }
        }
    }
}

TEST_CASE("the real endpoint families: who may read cases, write parents, record payments, read the audit") {
    access_fixture fixture;
    const auto case_number = std::to_string(fixture.open_family());
    struct endpoint {
        std::string method;
        std::string target;
        access_family family;
    };
    const endpoint endpoints[] = {{"GET", "/health", access_family::public_health},
                                  {"GET", "/v1/cases/" + case_number, access_family::case_read},
                                  {"GET", "/v1/parents/1", access_family::case_read},
                                  {"POST", "/v1/parents", access_family::case_write},
                                  {"POST", "/v1/cases/" + case_number + "/payments", access_family::payment_write},
                                  {"GET", "/v1/audit", access_family::audit_read}};
    int key_number = 0;
    for (const role held : cms::core::all_roles) {
        for (const auto& point : endpoints) {
            INFO(cms::core::role_name(held), " ", point.method, " ", point.target);
            // A body that is refused (400) by the handler when access is granted: access is decided
            // before the body is read, so 400 means "let through" and 403 means "refused".
            const auto answer = fixture.as(held, point.method, point.target, point.method == "POST" ? "{}" : "",
                                           "k" + std::to_string(++key_number));
            if (cms::core::role_may_use(held, point.family)) {
                CHECK((answer.status == 200 || answer.status == 400));
            } else {
                CHECK(answer.status == 403);
            }
        }
    }
}

TEST_CASE("missing, foreign, malformed, unknown and revoked tokens are 401 and name no secret") {
    access_fixture fixture;
    const std::string unknown = generate_token();
    const std::optional<std::string> headers[] = {std::nullopt,
                                                  "Basic dXNlcjpwYXNz",
                                                  "Bearer",
                                                  "Bearer not-a-token",
                                                  "Bearer " + unknown,
                                                  "Bearer " + fixture.tokens[role::caseworker] + "0"};
    for (const auto& header : headers) {
        INFO(header.value_or("(none)"));
        const auto answer = fixture.call("GET", "/v1/cases/1", header);
        CHECK(answer.status == 401);
        CHECK(nlohmann::json::parse(answer.body)["field"] == "Authorization");
        CHECK(answer.body.find("cms_") == std::string::npos);
    }
    // The scheme is case-insensitive; the token is not.
    CHECK(fixture.call("GET", "/probe/case_read", "bearer " + fixture.tokens[role::caseworker]).status == 200);
    fixture.writer.execute([](cms::persistence::unit_of_work& work) {
        REQUIRE(work.users().revoke_user("user-caseworker"));
    });
    CHECK(fixture.as(role::caseworker, "GET", "/probe/case_read").status == 401);
    CHECK(fixture.as(role::supervisor, "GET", "/probe/case_read").status == 200);
    // Health needs no token at all.
    CHECK(fixture.call("GET", "/health", std::nullopt).status == 200);
}

TEST_CASE("401 and 403 write nothing; an allowed command is journaled under the user's name") {
    access_fixture fixture;
    const int journal_before = fixture.count("command_journal");
    CHECK(fixture.call("POST", "/v1/parents", std::nullopt, parent_body.dump(), "k-none").status == 401);
    CHECK(fixture.call("POST", "/v1/parents", "Bearer " + generate_token(), parent_body.dump(), "k-bad").status == 401);
    for (const role held : {role::analyst, role::auditor, role::batch, role::admin}) {
        CHECK(fixture.as(held, "POST", "/v1/parents", parent_body.dump(), "k-" + std::string(cms::core::role_name(held)))
                  .status == 403);
    }
    CHECK(fixture.count("command_journal") == journal_before);
    CHECK(fixture.count("parents") == 0);
    // The refused keys stay unused: the same key from a caseworker is a fresh command.
    const auto accepted = fixture.as(role::caseworker, "POST", "/v1/parents", parent_body.dump(), "k-analyst");
    CHECK(accepted.status == 201);
    CHECK(cms::testing::sql_text(fixture.path, "SELECT actor FROM command_journal WHERE idempotency_key = 'k-analyst'") ==
          "user-caseworker");
}

TEST_CASE("a revoked token is refused on the very next request although checked tokens are remembered") {
    access_fixture fixture;
    // Checked twice: the second check is answered from memory.
    REQUIRE(fixture.as(role::caseworker, "GET", "/probe/case_read").status == 200);
    REQUIRE(fixture.as(role::caseworker, "GET", "/probe/case_read").status == 200);
    fixture.writer.execute([](cms::persistence::unit_of_work& work) { REQUIRE(work.users().revoke_user("user-caseworker")); });
    CHECK(fixture.as(role::caseworker, "GET", "/probe/case_read").status == 401);
    // Others stay in: only the memory was emptied, and they are read again.
    CHECK(fixture.as(role::auditor, "GET", "/probe/audit_read").status == 200);
}

TEST_CASE("a change committed by another process (a cms user command) empties the remembered tokens too") {
    access_fixture fixture;
    REQUIRE(fixture.as(role::auditor, "GET", "/probe/audit_read").status == 200);
    {
        // A second store and writer on the same file, as `cms user revoke` opens beside a server.
        const auto other_process_store = cms::persistence::open_sqlite_store(fixture.path);
        cms::persistence::writer other_writer{other_process_store->open_write_connection(),
                                              cms::persistence::writer_limits{}};
        other_writer.execute([](cms::persistence::unit_of_work& work) {
            REQUIRE(work.users().revoke_user("user-auditor"));
            // A role given to a remembered token's user takes effect at once as well.
            work.users().upsert_user_token("user-analyst", role::auditor, sha256_hex(generate_token()));
        });
    }
    CHECK(fixture.as(role::auditor, "GET", "/probe/audit_read").status == 401);
}

TEST_CASE("a change rolled back announces nothing wrong: the token still works") {
    access_fixture fixture;
    REQUIRE(fixture.as(role::batch, "GET", "/probe/job_run").status == 200);
    CHECK_THROWS(fixture.writer.execute([](cms::persistence::unit_of_work& work) {
        work.users().revoke_user("user-batch");
        throw std::runtime_error("refused");
    }));
    CHECK(fixture.as(role::batch, "GET", "/probe/job_run").status == 200);
}
