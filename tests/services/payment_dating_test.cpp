// Payments received on a date the ledger already holds later postings for (an accrued month's
// last day, or behind later payments) are accepted and settle each due penny once, so the
// ledger stays within its limits at every point and `cms check` passes (issue #12 defect 1:
// both used to roll back with a 500, "maintenance_due would go beyond its limit").
#include <doctest/doctest.h>

#include "services/ledger/accrual_job.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

core::civil_date day(const char* text) { return *core::parse_iso_date(text); }

struct dated_payment_fixture : testing::service_fixture {
    std::int64_t case_number = open_family();  // opened 2025-01-15 at £19.50 a week

    void accrue_through(const char* through, const char* then_today) {
        services::accrual_job_options options;
        options.through = day(through);
        const auto fees = services::load_collection_fees(std::nullopt);
        REQUIRE(services::run_accrual_job(services::writer_transactions(writer), fees, options, nullptr).status ==
                "succeeded");
        clock.set(day(then_today));
    }
    core::case_balances balances() {
        return services::balances_as_of(readers.borrow()->ledger(), core::case_id{case_number}, clock.today());
    }
    testing::rendered_outcome pay(const std::string& key, std::int64_t amount_pence, const char* received_on) {
        auto body = testing::payment_body(amount_pence);
        body["received_on"] = received_on;
        return record_payment(key, case_number, body);
    }
};

}  // namespace

TEST_CASE("a payment received on the last day of an accrued month settles that month") {
    dated_payment_fixture fixture;
    fixture.accrue_through("2025-01-31", "2025-02-03");
    const core::money owed = core::ledger_balance(fixture.balances());
    REQUIRE(owed > core::money{});  // January's maintenance and collection fee, dated 2025-01-31

    const auto paid = fixture.pay("pay-month-end", 100'000, "2025-01-31");
    INFO(paid.body.dump());
    REQUIRE(paid.status == 201);
    const core::case_balances after = fixture.balances();
    CHECK(core::ledger_balance(after).is_zero());
    CHECK(after.balance({core::account_kind::payments_unallocated, 0}) ==
          core::money::from_pence(100'000) - owed);
    CHECK_FALSE(fixture.store->check().has_value());
}

TEST_CASE("a payment backdated behind a later payment settles nothing twice and is kept as credit") {
    dated_payment_fixture fixture;
    fixture.accrue_through("2025-02-28", "2025-03-03");
    const core::money owed = core::ledger_balance(fixture.balances());
    REQUIRE(fixture.pay("pay-march", owed.pence(), "2025-03-01").status == 201);
    REQUIRE(core::ledger_balance(fixture.balances()).is_zero());

    // On 10 February January was owed, but the 1 March payment has settled it since: the
    // backdated payment may settle only what stays due at every later point, which is nothing.
    const auto backdated = fixture.pay("pay-february", 5'000, "2025-02-10");
    INFO(backdated.body.dump());
    REQUIRE(backdated.status == 201);
    const core::case_balances after = fixture.balances();
    CHECK(core::ledger_balance(after).is_zero());
    CHECK(after.balance({core::account_kind::payments_unallocated, 0}) == core::money::from_pence(5'000));
    CHECK(after.balance({core::account_kind::cash_received, 0}) == owed + core::money::from_pence(5'000));
    CHECK_FALSE(fixture.store->check().has_value());
}

TEST_CASE("a payment backdated into a month settles what is still due after every later posting") {
    dated_payment_fixture fixture;
    fixture.accrue_through("2025-02-28", "2025-03-03");
    const core::money owed = core::ledger_balance(fixture.balances());
    // A part payment on 1 March leaves 1,000p owed. A payment backdated to 28 February (after that
    // day's accrual, before the part payment) may settle exactly that: more was due on the 28th,
    // but the part payment has settled the rest since.
    REQUIRE(fixture.pay("pay-part", owed.pence() - 1'000, "2025-03-01").status == 201);
    const auto backdated = fixture.pay("pay-backdated", 3'000, "2025-02-28");
    INFO(backdated.body.dump());
    REQUIRE(backdated.status == 201);
    const core::case_balances after = fixture.balances();
    CHECK(core::ledger_balance(after).is_zero());
    CHECK(after.balance({core::account_kind::payments_unallocated, 0}) == core::money::from_pence(2'000));
    CHECK_FALSE(fixture.store->check().has_value());
}

TEST_CASE("a payment to no such case is 404, and one received before its case opened is refused; neither writes") {
    testing::service_fixture fixture;
    const std::int64_t case_number = fixture.open_family();  // opened 2025-01-15
    const int commands_before = fixture.count("command_journal");
    const auto missing = fixture.record_payment("no-case", case_number + 100, testing::payment_body(1'000));
    CHECK(missing.status == 404);
    CHECK(missing.body["field"] == "case_id");
    nlohmann::json early = testing::payment_body(1'000);
    early["received_on"] = "2025-01-14";
    const auto too_early = fixture.record_payment("too-early", case_number, early);
    CHECK(too_early.status == 422);
    CHECK(too_early.body["field"] == "received_on");
    CHECK(too_early.body["detail"].get<std::string>().find("2025-01-15") != std::string::npos);
    early["received_on"] = "2025-01-15";
    CHECK(fixture.record_payment("on-the-day", case_number, early).status == 201);
    CHECK(fixture.count("command_journal") == commands_before + 1);
    CHECK(fixture.count("payments") == 1);
}
