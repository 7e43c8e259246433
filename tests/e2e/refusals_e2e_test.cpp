// Refusals over the wire that unit tests cannot see: a header byte no key or token can hold
// answered on the same kept-alive connection, the Allow header of a 405, and the loose ids,
// parameters and dates that used to be taken.
#include <doctest/doctest.h>

#include <vector>

#include "services/http/http_client.hpp"
#include "raw_socket.hpp"
#include "server_process.hpp"
#include "support/test_support.hpp"

using cms::services::http_client;
using cms::testing::raw_socket;
using cms::testing::server_process;

namespace {

struct running_server {
    cms::testing::temporary_directory directory;
    server_process server{directory.file("cms.db"), {"--business-date", "2025-03-01", "--demo-caseload"},
                          directory.file("server.log")};
};

std::string ask(raw_socket& connection, const std::string& request) {
    if (!connection.send_text(request)) return "";
    return connection.receive_response(cms::testing::event_deadline).text;
}

}  // namespace

TEST_CASE("a 0xFF byte in Idempotency-Key or Authorization is a 400 problem on every POST, the connection kept") {
    running_server running;
    const std::string token = running.server.token("admin");
    const std::vector<std::string> posts = {
        "/v1/parents", "/v1/cases", "/v1/cases/1/payments", "/v1/cases/1/income", "/v1/cases/1/shared-care",
        "/v1/cases/1/write-offs", "/v1/cases/1/part-payments", "/v1/approvals/1/approve", "/v1/approvals/1/reject",
        "/v1/calculations", "/v1/jobs", "/v1/clock", "/v1/users", "/v1/users/1/revoke"};
    raw_socket connection(running.server.port());  // one connection: each refusal must leave it open
    for (const std::string& target : posts) {
        INFO(target);
        const std::string head = "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                 "Content-Length: 2\r\n";
        const std::string key = ask(connection, head + "Authorization: Bearer " + token +
                                                         "\r\nIdempotency-Key: a\xff" "b\r\n\r\n{}");
        CHECK(key.rfind("HTTP/1.1 400", 0) == 0);
        CHECK(key.find("application/problem+json") != std::string::npos);
        CHECK(key.find("\"field\":\"Idempotency-Key\"") != std::string::npos);
        const std::string credentials = ask(connection, head + "Authorization: Bearer \xff" + token +
                                                                 "\r\nIdempotency-Key: ab\r\n\r\n{}");
        CHECK(credentials.rfind("HTTP/1.1 400", 0) == 0);
        CHECK(credentials.find("\"field\":\"Authorization\"") != std::string::npos);
    }
    CHECK(http_client(running.server.port()).get("/health").status == 200);
}

TEST_CASE("a 405 names the path's methods in Allow") {
    running_server running;
    raw_socket connection(running.server.port());
    const std::string answer = ask(connection, "DELETE /v1/cases/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                                                        running.server.token("caseworker") + "\r\n\r\n");
    CHECK(answer.rfind("HTTP/1.1 405", 0) == 0);
    CHECK(answer.find("\r\nAllow: GET\r\n") != std::string::npos);
}

TEST_CASE("non-canonical ids, unknown parameters and a future as_of are refused") {
    running_server running;
    http_client caseworker(running.server.port(), running.server.token("caseworker"));
    CHECK(caseworker.get("/v1/cases/1").status == 200);
    CHECK(caseworker.get("/v1/cases/01").status == 404);
    const auto unknown = caseworker.get("/v1/cases/1/balance?asof=2025-01-01");
    CHECK(unknown.status == 400);
    CHECK(unknown.json()["field"] == "asof");
    CHECK(caseworker.get("/v1/cases/1/balance?as_of=2025-03-01").status == 200);
    const auto future = caseworker.get("/v1/cases/1/balance?as_of=2025-03-02");
    CHECK(future.status == 400);
    CHECK(future.json()["field"] == "as_of");
    http_client analyst(running.server.port(), running.server.token("analyst"));
    CHECK(analyst.get("/v1/reports/caseload?as_of=2026-01-01").status == 400);
    CHECK(analyst.get("/v1/reports/caseload?as_of=2025-01-01").status == 200);
}
