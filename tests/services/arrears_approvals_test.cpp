// Write-offs and part payments end to end through case_service on a real database: a request
// waits; only another supervisor may decide it (four eyes); approval waits for the
// representations window; only an approval moves the ledger, by exactly the right amount.
#include <doctest/doctest.h>

#include <array>

#include "services/ledger/accrual_job.hpp"
#include "services/wire/json_fields.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/ledger/ledger_service.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

core::civil_date day(const char* text) { return *core::parse_iso_date(text); }

/// January (from the 15th) and February accrued at £19.50 a week: 45 days x 1950 / 7 =
/// 12535.71 -> 12536p of maintenance charged in the ledger, nothing paid.
constexpr std::int64_t charged_maintenance_pence = 12'536;
/// The default monthly plan's first instalment fell due on 15 February for 15 January to
/// 14 February: 31 days x 1950 / 7 = 8635.71 -> 8636p of maintenance, and the 20% fee
/// 31 x 1950 x 0.2 / 7 = 1727.14 -> 1727p. On 3 March that is what is in arrears.
constexpr std::int64_t maintenance_arrears_pence = 8'636;

struct approvals_fixture : testing::service_fixture {
    std::int64_t case_number = open_family();

    approvals_fixture() {
        services::accrual_job_options options;
        options.through = day("2025-02-28");
        const auto fees = services::load_collection_fees(std::nullopt);
        if (services::run_accrual_job(services::writer_transactions(writer), fees, options, nullptr).status != "succeeded") {
            throw std::runtime_error("fixture accrual failed");
        }
        clock.set(day("2025-03-03"));
    }

    testing::rendered_outcome ask(const std::string& key, const std::string& who, core::approval_kind kind,
                                  const nlohmann::json& body) {
        return run([&](services::outcome_callback done) {
            cases.request_arrears_action(services::parse_arrears_request(body, core::case_id{case_number}, kind),
                                         {key, who}, std::move(done));
        });
    }
    testing::rendered_outcome decide(const std::string& key, const std::string& who, std::optional<core::role> role,
                                     std::int64_t request_id, bool approve) {
        return run([&](services::outcome_callback done) {
            cases.decide_arrears_request(
                services::parse_arrears_decision({{"note", "checked the file"}}, request_id, approve), role,
                {key, who}, std::move(done));
        });
    }
    std::int64_t maintenance_arrears(const char* as_of) {
        const std::array<core::ageing_bucket, 1> one_bucket{{{"1+", 1, std::nullopt}}};
        const auto position = services::case_position_of(*readers.borrow(), core::case_id{case_number}, day(as_of),
                                                         services::load_collection_fees(std::nullopt), one_bucket);
        return position.arrears ? position.arrears->maintenance.pence() : -1;
    }
    testing::rendered_outcome pay(const std::string& key, std::int64_t amount_pence, const char* received_on) {
        return record_payment(key, case_number,
                              {{"amount_pence", amount_pence}, {"received_on", received_on}, {"method", "debit_card"},
                               {"reference", key}});
    }
    std::int64_t maintenance_due(const char* as_of) {
        return services::balances_as_of(readers.borrow()->ledger(), core::case_id{case_number}, day(as_of))
            .balance({core::account_kind::maintenance_due, 0})
            .pence();
    }
};

nlohmann::json write_off_body(std::int64_t amount_pence) {
    return {{"amount_pence", amount_pence}, {"reason", "receiving_parent_asked_to_stop"}};
}

}  // namespace

TEST_CASE("a write-off is approved only by another supervisor, after the window, and moves the ledger once") {
    approvals_fixture fixture;
    REQUIRE(fixture.maintenance_due("2025-03-03") == charged_maintenance_pence);
    REQUIRE(fixture.maintenance_arrears("2025-03-03") == maintenance_arrears_pence);
    const auto asked = fixture.ask("w1", "alice", core::approval_kind::write_off, write_off_body(5'000));
    REQUIRE(asked.status == 201);
    CHECK(asked.body["status"] == "pending");
    CHECK(asked.body["approvable_from"] == "2025-04-02");  // 30 days for representations
    const std::int64_t request_id = asked.body["id"].get<std::int64_t>();
    const int postings_before = fixture.count("ledger_postings");

    // Four eyes: the requester may not decide, even holding the supervisor role.
    const auto own = fixture.decide("d1", "alice", core::role::supervisor, request_id, true);
    CHECK(own.status == 403);
    CHECK(own.body["type"] == "urn:cms:problem:four-eyes");
    // A caseworker's role may not approve at all (the route refuses it first; the rule too).
    CHECK(fixture.decide("d2", "carol", core::role::caseworker, request_id, true).status == 403);
    // Without an authenticated approver nothing can be approved.
    CHECK(fixture.decide("d3", "bob", std::nullopt, request_id, true).status == 403);
    // Inside the representations window: refused, naming the date it may be approved from.
    const auto early = fixture.decide("d4", "bob", core::role::supervisor, request_id, true);
    CHECK(early.status == 409);
    CHECK(early.body["detail"].get<std::string>().find("2025-04-02") != std::string::npos);
    // None of the refusals wrote anything.
    CHECK(fixture.count("arrears_decisions") == 0);
    CHECK(fixture.count("ledger_postings") == postings_before);

    fixture.clock.set(day("2025-04-02"));
    const auto approved = fixture.decide("d5", "bob", core::role::supervisor, request_id, true);
    REQUIRE(approved.status == 200);
    CHECK(approved.body["status"] == "approved");
    CHECK(approved.body["decision"]["decided_by"] == "bob");
    CHECK(approved.body["decision"]["written_off_pence"] == 5'000);
    // March has not been accrued in this fixture, so what is charged is February's figure less
    // 5000; the arrears (15 January to 14 March fell due by 2 April: 59 days, 16436p) fall by
    // exactly what was written off.
    CHECK(fixture.maintenance_due("2025-04-02") == charged_maintenance_pence - 5'000);
    CHECK(fixture.maintenance_arrears("2025-04-02") == 16'436 - 5'000);
    CHECK(fixture.count("ledger_postings") == postings_before + 1);

    // The same key again answers the same; a second decision under a new key is refused.
    CHECK(fixture.decide("d5", "bob", core::role::supervisor, request_id, true).status == 200);
    CHECK(fixture.decide("d6", "dave", core::role::supervisor, request_id, false).status == 409);
    CHECK(fixture.count("ledger_postings") == postings_before + 1);
}

TEST_CASE("a rejected request moves no money") {
    approvals_fixture fixture;
    const auto asked = fixture.ask("w1", "alice", core::approval_kind::write_off, write_off_body(1'000));
    REQUIRE(asked.status == 201);
    const int postings_before = fixture.count("ledger_postings");
    const auto rejected = fixture.decide("d1", "bob", core::role::supervisor, asked.body["id"].get<std::int64_t>(), false);
    REQUIRE(rejected.status == 200);
    CHECK(rejected.body["status"] == "rejected");
    CHECK(rejected.body["decision"]["written_off_pence"] == 0);
    CHECK(fixture.count("ledger_postings") == postings_before);
    CHECK(fixture.maintenance_due("2025-03-03") == charged_maintenance_pence);
}

TEST_CASE("a part payment writes the rest off only when the accepted amount has been paid") {
    approvals_fixture fixture;
    const auto no_consent =
        fixture.ask("p0", "alice", core::approval_kind::part_payment, {{"accepted_pence", 5'000}});
    CHECK(no_consent.status == 422);
    CHECK(no_consent.body["field"] == "receiving_parent_consent");
    const auto too_much = fixture.ask("p1", "alice", core::approval_kind::part_payment,
                                      {{"accepted_pence", maintenance_arrears_pence}, {"consent_reference", "letter 1"}});
    CHECK(too_much.status == 409);
    CHECK(too_much.body["field"] == "amount_pence");
    CHECK(fixture.count("arrears_requests") == 0);

    const auto asked = fixture.ask("p2", "alice", core::approval_kind::part_payment,
                                   {{"accepted_pence", 5'000}, {"consent_reference", "letter 2025-03-01"}});
    REQUIRE(asked.status == 201);
    fixture.clock.set(day("2025-04-02"));
    const int postings_before = fixture.count("ledger_postings");
    const auto approved = fixture.decide("d1", "bob", core::role::supervisor, asked.body["id"].get<std::int64_t>(), true);
    REQUIRE(approved.status == 200);
    // Approval writes nothing off: the agreement waits for the money. On 2 April the arrears are
    // 16436p, of which the ledger has charged 12536p: 7536p will be written off once 5000p is paid.
    CHECK(approved.body["decision"]["written_off_pence"] == 0);
    CHECK(approved.body["decision"]["agreement"]["state"] == "awaiting_payment");
    CHECK(approved.body["decision"]["agreement"]["pay_by"] == "2025-04-30");
    CHECK(approved.body["decision"]["agreement"]["remainder_pence"] == charged_maintenance_pence - 5'000);
    CHECK(fixture.count("ledger_postings") == postings_before);
    CHECK(fixture.maintenance_due("2025-04-02") == charged_maintenance_pence);

    // Part of the money: it counts, nothing is written off yet.
    fixture.clock.set(day("2025-04-10"));
    REQUIRE(fixture.pay("pp-1", 3'000, "2025-04-10").status == 201);
    CHECK(fixture.count("part_payment_receipts") == 1);
    CHECK(fixture.count("part_payment_settlements") == 0);
    CHECK(fixture.maintenance_due("2025-04-10") == charged_maintenance_pence - 3'000);
    // The rest of the money: the payment's own posting writes the remainder off.
    fixture.clock.set(day("2025-04-20"));
    REQUIRE(fixture.pay("pp-2", 2'000, "2025-04-20").status == 201);
    CHECK(fixture.count("part_payment_settlements") == 1);
    CHECK(fixture.maintenance_due("2025-04-20") == 0);
    const auto listed = fixture.cases.list_arrears_requests(false, 0, 10);
    REQUIRE(listed.requests.size() == 1);
    REQUIRE(listed.requests[0].agreement_state.has_value());
    CHECK(*listed.requests[0].agreement_state == core::agreement_state::settled);
    REQUIRE(listed.requests[0].settlement.has_value());
    CHECK(listed.requests[0].settlement->written_off.pence() == charged_maintenance_pence - 5'000);
    CHECK(listed.requests[0].received_towards.pence() == 5'000);
    // A later payment is an ordinary payment.
    fixture.clock.set(day("2025-04-21"));
    const auto later = fixture.pay("pp-3", 1'000, "2025-04-21");
    INFO(later.body.dump());
    REQUIRE(later.status == 201);
    CHECK(fixture.count("part_payment_receipts") == 2);
}

TEST_CASE("a part payment whose money never comes lapses at its pay-by date and writes nothing off") {
    approvals_fixture fixture;
    const auto asked = fixture.ask("p1", "alice", core::approval_kind::part_payment,
                                   {{"accepted_pence", 5'000}, {"consent_reference", "letter 2025-03-01"}});
    REQUIRE(asked.status == 201);
    fixture.clock.set(day("2025-04-02"));
    REQUIRE(fixture.decide("d1", "bob", core::role::supervisor, asked.body["id"].get<std::int64_t>(), true).status == 200);
    // While it awaits payment, a second agreement for the same receiving parent is refused.
    const auto second = fixture.ask("p2", "alice", core::approval_kind::part_payment,
                                    {{"accepted_pence", 4'000}, {"consent_reference", "letter 2"}});
    CHECK(second.status == 409);
    CHECK(second.body["field"] == "receiving_parent_slot");

    fixture.clock.set(day("2025-04-30"));
    CHECK(*fixture.cases.list_arrears_requests(false, 0, 10).requests[0].agreement_state ==
          core::agreement_state::awaiting_payment);
    fixture.clock.set(day("2025-05-01"));
    CHECK(*fixture.cases.list_arrears_requests(false, 0, 10).requests[0].agreement_state ==
          core::agreement_state::lapsed);
    // The whole amount, a day late: an ordinary payment, nothing written off.
    REQUIRE(fixture.pay("late", 5'000, "2025-05-01").status == 201);
    CHECK(fixture.count("part_payment_receipts") == 0);
    CHECK(fixture.count("part_payment_settlements") == 0);
    CHECK(fixture.maintenance_due("2025-05-01") == charged_maintenance_pence - 5'000);
    // A lapsed agreement no longer blocks a new request.
    CHECK(fixture.ask("p3", "alice", core::approval_kind::part_payment,
                      {{"accepted_pence", 1'000}, {"consent_reference", "letter 3"}})
              .status == 201);
}

TEST_CASE("a write-off is refused when nothing is in arrears to that receiving parent") {
    approvals_fixture fixture;
    // 3 March: 8636p of maintenance and 1727p of fee fell due on 15 February. A payment of the
    // lot goes to maintenance first, clearing the receiving parent's arrears; the fee is the state's.
    REQUIRE(fixture.pay("all", maintenance_arrears_pence + 1'727, "2025-03-03").status == 201);
    CHECK(fixture.maintenance_arrears("2025-03-03") == 0);
    const auto asked = fixture.ask("w1", "alice", core::approval_kind::write_off, write_off_body(100));
    CHECK(asked.status == 409);
    CHECK(asked.body["field"] == "receiving_parent_slot");
    CHECK(fixture.count("arrears_requests") == 0);
}

TEST_CASE("a write-off larger than the arrears, or without a reason, is refused and writes nothing") {
    approvals_fixture fixture;
    const auto too_big =
        fixture.ask("w1", "alice", core::approval_kind::write_off, write_off_body(maintenance_arrears_pence + 1));
    CHECK(too_big.status == 409);
    CHECK(too_big.body["field"] == "amount_pence");
    CHECK_THROWS_AS(fixture.ask("w2", "alice", core::approval_kind::write_off, {{"amount_pence", 100}}),
                    services::field_error);
    CHECK_THROWS_AS(fixture.ask("w3", "alice", core::approval_kind::write_off,
                                {{"amount_pence", 100}, {"reason", "felt like it"}}),
                    services::field_error);
    CHECK(fixture.count("arrears_requests") == 0);
    CHECK(fixture.count("command_journal") == 3);  // the two parents and the case: no refusal is journaled
}
