// Direct Pay -> Collect and Pay through the service: the warning notice it needs after a missed
// payment, and the collection fee charged only from the switch date.
#include <doctest/doctest.h>

#include "services/enforcement/enforcement_service.hpp"
#include "services/ledger/accrual_job.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/policy/enforcement_policy_loader.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/wire/enforcement_json.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

core::civil_date day(const char* text) { return *core::parse_iso_date(text); }

struct switch_fixture : testing::service_fixture {
    services::enforcement_service enforcement{writer, readers, clock, services::load_enforcement_ladder(std::nullopt),
                                              services::load_collection_fees(std::nullopt)};
    std::int64_t case_number = open_direct_pay_case();

    std::int64_t open_direct_pay_case() {
        const auto paying = register_parent("dp-p", {{"role", "paying"}, {"full_name", "D Payer"},
                                                     {"date_of_birth", "1985-01-01"}, {"local_authority_code", "E06000059"}});
        const auto receiving = register_parent("dp-r", {{"role", "receiving"}, {"full_name", "D Receiver"},
                                                        {"date_of_birth", "1986-01-01"}, {"local_authority_code", "E06000059"}});
        const auto opened = open_case(
            "dp-c", {{"paying_parent_id", paying.body["id"]}, {"receiving_parent_id", receiving.body["id"]},
                     {"service_type", "direct_pay"}, {"paying_parent_circumstances", family_circumstances()},
                     {"children", {{{"full_name", "D Child"}, {"date_of_birth", "2015-05-05"}}}}});
        REQUIRE(opened.status == 201);
        return opened.body["id"].get<std::int64_t>();
    }
    testing::rendered_outcome warn(const std::string& key) {
        return run([&](services::outcome_callback done) {
            enforcement.record_warning_notice(services::parse_warning_notice(nlohmann::json::object(), core::case_id{case_number}),
                                              {key, "alice"}, std::move(done));
        });
    }
    testing::rendered_outcome switch_to(const std::string& key, const char* to, const char* reason, const char* on) {
        return run([&](services::outcome_callback done) {
            enforcement.switch_service(services::parse_switch_service({{"to", to}, {"reason", reason}, {"effective_date", on}},
                                                                      core::case_id{case_number}),
                                       {key, "alice"}, std::move(done));
        });
    }
    core::money fees_charged() {
        const auto balances = services::balances_as_of(readers.borrow()->ledger(), core::case_id{case_number}, clock.today());
        return balances.totals({core::account_kind::collection_fee_due, 0}).debits;
    }
};

}  // namespace

TEST_CASE("a warning over 12 months old does not allow the switch; a recent one does, and fees start that day") {
    switch_fixture fixture;
    fixture.clock.set(day("2025-01-20"));
    REQUIRE(fixture.warn("warn-old").status == 201);
    CHECK(fixture.warn("warn-twice").status == 409);  // one a day
    fixture.clock.set(day("2026-02-01"));
    const int journal = fixture.count("command_journal");
    const auto stale = fixture.switch_to("stale", "collect_and_pay", "missed_payment_reported", "2026-01-21");
    CHECK(stale.status == 409);
    CHECK(stale.body["field"] == "reason");
    CHECK(fixture.count("command_journal") == journal);
    REQUIRE(fixture.warn("warn-new").status == 201);
    fixture.clock.set(day("2026-02-16"));
    const auto moved = fixture.switch_to("move", "collect_and_pay", "missed_payment_reported", "2026-02-15");
    INFO(moved.body.dump());
    REQUIRE(moved.status == 200);
    CHECK(moved.body["service_type"] == "collect_and_pay");
    CHECK(fixture.shown_case(fixture.case_number).body["service_type"] == "collect_and_pay");
    // A warning is for Direct Pay cases only.
    CHECK(fixture.warn("warn-on-collect").status == 409);

    // February 2026 is charged with the collection fee for the 15th to the 28th only: 14 days of
    // 20% of £19.50 a week (the fixture's family has two children; this case one: reduced rate).
    fixture.clock.set(day("2026-03-01"));
    services::accrual_job_options accrual;
    accrual.through = day("2026-02-28");
    REQUIRE(services::run_accrual_job(services::writer_transactions(fixture.writer),
                                      services::load_collection_fees(std::nullopt), accrual, nullptr)
                .status == "succeeded");
    const auto weekly = fixture.shown_case(fixture.case_number).body["weekly_amount_pence"].get<std::int64_t>();
    const std::int64_t expected_fee = (weekly * 2'000 / 10'000) * 14 / 7;  // 14 days at a fifth of the weekly amount
    CHECK(fixture.fees_charged().pence() >= expected_fee - 1);
    CHECK(fixture.fees_charged().pence() <= expected_fee + 1);
    CHECK_FALSE(fixture.store->check().has_value());
}
