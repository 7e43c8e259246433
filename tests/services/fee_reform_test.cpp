// A fee row that takes effect in the middle of a month (as the announced reform will, at 2% and
// 2%): the paying parent's collection fee is charged at each day's rate, so the month splits at the
// row's date, and the receiving parent's fee kept from a payment is the rate in force on the day
// the payment is allocated, so a pay-out passes each payment on less the rate of its own date.
// Here the reform row starts on 15 February 2025.
#include <doctest/doctest.h>

#include "services/ledger/accrual_job.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/ledger/payout_job.hpp"
#include "services/policy/policy_tables.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

core::civil_date day(const char* text) { return *core::parse_iso_date(text); }

const std::vector<core::collection_fee_row> reform_mid_february{
    {day("2014-08-11"), core::basis_points{2000}, core::basis_points{400}},
    {day("2025-02-15"), core::basis_points{200}, core::basis_points{200}},
};

/// The fixture's store and clock with a case_service charging the table above.
struct reform_fixture : testing::service_fixture {
    services::case_service reformed{writer, readers, clock, core::case_limits{}, services::embedded_calculation_rates(),
                                    reform_mid_february};
    std::int64_t case_number = open_family();  // 2025-01-15, £19.50 a week, Collect and Pay

    core::case_balances balances() {
        return services::balances_as_of(readers.borrow()->ledger(), core::case_id{case_number}, clock.today());
    }
    testing::rendered_outcome pay(const std::string& key, std::int64_t amount_pence, const char* received_on) {
        return run([&](services::outcome_callback done) {
            reformed.record_payment(
                services::parse_record_payment({{"amount_pence", amount_pence}, {"received_on", received_on},
                                                {"method", "debit_card"}, {"reference", key}},
                                               core::case_id{case_number}, reformed.limits()),
                {key, "tester"}, std::move(done));
        });
    }
};

}  // namespace

TEST_CASE("a fee row that starts mid-month splits the month's collection fee and the 4% at its date") {
    reform_fixture fixture;
    services::accrual_job_options options;
    options.through = day("2025-02-28");
    REQUIRE(services::run_accrual_job(services::writer_transactions(fixture.writer), reform_mid_february, options, nullptr)
                .status == "succeeded");
    // January (17 days at 20%): 1950 x 17 x 0.2 / 7 = 947.14 -> 947p. Through 28 February the
    // fee is 1950 x (31 days x 2000 + 14 days x 200) / 70000 = 1805.14 -> 1805p, so February's
    // is 858p: 14 days at 20% and 14 at 2%, not 1560p at 20% all month.
    const core::account_ref fee_due{core::account_kind::collection_fee_due, 0};
    fixture.clock.set(day("2025-03-01"));
    CHECK(fixture.balances().totals(fee_due).debits.pence() == 1'805);

    // A payment received on 14 February keeps 4% from the maintenance it pays; one on the 15th, 2%.
    const core::account_ref fee_income{core::account_kind::fee_income, 0};
    const core::money before = fixture.balances().balance(fee_income);
    REQUIRE(fixture.pay("on-14th", 1'000, "2025-02-14").status == 201);
    const core::money after_first = fixture.balances().balance(fee_income);
    CHECK((after_first - before).pence() == 40);
    REQUIRE(fixture.pay("on-15th", 1'000, "2025-02-15").status == 201);
    CHECK((fixture.balances().balance(fee_income) - after_first).pence() == 20);

    // The pay-out passes each on less the rate of its own collection date: 960p + 980p.
    services::payout_job_options payout;
    payout.through = day("2025-02-28");
    const auto paid = services::run_payout_job(services::writer_transactions(fixture.writer), payout);
    REQUIRE(paid.status == "succeeded");
    CHECK(paid.paid_total.pence() == 960 + 980);
    CHECK(testing::sql_integer(fixture.path, "SELECT paid_pence FROM disbursements") == 1'940);
    CHECK(fixture.balances().held_for_receiving_parent(0).is_zero());
    CHECK_FALSE(fixture.store->check().has_value());
}
