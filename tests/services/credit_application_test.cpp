// Credit applied as dues are charged (issue #12 defect 2: money paid ahead went to an unallocated
// account and stayed there while later instalments fell due, so the ledger overstated what was
// charged and unpaid). The monthly accrual applies each listed case's credit by the allocation
// policy, in a posting of its own that the statement shows, once per month however often it runs.
#include <doctest/doctest.h>

#include "services/ledger/accrual_job.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

core::civil_date day(const char* text) { return *core::parse_iso_date(text); }

struct credit_fixture : testing::service_fixture {
    std::int64_t case_number = open_family();  // 2025-01-15, £19.50 a week, Collect and Pay
    std::vector<core::collection_fee_row> fees = services::load_collection_fees(std::nullopt);

    void accrue_through(const char* through) {
        services::accrual_job_options options;
        options.through = day(through);
        REQUIRE(services::run_accrual_job(services::writer_transactions(writer), fees, options, nullptr).status ==
                "succeeded");
    }
    core::case_balances balances() {
        return services::balances_as_of(readers.borrow()->ledger(), core::case_id{case_number}, clock.today());
    }
    core::money balance(core::account_kind kind) { return balances().balance({kind, 0}); }
    int listed() {
        return static_cast<int>(testing::sql_integer(path, "SELECT COUNT(*) FROM cases_holding_credit WHERE case_id = " + std::to_string(case_number)));
    }
    int postings_of(const std::string& job_ref_prefix) {
        // cause_ref of a batch step: job x 1,000,000 + yyyymm; apply_credit is job 4.
        return static_cast<int>(testing::sql_integer(path, "SELECT COUNT(*) FROM ledger_postings WHERE cause_kind = 2 AND cause_ref / 1000000 = " +
                                     job_ref_prefix));
    }
};

}  // namespace

TEST_CASE("credit paid ahead is applied month by month as the accrual charges each month") {
    credit_fixture fixture;
    auto payment = testing::payment_body(20'000);  // received 2025-01-15, before anything is charged
    REQUIRE(fixture.record_payment("ahead", fixture.case_number, payment).status == 201);
    CHECK(fixture.balance(core::account_kind::payments_unallocated) == core::money::from_pence(20'000));
    CHECK(fixture.listed() == 1);

    // January (17 days): 1950 x 17 / 7 = 4735.71 -> 4736p maintenance, 947p fee: 5683p charged,
    // all of it paid from the credit; 4% of the maintenance (189.44 -> 189p) is kept as fee.
    fixture.clock.set(day("2025-02-01"));
    fixture.accrue_through("2025-01-31");
    CHECK(fixture.balance(core::account_kind::maintenance_due).is_zero());
    CHECK(fixture.balance(core::account_kind::collection_fee_due).is_zero());
    CHECK(fixture.balance(core::account_kind::payments_unallocated) == core::money::from_pence(20'000 - 5'683));
    CHECK(fixture.balance(core::account_kind::owed_to_receiving_parent) == core::money::from_pence(4'736 - 189));
    CHECK(fixture.listed() == 1);
    CHECK(fixture.postings_of("4") == 1);

    // The statement shows the application as its own step, dated the run's through date.
    const auto page = services::statement_of(fixture.readers.borrow()->ledger(), core::case_id{fixture.case_number},
                                             {day("2025-01-31"), day("2025-01-31"), 1, 100});
    std::size_t applied = 0;
    for (const auto& line : page.lines) {
        if (line.leg.cause.job != core::batch_job::apply_credit) continue;
        ++applied;
        CHECK(line.leg.cause.period == date::year{2025} / 1);
    }
    CHECK(applied == 3);  // to maintenance, to the fee, and the receiving parent's 4%
    CHECK(page.closing_balance.is_zero());

    // Running the job again posts nothing more.
    fixture.accrue_through("2025-01-31");
    CHECK(fixture.postings_of("4") == 1);

    // February (28 days): 7800p + 1560p = 9360p, again all from the credit.
    fixture.clock.set(day("2025-03-01"));
    fixture.accrue_through("2025-02-28");
    CHECK(fixture.balance(core::account_kind::payments_unallocated) == core::money::from_pence(20'000 - 5'683 - 9'360));
    // March (31 days): rounded cumulatively, 21171p through March less 12536p through February =
    // 8635p, and 1727p of fee; the last 4957p of credit goes to maintenance first.
    fixture.clock.set(day("2025-04-01"));
    fixture.accrue_through("2025-03-31");
    CHECK(fixture.balance(core::account_kind::payments_unallocated).is_zero());
    CHECK(fixture.balance(core::account_kind::maintenance_due) == core::money::from_pence(8'635 - 4'957));
    CHECK(fixture.balance(core::account_kind::collection_fee_due) == core::money::from_pence(1'727));
    CHECK(fixture.listed() == 0);  // nothing left to apply: off the list
    CHECK(fixture.postings_of("4") == 3);
}

TEST_CASE("credit that nothing charged can take stays, and the case stays listed") {
    credit_fixture fixture;
    REQUIRE(fixture.record_payment("ahead", fixture.case_number, testing::payment_body(1'000)).status == 201);
    fixture.clock.set(day("2025-02-01"));
    // Through 2025-01-30: no month has ended, nothing is charged, nothing is applied.
    fixture.accrue_through("2025-01-30");
    CHECK(fixture.balance(core::account_kind::payments_unallocated) == core::money::from_pence(1'000));
    CHECK(fixture.listed() == 1);
    CHECK(fixture.postings_of("4") == 0);
    fixture.accrue_through("2025-01-31");
    CHECK(fixture.balance(core::account_kind::payments_unallocated).is_zero());
    CHECK(fixture.listed() == 0);
}
