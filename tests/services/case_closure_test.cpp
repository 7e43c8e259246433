// Closing a case: liability stops from the effective date, the month it falls in charged by the
// day, nothing after; the case shows it is closed; arrears stay collectable; and what cannot be
// done (a closed case again, a day already charged, a date outside the case) is refused, writing
// nothing.
#include <doctest/doctest.h>

#include "services/http/case_details_view.hpp"
#include "services/ledger/accrual_job.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "support/service_fixture.hpp"

using namespace cms;

namespace {

core::civil_date day(const char* text) { return *core::parse_iso_date(text); }

struct closure_fixture : testing::service_fixture {
    std::int64_t case_number = open_family();  // 2025-01-15, £19.50 a week, Collect and Pay

    void accrue_through(const char* through) {
        services::accrual_job_options options;
        options.through = day(through);
        REQUIRE(services::run_accrual_job(services::writer_transactions(writer),
                                          services::load_collection_fees(std::nullopt), options, nullptr)
                    .status == "succeeded");
    }
    testing::rendered_outcome close(const std::string& key, const char* effective_date,
                                    const char* reason = "receiving_parent_asked") {
        return run([&](services::outcome_callback done) {
            cases.close_case(services::parse_close_case({{"reason", reason}, {"effective_date", effective_date}},
                                                        core::case_id{case_number}),
                             {key, "alice"}, std::move(done));
        });
    }
    core::money charged() {
        const auto balances =
            services::balances_as_of(readers.borrow()->ledger(), core::case_id{case_number}, clock.today());
        return balances.totals({core::account_kind::maintenance_due, 0}).debits;
    }
};

}  // namespace

TEST_CASE("a closure mid-month charges that month by the day and nothing after") {
    closure_fixture fixture;
    fixture.accrue_through("2025-01-31");
    fixture.clock.set(day("2025-02-20"));
    const auto closed = fixture.close("close-1", "2025-02-10", "parents_live_together");
    INFO(closed.body.dump());
    REQUIRE(closed.status == 200);
    CHECK(closed.body["status"] == "closed");
    CHECK(closed.body["effective_date"] == "2025-02-10");

    // February is charged for 1 to 9 February only: through 9 February 26 days x 1950 / 7 =
    // 7242.86 -> 7243p, less January's 4736p = 2507p. March charges nothing.
    fixture.clock.set(day("2025-04-02"));
    fixture.accrue_through("2025-03-31");
    CHECK(fixture.charged().pence() == 7'243);
    const auto shown = testing::render(fixture.cases.get_case(core::case_id{fixture.case_number}),
                                       services::case_details_view);
    CHECK(shown.body["status"] == "closed");
    CHECK(shown.body["closure"]["reason"] == "parents_live_together");
    // Arrears stay collectable: a payment on the closed case is taken and settles them.
    REQUIRE(fixture.record_payment("after", fixture.case_number,
                                   {{"amount_pence", 1'000}, {"received_on", "2025-04-02"}, {"method", "debit_card"},
                                    {"reference", "late"}})
                .status == 201);
    CHECK_FALSE(fixture.store->check().has_value());
}

TEST_CASE("a closure that cannot be done is refused and writes nothing") {
    closure_fixture fixture;
    fixture.accrue_through("2025-01-31");
    fixture.clock.set(day("2025-02-20"));
    const int journal = fixture.count("command_journal");
    const auto charged = fixture.close("c1", "2025-01-20");
    CHECK(charged.status == 409);
    CHECK(charged.body["field"] == "effective_date");
    CHECK(charged.body["detail"].get<std::string>().find("2025-02-01") != std::string::npos);
    CHECK(fixture.close("c2", "2025-01-01").status == 422);   // before the case opened
    const auto opening_day = fixture.close("c2b", "2025-01-15");  // the day its liability began
    CHECK(opening_day.status == 409);
    CHECK(opening_day.body["detail"].get<std::string>().find("2025-01-16") != std::string::npos);
    CHECK(fixture.close("c3", "2025-02-21").status == 422);   // after the business date
    CHECK(fixture.count("command_journal") == journal);
    CHECK(fixture.count("case_closures") == 0);
    REQUIRE(fixture.close("c4", "2025-02-20").status == 200);
    CHECK(fixture.close("c5", "2025-02-20").status == 409);   // already closed
    CHECK(fixture.count("case_closures") == 1);
}
