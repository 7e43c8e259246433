// The daily close: a missed instalment found once its grace period ends, with its notices; a step
// proposed a week later while still owed; a rerun after a crash repeats nothing; compliance
// withdraws the proposal.
#include <doctest/doctest.h>

#include <set>

#include "services/enforcement/close_day_job.hpp"
#include "services/policy/enforcement_policy_loader.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "support/database_probe.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

core::civil_date day(const char* text) { return *core::parse_iso_date(text); }

struct close_day_fixture : testing::service_fixture {
    // Opened 2025-01-15, £19.50 a week, monthly from 2025-02-15 (one period after opening).
    std::int64_t case_number = open_family();
    std::vector<core::collection_fee_row> fees = services::load_collection_fees(std::nullopt);
    std::vector<core::missed_payment_policy> policy = services::load_missed_payment_policy(std::nullopt);

    services::close_day_result close_through(const char* through) {
        services::close_day_options options;
        options.through = day(through);
        options.chunk_cases = 1;  // every chunk boundary exercised
        const auto result = services::run_close_day_job(services::writer_transactions(writer), fees, policy, options);
        REQUIRE(result.status == "succeeded");
        return result;
    }
    std::int64_t rows(const std::string& sql) { return testing::sql_integer(path, sql); }
};

}  // namespace

TEST_CASE("the close finds a missed instalment when its grace ends, once, and proposes a step a week later") {
    close_day_fixture fixture;
    // A second family that pays on time is never flagged.
    const auto payer = fixture.open_family("second-");
    fixture.clock.set(day("2025-02-15"));
    REQUIRE(fixture.record_payment("on-time", payer, {{"amount_pence", 20'000}, {"received_on", "2025-02-15"},
                                                      {"method", "standing_order"}, {"reference", "SO-1"}})
                .status == 201);
    fixture.clock.set(day("2025-02-20"));
    CHECK(fixture.close_through("2025-02-14").days_closed == 1);  // the first run closes `through` alone
    // Grace of 3 days: the instalment of 15 February is checked at the close of the 18th.
    const auto on_17th = fixture.close_through("2025-02-17");
    CHECK(on_17th.days_closed == 3);
    CHECK(on_17th.missed_payments == 0);
    const auto on_18th = fixture.close_through("2025-02-18");
    CHECK(on_18th.missed_payments == 1);
    CHECK(fixture.rows("SELECT COUNT(*) FROM missed_payments WHERE case_id = " + std::to_string(fixture.case_number) +
                       " AND due_date = '2025-02-15' AND detected_on = '2025-02-18'") == 1);
    CHECK(fixture.rows("SELECT COUNT(*) FROM case_notices WHERE kind IN ('missed_payment_contact', 'arrears_notice')") == 2);

    // A kill after the day's work but before it was marked closed: the rerun repeats nothing.
    testing::sql_exec(fixture.path, "DELETE FROM closed_days WHERE closed_day = '2025-02-18'");
    CHECK(fixture.close_through("2025-02-18").missed_payments == 0);
    CHECK(fixture.rows("SELECT COUNT(*) FROM missed_payments") == 1);
    CHECK(fixture.rows("SELECT COUNT(*) FROM case_notices") == 2);

    // Seven days after it was found and still owed: a deduction from earnings order is proposed.
    fixture.clock.set(day("2025-02-26"));
    const auto week_on = fixture.close_through("2025-02-25");
    CHECK(week_on.proposals == 1);
    CHECK(fixture.rows("SELECT COUNT(*) FROM enforcement_actions WHERE status = 'proposed' AND job_id IS NOT NULL"
                       " AND step = 'deduction_from_earnings_order' AND case_id = " +
                       std::to_string(fixture.case_number)) == 1);
    testing::sql_exec(fixture.path, "DELETE FROM closed_days WHERE closed_day = '2025-02-25'");
    CHECK(fixture.close_through("2025-02-25").proposals == 0);
    CHECK(fixture.rows("SELECT COUNT(*) FROM enforcement_actions") == 1);
    CHECK_FALSE(fixture.store->check().has_value());
}

TEST_CASE("three instalments paid in full after the missed one stop escalation and withdraw the proposal") {
    close_day_fixture fixture;
    fixture.clock.set(day("2025-02-26"));
    fixture.close_through("2025-02-14");
    CHECK(fixture.close_through("2025-02-25").proposals == 1);
    const auto pay = [&](const char* key, const char* on, std::int64_t pence) {
        fixture.clock.set(day(on));
        REQUIRE(fixture.record_payment(key, fixture.case_number,
                                       {{"amount_pence", pence}, {"received_on", on}, {"method", "debit_card"},
                                        {"reference", key}})
                    .status == 201);
    };
    pay("catch-up", "2025-02-27", 20'000);
    pay("march", "2025-03-15", 10'000);
    pay("april", "2025-04-15", 10'000);
    fixture.clock.set(day("2025-05-01"));
    CHECK(fixture.close_through("2025-04-30").proposals_withdrawn == 0);  // two instalments since: not yet
    pay("may", "2025-05-15", 10'000);
    fixture.clock.set(day("2025-05-17"));
    const auto compliant = fixture.close_through("2025-05-16");
    CHECK(compliant.proposals_withdrawn == 1);
    CHECK(fixture.rows("SELECT COUNT(*) FROM enforcement_actions WHERE status = 'withdrawn'") == 1);
    CHECK(fixture.rows("SELECT COUNT(*) FROM case_notices WHERE kind = 'escalation_stopped'") == 1);
    CHECK(fixture.rows("SELECT COUNT(*) FROM enforcement_action_events WHERE event = 'withdraw' AND job_id IS NOT NULL") == 1);
    CHECK_FALSE(fixture.store->check().has_value());
}

TEST_CASE("the close's scan of schedules due on a day finds exactly the cases core says have an instalment then") {
    close_day_fixture fixture;
    // Every frequency, and monthly anchors on the 29th to 31st that clamp at short month ends.
    const std::vector<std::pair<const char*, const char*>> schedules{
        {"weekly", "2025-01-20"},      {"fortnightly", "2025-01-22"}, {"four_weekly", "2025-01-25"},
        {"monthly", "2025-01-29"},     {"monthly", "2025-01-30"},     {"monthly", "2025-01-31"},
        {"monthly", "2025-02-15"},     {"weekly", "2025-03-03"}};
    int number = 0;
    for (const auto& [frequency, first_due] : schedules) {
        const std::string prefix = "s" + std::to_string(++number) + "-";
        const auto paying = fixture.register_parent(prefix + "p", {{"role", "paying"}, {"full_name", "P " + prefix},
                                                                  {"date_of_birth", "1985-01-01"},
                                                                  {"local_authority_code", "E06000059"}});
        const auto receiving = fixture.register_parent(prefix + "r", {{"role", "receiving"}, {"full_name", "R " + prefix},
                                                                     {"date_of_birth", "1986-01-01"},
                                                                     {"local_authority_code", "E06000059"}});
        const auto opened = fixture.open_case(
            prefix + "c", {{"paying_parent_id", paying.body["id"]}, {"receiving_parent_id", receiving.body["id"]},
                           {"service_type", "collect_and_pay"},
                           {"paying_parent_circumstances", testing::service_fixture::family_circumstances()},
                           {"children", {{{"full_name", "C " + prefix}, {"date_of_birth", "2015-05-05"}}}},
                           {"payment_schedule", {{"frequency", frequency}, {"first_due_date", first_due}}}});
        REQUIRE(opened.status == 201);
    }
    std::int64_t instalments = 0;
    for (core::civil_date due = day("2025-01-15"); due < day("2025-07-01"); due = core::add_days(due, 1)) {
        std::set<std::int64_t> by_core;
        std::set<std::int64_t> by_scan;
        fixture.writer.execute([&](persistence::unit_of_work& work) {
            for (const auto& row : work.enforcement().collect_and_pay_schedules(0, 1'000, due)) {
                if (core::count_due_dates(row.schedule, due, due) == 1) by_core.insert(row.for_case.value);
            }
            for (const auto& row : work.enforcement().collect_and_pay_schedules_due_on(0, 1'000, due, due)) {
                if (core::count_due_dates(row.schedule, due, due) == 1) by_scan.insert(row.for_case.value);
            }
        });
        INFO(core::format_iso_date(due));
        CHECK(by_scan == by_core);
        instalments += static_cast<std::int64_t>(by_core.size());
    }
    CHECK(instalments > 60);  // the days checked hold real instalments, not only empty sets
}
