// End to end: the real `cms serve` over HTTP on loopback, with a temporary database.
#include <doctest/doctest.h>

#include "services/http/http_client.hpp"
#include "server_process.hpp"
#include "support/database_probe.hpp"
#include "support/test_support.hpp"

using cms::services::http_client;
using cms::testing::server_process;
using nlohmann::json;

namespace {

const std::vector<std::string> business_date = {"--business-date", "2025-01-15"};

std::map<std::string, std::string> key(const std::string& value) { return {{"Idempotency-Key", value}}; }

int count_rows(const std::string& path, const std::string& table) {
    return static_cast<int>(cms::testing::sql_integer(path, "SELECT COUNT(*) FROM " + table));
}

json payment(std::int64_t amount_pence) {
    return {{"amount_pence", amount_pence}, {"received_on", "2025-01-10"}, {"method", "standing_order"},
            {"reference", "SO-0001"}};
}

}  // namespace

TEST_CASE("a case from HTTP to SQLite and back, surviving a restart") {
    cms::testing::temporary_directory directory;
    const std::string database = directory.file("cms.db");
    const std::string log = directory.file("server.log");
    json case_before_restart;
    std::string case_path;
    {
        server_process server(database, {"--business-date", "2025-01-10"}, log);
        http_client client(server.port(), server.token("caseworker"));
        REQUIRE(client.get("/health").status == 200);

        const auto paying = client.post("/v1/parents",
                                        json{{"role", "paying"}, {"full_name", "Alex Payer"},
                                             {"date_of_birth", "1984-03-02"}, {"local_authority_code", "E07000052"}}
                                            .dump(),
                                        key("parent-paying"));
        REQUIRE(paying.status == 201);
        const auto receiving = client.post("/v1/parents",
                                           json{{"role", "receiving"}, {"full_name", "Sam Receiver"},
                                                {"date_of_birth", "1986-07-19"},
                                                {"local_authority_code", "E09000021"}}
                                               .dump(),
                                           key("parent-receiving"));
        REQUIRE(receiving.status == 201);
        const auto opened = client.post("/v1/cases",
                                        json{{"paying_parent_id", paying.json()["id"]},
                                             {"receiving_parent_id", receiving.json()["id"]},
                                             {"service_type", "collect_and_pay"},
                                             // £500 a week, 2 children, 1 relevant other child:
                                             // 16% x (£500 - 11%) = £71.20 (worked example 2, core/calculation/README.md).
                                             {"paying_parent_circumstances",
                                              {{"gross_weekly_income_pence", 50'000}, {"benefit", "none"},
                                               {"relevant_other_children", 1}}},
                                             {"children", {{{"full_name", "Jo"}, {"date_of_birth", "2014-02-28"}},
                                                           {{"full_name", "Mo"}, {"date_of_birth", "2016-08-31"}}}}}
                                            .dump(),
                                        key("case-1"));
        REQUIRE(opened.status == 201);
        CHECK(opened.content_type == "application/json");
        CHECK(opened.json()["weekly_amount_pence"] == 7120);
        case_path = "/v1/cases/" + std::to_string(opened.json()["id"].get<std::int64_t>());
        const std::string payments_path = case_path + "/payments";

        const auto first = client.post(payments_path, payment(7120).dump(), key("payment-1"));
        REQUIRE(first.status == 201);
        const auto repeat = client.post(payments_path, payment(7120).dump(), key("payment-1"));
        CHECK(repeat.status == 201);
        CHECK(repeat.json() == first.json());
        CHECK(count_rows(database, "payments") == 1);

        const auto conflict = client.post(payments_path, payment(9999).dump(), key("payment-1"));
        CHECK(conflict.status == 409);
        CHECK(conflict.content_type == "application/problem+json");
        CHECK(conflict.json()["field"] == "amount_pence");

        const int journal_rows = count_rows(database, "command_journal");
        // Bad requests are refused with 4xx and write nothing.
        const auto malformed = client.post(payments_path, "{\"amount_pence\": 1", key("bad-1"));
        CHECK(malformed.status == 400);
        CHECK(malformed.json()["field"] == "body");
        const auto negative = client.post(payments_path, payment(-500).dump(), key("bad-2"));
        CHECK(negative.status == 400);
        CHECK(negative.json()["field"] == "amount_pence");
        const auto unknown_case = client.post("/v1/cases/424242/payments", payment(100).dump(), key("bad-3"));
        CHECK(unknown_case.status == 404);
        CHECK(unknown_case.json()["field"] == "case_id");
        const auto no_key = client.post(payments_path, payment(100).dump());
        CHECK(no_key.status == 400);
        CHECK(no_key.json()["field"] == "Idempotency-Key");
        const std::string oversized(70 * 1024, 'x');
        const auto too_large = client.post(payments_path, oversized, key("bad-4"));
        CHECK(too_large.status == 413);
        CHECK(count_rows(database, "payments") == 1);
        CHECK(count_rows(database, "command_journal") == journal_rows);

        case_before_restart = client.get(case_path).json();
        CHECK(case_before_restart["payments"].size() == 1);
        CHECK(case_before_restart["children"].size() == 2);
        CHECK(server.stop() == 0);
    }
    {
        server_process server(database, business_date, log);
        http_client client(server.port(), server.token("caseworker"));
        const auto after = client.get(case_path);
        REQUIRE(after.status == 200);
        CHECK(after.json() == case_before_restart);
        // The journal still answers repeats after a restart: no second payment.
        const auto repeat = client.post(case_path + "/payments", payment(7120).dump(), key("payment-1"));
        CHECK(repeat.status == 201);
        CHECK(count_rows(database, "payments") == 1);
    }
}

TEST_CASE("an acknowledged payment survives a crash (SIGKILL) of the server") {
    cms::testing::temporary_directory directory;
    const std::string database = directory.file("cms.db");
    const std::string log = directory.file("server.log");
    std::string payments_path;
    {
        server_process server(database, {"--business-date", "2025-01-10", "--demo-caseload"}, log);
        http_client client(server.port(), server.token("caseworker"));
        payments_path = "/v1/cases/1/payments";
        for (int i = 0; i < 20; ++i) {
            const auto accepted = client.post(payments_path, payment(100 + i).dump(), key("crash-" + std::to_string(i)));
            REQUIRE(accepted.status == 201);
        }
        server.kill_hard();
    }
    // Every acknowledged payment is on disk; the demo loader's own payment is there once.
    CHECK(cms::testing::sql_integer(database, "SELECT COUNT(*) FROM payments WHERE reference = 'SO-0001'") == 20);
    CHECK(cms::testing::sql_integer(database, "SELECT COUNT(*) FROM payments WHERE reference LIKE 'demo-%'") == 2);
}

TEST_CASE("a malformed HTTP request line gets 400, and the demo caseload loads once") {
    cms::testing::temporary_directory directory;
    const std::string database = directory.file("cms.db");
    const std::string log = directory.file("server.log");
    for (int start = 0; start < 2; ++start) {
        server_process server(database, {"--business-date", "2025-01-10", "--demo-caseload"}, log);
        http_client client(server.port(), server.token("caseworker"));
        CHECK(client.get("/v1/cases/3").status == 200);
        CHECK(client.get("/v1/cases/4").status == 404);
        CHECK(client.send_raw("NOT A REQUEST\r\n\r\n").status == 400);
    }
    CHECK(count_rows(database, "cases") == 3);
}
