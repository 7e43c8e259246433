// Arrears agreements through the service and the daily close: an agreement withdraws the step
// already proposed and holds escalation while kept; paid off, the close marks it completed once
// (a rerun after a kill repeats nothing); a refused agreement leaves nothing behind.
#include <doctest/doctest.h>

#include "services/enforcement/close_day_job.hpp"
#include "services/enforcement/enforcement_service.hpp"
#include "services/ledger/ledger_reads.hpp"
#include "services/policy/enforcement_policy_loader.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/wire/enforcement_json.hpp"
#include "support/database_probe.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

core::civil_date day(const char* text) { return *core::parse_iso_date(text); }

struct agreement_fixture : testing::service_fixture {
    std::vector<core::collection_fee_row> fees = services::load_collection_fees(std::nullopt);
    std::vector<core::missed_payment_policy> policy = services::load_missed_payment_policy(std::nullopt);
    services::enforcement_service enforcement{writer, readers, clock, services::load_enforcement_ladder(std::nullopt), fees,
                                              policy};
    // Opened 2025-01-15, £19.50 a week, monthly from 2025-02-15, Collect and Pay.
    std::int64_t case_number = open_family();

    testing::rendered_outcome agree(const std::string& key, const nlohmann::json& body) {
        return run([&](services::outcome_callback done) {
            enforcement.make_arrears_agreement(services::parse_arrears_agreement(body, core::case_id{case_number}),
                                               {key, "alice"}, std::move(done));
        });
    }
    services::close_day_result close_through(const char* through) {
        services::close_day_options options;
        options.through = day(through);
        const auto result = services::run_close_day_job(services::writer_transactions(writer), fees, policy, options);
        REQUIRE(result.status == "succeeded");
        return result;
    }
    std::int64_t rows(const std::string& sql) { return testing::sql_integer(path, sql); }
};

}  // namespace

TEST_CASE("an agreement withdraws the proposed step, and the close completes it once the arrears are paid") {
    agreement_fixture fixture;
    fixture.clock.set(day("2025-02-26"));
    fixture.close_through("2025-02-14");
    CHECK(fixture.close_through("2025-02-25").proposals == 1);  // missed on the 18th, proposed a week on

    const int journal = fixture.count("command_journal");
    const auto refused = fixture.agree("too-poor", {{"net_income_per_period_pence", 20'000}});
    CHECK(refused.status == 422);
    CHECK(refused.body["detail"].get<std::string>().find("no room") != std::string::npos);
    CHECK(fixture.count("command_journal") == journal);
    CHECK(fixture.rows("SELECT COUNT(*) FROM arrears_agreements") == 0);

    static constexpr std::array<core::ageing_bucket, 1> one_bucket{{{"1+", 1, std::nullopt}}};
    const auto next_instalment = [&] {
        const auto balance = std::get<services::case_balance>(services::read_balance(
            fixture.readers, core::case_id{fixture.case_number}, day("2025-02-26"), fixture.fees, one_bucket));
        REQUIRE(balance.position.next_instalment);
        return balance;
    };
    const services::case_balance before = next_instalment();
    CHECK_FALSE(before.next_arrears_part);
    const auto made = fixture.agree("agreed", {{"net_income_per_period_pence", 120'000}});
    REQUIRE(made.status == 201);
    // The agreement's instalment is added to the next instalment of the plan.
    const services::case_balance after = next_instalment();
    CHECK(after.next_arrears_part == core::money::from_pence(432));
    CHECK(after.position.next_instalment->due_date == day("2025-03-15"));
    CHECK(after.position.next_instalment->amount == before.position.next_instalment->amount + core::money::from_pence(432));
    // 31 days of £19.50 a week and its 20% fee fell due on 15 February: £86.36 + £17.27.
    CHECK(made.body["arrears_at_agreement_pence"] == 10'363);
    CHECK(made.body["arrears_instalment_pence"] == 432);  // 10,363 / 24, rounded up
    CHECK(made.body["instalments"] == 24);
    CHECK(made.body["within_two_years"] == true);
    CHECK(fixture.rows("SELECT COUNT(*) FROM enforcement_actions WHERE status = 'withdrawn'") == 1);
    CHECK(fixture.rows("SELECT COUNT(*) FROM enforcement_action_events WHERE event = 'withdraw' AND command_id IS NOT NULL"
                       " AND note = 'arrears agreement 1 made'") == 1);
    CHECK(fixture.rows("SELECT COUNT(*) FROM case_notices WHERE kind = 'arrears_agreement_made'") == 1);

    // Everything owed is paid before the next instalment's check: the agreement is complete.
    fixture.clock.set(day("2025-03-15"));
    REQUIRE(fixture.record_payment("pays-all", fixture.case_number,
                                   {{"amount_pence", 30'000}, {"received_on", "2025-03-15"},
                                    {"method", "debit_card"}, {"reference", "CARD-1"}})
                .status == 201);
    fixture.clock.set(day("2025-03-20"));
    const auto closed = fixture.close_through("2025-03-18");
    CHECK(closed.missed_payments == 0);
    CHECK(closed.proposals == 0);
    CHECK(fixture.rows("SELECT COUNT(*) FROM arrears_agreements WHERE status = 'completed' AND status_on = '2025-03-18'"
                       " AND ended_by_job IS NOT NULL") == 1);
    CHECK(fixture.rows("SELECT COUNT(*) FROM case_notices WHERE kind = 'arrears_agreement_completed'") == 1);

    // A kill after the day's work but before it was marked closed: the rerun repeats nothing.
    testing::sql_exec(fixture.path, "DELETE FROM closed_days WHERE closed_day = '2025-03-18'");
    fixture.close_through("2025-03-18");
    CHECK(fixture.rows("SELECT COUNT(*) FROM case_notices WHERE kind = 'arrears_agreement_completed'") == 1);
    CHECK(fixture.rows("SELECT COUNT(*) FROM arrears_agreements WHERE status = 'completed'") == 1);

    // Nothing in arrears now: a new agreement is refused, and nothing is written.
    const auto nothing_owed = fixture.agree("again", {{"net_income_per_period_pence", 120'000}});
    CHECK(nothing_owed.status == 409);
    CHECK(fixture.rows("SELECT COUNT(*) FROM arrears_agreements") == 1);
    CHECK_FALSE(fixture.store->check().has_value());
}

TEST_CASE("an agreement is refused beside an order in force and on Direct Pay") {
    agreement_fixture fixture;
    fixture.clock.set(day("2025-02-26"));
    fixture.close_through("2025-02-25");
    const auto applied = fixture.run([&](services::outcome_callback done) {
        fixture.enforcement.apply_step(
            services::parse_apply_enforcement(
                {{"step", "deduction_from_earnings_order"},
                 {"employer", {{"name", "Acme Ltd"}, {"net_earnings_pence", 150'000}, {"pay_frequency", "monthly"}}}},
                core::case_id{fixture.case_number}),
            {"deo", "alice"}, std::move(done));
    });
    REQUIRE(applied.status == 201);
    const auto beside_order = fixture.agree("beside", {{"net_income_per_period_pence", 120'000}});
    CHECK(beside_order.status == 409);
    CHECK(beside_order.body["detail"].get<std::string>().find("deduction_from_earnings_order") != std::string::npos);

    const auto direct_pay = fixture.open_family("dp-", "direct_pay");
    const auto on_direct_pay = fixture.run([&](services::outcome_callback done) {
        fixture.enforcement.make_arrears_agreement(
            services::parse_arrears_agreement({{"net_income_per_period_pence", 120'000}}, core::case_id{direct_pay}),
            {"dp", "alice"}, std::move(done));
    });
    CHECK(on_direct_pay.status == 409);
    CHECK(fixture.rows("SELECT COUNT(*) FROM arrears_agreements") == 0);
}

TEST_CASE("the statement lists the enforcement beside the ledger: the missed payment, the proposal, the agreement") {
    agreement_fixture fixture;
    fixture.clock.set(day("2025-02-26"));
    fixture.close_through("2025-02-14");
    fixture.close_through("2025-02-25");
    REQUIRE(fixture.agree("agreed", {{"net_income_per_period_pence", 120'000}}).status == 201);
    services::statement_page_request range{day("2025-02-01"), day("2025-02-28"), 1, 100};
    const auto read = services::read_statement(fixture.readers, core::case_id{fixture.case_number}, range);
    const auto* page = std::get_if<services::statement_page>(&read);
    REQUIRE(page != nullptr);
    REQUIRE(page->events.missed_payments.size() == 1);
    CHECK(page->events.missed_payments[0].due_date == day("2025-02-15"));
    REQUIRE(page->events.actions.size() == 1);  // proposed on the 25th, withdrawn on the 26th
    CHECK(page->events.actions[0].events.size() == 2);
    REQUIRE(page->events.agreements.size() == 1);
    CHECK(page->events.notices.size() == 4);  // contact, arrears notice, proposal, agreement made

    // A range before any of it shows none of it.
    services::statement_page_request january{day("2025-01-01"), day("2025-01-31"), 1, 100};
    const auto early = services::read_statement(fixture.readers, core::case_id{fixture.case_number}, january);
    const auto* before = std::get_if<services::statement_page>(&early);
    REQUIRE(before != nullptr);
    CHECK(before->events.actions.empty());
    CHECK(before->events.notices.empty());
    CHECK(before->events.agreements.empty());
}
