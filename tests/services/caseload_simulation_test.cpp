// A generated caseload lived day by day (services/simulation/caseload_simulation.hpp): each
// behaviour's payments, the daily close finding what was not paid, and a run stopped and resumed
// giving what one run gives, with nothing recorded twice.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "services/simulation/caseload_simulation.hpp"
#include "support/simulated_families.hpp"

using namespace cms;

using testing::behaving;
using testing::five_families;

namespace {

core::civil_date day(const char* text) { return testing::iso_day(text); }

}  // namespace

TEST_CASE("each behaviour pays its instalments as its profile says, and the close finds what was not paid") {
    five_families families;
    const auto result = families.simulate("2025-01-15", "2025-05-31");
    CHECK(result.days == 137);  // 15 January to 31 May 2025 inclusive: 17 + 28 + 31 + 30 + 31
    CHECK(result.cases_followed == 5);
    CHECK(result.payments_refused == 0);
    CHECK(result.scheduled_jobs_failed == 0);

    // Instalments fall due on the 15th of February, March, April and May.
    const auto on_time = families.payments_of(families.on_time);
    REQUIRE(on_time.size() == 4);
    CHECK(on_time[0].substr(0, 10) == "2025-02-15");
    CHECK(on_time[3].substr(0, 10) == "2025-05-15");
    const auto full = families.amounts_of(families.on_time);
    // £19.50 a week and the 20% collection fee: about £101 a month, never a penny of it nothing.
    for (const std::int64_t amount : full) CHECK((amount > 9'000 && amount < 11'000));
    CHECK(result.payments == 4 + 4 + 4 + 2);
    CHECK(result.paid_pence > 0);

    CHECK(families.payments_of(families.never).empty());

    const auto halves = families.amounts_of(families.part);
    REQUIRE(halves.size() == 4);
    for (std::size_t i = 0; i < 4; ++i) CHECK(halves[i] == full[i] / 2);  // rounded down to the penny

    const auto late = families.payments_of(families.late);
    REQUIRE(late.size() == 4);
    CHECK(late[0] == "2025-02-25 " + std::to_string(full[0]));
    CHECK(late[3] == "2025-05-25 " + std::to_string(full[3]));

    const auto stopped = families.payments_of(families.stops);
    REQUIRE(stopped.size() == 2);
    CHECK(stopped[1].substr(0, 10) == "2025-03-15");

    // The daily close finds the missed instalments of the parents who paid nothing of them, and
    // none of the on-time payer's.
    CHECK(families.missed_payments_of(families.on_time) == 0);
    CHECK(families.missed_payments_of(families.never) >= 3);
    CHECK(families.missed_payments_of(families.stops) >= 1);
}

TEST_CASE("a run stopped and resumed records what one run records, and a rerun records nothing") {
    // The parent who never pays is employed: the deduction from earnings order made on 26 February
    // is active when the first run stops, and its deductions must go on after the resume.
    const auto employ = [](five_families& families) {
        families.profiles[families.never].employed = true;
        families.profiles[families.never].net_weekly_earnings = core::money::from_pence(40'000);
    };
    five_families once;
    employ(once);
    once.simulate("2025-01-15", "2025-05-31");
    REQUIRE(once.payments_of(once.never).size() == 3);  // the employer's March, April and May

    five_families twice;
    employ(twice);
    const auto first = twice.simulate("2025-01-15", "2025-03-20");
    // No --from: it goes on from the day after the last closed day.
    const auto second = twice.simulate(std::nullopt, "2025-05-31");
    CHECK(second.first_day == core::add_days(first.first_day, first.days - 1));
    for (const std::int64_t id : {once.on_time, once.never, once.part, once.late, once.stops}) {
        CHECK(twice.payments_of(id) == once.payments_of(id));
    }
    CHECK(twice.missed_payments_of(twice.never) == once.missed_payments_of(once.never));

    // Days already lived again: every chunk of payments is found in the journal.
    const auto again = twice.simulate("2025-02-01", "2025-05-31");
    CHECK(again.payments == 0);
    CHECK(twice.payments_of(twice.on_time) == once.payments_of(once.on_time));
}

TEST_CASE("a first run starts on the day the earliest case opened; a run needs a first day and a last day not before it") {
    five_families families;
    CHECK_THROWS_AS(families.simulate("2025-03-01", "2025-02-28"), std::invalid_argument);
    CHECK(families.simulate(std::nullopt, "2025-02-20").first_day == day("2025-01-15"));

    five_families unprofiled;
    unprofiled.profiles.clear();  // nothing to follow, and no day ever closed
    CHECK_THROWS_AS(unprofiled.simulate(std::nullopt, "2025-05-31"), std::invalid_argument);
}

TEST_CASE("enforcement acts on parents who pay nothing, as their circumstances allow") {
    five_families families;
    // The parent who never pays is employed (£400 a week net): a deduction from earnings order.
    families.profiles[families.never].employed = true;
    families.profiles[families.never].net_weekly_earnings = core::money::from_pence(40'000);
    // The parent who stopped has an account: a regular deduction order.
    families.profiles[families.stops].has_bank_account = true;
    // The part payer responds to enforcement, and has neither: a liability order is applied for.
    families.profiles[families.part] = behaving(services::payer_behaviour::pays_under_enforcement);
    const auto result = families.simulate("2025-01-15", "2025-08-31");
    INFO(result.enforcement.first_refusal);
    CHECK(result.enforcement.refused == 0);
    CHECK(result.enforcement.applied == 3);
    const auto actions = [&](std::int64_t case_id) {
        return testing::sql_rows(families.fixture.path,
                                 "SELECT step || ' ' || status || ' ' || status_on FROM enforcement_actions WHERE case_id = " +
                                     std::to_string(case_id) + " ORDER BY id");
    };
    const auto methods = [&](std::int64_t case_id) {
        return testing::sql_rows(families.fixture.path, "SELECT received_on || ' ' || method FROM payments WHERE case_id = " +
                                                            std::to_string(case_id) + " ORDER BY received_on, id");
    };
    // February's instalment missed (grace 3 days, proposal 7 days after: the missed-payment policy
    // table): the proposal of a deduction from earnings order on 25 February, acted on the next day.
    const auto employed = actions(families.never);
    REQUIRE(employed.size() == 2);
    CHECK(employed[0] == "deduction_from_earnings_order withdrawn 2025-02-26");
    CHECK(employed[1] == "deduction_from_earnings_order active 2025-02-26");
    // The employer pays over on every due date from March; the parent pays nothing themselves.
    const auto deducted = methods(families.never);
    REQUIRE(deducted.size() == 6);
    for (const auto& row : deducted) CHECK(row.substr(10) == " deduction_from_earnings");
    CHECK(deducted.front().substr(0, 10) == "2025-03-15");

    // Two instalments paid, April's missed: a regular deduction order on the account from 26 April.
    const auto account = actions(families.stops);
    REQUIRE(account.size() == 2);
    CHECK(account[1] == "regular_deduction_order active 2025-04-26");
    const auto stopped = methods(families.stops);
    REQUIRE(stopped.size() == 2 + 4);  // February, March; then the bank's May to August
    CHECK(stopped[2] == "2025-05-15 deduction_from_account");

    // Neither employer nor account: a liability order applied for; the parent pays in full from
    // the first due date once a court grants it (the seeded court decides), and never before.
    const auto court = actions(families.part);
    REQUIRE(court.size() == 2);
    CHECK(court[1].substr(0, 16) == "liability_order ");
    const auto paid = methods(families.part);
    if (court[1].find(" granted ") != std::string::npos) {
        const std::string granted_on = court[1].substr(court[1].size() - 10);
        REQUIRE_FALSE(paid.empty());
        CHECK(paid.front().substr(0, 10) > granted_on);
        CHECK(result.enforcement.court_granted == 1);
    } else {
        CHECK(paid.empty());
    }
    CHECK(result.enforcement.deductions == 6 + 4);
}
