// Enforcement actions through the service, as the API answers them: a step the ladder does not
// allow is refused naming the precondition and writes nothing; an order made is charged once
// (waived for a further order of a step in force); a court step is charged only when granted;
// the life cycle refuses moves it does not have; sanctions need a finding and never run together
// where the law forbids it.
#include <doctest/doctest.h>

#include "services/enforcement/enforcement_service.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/policy/enforcement_policy_loader.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/wire/enforcement_json.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

core::civil_date day(const char* text) { return *core::parse_iso_date(text); }

struct enforcement_fixture : testing::service_fixture {
    services::enforcement_service enforcement{writer, readers, clock, services::load_enforcement_ladder(std::nullopt),
                                              services::load_collection_fees(std::nullopt)};
    // 2025-01-15, £19.50 a week, monthly from 2025-02-15, Collect and Pay.
    std::int64_t case_number = open_family();

    testing::rendered_outcome apply(const std::string& key, const nlohmann::json& body, std::int64_t on_case = 0) {
        return run([&](services::outcome_callback done) {
            enforcement.apply_step(services::parse_apply_enforcement(body, core::case_id{on_case ? on_case : case_number}),
                                   {key, "alice"}, std::move(done));
        });
    }
    testing::rendered_outcome event(const std::string& key, std::int64_t action_id, const nlohmann::json& body) {
        return run([&](services::outcome_callback done) {
            enforcement.record_event(services::parse_enforcement_event(body, core::case_id{case_number}, action_id),
                                     {key, "alice"}, std::move(done));
        });
    }
    core::money charges_due() {
        const auto balances =
            services::balances_as_of(readers.borrow()->ledger(), core::case_id{case_number}, clock.today());
        return balances.totals({core::account_kind::enforcement_charges_due, 0}).debits;
    }
    static nlohmann::json deo(std::int64_t net_pence, const char* employer = "Acme Ltd") {
        return {{"step", "deduction_from_earnings_order"},
                {"employer", {{"name", employer}, {"net_earnings_pence", net_pence}, {"pay_frequency", "monthly"}}}};
    }
    /// A liability order applied for and granted (deductions stated to be inappropriate).
    std::int64_t granted_liability_order(const std::string& key) {
        const auto applied = apply(key, {{"step", "liability_order"}, {"deduction_inappropriate", "self-employed"}});
        REQUIRE(applied.status == 201);
        const auto id = applied.body["action_id"].get<std::int64_t>();
        REQUIRE(event(key + "-grant", id, {{"event", "grant"}}).status == 200);
        return id;
    }
};

std::string precondition(const testing::rendered_outcome& refused) {
    const std::string detail = refused.body["detail"].get<std::string>();
    return detail.substr(0, detail.find(':'));
}

}  // namespace

TEST_CASE("a deduction from earnings order needs arrears and an employer; it is charged £50 and takes at most 40%") {
    enforcement_fixture fixture;
    // Nothing has fallen due yet: no arrears.
    fixture.clock.set(day("2025-02-10"));
    const int journal = fixture.count("command_journal");
    const auto early = fixture.apply("deo-early", enforcement_fixture::deo(200'000));
    INFO(early.body.dump());
    CHECK(early.status == 409);
    CHECK(early.body["field"] == "step");
    CHECK(precondition(early).find("precondition arrears") != std::string::npos);
    CHECK(fixture.count("command_journal") == journal);
    CHECK(fixture.count("enforcement_actions") == 0);

    // The instalment of 2025-02-15 was not paid.
    fixture.clock.set(day("2025-02-20"));
    const auto no_employer = fixture.apply("deo-none", {{"step", "deduction_from_earnings_order"}});
    CHECK(no_employer.status == 409);
    CHECK(precondition(no_employer).find("employer_known") != std::string::npos);

    // Net pay £200 a month: 40% is £80, less than ongoing plus the arrears instalment.
    const auto made = fixture.apply("deo-1", enforcement_fixture::deo(20'000));
    INFO(made.body.dump());
    REQUIRE(made.status == 201);
    CHECK(made.body["status"] == "active");
    CHECK(made.body["charge_pence"] == 5'000);
    CHECK(made.body["deduction_capped"] == true);
    CHECK(made.body["deduction_pence"] == 8'000);
    CHECK(made.body["events"].size() == 1);
    CHECK(fixture.charges_due().pence() == 5'000);

    // A second employer at the same time: a further order of a step in force is not charged again.
    const auto second = fixture.apply("deo-2", enforcement_fixture::deo(300'000, "Second Job Ltd"));
    REQUIRE(second.status == 201);
    CHECK(second.body["charge_pence"] == 0);
    CHECK(second.body.contains("charge_waiver"));
    CHECK(second.body["deduction_capped"] == false);
    CHECK(fixture.charges_due().pence() == 5'000);

    // A repeat of the key answers the original and writes nothing.
    const auto repeat = fixture.apply("deo-1", enforcement_fixture::deo(20'000));
    CHECK(repeat.status == 201);
    CHECK(repeat.body == made.body);
    CHECK(fixture.count("enforcement_actions") == 2);
    CHECK_FALSE(fixture.store->check().has_value());
}

TEST_CASE("a liability order is applied for, charged £300 only when granted, and one at a time") {
    enforcement_fixture fixture;
    fixture.clock.set(day("2025-02-20"));
    const auto bare = fixture.apply("lo-bare", {{"step", "liability_order"}});
    CHECK(bare.status == 409);
    CHECK(precondition(bare).find("deduction_inappropriate_or_ineffective") != std::string::npos);

    const auto applied = fixture.apply("lo-1", {{"step", "liability_order"}, {"deduction_inappropriate", "self-employed"}});
    INFO(applied.body.dump());
    REQUIRE(applied.status == 201);
    CHECK(applied.body["status"] == "applied_for");
    CHECK(applied.body["charge_pence"] == 0);
    const auto id = applied.body["action_id"].get<std::int64_t>();
    CHECK(precondition(fixture.apply("lo-2", {{"step", "liability_order"}, {"deduction_inappropriate", "retired"}}))
              .find("not_already_before_the_court") != std::string::npos);

    fixture.clock.set(day("2025-07-01"));
    const auto granted = fixture.event("lo-grant", id, {{"event", "grant"}, {"on", "2025-06-30"}});
    INFO(granted.body.dump());
    REQUIRE(granted.status == 200);
    CHECK(granted.body["status"] == "granted");
    CHECK(granted.body["status_on"] == "2025-06-30");
    CHECK(granted.body["charge_pence"] == 30'000);
    CHECK(granted.body["events"].size() == 2);
    CHECK(fixture.charges_due().pence() == 30'000);

    // No move the life cycle lacks; nothing after a final state.
    const auto refused_now = fixture.event("lo-refuse", id, {{"event", "refuse"}});
    CHECK(refused_now.status == 409);
    CHECK(refused_now.body["field"] == "event");
    CHECK(fixture.event("lo-late", id, {{"event", "grant"}, {"on", "2025-07-02"}}).body["field"] == "on");
    CHECK(fixture.event("lo-withdraw", id, {{"event", "withdraw"}}).status == 200);
    CHECK(fixture.event("lo-again", id, {{"event", "activate"}}).status == 409);
    CHECK_FALSE(fixture.store->check().has_value());
}

TEST_CASE("a refused liability order costs nothing") {
    enforcement_fixture fixture;
    fixture.clock.set(day("2025-02-20"));
    const auto applied = fixture.apply("lo-1", {{"step", "liability_order"}, {"deduction_inappropriate", "self-employed"}});
    REQUIRE(applied.status == 201);
    const auto refused = fixture.event("lo-no", applied.body["action_id"].get<std::int64_t>(), {{"event", "refuse"}});
    REQUIRE(refused.status == 200);
    CHECK(refused.body["status"] == "refused");
    CHECK(fixture.charges_due().is_zero());
}

TEST_CASE("court sanctions: a finding is needed, the period is capped, and never licence beside committal") {
    enforcement_fixture fixture;
    fixture.clock.set(day("2025-02-20"));
    const auto licence = nlohmann::json{{"step", "driving_licence_disqualification"}};
    CHECK(precondition(fixture.apply("dl-0", licence)).find("liability_order_granted") != std::string::npos);
    fixture.granted_liability_order("lo");
    CHECK(precondition(fixture.apply("dl-1", licence)).find("after_one_of") != std::string::npos);
    const auto agents = fixture.apply("agents", {{"step", "enforcement_agents"}});
    REQUIRE(agents.status == 201);
    REQUIRE(fixture.event("agents-fail", agents.body["action_id"].get<std::int64_t>(), {{"event", "fail"}}).status == 200);
    CHECK(precondition(fixture.apply("dl-2", licence)).find("min_days_after_previous") != std::string::npos);

    fixture.clock.set(day("2025-03-20"));  // 28 days after the agents were instructed
    const auto committal = fixture.apply("jail", {{"step", "committal"}});
    INFO(committal.body.dump());
    REQUIRE(committal.status == 201);
    const auto jail_id = committal.body["action_id"].get<std::int64_t>();
    const auto no_finding = fixture.event("jail-grant-0", jail_id, {{"event", "grant"}});
    CHECK(no_finding.status == 422);
    CHECK(no_finding.body["field"] == "court_finding");
    const auto too_long = fixture.event("jail-grant-1", jail_id,
                                        {{"event", "grant"}, {"court_finding", "wilful_refusal"}, {"until", "2025-05-02"}});
    CHECK(too_long.status == 422);
    CHECK(too_long.body["field"] == "until");
    REQUIRE(fixture.event("jail-grant", jail_id,
                          {{"event", "grant"}, {"court_finding", "wilful_refusal"}, {"until", "2025-05-01"}})
                .status == 200);
    const auto active = fixture.event("jail-active", jail_id, {{"event", "activate"}});
    REQUIRE(active.status == 200);
    CHECK(active.body["until"] == "2025-05-01");

    fixture.clock.set(day("2025-04-20"));
    const auto beside = fixture.apply("dl-3", licence);
    CHECK(beside.status == 409);
    CHECK(precondition(beside).find("never_with") != std::string::npos);
    // Once the committal has run out, the licence may be applied for.
    REQUIRE(fixture.event("jail-end", jail_id, {{"event", "expire"}}).status == 200);
    CHECK(fixture.apply("dl-4", licence).status == 201);

    const auto listed = testing::render(fixture.enforcement.list_actions(core::case_id{fixture.case_number}),
                                        services::enforcement_action_list_json);
    REQUIRE(listed.status == 200);
    CHECK(listed.body["actions"].size() == 4);
    CHECK(listed.body["actions"][2]["step"] == "committal");
    CHECK(listed.body["actions"][2]["events"].size() == 4);
    CHECK_FALSE(fixture.store->check().has_value());
}

TEST_CASE("enforcement needs Collect and Pay; an action is only reached through its own case") {
    enforcement_fixture fixture;
    const auto direct = fixture.open_case(
        "dp", {{"paying_parent_id", 1}, {"receiving_parent_id", 2}, {"service_type", "direct_pay"},
               {"paying_parent_circumstances", testing::service_fixture::family_circumstances()},
               {"children", {{{"full_name", "E Child"}, {"date_of_birth", "2016-06-06"}}}}});
    REQUIRE(direct.status == 201);
    fixture.clock.set(day("2025-02-20"));
    const auto refused = fixture.apply("dp-deo", enforcement_fixture::deo(100'000), direct.body["id"].get<std::int64_t>());
    CHECK(precondition(refused).find("collect_and_pay") != std::string::npos);

    const auto made = fixture.apply("deo", enforcement_fixture::deo(100'000));
    REQUIRE(made.status == 201);
    const auto elsewhere = fixture.run([&](services::outcome_callback done) {
        fixture.enforcement.record_event(
            services::parse_enforcement_event({{"event", "withdraw"}}, core::case_id{direct.body["id"].get<std::int64_t>()},
                                              made.body["action_id"].get<std::int64_t>()),
            {"x", "alice"}, std::move(done));
    });
    CHECK(elsewhere.status == 404);
    CHECK(elsewhere.body["field"] == "action_id");
    CHECK(testing::render(fixture.enforcement.list_actions(core::case_id{999}), services::enforcement_action_list_json)
              .status == 404);
}
