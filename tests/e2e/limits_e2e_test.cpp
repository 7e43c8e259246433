// The HTTP limits, each shown against the real server with small limits set by flags:
// a slow sender and an idle connection are cut off, connections and requests per connection are
// capped, oversized headers and bodies are refused. No assertion measures speed: the timeouts are
// 1 s, and each wait ends at the event it waits for (an answer, a close), bounded only by the
// generous event deadline of test_support.hpp.
#include <doctest/doctest.h>

#include <fstream>
#include <memory>
#include <optional>
#include <thread>

#include "core/access/authorisation.hpp"

#include "services/http/http_client.hpp"
#include "raw_socket.hpp"
#include "server_process.hpp"
#include "support/test_support.hpp"

using cms::services::http_client;
using cms::testing::raw_socket;
using cms::testing::server_process;
using namespace std::chrono_literals;

namespace {

struct limited_server {
    cms::testing::temporary_directory directory;
    server_process server;
    explicit limited_server(const std::vector<std::string>& limits)
        : server(directory.file("cms.db"), limits, directory.file("server.log")) {}
};

std::string get_request(const std::string& target, const std::string& token) {
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n\r\n";
}

/// GET /health on a fresh connection from `source`: the status line, or "" when refused unread.
std::string health_status_line(unsigned short port, const char* source = nullptr) {
    raw_socket probe(port, source);
    if (!probe.send_text("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")) return "";
    const auto answer = probe.receive_response(cms::testing::event_deadline);
    return answer.text.substr(0, answer.text.find("\r\n"));
}

/// Opens a connection and sends the first bytes of a request head, as a slowloris client does.
std::unique_ptr<raw_socket> start_trickle(unsigned short port, const char* source = nullptr) {
    auto slow = std::make_unique<raw_socket>(port, source);
    slow->send_text("GET /health HTTP/1.1\r\nX-Slow: ");
    return slow;
}

}  // namespace

TEST_CASE("a slow sender that trickles a request is disconnected by the read limit") {
    // A generous idle limit: only the read limit, counted from the first byte, can cut it off.
    limited_server limited({"--request-read-seconds", "1", "--idle-seconds", "600"});
    raw_socket slow(limited.server.port());
    const std::string request = "POST /v1/parents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}";
    // One byte every 200 ms would take about 14 s to finish; the server must hang up long before.
    bool cut_off = false;
    for (const char byte : request) {
        if (!slow.send_text(std::string(1, byte)) || slow.receive_for(200ms).closed) {
            cut_off = true;
            break;
        }
    }
    CHECK(cut_off);
}

TEST_CASE("an idle connection is closed once the idle limit passes, whatever the read limit") {
    limited_server limited({"--idle-seconds", "1", "--request-read-seconds", "600"});
    raw_socket idle(limited.server.port());
    CHECK(idle.receive_for(cms::testing::event_deadline).closed);  // returns once it is closed
    // The server is still serving others.
    CHECK(http_client(limited.server.port()).get("/health").status == 200);
}

TEST_CASE("connections beyond the limit get 503 and are closed") {
    limited_server limited({"--connections-max", "2"});
    const std::string token = limited.server.token("caseworker");
    raw_socket first(limited.server.port());
    raw_socket second(limited.server.port());
    // A full exchange on each proves both were accepted and counted.
    for (raw_socket* held : {&first, &second}) {
        REQUIRE(held->send_text(get_request("/health", token)));
        CHECK(held->receive_response(cms::testing::event_deadline).text.rfind("HTTP/1.1 200", 0) == 0);
    }
    raw_socket third(limited.server.port());
    const auto refused = third.receive_for(cms::testing::event_deadline);  // until it is closed
    CHECK(refused.text.rfind("HTTP/1.1 503", 0) == 0);
    CHECK(refused.closed);
}

TEST_CASE("a connection is closed after its maximum number of requests") {
    limited_server limited({"--requests-per-connection-max", "3"});
    raw_socket connection(limited.server.port());
    for (int i = 1; i <= 3; ++i) {
        REQUIRE(connection.send_text(get_request("/health", "")));
        const auto answer = connection.receive_response(cms::testing::event_deadline);
        CHECK(answer.text.rfind("HTTP/1.1 200", 0) == 0);
        if (i == 3) {
            CHECK(answer.text.find("Connection: close") != std::string::npos);
            CHECK(connection.receive_for(cms::testing::event_deadline).closed);  // returns once it is closed
        }
    }
}

TEST_CASE("oversized headers are 431 and oversized bodies 413, before any authentication") {
    limited_server limited({});
    raw_socket headers(limited.server.port());
    REQUIRE(headers.send_text("GET /v1/cases/1 HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(9 * 1024, 'p') +
                              "\r\n\r\n"));
    CHECK(headers.receive_response(cms::testing::event_deadline).text.rfind("HTTP/1.1 431", 0) == 0);
    http_client client(limited.server.port(), limited.server.token("caseworker"));
    const auto too_large = client.post("/v1/parents", std::string(65 * 1024, ' '), {{"Idempotency-Key", "big"}});
    CHECK(too_large.status == 413);
}

TEST_CASE("error bodies never echo the token, the database path or internals") {
    limited_server limited({});
    const std::string token = limited.server.token("analyst");
    http_client client(limited.server.port(), token);
    const std::string database_path = limited.directory.path().string();
    const cms::services::http_reply replies[] = {
        client.get("/v1/cases/1"),                                                  // 403
        client.get("/v1/cases/1", {{"Authorization", "Bearer " + token + "0"}}),    // 401
        client.get("/v1/nothing/here"),                                             // 404
        client.post("/v1/parents", "{\"x\": 1}", {{"Idempotency-Key", "k"}}),       // 403
        http_client(limited.server.port(), limited.server.token("caseworker"))
            .post("/v1/parents", "{\"full_name\": " + std::string(300, '"') + "}", {{"Idempotency-Key", "k"}}),
    };
    for (const auto& reply : replies) {
        INFO(reply.body);
        CHECK(reply.status >= 400);
        CHECK(reply.content_type == "application/problem+json");
        CHECK(reply.body.find(token.substr(4)) == std::string::npos);
        CHECK(reply.body.find(database_path) == std::string::npos);
        CHECK(reply.body.find("SQLite") == std::string::npos);
        CHECK(reply.body.find(".cpp") == std::string::npos);
    }
}

TEST_CASE("a body that is not UTF-8, sent to every POST route, is refused and the server serves on") {
    limited_server limited({});
    // Every POST operation the API documents, each with a token of a role that may use it.
    std::ifstream document(std::string(CMS_SOURCE_DIR) + "/schemas/openapi.json");
    const auto paths = nlohmann::json::parse(document).at("paths");
    const std::string not_utf8 = "{\"reference\": \"\xff\xfe\", \"full_name\": \"\xc3\"}";
    int posted = 0;
    for (const auto& [path, operations] : paths.items()) {
        if (!operations.contains("post")) continue;
        const std::string family_name = operations["post"].at("x-access-family");
        std::optional<cms::core::role> allowed;
        for (const cms::core::role held : cms::core::all_roles) {
            for (const cms::core::access_family family : cms::core::all_access_families) {
                if (cms::core::access_family_name(family) == family_name && cms::core::role_may_use(held, family)) {
                    allowed = held;
                }
            }
            if (allowed) break;
        }
        REQUIRE(allowed.has_value());
        std::string target = path;
        if (const auto id = target.find("{id}"); id != std::string::npos) target.replace(id, 4, "1");
        INFO("POST ", target);
        http_client client(limited.server.port(),
                           limited.server.token(std::string(cms::core::role_name(*allowed))));
        const auto reply = client.post(target, not_utf8, {{"Idempotency-Key", "utf8-" + std::to_string(posted)}});
        CHECK(reply.status >= 400);
        CHECK(reply.status < 500);
        CHECK(reply.body.find('\xff') == std::string::npos);
        ++posted;
    }
    CHECK(posted >= 10);
    CHECK(http_client(limited.server.port()).get("/health").status == 200);
}


TEST_CASE("a request head trickled a byte at a time is cut off by the header deadline") {
    // Generous idle and read limits: only the header deadline can cut it off.
    limited_server limited({"--header-deadline-ms", "500", "--request-read-seconds", "600", "--idle-seconds", "600"});
    raw_socket slow(limited.server.port());
    REQUIRE(slow.send_text("G"));
    // One byte every 100 ms for ever: the server hangs up once the head has taken 500 ms.
    const bool cut_off = cms::testing::eventually([&slow] { return !slow.send_text("x") || slow.receive_for(100ms).closed; });
    CHECK(cut_off);
    CHECK(health_status_line(limited.server.port()) == "HTTP/1.1 200 OK");
}

TEST_CASE("one client address holds at most its share of connections; other addresses are served") {
    limited_server limited({"--connections-per-address-max", "3", "--connections-max", "100"});
    const unsigned short port = limited.server.port();
    std::vector<std::unique_ptr<raw_socket>> held;
    for (int i = 0; i < 3; ++i) held.push_back(start_trickle(port));
    // The fourth from the same address: refused with a 503 problem, however the others behave.
    CHECK(cms::testing::eventually([port] {
        raw_socket fourth(port);
        const auto refused = fourth.receive_for(2s);
        return refused.text.rfind("HTTP/1.1 503", 0) == 0 && refused.text.find("this address") != std::string::npos;
    }));
    CHECK(health_status_line(port, "127.0.0.2") == "HTTP/1.1 200 OK");
}

TEST_CASE("slow clients filling every connection leave the admin listener answering GET /health") {
    limited_server limited({"--connections-max", "20", "--connections-per-address-max", "1000", "--admin-port", "0",
                            "--header-deadline-ms", "600000", "--request-read-seconds", "600"});
    const unsigned short port = limited.server.port();
    const unsigned short admin = limited.server.admin_port();
    REQUIRE(admin != 0);
    // Many more slow connections than the cap: the public listener is full and refuses.
    std::vector<std::unique_ptr<raw_socket>> slow;
    for (int i = 0; i < 200; ++i) slow.push_back(start_trickle(port));
    CHECK(cms::testing::eventually([port] { return health_status_line(port).rfind("HTTP/1.1 503", 0) == 0; }));
    CHECK(health_status_line(admin) == "HTTP/1.1 200 OK");
    // The admin listener serves health only.
    raw_socket other(admin);
    REQUIRE(other.send_text("GET /v1/cases/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
    CHECK(other.receive_response(cms::testing::event_deadline).text.rfind("HTTP/1.1 404", 0) == 0);
    // Once the slow clients go, the public listener serves again.
    slow.clear();
    CHECK(cms::testing::eventually([port] { return health_status_line(port) == "HTTP/1.1 200 OK"; }));
}
