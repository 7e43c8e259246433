// End to end: the scheduler inside `cms serve` accrues a month once the simulated business date
// passes its end; balance, arrears and statement read it back over HTTP; jobs run on request.
#include <doctest/doctest.h>

#include "services/http/http_client.hpp"
#include "server_process.hpp"
#include "support/test_support.hpp"

using cms::services::http_client;
using cms::testing::server_process;
using nlohmann::json;

namespace {

/// Asks for `target` until `ready(body)` (the scheduler or a job has done its work), or the
/// event deadline passes; the last reply.
cms::services::http_reply poll(http_client& client, const std::string& target,
                              const std::function<bool(const json&)>& ready) {
    cms::services::http_reply reply;
    cms::testing::eventually([&] {
        reply = client.get(target);
        return reply.status == 200 && ready(reply.json());
    });
    return reply;
}

}  // namespace

TEST_CASE("the scheduler posts January once the date passes its end; balance and statement show it") {
    cms::testing::temporary_directory directory;
    server_process server(directory.file("cms.db"),
                          {"--business-date", "2025-01-10", "--demo-caseload", "--scheduler-interval-seconds", "1"},
                          directory.file("server.log"));
    http_client caseworker(server.port(), server.token("caseworker"));
    http_client batch(server.port(), server.token("batch"));

    // Demo case 1: £19.50 a week on Collect and Pay, opened 2025-01-10 with a first payment of
    // £19.50 that day. Nothing has accrued yet, so the payment waits unallocated.
    const auto before = caseworker.get("/v1/cases/1/balance");
    REQUIRE(before.status == 200);
    CHECK(before.json()["ledger_balance_pence"] == 0);

    // Only the batch role moves the clock, and only forwards.
    CHECK(caseworker.post("/v1/clock", json{{"business_date", "2025-02-01"}}.dump(), {{"Idempotency-Key", "clock-6"}}).status == 403);
    CHECK(batch.post("/v1/clock", json{{"business_date", "2025-01-01"}}.dump(), {{"Idempotency-Key", "clock-7"}}).status == 422);
    REQUIRE(batch.post("/v1/clock", json{{"business_date", "2025-02-01"}}.dump(), {{"Idempotency-Key", "clock-8"}}).status == 200);

    // January: 22 days (10th..31st) at £19.50 a week: 1950 x 22 / 7 = 6128.57 -> 6129p, and the
    // 20% collection fee 1950 x 22 x 0.2 / 7 = 1225.71 -> 1226p: 7355p charged in the ledger.
    // The accrual applies the £19.50 of credit in the same transaction: 7355 - 1950 = 5405p.
    const auto balance = poll(caseworker, "/v1/cases/1/balance?as_of=2025-01-31",
                              [](const json& body) { return body["ledger_balance_pence"] != 0; });
    REQUIRE(balance.status == 200);
    CHECK(balance.json()["ledger_balance_pence"] == 5'405);
    // The schedule's first instalment is due 2025-02-10 (a month after opening): nothing has
    // fallen due, nothing is in arrears, and no credit is left waiting.
    CHECK(balance.json()["due_pence"] == 0);
    CHECK(balance.json()["arrears"]["arrears_pence"] == 0);
    CHECK(balance.json()["arrears"]["maintenance_pence"] == 0);
    CHECK(balance.json()["arrears"]["owed_to_state_pence"] == 0);
    CHECK(balance.json()["paid_pence"] == 1'950);
    CHECK(balance.json()["credit_pence"] == 0);
    CHECK(balance.json()["next_instalment"]["due_date"] == "2025-02-10");
    CHECK(balance.json()["next_instalment"]["amount_pence"].get<std::int64_t>() > 0);

    // The same tick then pays out 31 January, the day before the business date: the £19.50
    // collected less the receiving parent's 4% (78p) goes to the receiving parent.
    const auto paid_out = poll(caseworker, "/v1/cases/1/disbursements",
                               [](const json& body) { return !body["disbursements"].empty(); });
    REQUIRE(paid_out.status == 200);
    REQUIRE(paid_out.json()["disbursements"].size() == 1);
    CHECK(paid_out.json()["disbursements"][0]["paid_on"] == "2025-01-31");
    CHECK(paid_out.json()["disbursements"][0]["paid_pence"] == 1'872);
    CHECK(paid_out.json()["disbursements"][0]["recovered_pence"] == 0);

    const auto statement = caseworker.get("/v1/cases/1/statement?from=2025-01-01&to=2025-01-31");
    REQUIRE(statement.status == 200);
    const json lines = statement.json()["lines"];
    REQUIRE(lines.size() == 6);
    CHECK(lines[0]["code"] == "payment_received");
    CHECK(lines[0]["ledger_balance_after_pence"] == 0);
    CHECK(lines[1]["code"] == "maintenance_accrued");
    CHECK(lines[1]["amount_pence"] == 6'129);
    CHECK(lines[2]["code"] == "collection_fee_accrued");
    CHECK(lines[2]["ledger_balance_after_pence"] == 7'355);
    // The credit's application, shown as its own step: to maintenance, less the 4% kept (78p).
    CHECK(lines[3]["cause"] == "apply-credit:2025-01");
    CHECK(lines[3]["code"] == "payment_allocated");
    CHECK(lines[3]["credit"] == "maintenance_due");
    CHECK(lines[3]["amount_pence"] == 1'950);
    CHECK(lines[4]["code"] == "receiving_parent_fee");
    CHECK(lines[4]["amount_pence"] == 78);
    // The pay-out closes the day, after everything else dated 31 January.
    CHECK(lines[5]["code"] == "paid_out");
    CHECK(lines[5]["cause"] == "payout:2025-01-31");
    CHECK(lines[5]["amount_pence"] == 1'872);
    CHECK(statement.json()["closing_ledger_balance_pence"] == 5'405);
    CHECK(caseworker.get("/v1/cases/1/statement?from=2025-01-01&to=2025-01-31&page=3&page_size=2").json()["lines"].size() == 2);
    CHECK(caseworker.get("/v1/cases/1/statement?page_size=0").status == 400);
    CHECK(caseworker.get("/v1/cases/1/balance?as_of=2025-02-30").status == 400);
    CHECK(caseworker.get("/v1/cases/99/balance").status == 404);

    // On request, a job through the same date finds nothing left to post.
    CHECK(caseworker.post("/v1/jobs", json{{"kind", "accrue"}, {"through", "2025-01-31"}}.dump(), {{"Idempotency-Key", "job-9"}}).status == 403);
    cms::services::http_reply started;
    cms::testing::eventually([&] {  // the scheduler's own run may still hold the slot (409)
        started = batch.post("/v1/jobs", json{{"kind", "accrue"}, {"through", "2025-01-31"}}.dump(), {{"Idempotency-Key", "job-10"}});
        return started.status != 409;
    });
    REQUIRE(started.status == 202);
    const auto job = poll(batch, "/v1/jobs/" + std::to_string(started.json()["id"].get<std::int64_t>()),
                          [](const json& body) { return body["status"] != "running"; });
    CHECK(job.json()["status"] == "succeeded");
    CHECK(job.json()["postings_written"] == 0);
    CHECK(batch.post("/v1/jobs", json{{"kind", "accrue"}, {"through", "2025-03-31"}}.dump(), {{"Idempotency-Key", "job-11"}}).status == 400);
}
