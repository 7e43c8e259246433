// Reversing a payment through case_service on a real database: it is taken back in one posting
// of its command, the case's figures are as if it had never come, a second reversal is refused,
// the same key answers the same, and cms check holds throughout.
#include <doctest/doctest.h>

#include "services/ledger/accrual_job.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

core::civil_date day(const char* text) { return *core::parse_iso_date(text); }

struct reversal_fixture : testing::service_fixture {
    std::int64_t case_number = open_family();  // 2025-01-15, £19.50 a week, Collect and Pay

    reversal_fixture() {
        accrue_through("2025-01-31");
        clock.set(day("2025-02-03"));
    }
    testing::rendered_outcome pay(const std::string& key, std::int64_t amount_pence) {
        return record_payment(key, case_number,
                              {{"amount_pence", amount_pence}, {"received_on", "2025-02-03"}, {"method", "direct_debit"},
                               {"reference", key}});
    }
    testing::rendered_outcome reverse(const std::string& key, std::int64_t payment_id, const char* reason = "bounced_direct_debit") {
        return run([&](services::outcome_callback done) {
            cases.reverse_payment(services::parse_reverse_payment({{"reason", reason}, {"note", "bank returned it"}},
                                                                  core::payment_id{payment_id}),
                                  {key, "carol"}, std::move(done));
        });
    }
    core::case_balances balances() {
        return services::balances_as_of(readers.borrow()->ledger(), core::case_id{case_number}, clock.today());
    }
};

}  // namespace

TEST_CASE("a bounced direct debit is taken back and the case is as if it had never been paid") {
    reversal_fixture fixture;
    const core::case_balances before = fixture.balances();
    const auto paid = fixture.pay("dd-1", 3'000);
    REQUIRE(paid.status == 201);
    const std::int64_t payment_id = paid.body["id"].get<std::int64_t>();
    REQUIRE(fixture.balances().balance({core::account_kind::cash_received, 0}).pence() == 3'000);

    const auto reversed = fixture.reverse("rev-1", payment_id);
    INFO(reversed.body.dump());
    REQUIRE(reversed.status == 201);
    CHECK(reversed.body["payment_id"] == payment_id);
    CHECK(reversed.body["amount_pence"] == 3'000);
    CHECK(reversed.body["reason"] == "bounced_direct_debit");
    CHECK(reversed.body["reversed_on"] == "2025-02-03");
    const core::case_balances after = fixture.balances();
    CHECK(core::ledger_balance(after) == core::ledger_balance(before));
    CHECK(after.balance({core::account_kind::owed_to_receiving_parent, 0}) ==
          before.balance({core::account_kind::owed_to_receiving_parent, 0}));
    CHECK(after.balance({core::account_kind::fee_income, 0}) == before.balance({core::account_kind::fee_income, 0}));
    CHECK(after.balance({core::account_kind::cash_received, 0}).is_zero());
    CHECK_FALSE(fixture.store->check().has_value());

    // The same key answers the same; a second reversal under a new key is refused, writing nothing.
    const auto again = fixture.reverse("rev-1", payment_id);
    CHECK(again.status == 201);
    CHECK(again.body == reversed.body);
    const int postings = fixture.count("ledger_postings");
    const auto twice = fixture.reverse("rev-2", payment_id, "duplicate");
    CHECK(twice.status == 409);
    CHECK(twice.body["field"] == "payment_id");
    CHECK(fixture.count("ledger_postings") == postings);
    CHECK(fixture.count("payment_reversals") == 1);
    CHECK(fixture.reverse("rev-3", 999).status == 404);
}

TEST_CASE("reversing a payment allocates other credit again to what became due") {
    reversal_fixture fixture;
    // January charged 4736p + 947p = 5683p. A first payment settles it all; a second waits as credit.
    const auto first = fixture.pay("p-1", 5'683);
    REQUIRE(first.status == 201);
    REQUIRE(fixture.pay("p-2", 2'000).status == 201);
    REQUIRE(fixture.balances().balance({core::account_kind::payments_unallocated, 0}).pence() == 2'000);
    const auto reversed = fixture.reverse("rev", first.body["id"].get<std::int64_t>(), "wrong_case");
    REQUIRE(reversed.status == 201);
    CHECK(reversed.body["credit_reallocated_pence"] == 2'000);
    const core::case_balances after = fixture.balances();
    CHECK(after.balance({core::account_kind::payments_unallocated, 0}).is_zero());
    CHECK(core::ledger_balance(after).pence() == 5'683 - 2'000);
    CHECK(fixture.count("cases_holding_credit") == 0);
    CHECK_FALSE(fixture.store->check().has_value());
}
