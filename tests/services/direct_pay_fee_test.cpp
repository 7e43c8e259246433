// Direct Pay has no collection fees of either kind: a payment recorded on a Direct Pay case
// passes all its maintenance on, with no 4% receiving-parent fee (issue #12 defect 5: it was
// charged), while the same payment on a Collect and Pay case has the fee taken.
#include <doctest/doctest.h>

#include "services/ledger/accrual_job.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

std::int64_t open_case_on(testing::service_fixture& fixture, const std::string& prefix, const char* service) {
    const auto paying = fixture.register_parent(prefix + "p", {{"role", "paying"}, {"full_name", "A Payer"},
                                                               {"date_of_birth", "1985-01-01"},
                                                               {"local_authority_code", "E06000059"}});
    const auto receiving = fixture.register_parent(prefix + "r", {{"role", "receiving"}, {"full_name", "B Receiver"},
                                                                   {"date_of_birth", "1986-01-01"},
                                                                   {"local_authority_code", "E06000059"}});
    const auto opened = fixture.open_case(
        prefix + "c", {{"paying_parent_id", paying.body["id"]},
                       {"receiving_parent_id", receiving.body["id"]},
                       {"service_type", service},
                       {"paying_parent_circumstances", testing::service_fixture::family_circumstances()},
                       {"children", {{{"full_name", "C Child"}, {"date_of_birth", "2015-05-05"}}}}});
    REQUIRE(opened.status == 201);
    return opened.body["id"].get<std::int64_t>();
}

core::case_balances balances_of(testing::service_fixture& fixture, std::int64_t case_number) {
    return services::balances_as_of(fixture.readers.borrow()->ledger(), core::case_id{case_number}, fixture.clock.today());
}

}  // namespace

TEST_CASE("a payment on a Direct Pay case has no receiving-parent fee taken; on Collect and Pay it has") {
    testing::service_fixture fixture;
    const std::int64_t direct = open_case_on(fixture, "dp-", "direct_pay");       // opened 2025-01-15
    const std::int64_t collected = open_case_on(fixture, "cp-", "collect_and_pay");
    services::accrual_job_options options;
    options.through = *core::parse_iso_date("2025-01-31");
    REQUIRE(services::run_accrual_job(services::writer_transactions(fixture.writer),
                                      services::load_collection_fees(std::nullopt), options, nullptr)
                .status == "succeeded");
    fixture.clock.set(*core::parse_iso_date("2025-02-03"));
    const core::account_ref maintenance{core::account_kind::maintenance_due, 0};
    const core::account_ref fee_income{core::account_kind::fee_income, 0};
    auto payment = testing::payment_body(10'000);
    payment["received_on"] = "2025-02-03";  // after January's accrual, so it settles January

    const core::case_balances direct_before = balances_of(fixture, direct);
    REQUIRE(direct_before.balance(maintenance) > core::money{});   // January's maintenance is due
    CHECK(direct_before.balance(fee_income).is_zero());             // and no collection fee accrued
    REQUIRE(fixture.record_payment("pay-dp", direct, payment).status == 201);
    const core::case_balances direct_after = balances_of(fixture, direct);
    CHECK(direct_after.balance(maintenance).is_zero());
    CHECK(direct_after.balance(fee_income).is_zero());

    const core::case_balances collected_before = balances_of(fixture, collected);
    REQUIRE(fixture.record_payment("pay-cp", collected, payment).status == 201);
    const core::case_balances collected_after = balances_of(fixture, collected);
    const core::money settled = collected_before.balance(maintenance) - collected_after.balance(maintenance);
    REQUIRE(settled > core::money{});
    // 4% of the maintenance passed on, half-up: (settled x 400 + 5000) / 10000 in pence.
    const std::int64_t fee_pence = (settled.pence() * 400 + 5'000) / 10'000;
    CHECK(collected_after.balance(fee_income) - collected_before.balance(fee_income) == core::money::from_pence(fee_pence));
}
