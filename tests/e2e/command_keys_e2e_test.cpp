// Idempotency keys against the real server: a key is its user's own, and moving the simulated
// clock or starting a job is a command like any other (a key, the journal, the audit trail),
// so a repeat neither moves the clock again nor starts a second job.
#include <doctest/doctest.h>

#include <string>

#include "services/http/http_client.hpp"
#include "server_process.hpp"
#include "support/test_support.hpp"

using cms::services::http_client;
using cms::testing::server_process;
using nlohmann::json;

namespace {

const json parent = {{"role", "paying"},
                     {"full_name", "Alex Payer"},
                     {"date_of_birth", "1984-03-02"},
                     {"local_authority_code", "E07000052"}};

std::map<std::string, std::string> key(const std::string& value) { return {{"Idempotency-Key", value}}; }

/// The journal entries of `command_type`, oldest first, as the auditor reads them.
json audit_entries_of(http_client& auditor, const std::string& command_type) {
    json found = json::array();
    const json page = auditor.get("/v1/audit?limit=500").json();  // kept: the loop reads into it
    for (const auto& entry : page["entries"]) {
        if (entry["command_type"] == command_type) found.push_back(entry);
    }
    return found;
}

}  // namespace

TEST_CASE("an idempotency key is its user's own: another user reusing it gets a 409, never the first result") {
    cms::testing::temporary_directory directory;
    server_process server(directory.file("cms.db"), {}, directory.file("server.log"));
    http_client caseworker(server.port(), server.token("caseworker"));
    http_client supervisor(server.port(), server.token("supervisor"));

    const auto first = caseworker.post("/v1/parents", parent.dump(), key("shared-key"));
    REQUIRE(first.status == 201);
    const auto reused = supervisor.post("/v1/parents", parent.dump(), key("shared-key"));
    CHECK(reused.status == 409);
    CHECK(reused.json()["field"] == "Idempotency-Key");
    CHECK(reused.body.find("Alex Payer") == std::string::npos);
    CHECK(reused.body.find("register_parent") == std::string::npos);
    // The key's owner still gets the recorded answer; the other user's own key works.
    const auto repeated = caseworker.post("/v1/parents", parent.dump(), key("shared-key"));
    CHECK(repeated.status == 201);
    CHECK(repeated.json()["id"] == first.json()["id"]);
    CHECK(supervisor.post("/v1/parents", parent.dump(), key("supervisor-key")).status == 201);
}

TEST_CASE("moving the clock and starting a job take a key, are journaled, and are never done twice for one key") {
    cms::testing::temporary_directory directory;
    server_process server(directory.file("cms.db"), {"--business-date", "2025-01-10", "--scheduler-interval-seconds", "0"},
                          directory.file("server.log"));
    http_client batch(server.port(), server.token("batch"));
    http_client auditor(server.port(), server.token("auditor"));
    const auto business_date = [&] { return batch.get("/health").json()["business_date"].get<std::string>(); };

    const json to_february = {{"business_date", "2025-02-01"}};
    CHECK(batch.post("/v1/clock", to_february.dump()).json()["field"] == "Idempotency-Key");
    CHECK(business_date() == "2025-01-10");
    REQUIRE(batch.post("/v1/clock", to_february.dump(), key("clock-1")).status == 200);
    REQUIRE(batch.post("/v1/clock", json{{"business_date", "2025-03-01"}}.dump(), key("clock-2")).status == 200);
    // A repeat answers what it answered, and does not take the clock back to February.
    const auto repeated = batch.post("/v1/clock", to_february.dump(), key("clock-1"));
    CHECK(repeated.status == 200);
    CHECK(repeated.json()["business_date"] == "2025-02-01");
    CHECK(business_date() == "2025-03-01");
    // The same key with another date is a conflict and moves nothing.
    const auto conflicting = batch.post("/v1/clock", json{{"business_date", "2025-04-01"}}.dump(), key("clock-1"));
    CHECK(conflicting.status == 409);
    CHECK(conflicting.json()["field"] == "business_date");
    CHECK(business_date() == "2025-03-01");

    const json accrue = {{"kind", "accrue"}, {"through", "2025-02-28"}};
    CHECK(batch.post("/v1/jobs", accrue.dump()).json()["field"] == "Idempotency-Key");
    const auto started = batch.post("/v1/jobs", accrue.dump(), key("job-1"));
    REQUIRE(started.status == 202);
    const auto job_id = started.json()["id"].get<std::int64_t>();
    // Repeated while the job may still run, and after: the same job, never a second.
    CHECK(batch.post("/v1/jobs", accrue.dump(), key("job-1")).json()["id"] == job_id);
    REQUIRE(cms::testing::eventually(
        [&] { return batch.get("/v1/jobs/" + std::to_string(job_id)).json()["status"] != "running"; }));
    CHECK(batch.post("/v1/jobs", accrue.dump(), key("job-1")).json()["id"] == job_id);
    CHECK(batch.get("/v1/jobs/" + std::to_string(job_id + 1)).status == 404);
    CHECK(batch.post("/v1/jobs", json{{"kind", "accrue"}, {"through", "2025-01-31"}}.dump(), key("job-1")).status == 409);

    // Who moved the clock and who ran which job, with what arguments.
    const json moves = audit_entries_of(auditor, "set_business_date");
    REQUIRE(moves.size() == 2);
    CHECK(moves[0]["actor"] == "demo-batch");
    CHECK(moves[0]["request"]["business_date"] == "2025-02-01");
    CHECK(moves[0]["business_date"] == "2025-01-10");  // the date it was moved from
    CHECK(moves[1]["request"]["business_date"] == "2025-03-01");
    const json jobs = audit_entries_of(auditor, "start_job");
    REQUIRE(jobs.size() == 1);
    CHECK(jobs[0]["actor"] == "demo-batch");
    CHECK(jobs[0]["request"] == accrue);
    CHECK(jobs[0]["outcome"]["body"]["id"] == job_id);
}
