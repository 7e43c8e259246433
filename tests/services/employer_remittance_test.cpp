// Employers' remittances checked by the daily close (services/enforcement/employer_remittances.hpp):
// on the 20th only, one notice per case naming every order short, none for an order paid in full
// or ended before its pay days, and nothing repeated when the day is closed again after a kill.
#include <doctest/doctest.h>

#include "services/enforcement/close_day_job.hpp"
#include "services/enforcement/enforcement_service.hpp"
#include "services/policy/enforcement_policy_loader.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/wire/enforcement_json.hpp"
#include "services/wire/json_fields.hpp"
#include "support/database_probe.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

core::civil_date day(const char* text) { return *core::parse_iso_date(text); }

struct remittance_fixture : testing::service_fixture {
    services::enforcement_service enforcement{writer, readers, clock, services::load_enforcement_ladder(std::nullopt),
                                              services::load_collection_fees(std::nullopt)};
    std::vector<core::collection_fee_row> fees = services::load_collection_fees(std::nullopt);
    std::vector<core::missed_payment_policy> policy = services::load_missed_payment_policy(std::nullopt);
    // 2025-01-15, £19.50 a week, monthly from 2025-02-15, Collect and Pay.
    std::int64_t case_number = open_family();

    std::int64_t order(const std::string& key, const char* employer, const char* frequency,
                       std::optional<const char*> first_pay_day) {
        nlohmann::json details = {{"name", employer}, {"net_earnings_pence", 60'000}, {"pay_frequency", frequency}};
        if (first_pay_day) details["first_pay_day"] = *first_pay_day;
        const auto made = run([&](services::outcome_callback done) {
            enforcement.apply_step(services::parse_apply_enforcement({{"step", "deduction_from_earnings_order"},
                                                                      {"employer", details}},
                                                                     core::case_id{case_number}),
                                   {key, "alice"}, std::move(done));
        });
        INFO(made.body.dump());
        REQUIRE(made.status == 201);
        CHECK(made.body["employer"].contains("first_pay_day") == first_pay_day.has_value());
        if (first_pay_day) CHECK(made.body["employer"]["first_pay_day"] == *first_pay_day);
        return made.body["action_id"].get<std::int64_t>();
    }
    void deduction(const std::string& key, std::int64_t action_id, const char* on) {
        clock.set(day(on));
        const auto taken = run([&](services::outcome_callback done) {
            enforcement.record_deduction(
                services::parse_deduction({{"net_earnings_pence", 60'000}}, core::case_id{case_number}, action_id),
                {key, "alice"}, std::move(done));
        });
        INFO(taken.body.dump());
        REQUIRE(taken.status == 201);
    }
    services::close_day_result close_through(const char* through) {
        services::close_day_options options;
        options.through = day(through);
        options.chunk_cases = 1;  // every chunk boundary of the orders exercised
        const auto result = services::run_close_day_job(services::writer_transactions(writer), fees, policy, options);
        REQUIRE(result.status == "succeeded");
        return result;
    }
    std::string notice_on(const char* on) {
        return testing::sql_text(path, "SELECT COALESCE(MAX(detail), '') FROM case_notices WHERE kind = "
                                       "'employer_deduction_missed' AND on_date = '" + std::string(on) + "'");
    }
};

}  // namespace

TEST_CASE("on the 20th a case's orders short of their pay days get one notice naming each; a rerun adds nothing") {
    remittance_fixture fixture;
    fixture.clock.set(day("2025-03-03"));  // the instalment of 15 February was missed: arrears
    // Weekly from Friday 7 March: March expects 7, 14, 21 and 28. A second employer pays monthly
    // and named no pay day: March, begun 7 days after the order, is not a whole month, so nothing
    // is expected until April. A third order ends before any pay day it could have had.
    const auto weekly = fixture.order("weekly", "Alder Ltd", "weekly", "2025-03-07");
    const auto monthly = fixture.order("monthly", "Birch plc", "monthly", std::nullopt);
    const auto ended = fixture.order("ended", "Cedar LLP", "fortnightly", std::nullopt);
    fixture.clock.set(day("2025-03-05"));
    REQUIRE(fixture.run([&](services::outcome_callback done) {
                fixture.enforcement.record_event(
                    services::parse_enforcement_event({{"event", "fail"}, {"note", "left Cedar"}},
                                                      core::case_id{fixture.case_number}, ended),
                    {"ended-fail", "alice"}, std::move(done));
            }).status == 200);
    fixture.deduction("w1", weekly, "2025-03-07");
    fixture.deduction("w2", weekly, "2025-03-14");
    fixture.clock.set(day("2025-04-21"));
    fixture.close_through("2025-04-18");
    CHECK(fixture.close_through("2025-04-19").employer_deductions_missed == 0);  // the deadline itself
    const auto checked = fixture.close_through("2025-04-20");
    CHECK(checked.employer_deductions_missed == 1);
    const std::string notice = fixture.notice_on("2025-04-20");
    CHECK(notice.find("Alder Ltd (deduction from earnings order " + std::to_string(weekly) +
                      "): 2 of 4 deduction(s) for 2025-03 not received by 2025-04-19") != std::string::npos);
    CHECK(notice.find("Birch") == std::string::npos);
    CHECK(notice.find("Cedar") == std::string::npos);

    // A kill after the day's work, before it was marked closed: the rerun writes nothing twice.
    testing::sql_exec(fixture.path, "DELETE FROM closed_days WHERE closed_day = '2025-04-20'");
    CHECK(fixture.close_through("2025-04-20").employer_deductions_missed == 0);
    CHECK(testing::sql_integer(fixture.path, "SELECT COUNT(*) FROM case_notices WHERE kind = 'employer_deduction_missed'") == 1);

    // April: the weekly employer pays nothing (4 Fridays), the monthly one nothing (a whole month
    // now): one notice on 20 May names both orders.
    fixture.clock.set(day("2025-05-21"));
    CHECK(fixture.close_through("2025-05-20").employer_deductions_missed == 1);
    const std::string may = fixture.notice_on("2025-05-20");
    CHECK(may.find("Alder Ltd (deduction from earnings order " + std::to_string(weekly) + "): 4 of 4") != std::string::npos);
    CHECK(may.find("Birch plc (deduction from earnings order " + std::to_string(monthly) + "): 1 of 1") != std::string::npos);
    CHECK_FALSE(fixture.store->check().has_value());
}

TEST_CASE("a first pay day that is not a date is refused with the field named") {
    const nlohmann::json body = {{"step", "deduction_from_earnings_order"},
                                 {"employer",
                                  {{"name", "Alder Ltd"}, {"net_earnings_pence", 60'000}, {"pay_frequency", "weekly"},
                                   {"first_pay_day", "2025-02-30"}}}};
    try {
        services::parse_apply_enforcement(body, core::case_id{1});
        FAIL("a bad first pay day was accepted");
    } catch (const services::field_error& refused) {
        CHECK(refused.field() == "employer.first_pay_day");
    }
}
