// The ledger's invariants are checked after every command, before it commits: a command whose
// postings would break a limit is rolled back with everything it wrote, answered 500, and the
// service goes on. The case that found it was a payment dated the last day of an accrued month
// (issue #12 defect 1, now allocated correctly: tests/services/payment_dating_test.cpp); here a
// command posts a leg that settles more maintenance than is due, as such a bug would.
#include <doctest/doctest.h>

#include <future>

#include "persistence/ledger_repository.hpp"
#include "persistence/unit_of_work.hpp"
#include "services/commands/command_submission.hpp"
#include "services/ledger/accrual_job.hpp"
#include "services/ledger/ledger_invariants.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "support/broken_postings.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

TEST_CASE("a command whose posting would break a ledger limit is rolled back and answered 500, and the service goes on") {
    testing::service_fixture fixture;
    const std::int64_t case_number = fixture.open_family();  // opened 2025-01-15
    fixture.clock.set(*core::parse_iso_date("2025-03-05"));
    services::accrual_job_options options;
    options.through = *core::parse_iso_date("2025-02-28");
    REQUIRE(services::run_accrual_job(services::writer_transactions(fixture.writer),
                                      services::load_collection_fees(std::nullopt), options, nullptr)
                .status == "succeeded");
    const int commands_before = fixture.count("command_journal");

    // Settles 2,000,000p of maintenance out of 2,000,000p received: far more than is due.
    const core::case_id for_case{case_number};
    const core::civil_date on = fixture.clock.today();
    const auto broken_posting = [for_case, on](persistence::unit_of_work& work, core::command_id cause) {
        work.ledger().insert_posting(
            testing::over_settling_payment_legs(for_case, cause, on, core::money::from_pence(2'000'000)));
        return services::answer{services::answer_kind::created, "{}"};
    };
    std::promise<services::command_outcome> answered;
    services::submit_command(fixture.writer, on, "test_broken_posting", "{}", {"broken", "tester"}, broken_posting,
                             [&answered](services::command_outcome outcome) { answered.set_value(std::move(outcome)); });
    const auto refused = testing::render(answered.get_future().get());
    CHECK(refused.status == 500);
    // Nothing of it is kept: no journal entry, no posting; the ledger is whole.
    CHECK(fixture.count("command_journal") == commands_before);
    {
        auto session = fixture.readers.borrow();
        CHECK_NOTHROW(services::check_case_ledger(session->ledger(), for_case));
    }
    CHECK_FALSE(fixture.store->check().has_value());
    // The service goes on: the case is read and paid as before.
    CHECK(fixture.shown_case(case_number).status == 200);
    nlohmann::json today = testing::payment_body(1'950);
    today["received_on"] = "2025-03-05";
    CHECK(fixture.record_payment("today", case_number, today).status == 201);
}

TEST_CASE("check_case_ledger names the rule a stored ledger breaks") {
    testing::service_fixture fixture;
    const std::int64_t case_number = fixture.open_family();
    // A payment straight into the ledger, allocating more maintenance than was ever due.
    const core::case_id for_case{case_number};
    const auto cause = core::transfer_cause::from_command(core::command_id{1});
    const core::civil_date on = *core::parse_iso_date("2025-01-15");
    const core::transfer legs[] = {
        core::make_transfer(for_case, core::account_ref{core::account_kind::cash_received, 0},
                            core::account_ref{core::account_kind::payments_unallocated, 0}, core::money::from_pence(500),
                            core::transfer_code::payment_received, 0, cause, on),
        core::make_transfer(for_case, core::account_ref{core::account_kind::payments_unallocated, 0},
                            core::account_ref{core::account_kind::maintenance_due, 0}, core::money::from_pence(500),
                            core::transfer_code::payment_allocated, 1, cause, on),
    };
    fixture.writer.execute([&](persistence::unit_of_work& work) { REQUIRE(work.ledger().insert_posting(legs)); });
    auto session = fixture.readers.borrow();
    CHECK(session->ledger().cases_posted_by_command(core::command_id{1}) == std::vector<core::case_id>{for_case});
    CHECK(session->ledger().cases_posted_by_command(core::command_id{2}).empty());
    CHECK_THROWS_WITH_AS(services::check_case_ledger(session->ledger(), for_case),
                         doctest::Contains("account maintenance_due of receiving parent slot 0 would go beyond its limit"),
                         services::ledger_invariant_violation);
}
