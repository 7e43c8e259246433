// Authentication and the audit trail against the real server: demo tokens, `cms user add` and
// `cms user revoke`, 401/403 writing nothing, and the auditor reading who did what.
#include <doctest/doctest.h>

#include "services/http/http_client.hpp"
#include "server_process.hpp"
#include "support/database_probe.hpp"
#include "support/test_support.hpp"

using cms::services::http_client;
using cms::testing::run_cms;
using cms::testing::server_process;
using nlohmann::json;

namespace {

const json parent = {{"role", "paying"},
                     {"full_name", "Alex Payer"},
                     {"date_of_birth", "1984-03-02"},
                     {"local_authority_code", "E07000052"}};

int count_rows(const std::string& path, const std::string& table) {
    return static_cast<int>(cms::testing::sql_integer(path, "SELECT COUNT(*) FROM " + table));
}

}  // namespace

TEST_CASE("the server prints a demo token per role, and only a hash of each is stored") {
    cms::testing::temporary_directory directory;
    const std::string database = directory.file("cms.db");
    server_process server(database, {}, directory.file("server.log"));
    for (const std::string role : {"caseworker", "supervisor", "batch", "analyst", "auditor", "admin"}) {
        const std::string token = server.token(role);
        CHECK(token.rfind("cms_", 0) == 0);
        CHECK(cms::testing::sql_integer(database, "SELECT COUNT(*) FROM users WHERE token_sha256 = ?1 OR token_sha256 = ?2",
                                        {token, token.substr(4)}) == 0);
    }
    CHECK(count_rows(database, "users") == 6);
}

TEST_CASE("cms user add makes a working token; cms user revoke stops it at once") {
    cms::testing::temporary_directory directory;
    const std::string database = directory.file("cms.db");
    const auto added = run_cms({"user", "add", "--db", database, "--name", "kim", "--role", "caseworker"});
    REQUIRE(added.exit_status == 0);
    const std::string token = added.output.substr(0, added.output.find('\n'));
    CHECK(token.size() == 68);
    CHECK(run_cms({"user", "add", "--db", database, "--name", "kim", "--role", "analyst"}).exit_status == 1);
    CHECK(run_cms({"user", "add", "--db", database, "--name", "lee", "--role", "root"}).exit_status == 2);
    CHECK(run_cms({"user", "add", "--db", database, "--name", "a b", "--role", "analyst"}).exit_status == 2);

    server_process server(database, {"--business-date", "2025-01-10"}, directory.file("server.log"));
    http_client client(server.port(), token);
    CHECK(client.post("/v1/parents", parent.dump(), {{"Idempotency-Key", "p-1"}}).status == 201);
    CHECK(run_cms({"user", "revoke", "--db", database, "--name", "kim"}).exit_status == 0);
    CHECK(client.post("/v1/parents", parent.dump(), {{"Idempotency-Key", "p-2"}}).status == 401);
    CHECK(client.get("/v1/parents/1").status == 401);
    CHECK(run_cms({"user", "revoke", "--db", database, "--name", "kim"}).exit_status == 1);
    CHECK(count_rows(database, "parents") == 1);
}

TEST_CASE("over HTTP, 401 and 403 write nothing, and the auditor sees who did what") {
    cms::testing::temporary_directory directory;
    const std::string database = directory.file("cms.db");
    server_process server(database, {"--business-date", "2025-01-10"}, directory.file("server.log"));
    const auto journal_before = count_rows(database, "command_journal");
    http_client anonymous(server.port());
    CHECK(anonymous.post("/v1/parents", parent.dump(), {{"Idempotency-Key", "p-1"}}).status == 401);
    for (const std::string role : {"analyst", "auditor", "batch", "admin"}) {
        http_client refused(server.port(), server.token(role));
        CHECK(refused.post("/v1/parents", parent.dump(), {{"Idempotency-Key", "p-1"}}).status == 403);
    }
    CHECK(count_rows(database, "command_journal") == journal_before);
    CHECK(count_rows(database, "parents") == 0);

    http_client caseworker(server.port(), server.token("caseworker"));
    REQUIRE(caseworker.post("/v1/parents", parent.dump(), {{"Idempotency-Key", "p-1"}}).status == 201);
    CHECK(caseworker.get("/v1/audit").status == 403);
    http_client auditor(server.port(), server.token("auditor"));
    const auto trail = auditor.get("/v1/audit?actor=demo-caseworker&from=2025-01-10&to=2025-01-10");
    REQUIRE(trail.status == 200);
    const auto entries = trail.json()["entries"];
    REQUIRE(entries.size() == 1);
    CHECK(entries[0]["idempotency_key"] == "p-1");
    CHECK(entries[0]["command_type"] == "register_parent");
    CHECK(entries[0]["business_date"] == "2025-01-10");
    CHECK(entries[0]["outcome"]["status"] == 201);
    // Auditors read but never write.
    CHECK(auditor.post("/v1/parents", parent.dump(), {{"Idempotency-Key", "p-9"}}).status == 403);
}
