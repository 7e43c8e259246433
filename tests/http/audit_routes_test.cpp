// GET /v1/audit: the journal as an auditor sees it, with its filters and paging. Method: commands
// by two actors on two business dates for two cases, then each filter alone and combined.
#include <doctest/doctest.h>

#include "services/http/api_router.hpp"
#include "services/http/audit_routes.hpp"
#include "support/service_fixture.hpp"

using namespace cms::services;
using nlohmann::json;

namespace {

struct audit_fixture : cms::testing::service_fixture {
    api_router router;
    std::int64_t first_case = 0;
    std::int64_t second_case = 0;

    audit_fixture() {
        add_audit_routes(router, readers);
        first_case = open_family();  // by "tester" on 2025-01-15: parents p, r and case c
        clock.set(*cms::core::parse_iso_date("2025-01-16"));
        pay("sam", "pay-1", first_case);
        second_case = open_family("second-");  // by "tester" on 2025-01-16
        pay("alex", "pay-2", second_case);
        pay("sam", "pay-3", second_case);
    }

    void pay(const std::string& actor, const std::string& key, std::int64_t case_number) {
        auto body = cms::testing::payment_body(500);
        body["received_on"] = "2025-01-16";  // not before the second case opened
        const auto outcome = record_payment(key, case_number, body, actor);
        INFO(outcome.body.dump());
        REQUIRE(outcome.status == 201);
    }

    api_response get(const std::string& target) {
        std::promise<api_response> answered;
        auto future = answered.get_future();
        router.handle(api_request{"GET", target, "", std::nullopt, "", std::nullopt},
                      [&answered](api_response response) { answered.set_value(std::move(response)); });
        return future.get();
    }

    /// The keys of the entries returned, joined by commas (readable when a check fails).
    std::string keys(const std::string& target) {
        const auto answer = get(target);
        REQUIRE(answer.status == 200);
        const json body = json::parse(answer.body);  // named: a range-for over a temporary's member dangles
        std::string found;
        for (const auto& entry : body["entries"]) {
            found += (found.empty() ? "" : ",") + entry["idempotency_key"].get<std::string>();
        }
        return found;
    }
};


}  // namespace

TEST_CASE("the audit trail lists every accepted command with actor, dates, key and outcome") {
    audit_fixture fixture;
    const auto body = json::parse(fixture.get("/v1/audit").body);
    REQUIRE(body["entries"].size() == 9);
    const auto& payment = body["entries"][3];
    CHECK(payment["idempotency_key"] == "pay-1");
    CHECK(payment["command_type"] == "record_payment");
    CHECK(payment["actor"] == "sam");
    CHECK(payment["business_date"] == "2025-01-16");
    CHECK(payment["recorded_at_utc"].get<std::string>().size() == 24);
    CHECK(payment["request"]["amount_pence"] == 500);
    CHECK(payment["outcome"]["status"] == 201);
    CHECK_FALSE(body.contains("next_after_id"));
}

TEST_CASE("the audit trail filters by case, actor and business date, alone and together") {
    audit_fixture fixture;
    const std::string first = std::to_string(fixture.first_case);
    const std::string second = std::to_string(fixture.second_case);
    CHECK(fixture.keys("/v1/audit?case_id=" + first) == "c,pay-1");
    CHECK(fixture.keys("/v1/audit?case_id=" + second) == "second-c,pay-2,pay-3");
    CHECK(fixture.keys("/v1/audit?actor=sam") == "pay-1,pay-3");
    CHECK(fixture.keys("/v1/audit?actor=nobody").empty());
    CHECK(fixture.keys("/v1/audit?to=2025-01-15") == "p,r,c");
    CHECK(fixture.keys("/v1/audit?from=2025-01-16&to=2025-01-16") ==
          "pay-1,second-p,second-r,second-c,pay-2,pay-3");
    CHECK(fixture.keys("/v1/audit?case_id=" + second + "&actor=tester&from=2025-01-16") == "second-c");
    CHECK(fixture.keys("/v1/audit?case_id=" + second + "&actor=alex") == "pay-2");
}

TEST_CASE("a case's audit trail includes the commands that moved its money without naming it") {
    audit_fixture fixture;
    const std::string second = std::to_string(fixture.second_case);
    const cms::core::parent_id paying{
        cms::testing::sql_integer(fixture.path, "SELECT paying_parent_id FROM cases WHERE id = " + second)};
    auto body = cms::testing::payment_body(300);
    body["received_on"] = "2025-01-16";
    const auto paid = fixture.run([&](outcome_callback done) {
        fixture.cases.record_parent_payment(
            parse_record_parent_payment(body, paying, fixture.cases.limits()),
            {"parent-pay", "sam"}, std::move(done));
    });
    REQUIRE(paid.status == 201);
    const std::int64_t last_payment = cms::testing::sql_integer(fixture.path, "SELECT MAX(id) FROM payments");
    const auto reversed = fixture.run([&](outcome_callback done) {
        fixture.cases.reverse_payment(parse_reverse_payment({{"reason", "duplicate"}, {"note", "twice"}},
                                                            cms::core::payment_id{last_payment}),
                                      {"reversal", "sam"}, std::move(done));
    });
    REQUIRE(reversed.status == 201);
    // Neither request names the case (one names the paying parent, the other the payment).
    CHECK(fixture.keys("/v1/audit?case_id=" + second) == "second-c,pay-2,pay-3,parent-pay,reversal");
    CHECK(fixture.keys("/v1/audit?case_id=" + std::to_string(fixture.first_case)) == "c,pay-1");
}

TEST_CASE("the audit trail pages by after_id and limit") {
    audit_fixture fixture;
    const auto first_page = json::parse(fixture.get("/v1/audit?limit=4").body);
    REQUIRE(first_page["entries"].size() == 4);
    const auto after = first_page["next_after_id"].get<std::int64_t>();
    CHECK(fixture.keys("/v1/audit?limit=4&after_id=" + std::to_string(after)) ==
          "second-p,second-r,second-c,pay-2");
}

TEST_CASE("bad audit filters are 400 naming the parameter") {
    audit_fixture fixture;
    const std::pair<std::string, std::string> bad[] = {{"case_id=0", "case_id"},     {"case_id=x", "case_id"},
                                                       {"from=2025-02-30", "from"},  {"to=yesterday", "to"},
                                                       {"limit=0", "limit"},         {"limit=501", "limit"},
                                                       {"actor=a%20b", "actor"},     {"after_id=-1", "after_id"}};
    for (const auto& filter : bad) {
        // Named, not a structured binding: clang 14 cannot capture a binding in INFO's lambda.
        const std::string& query = filter.first;
        const std::string& field = filter.second;
        INFO(query);
        const auto answer = fixture.get("/v1/audit?" + query);
        CHECK(answer.status == 400);
        CHECK(json::parse(answer.body)["field"] == field);
    }
}
