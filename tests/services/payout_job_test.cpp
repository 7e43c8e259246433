// The daily pay-out on a real database: a receiving parent is paid what was collected for them
// less the 4% fee, once, however often the job runs; pay-outs move forward; a payment reversed
// after it was paid out is recovered from the next pay-out; cms check holds throughout.
#include <doctest/doctest.h>

#include "services/cases/case_service.hpp"
#include "services/ledger/accrual_job.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/ledger/payout_job.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

core::civil_date day(const char* text) { return *core::parse_iso_date(text); }

constexpr core::account_ref owed_to_rp{core::account_kind::owed_to_receiving_parent, 0};
constexpr core::account_ref cash_paid_out{core::account_kind::cash_paid_out, 0};
constexpr core::account_ref recoverable{core::account_kind::recoverable_from_receiving_parent, 0};

struct payout_fixture : testing::service_fixture {
    std::int64_t case_number = open_family();  // 2025-01-15, £19.50 a week, Collect and Pay

    payout_fixture() {
        accrue_through("2025-01-31");
        clock.set(day("2025-02-03"));
    }
    testing::rendered_outcome pay(const std::string& key, std::int64_t amount_pence, const char* on) {
        return record_payment(key, case_number,
                              {{"amount_pence", amount_pence}, {"received_on", on}, {"method", "direct_debit"},
                               {"reference", key}});
    }
    testing::rendered_outcome reverse(const std::string& key, std::int64_t payment_id) {
        return run([&](services::outcome_callback done) {
            cases.reverse_payment(services::parse_reverse_payment({{"reason", "bounced_direct_debit"}, {"note", "returned"}},
                                                                  core::payment_id{payment_id}),
                                  {key, "carol"}, std::move(done));
        });
    }
    services::payout_job_result pay_out(const char* through) {
        services::payout_job_options options;
        options.through = day(through);
        return services::run_payout_job(services::writer_transactions(writer), options);
    }
    core::case_balances balances() {
        return services::balances_as_of(readers.borrow()->ledger(), core::case_id{case_number}, clock.today());
    }
    testing::rendered_outcome disbursements(std::optional<core::civil_date> after = std::nullopt, std::int64_t limit = 100) {
        return testing::render(cases.list_disbursements(core::case_id{case_number}, after, limit),
                               [](const services::disbursement_page& page) {
                                   nlohmann::json rows = nlohmann::json::array();
                                   for (const auto& row : page.disbursements) {
                                       rows.push_back({core::format_iso_date(row.paid_on), row.paid.pence(),
                                                       row.recovered.pence()});
                                   }
                                   return nlohmann::json{{"rows", rows},
                                                         {"next", page.next_after_date
                                                                      ? core::format_iso_date(*page.next_after_date)
                                                                      : ""}};
                               });
    }
};

}  // namespace

TEST_CASE("a pay-out passes on the payment less its 4% fee, once however often it runs") {
    payout_fixture fixture;
    REQUIRE(fixture.pay("dd-1", 3'000, "2025-02-03").status == 201);
    // 3,000p settles January's maintenance in part; 4% of it (120p) is the receiving parent's fee.
    REQUIRE(fixture.balances().held_for_receiving_parent(0) == core::money::from_pence(2'880));

    const auto paid = fixture.pay_out("2025-02-03");
    CHECK(paid.status == "succeeded");
    CHECK(paid.cases_paid == 1);
    CHECK(paid.disbursements == 1);
    CHECK(paid.paid_total.pence() == 2'880);
    const core::case_balances after = fixture.balances();
    CHECK(after.held_for_receiving_parent(0).is_zero());
    CHECK(after.balance(cash_paid_out).pence() == 2'880);
    CHECK(fixture.disbursements().body["rows"] == nlohmann::json::parse(R"([["2025-02-03", 2880, 0]])"));
    // Paid in full: the case is off the list the job visits.
    CHECK(fixture.count("cases_holding_collections") == 0);
    CHECK_FALSE(fixture.store->check().has_value());

    // Rerun for the same date: nobody is paid twice.
    const int postings = fixture.count("ledger_postings");
    const auto again = fixture.pay_out("2025-02-03");
    CHECK(again.status == "succeeded");
    CHECK(again.disbursements == 0);
    CHECK(fixture.count("ledger_postings") == postings);
    CHECK(fixture.count("disbursements") == 1);

    // An earlier date after a later one completed pays nothing and says why.
    REQUIRE(fixture.pay("dd-2", 1'000, "2025-02-03").status == 201);
    const auto earlier = fixture.pay_out("2025-02-02");
    CHECK(earlier.disbursements == 0);
    CHECK(earlier.detail.find("pay-outs move forward") != std::string::npos);
    // The next day's pay-out passes the new payment on.
    const auto next = fixture.pay_out("2025-02-04");
    CHECK(next.disbursements == 1);
    CHECK(next.paid_total.pence() == 960);
    CHECK_FALSE(fixture.store->check().has_value());
}

TEST_CASE("a payment dated before a completed pay-out is passed on by the next one") {
    payout_fixture fixture;
    REQUIRE(fixture.pay("dd-1", 2'000, "2025-02-03").status == 201);
    REQUIRE(fixture.pay_out("2025-02-03").paid_total.pence() == 1'920);
    // Recorded late, dated the 1st: the pay-out of the 3rd did not include it.
    REQUIRE(fixture.pay("late", 1'000, "2025-02-01").status == 201);
    CHECK(fixture.balances().held_for_receiving_parent(0).pence() == 960);
    fixture.clock.set(day("2025-02-05"));
    const auto next = fixture.pay_out("2025-02-04");
    CHECK(next.paid_total.pence() == 960);
    CHECK(fixture.balances().held_for_receiving_parent(0).is_zero());
    CHECK_FALSE(fixture.store->check().has_value());
}

TEST_CASE("a payment reversed after it was paid out is recoverable, and recovered from the next pay-out") {
    payout_fixture fixture;
    const auto paid = fixture.pay("dd-1", 3'000, "2025-02-03");
    REQUIRE(paid.status == 201);
    REQUIRE(fixture.pay_out("2025-02-03").paid_total.pence() == 2'880);

    const auto reversed = fixture.reverse("rev-1", paid.body["id"].get<std::int64_t>());
    INFO(reversed.body.dump());
    REQUIRE(reversed.status == 201);
    CHECK(reversed.body["recoverable_from_receiving_parent_pence"] == 2'880);
    core::case_balances after = fixture.balances();
    CHECK(after.balance(recoverable).pence() == 2'880);
    CHECK(after.held_for_receiving_parent(0).is_zero());
    CHECK(after.cash_held().pence() == -2'880);
    CHECK_FALSE(fixture.store->check().has_value());

    // The paying parent pays again: what would pass on is kept back until the overpayment is recovered.
    fixture.clock.set(day("2025-02-05"));
    REQUIRE(fixture.pay("dd-2", 3'000, "2025-02-05").status == 201);
    const auto recovered = fixture.pay_out("2025-02-05");
    CHECK(recovered.disbursements == 1);
    CHECK(recovered.paid_total.is_zero());
    CHECK(fixture.disbursements().body["rows"][1] == nlohmann::json::parse(R"(["2025-02-05", 0, 2880])"));
    after = fixture.balances();
    CHECK(after.balance(recoverable).is_zero());
    CHECK(after.balance(cash_paid_out).pence() == 2'880);
    // Cash: two payments of 3,000p in, one bounced; 2,880p out; 120p fee kept.
    CHECK(after.cash_held().pence() == 120);
    CHECK_FALSE(fixture.store->check().has_value());
}

TEST_CASE("disbursements are listed by date a page at a time, and an unknown case is not found") {
    payout_fixture fixture;
    for (const char* on : {"2025-02-01", "2025-02-02", "2025-02-03"}) {
        REQUIRE(fixture.pay(std::string("dd-") + on, 500, on).status == 201);
        REQUIRE(fixture.pay_out(on).disbursements == 1);
    }
    const auto first = fixture.disbursements(std::nullopt, 2);
    CHECK(first.body["rows"].size() == 2);
    CHECK(first.body["next"] == "2025-02-02");
    const auto second = fixture.disbursements(day("2025-02-02"), 2);
    CHECK(second.body["rows"] == nlohmann::json::parse(R"([["2025-02-03", 480, 0]])"));
    CHECK(second.body["next"] == "");
    const auto missing = testing::render(fixture.cases.list_disbursements(core::case_id{999}, std::nullopt, 10),
                                         [](const services::disbursement_page&) { return nlohmann::json{}; });
    CHECK(missing.status == 404);
}
