// Over HTTP with the real server: user administration by the admin role (the token shown once
// and stored nowhere), four-eyes approval of a write-off with the roles from real tokens, the
// analyst's caseload report, and the WWW-Authenticate header on 401.
#include <doctest/doctest.h>


#include "services/http/http_client.hpp"
#include "server_process.hpp"
#include "support/database_probe.hpp"
#include "support/test_support.hpp"

using cms::services::http_client;
using cms::testing::server_process;
using nlohmann::json;

namespace {

std::map<std::string, std::string> key(const std::string& value) { return {{"Idempotency-Key", value}}; }

/// True when `needle` appears in any text column of the journal or its outcomes.
bool journal_mentions(const std::string& path, const std::string& needle) {
    return cms::testing::sql_integer(path,
                                     "SELECT COUNT(*) FROM command_journal j LEFT JOIN command_outcomes o"
                                     " ON o.command_id = j.id WHERE instr(j.request_json, ?1) > 0"
                                     " OR instr(o.response_json, ?1) > 0",
                                     {needle}) > 0;
}

}  // namespace

TEST_CASE("an admin adds and revokes users over HTTP; the token is shown once and stored nowhere") {
    cms::testing::temporary_directory directory;
    const std::string database = directory.file("cms.db");
    server_process server(database, {"--business-date", "2025-01-10"}, directory.file("server.log"));
    http_client admin(server.port(), server.token("admin"));
    http_client caseworker(server.port(), server.token("caseworker"));

    const auto unauthenticated = http_client(server.port()).get("/v1/users");
    CHECK(unauthenticated.status == 401);
    CHECK(unauthenticated.www_authenticate == "Bearer realm=\"cms\"");
    CHECK(caseworker.post("/v1/users", json{{"name", "kim"}, {"role", "supervisor"}}.dump(), key("u-0")).status == 403);
    CHECK(admin.post("/v1/users", json{{"name", "kim"}, {"role", "root"}}.dump(), key("u-1")).status == 400);
    CHECK(admin.post("/v1/users", json{{"name", "a b"}, {"role", "analyst"}}.dump(), key("u-2")).status == 400);

    const auto added = admin.post("/v1/users", json{{"name", "kim"}, {"role", "supervisor"}}.dump(), key("u-3"));
    REQUIRE(added.status == 201);
    const std::string token = added.json()["token"];
    CHECK(token.rfind("cms_", 0) == 0);
    CHECK_FALSE(journal_mentions(database, token));
    // The same key again answers the same user, without the token.
    const auto repeated = admin.post("/v1/users", json{{"name", "kim"}, {"role", "supervisor"}}.dump(), key("u-3"));
    CHECK(repeated.status == 201);
    CHECK_FALSE(repeated.json().contains("token"));
    CHECK(admin.post("/v1/users", json{{"name", "kim"}, {"role", "analyst"}}.dump(), key("u-4")).status == 409);

    http_client kim(server.port(), token);
    CHECK(kim.get("/v1/approvals").status == 200);
    const auto listed = admin.get("/v1/users");
    REQUIRE(listed.status == 200);
    CHECK(listed.body.find("sha256") == std::string::npos);
    const std::int64_t kim_id = added.json()["id"];
    const json users = listed.json();
    const std::int64_t admin_id = [&] {
        for (const auto& user : users["users"]) {
            if (user["role"] == "admin") return user["id"].get<std::int64_t>();
        }
        return std::int64_t{0};
    }();
    CHECK(admin.post("/v1/users/" + std::to_string(admin_id) + "/revoke", "{}", key("r-0")).status == 409);
    const auto revoked = admin.post("/v1/users/" + std::to_string(kim_id) + "/revoke", "{}", key("r-1"));
    REQUIRE(revoked.status == 200);
    CHECK(revoked.json()["revoked_at_utc"].is_string());
    CHECK(kim.get("/v1/approvals").status == 401);
}

TEST_CASE("a write-off over HTTP: asked by a caseworker, refused to its own asker, approved by a supervisor") {
    cms::testing::temporary_directory directory;
    const std::string database = directory.file("cms.db");
    server_process server(database, {"--business-date", "2025-01-10", "--demo-caseload"}, directory.file("server.log"));
    http_client caseworker(server.port(), server.token("caseworker"));
    http_client supervisor(server.port(), server.token("supervisor"));
    http_client batch(server.port(), server.token("batch"));
    http_client analyst(server.port(), server.token("analyst"));

    REQUIRE(batch.post("/v1/clock", json{{"business_date", "2025-03-01"}}.dump(), {{"Idempotency-Key", "clock-1"}}).status == 200);
    cms::services::http_reply job;
    cms::testing::eventually([&] {  // a scheduled run may hold the slot (409) and post the months itself
        job = batch.post("/v1/jobs", json{{"kind", "accrue"}, {"through", "2025-02-28"}}.dump(), {{"Idempotency-Key", "job-2"}});
        return job.status != 409;
    });
    REQUIRE(job.status == 202);
    // Wait for the job to finish, not for the first posting: January's accrual (and its credit
    // application) lands a chunk before February's, and the arrears a write-off may settle need
    // both months charged.
    const std::string job_path = "/v1/jobs/" + std::to_string(job.json()["id"].get<std::int64_t>());
    REQUIRE(cms::testing::eventually([&] { return batch.get(job_path).json()["status"] != "running"; }));
    REQUIRE(batch.get(job_path).json()["status"] == "succeeded");

    const json write_off = {{"amount_pence", 5'000}, {"reason", "receiving_parent_asked_to_stop"}};
    CHECK(analyst.post("/v1/cases/1/write-offs", write_off.dump(), key("w-0")).status == 403);
    const auto asked = caseworker.post("/v1/cases/1/write-offs", write_off.dump(), key("w-1"));
    REQUIRE(asked.status == 201);
    const std::string decide = "/v1/approvals/" + std::to_string(asked.json()["id"].get<std::int64_t>());
    CHECK(caseworker.get("/v1/approvals").status == 403);  // deciding is the supervisor's
    CHECK(caseworker.post(decide + "/approve", json{{"note", "ok"}}.dump(), key("a-0")).status == 403);
    const auto pending = supervisor.get("/v1/approvals?status=pending");
    REQUIRE(pending.status == 200);
    CHECK(pending.json()["requests"].size() == 1);
    CHECK(supervisor.post(decide + "/approve", json{{"note", "ok"}}.dump(), key("a-1")).status == 409);  // window

    // The supervisor's own request cannot be decided by that supervisor.
    const auto own = supervisor.post("/v1/cases/1/write-offs", write_off.dump(), key("w-2"));
    REQUIRE(own.status == 201);
    const auto self = supervisor.post("/v1/approvals/" + std::to_string(own.json()["id"].get<std::int64_t>()) + "/reject",
                                      json{{"note", "mine"}}.dump(), key("a-2"));
    CHECK(self.status == 403);
    CHECK(self.json()["type"] == "urn:cms:problem:four-eyes");

    REQUIRE(batch.post("/v1/clock", json{{"business_date", "2025-03-31"}}.dump(), {{"Idempotency-Key", "clock-3"}}).status == 200);
    const auto approved = supervisor.post(decide + "/approve", json{{"note", "letter on file"}}.dump(), key("a-3"));
    REQUIRE(approved.status == 200);
    CHECK(approved.json()["decision"]["written_off_pence"] == 5'000);

    const auto report = analyst.get("/v1/reports/caseload");
    REQUIRE(report.status == 200);
    CHECK(report.json()["arrears_requests"]["approved"] == 1);
    CHECK(report.json()["arrears_requests"]["pending"] == 1);
    CHECK(report.json()["arrears_requests"]["written_off_pence"] == 5'000);
    CHECK(report.json()["last_accrued_period"] == "2025-02");
    CHECK(report.body.find("full_name") == std::string::npos);  // aggregates only
    CHECK(caseworker.get("/v1/reports/caseload").status == 403);
}
