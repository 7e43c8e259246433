// The accrual batch over a real database: exact amounts across a supersession, idempotent
// reruns, catch-up one month at a time, and a failing case recorded while the rest go on.
#include <doctest/doctest.h>

#include "persistence/unit_of_work.hpp"
#include "persistence/case_repository.hpp"
#include "persistence/journal_repository.hpp"
#include "persistence/ledger_repository.hpp"
#include "services/ledger/accrual_job.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

const std::vector<core::collection_fee_row> fees = services::load_collection_fees(std::nullopt);

core::civil_date day(const char* text) { return *core::parse_iso_date(text); }

services::accrual_job_result accrue(testing::service_fixture& fixture, const char* through) {
    services::accrual_job_options options;
    options.through = day(through);
    options.chunk_cases = 2;  // small chunks so several commits happen even in a small test
    options.read_ahead_store = fixture.store.get();  // as the CLI and server run it: reading ahead
    return services::run_accrual_job(services::writer_transactions(fixture.writer), fees, options, nullptr);
}

/// The (maintenance, fee) a case was charged for one month, from its stored posting.
std::pair<std::int64_t, std::int64_t> month_charge(testing::service_fixture& fixture, std::int64_t case_number,
                                                   const char* first_day, const char* last_day) {
    std::int64_t maintenance = 0;
    std::int64_t fee = 0;
    auto session = fixture.readers.borrow();
    for (const auto& posting : session->ledger().list_postings(core::case_id{case_number}, day(first_day), day(last_day))) {
        for (const auto& leg : posting.legs) {
            if (leg.code == core::transfer_code::maintenance_accrued) maintenance += leg.amount.pence();
            if (leg.code == core::transfer_code::collection_fee_accrued) fee += leg.amount.pence();
        }
    }
    return {maintenance, fee};
}

void supersede(testing::service_fixture& fixture, std::int64_t case_number, const char* from, std::int64_t weekly_pence) {
    fixture.writer.execute([&](persistence::unit_of_work& work) {
        const auto command = work.journal().append_command(
            {std::string("supersede-") + from, "test_supersession", "tester", from, "{}"});
        work.journal().record_command_outcome(command, 201, "{}");
        work.cases().append_liability_terms(core::case_id{case_number}, 0, day(from),
                                            core::money::from_pence(weekly_pence), std::nullopt, command);
    });
}

}  // namespace

TEST_CASE("a supersession mid-month is accrued exactly from its date, with the 20% fee") {
    testing::service_fixture fixture;  // business date 2025-01-15: the case opens then
    const std::int64_t case_number = fixture.open_family();
    REQUIRE(fixture.shown_case(case_number).body["weekly_amount_pence"] == 1'950);
    supersede(fixture, case_number, "2025-02-10", 7'000);

    const auto result = accrue(fixture, "2025-02-28");
    CHECK(result.status == "succeeded");
    CHECK(result.periods_completed == 2);  // January (from the 15th) and February

    // January: 17 days (15th..31st) at £19.50 a week: 1950 x 17 / 7 = 4735.71 -> 4736p.
    // Fee: 20% of that per day: 1950 x 17 x 0.2 / 7 = 947.14 -> 947p.
    const auto january = month_charge(fixture, case_number, "2025-01-01", "2025-01-31");
    CHECK(january.first == 4'736);
    CHECK(january.second == 947);
    // Rounded cumulatively from the start of liability: 26 days at 1950 (15 Jan..9 Feb) and 19
    // days at 7000 (10..28 Feb) = (50700 + 133000) / 7 = 26242.86 -> 26243 in all, so February
    // is 26243 - 4736 = 21507p. Fee in all: 183700 x 0.2 / 7 = 5248.57 -> 5249, February 4302p.
    const auto february = month_charge(fixture, case_number, "2025-02-01", "2025-02-28");
    CHECK(february.first == 21'507);
    CHECK(february.second == 4'302);
}

TEST_CASE("a rerun posts nothing twice, and missed months are caught up one at a time") {
    testing::service_fixture fixture;
    const std::int64_t first = fixture.open_family();
    const auto january = accrue(fixture, "2025-01-31");
    CHECK(january.postings_written == 1);
    const auto again = accrue(fixture, "2025-01-31");
    CHECK(again.status == "succeeded");
    CHECK(again.periods_completed == 0);
    CHECK(again.postings_written == 0);
    CHECK(fixture.count("ledger_postings") == 1);

    // A `through` that is not a month end posts only the months that have ended.
    CHECK(accrue(fixture, "2025-03-30").periods_completed == 1);  // February only
    const auto caught_up = accrue(fixture, "2025-05-31");
    CHECK(caught_up.periods_completed == 3);  // March, April, May
    CHECK(fixture.count("ledger_postings") == 5);
    CHECK(fixture.count("accrual_periods") == 5);
    // Each month's maintenance at the same weekly amount differs only by its days: a 31-day month
    // charges more than a 30-day one.
    CHECK(month_charge(fixture, first, "2025-03-01", "2025-03-31").first >
          month_charge(fixture, first, "2025-04-01", "2025-04-30").first);
}

TEST_CASE("a case the batch cannot process is recorded against the case and job; the rest go on") {
    testing::service_fixture fixture;
    const std::int64_t good = fixture.open_family();
    const std::int64_t bad = fixture.open_family("second-");
    // An absurd stored amount (the API caps it at £3,000 a week) makes the month overflow.
    supersede(fixture, bad, "2025-01-20", 9'000'000'000'000'000'000);

    const auto result = accrue(fixture, "2025-01-31");
    CHECK(result.status == "succeeded");
    CHECK(result.cases_failed == 1);
    CHECK(result.postings_written == 1);
    CHECK(month_charge(fixture, good, "2025-01-01", "2025-01-31").first > 0);
    auto session = fixture.readers.borrow();
    const auto failures = session->jobs().failures_of_case(bad);
    REQUIRE(failures.size() == 1);
    CHECK(failures[0].period == "2025-01");
    CHECK(failures[0].job_id == result.job_id);
    const auto job = session->jobs().find_job(result.job_id);
    REQUIRE(job.has_value());
    CHECK(job->status == "succeeded");
    CHECK(job->cases_failed == 1);
    // The case itself shows it.
    const auto shown = fixture.shown_case(bad);
    REQUIRE(shown.body["batch_failures"].size() == 1);
    CHECK(shown.body["batch_failures"][0]["period"] == "2025-01");
    CHECK(fixture.shown_case(good).body["batch_failures"].empty());
}
